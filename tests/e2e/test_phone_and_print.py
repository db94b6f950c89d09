"""Phone and print, in a browser: at 390 px the registrar's dashboard shows its first action
within about a screen and a half, the heat chart's labels stay legible, the welfare queue
passes axe; printed, a page has no navigation, buttons or forms."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site
from tests.e2e.test_dashboards import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_first_action_comes_early_the_chart_reads_and_print_hides_the_navigation(
        as_user: Any, site: Site) -> None:
    page = as_user("clerk", **PHONE)
    first = page.locator("main .button").first
    expect(first).to_be_visible()
    top = first.evaluate("b => b.getBoundingClientRect().top + window.scrollY")
    assert top < 1.5 * PHONE["height"], f"the first action is {top:.0f} px down the page"
    folded = page.locator("details.more")
    expect(folded).not_to_have_attribute("open", "")  # secondary panels fold on a phone
    page.screenshot(path=str(site.shots / "dashboard-registrar-phone-first.png"))

    page.goto("/welfare")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welfare queue")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == []

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("main form").first).to_be_hidden()  # the filters
    expect(page.locator("main button").first).to_be_hidden()
    expect(page.get_by_role("table").first).to_be_visible()  # the list itself is printed
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()

    rey = as_user("rey", **PHONE)
    rey.goto(f"/people/{site.ids['rey']}/health")
    narrow = rey.locator(".chart-narrow svg").first
    expect(narrow).to_be_visible()
    expect(rey.locator(".chart-wide svg").first).to_be_hidden()
    smallest = narrow.evaluate(
        "s => Math.min(...[...s.querySelectorAll('text')].map("
        "t => t.getBoundingClientRect().height))")
    assert smallest >= 11, f"the heat chart's smallest label is {smallest:.1f} px tall"
