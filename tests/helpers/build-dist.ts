/**
 * Vitest global set-up: the tests that run Parley's npm scripts (`npm start`, `npm run enqueue`, …) run
 * the compiled code in dist/, as users do, so dist/ is built first whenever a file in src/ is newer
 * than the last build (scripts/build.mjs writes dist/.built when it finishes).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync('dist/.built').mtimeMs;
  } catch {
    return 0;
  }
}

export default function buildDist(): void {
  if (builtAt() >= newestMtime('src')) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
}
