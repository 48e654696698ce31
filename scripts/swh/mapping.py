"""Bring your own export: turn a foreign file into contract files, driven by a YAML mapping.

A mapping names one source file and, per contract table, how each contract column is made
from the source: a source column, a constant, a value map, a timestamp format or a DuckDB
SQL expression, optionally aggregated to one row per key (`group_by`; `aggregate: none` marks an `sql`
expression that aggregates by itself). A status-change log
becomes ticket events row for row, and tickets, teams and agents are derived from it.
See mappings/volvo_it_incidents.yml for a worked example.

The source is a CSV file (dialect keys `delimiter`, `quote`, `escape`, `encoding` (utf-8,
utf-16, latin-1) and `header: false`, which names the columns column0, column1 ...), a text
file of columns separated by white space (`separator: whitespace`), or a spreadsheet
(.xlsx, .xls, .ods; `sheet:` names the sheet, else the first), read with python-calamine:
every cell as the text it shows. Source columns the mapping never names are listed in the
report, so nothing in an export is dropped without a word.

A mapping is code, trusted like a dbt model: review it before running it. Still, it can only
do what a mapping is for: the source path resolves inside the export folder unless it is
absolute (`..` cannot leave it), every `sql` and `where` must be one SQL expression (several
statements are refused), and once the source is read the expressions run with DuckDB's file
access switched off, so they cannot read or write any file.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import yaml
from python_calamine import CalamineWorkbook

from swh.contract import load_contract
from swh.files import MAPPED_MARKER as OUTPUT_MARKER
from swh.files import LoadError
from swh.validate import literal as _literal
from swh.validate import quote as _quote

AGGREGATES = {"first", "last", "min", "max", "count", "none"}
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
# Mapping keys of a CSV source and the DuckDB read_csv options they set.
CSV_DIALECT = {"delimiter": "delim", "quote": "quote", "escape": "escape", "encoding": "encoding"}
CSV_ENCODINGS = {"utf-8", "utf-16", "latin-1"}
SOURCE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
PROVENANCE_COLUMN = "_swh_source_row"


@dataclass
class MapReport:
    """Rows read from the source and written per contract table."""

    source_rows: int
    written: dict[str, int]
    unused_columns: list[str] = field(default_factory=list)


def _column_sql(name: str, spec: Any, source: dict[str, Any], qualifiers: set[str]) -> tuple[str, str | None]:
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
        expr = _source_column(str(spec["column"]), qualifiers)
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


def _join_condition(join: dict[Any, Any]) -> str | None:
    """A join's `on:` condition (YAML 1.1 reads a bare `on` key as true, so accept both)."""
    condition = join.get("on", join.get(True))
    return None if condition is None else str(condition)


def _source_column(column: str, qualifiers: set[str]) -> str:
    """A source column; with several sources, `customers.id` is column id of source customers."""
    prefix, _, rest = column.partition(".")
    if rest and prefix in qualifiers:
        return f"{_quote(prefix)}.{_quote(rest)}"
    return _quote(column)


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


def _csv_options(mapping_name: str, source: dict[str, Any]) -> str:
    """DuckDB read_csv options from the mapping's CSV dialect (every value read as text)."""
    options = ["all_varchar = true", f"header = {'true' if source.get('header', True) else 'false'}"]
    for key, option in CSV_DIALECT.items():
        if key in source:
            value = str(source[key])
            if key == "encoding" and value.lower().replace("_", "-") not in CSV_ENCODINGS:
                raise LoadError(
                    f"mapping {mapping_name}: encoding {value!r}: use one of {', '.join(sorted(CSV_ENCODINGS))}"
                )
            options.append(f"{option} = {_literal(value)}")
    return ", ".join(options)


def _cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text it shows: whole numbers without `.0`, dates in ISO 8601."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_spreadsheet(path: Path, sheet: str | None) -> pa.Table:
    """One sheet of an .xlsx / .xls / .ods file (python-calamine): the first row names the
    columns, every cell becomes its text, `_row` numbers the records (the header is not one)."""
    workbook = CalamineWorkbook.from_path(str(path))
    if sheet is not None and sheet not in workbook.sheet_names:
        raise LoadError(f"{path.name}: no sheet {sheet!r} (sheets: {', '.join(workbook.sheet_names)})")
    rows = (workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)).to_python()
    if not rows:
        raise LoadError(f"{path.name}: the sheet is empty")
    header = [_cell_text(v) or f"column{i}" for i, v in enumerate(rows[0])]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(v not in (None, "") for v in row)]
    columns: dict[str, pa.Array] = {"_row": pa.array(range(1, len(body) + 1), pa.int64())}
    for index, name in enumerate(header):
        columns[name] = pa.array([_cell_text(row[index]) if index < len(row) else None for _, row in body], pa.string())
    return pa.table(columns)


def unused_columns(spec: dict[str, Any], columns: dict[str, list[str]]) -> list[str]:
    """Source columns the mapping never names (in a column, group_by, order_by, join, sql or
    where), listed so that nothing in the export is dropped without a word. With several
    sources they are written `source.column`."""
    named: set[str] = set()
    texts: list[str] = []
    for table_spec in spec["tables"].values():
        for key in ("group_by", "order_by"):
            if isinstance(table_spec.get(key), dict):
                texts.append(str(table_spec[key].get("sql", "")))
            elif key in table_spec:
                named.add(str(table_spec[key]))
        texts.extend(str(table_spec[key]) for key in ("where", "qualify") if key in table_spec)
        texts.extend(_join_condition(join) or "" for join in table_spec.get("join", []))
        for col_spec in table_spec["columns"].values():
            if isinstance(col_spec, str):
                named.add(col_spec)
            elif isinstance(col_spec, dict):
                if "column" in col_spec:
                    named.add(str(col_spec["column"]))
                if "sql" in col_spec:
                    texts.append(str(col_spec["sql"]))
    text = "\n".join(texts)
    several = len(columns) > 1
    unused = []
    for source, names in columns.items():
        for c in names:
            qualified = f"{source}.{c}"
            if c in named or qualified in named or re.search(rf"(?<![\w]){re.escape(c)}(?![\w])", text):
                continue
            unused.append(qualified if several else c)
    return unused


def _read_whitespace_separated(path: Path) -> pa.Table:
    """A file of columns separated by runs of spaces or tabs (header line first), as text with
    its records numbered in `_row`. A line with a different number of fields stops the mapping."""
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


def _key_sql(con: duckdb.DuckDBPyConnection, mapping_name: str, where: str, spec: Any) -> str:
    """A group_by / order_by key: a source column name, or `{sql: <expression>}` (for example
    a numeric order of a text column, `{sql: "cast(seq as integer)"}`)."""
    if isinstance(spec, dict):
        if set(spec) != {"sql"}:
            raise LoadError(f"mapping {mapping_name}: {where}: give a column name or {{sql: <expression>}}")
        check_expression(con, mapping_name, where, str(spec["sql"]))
        return f"({spec['sql']})"
    return _quote(str(spec))


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


def _read_source(
    con: duckdb.DuckDBPyConnection, mapping_name: str, input_dir: Path, name: str, source: dict[str, Any]
) -> list[str]:
    """Read one named source into table `name`: every value as trimmed text, null markers as
    null, `_row` its record number (the loader's row numbers count records too, the header not
    among them), which rejects of the mapped rows name. Returns its columns."""
    path = source_path(mapping_name, input_dir, str(source["file"]))
    if not path.exists():
        raise LoadError(f"mapping {mapping_name}: source file {path} not found")
    raw = _quote(f"{name}_raw")
    arrow_source = None
    if source.get("separator", "csv") == "whitespace":
        arrow_source = _read_whitespace_separated(path)
    elif path.suffix.lower() in SPREADSHEET_SUFFIXES:
        arrow_source = _read_spreadsheet(path, source.get("sheet"))
    if arrow_source is not None:
        con.register("src_arrow", arrow_source)
        con.execute(f"create table {raw} as select * from src_arrow")
        con.unregister("src_arrow")
    else:
        try:
            con.execute(
                f"create table {raw} as select row_number() over () as _row, * from "
                f"read_csv({_literal(str(path))}, {_csv_options(mapping_name, source)})"
            )
        except duckdb.Error as exc:
            raise LoadError(f"{path.name}: cannot be read: {str(exc).splitlines()[0]}") from exc
    columns = [r[0] for r in con.execute(f"describe {raw}").fetchall() if r[0] != "_row"]
    markers = ", ".join(_literal(m) for m in source.get("null_markers", [""]))
    cleaned = ", ".join(
        f"case when trim({_quote(c)}) in ({markers}) then null else trim({_quote(c)}) end as {_quote(c)}"
        for c in columns
    )
    con.execute(f"create table {_quote(name)} as select _row, {cleaned} from {raw}")
    con.execute(f"drop table {raw}")
    return columns


def _sources(mapping_name: str, spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The named sources: `sources: {name: {file: ...}}`, or the one `source:` (named src)."""
    if "sources" in spec:
        sources = spec["sources"]
        for name in sources:
            if not SOURCE_NAME.fullmatch(str(name)):
                raise LoadError(f"mapping {mapping_name}: source name {name!r}: use lower-case letters, digits and _")
        return dict(sources)
    return {"src": spec["source"]}


def apply_mapping(mapping_path: Path, input_dir: Path, out: Path) -> MapReport:
    """Write one CSV per mapped contract table into `out`."""
    spec = yaml.safe_load(mapping_path.read_text())
    sources = _sources(mapping_path.name, spec)
    contract = load_contract()
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    columns = {name: _read_source(con, mapping_path.name, input_dir, name, src) for name, src in sources.items()}
    con.execute("set enable_external_access = false")  # expressions below cannot touch files
    con.execute("set lock_configuration = true")
    source_rows = sum(con.execute(f"select count(*) from {_quote(n)}").fetchall()[0][0] for n in sources)
    _prepare_output(out)
    written: dict[str, int] = {}
    provenance: dict[str, dict[str, Any]] = {}
    for table_name, table_spec in spec["tables"].items():
        if table_name not in contract:
            raise LoadError(f"mapping: {table_name} is not a contract table")
        main = str(table_spec.get("from", next(iter(sources))))
        if main not in sources:
            raise LoadError(f"mapping {mapping_path.name}: table {table_name}: from {main!r} is not a source")
        source = sources[main]
        group_by = table_spec.get("group_by")
        group_sql = _key_sql(con, mapping_path.name, f"{table_name}.group_by", group_by) if group_by else None
        order_by = _key_sql(
            con, mapping_path.name, f"{table_name}.order_by", table_spec.get("order_by", {"sql": f"{main}._row"})
        )
        selects = []
        for name, col_spec in table_spec["columns"].items():
            contract[table_name].column(name)  # fails on a misspelt column
            if isinstance(col_spec, dict) and "sql" in col_spec:
                check_expression(con, mapping_path.name, f"{table_name}.{name}.sql", str(col_spec["sql"]))
            expr, aggregate = _column_sql(name, col_spec, source, set(sources) if len(sources) > 1 else set())
            if group_by:
                if aggregate == "first":
                    expr = f"arg_min({expr}, {order_by})"
                elif aggregate == "last":
                    expr = f"arg_max({expr}, {order_by})"
                elif aggregate in ("min", "max", "count"):
                    expr = f"{aggregate}({expr})"
                elif aggregate == "none":
                    pass  # the sql expression aggregates by itself
                elif expr != group_sql:
                    expr = f"any_value({expr})"
            selects.append(f"{expr} as {_quote(name)}")
        line = f"min({_quote(main)}._row)" if group_by else f"{_quote(main)}._row"
        selects.append(f"{line} as {PROVENANCE_COLUMN}")  # where the mapped row came from
        query = f"select {', '.join(selects)} from {_quote(main)}"
        for number, join in enumerate(table_spec.get("join", []), start=1):
            other = str(join.get("source"))
            if other not in sources or other == main:
                raise LoadError(f"mapping {mapping_path.name}: table {table_name}: join {number}: no source {other!r}")
            condition = _join_condition(join)
            if condition is None:
                raise LoadError(f"mapping {mapping_path.name}: table {table_name}: join {number}: give on: <condition>")
            check_expression(con, mapping_path.name, f"{table_name}.join {number}.on", condition)
            query += f" left join {_quote(other)} on {condition}"
        if "where" in table_spec:
            check_expression(con, mapping_path.name, f"{table_name}.where", str(table_spec["where"]))
            query += f" where {table_spec['where']}"
        if group_by:
            query += f" group by {group_sql}"
        if "qualify" in table_spec:  # a filter on window functions, which `where` cannot hold
            check_expression(con, mapping_path.name, f"{table_name}.qualify", str(table_spec["qualify"]))
            query += f" qualify {table_spec['qualify']}"
        try:
            result = con.sql(query).to_arrow_table()
        except duckdb.Error as exc:
            raise LoadError(f"mapping {mapping_path.name}: table {table_name}: {str(exc).splitlines()[0]}") from exc
        provenance[table_name] = {
            "source": source_path(mapping_path.name, input_dir, str(source["file"])).name,
            "rows": result[PROVENANCE_COLUMN].to_pylist(),
        }
        result = result.drop_columns([PROVENANCE_COLUMN])
        # Every value is written as text: the loader types it, exactly as for any other file.
        result = result.cast(pa.schema([pa.field(f.name, pa.string()) for f in result.schema]))
        pacsv.write_csv(result, out / f"{table_name}.csv")
        written[table_name] = result.num_rows
    con.close()
    (out / OUTPUT_MARKER).write_text(json.dumps({"mapping": mapping_path.name, "tables": provenance}))
    return MapReport(source_rows, written, unused_columns(spec, columns))
