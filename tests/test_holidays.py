"""Public holidays from the holidays package: the committed seed is what `swh holidays` writes,
it covers every year the contract accepts, and a country the package lacks is one clear error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from swh import public_holidays
from swh.public_holidays import HolidayError


def test_the_committed_seed_is_what_swh_holidays_writes() -> None:
    assert public_holidays.is_current(), "seeds/public_holidays.csv is stale: run `swh holidays`"


def test_every_year_the_contract_accepts_has_holidays_for_every_schedule_with_a_country() -> None:
    years = public_holidays.contract_years()
    assert (years.start, years.stop - 1) == (1970, 2099)
    with public_holidays.PUBLIC_HOLIDAYS_PATH.open(newline="") as handle:
        seen = {(row["schedule_id"], int(row["holiday_date"][:4])) for row in csv.DictReader(handle)}
    for schedule in ("eu_office", "us_office"):
        assert {year for s, year in seen if s == schedule} == set(years), schedule
    assert not any(s == "always_on" for s, _ in seen)


def test_dutch_easter_2011_and_a_subdivision(tmp_path: Path) -> None:
    schedules = tmp_path / "business_schedules.csv"
    schedules.write_text(
        "schedule_id,schedule_name,time_zone,holiday_country,holiday_subdivision\n"
        "nl,NL,Europe/Amsterdam,NL,\nby,Bavaria,Europe/Berlin,DE,BY\n"
    )
    rows = list(csv.DictReader(public_holidays.render(schedules, range(2011, 2012)).splitlines()))
    dutch = {row["holiday_date"]: row["holiday_name"] for row in rows if row["schedule_id"] == "nl"}
    assert dutch["2011-04-22"] == "Good Friday"
    assert dutch["2011-04-25"] == "Easter Monday"
    assert dutch["2011-04-30"] == "Queen's Day"  # King's Day only from 2014
    bavarian = {row["holiday_date"] for row in rows if row["schedule_id"] == "by"}
    assert "2011-01-06" in bavarian  # Epiphany: Bavaria's, not Germany's


def test_an_unknown_country_is_one_clear_error(tmp_path: Path) -> None:
    schedules = tmp_path / "business_schedules.csv"
    schedules.write_text("schedule_id,schedule_name,time_zone,holiday_country,holiday_subdivision\nx,X,UTC,XX,\n")
    with pytest.raises(HolidayError, match="schedule x: the holidays package has no country 'XX'"):
        public_holidays.render(schedules, range(2025, 2026))
