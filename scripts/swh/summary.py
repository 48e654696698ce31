"""Print a short summary of a built warehouse: table sizes per layer and headline KPIs."""

from __future__ import annotations

from pathlib import Path

import duckdb

from swh.errors import SwhError

HEADLINES = [
    ("contacts", "select count(*) from core.fct_contacts", "no contacts"),
    ("open at data end", "select count(*) from core.fct_contacts where not is_solved", "no contacts"),
    (
        "avg first response (business min)",
        "select round(sum(first_response_business_minutes_sum) / sum(first_responded_contact_count), 1) "
        "from marts.speed_daily",
        "no agent replies",
    ),
    (
        "avg time to resolution (calendar h)",
        "select round(sum(resolution_calendar_hours_sum) / sum(resolved_contact_count), 1) from marts.speed_daily",
        "no solved contacts",
    ),
    (
        "first contact resolution",
        "select round(100.0 * sum(fcr_contact_count) / sum(fcr_eligible_contact_count), 1) || '%' "
        "from marts.effectiveness_daily",
        "no contacts eligible for FCR",
    ),
    (
        "CSAT",
        "select round(100.0 * sum(csat_satisfied_count) / sum(csat_response_count), 1) || '%' "
        "from marts.satisfaction_surveys_daily",
        "no CSAT answers",
    ),
    (
        "bot containment",
        "select round(100.0 * sum(contained_count) / sum(ended_bot_conversation_count), 1) || '%' "
        "from marts.automation_bot_daily",
        "no ended bot conversations",
    ),
    (
        "coverage",
        "select round(100.0 * sum(staffed_page_view_count) / sum(page_view_count), 1) || '%' "
        "from marts.availability_daily",
        "no page views",
    ),
    (
        "service level (answered within 20 s)",
        "select round(100.0 * sum(answered_within_threshold_count) / sum(offered_excluding_short_abandon_count), 1) "
        "|| '%' from marts.contact_centre_queue_daily",
        "no queue entries",
    ),
    ("accounts at risk", "select count(*) from marts.churn_accounts_at_risk where is_at_risk", "no accounts"),
]


def summarize(database: Path) -> str:
    """Return the summary text for the DuckDB warehouse at `database`."""
    if not database.exists():
        raise SwhError(f"{database}: no warehouse here; run `make demo` or `swh load` and `dbt build` first")
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        if "lock" in message.lower():
            message = "another process has it open (is a dbt build running?); try again when it has finished"
        raise SwhError(f"{database}: cannot open the warehouse: {message}") from exc
    try:
        rows = con.execute(
            "select schema_name, count(*), sum(estimated_size) from duckdb_tables() "
            "where schema_name in ('raw', 'staging', 'intermediate', 'core', 'marts', 'config') "
            "group by schema_name order by schema_name"
        ).fetchall()
        lines = [f"warehouse {database}"]
        lines += [f"  {schema:<13} {tables:>3} tables {rows_:>12,} rows" for schema, tables, rows_ in rows]
        lines.append("headline KPIs (whole period)")
        for label, sql, absent in HEADLINES:
            try:
                value = con.execute(sql).fetchone()[0]
            except duckdb.Error as exc:
                value = f"unavailable ({str(exc).splitlines()[0]})"
            if value is None:  # a ratio over nothing: say what is missing, never nan or 0
                value = f"n/a ({absent} in this data)"
            lines.append(f"  {label:<38} {value}")
        return "\n".join(lines)
    finally:
        con.close()
