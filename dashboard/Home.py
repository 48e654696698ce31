"""Customer-service KPI dashboard (Streamlit): the home page; one page per KPI category.

Run with `make dashboard`. It reads the published warehouse (warehouse/published, or
SWH_PUBLISHED_DB), never the file dbt is writing, so it keeps working during a rebuild.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import streamlit as st  # noqa: E402

from common import database_path, run  # noqa: E402

st.set_page_config(page_title="Support KPIs", layout="wide")
st.title("Customer-service KPIs")
db = database_path()
if not db.exists():
    st.error(f"No published warehouse at {db}. Run `make demo` first.")
else:
    published = run("select version, published_at, table_count from marts._publication")
    st.caption(f"Published warehouse {db.name}, version {published.iloc[0]['version']}")
    st.markdown(
        "One page per KPI category in the sidebar. Every figure is computed from the marts' "
        "numerators and denominators for the dates and segments you pick."
    )
    contacts = run("select sum(created_contact_count) as n from marts.speed_daily").iloc[0]["n"]
    fcr = run(
        "select 100.0 * sum(fcr_contact_count) / nullif(sum(fcr_eligible_contact_count), 0) as fcr "
        "from marts.effectiveness_daily"
    ).iloc[0]["fcr"]
    left, right = st.columns(2)
    left.metric("Contacts (all time)", f"{contacts:,.0f}")
    right.metric("First contact resolution (all time)", f"{fcr:.1f}%")
