/**
 * What a process knows about the services it depends on (Redis, the store): up, or down since
 * when and why. Whoever sees a service fail or answer reports it here; the log gets one warning
 * when a service goes down and one line when it is back, however many jobs or probes saw it.
 * /healthz and /metrics read it.
 */
import type { Logger } from './logger.js';

export type Dependency = 'redis' | 'store';

export interface DependencyDown {
  /** When this process first saw it fail (ISO 8601). */
  since: string;
  /** The first failure's message. */
  reason: string;
}

export class DependencyHealth {
  private readonly down = new Map<Dependency, { since: number; reason: string }>();
  private readonly listeners = new Set<(dependency: Dependency, up: boolean) => void>();

  constructor(private readonly log?: Logger) {}

  /** Records a failure; the first one of an outage is logged. */
  markDown(dependency: Dependency, reason: string): void {
    if (this.down.has(dependency)) return;
    const since = Date.now();
    this.down.set(dependency, { since, reason });
    this.log?.warn({ dependency, reason, since: new Date(since).toISOString() }, `${dependency} unreachable`);
    for (const l of this.listeners) l(dependency, false);
  }

  /** Records an answer; the end of an outage is logged with its length. */
  markUp(dependency: Dependency): void {
    const was = this.down.get(dependency);
    if (!was) return;
    this.down.delete(dependency);
    const downForS = Math.round((Date.now() - was.since) / 1000);
    this.log?.info({ dependency, downForS }, `${dependency} reachable again`);
    for (const l of this.listeners) l(dependency, true);
  }

  isDown(dependency: Dependency): boolean {
    return this.down.has(dependency);
  }

  /** The services down now, each with since when and why. */
  snapshot(): Partial<Record<Dependency, DependencyDown>> {
    const out: Partial<Record<Dependency, DependencyDown>> = {};
    for (const [dep, d] of this.down) out[dep] = { since: new Date(d.since).toISOString(), reason: d.reason };
    return out;
  }

  /** When `dependency` went down (epoch ms), or undefined while it is up. */
  downSince(dependency: Dependency): number | undefined {
    return this.down.get(dependency)?.since;
  }

  /** Calls `listener` on every change; returns how to stop. */
  onChange(listener: (dependency: Dependency, up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
