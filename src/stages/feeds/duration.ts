/**
 * Human durations for settings and CLIs: "30s", "15m", "1h", "1d", "500ms", "1h30m".
 */
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/gy;
const DIGITS_ONLY = /^\d+$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration into milliseconds. A bare number is milliseconds. Throws RangeError naming
 * the input when it is not a duration.
 */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new RangeError(`not a duration: ${input}`);
    return input;
  }
  const text = input.trim().toLowerCase();
  if (DIGITS_ONLY.test(text)) return Number(text);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = PART.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new RangeError(`not a duration: ${JSON.stringify(input)} (use e.g. 30s, 15m, 1h, 1d, 1h30m)`);
  }
  return Math.round(total);
}

/** Formats milliseconds compactly ("1h30m", "45s"), for listings. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  let rest = Math.round(ms / 1_000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
