/**
 * The gazetteer of named entities (gazetteer.yaml beside this file), validated with zod.
 * Errors name the entity and field: `entity "Sergei Lavrov" aliases[1]: ...`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENTITY_TYPES } from '../../shared/contracts.js';
import { compilePhrase, regexError } from './phrase-pattern.js';
import { readDataFile } from './taxonomy.js';
import { TaxonomyError } from './taxonomy-error.js';

/** The gazetteer shipped with the stage. */
export const DEFAULT_GAZETTEER_PATH = join(dirname(fileURLToPath(import.meta.url)), 'gazetteer.yaml');

const side = z.enum(['us', 'russia']);
const entitySchema = z
  .object({
    name: z.string().trim().min(1),
    type: z.enum(ENTITY_TYPES),
    actor: side.optional(),
    standsFor: z.string().min(1).optional(),
    aliases: z.array(z.string().trim().min(1)).default([]),
    /** Russian names and titles, in the taxonomy's phrase syntax with lang ru (inflection by pattern). */
    ru: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

/** Russian demonyms, state nouns and words of place, as phrases with lang ru. */
const russianSchema = z
  .object({
    adjectives: z.object({ us: z.array(z.string().min(1)), russia: z.array(z.string().min(1)) }).strict(),
    stateNouns: z.array(z.string().min(1)).min(1),
    /** Words after which a capital is a place ("в Москве"), not the state speaking. */
    locatives: z.array(z.string().min(1)).default([]),
  })
  .strict();

const gazetteerSchema = z
  .object({
    adjectives: z.object({ us: z.array(z.string().min(1)), russia: z.array(z.string().min(1)) }).strict(),
    stateNouns: z.array(z.string().min(1)).min(1),
    titles: z.array(z.string().min(1)).default([]),
    personCues: z.array(z.string().min(1)).default([]),
    entities: z.array(entitySchema).min(1),
    ru: russianSchema.optional(),
  })
  .strict();

/** A validated gazetteer. */
export type Gazetteer = z.infer<typeof gazetteerSchema>;
/** One gazetteer entry. */
export type GazetteerEntity = Gazetteer['entities'][number];

/** Validates a parsed gazetteer; `standsFor` must name another entry. */
export function validateGazetteer(raw: unknown, source = 'gazetteer'): Gazetteer {
  const parsed = gazetteerSchema.safeParse(raw);
  if (!parsed.success) {
    const entities = (raw as { entities?: Array<{ name?: unknown }> })?.entities;
    const lines = parsed.error.issues.map((i) => {
      const [head, index, ...rest] = i.path;
      if (head === 'entities' && typeof index === 'number') {
        const name = entities?.[index]?.name;
        const label = typeof name === 'string' ? `entity "${name}"` : `entities[${index}]`;
        return `${label} ${rest.map(String).join('.') || '(the entry itself)'}: ${i.message}`;
      }
      return `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`;
    });
    throw new TaxonomyError(`invalid gazetteer ${source}:\n  ${lines.join('\n  ')}`);
  }
  const names = new Set(parsed.data.entities.map((e) => e.name));
  const problems = parsed.data.entities
    .filter((e) => e.standsFor && !names.has(e.standsFor))
    .map((e) => `entity "${e.name}" standsFor: ${JSON.stringify(e.standsFor)} is not an entity of the gazetteer`);
  for (const e of parsed.data.entities) {
    e.ru.forEach((p, i) => {
      const err = regexError(compilePhrase(p, 'ru').source, true);
      if (err) problems.push(`entity "${e.name}" ru[${i}]: ${JSON.stringify(p)} does not compile: ${err}`);
    });
  }
  if (problems.length) throw new TaxonomyError(`invalid gazetteer ${source}:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}

/** Loads and validates a gazetteer file; the shipped one by default. */
export function loadGazetteer(path: string = DEFAULT_GAZETTEER_PATH): Gazetteer {
  return validateGazetteer(readDataFile(path), path);
}
