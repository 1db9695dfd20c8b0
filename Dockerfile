# Parley: one image for every service (workers, feed poller, dashboard, CLIs), compiled JavaScript
# on Node 24 LTS, run as the non-root `node` user. Build: `docker build -t parley:0.1.0 .`
ARG NODE_MAJOR=24

# Build stage: compilers and dev dependencies live here only.
FROM node:${NODE_MAJOR}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# When no prebuilt better-sqlite3 binary can be downloaded, node-gyp builds it against the image's
# own Node headers instead of downloading them.
RUN npm_config_nodedir=/usr/local npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
# Compile, then drop dev dependencies (tsc, tsx, esbuild, vitest) and better-sqlite3's build
# leftovers (sources, object files), keeping only its compiled addon. TypeScript is an optional
# peer of valibot (under bull-board), which npm keeps as "devOptional"; nothing loads it at run time.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node /tmp/ \
 && rm -rf build deps src \
 && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/

# Runtime stage: Node, the compiled code, production dependencies and the seed documents.
FROM node:${NODE_MAJOR}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# The data directory (SQLite store by default) belongs to the runtime user; the code does not.
RUN mkdir -p /app/data && chown node:node /app/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY data/seeds ./data/seeds
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# The default command serves the dashboard; worker services override this with
# `node dist/cli/health.js` (Redis) or `node dist/cli/health.js --store` (Redis and the store).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/cli/health.js", "--dashboard"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
