/**
 * `npm run build`: compiles src/ to dist/ (JavaScript with source maps, for `node --enable-source-maps`)
 * and copies the data files the code reads beside itself (taxonomy, gazetteer, word lists).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (status !== 0) process.exit(status ?? 1);
cpSync('src', 'dist', { recursive: true, filter: (path) => !path.endsWith('.ts') });
// When this build finished: the test set-up rebuilds when a file in src/ is newer.
writeFileSync('dist/.built', new Date().toISOString() + '\n');
