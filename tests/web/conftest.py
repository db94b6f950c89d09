"""Fixtures for the API tests: the app on the `registry` fixture (SQLite and PostgreSQL),
a seeded world with one account per role, and clients signed in as each.

On SQLite the world is built once per run into a template file and copied for each test
(as tests/conftest.py does for the empty schema); on PostgreSQL it is built per test.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FixedClock
from tests.web.client import ApiClient, portal
from tests.web.world import World, build, with_accounts
from troth.bootstrap import build as build_app_registry
from troth.bootstrap import build_registry
from troth.domain.customs import Customs
from troth.domain.policy import Role
from troth.web.app import create_app

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory,
                   sqlite_template: Path) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("world") / "world.db"
    shutil.copy(sqlite_template, path)
    reg = build_registry(str(path), clock=FixedClock(), customs=Customs())  # type: ignore[arg-type]
    world = with_accounts(reg, build(reg))
    reg.close()  # the last connection to close checkpoints the WAL into the file
    return path, world


@pytest.fixture
def registry(db_url: str, clock: FixedClock,
             world_template: tuple[Path, World]) -> Iterator[Any]:
    """The registry of tests/conftest.py; on SQLite, with the world already in it."""
    if "://" not in db_url:
        shutil.copy(world_template[0], db_url)
    # as `troth serve` builds it: reads through the server's pool of read-only connections
    reg = build_app_registry(url=db_url, server=True, clock=clock,  # type: ignore[arg-type]
                             customs=Customs())
    yield reg
    reg.close()


@pytest.fixture
def world(registry: Any, world_template: tuple[Path, World]) -> World:
    if registry.backend == "sqlite":
        return copy.deepcopy(world_template[1])
    return with_accounts(registry, build(registry))


@pytest.fixture
def app(registry: Any) -> Any:
    return create_app(registry)


@pytest.fixture
def anon(app: Any) -> Iterator[ApiClient]:
    with portal() as p:
        client = ApiClient(p, app)
        yield client
        client.close()


@pytest.fixture
def as_role(anon: ApiClient, world: World) -> Iterator[Any]:
    clients: dict[Role, ApiClient] = {}

    def get(role: Role) -> ApiClient:
        if role not in clients:
            clients[role] = anon.as_token(world.tokens[role])
        return clients[role]

    yield get
    for c in clients.values():
        c.close()
