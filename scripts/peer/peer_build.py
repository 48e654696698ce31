"""Shared steps of the peer comparisons (compare_dbt_zendesk.py, compare_dbt_intercom.py): a
scratch PostgreSQL database holding a Fivetran-shaped fixture, a throwaway dbt project that
builds only the peer package on it, this project built on the same database, and a per-row
comparison that prints every figure where the two differ.

The packages are checkouts passed on the command line: nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "peer_comparison"


def connect(dbname: str = DATABASE) -> Any:  # noqa: ANN401 (psycopg2 has no type stubs here)
    """A connection to the scratch database (DBT_PG_* from scripts/ci/with_postgres.sh)."""
    import psycopg2

    return psycopg2.connect(
        host=os.environ["DBT_PG_HOST"],
        port=int(os.environ["DBT_PG_PORT"]),
        user=os.environ.get("DBT_PG_USER", "postgres"),
        password=os.environ.get("DBT_PG_PASSWORD", ""),
        dbname=dbname,
    )


def load_fixture(statements: Iterable[str]) -> None:
    """Recreate the scratch database and run the fixture's statements in it."""
    admin = connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"drop database if exists {DATABASE}")
        cur.execute(f"create database {DATABASE}")
    admin.close()
    con = connect()
    with con, con.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
    con.close()


def scratch_project(packages: Path, names: Iterable[str], peer_vars: Mapping[str, object], folder: Path) -> None:
    """A root project whose only models are the peer package's, its packages linked in place."""
    names = list(names)
    missing = [name for name in names if not (packages / name / "dbt_project.yml").exists()]
    if missing:
        raise SystemExit(f"{packages} lacks {', '.join(missing)} (checkouts of the packages)")
    (folder / "dbt_packages").mkdir()
    for name in names:
        (folder / "dbt_packages" / name).symlink_to((packages / name).resolve(), target_is_directory=True)
    (folder / "dbt_project.yml").write_text(
        f"name: peer\nversion: '1.0.0'\nconfig-version: 2\nprofile: peer\nvars: {json.dumps(dict(peer_vars))}\n"
    )
    (folder / "profiles.yml").write_text(
        "peer:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      threads: 2\n"
        f"      host: {os.environ['DBT_PG_HOST']}\n      port: {os.environ['DBT_PG_PORT']}\n"
        f"      user: {os.environ.get('DBT_PG_USER', 'postgres')}\n"
        f"      password: '{os.environ.get('DBT_PG_PASSWORD', '')}'\n"
        f"      dbname: {DATABASE}\n      schema: peer\n"
    )


def dbt(args: list[str], cwd: Path, env: Mapping[str, str]) -> None:
    """Run dbt from this virtual environment; stop with its output's tail when it fails."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, "--no-use-colors"],
        cwd=cwd,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **env},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} in {cwd} failed:\n{result.stdout[-4000:]}")


def build_ours(our_vars: Mapping[str, object], target_path: str) -> None:
    """`dbt build` of this project (unit tests aside) into the scratch database."""
    dbt(
        ["build", "--target", "postgres", "--vars", json.dumps(dict(our_vars)), "--exclude", "resource_type:unit_test"],
        ROOT,
        {"DBT_PG_DATABASE": DATABASE, "DBT_PROFILES_DIR": str(ROOT), "DBT_TARGET_PATH": target_path},
    )


def rows_by_key(sql: str) -> dict[Any, dict[str, object]]:
    """The query's rows keyed by its first column, each a dict of the other columns."""
    con = connect()
    with con.cursor() as cur:
        cur.execute(sql)
        names = [d[0] for d in cur.description]
        rows = {row[0]: dict(zip(names[1:], row[1:], strict=True)) for row in cur.fetchall()}
    con.close()
    return rows


def _same(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left == right
    if isinstance(left, int | float | Decimal) and isinstance(right, int | float | Decimal):
        return abs(float(left) - float(right)) < 1e-6
    return left == right


def print_differences(label: str, theirs: dict[Any, dict[str, object]], ours: dict[Any, dict[str, object]]) -> int:
    """Print both sides per key, then one line per key and figure where they differ; return how many."""
    figures = list(dict.fromkeys(name for rows in (theirs, ours) for row in rows.values() for name in row))
    keys = sorted(set(theirs) | set(ours), key=str)
    for key in keys:
        both = [f"{name} {theirs.get(key, {}).get(name)} / {ours.get(key, {}).get(name)}" for name in figures]
        print(f"{label} {key} (peer / this project): " + "; ".join(both))
    differences = 0
    for key in keys:
        for name in figures:
            peer_value = theirs.get(key, {}).get(name, "(no row)")
            our_value = ours.get(key, {}).get(name, "(no row)")
            if not _same(peer_value, our_value):
                differences += 1
                print(f"{label} {key}: {name}: peer {peer_value}, this project {our_value}")
    return differences
