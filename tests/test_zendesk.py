"""The Zendesk adapter: the Fivetran-shaped fixture (swh.fivetran) built with `zendesk_enabled`,
alone (no raw tables at all) on DuckDB and PostgreSQL, and together with helpdesk files.

Every expected value is worked out by hand from the fixture's comments and field changes,
listed beside each ticket in swh/fivetran.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import WAREHOUSE_FILE, postgres_available, postgres_connection, run_dbt
from swh.fivetran import zendesk_fixture_sql
from swh.generate import generate
from swh.load import DuckDBTarget, load_folder

ZENDESK_VARS = json.dumps({"zendesk_enabled": True, "zendesk_schema": "zendesk"})

# ticket -> (channel, team, priority, first response calendar minutes, first solve minutes,
#            final solve minutes, reopens, agent replies)
EXPECTED = {
    "zendesk:1001": ("email", "zendesk:401", "normal", 30.0, 30.0, 30.0, 0, 1),
    "zendesk:1002": ("web_form", "zendesk:402", "high", 60.0, 65.0, 1390.0, 1, 2),
    "zendesk:1003": ("other", "zendesk:402", "urgent", 40.0, 60.0, 60.0, 0, 1),  # the private note is no reply
    "zendesk:1004": ("email", "zendesk:401", "low", None, 60.0, 60.0, 0, 0),  # closed by merge, no reply
    "zendesk:1005": ("email", "zendesk:402", "normal", 20.0, 180.0, 180.0, 0, 2),  # moved to Technical support
    "zendesk:1006": ("web_form", "zendesk:401", "normal", None, None, None, 0, 0),  # no priority: normal
}


def _write_fixture(database: Path) -> None:
    con = duckdb.connect(str(database))
    try:
        for statement in zendesk_fixture_sql("zendesk"):
            con.execute(statement)
    finally:
        con.close()


@pytest.fixture(scope="module")
def zendesk_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding nothing but the connector's tables: no raw schema, no `swh load`."""
    database = tmp_path_factory.mktemp("zendesk_only") / WAREHOUSE_FILE
    _write_fixture(database)
    run_dbt(["build", "--vars", ZENDESK_VARS, "--exclude", "resource_type:unit_test"], database)
    return database


def _query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


PER_TICKET_SQL = """
    select contact_id, channel, team_id, priority, first_response_calendar_minutes,
        first_resolution_calendar_minutes, resolution_calendar_minutes, reopen_count, agent_reply_count
    from core.fct_contacts order by contact_id
"""


def _per_ticket(rows: list[tuple]) -> dict[str, tuple]:
    return {
        row[0].removeprefix("ticket:"): tuple(float(v) if isinstance(v, Decimal) else v for v in row[1:])
        for row in rows
    }


def test_each_ticket_has_its_hand_worked_times_reopens_and_replies(zendesk_only: Path) -> None:
    assert _per_ticket(_query(zendesk_only, PER_TICKET_SQL)) == EXPECTED  # the deleted ticket 1007 is no contact


def test_the_same_tickets_on_postgres_with_no_raw_schema() -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL configured (DBT_PG_* variables); `make test` starts one")
    admin = postgres_connection()
    admin.autocommit = True
    with admin.cursor() as cur:  # a database of its own: the demo build uses the default one
        cur.execute("drop database if exists zendesk_only")
        cur.execute("create database zendesk_only")
    admin.close()
    con = postgres_connection(dbname="zendesk_only")
    with con, con.cursor() as cur:
        for statement in zendesk_fixture_sql("zendesk"):
            cur.execute(statement)
    con.close()
    run_dbt(
        ["build", "--target", "postgres", "--vars", ZENDESK_VARS, "--exclude", "resource_type:unit_test"],
        env={"DBT_PG_DATABASE": "zendesk_only"},
    )
    con = postgres_connection(dbname="zendesk_only")
    try:
        with con.cursor() as cur:
            cur.execute(PER_TICKET_SQL)
            assert _per_ticket(cur.fetchall()) == EXPECTED
            cur.execute(
                "select sum(csat_response_count), sum(csat_satisfied_count) from marts.satisfaction_surveys_daily"
            )
            assert tuple(int(v) for v in cur.fetchone()) == (2, 1)
    finally:
        con.close()


def test_merge_and_reopen_follow_the_tag_rules_and_the_fcr_definition(zendesk_only: Path) -> None:
    rows = dict(
        (contact_id.removeprefix("ticket:"), (eligible, fcr))
        for contact_id, eligible, fcr in _query(
            zendesk_only, "select contact_id, is_fcr_eligible, is_first_contact_resolution from core.fct_contacts"
        )
    )
    assert rows["zendesk:1004"] == (False, False)  # closed_by_merge is excluded like a duplicate
    assert rows["zendesk:1001"] == (True, True)  # one reply, never reopened, no repeat of its reason
    assert rows["zendesk:1002"] == (True, False)  # reopened
    assert rows["zendesk:1006"][0] is False  # still open


def test_authors_follow_the_user_role_and_private_comments_are_notes(zendesk_only: Path) -> None:
    events = _query(
        zendesk_only,
        """
        select event_type, actor_type, agent_id, count(*) from core.fct_contact_events
        where contact_id = 'ticket:zendesk:1003' and event_type in ('public_reply', 'internal_note')
        group by all order by all
        """,
    )
    assert events == [
        ("internal_note", "agent", "zendesk:101", 1),
        ("public_reply", "agent", "zendesk:102", 1),
        ("public_reply", "customer", None, 1),
    ]
    closed_by = _query(
        zendesk_only,
        "select actor_type from core.fct_contact_events where contact_id = 'ticket:zendesk:1001' "
        "and event_type = 'status_change' and status = 'closed'",
    )
    assert closed_by == [("system",)]  # an automation closed it: no acting user


def test_good_and_bad_ratings_are_csat_answers_and_an_offered_one_is_none(zendesk_only: Path) -> None:
    answered, satisfied = _query(
        zendesk_only, "select sum(csat_response_count), sum(csat_satisfied_count) from marts.satisfaction_surveys_daily"
    )[0]
    assert (answered, satisfied) == (2, 1)
    names = _query(zendesk_only, "select team_id, team_name from core.dim_teams order by team_id")
    assert names == [("zendesk:401", "Billing"), ("zendesk:402", "Technical support")]


def test_zendesk_and_helpdesk_files_build_together(tmp_path: Path) -> None:
    database = tmp_path / WAREHOUSE_FILE
    demo = tmp_path / "demo"
    generate(demo, 200, seed=11, progress=lambda _: None)
    assert load_folder(demo, DuckDBTarget(database), progress=lambda _: None).rows_rejected == 0
    _write_fixture(database)
    run_dbt(["build", "--vars", ZENDESK_VARS, "--exclude", "resource_type:unit_test"], database)
    by_system = dict(
        _query(
            database,
            "select case when source_contact_id like 'zendesk:%' then 'zendesk' else 'helpdesk' end, count(*) "
            "from core.fct_contacts where contact_type = 'ticket' group by 1",
        )
    )
    con = duckdb.connect(str(database), read_only=True)
    try:
        raw_tickets = con.execute("select count(*) from raw.tickets").fetchall()[0][0]
        created = con.execute("select sum(created_contact_count) from marts.speed_daily").fetchall()[0][0]
        chats = con.execute("select count(*) from core.fct_contacts where contact_type = 'chat'").fetchall()[0][0]
    finally:
        con.close()
    assert by_system == {"helpdesk": raw_tickets, "zendesk": len(EXPECTED)}
    assert created == raw_tickets + len(EXPECTED) + chats  # every contact of both systems is counted once
