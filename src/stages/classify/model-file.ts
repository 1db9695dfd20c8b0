/**
 * The fitted weights of the classifier (classifier-model.json beside this file, written by
 * tools/fit-classifier.ts), validated with zod: the relevance model and, for the topics where
 * cross-validation chose one, a per-topic model over the taxonomy rule score and words.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LinearModel } from './logistic.js';
import { readDataFile } from './taxonomy.js';
import { TaxonomyError } from './taxonomy-error.js';

/** The model shipped with the stage. */
export const DEFAULT_MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'classifier-model.json');

const linearModel = z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) }).strict();

const fitSettings = z
  .object({
    folds: z.number().int().min(2),
    relevance: z
      .object({
        words: z.boolean(),
        l2: z.number().positive(),
        l2Words: z.number().positive(),
        minDocs: z.number().int().min(1),
      })
      .strict(),
    topics: z
      .object({
        words: z.boolean(),
        l2: z.number().positive(),
        l2Words: z.number().positive(),
        minDocs: z.number().int().min(1),
        fitted: z.array(z.string()),
      })
      .strict(),
  })
  .strict();

/** How a model file was fitted: the settings cross-validation chose, so the quality gate can rerun them. */
export type FitSettings = z.infer<typeof fitSettings>;

const modelFileSchema = z
  .object({
    about: z.string().optional(),
    fit: fitSettings.optional(),
    relevance: linearModel,
    topics: z.record(z.string(), linearModel).default({}),
  })
  .strict();

/** A validated model file. */
export interface ClassifierModel {
  about?: string;
  fit?: FitSettings;
  relevance: LinearModel;
  /** Topic id → its fitted model; topics absent here are tagged by their taxonomy rules alone. */
  topics: Record<string, LinearModel>;
}

/** Validates a parsed model file. */
export function validateModel(raw: unknown, source = 'model'): ClassifierModel {
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw new TaxonomyError(`invalid classifier model ${source}:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Loads and validates a model file; the shipped one by default. */
export function loadModel(path: string = DEFAULT_MODEL_PATH): ClassifierModel {
  return validateModel(readDataFile(path), path);
}
