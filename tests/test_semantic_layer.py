"""The semantic layer (MetricFlow) validates and agrees with the marts, one metric or more
per KPI category (twelve categories), at day and at month grain (months from re-aggregated sums).
Rates are percentages (0-100) in every metric; the saved queries reproduce the dashboard pages."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import duckdb
import pytest

from conftest import BIN, ROOT, dbt_env

# metric -> (mart, time column, SQL of the metric over the mart's rows)
METRICS = {
    "first_response_time_business_minutes": (
        "speed_daily",
        "date_day",
        "sum(first_response_business_minutes_sum) / nullif(sum(first_responded_contact_count), 0)",
    ),
    "first_contact_resolution_rate": (
        "effectiveness_daily",
        "date_day",
        "100.0 * sum(fcr_contact_count) / nullif(sum(fcr_eligible_contact_count), 0)",
    ),
    "csat_score": (
        "satisfaction_surveys_daily",
        "date_day",
        "100.0 * sum(csat_satisfied_count) / nullif(sum(csat_response_count), 0)",
    ),
    "nps": (
        "satisfaction_nps_periods",
        "period_start_date",
        "100.0 * (sum(promoter_count) filter (where period_type = 'month') - sum(detractor_count) filter "
        "(where period_type = 'month')) / nullif(sum(nps_respondent_count) filter (where period_type = 'month'), 0)",
    ),
    "containment_rate": (
        "automation_bot_daily",
        "date_day",
        "100.0 * sum(contained_count) / nullif(sum(ended_bot_conversation_count), 0)",
    ),
    "agent_average_handle_time_minutes": (
        "rep_activity_daily",
        "date_day",
        "sum(handle_seconds) / nullif(sum(worked_contact_count), 0) / 60",
    ),
    "submissions": ("team_submissions_daily", "date_day", "sum(submitted_contact_count)"),
    "coverage_rate": (
        "availability_daily",
        "date_day",
        "100.0 * sum(staffed_page_view_count) / nullif(sum(page_view_count), 0)",
    ),
    "churn_rate": (
        "churn_monthly",
        "month_start_date",
        "100.0 * sum(churned_customer_count) / nullif(sum(active_at_start_count), 0)",
    ),
    "cost_per_contact_usd": (
        "contribution_cost_daily",
        "date_day",
        "sum(total_cost_usd) / nullif(sum(human_handled_contact_count), 0)",
    ),
    "complaint_resolution_rate": (
        "product_complaints_monthly",
        "month_start_date",
        "100.0 * sum(resolved_complaint_count) / nullif(sum(complaint_count), 0)",
    ),
    "service_level": (
        "contact_centre_queue_daily",
        "date_day",
        "100.0 * sum(answered_within_threshold_count) / nullif(sum(offered_excluding_short_abandon_count), 0)",
    ),
    "agent_occupancy": (
        "contact_centre_occupancy_daily",
        "date_day",
        "100.0 * sum(handle_seconds) / nullif(sum(staffed_seconds), 0)",
    ),
    "absenteeism_rate": (
        "employee_absenteeism_daily",
        "date_day",
        "100.0 * sum(unplanned_absence_hours) / nullif(sum(scheduled_hours), 0)",
    ),
}


def agrees(metric: str, key: object, got: str, expected: object) -> int:
    """Assert MetricFlow's CSV value equals the SQL's (nine significant digits; null as empty);
    1 when a value was compared, 0 for an expected null."""
    if expected is None:
        assert got in ("", "None"), (metric, key, got)
        return 0
    assert got not in ("", "None"), (metric, key)
    assert abs(float(got) - float(expected)) <= 1e-9 * max(1.0, abs(float(expected))), (metric, key, got, expected)
    return 1


def run_mf(args: list[str], database: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(BIN / "mf"), *args], cwd=ROOT, env=dbt_env(database), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result


def test_metricflow_configs_validate(built_warehouse: Path) -> None:
    result = run_mf(["validate-configs"], built_warehouse)
    assert "ERRORS: 0" in result.stdout


@pytest.mark.parametrize("grain", ["day", "month"])
def test_metrics_equal_the_marts(built_warehouse: Path, tmp_path: Path, grain: str) -> None:
    # Monthly marts carry a month time dimension: MetricFlow serves them at month grain only.
    metrics = {m: spec for m, spec in METRICS.items() if grain == "month" or spec[1] != "month_start_date"}
    out = tmp_path / f"{grain}.csv"
    run_mf(
        ["query", "--metrics", ",".join(metrics), "--group-by", f"metric_time__{grain}", "--csv", str(out)],
        built_warehouse,
    )
    with out.open() as fh:
        from_mf = {row[f"metric_time__{grain}"][:10]: row for row in csv.DictReader(fh)}
    con = duckdb.connect(str(built_warehouse), read_only=True)
    checked = 0
    for metric, (mart, time_column, expression) in metrics.items():
        period = time_column if grain == "day" else f"date_trunc('month', {time_column})"
        rows = con.execute(
            f"select cast({period} as date), {expression} from marts.{mart} group by 1 order by 1"
        ).fetchall()
        for day, expected in rows:
            checked += agrees(metric, day, from_mf.get(str(day), {}).get(metric, ""), expected)
    con.close()
    assert checked > len(metrics) * (6 if grain == "month" else 50)


# Cross-mart queries: metrics of different marts grouped by a shared dimension (an entity every
# mart's semantic model names), against SQL written here over the marts and core.dim_teams.
CROSS_MART = {
    "by month and channel": (
        ["metric_time__month", "channel"],
        {
            "csat_score": """
                select date_trunc('month', date_day), channel,
                    100.0 * sum(csat_satisfied_count) / nullif(sum(csat_response_count), 0)
                from marts.satisfaction_surveys_daily group by all""",
            "first_response_time_business_minutes": """
                select date_trunc('month', date_day), channel,
                    sum(first_response_business_minutes_sum) / nullif(sum(first_responded_contact_count), 0)
                from marts.speed_daily group by all""",
            "first_contact_resolution_rate": """
                select date_trunc('month', date_day), channel,
                    100.0 * sum(fcr_contact_count) / nullif(sum(fcr_eligible_contact_count), 0)
                from marts.effectiveness_daily group by all""",
        },
    ),
    "by team name": (
        ["team__team_name"],
        {
            "csat_score": """
                select t.team_name, 100.0 * sum(s.csat_satisfied_count) / nullif(sum(s.csat_response_count), 0)
                from marts.satisfaction_surveys_daily s left join core.dim_teams t on s.team_id = t.team_id
                group by all""",
            "containment_rate": """
                select t.team_name, 100.0 * sum(b.contained_count) / nullif(sum(b.ended_bot_conversation_count), 0)
                from marts.automation_bot_daily b left join core.dim_teams t on b.team_id = t.team_id
                group by all""",
            "service_level": """
                select t.team_name,
                    100.0 * sum(q.answered_within_threshold_count)
                    / nullif(sum(q.offered_excluding_short_abandon_count), 0)
                from marts.contact_centre_queue_daily q left join core.dim_teams t on q.team_id = t.team_id
                group by all""",
        },
    ),
}


def _key(values: list[object]) -> tuple[str, ...]:
    return tuple("" if v is None or v == "None" else str(v)[:10] for v in values)


@pytest.mark.parametrize("case", list(CROSS_MART))
def test_metrics_of_different_marts_slice_by_a_shared_dimension(
    built_warehouse: Path, tmp_path: Path, case: str
) -> None:
    group_by, expected_sql = CROSS_MART[case]
    out = tmp_path / "cross.csv"
    run_mf(
        ["query", "--metrics", ",".join(expected_sql), "--group-by", ",".join(group_by), "--csv", str(out)],
        built_warehouse,
    )
    with out.open() as fh:
        from_mf = {_key([row[g] for g in group_by]): row for row in csv.DictReader(fh)}
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        checked, keys = 0, set()
        for metric, sql in expected_sql.items():
            for *key, expected in con.execute(sql).fetchall():
                keys.add(_key(key))
                checked += agrees(metric, key, from_mf[_key(key)][metric], expected)
    finally:
        con.close()
    assert set(from_mf) == keys  # no group MetricFlow invents or drops
    assert checked >= (3 * 20 if case == "by month and channel" else 3 * 3)


DASHBOARD_PAGES = sorted(p.stem.split("_", 1)[1].lower() for p in (ROOT / "dashboard" / "pages").glob("*.py"))


def test_a_saved_query_per_dashboard_page(built_warehouse: Path, tmp_path: Path) -> None:
    listed = run_mf(["list", "saved-queries"], built_warehouse).stdout
    names = {line.split("•", 1)[1].split(":", 1)[0].strip() for line in listed.splitlines() if "•" in line}
    assert names == {f"{page}_page" for page in [*DASHBOARD_PAGES, "home"]}
    # the speed page's query, against SQL written here: per week, channel and team name
    out = tmp_path / "speed.csv"
    run_mf(["query", "--saved-query", "speed_page", "--csv", str(out)], built_warehouse)
    with out.open() as fh:
        from_mf = {_key([r["metric_time__week"], r["channel"], r["team__team_name"]]): r for r in csv.DictReader(fh)}
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        rows = con.execute(
            """
            select date_trunc('week', s.date_day), s.channel, t.team_name,
                sum(s.first_response_business_minutes_sum) / nullif(sum(s.first_responded_contact_count), 0),
                100.0 * sum(s.first_response_sla_achieved_count) / nullif(sum(s.first_response_sla_measured_count), 0)
            from marts.speed_daily s left join core.dim_teams t on s.team_id = t.team_id
            group by all
            """
        ).fetchall()
    finally:
        con.close()
    checked = 0
    for week, channel, team, minutes, sla in rows:
        row = from_mf[_key([week, channel, team])]
        checked += agrees(
            "first_response_time_business_minutes", week, row["first_response_time_business_minutes"], minutes
        )
        checked += agrees("first_response_sla_attainment", week, row["first_response_sla_attainment"], sla)
    assert set(from_mf) == {_key(r[:3]) for r in rows}
    assert checked > 100
