"""`troth user add|invite|enrol|disable|grant|revoke`, `troth token create`: accounts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from troth.cli.common import JSON_OPT, console, emit_json, guarded, registry
from troth.domain.errors import InvalidInput
from troth.domain.policy import Role

if TYPE_CHECKING:
    from troth.registry.queries import Accounts

app = typer.Typer(help="Accounts that sign in to the web pages and the API.",
                  no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens for scripts.", no_args_is_help=True)
MIN_PASSWORD = 12


def _store() -> Accounts:
    return registry().queries.accounts


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD} characters",
                           rule="password_length")
    return password


@app.command("add")
@guarded
def add(
    username: Annotated[str, typer.Argument(help="Sign-in name (letters, digits, . _ -).")],
    role: Annotated[list[Role], typer.Option("--role", help="A role (repeatable).")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin.")] = False,
    as_json: bool = JSON_OPT,
) -> None:
    """Create a staff account holding one or more roles, linked to no person.

    A person's own account is made only by her enrolment: `troth user invite`, then
    `troth user enrol` (or the /enrol page).

    Example:  echo 'a long passphrase' | troth user add clerk --role registrar --password-stdin
    """
    from troth.domain import identity as idn
    from troth.registry.passwords import hash_password

    idn.check_username(username)
    aid = registry().execute(idn.CreateAccount(username, hash_password(_password(password_stdin)),
                                               tuple(role)), actor="cli")
    if as_json:
        emit_json({"id": aid, "username": username, "roles": [r.value for r in role]})
    else:
        console.print(f"account #{aid} '{username}' created with roles"
                      f" {', '.join(r.value for r in role)}")


@app.command("invite")
@guarded
def invite(
    person: Annotated[int, typer.Argument(help="The person invited to enrol.")],
    role: Annotated[list[Role] | None, typer.Option(
        "--role", help="A role given on enrolment (repeatable).")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="The registrar's account issuing it (default: the office).")] = None,
    as_json: bool = JSON_OPT,
) -> None:
    """Invite a person to enrol her own account: prints a one-time code, once. It expires
    in 14 days; only its digest is kept, and the ledger records only that she was invited.

    Example:  troth user invite 4 --role party --by clerk
    """
    from troth.registry.enrolment import invite as issue

    by_account = _store().account_id(by) if by else None
    inv = issue(registry(), person, tuple(role or ()), by_account, actor="cli")
    if as_json:
        emit_json({"id": inv.id, "person_id": person, "code": inv.code,
                   "expires": inv.expires.isoformat()})
    else:
        console.print(inv.code, soft_wrap=True, highlight=False)
        console.print(f"invitation #{inv.id} for #{person}; expires {inv.expires}",
                      highlight=False)


@app.command("enrol")
@guarded
def enrol(
    username: Annotated[str, typer.Argument(help="The username she chooses.")],
    code: Annotated[str, typer.Option("--code", help="Her enrolment code.")],
    attested_by: Annotated[str, typer.Option(
        "--attested-by", help="The registrar's account attesting she enrols in person.")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin.")] = False,
) -> None:
    """Enrol a person at the office, in person, with her code and a password she types; the
    ledger records it as attested by the registrar named.

    Example:  troth user enrol rey --code ABCD-... --attested-by clerk
    """
    from troth.registry.enrolment import enrol as do_enrol

    attester = _store().account_id(attested_by)
    aid = do_enrol(registry(), code, username, _password(password_stdin), attester, actor="cli")
    console.print(f"account #{aid} '{username}' enrolled (attested by '{attested_by}')")


@app.command("disable")
@guarded
def disable(username: Annotated[str, typer.Argument(help="The account to disable.")]) -> None:
    """Disable an account: every session and API token it holds ends at once.

    Example:  troth user disable unkar
    """
    store = _store()
    store.disable(store.account_id(username))
    console.print(f"account '{username}' disabled; its sessions and tokens have ended")


@app.command("grant")
@guarded
def grant(username: Annotated[str, typer.Argument()],
          role: Annotated[Role, typer.Option("--role", help="The role to grant.")]) -> None:
    """Grant a role (a ledger entry); it applies from the account's next request.

    Example:  troth user grant maz --role handler
    """
    from troth.domain import identity as idn

    registry().execute(idn.GrantAccountRole(_store().account_id(username), role), actor="cli")
    console.print(f"'{username}' now holds {role.value}")


@app.command("revoke")
@guarded
def revoke(username: Annotated[str, typer.Argument()],
           role: Annotated[Role, typer.Option("--role", help="The role to revoke.")]) -> None:
    """Revoke a role (a ledger entry); it stops applying on the account's very next request.

    Example:  troth user revoke unkar --role guardian
    """
    from troth.domain import identity as idn

    registry().execute(idn.RevokeAccountRole(_store().account_id(username), role), actor="cli")
    console.print(f"'{username}' no longer holds {role.value}")


@token_app.command("create")
@guarded
def create_token(
    username: Annotated[str, typer.Argument(help="The account the token acts as.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "script",
    days: Annotated[int, typer.Option("--days", min=1, max=365,
                                      help="Days until it expires (at most 365).")] = 90,
    as_json: bool = JSON_OPT,
) -> None:
    """Create a personal API token and print it once (only its digest is kept). It
    expires after --days (90 unless chosen).

    Example:  troth token create clerk --name nightly-export
              curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/api/v1/customs
    """
    from datetime import UTC, datetime, timedelta

    from troth.web.auth import TOKEN_PREFIX, new_token

    store = _store()
    token, token_hash = new_token(TOKEN_PREFIX)
    expires = datetime.now(UTC) + timedelta(days=days)
    tid = store.create_token(store.account_id(username), name, token_hash, expires)
    if as_json:
        emit_json({"id": tid, "name": name, "token": token,
                   "expires": expires.isoformat(timespec="seconds")})
    else:
        console.print(token, soft_wrap=True, highlight=False)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="user")
    root.add_typer(token_app, name="token")
