"""Accounts, roles and invitations inside a unit of work (the identity handlers' rows).

The ledger entries of troth.domain.identity carry ids only, so these rows (usernames,
password hashes, code digests) are written here by the handler, in the same transaction
as the entry, the way private health rows are; the entries' projections do nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update

from troth.domain import identity as idn
from troth.domain.errors import InvalidInput, NotFound
from troth.store import tables as t
from troth.store.ids import next_id

_a, _r, _i = t.accounts.c, t.account_roles.c, t.invitations.c


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


class SqlAccounts:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # --- invitations -----------------------------------------------------------------

    def next_invitation_id(self) -> int:
        return next_id(self.conn, _i.id)

    def add_invitation(self, e: idn.InvitationIssued, code_hash: str, issued: datetime,
                       expires: datetime) -> None:
        self.conn.execute(insert(t.invitations).values(
            id=e.invitation_id, person_id=e.person_id, code_hash=code_hash,
            roles=",".join(e.roles), issued_by=e.issued_by, issued=stamp(issued),
            expires=stamp(expires)))

    def invitation(self, code_hash: str) -> idn.Invitation | None:
        r = self.conn.execute(select(t.invitations).where(_i.code_hash == code_hash)
                              ).mappings().first()
        if r is None:
            return None
        return idn.Invitation(r["id"], r["person_id"], tuple(x for x in r["roles"].split(",")
                                                             if x),
                              r["issued_by"], datetime.fromisoformat(r["expires"]),
                              r["used"] is not None)

    def use_invitation(self, invitation_id: int, account_id: int, when: datetime) -> None:
        self.conn.execute(update(t.invitations).where(_i.id == invitation_id)
                          .values(used=stamp(when), account_id=account_id))

    # --- accounts --------------------------------------------------------------------

    def add(self, username: str, password_hash: str, person_id: int | None, link: str | None,
            when: datetime) -> int:
        taken = self.conn.execute(select(_a.id).where(_a.username == username)).first()
        if taken is not None:
            raise InvalidInput(f"the username '{username}' is taken", rule="username_unique")
        aid = self.conn.execute(insert(t.accounts).values(
            username=username, password_hash=password_hash, person_id=person_id,
            disabled=False, created=stamp(when), link=link).returning(_a.id)).scalar_one()
        return int(aid)

    def get(self, account_id: int) -> tuple[int | None, str | None]:
        """(person id, link) of the account."""
        row = self.conn.execute(select(_a.person_id, _a.link).where(_a.id == account_id)).first()
        if row is None:
            raise NotFound(f"no account #{account_id}", rule="account_exists")
        return row.person_id, row.link

    def of_person(self, person_id: int) -> list[int]:
        rows = self.conn.execute(select(_a.id).where(_a.person_id == person_id)
                                 .order_by(_a.id)).all()
        return [int(r.id) for r in rows]

    def set_link(self, account_id: int, person_id: int | None, link: str | None) -> None:
        self.conn.execute(update(t.accounts).where(_a.id == account_id)
                          .values(person_id=person_id, link=link))

    def roles(self, account_id: int) -> list[str]:
        rows = self.conn.execute(select(_r.role).where(_r.account_id == account_id)).all()
        return sorted({str(r.role) for r in rows})

    def grant(self, account_id: int, role: str, scope: str) -> bool:
        exists = self.conn.execute(select(_r.role).where(
            _r.account_id == account_id, _r.role == role, _r.scope == scope)).first()
        if exists is not None:
            return False
        self.conn.execute(insert(t.account_roles).values(account_id=account_id, role=role,
                                                         scope=scope))
        return True

    def revoke(self, account_id: int, role: str) -> bool:
        res = self.conn.execute(delete(t.account_roles).where(
            _r.account_id == account_id, _r.role == role))
        return bool(res.rowcount)
