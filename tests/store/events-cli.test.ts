import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiplomaticEvent } from '../../src/stages/events/types.js';
import { openStore } from '../../src/stages/store/open-store.js';
import { runProgram } from '../helpers/run-cli.js';
import { testStoreUrl } from '../helpers/test-services.js';
import { article } from './article-factory.js';

const talks: DiplomaticEvent = {
  type: 'meeting',
  status: 'held',
  us: ['Rex Tillerson'],
  ru: ['Sergei Lavrov'],
  initiator: null,
  place: 'Moscow',
  date: '2017-04-12',
  evidence: '=Tillerson and Lavrov held talks in Moscow on Wednesday.',
};
const call: DiplomaticEvent = {
  ...talks,
  type: 'call',
  place: null,
  date: '2017-05-02',
  evidence: 'Trump and Putin spoke by phone.',
  us: ['Donald Trump'],
  ru: ['Vladimir Putin'],
};

describe('npm run events -- --list', () => {
  const t = testStoreUrl('sqlite');
  const env = { STORE_URL: t.url };

  beforeAll(async () => {
    const store = await openStore(t.url);
    await store.upsertArticles([article('a1', { events: [talks] }), article('a2', { events: [call] })]);
    await store.close();
  });
  afterAll(() => t.drop());

  it('lists the timeline newest first and filters by type and person', async () => {
    const all = await runProgram('cli/events.ts', ['--list', '--json'], env);
    expect(all.code).toBe(0);
    const entries = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; us: string[] });
    expect(entries.map((e) => e.type)).toEqual(['call', 'meeting']);
    const meetings = await runProgram('cli/events.ts', ['--list', '--json', '--type', 'meeting'], env);
    expect(meetings.stdout.trim().split('\n')).toHaveLength(1);
    expect(meetings.stdout).toMatch(/Rex Tillerson/);
  });

  it('exports CSV with a header and formula cells neutralised', async () => {
    const r = await runProgram('cli/events.ts', ['--list', '--csv', '--type', 'meeting'], env);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.split('\r\n');
    expect(header).toMatch(/^id,date,type,status/);
    expect(row).toContain("'=Tillerson and Lavrov held talks");
  });

  it('rejects an unknown event type, naming the flag and the valid types', async () => {
    const r = await runProgram('cli/events.ts', ['--list', '--type', 'summit'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--type: unknown value "summit"; valid: meeting, call, agreement/);
  });
});
