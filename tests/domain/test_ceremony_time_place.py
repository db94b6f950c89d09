"""A ceremony's time of day and place (issue #16): checked, carried by the event, and read
back from the ledger; an entry written before they existed still decodes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.domain.test_bonding import OFFICIANT, SEALED, court, officiant

from troth.domain import bonding as b
from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain.courtship_history import tell_ceremony_scheduled
from troth.domain.errors import InvalidInput
from troth.domain.events import event_from_data
from troth.domain.ledger import canonical_json


def schedule(at: str | None = None, place: str | None = None) -> ev.CeremonyScheduled:
    cmd = c.ScheduleCeremony(10, OFFICIANT, ("Han",), SEALED, at, place)
    return b.schedule_ceremony(court(), cmd, 5, officiant())


def test_the_time_and_place_are_carried_trimmed_and_read_back_from_the_ledger() -> None:
    e = schedule(" 15:00 ", "  Registry hall, Jakku ")
    assert (e.at, e.place) == ("15:00", "Registry hall, Jakku")
    back = event_from_data("ceremony_scheduled",
                           json.loads(canonical_json(e.to_data())))
    assert back == e


def test_neither_is_required() -> None:
    e = schedule()
    assert (e.at, e.place) == ("", "")
    assert schedule("", None).at == ""


def test_an_old_entry_without_time_or_place_still_decodes() -> None:
    old = {"ceremony_id": 5, "courtship_id": 10, "alpha_id": 1, "omega_id": 2,
           "officiant_id": OFFICIANT, "witnesses": ["Han"], "on": "2026-04-18"}
    e = event_from_data("ceremony_scheduled", old)
    assert (e.at, e.place, e.on) == ("", "", date(2026, 4, 18))
    assert "set for 2026-04-18, officiant" in tell_ceremony_scheduled(
        e, lambda i: f"#{i}")


@pytest.mark.parametrize("at", ["3pm", "24:00", "7:05", "07:5", "12:60", "07:05:00",
                                "\x0012:00", "1２:00"])
def test_a_time_is_hh_mm_on_a_24_hour_clock(at: str) -> None:
    with pytest.raises(InvalidInput) as e:
        schedule(at)
    assert e.value.rule == "ceremony_time" and "HH:MM" in e.value.message


@pytest.mark.parametrize(("place", "words"), [
    ("", "blank"), ("   ", "blank"), ("hall\x00", "cannot store"),
    ("x" * 201, "200 characters")])
def test_a_place_given_is_not_blank_nor_too_long(place: str, words: str) -> None:
    with pytest.raises(InvalidInput) as e:
        schedule(None, place)
    assert e.value.rule == "ceremony_place" and words in e.value.message


def test_the_history_tells_the_time_and_place() -> None:
    e = schedule("09:30", "Registry hall")
    told = tell_ceremony_scheduled(e, lambda i: f"#{i}")
    assert "set for 2026-04-18 09:30 at Registry hall, officiant #7" in told
