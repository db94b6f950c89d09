"""In the browser: the registrar invites a person from her record and reads the code out
once; she enrols with it at /enrol and signs in; an account the office linked earlier is
confirmed by its holder with one button."""

from __future__ import annotations

from datetime import date
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


def test_an_invitation_is_read_out_once_and_enrolled_and_an_office_link_confirmed(
        as_user: Any, site: Site) -> None:
    reg = site.registry
    pid = reg.execute(c.RegisterPerson("Rose Tico", date(1998, 5, 1)))
    clerk = as_user("clerk")
    clerk.goto(f"/people/{pid}")
    clerk.get_by_label("Party").check()
    clerk.get_by_role("button", name="Invite to enrol").click()
    code = clerk.locator("#enrolment-code").inner_text().strip()
    expect(clerk.locator("#enrol-words")).to_contain_text("Go to /enrol, enter this code")
    assert axe_violations(clerk) == []
    clerk.goto(f"/people/{pid}")
    assert code not in clerk.content()
    expect(clerk.locator(".invitations")).to_contain_text("open")
    assert axe_violations(clerk) == []

    rose = as_user(None)
    rose.goto("/enrol")
    rose.get_by_label("Enrolment code").fill(code)
    rose.get_by_label("Username").fill("rose")
    rose.get_by_label("Password").fill(DEMO_PASSWORD)
    rose.get_by_role("button", name="Enrol").click()
    rose.wait_for_url(f"{site.url}/login")
    rose.get_by_label("Username").fill("rose")
    rose.get_by_label("Password").fill(DEMO_PASSWORD)
    rose.get_by_role("button", name="Sign in").click()
    rose.wait_for_url(f"{site.url}/")
    expect(rose.get_by_role("region", name="Is this account yours?")).to_have_count(0)
    rose.goto(f"/people/{pid}")
    expect(rose.locator("#timeline")).to_contain_text("online, with their own code")
    clerk.goto(f"/people/{pid}")
    expect(clerk.locator(".invitations")).to_contain_text("used")

    finn = reg.execute(c.RegisterPerson("Finn", date(1996, 2, 2)))
    reg.queries.accounts.create("finn-office", hash_password(DEMO_PASSWORD), finn,
                                [(Role.PARTY, "")])
    holder = as_user("finn-office")
    notice = holder.get_by_role("region", name="Is this account yours?")
    expect(notice).to_contain_text("no longer acts as Finn")
    assert axe_violations(holder) == []
    holder.get_by_role("button", name="Yes, this account is mine").click()
    holder.wait_for_url(f"{site.url}/people/{finn}#timeline")
    expect(holder.get_by_role("status")).to_contain_text("you confirmed that this account")
    expect(holder.locator("#timeline")).to_contain_text("is their own")
    holder.goto("/")
    expect(holder.get_by_role("region", name="Is this account yours?")).to_have_count(0)
