"""Candidate search in the browser: the registrar opens it from the navigation, searches
for an Omega, narrows by age, and the table updates in place (HTMX, no page load); a bonded
person gets the registry's reason instead of a table. The page passes axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import TODAY, Site
from tests.e2e.test_dashboards import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _searchable_omega(site: Site) -> tuple[int, list[int]]:
    """An unbonded adult Omega of the demo town with candidates of several ages, and those
    ages (the town is generated, so the test does not name one)."""
    from troth.match.candidates import Filters
    from troth.registry.candidate_search import candidates_in_registry

    pop = site.registry.queries.match.population(TODAY).population
    best: tuple[int, list[int]] = (0, [])
    for pid, designation in zip(pop.ids.tolist(), pop.designation.tolist(), strict=True):
        if designation != "omega":
            continue
        try:
            ages = [c.age for c in candidates_in_registry(site.registry, pid, 20,
                                                          Filters(on=TODAY))]
        except Exception:  # a minor or bonded Omega: not searchable
            continue
        if len(set(ages)) > len(set(best[1])):
            best = (pid, ages)
    assert best[0], "the demo town has no searchable Omega"
    return best


def test_the_registrar_searches_candidates_and_narrows_them_by_age(as_user: Any,
                                                                   site: Site) -> None:
    omega, ages = _searchable_omega(site)
    lo, hi = sorted(ages)[1], sorted(ages)[-2]  # leaves out at least the youngest and oldest
    inside = sum(lo <= a <= hi for a in ages)
    clerk = as_user("clerk")
    clerk.get_by_role("navigation", name="Main").get_by_role("link", name="Candidates").click()
    expect(clerk.locator("h1")).to_have_text("Introduction candidates")
    clerk.evaluate("window.__sameDocument = true")  # gone if the browser loads a new page
    clerk.get_by_label("Searching for (registry number)").fill(str(omega))
    clerk.get_by_role("button", name="Search").click()
    rows = clerk.locator("#candidates-table tbody tr")
    expect(rows).to_have_count(len(ages))
    expect(clerk.locator("#c-person-who")).to_contain_text(f"#{omega}:")

    clerk.get_by_label("Youngest age").fill(str(lo))
    clerk.get_by_label("Oldest age").fill(str(hi))
    clerk.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(inside)
    shown = [int(a) for a in clerk.locator("#candidates-table td[data-label=Age]")
             .all_inner_texts()]
    assert shown and all(lo <= a <= hi for a in shown)
    expect(clerk).to_have_url(re.compile(rf"min_age={lo}&max_age={hi}"))
    assert clerk.evaluate("window.__sameDocument === true"), "the page reloaded"
    expect(rows.first.get_by_role("link", name="Propose an introduction")).to_be_visible()
    clerk.screenshot(path=str(site.shots / "candidates-registrar.png"), full_page=True)
    assert axe_violations(clerk) == []

    clerk.get_by_label("Searching for (registry number)").fill(str(site.ids["rey"]))
    clerk.get_by_role("button", name="Search").click()
    expect(clerk.get_by_role("alert")).to_contain_text("is bonded")
    expect(rows).to_have_count(0)
