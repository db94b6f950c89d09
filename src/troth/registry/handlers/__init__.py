"""The table of command handlers: one small handler per command.

A handler loads what the command needs, asks the domain, records the events and returns
the id of the record it created or changed. It never commits: the bus (Registry.execute,
Registry.bulk) does, after the handler returns. A step two handlers share is a plain
function both call (courtship.record_visit, people.record_appointment), never one handler
calling another.

The table names each command (its module under troth.domain, its class) and its handler
(a module of this package, a function), so that a command's first execution imports its
own handler's module only: `troth person add` loads the people handlers, not the courtship,
health or roster ones and the rules behind them. COMMAND_HANDLERS, the table with the
classes and functions themselves, is built (importing every handler) when first asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from troth.registry.context import CommandContext

if TYPE_CHECKING:
    from troth.domain.commands import Command

Handler = Callable[[Any, Any, CommandContext], int]

# (module under troth.domain, command class) -> (module of this package, handler function)
HANDLERS: dict[tuple[str, str], tuple[str, str]] = {
    # people and guardianships
    ("commands", "RegisterPerson"): ("people", "register_person"),
    ("commands", "RegisterBirth"): ("people", "register_birth"),
    ("commands", "RecordDeath"): ("people", "record_death"),
    ("commands", "RecordPresentation"): ("people", "record_presentation"),
    ("commands", "AppointGuardian"): ("people", "appoint_guardian"),
    ("commands", "TransferGuardianship"): ("people", "transfer_guardianship"),
    ("commands", "EndGuardianship"): ("people", "end_guardianship"),
    # corrections by two hands
    ("correction", "RequestCorrection"): ("correction", "request"),
    ("correction", "ApproveCorrection"): ("correction", "approve"),
    ("correction", "RejectCorrection"): ("correction", "reject"),
    # courtship, Visits, incidents, waivers, bonding, annulment
    ("commands", "ProposeIntroduction"): ("courtship", "propose"),
    ("commands", "RecordConsent"): ("courtship", "consent"),
    ("commands", "AcknowledgeAsGuardian"): ("courtship", "acknowledge"),
    ("commands", "EndCourtship"): ("courtship", "end"),
    ("commands", "ScheduleVisit"): ("courtship", "schedule_visit"),
    ("commands", "RecordVisitHeld"): ("courtship", "visit_held"),
    ("commands", "RecordVisitMissed"): ("courtship", "visit_missed"),
    ("commands", "CancelVisit"): ("courtship", "cancel_visit"),
    ("commands", "ReportIncident"): ("courtship", "report_incident"),
    ("commands", "CloseIncident"): ("courtship", "close_incident"),
    ("commands", "DecideWelfareReview"): ("welfare", "decide_review"),
    ("commands", "GrantWaiver"): ("courtship", "grant_waiver"),
    ("commands", "ScheduleCeremony"): ("courtship", "schedule_ceremony"),
    ("commands", "SealBond"): ("courtship", "seal_bond"),
    ("commands", "PetitionAnnulment"): ("courtship", "petition"),
    ("commands", "DecideAnnulment"): ("courtship", "decide"),
    # private health records
    ("commands", "RecordHeat"): ("health", "record_heat"),
    ("commands", "CorrectHeat"): ("health", "correct_heat"),
    ("commands", "ExcludeHeat"): ("health", "exclude_heat"),
    ("commands", "RecordPregnancy"): ("health", "record_pregnancy"),
    ("commands", "EndPregnancy"): ("health", "end_pregnancy"),
    ("commands", "ShareHealth"): ("health", "share"),
    # a physician's finding, and her release of it for one petition
    ("commands", "RecordFinding"): ("findings", "record_finding"),
    ("commands", "ReleaseFinding"): ("findings", "release_finding"),
    # who an account is: invitations, enrolment, roles, confirming a link
    ("identity", "IssueInvitation"): ("identity", "issue_invitation"),
    ("identity", "Enrol"): ("identity", "enrol"),
    ("identity", "CreateAccount"): ("identity", "create_account"),
    ("identity", "GrantAccountRole"): ("identity", "grant_role"),
    ("identity", "RevokeAccountRole"): ("identity", "revoke_role"),
    ("identity", "ConfirmAccountLink"): ("identity", "confirm_link"),
    # the registry's matchmaking
    ("matchmaking", "SetMatchmakingOptIn"): ("matchmaking", "set_opt_in"),
    # rostering
    ("rostering", "RecordResidence"): ("roster", "record_residence"),
    ("rostering", "RequestVisit"): ("roster", "request_visit"),
    ("rostering", "WithdrawVisitRequest"): ("roster", "withdraw_request"),
    ("rostering", "RegisterHandler"): ("roster", "register_handler"),
    ("rostering", "RecordHandlerAvailability"): ("roster", "record_availability"),
    ("rostering", "RecordUnavailability"): ("roster", "record_unavailability"),
    ("rostering", "ProposeRoster"): ("roster", "propose_roster"),
    ("rostering", "AcceptRosterPlacement"): ("roster", "accept_placement"),
}


def _resolve(module: str, function: str) -> Handler:
    fn: Handler = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return fn


_found: dict[type[Any], Handler] = {}


def handler_of(command: type[Any]) -> Handler | None:
    """The handler of a command class, importing its module only; None when it has none."""
    known = _found.get(command)
    if known is not None:
        return known
    module = command.__module__.removeprefix("troth.domain.")
    found = HANDLERS.get((module, command.__name__))
    if found is None or getattr(importlib.import_module(command.__module__),
                                command.__name__, None) is not command:
        return None
    handler = _found[command] = _resolve(*found)
    return handler


def _every_handler() -> dict[type[Command], Handler]:
    return {getattr(importlib.import_module(f"troth.domain.{module}"), cls): _resolve(*found)
            for (module, cls), found in HANDLERS.items()}


if TYPE_CHECKING:
    COMMAND_HANDLERS: dict[type[Command], Handler]


def __getattr__(name: str) -> Any:
    if name == "COMMAND_HANDLERS":
        table = _every_handler()
        globals()["COMMAND_HANDLERS"] = table
        return table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMAND_HANDLERS", "HANDLERS", "CommandContext", "Handler", "handler_of"]
