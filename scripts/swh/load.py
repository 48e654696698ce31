"""Validating loader: a folder of CSV / Parquet / JSON-lines files into the raw schema.

Every file is read as text into an in-memory DuckDB and checked row by row against the
contract. A structurally broken file (missing required column, bad encoding, unreadable)
stops the whole load before anything is written. Bad rows go to `<raw>._load_rejects` with
file, row, column and reason; the rest is upserted by key in one transaction per load, so
loading a file twice adds nothing. Rows read = rows loaded + rows rejected, always.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import re
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import duckdb

from swh.contract import Column, Table, load_contract

SUFFIXES = {".csv": "csv", ".csv.gz": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".jsonl.gz": "jsonl"}
SQL_TYPES = {
    "string": "text",
    "integer": "bigint",
    "decimal": "numeric(18,4)",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "date": "date",
}
META_COLUMNS = [("_source_file", "text"), ("_source_row", "bigint"), ("_loaded_at", "timestamp")]
REJECTS_TABLE = "_load_rejects"
LOG_TABLE = "_load_log"
Progress = Callable[[str], None]


class LoadError(Exception):
    """A file cannot be loaded at all; nothing of the load was kept."""


@dataclass
class FileReport:
    """Counts for one loaded file."""

    file: str
    table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_new: int = 0


@dataclass
class LoadReport:
    """Counts and reject reasons for one load."""

    load_id: str
    files: list[FileReport] = field(default_factory=list)
    rejects: list[tuple[str, int, str, str | None, str]] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def summary(self) -> str:
        lines = [f"{'file':<34} {'table':<24} {'read':>10} {'loaded':>10} {'new':>10} {'rejected':>9}"]
        for f in self.files:
            lines.append(
                f"{f.file:<34} {f.table:<24} {f.rows_read:>10,} {f.rows_loaded:>10,} {f.rows_new:>10,}"
                f" {f.rows_rejected:>9,}"
            )
        lines.append(
            f"load {self.load_id}: {self.rows_read:,} rows read = {self.rows_loaded:,} loaded + "
            f"{self.rows_rejected:,} rejected"
        )
        for file, row, column, _value, reason in self.rejects[:10]:
            lines.append(f"  rejected {file} row {row} column {column}: {reason}")
        if len(self.rejects) > 10:
            lines.append(f"  ... {len(self.rejects) - 10:,} more reasons in {REJECTS_TABLE}")
        return "\n".join(lines)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def discover(folder: Path, tables: dict[str, Table]) -> list[tuple[Path, Table]]:
    """Files in `folder` named after contract tables (`tickets.csv`, `tickets_2025.parquet`)."""
    if not folder.is_dir():
        raise LoadError(f"{folder}: not a folder")
    found: list[tuple[Path, Table]] = []
    unknown: list[str] = []
    for path in sorted(folder.iterdir()):
        fmt = next((f for s, f in SUFFIXES.items() if path.name.endswith(s)), None)
        if fmt is None or path.name.startswith("."):
            continue
        stem = path.name[: path.name.index(".")]
        table = tables.get(stem) or next(
            (t for name, t in tables.items() if re.fullmatch(rf"{name}[_-].+", stem)), None
        )
        if table is None:
            unknown.append(path.name)
        else:
            found.append((path, table))
    if unknown:
        raise LoadError(
            f"{folder}: files that match no contract table: {', '.join(unknown)} "
            f"(expected names like <table>.csv; tables: {', '.join(tables)})"
        )
    if not found:
        raise LoadError(f"{folder}: no data files (.csv, .csv.gz, .parquet, .jsonl) found")
    return found


def _format(path: Path) -> str:
    return next(f for s, f in SUFFIXES.items() if path.name.endswith(s))


def check_encoding(path: Path) -> None:
    """Fail with file, line and column when a text file is not valid UTF-8."""
    opener = gzip.open if path.name.endswith(".gz") else open
    decoder = codecs.getincrementaldecoder("utf-8")()
    header: list[str] = []
    line_no, carry = 1, b""
    with opener(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            data = carry + chunk
            try:
                text = decoder.decode(data)
            except UnicodeDecodeError as exc:
                good = data[: exc.start]
                line = line_no + good.count(b"\n")
                line_start = good.rfind(b"\n") + 1
                prefix = good[line_start:].decode("utf-8", errors="replace")
                position = prefix.count(",")
                if not header and line > 1 and _format(path) == "csv":
                    first = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
                    header = next(csv.reader([first]))
                if line == 1:
                    column = f"header field {position + 1}"
                else:
                    column = header[position] if position < len(header) else f"field {position + 1}"
                raise LoadError(
                    f"{path.name}: row {line - 1} (line {line}), column {column}: "
                    f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8"
                ) from exc
            if not header and "\n" in text and _format(path) == "csv":
                first = text.split("\n", 1)[0].lstrip("\ufeff")
                header = next(csv.reader([first]))
            line_no += text.count("\n")
            carry = b""


def _reader(path: Path) -> str:
    fmt = _format(path)
    name = _literal(str(path))
    if fmt == "csv":
        return f"read_csv({name}, all_varchar = true, header = true, auto_detect = true)"
    if fmt == "jsonl":
        return f"read_json({name}, format = 'newline_delimited', records = true)"
    return f"read_parquet({name})"


def _typed(column: Column, expr: str) -> str:
    """SQL that turns the text value into the contract type (null when it cannot)."""
    if column.type == "timestamp":
        # Values with an offset are converted to UTC; values without one are taken as UTC.
        return f"coalesce(timezone('UTC', try_cast({expr} as timestamptz)), try_cast({expr} as timestamp))"
    if column.type == "boolean":
        return (
            f"case lower({expr}) when 'true' then true when 't' then true when '1' then true when 'yes' then true "
            f"when 'false' then false when 'f' then false when '0' then false when 'no' then false end"
        )
    return f"try_cast({expr} as {SQL_TYPES[column.type]})"


def stage_file(con: duckdb.DuckDBPyConnection, path: Path, table: Table, stage: str) -> list[str]:
    """Read one file as text into `stage`; fail on structural problems. Returns ignored columns."""
    if _format(path) in ("csv", "jsonl"):
        check_encoding(path)
    try:
        con.execute(
            f"create or replace temp table {stage}_raw as "
            f"select row_number() over () as _source_row, * from {_reader(path)}"
        )
    except duckdb.Error as exc:
        raise LoadError(f"{path.name}: cannot be read as {_format(path)}: {str(exc).splitlines()[0]}") from exc
    present = [r[0] for r in con.execute(f"describe {stage}_raw").fetchall()]
    lowered = {c.strip().lstrip("\ufeff").lower(): c for c in present}
    missing = [c.name for c in table.columns if c.required and c.name not in lowered]
    if missing:
        raise LoadError(
            f"{path.name}: required column {', '.join(missing)} missing "
            f"(table {table.name}; the file has: {', '.join(c for c in present if c != '_source_row')})"
        )
    selects = ["_source_row"]
    for column in table.columns:
        if column.name in lowered:
            raw = _quote(lowered[column.name])
            selects.append(f"nullif(trim(cast({raw} as varchar)), '') as {_quote(column.name)}")
        else:
            selects.append(f"null::varchar as {_quote(column.name)}")
    con.execute(f"create or replace temp table {stage} as select {', '.join(selects)} from {stage}_raw")
    con.execute(f"drop table {stage}_raw")
    known = {c.name for c in table.columns} | {"_source_row"}
    return [c for c in present if c.strip().lstrip("\ufeff").lower() not in known]


def reject_sql(table: Table, stage: str) -> str:
    """One query listing every (row, column, value, reason) that breaks the contract."""
    checks: list[str] = []
    for column in table.columns:
        col = _quote(column.name)

        def check(condition: str, reason: str, col: str = col, name: str = column.name) -> None:
            checks.append(
                f"select _source_row, {_literal(name)} as column_name, {col} as value, {reason} as reason "
                f"from {stage} where {condition}"
            )

        if column.required:
            check(f"{col} is null", _literal("missing required value"))
        if column.type != "string":
            check(
                f"{col} is not null and {_typed(column, col)} is null",
                f"'cannot parse ' || {col} || ' as {column.type}'",
            )
        if column.allowed:
            values = ", ".join(_literal(v) for v in column.allowed)
            check(
                f"{col} is not null and {col} not in ({values})",
                f"'unknown value ' || {col} || ' (allowed: {', '.join(column.allowed)})'",
            )
        if column.min is not None:
            check(f"try_cast({col} as double) < {column.min}", f"'value ' || {col} || ' is below {column.min}'")
        if column.max is not None:
            check(f"try_cast({col} as double) > {column.max}", f"'value ' || {col} || ' is above {column.max}'")
    keys = ", ".join(_quote(k) for k in table.keys)
    key_text = " || '|' || ".join(f"coalesce({_quote(k)}, '')" for k in table.keys)
    checks.append(
        f"select _source_row, {_literal(','.join(table.keys))} as column_name, {key_text} as value, "
        f"'duplicate key (first in row ' || first_row || ')' as reason from ("
        f"select _source_row, {key_text} as k, min(_source_row) over (partition by {keys}) as first_row "
        f"from {stage}) dup_check join {stage} using (_source_row) where _source_row > first_row"
    )
    return "\nunion all\n".join(checks)


class Target(Protocol):
    """Where validated rows go: the raw schema of a DuckDB file or a PostgreSQL database."""

    schema: str

    def write(self, batches: list[tuple[Table, str, Path]], rejects: Path, log_rows: list[tuple]) -> dict[str, int]:
        """Upsert each (table, parquet of clean rows) in one transaction; return new-row counts."""
        ...

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        """Create every contract table (empty) so that dbt sources always exist."""
        ...


def create_table_sql(table: Table, schema: str, if_not_exists: bool = True) -> str:
    cols = [f"{_quote(c.name)} {SQL_TYPES[c.type]}" for c in table.columns] + [f"{n} {t}" for n, t in META_COLUMNS]
    keys = ", ".join(_quote(k) for k in table.keys)
    guard = "if not exists " if if_not_exists else ""
    return f"create table {guard}{schema}.{_quote(table.name)} ({', '.join(cols)}, primary key ({keys}))"


REJECTS_DDL = (
    "create table if not exists {schema}.{rejects} (load_id text, source_file text, source_row bigint, "
    "column_name text, value text, reason text, rejected_at timestamp)"
)
LOG_DDL = (
    "create table if not exists {schema}.{log} (load_id text, source_file text, table_name text, "
    "rows_read bigint, rows_loaded bigint, rows_rejected bigint, loaded_at timestamp)"
)


def _upsert_statements(table: Table, schema: str, batch: str) -> list[str]:
    target = f"{schema}.{_quote(table.name)}"
    key_match = " and ".join(f"t.{_quote(k)} = b.{_quote(k)}" for k in table.keys)
    cols = ", ".join([_quote(c.name) for c in table.columns] + [n for n, _ in META_COLUMNS])
    return [
        f"delete from {target} t where exists (select 1 from {batch} b where {key_match})",
        f"insert into {target} ({cols}) select {cols} from {batch}",
    ]


class DuckDBTarget:
    """The raw schema inside a DuckDB database file."""

    def __init__(self, path: Path, schema: str = "raw") -> None:
        self.path, self.schema = path, schema

    def _connect(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise LoadError(f"{self.path}: cannot open the warehouse ({str(exc).splitlines()[0]})") from exc

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        con = self._connect()
        try:
            con.execute(f"create schema if not exists {self.schema}")
            for table in tables.values():
                con.execute(create_table_sql(table, self.schema))
            con.execute(REJECTS_DDL.format(schema=self.schema, rejects=REJECTS_TABLE))
            con.execute(LOG_DDL.format(schema=self.schema, log=LOG_TABLE))
        finally:
            con.close()

    def write(self, batches: list[tuple[Table, str, Path]], rejects: Path, log_rows: list[tuple]) -> dict[str, int]:
        con = self._connect()
        new_rows: dict[str, int] = {}
        try:
            con.execute("begin transaction")
            for table, label, parquet in batches:
                batch = f"read_parquet({_literal(str(parquet))})"
                before = con.execute(f"select count(*) from {self.schema}.{_quote(table.name)}").fetchone()[0]
                for statement in _upsert_statements(table, self.schema, batch):
                    con.execute(statement)
                after = con.execute(f"select count(*) from {self.schema}.{_quote(table.name)}").fetchone()[0]
                new_rows[label] = after - before
            con.execute(
                f"insert into {self.schema}.{REJECTS_TABLE} select * from read_parquet({_literal(str(rejects))})"
            )
            con.executemany(f"insert into {self.schema}.{LOG_TABLE} values (?, ?, ?, ?, ?, ?, ?)", log_rows)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.close()
        return new_rows


class PostgresTarget:
    """The raw schema of a PostgreSQL database (settings from the DBT_PG_* variables)."""

    def __init__(self, schema: str = "raw") -> None:
        self.schema = schema
        self.params = {
            "host": os.environ.get("DBT_PG_HOST", "127.0.0.1"),
            "port": int(os.environ.get("DBT_PG_PORT", "5432")),
            "user": os.environ.get("DBT_PG_USER", "postgres"),
            "password": os.environ.get("DBT_PG_PASSWORD", ""),
            "dbname": os.environ.get("DBT_PG_DATABASE", "service_warehouse"),
        }

    def _connect(self) -> Any:
        import psycopg2

        try:
            return psycopg2.connect(**self.params)
        except psycopg2.Error as exc:
            where = f"{self.params['host']}:{self.params['port']}/{self.params['dbname']}"
            raise LoadError(f"postgres {where}: cannot connect ({str(exc).strip()})") from exc

    def ensure_tables(self, tables: dict[str, Table]) -> None:
        con = self._connect()
        with con, con.cursor() as cur:
            cur.execute(f"create schema if not exists {self.schema}")
            for table in tables.values():
                cur.execute(create_table_sql(table, self.schema))
            cur.execute(REJECTS_DDL.format(schema=self.schema, rejects=REJECTS_TABLE))
            cur.execute(LOG_DDL.format(schema=self.schema, log=LOG_TABLE))
        con.close()

    def _copy(self, cur: Any, parquet: Path, target: str, columns: list[str]) -> None:
        buffer = io.StringIO()
        local = duckdb.connect()
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "batch.csv"
            local.execute(
                f"copy (select * from read_parquet({_literal(str(parquet))})) to {_literal(str(csv_path))} "
                "(format csv, header false)"
            )
            buffer.write(csv_path.read_text())
        local.close()
        buffer.seek(0)
        cur.copy_expert(f"copy {target} ({', '.join(columns)}) from stdin with (format csv)", buffer)

    def write(self, batches: list[tuple[Table, str, Path]], rejects: Path, log_rows: list[tuple]) -> dict[str, int]:
        con = self._connect()
        new_rows: dict[str, int] = {}
        try:
            with con.cursor() as cur:
                for table, label, parquet in batches:
                    cols = [_quote(c.name) for c in table.columns] + [n for n, _ in META_COLUMNS]
                    cur.execute(f"select count(*) from {self.schema}.{_quote(table.name)}")
                    before = cur.fetchone()[0]
                    cur.execute("drop table if exists _swh_batch")
                    cur.execute(
                        f"create temp table _swh_batch as select * from {self.schema}.{_quote(table.name)} limit 0"
                    )
                    self._copy(cur, parquet, "_swh_batch", cols)
                    for statement in _upsert_statements(table, self.schema, "_swh_batch"):
                        cur.execute(statement)
                    cur.execute(f"select count(*) from {self.schema}.{_quote(table.name)}")
                    new_rows[label] = cur.fetchone()[0] - before
                self._copy(
                    cur,
                    rejects,
                    f"{self.schema}.{REJECTS_TABLE}",
                    ["load_id", "source_file", "source_row", "column_name", "value", "reason", "rejected_at"],
                )
                cur.executemany(f"insert into {self.schema}.{LOG_TABLE} values (%s, %s, %s, %s, %s, %s, %s)", log_rows)
            con.commit()
        except Exception:
            con.rollback()
            raise
        finally:
            con.close()
        return new_rows


def load_folder(folder: Path, target: Target, progress: Progress = print) -> LoadReport:
    """Validate every file of `folder` and load it into `target` in one transaction."""
    tables = load_contract()
    files = discover(folder, tables)
    load_id = uuid.uuid4().hex[:12]
    loaded_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    report = LoadReport(load_id)
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    batches: list[tuple[Table, str, Path]] = []
    log_rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="swh-load-") as tmp:
        reject_parts: list[str] = []
        for i, (path, table) in enumerate(files):
            stage = f"stage_{i}"
            ignored = stage_file(con, path, table, stage)
            if ignored:
                progress(f"  {path.name}: columns not in the contract, not loaded: {', '.join(ignored)}")
            con.execute(f"create or replace temp table {stage}_rejects as {reject_sql(table, stage)}")
            file_report = FileReport(path.name, table.name)
            file_report.rows_read = con.execute(f"select count(*) from {stage}").fetchone()[0]
            file_report.rows_rejected = con.execute(
                f"select count(distinct _source_row) from {stage}_rejects"
            ).fetchone()[0]
            typed = ", ".join(
                f"{_typed(c, _quote(c.name))}::{SQL_TYPES[c.type]} as {_quote(c.name)}" for c in table.columns
            )
            parquet = Path(tmp) / f"{stage}.parquet"
            con.execute(
                f"copy (select {typed}, {_literal(path.name)} as _source_file, _source_row, "
                f"{_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at from {stage} "
                f"where _source_row not in (select _source_row from {stage}_rejects)) "
                f"to {_literal(str(parquet))} (format parquet)"
            )
            file_report.rows_loaded = con.execute(
                f"select count(*) from read_parquet({_literal(str(parquet))})"
            ).fetchone()[0]
            reject_parts.append(
                f"select {_literal(load_id)} as load_id, {_literal(path.name)} as source_file, "
                f"_source_row as source_row, column_name, value, reason, "
                f"{_literal(loaded_at.isoformat(sep=' '))}::timestamp as rejected_at "
                f"from {stage}_rejects"
            )
            report.files.append(file_report)
            batches.append((table, path.name, parquet))
            log_rows.append(
                (
                    load_id,
                    path.name,
                    table.name,
                    file_report.rows_read,
                    file_report.rows_loaded,
                    file_report.rows_rejected,
                    loaded_at,
                )
            )
            progress(f"  checked {path.name}: {file_report.rows_read:,} rows, {file_report.rows_rejected:,} rejected")
        rejects = Path(tmp) / "rejects.parquet"
        con.execute(
            f"copy (select * from ({' union all '.join(reject_parts)}) order by source_file, source_row) "
            f"to {_literal(str(rejects))} (format parquet)"
        )
        report.rejects = con.execute(
            f"select source_file, source_row, column_name, value, reason from read_parquet({_literal(str(rejects))})"
        ).fetchall()
        con.close()
        target.ensure_tables(tables)
        new_rows = target.write(batches, rejects, log_rows)
        for file_report in report.files:
            file_report.rows_new = new_rows.get(file_report.file, 0)
    return report
