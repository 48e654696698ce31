"""Publish the public models for readers: a DuckDB file and Parquet files swapped in atomically.

What is published is what the project declares public: every mart (schema `marts`) and the
contracted contact-level facts and dimensions of `core` that have `access: public` (the build
log records each model's schema and access). BI tools never open the file dbt writes (DuckDB
allows one writer and locks the file). After a successful build they are copied, as tables,
into a new DuckDB file written with the
storage format DuckDB 1.4 readers understand, which then replaces the published file with one
rename; the Parquet copies go into a new version folder, completed by its `_publication.json`,
and a `current` symlink is swapped the same way.

Only a complete, consistent build is published: the build log (macros/utils/build_log.sql)
must show that the last dbt invocation finished successfully and that every table was last
built, successfully, from the current raw load with the same variables. A publish holds a
lock; whatever an interrupted publish left (temporary files, half-written versions) is
removed by the next one, and pruning keeps the newest complete versions only.

Parquet readers resolve `parquet/current` once (os.path.realpath) and read every file of a
query from the resolved version folder; a version stays on disk until KEEP_PARQUET_VERSIONS
newer complete ones exist, so a reader never sees a file change under it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from swh.errors import SwhError

PUBLISHED_FILE = "published.duckdb"
STORAGE_VERSION = "v1.4.0"
KEEP_PARQUET_VERSIONS = 3
MARKER = "_publication.json"
BUILD_LOG_SCHEMA = "audit"
Progress = Callable[[str], None]


class PublishError(SwhError):
    """The marts cannot be published; the published copy is unchanged."""


@dataclass
class PublishReport:
    """What a publish wrote."""

    database: Path
    parquet_dir: Path
    tables: dict[str, int]
    version: str
    raw_load_id: str | None


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def resolve_current(published_dir: Path) -> Path:
    """The Parquet version folder a reader should read now (resolve once per query)."""
    return Path(os.path.realpath(published_dir / "parquet" / "current"))


@contextmanager
def _lock(target_dir: Path) -> Iterator[None]:
    path = target_dir / ".publish.lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"{target_dir}: another publish is running; try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(target_dir: Path) -> list[Path]:
    """Temporary files and incomplete versions of interrupted publishes (call under the lock)."""
    removed: list[Path] = []
    for path in target_dir.glob(f".{PUBLISHED_FILE}.*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    parquet_root = target_dir / "parquet"
    if parquet_root.is_dir():
        for path in parquet_root.iterdir():
            if path.name.startswith(".current."):
                path.unlink(missing_ok=True)
                removed.append(path)
            elif path.is_dir() and not path.is_symlink() and not (path / MARKER).exists():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


@dataclass(frozen=True)
class BuildChecked:
    """What the published tables were built from: the raw load and the reporting time zone."""

    raw_load_id: str | None
    reporting_time_zone: str
    data_end_at: datetime | None  # the build's "as of": the latest instant in the data (int_data_end)


def check_build(con: duckdb.DuckDBPyConnection, tables: list[str]) -> BuildChecked:
    """Refuse unless every table was last built, successfully, from the current raw load by
    finished invocations with the same variables. Returns the raw load and the time zone."""
    log = BUILD_LOG_SCHEMA
    has_log = con.execute(
        "select count(*) from duckdb_tables() where database_name = 'src' and schema_name = ? "
        "and table_name in ('dbt_invocations', 'dbt_model_runs')",
        [log],
    ).fetchone()[0]
    if has_log < 2:
        raise PublishError("the warehouse has no build log (built before it existed?): run `dbt build`, then publish")
    last = con.execute(
        f"select invocation_id, command, started_at, status from src.{log}.dbt_invocations "
        "order by started_at desc limit 1"
    ).fetchone()
    if last is None:
        raise PublishError("no dbt build has run on this warehouse: run `dbt build`, then publish")
    _, command, started, status = last
    if status == "running":
        raise PublishError(
            f"the last `dbt {command}` (started {started:%Y-%m-%d %H:%M:%S} UTC) did not finish: "
            "run `dbt build` again, then publish"
        )
    if status != "success":
        raise PublishError(
            f"the last `dbt {command}` (started {started:%Y-%m-%d %H:%M:%S} UTC) failed: fix it, run `dbt build`, "
            "then publish"
        )
    raw_tables = con.execute(
        "select count(*) from duckdb_tables() where database_name = 'src' and schema_name = 'raw' "
        "and table_name = '_load_log'"
    ).fetchone()[0]
    current_raw = None
    if raw_tables:
        current_raw = con.execute(
            "select max(load_id) from src.raw._load_log where loaded_at = "
            "(select max(loaded_at) from src.raw._load_log where rows_inserted + rows_replaced > 0)"
        ).fetchone()[0]
    con.execute("create or replace temp table _marts as select unnest(?::varchar[]) as model_name", [tables])
    logs_time_zone = con.execute(
        "select count(*) from duckdb_columns() where database_name = 'src' and schema_name = ? "
        "and table_name = 'dbt_invocations' and column_name = 'reporting_time_zone'",
        [log],
    ).fetchall()[0][0]
    logged_time_zone = "i.reporting_time_zone" if logs_time_zone else "null"  # logs older than the column
    rows = con.execute(
        f"""
        with runs as (
            select r.model_name, r.invocation_id, i.raw_load_id,
                i.vars_json, coalesce({logged_time_zone}, 'UTC') as reporting_time_zone,
                i.status as invocation_status,
                bool_or(r.status = 'failed') as failed, max(i.started_at) as started_at
            from src.{log}.dbt_model_runs r join src.{log}.dbt_invocations i using (invocation_id)
            group by all
        ),
        latest as (
            select * from runs qualify row_number() over (partition by model_name order by started_at desc) = 1
        )
        select m.model_name, l.failed, l.raw_load_id, l.vars_json, l.reporting_time_zone, l.invocation_status
        from _marts m left join latest l using (model_name) order by 1
        """
    ).fetchall()
    never = [m for m, failed, *_ in rows if failed is None]
    failed = [m for m, was_failed, *_ in rows if was_failed]
    stale = [m for m, was_failed, raw, *_ in rows if was_failed is False and (raw or "") != (current_raw or "")]
    unfinished = [m for m, was_failed, *_, inv in rows if was_failed is False and inv != "success"]
    # the variables a build ran with, the reporting time zone among them (a project default)
    variables = {(v, tz) for _, was_failed, _, v, tz, _ in rows if was_failed is False}
    problems = []
    if never:
        problems.append(f"never built by a logged build: {_names(never)}")
    if failed:
        problems.append(f"failed in their last build (model or test): {_names(failed)}")
    if stale:
        problems.append(f"built from an older raw load than the current one ({current_raw}): {_names(stale)}")
    if unfinished:
        problems.append(f"last built by a build that did not finish: {_names(unfinished)}")
    if not problems and len(variables) > 1:
        shown = sorted(f"{v} in {tz}" for v, tz in variables)
        problems.append(f"built with different variables ({' vs '.join(shown)})")
    if problems:
        raise PublishError(f"not publishing: tables {'; '.join(problems)}; run `dbt build`, then publish")
    ((_, time_zone),) = variables
    return BuildChecked(current_raw, time_zone, data_end(con))


def data_end(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """The data end the marts were built with, read from the model that states it (the dashboard
    marks the days and periods after it as partial)."""
    found = con.execute(
        f"select schema_name from src.{BUILD_LOG_SCHEMA}.dbt_model_runs where model_name = 'int_data_end' "
        "and status = 'built' order by recorded_at desc limit 1"
    ).fetchall()
    if not found or found[0][0] is None:
        return None
    return con.execute(f'select max(data_end_at) from src."{found[0][0]}".int_data_end').fetchall()[0][0]


def _names(models: list[str]) -> str:
    shown = ", ".join(models[:5])
    return shown + (f" and {len(models) - 5} more" if len(models) > 5 else "")


def _open_source(source: Path) -> duckdb.DuckDBPyConnection:
    if not source.exists():
        raise PublishError(f"{source}: no warehouse to publish; run the build first")
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(str(source))} as src (read_only)")
    except duckdb.Error as exc:
        con.close()
        message = str(exc).splitlines()[0]
        if "lock" in message.lower():
            message = "another process has it open (is a dbt build running?); publish when it has finished"
        raise PublishError(f"{source}: cannot open the warehouse: {message}") from exc
    return con


def public_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every table to publish: each table of `marts`, and each table of
    another schema whose model the latest build that logged it recorded as public."""
    has_access = con.execute(
        "select count(*) from duckdb_columns() where database_name = 'src' and schema_name = ? "
        "and table_name = 'dbt_model_runs' and column_name = 'access'",
        [BUILD_LOG_SCHEMA],
    ).fetchall()[0][0]
    logged_public = ""
    if has_access:
        logged_public = f"""
        union
        select t.schema_name, t.table_name
        from duckdb_tables() t
        join (
            select model_name, schema_name, access from src.{BUILD_LOG_SCHEMA}.dbt_model_runs
            qualify row_number() over (partition by model_name order by recorded_at desc) = 1
        ) r on t.schema_name = r.schema_name and t.table_name = r.model_name
        where t.database_name = 'src' and r.access = 'public'
        """
    rows = con.execute(
        f"""
        select schema_name, table_name from duckdb_tables() where database_name = 'src' and schema_name = 'marts'
        {logged_public}
        order by schema_name desc, table_name
        """
    ).fetchall()
    return [(schema, table) for schema, table in rows]


def publish(source: Path, target_dir: Path, progress: Progress = print) -> PublishReport:
    """Copy every public table of the source (the marts and the public facts) to `target_dir`, atomically."""
    con = _open_source(source)
    try:
        tables = public_tables(con)
        if not any(schema == "marts" for schema, _ in tables):
            raise PublishError(f"{source}: the marts schema has no tables; run `dbt build`, then publish")
        built = check_build(con, [table for _, table in tables])
        target_dir.mkdir(parents=True, exist_ok=True)
        with _lock(target_dir):
            leftovers = remove_leftovers(target_dir)
            if leftovers:
                progress(f"removed {len(leftovers)} leftovers of an interrupted publish")
            return _write(con, tables, built, target_dir, progress)
    finally:
        con.close()


def _write(
    con: duckdb.DuckDBPyConnection,
    tables: list[tuple[str, str]],
    built: BuildChecked,
    target_dir: Path,
    progress: Progress,
) -> PublishReport:
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging_file = target_dir / f".{PUBLISHED_FILE}.{version}.tmp"
    parquet_root = target_dir / "parquet"
    parquet_dir = parquet_root / version
    published_at = datetime.now(UTC).replace(tzinfo=None)
    counts: dict[str, int] = {}
    try:
        parquet_dir.mkdir(parents=True)
        con.execute(f"attach {_literal(str(staging_file))} as pub (storage_version '{STORAGE_VERSION}')")
        for schema in sorted({schema for schema, _ in tables}):
            con.execute(f'create schema pub."{schema}"')
        for schema, table in tables:
            con.execute(f'create table pub."{schema}"."{table}" as select * from src."{schema}"."{table}"')
            con.execute(
                f'copy pub."{schema}"."{table}" to {_literal(str(parquet_dir / f"{table}.parquet"))} (format parquet)'
            )
            counts[table] = con.execute(f'select count(*) from pub."{schema}"."{table}"').fetchall()[0][0]
        con.execute(
            "create table pub.marts._publication as select ? as version, ?::timestamp as published_at, "
            "? as table_count, ? as raw_load_id, ? as reporting_time_zone, ?::timestamp as data_end_at",
            [version, published_at, len(tables), built.raw_load_id, built.reporting_time_zone, built.data_end_at],
        )
        con.execute("checkpoint pub")
        con.execute("detach pub")
        marker = {
            "version": version,
            "published_at": published_at.isoformat(),
            "raw_load_id": built.raw_load_id,
            "reporting_time_zone": built.reporting_time_zone,
            "data_end_at": built.data_end_at.isoformat() if built.data_end_at else None,
            "tables": counts,
        }
        (parquet_dir / MARKER).write_text(json.dumps(marker, indent=2) + "\n")
    except BaseException:
        for path in target_dir.glob(f".{PUBLISHED_FILE}.{version}.tmp*"):
            path.unlink(missing_ok=True)
        shutil.rmtree(parquet_dir, ignore_errors=True)
        raise
    final = target_dir / PUBLISHED_FILE
    os.replace(staging_file, final)  # atomic on one file system: readers see old or new
    link = parquet_root / "current"
    staging_link = parquet_root / f".current.{version}"
    staging_link.symlink_to(version, target_is_directory=True)
    os.replace(staging_link, link)
    _prune(parquet_root)
    progress(
        f"published {len(tables)} tables ({sum(counts.values()):,} rows, raw load {built.raw_load_id}, "
        f"dates in {built.reporting_time_zone}) to {final} and {link}/"
    )
    return PublishReport(final, parquet_dir, counts, version, built.raw_load_id)


def _prune(parquet_root: Path) -> None:
    """Delete complete versions beyond the newest few; never the current one."""
    current = os.path.realpath(parquet_root / "current")
    complete = sorted(
        (p for p in parquet_root.iterdir() if p.is_dir() and not p.is_symlink() and (p / MARKER).exists()),
        reverse=True,
    )
    for old in complete[KEEP_PARQUET_VERSIONS:]:
        if os.path.realpath(old) != current:
            shutil.rmtree(old, ignore_errors=True)
