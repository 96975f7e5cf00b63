#!/usr/bin/env bash
# Fails when the committed OpenAPI schema or the generated TypeScript types differ from what the backend produces.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$root/backend" && DJANGO_SETTINGS_MODULE=config.settings.test ../.venv/bin/python manage.py spectacular --lang en \
   --validate --fail-on-warn --file "$tmp/openapi.yaml")
if ! diff -u "$root/backend/openapi.yaml" "$tmp/openapi.yaml" >"$tmp/schema.diff"; then
  head -60 "$tmp/schema.diff"; echo "backend/openapi.yaml is out of date: run 'make api-types'" >&2; exit 1
fi
(cd "$root/frontend" && npx --no-install openapi-typescript "$tmp/openapi.yaml" -o "$tmp/schema.d.ts" >/dev/null)
if ! diff -u "$root/frontend/src/lib/api/schema.d.ts" "$tmp/schema.d.ts" >"$tmp/types.diff"; then
  head -60 "$tmp/types.diff"; echo "frontend types are out of date: run 'make api-types'" >&2; exit 1
fi
echo "OpenAPI schema and TypeScript types match the backend."
