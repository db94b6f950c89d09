"""The story's cast (WORLD.md), registered through the ordinary commands."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from troth.domain import commands as c
from troth.domain.people import OtherName, Scent
from troth.registry.service import Registry


@dataclass
class Cast:
    ids: dict[str, int] = field(default_factory=dict)


def _scent(rng: random.Random, notes: str, d: int = 16) -> Scent:
    return Scent(tuple(round(rng.gauss(0, 1), 3) for _ in range(d)),
                 tuple(round(rng.gauss(0, 1), 3) for _ in range(d)), notes)


def load_cast(reg: Registry, seed: int = 7) -> Cast:
    """Register the story's people, presentations and the guardianship."""
    rng = random.Random(seed)
    cast = Cast()

    def person(key: str, name: str, born: date, designation: str | None, notes: str = "",
               others: tuple[OtherName, ...] = (), parents: tuple[int, ...] = (),
               district: str = "Niima") -> int:
        pid = reg.execute(c.RegisterPerson(name, born, others, parents, _scent(rng, notes),
                                           district))
        if designation:
            reg.execute(c.RecordPresentation(pid, designation, born + timedelta(days=14 * 365)))
        cast.ids[key] = pid
        return pid

    person("leia", "Leia Organa", date(1968, 6, 10), "beta", "rain on stone")
    person("han", "Han Solo", date(1965, 7, 13), "beta", "engine oil and leather")
    person("luke", "Luke Skywalker", date(1968, 6, 10), "alpha", "dry sand, ozone")
    person("ben", "Ben Solo", date(1999, 10, 25), "alpha", "cedar smoke",
           (OtherName("work", "Kylo"),), parents=(cast.ids["leia"], cast.ids["han"]))
    person("plutt", "Unkar Plutt", date(1968, 2, 3), "beta", "scrap metal",
           (OtherName("trade", "Plutt's Yard"),), district="Jakku")
    person("rey", "Rey", date(2007, 3, 1), "omega", "sun-warmed canvas", district="Jakku")
    # Placed after she presented as an Omega (2021-02-25): court guardianship is for Omegas,
    # judged on the order's start date. An orphan: no living parent in the registry.
    cast.ids["guardianship"] = reg.execute(c.AppointGuardian(
        cast.ids["rey"], cast.ids["plutt"], "Jakku Family Court", "JFC-2021-118",
        date(2021, 4, 2)))
    person("ada", "Ada Wren", date(1972, 11, 2), "beta", "wool and tea")  # the handler who knits
    person("tobias", "Tobias Fenn", date(1985, 1, 20), "beta", "cut grass")
    person("tekka", "Lor San Tekka", date(1950, 3, 3), "beta", "old paper")  # officiant
    person("kalonia", "Harter Kalonia", date(1975, 8, 8), "beta", "antiseptic")  # physician
    return cast


FIRST = ["Ana", "Bram", "Cora", "Dev", "Elin", "Finn", "Gala", "Hugo", "Ines", "Jory", "Kira",
         "Lio", "Mara", "Nils", "Oona", "Pell", "Quin", "Rhea", "Soren", "Tova", "Ugo", "Vera",
         "Wim", "Xeni", "Yara", "Zev", "Zoë", "Anaïs", "Björn", "Chloé"]
LAST = ["Abara", "Bellweather", "Corran", "Dameron", "Erso", "Fell", "Grell", "Holdo", "Ilum",
        "Jerjerrod", "Kes", "Lars", "Madine", "Naberrie", "Ordo", "Pava", "Quarsh", "Rook",
        "Syndulla", "Tano", "Umbara", "Vos", "Wexley", "Yularen", "Zeen"]
DISTRICTS = ["Niima", "Jakku", "Chandrila", "Hosnian", "Takodana"]


def load_resident(reg: Registry, rng: random.Random, today: date) -> int:
    """Register one generated resident: age 0-80, ~20% Alpha / 60% Beta / 20% Omega."""
    born = today - timedelta(days=rng.randint(0, 80 * 365))
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    pid = reg.execute(c.RegisterPerson(name, born, (), (), _scent(rng, ""),
                                       rng.choice(DISTRICTS)))
    if (today - born).days // 365 >= 16:
        designation = rng.choices(["alpha", "beta", "omega"], [0.2, 0.6, 0.2])[0]
        reg.execute(c.RecordPresentation(pid, designation,
                                         born + timedelta(days=rng.randint(12, 16) * 365)))
    return pid
