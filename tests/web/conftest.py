"""Fixtures for the API tests: the app on the `registry` fixture (SQLite and PostgreSQL),
a seeded world with one account per role, and clients signed in as each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.client import ApiClient, portal
from tests.web.world import World, build, with_accounts
from troth.domain.policy import Role
from troth.web.app import create_app


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
def world(registry: Any) -> World:
    return with_accounts(registry, build(registry))


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
