"""Shared rendering of the KPI dashboard: one page per category, all reading the published
warehouse (never the file dbt writes). Each page is a `Page` spec rendered by `render`.

Rules every page follows, stated once here:
- a figure is computed from re-aggregated numerators and denominators of the page's rows, for
  the dates and filters picked in the sidebar; every table and chart obeys the same filters,
  and one that cannot (its source is not split by a picked filter) is withheld, saying why;
- rates (percentages) show their sample size and change in percentage points (pp);
- trends are per week (per month on monthly pages) and leave out periods the date range or the
  data cuts short, so a half-loaded last week never reads as a collapse;
- teams, agents and accounts are shown by name (core.dim_teams / dim_agents / dim_accounts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "warehouse" / "published" / "published.duckdb"

# id column -> (dimension table, its key, its name column)
NAMES: dict[str, tuple[str, str, str]] = {
    "team_id": ("core.dim_teams", "team_id", "team_name"),
    "agent_id": ("core.dim_agents", "agent_id", "agent_name"),
    "account_id": ("core.dim_accounts", "account_id", "account_name"),
}
LABELS = {"team_id": "Team", "agent_id": "Agent", "account_id": "Account", "session_type": "Self-service type"}


def label_of(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Headline:
    """One headline number: an aggregate over the page's rows, with its sample size if it is a rate or mean."""

    label: str
    value: str
    fmt: str = "{:,.1f}"
    better: str = "higher"  # or "lower" / "neutral": colours the change
    sample: str | None = None  # aggregate counting the cases the value is computed from
    noun: str = ""  # what the sample counts
    is_rate: bool = False  # a percentage: its change is shown in percentage points
    is_state: bool = False  # a state at the data end (still open, still waiting): no change, no trend


def rate(
    label: str, numerator: str, denominator: str, noun: str, better: str = "higher", fmt: str = "{:.1f}%"
) -> Headline:
    """A percentage from re-aggregated sums (never an average of averages)."""
    value = f"100.0 * sum({numerator}) / nullif(sum({denominator}), 0)"
    return Headline(label, value, fmt, better, f"sum({denominator})", noun, is_rate=True)


def average(label: str, total: str, count: str, noun: str, fmt: str, better: str = "lower", per: str = "") -> Headline:
    """A mean: sum of a total over the sum of its count (`per` rescales, e.g. ' / 60')."""
    return Headline(label, f"sum({total}) / nullif(sum({count}), 0){per}", fmt, better, f"sum({count})", noun)


def total(label: str, column: str, fmt: str = "{:,.0f}", better: str = "neutral") -> Headline:
    return Headline(label, f"sum({column})", fmt, better)


def still(label: str, column: str) -> Headline:
    """A count of contacts of the range still in a state at the data end (e.g. awaiting a reply)."""
    return Headline(label, f"sum({column})", "{:,.0f}", "lower", is_state=True)


@dataclass(frozen=True)
class Source:
    """A published table a figure reads, and how the page's filters apply to it."""

    table: str  # schema.table
    date_column: str | None  # None: a snapshot at the data end (the date range does not apply)
    columns: dict[str, str] = field(default_factory=dict)  # page filter -> this table's column or expression
    undated: str = "A snapshot at the data end"  # what an undated source's rows are


@dataclass(frozen=True)
class Table:
    """A table or chart under the headlines. `sql` names each source as {name}: it is replaced by
    that source's rows for the page's dates and filters."""

    caption: str
    sql: str
    sources: dict[str, Source]
    kind: str = "table"  # "table", "bar" (columns label, value), "heatmap" (row, column, value)
    download: str | None = None  # file name of a CSV download of the rows
    axis_titles: tuple[str, str, str] = ("", "", "")  # heatmap: column, row, value titles


@dataclass(frozen=True)
class Page:
    """A category page: its mart, slicers, headlines, breakdowns and tables."""

    title: str
    mart: Source
    headlines: list[Headline]
    slicers: list[str] = field(default_factory=list)
    breakdowns: list[str] = field(default_factory=list)
    monthly: bool = False
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class View:
    """What the reader picked: a date range and a set of values per filter column."""

    start: date
    end: date
    filters: dict[str, list[str]]
    monthly: bool = False

    def previous(self) -> View:
        """The range of the same length just before (as many months before, on monthly pages)."""
        if self.monthly:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            start = (pd.Timestamp(self.start) - pd.DateOffset(months=months)).date()
            return View(start, self.start - timedelta(days=1), self.filters, True)
        span = (self.end - self.start).days + 1
        return View(self.start - timedelta(days=span), self.start - timedelta(days=1), self.filters)


def database_path() -> Path:
    return Path(os.environ.get("SWH_PUBLISHED_DB", DEFAULT_DB))


@st.cache_data(show_spinner=False)
def query(sql: str, db: str, version: float) -> pd.DataFrame:
    """Run one read-only query against the published file (cache keyed by file version)."""
    del version  # only part of the cache key: a new publication invalidates the cache
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def run(sql: str) -> pd.DataFrame:
    db = database_path()
    return query(sql, str(db), db.stat().st_mtime)


def literal(value: object) -> str:
    """A SQL literal of a date or a filter value (values come from the warehouse's own rows)."""
    if isinstance(value, date):
        return f"date '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def columns_of(table: str) -> set[str]:
    schema, name = table.split(".")
    found = run(
        "select column_name from information_schema.columns "
        f"where table_schema = {literal(schema)} and table_name = {literal(name)}"
    )
    return set(found["column_name"])


def unsplit_filters(source: Source, view: View) -> list[str]:
    """The picked filters this source is not split by (a figure from it would ignore them)."""
    known = columns_of(source.table)
    return [c for c, values in view.filters.items() if values and c not in source.columns and c not in known]


def rows(source: Source, view: View) -> str:
    """The source's rows for the view, as a parenthesised subquery."""
    clauses = []
    if source.date_column:
        clauses.append(f"{source.date_column} between {literal(view.start)} and {literal(view.end)}")
    for column, values in view.filters.items():
        if values:
            expression = source.columns.get(column, column)
            clauses.append(f"{expression} in ({', '.join(literal(v) for v in values)})")
    where = f" where {' and '.join(clauses)}" if clauses else ""
    return f"(select * from {source.table}{where})"


def named(column: str, alias: str = "m") -> tuple[str, str]:
    """(select expression, join) showing an id column by its name."""
    if column not in NAMES:
        return f"coalesce(cast({alias}.{column} as varchar), '(none)')", ""
    table, key, name = NAMES[column]
    join = f" left join {table} names on {alias}.{column} = names.{key}"
    return f"coalesce(names.{name}, {alias}.{column}, '(none)')", join


def name_lookup(column: str) -> dict[str, str]:
    if column not in NAMES:
        return {}
    table, key, name = NAMES[column]
    found = run(f"select {key} as key, {name} as name from {table}")
    return dict(zip(found["key"], found["name"], strict=True))


def publication() -> pd.Series:
    found = run("select * from marts._publication")
    return found.iloc[0]


def reporting_time_zone() -> str:
    found = publication()
    return str(found["reporting_time_zone"]) if "reporting_time_zone" in found else "UTC"


def last_complete_day() -> date | None:
    """The last reporting day the data covers whole: the day before the data end's, in the
    reporting time zone (the data end's own day is partial, unless it ends at midnight, when it
    is empty)."""
    found = publication()
    if "data_end_at" not in found or pd.isna(found["data_end_at"]):
        return None
    local = pd.Timestamp(found["data_end_at"]).tz_localize("UTC").tz_convert(reporting_time_zone())
    return local.date() - timedelta(days=1)


def headline_values(page: Page, view: View) -> list[tuple[object, object]]:
    """(value, sample size) of every headline over the view."""
    parts = [f"{h.value} as v{i}, {h.sample or 'null'} as n{i}" for i, h in enumerate(page.headlines)]
    found = run(f"select {', '.join(parts)} from {rows(page.mart, view)} m").iloc[0]
    return [(found[f"v{i}"], found[f"n{i}"]) for i in range(len(page.headlines))]


def complete_periods(page: Page, view: View, last_complete: date) -> pd.DataFrame:
    """Each headline per week (month), only periods wholly inside the range and the data."""
    grain = "month" if page.monthly else "week"
    parts = ", ".join(f"{h.value} as v{i}" for i, h in enumerate(page.headlines))
    column = page.mart.date_column
    found = run(
        f"select cast(date_trunc('{grain}', {column}) as date) as period, {parts} "
        f"from {rows(page.mart, view)} m group by 1 order by 1"
    )
    if found.empty:
        return found
    starts = pd.to_datetime(found["period"])
    ends = starts + (pd.offsets.MonthEnd(0) if page.monthly else pd.Timedelta(days=6))
    last = pd.Timestamp(min(view.end, last_complete))
    return found[(starts >= pd.Timestamp(view.start)) & (ends <= last)].reset_index(drop=True)


def formatted(headline: Headline, value: object) -> str:
    return "n/a" if value is None or pd.isna(value) else headline.fmt.format(value)


def change(headline: Headline, current: object, prior: object) -> str | None:
    """The change against the previous period: percentage points for rates."""
    if headline.is_state or current is None or prior is None or pd.isna(current) or pd.isna(prior):
        return None
    difference = float(current) - float(prior)  # type: ignore[arg-type]
    if headline.is_rate:
        return f"{difference:+.1f} pp"
    text = headline.fmt.format(difference)
    return text if text.startswith(("-", "+")) else f"+{text}"


def sample_text(headline: Headline, sample: object) -> str | None:
    if headline.sample is None:
        return None
    count = 0 if sample is None or pd.isna(sample) else int(sample)  # type: ignore[call-overload]
    return f"n = {count:,} {headline.noun}"


DELTA_COLOURS = {"higher": "normal", "lower": "inverse"}


def default_view(page: Page, first: date, last_complete: date) -> View:
    """The last 90 complete days, or the last 12 complete months on monthly pages."""
    if page.monthly:
        end = (last_complete + timedelta(days=1)).replace(day=1) - timedelta(days=1)
        start = (pd.Timestamp(end.replace(day=1)) - pd.DateOffset(months=11)).date()
        return View(max(first, start), end, {}, True)
    return View(max(first, last_complete - timedelta(days=89)), last_complete, {})


def mart_bounds(page: Page) -> tuple[date, date] | None:
    """The mart's first and last dates, and the last day whose data is complete."""
    column = page.mart.date_column
    found = run(f"select min({column}) as first, max({column}) as last from {page.mart.table}").iloc[0]
    if pd.isna(found["first"]):
        return None
    return pd.Timestamp(found["first"]).date(), pd.Timestamp(found["last"]).date()


def complete_until(last: date) -> date:
    """The last day of the page's data that is complete (the mart's last date without a data end)."""
    day = last_complete_day()
    return last if day is None else min(last, day)


def sidebar(page: Page, first: date, last: date) -> View:
    default = default_view(page, first, complete_until(last))
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input(
            "Date range", value=(default.start, default.end), min_value=first, max_value=last, key="dates"
        )
        start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (default.start, default.end)
        filters: dict[str, list[str]] = {}
        for column in page.slicers:
            options = run(f"select distinct {column} from {page.mart.table} where {column} is not null order by 1")
            names = name_lookup(column)
            filters[column] = st.multiselect(
                label_of(column),
                options[column].tolist(),
                format_func=lambda value, names=names: names.get(value, value),
                key=f"filter_{column}",
            )
    return View(start, end, filters, page.monthly)


def draw_card(headline: Headline, value: object, prior: object, sample: object, trend: list | None) -> None:
    """One headline: value, change, sparkline and, below, its sample size."""
    st.metric(
        headline.label,
        formatted(headline, value),
        change(headline, value, prior),
        delta_color=DELTA_COLOURS.get(headline.better, "off"),  # type: ignore[arg-type]
        chart_data=None if headline.is_state else trend,
        border=True,
    )
    text = "still so at the data end" if headline.is_state else sample_text(headline, sample)
    if text:
        st.caption(text)


def draw_headlines(page: Page, view: View, trend: pd.DataFrame) -> None:
    now = headline_values(page, view)
    before = headline_values(page, view.previous())
    for i, (column, headline) in enumerate(zip(st.columns(len(page.headlines)), page.headlines, strict=True)):
        with column:
            (value, sample), (prior, _) = now[i], before[i]
            draw_card(headline, value, prior, sample, trend[f"v{i}"].tolist() if not trend.empty else None)


def draw_trend(page: Page, trend: pd.DataFrame) -> None:
    grain = "month" if page.monthly else "week"
    st.subheader(f"Trend per {grain}")
    labels = [h.label for h in page.headlines if not h.is_state]
    picked = st.selectbox("Headline", labels, key="trend")
    if trend.empty:
        st.info(f"No complete {grain} in the date range.")
        return
    shown = trend.rename(columns={f"v{i}": h.label for i, h in enumerate(page.headlines)})
    st.line_chart(shown, x="period", y=picked)
    st.caption(f"Complete {grain}s only: a {grain} the date range or the data end cuts short is left out.")


def draw_breakdowns(page: Page, view: View) -> None:
    """The first headline per breakdown value, by name, with each bar's sample size."""
    import altair as alt

    headline = page.headlines[0]
    for dimension in page.breakdowns:
        shown, join = named(dimension)
        found = run(
            f"select label, {headline.value} as value, {headline.sample or 'null'} as n "
            f"from (select m.*, {shown} as label from {rows(page.mart, view)} m{join}) "
            "group by 1 order by 2 desc nulls last limit 20"
        )
        st.subheader(f"{headline.label} by {label_of(dimension).lower()}")
        if found.empty:
            st.info("No rows for these dates and filters.")
            continue
        found["n_text"] = found["n"].map(lambda n: "" if pd.isna(n) else f"n = {int(n):,}")
        bars = alt.Chart(found).encode(
            y=alt.Y("label:N", sort="-x", title=label_of(dimension)),
            x=alt.X("value:Q", title=headline.label),
            tooltip=["label", alt.Tooltip("value:Q", format=",.2f"), "n_text"],
        )
        st.altair_chart(bars.mark_bar() + bars.mark_text(align="left", dx=4).encode(text="n_text"), width="stretch")


def draw_table(table: Table, view: View) -> None:
    st.subheader(table.caption)
    withheld = sorted({c for source in table.sources.values() for c in unsplit_filters(source, view)})
    if withheld:
        st.info(f"Not split by {', '.join(label_of(c).lower() for c in withheld)}: clear that filter to see it.")
        return
    sql = table.sql.format(**{name: rows(source, view) for name, source in table.sources.items()})
    found = run(sql)
    for undated in sorted({s.undated for s in table.sources.values() if s.date_column is None}):
        st.caption(f"{undated}: the date range does not apply.")
    if table.kind == "bar":
        st.bar_chart(found, x="label", y="value", x_label="", y_label="")
    elif table.kind == "heatmap":
        import altair as alt

        x_title, y_title, value_title = table.axis_titles
        # a gap (negative and positive values) is coloured around zero: red short, blue over
        below_zero = not found.empty and found["value"].min() < 0
        diverging = alt.Scale(scheme="redblue", domainMid=0) if below_zero else alt.Scale(scheme="blues")
        chart = (
            alt.Chart(found)
            .mark_rect()
            .encode(
                x=alt.X("column:O", title=x_title),
                y=alt.Y("row:O", title=y_title),
                color=alt.Color("value:Q", title=value_title, scale=diverging),
                tooltip=["row", "column", alt.Tooltip("value:Q", format=".2f")],
            )
        )
        st.altair_chart(chart, width="stretch")
    else:
        st.dataframe(found, hide_index=True)
    if table.download:
        st.download_button(
            f"Download {len(found):,} rows (CSV)",
            found.to_csv(index=False),
            file_name=table.download,
            mime="text/csv",
            key=f"download_{table.download}",
        )


def render(page: Page) -> None:
    """Draw one category page: filters, headlines with sample size, change and trend, charts, tables."""
    st.set_page_config(page_title=f"{page.title} - support KPIs", layout="wide")
    st.title(page.title)
    db = database_path()
    if not db.exists():
        st.error(f"No published warehouse at {db}. Run `make demo` (or `swh publish`) first.")
        return
    bounds = mart_bounds(page)
    if bounds is None:
        st.info("No data in this mart yet.")
        return
    first, last = bounds
    view = sidebar(page, first, last)
    previous = view.previous()
    complete = complete_until(last)
    st.caption(
        f"{view.start} to {view.end}, compared with {previous.start} to {previous.end}. Dates are calendar days "
        f"in {reporting_time_zone()} (the reporting time zone); the data is complete up to {complete}. "
        f"Source: {page.mart.table}"
    )
    if view.end > complete:
        st.warning(f"The range runs past {complete}, the last complete day: its last days are partial.")
    trend = complete_periods(page, view, complete)
    draw_headlines(page, view, trend)
    draw_trend(page, trend)
    for table in page.tables:
        draw_table(table, view)
    draw_breakdowns(page, view)
