/**
 * docker-compose.yml as compose reads it: `${VAR}`, `${VAR:-default}` and `${VAR:?message}` filled
 * from the given environment (a missing `:?` variable throws its message, as compose refuses to
 * start), then YAML with merge keys.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; start_period?: string; retries?: number };
  stop_grace_period?: string;
  volumes?: string[];
  ports?: string[];
}

export const COMPOSE_TEXT = readFileSync('docker-compose.yml', 'utf8');

const VARIABLE = /\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g;

export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (_all, name: string, op: string | undefined, arg: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (op === ':?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op === ':-' ? (arg ?? '') : '';
  });
}

export function loadCompose(env: Record<string, string | undefined>): { services: Record<string, ComposeService> } {
  return parse(interpolate(COMPOSE_TEXT, env), { merge: true }) as { services: Record<string, ComposeService> };
}

/** The variables a dashboard needs to start under compose, for tests. */
export const DASHBOARD_CREDENTIALS = { DASHBOARD_USER: 'analyst', DASHBOARD_PASSWORD: 'a-test-password' };
