"""Each kind of simulated fact as the registry commands that record it.

`Translator.apply(kind, row)` turns one row of a simulated history (docs/simulator.md)
into commands of `troth.domain.commands` and hands each to `run`, which executes it
through the registry's handlers and returns the new record's id, or None when the
registry refused it. The translator keeps the map from simulated ids to registry ids and
a mirror of the town (`troth.sim.town`) from which it chooses handlers, officiants and
witnesses. What it adds to the log, and what it leaves out, is listed in
docs/simulator.md ("Into the registry").
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from troth.domain import commands as c
from troth.domain.people import Scent
from troth.sim import office
from troth.sim.attraction import scent_vectors
from troth.sim.replay import HistoryLog, Row
from troth.sim.rng import Rule, uniform
from troth.sim.town import Resident, Town
from troth.sim.translate_courtship import CourtshipRows, district_name

Run = Callable[[c.Command], "int | None"]
OUTCOMES = {"birth": "birth", "loss": "loss", "maternal_death": "other"}


class Missing(Exception):
    """A row names a record the import could not create (its own command was refused)."""


class Translator(CourtshipRows):
    def __init__(self, log: HistoryLog, run: Run, majority: int = 18) -> None:
        self.log, self.run = log, run
        self.seed = log.seed
        self.town = Town(log.seed, log.scenario.simulation.districts, majority)
        self.ids: dict[str, dict[int, int]] = {k: {} for k in (
            "courtship", "bond", "guardianship", "pregnancy", "petition", "ceremony")}
        self.courts: dict[int, tuple[int, int]] = {}  # sim courtship -> (alpha, omega)
        self.closed: set[int] = set()  # courtships the registry has already closed
        self.skipped: Counter[str] = Counter()
        self.under_review: Counter[int] = Counter()  # guardian -> open welfare reviews
        self.demands: Counter[int] = Counter()  # guardian -> payment demands reported
        self.reviews: list[tuple[date, int, office.Review]] = []  # the office's queue (heap)
        self.revoked: set[int] = set()  # sim guardianships a review revoked
        self.current: dict[int, int] = {}  # ward -> her latest sim guardianship
        self.guardians: set[int] = set()  # sim ids of guardians appointed so far
        self.by_review: dict[int, int] = {}  # ward -> the guardian a review transferred her to
        self.transfers = self._transfers()
        self._scents = self._founder_scents()
        self.scented: set[int] = set()  # sim ids with a scent on record

    # -- helpers -------------------------------------------------------------------------

    def person(self, sim_id: int) -> int:
        if sim_id not in self.town.people:
            raise Missing(f"person {sim_id}")
        return self.town.reg(sim_id)

    def record(self, kind: str, sim_id: int) -> int:
        found = self.ids[kind].get(sim_id)
        if found is None:
            raise Missing(f"{kind} {sim_id}")
        return found

    def _founder_scents(self) -> dict[int, Scent]:
        ids = np.asarray(self.log.tables["registered"].column("person_id").to_numpy(), np.int64)
        if ids.size == 0:
            return {}
        gives, draws = scent_vectors(self.seed, ids, self.log.scenario.scent.dimensions)
        g, d = np.round(gives, 6).tolist(), np.round(draws, 6).tolist()
        return {int(i): Scent(tuple(a), tuple(b)) for i, a, b in zip(ids.tolist(), g, d,
                                                                       strict=True)}

    def _transfers(self) -> dict[tuple[int, date], Row]:
        """Appointments that replace a guardian the same day: (ward, day) -> row."""
        rows = self.log.tables["guardian_appointed"].to_pylist()
        return {(r["ward_id"], r["date"]): r for r in rows if r["reason"] == "transferred"}

    def apply(self, kind: str, row: Row) -> None:
        self.decide_until(row["date"] - timedelta(days=1))
        handler: Callable[[Row], None] = getattr(self, "on_" + kind)
        handler(row)

    # -- people --------------------------------------------------------------------------

    def _add(self, row: Row, born: date, parents: tuple[int, ...], cmd: c.Command) -> None:
        reg_id = self.run(cmd)
        if reg_id is None:
            return
        sim_id = row["person_id"]
        name = f"{row['given_name']} {row['family_name']}"
        self.town.add(sim_id, Resident(reg_id, name, born, sim_id % self.town.districts,
                                       parents))

    def on_registered(self, row: Row) -> None:
        name, d = f"{row['given_name']} {row['family_name']}", row["district"]
        scent = self._scents.pop(row["person_id"], None)
        self._add(row, row["born_on"], (), c.RegisterPerson(
            name, row["born_on"], scent=scent, district=district_name(d)))
        if scent is not None:
            self.scented.add(row["person_id"])
        if row["designation"] is not None and row["person_id"] in self.town.people:
            self._present(row["person_id"], row["designation"], row["presented_on"])

    def on_born(self, row: Row) -> None:
        parents = tuple(p for p in (row["parent1_id"], row["parent2_id"]) if p is not None)
        name = f"{row['given_name']} {row['family_name']}"
        self._add(row, row["date"], parents, c.RegisterBirth(
            name, row["date"], tuple(self.person(p) for p in parents),
            district_name(row["district"])))

    def _present(self, sim_id: int, designation: str, on: date) -> None:
        if self.run(c.RecordPresentation(self.person(sim_id), designation, on)) is not None:
            self.town.present(sim_id, designation)

    def on_presented(self, row: Row) -> None:
        self._present(row["person_id"], row["designation"], row["date"])
        if row["person_id"] not in self.scented and row["person_id"] in self.town.people:
            self._measure_scent(row["person_id"], row["date"])

    def _measure_scent(self, sim_id: int, on: date) -> None:
        """A person born into the registry has her scent measured when she presents, by a
        physician she chose (she shares her health records with them first)."""
        doctor = self.town.physician(on, self.town.district_of(sim_id), sim_id)
        if doctor is None:
            self.skipped["scent not measured (no physician in the district)"] += 1
            return
        who, by = self.person(sim_id), self.town.reg(doctor)
        if self.run(c.ShareHealth(who, by, "physician")) is None:
            return
        gives, draws = scent_vectors(self.seed, np.array([sim_id], np.int64),
                                     self.log.scenario.scent.dimensions)
        scent = Scent(tuple(np.round(gives[0], 6).tolist()),
                      tuple(np.round(draws[0], 6).tolist()))
        if self.run(c.RecordScent(who, by, on, scent)) is not None:
            self.scented.add(sim_id)

    def on_married(self, row: Row) -> None:
        """Two Betas marry: each one's consent, then an officiant of the district solemnises
        the marriage before a witness, the same day."""
        a, b, day = row["person1_id"], row["person2_id"], row["date"]
        people = self.town.pick(day, self.town.district_of(a), 2, (a, b), (a, b, 7))
        if not people:
            self.skipped["married (no one free to officiate in the district)"] += 1
            return
        spouses = (self.person(a), self.person(b))
        marriage = self.run(c.ConsentToMarriage(spouses[0], spouses[1], day))
        if marriage is None or self.run(c.ConsentToMarriage(spouses[1], spouses[0],
                                                             day)) is None:
            return
        witness = people[1:] or people[:1]
        names = tuple(f"{self.town.people[w].name} (#{self.town.reg(w)})" for w in witness)
        self.run(c.SolemniseMarriage(marriage, self.town.reg(people[0]), names, day))

    def on_died(self, row: Row) -> None:
        sim_id = row["person_id"]
        if self.run(c.RecordDeath(self.person(sim_id), row["date"])) is None:
            return
        self.town.people[sim_id].died = row["date"]
        self.town.guardian_of.pop(sim_id, None)
        for ward in [w for w, g in self.town.guardian_of.items() if g == sim_id]:
            del self.town.guardian_of[ward]

    # -- guardianship --------------------------------------------------------------------

    def _order(self, row: Row) -> tuple[str, str]:
        court = f"{district_name(row['guardian_id'] % self.town.districts)} Family Court"
        return court, f"SIM-{self.seed}-G{row['guardianship_id']}"

    def on_guardian_appointed(self, row: Row) -> None:
        if row["guardianship_id"] in self.ids["guardianship"]:
            return  # made by the transfer that ended the previous guardianship
        court, ref = self._order(row)
        if self._with_review_guardian(row["ward_id"]):  # the log's ward has none; she has
            gid = self.run(c.TransferGuardianship(  # the one a review transferred her to
                self.person(row["ward_id"]), self.person(row["guardian_id"]), court, ref,
                row["date"], "a new guardian appointed by the court",
                self._review_waiver(row)))
            self._appointed(row, gid)
            return
        gid = self.run(c.AppointGuardian(self.person(row["ward_id"]),
                                         self.person(row["guardian_id"]), court, ref,
                                         row["date"], row["reason"],
                                         self._review_waiver(row)))
        self._appointed(row, gid)

    def _review_waiver(self, row: Row) -> str:
        """The court's reference waiving the guardian's open reviews (those the simulated
        office has not decided yet)."""
        if self.under_review[row["guardian_id"]] <= 0:
            return ""
        return f"SIM-{self.seed}-W{row['guardianship_id']}"

    def _appointed(self, row: Row, gid: int | None) -> None:
        if gid is not None:
            self.ids["guardianship"][row["guardianship_id"]] = gid
            self.current[row["ward_id"]] = row["guardianship_id"]
            self.guardians.add(row["guardian_id"])
            self.by_review.pop(row["ward_id"], None)
            self.town.guardian_of[row["ward_id"]] = row["guardian_id"]

    def on_guardian_ended(self, row: Row) -> None:
        reason, ward = row["reason"], row["ward_id"]
        new = self.transfers.get((ward, row["date"]))
        if row["guardianship_id"] in self.revoked:  # a welfare review already ended it
            self.skipped[f"guardian_ended ({reason}: ended earlier by a review)"] += 1
            if new is not None:
                self.on_guardian_appointed(new)
            return
        if reason in ("guardian_died", "ward_petitioned") and new is not None:
            court, ref = self._order(new)
            why = ("the guardian died" if reason == "guardian_died"
                   else "the ward asked the court for a new guardian")
            gid = self.run(c.TransferGuardianship(self.person(ward),
                                                  self.person(new["guardian_id"]), court, ref,
                                                  row["date"], why, self._review_waiver(new)))
            self._appointed(new, gid)
        elif reason == "ward_petitioned":
            self.run(c.EndGuardianship(self.person(ward), row["date"], "ended",
                                       "the ward asked the court for a new guardian"))
            self.town.guardian_of.pop(ward, None)
        else:  # bonded: SealBond ended it; guardian_died, ward_died: RecordDeath ends it
            self.skipped[f"guardian_ended ({reason}: ended by the registry itself)"] += 1

    def on_incident_recorded(self, row: Row) -> None:
        iid = self.run(c.ReportIncident(
            "payment_demand", self.person(row["ward_id"]), row["date"],
            "the guardian asked for a payment to let the ward go; recorded as a welfare"
            " incident (no step is ever conditional on a payment)",
            about_id=self.person(row["person_id"]),
            guardianship_id=self.record("guardianship", row["guardianship_id"])))
        guardian = row["person_id"]
        self.demands[guardian] += 1
        if iid is None:
            return
        self.under_review[guardian] += 1
        g = self.log.scenario.guardianship
        review = office.Review(office.decision_day(self.seed, row["incident_id"], row["date"], g),
                               iid, row["incident_id"], guardian, row["ward_id"],
                               row["guardianship_id"], self.demands[guardian] > 1)
        heapq.heappush(self.reviews, (review.on, review.sim_incident, review))

    def decide_until(self, last: date) -> None:
        """The office decides the reviews due on or before `last`, in date order."""
        while self.reviews and self.reviews[0][0] <= last:
            review = heapq.heappop(self.reviews)[2]
            try:
                self._decide(review)
            except Missing:
                self.skipped["welfare review (its parties are not in the registry)"] += 1

    def _decide(self, review: office.Review) -> None:
        ward = review.ward
        in_force = (self.town.guardian_of.get(ward) == review.guardian
                    and self.current.get(ward) == review.guardianship
                    and review.guardianship not in self.revoked)
        new = self._successor(review) if in_force and review.repeated else None
        outcome, reasons = office.outcome(review, in_force, new is not None)
        clerk = self.town.pick(review.on, self.town.district_of(ward), 1,
                               (ward, review.guardian), (ward, review.sim_incident, 13))
        if not clerk:
            self.skipped["welfare review (no one free to decide it in the district)"] += 1
            return
        court, ref = "", ""
        if new is not None:
            court = f"{district_name(review.guardian % self.town.districts)} Family Court"
            ref = f"SIM-{self.seed}-R{review.sim_incident}"
        done = self.run(c.DecideWelfareReview(
            review.incident_id, outcome, reasons, self.town.reg(clerk[0]), review.on,
            None if new is None else self.town.reg(new), court, ref))
        if done is None:
            return
        self.under_review[review.guardian] -= 1
        if outcome != "kept":
            self.revoked.add(review.guardianship)
            self.town.guardian_of.pop(ward, None)
        if new is not None:
            self.town.guardian_of[ward] = new
            self.by_review[ward] = new

    def _with_review_guardian(self, ward: int) -> bool:
        new = self.by_review.get(ward)
        return new is not None and self.town.guardian_of.get(ward) == new

    def _successor(self, review: office.Review) -> int | None:
        """Another eligible guardian for the ward, or None: a guardian appointed before,
        alive, who never demanded payment, drawn by the seed and the incident."""
        on = review.on
        eligible = sorted(
            g for g in self.guardians
            if g != review.guardian and self.demands[g] == 0 and self.under_review[g] <= 0
            and g in self.town.people and self.town.people[g].alive_on(on))
        if not eligible:
            return None
        u = uniform(self.seed, Rule.REVIEW, review.sim_incident, 0, 1)[0]
        return eligible[int(u * len(eligible))]

    # -- health --------------------------------------------------------------------------

    def on_heat_recorded(self, row: Row) -> None:
        who = self.person(row["person_id"])
        end = row["date"] + timedelta(days=row["duration_days"] - 1)
        self.run(c.RecordHeat(who, who, row["date"], end))

    def on_pregnancy_recorded(self, row: Row) -> None:
        who = self.person(row["person_id"])
        pid = self.run(c.RecordPregnancy(who, who, row["conceived_on"]))
        if pid is not None:
            self.ids["pregnancy"][row["pregnancy_id"]] = pid

    def on_pregnancy_ended(self, row: Row) -> None:
        who = self.person(row["person_id"])
        child = None if row["child_id"] is None else self.person(row["child_id"])
        self.run(c.EndPregnancy(self.record("pregnancy", row["pregnancy_id"]), who,
                                row["date"], OUTCOMES[row["outcome"]], child))


__all__ = ["Missing", "Translator", "district_name"]
