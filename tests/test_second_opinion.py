"""A second opinion: KPIs recomputed in plain Python from the raw tables must match the marts.

Nothing here reads a dbt model except the marts being checked; the definitions are coded
again from the KPI catalog, independently of the SQL.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT

SOLVED = {"solved", "closed"}


@dataclass
class Contact:
    contact_id: str
    channel: str
    customer_id: str | None
    visitor_id: str | None
    reason: str
    created_at: datetime
    tags: set[str]
    bot_started: bool = False
    handed_over_at: datetime | None = None
    ended_at: datetime | None = None
    status: str = "new"
    agent_replies: int = 0
    first_reply_at: datetime | None = None
    solves: list[datetime] = field(default_factory=list)
    reopens: int = 0


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def apply(
    contact: Contact, kind: str, actor: str, status: str | None, is_human: bool, auto_ack: bool, at: datetime
) -> None:
    before = contact.status
    if kind == "status_change" and status is not None:
        contact.status = status
    elif kind == "public_reply" and actor == "customer" and before in SOLVED:
        contact.status = "open"
    if before not in SOLVED and contact.status in SOLVED:
        contact.solves.append(at)
    if before in SOLVED and contact.status not in SOLVED:
        contact.reopens += 1
    if kind == "public_reply" and actor == "agent" and is_human and not auto_ack:
        contact.agent_replies += 1
        contact.first_reply_at = contact.first_reply_at or at


@pytest.fixture(scope="module")
def world(built_warehouse: Path) -> dict:
    con = duckdb.connect(str(built_warehouse), read_only=True)
    with (ROOT / "seeds" / "status_mapping.csv").open() as fh:
        mapping = {r["source_status"]: r["status"] for r in csv.DictReader(fh)}
    with (ROOT / "seeds" / "tag_rules.csv").open() as fh:
        excluded = {r["tag"] for r in csv.DictReader(fh) if r["is_fcr_excluded"] == "true"}
    bots = {a for (a,) in rows(con, "select agent_id from raw.agents where is_bot")}
    contacts: dict[str, Contact] = {}
    for tid, channel, customer, reason, created, tags in rows(
        con, "select ticket_id, channel, customer_id, reason, created_at, tags from raw.tickets"
    ):
        contacts[f"ticket:{tid}"] = Contact(
            f"ticket:{tid}",
            channel,
            customer,
            None,
            reason or "unspecified",
            created,
            set((tags or "").split(";")) - {""},
        )
    for cid, customer, visitor, reason, started, by, handed, ended in rows(
        con,
        "select conversation_id, customer_id, visitor_id, reason, started_at, started_by, handed_over_at, ended_at "
        "from raw.chat_conversations",
    ):
        contacts[f"chat:{cid}"] = Contact(
            f"chat:{cid}",
            "chat",
            customer,
            visitor,
            reason or "unspecified",
            started,
            set(),
            by == "bot",
            handed,
            ended,
        )
    events = []
    for eid, tid, at, kind, actor, agent, status, auto in rows(
        con,
        "select event_id, ticket_id, event_at, event_type, actor_type, agent_id, status, "
        "coalesce(is_auto_acknowledgement, false) from raw.ticket_events",
    ):
        events.append(
            (
                f"ticket:{tid}",
                at,
                f"ticket:{eid}",
                kind,
                actor,
                mapping.get(status) if status else None,
                agent not in bots,
                auto,
            )
        )
    for mid, cid, at, actor, agent in rows(
        con, "select message_id, conversation_id, sent_at, author_type, agent_id from raw.chat_messages"
    ):
        events.append((f"chat:{cid}", at, f"chat:{mid}", "public_reply", actor, None, agent not in bots, False))
    for contact in contacts.values():
        if contact.ended_at is not None:
            events.append(
                (
                    contact.contact_id,
                    contact.ended_at,
                    f"{contact.contact_id}:end",
                    "status_change",
                    "system",
                    "solved",
                    False,
                    False,
                )
            )
    for contact_id, at, _eid, kind, actor, status, human, auto in sorted(events, key=lambda e: (e[0], e[1], e[2])):
        apply(contacts[contact_id], kind, actor, status, human, auto, at)
    world = {"con": con, "contacts": contacts, "excluded": excluded, "bots": bots}
    yield world
    con.close()


def mart(world: dict, sql: str) -> float:
    return float(world["con"].execute(sql).fetchone()[0])


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def test_submissions_per_channel(world: dict) -> None:
    counts: dict[str, int] = defaultdict(int)
    for contact in world["contacts"].values():
        counts[contact.channel] += 1
    for channel, count in counts.items():
        assert (
            mart(
                world,
                f"select sum(submitted_contact_count) from marts.team_submissions_daily where channel = '{channel}'",
            )
            == count
        )


def test_first_response_time(world: dict) -> None:
    waits = [
        (c.first_reply_at - c.created_at).total_seconds() / 60 for c in world["contacts"].values() if c.first_reply_at
    ]
    expected = sum(waits) / len(waits)
    got = mart(
        world,
        "select sum(first_response_calendar_minutes_sum) / sum(first_responded_contact_count) from marts.speed_daily",
    )
    assert close(got, expected)


def test_first_contact_resolution(world: dict) -> None:
    contacts = list(world["contacts"].values())
    by_key: dict[tuple, list[Contact]] = defaultdict(list)
    for c in contacts:
        by_key[(c.customer_id, c.reason)].append(c)
    eligible = fcr = 0
    for c in contacts:
        if c.status not in SOLVED or c.tags & world["excluded"]:
            continue
        eligible += 1
        final = c.solves[-1]
        repeat = c.customer_id is not None and any(
            o is not c and c.created_at < o.created_at <= final + timedelta(days=7)
            for o in by_key[(c.customer_id, c.reason)]
        )
        fcr += c.agent_replies == 1 and c.reopens == 0 and not repeat
    got = mart(world, "select sum(fcr_contact_count) / sum(fcr_eligible_contact_count) from marts.effectiveness_daily")
    assert close(got, fcr / eligible)


def test_reopen_rate_and_replies_per_resolution(world: dict) -> None:
    contacts = list(world["contacts"].values())
    ever = [c for c in contacts if c.solves]
    solved = [c for c in contacts if c.status in SOLVED]
    assert close(
        mart(
            world, "select sum(reopened_contact_count) / sum(solved_at_least_once_count) from marts.effectiveness_daily"
        ),
        sum(c.reopens > 0 for c in ever) / len(ever),
    )
    assert close(
        mart(
            world, "select sum(resolved_agent_reply_count) / sum(resolved_contact_count) from marts.effectiveness_daily"
        ),
        sum(c.agent_replies for c in solved) / len(solved),
    )


def test_open_contacts_at_the_data_end(world: dict) -> None:
    expected = sum(c.status not in SOLVED for c in world["contacts"].values())
    assert mart(world, "select sum(open_contact_count) from marts.team_open_contacts_current") == expected


def test_csat_ces_and_friendliness(world: dict) -> None:
    answers = defaultdict(list)
    for kind, score in rows(world["con"], "select survey_type, score from raw.survey_responses"):
        answers[kind].append(score)
    csat = sum(s >= 4 for s in answers["csat"]) / len(answers["csat"])
    ces = sum(answers["ces"]) / len(answers["ces"])
    happy = sum(s == 3 for s in answers["smiley"]) / len(answers["smiley"])
    assert close(
        mart(
            world, "select sum(csat_satisfied_count) / sum(csat_response_count) from marts.satisfaction_surveys_daily"
        ),
        csat,
    )
    assert close(
        mart(world, "select sum(ces_score_sum) / sum(ces_response_count) from marts.satisfaction_surveys_daily"), ces
    )
    assert close(
        mart(
            world, "select sum(smiley_happy_count) / sum(smiley_response_count) from marts.satisfaction_surveys_daily"
        ),
        happy,
    )


def test_monthly_nps_counts_each_customers_latest_answer(world: dict) -> None:
    latest: dict[tuple, tuple] = {}
    for customer, at, score in rows(
        world["con"], "select customer_id, responded_at, score from raw.survey_responses where survey_type = 'nps'"
    ):
        key = (customer, at.year, at.month)
        if key not in latest or at > latest[key][0]:
            latest[key] = (at, score)
    promoters = sum(s >= 9 for _, s in latest.values())
    detractors = sum(s <= 6 for _, s in latest.values())
    got = rows(
        world["con"],
        "select sum(promoter_count), sum(detractor_count), sum(nps_respondent_count) "
        "from marts.satisfaction_nps_periods where period_type = 'month'",
    )[0]
    assert tuple(int(v) for v in got) == (promoters, detractors, len(latest))


@pytest.fixture(scope="module")
def indexed(world: dict) -> dict:
    index: dict[str | None, list[Contact]] = defaultdict(list)
    for c in world["contacts"].values():
        if c.customer_id:
            index[c.customer_id].append(c)
        if c.visitor_id:
            index[c.visitor_id].append(c)
    world["assisted_index"] = index
    return world


def test_bot_containment(indexed: dict) -> None:
    ended = [c for c in indexed["contacts"].values() if c.bot_started and c.ended_at is not None]
    contained = [
        c
        for c in ended
        if c.handed_over_at is None
        and not any(
            o is not c
            and (not o.bot_started or o.handed_over_at is not None)
            and c.created_at <= o.created_at <= c.ended_at + timedelta(hours=24)
            for key in (c.customer_id, c.visitor_id)
            if key
            for o in indexed["assisted_index"][key]
        )
    ]
    got = mart(
        indexed, "select sum(contained_count) / sum(ended_bot_conversation_count) from marts.automation_bot_daily"
    )
    assert close(got, len(contained) / len(ended))


def test_case_deflection(indexed: dict) -> None:
    sessions = rows(indexed["con"], "select customer_id, visitor_id, started_at from raw.self_service_sessions")
    deflected = 0
    for customer, visitor, start in sessions:
        followed = any(
            (not o.bot_started or o.handed_over_at is not None) and start <= o.created_at <= start + timedelta(hours=24)
            for key in (customer, visitor)
            if key
            for o in indexed["assisted_index"][key]
        )
        deflected += not followed
    got = mart(
        indexed,
        "select sum(deflected_session_count) / sum(self_service_session_count) "
        "from marts.automation_self_service_daily",
    )
    assert close(got, deflected / len(sessions))


def test_coverage_and_presence(world: dict) -> None:
    con = world["con"]
    shifts_by_day: dict = defaultdict(list)
    for agent, start, end in rows(con, "select agent_id, starts_at, ends_at from raw.agent_shifts"):
        if agent in world["bots"]:
            continue
        day = start.date()
        while day <= end.date():
            shifts_by_day[day].append((agent, start, end))
            day += timedelta(days=1)
    absences = defaultdict(list)
    for agent, start, end in rows(con, "select agent_id, starts_at, ends_at from raw.agent_absences"):
        absences[agent].append((start, end))
    views = rows(con, "select viewed_at, chat_button_shown and chat_online from raw.page_views")
    covered = sum(
        any(
            start <= at < end and not any(a <= at < b for a, b in absences[agent])
            for agent, start, end in shifts_by_day[at.date()]
        )
        for at, _ in views
    )
    assert close(
        mart(world, "select sum(staffed_page_view_count) / sum(page_view_count) from marts.availability_daily"),
        covered / len(views),
    )
    assert close(
        mart(world, "select sum(chat_online_page_view_count) / sum(page_view_count) from marts.availability_daily"),
        sum(online for _, online in views) / len(views),
    )


def test_average_handle_time_per_contact(world: dict) -> None:
    per_contact: dict[str, int] = defaultdict(int)
    for ticket, chat, seconds in rows(
        world["con"],
        "select ticket_id, conversation_id, talk_seconds + hold_seconds + wrap_up_seconds from raw.agent_work_records",
    ):
        per_contact[ticket or chat] += seconds
    expected = sum(per_contact.values()) / len(per_contact) / 60
    got = mart(world, "select sum(handle_seconds) / sum(worked_contact_count) / 60 from marts.rep_handle_time_daily")
    assert close(got, expected)


def test_absenteeism(world: dict) -> None:
    con = world["con"]
    absences = defaultdict(list)
    for agent, start, end in rows(
        con, "select agent_id, starts_at, ends_at from raw.agent_absences where absence_type = 'unplanned'"
    ):
        absences[agent].append((start, end))
    scheduled = lost = 0.0
    for agent, start, end in rows(con, "select agent_id, starts_at, ends_at from raw.agent_shifts"):
        if agent in world["bots"]:
            continue
        scheduled += (end - start).total_seconds()
        for a, b in absences[agent]:
            overlap = (min(b, end) - max(a, start)).total_seconds()
            lost += max(0.0, overlap)
    got = mart(
        world, "select sum(unplanned_absence_hours) / sum(scheduled_hours) from marts.employee_absenteeism_daily"
    )
    assert close(got, lost / scheduled)
