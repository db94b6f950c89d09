"""Corrections by two hands in the browser: the clerk requests a correction from the
person's page; approving her own request shows the reason and changes nothing; a second
registrar approves it, and the person's timeline tells both the original and the
correction."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site

from troth.domain.policy import Role

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_clerk_cannot_approve_her_own_request_and_a_second_registrar_can(
        as_user: Any, site: Site) -> None:
    from troth.demo.world import DEMO_PASSWORD
    from troth.web.auth import hash_password

    poe = site.ids["poe"]
    clerk = as_user("clerk")
    clerk.goto(f"/people/{poe}")
    clerk.get_by_role("link", name="Request a correction").click()
    clerk.get_by_label("The fact to correct").select_option("district")
    clerk.get_by_label("The corrected value").fill("Naboo")
    clerk.get_by_label("Evidence").fill("tenancy record T-77")
    clerk.get_by_role("button", name="Request the correction").click()
    expect(clerk.get_by_text("a different registrar approves or rejects it")).to_be_visible()
    clerk.goto("/corrections")
    card = clerk.locator("section.card", has_text="District of")
    expect(card).to_contain_text("(you)")
    card.get_by_role("button", name="Approve").click()
    expect(clerk.locator(".refusal, .field-error").first).to_contain_text(
        "a different registrar")
    assert site.registry.queries.people.person(poe).district == "Yavin"

    site.registry.queries.accounts.create("checker", hash_password(DEMO_PASSWORD), None,
                                          [(Role.REGISTRAR, "")])
    checker = as_user("checker")
    checker.goto("/corrections")
    mine = checker.locator("section.card", has_text="tenancy record T-77")
    mine.get_by_label("Reason (optional)").fill("record seen")
    mine.get_by_role("button", name="Approve").click()
    expect(checker.get_by_text("is decided")).to_be_visible()
    assert site.registry.queries.people.person(poe).district == "Naboo"
    checker.goto(f"/people/{poe}")
    expect(checker.locator("#timeline")).to_contain_text(
        "District of Poe Dameron")
    expect(checker.locator("#timeline")).to_contain_text("corrected from Yavin to Naboo")
