"""The raw data contract: parse contract/raw_contract.yml and render dbt sources from it."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONTRACT_PATH = PROJECT_ROOT / "contract" / "raw_contract.yml"
SEEDS_PATH = PROJECT_ROOT / "seeds"
SOURCES_PATH = PROJECT_ROOT / "models" / "staging" / "helpdesk" / "_helpdesk__sources.yml"
SOURCE_NAME = "helpdesk"
TYPES = ("string", "integer", "decimal", "boolean", "timestamp", "date")
NUMERIC_TYPES = ("integer", "decimal")
DEFAULT_SOURCE_SYSTEM = "helpdesk"
# Meta columns the loader adds to every raw table, with their SQL types and descriptions.
# (name, contract type, description) of the columns the loader adds to every raw table
META_COLUMNS = (
    ("_source_system", "string", "Source system the row came from (`swh load --source-system`); part of the key."),
    ("_load_id", "string", "Load that wrote the row (raw._load_log)."),
    ("_source_file", "string", "File the row was loaded from."),
    ("_source_row", "integer", "Row number in that file (1 = first data row; for JSON Lines the line)."),
    ("_loaded_at", "timestamp", "When the loader wrote the row (UTC)."),
)


@dataclass(frozen=True)
class Column:
    """One column of a raw table."""

    name: str
    type: str
    description: str
    key: bool = False
    required: bool = False
    allowed: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    references: str | None = None
    mapped_by: str | None = None

    @property
    def is_id(self) -> bool:
        """Keys and references: identifiers that are scoped by source system in the warehouse."""
        return self.key or self.references is not None


@dataclass(frozen=True)
class Rule:
    """A row check: `check` (DuckDB SQL over typed values) must not be false."""

    column: str
    check: str
    reason: str
    parent: str | None = None


@dataclass(frozen=True)
class Table:
    """One raw table of the contract."""

    name: str
    description: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = field(default=())
    rules: tuple[Rule, ...] = field(default=())
    derived: bool = False  # written by the loader from other tables, never loaded from a file

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name}")


@dataclass(frozen=True)
class Contract:
    """The tables and the contract-wide bounds."""

    tables: dict[str, Table]
    timestamp_from: date
    timestamp_to: date
    decimal_scale: int


def _column(name: str, spec: dict[str, Any], table: str) -> Column:
    kind = spec.get("type")
    if kind not in TYPES:
        raise ValueError(f"contract: {table}.{name} has type {kind!r}; expected one of {TYPES}")
    if kind in NUMERIC_TYPES and (spec.get("min") is None or spec.get("max") is None):
        raise ValueError(f"contract: {table}.{name} is {kind} and must declare both min and max")
    key = bool(spec.get("key", False))
    return Column(
        name=name,
        type=kind,
        description=str(spec.get("description", "")),
        key=key,
        required=key or bool(spec.get("required", False)),
        allowed=tuple(str(v) for v in spec.get("allowed", ())),
        min=spec.get("min"),
        max=spec.get("max"),
        references=spec.get("references"),
        mapped_by=spec.get("mapped_by"),
    )


def _mapping_seed_rows(seed: str) -> list[list[str]]:
    with (SEEDS_PATH / f"{seed}.csv").open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row]


def mapping_source_column(seed: str) -> str:
    """The first column of a mapping seed: the source's own words."""
    return _mapping_seed_rows(seed)[0][0]


def mapping_source_values(seed: str) -> tuple[str, ...]:
    """Every source word a mapping seed maps (its first column)."""
    return tuple(row[0] for row in _mapping_seed_rows(seed)[1:])


def _rule(spec: dict[str, Any], table: str, columns: tuple[Column, ...]) -> Rule:
    rule = Rule(column=spec["column"], check=spec["check"], reason=spec["reason"], parent=spec.get("parent"))
    names = {c.name for c in columns}
    if rule.column not in names:
        raise ValueError(f"contract: a rule of {table} names unknown column {rule.column}")
    if rule.parent is not None and not next(c for c in columns if c.name == rule.parent).references:
        raise ValueError(f"contract: a rule of {table} has parent {rule.parent}, which references nothing")
    return rule


def load_full_contract(path: Path = CONTRACT_PATH) -> Contract:
    """Read the contract file: tables keyed by name in file order, and the bounds."""
    raw = yaml.safe_load(path.read_text())
    window = raw["timestamp_window"]
    return Contract(
        tables=_tables(raw),
        timestamp_from=date.fromisoformat(str(window["from"])),
        timestamp_to=date.fromisoformat(str(window["to"])),
        decimal_scale=int(raw["decimal_scale"]),
    )


def load_contract(path: Path = CONTRACT_PATH) -> dict[str, Table]:
    """Read the contract file into tables keyed by name, in file order."""
    return load_full_contract(path).tables


def _tables(raw: dict[str, Any]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for name, spec in raw["tables"].items():
        columns = tuple(_column(col, cspec, name) for col, cspec in spec["columns"].items())
        keys = tuple(c.name for c in columns if c.key)
        if not keys:
            raise ValueError(f"contract: table {name} declares no key column")
        tables[name] = Table(
            name=name,
            description=str(spec.get("description", "")),
            columns=columns,
            keys=keys,
            rules=tuple(_rule(r, name, columns) for r in spec.get("rules", ())),
            derived=bool(spec.get("derived", False)),
        )
    return tables


def render_sources(tables: dict[str, Table]) -> str:
    """Render the dbt sources YAML for the raw schema, tests included."""
    source_tables = []
    for table in tables.values():
        columns = []
        for column in table.columns:
            tests: list[Any] = []
            if column.required:
                tests.append("not_null")
            if column.allowed:
                tests.append({"accepted_values": {"arguments": {"values": list(column.allowed)}}})
            if column.mapped_by:
                seed, field = column.mapped_by, mapping_source_column(column.mapped_by)
                tests.append({"relationships": {"arguments": {"to": f"ref('{seed}')", "field": field}}})
            entry: dict[str, Any] = {
                "name": column.name,
                "description": column.description,
                "data_type": column.type,
            }
            if tests:
                entry["data_tests"] = tests
            columns.append(entry)
        meta_columns: list[dict[str, Any]] = [
            {"name": n, "description": d, "data_type": kind} for n, kind, d in META_COLUMNS
        ]
        meta_columns[0]["data_tests"] = ["not_null"]
        table_tests = [
            {"unique_combination": {"arguments": {"columns": ["_source_system", *table.keys]}}},
        ]
        source_tables.append(
            {
                "name": table.name,
                "description": table.description,
                "data_tests": table_tests,
                "columns": columns + meta_columns,
            }
        )
    document = {
        "version": 2,
        "sources": [
            {
                "name": SOURCE_NAME,
                "description": (
                    "Raw support data in the project's own contract (contract/raw_contract.yml), "
                    "written by `swh load`. Generated by `swh contract sources`: do not edit by hand."
                ),
                "schema": "{{ var('raw_schema', 'raw') }}",
                "loaded_at_field": "_loaded_at",
                "config": {
                    "freshness": {
                        "warn_after": {"count": 1, "period": "day"},
                        "error_after": {"count": 7, "period": "day"},
                    }
                },
                "tables": source_tables,
            }
        ],
    }
    header = "# Generated from contract/raw_contract.yml by `swh contract sources`. Do not edit.\n"
    return header + yaml.safe_dump(document, sort_keys=False, width=100)
