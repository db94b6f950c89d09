"""Password guessing (issue 14, item 7): sign-in attempts are counted atomically per
account before any password is checked; the address limit spares the addresses of
trusted proxies; proxy headers are believed only from proxies the settings name."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import anyio
import pytest

from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World
from troth.cli.serve import uvicorn_options
from troth.settings import Settings
from troth.web import auth
from troth.web.app import create_app
from troth.web.auth import LOGIN_LIMIT

V1 = "/api/v1"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password the Authenticator checks (argon2 verifications), in order."""
    seen: list[str] = []
    lock = threading.Lock()
    real: Callable[[str, str], bool] = auth.verify_password

    def counted(stored: str, password: str) -> bool:
        with lock:
            seen.append(password)
        return real(stored, password)

    monkeypatch.setattr(auth, "verify_password", counted)
    return seen


def _burst(client: ApiClient, bodies: list[dict[str, str]]) -> list[int]:
    """All the sign-ins at once (the server answers sync routes from a thread pool)."""
    statuses: list[int] = [0] * len(bodies)

    async def one(i: int, body: dict[str, str]) -> None:
        r = await client.client.post(f"{V1}/auth/login", json=body)
        statuses[i] = r.status_code

    async def every() -> None:
        async with anyio.create_task_group() as tg:
            for i, body in enumerate(bodies):
                tg.start_soon(one, i, body)

    client.portal.call(every)
    return statuses


def test_forty_parallel_wrong_guesses_get_at_most_the_limit_of_password_checks(
        anon: ApiClient, world: World, checks: list[str]) -> None:
    wrong = [{"username": "officiant", "password": f"guess {i}"} for i in range(40)]
    statuses = _burst(anon, [*wrong, {"username": "officiant", "password": PASSWORD}])
    assert len(checks) <= LOGIN_LIMIT
    assert statuses.count(401) == len(checks) and statuses.count(200) == 0
    assert statuses.count(429) == 41 - len(checks)
    r = anon.post(f"{V1}/auth/login", json={"username": "officiant", "password": PASSWORD})
    assert r.status_code == 429  # the right password is refused during the lockout
    assert PASSWORD not in checks  # ... without being checked at all


def test_the_count_comes_before_the_check_one_request_at_a_time_too(
        anon: ApiClient, world: World, checks: list[str]) -> None:
    for i in range(LOGIN_LIMIT):
        assert anon.post(f"{V1}/auth/login", json={"username": "handler",
                                                   "password": f"no {i}"}).status_code == 401
    for _ in range(3):
        r = anon.post(f"{V1}/auth/login", json={"username": "handler", "password": PASSWORD})
        assert r.status_code == 429
    assert len(checks) == LOGIN_LIMIT
    assert anon.post(f"{V1}/auth/login", json={"username": "party",
                                               "password": PASSWORD}).status_code == 200


ADDRESS_LIMIT = 3  # argon2 is slow on purpose: the tests lower the address limit to 3


@pytest.fixture
def small_address_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "ADDRESS_LIMIT", ADDRESS_LIMIT)


def _spray(client: ApiClient, n: int) -> list[int]:
    return [client.post(f"{V1}/auth/login", json={"username": f"nobody{i}",
                                                  "password": "x"}).status_code
            for i in range(n)]


def test_the_address_limit_counts_one_clients_address(
        anon: ApiClient, world: World, small_address_limit: None) -> None:
    statuses = _spray(anon, ADDRESS_LIMIT + 1)
    assert statuses[:ADDRESS_LIMIT] == [401] * ADDRESS_LIMIT and statuses[-1] == 429


def test_the_address_of_a_trusted_proxy_is_not_limited_for_everyone_behind_it(
        registry: Any, world: World, anon: ApiClient, small_address_limit: None) -> None:
    app = create_app(registry, trusted_proxies=("127.0.0.1",))  # the test client's address
    client = ApiClient(anon.portal, app)
    assert set(_spray(client, ADDRESS_LIMIT + 1)) == {401}
    r = client.post(f"{V1}/auth/login", json={"username": "party", "password": PASSWORD})
    assert r.status_code == 200
    client.close()


def test_proxy_headers_are_off_unless_the_settings_name_trusted_proxies() -> None:
    default = uvicorn_options(Settings.read({}))
    assert default["proxy_headers"] is False and not default["forwarded_allow_ips"]
    named = uvicorn_options(Settings.read({"TROTH_TRUSTED_PROXIES": "10.0.0.7, 10.0.0.8"}))
    assert named["proxy_headers"] is True
    assert named["forwarded_allow_ips"] == "10.0.0.7,10.0.0.8"


def test_x_forwarded_for_from_an_untrusted_peer_does_not_change_the_address(
        anon: ApiClient, world: World, small_address_limit: None) -> None:
    for i in range(ADDRESS_LIMIT):
        anon.post(f"{V1}/auth/login", json={"username": f"nobody{i}", "password": "x"},
                  headers={"X-Forwarded-For": f"203.0.113.{i}"})
    r = anon.post(f"{V1}/auth/login", json={"username": "party", "password": PASSWORD},
                  headers={"X-Forwarded-For": "198.51.100.1"})
    assert r.status_code == 429
