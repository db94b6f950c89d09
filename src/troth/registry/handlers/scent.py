"""Handler for a scent signature measured by a physician the person chose: an identity
attribute (the people table keeps her current one), not a health record."""

from __future__ import annotations

from troth.domain import commands as c
from troth.domain import health as hd
from troth.domain import people_rules as rp
from troth.registry.context import CommandContext
from troth.registry.ports import HealthUnitOfWork


def record_scent(cmd: c.RecordScent, uow: HealthUnitOfWork, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    chosen = hd.chosen_physician(uow.health.file(cmd.person_id), cmd.by_id)
    uow.record(rp.record_scent(person, cmd, chosen, ctx.clock.today()))
    return person.id
