"""Shared rendering of the KPI dashboard: one page per category, all reading the published
warehouse (never the file dbt writes). Each page is a `Page` spec rendered by `render`."""

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


@dataclass(frozen=True)
class Headline:
    """One headline number: a ratio or a sum over the mart's rows."""

    label: str
    sql: str
    fmt: str = "{:,.1f}"
    better: str = "higher"  # or "lower" / "neutral": colours the trend


@dataclass(frozen=True)
class Page:
    """A category page: its mart, time column, slicers, headlines and breakdowns."""

    title: str
    mart: str
    date_column: str
    headlines: list[Headline]
    slicers: list[str] = field(default_factory=list)
    breakdowns: list[str] = field(default_factory=list)
    monthly: bool = False
    extra_table: tuple[str, str] | None = None  # (caption, SQL) shown under the charts
    heatmap: tuple[str, str] | None = None  # (caption, SQL with columns row, column, value): a heatmap


def database_path() -> Path:
    return Path(os.environ.get("SWH_PUBLISHED_DB", DEFAULT_DB))


@st.cache_data(show_spinner=False)
def query(sql: str, params: tuple, db: str, version: float) -> pd.DataFrame:
    """Run one read-only query against the published file (cache keyed by file version)."""
    del version  # only part of the cache key: a new publication invalidates the cache
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql, list(params)).df()
    finally:
        con.close()


def run(sql: str, params: tuple = ()) -> pd.DataFrame:
    db = database_path()
    return query(sql, params, str(db), db.stat().st_mtime)


def _where(page: Page, start: date, end: date, filters: dict[str, list[str]]) -> tuple[str, list]:
    clauses = [f"{page.date_column} between ? and ?"]
    params: list = [start, end]
    for column, values in filters.items():
        if values:
            clauses.append(f"{column} in ({', '.join('?' for _ in values)})")
            params += values
    return " and ".join(clauses), params


def render(page: Page) -> None:
    """Draw one category page: filters, headline numbers with trend, charts, tables."""
    st.set_page_config(page_title=f"{page.title} - support KPIs", layout="wide")
    st.title(page.title)
    db = database_path()
    if not db.exists():
        st.error(f"No published warehouse at {db}. Run `make demo` (or `swh publish`) first.")
        return
    bounds = run(f"select min({page.date_column}) as first, max({page.date_column}) as last from marts.{page.mart}")
    first, last = bounds.iloc[0]["first"], bounds.iloc[0]["last"]
    if pd.isna(first):
        st.info("No data in this mart yet.")
        return
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    default_start = max(first, last - timedelta(days=89 if not page.monthly else 365))
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input("Date range", value=(default_start, last), min_value=first, max_value=last)
        start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (default_start, last)
        filters: dict[str, list[str]] = {}
        for column in page.slicers:
            options = run(f"select distinct {column} from marts.{page.mart} order by 1")[column].dropna().tolist()
            filters[column] = st.multiselect(column.replace("_", " ").capitalize(), options)
    where, params = _where(page, start, end, filters)
    span = (end - start).days + 1
    prev_where, prev_params = _where(page, start - timedelta(days=span), start - timedelta(days=1), filters)
    st.caption(f"{start} to {end}, compared with the {span} days before. Source: marts.{page.mart}")
    columns = st.columns(len(page.headlines))
    for column, headline in zip(columns, page.headlines, strict=True):
        current = run(f"select {headline.sql} as v from marts.{page.mart} where {where}", tuple(params)).iloc[0]["v"]
        previous = run(f"select {headline.sql} as v from marts.{page.mart} where {prev_where}", tuple(prev_params))
        prior = previous.iloc[0]["v"]
        value = "n/a" if pd.isna(current) else headline.fmt.format(current)
        delta = None if pd.isna(current) or pd.isna(prior) else headline.fmt.format(current - prior)
        colour = {"higher": "normal", "lower": "inverse"}.get(headline.better, "off")
        column.metric(headline.label, value, delta, delta_color=colour)
    if page.heatmap:
        import altair as alt

        caption, sql = page.heatmap
        cells = run(sql)
        st.subheader(caption)
        chart = (
            alt.Chart(cells)
            .mark_rect()
            .encode(
                x=alt.X("column:O", title="local hour"),
                y=alt.Y("row:O", title="day of week (1 = Monday)"),
                color=alt.Color("value:Q", title="agents", scale=alt.Scale(scheme="redblue", domainMid=0)),
                tooltip=["row", "column", alt.Tooltip("value:Q", format=".2f")],
            )
        )
        st.altair_chart(chart, use_container_width=True)
    grain = "month" if page.monthly else "week"
    first_metric = page.headlines[0]
    trend = run(
        f"select cast(date_trunc('{grain}', {page.date_column}) as date) as period, {first_metric.sql} as value "
        f"from marts.{page.mart} where {where} group by 1 order by 1",
        tuple(params),
    )
    st.subheader(f"{first_metric.label} per {grain}")
    st.line_chart(trend, x="period", y="value")
    for dimension in page.breakdowns:
        by = run(
            f"select {dimension}, {first_metric.sql} as value from marts.{page.mart} where {where} "
            f"group by 1 order by 2 desc nulls last limit 20",
            tuple(params),
        )
        st.subheader(f"{first_metric.label} by {dimension.replace('_', ' ')}")
        st.bar_chart(by, x=dimension, y="value")
    if page.extra_table:
        caption, sql = page.extra_table
        st.subheader(caption)
        st.dataframe(run(sql), hide_index=True)
