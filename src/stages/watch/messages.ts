/**
 * What a delivery says, in each receiver's form: a JSON document for generic webhooks, Slack's
 * `{text, blocks}`, and an email with plain-text and HTML parts. Each lists the stories (with a link
 * to the dashboard) and the timeline events they report.
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
  kind: 'alert' | 'digest' | 'test' | 'source-health';
  items: AlertItem[];
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
    ...(m.notice ? { source: m.notice } : {}),
  });
}

const heading = (m: AlertMessage) =>
  m.notice
    ? `Parley source ${m.notice.state === 'recovered' ? 'recovered' : m.notice.state}: ${m.notice.feedUrl}`
    : m.kind === 'digest'
      ? `Parley digest for watch ${m.watch}: ${m.items.length} ${m.items.length === 1 ? 'story' : 'stories'}`
      : m.kind === 'test'
        ? `Parley test delivery for watch ${m.watch}`
        : `Parley watch ${m.watch}: ${m.items[0]?.title ?? 'new story'}`;

const eventLine = (e: AlertEvent) =>
  `${e.type} (${e.status})${e.date ? ` ${e.date}` : ''}: ${e.us.join(', ')} – ${e.ru.join(', ')}${e.place ? `, ${e.place}` : ''}`;

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
  const html = `<!doctype html><html><body><h1>${escapeHtml(subject)}</h1>${m.notice ? `<p>${escapeHtml(m.notice.detail)}</p>` : ''}<ol>${items}</ol></body></html>`;
  return { subject, text, html };
}
