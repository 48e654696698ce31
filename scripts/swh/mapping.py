"""Bring your own export: turn a foreign file into contract files, driven by a YAML mapping.

A mapping names one source file (CSV with a header, or columns separated by white space with
`separator: whitespace`) and, per contract table, how each contract column is made
from the source: a source column, a constant, a value map, a timestamp format or a DuckDB
SQL expression, optionally aggregated to one row per key (`group_by`; `aggregate: none` marks an `sql`
expression that aggregates by itself). A status-change log
becomes ticket events row for row, and tickets, teams and agents are derived from it.
See mappings/volvo_it_incidents.yml for a worked example.

A mapping is code, trusted like a dbt model: review it before running it. Still, it can only
do what a mapping is for: the source path resolves inside the export folder unless it is
absolute (`..` cannot leave it), every `sql` and `where` must be one SQL expression (several
statements are refused), and once the source is read the expressions run with DuckDB's file
access switched off, so they cannot read or write any file.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import yaml

from swh.contract import load_contract
from swh.files import MAPPED_MARKER as OUTPUT_MARKER
from swh.files import LoadError
from swh.validate import literal as _literal
from swh.validate import quote as _quote

AGGREGATES = {"first", "last", "min", "max", "count", "none"}


@dataclass
class MapReport:
    """Rows read from the source and written per contract table."""

    source_rows: int
    written: dict[str, int]


def _column_sql(name: str, spec: Any, source: dict[str, Any]) -> tuple[str, str | None]:
    """SQL for one contract column and its aggregate (None when per row)."""
    if isinstance(spec, str):
        spec = {"column": spec}
    if not isinstance(spec, dict):
        raise LoadError(f"mapping: column {name}: expected a source column name or a mapping, got {spec!r}")
    if "value" in spec:
        expr = "null" if spec["value"] is None else _literal(str(spec["value"]))
    elif "sql" in spec:
        expr = f"({spec['sql']})"
    elif "column" in spec:
        expr = _quote(spec["column"])
    else:
        raise LoadError(f"mapping: column {name}: give one of column, value or sql")
    fmt = spec.get("timestamp_format", source.get("timestamp_format") if spec.get("timestamp") else None)
    if fmt:
        expr = f"strftime(timezone('UTC', strptime({expr}, {_literal(fmt)})), '%Y-%m-%d %H:%M:%S')"
    if "map" in spec:
        cases = " ".join(f"when {_literal(str(k))} then {_literal(str(v))}" for k, v in spec["map"].items())
        default = _literal(str(spec["default"])) if spec.get("default") is not None else expr
        if spec.get("strict", True) and spec.get("default") is None:
            default = f"'unmapped: ' || {expr}"  # reaches the loader, which rejects it by name
        expr = f"case {expr} {cases} else {default} end"
    aggregate = spec.get("aggregate")
    if aggregate is not None and aggregate not in AGGREGATES:
        raise LoadError(f"mapping: column {name}: aggregate must be one of {sorted(AGGREGATES)}")
    return expr, aggregate


def source_path(mapping_name: str, input_dir: Path, file: str) -> Path:
    """The source file: absolute as written, or relative to the export folder and inside it."""
    given = Path(file)
    if given.is_absolute():
        return given
    base = input_dir.resolve()
    path = (base / given).resolve()
    if not path.is_relative_to(base):
        raise LoadError(f"mapping {mapping_name}: source file {file} is outside the export folder {input_dir}")
    return path


def _read_whitespace_separated(path: Path) -> pa.Table:
    """A file of columns separated by runs of spaces or tabs (header line first), as text with
    its line numbers in `_row`. A line with a different number of fields stops the mapping."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig") as handle:
        header = handle.readline().split()
        if not header:
            raise LoadError(f"{path.name}: the first line names no columns")
        rows: list[list[str]] = []
        for line_number, line in enumerate(handle, start=2):
            fields = line.split()
            if not fields:
                continue  # a blank line holds no record
            if len(fields) != len(header):
                raise LoadError(
                    f"{path.name}: line {line_number}: {len(fields)} fields where the header names {len(header)}"
                )
            rows.append(fields)
    columns = {"_row": pa.array(range(1, len(rows) + 1), pa.int64())}
    for index, name in enumerate(header):
        columns[name] = pa.array([row[index] for row in rows], pa.string())
    return pa.table(columns)


def check_expression(con: duckdb.DuckDBPyConnection, mapping_name: str, where: str, expression: str) -> None:
    """Refuse anything but one SQL expression (`1; copy ...` is two statements)."""
    try:
        statements = con.extract_statements(f"select {expression}")
    except duckdb.Error as exc:
        raise LoadError(f"mapping {mapping_name}: {where}: not a SQL expression ({str(exc).splitlines()[0]})") from exc
    if len(statements) != 1:
        raise LoadError(
            f"mapping {mapping_name}: {where}: must be one SQL expression, found {len(statements)} statements"
        )


def _prepare_output(out: Path) -> None:
    """An empty folder for the mapped files: a previous mapping's output is replaced, anything else
    refused (the loader loads every file of the folder)."""
    if out.exists() and any(out.iterdir()):
        if not (out / OUTPUT_MARKER).exists():
            raise LoadError(f"{out}: the folder for mapped files is not empty and was not written by a mapping")
        for path in out.iterdir():
            if path.is_file() or path.is_symlink():
                path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / OUTPUT_MARKER).touch()


def apply_mapping(mapping_path: Path, input_dir: Path, out: Path) -> MapReport:
    """Write one CSV per mapped contract table into `out`."""
    spec = yaml.safe_load(mapping_path.read_text())
    source = spec["source"]
    path = source_path(mapping_path.name, input_dir, str(source["file"]))
    if not path.exists():
        raise LoadError(f"mapping {mapping_path.name}: source file {path} not found")
    contract = load_contract()
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    if source.get("separator", "csv") == "whitespace":
        con.register("src_arrow", _read_whitespace_separated(path))
        con.execute("create table src_raw as select * from src_arrow")
        con.unregister("src_arrow")
    else:
        try:
            con.execute(
                f"create table src_raw as select row_number() over () as _row, * from "
                f"read_csv({_literal(str(path))}, all_varchar = true, header = true)"
            )
        except duckdb.Error as exc:
            raise LoadError(f"{path.name}: cannot be read: {str(exc).splitlines()[0]}") from exc
    columns = [r[0] for r in con.execute("describe src_raw").fetchall() if r[0] != "_row"]
    markers = ", ".join(_literal(m) for m in source.get("null_markers", [""]))
    cleaned = ", ".join(
        f"case when trim({_quote(c)}) in ({markers}) then null else trim({_quote(c)}) end as {_quote(c)}"
        for c in columns
    )
    con.execute(f"create table src as select _row, {cleaned} from src_raw")
    con.execute("drop table src_raw")
    con.execute("set enable_external_access = false")  # expressions below cannot touch files
    con.execute("set lock_configuration = true")
    source_rows = con.execute("select count(*) from src").fetchall()[0][0]
    _prepare_output(out)
    written: dict[str, int] = {}
    for table_name, table_spec in spec["tables"].items():
        if table_name not in contract:
            raise LoadError(f"mapping: {table_name} is not a contract table")
        group_by = table_spec.get("group_by")
        order_by = _quote(table_spec.get("order_by", "_row"))
        selects = []
        for name, col_spec in table_spec["columns"].items():
            contract[table_name].column(name)  # fails on a misspelt column
            if isinstance(col_spec, dict) and "sql" in col_spec:
                check_expression(con, mapping_path.name, f"{table_name}.{name}.sql", str(col_spec["sql"]))
            expr, aggregate = _column_sql(name, col_spec, source)
            if group_by:
                if aggregate == "first":
                    expr = f"arg_min({expr}, {order_by})"
                elif aggregate == "last":
                    expr = f"arg_max({expr}, {order_by})"
                elif aggregate in ("min", "max", "count"):
                    expr = f"{aggregate}({expr})"
                elif aggregate == "none":
                    pass  # the sql expression aggregates by itself
                elif expr != _quote(group_by):
                    expr = f"any_value({expr})"
            selects.append(f"{expr} as {_quote(name)}")
        query = f"select {', '.join(selects)} from src"
        if "where" in table_spec:
            check_expression(con, mapping_path.name, f"{table_name}.where", str(table_spec["where"]))
            query += f" where {table_spec['where']}"
        if group_by:
            query += f" group by {_quote(group_by)}"
        try:
            result = con.sql(query).to_arrow_table()
        except duckdb.Error as exc:
            raise LoadError(f"mapping {mapping_path.name}: table {table_name}: {str(exc).splitlines()[0]}") from exc
        # Every value is written as text: the loader types it, exactly as for any other file.
        result = result.cast(pa.schema([pa.field(f.name, pa.string()) for f in result.schema]))
        pacsv.write_csv(result, out / f"{table_name}.csv")
        written[table_name] = result.num_rows
    con.close()
    return MapReport(source_rows, written)
