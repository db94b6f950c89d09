"""The table of who is told what (troth.domain.notices): every kind chosen is in it, and a
test-listed set of events each tells exactly the expected people, in words with no health
detail; a declaration of pressure is told to the registry alone."""

from __future__ import annotations

from datetime import date

import pytest

from troth.domain import courtship_events as ce
from troth.domain import events as ev
from troth.domain import identity as idn
from troth.domain import notices as nt
from troth.domain.errors import InvalidInput
from troth.domain.welfare import PRESSURED

ON = date(2026, 11, 20)
REY, BEN, PLUTT, HAN, LEIA, DOC, KANJIKLUB = 1, 2, 3, 4, 5, 6, 7
NAMES = {REY: "Rey", BEN: "Ben Solo", PLUTT: "Unkar Plutt", HAN: "Han", LEIA: "Leia",
         DOC: "Dr Kalonia"}


class Facts:
    def name(self, person_id: int) -> str:
        return NAMES.get(person_id, f"#{person_id}")

    def guardians(self, person_id: int) -> list[int]:
        return [PLUTT] if person_id == REY else []


CHOSEN = {  # every kind the issue asks to be told of
    "introduction_proposed", "consent_recorded", "visit_scheduled", "visit_cancelled",
    "ceremony_scheduled", "bond_sealed", "annulment_petitioned", "annulment_decided",
    "incident_reported", "welfare_review_decided", "invitation_issued", "health_shared",
    "health_share_used", "guardian_acknowledged", "courtship_ended", "guardian_appointed",
}


def test_the_table_covers_every_kind_chosen_and_only_kinds_that_exist() -> None:
    assert set(nt.NOTICES) == CHOSEN
    for module in ev.EVENT_MODULES:
        __import__(f"troth.domain.{module}")
    private = {nt.HealthShared.kind, nt.HealthShareUsed.kind}  # not ledger events
    assert CHOSEN - private <= set(ev.EVENT_TYPES) and not private & set(ev.EVENT_TYPES)
    assert "health_entry_recorded" not in nt.NOTICES  # a private entry tells no one


PETITION = ce.AnnulmentPetitioned(9, 4, BEN, REY, "non-consummation", "her heat log of May",
                                  DOC, "the physician's finding", REY, ON)
CASES = [
    (ce.IntroductionProposed(7, BEN, REY, LEIA, ON), {REY, BEN, PLUTT, LEIA}),
    (ce.ConsentRecorded(7, REY, BEN, "courtship", True, ON), {BEN, PLUTT}),
    (ce.ConsentRecorded(7, BEN, REY, "courtship", False, ON), {REY, PLUTT}),
    (ce.VisitScheduled(3, 7, BEN, REY, "supervised", "2026-11-28T19:00", "the office", False,
                       (HAN,), ON), {BEN, REY, PLUTT, HAN}),
    (ce.VisitCancelled(3, 7, BEN, REY, "ill", ON), {BEN, REY, PLUTT}),
    (ce.CeremonyScheduled(2, 7, BEN, REY, HAN, ("Finn",), ON), {BEN, REY, HAN}),
    (ce.BondSealed(4, 2, 7, BEN, REY, HAN, ("Finn",), "Solo", "X", (), ON), {BEN, REY}),
    (PETITION, {REY, BEN, None}),
    (ce.AnnulmentDecided(9, 4, BEN, REY, True, "granted", ON, ON), {BEN, REY}),
    (ce.IncidentReported(5, PRESSURED, REY, REY, None, None, True, "pressured by Plutt", ON),
     {None}),
    (ce.IncidentReported(6, "neglect", HAN, REY, None, 1, True, "no food", ON), {None}),
    (ce.WelfareReviewDecided(5, "kept", "spoke with her", 8, 1, REY, PLUTT, ON), {None}),
    (idn.InvitationIssued(1, REY, ("party",), date(2026, 12, 20), None, ON), {REY}),
    (nt.HealthShared(REY, BEN, True), {BEN}),
    (nt.HealthShareUsed(REY, DOC, "page GET /people/{person_id}/health"), {REY}),
    (ev.GuardianAppointed(1, REY, PLUTT, "court", "ref", ON), {REY, PLUTT}),
]


@pytest.mark.parametrize(("event", "told"), CASES, ids=[e.kind for e, _ in CASES])
def test_each_event_tells_exactly_its_recipients(event: object, told: set[int | None]) -> None:
    found = nt.notices(event, Facts())
    assert {n.to for n in found} == told
    assert len(found) == len({n.to for n in found})  # nobody told twice
    assert all(n.words.endswith(".") and n.words[0].isupper() for n in found)


def test_a_declaration_of_pressure_is_told_to_the_registry_alone_without_its_words() -> None:
    event = ce.IncidentReported(5, PRESSURED, REY, REY, None, None, True, "Plutt's letters", ON)
    (only,) = nt.notices(event, Facts())
    assert only.to is nt.REGISTRY and "Plutt" not in only.words and "pressur" not in only.words


def test_no_notice_carries_a_health_detail() -> None:
    said = " ".join(n.words for e, _ in CASES for n in nt.notices(e, Facts()))
    for detail in ("non-consummation", "heat", "finding", "no food", "spoke with her",
                   "physician"):
        assert detail not in said
    (shared,) = nt.notices(nt.HealthShared(REY, BEN, True), Facts())
    assert shared.words == "Rey shared part of their health record with you."


def test_times_read_as_words() -> None:
    (first, *_) = nt.notices(CASES[3][0], Facts())
    assert "28 November 2026, 19:00" in first.words


def test_contact_emails_are_validated() -> None:
    assert nt.valid_email("  rey@jakku.example ") == "rey@jakku.example"
    assert nt.valid_email("") == ""
    for bad in ("rey", "rey@", "@jakku.example", "rey@jakku", "a b@c.example",
                "x" * 250 + "@c.example"):
        with pytest.raises(InvalidInput):
            nt.valid_email(bad)


def test_a_ceremony_asks_the_parties_for_their_bonding_consent_and_not_the_officiant() -> None:
    found = {n.to: n.words for n in nt.notices(CASES[5][0], Facts())}
    assert "consent to the bonding is asked" in found[REY]
    assert "consent to the bonding is asked" in found[BEN]
    assert "consent" not in found[HAN]


def test_the_kinds_checked_on_every_event_are_the_table_s() -> None:
    from troth.domain.notice_kinds import KINDS
    from troth.domain.notices import NOTICES

    assert set(NOTICES) == KINDS
