"""The raw contract is consistent, and the dbt sources and staging models follow it."""

from __future__ import annotations

import yaml

from swh.contract import PROJECT_ROOT, SOURCES_PATH, TYPES, load_contract, render_sources


def test_every_table_has_a_key_and_known_types() -> None:
    tables = load_contract()
    assert len(tables) >= 19
    for table in tables.values():
        assert table.keys, table.name
        for column in table.columns:
            assert column.type in TYPES
            assert column.description, f"{table.name}.{column.name} has no description"


def test_committed_dbt_sources_are_generated_from_the_contract() -> None:
    assert SOURCES_PATH.read_text() == render_sources(load_contract()), "run `swh contract sources`"


def test_every_raw_table_has_one_staging_model_with_every_column() -> None:
    tables = load_contract()
    staging = PROJECT_ROOT / "models" / "staging" / "helpdesk"
    documented = {
        m["name"]: {c["name"] for c in m["columns"]}
        for m in yaml.safe_load((staging / "_helpdesk__models.yml").read_text())["models"]
    }
    for name, table in tables.items():
        model = f"stg_helpdesk__{name}"
        assert (staging / f"{model}.sql").exists(), model
        assert {c.name for c in table.columns} <= documented[model], model


def test_references_point_at_existing_columns() -> None:
    tables = load_contract()
    for table in tables.values():
        for column in table.columns:
            if column.references:
                target_table, target_column = column.references.split(".")
                assert tables[target_table].column(target_column).key


def test_unit_test_names_fit_a_postgresql_relation_name() -> None:
    """dbt names a unit test's relation after it; PostgreSQL cuts names at 63 characters."""
    names = [
        test["name"]
        for path in (PROJECT_ROOT / "models").rglob("*unit_tests.yml")
        for test in yaml.safe_load(path.read_text())["unit_tests"]
    ]
    assert len(names) >= 50
    assert [n for n in names if len(n) > 63] == []
