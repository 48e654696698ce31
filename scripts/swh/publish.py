"""Publish the marts for readers: a DuckDB file and Parquet files swapped in atomically.

BI tools never open the file dbt writes (DuckDB allows one writer and locks the file). After
a successful build the marts are copied, as tables, into a new DuckDB file written with the
storage format DuckDB 1.4 readers understand, which then replaces the published file with one
rename; the Parquet copies go into a new version folder and a `current` symlink is swapped
the same way. A reader therefore sees the previous complete version or the new one, never a
half-written file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PUBLISHED_FILE = "published.duckdb"
STORAGE_VERSION = "v1.4.0"
KEEP_PARQUET_VERSIONS = 2
Progress = Callable[[str], None]


@dataclass
class PublishReport:
    """What a publish wrote."""

    database: Path
    parquet_dir: Path
    tables: dict[str, int]
    version: str


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def publish(source: Path, target_dir: Path, progress: Progress = print) -> PublishReport:
    """Copy every table of the source's `marts` schema to `target_dir`, atomically."""
    if not source.exists():
        raise FileNotFoundError(f"{source}: no warehouse to publish; run the build first")
    target_dir.mkdir(parents=True, exist_ok=True)
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging_file = target_dir / f".{PUBLISHED_FILE}.{version}.tmp"
    parquet_root = target_dir / "parquet"
    parquet_dir = parquet_root / version
    parquet_dir.mkdir(parents=True)
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(str(source))} as src (read_only)")
        con.execute(f"attach {_literal(str(staging_file))} as pub (storage_version '{STORAGE_VERSION}')")
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() where database_name = 'src' and schema_name = 'marts' "
                "order by table_name"
            ).fetchall()
        ]
        if not tables:
            raise RuntimeError(f"{source}: the marts schema has no tables; did the build succeed?")
        con.execute("create schema pub.marts")
        counts: dict[str, int] = {}
        for table in tables:
            con.execute(f'create table pub.marts."{table}" as select * from src.marts."{table}"')
            con.execute(
                f'copy pub.marts."{table}" to {_literal(str(parquet_dir / f"{table}.parquet"))} (format parquet)'
            )
            counts[table] = con.execute(f'select count(*) from pub.marts."{table}"').fetchone()[0]
        con.execute(
            "create table pub.marts._publication as "
            "select ? as version, ?::timestamp as published_at, ? as table_count",
            [version, datetime.now(UTC).replace(tzinfo=None), len(tables)],
        )
        con.execute("checkpoint pub")
        con.execute("detach pub")
    except BaseException:
        staging_file.unlink(missing_ok=True)
        shutil.rmtree(parquet_dir, ignore_errors=True)
        raise
    finally:
        con.close()
    final = target_dir / PUBLISHED_FILE
    os.replace(staging_file, final)  # atomic on one file system: readers see old or new
    link = parquet_root / "current"
    staging_link = parquet_root / f".current.{version}"
    staging_link.symlink_to(version, target_is_directory=True)
    os.replace(staging_link, link)
    _prune(parquet_root, keep={version})
    progress(f"published {len(tables)} marts ({sum(counts.values()):,} rows) to {final} and {link}/")
    return PublishReport(final, parquet_dir, counts, version)


def _prune(parquet_root: Path, keep: set[str]) -> None:
    """Delete Parquet versions beyond the newest few (a reader may still be on the previous)."""
    versions = sorted((p for p in parquet_root.iterdir() if p.is_dir() and not p.is_symlink()), reverse=True)
    for old in versions[KEEP_PARQUET_VERSIONS:]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
