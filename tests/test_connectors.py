"""The connector adapters (models/staging/zendesk/, intercom/): the Fivetran-shaped fixtures of
swh.fivetran built with `zendesk_enabled` and `intercom_enabled`, with no raw tables at all and
together with loaded demo files, on DuckDB and on PostgreSQL.

Every expected value is worked out by hand from the fixtures' comments, field changes and
conversation parts, listed beside each ticket and conversation in swh/fivetran.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import WAREHOUSE_FILE, postgres_available, postgres_connection, run_dbt
from swh.fivetran import intercom_fixture_sql, zendesk_fixture_sql
from swh.generate import generate
from swh.load import DuckDBTarget, PostgresTarget, load_folder

BOTH_VARS = json.dumps({"zendesk_enabled": True, "intercom_enabled": True})
FIXTURES = [*zendesk_fixture_sql("zendesk"), *intercom_fixture_sql("intercom")]

# ticket -> (channel, team, priority, first response calendar minutes, first solve minutes,
#            final solve minutes, reopens, agent replies)
EXPECTED_TICKETS = {
    "zendesk:1001": ("email", "zendesk:401", "normal", 30.0, 30.0, 30.0, 0, 1),
    "zendesk:1002": ("web_form", "zendesk:402", "high", 60.0, 65.0, 1390.0, 1, 2),
    "zendesk:1003": ("other", "zendesk:402", "urgent", 40.0, 60.0, 60.0, 0, 1),  # the private note is no reply
    "zendesk:1004": ("email", "zendesk:401", "low", None, 60.0, 60.0, 0, 0),  # closed by merge, no reply
    "zendesk:1005": ("email", "zendesk:402", "normal", 20.0, 180.0, 180.0, 0, 2),  # moved to Technical support
    "zendesk:1006": ("web_form", "zendesk:401", "normal", None, None, None, 0, 0),  # no priority: normal
    "zendesk:1008": ("email", "zendesk:401", "normal", 0.0, 90.0, 90.0, 0, 2),  # agent-created: replied at creation
    "zendesk:1009": ("web_form", "zendesk:402", "high", 30.0, 30.0, 70.0, 1, 1),  # reopened by thanks
}

# ticket -> (schedule, first response, first solve and final solve business minutes). Americas
# (the default) opens Mon-Fri 05:00-17:00 New York time: 10:00-22:00 UTC until DST starts on 8
# March, 09:00-21:00 UTC after; closed on the 11th and 12th. Europe (a trigger's, for 1002) opens
# 09:00-12:00 and 13:00-17:00 Amsterdam time, 08:00-11:00 and 12:00-16:00 UTC.
EXPECTED_BUSINESS = {
    "zendesk:1001": ("zendesk:9001", 0.0, 0.0, 0.0),  # created 04:00, replied and solved 04:30 New York time
    # replied at 11:00 UTC (60), solved at 11:05 in the lunch break (60); solved again on Wednesday at 09:10:
    # 60 on Tuesday morning + 240 in the afternoon + 70 on Wednesday = 370
    "zendesk:1002": ("zendesk:9002", 60.0, 60.0, 370.0),
    "zendesk:1003": ("zendesk:9001", 40.0, 60.0, 60.0),  # all inside Thursday's hours (07:00-08:00 New York)
    "zendesk:1004": ("zendesk:9001", None, 60.0, 60.0),  # Friday 09:00-10:00 New York
    # Monday after the DST change: opens 09:00 UTC, so the 11:00 solve is 120 (60 on standard time)
    "zendesk:1005": ("zendesk:9001", 0.0, 120.0, 120.0),
    "zendesk:1006": ("zendesk:9001", None, None, None),
    "zendesk:1008": ("zendesk:9001", 0.0, 0.0, 0.0),  # on the holiday
    "zendesk:1009": ("zendesk:9001", 0.0, 0.0, 0.0),  # on the holiday: 30 calendar minutes, none of business
}

PER_TICKET_BUSINESS_SQL = """
    select contact_id, schedule_id, first_response_business_minutes, first_resolution_business_minutes,
        resolution_business_minutes
    from core.fct_contacts where contact_type = 'ticket' order by contact_id
"""

# conversation -> (customer, visitor, team, priority, bot-started, handed over at, contained (bot
#                  conversations only), ended at, first response minutes (human-only conversations),
#                  agent replies, customer messages)
EXPECTED_CONVERSATIONS = {
    "intercom:2001": (
        "intercom:kim", None, "intercom:801", "normal", False, None, None, datetime(2026, 3, 2, 10, 15), 5.0, 2, 2
    ),
    "intercom:2002": (  # the bot answers and closes it: contained
        "intercom:lou", None, None, "normal", True, None, True, datetime(2026, 3, 3, 9, 2), None, 0, 2
    ),
    "intercom:2003": (  # a lead: a visitor, no customer; the bot hands it to the team
        None, "intercom:lead1", "intercom:801", "high", True, datetime(2026, 3, 4, 14, 1, 30), False,
        datetime(2026, 3, 4, 14, 10), None, 1, 2,
    ),
    "intercom:2004": (  # still open; the internal note is no reply
        "intercom:kim", None, "intercom:801", "normal", False, None, None, None, 7.0, 1, 1
    ),
}  # fmt: skip

PER_TICKET_SQL = """
    select contact_id, channel, team_id, priority, first_response_calendar_minutes,
        first_resolution_calendar_minutes, resolution_calendar_minutes, reopen_count, agent_reply_count
    from core.fct_contacts where contact_type = 'ticket' order by contact_id
"""


PER_CONVERSATION_SQL = """
    select contact_id, customer_id, visitor_id, team_id, priority, is_bot_started, handed_over_at,
        is_bot_contained, ended_at,
        case when not is_bot_started then first_response_calendar_minutes end,
        agent_reply_count, customer_message_count
    from core.fct_contacts where contact_type = 'chat' order by contact_id
"""


def _plain(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def _per_contact(rows: list[tuple], prefix: str) -> dict[str, tuple]:
    return {row[0].removeprefix(prefix): tuple(_plain(v) for v in row[1:]) for row in rows}


def _query(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _write(database: Path, statements: list[str]) -> None:
    con = duckdb.connect(str(database))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


@pytest.fixture(scope="module")
def connectors_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding nothing but the connectors' tables: no raw schema, no `swh load`."""
    database = tmp_path_factory.mktemp("connectors_only") / WAREHOUSE_FILE
    _write(database, FIXTURES)
    run_dbt(["build", "--vars", BOTH_VARS, "--exclude", "resource_type:unit_test"], database)
    return database


def test_each_ticket_has_its_hand_worked_times_reopens_and_replies(connectors_only: Path) -> None:
    got = _per_contact(_query(connectors_only, PER_TICKET_SQL), "ticket:")
    assert got == EXPECTED_TICKETS  # the deleted ticket 1007 is no contact


def test_zendesk_schedules_time_tickets_across_dst_holidays_and_a_lunch_break(connectors_only: Path) -> None:
    got = _per_contact(_query(connectors_only, PER_TICKET_BUSINESS_SQL), "ticket:")
    assert got == EXPECTED_BUSINESS
    schedules = _query(
        connectors_only,
        "select schedule_id, time_zone from intermediate.int_business_schedules "
        "where defined_in = 'zendesk' order by 1",
    )
    assert schedules == [("zendesk:9001", "America/New_York"), ("zendesk:9002", "Europe/Amsterdam")]
    holidays = _query(
        connectors_only,
        "select holiday_date from intermediate.int_schedule_holidays where holiday_source = 'zendesk' order by 1",
    )
    assert holidays == [(date(2026, 3, 11),), (date(2026, 3, 12),)]  # the deleted holiday is none
    team_schedules = _query(
        connectors_only, "select distinct schedule_id from core.dim_teams where team_id like 'zendesk:%'"
    )
    assert team_schedules == [("zendesk:9001",)]  # every group works to the default schedule


def test_zendesk_sla_targets_give_first_response_verdicts_and_no_resolution_one(connectors_only: Path) -> None:
    verdicts = _query(
        connectors_only,
        "select contact_id, sla_policy_id, sla_time_basis, sla_first_response_target_minutes, "
        "first_response_sla_status, resolution_sla_status from core.fct_contacts where contact_type = 'ticket' "
        "order by contact_id",
    )
    standard = "zendesk:sla_policy:Standard"
    expected = {
        "ticket:zendesk:1002": (standard, "business", 60, "achieved", "no_policy"),  # 60 business minutes
        "ticket:zendesk:1003": (standard, "calendar", 30, "breached", "no_policy"),  # 40 calendar minutes
        "ticket:zendesk:1005": (standard, "business", 480, "achieved", "no_policy"),  # 0 business minutes
    }
    no_policy = (None, None, None, "no_policy", "no_policy")  # no Zendesk policy: no SLA, whatever the seed says
    assert {row[0]: row[1:] for row in verdicts} == {
        f"ticket:{ticket}": expected.get(f"ticket:{ticket}", no_policy) for ticket in EXPECTED_TICKETS
    }


def test_each_conversation_has_its_hand_worked_bot_handover_and_replies(connectors_only: Path) -> None:
    got = _per_contact(_query(connectors_only, PER_CONVERSATION_SQL), "chat:")
    assert got == EXPECTED_CONVERSATIONS


def test_merge_and_reopen_follow_the_tag_rules_and_the_fcr_definition(connectors_only: Path) -> None:
    rows = dict(
        (contact_id.removeprefix("ticket:"), (eligible, fcr))
        for contact_id, eligible, fcr in _query(
            connectors_only, "select contact_id, is_fcr_eligible, is_first_contact_resolution from core.fct_contacts"
        )
    )
    assert rows["zendesk:1004"] == (False, False)  # closed_by_merge is excluded like a duplicate
    assert rows["zendesk:1001"] == (True, True)  # one reply, never reopened, no repeat of its reason
    assert rows["zendesk:1002"] == (True, False)  # reopened
    assert rows["zendesk:1009"] == (True, False)  # reopened by the customer's thanks (one reply, solved again)
    assert rows["zendesk:1006"][0] is False  # still open


def test_authors_follow_the_user_role_and_private_comments_are_notes(connectors_only: Path) -> None:
    events = _query(
        connectors_only,
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
        connectors_only,
        "select actor_type from core.fct_contact_events where contact_id = 'ticket:zendesk:1001' "
        "and event_type = 'status_change' and status = 'closed'",
    )
    assert closed_by == [("system",)]  # an automation closed it: no acting user


def test_a_move_to_another_group_is_a_team_change_and_the_first_group_is_not(connectors_only: Path) -> None:
    moves = _query(
        connectors_only,
        "select contact_id, event_at, actor_type, agent_id, new_team_id, activity_type from core.fct_contact_events "
        "where event_type = 'team_change' order by all",
    )
    # 1005 starts in Billing (its group at creation is no change) and moves to Technical support
    assert moves == [
        ("ticket:zendesk:1005", datetime(2026, 3, 9, 9, 0), "agent", "zendesk:101", "zendesk:402", "reassignment")
    ]
    counts = dict(
        _query(
            connectors_only, "select contact_id, team_change_count from core.fct_contacts where contact_type = 'ticket'"
        )
    )
    assert counts == {f"ticket:{ticket}": int(ticket == "zendesk:1005") for ticket in EXPECTED_TICKETS}


def test_good_and_bad_ratings_are_csat_answers_and_an_offered_one_is_none(connectors_only: Path) -> None:
    answered, satisfied = _query(
        connectors_only,
        "select sum(csat_response_count), sum(csat_satisfied_count) from marts.satisfaction_surveys_daily "
        "where team_id like 'zendesk:%'",
    )[0]
    assert (answered, satisfied) == (2, 1)
    names = _query(
        connectors_only, "select team_id, team_name from core.dim_teams where team_id like 'zendesk:%' order by 1"
    )
    assert names == [("zendesk:401", "Billing"), ("zendesk:402", "Technical support")]


def test_containment_counts_the_bot_only_conversation(connectors_only: Path) -> None:
    ended, contained = _query(
        connectors_only,
        "select sum(ended_bot_conversation_count), sum(contained_count) from marts.automation_bot_daily",
    )[0]
    assert (ended, contained) == (2, 1)  # 2002 contained, 2003 handed over
    answered, satisfied = _query(
        connectors_only,
        "select sum(csat_response_count), sum(csat_satisfied_count) from marts.satisfaction_surveys_daily "
        "where team_id like 'intercom:%'",
    )[0]
    assert (answered, satisfied) == (2, 1)  # ratings 5 and 2


def test_both_connectors_on_postgres_with_no_raw_schema() -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL configured (DBT_PG_* variables); `make test` starts one")
    admin = postgres_connection()
    admin.autocommit = True
    with admin.cursor() as cur:  # a database of its own: the demo build uses the default one
        cur.execute("drop database if exists connectors_only")
        cur.execute("create database connectors_only")
    admin.close()
    con = postgres_connection(dbname="connectors_only")
    with con, con.cursor() as cur:
        for statement in FIXTURES:
            cur.execute(statement)
    con.close()
    run_dbt(
        ["build", "--target", "postgres", "--vars", BOTH_VARS, "--exclude", "resource_type:unit_test"],
        env={"DBT_PG_DATABASE": "connectors_only"},
    )
    con = postgres_connection(dbname="connectors_only")
    try:
        with con.cursor() as cur:
            cur.execute(PER_TICKET_SQL)
            assert _per_contact(cur.fetchall(), "ticket:") == EXPECTED_TICKETS
            cur.execute(PER_TICKET_BUSINESS_SQL)
            assert _per_contact(cur.fetchall(), "ticket:") == EXPECTED_BUSINESS
            cur.execute(PER_CONVERSATION_SQL)
            assert _per_contact(cur.fetchall(), "chat:") == EXPECTED_CONVERSATIONS
    finally:
        con.close()


def _assert_every_contact_counted_once(fetch: Callable[[str], list[tuple]]) -> None:
    """Each connector's contacts are there under their system, and every contact of the files and
    the connectors is counted once in the marts."""
    by_system = dict(
        fetch(
            "select split_part(source_contact_id, ':', 1) || '/' || contact_type, count(*) from core.fct_contacts "
            "where source_contact_id like '%:%' group by 1"
        )
    )
    raw_tickets, raw_chats = fetch(
        "select (select count(*) from raw.tickets), (select count(*) from raw.chat_conversations)"
    )[0]
    contacts, created = fetch(
        "select (select count(*) from core.fct_contacts), (select sum(created_contact_count) from marts.speed_daily)"
    )[0]
    assert by_system == {"zendesk/ticket": len(EXPECTED_TICKETS), "intercom/chat": len(EXPECTED_CONVERSATIONS)}
    connector_contacts = len(EXPECTED_TICKETS) + len(EXPECTED_CONVERSATIONS)
    assert contacts == created == raw_tickets + raw_chats + connector_contacts  # every contact counted once
    # the marts slice by source system: each system's contacts on its own rows
    expected = {
        "helpdesk": raw_tickets + raw_chats,
        "zendesk": len(EXPECTED_TICKETS),
        "intercom": len(EXPECTED_CONVERSATIONS),
    }
    for mart, measure in (
        ("speed_daily", "created_contact_count"),
        ("team_submissions_daily", "submitted_contact_count"),
        ("team_backlog_daily", "inflow_count"),
    ):
        by_mart = dict(fetch(f"select source_system, sum({measure}) from marts.{mart} group by 1"))
        assert {system: int(count) for system, count in by_mart.items()} == expected, mart
    surveys = dict(
        fetch("select source_system, sum(csat_response_count) from marts.satisfaction_surveys_daily group by 1")
    )
    assert int(surveys["zendesk"]) == 2 and int(surveys["intercom"]) == 2  # good + bad; ratings 5 and 2


def test_both_connectors_and_helpdesk_files_build_together(tmp_path: Path) -> None:
    database = tmp_path / WAREHOUSE_FILE
    demo = tmp_path / "demo"
    generate(demo, 200, seed=11, progress=lambda _: None)
    assert load_folder(demo, DuckDBTarget(database), progress=lambda _: None).rows_rejected == 0
    _write(database, FIXTURES)
    run_dbt(["build", "--vars", BOTH_VARS, "--exclude", "resource_type:unit_test"], database)
    _assert_every_contact_counted_once(lambda sql: _query(database, sql))


def test_both_connectors_and_helpdesk_files_build_together_on_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL configured (DBT_PG_* variables); `make test` starts one")
    admin = postgres_connection()
    admin.autocommit = True
    with admin.cursor() as cur:  # a database of its own, as in the connectors-only build
        cur.execute("drop database if exists connectors_with_files")
        cur.execute("create database connectors_with_files")
    admin.close()
    monkeypatch.setenv("DBT_PG_DATABASE", "connectors_with_files")
    demo = tmp_path / "demo"
    generate(demo, 200, seed=11, progress=lambda _: None)
    assert load_folder(demo, PostgresTarget(), progress=lambda _: None).rows_rejected == 0
    con = postgres_connection()
    with con, con.cursor() as cur:
        for statement in FIXTURES:
            cur.execute(statement)
    con.close()
    run_dbt(["build", "--target", "postgres", "--vars", BOTH_VARS, "--exclude", "resource_type:unit_test"])
    con = postgres_connection()

    def fetch(sql: str) -> list[tuple]:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()

    try:
        _assert_every_contact_counted_once(fetch)
        business = _per_contact(fetch(PER_TICKET_BUSINESS_SQL), "ticket:")
        assert {ticket: row for ticket, row in business.items() if ticket.startswith("zendesk:")} == EXPECTED_BUSINESS
    finally:
        con.close()


def test_the_identity_map_merges_one_person_known_to_three_systems(tmp_path: Path) -> None:
    """Cara (Zendesk end user 201) and Kim (Intercom contact kim) are made one customer of the
    loaded files, as a team would by writing two rows into seeds/customer_identity_map.csv: the
    rows go into the seed's table between `dbt seed` and `dbt run` / `dbt test`, which then
    build and test everything as `dbt build` would."""
    database = tmp_path / WAREHOUSE_FILE
    demo = tmp_path / "demo"
    generate(demo, 200, seed=12, progress=lambda _: None)
    assert load_folder(demo, DuckDBTarget(database), progress=lambda _: None).rows_rejected == 0
    _write(database, FIXTURES)
    run_dbt(["seed", "--vars", BOTH_VARS], database)
    person, account = _query(database, "select customer_id, account_id from raw.customers order by 1 limit 1")[0]
    _write(
        database,
        [f"insert into config.customer_identity_map values ('zendesk:201', '{person}'), ('intercom:kim', '{person}')"],
    )
    run_dbt(["run", "--vars", BOTH_VARS], database)
    run_dbt(["test", "--vars", BOTH_VARS, "--exclude", "resource_type:unit_test"], database)
    contacts = dict(
        _query(
            database,
            "select source_contact_id, customer_id from core.fct_contacts "
            "where source_contact_id in ('zendesk:1001', 'zendesk:1003', 'zendesk:1009', 'intercom:2001', "
            "'intercom:2004', 'zendesk:1002')",
        )
    )
    merged = {"zendesk:1001", "zendesk:1003", "zendesk:1009", "intercom:2001", "intercom:2004"}
    assert contacts == {**{contact: person for contact in merged}, "zendesk:1002": "zendesk:202"}  # Dan stays
    accounts = _query(
        database,
        f"select distinct account_id from core.fct_contacts where customer_id = '{person}' "
        "and source_system <> 'helpdesk'",
    )
    assert accounts == [(account,)]  # the person's account in the loaded files, not Acme
    leftovers = _query(
        database, "select customer_id from core.dim_customers where customer_id in ('zendesk:201', 'intercom:kim')"
    )
    assert leftovers == []
    rating = _query(database, "select customer_id from core.fct_survey_responses where response_id = 'zendesk:7001'")
    assert rating == [(person,)]
