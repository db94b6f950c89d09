"""A Visit scheduled with fewer handlers than the custom is said so at once on its page
(issue 14, item 4): the families learn it before the Visit, not when it is not counted."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD, World, with_courtships
from troth.domain import commands as c
from troth.domain.policy import Role


@SQLITE_ONLY
def test_a_dinner_with_one_handler_is_flagged_on_its_page_and_one_with_two_is_not(
        registry: Any, world: World, anon: ApiClient) -> None:
    w = with_courtships(registry, world)
    court, p = w.records["A"]["courtship"], w.people
    when = datetime.combine(registry.clock.today() + timedelta(days=3), datetime.min.time())
    short = registry.execute(c.ScheduleVisit(court, "dinner", when.replace(hour=19),
                                             "the dining room", True, (p["maz"],)))
    full = registry.execute(c.ScheduleVisit(court, "dinner", when.replace(hour=12),
                                            "the dining room", True, (p["maz"], p["lor"])))
    client = ApiClient(anon.portal, anon.app)
    try:
        assert client.sign_in(Role.REGISTRAR.value, PASSWORD).status_code == 303
        flagged = client.get(f"/visits/{short}").text
        clean = client.get(f"/visits/{full}").text
    finally:
        client.close()
    assert 'class="flag" role="status"' in flagged and "handler" in flagged
    assert 'class="flag" role="status"' not in clean
