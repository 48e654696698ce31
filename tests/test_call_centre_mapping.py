"""A call-centre call log (one row per call) through its mapping: every call becomes a queue
entry, and the contact-centre marts give the service level, abandonment rate and speed of
answer computed here, independently, from the log itself."""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from conftest import ROOT, run_dbt
from swh.load import DuckDBTarget, load_folder
from swh.mapping import apply_mapping

START = datetime(2025, 3, 3, 8, 0, 0)


def write_call_log(path: Path, calls: int = 400) -> list[dict[str, str]]:
    rng = random.Random(11)
    rows = []
    for i in range(calls):
        entered = START + timedelta(seconds=rng.randint(0, 5 * 86400))
        wait = rng.choice([0, 3, 5, 6, 12, 20, 21, 45, 90, 240])
        abandoned = rng.random() < 0.2
        row = {
            "Call ID": f"CALL{i:05d}",
            "Queue": rng.choice(["Sales", "Billing"]),
            "Agent": "" if abandoned else rng.choice(["alice", "bob", "chen"]),
            "Entered Queue": f"{entered:%Y-%m-%d %H:%M:%S}",
            "Wait Seconds": str(wait),
            "Answered At": "" if abandoned else f"{entered + timedelta(seconds=wait):%Y-%m-%d %H:%M:%S}",
            "Ended At": f"{entered + timedelta(seconds=wait + (0 if abandoned else 300)):%Y-%m-%d %H:%M:%S}",
            "Outcome": "ABANDONED" if abandoned else "ANSWERED",
            "IVR Seconds": str(rng.choice([0, 15, 30])),
        }
        rows.append(row)
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_call_log_maps_to_queue_entries_and_the_marts_agree(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    calls = write_call_log(export / "calls.csv")
    mapped = apply_mapping(ROOT / "mappings" / "call_centre_calls.yml", export, tmp_path / "mapped")
    assert mapped.written["queue_entries"] == len(calls)
    database = tmp_path / "warehouse.duckdb"
    report = load_folder(tmp_path / "mapped", DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0, report.rejects[:5]

    run_dbt(
        [
            "build",
            "--target",
            "duckdb",
            "-s",
            "+contact_centre_queue_daily",
            "--exclude",
            "test_type:unit",
            "--indirect-selection",
            "cautious",
        ],
        database,
    )
    # The KPIs from the log alone: short abandons (<= 5 s) are in no rate; answered within
    # 20 s (inclusive) is the service level's numerator.
    short = [c for c in calls if c["Outcome"] == "ABANDONED" and int(c["Wait Seconds"]) <= 5]
    counted = [c for c in calls if c not in short]
    answered = [c for c in counted if c["Outcome"] == "ANSWERED"]
    within = [c for c in answered if int(c["Wait Seconds"]) <= 20]
    abandoned = [c for c in counted if c["Outcome"] == "ABANDONED"]
    con = duckdb.connect(str(database), read_only=True)
    got = con.execute(
        "select sum(short_abandon_count), sum(offered_excluding_short_abandon_count), "
        "sum(answered_within_threshold_count), sum(abandoned_contact_count), "
        "sum(answer_wait_seconds_sum) / sum(answered_contact_count), sum(ivr_contact_count) "
        "from marts.contact_centre_queue_daily"
    ).fetchone()
    con.close()
    assert got[:4] == (len(short), len(counted), len(within), len(abandoned))
    assert abs(got[4] - sum(int(c["Wait Seconds"]) for c in answered) / len(answered)) < 1e-9
    assert got[5] == sum(1 for c in calls if c["IVR Seconds"] != "0")
