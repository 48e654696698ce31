"""The published warehouse: readers querying in a loop during a rebuild never see an error
or a half-built table, only the previous complete version or the new one."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from conftest import run_dbt
from swh.generate import generate
from swh.load import DuckDBTarget, load_folder
from swh.publish import publish

READER = """
import json, sys, duckdb
from pathlib import Path
path, stop, out = sys.argv[1:4]
ok, errors, seen, messages = 0, 0, set(), []
while not Path(stop).exists():
    try:
        con = duckdb.connect(path, read_only=True)
        version = con.execute("select version from marts._publication").fetchone()[0]
        total = con.execute("select sum(created_contact_count) from marts.speed_daily").fetchone()[0]
        con.close()
        seen.add((version, int(total)))
        ok += 1
    except Exception as exc:
        errors += 1
        messages.append(str(exc)[:300])
Path(out).write_text(json.dumps({"ok": ok, "errors": errors, "seen": sorted(seen), "messages": messages[:5]}))
"""

TOTAL_SQL = "select version, (select sum(created_contact_count) from marts.speed_daily) from marts._publication"


def published_state(database: Path) -> tuple[str, int]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        version, total = con.execute(TOTAL_SQL).fetchone()
        return version, int(total)
    finally:
        con.close()


def test_published_file_opens_with_the_duckdb_1_4_storage_format(built_warehouse: Path, tmp_path: Path) -> None:
    report = publish(built_warehouse, tmp_path / "published", progress=lambda _: None)
    con = duckdb.connect(str(report.database), read_only=True)
    tags = con.execute("select tags from duckdb_databases() where database_name = current_database()").fetchone()[0]
    views = con.execute("select count(*) from duckdb_views() where not internal").fetchone()[0]
    con.close()
    assert tags["storage_version"].startswith("v1.4.0")
    assert views == 0  # readers get tables: views can fail to bind in older readers
    assert (tmp_path / "published" / "parquet" / "current" / "speed_daily.parquet").exists()
    assert len(report.tables) >= 29


def test_reader_during_rebuild_sees_old_or_new_version_never_an_error(built_warehouse: Path, tmp_path: Path) -> None:
    published_dir = tmp_path / "published"
    first = publish(built_warehouse, published_dir, progress=lambda _: None)
    old_state = published_state(first.database)

    data = tmp_path / "new_data"
    generate(data, 1500, seed=8, progress=lambda _: None)
    rebuild = tmp_path / "warehouse.duckdb"
    load_folder(data, DuckDBTarget(rebuild), progress=lambda _: None)

    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(first.database), str(stop), str(out)])
    try:
        run_dbt(["build", "--target", "duckdb", "--exclude", "resource_type:unit_test"], rebuild)
        second = publish(rebuild, published_dir, progress=lambda _: None)
        new_state = published_state(second.database)
        time.sleep(1)  # let the reader see the new version a few times
    finally:
        stop.touch()
        reader.wait(timeout=60)
    result = json.loads(out.read_text())
    print(f"reader during the rebuild: {result['ok']} queries, {result['errors']} errors, versions {result['seen']}")
    assert result["errors"] == 0, result["messages"]
    assert result["ok"] >= 100
    seen = {tuple(pair) for pair in result["seen"]}
    assert seen <= {old_state, new_state}, seen
    assert old_state in seen and new_state in seen
    assert old_state[1] != new_state[1]
