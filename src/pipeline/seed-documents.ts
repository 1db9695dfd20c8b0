/**
 * Parley's seed data: the documents in data/seeds/ with their record in seeds.json. They are text,
 * not fetched pages, so they enter the pipeline at the clean stage.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { seedArticleId, seedCanonicalKey } from '../shared/identity.js';
import type { SourceDocument } from '../shared/contracts.js';

/** Where the seed documents live, relative to the project root. */
export const SEED_DIR = 'data/seeds';

const SeedRecordSchema = z.object({
  file: z.string().regex(/^[\w.-]+\.txt$/, 'a .txt file name in the seed folder'),
  source: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  published: z.string().nullable().optional(),
});
const SeedIndexSchema = z.array(SeedRecordSchema).min(1);

/** Reads seeds.json and each document it lists, as payloads for the clean stage. */
export async function loadSeedDocuments(dir = SEED_DIR): Promise<SourceDocument[]> {
  const indexPath = join(dir, 'seeds.json');
  const parsed = SeedIndexSchema.safeParse(JSON.parse(await readFile(indexPath, 'utf8')));
  if (!parsed.success)
    throw new Error(`${indexPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return Promise.all(
    parsed.data.map(async (record) => {
      const name = basename(record.file, '.txt');
      const key = seedCanonicalKey(name);
      return {
        id: seedArticleId(name),
        url: key,
        canonicalUrl: key,
        origin: { kind: 'seed' as const, seedFile: record.file },
        hints: {
          ...(record.title ? { title: record.title } : {}),
          ...(record.published ? { published: record.published } : {}),
          ...(record.source ? { site: record.source } : {}),
        },
        handled: {},
        text: await readFile(join(dir, record.file), 'utf8'),
      };
    }),
  );
}
