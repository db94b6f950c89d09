"""Certificates: the PDF reads back with the names and the code; a tampered code fails."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest

from tests.scenario.test_story import story  # noqa: F401  (fixture)
from troth.demo.cast import Cast
from troth.demo.story import play_story
from troth.documents.certificate import certificate_pdf
from troth.domain import commands as c


@pytest.fixture
def bonded(story):  # noqa: F811
    reg, ids = story
    reg.clock.set(date(2026, 4, 1))
    out = play_story(reg, Cast(ids=ids))
    return reg, ids, reg.queries.courtships.bond(out["bond"])


def test_the_certificate_pdf_carries_the_names_and_the_code(bonded) -> None:
    reg, _, bond = bonded
    check = reg.queries.courtships.verify_certificate(bond.certificate_code)
    text = pypdf.PdfReader(io.BytesIO(certificate_pdf(check, bond.certificate_code))
                           ).pages[0].extract_text()
    assert "Ben Solo" in text and "Rey" in text and bond.certificate_code in text
    assert "Lor San Tekka" in text


@pytest.mark.parametrize("position", [0, 5, 18])
def test_a_tampered_code_fails_verification(bonded, position: int) -> None:
    reg, _, bond = bonded
    code = bond.certificate_code
    swapped = "A" if code[position] != "A" else "B"
    forged = code[:position] + swapped + code[position + 1:]
    check = reg.queries.courtships.verify_certificate(forged)
    assert not check.valid and "No bond" in check.message


def test_an_annulled_bond_verifies_as_dissolved(bonded) -> None:
    reg, ids, bond = bonded
    pid = reg.execute(c.PetitionAnnulment(bond.id, ids["rey"], "mutual_wish", "both agree",
                                          date(2026, 4, 1)))
    reg.execute(c.DecideAnnulment(pid, True, "mutual wish established", date(2026, 4, 1)))
    check = reg.queries.courtships.verify_certificate(bond.certificate_code)
    assert check.valid and "dissolved by annulment on 2026-04-01" in check.message
    # both may court again
    cid = reg.execute(c.ProposeIntroduction(ids["ben"], ids["rey"], None, date(2026, 4, 1)))
    assert reg.queries.courtships.courtship(cid).status == "proposed"


def test_the_certificate_names_the_ceremony_s_time_and_place_when_sealed_that_day() -> None:
    from troth.documents.certificate import sealed_when
    from troth.domain.bonding import Bond
    from troth.registry.views import CertificateCheck

    bond = Bond(3, 1, 2, 10, date(2026, 3, 21), "14 Elm Row", "CODE")
    check = CertificateCheck(True, "", bond, ("Ben Solo", "Rey"), "Lor San Tekka", ("Han",),
                             date(2026, 3, 21), "15:00", "Registry hall, Jakku")
    assert sealed_when(check) == "21 March 2026, 15:00, Registry hall, Jakku"
    text = pypdf.PdfReader(io.BytesIO(certificate_pdf(check, "CODE"))).pages[0].extract_text()
    assert "21 March 2026, 15:00, Registry hall, Jakku" in " ".join(text.split())
    later = CertificateCheck(True, "", bond, ("Ben Solo", "Rey"), "Lor San Tekka", ("Han",),
                             date(2026, 3, 20), "15:00", "Registry hall, Jakku")
    assert sealed_when(later) == "21 March 2026"  # sealed on another day: its day alone
    assert sealed_when(CertificateCheck(True, "", bond)) == "21 March 2026"
