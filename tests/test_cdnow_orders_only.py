"""Orders only, no tickets: the real CDNOW purchase history through its mapping file.

The months before any support data must not vanish: the calendar comes from every dated
source. Churn, retention and defection are recomputed here per month straight from the text
file (not from the mapped files or any model) and the mart must agree, month by month.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import REAL_DATA, ROOT, WAREHOUSE_FILE, run_dbt
from swh.load import DuckDBTarget, load_folder
from swh.mapping import apply_mapping

CDNOW = REAL_DATA / "cdnow_purchases.txt.gz"
pytestmark = pytest.mark.skipif(not CDNOW.exists(), reason="../shared/real_data is not beside this clone")
ACTIVE_WINDOW = timedelta(days=90)  # var active_customer_window_days


def purchases() -> dict[str, list[datetime]]:
    by_customer: dict[str, list[datetime]] = defaultdict(list)
    with gzip.open(CDNOW, "rt") as handle:
        next(handle)
        for line in handle:
            customer, day, _cds, _dollars = line.split()
            by_customer[customer].append(datetime.strptime(day, "%Y%m%d"))
    return by_customer


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def expected_months() -> dict[date, dict[str, int]]:
    """Per calendar month (UTC): the catalog's churn, retention and defection counts."""
    orders = purchases()
    data_end = max(max(days) for days in orders.values())  # the latest recorded instant

    def active_at(days: list[datetime], instant: datetime) -> bool:
        return any(instant - ACTIVE_WINDOW <= day < instant for day in days)

    def bought_in(days: list[datetime], month: date) -> bool:
        start, end = datetime(month.year, month.month, 1), datetime.combine(next_month(month), datetime.min.time())
        return any(start <= day < end for day in days)

    result = {}
    month = date(1997, 1, 1)
    while month <= data_end.date():
        start = datetime(month.year, month.month, 1)
        end = datetime.combine(next_month(month), datetime.min.time())
        following_end = datetime.combine(next_month(next_month(month)), datetime.min.time())
        customers = {c: days for c, days in orders.items() if min(days) < end}
        at_start = {c for c, days in customers.items() if active_at(days, start)}
        at_end = {c for c, days in customers.items() if active_at(days, end)}
        buyers = {c for c, days in customers.items() if bought_in(days, month)}
        next_complete = following_end <= data_end
        result[month] = {
            "active_at_start_count": len(at_start),
            "churned_customer_count": len(at_start - at_end),
            "active_at_end_count": len(at_end),
            "new_customer_count": sum(start <= min(days) < end for days in customers.values()),
            "buying_customer_count": len(buyers),
            "defected_customer_count": sum(not bought_in(orders[c], next_month(month)) for c in buyers)
            if next_complete
            else 0,
        }
        month = next_month(month)
    return result


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cdnow")
    mapped = apply_mapping(ROOT / "mappings" / "cdnow_purchases.yml", REAL_DATA, root / "mapped")
    assert mapped.written == {"customers": 23_570, "orders": 69_659}
    database = root / WAREHOUSE_FILE
    report = load_folder(root / "mapped", DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0
    assert report.rows_loaded == 23_570 + 69_659
    run_dbt(["build", "--target", "duckdb", "--exclude", "resource_type:unit_test"], database)
    return database


def test_orders_only_history_gives_every_month_and_agrees_with_a_recount(warehouse: Path) -> None:
    expected = expected_months()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = list(next(iter(expected.values())))
        got = {
            row[0]: dict(zip(columns, (int(v) for v in row[1:]), strict=True))
            for row in con.execute(
                f"select month_start_date, {', '.join(f'sum({c})' for c in columns)} "
                "from marts.churn_monthly group by month_start_date order by month_start_date"
            ).fetchall()
        }
        rates = con.execute(
            "select month_start_date, sum(churned_customer_count) / sum(active_at_start_count), "
            "max(customer_retention_rate), max(customer_defection_rate) from marts.churn_monthly "
            "group by month_start_date"
        ).fetchall()
        first_date, data_end = con.execute(
            "select (select min(date_day) from core.dim_dates), (select data_end_at from intermediate.int_data_end)"
        ).fetchall()[0]
    finally:
        con.close()
    assert data_end == datetime(1998, 6, 30)
    assert first_date == date(1996, 12, 30)  # two days before the first purchase
    assert list(got) == list(expected)  # 18 months, January 1997 to June 1998, none lost
    assert got == expected
    for month, churn, retention, defection in rates:
        counts = expected[month]
        if counts["active_at_start_count"]:
            assert churn == pytest.approx(counts["churned_customer_count"] / counts["active_at_start_count"])
            assert retention == pytest.approx(
                100 * (counts["active_at_end_count"] - counts["new_customer_count"]) / counts["active_at_start_count"]
            )
        next_complete = datetime.combine(next_month(next_month(month)), datetime.min.time()) <= data_end
        if next_complete:
            assert defection == pytest.approx(counts["defected_customer_count"] / counts["buying_customer_count"])
        else:
            assert defection is None
