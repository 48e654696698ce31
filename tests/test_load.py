"""The loader's promise: validated rows only, every reject explained, counts that add up."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from swh.load import DuckDBTarget, LoadError, LoadReport, load_folder

HEADER = "ticket_id,channel,priority,reason,customer_id,team_id,created_at,tags,subject,updated_at"
GOOD = [
    "T1,email,normal,billing,CU1,eu_support,2025-03-01 10:00:00,,Invoice,2025-03-01 10:00:00",
    "T2,phone,urgent,shipping,CU2,eu_support,2025-03-01T11:00:00+01:00,complaint,Late,",
]


def write(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    return path


def load(folder: Path, database: Path) -> LoadReport:
    return load_folder(folder, DuckDBTarget(database), progress=lambda _: None)


def rows(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def assert_counts_add_up(report: LoadReport) -> None:
    for file in report.files:
        assert file.rows_read == file.rows_loaded + file.rows_rejected, file
    assert report.rows_read == report.rows_loaded + report.rows_rejected


def test_good_rows_load_and_offsets_become_utc(tmp_path: Path) -> None:
    write(tmp_path / "in", "tickets.csv", [HEADER, *GOOD])
    report = load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 2, 0)
    created = rows(tmp_path / "wh.duckdb", "select ticket_id, created_at from raw.tickets order by 1")
    assert str(created[1][1]) == "2025-03-01 10:00:00"  # 11:00+01:00 is 10:00 UTC


@pytest.mark.parametrize(
    ("bad_line", "column", "reason"),
    [
        ("T9,email,normal,billing,CU1,eu_support,yesterday,,x,", "created_at", "cannot parse yesterday as timestamp"),
        ("T9,pigeon,normal,billing,CU1,eu_support,2025-03-01 10:00:00,,x,", "channel", "unknown value pigeon"),
        (",email,normal,billing,CU1,eu_support,2025-03-01 10:00:00,,x,", "ticket_id", "missing required value"),
        ("T1,email,low,billing,CU1,eu_support,2025-03-01 10:00:00,,x,", "ticket_id", "duplicate key (first in row 1)"),
    ],
)
def test_bad_rows_are_rejected_with_file_row_column_and_reason(
    tmp_path: Path, bad_line: str, column: str, reason: str
) -> None:
    write(tmp_path / "in", "tickets.csv", [HEADER, *GOOD, bad_line])
    report = load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert_counts_add_up(report)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    stored = rows(tmp_path / "wh.duckdb", "select source_file, source_row, column_name, reason from raw._load_rejects")
    assert len(stored) == 1
    source_file, source_row, column_name, stored_reason = stored[0]
    assert (source_file, source_row, column_name) == ("tickets.csv", 3, column)
    assert reason in stored_reason
    assert rows(tmp_path / "wh.duckdb", "select count(*) from raw.tickets") == [(2,)]


def test_negative_duration_is_rejected(tmp_path: Path) -> None:
    header = "work_record_id,agent_id,ticket_id,conversation_id,started_at,talk_seconds,hold_seconds,wrap_up_seconds"
    write(
        tmp_path / "in",
        "agent_work_records.csv",
        [
            header,
            "W1,AG1,T1,,2025-03-01 10:00:00,60,0,30",
            "W2,AG1,T1,,2025-03-01 11:00:00,-5,0,30",
        ],
    )
    report = load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert_counts_add_up(report)
    assert report.rejects == [("agent_work_records.csv", 2, "talk_seconds", "-5", "value -5 is below 0")]


def test_one_row_with_several_faults_counts_once(tmp_path: Path) -> None:
    write(tmp_path / "in", "tickets.csv", [HEADER, "T5,pigeon,someday,x,CU1,eu_support,never,,x,"])
    report = load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert_counts_add_up(report)
    assert report.rows_rejected == 1
    assert {r[2] for r in report.rejects} == {"channel", "priority", "created_at"}


def test_missing_required_column_stops_the_whole_load(tmp_path: Path) -> None:
    write(tmp_path / "in", "customers.csv", ["customer_id,account_id,created_at,country", "CU1,,2025-01-01,NL"])
    write(
        tmp_path / "in",
        "tickets.csv",
        [
            "ticket_id,channel,priority,reason,customer_id,team_id,tags",
            "T1,email,normal,billing,CU1,eu_support,",
        ],
    )
    with pytest.raises(LoadError, match=r"tickets\.csv: required column created_at missing"):
        load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert not (tmp_path / "wh.duckdb").exists(), "nothing of a failed load may be kept"


def test_bad_encoding_names_file_row_and_column(tmp_path: Path) -> None:
    lines = [HEADER, *GOOD, "T3,email,normal,billing,CU1,eu_support,2025-03-01 10:00:00,,Caf\u00e9 au lait,"]
    write(tmp_path / "in", "tickets.csv", lines, encoding="latin-1")
    with pytest.raises(LoadError) as error:
        load(tmp_path / "in", tmp_path / "wh.duckdb")
    message = str(error.value)
    assert "tickets.csv" in message and "row 3" in message and "column subject" in message


def test_unknown_file_is_an_error_not_silently_skipped(tmp_path: Path) -> None:
    write(tmp_path / "in", "tickets.csv", [HEADER, *GOOD])
    write(tmp_path / "in", "tikets.csv", [HEADER, *GOOD])
    with pytest.raises(LoadError, match="tikets.csv"):
        load(tmp_path / "in", tmp_path / "wh.duckdb")


def test_loading_twice_adds_nothing_and_newer_versions_replace_by_key(tmp_path: Path) -> None:
    database = tmp_path / "wh.duckdb"
    write(tmp_path / "v1", "tickets.csv", [HEADER, *GOOD])
    load(tmp_path / "v1", database)
    again = load(tmp_path / "v1", database)
    assert [f.rows_new for f in again.files] == [0]
    assert rows(database, "select count(*) from raw.tickets") == [(2,)]
    write(
        tmp_path / "v2",
        "tickets.csv",
        [
            HEADER,
            "T1,email,high,billing,CU1,eu_support,2025-03-01 10:00:00,,Invoice,2025-03-02 09:00:00",
        ],
    )
    load(tmp_path / "v2", database)
    assert rows(database, "select ticket_id, priority from raw.tickets order by 1") == [
        ("T1", "high"),
        ("T2", "urgent"),
    ]


def test_every_contract_table_exists_after_a_partial_load(tmp_path: Path) -> None:
    write(tmp_path / "in", "tickets.csv", [HEADER, *GOOD])
    load(tmp_path / "in", tmp_path / "wh.duckdb")
    tables = rows(tmp_path / "wh.duckdb", "select count(*) from duckdb_tables() where schema_name = 'raw'")
    assert tables[0][0] >= 21  # 19 contract tables + rejects + load log


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_parquet_and_json_lines_load_like_csv(tmp_path: Path, fmt: str) -> None:
    csv_path = write(tmp_path / "csv", "tickets.csv", [HEADER, *GOOD])
    (tmp_path / "in").mkdir()
    con = duckdb.connect()
    target = tmp_path / "in" / f"tickets.{fmt}"
    option = "(format parquet)" if fmt == "parquet" else "(format json)"
    con.execute(f"copy (select * from read_csv('{csv_path}', all_varchar = true)) to '{target}' {option}")
    report = load(tmp_path / "in", tmp_path / "wh.duckdb")
    assert (report.rows_read, report.rows_loaded) == (2, 2)
