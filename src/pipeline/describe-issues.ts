import type { z } from 'zod';

/** Turns a zod failure into one line that names each bad field: `url: must be an absolute http(s) URL`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}
