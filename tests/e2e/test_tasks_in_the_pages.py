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
from troth.domain import identity as idn
from troth.domain.policy import Role
from troth.registry.enrolment import code_digest, new_code
from troth.registry.passwords import hash_password

pytestmark = [pytest.mark.browser, pytest.mark.slow]
INBOX = re.compile(r"^Inbox( \d+ unread)?$")  # the navigation's link, with the unread count
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def clean(page: Any) -> None:
    """axe-core finds nothing on this page, at 1280 px and at 390 px."""
    assert axe_violations(page) == [], f"{page.url} at 1280 px"
    page.set_viewport_size(PHONE)
    assert axe_violations(page) == [], f"{page.url} at 390 px"
    page.set_viewport_size(WIDE)


def go(page: Any, link: str | re.Pattern[str], lands_on: str) -> None:
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
    go(lira, "Enrol your account", "/enrol")  # the words she was told: "Go to /enrol, ..."
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


def _bonded_pair_with_accounts(site: Site) -> tuple[int, int]:
    """An Alpha and an Omega bonded in September 2026, each enrolled with an invitation as
    at the office (accounts "tarn" and "sela"): the state task (c) starts from."""
    reg, ids = site.registry, site.ids
    alpha = _presented(site, "Tarn Hollis", date(1994, 7, 8), "alpha")
    omega = _presented(site, "Sela Maroun", date(2000, 1, 19), "omega")
    court = reg.execute(c.ProposeIntroduction(alpha, omega, None, date(2026, 9, 1)))
    reg.execute(c.RecordConsent(court, omega, True, date(2026, 9, 2)))
    visit = reg.execute(c.ScheduleVisit(court, "introduction", datetime(2026, 9, 5, 16),
                                        "the Maroun house, Takodana", True, (ids["tobias"],)))
    reg.execute(c.RecordVisitHeld(visit, (ids["tobias"],), note="held as planned"))
    cer = reg.execute(c.ScheduleCeremony(court, ids["tekka"], ("Odo Hollis", "Mira Maroun"),
                                         date(2026, 9, 20)))
    for party in (alpha, omega):
        reg.execute(c.RecordConsent(court, party, True, date(2026, 9, 20), "bonding"))
    reg.execute(c.GrantWaiver(court, "min_visits_before_bonding", "registrar",
                              "both parties ask to bond early", date(2026, 9, 20)))
    reg.execute(c.SealBond(cer, ids["tekka"], "9 Quay Lane, Takodana", date(2026, 9, 20)))
    clerk = reg.queries.accounts.account_id("clerk")
    digest = hash_password(DEMO_PASSWORD)
    for pid, username in ((alpha, "tarn"), (omega, "sela")):
        code = new_code()
        reg.execute(idn.IssueInvitation(pid, code_digest(code), (Role.PARTY,), clerk))
        reg.execute(idn.Enrol(code_digest(code), username, digest, clerk))
    return alpha, omega


def test_c_a_heat_recorded_shared_with_the_partner_read_revoked_and_the_read_seen(
        as_user: Any, site: Site) -> None:
    alpha, omega = _bonded_pair_with_accounts(site)
    tarn = as_user("tarn")  # he starts with an empty inbox
    go(tarn, INBOX, "/inbox")
    if tarn.get_by_role("button", name="Mark all as read").count():
        press(tarn, "Mark all as read", "/inbox")
    expect(tarn.locator("#nav-inbox .count")).to_have_count(0)

    # She records a heat from her dashboard.
    sela = as_user("sela")
    go(sela, "Your health records", f"/people/{omega}/health")
    go(sela, "Record a heat", "/do/record_heat")
    sela.get_by_label("Started on").fill("2026-11-18")
    sela.get_by_label("Ended on").fill("2026-11-21")
    sela.get_by_label("Highest temperature (°C)").fill("38.1")
    press(sela, "Record", f"/people/{omega}/health")
    notice(sela, "Recorded in your private health record.")
    expect(sela.get_by_role("region", name="Heats table")).to_contain_text("18 November 2026")

    # She shares it with her partner, chosen by name.
    go(sela, "Share with a physician or partner", "/do/share_health")
    choose(sela, "Person", "holli", f"Tarn Hollis (#{alpha})")
    sela.get_by_label("As your").select_option("partner")
    sela.get_by_label("Share", exact=True).select_option("grant")
    press(sela, "Record", f"/people/{omega}/health")
    expect(sela.locator("#h-shares + ul")).to_contain_text("Tarn Hollis")

    # He is told: the unread count in the navigation, the notice in his inbox.
    tarn.goto("/")
    expect(tarn.locator("#nav-inbox .count")).to_contain_text("1")
    clean(tarn)
    go(tarn, INBOX, "/inbox")
    told = tarn.locator("main").get_by_text("Sela Maroun shared part of their health record"
                                            " with you.")
    expect(told).to_be_visible()
    assert "38.1" not in tarn.locator("main").inner_text()  # never a health detail
    go(tarn, "Open the record", f"/people/{omega}/health")
    expect(tarn.locator("h1")).to_have_text("Health records of Sela Maroun")
    expect(tarn.get_by_role("region", name="Heats table")).to_contain_text("18 November 2026")

    # She stops sharing; his very next request is refused.
    sela.get_by_role("link", name="stop sharing with Tarn Hollis").click()
    sela.wait_for_url(re.compile(r"/do/share_health\?"))
    clean(sela)
    expect(sela.get_by_label("Share", exact=True)).to_have_value("revoke")
    press(sela, "Record", f"/people/{omega}/health")
    expect(sela.locator("#h-shares")).not_to_contain_text("Tarn Hollis")
    response = tarn.goto(f"/people/{omega}/health")
    assert response is not None and response.status == 404

    # She sees his read in "who read my record", from her health page and from the notice
    # her inbox holds; the list is hers alone.
    go(sela, "Who read my record", f"/people/{omega}/health/reads")
    reads = sela.get_by_role("region", name="Who read my record table")
    expect(reads.locator("tr", has_text="Tarn Hollis").filter(has_text="read").first
           ).to_be_visible()
    expect(reads).to_contain_text("refused")  # his read after the share ended
    go(sela, INBOX, "/inbox")
    his_read = sela.locator("li", has_text="Tarn Hollis read your health record")
    expect(his_read).to_have_count(1)
    his_read.get_by_role("link", name="Open the record").click()
    sela.wait_for_url(re.compile(rf"/people/{omega}/health/reads$"))
    expect(sela.locator("h1")).to_have_text("Who read my record")
    response = tarn.goto(f"/people/{omega}/health/reads")
    assert response is not None and response.status == 404
