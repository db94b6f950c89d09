"""Commands: imperatives a person issues to the registry. Small frozen dataclasses.

Each aggregate's commands live beside its rules, in files named alike: people_commands.py,
courtship_commands.py, health_commands.py (and identity.py, matchmaking.py, rostering.py,
which hold their own). This module is the base class and the index: `commands.RegisterPerson`
imports only the module that defines it, so `troth person add` does not build the courtship
and health commands it never uses.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any


@dataclass(frozen=True)
class Command:
    pass


__all__ = [
    "HOMES",
    "AcknowledgeAsGuardian",
    "AppointGuardian",
    "AssignWelfareReviews",
    "CancelVisit",
    "CloseIncident",
    "Command",
    "ConsentToMarriage",
    "CorrectHeat",
    "DecideAnnulment",
    "DecideDissolution",
    "DecideWelfareReview",
    "DeclarePressure",
    "EndCourtship",
    "EndGuardianship",
    "EndPregnancy",
    "ExcludeHeat",
    "GrantWaiver",
    "PetitionAnnulment",
    "PetitionDissolution",
    "ProposeIntroduction",
    "RecordConsent",
    "RecordDeath",
    "RecordFinding",
    "RecordHeat",
    "RecordPregnancy",
    "RecordPresentation",
    "RecordScent",
    "RecordVisitHeld",
    "RecordVisitMissed",
    "RegisterBirth",
    "RegisterPerson",
    "ReleaseFinding",
    "ReportIncident",
    "ScheduleCeremony",
    "ScheduleVisit",
    "SealBond",
    "ShareHealth",
    "SolemniseMarriage",
    "TransferGuardianship",
    "WithdrawMarriageConsent",
]

# command class -> its module under troth.domain
HOMES: dict[str, str] = {
    "RegisterPerson": "people_commands",
    "RegisterBirth": "people_commands",
    "RecordDeath": "people_commands",
    "RecordPresentation": "people_commands",
    "RecordScent": "people_commands",
    "AppointGuardian": "people_commands",
    "TransferGuardianship": "people_commands",
    "EndGuardianship": "people_commands",
    "ProposeIntroduction": "courtship_commands",
    "RecordConsent": "courtship_commands",
    "DeclarePressure": "courtship_commands",
    "AcknowledgeAsGuardian": "courtship_commands",
    "EndCourtship": "courtship_commands",
    "ScheduleVisit": "courtship_commands",
    "RecordVisitHeld": "courtship_commands",
    "RecordVisitMissed": "courtship_commands",
    "CancelVisit": "courtship_commands",
    "ReportIncident": "courtship_commands",
    "CloseIncident": "courtship_commands",
    "DecideWelfareReview": "courtship_commands",
    "AssignWelfareReviews": "courtship_commands",
    "GrantWaiver": "courtship_commands",
    "ScheduleCeremony": "courtship_commands",
    "SealBond": "courtship_commands",
    "PetitionAnnulment": "courtship_commands",
    "RecordFinding": "courtship_commands",
    "ReleaseFinding": "courtship_commands",
    "DecideAnnulment": "courtship_commands",
    "RecordHeat": "health_commands",
    "CorrectHeat": "health_commands",
    "ExcludeHeat": "health_commands",
    "RecordPregnancy": "health_commands",
    "EndPregnancy": "health_commands",
    "ShareHealth": "health_commands",
    "ConsentToMarriage": "marriage",
    "SolemniseMarriage": "marriage",
    "PetitionDissolution": "marriage",
    "DecideDissolution": "marriage",
    "WithdrawMarriageConsent": "marriage",
}

if TYPE_CHECKING:
    from troth.domain.courtship_commands import (
        AcknowledgeAsGuardian,
        AssignWelfareReviews,
        CancelVisit,
        CloseIncident,
        DecideAnnulment,
        DecideWelfareReview,
        DeclarePressure,
        EndCourtship,
        GrantWaiver,
        PetitionAnnulment,
        ProposeIntroduction,
        RecordConsent,
        RecordFinding,
        RecordVisitHeld,
        RecordVisitMissed,
        ReleaseFinding,
        ReportIncident,
        ScheduleCeremony,
        ScheduleVisit,
        SealBond,
    )
    from troth.domain.health_commands import (
        CorrectHeat,
        EndPregnancy,
        ExcludeHeat,
        RecordHeat,
        RecordPregnancy,
        ShareHealth,
    )
    from troth.domain.marriage import (
        ConsentToMarriage,
        DecideDissolution,
        PetitionDissolution,
        SolemniseMarriage,
        WithdrawMarriageConsent,
    )
    from troth.domain.people_commands import (
        AppointGuardian,
        EndGuardianship,
        RecordDeath,
        RecordPresentation,
        RecordScent,
        RegisterBirth,
        RegisterPerson,
        TransferGuardianship,
    )
else:

    def __getattr__(name: str) -> Any:
        home = HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'troth.domain.commands' has no attribute {name!r}")
        value = getattr(importlib.import_module(f"troth.domain.{home}"), name)
        globals()[name] = value
        return value
