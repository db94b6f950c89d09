"""A person's history: events folded into "what the registry says" as of a date, and each
event told in plain words."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from troth.domain import events as ev


@dataclass
class Snapshot:
    """What the registry says about one person on a date."""

    person_id: int
    on: date
    exists: bool = False
    legal_name: str = ""
    born: date | None = None
    died: date | None = None
    designation: str | None = None
    presented_on: date | None = None
    guardian_id: int | None = None
    wards: list[int] = field(default_factory=list)
    bonded_to: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


Folder = Callable[[Snapshot, Any], None]
FOLDERS: dict[type[ev.Event], Folder] = {}


def folds(event_type: type[ev.Event]) -> Callable[[Folder], Folder]:
    def deco(fn: Folder) -> Folder:
        FOLDERS[event_type] = fn
        return fn

    return deco


def fold(person_id: int, on: date, events: Iterable[ev.Event]) -> Snapshot:
    """Apply, in ledger order, every event concerning the person effective on or before `on`."""
    snap = Snapshot(person_id=person_id, on=on)
    for e in events:
        if e.effective <= on and person_id in e.subjects:
            folder = FOLDERS.get(type(e))
            if folder is not None:
                folder(snap, e)
    return snap


@folds(ev.PersonRegistered)
def _registered(s: Snapshot, e: ev.PersonRegistered) -> None:
    if e.person_id == s.person_id:
        s.exists, s.legal_name, s.born = True, e.legal_name, e.born


@folds(ev.DeathRecorded)
def _died(s: Snapshot, e: ev.DeathRecorded) -> None:
    s.died = e.died


@folds(ev.Presented)
def _presented(s: Snapshot, e: ev.Presented) -> None:
    s.designation, s.presented_on = e.designation, e.on


@folds(ev.GuardianAppointed)
def _appointed(s: Snapshot, e: ev.GuardianAppointed) -> None:
    if e.ward_id == s.person_id:
        s.guardian_id = e.guardian_id
    else:
        s.wards.append(e.ward_id)


@folds(ev.GuardianshipEnded)
def _ended(s: Snapshot, e: ev.GuardianshipEnded) -> None:
    if e.ward_id == s.person_id:
        if s.guardian_id == e.guardian_id:
            s.guardian_id = None
    elif e.ward_id in s.wards:
        s.wards.remove(e.ward_id)


# --- plain words ------------------------------------------------------------------------

Teller = Callable[[Any, Callable[[int], str]], str]
TELLERS: dict[type[ev.Event], Teller] = {}


def tells(event_type: type[ev.Event]) -> Callable[[Teller], Teller]:
    def deco(fn: Teller) -> Teller:
        TELLERS[event_type] = fn
        return fn

    return deco


def describe(e: ev.Event, names: Mapping[int, str]) -> str:
    def who(pid: int) -> str:
        return f"{names.get(pid, 'person')} (#{pid})"

    teller = TELLERS.get(type(e))
    return teller(e, who) if teller else e.kind.replace("_", " ").capitalize()


@tells(ev.PersonRegistered)
def _t_registered(e: ev.PersonRegistered, who: Callable[[int], str]) -> str:
    verb = "Birth registered" if e.as_birth else "Registered"
    parents = f", child of {' and '.join(who(p) for p in e.parents)}" if e.parents else ""
    return f"{verb}: {who(e.person_id)}, born {e.born}{parents}"


@tells(ev.DeathRecorded)
def _t_died(e: ev.DeathRecorded, who: Callable[[int], str]) -> str:
    return f"Death of {who(e.person_id)} recorded, on {e.died}"


@tells(ev.Presented)
def _t_presented(e: ev.Presented, who: Callable[[int], str]) -> str:
    note = f" (reason recorded: {e.reason})" if e.reason else ""
    return f"{who(e.person_id)} presented as {e.designation.title()} on {e.on}{note}"


@tells(ev.GuardianAppointed)
def _t_appointed(e: ev.GuardianAppointed, who: Callable[[int], str]) -> str:
    return (f"{who(e.guardian_id)} appointed guardian of {who(e.ward_id)} by {e.court},"
            f" order {e.order_ref}, from {e.start}")


@tells(ev.GuardianshipEnded)
def _t_ended(e: ev.GuardianshipEnded, who: Callable[[int], str]) -> str:
    how = {"transferred": "transferred", "revoked": "revoked by the court",
           "bonded": "ended by the ward's bonding", "died": "ended by a death",
           "ended": "ended"}.get(e.how, e.how)
    return f"Guardianship of {who(e.ward_id)} by {who(e.guardian_id)} {how} on {e.end}"
