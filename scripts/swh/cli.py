"""The `swh` command line: generate, load, map, contract, holidays, publish and summary subcommands.

Expected failures (a file missing, a lock held, a full disk, a read-only folder, a refused
publish) print one line saying what happened and exit non-zero; `--debug` shows the traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from swh import contract
from swh.errors import SwhError

if TYPE_CHECKING:
    from swh.load import Target


def _generate(args: argparse.Namespace) -> int:
    from swh.generate import generate

    started = time.perf_counter()
    counts = generate(Path(args.out), args.tickets, args.seed, args.format)
    print(f"generated {sum(counts.values()):,} rows in {len(counts)} files in {time.perf_counter() - started:.1f}s")
    return 0


def _contract(args: argparse.Namespace) -> int:
    rendered = contract.render_sources(contract.load_contract())
    if args.check:
        current = contract.SOURCES_PATH.read_text() if contract.SOURCES_PATH.exists() else ""
        if current != rendered:
            print(f"{contract.SOURCES_PATH} is out of date: run `swh contract sources`", file=sys.stderr)
            return 1
        print("dbt sources match the contract")
        return 0
    contract.SOURCES_PATH.write_text(rendered)
    print(f"wrote {contract.SOURCES_PATH}")
    return 0


def _holidays(args: argparse.Namespace) -> int:
    from swh import public_holidays

    years = public_holidays.contract_years()
    if args.check:
        if not public_holidays.is_current():
            print(f"{public_holidays.PUBLIC_HOLIDAYS_PATH} is out of date: run `swh holidays`", file=sys.stderr)
            return 1
        print("public holidays match the schedules and the holidays package")
        return 0
    written = public_holidays.write()
    print(
        f"wrote {written:,} public holidays for {years.start}-{years.stop - 1} "
        f"(holidays {public_holidays.package_version()}) to {public_holidays.PUBLIC_HOLIDAYS_PATH}"
    )
    return 0


def _target(args: argparse.Namespace) -> Target:
    from swh.load import DuckDBTarget, PostgresTarget
    from swh.targets import SparkParquetTarget

    if args.target == "postgres":
        return PostgresTarget(args.schema)
    if args.target == "spark":
        return SparkParquetTarget(Path(args.spark_raw), args.schema)
    return DuckDBTarget(Path(args.database), args.schema)


def _load(args: argparse.Namespace) -> int:
    from swh.load import LoadError, load_folder
    from swh.mapping import apply_mapping

    folder = Path(args.folder)
    try:
        if args.mapping:
            mapped = Path(args.mapped_out)
            report = apply_mapping(Path(args.mapping), folder, mapped)
            total = ", ".join(f"{t} {n:,}" for t, n in report.written.items())
            print(f"mapped {report.source_rows:,} source rows into {mapped}: {total}")
            if report.unused_columns:
                print(f"source columns the mapping does not use: {', '.join(report.unused_columns)}")
            folder = mapped
        result = load_folder(folder, _target(args), source_system=args.source_system)
    except LoadError as exc:
        raise LoadError(f"load failed, nothing was loaded: {exc}") from exc
    print(result.summary())
    return 1 if args.strict and result.rows_rejected else 0


def _map(args: argparse.Namespace) -> int:
    import csv
    import tempfile

    from swh.mapping import apply_mapping

    with tempfile.TemporaryDirectory(prefix="swh-map-") as out:
        report = apply_mapping(Path(args.mapping), Path(args.folder), Path(out) / "mapped")
        print(f"{args.mapping}: {report.source_rows:,} source rows; nothing was loaded")
        for table, rows in report.written.items():
            print(f"\n{table}: {rows:,} rows; the first {min(rows, args.rows)}:")
            with (Path(out) / "mapped" / f"{table}.csv").open(newline="") as handle:
                for number, row in enumerate(csv.reader(handle)):
                    if number > args.rows:
                        break
                    print("  " + " | ".join(row))
    if report.unused_columns:
        print(f"\nsource columns the mapping does not use: {', '.join(report.unused_columns)}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from swh.summary import summarize

    print(summarize(Path(args.database)))
    return 0


def _publish(args: argparse.Namespace) -> int:
    from swh.publish import publish

    publish(Path(args.database), Path(args.to))
    return 0


def _human(exc: BaseException) -> str:
    """One line for an expected failure."""
    import duckdb

    if isinstance(exc, OSError) and exc.errno is not None:
        where = f"{exc.filename}: " if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            return f"{where}no space left on the disk; free some space and run the command again"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"{where}cannot write here ({os.strerror(exc.errno).lower()}); choose another folder"
        return f"{where}{os.strerror(exc.errno).lower()}"
    if isinstance(exc, duckdb.Error):
        message = str(exc).splitlines()[0]
        if "no space left" in message.lower():
            return "no space left on the disk; free some space and run the command again"
        return f"DuckDB: {message}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _run(args: argparse.Namespace) -> int:
    import duckdb

    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print(f"swh {args.command}: interrupted", file=sys.stderr)
        return 130
    except (SwhError, OSError, duckdb.Error) as exc:
        if args.debug:
            raise
        print(f"swh {args.command}: {_human(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"swh {args.command}: unexpected {type(exc).__name__}: {_human(exc)} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="swh", description="Customer-service warehouse helpers.")
    parser.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback")
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", parents=[common], help="write a deterministic demo data set")
    gen.add_argument("--out", default="data/demo", help="output folder")
    gen.add_argument("--tickets", type=int, default=20_000, help="scale: number of tickets")
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--format", default="parquet", choices=["parquet", "csv", "jsonl"])
    gen.set_defaults(func=_generate)

    con = sub.add_parser("contract", parents=[common], help="render or check the dbt sources from the raw contract")
    con.add_argument("action", choices=["sources"])
    con.add_argument("--check", action="store_true", help="fail when the committed sources differ")
    con.set_defaults(func=_contract)

    mapcheck = sub.add_parser(
        "map", parents=[common], help="check a mapping: show the first mapped rows of each table, load nothing"
    )
    mapcheck.add_argument("mapping", help="YAML mapping file")
    mapcheck.add_argument("folder", help="export folder the mapping's source file is in")
    mapcheck.add_argument("--rows", type=int, default=5, help="rows to show per table")
    mapcheck.add_argument("--check", action="store_true", help="accepted for clarity: `swh map` never loads")
    mapcheck.set_defaults(func=_map)

    hol = sub.add_parser("holidays", parents=[common], help="write seeds/public_holidays.csv from the holidays package")
    hol.add_argument("--check", action="store_true", help="fail when the committed seed differs")
    hol.set_defaults(func=_holidays)

    load = sub.add_parser("load", parents=[common], help="validate a folder of files and load it into the raw schema")
    load.add_argument("folder", help="folder with <table>.csv / .parquet / .jsonl files")
    load.add_argument(
        "--target", choices=["duckdb", "postgres", "spark"], default=os.environ.get("SWH_TARGET", "duckdb")
    )
    load.add_argument("--database", default=os.environ.get("DBT_DUCKDB_PATH", "warehouse/warehouse.duckdb"))
    load.add_argument(
        "--spark-raw",
        default=os.environ.get("SWH_SPARK_RAW", "warehouse/spark/raw"),
        help="with --target spark: the folder of raw Parquet tables the spark target reads",
    )
    load.add_argument("--schema", default="raw")
    load.add_argument(
        "--source-system",
        default=contract.DEFAULT_SOURCE_SYSTEM,
        help="source system the files come from; keys are unique per source system (default %(default)s)",
    )
    load.add_argument("--mapping", help="YAML mapping for a foreign export (see mappings/)")
    load.add_argument("--mapped-out", default="data/mapped", help="where mapped contract files are written")
    load.add_argument("--strict", action="store_true", help="exit 1 when any row was rejected")
    load.set_defaults(func=_load)

    summary = sub.add_parser(
        "summary", parents=[common], help="print table sizes and headline KPIs of a built DuckDB warehouse"
    )
    summary.add_argument("--database", default=os.environ.get("DBT_DUCKDB_PATH", "warehouse/warehouse.duckdb"))
    summary.set_defaults(func=_summary)

    pub = sub.add_parser(
        "publish", parents=[common], help="publish the marts atomically for BI readers (DuckDB 1.4 file + Parquet)"
    )
    pub.add_argument("--database", default=os.environ.get("DBT_DUCKDB_PATH", "warehouse/warehouse.duckdb"))
    pub.add_argument("--to", default=os.environ.get("SWH_PUBLISH_DIR", "warehouse/published"))
    pub.set_defaults(func=_publish)

    args = parser.parse_args(argv)
    return _run(args)


if __name__ == "__main__":
    sys.exit(main())
