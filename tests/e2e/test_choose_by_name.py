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


PEOPLE = {1280: (("Tamsin Orr", date(2011, 4, 9)), ("Orla Venkatesan", date(1961, 2, 2))),
          390: (("Ilse Marr", date(2010, 1, 3)), ("Bram Kanatova", date(1961, 7, 7)))}


def _ward_and_guardian(site: Site, width: int) -> tuple[int, int]:
    """An Omega without a guardian and an adult Beta, registered for this test alone (the
    demo world's guardians keep their wards for the other tests)."""
    out = []
    for (name, born), designation in zip(PEOPLE[width], ("omega", "beta"), strict=True):
        pid = site.registry.execute(c.RegisterPerson(name, born, (), (), None, "Takodana"))
        site.registry.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
        out.append(int(pid))
    return out[0], out[1]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_registrar_chooses_a_guardian_by_name_with_the_keyboard(
        width: int, as_user: Any, site: Site) -> None:
    ward, guardian = _ward_and_guardian(site, width)
    name = PEOPLE[width][1][0]
    clerk = as_user("clerk", width=width)
    clerk.goto(f"/do/appoint_guardian?ward_id={ward}")
    field = clerk.get_by_role("combobox", name="Guardian")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially(name.split()[1][:6].lower(), delay=40)  # part of the family name
    listbox = clerk.locator("#f-guardian_id-list")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(field).to_have_attribute("aria-controls", "f-guardian_id-list")
    option = listbox.get_by_role("option", name=f"{name} (#{guardian})")
    expect(option).to_contain_text("born 1961")
    expect(clerk.locator("#f-guardian_id-status")).to_contain_text("suggestion")
    field.press("ArrowDown")  # the first option is active; Down again until hers is
    for _ in range(9):
        if option.get_attribute("aria-selected") == "true":
            break
        field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    active = option.get_attribute("id")
    expect(field).to_have_attribute("aria-activedescendant", active or "")
    assert axe_violations(clerk) == []  # the list open, an option active
    clerk.screenshot(path=str(site.shots / f"choose-guardian-{width}.png"), full_page=True)
    field.press("Enter")
    expect(field).to_have_value(f"{name} (#{guardian})")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")

    field.press_sequentially("x")  # Escape closes a list without choosing
    field.fill("")
    field.press_sequentially(name[:4], delay=40)
    expect(listbox).to_be_visible()
    field.press("Escape")
    expect(listbox).to_be_hidden()
    field.fill(f"{name} (#{guardian})")

    clerk.get_by_label("Court", exact=True).fill("Takodana Family Court")
    clerk.get_by_label("Court order reference").fill(f"TFC-2026-{ward}")
    clerk.get_by_role("button", name="Appoint").click()
    clerk.wait_for_url(f"{site.url}/people/{ward}")
    expect(clerk.get_by_text("The guardianship order is recorded.")).to_be_visible()
    assert axe_violations(clerk) == []
    order = site.registry.queries.people.guardian_of(ward, site.registry.clock.today())
    assert order is not None and order.guardian_id == guardian
