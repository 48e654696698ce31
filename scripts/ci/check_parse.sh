#!/usr/bin/env bash
# dbt parse from scratch with every deprecation shown; any warning or deprecation fails.
set -euo pipefail
bin=${1:-.venv/bin}
out=$(mktemp)
"$bin/dbt" parse --no-partial-parse --show-all-deprecations --no-use-colors 2>&1 | tee "$out"
if grep -qiE "deprecat|\[WARNING\]" "$out"; then
    echo "check_parse: dbt parse printed a warning or deprecation (above)" >&2
    exit 1
fi
