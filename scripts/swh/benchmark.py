"""Benchmarks that print figures: the whole warehouse, generator speed and memory, business-time scaling.

    python -m swh.benchmark warehouse [--tickets 100000 1000000]
    python -m swh.benchmark generator [--tickets 1000000]
    python -m swh.benchmark business-time [--small 100000 --large 1000000]

The warehouse benchmark generates the demo data, then times `swh load` and `dbt build` (every
model and test) each in its own child process with its peak memory, one DuckDB pass over
every raw table (the build / one-scan ratio says how many raw scans the build costs), and the
ten slowest models. It loads the data set less its last day (`swh.daily.export_as_of`) and
builds; then the daily run: the last day as an incremental export hands it over
(`swh.daily.export_changes`: the rows new or changed since) loaded over it (the loader
upserts) and `dbt build` again, the contact models incremental.

The generator runs in a child process so its peak memory (max RSS) is measured alone. The
business-time benchmark builds the warehouse up to the contact events for each size, then
times only the business-time models (clock, readings, durations, stage times) from dbt's
run_results.json, and prints the ratio of the times next to the ratio of the contacts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from swh.daily import data_end, export_as_of, export_changes

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUSINESS_TIME_MODELS = [
    "int_business_intervals",
    "int_business_clock_days",
    "int_business_clock_readings",
    "int_contacts_durations",
    "int_contact_stage_intervals",
    "fct_contact_stage_intervals",
    "fct_contact_response_cycles",
]


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def generator(tickets: int) -> None:
    with tempfile.TemporaryDirectory(prefix="swh-bench-") as out:
        print(f"generating {tickets:,} tickets into a temporary folder ...", flush=True)
        started = time.perf_counter()
        code = (
            "import json, sys; from pathlib import Path; from swh.generate import generate; "
            f"print(json.dumps(generate(Path({out!r}), {tickets}, progress=lambda m: print(m, file=sys.stderr))))"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(result.stderr)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        counts = json.loads(result.stdout.strip().splitlines()[-1])
        size_mib = sum(p.stat().st_size for p in Path(out).iterdir()) / 2**20
    print(
        f"generator: {tickets:,} tickets in {seconds:.1f} s, peak memory {peak_mib:,.0f} MiB, "
        f"{size_mib:,.0f} MiB of Parquet"
    )
    for table, rows in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {table:<24} {rows:>12,} rows")
    print(f"  {'total':<24} {sum(counts.values()):>12,} rows")


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one command, run in a child of its own."""
    probe = (
        "import resource, subprocess, sys, time; started = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
        "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    seconds, peak, code = result.stdout.split()
    if int(code) != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed (exit {code}); run it by hand to see why")
    return float(seconds), float(peak)


def one_raw_scan(database: Path) -> float:
    """Seconds for one pass that reads every column of every raw table."""
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' and not starts_with(table_name, '_')"
            ).fetchall()
        ]
        started = time.perf_counter()
        for table in tables:
            con.execute(f"select bit_xor(hash(*columns(*))) from raw.{table}").fetchall()  # reads every value
        return time.perf_counter() - started
    finally:
        con.close()


def warehouse(tickets: int, workdir: Path) -> None:
    data, database = workdir / f"data_{tickets}", workdir / f"warehouse_{tickets}" / "warehouse.duckdb"
    database.parent.mkdir()
    env = {
        "DBT_DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(workdir / f"target_{tickets}"),
    }
    print(f"[{tickets:,} tickets] generating ...", flush=True)
    run([str(BIN / "swh"), "generate", "--out", str(data), "--tickets", str(tickets)])
    day_before = workdir / f"data_{tickets}_day_before"
    export_as_of(data, data_end(data) - timedelta(days=1), day_before)
    print(f"[{tickets:,} tickets] swh load (the data set less its last day) ...", flush=True)
    load_s, load_mib = measured([str(BIN / "swh"), "load", str(day_before), "--database", str(database)], env)
    print(f"[{tickets:,} tickets] dbt build (parse, seeds, models, every test) ...", flush=True)
    run([str(BIN / "dbt"), "parse", "--target", "duckdb"], env)  # the parse is not part of a daily build
    build_s, build_mib = measured([str(BIN / "dbt"), "build", "--target", "duckdb"], env)
    scan_s = one_raw_scan(database)
    results = json.loads((workdir / f"target_{tickets}" / "run_results.json").read_text())["results"]
    models = sorted((r for r in results if r["unique_id"].startswith("model.")), key=lambda r: -r["execution_time"])
    kinds = {kind: 0.0 for kind in ("model", "test", "unit_test")}
    for r in results:
        kind = r["unique_id"].split(".")[0]
        if kind in kinds:
            kinds[kind] += r["execution_time"]
    print(f"[{tickets:,} tickets] load {load_s:.1f} s, peak {load_mib:,.0f} MiB")
    print(f"[{tickets:,} tickets] build {build_s:.1f} s, peak {build_mib:,.0f} MiB ({len(results):,} nodes)")
    print(f"[{tickets:,} tickets] one raw scan {scan_s:.2f} s: the build costs {build_s / scan_s:.0f} raw scans")
    print(
        f"[{tickets:,} tickets] thread time: models {kinds['model']:.1f} s, data tests {kinds['test']:.1f} s, "
        f"unit tests {kinds['unit_test']:.1f} s; ten slowest models:"
    )
    for r in models[:10]:
        print(f"    {r['unique_id'].split('.')[-1]:<40} {r['execution_time']:6.2f} s")
    last_day = workdir / f"data_{tickets}_last_day"
    changed = sum(export_changes(data, day_before, last_day).values())
    print(f"[{tickets:,} tickets] daily run: the last day ({changed:,} rows new or changed), dbt build ...", flush=True)
    daily_load_s, daily_load_mib = measured([str(BIN / "swh"), "load", str(last_day), "--database", str(database)], env)
    daily_s, daily_mib = measured([str(BIN / "dbt"), "build", "--target", "duckdb"], env)
    results = json.loads((workdir / f"target_{tickets}" / "run_results.json").read_text())["results"]
    manifest = json.loads((workdir / f"target_{tickets}" / "manifest.json").read_text())["nodes"]
    incremental = {uid for uid, node in manifest.items() if node["config"].get("materialized") == "incremental"}
    chain = sum(r["execution_time"] for r in results if r["unique_id"] in incremental)
    print(
        f"[{tickets:,} tickets] daily run: load {daily_load_s:.1f} s, peak {daily_load_mib:,.0f} MiB"
        f"; dbt build {daily_s:.1f} s, peak {daily_mib:,.0f} MiB, of which the "
        f"incremental contact models {chain:.1f} s of thread time (the rest rebuilds the tables in full)",
        flush=True,
    )
    shutil.rmtree(day_before)
    shutil.rmtree(last_day)
    shutil.rmtree(data)
    shutil.rmtree(database.parent)


def business_time(tickets: int, workdir: Path) -> tuple[int, float]:
    data, database = workdir / f"data_{tickets}", workdir / f"warehouse_{tickets}.duckdb"
    env = {"DBT_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(ROOT), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    print(f"[{tickets:,} tickets] generating and loading ...", flush=True)
    run([str(BIN / "swh"), "generate", "--out", str(data), "--tickets", str(tickets)])
    run([str(BIN / "swh"), "load", str(data), "--database", str(database)])
    print(f"[{tickets:,} tickets] building the models the business clock reads ...", flush=True)
    run([str(BIN / "dbt"), "seed", "--target", "duckdb"], env)
    upstream = " ".join(f"+{m}" for m in BUSINESS_TIME_MODELS)
    run([str(BIN / "dbt"), "run", "--target", "duckdb", "-s", upstream, "--exclude", *BUSINESS_TIME_MODELS], env)
    print(f"[{tickets:,} tickets] timing the business-time models ...", flush=True)
    run([str(BIN / "dbt"), "run", "--target", "duckdb", "--threads", "1", "-s", *BUSINESS_TIME_MODELS], env)
    results = json.loads((ROOT / "target" / "run_results.json").read_text())["results"]
    seconds = sum(r["execution_time"] for r in results)
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    contacts = con.execute("select count(*) from intermediate.int_contacts_unioned").fetchone()[0]
    con.close()
    for r in results:
        print(f"    {r['unique_id'].split('.')[-1]:<32} {r['execution_time']:6.2f} s")
    print(f"[{tickets:,} tickets] {contacts:,} contacts: business-time models {seconds:.1f} s", flush=True)
    shutil.rmtree(data)
    database.unlink()
    return contacts, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    wh = sub.add_parser("warehouse")
    wh.add_argument("--tickets", type=int, nargs="+", default=[100_000, 1_000_000])
    gen = sub.add_parser("generator")
    gen.add_argument("--tickets", type=int, default=1_000_000)
    bt = sub.add_parser("business-time")
    bt.add_argument("--small", type=int, default=100_000)
    bt.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.command == "generator":
        generator(args.tickets)
        return
    if args.command == "warehouse":
        with tempfile.TemporaryDirectory(prefix="swh-bench-") as tmp:
            for tickets in args.tickets:
                warehouse(tickets, Path(tmp))
        return
    with tempfile.TemporaryDirectory(prefix="swh-bench-") as tmp:
        small = business_time(args.small, Path(tmp))
        large = business_time(args.large, Path(tmp))
    contact_ratio, time_ratio = large[0] / small[0], large[1] / small[1]
    print(
        f"business time: {small[0]:,} contacts {small[1]:.1f} s, {large[0]:,} contacts {large[1]:.1f} s; "
        f"contacts x{contact_ratio:.1f}, time x{time_ratio:.1f} "
        f"({'linear or better' if time_ratio <= contact_ratio * 1.25 else 'worse than linear'})"
    )


if __name__ == "__main__":
    main()
