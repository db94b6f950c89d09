"""Reading a simulated event log back, and checking it against the registry's rules.

`violations(folder, scenario)` returns one line per broken rule instance (empty when the
history is valid). The registry will apply the same rules record by record on import;
this vectorised check lets tests and `troth sim` confirm a history before that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.dataset as ds

from troth.sim.scenario import Scenario

Cols = dict[str, npt.NDArray[Any]]
BIG = np.int64(2**40)


def load(folder: Path, kind: str) -> Cols:
    """One kind's rows from every district, as NumPy columns (dates as day numbers,
    null dates as a very large number, null ids as -1, enumerations as strings)."""
    table = ds.dataset(folder / "events" / kind, format="parquet").to_table()
    table = table.sort_by([("date", "ascending"), ("district", "ascending"),
                           ("seq", "ascending")])
    out: Cols = {}
    for name in table.column_names:
        col = table.column(name).combine_chunks()
        if pa.types.is_date32(col.type):
            out[name] = col.cast(pa.int32()).fill_null(2**30).to_numpy().astype(np.int64)
            out[name][out[name] == 2**30] = BIG
        elif pa.types.is_dictionary(col.type):
            out[name] = np.array(col.cast(pa.string()).fill_null("").to_pylist(), dtype=object)
        elif pa.types.is_integer(col.type):
            out[name] = col.fill_null(-1).to_numpy().astype(np.int64)
        else:
            out[name] = col.to_numpy(zero_copy_only=False)
    return out


class People:
    """Birth, death and designation per person id, from registered/born/presented/died."""

    def __init__(self, folder: Path) -> None:
        reg, born = load(folder, "registered"), load(folder, "born")
        pres, died = load(folder, "presented"), load(folder, "died")
        ids = np.concatenate([reg["person_id"], born["person_id"]])
        self.order = np.argsort(ids)
        self.ids = ids[self.order]
        self.born = np.concatenate([reg["born_on"], born["date"]])[self.order]
        self.death = np.full(ids.size, BIG)
        self.death[self.index(died["person_id"])] = died["date"]
        self.designation = np.concatenate(
            [reg["designation"], np.full(born["person_id"].size, "", object)])[self.order]
        self.presented_on = np.concatenate(
            [reg["presented_on"], np.full(born["person_id"].size, BIG)])[self.order]
        at = self.index(pres["person_id"])
        self.designation[at] = pres["designation"]
        self.presented_on[at] = pres["date"]
        self.presentations = np.bincount(at, minlength=ids.size)

    def index(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        at = np.searchsorted(self.ids, ids)
        at = np.minimum(at, self.ids.size - 1)
        if not np.array_equal(self.ids[at], ids):
            raise ValueError("the log names a person it never registered")
        return at


def _age(p: People, ids: npt.NDArray[np.int64], day: npt.NDArray[np.int64]) -> Any:
    return (day - p.born[p.index(ids)]) / 365.2425


def violations(folder: Path, s: Scenario) -> list[str]:
    p = People(folder)
    found: list[str] = []

    def rule(ok: Any, name: str, where: Any = None) -> None:
        bad = int(np.size(ok) - np.count_nonzero(ok))
        if bad:
            found.append(f"{name}: {bad} case(s)" + (f", e.g. {where[~ok][:3]}"
                                                    if where is not None else ""))

    _people_rules(p, s, rule)
    _introduction_rules(folder, p, s, rule)
    _bond_rules(folder, p, s, rule)
    _guardian_rules(folder, p, rule)
    _health_rules(folder, p, rule)
    return found


def _people_rules(p: People, s: Scenario, rule: Any) -> None:
    rule(p.presentations <= 1, "a designation never changes (one presentation)", p.ids)
    shown = p.presented_on < BIG
    age = p.presented_on[shown] - p.born[shown]
    pr = s.presentation
    rule((age >= np.floor(pr.min_age * 365.2425)) & (age <= np.floor(pr.max_age * 365.2425)),
         "presentation within the age window", p.ids[shown])
    rule(p.presented_on[shown] < p.death[shown], "presented while alive", p.ids[shown])


def calendar_age(born: npt.NDArray[np.int64], day: npt.NDArray[np.int64]) -> Any:
    """Whole years between two day numbers (days since 1970), as the registry counts age:
    one more at each anniversary of the (month, day) of birth."""
    b, d = born.astype("datetime64[D]"), day.astype("datetime64[D]")
    years = (d.astype("datetime64[Y]") - b.astype("datetime64[Y]")).astype(np.int64)
    return years - (_month_day(d) < _month_day(b))


def _month_day(d: Any) -> Any:
    month = d.astype("datetime64[M]")
    in_year = (month - d.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64)
    return in_year * 32 + (d - month.astype("datetime64[D]")).astype(np.int64)


def _introduction_rules(folder: Path, p: People, s: Scenario, rule: Any) -> None:
    intro, declined = load(folder, "introduction_proposed"), load(folder, "omega_declined")
    day, a, o = intro["date"], intro["alpha_id"], intro["omega_id"]
    adult = s.courtship.majority_age
    rule((calendar_age(p.born[p.index(a)], day) >= adult)
         & (calendar_age(p.born[p.index(o)], day) >= adult),
         "both parties are adults (in calendar years) at the introduction",
         intro["courtship_id"])
    no = declined["stage"] == "courtship"
    order = np.argsort(intro["courtship_id"])
    which = order[np.searchsorted(intro["courtship_id"][order], declined["courtship_id"][no])]
    pair = a * (2**32) + o
    first_no = _lookup(pair[which], declined["date"][no], pair)
    rule(day <= first_no, "a refusal ends the matter (no new introduction of the pair)",
         intro["courtship_id"])


def _bond_rules(folder: Path, p: People, s: Scenario, rule: Any) -> None:
    bonded, held = load(folder, "bonded"), load(folder, "visit_held")
    day, a, o = bonded["date"], bonded["alpha_id"], bonded["omega_id"]
    adult = float(s.courtship.majority_age)
    rule((_age(p, a, day) >= adult) & (_age(p, o, day) >= adult),
         "both bond parties are adults", bonded["bond_id"])
    rule((p.designation[p.index(a)] == "alpha") & (p.designation[p.index(o)] == "omega")
         & (p.presented_on[p.index(a)] < day) & (p.presented_on[p.index(o)] < day),
         "a bond is one presented Alpha and one presented Omega", bonded["bond_id"])
    consent = load(folder, "omega_consented")
    for stage, before in (("courtship", _first_visit(held, bonded["bond_id"], day)),
                          ("bonding", day)):
        m = consent["stage"] == stage
        when = _lookup(consent["courtship_id"][m], consent["date"][m], bonded["bond_id"])
        rule(when <= before, f"the Omega's consent is recorded before the {stage}",
             bonded["bond_id"])
    counted = _count(held["courtship_id"], bonded["bond_id"])
    waiver = load(folder, "waiver_granted")
    waived_on = _lookup(waiver["courtship_id"], waiver["date"], bonded["bond_id"])
    rule((counted >= s.courtship.customary_visits) | (waived_on <= day),
         "a bonding follows the customary Visits or a recorded waiver", bonded["bond_id"])
    need = np.where(held["visit_kind"] == "dinner", 2, 1)
    rule(held["handlers"] >= need, "every Visit had its handlers", held["courtship_id"])
    _no_overlap(folder, p, bonded, rule)


def _first_visit(held: Cols, cids: npt.NDArray[np.int64], fallback: Any) -> Any:
    first = _lookup(held["courtship_id"], held["date"], cids)
    return np.minimum(first, fallback)


def _lookup(keys: Any, values: Any, wanted: Any) -> npt.NDArray[np.int64]:
    """The earliest value recorded for each wanted key (BIG where none)."""
    out = np.full(np.size(wanted), BIG)
    if np.size(keys) == 0:
        return out
    order = np.lexsort((values, keys))
    k, v = keys[order], values[order]
    uniq, first = np.unique(k, return_index=True)
    at = np.searchsorted(uniq, wanted)
    at = np.minimum(at, uniq.size - 1)
    hit = uniq[at] == wanted
    out[hit] = v[first][at[hit]]
    return out


def _count(keys: Any, wanted: Any) -> npt.NDArray[np.int64]:
    """How many times each wanted key occurs in keys."""
    out = np.zeros(np.size(wanted), np.int64)
    if np.size(keys) == 0:
        return out
    uniq, counts = np.unique(keys, return_counts=True)
    at = np.minimum(np.searchsorted(uniq, wanted), uniq.size - 1)
    hit = uniq[at] == wanted
    out[hit] = counts[at[hit]]
    return out


def _no_overlap(folder: Path, p: People, bonded: Cols, rule: Any) -> None:
    decided = load(folder, "annulment_decided")
    granted = decided["granted"].astype(bool)
    annulled = _lookup(decided["bond_id"][granted], decided["date"][granted],
                       bonded["bond_id"])
    a, o = bonded["alpha_id"], bonded["omega_id"]
    end = np.minimum.reduce([annulled, p.death[p.index(a)], p.death[p.index(o)]])
    who = np.concatenate([a, o])
    start = np.concatenate([bonded["date"], bonded["date"]])
    stop = np.concatenate([end, end])
    order = np.lexsort((start, who))
    who, start, stop = who[order], start[order], stop[order]
    same = who[1:] == who[:-1]
    rule(start[1:][same] >= stop[:-1][same], "no one is bonded twice at once", who[1:][same])


def _guardian_rules(folder: Path, p: People, rule: Any) -> None:
    app, end = load(folder, "guardian_appointed"), load(folder, "guardian_ended")
    g, w, day = app["guardian_id"], app["ward_id"], app["date"]
    gi = p.index(g)
    rule((p.designation[gi] == "beta") & (_age(p, g, day) >= 18) & (p.death[gi] > day),
         "guardians are alive adult Betas", app["guardianship_id"])
    rule((p.designation[p.index(w)] == "omega") & (p.death[p.index(w)] > day),
         "wards are living Omegas", app["guardianship_id"])
    stop = _lookup(end["guardianship_id"], end["date"], app["guardianship_id"])
    order = np.lexsort((day, w))
    ws, starts, stops = w[order], day[order], stop[order]
    same = ws[1:] == ws[:-1]
    rule(starts[1:][same] >= stops[:-1][same], "a ward has one guardian at a time",
         ws[1:][same])
    bonded = load(folder, "bonded")
    bond_day = _lookup(bonded["omega_id"], bonded["date"], w)
    rule((stop <= bond_day) & (day < bond_day), "guardianship ends at bonding",
         app["guardianship_id"])


def _health_rules(folder: Path, p: People, rule: Any) -> None:
    heats = load(folder, "heat_recorded")
    hi = p.index(heats["person_id"])
    rule((p.designation[hi] == "omega") & (p.presented_on[hi] <= heats["date"])
         & (p.death[hi] > heats["date"]), "only living presented Omegas have heats",
         heats["person_id"])
    born = load(folder, "born")
    ended = load(folder, "pregnancy_ended")
    recorded = load(folder, "pregnancy_recorded")
    conceived_of = _lookup(recorded["pregnancy_id"], recorded["conceived_on"],
                           ended["pregnancy_id"])
    by_child = _lookup(ended["child_id"], conceived_of, born["person_id"])
    conception = np.where(by_child < BIG, by_child, born["date"] - 270)
    for col in ("parent1_id", "parent2_id"):
        rule(p.death[p.index(born[col])] > conception, "parents are alive at conception",
             born["person_id"])
    rule(p.death[p.index(born["parent1_id"])] > born["date"],
         "the bearing parent is alive at the birth", born["person_id"])


__all__ = ["load", "violations"]
