#!/bin/sh
# Runs the Prisma 6.19.3 CLI fully offline (wasm schema engine through @prisma/adapter-pg) against our
# Prisma-7 schema. Only for GENERATING migration SQL; applying is scripts/migrate-apply.mjs.
# Usage: DATABASE_URL=postgres://... sh tools/migrate/prisma6.sh <prisma args>
set -e
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ -d "$here/node_modules/prisma6" ] || (cd "$here" && npm install --no-audit --no-fund --silent)
mkdir -p "$root/prisma/.v6"
# Prisma 6 needs datasource.url in the schema (Prisma 7 forbids it): derive a git-ignored copy
sed 's/^\(\s*\)provider\s*=\s*"postgresql"/&\n\1url = env("DATABASE_URL")/' "$root/prisma/schema.prisma" > "$root/prisma/.v6/schema.prisma"
export PRISMA_SCHEMA_ENGINE_BINARY=/bin/false PRISMA_QUERY_ENGINE_LIBRARY=/bin/false CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
cd "$here"
exec env NODE_OPTIONS="--require $here/prisma-unref-timers.cjs" node node_modules/prisma6/build/index.js "$@" --config prisma6.config.ts
