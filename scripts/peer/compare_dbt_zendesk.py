"""Build Fivetran's dbt_zendesk beside this project on the same Zendesk fixture and compare
per-ticket figures (first reply, first and full resolution in calendar and business minutes,
reopens, one-touch, replies).

A development tool, not part of the test suite: dbt_zendesk and its dependencies are not
installed by this project (nothing is downloaded at run time), so pass checkouts of them:

    scripts/ci/with_postgres.sh .venv/bin/python scripts/peer/compare_dbt_zendesk.py \\
        --packages /path/to/folder  # holding zendesk/, fivetran_utils/, spark_utils/, dbt_utils/

Checked with dbt_zendesk v1.6.1 (fivetran/dbt_zendesk commit 0baeb69), fivetran_utils 0.4.9,
spark_utils 0.3.3 and dbt_utils 1.4.1; later dbt_zendesk commits call a fivetran_utils macro
(union_connections) that 0.4.9 lacks. Both projects build into one scratch PostgreSQL database
(`peer_comparison`) from the fixture of `swh.fivetran` (tests/test_connectors.py checks this
project's side by hand). The output
is one line per ticket and figure where the two differ; DECISIONLOG.md explains each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from swh.fivetran import zendesk_fixture_sql  # noqa: E402

DATABASE = "peer_comparison"
FIXTURE_SCHEMA = "zendesk_fixture"
PACKAGES = ("zendesk", "fivetran_utils", "spark_utils", "dbt_utils")
# The fixture has the core Zendesk Support tables and schedules; dbt_zendesk's other optional
# tables are off.
PEER_VARS = {
    "zendesk_schema": FIXTURE_SCHEMA,
    "zendesk_database": DATABASE,
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


def connect(dbname: str = DATABASE):  # noqa: ANN201
    import psycopg2

    return psycopg2.connect(
        host=os.environ["DBT_PG_HOST"],
        port=int(os.environ["DBT_PG_PORT"]),
        user=os.environ.get("DBT_PG_USER", "postgres"),
        password=os.environ.get("DBT_PG_PASSWORD", ""),
        dbname=dbname,
    )


def load_fixture() -> None:
    admin = connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"drop database if exists {DATABASE}")
        cur.execute(f"create database {DATABASE}")
    admin.close()
    con = connect()
    with con, con.cursor() as cur:
        for statement in [*zendesk_fixture_sql(FIXTURE_SCHEMA), *PEER_ONLY_SQL]:
            cur.execute(statement)
    con.close()


def scratch_project(packages: Path, folder: Path) -> None:
    """A root project whose only models are dbt_zendesk's, its packages linked in place."""
    missing = [name for name in PACKAGES if not (packages / name / "dbt_project.yml").exists()]
    if missing:
        raise SystemExit(f"compare_dbt_zendesk: {packages} lacks {', '.join(missing)} (checkouts of the packages)")
    (folder / "dbt_packages").mkdir()
    for name in PACKAGES:
        (folder / "dbt_packages" / name).symlink_to((packages / name).resolve(), target_is_directory=True)
    (folder / "dbt_project.yml").write_text(
        f"name: zendesk_peer\nversion: '1.0.0'\nconfig-version: 2\nprofile: peer\nvars: {json.dumps(PEER_VARS)}\n"
    )
    (folder / "profiles.yml").write_text(
        "peer:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      threads: 2\n"
        f"      host: {os.environ['DBT_PG_HOST']}\n      port: {os.environ['DBT_PG_PORT']}\n"
        f"      user: {os.environ.get('DBT_PG_USER', 'postgres')}\n"
        f"      password: '{os.environ.get('DBT_PG_PASSWORD', '')}'\n"
        f"      dbname: {DATABASE}\n      schema: peer\n"
    )


def dbt(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, "--no-use-colors"],
        cwd=cwd,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **env},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} in {cwd} failed:\n{result.stdout[-4000:]}")


def per_ticket(sql: str) -> dict[int, dict[str, object]]:
    con = connect()
    with con.cursor() as cur:
        cur.execute(sql)
        names = [d[0] for d in cur.description]
        rows = {int(row[0]): dict(zip(names[1:], row[1:], strict=True)) for row in cur.fetchall()}
    con.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, required=True, help="folder with the packages' checkouts")
    options = parser.parse_args()
    load_fixture()
    print(f"fixture loaded into {DATABASE}.{FIXTURE_SCHEMA}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dbt_zendesk_peer_") as scratch:
        folder = Path(scratch)
        scratch_project(options.packages, folder)
        dbt(
            ["run", "--profiles-dir", str(folder), "--select", "+zendesk__ticket_metrics", "+zendesk__sla_policies"],
            folder,
            {},
        )
    print("dbt_zendesk built", file=sys.stderr)
    dbt(
        ["build", "--target", "postgres", "--vars", json.dumps(OUR_VARS), "--exclude", "resource_type:unit_test"],
        ROOT,
        {"DBT_PG_DATABASE": DATABASE, "DBT_PROFILES_DIR": str(ROOT), "DBT_TARGET_PATH": scratch + "-ours"},
    )
    print("this project built", file=sys.stderr)
    theirs = per_ticket(
        "select ticket_id, "
        + ", ".join(f'{peer} as "{name}"' for name, (peer, _) in FIGURES.items())
        + " from peer_zendesk.zendesk__ticket_metrics"
    )
    ours = per_ticket(
        "select cast(replace(source_contact_id, 'zendesk:', '') as bigint), "
        + ", ".join(f'{mine} as "{name}"' for name, (_, mine) in FIGURES.items())
        + " from core.fct_contacts where source_contact_id like 'zendesk:%'"
    )
    print(f"tickets: dbt_zendesk {sorted(theirs)}, this project {sorted(ours)}")
    for ticket in sorted(set(theirs) | set(ours)):
        both = [f"{name} {theirs.get(ticket, {}).get(name)} / {ours.get(ticket, {}).get(name)}" for name in FIGURES]
        print(f"ticket {ticket} (dbt_zendesk / this project): " + "; ".join(both))
    differences = 0
    for ticket in sorted(set(theirs) | set(ours)):
        for name in FIGURES:
            peer_value = theirs.get(ticket, {}).get(name, "(no row)")
            our_value = ours.get(ticket, {}).get(name, "(no row)")
            same = peer_value == our_value or (
                isinstance(peer_value, int | float)
                and isinstance(our_value, int | float)
                and abs(float(peer_value) - float(our_value)) < 1e-6
            )
            if not same:
                differences += 1
                print(f"ticket {ticket}: {name}: dbt_zendesk {peer_value}, this project {our_value}")
    # first reply SLA: dbt_zendesk's breach flag against our verdict, on tickets with a target
    their_sla = per_ticket(
        "select ticket_id, sla_policy_name as policy, target, is_sla_breach as breached "
        "from peer_zendesk.zendesk__sla_policies where metric = 'first_reply_time'"
    )
    our_sla = per_ticket(
        "select cast(replace(source_contact_id, 'zendesk:', '') as bigint), "
        "replace(sla_policy_id, 'zendesk:sla_policy:', '') as policy, sla_first_response_target_minutes as target, "
        "first_response_sla_status = 'breached' as breached "
        "from core.fct_contacts where source_contact_id like 'zendesk:%' and sla_policy_id is not null"
    )
    print(f"first reply SLA: dbt_zendesk {their_sla}, this project {our_sla}")
    for ticket in sorted(set(their_sla) | set(our_sla)):
        if their_sla.get(ticket) != our_sla.get(ticket):
            differences += 1
            theirs_, ours_ = their_sla.get(ticket), our_sla.get(ticket)
            print(f"ticket {ticket}: first reply SLA: dbt_zendesk {theirs_}, this project {ours_}")
    print(f"{differences} differences")


if __name__ == "__main__":
    main()
