"""Is this the same person? Fellegi–Sunter record linkage, judged at registration.

Two records are compared field by field; each comparison falls into a level (names exact,
similar, different; birth dates equal, day and month swapped, near, different; ...). A level
has an m probability (how often a true duplicate pair shows it) and a u probability (how
often two different people do): log2(m/u) is the level's weight, evidence for or against.
The weights, summed with the prior odds that two records are one person, give the match
probability. The weights below are the model's (docs/identity.md); the registry-wide scan
trains the same comparisons with Splink.

One dependence is modelled explicitly: siblings share parents and a family name, and twins
a birth date, so when two records share a parent those agreements are what u expects of
siblings, and only the given name tells a child from her twin.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from troth.domain.errors import InvalidInput, Refused
from troth.domain.events import PersonRegistered

THRESHOLD = 0.9  # at or above: a possible duplicate; registration refuses it
PRIOR_LOG2_ODDS = -20.0  # about one in a million pairs of records is one person twice
NEAR_DAYS = 31

# (level, label, m, u): label None is a null level (no evidence either way).
Level = tuple[str, str | None, float, float]
GIVEN: tuple[Level, ...] = (
    ("exact", "same given name", 0.86, 0.01),
    ("close", "given name similar", 0.09, 0.002),
    ("like", "given name alike", 0.04, 0.01),
    ("other", "given names differ", 0.01, 0.978),
)
FAMILY: tuple[Level, ...] = (
    ("exact", "same family name", 0.86, 0.005),
    ("close", "family name similar", 0.09, 0.001),
    ("like", "family name alike", 0.03, 0.01),
    ("other", "family names differ", 0.02, 0.984),
)
BORN: tuple[Level, ...] = (
    ("exact", "same birth date", 0.88, 1 / 27000),
    ("swapped", "birth day and month swapped", 0.04, 1 / 27000),
    ("near", "birth date near", 0.06, 2 * NEAR_DAYS / 27000),
    ("other", "birth dates differ", 0.02, 0.997),
)
PARENTS: tuple[Level, ...] = (
    ("shared", "a parent in common", 0.9, 0.00002),
    ("other", "different parents", 0.1, 0.99998),
    ("unknown", None, 1.0, 1.0),
)
DISTRICT: tuple[Level, ...] = (
    ("same", "same district", 0.8, 0.1),
    ("other", "moved district", 0.2, 0.9),
    ("unknown", None, 1.0, 1.0),
)
DESIGNATION: tuple[Level, ...] = (
    ("same", "same designation", 0.99, 0.4),
    ("other", "different designation", 0.002, 0.6),
    ("unknown", None, 1.0, 1.0),
)
# u among siblings (records sharing a parent): same family name and twins' birth dates.
SIBLING_U = {("family", "exact"): 0.9, ("born", "exact"): 0.02, ("born", "near"): 0.01}
COMPARISONS: dict[str, tuple[Level, ...]] = {
    "given": GIVEN, "family": FAMILY, "born": BORN, "parents": PARENTS,
    "district": DISTRICT, "designation": DESIGNATION,
}

_SPECIAL = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                          "ı": "i", "þ": "th", "ð": "d", "-": " ", "'": "", "’": "", ".": " "})


def fold(text: str) -> str:
    """Case and accents folded: 'Łukasz Müller-Brandt' -> 'lukasz muller brandt'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in kept).split())


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro–Winkler similarity in [0, 1] (1: equal)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    reach = max(max(la, lb) // 2 - 1, 0)
    used = [False] * lb
    matched_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - reach), min(lb, i + reach + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matched_a.append(ch)
                break
    m = len(matched_a)
    if not m:
        return 0.0
    matched_b = [b[j] for j in range(lb) if used[j]]
    half = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    jaro = (m / la + m / lb + (m - half) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


@dataclass(frozen=True)
class LinkRecord:
    """What linkage compares of a person (a registered one, or one being registered)."""

    id: int  # 0: not yet registered
    legal_name: str
    born: date
    other_names: tuple[str, ...] = ()
    parents: tuple[int, ...] = ()
    district: str = ""
    designation: str | None = None

    def names(self) -> tuple[tuple[str, str], ...]:
        """Each name as (given, family), folded: the first and last of its parts."""
        out = []
        for n in (self.legal_name, *self.other_names):
            parts = fold(n).split()
            if parts:
                out.append((parts[0], parts[-1] if len(parts) > 1 else ""))
        return tuple(out)


@dataclass(frozen=True)
class Match:
    """A candidate judged: its probability, the levels that made it, and the words."""

    other_id: int
    probability: float
    levels: dict[str, str] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()

    def why(self) -> str:
        return f"p={self.probability:.2f}: " + ", ".join(self.reasons)


class PossibleDuplicate(Refused):
    """A registration refused because the person may already be registered."""

    def __init__(self, matches: Sequence[Match]) -> None:
        lines = "; ".join(f"possible duplicate of #{m.other_id} ({m.why()})" for m in matches)
        super().__init__(
            f"{lines}. If this is a different person, register again saying so"
            " (not a duplicate of #N, with the reason)", rule="possible_duplicate")
        self.matches = tuple(matches)


def _name_level(a: str, b: str) -> str:
    if not a or not b:
        return "other"
    if a == b:
        return "exact"
    s = jaro_winkler(a, b)
    return "close" if s >= 0.92 else "like" if s >= 0.8 else "other"


_RANK = {"exact": 0, "close": 1, "like": 2, "other": 3}


def _best_names(a: LinkRecord, b: LinkRecord) -> tuple[str, str, bool]:
    """The levels of the closest pair of names (legal or other), and whether an other name
    made it."""
    best = ("other", "other", False)
    score = 7
    for i, (ga, fa) in enumerate(a.names()):
        for j, (gb, fb) in enumerate(b.names()):
            g, f = _name_level(ga, gb), _name_level(fa, fb)
            if not fa and not fb:
                f = g  # a single-part name: the one part stands for both
            if _RANK[g] + _RANK[f] < score:
                score, best = _RANK[g] + _RANK[f], (g, f, i > 0 or j > 0)
    return best


def _single(r: LinkRecord) -> bool:
    return all(not family for _, family in r.names())


def _born_level(a: date, b: date) -> str:
    if a == b:
        return "exact"
    if a.year == b.year and a.day <= 12 and (b.month, b.day) == (a.day, a.month):
        return "swapped"
    if abs((a - b).days) <= NEAR_DAYS or (a.month, a.day) == (b.month, b.day):
        return "near"
    return "other"


def levels(a: LinkRecord, b: LinkRecord) -> tuple[dict[str, str], bool]:
    """Each comparison's level for a pair, and whether an other name carried the names."""
    given, family, via_other = _best_names(a, b)
    parents = ("unknown" if not a.parents or not b.parents
               else "shared" if set(a.parents) & set(b.parents) else "other")
    district = ("unknown" if not a.district or not b.district
                else "same" if fold(a.district) == fold(b.district) else "other")
    designation = ("unknown" if not a.designation or not b.designation
                   else "same" if a.designation == b.designation else "other")
    return ({"given": given, "family": family, "born": _born_level(a.born, b.born),
             "parents": parents, "district": district, "designation": designation},
            via_other)


def weight(comparison: str, level: str, siblings: bool) -> tuple[float, str | None]:
    for name, label, m, u in COMPARISONS[comparison]:
        if name == level:
            if siblings:
                u = SIBLING_U.get((comparison, level), u)
            return math.log2(m / u), label
    raise KeyError(f"{comparison} has no level {level}")


def score(a: LinkRecord, b: LinkRecord) -> Match:
    """The match probability of two records, with the reasons (strongest first)."""
    lv, via_other = levels(a, b)
    siblings = lv["parents"] == "shared"
    total = PRIOR_LOG2_ODDS
    said: list[tuple[float, str]] = []
    for comparison, level in lv.items():
        w, label = weight(comparison, level, siblings)
        total += w
        if label is not None and abs(w) >= 1:
            said.append((w, label))
    if via_other and (lv["given"] != "other" or lv["family"] != "other"):
        said.append((0.0, "through another name"))
    said.sort(key=lambda x: -x[0])
    if _single(a) and _single(b):  # one part stands for both: say it once
        said = [(w, s.replace("given name", "name")) for w, s in said
                if "family name" not in s]
    p = 1.0 / (1.0 + 2.0 ** -total) if total > -1000 else 0.0
    return Match(b.id, p, lv, tuple(s for _, s in said))


def judge(new: LinkRecord, candidates: Iterable[LinkRecord],
          threshold: float = THRESHOLD) -> list[Match]:
    """The candidates at or above the threshold, most likely first."""
    found = [m for m in (score(new, c) for c in candidates if c.id != new.id)
             if m.probability >= threshold]
    return sorted(found, key=lambda m: (-m.probability, m.other_id))


def swapped(born: date) -> date | None:
    """The birth date with day and month exchanged, when that is another valid date."""
    if born.day > 12 or born.day == born.month:
        return None
    try:
        return born.replace(month=born.day, day=born.month)
    except ValueError:
        return None


def near_dates(born: date) -> tuple[date, ...]:
    """The dates a blocking key on the birth date also looks at: itself and its swap."""
    s = swapped(born)
    return (born,) if s is None else (born, s)



def registering(event: PersonRegistered) -> LinkRecord:
    """The record a registration would add, as linkage compares it."""
    return LinkRecord(event.person_id, event.legal_name, event.born,
                      tuple(n for _, n in event.other_names), event.parents, event.district)


def settle(event: PersonRegistered, matches: Sequence[Match], *, declared: tuple[int, ...],
           reason: str, bulk: bool) -> PersonRegistered:
    """A registration judged against its likely duplicates.

    Declared "not a duplicate of #N" with a reason: registered, the declaration recorded.
    In an import: registered, the likely duplicates recorded for review. Otherwise a likely
    duplicate not declared refuses it (PossibleDuplicate lists them)."""
    declared = tuple(sorted(set(declared)))
    if declared and not reason.strip():
        raise InvalidInput("saying a person is not a duplicate needs the reason",
                           rule="not_duplicate_reason")
    if event.person_id in declared:
        raise InvalidInput("a person cannot be declared not a duplicate of herself",
                           rule="not_duplicate_of")
    left = [m for m in matches if m.other_id not in declared]
    if left and not bulk:
        raise PossibleDuplicate(left)
    return replace(event, not_duplicate_of=declared,
                   not_duplicate_reason=reason.strip() if declared else "",
                   possible_duplicates=tuple(m.other_id for m in left),
                   duplicate_notes=tuple(m.why() for m in left))
