"""Any reporting time zone: the demo data built with `reporting_time_zone` set to New York
(DST, negative offset) and Kolkata (a half-hour offset), unit tests included (they pin the
variables they depend on). Every data test passes, the integrity tests among them (every
contact counted once, backlog identity, stages add up), and the days are the zone's days.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from conftest import WAREHOUSE_FILE, run_dbt
from swh.load import DuckDBTarget, load_folder


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata"])
def test_the_warehouse_builds_in_another_reporting_time_zone(zone: str, demo_data: Path, tmp_path: Path) -> None:
    database = tmp_path / WAREHOUSE_FILE
    assert load_folder(demo_data, DuckDBTarget(database), progress=lambda _: None).rows_rejected == 0
    run_dbt(["build", "--target", "duckdb", "--vars", json.dumps({"reporting_time_zone": zone})], database)

    con = duckdb.connect(str(database), read_only=True)
    try:
        created = con.execute(
            "select created_at from raw.tickets union all select started_at from raw.chat_conversations"
        ).fetchall()
        speed = dict(
            con.execute("select date_day, sum(created_contact_count) from marts.speed_daily group by 1").fetchall()
        )
        backlog = dict(
            con.execute("select date_day, sum(inflow_count) from marts.team_backlog_daily group by 1").fetchall()
        )
        contacts = con.execute("select count(*) from core.fct_contacts").fetchall()[0][0]
    finally:
        con.close()
    local = ZoneInfo(zone)
    # Raw timestamps are UTC instants (stored as naive UTC by the DuckDB loader).
    expected = Counter((at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(local).date() for (at,) in created)
    assert sum(speed.values()) == contacts == len(created)
    assert {day: int(n) for day, n in speed.items() if n} == dict(expected)
    assert {day: int(n) for day, n in backlog.items() if n} == dict(expected)
