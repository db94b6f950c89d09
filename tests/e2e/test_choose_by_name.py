"""People chosen by name in the browser (issue 16): the registrar appoints a guardian by
typing part of her name in the Guardian field and choosing her with Down and Enter from
the combobox's list; the page passes axe-core with the list open, at 1280 px and 390 px."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site
from tests.e2e.test_dashboards import axe_violations

from troth.domain import commands as c

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _unguarded_omega(site: Site, width: int) -> int:
    name, born = {1280: ("Tamsin Orr", date(2011, 4, 9)), 390: ("Ilse Marr", date(2010, 1, 3))
                  }[width]
    ward = site.registry.execute(c.RegisterPerson(name, born, (), (), None, "Takodana"))
    site.registry.execute(c.RecordPresentation(ward, "omega", date(2025, 6, 1)))
    return int(ward)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_registrar_chooses_a_guardian_by_name_with_the_keyboard(
        width: int, as_user: Any, site: Site) -> None:
    ward = _unguarded_omega(site, width)
    maz = site.ids["maz"]
    clerk = as_user("clerk", width=width)
    clerk.goto(f"/do/appoint_guardian?ward_id={ward}")
    field = clerk.get_by_role("combobox", name="Guardian")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("kanat", delay=40)
    listbox = clerk.get_by_role("listbox", name="People to choose for Guardian")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(field).to_have_attribute("aria-controls", "f-guardian_id-list")
    option = listbox.get_by_role("option", name=f"Maz Kanata (#{maz})")
    expect(option).to_contain_text("born 1961")
    expect(clerk.locator("#f-guardian_id-status")).to_contain_text("1 suggestion")
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", "f-guardian_id-opt-0")
    assert axe_violations(clerk) == []  # the list open, an option active
    clerk.screenshot(path=str(site.shots / f"choose-guardian-{width}.png"), full_page=True)
    field.press("Enter")
    expect(field).to_have_value(f"Maz Kanata (#{maz})")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")

    field.press_sequentially("x")  # Escape closes a list without choosing
    field.fill("")
    field.press_sequentially("Maz", delay=40)
    expect(listbox).to_be_visible()
    field.press("Escape")
    expect(listbox).to_be_hidden()
    field.fill(f"Maz Kanata (#{maz})")

    clerk.get_by_label("Court", exact=True).fill("Takodana Family Court")
    clerk.get_by_label("Court order reference").fill(f"TFC-2026-{ward}")
    clerk.get_by_role("button", name="Appoint").click()
    clerk.wait_for_url(f"{site.url}/people/{ward}")
    expect(clerk.get_by_text("The guardianship order is recorded.")).to_be_visible()
    assert axe_violations(clerk) == []
