"""Every role's dashboard: it answers, passes axe-core, and is screenshotted (desktop and
phone width) into test-output/screenshots/. The public verification page too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROLES = {"registrar": "clerk", "sponsor": "leia", "party": "rey", "guardian": "maz",
         "handler": "ada", "officiant": "tekka", "physician": "kalonia"}


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"],
                                       "runOnly": ["wcag2a", "wcag2aa", "best-practice"]})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{[n['target'] for n in v['nodes'][:3]]})"
            for v in results.response["violations"]]


@pytest.mark.parametrize("role", list(ROLES))
def test_each_roles_dashboard_passes_axe_and_is_kept_as_a_screenshot(
        role: str, as_user: Any, site: Site) -> None:
    page = as_user(ROLES[role])
    expect(page.locator("h1")).to_have_text("What needs you now")
    expect(page.locator(".role-head .tag").first).to_have_text(role.capitalize())
    assert axe_violations(page) == []
    page.screenshot(path=str(site.shots / f"dashboard-{role}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the dashboard scrolls sideways at phone width"
    page.screenshot(path=str(site.shots / f"dashboard-{role}-phone.png"), full_page=True)


@pytest.mark.parametrize("path", ["/people", "/stats", "/ledger", "/courtships/1",
                                  "/people/4", "/do/schedule_visit?courtship_id=1"])
def test_the_registrars_pages_pass_axe(path: str, as_user: Any, site: Site) -> None:
    page = as_user("clerk")
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert axe_violations(page) == []


def test_the_public_verification_page_needs_no_account_and_passes_axe(as_user: Any,
                                                                      site: Site) -> None:
    page = as_user(None)
    page.goto("/verify")
    expect(page.get_by_label("Verification code")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(site.shots / "verify.png"))


def test_the_pages_can_be_used_from_the_keyboard(as_user: Any, site: Site) -> None:
    page = as_user("clerk")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link, Tab lands inside the main content"
