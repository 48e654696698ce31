"""Input files of a load: which contract table a file name means, and reading a file as text.

The naming rule (stated once, here and in the README): a data file is named
`<table>.<ext>` or `<table>__<part>.<ext>`, where `<table>` is a contract table, `<part>` is
lower-case letters, digits, `_` or `-`, and `<ext>` is one of `csv`, `csv.gz`, `parquet`,
`jsonl`, `jsonl.gz` in lower case. Anything else in the folder (another extension, an
upper-case one, a second dot, a hidden file, a sub-folder) stops the load, naming it.

Paths are never patterns: DuckDB expands `*`, `?`, `[...]` and `{...}` in file names, so
every file is read through a link with a plain name in the load's own temporary folder.
Every value is read as text, exactly as written; typing happens in `swh.validate`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from swh.contract import Table
from swh.errors import SwhError

EXTENSIONS = {"csv": "csv", "csv.gz": "csv", "parquet": "parquet", "jsonl": "jsonl", "jsonl.gz": "jsonl"}
NAME_RULE = re.compile(
    r"(?P<table>[a-z][a-z0-9_]*?)(?:__(?P<part>[a-z0-9_-]+))?\.(?P<ext>csv|csv\.gz|parquet|jsonl|jsonl\.gz)"
)
GLOB_CHARACTERS = set("*?[]{}")
MAPPED_MARKER = ".swh-mapped"  # written by `swh load --mapping` into its output folder
MAX_LINE_BYTES = 64 * 1024 * 1024
# The column of a structural reject that is a whole line, not a row (JSON Lines).
NOT_A_ROW = "(line)"
NESTED_TYPES = ("STRUCT", "MAP", "UNION")


class LoadError(SwhError):
    """A load cannot go ahead at all; nothing of it was written."""


@dataclass(frozen=True)
class InputFile:
    """One data file of a load and the contract table it belongs to."""

    path: Path
    table: Table
    format: str
    order: int

    @property
    def name(self) -> str:
        return self.path.name


def naming_rule() -> str:
    """The naming rule in one sentence, for error messages."""
    return (
        "data files are named <table>.<ext> or <table>__<part>.<ext> with <ext> one of "
        "csv, csv.gz, parquet, jsonl, jsonl.gz (lower case)"
    )


def mapped_provenance(folder: Path) -> dict[str, dict]:
    """For a folder written by a mapping: per mapped table, the user's source file and the row
    each mapped row came from (empty for any other folder)."""
    marker = folder / MAPPED_MARKER
    if not marker.is_file() or not marker.read_text().strip():
        return {}
    try:
        return dict(json.loads(marker.read_text())["tables"])
    except (ValueError, KeyError, TypeError) as exc:
        raise LoadError(f"{marker}: not a mapping's record (run the mapping again)") from exc


def discover(folder: Path, tables: dict[str, Table]) -> list[InputFile]:
    """Every file of `folder`, each matched to its contract table; anything else stops the load."""
    if not folder.is_dir():
        raise LoadError(f"{folder}: not a folder")
    found: list[InputFile] = []
    problems: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name == MAPPED_MARKER:
            continue
        if entry.is_dir():
            problems.append(f"{entry.name}/ (a sub-folder)")
            continue
        match = NAME_RULE.fullmatch(entry.name)
        if match is None:
            problems.append(entry.name)
            continue
        table = tables.get(match["table"])
        if table is None:
            problems.append(f"{entry.name} (no contract table {match['table']})")
            continue
        if table.derived:
            problems.append(f"{entry.name} ({table.name} is written by the loader, not loaded from a file)")
            continue
        found.append(InputFile(entry, table, EXTENSIONS[match["ext"]], len(found)))
    if problems:
        raise LoadError(
            f"{folder}: {', '.join(problems)}: not a data file of the contract ({naming_rule()}; "
            f"tables: {', '.join(tables)}); move it out of the folder"
        )
    if not found:
        raise LoadError(f"{folder}: no data files ({naming_rule()})")
    return found


def safe_link(file: InputFile, workdir: Path) -> Path:
    """A link to the file with a name DuckDB cannot read as a pattern."""
    if GLOB_CHARACTERS & set(str(workdir)):
        raise LoadError(f"{workdir}: the temporary folder's path contains a pattern character; set TMPDIR")
    suffix = ".gz" if file.name.endswith(".gz") else ""
    link = workdir / f"input_{file.order}.{file.format}{suffix}"
    link.symlink_to(file.path.resolve())
    return link


def check_encoding(path: Path, display: str, is_csv: bool) -> None:
    """Stop with file, row and column when a text file is not valid UTF-8."""
    opener = gzip.open if path.name.endswith(".gz") else open
    decoder = codecs.getincrementaldecoder("utf-8")()
    line_no = 1
    first_line = b""
    with opener(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if not first_line:
                first_line = chunk.split(b"\n", 1)[0]
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                good = chunk[: exc.start]
                line = line_no + good.count(b"\n")
                prefix = good[good.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")
                where = f"line {line}"
                if is_csv:
                    header = next(csv.reader([first_line.decode("utf-8", errors="replace").lstrip("\ufeff")]))
                    position = prefix.count(",")
                    column = header[position] if line > 1 and position < len(header) else f"field {position + 1}"
                    where = f"row {line - 1} (line {line}), column {column}"
                raise LoadError(
                    f"{display}: {where}: invalid UTF-8 byte 0x{chunk[exc.start]:02x}; save the file as UTF-8"
                ) from exc
            line_no += chunk.count(b"\n")


def _duckdb_reason(exc: duckdb.Error) -> str:
    """DuckDB's CSV error with the echoed line shortened and its advice dropped, the reason kept whole."""
    text = str(exc)
    kept: list[str] = []
    for line in text.splitlines():
        if line.startswith("Possible fixes:") or line.strip().startswith("file ="):
            break
        if line.startswith("Original Line:") and len(line) > 160:
            line = f"{line[:140]}... ({len(line) - 15:,} characters)"
        if line.strip():
            kept.append(line.strip())
    return "; ".join(kept)


def _csv_header(path: Path, display: str) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        try:
            header = next(csv.reader(fh))
        except StopIteration:
            raise LoadError(f"{display}: the file is empty (a CSV file starts with a header row)") from None
        except csv.Error as exc:
            raise LoadError(f"{display}: line 1: the header row cannot be read ({exc})") from exc
    if header:
        header[0] = header[0].lstrip("\ufeff")
    if len(header) == 1 and ("\t" in header[0] or ";" in header[0]):
        separator = "tab" if "\t" in header[0] else "semicolon"
        raise LoadError(
            f"{display}: line 1: the header is one field containing {separator}s; the loader reads comma-separated "
            "files (use a mapping with a delimiter, or save the file with commas)"
        )
    return header


def _match_columns(present: list[str], table: Table, display: str) -> dict[str, str]:
    """Contract column -> the file's column name (case-insensitive); ambiguous or missing stops."""
    lowered: dict[str, str] = {}
    for name in present:
        key = name.strip().lower()
        if key in lowered:
            raise LoadError(f"{display}: column {name!r} appears twice in the header")
        lowered[key] = name
    missing = [c.name for c in table.columns if c.required and c.name not in lowered]
    if missing:
        raise LoadError(
            f"{display}: required column {', '.join(missing)} missing "
            f"(table {table.name}; the file has: {', '.join(present) or 'no columns'})"
        )
    return {c.name: lowered[c.name] for c in table.columns if c.name in lowered}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def stage_file(con: duckdb.DuckDBPyConnection, file: InputFile, workdir: Path, stage: str) -> list[str]:
    """Read one file into `stage` (_source_row plus every contract column as text, exactly as
    written) and structural rejects into `<stage>_structural`. Returns the columns the contract
    does not know (reported, not loaded)."""
    link = safe_link(file, workdir)
    con.execute(
        f"create or replace temp table {stage}_structural "
        "(_source_row bigint, column_name varchar, value varchar, reason varchar)"
    )
    if file.format == "csv":
        check_encoding(link, file.name, is_csv=True)
        present = _csv_header(link, file.name)
        columns = _match_columns(present, file.table, file.name)
        spec = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in present)
        reader = (
            f"read_csv({_literal(str(link))}, header = true, auto_detect = false, delim = ',', quote = '\"', "
            f"escape = '\"', strict_mode = true, null_padding = false, max_line_size = {MAX_LINE_BYTES}, "
            f"columns = {{{spec}}})"
        )
        source = f"(select row_number() over () as _source_row, * from {reader})"
        values = {name: f"cast({_quote(col)} as varchar)" for name, col in columns.items()}
    elif file.format == "jsonl":
        present, values, source = _stage_jsonl(con, file, link, stage)
        columns = _match_columns(present, file.table, file.name)
        values = {name: values[col] for name, col in columns.items()}
    else:
        present, values, source = _stage_parquet(con, file, link, stage)
        columns = _match_columns(present, file.table, file.name)
        values = {name: values[col] for name, col in columns.items()}
    selects = ["_source_row"] + [
        f"nullif({values[c.name]}, '') as {_quote(c.name)}"
        if c.name in values
        else f"null::varchar as {_quote(c.name)}"
        for c in file.table.columns
    ]
    try:
        con.execute(f"create or replace temp table {stage} as select {', '.join(selects)} from {source}")
    except duckdb.Error as exc:
        raise LoadError(f"{file.name}: cannot be read as {file.format}: {_duckdb_reason(exc)}") from exc
    known = {c.name for c in file.table.columns}
    return [c for c in present if c.strip().lower() not in known]


def drop_stage(con: duckdb.DuckDBPyConnection, stage: str) -> None:
    """Free what `stage_file` made for `stage` once its rows are checked."""
    for table in (stage, f"{stage}_structural", f"{stage}_lines", f"{stage}_objects"):
        con.execute(f"drop table if exists {table}")
    con.execute(f"drop view if exists {stage}_parquet")


def _stage_jsonl(
    con: duckdb.DuckDBPyConnection, file: InputFile, link: Path, stage: str
) -> tuple[list[str], dict[str, str], str]:
    """JSON Lines: one object per line. A line that is not an object, and a nested value in a
    column, reject that row; strings are taken as written, numbers and booleans as their text."""
    text_path = link
    if link.name.endswith(".gz"):
        text_path = link.with_name(link.name.removesuffix(".gz"))
        with gzip.open(link, "rb") as src, open(text_path, "wb") as dst:
            shutil.copyfileobj(src, dst)
    check_encoding(text_path, file.name, is_csv=False)
    try:
        con.execute(
            f"create or replace temp table {stage}_lines as "
            "select t.i as _source_row, ls[t.i] as line "
            f"from (select string_split(content, chr(10)) as ls from read_text({_literal(str(text_path))})) s, "
            "lateral (select unnest(range(1, len(ls) + 1)) as i) t"
        )
    except duckdb.Error as exc:
        raise LoadError(f"{file.name}: cannot be read as JSON Lines: {_duckdb_reason(exc)}") from exc
    con.execute(
        f"insert into {stage}_structural select _source_row, {_literal(NOT_A_ROW)}, left(line, 200), "
        "'not a JSON object (each line must be one object)' from "
        f"{stage}_lines where trim(line, ' \t\r') <> '' and (not json_valid(line) or left(ltrim(line), 1) <> '{{')"
    )
    con.execute(
        f"create or replace temp table {stage}_objects as select _source_row, line::json as j from {stage}_lines "
        f"where trim(line, ' \t\r') <> '' and json_valid(line) and left(ltrim(line), 1) = '{{'"
    )
    present = [
        r[0]
        for r in con.execute(f"select distinct unnest(json_keys(j)) as k from {stage}_objects order by k").fetchall()
    ]
    for key in present:
        if '"' in key or "\\" in key:
            raise LoadError(f"{file.name}: JSON key {key!r} contains a quote or backslash")
    values: dict[str, str] = {}
    for key in present:
        path = _literal(f'$."{key}"')
        kind = f"json_type(j, {path})"
        values[key] = (
            f"case {kind} when 'VARCHAR' then json_extract_string(j, {path}) when 'NULL' then null "
            f"when 'OBJECT' then null when 'ARRAY' then null else cast(json_extract(j, {path}) as varchar) end"
        )
        con.execute(
            f"insert into {stage}_structural select _source_row, {_literal(key)}, "
            f"left(cast(json_extract(j, {path}) as varchar), 200), "
            f"'a nested JSON ' || lower({kind}) || ' in a scalar column' "
            f"from {stage}_objects where {kind} in ('OBJECT', 'ARRAY')"
        )
    return present, values, f"{stage}_objects"


def _stage_parquet(
    con: duckdb.DuckDBPyConnection, file: InputFile, link: Path, stage: str
) -> tuple[list[str], dict[str, str], str]:
    """Parquet: typed columns are read as their text; nested values reject their row."""
    try:
        con.execute(
            f"create or replace temp view {stage}_parquet as select row_number() over () as _source_row, * "
            f"from read_parquet({_literal(str(link))})"
        )
        described = con.execute(f"describe {stage}_parquet").fetchall()
    except duckdb.Error as exc:
        raise LoadError(f"{file.name}: cannot be read as parquet: {_duckdb_reason(exc)}") from exc
    present = [name for name, *_ in described if name != "_source_row"]
    types = {name: kind for name, kind, *_ in described}
    values: dict[str, str] = {}
    for name in present:
        kind = types[name].upper()
        if kind == "BLOB":
            raise LoadError(f"{file.name}: column {name} is binary (BLOB); write it as a string column")
        if kind.endswith("[]") or kind.startswith(NESTED_TYPES):
            con.execute(
                f"insert into {stage}_structural select _source_row, {_literal(name)}, "
                f"left(cast({_quote(name)} as varchar), 200), 'a nested {kind.split('(')[0].lower()} value in a "
                f"scalar column' from {stage}_parquet where {_quote(name)} is not null"
            )
            values[name] = "null::varchar"
        else:
            values[name] = f"cast({_quote(name)} as varchar)"
    return present, values, f"{stage}_parquet"
