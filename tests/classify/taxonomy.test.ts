import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createClassifier } from '../../src/stages/classify/classifier.js';
import { validateGazetteer } from '../../src/stages/classify/gazetteer.js';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, validateTaxonomy } from '../../src/stages/classify/taxonomy.js';
import { TaxonomyError } from '../../src/stages/classify/taxonomy-error.js';
import { PermanentError } from '../../src/shared/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-taxonomy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the shipped taxonomy as a plain object, to alter. */
const shipped = () =>
  parse(readFileSync(DEFAULT_TAXONOMY_PATH, 'utf8')) as {
    topics: Array<Record<string, unknown>>;
    relevance: { weights: Record<string, number> };
  };

const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('taxonomy validation', () => {
  it('loads the shipped taxonomy with its eleven topics', () => {
    expect(loadTaxonomy().topics.map((t) => t.id)).toEqual([
      'syria',
      'ukraine',
      'sanctions',
      'chemical-weapons',
      'arms-control',
      'iran',
      'north-korea',
      'terrorism',
      'cyber-election',
      'diplomatic-missions',
      'meeting',
    ]);
  });

  it('names the topic and field of a bad weight', () => {
    const t = shipped();
    (t.topics[5]!.terms as Array<{ weight: unknown }>)[0]!.weight = 'heavy';
    const e = errorOf(() => validateTaxonomy(t));
    expect(e).toBeInstanceOf(TaxonomyError);
    expect(e).toBeInstanceOf(PermanentError);
    expect(e.message).toMatch(/topic "iran" terms\[0\]\.weight/);
  });

  it('names the topic of a pattern that is not a valid regex', () => {
    const t = shipped();
    t.topics[0]!.patterns = [{ regex: '(unclosed', weight: 1 }];
    expect(errorOf(() => validateTaxonomy(t)).message).toMatch(
      /topic "syria" patterns\[0\]\.regex: "\(unclosed" is not a valid regex/,
    );
  });

  it('rejects a topic without terms, a bad id and a duplicate id', () => {
    const t = shipped();
    t.topics.push(
      { id: 'empty' },
      { id: 'Bad Id', terms: [{ phrase: 'x' }] },
      { id: 'syria', terms: [{ phrase: 'Damascus' }] },
    );
    const message = errorOf(() => validateTaxonomy(t)).message;
    expect(message).toMatch(/topic "empty" terms: needs at least one term or pattern/);
    expect(message).toMatch(/topic "Bad Id" id: must be a kebab-case id/);
    expect(
      errorOf(() => validateTaxonomy({ ...t, topics: t.topics.filter((x) => x.id !== 'empty' && x.id !== 'Bad Id') }))
        .message,
    ).toMatch(/topic "syria" id: duplicate topic id/);
  });

  it('requires every relevance weight', () => {
    const t = shipped();
    delete t.relevance.weights.interaction;
    expect(errorOf(() => validateTaxonomy(t)).message).toMatch(/relevance\.weights\.interaction: missing/);
  });

  it('names the file when it cannot be read or parsed', () => {
    expect(errorOf(() => loadTaxonomy(join(dir, 'missing.yaml'))).message).toMatch(/cannot read .*missing\.yaml/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'topics: [unclosed');
    expect(errorOf(() => loadTaxonomy(broken)).message).toMatch(/broken\.yaml is not valid YAML/);
  });

  it('names the entity and field of a bad gazetteer entry', () => {
    const g = {
      adjectives: { us: ['American'], russia: ['Russian'] },
      stateNouns: ['officials'],
      entities: [{ name: 'Kremlin', type: 'building', aliases: [] }],
    };
    expect(errorOf(() => validateGazetteer(g)).message).toMatch(/entity "Kremlin" type/);
    const dangling = { ...g, entities: [{ name: 'Kremlin', type: 'organization', standsFor: 'Russia' }] };
    expect(errorOf(() => validateGazetteer(dangling)).message).toMatch(
      /entity "Kremlin" standsFor: "Russia" is not an entity/,
    );
  });
});

describe('a topic added as data', () => {
  it('is tagged, with evidence, without any code change', () => {
    const t = shipped();
    t.topics.push({
      id: 'energy',
      terms: [
        { phrase: '(gas|oil) pipeline*', weight: 3.5 },
        { phrase: 'Nord Stream', weight: 3.5 },
      ],
    });
    const path = join(dir, 'with-energy.yaml');
    writeFileSync(path, stringify(t));
    const c = createClassifier(loadTaxonomy(path)).classify({
      title: 'U.S. warns Germany over Nord Stream 2',
      text: 'The United States warned on Tuesday that companies working on the Russian gas pipeline could face penalties.',
    });
    expect(c.topics).toContain('energy');
    expect(c.evidence.topics.energy!.map((e) => e.phrase)).toEqual(
      expect.arrayContaining(['Nord Stream', 'gas pipeline']),
    );
  });

  it('is accepted in JSON as well as YAML', () => {
    const path = join(dir, 'taxonomy.json');
    writeFileSync(path, JSON.stringify(shipped()));
    expect(loadTaxonomy(path).topics).toHaveLength(11);
  });
});
