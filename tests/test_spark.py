"""The same project on Apache Spark (dbt-spark, `method: session`, pyspark from PyPI): the demo
data loaded through `swh load --target spark` builds, the headline figures equal DuckDB's, and
so does every row of every core fact, dimension and mart."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, run_dbt
from swh.load import load_folder
from swh.targets import SparkParquetTarget
from test_dbt_build import HEADLINE_SQL, duckdb_headlines


def _spark_or_skip() -> None:
    found = {"pyspark": importlib.util.find_spec("pyspark") is not None, "java": shutil.which("java") is not None}
    missing = [name for name, ok in found.items() if not ok]
    if missing:
        if os.environ.get("SWH_REQUIRE_SPARK") == "1":
            pytest.fail(f"SWH_REQUIRE_SPARK=1 but {' and '.join(missing)} is missing")
        pytest.skip(f"{' and '.join(missing)} not installed; `make test` has both")


def spark_tables(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose core and marts schemas are views over the Parquet files Spark
    wrote: the figures read are Spark's, only the counting SQL is shared with the other engines."""
    con = duckdb.connect()
    for schema in ("core", "marts"):
        con.execute(f"create schema {schema}")
        for table in sorted((warehouse / "tables" / f"{schema}.db").iterdir()):
            con.execute(f"create view {schema}.{table.name} as select * from read_parquet('{table}/*.parquet')")
    return con


def test_spark_build_agrees_with_duckdb(demo_data: Path, built_warehouse: Path, tmp_path: Path) -> None:
    _spark_or_skip()
    raw, warehouse = tmp_path / "raw", tmp_path / "spark"
    report = load_folder(demo_data, SparkParquetTarget(raw), progress=lambda _: None)
    assert report.rows_rejected == 0
    assert (raw / "current" / "tickets").is_dir()

    env = {"SWH_SPARK_RAW": str(raw), "SWH_SPARK_WAREHOUSE": str(warehouse)}
    run_dbt(["build", "--target", "spark", "--exclude", "resource_type:test", "resource_type:unit_test"], env=env)

    con = spark_tables(warehouse)
    try:
        _agrees_with_duckdb(con, warehouse, built_warehouse)
    finally:
        con.close()  # it attaches the demo warehouse: later tests open that file for writing


def _agrees_with_duckdb(con: duckdb.DuckDBPyConnection, warehouse: Path, built_warehouse: Path) -> None:
    marts = {p.name for p in (warehouse / "tables" / "marts.db").iterdir()}
    assert marts == {p.stem for p in (ROOT / "models" / "marts").glob("*/*.sql") if p.parent.name != "core"}
    spark = {name: float(con.execute(sql).fetchall()[0][0] or 0) for name, sql in HEADLINE_SQL.items()}
    assert spark == pytest.approx(duckdb_headlines(built_warehouse), rel=1e-9)

    con.execute(f"attach '{built_warehouse}' as duck (read_only)")
    differing = {}
    for schema, table, columns in _duckdb_tables(con):
        assert table in {p.name for p in (warehouse / "tables" / f"{schema}.db").iterdir()}, f"{schema}.{table}"
        rows = ", ".join(columns)
        only_duckdb = f"select {rows} from duck.{schema}.{table} except all select {rows} from {schema}.{table}"
        only_spark = f"select {rows} from {schema}.{table} except all select {rows} from duck.{schema}.{table}"
        counts = [con.execute(f"select count(*) from ({sql})").fetchall()[0][0] for sql in (only_duckdb, only_spark)]
        if any(counts):
            differing[f"{schema}.{table}"] = counts
    assert differing == {}, "rows only in DuckDB's, only in Spark's table"


def _duckdb_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[str]]]:
    """Every core and marts table of the attached DuckDB build, its columns as compared: doubles
    rounded to nine significant digits (the engines add up floating point in different orders);
    the loader's stamp (contact_loaded_at) is left out: the two builds read two loads of the files."""
    tables: dict[tuple[str, str], list[str]] = {}
    for schema, table, column, data_type in con.execute(
        "select schema_name, table_name, column_name, data_type from duckdb_columns() "
        "where database_name = 'duck' and schema_name in ('core', 'marts') and column_name <> 'contact_loaded_at' "
        "order by schema_name, table_name, column_index"
    ).fetchall():
        value = f"round({column}, 9 - cast(ceil(log10(abs({column}) + 1)) as int))" if data_type == "DOUBLE" else column
        tables.setdefault((schema, table), []).append(value)
    return [(schema, table, columns) for (schema, table), columns in tables.items()]
