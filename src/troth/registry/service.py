"""The registry's front door: execute a command through its handler, in a unit of work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from troth.domain.commands import Command
from troth.domain.customs import Customs
from troth.registry import handlers_courtship, handlers_health  # noqa: F401  (registers)
from troth.registry.handlers import HANDLERS, Context
from troth.registry.ports import Clock, UnitOfWork


class Registry:
    def __init__(self, uow_factory: Callable[[str], UnitOfWork], reads: Any, clock: Clock,
                 customs: Customs) -> None:
        self.uow_factory = uow_factory
        self.reads = reads
        self.clock = clock
        self.customs = customs
        self.context = Context(clock=clock, customs=customs)
        self.engines: Any = None  # set by bootstrap: the store's engines
        self.courtship_reads: Any = None  # set by bootstrap: courtship/bond read queries
        self.health_reads: Any = None  # set by bootstrap: private health files (check access!)

    def execute(self, cmd: Command, actor: str = "registry") -> int:
        """Judge and apply one command; returns the id of the record it created or changed.

        Raises a troth.domain.errors.TrothError subclass when refused; nothing is written.
        """
        handler = HANDLERS.get(type(cmd))
        if handler is None:
            raise TypeError(f"no handler for {type(cmd).__name__}")
        with self.uow_factory(actor) as uow:
            return handler(cmd, uow, self.context)
