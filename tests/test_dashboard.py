"""The dashboard shows what the published tables say, computed here independently.

Every expected value below is SQL written in this test against the published marts and facts
(never the dashboard's own queries or page specs): each page's headlines, sample sizes and
changes (percentage points for rates) over the default range and with every filter set, the
drill-down lists, the agent leaderboard and the Home page's summary and movers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from conftest import ROOT

PAGE_FILES = {path.stem.split("_", 1)[1].lower(): path for path in sorted((ROOT / "dashboard" / "pages").glob("*.py"))}

RATE, MEAN, COUNT, STATE = "rate", "mean", "count", "state"


def pct(numerator: str, denominator: str) -> str:
    return f"100.0 * sum({numerator}) / nullif(sum({denominator}), 0)"


def per(total: str, count: str) -> str:
    return f"sum({total}) / nullif(sum({count}), 0)"


# page -> (mart, date column, monthly, filter columns, [(label, value SQL, sample SQL, kind, value format)])
PAGES: dict[str, tuple[str, str, bool, list[str], list[tuple[str, str, str | None, str, str]]]] = {
    "speed": (
        "speed_daily",
        "date_day",
        False,
        ["channel", "team_id", "priority"],
        [
            (
                "Avg first response (business min)",
                per("first_response_business_minutes_sum", "first_responded_contact_count"),
                "sum(first_responded_contact_count)",
                MEAN,
                "{:.0f}",
            ),
            (
                "Avg time to resolution (h)",
                per("resolution_calendar_hours_sum", "resolved_contact_count"),
                "sum(resolved_contact_count)",
                MEAN,
                "{:.1f}",
            ),
            (
                "First-response SLA met",
                pct("first_response_sla_achieved_count", "first_response_sla_measured_count"),
                "sum(first_response_sla_measured_count)",
                RATE,
                "{:.1f}%",
            ),
            ("Awaiting first response", "sum(awaiting_first_response_count)", None, STATE, "{:,.0f}"),
        ],
    ),
    "effectiveness": (
        "effectiveness_daily",
        "date_day",
        False,
        ["channel", "team_id", "priority"],
        [
            (
                "First contact resolution",
                pct("fcr_contact_count", "fcr_eligible_contact_count"),
                "sum(fcr_eligible_contact_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Replies per resolution",
                per("resolved_agent_reply_count", "resolved_contact_count"),
                "sum(resolved_contact_count)",
                MEAN,
                "{:.2f}",
            ),
            (
                "Reopen rate",
                pct("reopened_contact_count", "solved_at_least_once_count"),
                "sum(solved_at_least_once_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Effectivity rating",
                pct("effective_reply_count", "agent_reply_count"),
                "sum(agent_reply_count)",
                RATE,
                "{:.1f}%",
            ),
        ],
    ),
    "satisfaction": (
        "satisfaction_surveys_daily",
        "date_day",
        False,
        ["channel", "team_id", "agent_id"],
        [
            ("CSAT", pct("csat_satisfied_count", "csat_response_count"), "sum(csat_response_count)", RATE, "{:.1f}%"),
            (
                "Customer effort (1 = easy)",
                per("ces_score_sum", "ces_response_count"),
                "sum(ces_response_count)",
                MEAN,
                "{:.2f}",
            ),
            (
                "Friendliness (happy smileys)",
                pct("smiley_happy_count", "smiley_response_count"),
                "sum(smiley_response_count)",
                RATE,
                "{:.1f}%",
            ),
        ],
    ),
    "automation": (
        "automation_bot_daily",
        "date_day",
        False,
        ["team_id", "reason"],
        [
            (
                "Bot containment",
                pct("contained_count", "ended_bot_conversation_count"),
                "sum(ended_bot_conversation_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Bot escalation",
                pct("handed_over_count", "bot_conversation_count"),
                "sum(bot_conversation_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Minutes to handover",
                per("handover_minutes_sum", "handed_over_count"),
                "sum(handed_over_count)",
                MEAN,
                "{:.1f}",
            ),
        ],
    ),
    "rep_activity": (
        "rep_activity_daily",
        "date_day",
        False,
        ["agent_id"],
        [
            (
                "Avg handle time (min)",
                "sum(handle_seconds) / 60.0 / nullif(sum(worked_contact_count), 0)",
                "sum(worked_contact_count)",
                MEAN,
                "{:.1f}",
            ),
            (
                "Contacts per scheduled hour",
                per("handled_contact_count", "scheduled_hours"),
                "sum(scheduled_hours)",
                MEAN,
                "{:.2f}",
            ),
            ("Service activities", "sum(service_activity_count)", None, COUNT, "{:,.0f}"),
            ("Solves as assignee", "sum(solves_as_assignee_count)", None, COUNT, "{:,.0f}"),
        ],
    ),
    "team_efficiency": (
        "team_backlog_daily",
        "date_day",
        False,
        ["channel", "team_id"],
        [
            ("Inflow (new contacts)", "sum(inflow_count)", None, COUNT, "{:,.0f}"),
            ("Outflow (solves)", "sum(outflow_count)", None, COUNT, "{:,.0f}"),
            ("Reopens", "sum(reopen_count)", None, COUNT, "{:,.0f}"),
            ("Backlog change", "sum(inflow_count) - sum(outflow_count) + sum(reopen_count)", None, COUNT, "{:+,.0f}"),
        ],
    ),
    "availability": (
        "availability_daily",
        "date_day",
        False,
        [],
        [
            ("Coverage", pct("staffed_page_view_count", "page_view_count"), "sum(page_view_count)", RATE, "{:.1f}%"),
            (
                "Presence",
                pct("chat_online_page_view_count", "page_view_count"),
                "sum(page_view_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Support page share",
                pct("support_session_count", "web_session_count"),
                "sum(web_session_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Support visitors who contact",
                pct("support_session_contacted_count", "support_session_count"),
                "sum(support_session_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Live chat engagement",
                pct("chat_started_count", "chat_button_shown_page_view_count"),
                "sum(chat_button_shown_page_view_count)",
                RATE,
                "{:.1f}%",
            ),
        ],
    ),
    "churn_prevention": (
        "churn_monthly",
        "month_start_date",
        True,
        ["segment"],
        [
            (
                "Churn rate",
                pct("churned_customer_count", "active_at_start_count"),
                "sum(active_at_start_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Retention (CRR)",
                "100.0 * (sum(active_at_end_count) - sum(new_customer_count)) / sum(active_at_start_count)",
                "sum(active_at_start_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Upsell rate",
                pct("upsell_customer_count", "active_in_period_count"),
                "sum(active_in_period_count)",
                RATE,
                "{:.1f}%",
            ),
        ],
    ),
    "contribution": (
        "contribution_revenue_daily",
        "date_day",
        False,
        ["team_id"],
        [
            (
                "Conversion rate",
                pct("converted_contact_count", "human_handled_contact_count"),
                "sum(human_handled_contact_count)",
                RATE,
                "{:.1f}%",
            ),
            ("Attributed revenue (USD)", "sum(attributed_revenue_usd)", None, COUNT, "{:,.0f}"),
            (
                "Average order value (USD)",
                per("attributed_revenue_usd", "attributed_order_count"),
                "sum(attributed_order_count)",
                MEAN,
                "{:,.2f}",
            ),
        ],
    ),
    "product_development": (
        "product_reasons_monthly",
        "month_start_date",
        True,
        ["reason"],
        [
            (
                "FCR",
                pct("fcr_contact_count", "fcr_eligible_contact_count"),
                "sum(fcr_eligible_contact_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Avg time to resolution (h)",
                per("resolution_calendar_hours_sum", "resolved_contact_count"),
                "sum(resolved_contact_count)",
                MEAN,
                "{:.1f}",
            ),
            ("Inflow", "sum(inflow_count)", None, COUNT, "{:,.0f}"),
        ],
    ),
    "employee_experience": (
        "employee_absenteeism_daily",
        "date_day",
        False,
        ["team_id"],
        [
            ("Absenteeism", pct("unplanned_absence_hours", "scheduled_hours"), "sum(scheduled_hours)", RATE, "{:.2f}%"),
            ("Scheduled hours", "sum(scheduled_hours)", None, COUNT, "{:,.0f}"),
        ],
    ),
    "contact_centre": (
        "contact_centre_queue_daily",
        "date_day",
        False,
        ["team_id", "channel"],
        [
            (
                "Avg speed of answer (s)",
                per("answer_wait_seconds_sum", "answered_contact_count"),
                "sum(answered_contact_count)",
                MEAN,
                "{:.0f}",
            ),
            (
                "Service level",
                pct("answered_within_threshold_count", "offered_excluding_short_abandon_count"),
                "sum(offered_excluding_short_abandon_count)",
                RATE,
                "{:.1f}%",
            ),
            (
                "Abandonment rate",
                pct("abandoned_contact_count", "offered_excluding_short_abandon_count"),
                "sum(offered_excluding_short_abandon_count)",
                RATE,
                "{:.1f}%",
            ),
            ("Offered contacts", "sum(offered_contact_count)", None, COUNT, "{:,.0f}"),
        ],
    ),
}


def last_complete_day(con: duckdb.DuckDBPyConnection) -> date:
    """The day before the data end's (the published time zone is UTC in these tests)."""
    time_zone, data_end = con.execute("select reporting_time_zone, data_end_at from marts._publication").fetchall()[0]
    assert time_zone == "UTC"
    return data_end.date() - timedelta(days=1)


def month_start(day: date, months: int) -> date:
    """The first day of the month `months` after (before, if negative) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def default_range(con: duckdb.DuckDBPyConnection, key: str) -> tuple[date, date, date, date]:
    """(start, end, previous start, previous end): 90 complete days, or 12 complete months."""
    mart, column, monthly, *_ = PAGES[key]
    first, last = con.execute(f"select min({column}), max({column}) from marts.{mart}").fetchall()[0]
    complete = min(last, last_complete_day(con))
    if monthly:
        end = (complete + timedelta(days=1)).replace(day=1) - timedelta(days=1)
        start = max(first, month_start(end, -11))
        return start, end, month_start(start, -12), start - timedelta(days=1)
    start = max(first, complete - timedelta(days=89))
    span = (complete - start).days + 1
    return start, complete, start - timedelta(days=span), start - timedelta(days=1)


def shown(value: object, fmt: str) -> str:
    return "n/a" if value is None else fmt.format(value)


def shown_change(kind: str, fmt: str, now: object, before: object) -> str:
    if kind == STATE or now is None or before is None:
        return ""
    difference = float(now) - float(before)  # type: ignore[arg-type]
    if kind == RATE:
        return f"{difference:+.1f} pp"
    return fmt.replace("{:", "{:+").replace("++", "+").format(difference)


def figures(
    con: duckdb.DuckDBPyConnection, key: str, start: date, end: date, where: str = "", params: list | None = None
) -> list[tuple[object, object]]:
    mart, column, *_, headlines = PAGES[key]
    out = []
    for _, value_sql, sample_sql, _, _ in headlines:
        out.append(
            con.execute(
                f"select {value_sql}, {sample_sql or 'null'} from marts.{mart} where {column} between ? and ?{where}",
                [start, end, *(params or [])],
            ).fetchall()[0]
        )
    return out


def check_headlines(
    app: AppTest,
    con: duckdb.DuckDBPyConnection,
    key: str,
    ranges: tuple[date, date, date, date],
    where: str = "",
    params: list | None = None,
) -> None:
    *_, headlines = PAGES[key]
    start, end, previous_start, previous_end = ranges
    now = figures(con, key, start, end, where, params)
    before = figures(con, key, previous_start, previous_end, where, params)
    assert [m.label for m in app.metric] == [h[0] for h in headlines]
    assert [m.value for m in app.metric] == [shown(v, h[4]) for (v, _), h in zip(now, headlines, strict=True)]
    assert [m.delta or "" for m in app.metric] == [
        shown_change(h[3], h[4], v, p) for (v, _), (p, _), h in zip(now, before, headlines, strict=True)
    ]
    samples = [c.value for c in app.caption if c.value.startswith("n = ")][: len(headlines)]
    expected = [f"n = {int(n or 0):,} " for (_, n), h in zip(now, headlines, strict=True) if h[2] is not None]
    assert [s[: len(e)] for s, e in zip(samples, expected, strict=False)] == expected
    assert len(samples) == len(expected)


@pytest.fixture(scope="module")
def con(published_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(published_warehouse), read_only=True)
    yield connection
    connection.close()


def open_page(path: Path, published: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SWH_PUBLISHED_DB", str(published))
    app = AppTest.from_file(str(path), default_timeout=90).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_every_category_has_a_page() -> None:
    assert set(PAGE_FILES) == set(PAGES)


def test_the_lineage_names_every_table_the_dashboard_reads() -> None:
    """The dashboard exposure depends on exactly the published tables its code names."""
    code = "\n".join(path.read_text() for path in (ROOT / "dashboard").rglob("*.py"))
    read = set(re.findall(r"\b(?:marts|core)\.([a-z][a-z_]+)", code)) - {"_publication"}
    exposures = yaml.safe_load((ROOT / "models" / "marts" / "_exposures.yml").read_text())["exposures"]
    (dashboard,) = [e for e in exposures if e["type"] == "dashboard"]
    assert {re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in dashboard["depends_on"]} == read


@pytest.mark.parametrize("key", sorted(PAGES))
def test_page_headlines_over_the_default_range(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    app = open_page(PAGE_FILES[key], published_warehouse, monkeypatch)
    ranges = default_range(con, key)
    assert app.sidebar.date_input(key="dates").value == ranges[:2]
    check_headlines(app, con, key, ranges)
    assert any("calendar days in UTC" in c.value for c in app.caption), "every page names its time zone"


@pytest.mark.parametrize("key", sorted(PAGES))
def test_page_obeys_every_filter(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """Each filter set to its most frequent value, and a shorter range that runs to the mart's last date."""
    mart, column, monthly, filters, _ = PAGES[key]
    app = open_page(PAGE_FILES[key], published_warehouse, monkeypatch)
    last = con.execute(f"select max({column}) from marts.{mart}").fetchall()[0][0]
    start = (last - timedelta(days=120)).replace(day=1) if monthly else last - timedelta(days=29)
    picked = {}
    for name in filters:
        picked[name] = con.execute(
            f"select {name} from marts.{mart} where {name} is not null group by 1 order by count(*) desc, 1 limit 1"
        ).fetchall()[0][0]
        app.sidebar.multiselect(key=f"filter_{name}").set_value([picked[name]])
    app.sidebar.date_input(key="dates").set_value((start, last))
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    where = "".join(f" and {name} = ?" for name in picked)
    if monthly:
        previous_start = month_start(start, -((last.year - start.year) * 12 + last.month - start.month + 1))
    else:
        previous_start = start - timedelta(days=(last - start).days + 1)
    check_headlines(
        app, con, key, (start, last, previous_start, start - timedelta(days=1)), where, list(picked.values())
    )
    partial = last > last_complete_day(con)
    assert any("last complete day" in w.value for w in app.warning) == partial


def frame(app: AppTest, first_column: str, columns: set[str] | None = None):  # noqa: ANN201
    """The dataframe on the page whose first column is `first_column`."""
    for element in app.dataframe:
        if element.value.columns[0] == first_column and (columns is None or columns <= set(element.value.columns)):
            return element.value
    raise AssertionError(f"no table starting with {first_column}")


def test_speed_drill_down_lists_and_percentiles(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(PAGE_FILES["speed"], published_warehouse, monkeypatch)
    start, end, *_ = default_range(con, "speed")
    lists = [d.value for d in app.dataframe if d.value.columns[0] == "contact_id"]
    breaches, awaiting = lists
    expected_breaches = con.execute(
        "select contact_id from core.fct_contacts where created_date between ? and ? "
        "and (first_response_sla_status = 'breached' or resolution_sla_status = 'breached')",
        [start, end],
    ).fetchall()
    assert sorted(breaches["contact_id"]) == sorted(r[0] for r in expected_breaches) != []
    expected_awaiting = con.execute(
        "select contact_id from core.fct_contacts where created_date between ? and ? and is_awaiting_first_response",
        [start, end],
    ).fetchall()
    assert sorted(awaiting["contact_id"]) == sorted(r[0] for r in expected_awaiting)
    team_names = {r[0] for r in con.execute("select team_name from core.dim_teams").fetchall()}
    assert set(breaches["team"]) <= team_names | {"unassigned"}, "teams by name"
    assert [b.label for b in app.get("download_button")][:2] == [
        f"Download {len(breaches):,} rows (CSV)",
        f"Download {len(awaiting):,} rows (CSV)",
    ]
    spread = frame(app, "measure")
    minutes = [
        r[0]
        for r in con.execute(
            "select first_response_business_minutes from core.fct_contacts where created_date between ? and ? "
            "and first_response_business_minutes is not null order by 1",
            [start, end],
        ).fetchall()
    ]
    middle = len(minutes) // 2
    median = minutes[middle] if len(minutes) % 2 else (minutes[middle - 1] + minutes[middle]) / 2
    row = spread.iloc[0]
    assert row["contacts"] == len(minutes)
    assert row["median"] == pytest.approx(round(median, 1))
    assert row["average"] == pytest.approx(round(sum(minutes) / len(minutes), 1))
    assert row["median"] <= row["p90"]


def test_rep_activity_leaderboard(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(PAGE_FILES["rep_activity"], published_warehouse, monkeypatch)
    start, end, *_ = default_range(con, "rep_activity")
    board = frame(app, "agent", {"solved", "csat_pct", "csat_n", "fcr_pct", "fcr_n", "handle_min"})
    top = board.iloc[0]
    agent_id, solved = con.execute(
        "select r.agent_id, sum(r.solves_as_assignee_count) from marts.rep_activity_daily r "
        "join core.dim_agents a using (agent_id) where not a.is_bot and r.date_day between ? and ? "
        "group by 1 order by 2 desc, (select agent_name from core.dim_agents where agent_id = r.agent_id) limit 1",
        [start, end],
    ).fetchall()[0]
    name = con.execute("select agent_name from core.dim_agents where agent_id = ?", [agent_id]).fetchall()[0][0]
    assert (top["agent"], top["solved"]) == (name, solved)
    answers, satisfied = con.execute(
        "select count(*), count(*) filter (where score >= 4) from core.fct_survey_responses "
        "where survey_type = 'csat' and agent_id = ? and responded_date between ? and ?",
        [agent_id, start, end],
    ).fetchall()[0]
    assert top["csat_n"] == answers
    if answers:
        assert top["csat_pct"] == pytest.approx(round(100.0 * satisfied / answers, 1))
    eligible, first_contact = con.execute(
        "select count(*) filter (where is_fcr_eligible), count(*) filter (where is_first_contact_resolution) "
        "from core.fct_contacts where is_solved and current_assignee_agent_id = ? "
        "and final_solved_date between ? and ?",
        [agent_id, start, end],
    ).fetchall()[0]
    assert top["fcr_n"] == eligible
    if eligible:
        assert top["fcr_pct"] == pytest.approx(round(100.0 * first_contact / eligible, 1))


def test_churn_page_lists_accounts_at_risk_and_their_open_contacts(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(PAGE_FILES["churn_prevention"], published_warehouse, monkeypatch)
    accounts = frame(app, "account_name", {"account_value_usd"})
    at_risk = con.execute("select count(*) from marts.churn_accounts_at_risk where is_at_risk").fetchall()[0][0]
    assert len(accounts) == at_risk > 0
    contacts = frame(app, "account_name", {"contact_id"})
    expected = con.execute(
        "select count(*) from core.fct_contacts c join marts.churn_accounts_at_risk a using (account_id) "
        "where a.is_at_risk and not c.is_solved"
    ).fetchall()[0][0]
    assert len(contacts) == expected


def test_a_table_not_split_by_a_filter_is_withheld(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(PAGE_FILES["satisfaction"], published_warehouse, monkeypatch)
    assert frame(app, "month", {"nps"}) is not None
    team = con.execute("select min(team_id) from marts.satisfaction_surveys_daily").fetchall()[0][0]
    app.sidebar.multiselect(key="filter_team_id").set_value([team]).run()
    assert any("Not split by team" in i.value for i in app.info)
    assert not [d for d in app.dataframe if "nps" in d.value.columns]


def test_home_summarises_every_category_and_names_the_movers(
    published_warehouse: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(ROOT / "dashboard" / "Home.py", published_warehouse, monkeypatch)
    expected, moves = [], []
    for key, (_, _, _, _, headlines) in PAGES.items():
        start, end, previous_start, previous_end = default_range(con, key)
        (now, _), *_ = figures(con, key, start, end)
        (before, _), *_ = figures(con, key, previous_start, previous_end)
        label, _, _, kind, fmt = headlines[0]
        expected.append((label, shown(now, fmt), shown_change(kind, fmt, now, before)))
        if now is not None and before:
            moves.append((abs(float(now) - float(before)) / abs(float(before)), label))
    assert [(m.label, m.value, m.delta or "") for m in app.metric] == expected
    movers = [label for _, label in sorted(moves, reverse=True)[:3]]
    listed = [line for md in app.markdown for line in md.value.splitlines() if line.startswith("- **")]
    assert len(listed) == 3
    for line, label in zip(listed, movers, strict=True):
        assert f": {label}**" in line
