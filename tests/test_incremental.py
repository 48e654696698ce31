"""Incremental builds: a warehouse loaded in two parts and built after each equals a full refresh.

The first part is the demo data as an export taken 15 days before its end would hold it
(`swh.daily.export_as_of`); the second brings replies, reopens, late events and surveys on
contacts of the first part, and replaces tickets that changed: on DuckDB as a help desk's
incremental export hands it over (only the new and changed rows, `swh.daily.export_changes`),
on PostgreSQL as the whole data set again (most of it unchanged). The
incremental event models rebuild only the contacts loaded since; every table the build makes
must then equal, row for row, what `dbt build --full-refresh` makes of the same raw data.

A few tickets open at the first part stay silent after it (`with_silent_open_contacts`): no row
of theirs comes again, yet their open ages and running stages move to the new data end, so the
models that time open contacts must rebuild the ones they hold as open; and one, open at the
first build's data end, is solved before that day's midnight, so its open snapshots vanish: a
rebuilt contact's old rows must go although it has no new ones.
"""

from __future__ import annotations

import json
import math
import shutil
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, WAREHOUSE_FILE, postgres_available, postgres_connection, run_dbt
from swh.daily import data_end, export_as_of, export_changes
from swh.load import DuckDBTarget, PostgresTarget, Target, load_folder

DAYS_BEFORE_END = 15
SILENT_OPEN_TICKETS = 5
INCREMENTAL_DATABASE = "swh_incremental"

STAMPS_SQL = "select count(*) from intermediate.int_contacts_loaded group by loaded_at order by loaded_at"
# contacts still open after the second build whose rows all came with the first load
SILENT_OPEN_SQL = (
    "select count(*) from intermediate.int_contacts_durations where not is_solved "
    "and contact_loaded_at = (select min(loaded_at) from intermediate.int_contacts_loaded)"
)

Row = tuple[object, ...]


def _value(value: object) -> object:
    """A value as compared: doubles to 12 significant digits (a sum's last bits depend on the
    order rows are read in, which an incremental table does not keep), decimals as text."""
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.12g}"
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def _rows(fetched: list[tuple]) -> list[Row]:
    return sorted((tuple(_value(v) for v in row) for row in fetched), key=repr)


def built_tables(target_path: Path) -> dict[str, str]:
    """Model name -> relation of every table and incremental model of the last build."""
    manifest = json.loads((target_path / "manifest.json").read_text())
    return {
        node["name"]: node["relation_name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] in ("table", "incremental")
    }


def duckdb_snapshot(database: Path, tables: dict[str, str]) -> dict[str, list[Row]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {name: _rows(con.execute(f"select * from {relation}").fetchall()) for name, relation in tables.items()}
    finally:
        con.close()


def postgres_snapshot(tables: dict[str, str]) -> dict[str, list[Row]]:
    con = postgres_connection(dbname=INCREMENTAL_DATABASE)
    try:
        with con.cursor() as cur:
            snapshot = {}
            for name, relation in tables.items():
                cur.execute(f"select * from {relation}")
                snapshot[name] = _rows(cur.fetchall())
            return snapshot
    finally:
        con.close()


def assert_built_incrementally(target_path: Path, stamps: list[int]) -> None:
    """The last build ran the event models incrementally, and only part of the contacts were
    loaded since the first build (`stamps`: contacts per int_contacts_loaded stamp)."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    compiled = {r["unique_id"].split(".")[-1]: r.get("compiled_code") or "" for r in results}
    assert "max(contact_loaded_at)" in compiled["fct_contact_events"]
    assert len(stamps) == 2 and 0 < stamps[1] < stamps[0] + stamps[1]


def assert_raw_holds(database: Path, folder: Path) -> None:
    """Every row of every file of `folder` is stored, and nothing else (the two loads together
    hold exactly the whole data set)."""
    with duckdb.connect(str(database), read_only=True) as con:
        for path in sorted(folder.glob("*.parquet")):
            file = f"read_parquet('{path}')"
            columns = ", ".join(
                f'"{c}"' for (c,) in con.execute(f"select name from parquet_schema('{path}')").fetchall()[1:]
            )
            stored = f"select {columns} from raw.{path.stem}"
            missing = con.execute(f"select count(*) from (from {file} except all {stored})").fetchone()[0]
            extra = con.execute(f"select count(*) from ({stored} except all from {file})").fetchone()[0]
            assert (missing, extra) == (0, 0), (
                f"{path.stem}: {missing} rows of the data set not stored, {extra} stored besides"
            )


def assert_same(incremental: dict[str, list[Row]], full: dict[str, list[Row]]) -> None:
    assert incremental.keys() == full.keys()
    differing = {name: (len(rows), len(full[name])) for name, rows in incremental.items() if rows != full[name]}
    assert not differing, f"incremental build differs from a full refresh in (rows, rows): {differing}"


def with_silent_open_contacts(demo_data: Path, out: Path) -> Path:
    """The demo data with SILENT_OPEN_TICKETS tickets that are open DAYS_BEFORE_END days before
    its end left as they were then: their ticket rows as the first part holds them, none of their
    later events. The generator closes every ticket eventually, so without this no open contact
    would sit untouched through the second part. And one more ticket of that day, open then, is
    solved a minute after it and never heard of again: open at the first build's data end, it
    has no open snapshot at all after the second, so its rebuild must delete rows and insert none.
    """
    cut = data_end(demo_data) - timedelta(days=DAYS_BEFORE_END)
    solved_at = cut + timedelta(minutes=1)
    assert solved_at.date() == cut.date()
    as_of = out / "as_of"
    export_as_of(demo_data, cut, as_of)
    whole = out / "whole"
    whole.mkdir()
    events_as_of, tickets_as_of = as_of / "ticket_events.parquet", as_of / "tickets.parquet"
    con = duckdb.connect()
    try:
        con.execute(
            f"create table open_at_cut as with last_status as ("
            f"  select ticket_id, arg_max(status, event_at) as status from read_parquet('{events_as_of}') "
            f"  where event_type = 'status_change' and status is not null group by ticket_id"
            f") select tickets.ticket_id, tickets.created_at from read_parquet('{tickets_as_of}') as tickets "
            f"left join last_status using (ticket_id) "
            f"where coalesce(last_status.status, 'new') not in ('solved', 'closed')"
        )
        con.execute(f"create table held as from open_at_cut order by ticket_id limit {SILENT_OPEN_TICKETS}")
        con.execute(
            "create table closing as from open_at_cut where ticket_id not in (select ticket_id from held) "
            f"and cast(created_at as date) = date '{cut.date()}' order by ticket_id limit 1"
        )
        assert con.execute("select count(*) from held").fetchone()[0] == SILENT_OPEN_TICKETS
        assert con.execute("select count(*) from closing").fetchone()[0] == 1
        kept = "(select ticket_id from held union all select ticket_id from closing)"
        for path in sorted(demo_data.glob("*.parquet")):
            select = f"from read_parquet('{path}')"
            if path.stem == "tickets":
                select = (
                    f"{select} where ticket_id not in {kept} "
                    f"union all from read_parquet('{tickets_as_of}') where ticket_id in {kept}"
                )
            elif path.stem == "ticket_events":
                select = (
                    f"{select} where ticket_id not in {kept} or event_id in "
                    f"(select event_id from read_parquet('{events_as_of}')) "
                    f"union all by name select ticket_id || '-solved' as event_id, ticket_id, "
                    f"timestamp '{solved_at}' as event_at, 'status_change' as event_type, "
                    "'system' as actor_type, 'solved' as status, false as is_auto_acknowledgement from closing"
                )
            con.execute(f"copy ({select}) to '{whole / path.name}' (format parquet)")
    finally:
        con.close()
    shutil.rmtree(as_of)
    return whole


def first_part(demo_data: Path, out: Path) -> Path:
    count = duckdb.execute(f"select count(*) from read_parquet('{demo_data / 'ticket_events.parquet'}')").fetchone()[0]
    written = export_as_of(demo_data, data_end(demo_data) - timedelta(days=DAYS_BEFORE_END), out)
    assert 0 < written["ticket_events.parquet"] < count
    return out


def load_in_two_parts(
    first: Path, second: Path, target: Target, build: list[str], env: dict[str, str], database: Path | None
) -> int:
    """Load the first part and build, then the second and build incrementally; returns the
    second load's unchanged rows."""
    first_report = load_folder(first, target, progress=lambda _: None)
    assert first_report.rows_rejected == 0
    run_dbt(build, database, env)
    report = load_folder(second, target, progress=lambda _: None)
    assert report.rows_rejected == 0
    # the second part brings new rows about old contacts and changed ticket rows
    assert report.rows_inserted > 0 and report.rows_replaced > 0
    run_dbt(build, database, env)
    return report.rows_unchanged


def test_duckdb_incremental_build_equals_full_refresh(demo_data: Path, tmp_path: Path) -> None:
    database = tmp_path / "warehouse" / WAREHOUSE_FILE
    database.parent.mkdir()
    target_path = ROOT / "target" / "pytest" / "incremental-duckdb"
    env = {"DBT_TARGET_PATH": str(target_path), "DBT_LOG_PATH": str(target_path / "logs")}
    build = ["build", "--target", "duckdb", "--exclude", "resource_type:unit_test"]
    whole = with_silent_open_contacts(demo_data, tmp_path)
    first = first_part(whole, tmp_path / "first")
    changes = tmp_path / "changes"
    written = export_changes(whole, first, changes)
    assert 0 < written["ticket_events.parquet"] < sum(written.values())  # events and other tables change
    assert load_in_two_parts(first, changes, DuckDBTarget(database), build, env, database) == 0
    assert_raw_holds(database, whole)
    tables = built_tables(target_path)
    assert {"fct_contact_events", "int_contact_events_sequenced", "speed_daily"} <= tables.keys()
    with duckdb.connect(str(database), read_only=True) as con:
        stamps = [n for (n,) in con.execute(STAMPS_SQL).fetchall()]
        assert con.execute(SILENT_OPEN_SQL).fetchone()[0] > 0
    assert_built_incrementally(target_path, stamps)
    incremental = duckdb_snapshot(database, tables)
    run_dbt([*build, "--full-refresh"], database, env)
    assert_same(incremental, duckdb_snapshot(database, tables))


def test_postgres_incremental_build_equals_full_refresh(
    demo_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL configured (DBT_PG_* variables); `make test` starts one")
    con = postgres_connection()
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f"drop database if exists {INCREMENTAL_DATABASE}")
        cur.execute(f"create database {INCREMENTAL_DATABASE}")
    con.close()
    monkeypatch.setenv("DBT_PG_DATABASE", INCREMENTAL_DATABASE)
    target_path = ROOT / "target" / "pytest" / "incremental-postgres"
    env = {
        "DBT_PG_DATABASE": INCREMENTAL_DATABASE,
        "DBT_TARGET_PATH": str(target_path),
        "DBT_LOG_PATH": str(target_path / "logs"),
    }
    build = ["build", "--target", "postgres", "--exclude", "resource_type:unit_test"]
    whole = with_silent_open_contacts(demo_data, tmp_path)
    first = first_part(whole, tmp_path / "first")
    assert load_in_two_parts(first, whole, PostgresTarget(), build, env, None) > 0
    tables = built_tables(target_path)
    con = postgres_connection(dbname=INCREMENTAL_DATABASE)
    with con.cursor() as cur:
        cur.execute(STAMPS_SQL)
        stamps = [n for (n,) in cur.fetchall()]
        cur.execute(SILENT_OPEN_SQL)
        assert cur.fetchone()[0] > 0
    con.close()
    assert_built_incrementally(target_path, stamps)
    incremental = postgres_snapshot(tables)
    run_dbt([*build, "--full-refresh"], None, env)
    assert_same(incremental, postgres_snapshot(tables))
