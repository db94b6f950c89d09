"""Accounts, roles, sessions, API tokens, login attempts and the access log (SQL).

Only digests of session and API tokens reach the database; the caller hashes. Every
lookup reads the current rows, so a revoked role, session or token, or a disabled
account, stops working on the very next request.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from troth.domain.errors import InvalidInput, NotFound
from troth.domain.policy import Role
from troth.registry.ports import Clock
from troth.registry.views import AccessEntry, InvitationRecord, Principal
from troth.store import tables as t
from troth.store.engine import Engines


def stamp(when: datetime) -> str:
    """A fixed-width ISO-8601 UTC timestamp, so stamps compare correctly as text."""
    return when.astimezone(UTC).isoformat(timespec="microseconds")


class AccountStore:
    def __init__(self, engines: Engines, clock: Clock) -> None:
        self.engines = engines
        self.clock = clock

    def now(self) -> str:
        return stamp(self.clock.now())

    # --- accounts and roles ----------------------------------------------------------

    def create(self, username: str, password_hash: str, person_id: int | None,
               roles: Iterable[tuple[Role, str]]) -> int:
        """An account as the office made them before enrolment (issue 14): linked to a person
        it is marked "office" until she confirms it. Not a port: web/ and cli/ create
        accounts through the registry (troth.domain.identity), where a person's own
        enrolment is the only way to link one to her."""
        with self.engines.writer.begin() as conn:
            if person_id is not None and conn.execute(
                    select(t.people.c.id).where(t.people.c.id == person_id)).first() is None:
                raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
            try:
                aid = conn.execute(insert(t.accounts).values(
                    username=username, password_hash=password_hash, person_id=person_id,
                    disabled=False, created=self.now(),
                    link=None if person_id is None else "office",
                ).returning(t.accounts.c.id)).scalar_one()
            except IntegrityError:
                raise InvalidInput(f"the username '{username}' is taken",
                                   rule="username_unique") from None
            for role, scope in set(roles):
                conn.execute(insert(t.account_roles).values(account_id=aid, role=role.value,
                                                            scope=scope))
        return int(aid)

    def credentials(self, username: str) -> tuple[int, str, bool] | None:
        a = t.accounts
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(a.c.id, a.c.password_hash, a.c.disabled)
                               .where(a.c.username == username)).first()
        return None if row is None else (int(row.id), str(row.password_hash), bool(row.disabled))

    def account_id(self, username: str) -> int:
        found = self.credentials(username)
        if found is None:
            raise NotFound(f"no account named '{username}'", rule="account_exists")
        return found[0]

    def rehash(self, account_id: int, password_hash: str) -> None:
        with self.engines.writer.begin() as conn:
            conn.execute(update(t.accounts).where(t.accounts.c.id == account_id)
                         .values(password_hash=password_hash))

    def _require(self, conn: Connection, account_id: int) -> None:
        if conn.execute(select(t.accounts.c.id).where(t.accounts.c.id == account_id)).first() \
                is None:
            raise NotFound(f"no account #{account_id}", rule="account_exists")

    def disable(self, account_id: int) -> None:
        """Disable the account and end every session and token it holds, at once."""
        with self.engines.writer.begin() as conn:
            self._require(conn, account_id)
            conn.execute(update(t.accounts).where(t.accounts.c.id == account_id)
                         .values(disabled=True))
            self._end_all(conn, account_id, tokens=True)

    def roles_of(self, account_id: int) -> list[tuple[Role, str]]:
        r = t.account_roles
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(r.c.role, r.c.scope).where(r.c.account_id == account_id)
                                .order_by(r.c.role)).all()
        return [(Role(x.role), str(x.scope)) for x in rows]

    def people_with_role(self, role: Role) -> list[int]:
        a, r = t.accounts, t.account_roles
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(a.c.person_id).distinct().join_from(
                a, r, r.c.account_id == a.c.id).where(
                r.c.role == role.value, a.c.person_id.is_not(None), a.c.disabled.is_(False))
                .order_by(a.c.person_id)).all()
        return [int(x[0]) for x in rows]

    def describe(self, account_id: int) -> dict[str, Any]:
        a = t.accounts
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(a.c.id, a.c.username, a.c.person_id, a.c.disabled,
                                      a.c.link).where(a.c.id == account_id)).mappings().first()
        if row is None:
            raise NotFound(f"no account #{account_id}", rule="account_exists")
        return {**row, "roles": [r.value for r, _ in self.roles_of(account_id)]}

    def invitations_of(self, person_id: int) -> list[InvitationRecord]:
        i = t.invitations.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(i.id, i.person_id, i.roles, i.issued_by, i.issued,
                                       i.expires, i.used, i.account_id)
                                .where(i.person_id == person_id)
                                .order_by(i.id.desc())).mappings().all()
        return [InvitationRecord(r["id"], r["person_id"],
                                 tuple(x for x in r["roles"].split(",") if x), r["issued_by"],
                                 datetime.fromisoformat(r["issued"]),
                                 datetime.fromisoformat(r["expires"]),
                                 datetime.fromisoformat(r["used"]) if r["used"] else None,
                                 r["account_id"]) for r in rows]

    # --- sessions and tokens ---------------------------------------------------------

    def open_session(self, account_id: int, token_hash: str, expires: datetime) -> None:
        with self.engines.writer.begin() as conn:
            conn.execute(insert(t.sessions).values(
                token_hash=token_hash, account_id=account_id, created=self.now(),
                expires=stamp(expires)))

    def end_sessions(self, account_id: int) -> None:
        """End every session of the account (logout ends them all, on every device)."""
        with self.engines.writer.begin() as conn:
            self._end_all(conn, account_id, tokens=False)

    def _end_all(self, conn: Connection, account_id: int, tokens: bool) -> None:
        """End the account's live sessions (and tokens); tokens made from an ended
        session, or from an ended token, end with it."""
        now, s, k = self.now(), t.sessions, t.api_tokens
        ended = [r[0] for r in conn.execute(select(s.c.id).where(
            s.c.account_id == account_id, s.c.revoked.is_(None)))]
        conn.execute(update(s).where(s.c.id.in_(ended)).values(revoked=now))
        if tokens:
            conn.execute(update(k).where(k.c.account_id == account_id,
                                         k.c.revoked.is_(None)).values(revoked=now))
            return
        children = [r[0] for r in conn.execute(select(k.c.id).where(
            k.c.parent_session.in_(ended), k.c.revoked.is_(None)))]
        self._revoke_tokens(conn, children, now)

    def _revoke_tokens(self, conn: Connection, ids: list[int], now: str) -> int:
        """Revoke the tokens and, generation by generation, every token made from them."""
        k, total = t.api_tokens, 0
        while ids:
            total += conn.execute(update(k).where(k.c.id.in_(ids), k.c.revoked.is_(None))
                                  .values(revoked=now)).rowcount
            ids = [r[0] for r in conn.execute(select(k.c.id).where(
                k.c.parent_token.in_(ids), k.c.revoked.is_(None)))]
        return total

    def create_token(self, account_id: int, name: str, token_hash: str,
                     expires: datetime | None = None, parent_session: int | None = None,
                     parent_token: int | None = None) -> int:
        """A token of the account; `parent_session`/`parent_token`: what it was made from
        (revoking that revokes it)."""
        with self.engines.writer.begin() as conn:
            self._require(conn, account_id)
            tid = conn.execute(insert(t.api_tokens).values(
                token_hash=token_hash, account_id=account_id, name=name,
                created=self.now(), expires=None if expires is None else stamp(expires),
                parent_session=parent_session, parent_token=parent_token,
            ).returning(t.api_tokens.c.id)).scalar_one()
        return int(tid)

    def tokens(self, account_id: int) -> list[dict[str, Any]]:
        """The account's tokens, newest first: never the token, only what describes it."""
        k = t.api_tokens
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(k.c.id, k.c.name, k.c.created, k.c.expires,
                                       k.c.revoked, k.c.parent_session, k.c.parent_token)
                                .where(k.c.account_id == account_id)
                                .order_by(k.c.id.desc())).mappings().all()
        return [{"id": r["id"], "name": r["name"], "created": r["created"],
                 "expires": r["expires"], "revoked": r["revoked"],
                 "made_from": "session" if r["parent_session"] is not None else (
                     "token" if r["parent_token"] is not None else None)} for r in rows]

    def revoke_token(self, account_id: int, token_id: int) -> bool:
        """Revoke one of the account's live tokens and every token made from it."""
        k = t.api_tokens
        with self.engines.writer.begin() as conn:
            live = conn.execute(select(k.c.id).where(
                k.c.id == token_id, k.c.account_id == account_id,
                k.c.revoked.is_(None))).first()
            if live is None:
                return False
            self._revoke_tokens(conn, [token_id], self.now())
        return True

    def principal(self, token_hash: str, via: str) -> Principal | None:
        """The live account behind a session or token digest, with its roles; else None.

        One statement, compiled once (it runs on every request)."""
        with self.engines.reader.connect() as conn:
            rows = conn.execute(_LIVE[via], {"h": token_hash, "now": self.now()}).all()
        if not rows:
            return None
        roles = frozenset(Role(x.role) for x in rows if x.role is not None)
        return Principal(int(rows[0].id), rows[0].person_id, roles, via,
                         int(rows[0].credential_id))

    # --- login attempts --------------------------------------------------------------

    def begin_attempt(self, keys: Sequence[tuple[str, bool]], since: datetime
                      ) -> tuple[list[int], list[int]]:
        """Count a sign-in attempt under each key before its password is checked: insert
        it (as failed until it succeeds) and count the failures in the window, this one
        included, in one transaction that holds a lock on the keys — so parallel attempts
        each see every attempt before them. A key given `True` counts only failures since
        its last success. Returns (the counts, the new rows' ids)."""
        la = t.login_attempts
        counts, ids = [], []
        with self.engines.writer.begin() as conn:
            for key_hash, since_success in keys:
                if self.engines.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                 {"k": int(key_hash[:15], 16)})
                ids.append(conn.execute(insert(la).values(
                    key_hash=key_hash, at=self.now(), ok=False).returning(la.c.id)).scalar_one())
                cutoff = stamp(since)
                if since_success:
                    last_ok = conn.execute(select(func.max(la.c.at)).where(
                        la.c.key_hash == key_hash, la.c.ok.is_(True))).scalar()
                    cutoff = max(cutoff, last_ok or "")
                counts.append(int(conn.execute(select(func.count()).select_from(la).where(
                    la.c.key_hash == key_hash, la.c.ok.is_(False),
                    la.c.at > cutoff)).scalar_one()))
        return counts, [int(i) for i in ids]

    def attempt_succeeded(self, attempt_ids: Sequence[int]) -> None:
        la = t.login_attempts
        with self.engines.writer.begin() as conn:
            conn.execute(update(la).where(la.c.id.in_(list(attempt_ids))).values(ok=True))

    # --- the access log --------------------------------------------------------------

    def log_access(self, account_id: int | None, action: str, object_type: str,
                   object_id: int | None, allowed: bool, rule: str, status: int,
                   source: str = "") -> None:
        with self.engines.writer.begin() as conn:
            conn.execute(insert(t.access_log).values(
                at=self.now(), account_id=account_id, action=action, object_type=object_type,
                object_id=object_id, allowed=allowed, rule=rule, status=status,
                source=source))
            if action == "health.read" and allowed and object_id and account_id:
                self._share_used(conn, account_id, object_id, source)

    def _share_used(self, conn: Connection, account_id: int, owner_id: int,
                    source: str) -> None:
        """A shared health record read by someone else: its owner is told (once a day per
        reader), in the transaction of the access log's row."""
        from troth.domain.notices import HealthShareUsed, notices
        from troth.store.notify import _Facts, notify, told_today

        reader = conn.execute(select(t.accounts.c.person_id).where(
            t.accounts.c.id == account_id)).scalar()
        if reader is None or int(reader) == owner_id:
            return
        used = HealthShareUsed(owner_id, int(reader), source)
        words = notices(used, _Facts(conn))[0].words
        if not told_today(conn, used.kind, owner_id, words, self.clock.now()):
            notify(conn, used, None, self.clock.now())

    def reads_of(self, person_id: int, limit: int = 500) -> list[AccessEntry]:
        """Every logged use of the person's health record (reads, writes, shares, refused
        attempts), newest first."""
        al = t.access_log
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(al).where(al.c.object_type == "health",
                                                 al.c.object_id == person_id)
                                .order_by(al.c.id.desc()).limit(limit)).mappings().all()
        return [AccessEntry(**r) for r in rows]

    def access_log(self, page: int, per_page: int) -> tuple[list[AccessEntry], int]:
        al = t.access_log
        with self.engines.reader.connect() as conn:
            total = conn.execute(select(func.count()).select_from(al)).scalar_one()
            rows = conn.execute(select(al).order_by(al.c.id.desc()).limit(per_page)
                                .offset((page - 1) * per_page)).mappings().all()
        return [AccessEntry(**r) for r in rows], int(total)


def _live(tab: Any) -> Any:
    a, r = t.accounts, t.account_roles
    return (select(a.c.id, a.c.person_id, r.c.role, tab.c.id.label("credential_id"))
            .select_from(tab.join(a, a.c.id == tab.c.account_id)
                         .outerjoin(r, r.c.account_id == a.c.id))
            .where(tab.c.token_hash == bindparam("h"), tab.c.revoked.is_(None),
                   or_(tab.c.expires.is_(None), tab.c.expires > bindparam("now")),
                   a.c.disabled.is_(False)))


_LIVE = {"session": _live(t.sessions), "token": _live(t.api_tokens)}
