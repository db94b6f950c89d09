"""HTTP edges (issue 14, item 5): every id bounded, NUL refused, search wildcards literal,
file parts refused where text is expected, and no request data in any log line."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import text

from tests.web.world import World
from troth.domain.policy import Role
from troth.web.app import create_app

V1 = "/api/v1"
TOO_BIG = (2_147_483_648, 9_223_372_036_854_775_808, 10**30)
PAGES = ("/people/{}", "/people/{}/health", "/guardianships/{}", "/courtships/{}",
         "/visits/{}", "/ceremonies/{}", "/bonds/{}", "/bonds/{}/certificate.pdf",
         "/incidents/{}", "/petitions/{}")
APIS = ("/people/{}", "/people/{}/history", "/people/{}/health", "/people/{}/guardianships",
        "/courtships/{}", "/visits/{}", "/ceremonies/{}", "/bonds/{}", "/incidents/{}",
        "/petitions/{}", "/accounts/{}", "/match/candidates/{}")
CANARY = "CANARY-request-data-7e2c"


def test_record_pages_refuse_ids_outside_1_to_2_31_minus_1_with_a_4xx_that_says_so(
        as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    for template in PAGES:
        for rid in (*TOO_BIG, 0, -1):
            r = reg.get(template.format(rid))
            assert r.status_code == 404, (template, rid, r.status_code)
            assert "1 to 2147483647" in r.text, (template, rid)


def test_api_routes_refuse_ids_outside_1_to_2_31_minus_1_with_a_422_naming_the_bound(
        as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    for template in APIS:
        for rid in (*TOO_BIG, 0):
            r = reg.get(V1 + template.format(rid))
            assert r.status_code == 422, (template, rid, r.status_code)
            assert r.json()["error"]["rule"] == "request_schema"
    r = reg.post(f"{V1}/accounts/2147483648/disable")
    assert r.status_code == 422


def test_id_fields_of_forms_and_queries_are_bounded_too(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    r = reg.get("/match/candidates?person=9999999999")
    assert r.status_code == 422 and "registry number" in r.text
    r = reg.post("/people", data={"text": "", "page": "9" * 30})
    assert r.status_code == 200  # a page number past the end is the last page's emptiness
    r = reg.get("/do/propose_introduction?alpha_id=2147483648")
    assert r.status_code == 200 and "2147483648" in r.text
    r = reg.post("/roster/accept", data={"roster_id": str(2**63), "scope": "all"})
    assert r.status_code == 422 and "1 to 2147483647" in r.text


def test_a_nul_in_the_page_search_is_refused_with_a_4xx(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    r = reg.post("/people", data={"text": "Rey\x00"})
    assert r.status_code == 400 and "NUL" in r.text
    r = reg.get("/people/1?as_of=2026-01-01%00")
    assert r.status_code == 400
    r = reg.post(f"{V1}/people/search", json={"text": "Rey\x00"})
    assert r.status_code == 422


def test_percent_and_underscore_in_a_search_match_themselves_not_everyone(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    for wildcard in ("%%%", "___", "a%e", "_ey", "%ey%"):
        r = reg.post(f"{V1}/people/search", json={"text": wildcard}).json()
        assert r["total"] == 0, wildcard
        page = reg.post("/people", data={"text": wildcard})
        assert page.status_code == 200 and "Rey" not in page.text, wildcard
    assert reg.post(f"{V1}/people/search", json={"text": "Rey"}).json()["total"] >= 1


def test_a_search_under_three_letters_is_refused_with_what_to_type(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    for short in ("%", "_", "%%", "ey", " R "):
        r = reg.post(f"{V1}/people/search", json={"text": short})
        assert r.status_code == 422 and "at least three letters" in r.text, short
        page = reg.post("/people", data={"text": short})
        assert page.status_code == 422 and "at least three letters" in page.text, short


def test_a_file_sent_where_text_is_expected_is_refused_and_nothing_is_stored(
        as_role: Any, registry: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    before = registry.queries.people.count_people()
    r = reg.post("/do/register_person",
                 data={"born": "2001-01-01"},
                 files={"legal_name": ("name.txt", b"Mallory", "text/plain")})
    assert r.status_code == 400 and "file" in r.text
    assert registry.queries.people.count_people() == before
    r = reg.post("/people", files={"text": ("t.txt", b"Rey", "text/plain")})
    assert r.status_code == 400


# --- no request data in any log line ------------------------------------------------


def _fail_with_parameters(registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the people search run a statement that fails with the search text bound."""
    reads = registry.queries.people

    def broken(f: Any, *_: Any, **__: Any) -> Any:
        with reads.engines.reader.connect() as conn:
            conn.execute(text("SELECT id FROM no_such_table WHERE name = :n"), {"n": f.text})

    monkeypatch.setattr(reads, "search", broken)


def test_a_database_error_logs_its_type_and_route_never_the_request_data(
        as_role: Any, registry: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    _fail_with_parameters(registry, monkeypatch)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(Exception) as raised:
        as_role(Role.REGISTRAR).post("/people", data={"text": CANARY})
    assert CANARY not in str(raised.value) and CANARY not in repr(raised.value)
    assert "internal error" in caplog.text and "/people" in caplog.text
    assert CANARY not in caplog.text


@pytest.fixture
def server(app: Any) -> Iterator[str]:
    """troth under a real uvicorn (its own logging untouched by a log config)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                            log_level="debug", access_log=True, proxy_headers=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def test_uvicorns_error_log_never_holds_request_data_on_sqlite_and_postgresql(
        registry: Any, world: World, server: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    _fail_with_parameters(registry, monkeypatch)
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(self.format(record))

    keep = Keep()
    keep.setFormatter(logging.Formatter("%(name)s %(message)s"))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).addHandler(keep)
    try:
        auth = {"Authorization": f"Bearer {world.tokens[Role.REGISTRAR]}"}
        r = httpx.post(f"{server}/people", data={"text": CANARY}, headers=auth, timeout=10)
        assert r.status_code == 500 and CANARY not in r.text
        r = httpx.post(f"{server}{V1}/people/search", json={"text": CANARY}, headers=auth,
                       timeout=10)
        assert r.status_code == 500 and CANARY not in r.text
    finally:
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            logging.getLogger(name).removeHandler(keep)
    logged = caplog.text + "\n".join(seen)
    assert "internal error" in logged
    assert CANARY not in logged


def test_engines_hide_sql_parameters_from_their_errors(registry: Any) -> None:
    app = create_app(registry)
    engines = app.state.registry.queries.people.engines
    for engine in (engines.writer, engines.reader):
        assert engine.hide_parameters


def test_every_api_route_with_an_id_in_its_path_refuses_one_out_of_bounds(
        as_role: Any) -> None:
    """Every route the OpenAPI document lists, including those added later, not a
    hand-kept list: a path id past 2**31-1 is a 422 with the schema's rule, never a 500."""
    import re

    reg = as_role(Role.REGISTRAR)
    checked = 0
    for path, ops in reg.get("/openapi.json").json()["paths"].items():
        if "{" not in path:
            continue
        url = re.sub(r"\{[^}]+\}", "9223372036854775808", path)
        for method in ops:
            r = reg.request(method.upper(), url, json={})
            assert r.status_code == 422, (method, path, r.status_code)
            checked += 1
    assert checked >= 30
