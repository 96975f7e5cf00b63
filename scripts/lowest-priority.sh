#!/usr/bin/env bash
# Run a command at the lowest CPU priority, so that it only takes cores the rest of the machine leaves idle:
# `scripts/lowest-priority.sh COMMAND...`. nice alone ranks a process only against the processes of its own
# session when the kernel groups sessions for scheduling (sched_autogroup, the default on Debian), so the
# command gets a session of its own and lowers that group's priority too. SIGTERM or SIGINT to this script
# stops the whole command (its session's process group). SICHTBAR_LOWEST_PRIORITY=1 tells the command's
# tests to lower the database server processes that work for them too (tests/contract/test_openapi_fuzz.py).
set -uo pipefail
export SICHTBAR_LOWEST_PRIORITY=1
setsid bash -c 'echo 19 > /proc/self/autogroup 2>/dev/null || true; exec nice -n 19 "$@"' _ "$@" &
leader=$!
trap 'kill -TERM -- "-$leader" 2>/dev/null; wait "$leader"; exit 143' TERM INT
wait "$leader"
