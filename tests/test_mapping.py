"""Mappings are code, trusted like a dbt model, and still confined: the source path stays in
the export folder, every expression is one SQL expression, and expressions touch no file."""

from __future__ import annotations

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
