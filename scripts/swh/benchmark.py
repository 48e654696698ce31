"""Benchmarks that print figures: generator speed and memory, business-time scaling.

    python -m swh.benchmark generator [--tickets 1000000]
    python -m swh.benchmark business-time [--small 100000 --large 1000000]

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUSINESS_TIME_MODELS = [
    "int_business_intervals",
    "int_business_clock_days",
    "int_business_clock_readings",
    "int_contacts_timed",
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
    gen = sub.add_parser("generator")
    gen.add_argument("--tickets", type=int, default=1_000_000)
    bt = sub.add_parser("business-time")
    bt.add_argument("--small", type=int, default=100_000)
    bt.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.command == "generator":
        generator(args.tickets)
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
