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
    expect(field).to_have_value(re.compile(re.escape(option) + r"(, )?$"))  # a people field
    # leaves ", " for the next name


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


def _presented(site: Site, name: str, born: date, designation: str) -> int:
    reg = site.registry
    pid = int(reg.execute(c.RegisterPerson(name, born, (), (), None, "Takodana")))
    reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
    return pid


def test_b_an_introduction_an_enrolment_a_consent_a_visit_scheduled_and_reported(
        as_user: Any, site: Site) -> None:
    alpha = _presented(site, "Corin Ashdown", date(1996, 4, 12), "alpha")
    omega = _presented(site, "Lira Fenwick", date(2003, 9, 30), "omega")
    ada = site.ids["ada"]

    # The registrar proposes the introduction, choosing both parties by name.
    clerk = as_user("clerk")
    go(clerk, "Propose an introduction", "/do/propose_introduction")
    choose(clerk, "The Alpha", "ashdo", f"Corin Ashdown (#{alpha})")
    choose(clerk, "The Omega", "fenwi", f"Lira Fenwick (#{omega})")
    # a few days back, so the Visit below is over by today and can be reported
    clerk.get_by_label("Proposed on").fill("2026-11-20")
    press(clerk, "Propose", r"/courtships/\d+")
    notice(clerk, "is proposed")
    cid = number_in(clerk.url, "courtships")

    # From her record (her name on the courtship), the registrar invites her to enrol.
    go(clerk, "Lira Fenwick", f"/people/{omega}")
    clerk.get_by_label("Party").check()
    press(clerk, "Invite to enrol", f"/people/{omega}/invitations")
    code = clerk.locator("#enrolment-code").inner_text().strip()

    # She enrols with the code, signs in and consents on the courtship's own page.
    lira = as_user(None)
    lira.goto("/")
    go(lira, "Sign in", "/login")
    lira.goto("/enrol")  # the words she was told: "Go to /enrol, enter this code, ..."
    clean(lira)
    lira.get_by_label("Enrolment code").fill(code)
    lira.get_by_label("Username").fill("lira")
    lira.get_by_label("Password").fill(DEMO_PASSWORD)
    press(lira, "Enrol", "/login")
    lira.get_by_label("Username").fill("lira")
    lira.get_by_label("Password").fill(DEMO_PASSWORD)
    press(lira, "Sign in", "/")
    go(lira, "Give or refuse your consent", "/do/consent_courtship")
    expect(lira.locator("h1")).to_have_text("Your consent to the courtship")
    expect(lira.get_by_role("radio", checked=True)).to_have_count(0)  # nothing preselected
    lira.get_by_label("I consent to the courtship").check()
    lira.get_by_label("Date").fill("2026-11-21")
    press(lira, "Record my answer", f"/courtships/{cid}")
    notice(lira, "Your consent to the courtship is recorded")
    expect(lira.locator("h1")).to_contain_text("open")

    # The registrar schedules a Visit, the handler chosen by name.
    clerk.goto(f"/courtships/{cid}")
    go(clerk, "Schedule a Visit", "/do/schedule_visit")
    clerk.get_by_label("Kind of Visit").select_option("introduction")
    clerk.get_by_label("Starts at").fill("2026-11-23T15:00")
    clerk.get_by_label("Place").fill("the Fenwick house, Takodana")
    clerk.get_by_label("At the Omega's residence").check()
    choose(clerk, "Handlers", "wren", f"Ada Wren (#{ada})")
    press(clerk, "Schedule", r"/visits/\d+")
    notice(clerk, "is scheduled")
    vid = number_in(clerk.url, "visits")

    # The handler finds the report due on her dashboard and files it.
    handler = as_user("ada")
    clean(handler)
    go(handler, f"File the report for Visit #{vid}", "/do/report_visit")
    expect(handler.get_by_label("What happened", exact=True)).to_have_value("held")
    handler.get_by_label(re.compile(r"^Note")).fill("an introduction over tea; all well")
    press(handler, "File the report", f"/visits/{vid}")
    notice(handler, "The Visit report is filed.")
    visit = site.registry.queries.dashboards.visit(vid)
    assert visit is not None and visit.status.value == "held", visit
