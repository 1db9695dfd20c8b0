/**
 * bull-board's page links a Google Fonts stylesheet (IBM Plex) that the board's CSP refuses, so every
 * visit logged a blocked request. This onSend hook drops that link from the board's HTML: the UI's own
 * stylesheet names system fonts after IBM Plex, so the board looks the same minus the web font, and no
 * request leaves for a third party.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A `<link>` to a stylesheet on Google Fonts. */
const EXTERNAL_FONT_LINK = /<link\b[^>]*href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/gi;

/** Removes external font stylesheets from HTML answers under `boardPath`. */
export function dropExternalFonts(boardPath: string) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const path = req.url.split('?')[0]!;
    const board = path === boardPath || path.startsWith(`${boardPath}/`);
    const type = String(reply.getHeader('content-type') ?? '');
    if (!board || typeof payload !== 'string' || !type.startsWith('text/html')) return payload;
    return payload.replace(EXTERNAL_FONT_LINK, '');
  };
}
