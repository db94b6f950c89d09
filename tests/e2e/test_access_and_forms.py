"""Refusals in the browser: a guardian cannot open the ward's health page, and a form
with bad input shows each error beside its field and keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_guardian_who_opens_the_wards_health_page_is_refused(as_user: Any,
                                                               site: Site) -> None:

    maz, ward = as_user("maz"), site.ids["jannah"]
    maz.goto(f"/people/{ward}")  # the ward's record: a guardian may read it
    expect(maz.locator("h1")).to_contain_text("Jannah")
    expect(maz.get_by_role("link", name="Health records")).to_have_count(0)
    response = maz.goto(f"/people/{ward}/health")
    assert response is not None and response.status == 404
    expect(maz.locator("h1")).to_have_text("Not found")
    expect(maz.get_by_role("alert")).to_contain_text("not one this account may see")
    assert "Heats" not in maz.content()
    store = site.registry.queries.accounts
    entries, _ = store.access_log(1, 20)
    denied = [e for e in entries if e.action == "health.read" and e.object_id == ward]
    assert denied and not denied[0].allowed and denied[0].status == 404


def test_the_omega_reads_her_own_health_page_and_the_registrar_may_not(as_user: Any,
                                                                        site: Site) -> None:
    rey = as_user("rey")
    rey.goto(f"/people/{site.ids['rey']}/health")
    expect(rey.locator("h1")).to_contain_text("Health records of Rey")
    expect(rey.get_by_role("region", name="Heats table")).to_contain_text("38.2")
    clerk = as_user("clerk")
    response = clerk.goto(f"/people/{site.ids['rey']}/health")
    assert response is not None and response.status == 404


def test_a_form_with_bad_input_shows_each_error_beside_its_field(as_user: Any,
                                                                 site: Site) -> None:
    kes = as_user("kes")
    kes.goto("/do/propose_introduction")
    kes.get_by_label("The Alpha").fill(str(site.ids["jannah"]))  # an Omega, not an Alpha
    kes.get_by_label("The Omega").fill(str(site.ids["poe"]))
    kes.get_by_label("Note").fill("typed by hand")
    kes.get_by_role("button", name="Propose", exact=True).click()
    alpha = kes.get_by_label("The Alpha")
    expect(alpha).to_have_attribute("aria-invalid", "true")
    error = kes.locator("#f-alpha_id-error")
    expect(error).to_contain_text("A courtship is one Alpha and one Omega")
    # beside the field: inside the same field group, and named by the input's description
    expect(kes.locator(".field.has-error")).to_contain_text("The Alpha")
    assert "f-alpha_id-error" in (alpha.get_attribute("aria-describedby") or "")
    expect(kes.get_by_label("The Omega")).not_to_have_attribute("aria-invalid", "true")
    expect(kes.get_by_label("Note")).to_have_value("typed by hand")  # kept as typed

    kes.get_by_label("The Alpha").fill("someone")
    kes.get_by_label("Proposed on").fill("")
    kes.get_by_role("button", name="Propose", exact=True).click()
    expect(kes.locator("#f-alpha_id-error")).to_contain_text(
        "No one among the Alphas you may choose here is named someone")
    expect(kes.locator("#f-on-error")).to_contain_text("This is required")
    expect(kes.get_by_label("The Alpha")).to_have_value("someone")
    expect(kes.get_by_label("The Alpha")).to_be_focused()
