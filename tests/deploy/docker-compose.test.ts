/**
 * docker-compose.yml and the Dockerfile kept honest against the code: one image for every Parley
 * service, each running the compiled entry point of a package script with valid arguments, setting
 * only variables Parley reads, with a healthcheck, a password on the dashboard, waiting for healthy
 * dependencies and given time to shut down. scripts/compose-smoke.sh brings the same files up on a
 * real Docker engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, parseConfig } from '../../src/shared/config.js';
import { STAGES } from '../../src/pipeline/stages.js';
import { DASHBOARD_CREDENTIALS, loadCompose } from './compose-file.js';

const compose = loadCompose(DASHBOARD_CREDENTIALS);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; scripts: Record<string, string> };
const parleyServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
const WORKER_NAMES = [...STAGES, 'feeds', 'alerts'];

const seconds = (d: string) => Number(/^(\d+)s$/.exec(d)?.[1] ?? NaN);
/** `node --enable-source-maps dist/x.js a b` → the package script running dist/x.js, and the arguments. */
function scriptOf(command: string[]): { script: string | undefined; args: string[] } {
  const entry = command.findIndex((part) => part.endsWith('.js'));
  const run = `exec ${command.slice(0, entry + 1).join(' ')}`;
  return { script: Object.keys(pkg.scripts).find((k) => pkg.scripts[k] === run), args: command.slice(entry + 1) };
}
const workerArgs = (s: { command?: string[] }) =>
  scriptOf(s.command ?? []).script === 'worker' ? scriptOf(s.command!).args : [];

describe('docker-compose.yml', () => {
  it('runs one service per stage, the feed poller, the alerts and the dashboard', () => {
    const workerStages = parleyServices.flatMap(([, s]) => workerArgs(s));
    expect(workerStages.sort()).toEqual([...WORKER_NAMES].sort());
    expect(parleyServices.some(([, s]) => scriptOf(s.command ?? []).script === 'dashboard')).toBe(true);
  });

  it('builds one image, parley:<package version>, for every Parley service', () => {
    const images = new Set(parleyServices.map(([, s]) => s.image));
    expect([...images]).toEqual([`parley:${pkg.version}`]);
  });

  it.each(parleyServices)(
    '%s runs the compiled entry point of a package script, with source maps and valid arguments',
    (_name, s) => {
      const command = s.command ?? [];
      expect(command.slice(0, 2)).toEqual(['node', '--enable-source-maps']);
      const { script, args } = scriptOf(command);
      expect(script, `no package script runs ${command.join(' ')}`).toBeDefined();
      const source = command
        .find((p) => p.endsWith('.js'))!
        .replace(/^dist\//, 'src/')
        .replace(/\.js$/, '.ts');
      expect(existsSync(source), `${source} does not exist`).toBe(true);
      if (script === 'worker') for (const a of args) expect(WORKER_NAMES).toContain(a);
      else expect(args).toEqual([]);
    },
  );

  it.each(parleyServices)('%s sets only variables Parley reads, with values it accepts', (_name, s) => {
    const env = s.environment ?? {};
    for (const key of Object.keys(env)) expect(CONFIG_VARIABLES, `Parley does not read ${key}`).toContain(key);
    expect(() => parseConfig(env)).not.toThrow();
    expect(parseConfig(env).storeUrl).toMatch(/^postgres:\/\//);
  });

  it.each(parleyServices)('%s has a healthcheck that runs the health command for what it depends on', (name, s) => {
    const test = s.healthcheck?.test ?? [];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', 'dist/cli/health.js']);
    // The store worker and the alerts worker (watches live in the store) depend on the store too.
    const expected = name === 'dashboard' ? ['--dashboard'] : name === 'store' || name === 'alerts' ? ['--store'] : [];
    expect(test.slice(3)).toEqual(expected);
    expect(seconds(s.healthcheck?.timeout ?? '')).toBeGreaterThan(3); // the command's own deadline is 3 s
  });

  it.each(parleyServices)('%s waits for healthy Redis and PostgreSQL and has time to shut down', (_name, s) => {
    expect(s.depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    const bound = parseConfig(s.environment ?? {}).shutdownTimeoutMs / 1000;
    expect(seconds(s.stop_grace_period ?? '')).toBeGreaterThan(bound);
  });

  it('refuses to start the dashboard without DASHBOARD_USER and DASHBOARD_PASSWORD, and sets both when given', () => {
    expect(() => loadCompose({ DASHBOARD_USER: 'analyst' })).toThrow(/DASHBOARD_PASSWORD/);
    expect(() => loadCompose({ DASHBOARD_PASSWORD: 'x' })).toThrow(/DASHBOARD_USER/);
    expect(() => loadCompose({ DASHBOARD_USER: '', DASHBOARD_PASSWORD: '' })).toThrow(/DASHBOARD_USER/);
    const config = parseConfig(compose.services.dashboard?.environment ?? {});
    expect(config.dashboard.auth).toEqual({ user: 'analyst', password: 'a-test-password' });
  });

  it('.env.example names every variable the compose file needs', () => {
    const example = readFileSync('.env.example', 'utf8');
    const needed = [...readFileSync('docker-compose.yml', 'utf8').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]);
    for (const name of new Set(needed)) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('mounts the feeds list into the feed poller, read-only, where FEEDS_FILE points', () => {
    const feeds = compose.services.feeds!;
    const file = feeds.environment?.FEEDS_FILE ?? '';
    const mount = (feeds.volumes ?? [])
      .map((v) => v.split(':'))
      .find(([, target]) => `/app/${file}`.startsWith(`${target}/`));
    expect(mount, `no volume holds ${file}`).toBeDefined();
    expect(mount![2]).toBe('ro');
    expect(existsSync(`${mount![0]}/feeds.example.json`)).toBe(true);
  });

  it('gives Redis and PostgreSQL healthchecks, and Redis persistence without eviction', () => {
    const { redis, postgres } = compose.services;
    expect(redis?.healthcheck).toBeDefined();
    expect(postgres?.healthcheck).toBeDefined();
    expect(redis?.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis?.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';
  const nodeMajor = Number(/^ARG NODE_MAJOR=(\d+)/m.exec(dockerfile)?.[1]);
  const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;

  it('builds on the Node LTS line that package.json engines names, and the README says so', () => {
    expect(nodeMajor).toBeGreaterThanOrEqual(24);
    expect(nodeMajor % 2).toBe(0); // even majors become LTS
    expect(engines).toBe(`>=${nodeMajor}`);
    expect(readFileSync('README.md', 'utf8')).toContain(`Node ${nodeMajor}`);
  });

  it('compiles in a build stage and runs the compiled code, with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/npm run build/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/^node:\$\{NODE_MAJOR\}-bookworm-slim/);
    expect(runtime).not.toMatch(/^(COPY|ADD) (?!--from=build).*\bsrc\b/m);
    expect(runtime).not.toMatch(/npm (ci|install)|tsx|typescript/);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/main\.js"\]/m);
    for (const path of ['dist', 'node_modules', 'data/seeds', 'package.json']) expect(runtime).toContain(path);
  });

  it('runs as a non-root user with /app/data a volume it owns, and checks the dashboard health', () => {
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
    expect(runtime).toMatch(/chown node:node \/app\/data/);
    expect(runtime).toMatch(/^VOLUME \["\/app\/data"\]/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "dist\/cli\/health\.js", "--dashboard"\]/m);
  });
});
