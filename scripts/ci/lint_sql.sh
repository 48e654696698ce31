#!/usr/bin/env bash
# SQLFluff with the dbt templater over every model, test and analysis (needs a parsable
# project; the DuckDB profile is used, no database connection is made for linting).
set -euo pipefail
bin=${1:-.venv/bin}
"$bin/sqlfluff" lint models tests/dbt analyses --processes 2 --disable-progress-bar --nocolor
