"""Verdicts: every judgement carries the rule's name and a sentence a person understands."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from troth.domain.errors import Refused


class Outcome(StrEnum):
    ALLOWED = "allowed"
    NEEDS_WAIVER = "needs_waiver"
    REFUSED = "refused"


@dataclass(frozen=True)
class Finding:
    rule: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    findings: tuple[Finding, ...] = field(default=())

    @classmethod
    def allowed(cls, *notes: Finding) -> Verdict:
        return cls(Outcome.ALLOWED, notes)

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.ALLOWED

    @property
    def reasons(self) -> list[str]:
        return [f.reason for f in self.findings]

    def raise_unless_allowed(self) -> None:
        if self.outcome is not Outcome.ALLOWED:
            first = self.findings[0]
            raise Refused("; ".join(self.reasons), rule=first.rule)


def judge(refusals: list[Finding], waivable: list[Finding] | None = None) -> Verdict:
    """Combine findings: any safeguard refusal wins; unwaived customs need a waiver.

    A verdict carries every finding: a refusal lists the safeguards that refuse first, then
    every custom a waiver would still be needed for, so nobody learns of one only after the
    other is met."""
    if refusals:
        return Verdict(Outcome.REFUSED, (*refusals, *(waivable or ())))
    if waivable:
        return Verdict(Outcome.NEEDS_WAIVER, tuple(waivable))
    return Verdict(Outcome.ALLOWED)


def refuse(rule: str, reason: str) -> Refused:
    return Refused(reason, rule=rule)
