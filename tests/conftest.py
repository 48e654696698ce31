"""Shared fixtures: a small generated data set and a warehouse built from it with dbt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swh.generate import generate
from swh.load import DuckDBTarget, load_folder

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REAL_DATA = ROOT.parent / "shared" / "real_data"
TEST_TICKETS = int(os.environ.get("SWH_TEST_TICKETS", "3000"))


def run_dbt(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one dbt command in the project; fail the test with dbt's output when it fails."""
    full_env = {**os.environ, "DBT_PROFILES_DIR": str(ROOT), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **env}
    result = subprocess.run(
        [str(BIN / "dbt"), *args, "--no-use-colors"], cwd=ROOT, env=full_env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small deterministic demo data set (Parquet)."""
    out = tmp_path_factory.mktemp("demo")
    generate(out, TEST_TICKETS, seed=7, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def built_warehouse(demo_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data loaded and built with `dbt build` on DuckDB (all data and unit tests run)."""
    database = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    report = load_folder(demo_data, DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    run_dbt(["build", "--target", "duckdb"], {"DBT_DUCKDB_PATH": str(database)})
    return database


@pytest.fixture(scope="session")
def published_warehouse(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built warehouse's marts, published for readers (what BI tools and the dashboard open)."""
    from swh.publish import publish

    return publish(built_warehouse, tmp_path_factory.mktemp("published"), progress=lambda _: None).database


def chromium_or_skip() -> str:
    """Debian's chromium, or a skip (a failure when SWH_REQUIRE_BROWSER=1, as in `make test`)."""
    import shutil

    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("SWH_REQUIRE_BROWSER") == "1":
            pytest.fail("SWH_REQUIRE_BROWSER=1 but chromium is not installed (scripts/ci/ensure_chromium.sh)")
        pytest.skip("chromium is not installed; `make test` installs it")
    return path
