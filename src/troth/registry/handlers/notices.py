"""Handler for a person's contact e-mail (where her notices are also sent)."""

from __future__ import annotations

from troth.domain import notices as nd
from troth.registry.context import CommandContext
from troth.registry.ports import ContactsUnitOfWork


def set_contact_email(cmd: nd.SetContactEmail, uow: ContactsUnitOfWork,
                      ctx: CommandContext) -> int:
    email = nd.valid_email(cmd.email)
    uow.people.get(cmd.person_id)  # NotFound when there is no such person
    uow.contacts.set_email(cmd.person_id, email)
    uow.record(nd.ContactEmailChanged(cmd.person_id, bool(email),
                                      cmd.on or ctx.clock.today()))
    return cmd.person_id
