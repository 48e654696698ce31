"""Mappings are code, trusted like a dbt model, and still confined: the source path stays in
the export folder, every expression is one SQL expression, and expressions touch no file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from swh.files import LoadError
from swh.mapping import apply_mapping

EXPORT = "id,team\nA1,Sales\nA2,Billing\n"


def mapping(tmp_path: Path, tables: str, source_file: str = "export.csv") -> Path:
    path = tmp_path / "mapping.yml"
    path.write_text(f"source:\n  file: {source_file}\ntables:\n{tables}")
    return path


def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / "export.csv").write_text(EXPORT)
    return folder


TEAMS = "  teams:\n    columns:\n      team_id: team\n      team_name: team\n"


def test_a_plain_mapping_writes_the_contract_files(tmp_path: Path) -> None:
    report = apply_mapping(mapping(tmp_path, TEAMS), export(tmp_path), tmp_path / "out")
    assert report.written == {"teams": 2}
    assert (tmp_path / "out" / "teams.csv").read_text().splitlines()[1:] == ['"Sales","Sales"', '"Billing","Billing"']


def test_several_statements_in_where_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "pwned.csv"
    tables = TEAMS + f"    where: \"true; copy (select 1) to '{target}'\"\n"
    with pytest.raises(LoadError, match="must be one SQL expression, found 2 statements"):
        apply_mapping(mapping(tmp_path, tables), export(tmp_path), tmp_path / "out")
    assert not target.exists()


def test_an_expression_cannot_read_a_file(tmp_path: Path) -> None:
    reading = "(select content from read_text('/etc/passwd'))"
    tables = f'  teams:\n    columns:\n      team_id: team\n      team_name: {{sql: "{reading}"}}\n'
    with pytest.raises(LoadError, match="(?i)permission|disabled|external"):
        apply_mapping(mapping(tmp_path, tables), export(tmp_path), tmp_path / "out")


def test_the_source_path_cannot_leave_the_export_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="outside the export folder"):
        apply_mapping(mapping(tmp_path, TEAMS, "../../../etc/passwd"), export(tmp_path), tmp_path / "out")


def test_an_absolute_source_path_is_taken_as_written(tmp_path: Path) -> None:
    folder = export(tmp_path)
    report = apply_mapping(mapping(tmp_path, TEAMS, str(folder / "export.csv")), tmp_path, tmp_path / "out")
    assert report.source_rows == 2


def test_an_output_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "orders.csv").write_text("order_id\n")
    with pytest.raises(LoadError, match="not written by a mapping"):
        apply_mapping(mapping(tmp_path, TEAMS), export(tmp_path), out)


def test_a_second_mapping_run_replaces_the_first_runs_files(tmp_path: Path) -> None:
    folder = export(tmp_path)
    agents = (
        "  agents:\n    columns:\n      agent_id: id\n      agent_name: id\n      team_id: team\n"
        "      is_bot: {value: 'false'}\n      hired_on: {value: '2025-01-01'}\n"
    )
    apply_mapping(mapping(tmp_path, TEAMS + agents), folder, tmp_path / "out")
    apply_mapping(mapping(tmp_path, TEAMS), folder, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".swh-mapped", "teams.csv"]


def test_csv_dialect_options_read_a_semicolon_latin1_export(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "export.csv").write_bytes("id;team\nA1;'Caf\xe9; Support'\n".encode("latin-1"))
    spec = tmp_path / "mapping.yml"
    spec.write_text(
        'source:\n  file: export.csv\n  delimiter: ";"\n  quote: "\'"\n  encoding: latin-1\ntables:\n' + TEAMS
    )
    report = apply_mapping(spec, folder, tmp_path / "out")
    assert report.written == {"teams": 1}
    assert (tmp_path / "out" / "teams.csv").read_text().splitlines()[1] == '"Café; Support","Café; Support"'


def test_an_unknown_encoding_is_one_clear_error(tmp_path: Path) -> None:
    spec = tmp_path / "mapping.yml"
    spec.write_text("source:\n  file: export.csv\n  encoding: ebcdic\ntables:\n" + TEAMS)
    with pytest.raises(LoadError, match="encoding 'ebcdic': use one of latin-1, utf-16, utf-8"):
        apply_mapping(spec, export(tmp_path), tmp_path / "out")


def test_source_columns_the_mapping_does_not_use_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "export.csv").write_text("id,team,sla_breached,reopen_count,region\nA1,Sales,1,0,EU\n")
    tables = "  teams:\n    columns:\n      team_id: team\n      team_name: {sql: \"team || ' ' || region\"}\n"
    report = apply_mapping(mapping(tmp_path, tables), folder, tmp_path / "out")
    assert report.unused_columns == ["id", "sla_breached", "reopen_count"]


def ods(path: Path, rows: list[list[str]]) -> None:
    """A minimal OpenDocument spreadsheet (what LibreOffice writes, stripped to the cells)."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
            if v.isdigit()
            else f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="calls">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)


def test_an_ods_spreadsheet_is_a_source_with_whole_numbers_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    ods(folder / "agents.ods", [["agent", "team", "since"], ["A1", "Sales", "2024"], ["A2", "Billing", "2025"]])
    spec = tmp_path / "mapping.yml"
    spec.write_text(
        "source:\n  file: agents.ods\n  sheet: calls\ntables:\n"
        "  agents:\n    columns:\n      agent_id: agent\n      agent_name: agent\n      team_id: team\n"
        "      is_bot: {value: 'false'}\n      hired_on: {sql: \"since || '-01-01'\"}\n"
    )
    report = apply_mapping(spec, folder, tmp_path / "out")
    assert report.written == {"agents": 2}
    lines = (tmp_path / "out" / "agents.csv").read_text().splitlines()
    assert lines[1:] == ['"A1","A1","Sales","false","2024-01-01"', '"A2","A2","Billing","false","2025-01-01"']
    assert report.unused_columns == []


def test_swh_map_shows_the_first_mapped_rows_and_loads_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from swh.cli import main

    assert main(["map", str(mapping(tmp_path, TEAMS)), str(export(tmp_path)), "--rows", "1"]) == 0
    shown = capsys.readouterr().out
    assert "teams: 2 rows; the first 1:" in shown
    assert "  team_id | team_name\n  Sales | Sales\n" in shown
    assert "Billing" not in shown
    assert "source columns the mapping does not use: id" in shown


def test_group_by_and_order_by_take_expressions(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    # The export numbers its rows as text: "10" sorts before "9" unless ordered as a number.
    (folder / "export.csv").write_text("seq,team,owner\n9,Sales,Ann\n10,SALES,Bo\n")
    tables = (
        "  teams:\n    group_by: {sql: lower(team)}\n    order_by: {sql: cast(seq as integer)}\n"
        "    columns:\n      team_id: {sql: lower(team), aggregate: none}\n"
        "      team_name: {column: owner, aggregate: last}\n"
    )
    report = apply_mapping(mapping(tmp_path, tables), folder, tmp_path / "out")
    assert report.written == {"teams": 1}
    assert (tmp_path / "out" / "teams.csv").read_text().splitlines()[1] == '"sales","Bo"'
    assert report.unused_columns == []


def test_a_two_file_export_joined_by_key_loads_with_nothing_lost(tmp_path: Path) -> None:
    from swh.load import DuckDBTarget, load_folder

    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "requests.csv").write_text(
        "number;opened;requester_email;kind\nR-1;2025-03-03 09:00;ann@example.com;Mail\nR-2;2025-03-04 10:30;;Phone\n"
    )
    ods(folder / "people.ods", [["email", "customer_no", "since"], ["ann@example.com", "1001", "2024"]])
    spec = tmp_path / "mapping.yml"
    spec.write_text(
        """sources:
  requests: {file: requests.csv, delimiter: ";"}
  people: {file: people.ods}
tables:
  customers:
    from: people
    columns:
      customer_id: customer_no
      created_at: {sql: "since || '-01-01 00:00:00'"}
  tickets:
    from: requests
    join:
      - {source: people, on: "requests.requester_email = people.email"}
    columns:
      ticket_id: number
      channel: {column: kind, map: {Mail: email, Phone: phone}}
      priority: {value: normal}
      customer_id: people.customer_no
      created_at: opened
"""
    )
    report = apply_mapping(spec, folder, tmp_path / "mapped")
    assert report.source_rows == 3
    assert report.written == {"customers": 1, "tickets": 2}
    assert report.unused_columns == []
    loaded = load_folder(tmp_path / "mapped", DuckDBTarget(tmp_path / "wh.duckdb"), progress=lambda _: None)
    assert loaded.rows_rejected == 0 and loaded.rows_loaded == 3
    import duckdb

    con = duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True)
    try:
        tickets = con.execute("select ticket_id, channel, customer_id from raw.tickets order by 1").fetchall()
    finally:
        con.close()
    assert tickets == [("R-1", "email", "1001"), ("R-2", "phone", None)]


def test_a_reject_of_a_mapped_file_names_the_users_own_file_and_line(tmp_path: Path) -> None:
    from swh.load import DuckDBTarget, load_folder

    folder = tmp_path / "export"
    folder.mkdir()
    # Row 3 of the user's file has a channel nobody mapped; the mapping skips row 1, so the row is
    # row 2 of the mapped tickets.csv. The reject names the user's file and row.
    (folder / "requests.csv").write_text(
        "number,opened,kind\nR-0,2025-03-02 08:00,skip\nR-1,2025-03-03 09:00,email\nR-2,2025-03-04 10:30,pigeon\n"
    )
    spec = tmp_path / "mapping.yml"
    spec.write_text(
        "source:\n  file: requests.csv\ntables:\n  tickets:\n    where: \"kind <> 'skip'\"\n    columns:\n"
        "      ticket_id: number\n      channel: kind\n      priority: {value: normal}\n      created_at: opened\n"
    )
    apply_mapping(spec, folder, tmp_path / "mapped")
    report = load_folder(tmp_path / "mapped", DuckDBTarget(tmp_path / "wh.duckdb"), progress=lambda _: None)
    assert [(f, row, column) for f, row, column, *_ in report.rejects] == [("requests.csv", 3, "channel")]
    assert "(mapped into tickets.csv row 2)" in report.rejects[0][4]


def test_qualify_filters_on_a_window_function(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "export.csv").write_text("id,team\nA1,Sales\nA2,Sales\nA3,Billing\n")
    tables = TEAMS + "    qualify: row_number() over (partition by team order by _row) = 1\n"
    report = apply_mapping(mapping(tmp_path, tables), folder, tmp_path / "out")
    assert report.written == {"teams": 2}
