/**
 * Response headers that limit what a page can do. Parley's own pages run no script at all; bull-board's
 * UI is a React bundle served from its own path that also sets inline styles (the loading screen's
 * style attributes and <style>, and React's style props), so its policy allows inline styles but
 * still only same-origin scripts. Its Google Fonts stylesheet link is dropped (board-fonts.ts); the UI uses system fonts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An onSend hook adding the policy that fits the path, and the usual hardening headers. */
export function securityHeaders(boardPath: string) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const path = req.url.split('?')[0]!;
    const board = path === boardPath || path.startsWith(`${boardPath}/`);
    reply.header('content-security-policy', board ? BOARD_CSP : PAGE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    return payload;
  };
}
