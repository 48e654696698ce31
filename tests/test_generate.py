"""The demo generator is deterministic, scales with one parameter and covers the edge cases."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from swh.generate import generate


def digest(folder: Path) -> dict[str, str]:
    con = duckdb.connect()
    out = {}
    for path in sorted(folder.glob("*.parquet")):
        rows = con.execute(f"select * from read_parquet('{path}') order by all").fetchall()
        out[path.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def test_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", 400, seed=3, progress=lambda _: None)
    generate(tmp_path / "b", 400, seed=3, progress=lambda _: None)
    generate(tmp_path / "c", 400, seed=4, progress=lambda _: None)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_scale_parameter_sets_the_ticket_count_and_tables_grow_with_it(tmp_path: Path) -> None:
    small = generate(tmp_path / "s", 500, seed=1, progress=lambda _: None)
    large = generate(tmp_path / "l", 2000, seed=1, progress=lambda _: None)
    assert small["tickets"] == 500 and large["tickets"] == 2000
    for table in ("ticket_events", "chat_conversations", "page_views", "orders"):
        assert large[table] > 2.5 * small[table], table


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_formats_are_written(tmp_path: Path, fmt: str) -> None:
    counts = generate(tmp_path, 200, seed=1, fmt=fmt, progress=lambda _: None)
    assert (tmp_path / f"tickets.{fmt}").exists()
    assert counts["tickets"] == 200


def test_demo_data_covers_the_edge_cases_the_kpis_must_handle(demo_data: Path) -> None:
    con = duckdb.connect()
    con.execute(f"set file_search_path = '{demo_data}'")

    def one(sql: str) -> int:
        return con.execute(sql).fetchone()[0]

    # weekends, both 2025 DST changes in Europe and the US, and holidays
    assert one("select count(*) from 'tickets.parquet' where dayofweek(created_at) in (0, 6)") > 0
    for day in ("2025-03-30", "2025-10-26", "2025-03-09", "2025-11-02", "2025-12-25", "2025-04-21"):
        assert one(f"select count(*) from 'tickets.parquet' where created_at::date = '{day}'") > 0, day
    # replies that straddle the EU spring-forward night
    assert (
        one(
            "select count(*) from 'ticket_events.parquet' e join 'tickets.parquet' t using (ticket_id) "
            "where t.created_at < '2025-03-30' and e.event_at > '2025-03-31' and t.created_at > '2025-03-27'"
        )
        > 0
    )
    # contacts still open at the data end: no solve event at all
    assert (
        one(
            "select count(*) from 'tickets.parquet' t where not exists (select 1 from 'ticket_events.parquet' e "
            "where e.ticket_id = t.ticket_id and e.status in ('solved', 'closed'))"
        )
        > 0
    )
    # reopens: a customer message after a solve
    assert (
        one(
            "select count(*) from 'ticket_events.parquet' m join 'ticket_events.parquet' s using (ticket_id) "
            "where m.actor_type = 'customer' and s.status = 'solved' and m.event_at > s.event_at"
        )
        > 0
    )
    assert one("select count(*) from 'chat_conversations.parquet' where handed_over_at is not null") > 0
    assert one("select count(*) from 'chat_conversations.parquet' where started_by = 'bot'") > 0
    assert (
        one(
            "select count(*) from 'customers.parquet' c where not exists "
            "(select 1 from 'orders.parquet' o where o.customer_id = c.customer_id)"
        )
        > 0
    )
    assert one("select count(*) from 'survey_responses.parquet' where survey_type = 'nps' and score = 6") > 0
    assert one("select count(*) from 'agent_absences.parquet' where absence_type = 'unplanned'") > 0
    assert one("select count(*) from 'agents.parquet' where left_on is not null") > 0
