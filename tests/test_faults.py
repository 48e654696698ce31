"""Faults: kill -9 during a load, a build and a publish; a full disk under publish; Parquet
readers while versions are swapped in. After each fault the state is whole (nothing
half-loaded or half-published), the next run cleans up, and the tools say what happened in
one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from conftest import BIN, ROOT, dbt_env, run_dbt
from swh.load import WORKDIR_PREFIX, DuckDBTarget, load_folder
from swh.publish import MARKER, PUBLISHED_FILE, PublishError, publish, resolve_current


def swh(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "swh"), *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def kill(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def wait_for(condition, timeout: float = 60.0, step: float = 0.005) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def count(database: Path, sql: str) -> int:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def raw_ticket_count(database: Path) -> int:
    if not database.exists():
        return 0
    con = duckdb.connect(str(database), read_only=True)
    try:
        found = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'tickets'"
        ).fetchall()[0][0]
        return con.execute("select count(*) from raw.tickets").fetchall()[0][0] if found else 0
    finally:
        con.close()


@pytest.mark.parametrize("delay", [0.3, 1.5])
def test_kill_during_load_leaves_nothing_half_loaded(demo_data: Path, tmp_path: Path, delay: float) -> None:
    database = tmp_path / "wh.duckdb"
    loader = swh("load", str(demo_data), "--database", str(database))
    time.sleep(delay)
    workdirs = list(Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}{loader.pid}-*"))
    kill(loader)
    tickets = raw_ticket_count(database)
    assert tickets in (0, 3000), "a killed load is all or nothing"
    report = load_folder(demo_data, DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    assert raw_ticket_count(database) == 3000
    for workdir in workdirs:
        assert not workdir.exists(), f"{workdir} of the killed load was not removed by the next load"


@pytest.fixture()
def warehouse_copy(built_warehouse: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, copy)
    return copy


def test_publish_refuses_after_an_interrupted_build_and_publishes_after_a_full_one(
    warehouse_copy: Path, demo_data: Path, tmp_path: Path
) -> None:
    published = tmp_path / "published"
    logs = tmp_path / "logs"
    build = subprocess.Popen(
        [str(BIN / "dbt"), "run", "--target", "duckdb", "--log-path", str(logs), "--no-use-colors"],
        cwd=ROOT,
        env=dbt_env(warehouse_copy),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = wait_for(lambda: (logs / "dbt.log").exists() and "OK created" in (logs / "dbt.log").read_text(), 120)
    kill(build)  # type: ignore[arg-type]
    assert started, "the build never created a model before it was killed"
    with pytest.raises(PublishError, match="did not finish"):
        publish(warehouse_copy, published, progress=lambda _: None)
    assert not (published / PUBLISHED_FILE).exists()

    # New raw data, and only one mart rebuilt: the others are from the older load.
    changed = tmp_path / "changed"
    changed.mkdir()
    source = duckdb.connect()
    source.execute(
        f"copy (select * replace ('high' as priority) from read_parquet('{demo_data / 'tickets.parquet'}') "
        f"limit 1) to '{changed / 'tickets.parquet'}' (format parquet)"
    )
    source.close()
    report = load_folder(changed, DuckDBTarget(warehouse_copy), progress=lambda _: None)
    assert report.rows_replaced == 1
    run_dbt(["run", "--target", "duckdb", "-s", "speed_daily"], warehouse_copy)
    with pytest.raises(PublishError, match="built from an older raw load"):
        publish(warehouse_copy, published, progress=lambda _: None)

    run_dbt(["run", "--target", "duckdb"], warehouse_copy)
    result = publish(warehouse_copy, published, progress=lambda _: None)
    assert result.raw_load_id == report.load_id
    assert count(result.database, "select count(*) from marts._publication") == 1


def test_kill_during_publish_keeps_the_previous_version_and_the_next_run_cleans_up(
    built_warehouse: Path, tmp_path: Path
) -> None:
    published = tmp_path / "published"
    first = publish(built_warehouse, published, progress=lambda _: None)
    process = swh("publish", "--database", str(built_warehouse), "--to", str(published))
    caught = wait_for(lambda: any(published.glob(f".{PUBLISHED_FILE}.*")), timeout=60, step=0.002)
    kill(process)
    assert caught, "the publish finished before it could be killed"
    assert count(first.database, "select count(*) from marts._publication") == 1
    con = duckdb.connect(str(published / PUBLISHED_FILE), read_only=True)
    assert con.execute("select version from marts._publication").fetchall() == [(first.version,)]
    con.close()
    assert resolve_current(published).name == first.version

    second = publish(built_warehouse, published, progress=lambda _: None)
    assert not list(published.glob(f".{PUBLISHED_FILE}.*")), "leftovers of the killed publish remain"
    versions = [p for p in (published / "parquet").iterdir() if p.is_dir() and not p.is_symlink()]
    assert all((v / MARKER).exists() for v in versions), "a half-written Parquet version remains"
    assert {v.name for v in versions} == {first.version, second.version}
    assert resolve_current(published).name == second.version


def _mount_tmpfs(path: Path, size_bytes: int) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(path)], capture_output=True, text=True
    )
    return result.returncode == 0


def test_full_disk_during_publish_is_one_line_and_leaves_nothing_behind(built_warehouse: Path, tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    publish(built_warehouse, probe, progress=lambda _: None)
    one_version = sum(p.stat().st_size for p in probe.rglob("*") if p.is_file())
    disk = tmp_path / "small_disk"
    if not _mount_tmpfs(disk, one_version * 4):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights)")
    try:
        first = publish(built_warehouse, disk, progress=lambda _: None)
        # Fill the disk until half a version is left: the next publish runs out of space.
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * max(0, free - one_version // 2))
        used_before = shutil.disk_usage(disk).used
        result = subprocess.run(
            [str(BIN / "swh"), "publish", "--database", str(built_warehouse), "--to", str(disk)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.strip().count("\n") == 0, result.stderr
        assert "no space left on the disk" in result.stderr
        assert "Traceback" not in result.stderr
        assert not list(disk.glob(f".{PUBLISHED_FILE}.*")), "the failed publish left its temporary files"
        versions = [p for p in (disk / "parquet").iterdir() if p.is_dir() and not p.is_symlink()]
        assert [v.name for v in versions] == [first.version]
        assert shutil.disk_usage(disk).used <= used_before
        assert count(disk / PUBLISHED_FILE, "select count(*) from marts._publication") == 1
    finally:
        subprocess.run(["umount", str(disk)], check=False)


PARQUET_READER = """
import json, os, sys, duckdb
from pathlib import Path
root, stop, out = sys.argv[1:4]
ok, errors, versions, messages = 0, 0, set(), []
while not Path(stop).exists():
    try:
        # How a Parquet reader opens the published copy: resolve `current` once per query,
        # then read every file of the query from the resolved version folder.
        folder = os.path.realpath(os.path.join(root, "parquet", "current"))
        version = json.loads(Path(folder, "_publication.json").read_text())["version"]
        total = duckdb.sql(
            f"select sum(created_contact_count) from read_parquet('{folder}/speed_daily.parquet')"
        ).fetchall()[0][0]
        duckdb.sql(f"select count(*) from read_parquet('{folder}/*.parquet', union_by_name = true)").fetchall()
        versions.add(version)
        ok += 1
    except Exception as exc:
        errors += 1
        messages.append(str(exc)[:300])
Path(out).write_text(json.dumps({"ok": ok, "errors": errors, "versions": len(versions), "messages": messages[:5]}))
"""


def test_parquet_reader_never_sees_an_error_across_many_swaps(built_warehouse: Path, tmp_path: Path) -> None:
    published = tmp_path / "published"
    publish(built_warehouse, published, progress=lambda _: None)
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", PARQUET_READER, str(published), str(stop), str(out)])
    swaps = 15
    try:
        for _ in range(swaps):
            publish(built_warehouse, published, progress=lambda _: None)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    result = json.loads(out.read_text())
    print(f"Parquet reader across {swaps} swaps: {result['ok']} queries, {result['errors']} errors")
    assert result["errors"] == 0, result["messages"]
    assert result["ok"] >= 50
    assert result["versions"] >= 3
