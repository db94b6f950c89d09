"""Handlers for private health records: heats, pregnancies, shares."""

from __future__ import annotations

from troth.domain import commands as c
from troth.domain import health as hd
from troth.domain.errors import InvalidInput, NotFound
from troth.domain.verdicts import refuse
from troth.registry.context import CommandContext
from troth.registry.ports import HealthUnitOfWork


def _entry(uow: HealthUnitOfWork, entry_id: int, kind: str, by_id: int
           ) -> tuple[int, hd.HealthFile]:
    """The owner and file of a heat or pregnancy this writer may write (else: not found)."""
    owner = uow.health.owner_of(entry_id)
    file = None if owner is None else uow.health.file(int(owner))
    return int(owner or 0), hd.writable_entry(file, entry_id, kind, by_id)


def _writable(uow: HealthUnitOfWork, person_id: int, by_id: int) -> hd.HealthFile:
    file = uow.health.file(person_id)
    hd.check_writer(file, uow.people.get(person_id), by_id)
    return file


def record_heat(cmd: c.RecordHeat, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    _writable(uow, cmd.person_id, cmd.by_id)
    content = hd.heat_content(cmd.start, cmd.end, cmd.temperature, cmd.scent_intensity,
                              cmd.seeks_partner, cmd.notes, ctx.clock.today())
    hid = uow.health.add(cmd.person_id, "heat", content, cmd.by_id, cmd.start)
    return int(hid)


def correct_heat(cmd: c.CorrectHeat, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    owner, _ = _entry(uow, cmd.heat_id, "heat", cmd.by_id)
    content = hd.heat_content(cmd.start, cmd.end, None, None, False, cmd.notes,
                              ctx.clock.today())
    eid = uow.health.add(owner, "heat_correction",
                         {"heat_id": cmd.heat_id, "start": content["start"],
                          "end": content["end"], "notes": content["notes"]},
                         cmd.by_id, ctx.clock.today())
    return int(eid)


def exclude_heat(cmd: c.ExcludeHeat, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    owner, _ = _entry(uow, cmd.heat_id, "heat", cmd.by_id)
    if cmd.excluded and not cmd.reason.strip():
        raise InvalidInput("say why the heat is excluded from forecasting", rule="heat_exclusion")
    eid = uow.health.add(owner, "heat_exclusion", {"heat_id": cmd.heat_id,
                                                    "excluded": cmd.excluded,
                                                    "reason": cmd.reason.strip()},
                         cmd.by_id, ctx.clock.today())
    return int(eid)


def record_pregnancy(cmd: c.RecordPregnancy, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    file = _writable(uow, cmd.person_id, cmd.by_id)
    conception = cmd.estimated_conception
    if cmd.heat_id is not None:
        if cmd.heat_id not in file.heats:
            raise NotFound(f"no heat #{cmd.heat_id} in this record", rule="health_entry_exists")
        conception = conception or file.heats[cmd.heat_id].start
    if conception is None:
        raise InvalidInput("give the estimated conception date or the heat it followed",
                           rule="pregnancy_conception")
    if conception > ctx.clock.today():
        raise refuse("date_in_future", f"{conception} is after today")
    if any(p.ended_on is None for p in file.pregnancies.values()):
        raise refuse("one_open_pregnancy", "a pregnancy is already open; record its end first")
    pid = uow.health.add(cmd.person_id, "pregnancy",
                         {"estimated_conception": conception.isoformat(),
                          "heat_id": cmd.heat_id}, cmd.by_id, conception)
    return int(pid)


def end_pregnancy(cmd: c.EndPregnancy, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    owner, file = _entry(uow, cmd.pregnancy_id, "pregnancy", cmd.by_id)
    preg = file.pregnancies[cmd.pregnancy_id]
    if preg.ended_on is not None:
        raise refuse("pregnancy_open", f"pregnancy #{cmd.pregnancy_id} is not open")
    if cmd.outcome not in ("birth", "loss", "other"):
        raise InvalidInput("the outcome is birth, loss or other", rule="pregnancy_outcome")
    if cmd.child_id is not None:
        child = uow.people.get(cmd.child_id)
        if owner not in child.parents:
            raise refuse("child_of_owner", f"#{child.id}'s birth registration does not name"
                         f" #{owner} as a parent")
    eid = uow.health.add(owner, "pregnancy_end", {"pregnancy_id": cmd.pregnancy_id,
                                                   "on": cmd.on.isoformat(),
                                                   "outcome": cmd.outcome,
                                                   "child_id": cmd.child_id},
                         cmd.by_id, cmd.on)
    return int(eid)


def share(cmd: c.ShareHealth, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    file = uow.health.file(cmd.owner_id)
    uow.people.get(cmd.grantee_id)
    by = cmd.owner_id if cmd.by_id is None else cmd.by_id
    content = hd.share_content(file, cmd.owner_id, by, cmd.grantee_id, cmd.role, cmd.grant)
    eid = uow.health.add(cmd.owner_id, "share_granted" if cmd.grant else "share_revoked",
                         content, cmd.owner_id, ctx.clock.today())
    return int(eid)
