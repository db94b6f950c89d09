"""Records read as text: rule names as words a person reads, and dates in running text
(a refusal, a verdict's reason, a Visit's note) written as "21 March 2026, 19:00".

The domain's sentences carry dates as ISO text and sometimes a rule's name; the pages
pass them through `prose` before showing them. The API keeps the codes: a program reads
those.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from troth.domain.customs import CUSTOM_SPECS

RULE_TITLES: dict[str, str] = {
    "min_visits_before_bonding": "the custom of Visits before a bonding",
    "handlers_per_visit": "the custom of a handler at every Visit",
    "handlers_per_dinner": "the custom of handlers at a courting dinner",
    "first_visits_at_omega_residence": "the custom that the first Visits are at the Omega's"
                                       " residence",
    "guardian_designation": "the custom on a guardian's designation",
    "presentation_min_age": "the custom on the youngest age at presentation",
    "presentation_max_age": "the custom on the oldest age at presentation",
    "age_of_majority": "the safeguard of the age of majority",
    "both_adults": "the safeguard that both parties are adults",
    "omega_consent": "the safeguard of the Omega's own consent",
    "alpha_consent": "the safeguard of the Alpha's own consent",
    "own_consent_only": "the safeguard that each party answers only for themself",
    "neither_bonded": "the safeguard that neither party is already bonded",
    "one_alpha_one_omega": "the safeguard of one Alpha and one Omega",
    "refusal_ends_the_matter": "the safeguard that a refusal ends the matter",
    "handler_independent": "the safeguard of independent handlers",
    "officiant_independent": "the safeguard of an independent officiant",
    "courtship_open": "the rule that the courtship is open",
    "not_before_proposal": "the rule that nothing comes before the proposal",
    "not_before_courtship": "the rule that nothing comes before the courtship opened",
    "not_before_visit_starts": "the rule that a Visit is reported once it has started",
    "date_in_future": "the rule that nothing is recorded ahead of its day",
    "waiver_after_threat": "a waiver granted after a reported threat",
    "safeguards_never_waived": "the rule that safeguards are never waived",
}
_missing = [s.name for s in CUSTOM_SPECS if s.kind == "custom" and s.name not in RULE_TITLES]
assert not _missing, f"a custom without words: {_missing}"

_WHEN = re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?\b")
_CODE = re.compile(r"['`‘]?\b(" + "|".join(sorted(RULE_TITLES, key=len, reverse=True))
                   + r")\b['`’]?")


def in_words(value: date | datetime) -> str:
    """7 March 2026; 21 March 2026, 19:00."""
    if isinstance(value, datetime):
        return f"{value.day} {value:%B %Y}, {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def occasion(on: date, at: str = "", place: str = "") -> str:
    """21 March 2026, 15:00, Registry hall, Jakku: a ceremony's day, time and place."""
    return ", ".join(p for p in (in_words(on), at, place) if p)


def rule(code: str | None) -> str:
    """A rule's name in words: 'min_visits_before_bonding' → 'the custom of Visits before
    a bonding'; a rule without a title reads as its words."""
    code = code or ""
    return RULE_TITLES.get(code, code.replace("_", " "))


def _when(m: re.Match[str]) -> str:
    try:
        if m.group(2):
            return in_words(datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}"))
        return in_words(date.fromisoformat(m.group(1)))
    except ValueError:
        return m.group(0)  # not a real date (as typed): left as it was


def prose(text: str | None) -> str:
    """Running text with its ISO dates and its rule names in words."""
    return _CODE.sub(lambda m: rule(m.group(1)), _WHEN.sub(_when, text or ""))
