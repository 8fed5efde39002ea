#!/bin/sh
# Generates the SQL for schema.prisma changes into a new migration folder.
# The wasm schema engine crashes replaying our CHECK constraints/triggers into a shadow database, so instead of
# `--from-migrations` we diff the schema as committed at HEAD (the last migrated datamodel) to the working copy.
# Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run db:diff -- <name>
set -e
name="${1:?usage: npm run db:diff -- <migration_name>}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$root/prisma/.v6"
git -C "$root" show HEAD:prisma/schema.prisma | sed 's/^\(\s*\)provider\s*=\s*"postgresql"/&\n\1url = env("DATABASE_URL")/' > "$root/prisma/.v6/base.prisma"
tmp="$(mktemp)"
sh "$root/tools/migrate/prisma6.sh" migrate diff --from-schema-datamodel ../../prisma/.v6/base.prisma --to-schema-datamodel ../../prisma/.v6/schema.prisma --script > "$tmp"
if grep -q "empty migration" "$tmp"; then echo "no changes"; rm "$tmp"; exit 0; fi
dir="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir" && mv "$tmp" "$dir/migration.sql" && echo "wrote $dir/migration.sql (append CHECKs/triggers by hand)"
