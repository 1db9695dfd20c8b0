/**
 * What a delivery says, in each receiver's form: a JSON document for generic webhooks, Slack's
 * `{text, blocks}`, and an email with plain-text and HTML parts. Each lists the stories (with a link
 * to the dashboard) and the timeline events they report, and the timeline entries the watch heard of
 * (with their reports and a link to /events/:id).
 */
import { createHmac } from 'node:crypto';

export interface AlertEvent {
  id: string;
  type: string;
  status: string;
  us: string[];
  ru: string[];
  date: string | null;
  place: string | null;
}

export interface AlertItem {
  id: string;
  title: string;
  url: string;
  site: string | null;
  published: string | null;
  topics: string[];
  /** The start of the text. */
  excerpt: string;
  /** The story on the dashboard. */
  link: string;
  events: AlertEvent[];
}

/** A timeline entry a watch heard of (created, or moved to a new status), with the reports behind it. */
export interface AlertEventItem extends AlertEvent {
  /** The entry on the dashboard (/events/:id). */
  link: string;
  reports: { title: string; url: string; site: string | null; link: string }[];
}

/** A source-health notice: a feed started failing, fell silent, or recovered from either. */
export interface SourceNotice {
  feedUrl: string;
  state: 'failing' | 'silent' | 'recovered';
  /** What was wrong (for recovered: what it recovered from). */
  detail: string;
  /** When the change was noticed (ISO 8601). */
  at: string;
}

export interface AlertMessage {
  /** The idempotency key: the same delivery retried carries the same one. */
  deliveryId: string;
  watch: string;
  kind: 'alert' | 'event' | 'digest' | 'test' | 'source-health';
  items: AlertItem[];
  /** Timeline entries (kind event: the one the alert is about; a digest: those gathered). */
  events?: AlertEventItem[];
  /** Set for kind source-health. */
  notice?: SourceNotice;
  sentAt: string;
}

/** Characters of an article's text a delivery carries: enough to judge it, small enough for chat. */
export const EXCERPT_CHARS = 300;

export const SIGNATURE_HEADER = 'X-Parley-Signature';
export const DELIVERY_HEADER = 'X-Parley-Delivery';

/** `sha256=<hex HMAC-SHA256 of the body with the watch's secret>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookBody(m: AlertMessage): string {
  return JSON.stringify({
    delivery: m.deliveryId,
    watch: m.watch,
    kind: m.kind,
    sentAt: m.sentAt,
    articles: m.items.map(({ events, ...a }) => ({ ...a, events })),
    events: m.events ?? [],
    ...(m.notice ? { source: m.notice } : {}),
  });
}

const eventLine = (e: AlertEvent) =>
  `${e.type} (${e.status})${e.date ? ` ${e.date}` : ''}: ${e.us.join(', ')} – ${e.ru.join(', ')}${e.place ? `, ${e.place}` : ''}`;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const heading = (m: AlertMessage) =>
  m.notice
    ? `Parley source ${m.notice.state === 'recovered' ? 'recovered' : m.notice.state}: ${m.notice.feedUrl}`
    : m.kind === 'digest'
      ? `Parley digest for watch ${m.watch}: ${count(m.items.length, 'story', 'stories')}${
          m.events?.length ? `, ${count(m.events.length, 'event', 'events')}` : ''
        }`
      : m.kind === 'test'
        ? `Parley test delivery for watch ${m.watch}`
        : m.kind === 'event' && m.events?.[0]
          ? `Parley watch ${m.watch}: ${eventLine(m.events[0])}`
          : `Parley watch ${m.watch}: ${m.items[0]?.title ?? 'new story'}`;

/** Slack's mrkdwn needs &, < and > escaped. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(m: AlertMessage): string {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: heading(m).slice(0, 150) } }];
  if (m.notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: slackEscape(m.notice.detail) } });
  for (const a of m.items.slice(0, 45)) {
    const lines = [
      `*<${a.link}|${slackEscape(a.title)}>*`,
      `${slackEscape(a.site ?? new URL(a.url).hostname)} · ${a.topics.join(', ')}`,
      ...a.events.map((e) => `• ${slackEscape(eventLine(e))}`),
    ];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3_000) } });
  }
  for (const e of (m.events ?? []).slice(0, Math.max(0, 45 - m.items.length))) {
    const lines = [
      `*<${e.link}|${slackEscape(eventLine(e))}>*`,
      ...e.reports.map((r) => `• <${r.url}|${slackEscape(r.title)}>${r.site ? ` (${slackEscape(r.site)})` : ''}`),
    ];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3_000) } });
  }
  return JSON.stringify({ text: heading(m), blocks });
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function emailOf(m: AlertMessage): { subject: string; text: string; html: string } {
  const subject = heading(m);
  const text = [
    subject,
    '',
    ...(m.notice ? [m.notice.detail, ''] : []),
    ...m.items.flatMap((a) => [
      a.title,
      `${a.site ?? ''}${a.published ? ` · ${a.published.slice(0, 10)}` : ''} · ${a.topics.join(', ')}`,
      a.excerpt,
      ...a.events.map((e) => `  event: ${eventLine(e)}`),
      `On the dashboard: ${a.link}`,
      `Source: ${a.url}`,
      '',
    ]),
    ...(m.events ?? []).flatMap((e) => [
      `Event: ${eventLine(e)}`,
      ...e.reports.map((r) => `  reported by ${r.site ?? r.url}: ${r.title} (${r.url})`),
      `On the dashboard: ${e.link}`,
      '',
    ]),
  ].join('\n');
  const items = m.items
    .map(
      (a) => `<li><p><a href="${escapeHtml(a.link)}"><strong>${escapeHtml(a.title)}</strong></a><br>
<small>${escapeHtml(a.site ?? '')}${a.published ? ` · ${escapeHtml(a.published.slice(0, 10))}` : ''} · ${escapeHtml(a.topics.join(', '))}</small></p>
<p>${escapeHtml(a.excerpt)}</p>${
        a.events.length ? `<ul>${a.events.map((e) => `<li>${escapeHtml(eventLine(e))}</li>`).join('')}</ul>` : ''
      }<p><a href="${escapeHtml(a.url)}">Source</a></p></li>`,
    )
    .join('\n');
  const events = (m.events ?? [])
    .map(
      (e) =>
        `<li><p><a href="${escapeHtml(e.link)}"><strong>${escapeHtml(eventLine(e))}</strong></a></p><ul>${e.reports
          .map((r) => `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a> ${escapeHtml(r.site ?? '')}</li>`)
          .join('')}</ul></li>`,
    )
    .join('\n');
  const html = `<!doctype html><html><body><h1>${escapeHtml(subject)}</h1>${m.notice ? `<p>${escapeHtml(m.notice.detail)}</p>` : ''}${
    m.items.length ? `<ol>${items}</ol>` : ''
  }${events ? `<h2>Events</h2><ul>${events}</ul>` : ''}</body></html>`;
  return { subject, text, html };
}
