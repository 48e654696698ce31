"""Every dashboard page renders with the demo data and shows the expected headline values."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "dashboard"))
from pages_spec import PAGES  # noqa: E402

PAGE_FILES = {path.stem.split("_", 1)[1]: path for path in sorted((ROOT / "dashboard" / "pages").glob("*.py"))}


def expected_headlines(database: Path, key: str) -> list[str]:
    """The page's headlines recomputed here, over the page's default date range."""
    page = PAGES[key]
    con = duckdb.connect(str(database), read_only=True)
    first, last = con.execute(
        f"select min({page.date_column}), max({page.date_column}) from marts.{page.mart}"
    ).fetchone()
    start = max(first, last - timedelta(days=365 if page.monthly else 89))
    values = []
    for headline in page.headlines:
        value = con.execute(
            f"select {headline.sql} from marts.{page.mart} where {page.date_column} between ? and ?", [start, last]
        ).fetchone()[0]
        values.append("n/a" if value is None else headline.fmt.format(value))
    con.close()
    return values


def test_every_category_has_a_page() -> None:
    assert len(PAGE_FILES) == 12
    assert {name.lower() for name in PAGE_FILES} == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGE_FILES))
def test_page_renders_with_expected_headlines(
    published_warehouse: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("SWH_PUBLISHED_DB", str(published_warehouse))
    app = AppTest.from_file(str(PAGE_FILES[name]), default_timeout=60).run()
    assert not app.exception, [e.message for e in app.exception]
    key = name.lower()
    assert [m.label for m in app.metric] == [h.label for h in PAGES[key].headlines]
    assert [m.value for m in app.metric] == expected_headlines(published_warehouse, key)
    assert app.sidebar.date_input, "every page has a date-range filter"


def test_home_page_renders(published_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWH_PUBLISHED_DB", str(published_warehouse))
    app = AppTest.from_file(str(ROOT / "dashboard" / "Home.py"), default_timeout=60).run()
    assert not app.exception
    con = duckdb.connect(str(published_warehouse), read_only=True)
    contacts = con.execute("select sum(created_contact_count) from marts.speed_daily").fetchone()[0]
    con.close()
    assert app.metric[0].value == f"{contacts:,.0f}"


def test_churn_page_lists_accounts_at_risk(published_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWH_PUBLISHED_DB", str(published_warehouse))
    app = AppTest.from_file(str(PAGE_FILES["Churn_prevention"]), default_timeout=60).run()
    con = duckdb.connect(str(published_warehouse), read_only=True)
    at_risk = con.execute("select count(*) from marts.churn_accounts_at_risk where is_at_risk").fetchone()[0]
    con.close()
    assert len(app.dataframe[0].value) == min(50, at_risk) > 0
