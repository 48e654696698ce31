"""Build Fivetran's dbt_intercom beside this project on the same Intercom fixture and compare
per-conversation figures (first admin response, time to it, last close, time to it, reopens,
rating).

A development tool, not part of the test suite (the package is not installed by this project):

    scripts/ci/with_postgres.sh .venv/bin/python scripts/peer/compare_dbt_intercom.py \\
        --packages /path/to/folder  # holding intercom/, fivetran_utils/, dbt_utils/, spark_utils/

Checked with dbt_intercom v1.6.1 plus one commit (fivetran/dbt_intercom de507ec),
fivetran_utils 0.4.9, dbt_utils 1.4.1 and spark_utils 0.3.3. The fixture (`swh.fivetran`) has
no companies, contact tags or help center, so those parts of dbt_intercom are off. The output
is one line per conversation and figure where the two differ; DECISIONLOG.md explains each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from peer_build import build_ours, dbt, load_fixture, print_differences, rows_by_key, scratch_project  # noqa: E402

from swh.fivetran import intercom_fixture_sql  # noqa: E402

FIXTURE_SCHEMA = "intercom_fixture"
PACKAGES = ("intercom", "fivetran_utils", "dbt_utils", "spark_utils")
PEER_VARS = {
    "intercom_schema": FIXTURE_SCHEMA,
    "intercom_database": "peer_comparison",
    "intercom__using_articles": False,
    "intercom__using_contact_company": False,
    "intercom__using_company_tags": False,
    "intercom__using_contact_tags": False,
}
OUR_VARS = {"intercom_enabled": True, "intercom_schema": FIXTURE_SCHEMA}

THEIRS_SQL = """
    select cast(conversation_id as bigint),
        first_admin_response_at as "first admin response at",
        time_to_first_response_minutes as "first response (minutes)",
        last_close_at as "last close at",
        time_to_last_close_minutes as "to last close (minutes)",
        count_reopens as "reopens",
        conversation_rating as "rating"
    from peer_intercom.intercom__conversation_metrics
"""
OURS_SQL = """
    select cast(replace(contacts.source_contact_id, 'intercom:', '') as bigint),
        contacts.first_agent_reply_at as "first admin response at",
        contacts.first_response_calendar_minutes as "first response (minutes)",
        contacts.ended_at as "last close at",
        contacts.resolution_calendar_minutes as "to last close (minutes)",
        contacts.reopen_count as "reopens",
        ratings.score as "rating"
    from core.fct_contacts as contacts
    left join core.fct_survey_responses as ratings
        on contacts.contact_id = ratings.contact_id and ratings.survey_type = 'csat'
    where contacts.source_contact_id like 'intercom:%'
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, required=True, help="folder with the packages' checkouts")
    options = parser.parse_args()
    load_fixture(intercom_fixture_sql(FIXTURE_SCHEMA))
    print(f"fixture loaded into schema {FIXTURE_SCHEMA}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dbt_intercom_peer_") as scratch:
        folder = Path(scratch)
        scratch_project(options.packages, PACKAGES, PEER_VARS, folder)
        dbt(["run", "--profiles-dir", str(folder), "--select", "+intercom__conversation_metrics"], folder, {})
    print("dbt_intercom built", file=sys.stderr)
    build_ours(OUR_VARS, scratch + "-ours")
    print("this project built", file=sys.stderr)
    differences = print_differences("conversation", rows_by_key(THEIRS_SQL), rows_by_key(OURS_SQL))
    print(f"{differences} differences")


if __name__ == "__main__":
    main()
