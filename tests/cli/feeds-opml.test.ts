import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOpml } from '../../src/stages/feeds/opml.js';
import { startPipeline, type Harness } from '../helpers/pipeline-harness.js';
import { runProgram } from '../helpers/run-cli.js';

describe('npm run feeds -- import / export (OPML)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startPipeline({ stages: [] });
  });
  afterAll(async () => h?.stop());

  it('imports the feeds an OPML file lists, names the ones refused, and exports the registry as OPML', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parley-opml-')), 'subs.opml');
    writeFileSync(
      file,
      `<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/rss.xml"/>
       <outline text="B" xmlUrl="https://b.example/atom.xml"/><outline text="bad" xmlUrl="ftp://c.example/x"/></body></opml>`,
    );
    const imported = await runProgram('cli/feeds.ts', ['import', file, '--every', '1h'], h.env);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/added https:\/\/a\.example\/rss\.xml \(A\): polled every 1h/);
    expect(imported.stdout).toMatch(/2 of 3 feeds added/);
    expect(imported.stderr).toMatch(/refused ftp:\/\/c\.example\/x/);

    const exported = await runProgram('cli/feeds.ts', ['export'], h.env);
    expect(exported.code).toBe(0);
    expect(
      parseOpml(exported.stdout)
        .map((f) => f.url)
        .sort(),
    ).toEqual(['https://a.example/rss.xml', 'https://b.example/atom.xml']);
  }, 120_000);
});
