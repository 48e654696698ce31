"""Public holidays for every business schedule, from the maintained `holidays` package.

Each schedule in seeds/business_schedules.csv names the country (and optionally the
subdivision) whose public holidays close it. `swh holidays` writes seeds/public_holidays.csv
with those holidays for every year the raw contract accepts, so data from any year (2011 or
2031) gets its holidays, never none. A team's own closing days, or public holidays it works
on, go into seeds/holiday_overrides.csv, which the warehouse applies on top
(int_schedule_holidays); regenerating never touches them.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import holidays

from swh.contract import PROJECT_ROOT, load_full_contract
from swh.errors import SwhError

SCHEDULES_PATH = PROJECT_ROOT / "seeds" / "business_schedules.csv"
PUBLIC_HOLIDAYS_PATH = PROJECT_ROOT / "seeds" / "public_holidays.csv"
HEADER = ("schedule_id", "holiday_date", "holiday_name")


class HolidayError(SwhError):
    """A schedule names a country or subdivision the holidays package does not know."""


def contract_years() -> range:
    """Every year inside the contract's timestamp window."""
    contract = load_full_contract()
    last_day = contract.timestamp_to - timedelta(days=1)  # the window's end is exclusive
    return range(contract.timestamp_from.year, last_day.year + 1)


def render(schedules_path: Path = SCHEDULES_PATH, years: range | None = None) -> str:
    """The public_holidays seed: one row per schedule and holiday date, sorted."""
    years = years or contract_years()
    rows: list[tuple[str, str, str]] = []
    with schedules_path.open(newline="", encoding="utf-8") as handle:
        for schedule in csv.DictReader(handle):
            country = (schedule.get("holiday_country") or "").strip()
            if not country:
                continue  # a schedule without a country (24/7) closes on no public holiday
            subdivision = (schedule.get("holiday_subdivision") or "").strip() or None
            try:
                calendar = holidays.country_holidays(country, subdiv=subdivision, years=years, language="en_US")
            except NotImplementedError as exc:
                raise HolidayError(
                    f"{schedules_path.name}: schedule {schedule['schedule_id']}: the holidays package has no "
                    f"country {country!r}" + (f" with subdivision {subdivision!r}" if subdivision else "")
                ) from exc
            for day, name in sorted(calendar.items()):
                rows.append((schedule["schedule_id"], day.isoformat(), name))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sorted(rows))
    return out.getvalue()


def write(path: Path = PUBLIC_HOLIDAYS_PATH) -> int:
    """Write the seed; returns the number of holidays written."""
    text = render()
    path.write_text(text, encoding="utf-8")
    return text.count("\n") - 1


def is_current(path: Path = PUBLIC_HOLIDAYS_PATH) -> bool:
    """True when the seed equals what the schedules and the installed package give."""
    return path.exists() and path.read_text(encoding="utf-8") == render()


def package_version() -> str:
    """The holidays package version the seed comes from."""
    return holidays.__version__
