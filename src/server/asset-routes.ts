/** Parley's static assets: the pages' stylesheet (assets/parley.css), read once at start. */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const STYLESHEET = readFileSync(new URL('./assets/parley.css', import.meta.url), 'utf8');

export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get('/assets/parley.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
};
