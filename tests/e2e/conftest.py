"""Browser tests: a real uvicorn server on a temporary SQLite file, driven by Debian's
chromium through Playwright (never `playwright install`: no browser is downloaded).

Without chromium the tests skip with the reason — except under CI, where they fail.
Screenshots land in test-output/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TODAY = date(2026, 11, 25)
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.nodeid.split("/"):
            item.add_marker(pytest.mark.xdist_group("browser"))  # one server, one browser


def _chromium_or_skip() -> str:
    path = shutil.which("chromium") or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if path is None:
        why = "Debian's chromium is not installed (run scripts/ensure-chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {why}")
        pytest.skip(why)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Site:
    url: str
    ids: dict[str, int]
    registry: Any
    shots: Path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo world without today's courtship (the tests play it), served by uvicorn."""
    import random

    import uvicorn

    from troth.bootstrap import SystemClock, build
    from troth.demo.cast import load_resident
    from troth.demo.world import load_world
    from troth.domain.customs import Customs
    from troth.web.app import create_app

    db = tmp_path_factory.mktemp("e2e") / "registry.db"
    registry = build(url=str(db), server=True, clock=SystemClock(TODAY), customs=Customs())
    ids = load_world(registry, present=False)
    rng = random.Random(5)
    for _ in range(25):
        load_resident(registry, rng, TODAY)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(registry), host="127.0.0.1", port=port,
                                          log_level="warning", ws="none", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield Site(f"http://127.0.0.1:{port}", ids, registry, SHOTS)
    server.should_exit = True
    thread.join(timeout=10)
    registry.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def as_user(browser: Any, site: Site) -> Iterator[Any]:
    """as_user("kes") → a Page signed in as that demo account (a fresh browser context)."""
    contexts = []

    def open_as(username: str | None, width: int = 1280, height: int = 900) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": height},
                                  base_url=site.url)
        ctx.set_default_timeout(45_000)  # generous: CI runs two workers on two cores
        contexts.append(ctx)
        page = ctx.new_page()
        if username is not None:
            from troth.demo.world import DEMO_PASSWORD

            page.goto("/login")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{site.url}/")
        return page

    yield open_as
    for ctx in contexts:
        ctx.close()
