"""The loader's promise, case by case: a value is stored exactly as written, or its row is
rejected with file, row, column and reason, or the load stops with nothing written.

Every case starts from the same small, valid export (BASE) and changes one thing. Each asserts
its exact outcome, and every load that goes ahead must add up: rows read = inserted +
replaced + unchanged + rejected.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from swh.load import DuckDBTarget, LoadError, LoadReport, load_folder

TICKETS = "ticket_id,channel,priority,reason,customer_id,team_id,created_at,tags,subject,updated_at"
WORK = "work_record_id,agent_id,ticket_id,conversation_id,started_at,talk_seconds,hold_seconds,wrap_up_seconds"
EVENTS = (
    "event_id,ticket_id,event_at,event_type,actor_type,agent_id,status,assignee_agent_id,is_auto_acknowledgement,body"
)
BASE: dict[str, list[str]] = {
    "teams.csv": ["team_id,team_name,schedule_id", "eu,EU Support,eu_office"],
    "agents.csv": [
        "agent_id,agent_name,team_id,is_bot,hired_on,left_on,hourly_cost_usd",
        "AG1,Ann,eu,false,2024-01-01,,30.50",
    ],
    "customers.csv": ["customer_id,account_id,created_at,country", "CU1,,2025-01-01 00:00:00,NL"],
    "tickets.csv": [
        TICKETS,
        "T1,email,normal,billing,CU1,eu,2025-03-01 10:00:00,,Invoice,2025-03-01 10:00:00",
        "T2,phone,urgent,shipping,CU1,eu,2025-03-01 11:00:00,complaint,Late,",
    ],
    "ticket_events.csv": [
        EVENTS,
        "E1,T1,2025-03-01 10:05:00,public_reply,agent,AG1,,,false,Hello",
        "E2,T1,2025-03-01 10:06:00,status_change,agent,AG1,solved,,,",
    ],
    "agent_work_records.csv": [WORK, "W1,AG1,T1,,2025-03-01 10:05:00,60,0,30"],
}


def write_folder(folder: Path, files: dict[str, list[str] | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else ("\n".join(content) + "\n").encode()
        (folder / name).write_bytes(data)
    return folder


def load(folder: Path, database: Path, source_system: str = "helpdesk") -> LoadReport:
    return load_folder(folder, DuckDBTarget(database), progress=lambda _: None, source_system=source_system)


def rows(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def assert_adds_up(report: LoadReport) -> None:
    for f in report.files:
        assert f.rows_read == f.rows_inserted + f.rows_replaced + f.rows_unchanged + f.rows_rejected, f
    assert report.rows_read == (
        report.rows_inserted + report.rows_replaced + report.rows_unchanged + report.rows_rejected
    )


def with_row(file: str, row: str) -> dict[str, list[str]]:
    """BASE with one more row in `file`."""
    return {**BASE, file: [*BASE[file], row]}


def ticket(created_at: str = "2025-03-02 09:00:00", subject: str = "New", ticket_id: str = "T9") -> str:
    return f"{ticket_id},email,normal,billing,CU1,eu,{created_at},,{subject},"


def work(talk: str) -> str:
    return f"W9,AG1,T1,,2025-03-01 11:00:00,{talk},0,0"


# ---------------------------------------------------------------- rejected rows


@dataclass(frozen=True)
class Rejected:
    """The load goes ahead; exactly one row is rejected, naming file, row, column and reason."""

    files: dict[str, list[str] | bytes]
    file: str
    row: int
    column: str
    reason: str


REJECTED: dict[str, Rejected] = {
    "integer_hex": Rejected(
        with_row("agent_work_records.csv", work("0x10")),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 0x10 as an integer",
    ),
    "integer_exponent": Rejected(
        with_row("agent_work_records.csv", work("1e3")),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 1e3 as an integer",
    ),
    "integer_underscore": Rejected(
        with_row("agent_work_records.csv", work("1_000")),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 1_000 as an integer",
    ),
    "integer_fraction": Rejected(
        with_row("agent_work_records.csv", work("1.5")),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 1.5 as an integer",
    ),
    "integer_thousands_separator": Rejected(
        with_row("agent_work_records.csv", work('"1,000"')),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 1,000 as an integer",
    ),
    "integer_int64_max": Rejected(
        with_row("agent_work_records.csv", work("9223372036854775807")),
        "agent_work_records.csv",
        2,
        "talk_seconds",
        "cannot parse 9223372036854775807",
    ),
    "integer_above_declared_max": Rejected(
        with_row("agent_work_records.csv", work("86401")), "agent_work_records.csv", 2, "talk_seconds", "is above 86400"
    ),
    "integer_negative_duration": Rejected(
        with_row("agent_work_records.csv", work("-5")), "agent_work_records.csv", 2, "talk_seconds", "is below 0"
    ),
    "decimal_beyond_scale": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-01-01,,12.34567"),
        "agents.csv",
        2,
        "hourly_cost_usd",
        "at most 4 decimal places",
    ),
    "decimal_exponent": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-01-01,,1e2"),
        "agents.csv",
        2,
        "hourly_cost_usd",
        "cannot parse 1e2",
    ),
    "decimal_comma": Rejected(
        with_row("agents.csv", 'AG9,Bo,eu,false,2024-01-01,,"1,5"'),
        "agents.csv",
        2,
        "hourly_cost_usd",
        "cannot parse 1,5",
    ),
    "decimal_above_max": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-01-01,,10000.01"),
        "agents.csv",
        2,
        "hourly_cost_usd",
        "is above 10000",
    ),
    "boolean_unknown": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,maybe,2024-01-01,,1"),
        "agents.csv",
        2,
        "is_bot",
        "cannot parse maybe as a boolean",
    ),
    "date_impossible": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-02-30,,1"),
        "agents.csv",
        2,
        "hired_on",
        "cannot parse 2024-02-30 as a date",
    ),
    "timestamp_zone_abbreviation": Rejected(
        with_row("tickets.csv", ticket("2025-03-01 10:00:00 CEST")),
        "tickets.csv",
        3,
        "created_at",
        "never an abbreviation",
    ),
    "timestamp_unknown_zone": Rejected(
        with_row("tickets.csv", ticket("2025-03-01 10:00:00 XYZ")),
        "tickets.csv",
        3,
        "created_at",
        "cannot parse 2025-03-01 10:00:00 XYZ",
    ),
    "timestamp_unknown_iana_name": Rejected(
        with_row("tickets.csv", ticket("2025-03-01 10:00:00 Mars/Olympus")),
        "tickets.csv",
        3,
        "created_at",
        "cannot parse",
    ),
    "timestamp_year_9999": Rejected(
        with_row("tickets.csv", ticket("9999-12-31 00:00:00")),
        "tickets.csv",
        3,
        "created_at",
        "outside the contract's window [1970-01-01, 2100-01-01)",
    ),
    "timestamp_year_0001": Rejected(
        with_row("tickets.csv", ticket("0001-01-01 00:00:00")),
        "tickets.csv",
        3,
        "created_at",
        "outside the contract's window",
    ),
    "timestamp_infinity": Rejected(
        with_row("tickets.csv", ticket("infinity")), "tickets.csv", 3, "created_at", "cannot parse infinity"
    ),
    "timestamp_impossible_date": Rejected(
        with_row("tickets.csv", ticket("2025-02-30 10:00:00")), "tickets.csv", 3, "created_at", "cannot parse"
    ),
    "timestamp_nanoseconds": Rejected(
        with_row("tickets.csv", ticket("2025-03-01 10:00:00.1234567")), "tickets.csv", 3, "created_at", "cannot parse"
    ),
    "timestamp_us_format": Rejected(
        with_row("tickets.csv", ticket("03/01/2025 10:00")),
        "tickets.csv",
        3,
        "created_at",
        "cannot parse 03/01/2025 10:00",
    ),
    "enum_unknown": Rejected(
        with_row("tickets.csv", "T9,email,medium,billing,CU1,eu,2025-03-02 09:00:00,,x,"),
        "tickets.csv",
        3,
        "priority",
        "unknown value medium",
    ),
    "enum_wrong_case": Rejected(
        with_row("tickets.csv", "T9,email,Normal,billing,CU1,eu,2025-03-02 09:00:00,,x,"),
        "tickets.csv",
        3,
        "priority",
        "unknown value Normal",
    ),
    "channel_without_mapping": Rejected(
        with_row("tickets.csv", "T9,pigeon,normal,billing,CU1,eu,2025-03-02 09:00:00,,x,"),
        "tickets.csv",
        3,
        "channel",
        "no mapping for pigeon in seeds/channel_mapping.csv",
    ),
    "channel_mapping_is_case_sensitive": Rejected(
        with_row("tickets.csv", "T9,EMAIL,normal,billing,CU1,eu,2025-03-02 09:00:00,,x,"),
        "tickets.csv",
        3,
        "channel",
        "no mapping for EMAIL in seeds/channel_mapping.csv",
    ),
    "status_without_mapping": Rejected(
        with_row("ticket_events.csv", "E9,T1,2025-03-01 10:07:00,status_change,agent,AG1,parked,,,"),
        "ticket_events.csv",
        3,
        "status",
        "no mapping for parked in seeds/status_mapping.csv",
    ),
    "key_missing": Rejected(
        with_row("tickets.csv", ticket(ticket_id="")), "tickets.csv", 3, "ticket_id", "missing required value"
    ),
    "key_nul_byte": Rejected(
        with_row("tickets.csv", ticket(ticket_id="T\x009")), "tickets.csv", 3, "ticket_id", "NUL or control byte"
    ),
    "text_nul_byte": Rejected(
        with_row("tickets.csv", ticket(subject="bad\x00subject")), "tickets.csv", 3, "subject", "NUL or control byte"
    ),
    "key_surrounding_space": Rejected(
        with_row("tickets.csv", ticket(ticket_id='"T9 "')), "tickets.csv", 3, "ticket_id", "surrounding spaces"
    ),
    "key_with_colon": Rejected(
        with_row("tickets.csv", ticket(ticket_id="zendesk:9")), "tickets.csv", 3, "ticket_id", "`:`"
    ),
    "duplicate_key_in_file": Rejected(
        with_row("tickets.csv", ticket(ticket_id="T1")),
        "tickets.csv",
        3,
        "ticket_id",
        "duplicate key (first in tickets.csv row 1)",
    ),
    "duplicate_key_across_files": Rejected(
        {**BASE, "tickets__later.csv": [TICKETS, ticket(ticket_id="T2")]},
        "tickets__later.csv",
        1,
        "ticket_id",
        "duplicate key (first in tickets.csv row 2)",
    ),
    "reference_to_unknown_row": Rejected(
        with_row("ticket_events.csv", "E9,T404,2025-03-01 10:07:00,public_reply,agent,AG1,,,false,Hi"),
        "ticket_events.csv",
        3,
        "ticket_id",
        "no tickets row with ticket_id T404 in source system helpdesk",
    ),
    "reference_to_a_rejected_row": Rejected(
        {
            **with_row("customers.csv", "CU9,,someday,NL"),
            "tickets.csv": [*BASE["tickets.csv"], "T9,email,normal,x,CU9,eu,2025-03-02 09:00:00,,x,"],
        },
        "customers.csv",
        2,
        "created_at",
        "cannot parse someday",
    ),
    "event_before_its_ticket": Rejected(
        with_row("ticket_events.csv", "E9,T1,2025-03-01 09:00:00,public_reply,customer,,,,false,Early"),
        "ticket_events.csv",
        3,
        "event_at",
        "the event is before its ticket was created",
    ),
    "shift_ends_before_it_starts": Rejected(
        {
            **BASE,
            "agent_shifts.csv": [
                "shift_id,agent_id,starts_at,ends_at",
                "S1,AG1,2025-03-03 17:00:00,2025-03-03 09:00:00",
            ],
        },
        "agent_shifts.csv",
        1,
        "ends_at",
        "the shift ends before it starts",
    ),
    "shift_longer_than_a_day": Rejected(
        {
            **BASE,
            "agent_shifts.csv": [
                "shift_id,agent_id,starts_at,ends_at",
                "S1,AG1,2025-03-03 09:00:00,2025-03-05 09:00:00",
            ],
        },
        "agent_shifts.csv",
        1,
        "ends_at",
        "longer than 24 hours",
    ),
    "absence_ends_before_it_starts": Rejected(
        {
            **BASE,
            "agent_absences.csv": [
                "absence_id,agent_id,starts_at,ends_at,absence_type",
                "A1,AG1,2025-03-03 17:00:00,2025-03-03 09:00:00,planned",
            ],
        },
        "agent_absences.csv",
        1,
        "ends_at",
        "the absence ends before it starts",
    ),
    "survey_score_off_its_scale": Rejected(
        {
            **BASE,
            "survey_responses.csv": [
                "response_id,survey_type,customer_id,ticket_id,conversation_id,responded_at,score",
                "R1,csat,CU1,T1,,2025-03-02 10:00:00,9",
            ],
        },
        "survey_responses.csv",
        1,
        "score",
        "off its survey's scale",
    ),
    "work_record_without_contact": Rejected(
        with_row("agent_work_records.csv", "W9,AG1,,,2025-03-01 11:00:00,5,0,0"),
        "agent_work_records.csv",
        2,
        "ticket_id",
        "exactly one of ticket_id",
    ),
    "queue_answered_and_abandoned": Rejected(
        {
            **BASE,
            "queue_entries.csv": [
                "queue_entry_id,channel,team_id,ticket_id,conversation_id,ivr_entered_at,"
                "queued_at,answered_at,abandoned_at,answered_by_agent_id",
                "Q1,phone,eu,T2,,,2025-03-01 11:00:00,2025-03-01 11:00:30,2025-03-01 11:00:40,AG1",
            ],
        },
        "queue_entries.csv",
        1,
        "abandoned_at",
        "answered or abandoned, not both",
    ),
    "queue_answer_before_entry": Rejected(
        {
            **BASE,
            "queue_entries.csv": [
                "queue_entry_id,channel,team_id,ticket_id,conversation_id,ivr_entered_at,"
                "queued_at,answered_at,abandoned_at,answered_by_agent_id",
                "Q1,phone,eu,T2,,,2025-03-01 11:00:00,2025-03-01 10:59:00,,AG1",
            ],
        },
        "queue_entries.csv",
        1,
        "answered_at",
        "the answer is before the queue entry",
    ),
    "agent_event_without_agent": Rejected(
        with_row("ticket_events.csv", "E9,T1,2025-03-01 10:07:00,public_reply,agent,,,,false,Hi"),
        "ticket_events.csv",
        3,
        "agent_id",
        "an agent's event names no agent_id",
    ),
    "team_change_without_team": Rejected(
        with_row("ticket_events.csv", "E9,T1,2025-03-01 10:07:00,team_change,agent,AG1,,,false,"),
        "ticket_events.csv",
        3,
        "team_id",
        "a team change names no team_id",
    ),
    "agent_left_before_hired": Rejected(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-01-01,2023-01-01,1"),
        "agents.csv",
        2,
        "left_on",
        "left before being hired",
    ),
}


@pytest.mark.parametrize("case", sorted(REJECTED), ids=sorted(REJECTED))
def test_bad_value_rejects_its_row_with_file_row_column_and_reason(tmp_path: Path, case: str) -> None:
    spec = REJECTED[case]
    report = load(write_folder(tmp_path / "in", spec.files), tmp_path / "wh.duckdb")
    assert_adds_up(report)
    rejected_rows = {(file, row) for file, row, *_ in report.rejects}
    assert rejected_rows == {(spec.file, spec.row)} or (
        case == "reference_to_a_rejected_row" and rejected_rows == {("customers.csv", 2), ("tickets.csv", 3)}
    ), report.rejects
    stored = rows(
        tmp_path / "wh.duckdb",
        "select source_file, source_row, column_name, reason from raw._load_rejects order by source_file, source_row",
    )
    match = [r for r in stored if (r[0], r[1], r[2]) == (spec.file, spec.row, spec.column)]
    assert any(spec.reason in r[3] for r in match), stored
    if case == "reference_to_a_rejected_row":  # the ticket of the rejected customer goes with it
        assert ("tickets.csv", 3, "customer_id") in {(r[0], r[1], r[2]) for r in stored}


# ---------------------------------------------------------------- values stored exactly


@dataclass(frozen=True)
class Stored:
    """The load accepts every row and stores the value exactly so."""

    files: dict[str, list[str] | bytes]
    sql: str
    expected: object


def _stored_ticket(created_at: str = "2025-03-02 09:00:00", subject: str = "New") -> dict[str, list[str]]:
    return with_row("tickets.csv", ticket(created_at, subject))


CREATED_T9 = "select cast(created_at as varchar) from raw.tickets where ticket_id = 'T9'"
SUBJECT_T9 = "select subject from raw.tickets where ticket_id = 'T9'"
STORED: dict[str, Stored] = {
    "iana_zone_to_utc": Stored(
        _stored_ticket("2025-03-01 10:00:00 Europe/Amsterdam"), CREATED_T9, "2025-03-01 09:00:00"
    ),
    "offset_to_utc": Stored(_stored_ticket("2025-03-01T10:00:00+01:00"), CREATED_T9, "2025-03-01 09:00:00"),
    "half_hour_offset_to_utc": Stored(_stored_ticket("2025-03-01T10:00:00+0530"), CREATED_T9, "2025-03-01 04:30:00"),
    "zulu": Stored(_stored_ticket("2025-03-01T10:00:00Z"), CREATED_T9, "2025-03-01 10:00:00"),
    "summer_time_zone": Stored(
        _stored_ticket("2025-07-01 10:00:00 Europe/Amsterdam"), CREATED_T9, "2025-07-01 08:00:00"
    ),
    "date_alone_is_midnight": Stored(_stored_ticket("2025-03-02"), CREATED_T9, "2025-03-02 00:00:00"),
    "microseconds_kept": Stored(_stored_ticket("2025-03-02 09:00:00.123456"), CREATED_T9, "2025-03-02 09:00:00.123456"),
    "integer_with_sign": Stored(
        with_row("agent_work_records.csv", work("+60")),
        "select talk_seconds from raw.agent_work_records where work_record_id = 'W9'",
        60,
    ),
    "decimal_trailing_zeros": Stored(
        with_row("agents.csv", "AG9,Bo,eu,false,2024-01-01,,12.345600"),
        "select hourly_cost_usd from raw.agents where agent_id = 'AG9'",
        Decimal("12.3456"),
    ),
    "boolean_upper_case": Stored(
        with_row("agents.csv", "AG9,Bo,eu,TRUE,2024-01-01,,1"),
        "select is_bot from raw.agents where agent_id = 'AG9'",
        True,
    ),
    "text_with_line_break": Stored(_stored_ticket(subject='"two\nlines"'), SUBJECT_T9, "two\nlines"),
    "text_surrounding_spaces_kept": Stored(_stored_ticket(subject='"  padded  "'), SUBJECT_T9, "  padded  "),
    "text_with_quotes": Stored(_stored_ticket(subject='"say ""hi"""'), SUBJECT_T9, 'say "hi"'),
    "three_mib_row": Stored(
        _stored_ticket(subject="x" * (3 << 20)),
        "select length(subject) from raw.tickets where ticket_id = 'T9'",
        3 << 20,
    ),
    "channel_in_the_sources_words": Stored(
        with_row("tickets.csv", "T9,WhatsApp,normal,billing,CU1,eu,2025-03-02 09:00:00,,x,"),
        "select channel from raw.tickets where ticket_id = 'T9'",
        "WhatsApp",
    ),
    "team_change_names_its_team": Stored(
        {
            **BASE,
            "ticket_events.csv": [
                EVENTS + ",team_id",
                "E1,T1,2025-03-01 10:05:00,public_reply,agent,AG1,,,false,Hello,",
                "E9,T1,2025-03-01 10:07:00,team_change,agent,AG1,,,false,,eu",
            ],
        },
        "select team_id from raw.ticket_events where event_id = 'E9'",
        "eu",
    ),
    "part_files": Stored({**BASE, "tickets__more.csv": [TICKETS, ticket()]}, "select count(*) from raw.tickets", 3),
}


@pytest.mark.parametrize("case", sorted(STORED), ids=sorted(STORED))
def test_good_value_is_stored_exactly(tmp_path: Path, case: str) -> None:
    spec = STORED[case]
    report = load(write_folder(tmp_path / "in", spec.files), tmp_path / "wh.duckdb")
    assert_adds_up(report)
    assert report.rows_rejected == 0, report.rejects
    assert rows(tmp_path / "wh.duckdb", spec.sql) == [(spec.expected,)]


def test_folder_path_with_pattern_characters_is_read_literally(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "export[1]*", BASE)
    write_folder(tmp_path / "export1x", {"tickets.csv": [TICKETS, ticket()]})  # what a glob would also match
    report = load(folder, tmp_path / "wh.duckdb")
    assert report.rows_rejected == 0
    assert rows(tmp_path / "wh.duckdb", "select count(*) from raw.tickets") == [(2,)]


# ---------------------------------------------------------------- typed files


def test_parquet_values_are_checked_like_text(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {k: v for k, v in BASE.items() if k != "agent_work_records.csv"})
    table = pa.table(
        {
            "work_record_id": ["W1", "W2"],
            "agent_id": ["AG1", "AG1"],
            "ticket_id": ["T1", "T1"],
            "conversation_id": pa.array([None, None], pa.string()),
            "started_at": pa.array([1740823500, 1740823600], pa.timestamp("s")),
            "talk_seconds": [60.0, 4.6],  # a double: 60.0 and 4.6 are not written as integers
            "hold_seconds": [0, 0],
            "wrap_up_seconds": [30, 30],
        }
    )
    pq.write_table(table, folder / "agent_work_records.parquet")
    report = load(folder, tmp_path / "wh.duckdb")
    assert_adds_up(report)
    assert {(r[1], r[2], r[3]) for r in report.rejects} == {(1, "talk_seconds", "60.0"), (2, "talk_seconds", "4.6")}


def test_parquet_typed_integers_and_timestamps_load(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", {k: v for k, v in BASE.items() if k != "agent_work_records.csv"})
    table = pa.table(
        {
            "work_record_id": ["W1"],
            "agent_id": ["AG1"],
            "ticket_id": ["T1"],
            "started_at": pa.array([1740823500 * 1_000_000], pa.timestamp("us", tz="UTC")),
            "talk_seconds": pa.array([60], pa.int64()),
            "hold_seconds": pa.array([0], pa.int32()),
            "wrap_up_seconds": pa.array([30], pa.int64()),
        }
    )
    pq.write_table(table, folder / "agent_work_records.parquet")
    report = load(folder, tmp_path / "wh.duckdb")
    assert report.rows_rejected == 0, report.rejects
    assert rows(tmp_path / "wh.duckdb", "select cast(started_at as varchar), talk_seconds from raw.agent_work_records")[
        0
    ] == ("2025-03-01 10:05:00", 60)


def jsonl(records: list[dict | str]) -> bytes:
    return ("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n").encode()


def test_json_lines_strings_stay_as_written_and_a_nested_value_rejects_its_row(tmp_path: Path) -> None:
    base = {k: v for k, v in BASE.items() if k != "tickets.csv"}
    records: list[dict | str] = [
        {
            "ticket_id": "T1",
            "channel": "email",
            "priority": "normal",
            "customer_id": "CU1",
            "team_id": "eu",
            "created_at": "2025-03-01 10:00:00",
            "subject": "BT1",
        },
        {
            "ticket_id": "T2",
            "channel": "phone",
            "priority": "urgent",
            "customer_id": "CU1",
            "team_id": "eu",
            "created_at": "2025-03-01 11:00:00",
            "subject": {"nested": True},
        },
    ]
    folder = write_folder(tmp_path / "in", {**base, "tickets.jsonl": jsonl(records)})
    report = load(folder, tmp_path / "wh.duckdb")
    assert_adds_up(report)
    assert [(r[0], r[1], r[2]) for r in report.rejects if r[0] == "tickets.jsonl"] == [("tickets.jsonl", 2, "subject")]
    assert "nested JSON object" in report.rejects[-1][4] or any("nested JSON object" in r[4] for r in report.rejects)
    assert rows(tmp_path / "wh.duckdb", "select subject from raw.tickets") == [("BT1",)]


def test_json_lines_bad_value_far_down_is_one_reject(tmp_path: Path) -> None:
    base = {k: v for k, v in BASE.items() if k not in ("tickets.csv", "ticket_events.csv", "agent_work_records.csv")}
    records: list[dict | str] = [
        {
            "ticket_id": f"T{i}",
            "channel": "email",
            "priority": "normal",
            "team_id": "eu",
            "created_at": "2025-03-01 10:00:00",
            "subject": f"n{i}",
        }
        for i in range(1, 30_001)
    ]
    records.append({"ticket_id": "T30001", "channel": 5, "priority": "normal", "created_at": "2025-03-01 10:00:00"})
    records.append("this line is not JSON")
    folder = write_folder(tmp_path / "in", {**base, "tickets.jsonl": jsonl(records)})
    report = load(folder, tmp_path / "wh.duckdb")
    assert_adds_up(report)
    assert {(r[1], r[2]) for r in report.rejects} == {(30_001, "channel"), (30_002, "(line)")}
    assert rows(tmp_path / "wh.duckdb", "select count(*) from raw.tickets") == [(30_000,)]


def test_json_lines_numbers_are_checked_as_written(tmp_path: Path) -> None:
    base = {k: v for k, v in BASE.items() if k != "agent_work_records.csv"}
    record = {
        "work_record_id": "W1",
        "agent_id": "AG1",
        "ticket_id": "T1",
        "started_at": "2025-03-01 10:05:00",
        "hold_seconds": 0,
        "wrap_up_seconds": "30",
    }
    folder = write_folder(
        tmp_path / "in",
        {
            **base,
            "agent_work_records.jsonl": jsonl(
                [{**record, "talk_seconds": 60}, {**record, "work_record_id": "W2", "talk_seconds": 4.6}]
            ),
        },
    )
    report = load(folder, tmp_path / "wh.duckdb")
    assert [(r[1], r[2], r[3]) for r in report.rejects] == [(2, "talk_seconds", "4.6")]
    assert rows(tmp_path / "wh.duckdb", "select talk_seconds, wrap_up_seconds from raw.agent_work_records") == [
        (60, 30)
    ]


def test_gzipped_csv_and_json_lines_load(tmp_path: Path) -> None:
    files: dict[str, list[str] | bytes] = dict(BASE)
    files["tickets.csv.gz"] = gzip.compress(("\n".join(BASE["tickets.csv"]) + "\n").encode())
    del files["tickets.csv"]
    report = load(write_folder(tmp_path / "in", files), tmp_path / "wh.duckdb")
    assert report.rows_rejected == 0
    assert rows(tmp_path / "wh.duckdb", "select count(*) from raw.tickets") == [(2,)]


# ---------------------------------------------------------------- the load stops


STOPPED: dict[str, tuple[dict[str, list[str] | bytes], str]] = {
    "file_name_with_brackets": ({**BASE, "tickets_[ab].csv": [TICKETS, ticket()]}, "tickets_[ab].csv"),
    "file_name_with_star": ({**BASE, "tickets_*.csv": [TICKETS, ticket()]}, "tickets_*.csv"),
    "file_name_with_second_dot": ({**BASE, "tickets.old.csv": [TICKETS, ticket()]}, "tickets.old.csv"),
    "upper_case_extension": ({**BASE, "orders.CSV": ["order_id"]}, "orders.CSV"),
    "json_not_json_lines": ({**BASE, "customers.json": ["{}"]}, "customers.json"),
    "tsv_extension": ({**BASE, "teams.tsv": ["team_id"]}, "teams.tsv"),
    "stray_text_file": ({**BASE, "notes.txt": ["hello"]}, "notes.txt"),
    "hidden_file": ({**BASE, ".tickets.csv": [TICKETS]}, ".tickets.csv"),
    "unknown_table": ({**BASE, "tikets.csv": [TICKETS]}, "tikets.csv (no contract table tikets)"),
    "single_underscore_part": ({**BASE, "tickets_2025.csv": [TICKETS]}, "tickets_2025.csv"),
    "missing_required_column": (
        {**BASE, "tickets.csv": ["ticket_id,channel,priority", "T1,email,normal"]},
        "tickets.csv: required column created_at missing",
    ),
    "ragged_row": ({**BASE, "tickets.csv": [TICKETS, "T1,email,normal"]}, "tickets.csv: cannot be read as csv"),
    "tab_separated_header": (
        {**BASE, "teams.csv": ["team_id\tteam_name\tschedule_id", "eu\tEU\t"]},
        "teams.csv: line 1: the header is one field containing tabs",
    ),
    "unterminated_quote": (
        {**BASE, "tickets.csv": [TICKETS, 'T1,email,normal,"billing,CU1,eu,2025-03-01,,x,']},
        "unterminated quote",
    ),
    "duplicate_header_column": (
        {**BASE, "teams.csv": ["team_id,team_name,team_id", "eu,EU,eu"]},
        "column 'team_id' appears twice",
    ),
    "empty_file": ({**BASE, "teams.csv": b""}, "teams.csv: the file is empty"),
    "invalid_utf8": (
        {**BASE, "tickets.csv": f"{TICKETS}\nT9,email,normal,x,CU1,eu,2025-03-02,,Caf".encode() + b"\xe9,\n"},
        "tickets.csv: row 1 (line 2), column subject: invalid UTF-8 byte 0xe9",
    ),
}


@pytest.mark.parametrize("case", sorted(STOPPED), ids=sorted(STOPPED))
def test_broken_file_stops_the_load_with_nothing_written(tmp_path: Path, case: str) -> None:
    files, message = STOPPED[case]
    database = tmp_path / "wh.duckdb"
    with pytest.raises(LoadError) as error:
        load(write_folder(tmp_path / "in", files), database)
    assert message in str(error.value)
    assert not database.exists(), "nothing of a stopped load may be written"


def test_sub_folder_stops_the_load(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "in", BASE)
    (folder / "archive").mkdir()
    with pytest.raises(LoadError, match=r"archive/ \(a sub-folder\)"):
        load(folder, tmp_path / "wh.duckdb")


def test_a_stopped_load_leaves_the_stored_rows_as_they_were(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    load(write_folder(tmp_path / "v1", BASE), database)
    before = rows(database, "select * exclude (_loaded_at) from raw.tickets order by ticket_id")
    broken = {**BASE, "tickets.csv": [TICKETS, "T1,email,high"], "teams.csv": ["team_id,team_name", "eu,Renamed"]}
    with pytest.raises(LoadError):
        load(write_folder(tmp_path / "v2", broken), database)
    assert rows(database, "select * exclude (_loaded_at) from raw.tickets order by ticket_id") == before
    assert rows(database, "select team_name from raw.teams") == [("EU Support",)]


def test_a_raw_schema_of_an_older_loader_stops_the_load(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(database))
    con.execute("create schema raw")
    con.execute("create table raw.teams (team_id text primary key, team_name text, schedule_id text)")
    con.close()
    with pytest.raises(LoadError, match="older version of the loader"):
        load(write_folder(tmp_path / "in", BASE), database)


def test_a_raw_table_gains_the_optional_columns_the_contract_added(tmp_path: Path) -> None:
    """A warehouse loaded before ticket_events had team_id: the column is added empty (the
    stored rows never had it), and the stored rows stay as they were."""
    database = tmp_path / "wh.duckdb"
    load(write_folder(tmp_path / "v1", BASE), database)
    con = duckdb.connect(str(database))
    # as the older loader created it: the same table without the column (DuckDB cannot drop a
    # column that precedes the primary key's)
    con.execute("create table raw.old_events as select * exclude (team_id) from raw.ticket_events")
    con.execute("drop table raw.ticket_events")
    con.execute("alter table raw.old_events rename to ticket_events")
    con.close()
    report = load(write_folder(tmp_path / "v2", BASE), database)
    assert report.rows_rejected == 0
    assert rows(database, "select count(*), count(team_id) from raw.ticket_events") == [(2, 0)]


# ---------------------------------------------------------------- keys, upserts and source systems


def test_reload_is_unchanged_and_a_changed_row_is_replaced(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    first = load(write_folder(tmp_path / "v1", BASE), database)
    assert (first.rows_inserted, first.rows_replaced, first.rows_unchanged) == (first.rows_read, 0, 0)
    again = load(tmp_path / "v1", database)
    assert (again.rows_inserted, again.rows_replaced, again.rows_unchanged) == (0, 0, again.rows_read)
    changed = {
        **BASE,
        "tickets.csv": [
            TICKETS,
            BASE["tickets.csv"][1].replace(",normal,", ",high,"),
            BASE["tickets.csv"][2],
            ticket(),
        ],
    }
    third = load(write_folder(tmp_path / "v3", changed), database)
    assert_adds_up(third)
    tickets = next(f for f in third.files if f.file == "tickets.csv")
    assert (tickets.rows_inserted, tickets.rows_replaced, tickets.rows_unchanged) == (1, 1, 1)
    assert "9 rows read = 1 inserted + 1 replaced + 7 unchanged + 0 rejected" in third.summary()
    assert rows(database, "select ticket_id, priority from raw.tickets order by 1") == [
        ("T1", "high"),
        ("T2", "urgent"),
        ("T9", "normal"),
    ]
    logged = rows(
        database,
        "select sum(rows_inserted), sum(rows_replaced), sum(rows_unchanged) from raw._load_log "
        f"where load_id = '{third.load_id}'",
    )
    assert logged == [(third.rows_inserted, third.rows_replaced, third.rows_unchanged)]


def test_a_second_source_system_never_overwrites_the_first(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    load(write_folder(tmp_path / "helpdesk", BASE), database)
    other = {**BASE, "ticket_events.csv": [EVENTS, "E1,T1,2025-03-01 12:00:00,internal_note,agent,AG1,,,,Other"]}
    report = load(write_folder(tmp_path / "crm", other), database, source_system="crm")
    assert report.rows_rejected == 0 and report.rows_replaced == 0
    assert rows(
        database, "select _source_system, event_type from raw.ticket_events where event_id = 'E1' order by 1"
    ) == [("crm", "internal_note"), ("helpdesk", "public_reply")]


def test_references_resolve_within_the_same_source_system_only(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    load(write_folder(tmp_path / "helpdesk", BASE), database)
    orphan = {"ticket_events.csv": [EVENTS, "E5,T1,2025-03-01 12:00:00,public_reply,customer,,,,,Hi"]}
    report = load(write_folder(tmp_path / "crm", orphan), database, source_system="crm")
    assert [(r[2], r[4]) for r in report.rejects] == [
        ("ticket_id", "no tickets row with ticket_id T1 in source system crm (in this load or loaded before)")
    ]
    later = load(write_folder(tmp_path / "later", orphan), database)  # the helpdesk has T1: accepted
    assert later.rows_rejected == 0


def test_bad_source_system_name_stops(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="source system"):
        load(write_folder(tmp_path / "in", BASE), tmp_path / "wh.duckdb", source_system="Zen Desk")


def test_every_contract_table_exists_after_a_partial_load(tmp_path: Path) -> None:
    load(write_folder(tmp_path / "in", BASE), tmp_path / "wh.duckdb")
    tables = rows(tmp_path / "wh.duckdb", "select count(*) from duckdb_tables() where schema_name = 'raw'")
    assert tables[0][0] == 21 + 2  # 20 contract tables, the loader's message_sentiments, rejects, load log


def test_corpus_size() -> None:
    """The issue asks for at least 60 cases; count them so that the corpus cannot shrink unseen."""
    others: list[Callable[..., None]] = [
        test_folder_path_with_pattern_characters_is_read_literally,
        test_parquet_values_are_checked_like_text,
        test_parquet_typed_integers_and_timestamps_load,
        test_json_lines_strings_stay_as_written_and_a_nested_value_rejects_its_row,
        test_json_lines_bad_value_far_down_is_one_reject,
        test_json_lines_numbers_are_checked_as_written,
        test_gzipped_csv_and_json_lines_load,
        test_sub_folder_stops_the_load,
        test_a_stopped_load_leaves_the_stored_rows_as_they_were,
        test_a_raw_schema_of_an_older_loader_stops_the_load,
        test_reload_is_unchanged_and_a_changed_row_is_replaced,
        test_a_second_source_system_never_overwrites_the_first,
        test_references_resolve_within_the_same_source_system_only,
        test_bad_source_system_name_stops,
        test_a_raw_table_gains_the_optional_columns_the_contract_added,
    ]
    assert len(REJECTED) + len(STORED) + len(STOPPED) + len(others) >= 60


def test_customer_messages_are_scored_once_at_load_and_other_languages_stay_unscored(tmp_path: Path) -> None:
    files = {
        **BASE,
        "ticket_events.csv": [
            EVENTS,
            "E1,T1,2025-03-01 10:01:00,public_reply,customer,,,,false,I am not happy with this",
            "E2,T1,2025-03-01 10:02:00,public_reply,customer,,,,false,I am very happy with this!",
            'E3,T1,2025-03-01 10:03:00,public_reply,customer,,,,false,"Das ist nicht gut, ich bin sehr enttäuscht"',
            "E4,T1,2025-03-01 10:04:00,public_reply,customer,,,,false,ok",
            "E5,T1,2025-03-01 10:05:00,public_reply,agent,AG1,,,false,I am happy to help",
            "E6,T1,2025-03-01 10:06:00,status_change,agent,AG1,solved,,,",
        ],
    }
    report = load(write_folder(tmp_path / "in", files), tmp_path / "wh.duckdb")
    assert_adds_up(report)
    assert report.rows_rejected == 0
    scores = rows(
        tmp_path / "wh.duckdb",
        "select message_id, language_code, is_scored, sentiment_score from raw.message_sentiments order by 1",
    )
    # VADER: negation flips "happy" (+0.5719 alone); "very" and "!" intensify it.
    assert [(m, lang, scored) for m, lang, scored, _ in scores] == [
        ("E1", "en", True),
        ("E2", "en", True),
        ("E3", "de", False),  # German: VADER's lexicon is English, so not scored (and not 0)
        ("E4", "en", True),  # a short reply with a word VADER knows
    ]
    e1, e2, e3, e4 = (score for *_, score in scores)
    assert e1 < 0 < e4 < e2 and e3 is None
    # The derived rows are not rows of any file: the summary still adds up per file.
    assert sum(f.rows_inserted for f in report.files) == report.rows_read


def test_a_file_for_a_table_the_loader_writes_stops_the_load(tmp_path: Path) -> None:
    files = {**BASE, "message_sentiments.csv": ["source_table,message_id", "ticket_events,E1"]}
    with pytest.raises(LoadError, match="message_sentiments is written by the loader"):
        load(write_folder(tmp_path / "in", files), tmp_path / "wh.duckdb")


def test_spark_raw_folder_switches_whole_loads_and_keeps_the_loaders_counts(tmp_path: Path) -> None:
    from swh.targets import SparkParquetTarget

    raw = tmp_path / "spark_raw"
    first = load_folder(write_folder(tmp_path / "v1", BASE), SparkParquetTarget(raw), progress=lambda _: None)
    first_version = (raw / "current").resolve()
    tickets = duckdb.sql(f"select ticket_id, priority from read_parquet('{raw}/current/tickets/*.parquet') order by 1")
    assert tickets.fetchall() == [("T1", "normal"), ("T2", "urgent")]
    changed = {**BASE, "tickets.csv": [TICKETS, BASE["tickets.csv"][1].replace(",normal,", ",high,")]}
    second = load_folder(write_folder(tmp_path / "v2", changed), SparkParquetTarget(raw), progress=lambda _: None)
    assert (first.rows_inserted, second.rows_replaced, second.rows_unchanged) == (first.rows_read, 1, 6)
    assert (raw / "current").resolve() != first_version and not first_version.exists()
    tickets = duckdb.sql(f"select ticket_id, priority from read_parquet('{raw}/current/tickets/*.parquet') order by 1")
    assert tickets.fetchall() == [("T1", "high"), ("T2", "urgent")]
    log = duckdb.sql(f"select count(distinct load_id) from read_parquet('{raw}/current/_load_log/*.parquet')")
    assert log.fetchall() == [(2,)]
    # every contract table is there for Spark to register, loaded or not
    assert (raw / "current" / "chat_messages").is_dir()
