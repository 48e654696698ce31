"""A data set as an export taken at an earlier instant would hold it: the first of two loads.

The two-part incremental test and the benchmark's daily run load `export_as_of(folder, at)`,
build, then load the rest and build again. The loader upserts, so the second load inserts the
rows recorded since, replaces the rows that changed and leaves the rest unchanged: exactly
what one more day of a real help desk's export looks like.

A row belongs to the earlier export when the earliest of its time columns falls before the
instant (rows without any time always do). The people and organisations other rows name
(customers, agents, teams, accounts) are exported whole: a row naming one that was not
exported yet would be rejected, and a help desk's export carries its directory. Replies, reopens, late events and
surveys on contacts of the earlier export arrive with the second load; and the tickets of the
day before the instant are exported untriaged, at priority `low`, so the second load replaces
those whose priority was raised (changed contact rows, not only new rows about them).

`export_changes(folder, earlier, out)` is that day as a help desk's incremental export hands it
over: only the rows that are new or differ from the earlier export, whole. The benchmark's
daily run and the DuckDB two-part test load it; the PostgreSQL two-part test loads the whole
folder, so the loader's "unchanged" path is exercised too.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from swh.errors import SwhError
from swh.validate import literal, quote

TIME_TYPES = ("timestamp", "date32")
EXPORTED_WHOLE = {"customers", "agents", "teams", "accounts"}


def _time_columns(path: Path) -> list[str]:
    schema = pq.read_schema(path)
    return [field.name for field in schema if str(field.type).startswith(TIME_TYPES)]


def data_end(folder: Path) -> datetime:
    """The latest ticket event of the data set in `folder`: the instant "days before the end" counts from."""
    events = folder / "ticket_events.parquet"
    if not events.exists():
        raise SwhError(f"{folder}: no ticket_events.parquet to find the data set's end in")
    with duckdb.connect() as con:
        return con.execute(f"select max(event_at) from read_parquet({literal(str(events))})").fetchone()[0]


def export_as_of(folder: Path, at: datetime, out: Path) -> dict[str, int]:
    """Write into `out` the rows of each Parquet file of `folder` recorded before `at`; returns
    rows written per file."""
    files = sorted(folder.glob("*.parquet"))
    if not files:
        raise SwhError(f"{folder}: no Parquet files to export (generate them with `swh generate`)")
    out.mkdir(parents=True, exist_ok=True)
    instant = f"cast({literal(at.isoformat(sep=' '))} as timestamp)"
    written: dict[str, int] = {}
    con = duckdb.connect()
    try:
        for path in files:
            columns = [] if path.stem in EXPORTED_WHOLE else _time_columns(path)
            recorded = f"least({', '.join(f'cast({quote(c)} as timestamp)' for c in columns)})" if columns else "null"
            select = "*"
            if path.stem == "tickets":
                select = (
                    f"* replace (case when created_at >= {instant} - interval 1 day then 'low' else priority end "
                    "as priority)"
                )
            target = out / path.name
            con.execute(
                f"copy (select {select} from read_parquet({literal(str(path))}) "
                f"where {recorded} is null or {recorded} < {instant}) to {literal(str(target))} (format parquet)"
            )
            written[path.name] = pq.read_metadata(target).num_rows
    finally:
        con.close()
    return written


def export_changes(folder: Path, earlier: Path, out: Path) -> dict[str, int]:
    """Write into `out` the rows of each Parquet file of `folder` that the same file of
    `earlier` (an `export_as_of` of it) does not hold exactly; returns rows written per file.
    A file without changes is not written (an incremental export has nothing to send)."""
    files = sorted(folder.glob("*.parquet"))
    if not files:
        raise SwhError(f"{folder}: no Parquet files to export (generate them with `swh generate`)")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    con = duckdb.connect()
    try:
        for path in files:
            before, target = earlier / path.name, out / path.name
            source = f"read_parquet({literal(str(path))})"
            if before.exists():
                source = f"(from {source} except all from read_parquet({literal(str(before))}))"
            con.execute(f"copy (from {source}) to {literal(str(target))} (format parquet)")
            rows = pq.read_metadata(target).num_rows
            if rows:
                written[path.name] = rows
            else:
                target.unlink()
    finally:
        con.close()
    return written
