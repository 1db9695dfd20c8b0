/**
 * undici Agents whose sockets only connect to addresses the policy allows. Agents are shared
 * between fetches with the same settings so keep-alive connections are reused.
 */
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { AddressPolicy } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';

/** Idle keep-alive sockets are closed after this long; a host is rarely fetched more often than
 * every second (host gate), so a few seconds of reuse is enough. */
const KEEP_ALIVE_TIMEOUT_MS = 4_000;

/** Settings that shape an Agent. */
export interface AgentSettings extends AddressPolicy {
  connectTimeoutMs: number;
  /** DNS resolver to use instead of the system one (tests, custom resolvers). */
  lookup?: LookupFunction;
}

const byKey = new Map<string, Agent>();
const byLookup = new WeakMap<LookupFunction, Map<string, Agent>>();

function keyOf(settings: AgentSettings): string {
  return JSON.stringify([
    settings.connectTimeoutMs,
    settings.allowPrivate,
    settings.allowLinkLocal ?? false,
    settings.allowAddresses ?? [],
  ]);
}

/** The shared Agent for these settings, created on first use. */
export function agentFor(settings: AgentSettings): Agent {
  let pool = byKey;
  if (settings.lookup) {
    pool = byLookup.get(settings.lookup) ?? new Map<string, Agent>();
    byLookup.set(settings.lookup, pool);
  }
  const key = keyOf(settings);
  let agent = pool.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connect: {
        timeout: settings.connectTimeoutMs,
        lookup: guardedLookup(settings, settings.lookup),
      },
    });
    pool.set(key, agent);
  }
  return agent;
}

/** Closes every shared Agent created without a custom lookup (process shutdown). */
export async function closeFetchAgents(): Promise<void> {
  const agents = [...byKey.values()];
  byKey.clear();
  await Promise.all(agents.map((agent) => agent.close()));
}
