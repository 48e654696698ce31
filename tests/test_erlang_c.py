"""The staffing requirement's Erlang C, in the project's portable SQL, against pyworkforce's
ErlangC over a grid of loads, handle times, thresholds and target service levels."""

from __future__ import annotations

import itertools
import json

import duckdb
from pyworkforce.queuing import ErlangC

from conftest import WAREHOUSE_FILE, run_dbt

LOADS = [0.05, 0.3, 1.0, 2.5, 4.0, 7.5, 12.0, 25.0, 60.0]
HANDLE_SECONDS = [120, 300, 720]
THRESHOLDS = [10, 20, 60]
TARGETS = [0.6, 0.8, 0.9, 0.95]
INTERVAL_SECONDS = 3600


def compiled_erlang_c(tmp_path) -> str:
    inline = "select * from {{ erlang_c_required_agents('grid', ['grid_id'], 'threshold', 'target') }} as required"
    result = run_dbt(
        ["compile", "--quiet", "--target", "duckdb", "--inline", inline, "--output", "json"],
        tmp_path / WAREHOUSE_FILE,
    )
    return json.loads(result.stdout)["compiled"]


def test_required_agents_equal_pyworkforce_over_a_grid(tmp_path) -> None:
    grid = list(itertools.product(LOADS, HANDLE_SECONDS, THRESHOLDS, TARGETS))
    con = duckdb.connect()
    con.execute(
        "create table grid (grid_id integer, offered_load_erlangs double, average_handle_seconds double, "
        "threshold double, target double)"
    )
    con.executemany("insert into grid values (?, ?, ?, ?, ?)", [(i, *row) for i, row in enumerate(grid)])
    ours = dict(con.execute(compiled_erlang_c(tmp_path)).fetchall())
    mismatches = []
    for i, (load, aht, threshold, target) in enumerate(grid):
        calls = load * INTERVAL_SECONDS / aht
        oracle = ErlangC(transactions=calls, aht=aht, asa=threshold, interval=INTERVAL_SECONDS, shrinkage=0.0)
        expected = oracle.required_positions(service_level=target, max_occupancy=1.0)["raw_positions"]
        if ours.get(i) != expected:
            mismatches.append((load, aht, threshold, target, ours.get(i), expected))
    print(f"Erlang C: {len(grid) - len(mismatches)} of {len(grid)} grid points equal pyworkforce")
    assert not mismatches, mismatches
    assert len(ours) == len(grid)
