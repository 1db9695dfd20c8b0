/**
 * There is no Docker engine here, so docker-compose.yml is kept honest against the code: every
 * Parley service runs a real package script with valid arguments, sets only variables Parley reads
 * (with values Parley accepts), waits for healthy dependencies, and is given time to shut down.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, parseConfig } from '../../src/shared/config.js';
import { STAGES } from '../../src/pipeline/stages.js';

interface Service {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  stop_grace_period?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const parleyServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

const seconds = (d: string) => Number(/^(\d+)s$/.exec(d)?.[1] ?? NaN);

describe('docker-compose.yml', () => {
  it('runs one service per stage, the feed poller and the dashboard', () => {
    const workerStages = parleyServices
      .filter(([, s]) => s.command?.[2] === 'worker')
      .flatMap(([, s]) => s.command!.slice(4));
    expect(workerStages.sort()).toEqual([...STAGES, 'feeds'].sort());
    expect(parleyServices.some(([, s]) => s.command?.[2] === 'dashboard')).toBe(true);
  });

  it.each(parleyServices)('%s runs a package script with valid arguments', (_name, s) => {
    const [npm, run, script, dashdash, ...args] = s.command ?? [];
    expect([npm, run]).toEqual(['npm', 'run']);
    expect(scripts[script!], `no package script "${script}"`).toBeDefined();
    if (script === 'worker') {
      expect(dashdash).toBe('--');
      for (const a of args) expect([...STAGES, 'feeds']).toContain(a);
    }
  });

  it.each(parleyServices)('%s sets only variables Parley reads, with values it accepts', (_name, s) => {
    const env = s.environment ?? {};
    for (const key of Object.keys(env)) expect(CONFIG_VARIABLES, `Parley does not read ${key}`).toContain(key);
    expect(() => parseConfig(env)).not.toThrow();
    expect(parseConfig(env).storeUrl).toMatch(/^postgres:\/\//);
  });

  it.each(parleyServices)('%s waits for healthy Redis and PostgreSQL and has time to shut down', (_name, s) => {
    expect(s.depends_on).toEqual({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    const bound = parseConfig(s.environment ?? {}).shutdownTimeoutMs / 1000;
    expect(seconds(s.stop_grace_period ?? '')).toBeGreaterThan(bound);
  });

  it('gives Redis and PostgreSQL healthchecks, and Redis persistence without eviction', () => {
    const { redis, postgres } = compose.services;
    expect(redis?.healthcheck).toBeDefined();
    expect(postgres?.healthcheck).toBeDefined();
    expect(redis?.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis?.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it('the Dockerfile copies what the services need and runs as a non-root user', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    for (const path of ['src', 'data/seeds', 'package.json']) expect(dockerfile).toContain(path);
  });
});
