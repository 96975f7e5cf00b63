#!/usr/bin/env bash
# Run pytest from backend/ and treat "no tests collected" (exit 5) as a failure: a suite that ran nothing proves nothing.
set -uo pipefail
cd "$(dirname "$0")/../backend"
../.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests for: $* — failing on purpose" >&2
  exit 1
fi
exit "$rc"
