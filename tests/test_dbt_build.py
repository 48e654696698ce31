"""`dbt build` on generated data: DuckDB always, PostgreSQL when a server is configured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REAL_DATA, ROOT, dbt_target_dir, postgres_available, postgres_connection, run_dbt
from swh.load import PostgresTarget, load_folder

HEADLINE_SQL = {
    "contacts": "select count(*) from core.fct_contacts",
    "solved": "select count(*) from core.fct_contacts where is_solved",
    "events": "select count(*) from core.fct_contact_events",
    "fcr": "select sum(fcr_contact_count) from marts.effectiveness_daily",
    "frt_business_sum": "select round(sum(first_response_business_minutes_sum)) from marts.speed_daily",
    "ttr_calendar_sum": "select round(sum(resolution_calendar_hours_sum)) from marts.speed_daily",
    "open_backlog_last_day": (
        "select sum(open_backlog_count) from marts.team_backlog_daily "
        "where date_day = (select max(date_day) from marts.team_backlog_daily)"
    ),
    "nps_promoters": "select sum(promoter_count) from marts.satisfaction_nps_periods where period_type = 'month'",
    "churned": "select sum(churned_customer_count) from marts.churn_monthly",
    "contained": "select sum(contained_count) from marts.automation_bot_daily",
    "covered_views": "select sum(staffed_page_view_count) from marts.availability_daily",
    "attributed_orders": "select sum(attributed_order_count) from marts.contribution_revenue_daily",
    "answered_within_service_level": (
        "select sum(answered_within_threshold_count) from marts.contact_centre_queue_daily"
    ),
    "erlang_c_required_agents": "select sum(required_agents) from marts.contact_centre_staffing_hourly",
    "staffed_agent_hours": "select round(sum(staffed_agents)) from marts.contact_centre_staffing_hourly",
    "handle_seconds_outside_shifts": (
        "select round(sum(handle_seconds_outside_staffed)) from marts.contact_centre_occupancy_daily"
    ),
}


def duckdb_headlines(database: Path) -> dict[str, float]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {name: float(con.execute(sql).fetchone()[0] or 0) for name, sql in HEADLINE_SQL.items()}
    finally:
        con.close()


def test_duckdb_build_passes_and_keeps_every_raw_contact(built_warehouse: Path) -> None:
    con = duckdb.connect(str(built_warehouse), read_only=True)
    raw = con.execute("select (select count(*) from raw.tickets) + (select count(*) from raw.chat_conversations)")
    assert raw.fetchone()[0] == con.execute("select count(*) from core.fct_contacts").fetchone()[0]
    marts = con.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchone()[0]
    mart_models = [p for p in (ROOT / "models" / "marts").glob("*/*.sql") if p.parent.name != "core"]
    assert marts == len(mart_models)
    con.close()


def test_every_kpi_is_implemented_and_tested(built_warehouse: Path) -> None:
    tool = REAL_DATA.parent / "tools" / "kpi_coverage.py"
    catalog = REAL_DATA.parent / "kpi_catalog.yml"
    if not tool.exists() or not catalog.exists():
        pytest.skip("the shared KPI catalog and coverage tool are not beside this clone")
    import yaml

    kpis = len(yaml.safe_load(catalog.read_text())["kpis"])
    result = subprocess.run(
        [sys.executable, str(tool), "--manifest", str(dbt_target_dir() / "manifest.json"), "--min-tested", str(kpis)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert f"{kpis} of {kpis} implemented, {kpis} of {kpis} tested" in result.stdout


def test_postgres_build_passes_and_agrees_with_duckdb(demo_data: Path, built_warehouse: Path) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL configured (DBT_PG_* variables); `make test` starts one")
    report = load_folder(demo_data, PostgresTarget(), progress=lambda _: None)
    assert report.rows_rejected == 0
    run_dbt(["build", "--target", "postgres"])

    con = postgres_connection()
    with con.cursor() as cur:
        postgres = {}
        for name, sql in HEADLINE_SQL.items():
            cur.execute(sql)
            postgres[name] = float(cur.fetchone()[0] or 0)
    con.close()
    assert postgres == duckdb_headlines(built_warehouse)
    assert_reader_role_reads_marts_only()
    run_dbt(["run", "--target", "postgres", "-s", "speed_daily"])  # a rebuild re-creates the table
    assert_reader_role_reads_marts_only()


def _reader_can_select(relation: str) -> bool:
    import psycopg2

    con = postgres_connection(user="bi_reader", password="")
    try:
        with con.cursor() as cur:
            cur.execute(f"select count(*) from {relation}")
            return cur.fetchone()[0] >= 0
    except psycopg2.errors.InsufficientPrivilege:
        return False
    finally:
        con.close()


def assert_reader_role_reads_marts_only() -> None:
    """The reader role (var reader_role, created by scripts/ci/with_postgres.sh) reads every mart
    and nothing below them."""

    con = postgres_connection()
    with con.cursor() as cur:
        cur.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema in ('marts', 'raw', 'staging', 'intermediate', 'core', 'audit')"
        )
        relations = [r[0] for r in cur.fetchall()]
    con.close()
    marts = [r for r in relations if r.startswith("marts.")]
    others = [r for r in relations if not r.startswith("marts.")]
    assert len(marts) >= 30 and len(others) >= 60
    assert [r for r in marts if not _reader_can_select(r)] == []
    for schema in ("raw", "staging", "intermediate", "core", "audit"):
        sample = [r for r in others if r.startswith(f"{schema}.")][:3]
        assert sample and not any(_reader_can_select(r) for r in sample), schema


def test_every_analysis_compiles_and_runs(built_warehouse: Path) -> None:
    run_dbt(["compile", "--target", "duckdb", "-s", "resource_type:analysis"], built_warehouse)
    compiled = sorted((dbt_target_dir() / "compiled" / "service_warehouse" / "analyses").glob("*.sql"))
    assert len(compiled) == len(list((ROOT / "analyses").glob("*.sql"))) >= 11
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        for path in compiled:
            assert con.execute(path.read_text()).fetchall(), f"{path.name} returned no rows"
    finally:
        con.close()
