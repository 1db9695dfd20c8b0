/** Dates as people read them: "12 April 2017, 14:05 UTC", and "5 min ago" for recent events. */

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** A time as "12 April 2017, 14:05 UTC"; a bare date ("2017-04-12") as "12 April 2017"; unreadable text as it is. */
export function readableDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return DAY.format(new Date(`${value}T00:00:00Z`));
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${DAY.format(d)}, ${TIME.format(d)} UTC`;
}

/** How long ago (or from now) a moment is, in the largest whole unit: "3 min ago", "in 2 h". */
export function relativeTime(at: number, now: number = Date.now()): string {
  const s = Math.round((at - now) / 1000);
  const abs = Math.abs(s);
  const text =
    abs < 60
      ? `${abs} s`
      : abs < 3600
        ? `${Math.floor(abs / 60)} min`
        : abs < 86_400
          ? `${Math.floor(abs / 3600)} h`
          : `${Math.floor(abs / 86_400)} d`;
  return s < 0 ? `${text} ago` : `in ${text}`;
}
