"""Where validated rows go: the raw schema of a DuckDB file or of a PostgreSQL database.

Both targets write a whole load in one transaction and classify every accepted row against
what is stored under the same key and source system: inserted (new key), unchanged (same
values; the stored row is kept as it is) or replaced (the stored row is deleted and the new
one inserted).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from swh.contract import META_COLUMNS, Table
from swh.files import LoadError
from swh.validate import SQL_TYPES, literal, quote

TARGET_TYPES = {**SQL_TYPES, "string": "text", "decimal": "numeric(18,4)"}
REJECTS_TABLE = "_load_rejects"
LOG_TABLE = "_load_log"
REJECT_COLUMNS = (
    "load_id",
    "source_system",
    "source_file",
    "source_row",
    "column_name",
    "value",
    "reason",
    "rejected_at",
)
REJECTS_DDL = (
    "create table if not exists {schema}.{table} (load_id text, source_system text, source_file text, "
    "source_row bigint, column_name text, value text, reason text, rejected_at timestamp)"
)
LOG_DDL = (
    "create table if not exists {schema}.{table} (load_id text, source_system text, source_file text, "
    "table_name text, rows_read bigint, rows_inserted bigint, rows_replaced bigint, rows_unchanged bigint, "
    "rows_rejected bigint, loaded_at timestamp)"
)


@dataclass
class Batch:
    """The accepted rows of one contract table in one load (a Parquet file with meta columns)."""

    table: Table
    parquet: Path


Outcomes = dict[str, dict[str, int]]  # file -> {"inserted": n, "replaced": n, "unchanged": n}


class Target(Protocol):
    """The raw schema of a warehouse."""

    schema: str

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        """Create every contract table (empty) so that dbt sources always exist."""
        ...

    def stored(self, table: Table, columns: list[str], source_system: str) -> pa.Table | None:
        """The stored rows of `table` in `source_system` (only `columns`), or None when none are."""
        ...

    def write(self, batches: list[Batch], rejects: Path, log_rows: list[tuple]) -> Outcomes:
        """Upsert every batch, append rejects and log rows, all in one transaction."""
        ...


def create_table_sql(table: Table, schema: str, primary_key: bool = True) -> str:
    """The raw table's definition; with `primary_key`, keyed on source system and the contract's keys."""
    cols = [f"{quote(c.name)} {TARGET_TYPES[c.type]}" for c in table.columns]
    cols += [f"{name} {TARGET_TYPES[kind]}" for name, kind, _ in META_COLUMNS]
    if primary_key:
        cols.append(f"primary key ({', '.join(['_source_system', *(quote(k) for k in table.keys)])})")
    return f"create table if not exists {schema}.{quote(table.name)} ({', '.join(cols)})"


def _classify_sql(table: Table, target: str, batch: str) -> str:
    """Each batch row with its outcome against the stored row of the same key."""
    match = " and ".join(f"t.{quote(k)} = b.{quote(k)}" for k in ["_source_system", *table.keys])
    same = " and ".join(f"t.{quote(c.name)} is not distinct from b.{quote(c.name)}" for c in table.columns)
    first_key = quote(table.keys[0])
    return (
        f"select b.*, case when t.{first_key} is null then 'inserted' when {same} then 'unchanged' "
        f"else 'replaced' end as _outcome from {batch} b left join {target} t on {match}"
    )


def _insert_statement(table: Table, target: str, rows: str) -> str:
    cols = ", ".join([quote(c.name) for c in table.columns] + [name for name, _, _ in META_COLUMNS])
    return f"insert into {target} ({cols}) select {cols} from {rows}"


def _upsert_statements(table: Table, target: str, classified: str) -> list[str]:
    match = " and ".join(f"t.{quote(k)} = c.{quote(k)}" for k in ["_source_system", *table.keys])
    return [
        f"delete from {target} t where exists (select 1 from {classified} c where c._outcome = 'replaced' and {match})",
        _insert_statement(table, target, f"{classified} where _outcome <> 'unchanged'"),
    ]


def _check_shape(table: str, present: set[str]) -> None:
    if present and "_source_system" not in present:
        raise LoadError(
            f"raw.{table} was written by an older version of the loader (it has no _source_system column); "
            "load into a new warehouse file, or drop the raw schema and load again"
        )


def added_columns_sql(table: Table, schema: str, present: set[str]) -> list[str]:
    """Columns the contract gained since the stored table was created. An optional column is
    added empty (its stored rows did not have it, so null is exact); a required one cannot be."""
    if not present:
        return []
    missing = [c for c in table.columns if c.name not in present]
    required = [c.name for c in missing if c.required]
    if required:
        raise LoadError(
            f"raw.{table.name} has no column {', '.join(required)}, which the contract now requires; "
            "load into a new warehouse file, or drop the raw schema and load again"
        )
    return [
        f"alter table {schema}.{quote(table.name)} add column {quote(c.name)} {TARGET_TYPES[c.type]}" for c in missing
    ]


class DuckDBTarget:
    """The raw schema inside a DuckDB database file."""

    def __init__(self, path: Path, schema: str = "raw") -> None:
        self.path, self.schema = path, schema

    def _connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            if "lock" in message.lower():
                message = "another process has it open (a running dbt build, load or reader); try again when it ends"
            raise LoadError(f"{self.path}: cannot open the warehouse: {message}") from exc

    def _columns(self, con: duckdb.DuckDBPyConnection, table: Table) -> set[str]:
        """The columns the stored raw table has (none when it does not exist)."""
        rows = con.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ?",
            [self.schema, table.name],
        ).fetchall()
        return {r[0] for r in rows}

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        con = self._connect()
        try:
            con.execute(f"create schema if not exists {self.schema}")
            for table in tables.values():
                present = self._columns(con, table)
                _check_shape(table.name, present)
                # No primary key in DuckDB: its index is maintained on every insert (at 100k tickets
                # the load takes 11.0 s without it, 11.9 s with it), and the loader already keeps
                # one row per key (a load's duplicate keys are rejected; a replaced row is deleted
                # before its new version is inserted).
                con.execute(create_table_sql(table, self.schema, primary_key=False))
                for statement in added_columns_sql(table, self.schema, present):
                    con.execute(statement)
            con.execute(REJECTS_DDL.format(schema=self.schema, table=REJECTS_TABLE))
            con.execute(LOG_DDL.format(schema=self.schema, table=LOG_TABLE))
        finally:
            con.close()

    def stored(self, table: Table, columns: list[str], source_system: str) -> pa.Table | None:
        if not self.path.exists():
            return None
        con = self._connect(read_only=True)
        try:
            present = self._columns(con, table)
            if not present:
                return None
            _check_shape(table.name, present)
            cols = ", ".join(quote(c) for c in columns)
            return con.sql(
                f"select {cols} from {self.schema}.{quote(table.name)} where _source_system = ?", params=[source_system]
            ).to_arrow_table()
        finally:
            con.close()

    def write(self, batches: list[Batch], rejects: Path, log_rows: list[tuple]) -> Outcomes:
        con = self._connect()
        outcomes: Outcomes = {}
        try:
            con.execute("begin transaction")
            for batch in batches:
                target = f"{self.schema}.{quote(batch.table.name)}"
                source = f"read_parquet({literal(str(batch.parquet))})"
                if con.execute(f"select count(*) from (select 1 from {target} limit 1)").fetchone()[0]:
                    con.execute(
                        f"create or replace temp table _classified as {_classify_sql(batch.table, target, source)}"
                    )
                    classified, statements = "_classified", _upsert_statements(batch.table, target, "_classified")
                else:  # nothing stored yet: every row is inserted, and there is no key to compare
                    classified = f"(select *, 'inserted' as _outcome from {source})"
                    statements = [_insert_statement(batch.table, target, source)]
                for file, outcome, n in con.execute(
                    f"select _source_file, _outcome, count(*) from {classified} group by all"
                ).fetchall():
                    if not batch.table.derived:  # derived rows are not rows of the file
                        outcomes.setdefault(file, {})[outcome] = n
                for statement in statements:
                    con.execute(statement)
            con.execute(
                f"insert into {self.schema}.{REJECTS_TABLE} select * from read_parquet({literal(str(rejects))})"
            )
            placeholders = ", ".join("?" * 10)
            con.executemany(
                f"insert into {self.schema}.{LOG_TABLE} values ({placeholders})", [_log(r, outcomes) for r in log_rows]
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.close()
        return outcomes


def _log(row: tuple, outcomes: Outcomes) -> tuple:
    """A load-log row: (load id, system, file, table, read, inserted, replaced, unchanged, rejected, at)."""
    load_id, system, file, table, read, rejected, at = row
    counts = outcomes.get(file, {})
    return (
        load_id,
        system,
        file,
        table,
        read,
        counts.get("inserted", 0),
        counts.get("replaced", 0),
        counts.get("unchanged", 0),
        rejected,
        at,
    )


class PostgresTarget:
    """The raw schema of a PostgreSQL database (settings from the DBT_PG_* variables).

    The loader connects as DBT_PG_USER (default `swh_loader`, a least-privilege role: see the
    README), never as the superuser unless told so."""

    def __init__(self, schema: str = "raw") -> None:
        self.schema = schema
        self.params = {
            "host": os.environ.get("DBT_PG_HOST", "127.0.0.1"),
            "port": int(os.environ.get("DBT_PG_PORT", "5432")),
            "user": os.environ.get("SWH_PG_LOADER_USER", os.environ.get("DBT_PG_USER", "swh_loader")),
            "password": os.environ.get("SWH_PG_LOADER_PASSWORD", os.environ.get("DBT_PG_PASSWORD", "")),
            "dbname": os.environ.get("DBT_PG_DATABASE", "service_warehouse"),
        }

    def _connect(self) -> Any:
        import psycopg2

        try:
            return psycopg2.connect(**self.params)
        except psycopg2.Error as exc:
            where = f"{self.params['user']}@{self.params['host']}:{self.params['port']}/{self.params['dbname']}"
            raise LoadError(f"postgres {where}: cannot connect ({str(exc).strip().splitlines()[0]})") from exc

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        con = self._connect()
        with con, con.cursor() as cur:
            cur.execute(f"create schema if not exists {self.schema}")
            for table in tables.values():
                cur.execute(
                    "select column_name from information_schema.columns where table_schema = %s and table_name = %s",
                    (self.schema, table.name),
                )
                present = {r[0] for r in cur.fetchall()}
                _check_shape(table.name, present)
                cur.execute(create_table_sql(table, self.schema))
                for statement in added_columns_sql(table, self.schema, present):
                    cur.execute(statement)
            cur.execute(REJECTS_DDL.format(schema=self.schema, table=REJECTS_TABLE))
            cur.execute(LOG_DDL.format(schema=self.schema, table=LOG_TABLE))
        con.close()

    def stored(self, table: Table, columns: list[str], source_system: str) -> pa.Table | None:
        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute(
                    "select column_name from information_schema.columns where table_schema = %s and table_name = %s",
                    (self.schema, table.name),
                )
                present = {r[0] for r in cur.fetchall()}
                if not present:
                    return None
                _check_shape(table.name, present)
                cols = ", ".join(quote(c) for c in columns)
                cur.execute(
                    f"select {cols} from {self.schema}.{quote(table.name)} where _source_system = %s", (source_system,)
                )
                rows = cur.fetchall()
        finally:
            con.close()
        return pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)}) if rows else None

    def _copy(self, cur: Any, relation: str, target: str, columns: list[str]) -> None:
        local = duckdb.connect()
        with tempfile.TemporaryDirectory(prefix="swh-copy-") as tmp:
            csv_path = Path(tmp) / "batch.csv"
            local.execute(f"copy (select * from {relation}) to {literal(str(csv_path))} (format csv, header false)")
            local.close()
            with open(csv_path, encoding="utf-8") as fh:
                cur.copy_expert(f"copy {target} ({', '.join(columns)}) from stdin with (format csv)", fh)

    def write(self, batches: list[Batch], rejects: Path, log_rows: list[tuple]) -> Outcomes:
        con = self._connect()
        outcomes: Outcomes = {}
        try:
            with con.cursor() as cur:
                for batch in batches:
                    target = f"{self.schema}.{quote(batch.table.name)}"
                    cols = [quote(c.name) for c in batch.table.columns] + [name for name, _, _ in META_COLUMNS]
                    cur.execute("drop table if exists _swh_batch")
                    cur.execute(f"create temp table _swh_batch as select * from {target} limit 0")
                    self._copy(cur, f"read_parquet({literal(str(batch.parquet))})", "_swh_batch", cols)
                    cur.execute("drop table if exists _swh_classified")
                    cur.execute(
                        f"create temp table _swh_classified as {_classify_sql(batch.table, target, '_swh_batch')}"
                    )
                    cur.execute("select _source_file, _outcome, count(*) from _swh_classified group by 1, 2")
                    for file, outcome, n in cur.fetchall():
                        if not batch.table.derived:  # derived rows are not rows of the file
                            outcomes.setdefault(file, {})[outcome] = n
                    for statement in _upsert_statements(batch.table, target, "_swh_classified"):
                        cur.execute(statement)
                self._copy(
                    cur,
                    f"read_parquet({literal(str(rejects))})",
                    f"{self.schema}.{REJECTS_TABLE}",
                    list(REJECT_COLUMNS),
                )
                placeholders = ", ".join(["%s"] * 10)
                cur.executemany(
                    f"insert into {self.schema}.{LOG_TABLE} values ({placeholders})",
                    [_log(r, outcomes) for r in log_rows],
                )
            con.commit()
        except Exception:
            con.rollback()
            raise
        finally:
            con.close()
        return outcomes


class SparkParquetTarget:
    """The raw tables Spark reads: one Parquet folder per table under `<folder>/current/`.

    A load is classified and stored exactly as in DuckDB (a DuckDB file `<folder>/loader.duckdb`
    holds the loader's own copy), then every raw table is written to a new version folder and
    `current` is switched to it in one rename, so a build on Spark sees the whole previous load
    or the whole new one, never a mix. Older versions stay until the next load has switched."""

    def __init__(self, folder: Path, schema: str = "raw") -> None:
        self.folder, self.schema = folder, schema
        self.store = DuckDBTarget(folder / "loader.duckdb", schema)

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        self.store.ensure_tables(tables)

    def stored(self, table: Table, columns: list[str], source_system: str) -> pa.Table | None:
        return self.store.stored(table, columns, source_system)

    def write(self, batches: list[Batch], rejects: Path, log_rows: list[tuple]) -> Outcomes:
        outcomes = self.store.write(batches, rejects, log_rows)
        self.export()
        return outcomes

    def export(self) -> Path:
        """Write every raw table as Parquet into a new version folder and point `current` at it."""
        versions = self.folder / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        version = Path(tempfile.mkdtemp(prefix="v", dir=versions))
        con = duckdb.connect(str(self.store.path), read_only=True)
        try:
            tables = [
                r[0]
                for r in con.execute(
                    "select table_name from duckdb_tables() where schema_name = ? order by 1", [self.schema]
                ).fetchall()
            ]
            for table in tables:
                (version / table).mkdir()
                con.execute(
                    f"copy {self.schema}.{quote(table)} to {literal(str(version / table / 'part-0.parquet'))} "
                    "(format parquet)"
                )
        finally:
            con.close()
        current = self.folder / "current"
        previous = current.resolve() if current.is_symlink() else None
        link = self.folder / f".current-{version.name}"
        link.symlink_to(version.relative_to(self.folder), target_is_directory=True)
        os.replace(link, current)  # atomic: readers resolve `current` to one whole version
        if previous is not None and previous != version.resolve() and previous.parent == versions.resolve():
            shutil.rmtree(previous, ignore_errors=True)
        return version
