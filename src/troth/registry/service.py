"""The registry's front door, its message bus: execute a command through its handler, in a
unit of work, and commit once the handler has returned."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from troth.domain.customs import Customs
from troth.domain.time_rules import check_command_dates
from troth.registry.context import CommandContext
from troth.registry.ports import BulkUnitOfWork, Clock
from troth.registry.queries import Queries

if TYPE_CHECKING:
    from troth.domain.commands import Command


def handler_for(cmd: Command) -> Callable[..., int]:
    """The command's handler. The handlers are imported on the first command, each
    command's own module only: a process that only reads (most CLI commands, `troth
    --help`) never loads them and the rules behind them."""
    from troth.registry.handlers import handler_of

    handler = handler_of(type(cmd))
    if handler is None:
        raise TypeError(f"no handler for {type(cmd).__name__}")
    return handler


class Registry:
    """Writes through `execute` and `bulk` (each command judged by its handler, in a unit of
    work), reads through the typed `queries`. Built by troth.bootstrap."""

    def __init__(self, uow_factory: Callable[[str], BulkUnitOfWork], queries: Queries,
                 clock: Clock, customs: Customs, *, secret: str = "", backend: str = "",
                 location: str = "", close: Callable[[], None] | None = None) -> None:
        self.uow_factory = uow_factory
        self.queries = queries
        self.clock = clock
        self.customs = customs
        self.backend = backend  # "sqlite" or "postgresql": for messages and tests
        self.location = location  # where the records are kept (the database URL)
        self.context = CommandContext(clock=clock, customs=customs, secret=secret)
        self._close = close

    def close(self) -> None:
        """Release the database connections (the CLI and tests, when done)."""
        if self._close is not None:
            self._close()

    def bulk(self, actor: str = "import") -> Bulk:
        """Many commands in one transaction, each judged by the same rules (for imports).

        A refused command rolls back to its own savepoint and is reported; the others stand.
        Nothing is durable until `commit()`.
        """
        return Bulk(self, actor)

    def execute(self, cmd: Command, actor: str = "registry") -> int:
        """Judge and apply one command; returns the id of the record it created or changed.

        Raises a troth.domain.errors.TrothError subclass when refused; nothing is written.
        """
        handler = handler_for(cmd)
        check_command_dates(cmd, self.clock.today())
        with self.uow_factory(actor) as uow:
            result = handler(cmd, uow, self.context)
            uow.commit()
            return result


class Bulk:
    def __init__(self, registry: Registry, actor: str) -> None:
        self.registry = registry
        self.uow = registry.uow_factory(actor)
        self.context = dataclasses.replace(registry.context, bulk=True)

    def __enter__(self) -> Bulk:
        self.uow.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.uow.__exit__(None, None, None)

    def execute(self, cmd: Command) -> int:
        """Judge and apply one command; raises the refusal after undoing its partial work."""
        handler = handler_for(cmd)
        check_command_dates(cmd, self.registry.clock.today())
        self.uow.begin_command()
        try:
            result = handler(cmd, self.uow, self.context)
            self.uow.end_command()
            return result
        except BaseException:
            self.uow.abandon_command()
            raise

    def commit(self) -> None:
        """Make every command kept so far durable, in one transaction."""
        self.uow.commit()
