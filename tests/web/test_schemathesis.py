"""Property-based tests of the whole API from its own OpenAPI document (schemathesis),
as the registrar and as a party: zero 5xx responses, zero responses that break the
documented schema (status codes, content types, bodies). SQLite only, bounded examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from tests.web.world import build, with_accounts
from troth.domain.policy import Role
from troth.web.app import create_app

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance")


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Any]:
    import shutil

    from tests.conftest import FixedClock
    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs

    path = tmp_path_factory.mktemp("fuzz") / "registry.db"
    shutil.copy(sqlite_template, path)
    reg = build_registry(str(path), clock=FixedClock(), customs=Customs())  # type: ignore[arg-type]
    world = with_accounts(reg, build(reg))
    app = create_app(reg)
    app.state.fuzz_tokens = world.tokens
    yield app
    reg.close()


ENDS_CREDENTIALS = {
    ("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/auth/tokens/{token_id}"),
    ("POST", "/api/v1/accounts/{account_id}/disable"),
    ("DELETE", "/api/v1/accounts/{account_id}/roles/{role}"),
}
SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def _fuzz(app: Any, role: Role) -> int:
    """Run every operation's generated cases; returns how many operations ran."""
    from schemathesis import checks as sc

    checks = [getattr(sc, name) for name in CHECKS]
    headers = {"Authorization": f"Bearer {app.state.fuzz_tokens[role]}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ran = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if (op.method.upper(), op.path) in ENDS_CREDENTIALS:
            continue  # test_auth covers these; here they would end the run's own token
        strategy = op.as_strategy() | op.as_strategy(GenerationMode.NEGATIVE)

        @given(case=strategy)
        @SETTINGS
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=checks)

        run()
        ran += 1
    return ran


@pytest.mark.slow
def test_no_request_from_the_registrar_gets_a_5xx_or_breaks_the_schema(fuzz_app: Any) -> None:
    assert _fuzz(fuzz_app, Role.REGISTRAR) >= 20


@pytest.mark.slow
def test_no_request_from_a_party_gets_a_5xx_or_breaks_the_schema(fuzz_app: Any) -> None:
    assert _fuzz(fuzz_app, Role.PARTY) >= 20
