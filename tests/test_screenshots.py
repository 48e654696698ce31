"""What a person sees: the lineage docs and every dashboard page in headless Chromium.

The screenshots are written to docs/images/ and shown in the README. Chromium is Debian's
package, driven by Playwright without downloading a browser; it runs with the flags that
keep it off the network."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BIN, ROOT, chromium_or_skip, dbt_target_dir, run_dbt

IMAGES = ROOT / "docs" / "images"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [ROOT / "dashboard" / "Home.py", *sorted((ROOT / "dashboard" / "pages").glob("*.py"))]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lineage_docs_render_offline(built_warehouse: Path, browser: object) -> None:
    run_dbt(["docs", "generate", "--static", "--target", "duckdb"], built_warehouse)
    site = (dbt_target_dir() / "static_index.html").as_uri()
    IMAGES.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{site}#!/overview")
    page.wait_for_selector("td strong:has-text('First Contact Resolution (FCR)')", timeout=30_000)
    assert page.locator("td strong").count() >= 45  # the whole KPI catalog on the overview page
    page.screenshot(path=str(IMAGES / "docs_overview.png"))
    page.goto(f"{site}#!/model/model.service_warehouse.speed_daily")
    page.wait_for_selector("text=Grain: one row per reporting date", timeout=30_000)
    page.screenshot(path=str(IMAGES / "docs_mart.png"))
    page.close()
    # lineage from the raw sources through the mart to the dashboard exposure (a fresh load:
    # the graph state is read from the URL only when the site starts)
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{site}#!/model/model.service_warehouse.speed_daily?g_v=1&g_i=%2Bspeed_daily%2B")
    page.wait_for_selector("text=Lineage Graph", timeout=30_000)
    page.wait_for_timeout(2000)
    page.screenshot(path=str(IMAGES / "docs_lineage.png"))
    page.close()


@pytest.fixture(scope="module")
def dashboard(published_warehouse: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "SWH_PUBLISHED_DB": str(published_warehouse)}
    server = subprocess.Popen(
        [
            str(BIN / "streamlit"),
            "run",
            str(ROOT / "dashboard" / "Home.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--client.toolbarMode",
            "viewer",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)


@pytest.mark.parametrize("page_file", PAGES, ids=[p.stem for p in PAGES])
def test_dashboard_page_in_a_real_browser(dashboard: str, browser: object, page_file: Path) -> None:
    name = "" if page_file.stem == "Home" else page_file.stem.split("_", 1)[1]
    # tall enough for the headlines, the trend and the first tables or charts
    page = browser.new_page(viewport={"width": 1400, "height": 1800})  # type: ignore[attr-defined]
    page.goto(f"{dashboard}/{name}")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    # a chart (the Home page's are the cards' sparklines, drawn inside each metric)
    chart = '[data-testid="stMetric"] svg' if name == "" else '[data-testid="stVegaLiteChart"]'
    page.wait_for_selector(chart, timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.locator('[data-testid="stException"]').count() == 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    stem = "00_Home" if page_file.stem == "Home" else page_file.stem
    page.screenshot(path=str(IMAGES / f"dashboard_{stem}.png"))
    page.close()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
