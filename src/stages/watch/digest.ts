/**
 * Digest specs: `hourly`, or `daily@HH:MM/Zone` (a named IANA time zone, e.g. daily@08:00/Europe/Berlin).
 * Parsed once, turned into a cron pattern for BullMQ's job scheduler, and the next due time is
 * computed here too so a test (or a fake clock) can say when a digest is due without a scheduler.
 */

export type DigestSpec = { kind: 'hourly' } | { kind: 'daily'; hour: number; minute: number; zone: string };

const DAILY = /^daily@(\d{2}):(\d{2})\/(.+)$/;

/** True when Intl knows the zone name (IANA names such as Europe/Berlin, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The spec, or an error message saying what is wrong with it. */
export function parseDigest(text: string): DigestSpec | { error: string } {
  if (text === 'hourly') return { kind: 'hourly' };
  const m = DAILY.exec(text);
  if (!m)
    return {
      error: `must be "hourly" or "daily@HH:MM/Zone" (e.g. daily@08:00/Europe/Berlin), not ${JSON.stringify(text)}`,
    };
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const zone = m[3]!;
  if (hour > 23 || minute > 59) return { error: `${m[1]}:${m[2]} is not a time of day (00:00–23:59)` };
  if (!isTimeZone(zone))
    return { error: `unknown time zone ${JSON.stringify(zone)} (an IANA name such as Europe/Berlin)` };
  return { kind: 'daily', hour, minute, zone };
}

export function formatDigest(spec: DigestSpec): string {
  if (spec.kind === 'hourly') return 'hourly';
  return `daily@${String(spec.hour).padStart(2, '0')}:${String(spec.minute).padStart(2, '0')}/${spec.zone}`;
}

/** The cron pattern and zone BullMQ's job scheduler repeats the digest on. */
export function cronOf(spec: DigestSpec): { pattern: string; tz: string } {
  if (spec.kind === 'hourly') return { pattern: '0 * * * *', tz: 'UTC' };
  return { pattern: `${spec.minute} ${spec.hour} * * *`, tz: spec.zone };
}

/** Wall-clock fields of `at` in `zone`. */
function wallClock(at: Date, zone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

/** The instant at which the wall clock of `zone` reads y-mo-d h:mi (the earlier one in a DST overlap). */
function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, zone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two corrections settle the zone's offset, including on the days it changes.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(t), zone);
    t += guess - Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
  }
  return new Date(t);
}

const HOUR_MS = 3_600_000;

/** The first time strictly after `now` at which the digest is due. */
export function nextDigestAt(spec: DigestSpec, now: Date): Date {
  if (spec.kind === 'hourly') return new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);
  const today = wallClock(now, spec.zone);
  for (let add = 0; add < 3; add++) {
    const day = new Date(Date.UTC(today.y, today.mo - 1, today.d + add));
    const at = zonedInstant(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      spec.hour,
      spec.minute,
      spec.zone,
    );
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error(`no digest time found after ${now.toISOString()}`);
}
