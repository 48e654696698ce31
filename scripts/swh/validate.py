"""What a value must look like to be stored, and the SQL that finds every row that breaks it.

A value is stored exactly as written or its row is rejected. Every check here runs in DuckDB
over the text of the staged rows (`swh.files`) and yields (file, row, column, value, reason).
The rules are the contract's (contract/raw_contract.yml); this module only states how each
type is recognised, once.
"""

from __future__ import annotations

import re

from swh.contract import Column, Contract, Table, mapping_source_values

# Text that no value may hold: NUL and the other C0 control bytes but tab, LF and CR, and DEL.
CONTROL_BYTES = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# Keys and references additionally hold no tab or line break and no `:` (the separator
# between a source system and an id in the warehouse).
ID_FORBIDDEN = r"[\t\n\r:]"
TIMESTAMP_PATTERN = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?| UTC| [A-Za-z_]+(/[A-Za-z0-9_+-]+)+)?"
)
SQL_TYPES = {
    "string": "varchar",
    "integer": "bigint",
    "decimal": "decimal(18,4)",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "date": "date",
}
EXPECTED = {
    "integer": "an integer (plain decimal digits, at most 18)",
    "decimal": "a decimal number with at most {scale} decimal places",
    "boolean": "a boolean (true, false, t, f, 1, 0, yes, no)",
    "timestamp": "an ISO 8601 timestamp (a numeric offset or an IANA zone name, never an abbreviation)",
    "date": "a date (YYYY-MM-DD)",
}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def typed_sql(column: Column, expr: str, scale: int) -> str:
    """The value of `expr` (text) in the column's type, or NULL when it is not written exactly so."""
    value = f"trim({expr})"
    if column.type == "string":
        return expr
    if column.type == "integer":
        return f"case when regexp_full_match({value}, '[+-]?[0-9]{{1,18}}') then cast({value} as bigint) end"
    if column.type == "decimal":
        digits = 18 - scale
        pattern = f"[+-]?[0-9]{{1,{digits}}}(\\.[0-9]{{1,{scale}}}0*)?"
        return f"case when regexp_full_match({value}, '{pattern}') then cast({value} as decimal(18,{scale})) end"
    if column.type == "boolean":
        return (
            f"case lower({value}) when 'true' then true when 't' then true when '1' then true when 'yes' then true "
            f"when 'false' then false when 'f' then false when '0' then false when 'no' then false end"
        )
    if column.type == "date":
        pattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
        return f"case when regexp_full_match({value}, '{pattern}') then try_cast({value} as date) end"
    # timestamp: converted to UTC; a value without zone is UTC already (the session zone is UTC)
    return (
        f"case when regexp_full_match({value}, {literal(TIMESTAMP_PATTERN)}) "
        f"then timezone('UTC', try_cast({value} as timestamptz)) end"
    )


TYPED_PREFIX = "t__"


def checked_select(table: Table, scale: int, source: str) -> str:
    """The staged text rows with, beside each column, its typed value (`t__<column>`)."""
    cols = ", ".join(
        f"cast({typed_sql(c, quote(c.name), scale)} as {SQL_TYPES[c.type]}) as {quote(TYPED_PREFIX + c.name)}"
        for c in table.columns
    )
    return f"select *, {cols} from {source}"


def typed_select(table: Table, checked: str) -> str:
    """Only the typed values, under the contract's column names."""
    cols = ", ".join(f"{quote(TYPED_PREFIX + c.name)} as {quote(c.name)}" for c in table.columns)
    return f"select _file, _file_order, _source_row, {cols} from {checked}"


def _column_rules(table: Table, contract: Contract) -> list[tuple[str, str, str, str]]:
    """Every column rule of `table` as (column, condition, reason, value), over the staged text
    beside its typed form (`checked_select`)."""
    rules: list[tuple[str, str, str, str]] = []
    scale = contract.decimal_scale
    for column in table.columns:
        text = quote(column.name)
        typed = quote(TYPED_PREFIX + column.name)

        def rule(condition: str, reason: str, text: str = text, name: str = column.name) -> None:
            rules.append((name, condition, reason, text))

        if column.required:
            rule(f"{text} is null", "'missing required value'")
        rule(f"regexp_matches({text}, '{CONTROL_BYTES}')", "'contains a NUL or control byte'")
        if column.is_id:
            rule(
                f"regexp_matches({text}, '{ID_FORBIDDEN}') or {text} <> trim({text})",
                "'an id may not contain a tab, a line break, `:` or surrounding spaces'",
            )
        if column.type != "string":
            expected = EXPECTED[column.type].format(scale=scale)
            rule(f"{text} is not null and {typed} is null", f"'cannot parse ' || {text} || ' as {expected}'")
        if column.allowed:
            values = ", ".join(literal(v) for v in column.allowed)
            rule(
                f"{text} is not null and {text} not in ({values})",
                f"'unknown value ' || {text} || ' (allowed: {', '.join(column.allowed)})'",
            )
        if column.mapped_by:
            words = mapping_source_values(column.mapped_by)
            values = ", ".join(literal(v) for v in words) or "null"
            rule(
                f"{text} is not null and {text} not in ({values})",
                f"'no mapping for ' || {text} || ' in seeds/{column.mapped_by}.csv (add it there)'",
            )
        if column.min is not None:
            rule(f"{typed} < {column.min!r}", f"'value ' || {text} || ' is below {column.min}'")
        if column.max is not None:
            rule(f"{typed} > {column.max!r}", f"'value ' || {text} || ' is above {column.max}'")
        if column.type in ("timestamp", "date"):
            kind = "date" if column.type == "date" else "timestamp"
            low, high = contract.timestamp_from, contract.timestamp_to
            rule(
                f"({typed} < {kind} '{low}' or {typed} >= {kind} '{high}')",
                f"{text} || ' is outside the contract''s window [{low}, {high})'",
            )
    return rules


def suspect_select(table: Table, contract: Contract, checked: str) -> str:
    """The rows of `checked` that break at least one column rule. Finding them is the one pass
    over every row the column rules cost; `column_checks` then reads only these few rows."""
    conditions = " or ".join(f"({condition})" for _, condition, _, _ in _column_rules(table, contract))
    return f"select * from {checked} where {conditions}"


def column_checks(table: Table, contract: Contract, checked: str) -> list[str]:
    """One select per column rule, over rows of the staged text beside its typed form
    (`checked_select`, or only its suspect rows: `suspect_select`)."""
    return [
        f"select _file, _source_row, {literal(name)} as column_name, {value} as value, {reason} as reason "
        f"from {checked} where {condition}"
        for name, condition, reason, value in _column_rules(table, contract)
    ]


def duplicate_key_check(table: Table, text: str) -> str:
    """Rows whose key an earlier row of the load (this file or an earlier one) already has."""
    keys = ", ".join(quote(k) for k in table.keys)
    key_text = " || '|' || ".join(f"coalesce({quote(k)}, '')" for k in table.keys)
    return (
        f"select _file, _source_row, {literal(','.join(table.keys))} as column_name, {key_text} as value, "
        f"'duplicate key (first in ' || first_file || ' row ' || first_row || ')' as reason from ("
        f"select *, first_value(_file) over w as first_file, first_value(_source_row) over w as first_row, "
        f"row_number() over w as occurrence from {text} "
        f"window w as (partition by {keys} order by _file_order, _source_row)) dup where occurrence > 1"
    )


PARENT_COLUMN = re.compile(r"\bparent\.([a-z_]+)")


def parent_columns(rule_checks: list[str]) -> set[str]:
    """Columns of the parent row that rules use (`parent.created_at`)."""
    return {m for check in rule_checks for m in PARENT_COLUMN.findall(check)}


def rule_checks(table: Table, typed: str, parents: dict[str, str]) -> list[str]:
    """The table's row rules. `parents` maps a references column to the relation of its parents."""
    checks: list[str] = []
    for rule in table.rules:
        join = ""
        if rule.parent is not None:
            target_table, target_column = table.column(rule.parent).references.split(".")  # type: ignore[union-attr]
            join = f"join {parents[rule.parent]} parent on parent.{quote(target_column)} = t.{quote(rule.parent)}"
        checks.append(
            f"select t._file, t._source_row, {literal(rule.column)} as column_name, "
            f"cast(t.{quote(rule.column)} as varchar) as value, {literal(rule.reason)} as reason "
            f"from {typed} t {join} where ({rule.check}) is false"
        )
    return checks


def reference_checks(table: Table, typed: str, parents: dict[str, str], source_system: str) -> list[str]:
    """Rows whose reference names no row of the referenced table (this load or stored)."""
    checks: list[str] = []
    for column in table.columns:
        if not column.references:
            continue
        target_table, target_column = column.references.split(".")
        col = quote(column.name)
        checks.append(
            f"select t._file, t._source_row, {literal(column.name)} as column_name, t.{col} as value, "
            f"'no {target_table} row with {target_column} ' || t.{col} || "
            f"' in source system {source_system} (in this load or loaded before)' as reason "
            f"from {typed} t where t.{col} is not null and not exists "
            f"(select 1 from {parents[column.name]} p where p.{quote(target_column)} = t.{col})"
        )
    return checks
