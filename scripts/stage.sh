#!/usr/bin/env bash
# Run one stage of `make test` and record how long it took: `scripts/stage.sh NAME COMMAND...`.
# With STAGE_TIMES set (make test sets it) a line "NAME SECONDS EXIT" is appended there;
# `scripts/stage.sh --report FILE` prints the table (make test prints it at the end, also after a failure).
set -uo pipefail
if [ "${1:-}" = "--report" ]; then
  file="$2"
  [ -s "$file" ] || exit 0
  echo ""
  echo "Stage times (seconds):"
  awk '{ printf "  %-22s %6d s  %s\n", $1, $2, ($3 == 0 ? "ok" : "FAILED (exit " $3 ")"); total += $2 }
       END { printf "  %-22s %6d s\n", "total (sum)", total }' "$file"
  exit 0
fi
name="$1"
shift
start=$(date +%s)
"$@"
rc=$?
elapsed=$(( $(date +%s) - start ))
echo "stage ${name}: ${elapsed}s (exit ${rc})"
if [ -n "${STAGE_TIMES:-}" ]; then
  echo "${name} ${elapsed} ${rc}" >> "${STAGE_TIMES}"
fi
exit "$rc"
