"""The life of a courtship through the pages, each step by the role whose step it is:
introduction, the Omega's consent, a Visit report with an incident, a waiver, the
ceremony, the seal, and the certificate checked on the public page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site
from tests.e2e.test_dashboards import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def submit(page: Any, label: str, lands_on: str = "") -> None:
    """Press the form's button; with lands_on, wait for the page it redirects to."""
    page.get_by_role("button", name=label, exact=True).click()
    if lands_on:
        page.wait_for_url(re.compile(lands_on + r"(\?.*)?$"))


def notice(page: Any, text: str) -> None:
    expect(page.locator(".notice")).to_contain_text(text)


def courtship_id(page: Any) -> int:
    found = re.search(r"/courtships/(\d+)$", page.url)
    assert found, page.url
    return int(found.group(1))


def test_a_courtship_runs_from_introduction_to_a_verified_certificate(as_user: Any,
                                                                        site: Site) -> None:
    ids = site.ids
    # The sponsor, Poe's father, proposes the introduction.
    kes = as_user("kes")
    kes.get_by_role("link", name="Propose an introduction").first.click()
    kes.get_by_label("The Alpha").fill(str(ids["poe"]))
    kes.get_by_label("The Omega").fill(str(ids["jannah"]))
    # dated a few days back, so the Visit below starts after her consent and before today
    # (nothing is held before it starts, nor scheduled before the courtship opened)
    kes.get_by_label("Proposed on").fill("2026-11-20")
    submit(kes, "Propose", r"/courtships/\d+")
    cid = courtship_id(kes)
    notice(kes, "is proposed")

    # The Omega sees the open consent on her dashboard and gives it herself.
    jannah = as_user("jannah")
    jannah.get_by_role("link", name="Give or refuse your consent").click()
    expect(jannah.locator("h1")).to_have_text("Your consent to the courtship")
    expect(jannah.get_by_role("radio", checked=True)).to_have_count(0)  # nothing preselected
    assert axe_violations(jannah) == []
    jannah.get_by_label("I consent to the courtship").check()
    jannah.get_by_label("Date").fill("2026-11-21")
    submit(jannah, "Record my answer", f"/courtships/{cid}")
    notice(jannah, "Your consent to the courtship is recorded")
    expect(jannah.locator("h1")).to_contain_text("open")

    # The sponsor schedules the first Visit at her residence, with a handler.
    kes.goto(f"/do/schedule_visit?courtship_id={cid}")
    kes.get_by_label("Kind of Visit").select_option("introduction")
    kes.get_by_label("Starts at").fill("2026-11-24T17:00")
    kes.get_by_label("Place").fill("Maz's castle, Takodana")
    kes.get_by_label("At the Omega's residence").check()
    kes.get_by_label("Handlers").fill(str(ids["ada"]))
    submit(kes, "Schedule", r"/visits/\d+")
    notice(kes, "is scheduled")

    # The handler files the Visit's report with an incident.
    ada = as_user("ada")
    ada.get_by_role("link", name=re.compile("File the report")).first.click()
    assert ada.get_by_label("Handlers present").input_value() == str(ids["ada"])
    ada.get_by_label("Incident at this Visit").select_option("contact_breach")
    ada.get_by_label("What happened (the incident)").fill(
        "the pair stood closer than allowed; separated at once")
    submit(ada, "File the report", r"/visits/\d+")
    notice(ada, "The incident is in the welfare queue")

    # The registrar sees it in the welfare queue, grants a waiver, schedules the ceremony.
    clerk = as_user("clerk")
    queue = clerk.get_by_role("region", name="Welfare queue table")
    assert "Contact breach" in queue.inner_text()
    clerk.goto(f"/courtships/{cid}")
    verdict = clerk.locator("section[aria-labelledby=h-verdict]")
    expect(verdict).to_contain_text("1 of the 8 customary Visits have been held")
    expect(verdict).to_contain_text("a bonding now needs a recorded waiver")
    clerk.get_by_role("link", name="Grant a waiver").click()
    clerk.get_by_label("Custom waived").select_option("min_visits_before_bonding")
    clerk.get_by_label("Reason").fill("both families ask for an early bonding")
    submit(clerk, "Grant the waiver", f"/courtships/{cid}")
    expect(clerk.locator("#h-waivers + ul")).to_contain_text("waived by the registrar")
    clerk.get_by_role("link", name="Schedule the ceremony").click()
    clerk.get_by_label("Officiant").fill(str(ids["tekka"]))
    clerk.get_by_label("Witnesses").fill("Kes Dameron, Maz Kanata")
    submit(clerk, "Schedule", r"/ceremonies/\d+")

    # Both parties consent to the bonding themselves.
    for party in (jannah, as_user("poe")):
        party.goto("/")
        party.get_by_role("link", name="Give or refuse your consent").click()
        expect(party.locator("h1")).to_have_text("Your consent to the bonding")
        assert axe_violations(party) == []
        party.get_by_label("I consent to the bonding").check()
        submit(party, "Record my answer", f"/courtships/{cid}")
        notice(party, "Your consent to the bonding is recorded")

    # The officiant seals the bond; the certificate's code is shown.
    tekka = as_user("tekka")
    expect(tekka.locator(".verdict").first).to_contain_text("A bonding may be sealed")
    tekka.get_by_role("link", name=re.compile(r"Ceremony #\d+")).first.click()
    tekka.get_by_role("link", name="Seal the bond").click()
    tekka.get_by_label("The household's address").fill("3 Lake Row, Takodana")
    submit(tekka, "Seal the bond", r"/ceremonies/\d+")
    notice(tekka, "is sealed")
    code = tekka.locator("#certificate-code").inner_text().strip()

    # Anyone, signed in or not, can check the certificate on the public page.
    visitor = as_user(None)
    visitor.goto("/verify")
    visitor.get_by_label("Verification code").fill(code.lower())
    submit(visitor, "Verify")
    expect(visitor.locator("#verify-result")).to_contain_text("Genuine")
    expect(visitor.locator("#verify-result")).to_contain_text("Poe Dameron and Jannah")
    visitor.get_by_label("Verification code").fill(code[:-2] + ("AA" if code[-2:] != "AA"
                                                                 else "BB"))
    submit(visitor, "Verify")
    expect(visitor.locator("#verify-result")).to_contain_text("Not verified")
