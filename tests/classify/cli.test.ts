import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledProgram } from '../helpers/run-cli.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'parley-classify-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  run(process.execPath, ['--enable-source-maps', compiledProgram('cli/classify.ts'), ...args], { cwd: process.cwd() });

const CALL = {
  id: 'a1',
  title: 'Lavrov, Tillerson discuss Syria in phone call',
  text: 'MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State Rex Tillerson discussed Syria in a telephone call on Saturday, the Russian Foreign Ministry said.',
};
const OTHER = {
  id: 'a2',
  title: 'Kenya opposition to boycott re-run',
  text: 'NAIROBI (Reuters) - The Kenyan opposition said it would boycott the election re-run.',
};

describe('npm run classify', () => {
  it('--jsonl IN --out OUT writes one classification line per article', async () => {
    const input = join(dir, 'in.jsonl');
    const output = join(dir, 'out.jsonl');
    writeFileSync(input, [CALL, OTHER].map((d) => JSON.stringify(d)).join('\n') + '\n');
    await cli('--jsonl', input, '--out', output);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a1', 'a2']);
    for (const l of lines)
      expect(Object.keys(l).sort()).toEqual([
        'entities',
        'evidence',
        'id',
        'language',
        'relevance',
        'relevant',
        'topics',
      ]);
    expect(lines[0].relevant).toBe(true);
    expect(lines[0].topics).toContain('meeting');
    expect(lines[1].relevant).toBe(false);
  });

  it('--jsonl without --out writes to stdout; a bad line names its line number', async () => {
    const input = join(dir, 'bad.jsonl');
    writeFileSync(input, `${JSON.stringify(OTHER)}\n{not json\n`);
    const err = await cli('--jsonl', input).catch((e: { stdout: string; stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/bad\.jsonl:2: not JSON/);
    expect((err as { stdout: string }).stdout).toContain('"id":"a2"');
  });

  it('--text FILE prints the relevance and each topic with its evidence', async () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, `${CALL.title}\n\n${CALL.text}\n`);
    const { stdout } = await cli('--text', file);
    expect(stdout).toMatch(/relevance 0\.\d+ → RELEVANT/);
    expect(stdout).toMatch(/^ {2}meeting$/m);
    expect(stdout).toMatch(/\[title\] "phone call"/);
    expect(stdout).toMatch(/Sergei Lavrov \(person\)/);
  });
});
