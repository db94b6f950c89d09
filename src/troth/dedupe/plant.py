"""A generated population with planted duplicates, for the benchmark and the tests.

People get realistic names (troth.sim.names), birth dates over eighty years, a district,
sometimes a work name, parents (a fifth are children of earlier people, with twins among
them: genuine people the scan must not join). A share is then registered a second time
with one variation each: a typo, a transliteration, the work name as the legal name, the
birth date's day and month swapped, or a moved district. The truth is the planted pairs.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from troth.domain.linkage import LinkRecord, swapped
from troth.sim import names

KINDS = ("typo", "transliteration", "other_name", "swap", "moved")
DISTRICTS = tuple(f"District {i}" for i in range(1, 41))
_TRANSLIT = (("y", "j"), ("j", "y"), ("ph", "f"), ("f", "ph"), ("x", "ks"), ("w", "v"),
             ("v", "w"), ("sch", "sh"), ("c", "k"), ("k", "c"), ("ie", "y"), ("ou", "u"),
             ("a", "á"), ("e", "é"), ("o", "ö"), ("u", "ü"), ("s", "š"), ("z", "ž"),
             ("c", "č"), ("n", "ñ"), ("l", "ł"))


@dataclass(frozen=True)
class Population:
    records: list[LinkRecord]
    planted: dict[tuple[int, int], str]  # (original id, duplicate id) -> kind


def _name(rng: random.Random, kind: str) -> str:
    pool, cum = names.names(kind), names.cumulative(kind)
    return pool[min(bisect.bisect_right(cum, rng.random()), len(pool) - 1)]


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + rng.choice("aeiou")
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:  # a neighbouring letter instead
        return word[:i] + rng.choice("aeiourstnl") + word[i + 1:]
    if how == 1:  # a letter dropped
        return word[:i] + word[i + 1:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]  # two letters exchanged


def transliterate(rng: random.Random, word: str) -> str:
    options = [(a, b) for a, b in _TRANSLIT if a in word.lower()]
    if not options:
        return word.upper() if rng.random() < 0.5 else word.lower()  # case only
    a, b = rng.choice(options)
    i = word.lower().index(a)
    out = word[:i] + (b.upper() if word[i].isupper() else b) + word[i + len(a):]
    return out[0].upper() + out[1:]


def generate(people: int, share: float = 0.02, seed: int = 15,
             today: date = date(2026, 12, 1)) -> Population:
    rng = random.Random(seed)
    records: list[LinkRecord] = []
    start = today - timedelta(days=80 * 365)
    while len(records) < people:
        pid = len(records) + 1
        given, family = _name(rng, "given"), _name(rng, "family")
        born = start + timedelta(days=rng.randrange(78 * 365))
        parents: tuple[int, ...] = ()
        if records and rng.random() < 0.2:
            mother = records[rng.randrange(len(records))]
            child_born = mother.born + timedelta(days=rng.randrange(18 * 365, 40 * 365))
            if child_born < today:
                born, parents = child_born, (mother.id,)
                family = mother.legal_name.split()[-1]
        others = ((f"{_name(rng, 'given')} {_name(rng, 'family')}",)
                  if rng.random() < 0.05 else ())
        rec = LinkRecord(pid, f"{given} {family}", born, others, parents,
                         rng.choice(DISTRICTS), rng.choice(("alpha", "beta", "omega", None)))
        records.append(rec)
        if parents and rng.random() < 0.02 and len(records) < people:  # a twin
            twin_given = _name(rng, "given")
            if twin_given != given:
                records.append(replace(rec, id=pid + 1, legal_name=f"{twin_given} {family}",
                                       other_names=()))
    originals = rng.sample(records, int(people * share))
    planted: dict[tuple[int, int], str] = {}
    for orig in originals:
        kind = KINDS[len(planted) % len(KINDS)]
        if kind == "other_name" and not orig.other_names:  # known by a work name too
            orig = replace(orig, other_names=(f"{_name(rng, 'given')} {_name(rng, 'family')}",))
            records[orig.id - 1] = orig
        dup = _vary(rng, orig, kind, len(records) + 1)
        if dup is None:
            continue
        records.append(dup)
        planted[(orig.id, dup.id)] = kind
    return Population(records, planted)


def _vary(rng: random.Random, o: LinkRecord, kind: str, new_id: int) -> LinkRecord | None:
    given, _, family = o.legal_name.partition(" ")
    dup = replace(o, id=new_id, other_names=(), designation=None,
                  parents=o.parents if rng.random() < 0.5 else ())
    if kind == "typo":
        name = (f"{typo(rng, given)} {family}" if rng.random() < 0.5
                else f"{given} {typo(rng, family)}")
        return replace(dup, legal_name=name)
    if kind == "transliteration":
        name = (f"{transliterate(rng, given)} {family}" if rng.random() < 0.5
                else f"{given} {transliterate(rng, family)}")
        return replace(dup, legal_name=name)
    if kind == "other_name":  # registered again under the work name
        return replace(dup, legal_name=o.other_names[0])
    if kind == "swap":
        s = swapped(o.born)
        return None if s is None else replace(dup, born=s)
    return replace(dup, district=rng.choice([d for d in DISTRICTS if d != o.district]))
