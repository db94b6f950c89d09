"""Handler for the matchmaking opt-in (the person's own recorded choice)."""

from __future__ import annotations

from troth.domain import matchmaking as mm
from troth.registry.context import CommandContext
from troth.registry.ports import UnitOfWork


def set_opt_in(cmd: mm.SetMatchmakingOptIn, uow: UnitOfWork, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    uow.record(mm.set_opt_in(cmd, person, ctx.clock.today(), ctx.customs))
    return person.id
