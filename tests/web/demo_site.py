"""The demo world on a real SQLite file, and clients signed in through the sign-in page as
its demo accounts (for the crawler and the page tests written as a demo user would)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import FixedClock
from tests.web.client import ApiClient, portal
from troth.bootstrap import build
from troth.demo.world import DEMO_PASSWORD, load_world
from troth.domain.customs import Customs
from troth.web.app import create_app


@dataclass
class DemoSite:
    app: Any
    registry: Any
    ids: dict[str, int]


@contextmanager
def demo_site(folder: Path, template: Path, present: bool) -> Iterator[DemoSite]:
    db = folder / "registry.db"
    shutil.copy(template, db)
    registry = build(url=str(db), server=True, clock=FixedClock(),  # type: ignore[arg-type]
                     customs=Customs())
    ids = load_world(registry, present=present)
    yield DemoSite(create_app(registry), registry, ids)
    registry.close()


@contextmanager
def signed_in(app: Any, username: str) -> Iterator[ApiClient]:
    with portal() as p:
        client = ApiClient(p, app)
        r = client.sign_in(username, DEMO_PASSWORD)
        assert r.status_code == 303, r.text
        yield client
        client.close()
