"""Customer-service KPI dashboard (Streamlit): the home page; one page per KPI category.

Run with `make dashboard`. It reads the published warehouse (warehouse/published, or
SWH_PUBLISHED_DB), never the file dbt is writing, so it keeps working during a rebuild.
The home page shows each category's first headline over that page's default range, with its
change, sample size and trend, and names the three that moved most.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from common import (  # noqa: E402
    change,
    complete_periods,
    complete_until,
    database_path,
    default_view,
    draw_card,
    formatted,
    headline_values,
    mart_bounds,
    publication,
    reporting_time_zone,
)
from pages_spec import PAGES  # noqa: E402

MOVERS = 3


def relative_change(current: object, prior: object) -> float | None:
    """How far a figure moved: its change over the previous value's size."""
    if current is None or prior is None or pd.isna(current) or pd.isna(prior) or float(prior) == 0:  # type: ignore[arg-type]
        return None
    return abs(float(current) - float(prior)) / abs(float(prior))  # type: ignore[arg-type]


st.set_page_config(page_title="Support KPIs", layout="wide")
st.title("Customer-service KPIs")
db = database_path()
if not db.exists():
    st.error(f"No published warehouse at {db}. Run `make demo` first.")
else:
    published = publication()
    st.caption(
        f"Published warehouse {db.name}, version {published['version']}. Dates are calendar days in "
        f"{reporting_time_zone()}. Each card: the category's first headline over its page's default range "
        "(the last 90 complete days, or 12 complete months on monthly pages) against the range before, with its "
        "weekly or monthly trend. Moved most: the largest changes relative to the previous value."
    )
    cards = []
    for key, page in PAGES.items():
        bounds = mart_bounds(page)
        if bounds is None:
            continue
        complete = complete_until(bounds[1])
        view = default_view(page, bounds[0], complete)
        headline = page.headlines[0]
        (value, sample), (prior, _) = headline_values(page, view)[0], headline_values(page, view.previous())[0]
        trend = complete_periods(page, view, complete)
        cards.append((key, page, headline, value, sample, prior, trend, relative_change(value, prior)))
    moved = sorted((c for c in cards if c[7] is not None), key=lambda c: c[7], reverse=True)[:MOVERS]
    st.subheader("Moved most")
    for _key, page, headline, value, _, prior, _, _ in moved:
        direction = "up" if float(value) > float(prior) else "down"
        st.markdown(
            f"- **{page.title}: {headline.label}** {direction} {str(change(headline, value, prior)).lstrip('+-')}, "
            f"from {formatted(headline, prior)} to {formatted(headline, value)}"
        )
    moved_keys = {c[0] for c in moved}
    for row in range(0, len(cards), 3):
        for column, (key, page, headline, value, sample, prior, trend, _) in zip(
            st.columns(3), cards[row : row + 3], strict=False
        ):
            with column:
                st.markdown(f"**{page.title}**" + (" (moved most)" if key in moved_keys else ""))
                draw_card(headline, value, prior, sample, trend["v0"].tolist() if not trend.empty else None)
