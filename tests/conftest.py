"""Shared fixtures: a small generated data set and a warehouse built from it with dbt."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from swh.generate import generate
from swh.load import DuckDBTarget, load_folder

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REAL_DATA = ROOT.parent / "shared" / "real_data"
TEST_TICKETS = int(os.environ.get("SWH_TEST_TICKETS", "3000"))


# Every dbt subprocess of the session sees one constant database path: a link that is pointed at
# the warehouse under test. dbt re-parses the whole project (about 20 s) whenever the profile
# (which holds that path) or the vars change, so a constant path lets every build after the
# first reuse the parse. Each (target, vars) pair keeps its own target folder for the same reason.
DBT_LINK_DIR = Path(tempfile.mkdtemp(prefix="swh-pytest-dbt-"))
ACTIVE_WAREHOUSE = DBT_LINK_DIR / "active"
WAREHOUSE_FILE = "warehouse.duckdb"


# `make test` runs the suite in two pytest-xdist worker processes (dbt's Python is bound to one
# core, the machine has two); each worker keeps its own target folders.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def dbt_target_dir(target: str = "duckdb", dbt_vars: str = "") -> Path:
    """The target folder (manifest, compiled SQL, partial parse) of builds with this target and vars."""
    key = hashlib.sha256(f"{target}|{dbt_vars}".encode()).hexdigest()[:10]
    return ROOT / "target" / "pytest" / WORKER / f"{target}-{key}"


def dbt_env(database: Path | None, target: str = "duckdb", dbt_vars: str = "") -> dict[str, str]:
    """Environment for a dbt subprocess: the session's link pointed at `database`'s folder."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(dbt_target_dir(target, dbt_vars)),
        "DBT_LOG_PATH": str(dbt_target_dir(target, dbt_vars) / "logs"),
    }
    if database is not None:
        if database.name != WAREHOUSE_FILE:
            raise ValueError(f"{database}: name the test warehouse {WAREHOUSE_FILE} (its folder is linked)")
        if ACTIVE_WAREHOUSE.is_symlink():
            ACTIVE_WAREHOUSE.unlink()
        ACTIVE_WAREHOUSE.symlink_to(database.resolve().parent, target_is_directory=True)
        env["DBT_DUCKDB_PATH"] = str(ACTIVE_WAREHOUSE / WAREHOUSE_FILE)
    return env


def run_dbt(
    args: list[str], database: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command in the project on `database` (DuckDB) or the configured PostgreSQL or
    Spark (`env`: more variables, e.g. Spark's folders); fail the test with dbt's output when it fails."""
    target = args[args.index("--target") + 1] if "--target" in args else "duckdb"
    dbt_vars = args[args.index("--vars") + 1] if "--vars" in args else ""
    result = subprocess.run(
        [str(BIN / "dbt"), *args, "--no-use-colors"],
        cwd=ROOT,
        env={**dbt_env(database, target, dbt_vars), **(env or {})},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


def postgres_connection(user: str | None = None, password: str | None = None, dbname: str | None = None):  # noqa: ANN201
    """A connection to the test PostgreSQL (DBT_PG_*), as the given user or the configured one."""
    import psycopg2

    return psycopg2.connect(
        host=os.environ["DBT_PG_HOST"],
        port=int(os.environ["DBT_PG_PORT"]),
        user=user or os.environ.get("DBT_PG_USER", "postgres"),
        dbname=dbname or os.environ.get("DBT_PG_DATABASE", "service_warehouse"),
        password=os.environ.get("DBT_PG_PASSWORD", "") if password is None else password,
    )


def postgres_available() -> bool:
    """Whether a test PostgreSQL is configured; with SWH_REQUIRE_POSTGRES=1 its absence fails the test."""
    if not os.environ.get("DBT_PG_PORT"):
        if os.environ.get("SWH_REQUIRE_POSTGRES") == "1":
            pytest.fail("SWH_REQUIRE_POSTGRES=1 but no PostgreSQL is configured (run via scripts/ci/with_postgres.sh)")
        return False
    return True


SHARED_DEMO_FIXTURES = {"built_warehouse", "published_warehouse"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep tests that share a fixture on one xdist worker (`--dist loadgroup`): those on the demo
    warehouse together (it is built once, on the worker that runs them), the rest by module (a
    group runs in one piece, so a module-scoped fixture is built once)."""
    for item in items:
        uses_demo = SHARED_DEMO_FIXTURES & set(getattr(item, "fixturenames", ()))
        module = getattr(item, "module", None)
        group = "demo_warehouse" if uses_demo else module.__name__ if module else item.nodeid
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small deterministic demo data set (Parquet)."""
    out = tmp_path_factory.mktemp("demo")
    generate(out, TEST_TICKETS, seed=7, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def built_warehouse(demo_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data loaded and built with `dbt build` on DuckDB (all data and unit tests run)."""
    database = tmp_path_factory.mktemp("warehouse") / WAREHOUSE_FILE
    report = load_folder(demo_data, DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    run_dbt(["build", "--target", "duckdb"], database)
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
