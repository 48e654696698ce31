"""Business time end to end: hand-made raw data through the loader and `dbt build`, on the
project's real schedule seeds (Amsterdam office, Mon-Fri 09:00-17:00, Dutch public holidays from the
holidays package, for 2011 as for 2025)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt
from swh.load import DuckDBTarget, load_folder

TICKETS = {
    # id: (created UTC, first agent reply UTC or None, solved UTC or None)
    "WEEKEND_DST": ("2025-03-28 15:00:00", "2025-03-31 08:00:00", "2025-03-31 08:30:00"),
    "HOLIDAYS": ("2025-04-17 14:00:00", "2025-04-22 08:00:00", None),
    "CLOSED": ("2025-03-29 10:00:00", "2025-03-29 12:00:00", None),
    "NO_REPLY": ("2025-04-01 10:00:00", None, None),
    "AUTUMN_DST": ("2025-10-24 15:00:00", "2025-10-27 09:00:00", None),
    "EASTER_2011": ("2011-04-21 13:00:00", "2011-04-26 08:00:00", None),
}


def write_raw(folder: Path) -> None:
    folder.mkdir()
    (folder / "teams.csv").write_text("team_id,team_name,schedule_id\neu_support,EU Support,eu_office\n")
    (folder / "agents.csv").write_text(
        "agent_id,agent_name,team_id,is_bot,hired_on,left_on,hourly_cost_usd\nAG1,Ann,eu_support,false,2010-01-01,,30\n"
    )
    tickets = ["ticket_id,channel,priority,reason,customer_id,team_id,created_at,tags,subject,updated_at"]
    events = ["event_id,ticket_id,event_at,event_type,actor_type,agent_id,status,assignee_agent_id,body"]
    for ticket_id, (created, replied, solved) in TICKETS.items():
        tickets.append(f"{ticket_id},email,normal,billing,,eu_support,{created},,,")
        events.append(f"{ticket_id}-1,{ticket_id},{created},public_reply,customer,,,,help please")
        if replied:
            events.append(f"{ticket_id}-2,{ticket_id},{replied},public_reply,agent,AG1,,,on it")
        if solved:
            events.append(f"{ticket_id}-3,{ticket_id},{solved},status_change,agent,AG1,solved,,")
    (folder / "tickets.csv").write_text("\n".join(tickets) + "\n")
    (folder / "ticket_events.csv").write_text("\n".join(events) + "\n")


@pytest.fixture(scope="module")
def contacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    root = tmp_path_factory.mktemp("business_time")
    write_raw(root / "raw")
    database = root / "warehouse.duckdb"
    report = load_folder(root / "raw", DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    run_dbt(
        # unit tests do not read the data: the demo build runs them
        [
            "build",
            "--target",
            "duckdb",
            "--vars",
            '{"as_of": "2025-11-01 00:00:00"}',
            "--exclude",
            "resource_type:unit_test",
        ],
        database,
    )
    con = duckdb.connect(str(database), read_only=True)
    result = {
        row[0].removeprefix("ticket:"): row[1:]
        for row in con.execute(
            "select contact_id, first_response_calendar_minutes, first_response_business_minutes, "
            "resolution_business_minutes, first_response_sla_status from core.fct_contacts"
        ).fetchall()
    }
    stages = con.execute(
        "select stage, stage_business_minutes from core.fct_contact_stage_intervals "
        "where contact_id = 'ticket:WEEKEND_DST'"
    ).fetchall()
    con.close()
    result["stages"] = tuple(stages)
    return result


def test_reply_across_a_weekend_and_the_spring_dst_change(contacts: dict) -> None:
    # Friday 16:00-17:00 CET, then Monday 09:00-10:00 CEST: two business hours.
    calendar, business, resolution, sla = contacts["WEEKEND_DST"]
    assert (calendar, business) == (3900, 120)
    assert resolution == 150
    assert sla == "achieved"
    assert contacts["stages"] == (("new", 150.0),)  # the stages add up to the resolution time


def test_reply_across_good_friday_a_weekend_and_easter_monday(contacts: dict) -> None:
    calendar, business, _, _ = contacts["HOLIDAYS"]
    assert (calendar, business) == (6840, 120)


def test_reply_inside_a_closed_period_is_zero_not_null(contacts: dict) -> None:
    calendar, business, _, _ = contacts["CLOSED"]
    assert (calendar, business) == (120, 0)


def test_no_reply_yet_is_null(contacts: dict) -> None:
    calendar, business, _, sla = contacts["NO_REPLY"]
    assert (calendar, business) == (None, None)
    assert sla == "breached"  # open and past its 1440 business-minute target at the data end


def test_reply_across_the_autumn_dst_change_from_closing_time(contacts: dict) -> None:
    # Created at 17:00 CEST (closing time, so 0 minutes that Friday); answered Monday 10:00 CET.
    calendar, business, _, _ = contacts["AUTUMN_DST"]
    assert (calendar, business) == (3960, 60)


def test_reply_across_easter_2011_from_the_holidays_package(contacts: dict) -> None:
    # Thursday 15:00-17:00 CEST, Good Friday and Easter Monday 2011 closed, Tuesday 09:00-10:00:
    # three business hours. Without 2011 holidays it would be 1,140 minutes.
    calendar, business, _, _ = contacts["EASTER_2011"]
    assert (calendar, business) == (6900, 180)
