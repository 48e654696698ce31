# Customer-service analytics warehouse. `make help` lists the commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEMO_TICKETS ?= 20000
DATA ?= data/demo
# The dashboard and the docs listen on loopback only; `make dashboard DASHBOARD_ADDRESS=0.0.0.0`
# shares the dashboard on the network.
DASHBOARD_ADDRESS ?= 127.0.0.1
DASHBOARD_PORT ?= 8501
DOCS_PORT ?= 8081
# Two pytest worker processes: a dbt build keeps about one core busy (its Python), the CI machine
# has two. Tests sharing a fixture stay on one worker (tests/conftest.py). `PYTEST_WORKERS=0` runs
# in one process.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup)
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_DUCKDB_PATH ?= $(CURDIR)/warehouse/warehouse.duckdb
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
# The spark target's folders (absolute: a cluster's executors resolve paths on their own).
export SWH_SPARK_RAW ?= $(CURDIR)/warehouse/spark/raw
export SWH_SPARK_WAREHOUSE ?= $(CURDIR)/warehouse/spark

.PHONY: help install demo generate load build build-spark summary dashboard docs test lint lint-sql lint-python parse pytest benchmark clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(BIN)/swh: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/swh

install: $(BIN)/swh ## create .venv and install the pinned dependencies
	@mkdir -p $(dir $(DBT_DUCKDB_PATH))

demo: install ## generate demo data, load it, build on DuckDB, publish the marts and print a summary
	rm -f $(DBT_DUCKDB_PATH) $(DBT_DUCKDB_PATH).wal
	$(BIN)/swh generate --out $(DATA) --tickets $(DEMO_TICKETS)
	$(BIN)/swh holidays
	$(BIN)/swh load $(DATA) --strict
	$(BIN)/dbt build --quiet --fail-fast
	$(BIN)/swh publish
	$(BIN)/swh summary

generate: install ## write the demo data set to $(DATA)
	$(BIN)/swh generate --out $(DATA) --tickets $(DEMO_TICKETS)

load: install ## validate and load $(DATA) into the warehouse's raw schema
	$(BIN)/swh load $(DATA)

build: install ## dbt build (seeds, models, tests), then publish the marts for readers
	$(BIN)/dbt build
	$(BIN)/swh publish

build-spark: install ## load $(DATA) as Parquet for Spark and build every model there (SPARK_MASTER: a cluster)
	$(BIN)/swh load $(DATA) --target spark
	$(BIN)/dbt build --target spark --exclude resource_type:unit_test

summary: install ## print table sizes and headline KPIs of the DuckDB warehouse
	$(BIN)/swh summary

dashboard: install ## open the KPI dashboard (Streamlit, offline) on http://127.0.0.1:$(DASHBOARD_PORT)
	$(BIN)/streamlit run dashboard/Home.py --server.headless true --browser.gatherUsageStats false \
		--client.toolbarMode viewer --server.address $(DASHBOARD_ADDRESS) --server.port $(DASHBOARD_PORT)

docs: install ## generate the lineage docs (offline, one file) and serve them on http://127.0.0.1:$(DOCS_PORT)
	$(BIN)/dbt docs generate --static --quiet
	@echo "docs: http://127.0.0.1:$(DOCS_PORT)/static_index.html (or open target/static_index.html directly)"
	$(BIN)/python -m http.server $(DOCS_PORT) --bind 127.0.0.1 --directory target

lint-python: install ## ruff over all Python
	$(BIN)/ruff check scripts tests dashboard
	$(BIN)/ruff format --check scripts tests dashboard

parse: install ## dbt parse with every deprecation shown; fails on any
	scripts/ci/check_parse.sh $(BIN)

lint-sql: install ## SQLFluff (dbt templater) over all models, macros excluded
	scripts/ci/lint_sql.sh $(BIN)

lint: lint-python parse lint-sql ## all linters

pytest: install ## the pytest suite (dbt builds on DuckDB, and on PostgreSQL when configured)
	$(BIN)/pytest $(PYTEST_PARALLEL)

test: install lint ## the whole test suite: linters, then pytest with a throwaway PostgreSQL and headless Chromium
	scripts/ci/ensure_chromium.sh
	SWH_REQUIRE_POSTGRES=1 SWH_REQUIRE_BROWSER=1 SWH_REQUIRE_SPARK=1 scripts/ci/with_postgres.sh $(BIN)/pytest $(PYTEST_PARALLEL)

benchmark: install ## load and build at 100k and 1M tickets; generator speed and memory; business-time scaling
	$(BIN)/python -m swh.benchmark warehouse --tickets 100000 1000000
	$(BIN)/python -m swh.benchmark generator
	$(BIN)/python -m swh.benchmark business-time

clean: ## remove built artefacts (keeps .venv)
	rm -rf target logs data warehouse
