"""Handlers for who an account is: invitations, enrolment, roles, confirming a link."""

from __future__ import annotations

from troth.domain import identity as idn
from troth.domain.policy import Role
from troth.registry.context import CommandContext
from troth.registry.ports import AccountsUnitOfWork


def issue_invitation(cmd: idn.IssueInvitation, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    now = ctx.clock.now()
    event = idn.invite(person, uow.accounts.next_invitation_id(), cmd.roles, cmd.by_account, now)
    uow.record(event)
    uow.accounts.add_invitation(event, cmd.code_digest, now, now + idn.INVITATION_LIFETIME)
    return event.invitation_id


def enrol(cmd: idn.Enrol, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    now, today = ctx.clock.now(), ctx.clock.today()
    inv = idn.check_invitation(uow.accounts.invitation(cmd.code_digest), now)
    if cmd.attested_by is not None:
        idn.check_attester(uow.accounts.roles(cmd.attested_by))
    username = idn.check_username(cmd.username)
    # At most one account of one's own: any other account linked to her stops acting as her.
    for old in uow.accounts.of_person(inv.person_id):
        uow.accounts.set_link(old, None, None)
        uow.record(idn.AccountUnlinked(old, inv.person_id, "replaced", today))
    aid = uow.accounts.add(username, cmd.password_hash, inv.person_id, idn.Link.ENROLLED, now)
    uow.accounts.use_invitation(inv.id, aid, now)
    uow.record(idn.AccountEnrolled(aid, inv.person_id, inv.id, cmd.attested_by, today))
    for role in inv.roles:
        uow.accounts.grant(aid, role, "")
        uow.record(idn.AccountRoleGranted(aid, inv.person_id, role, "", inv.issued_by, today))
    return int(aid)


def create_account(cmd: idn.CreateAccount, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    now, today = ctx.clock.now(), ctx.clock.today()
    aid = uow.accounts.add(idn.check_username(cmd.username), cmd.password_hash, None, None, now)
    uow.record(idn.AccountCreated(aid, cmd.by_account, today))
    for role in sorted(set(cmd.roles)):
        uow.accounts.grant(aid, role.value, "")
        uow.record(idn.AccountRoleGranted(aid, None, role.value, "", cmd.by_account, today))
    return int(aid)


def grant_role(cmd: idn.GrantAccountRole, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    person_id, _ = uow.accounts.get(cmd.account_id)
    if uow.accounts.grant(cmd.account_id, Role(cmd.role).value, cmd.scope):
        uow.record(idn.AccountRoleGranted(cmd.account_id, person_id, Role(cmd.role).value,
                                          cmd.scope, cmd.by_account, ctx.clock.today()))
    return cmd.account_id


def revoke_role(cmd: idn.RevokeAccountRole, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    person_id, _ = uow.accounts.get(cmd.account_id)
    if uow.accounts.revoke(cmd.account_id, Role(cmd.role).value):
        uow.record(idn.AccountRoleRevoked(cmd.account_id, person_id, Role(cmd.role).value,
                                          cmd.by_account, ctx.clock.today()))
    return cmd.account_id


def confirm_link(cmd: idn.ConfirmAccountLink, uow: AccountsUnitOfWork, ctx: CommandContext) -> int:
    person_id, link = uow.accounts.get(cmd.account_id)
    event = idn.confirm_link(cmd.account_id, person_id, link, cmd.confirm, ctx.clock.today())
    if isinstance(event, idn.AccountLinkConfirmed):
        uow.accounts.set_link(cmd.account_id, person_id, idn.Link.CONFIRMED)
    else:
        uow.accounts.set_link(cmd.account_id, None, None)
    uow.record(event)
    return cmd.account_id

