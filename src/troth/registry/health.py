"""Reading health records as a given person, and building the forecaster's History."""

from __future__ import annotations

from datetime import date

from troth.cycles.records import HeatRecord, History, NoHeatsFinding
from troth.domain.health import HealthFile
from troth.domain.verdicts import refuse
from troth.registry.queries import HealthQueries
from troth.registry.service import Registry


def readable_file(health_reads: HealthQueries, owner_id: int, viewer_id: int) -> HealthFile:
    """The owner's file if the viewer may read it; refused otherwise (checked per request)."""
    file: HealthFile = health_reads.file(owner_id)
    if not file.may_read(viewer_id):
        raise refuse("health_records_private",
                     "health records are visible only to their owner and those she chose")
    return file


def history_of(file: HealthFile, presented_on: date | None, bond_date: date | None,
               on: date | None = None) -> History:
    """Her file as the forecaster's History; with `on`, the physician's "no heats expected"
    finding in force that day (troth.domain.health.HealthFile.no_heats_on) goes with it."""
    heats = tuple(HeatRecord(h.start, h.end, h.excluded)
                  for h in sorted(file.heats.values(), key=lambda h: h.start))
    open_preg = [p.estimated_conception for p in file.pregnancies.values() if p.ended_on is None]
    found = None if on is None else file.no_heats_on(on)
    return History(heats=heats, bond_date=bond_date, presented_on=presented_on,
                   pregnant_since=open_preg[0] if open_preg else None,
                   finding=None if found is None else NoHeatsFinding(found.on, found.text))


def registry_history(registry: Registry, person_id: int, file: HealthFile, on: date) -> History:
    """The History the forecaster reads on `on` (the registry's today): her records,
    presentation, the bond in force, and a physician's "no heats expected" finding in force."""
    bonds = [b for b in registry.queries.courtships.bonds_of(person_id) if b.active_on(on)]
    return history_of(file, registry.queries.people.person(person_id).presented_on,
                      bonds[-1].sealed_on if bonds else None, on)
