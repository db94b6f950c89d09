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
    ("people_commands", "RegisterPerson"): ("people", "register_person"),
    ("people_commands", "RegisterBirth"): ("people", "register_birth"),
    ("people_commands", "RecordDeath"): ("people", "record_death"),
    ("people_commands", "RecordPresentation"): ("people", "record_presentation"),
    ("people_commands", "RecordScent"): ("scent", "record_scent"),
    ("people_commands", "AppointGuardian"): ("people", "appoint_guardian"),
    ("people_commands", "TransferGuardianship"): ("people", "transfer_guardianship"),
    ("people_commands", "EndGuardianship"): ("people", "end_guardianship"),
    ("commands", "RegisterPerson"): ("people", "register_person"),
    ("commands", "RegisterBirth"): ("people", "register_birth"),
    ("commands", "RecordDeath"): ("people", "record_death"),
    ("commands", "RecordPresentation"): ("people", "record_presentation"),
    ("commands", "AppointGuardian"): ("people", "appoint_guardian"),
    ("commands", "TransferGuardianship"): ("people", "transfer_guardianship"),
    ("commands", "EndGuardianship"): ("people", "end_guardianship"),
    # a person's contact e-mail (notifications)
    ("notices", "SetContactEmail"): ("notices", "set_contact_email"),
    # corrections by two hands
    ("correction", "RequestCorrection"): ("correction", "request"),
    ("correction", "ApproveCorrection"): ("correction", "approve"),
    ("correction", "RejectCorrection"): ("correction", "reject"),
    # courtship, Visits, incidents, waivers, bonding, annulment
    ("courtship_commands", "ProposeIntroduction"): ("courtship", "propose"),
    ("courtship_commands", "RecordConsent"): ("courtship", "consent"),
    ("courtship_commands", "AcknowledgeAsGuardian"): ("courtship", "acknowledge"),
    ("courtship_commands", "EndCourtship"): ("courtship", "end"),
    ("courtship_commands", "ScheduleVisit"): ("courtship", "schedule_visit"),
    ("courtship_commands", "RecordVisitHeld"): ("courtship", "visit_held"),
    ("courtship_commands", "RecordVisitMissed"): ("courtship", "visit_missed"),
    ("courtship_commands", "CancelVisit"): ("courtship", "cancel_visit"),
    ("courtship_commands", "ReportIncident"): ("courtship", "report_incident"),
    ("courtship_commands", "CloseIncident"): ("courtship", "close_incident"),
    ("courtship_commands", "DecideWelfareReview"): ("welfare", "decide_review"),
    ("courtship_commands", "DeclarePressure"): ("welfare", "declare_pressure"),
    ("courtship_commands", "AssignWelfareReviews"): ("welfare", "assign_reviews"),
    ("courtship_commands", "GrantWaiver"): ("courtship", "grant_waiver"),
    ("courtship_commands", "ScheduleCeremony"): ("courtship", "schedule_ceremony"),
    ("courtship_commands", "SealBond"): ("courtship", "seal_bond"),
    ("courtship_commands", "PetitionAnnulment"): ("courtship", "petition"),
    ("courtship_commands", "DecideAnnulment"): ("courtship", "decide"),
    # marriages of Betas
    ("marriage", "ConsentToMarriage"): ("marriage", "consent"),
    ("marriage", "WithdrawMarriageConsent"): ("marriage", "withdraw"),
    ("marriage", "SolemniseMarriage"): ("marriage", "solemnise"),
    ("marriage", "PetitionDissolution"): ("marriage", "petition"),
    ("marriage", "DecideDissolution"): ("marriage", "decide"),
    # private health records
    ("health_commands", "RecordHeat"): ("health", "record_heat"),
    ("health_commands", "CorrectHeat"): ("health", "correct_heat"),
    ("health_commands", "ExcludeHeat"): ("health", "exclude_heat"),
    ("health_commands", "RecordPregnancy"): ("health", "record_pregnancy"),
    ("health_commands", "EndPregnancy"): ("health", "end_pregnancy"),
    ("health_commands", "ShareHealth"): ("health", "share"),
    # a physician's finding, and her release of it for one petition
    ("courtship_commands", "RecordFinding"): ("findings", "record_finding"),
    ("courtship_commands", "ReleaseFinding"): ("findings", "release_finding"),
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
