/**
 * Curated source lists (`sources/<name>.yaml`): feeds and sitemaps with their language and kind of
 * source (official, wire, state media, press), validated when read; a bad entry is named with its
 * position and what is wrong, and nothing of the list is registered.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { SOURCE_KINDS } from '../../shared/contracts.js';
import { parseHttpUrl } from '../../shared/identity.js';
import { parseDuration } from './duration.js';

/** Where the shipped lists live: the repository's `sources/` (three levels up from src/ or dist/stages/feeds). */
export const SOURCES_DIR = fileURLToPath(new URL('../../../sources/', import.meta.url));

const SourceSchema = z.object({
  name: z.string().min(1),
  url: z.string().refine((v) => {
    try {
      parseHttpUrl(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
  format: z.enum(['feed', 'sitemap']),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be a language code such as en or ru'),
  kind: z.enum(SOURCE_KINDS),
  every: z
    .string()
    .optional()
    .refine((v) => {
      if (v === undefined) return true;
      try {
        parseDuration(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be a duration such as 15m or 1h'),
  note: z.string().optional(),
});

const SourceListSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .refine((l) => new Set(l.sources.map((s) => parseHttpUrl(s.url).href)).size === l.sources.length, {
    message: 'lists the same URL twice',
    path: ['sources'],
  });

export type Source = z.infer<typeof SourceSchema>;
export type SourceList = z.infer<typeof SourceListSchema>;

/** The file of a preset name (`us-russia`), or the path itself when given a path to a .yaml file. */
export function presetPath(preset: string): string {
  if (/[\\/]|\.ya?ml$/i.test(preset)) return preset;
  if (!/^[a-z0-9-]+$/.test(preset)) throw new Error(`preset "${preset}" is not a name such as us-russia`);
  return `${SOURCES_DIR}${preset}.yaml`;
}

/** Reads and validates a source list; throws naming the file and every problem. */
export async function loadSourceList(preset: string): Promise<SourceList> {
  const path = presetPath(preset);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`source list ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseSourceList(text, path);
}

/** Validates a source list's YAML text; `where` names it in errors. */
export function parseSourceList(text: string, where: string): SourceList {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`source list ${where} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = SourceListSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new Error(`source list ${where} is invalid: ${problems.join('; ')}`);
}
