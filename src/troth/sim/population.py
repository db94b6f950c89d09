"""A district's people as a struct of arrays (one NumPy array per attribute).

A person's id is global and says where they live: id = local_index * districts + district.
People never move district, so `id // districts` is their row in their district's arrays.
Days are integers counted from the scenario's start date (founders' birthdays are < 0);
NEVER stands for "no such day".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

NEVER = np.int64(2**62)
NONE = np.int64(-1)

UNPRESENTED, ALPHA, BETA, OMEGA = 0, 1, 2, 3
DESIGNATION_NAMES = ("", "alpha", "beta", "omega")

# heat regimes of Omegas
HEATS_NONE, HEATS_ACTIVE = 0, 1

I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]
B = npt.NDArray[np.bool_]

# name -> (dtype, fill value for new rows)
FIELDS: dict[str, tuple[type[Any], Any]] = {
    "id": (np.int64, NONE),
    "born": (np.int64, 0),
    "death": (np.int64, NEVER),
    "fate": (np.int8, UNPRESENTED),  # the designation they will present as
    "presented": (np.bool_, False),
    "present_day": (np.int64, NEVER),
    "parent1": (np.int64, NONE),  # the parent who bore them (same district)
    "parent2": (np.int64, NONE),
    "orphaned_day": (np.int64, NEVER),  # both parents dead from this day
    "busy_until": (np.int64, 0),  # in a courtship until this day
    "partner": (np.int64, NONE),  # bonded partner (Alpha-Omega); stays after widowhood
    "partner_death": (np.int64, NEVER),
    "bond_day": (np.int64, NEVER),
    "bond_id": (np.int64, NONE),
    "spouse": (np.int64, NONE),  # Beta marriage
    "spouse_death": (np.int64, NEVER),
    "children": (np.int64, 0),
    "max_children": (np.int64, 0),
    "guardian": (np.int64, NONE),
    "guardianship_id": (np.int64, NONE),
    "wards": (np.int64, 0),
    "guardian_pool": (np.bool_, False),
    "demands_payment": (np.bool_, False),
    "heats": (np.int8, HEATS_NONE),
    "last_heat": (np.int64, NEVER),
    "pregnancy_id": (np.int64, NONE),
    "conceived": (np.int64, NEVER),
    "preg_loss": (np.bool_, False),
    "family_name": (np.int64, 0),
    "ever_bonded": (np.bool_, False),
    "father": (np.int64, NONE),  # the other parent of a pregnancy in progress
    "father_death": (np.int64, NEVER),
    "petition_ground": (np.int8, 0),
}


class People:
    """Growable columns; `n` rows are in use."""

    id: I64
    born: I64
    death: I64
    fate: I8
    presented: B
    present_day: I64
    parent1: I64
    parent2: I64
    orphaned_day: I64
    busy_until: I64
    partner: I64
    partner_death: I64
    bond_day: I64
    bond_id: I64
    spouse: I64
    spouse_death: I64
    children: I64
    max_children: I64
    guardian: I64
    guardianship_id: I64
    wards: I64
    guardian_pool: B
    demands_payment: B
    heats: I8
    last_heat: I64
    pregnancy_id: I64
    conceived: I64
    preg_loss: B
    family_name: I64
    ever_bonded: B
    father: I64
    father_death: I64
    petition_ground: I8

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.capacity = max(capacity, 16)
        for name, (dtype, fill) in FIELDS.items():
            setattr(self, name, np.full(self.capacity, fill, dtype=dtype))

    def add(self, count: int) -> I64:
        """Append `count` rows (filled with defaults); return their row indices."""
        need = self.n + count
        if need > self.capacity:
            new_cap = max(need, int(self.capacity * 1.5))
            for name, (dtype, fill) in FIELDS.items():
                old = getattr(self, name)
                grown = np.full(new_cap, fill, dtype=dtype)
                grown[: self.n] = old[: self.n]
                setattr(self, name, grown)
            self.capacity = new_cap
        rows = np.arange(self.n, need, dtype=np.int64)
        self.n = need
        return rows

    def age_days(self, rows: I64, day: int | I64) -> I64:
        out: I64 = day - self.born[rows]
        return out
