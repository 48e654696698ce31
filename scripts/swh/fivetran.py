"""Fivetran-shaped fixture data for the connector adapters (models/staging/zendesk/, intercom/).

The tables have the names, columns and types the Fivetran Zendesk Support and Intercom
connectors write, with a handful of tickets and conversations small enough to check by hand,
each an edge case an adapter must get right. Zendesk: a plain one-touch solve, a reopen, a
private comment before the first public reply, a ticket closed by merge, a ticket reassigned
between groups, two schedules (one across a DST change, with a holiday; one with a lunch break
that a trigger gives one ticket), a ticket without a priority, a deleted ticket, an agent-created ticket, a ticket
a customer's thanks reopens and the agent solves again without a reply, and satisfaction
ratings good, bad and offered-but-unanswered. Intercom: a human-only chat (with an older history row), a
conversation the bot answers and closes alone, a lead's conversation the bot hands to a team,
an open one with an internal note, two ratings. The statements are plain SQL that DuckDB and
PostgreSQL both run, so a fixture builds on either engine. The expected results are written
out in tests/test_connectors.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

Value = int | str | bool | date | datetime | None

# table -> (column, SQL type) in Fivetran's names; `user` and `group` are reserved words
ZENDESK_TABLES: dict[str, list[tuple[str, str]]] = {
    "ticket": [
        ("id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("assignee_id", "bigint"),
        ("brand_id", "bigint"),
        ("created_at", "timestamp"),
        ("description", "text"),
        ("group_id", "bigint"),
        ("organization_id", "bigint"),
        ("priority", "text"),
        ("requester_id", "bigint"),
        ("status", "text"),
        ("subject", "text"),
        ("submitter_id", "bigint"),
        ("type", "text"),
        ("updated_at", "timestamp"),
        ("via_channel", "text"),
    ],
    "ticket_comment": [
        ("id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("body", "text"),
        ("created", "timestamp"),
        ("public", "boolean"),
        ("ticket_id", "bigint"),
        ("user_id", "bigint"),
    ],
    "ticket_field_history": [
        ("field_name", "text"),
        ("ticket_id", "bigint"),
        ("updated", "timestamp"),
        ("_fivetran_synced", "timestamp"),
        ("user_id", "bigint"),
        ("value", "text"),
    ],
    "ticket_tag": [("tag", "text"), ("ticket_id", "bigint"), ("_fivetran_synced", "timestamp")],
    "user": [
        ("id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("active", "boolean"),
        ("created_at", "timestamp"),
        ("email", "text"),
        ("name", "text"),
        ("organization_id", "bigint"),
        ("role", "text"),
        ("time_zone", "text"),
        ("updated_at", "timestamp"),
    ],
    "group": [
        ("id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
        ("created_at", "timestamp"),
        ("name", "text"),
        ("updated_at", "timestamp"),
    ],
    "organization": [
        ("id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("created_at", "timestamp"),
        ("name", "text"),
        ("updated_at", "timestamp"),
    ],
    "satisfaction_rating": [
        ("id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("assignee_id", "bigint"),
        ("created_at", "timestamp"),
        ("group_id", "bigint"),
        ("requester_id", "bigint"),
        ("score", "text"),
        ("ticket_id", "bigint"),
        ("updated_at", "timestamp"),
    ],
    "schedule": [
        ("id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
        ("created_at", "timestamp"),
        ("end_time", "bigint"),
        ("end_time_utc", "bigint"),
        ("name", "text"),
        ("start_time", "bigint"),
        ("start_time_utc", "bigint"),
        ("time_zone", "text"),
    ],
    "schedule_holiday": [
        ("id", "bigint"),
        ("schedule_id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
        ("end_date", "date"),
        ("name", "text"),
        ("start_date", "date"),
    ],
    "ticket_schedule": [
        ("created_at", "timestamp"),
        ("ticket_id", "bigint"),
        ("_fivetran_synced", "timestamp"),
        ("schedule_id", "bigint"),
    ],
}

SYNCED = datetime(2026, 3, 20, 6, 0)
ANA, BEN, CARA, DAN, EVE = 101, 102, 201, 202, 203  # agent, admin, three end users
BILLING, TECH = 401, 402
AMERICAS, EUROPE = 9001, 9002  # Zendesk schedules; the first created is the default
ACME, GLOBEX = 301, 302


def _t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute)


def _zendesk_rows() -> dict[str, list[tuple[Value, ...]]]:
    """The fixture's rows, column order as in ZENDESK_TABLES."""
    users = [
        (ANA, SYNCED, True, _t(1, 8), "ana@example.com", "Ana Agent", None, "agent", "London", _t(1, 8)),
        (BEN, SYNCED, True, _t(1, 8), "ben@example.com", "Ben Admin", None, "admin", "London", _t(1, 8)),
        (CARA, SYNCED, True, _t(1, 9), "cara@example.com", "Cara", ACME, "end-user", None, _t(1, 9)),
        (DAN, SYNCED, True, _t(1, 9), "dan@example.com", "Dan", GLOBEX, "end-user", None, _t(1, 9)),
        (EVE, SYNCED, True, _t(1, 9), "eve@example.com", "Eve", None, "end-user", None, _t(1, 9)),
    ]
    groups = [
        (BILLING, False, SYNCED, _t(1, 8), "Billing", _t(1, 8)),
        (TECH, False, SYNCED, _t(1, 8), "Technical support", _t(1, 8)),
    ]
    organizations = [(ACME, SYNCED, _t(1, 8), "Acme Ltd", _t(1, 8)), (GLOBEX, SYNCED, _t(1, 8), "Globex", _t(1, 8))]
    # id, assignee, created, group, org, priority, requester, status, subject, type, updated, channel
    tickets = [
        (1001, ANA, _t(2, 9), BILLING, ACME, "normal", CARA, "closed", "Invoice", "question", _t(6, 10), "email"),
        (1002, BEN, _t(3, 10), TECH, GLOBEX, "high", DAN, "solved", "Login", "incident", _t(4, 9, 10), "web"),
        (1003, BEN, _t(5, 12), TECH, ACME, "urgent", CARA, "solved", "Outage", "problem", _t(5, 13), "api"),
        (1004, None, _t(6, 14), BILLING, GLOBEX, "low", DAN, "closed", "Invoice again", "question", _t(6, 15), "email"),
        (1005, ANA, _t(9, 8), TECH, None, "normal", EVE, "solved", "Refund", "task", _t(9, 11), "email"),
        (1006, None, _t(10, 16), BILLING, None, None, EVE, "open", "Question", None, _t(10, 16), "web"),
        (1007, None, _t(11, 9), BILLING, None, "normal", EVE, "deleted", "Spam", None, _t(11, 9, 5), "email"),
        (1008, ANA, _t(12, 10), BILLING, GLOBEX, "normal", DAN, "solved", "Notice", "task", _t(12, 11, 30), "email"),
        (1009, ANA, _t(12, 14), TECH, ACME, "high", CARA, "solved", "Thanks", "question", _t(12, 15, 10), "web"),
    ]
    ticket_rows = [
        (tid, SYNCED, assignee, 1, created, "description", group, org, priority, requester, status, subject,
         requester, kind, updated, channel)
        for tid, assignee, created, group, org, priority, requester, status, subject, kind, updated, channel in tickets
    ]  # fmt: skip
    # id, created, public, ticket, author (the first comment of each ticket is its description)
    comments = [
        (5001, _t(2, 9), True, 1001, CARA),
        (5002, _t(2, 9, 30), True, 1001, ANA),  # first reply after 30 minutes; solved at once
        (5003, _t(3, 10), True, 1002, DAN),
        (5004, _t(3, 11), True, 1002, BEN),  # first reply after 60 minutes
        (5005, _t(4, 8), True, 1002, DAN),  # the customer writes back: reopened
        (5006, _t(4, 9), True, 1002, BEN),
        (5007, _t(5, 12), True, 1003, CARA),
        (5008, _t(5, 12, 10), False, 1003, ANA),  # private note: not a reply
        (5009, _t(5, 12, 40), True, 1003, BEN),  # first reply after 40 minutes
        (5010, _t(6, 14), True, 1004, DAN),
        (5011, _t(9, 8), True, 1005, EVE),
        (5012, _t(9, 8, 20), True, 1005, ANA),  # first reply after 20 minutes, in Billing
        (5013, _t(9, 10), True, 1005, ANA),
        (5014, _t(10, 16), True, 1006, EVE),
        (5015, _t(11, 9), True, 1007, EVE),
        (5016, _t(12, 10), True, 1008, ANA),  # an agent-created ticket: the agent's description
        (5017, _t(12, 11), True, 1008, DAN),
        (5018, _t(12, 11, 30), True, 1008, ANA),
        (5019, _t(12, 14), True, 1009, CARA),
        (5020, _t(12, 14, 30), True, 1009, ANA),  # one reply, solved
        (5021, _t(12, 15), True, 1009, CARA),  # "thanks": reopened, solved again without a reply
    ]
    comment_rows = [(cid, SYNCED, f"comment {cid}", at, public, tid, user) for cid, at, public, tid, user in comments]
    # field, ticket, updated, updater, value
    history: list[tuple[str, int, datetime, int | None, str]] = [
        ("status", 1001, _t(2, 9), CARA, "new"),
        ("assignee_id", 1001, _t(2, 9, 25), ANA, str(ANA)),
        ("status", 1001, _t(2, 9, 30), ANA, "solved"),
        ("status", 1001, _t(6, 10), None, "closed"),  # closed by an automation
        ("status", 1002, _t(3, 10), DAN, "new"),
        ("assignee_id", 1002, _t(3, 11), BEN, str(BEN)),
        ("status", 1002, _t(3, 11), BEN, "pending"),
        ("status", 1002, _t(3, 11, 5), BEN, "solved"),
        ("status", 1002, _t(4, 8), DAN, "open"),
        ("status", 1002, _t(4, 9, 10), BEN, "solved"),
        ("status", 1003, _t(5, 12), CARA, "new"),
        ("assignee_id", 1003, _t(5, 12, 5), BEN, str(BEN)),
        ("status", 1003, _t(5, 12, 40), BEN, "open"),
        ("status", 1003, _t(5, 13), BEN, "solved"),
        ("status", 1004, _t(6, 14), DAN, "new"),
        ("status", 1004, _t(6, 15), BEN, "closed"),  # merged into 1001
        ("status", 1005, _t(9, 8), EVE, "new"),
        ("group_id", 1005, _t(9, 8), EVE, str(BILLING)),
        ("assignee_id", 1005, _t(9, 8, 15), ANA, str(ANA)),
        ("status", 1005, _t(9, 8, 20), ANA, "open"),
        ("group_id", 1005, _t(9, 9), ANA, str(TECH)),  # reassigned to technical support
        ("status", 1005, _t(9, 11), ANA, "solved"),
        ("status", 1006, _t(10, 16), EVE, "new"),
        ("status", 1007, _t(11, 9), EVE, "new"),
        ("status", 1007, _t(11, 9, 5), BEN, "deleted"),
        ("status", 1008, _t(12, 10), ANA, "new"),
        ("assignee_id", 1008, _t(12, 10), ANA, str(ANA)),
        ("status", 1008, _t(12, 11, 30), ANA, "solved"),
        ("status", 1009, _t(12, 14), CARA, "new"),
        ("assignee_id", 1009, _t(12, 14, 10), ANA, str(ANA)),
        ("status", 1009, _t(12, 14, 30), ANA, "solved"),
        ("status", 1009, _t(12, 15), CARA, "open"),
        ("status", 1009, _t(12, 15, 10), ANA, "solved"),
    ]
    # SLA policies as Zendesk records them on a ticket: the policy's name and the first reply
    # target (JSON). 1002: 60 business minutes (met at 60); 1003: 30 calendar minutes (breached
    # at 40); 1005: 480 business minutes (met at 0); every other ticket has no policy.
    for tid, at, minutes, business in ((1002, _t(3, 10), 60, True), (1003, _t(5, 12), 30, False),
                                       (1005, _t(9, 8), 480, True)):  # fmt: skip
        history.append(("sla_policy", tid, at, None, "Standard"))
        target = f'{{"minutes":{minutes},"in_business_hours":{str(business).lower()}}}'
        history.append(("first_reply_time", tid, at, None, target))
    history_rows = [(field, tid, at, SYNCED, user, value) for field, tid, at, user, value in history]
    tags = [("vip", 1001), ("closed_by_merge", 1004), ("billing", 1004), ("refund", 1005)]
    # id, assignee, created, group, requester, score, ticket
    ratings = [
        (7001, ANA, _t(2, 12), BILLING, CARA, "good", 1001),
        (7002, BEN, _t(4, 12), TECH, DAN, "bad", 1002),
        (7003, BEN, _t(5, 14), TECH, CARA, "offered", 1003),  # asked, never answered
    ]
    # Americas: Mon-Fri 05:00-17:00 New York time, which leaves UTC-5 for UTC-4 on Sunday 8 March
    # (so it opens at 10:00 UTC before and 09:00 UTC after), closed for a holiday on 11-12 March.
    # Europe: Mon-Fri 09:00-12:00 and 13:00-17:00 Amsterdam time (UTC+1 all month). Zendesk
    # counts minutes from Sunday 00:00; its *_utc columns use the offset at sync time.
    schedules = [
        (AMERICAS, _t(1, 0).replace(year=2025), "Support Americas", "Eastern Time (US & Canada)", [(300, 1020)], -240),
        (EUROPE, _t(1, 0).replace(year=2025, month=6), "Support Europe", "Amsterdam", [(540, 720), (780, 1020)], 60),
    ]
    schedule_rows = [
        (sid, False, SYNCED, created, day * 1440 + end, day * 1440 + end - offset, name, day * 1440 + start,
         day * 1440 + start - offset, zone)
        for sid, created, name, zone, hours, offset in schedules
        for day in range(1, 6)
        for start, end in hours
    ]  # fmt: skip
    holidays = [
        (8001, AMERICAS, False, date(2026, 3, 12), "Spring holiday", date(2026, 3, 11)),
        (8002, AMERICAS, True, date(2026, 3, 9), "Deleted holiday", date(2026, 3, 9)),  # no longer one
    ]
    return {
        "ticket": ticket_rows,
        "ticket_comment": comment_rows,
        "ticket_field_history": history_rows,
        "ticket_tag": [(tag, tid, SYNCED) for tag, tid in tags],
        "user": users,
        "group": groups,
        "organization": organizations,
        "satisfaction_rating": [
            (rid, SYNCED, assignee, at, group, requester, score, tid, at)
            for rid, assignee, at, group, requester, score, tid in ratings
        ],
        "schedule": schedule_rows,
        "schedule_holiday": [
            (hid, sid, deleted, SYNCED, end, name, start) for hid, sid, deleted, end, name, start in holidays
        ],
        # a trigger gives ticket 1002 the Europe schedule two seconds after it is created; every
        # other ticket works to the default (Americas)
        "ticket_schedule": [(_t(3, 10).replace(second=2), 1002, SYNCED, EUROPE)],
    }


def _literal(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return f"timestamp '{value:%Y-%m-%d %H:%M:%S}'"
    if isinstance(value, date):
        return f"date '{value:%Y-%m-%d}'"
    return "'" + value.replace("'", "''") + "'"


def _insert(schema: str, table: str, rows: Iterable[Sequence[Value]]) -> str:
    values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
    return f'insert into {schema}."{table}" values\n{values}'


def _fixture_sql(
    schema: str, tables: dict[str, list[tuple[str, str]]], rows: dict[str, list[tuple[Value, ...]]]
) -> list[str]:
    statements = [f"create schema if not exists {schema}"]
    for table, columns in tables.items():
        statements.append(f'drop table if exists {schema}."{table}"')
        statements.append(f'create table {schema}."{table}" ({", ".join(f"{c} {t}" for c, t in columns)})')
        statements.append(_insert(schema, table, rows[table]))
    return statements


def zendesk_fixture_sql(schema: str) -> list[str]:
    """Statements that (re)create the Zendesk fixture tables in `schema` and fill them."""
    return _fixture_sql(schema, ZENDESK_TABLES, _zendesk_rows())


INTERCOM_TABLES: dict[str, list[tuple[str, str]]] = {
    "conversation_history": [
        ("id", "bigint"),
        ("updated_at", "timestamp"),
        ("_fivetran_synced", "timestamp"),
        ("assignee_id", "text"),
        ("assignee_type", "text"),
        ("conversation_rating_created_at", "timestamp"),
        ("conversation_rating_value", "bigint"),
        ("created_at", "timestamp"),
        ("priority", "text"),
        ("source_author_id", "text"),
        ("source_author_type", "text"),
        ("source_body", "text"),
        ("source_delivered_as", "text"),
        ("state", "text"),
    ],
    "conversation_part_history": [
        ("id", "text"),
        ("updated_at", "timestamp"),
        ("_fivetran_synced", "timestamp"),
        ("assigned_to_id", "text"),
        ("assigned_to_type", "text"),
        ("author_id", "text"),
        ("author_type", "text"),
        ("conversation_id", "bigint"),
        ("created_at", "timestamp"),
        ("part_type", "text"),
        ("body", "text"),
    ],
    "conversation_contact_history": [
        ("contact_id", "text"),
        ("conversation_id", "bigint"),
        ("conversation_updated_at", "timestamp"),
        ("_fivetran_synced", "timestamp"),
    ],
    "conversation_tag_history": [
        ("tag_id", "bigint"),
        ("conversation_id", "bigint"),
        ("conversation_updated_at", "timestamp"),
        ("_fivetran_synced", "timestamp"),
    ],
    "contact_history": [
        ("id", "text"),
        ("updated_at", "timestamp"),
        ("_fivetran_synced", "timestamp"),
        ("created_at", "timestamp"),
        ("email", "text"),
        ("name", "text"),
        ("role", "text"),
    ],
    "admin": [
        ("id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
        ("email", "text"),
        ("job_title", "text"),
        ("name", "text"),
    ],
    "team": [("id", "bigint"), ("name", "text"), ("_fivetran_deleted", "boolean"), ("_fivetran_synced", "timestamp")],
    "team_admin": [
        ("admin_id", "bigint"),
        ("team_id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "tag": [("id", "bigint"), ("_fivetran_deleted", "boolean"), ("_fivetran_synced", "timestamp"), ("name", "text")],
}

IVY, JON, BOT = 901, 902, "990"  # two admins of team CHAT_TEAM, and the workspace's bot (Fin)
CHAT_TEAM = 801
NO_TEXT = ("close", "assignment")  # parts of these kinds carry no message in the fixture


def _s(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, second)


def _intercom_rows() -> dict[str, list[tuple[Value, ...]]]:
    """The fixture's rows, column order as in INTERCOM_TABLES."""
    # id, synced, updated, assignee, assignee type, rated at, rating, created, priority, author, author type,
    # (source body,) delivered as, state; conversation 2001 has an older version (still open) and its current one
    conversations = [
        (2001, _s(2, 10, 5), SYNCED, str(IVY), "admin", None, None, _s(2, 10), "not_priority", "kim", "user",
         "customer_initiated", "open"),
        (2001, _s(2, 10, 20), SYNCED, str(IVY), "admin", _s(2, 10, 20), 5, _s(2, 10), "not_priority", "kim", "user",
         "customer_initiated", "closed"),
        (2002, _s(3, 9, 2), SYNCED, None, None, None, None, _s(3, 9), "not_priority", "lou", "user",
         "customer_initiated", "closed"),
        (2003, _s(4, 14, 15), SYNCED, str(CHAT_TEAM), "team", _s(4, 14, 15), 2, _s(4, 14), "priority", "lead1", "lead",
         "customer_initiated", "closed"),
        (2004, _s(5, 8, 7), SYNCED, str(JON), "admin", None, None, _s(5, 8), "not_priority", "kim", "user",
         "customer_initiated", "open"),
    ]  # fmt: skip
    # id, assigned to, assigned type, author, author type, conversation, created, part type
    parts = [
        ("p1", None, None, str(IVY), "admin", 2001, _s(2, 10, 5), "comment"),  # first reply after 5 minutes
        ("p2", None, None, "kim", "user", 2001, _s(2, 10, 6), "comment"),
        ("p3", None, None, str(IVY), "admin", 2001, _s(2, 10, 10), "comment"),
        ("p4", None, None, str(IVY), "admin", 2001, _s(2, 10, 15), "close"),
        ("p5", None, None, BOT, "bot", 2002, _s(3, 9, 0, 30), "comment"),  # the bot answers first
        ("p6", None, None, "lou", "user", 2002, _s(3, 9, 1), "comment"),
        ("p7", None, None, BOT, "bot", 2002, _s(3, 9, 2), "close"),  # and closes it: contained
        ("p8", None, None, BOT, "bot", 2003, _s(4, 14, 0, 20), "comment"),
        ("p9", None, None, "lead1", "lead", 2003, _s(4, 14, 1), "comment"),
        ("p10", str(CHAT_TEAM), "team", BOT, "bot", 2003, _s(4, 14, 1, 30), "assignment"),  # handed over
        ("p11", None, None, str(JON), "admin", 2003, _s(4, 14, 4), "comment"),
        ("p12", None, None, str(JON), "admin", 2003, _s(4, 14, 10), "close"),
        ("p13", None, None, str(JON), "admin", 2004, _s(5, 8, 2), "note"),  # internal: no reply
        ("p14", None, None, str(JON), "admin", 2004, _s(5, 8, 7), "comment"),  # first reply after 7 minutes
    ]
    part_rows = [
        (pid, at, SYNCED, to, to_type, author, author_type, cid, at, kind, None if kind in NO_TEXT else f"part {pid}")
        for pid, to, to_type, author, author_type, cid, at, kind in parts
    ]
    contacts = [
        ("kim", _s(1, 9), SYNCED, _s(1, 9), "kim@example.com", "Kim", "user"),
        ("lou", _s(1, 9), SYNCED, _s(1, 9), "lou@example.com", "Lou", "user"),
        ("lead1", _s(4, 14), SYNCED, _s(4, 14), None, None, "lead"),
    ]
    return {
        "conversation_history": [(*row[:-2], f"first message of {row[0]}", *row[-2:]) for row in conversations],
        "conversation_part_history": part_rows,
        "conversation_contact_history": [
            ("kim", 2001, _s(2, 10, 20), SYNCED),
            ("lou", 2002, _s(3, 9, 2), SYNCED),
            ("lead1", 2003, _s(4, 14, 15), SYNCED),
            ("kim", 2004, _s(5, 8, 7), SYNCED),
        ],
        "conversation_tag_history": [(601, 2001, _s(2, 10, 20), SYNCED)],
        "contact_history": contacts,
        "admin": [
            (IVY, False, SYNCED, "ivy@example.com", "Support", "Ivy Admin"),
            (JON, False, SYNCED, "jon@example.com", "Support", "Jon Admin"),
        ],
        "team": [(CHAT_TEAM, "Chat support", False, SYNCED)],
        "team_admin": [(IVY, CHAT_TEAM, False, SYNCED), (JON, CHAT_TEAM, False, SYNCED)],
        "tag": [(601, False, SYNCED, "billing")],
    }


def intercom_fixture_sql(schema: str) -> list[str]:
    """Statements that (re)create the Intercom fixture tables in `schema` and fill them."""
    return _fixture_sql(schema, INTERCOM_TABLES, _intercom_rows())
