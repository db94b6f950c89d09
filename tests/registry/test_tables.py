"""The explicit tables are complete: a handler for every command, a projector and a teller
for every event. The domain modules are walked, so a new command or event that is not in
the tables fails here rather than at its first use."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from datetime import date

import troth.domain
from troth.domain.commands import Command
from troth.domain.courtship_events import IncidentClosed
from troth.domain.events import Event
from troth.domain.history import FOLDERS, TELLERS, describe, tell_by_kind
from troth.registry.handlers import COMMAND_HANDLERS
from troth.store.projections import CHANGES_PEOPLE, PROJECTORS


def _domain_classes(base: type) -> set[type]:
    found: set[type] = set()
    for info in pkgutil.iter_modules(troth.domain.__path__):
        module = importlib.import_module(f"troth.domain.{info.name}")
        found |= {cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, base) and cls is not base and dataclasses.is_dataclass(cls)}
    return found


COMMANDS = _domain_classes(Command)
EVENTS = {e for e in _domain_classes(Event) if not e.kind.startswith("_")}  # not _OnDate


def _names(classes: set[type]) -> list[str]:
    return sorted(cls.__name__ for cls in classes)


def test_the_domain_declares_commands_and_events_to_check() -> None:
    assert len(COMMANDS) > 30 and len(EVENTS) > 25


def test_every_command_has_a_handler() -> None:
    assert _names(COMMANDS - COMMAND_HANDLERS.keys()) == []


def test_every_handler_is_for_a_command_of_the_domain() -> None:
    assert _names(COMMAND_HANDLERS.keys() - COMMANDS) == []


def test_every_event_has_a_projector() -> None:
    assert _names(EVENTS - PROJECTORS.keys()) == []
    assert _names(PROJECTORS.keys() - EVENTS) == []


def test_the_projections_that_change_people_are_projections() -> None:
    kinds = {e.kind: e for e in EVENTS}
    assert kinds.keys() >= CHANGES_PEOPLE  # each names an event of the domain
    assert PROJECTORS.keys() >= {kinds[k] for k in CHANGES_PEOPLE}


def test_every_event_has_a_teller() -> None:
    assert _names(EVENTS - TELLERS.keys()) == []
    assert _names(TELLERS.keys() - EVENTS) == []


def test_every_folder_is_for_an_event_of_the_domain() -> None:
    assert _names(FOLDERS.keys() - EVENTS) == []


def test_an_event_told_by_its_kind_alone_reads_as_its_kind_in_words() -> None:
    told_by_kind = {e.__name__ for e, teller in TELLERS.items() if teller is tell_by_kind}
    assert told_by_kind == {"IncidentClosed", "HealthEntryRecorded", "VisitRequestWithdrawn",
                            "RosterProposed", "RosterPlacementAccepted"}
    assert describe(IncidentClosed(3, "resolved", date(2026, 1, 1)), {}) == "Incident closed"


def test_every_event_module_is_listed_for_reading_the_ledger_back() -> None:
    """event_from_data finds a kind whose module the process never imported only if that
    module is in EVENT_MODULES."""
    from troth.domain.events import EVENT_MODULES

    assert {e.__module__.removeprefix("troth.domain.") for e in EVENTS} <= set(EVENT_MODULES)


def test_every_table_module_is_listed_for_the_deep_check() -> None:
    import troth.store.tables as tables

    modules = {m.name for m in pkgutil.iter_modules(tables.__path__)}
    assert modules == set(tables.TABLE_MODULES)
