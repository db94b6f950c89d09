"""Three tasks done through the pages only, as a new user would (issue 16): links and
buttons by their visible names, fields by their labels, people chosen by typing part of a
name into the person combobox and taking the suggestion with the keyboard.

(a) the registrar registers a person, records her presentation and appoints a guardian
    chosen by name;
(b) the registrar proposes an introduction, invites the Omega from her record, she enrols
    at /enrol and consents on the neutral courtship consent page, the registrar schedules a
    Visit with a handler chosen by name, and the handler files its report;
(c) the Omega records a heat and shares her record with her bonded partner, who is told
    (his inbox and the navigation's unread count), reads it; she stops the share and sees
    his read under "Who read my record".

Each task runs once, at 1280 px; every page it visits is checked with axe-core at 1280 px
and again at 390 px (the viewport narrowed and restored), which keeps each test well under
a minute. The people are registered for these tests alone, so no other test is disturbed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site
from tests.e2e.test_dashboards import axe_violations

from troth.demo.world import DEMO_PASSWORD
from troth.domain import commands as c
from troth.domain.policy import Role
from troth.registry.passwords import hash_password

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def clean(page: Any) -> None:
    """axe-core finds nothing on this page, at 1280 px and at 390 px."""
    assert axe_violations(page) == [], f"{page.url} at 1280 px"
    page.set_viewport_size(PHONE)
    assert axe_violations(page) == [], f"{page.url} at 390 px"
    page.set_viewport_size(WIDE)


def go(page: Any, link: str, lands_on: str) -> None:
    """Follow a link by its visible name to the page it names; check that page."""
    page.get_by_role("link", name=link, exact=True).first.click()
    page.wait_for_url(re.compile(lands_on + r"(\?.*)?(#.*)?$"))
    clean(page)


def press(page: Any, button: str, lands_on: str) -> None:
    """Press a form's button by its visible name; check the page it leads to."""
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(re.compile(lands_on + r"(\?.*)?(#.*)?$"))
    clean(page)


def choose(page: Any, label: str, typed: str, option: str) -> None:
    """Type part of a name into the person combobox, move Down to the suggestion and take
    it with Enter, as a keyboard user does."""
    field = page.get_by_role("combobox", name=label)
    field.press_sequentially(typed, delay=40)
    wanted = page.get_by_role("option", name=option)
    expect(wanted).to_be_visible()
    for _ in range(10):
        field.press("ArrowDown")
        if wanted.get_attribute("aria-selected") == "true":
            break
    expect(wanted).to_have_attribute("aria-selected", "true")
    field.press("Enter")
    expect(field).to_have_value(option)


def notice(page: Any, text: str) -> None:
    expect(page.locator(".notice")).to_contain_text(text)


def number_in(url: str, kind: str) -> int:
    found = re.search(rf"/{kind}/(\d+)", url)
    assert found, url
    return int(found.group(1))


def test_a_the_registrar_registers_presents_and_appoints_a_guardian_chosen_by_name(
        as_user: Any, site: Site) -> None:
    reg = site.registry
    guardian = reg.execute(c.RegisterPerson("Odile Brannagh", date(1964, 3, 3), (), (), None,
                                            "Takodana"))
    reg.execute(c.RecordPresentation(guardian, "beta", date(1978, 6, 1)))
    clerk = as_user("clerk")
    clean(clerk)
    go(clerk, "Register a person", "/do/register_person")
    clerk.get_by_label("Legal name").fill("Wenna Calloway")
    clerk.get_by_label("Date of birth").fill("2008-02-17")
    clerk.get_by_label("District").fill("Takodana")
    press(clerk, "Register", r"/people/\d+")
    notice(clerk, "Registered as #")
    ward = number_in(clerk.url, "people")
    expect(clerk.locator("h1")).to_contain_text("Wenna Calloway")

    go(clerk, "Record a presentation", "/do/record_presentation")
    clerk.get_by_label("Designation").select_option("omega")
    clerk.get_by_label("Presented on").fill("2022-06-01")
    press(clerk, "Record", f"/people/{ward}")
    notice(clerk, "The presentation is recorded.")
    expect(clerk.locator(".facts")).to_contain_text("Omega, presented 1 June 2022")

    go(clerk, "Appoint a guardian", "/do/appoint_guardian")
    choose(clerk, "Guardian", "brannag", f"Odile Brannagh (#{guardian})")
    clerk.get_by_label("Court", exact=True).fill("Takodana Family Court")
    clerk.get_by_label("Court order reference").fill(f"TFC-2026-{ward}")
    clerk.get_by_label("From").fill("2026-11-02")
    press(clerk, "Appoint", f"/people/{ward}")
    notice(clerk, "The guardianship order is recorded.")
    expect(clerk.locator("#h-guard + ul")).to_contain_text("Odile Brannagh")
    order = reg.queries.people.guardian_of(ward, reg.clock.today())
    assert order is not None and order.guardian_id == guardian
