"""Bring your own export: the real Volvo IT incident log through its mapping file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import REAL_DATA, ROOT, run_dbt
from swh.load import DuckDBTarget, load_folder
from swh.mapping import apply_mapping

VOLVO = REAL_DATA / "volvo_it_incidents_bpic2013.csv.gz"
pytestmark = pytest.mark.skipif(not VOLVO.exists(), reason="../shared/real_data is not beside this clone")


def test_volvo_log_loads_with_nothing_lost_and_builds(tmp_path: Path) -> None:
    mapped = apply_mapping(ROOT / "mappings" / "volvo_it_incidents.yml", REAL_DATA, tmp_path / "mapped")
    assert mapped.source_rows == 65_533
    assert mapped.written["ticket_events"] == mapped.source_rows  # one event per status change
    assert mapped.written["tickets"] == 7_554

    database = tmp_path / "warehouse.duckdb"
    report = load_folder(tmp_path / "mapped", DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    assert report.rows_read == report.rows_loaded == sum(mapped.written.values())

    run_dbt(["build", "--target", "duckdb", "--exclude", "resource_type:unit_test"], database)  # unit tests: demo build
    con = duckdb.connect(str(database), read_only=True)
    contacts, events, reopened = con.execute(
        "select count(*), (select count(*) from core.fct_contact_events), count(*) filter (where was_reopened) "
        "from core.fct_contacts"
    ).fetchone()
    lifetime = con.execute(
        "select median(epoch(max_at - min_at)) / 3600 from (select contact_id, min(event_at) as min_at, "
        "max(event_at) as max_at from core.fct_contact_events group by contact_id)"
    ).fetchone()[0]
    con.close()
    assert (contacts, events) == (7_554, 65_533)
    # Facts measured on the log by its README: 514 requests went back to open after Completed,
    # and the median request lifetime is about 181 hours.
    assert reopened == 514
    assert 175 < lifetime < 187
