"""Handlers for a physician's finding: recorded in her file by a physician she chose,
released by her for one annulment petition (or withdrawn before the decision)."""

from __future__ import annotations

from troth.domain import bonding as bd
from troth.domain import commands as c
from troth.domain import health as hd
from troth.domain.errors import NotFound
from troth.registry.context import CommandContext
from troth.registry.ports import FindingsUnitOfWork, HealthUnitOfWork


def finding_of(uow: HealthUnitOfWork, finding_id: int) -> hd.PhysicianFinding:
    """The finding with this id, from its owner's file (NotFound if it is none)."""
    owner = uow.health.owner_of(finding_id)
    if owner is None:
        raise NotFound(f"no physician's finding #{finding_id}", rule="finding_exists")
    return hd.the_finding(uow.health.file(int(owner)), finding_id)


def record_finding(cmd: c.RecordFinding, uow: FindingsUnitOfWork, ctx: CommandContext) -> int:
    uow.people.get(cmd.person_id)
    file = uow.health.file(cmd.person_id)
    content = hd.finding_content(file, cmd.by_id, cmd.text, cmd.on, ctx.clock.today(),
                                 cmd.kind)
    eid = uow.health.add(cmd.person_id, "finding", content, cmd.by_id, cmd.on)
    return int(eid)


def release_finding(cmd: c.ReleaseFinding, uow: FindingsUnitOfWork,
                    ctx: CommandContext) -> int:
    p = uow.bonds.petition(cmd.petition_id)
    bond = uow.bonds.get(p.bond_id)
    finding = finding_of(uow, cmd.finding_id)
    released = cmd.finding_id in uow.bonds.released_findings(p.id)
    uow.record(bd.release_finding(p, bond, finding, cmd, released, ctx.clock.today()))
    return p.id
