"""Validating loader: a folder of CSV / Parquet / JSON Lines files into the raw schema.

Every file is read as text (`swh.files`), every value checked against the contract
(`swh.validate`): a value is stored exactly as written or its row is rejected, with file, row,
column, value and reason, into `<raw>._load_rejects`. A structurally broken file (a name
outside the naming rule, a missing required column, bad encoding, a ragged row) stops the
whole load before anything is written. Keys are unique per source system across every file
of a load; references must name a row of the same source system, in this load or stored.
The accepted rows are upserted in one transaction (`swh.targets`), and the summary always adds
up: rows read = inserted + replaced + unchanged + rejected.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from swh import sentiment
from swh.contract import DEFAULT_SOURCE_SYSTEM, META_COLUMNS, Contract, Table, load_full_contract
from swh.files import NOT_A_ROW, InputFile, LoadError, discover, drop_stage, mapped_provenance, stage_file
from swh.targets import REJECTS_TABLE, Batch, DuckDBTarget, PostgresTarget, Target
from swh.validate import (
    checked_select,
    column_checks,
    duplicate_key_check,
    literal,
    parent_columns,
    quote,
    reference_checks,
    rule_checks,
    suspect_select,
    typed_select,
)

__all__ = ["DuckDBTarget", "LoadError", "LoadReport", "PostgresTarget", "load_folder"]

Progress = Callable[[str], None]
SOURCE_SYSTEM_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
WORKDIR_PREFIX = "swh-load-"
SENTIMENT_TABLE = "message_sentiments"
# Tables with customer messages: their id column and the column saying who wrote the row.
CUSTOMER_MESSAGES = {"ticket_events": ("event_id", "actor_type"), "chat_messages": ("message_id", "author_type")}


@dataclass
class FileReport:
    """Counts for one loaded file."""

    file: str
    table: str
    rows_read: int = 0
    rows_rejected: int = 0
    rows_inserted: int = 0
    rows_replaced: int = 0
    rows_unchanged: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows_loaded(self) -> int:
        """Rows accepted by the contract (inserted, replaced or unchanged)."""
        return self.rows_read - self.rows_rejected


@dataclass
class LoadReport:
    """Counts and reject reasons for one load."""

    load_id: str
    source_system: str
    files: list[FileReport] = field(default_factory=list)
    rejects: list[tuple[str, int, str, str | None, str]] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def rows_read(self) -> int:
        return self._sum("rows_read")

    @property
    def rows_loaded(self) -> int:
        return self._sum("rows_loaded")

    @property
    def rows_rejected(self) -> int:
        return self._sum("rows_rejected")

    @property
    def rows_inserted(self) -> int:
        return self._sum("rows_inserted")

    @property
    def rows_replaced(self) -> int:
        return self._sum("rows_replaced")

    @property
    def rows_unchanged(self) -> int:
        return self._sum("rows_unchanged")

    def summary(self) -> str:
        head = (
            f"{'file':<34} {'table':<22} {'read':>9} {'inserted':>9} {'replaced':>9} {'unchanged':>9} {'rejected':>9}"
        )
        lines = [head]
        for f in self.files:
            lines.append(
                f"{f.file:<34} {f.table:<22} {f.rows_read:>9,} {f.rows_inserted:>9,} {f.rows_replaced:>9,}"
                f" {f.rows_unchanged:>9,} {f.rows_rejected:>9,}"
            )
        lines.append(
            f"load {self.load_id} (source system {self.source_system}): {self.rows_read:,} rows read = "
            f"{self.rows_inserted:,} inserted + {self.rows_replaced:,} replaced + {self.rows_unchanged:,} unchanged "
            f"+ {self.rows_rejected:,} rejected"
        )
        for f in self.files:
            if f.ignored_columns:
                lines.append(f"  {f.file}: columns not in the contract, not loaded: {', '.join(f.ignored_columns)}")
        for file, row, column, _value, reason in self.rejects[:10]:
            lines.append(f"  rejected {file} row {row} column {column}: {reason}")
        if len(self.rejects) > 10:
            lines.append(f"  ... {len(self.rejects) - 10:,} more reasons in {REJECTS_TABLE}")
        return "\n".join(lines)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_workdirs(root: Path | None = None) -> list[Path]:
    """Delete temporary folders of loads whose process is gone (a load killed with -9)."""
    root = root or Path(tempfile.gettempdir())
    removed: list[Path] = []
    for path in root.glob(f"{WORKDIR_PREFIX}*"):
        match = re.fullmatch(rf"{WORKDIR_PREFIX}(\d+)-.*", path.name)
        if match and path.is_dir() and not _pid_alive(int(match[1])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _processing_order(tables: dict[str, Table]) -> list[str]:
    """Tables ordered so that every referenced table comes before the tables referring to it."""
    graph = {
        name: {c.references.split(".")[0] for c in table.columns if c.references} - {name}
        for name, table in tables.items()
    }
    return list(TopologicalSorter(graph).static_order())


class _Validation:
    """The checks of one load, run in an in-memory DuckDB inside the load's own folder."""

    def __init__(self, contract: Contract, target: Target, source_system: str, workdir: Path) -> None:
        self.contract, self.target, self.source_system, self.workdir = contract, target, source_system, workdir
        # The same memory limit as the DuckDB profile's (profiles.yml): past it, temp tables spill.
        limit = os.environ.get("SWH_DUCKDB_MEMORY_LIMIT", "5GB")
        self.con = duckdb.connect(config={"temp_directory": str(workdir / "spill"), "memory_limit": limit})
        self.con.execute("set TimeZone = 'UTC'")
        self.parents: dict[str, str] = {}
        self.scored = (0, 0, 0)  # customer messages, distinct texts scored, distinct texts
        self.provenance: dict[str, dict] = {}  # mapped table -> its source file and lines

    def _parent_relation(self, table: Table, accepted: str | None, columns: list[str]) -> str:
        """Rows of `table` a reference may name: accepted in this load, else stored."""
        name = f"parents_{table.name}"
        cols = ", ".join(quote(c) for c in columns)
        keys = " and ".join(f"s.{quote(k)} = a.{quote(k)}" for k in table.keys)
        stored = self.target.stored(table, columns, self.source_system)
        parts = []
        if accepted is not None:
            parts.append(f"select {cols} from {accepted}")
        if stored is not None:
            self.con.register(f"stored_{table.name}", stored)
            condition = f"where not exists (select 1 from {accepted} a where {keys})" if accepted else ""
            parts.append(f"select {cols} from stored_{table.name} s {condition}")
        if not parts:
            typed = ", ".join(f"null::varchar as {quote(c)}" for c in columns)
            parts.append(f"select {typed} where false")
        self.con.execute(f"create or replace temp table {name} as {' union all '.join(parts)}")
        return name

    def run(self, files: list[InputFile], load_id: str, loaded_at: datetime, report: LoadReport) -> list[Batch]:
        tables = self.contract.tables
        by_table: dict[str, list[InputFile]] = {}
        for file in files:
            by_table.setdefault(file.table.name, []).append(file)
        needed_parent_columns: dict[str, set[str]] = {}
        for table in tables.values():
            for rule in table.rules:
                if rule.parent:
                    parent = table.column(rule.parent).references.split(".")[0]  # type: ignore[union-attr]
                    needed_parent_columns.setdefault(parent, set()).update(parent_columns([rule.check]))
        referenced = {c.references.split(".")[0] for name in by_table for c in tables[name].columns if c.references}
        reports = {f.name: FileReport(f.name, f.table.name) for f in files}
        batches: list[Batch] = []
        reject_parts: list[str] = []
        stamp = literal(loaded_at.isoformat(sep=" "))
        for name in _processing_order(tables):
            table = tables[name]
            accepted: str | None = None
            if name in by_table:
                accepted = self._table(table, by_table[name], reports, reject_parts, load_id, stamp)
                batches.append(Batch(table, self.workdir / f"{name}.parquet"))
            if name in referenced:
                columns = sorted(set(table.keys) | needed_parent_columns.get(name, set()))
                self.parents[name] = self._parent_relation(table, accepted, columns)
        derived = self._message_sentiments(batches)
        if derived is not None:
            batches.append(derived)
        rejects = self.workdir / "rejects.parquet"
        union = " union all ".join(reject_parts) or (
            "select null::varchar as load_id, null::varchar as source_system, null::varchar as source_file, "
            "null::bigint as source_row, null::varchar as column_name, null::varchar as value, "
            "null::varchar as reason, null::timestamp as rejected_at where false"
        )
        self.con.execute(
            f"copy (select * from ({self._in_the_users_file(union)}) order by source_file, source_row, column_name) "
            f"to {literal(str(rejects))} (format parquet)"
        )
        report.rejects = self.con.execute(
            f"select source_file, source_row, column_name, value, reason from read_parquet({literal(str(rejects))})"
        ).fetchall()
        report.files = [reports[f.name] for f in files]
        self.rejects_path = rejects
        return batches

    def _in_the_users_file(self, rejects: str) -> str:
        """Rejects of mapped files named by the user's own file and row (the mapping recorded
        where each mapped row came from), the mapped file's row kept in the reason."""
        if not self.provenance:
            return rejects
        files, rows, sources, source_rows = [], [], [], []
        for table, origin in self.provenance.items():
            for index, source_row in enumerate(origin["rows"]):
                files.append(f"{table}.csv")
                rows.append(index + 1)  # rows count records, the header not among them
                sources.append(origin["source"])
                source_rows.append(source_row)
        self.con.register(
            "mapped_provenance",
            pa.table({"file": files, "row": pa.array(rows, pa.int64()), "source": sources, "source_row": source_rows}),
        )
        return (
            "select r.load_id, r.source_system, coalesce(p.source, r.source_file) as source_file, "
            "coalesce(p.source_row, r.source_row) as source_row, r.column_name, r.value, "
            "case when p.source is null then r.reason "
            "else r.reason || ' (mapped into ' || r.source_file || ' row ' || r.source_row || ')' end as reason, "
            f"r.rejected_at from ({rejects}) as r left join mapped_provenance as p "
            "on r.source_file = p.file and r.source_row = p.row"
        )

    def _message_sentiments(self, batches: list[Batch]) -> Batch | None:
        """Language and sentiment of the accepted customer messages with text, as one more batch."""
        table = self.contract.tables[SENTIMENT_TABLE]
        parts = [
            f"select {literal(batch.table.name)} as source_table, {quote(id_column)} as message_id, body, "
            f"_source_system, _load_id, _source_file, _source_row, _loaded_at "
            f"from read_parquet({literal(str(batch.parquet))}) where {author} = 'customer' and body is not null"
            for batch in batches
            if batch.table.name in CUSTOMER_MESSAGES
            for id_column, author in [CUSTOMER_MESSAGES[batch.table.name]]
        ]
        if not parts:
            return None
        messages = self.con.sql(" union all ".join(parts)).to_arrow_table()
        bodies = pc.dictionary_encode(messages["body"]).combine_chunks()
        scores = [sentiment.score(text) for text in bodies.dictionary.to_pylist()]
        indices = bodies.indices

        def column(values: list[object], kind: pa.DataType) -> pa.Array:
            return pa.array(values, kind).take(indices)

        scored = pa.table(
            {
                "source_table": messages["source_table"],
                "message_id": messages["message_id"],
                "language_code": column([s.language for s in scores], pa.string()),
                "is_scored": column([s.is_scored for s in scores], pa.bool_()),
                "sentiment_score": column(
                    [None if s.sentiment_score is None else Decimal(str(s.sentiment_score)) for s in scores],
                    pa.decimal128(18, 4),
                ),
                "scorer": pa.array([sentiment.scorer_name()] * messages.num_rows, pa.string()),
                **{name: messages[name] for name, _, _ in META_COLUMNS},
            }
        )
        path = self.workdir / f"{SENTIMENT_TABLE}.parquet"
        pq.write_table(scored, path)
        self.scored = (messages.num_rows, sum(s.is_scored for s in scores), len(scores))
        return Batch(table, path)

    def _table(
        self,
        table: Table,
        files: list[InputFile],
        reports: dict[str, FileReport],
        reject_parts: list[str],
        load_id: str,
        stamp: str,
    ) -> str:
        """Stage, check and write the accepted rows of one contract table; returns the accepted relation."""
        name = table.name
        texts, structurals = [], []
        for file in files:
            stage = f"stage_{file.order}"
            reports[file.name].ignored_columns = stage_file(self.con, file, self.workdir, stage)
            texts.append(f"select {literal(file.name)} as _file, {file.order} as _file_order, * from {stage}")
            structurals.append(f"select {literal(file.name)} as _file, * from {stage}_structural")
        # The stages are tables already; the union of a table's files is read where it is used.
        self.con.execute(f"create or replace temp view text_{name} as {' union all '.join(texts)}")
        self.con.execute(
            f"create or replace temp table checked_{name} as "
            f"{checked_select(table, self.contract.decimal_scale, f'text_{name}')}"
        )
        self.con.execute(
            f"create or replace temp table suspect_{name} as {suspect_select(table, self.contract, f'checked_{name}')}"
        )
        self.con.execute(f"create or replace temp view typed_{name} as {typed_select(table, f'checked_{name}')}")
        parents = {c.name: self.parents[c.references.split(".")[0]] for c in table.columns if c.references}
        checks = [
            *structurals,
            *column_checks(table, self.contract, f"suspect_{name}"),
            duplicate_key_check(table, f"text_{name}"),
            *rule_checks(table, f"typed_{name}", parents),
            *reference_checks(table, f"typed_{name}", parents, self.source_system),
        ]
        self.con.execute(f"create or replace temp table rejects_{name} as {' union all '.join(checks)}")
        meta = (
            f"{literal(self.source_system)} as _source_system, {literal(load_id)} as _load_id, "
            f"_file as _source_file, _source_row, {stamp}::timestamp as _loaded_at"
        )
        cols = ", ".join(quote(c.name) for c in table.columns)
        accepted = literal(str(self.workdir / f"{name}.parquet"))
        self.con.execute(
            f"copy (select {cols}, {meta} from typed_{name} t "
            f"where not exists (select 1 from rejects_{name} r where r._file = t._file "
            f"and r._source_row = t._source_row)) to {accepted} (format parquet)"
        )
        read = {f.name: 0 for f in files}
        for file, rows in self.con.execute(f"select _file, count(*) from text_{name} group by all").fetchall():
            read[file] += rows
        # A line that is not a row at all (JSON Lines) is read, and rejected, too; it has no stage row.
        for file, lines in self.con.execute(
            f"select _file, count(distinct _source_row) from rejects_{name} "
            f"where column_name = {literal(NOT_A_ROW)} group by all"
        ).fetchall():
            read[file] += lines
        for file, rows in read.items():
            reports[file].rows_read = rows
        for file, rejected in self.con.execute(
            f"select _file, count(distinct _source_row) from rejects_{name} group by all"
        ).fetchall():
            reports[file].rows_rejected = rejected
        reject_parts.append(
            f"select {literal(load_id)} as load_id, {literal(self.source_system)} as source_system, "
            f"_file as source_file, _source_row as source_row, column_name, value, reason, "
            f"{stamp}::timestamp as rejected_at from (select distinct * from rejects_{name})"
        )
        # Only the rejects are read again (into the load's rejects file): free the rest now.
        for view in (f"typed_{name}", f"text_{name}"):
            self.con.execute(f"drop view {view}")
        for temp in (f"suspect_{name}", f"checked_{name}"):
            self.con.execute(f"drop table {temp}")
        for file in files:
            drop_stage(self.con, f"stage_{file.order}")
        return f"read_parquet({accepted})"


def load_folder(
    folder: Path,
    target: Target,
    progress: Progress = print,
    source_system: str = DEFAULT_SOURCE_SYSTEM,
) -> LoadReport:
    """Validate every file of `folder` and load it into `target` in one transaction."""
    if not SOURCE_SYSTEM_NAME.fullmatch(source_system):
        raise LoadError(f"source system {source_system!r}: use lower-case letters, digits and _ (at most 40)")
    contract = load_full_contract()
    files = discover(folder, contract.tables)
    remove_stale_workdirs()
    load_id = uuid.uuid4().hex[:12]
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    report = LoadReport(load_id, source_system)
    workdir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))
    try:
        validation = _Validation(contract, target, source_system, workdir)
        validation.provenance = mapped_provenance(folder)
        try:
            batches = validation.run(files, load_id, loaded_at, report)
        finally:
            validation.con.close()
        for f in report.files:
            progress(f"  checked {f.file}: {f.rows_read:,} rows, {f.rows_rejected:,} rejected")
        messages, scored_texts, texts = validation.scored
        if messages:
            progress(
                f"  scored the sentiment of {messages:,} customer messages "
                f"({texts:,} distinct texts, {scored_texts:,} of them English and scored)"
            )
        target.ensure_tables(contract.tables)
        log_rows = [
            (load_id, source_system, f.file, f.table, f.rows_read, f.rows_rejected, loaded_at) for f in report.files
        ]
        outcomes = target.write(batches, validation.rejects_path, log_rows)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for f in report.files:
        counts = outcomes.get(f.file, {})
        f.rows_inserted = counts.get("inserted", 0)
        f.rows_replaced = counts.get("replaced", 0)
        f.rows_unchanged = counts.get("unchanged", 0)
    return report
