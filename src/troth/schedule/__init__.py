"""Weekly Visit and handler rostering: a district's week of Visits, solved with CP-SAT.

Public surface: the problem model, `plan` (CP-SAT, with re-plan), `greedy` (the baseline),
`violations` (an independent hard-rule check) and `generate` (a synthetic week).
"""

from troth.schedule.generate import generate
from troth.schedule.model import (
    Customs,
    Handler,
    Place,
    Placement,
    Problem,
    Roster,
    Summary,
    Unavailable,
    Unplaced,
    VisitRequest,
    Window,
)
from troth.schedule.planner import greedy, plan
from troth.schedule.validate import violations

__all__ = [
    "Customs", "Handler", "Place", "Placement", "Problem", "Roster", "Summary",
    "Unavailable", "Unplaced", "VisitRequest", "Window", "generate", "greedy", "plan",
    "violations",
]
