"""Build Fivetran's dbt_zendesk beside this project on the same Zendesk fixture and compare
per-ticket figures (first reply, first and full resolution in calendar and business minutes,
reopens, one-touch, replies) and first reply SLA verdicts.

A development tool, not part of the test suite: dbt_zendesk and its dependencies are not
installed by this project (nothing is downloaded at run time), so pass checkouts of them:

    scripts/ci/with_postgres.sh .venv/bin/python scripts/peer/compare_dbt_zendesk.py \\
        --packages /path/to/folder  # holding zendesk/, fivetran_utils/, spark_utils/, dbt_utils/

Checked with dbt_zendesk v1.6.1 (fivetran/dbt_zendesk commit 0baeb69), fivetran_utils 0.4.9,
spark_utils 0.3.3 and dbt_utils 1.4.1; later dbt_zendesk commits call a fivetran_utils macro
(union_connections) that 0.4.9 lacks. Both projects build into one scratch PostgreSQL database
from the fixture of `swh.fivetran` (tests/test_connectors.py checks this project's side by
hand). The output is one line per ticket and figure where the two differ; DECISIONLOG.md
explains each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from peer_build import build_ours, dbt, load_fixture, print_differences, rows_by_key, scratch_project  # noqa: E402

from swh.fivetran import zendesk_fixture_sql  # noqa: E402

FIXTURE_SCHEMA = "zendesk_fixture"
PACKAGES = ("zendesk", "fivetran_utils", "spark_utils", "dbt_utils")
# The fixture has the core Zendesk Support tables and schedules; dbt_zendesk's other optional
# tables are off.
PEER_VARS = {
    "zendesk_schema": FIXTURE_SCHEMA,
    "zendesk_database": "peer_comparison",
    "using_domain_names": False,
    "using_user_tags": False,
    "using_organization_tags": False,
    "using_ticket_form_history": False,
    "using_brands": False,
    "using_ticket_sla_policy": False,
    "using_sla_policy_metric_history": False,
    "using_audit_log": False,
    "using_ticket_chat": False,
}
OUR_VARS = {"zendesk_enabled": True, "zendesk_schema": FIXTURE_SCHEMA}

# figure -> (dbt_zendesk's column in zendesk__ticket_metrics, our column in core.fct_contacts)
FIGURES = {
    "first reply (calendar minutes)": ("first_reply_time_calendar_minutes", "first_response_calendar_minutes"),
    "first resolution (calendar minutes)": ("first_resolution_calendar_minutes", "first_resolution_calendar_minutes"),
    "full resolution (calendar minutes)": ("final_resolution_calendar_minutes", "resolution_calendar_minutes"),
    "first reply (business minutes)": ("first_reply_time_business_minutes", "first_response_business_minutes"),
    "first resolution (business minutes)": ("first_resolution_business_minutes", "first_resolution_business_minutes"),
    "full resolution (business minutes)": ("full_resolution_business_minutes", "resolution_business_minutes"),
    "reopens": ("count_reopens", "reopen_count"),
    "solves": ("count_resolutions", "solve_count"),
    "public agent replies": ("count_public_agent_comments", "agent_reply_count"),
    # our nearest figure: first contact resolution (the catalog has no one-touch KPI)
    "one-touch resolution / FCR": ("is_one_touch_resolution", "is_first_contact_resolution"),
}

# dbt_zendesk reads a schedule's UTC offsets from two more connector tables; this project reads
# the IANA rules of its zone instead (seed zendesk_time_zones), so only the peer gets these rows:
# the fixture's two zones, standard offsets and 2026 daylight periods, as Fivetran writes them.
PEER_ONLY_SQL = [
    f"create table {FIXTURE_SCHEMA}.time_zone (time_zone text, _fivetran_synced timestamp, standard_offset text)",
    f"insert into {FIXTURE_SCHEMA}.time_zone values "
    "('Eastern Time (US & Canada)', timestamp '2026-03-20 06:00', '-05:00'), "
    "('Amsterdam', timestamp '2026-03-20 06:00', '+01:00')",
    f"create table {FIXTURE_SCHEMA}.daylight_time (time_zone text, year integer, _fivetran_synced timestamp, "
    "daylight_end_utc timestamp, daylight_offset integer, daylight_start_utc timestamp)",
    f"insert into {FIXTURE_SCHEMA}.daylight_time values "
    "('Eastern Time (US & Canada)', 2026, timestamp '2026-03-20 06:00', timestamp '2026-11-01 06:00', 1, "
    "timestamp '2026-03-08 07:00'), "
    "('Amsterdam', 2026, timestamp '2026-03-20 06:00', timestamp '2026-10-25 01:00', 1, timestamp '2026-03-29 01:00')",
]

OUR_TICKET = "cast(replace(source_contact_id, 'zendesk:', '') as bigint)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, required=True, help="folder with the packages' checkouts")
    options = parser.parse_args()
    load_fixture([*zendesk_fixture_sql(FIXTURE_SCHEMA), *PEER_ONLY_SQL])
    print(f"fixture loaded into schema {FIXTURE_SCHEMA}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dbt_zendesk_peer_") as scratch:
        folder = Path(scratch)
        scratch_project(options.packages, PACKAGES, PEER_VARS, folder)
        models = ["--select", "+zendesk__ticket_metrics", "+zendesk__sla_policies"]
        dbt(["run", "--profiles-dir", str(folder), *models], folder, {})
    print("dbt_zendesk built", file=sys.stderr)
    build_ours(OUR_VARS, scratch + "-ours")
    print("this project built", file=sys.stderr)
    theirs = rows_by_key(
        "select ticket_id, "
        + ", ".join(f'{peer} as "{name}"' for name, (peer, _) in FIGURES.items())
        + " from peer_zendesk.zendesk__ticket_metrics"
    )
    ours = rows_by_key(
        f"select {OUR_TICKET}, "
        + ", ".join(f'{mine} as "{name}"' for name, (_, mine) in FIGURES.items())
        + " from core.fct_contacts where source_contact_id like 'zendesk:%'"
    )
    differences = print_differences("ticket", theirs, ours)
    # first reply SLA: dbt_zendesk's breach flag against our verdict, on tickets with a target
    their_sla = rows_by_key(
        'select ticket_id, sla_policy_name as "policy", target as "target", is_sla_breach as "breached" '
        "from peer_zendesk.zendesk__sla_policies where metric = 'first_reply_time'"
    )
    our_sla = rows_by_key(
        f"select {OUR_TICKET}, replace(sla_policy_id, 'zendesk:sla_policy:', '') as \"policy\", "
        'sla_first_response_target_minutes as "target", first_response_sla_status = \'breached\' as "breached" '
        "from core.fct_contacts where source_contact_id like 'zendesk:%' and sla_policy_id is not null"
    )
    differences += print_differences("first reply SLA, ticket", their_sla, our_sla)
    print(f"{differences} differences")


if __name__ == "__main__":
    main()
