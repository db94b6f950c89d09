"""Courtships, Visits, waivers, bondings and annulments of a simulated history as commands.

A mixin of `troth.sim.translate.Translator`; see that module for the shared state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time

from troth.domain import commands as c
from troth.sim.replay import Row
from troth.sim.town import Town

HOURS = {"introduction": 17, "dinner": 19, "tea": 16, "walk": 11, "film": 20}
PLACES = {"introduction": "the registry's meeting room", "dinner": "a restaurant",
          "tea": "a tea room", "walk": "the river path", "film": "a cinema"}
WAIVER = "min_visits_before_bonding"
END_REASONS = {"withdrawn": "withdrew from the courtship", "declined": "declined the bonding",
               "died": "ended by a party's death", "lapsed": "lapsed without a bonding"}
EVIDENCE = {"no_heats": "no heat in the months since the bonding, as the petitioner states"
                        " (no health record is attached)",
            "other": "the petitioner's statement"}


def district_name(d: int) -> str:
    return f"District {d + 1}"


def visit_start(day: date, kind: str) -> datetime:
    return datetime.combine(day, time(HOURS[kind]))


class CourtshipRows:
    town: Town
    seed: int
    ids: dict[str, dict[int, int]]
    courts: dict[int, tuple[int, int]]  # sim courtship id -> (alpha, omega) sim ids
    closed: set[int]  # sim courtships the registry has already closed
    skipped: Counter[str]
    run: Callable[[c.Command], int | None]

    def person(self, sim_id: int) -> int:
        raise NotImplementedError

    def record(self, kind: str, sim_id: int) -> int:
        raise NotImplementedError

    def on_introduction_proposed(self, row: Row) -> None:
        sponsor = row["sponsor_id"]
        cid = self.run(c.ProposeIntroduction(
            self.person(row["alpha_id"]), self.person(row["omega_id"]),
            None if sponsor is None else self.person(sponsor), row["date"]))
        if cid is not None:
            self.ids["courtship"][row["courtship_id"]] = cid
            self.courts[row["courtship_id"]] = (row["alpha_id"], row["omega_id"])

    def on_omega_consented(self, row: Row) -> None:
        cid = self.record("courtship", row["courtship_id"])
        self.run(c.RecordConsent(cid, self.person(row["omega_id"]), True, row["date"],
                                 row["stage"]))
        if row["stage"] == "bonding":  # the log implies the Alpha's: he did not withdraw
            alpha = self.courts[row["courtship_id"]][0]
            self.run(c.RecordConsent(cid, self.person(alpha), True, row["date"], "bonding"))

    def on_omega_declined(self, row: Row) -> None:
        cid = self.record("courtship", row["courtship_id"])
        done = self.run(c.RecordConsent(cid, self.person(row["omega_id"]), False, row["date"],
                                        row["stage"]))
        if done is not None and row["stage"] == "courtship":
            self.closed.add(row["courtship_id"])

    def on_visit_held(self, row: Row) -> None:
        self._visit(row, row["handlers"])

    def on_visit_missed(self, row: Row) -> None:
        self._visit(row, 2 if row["visit_kind"] == "dinner" else 1)

    def _visit(self, row: Row, handlers: int) -> None:
        cid = self.record("courtship", row["courtship_id"])
        alpha, omega = self.courts[row["courtship_id"]]
        day, kind = row["date"], row["visit_kind"]
        district = self.town.district_of(omega)
        chosen = self.town.pick(day, district, handlers, (alpha, omega),
                                (row["courtship_id"], row["visit_number"]))
        if len(chosen) < handlers:
            self.skipped["handlers short (fewer people free in the district than needed)"] += 1
        ids = tuple(self.town.reg(h) for h in chosen)
        vid = self.run(c.ScheduleVisit(cid, kind, visit_start(day, kind),
                                       self._place(row, omega, district),
                                       bool(row["at_omega_residence"]), ids))
        if vid is None:
            return
        if "reason" in row:
            self.run(c.RecordVisitMissed(vid, row["reason"]))
        else:
            self.run(c.RecordVisitHeld(vid, ids))

    def _place(self, row: Row, omega: int, district: int) -> str:
        if row["at_omega_residence"]:
            host = self.town.guardian_of.get(omega, omega)
            return f"the home of {self.town.people[host].name}, {district_name(district)}"
        return f"{PLACES[row['visit_kind']]}, {district_name(district)}"

    def on_waiver_granted(self, row: Row) -> None:
        self.run(c.GrantWaiver(
            self.record("courtship", row["courtship_id"]), WAIVER, "families",
            f"both families agreed to a bonding after {row['visits_held']} Visits",
            row["date"]))

    def on_bonded(self, row: Row) -> None:
        cid = self.record("courtship", row["bond_id"])
        alpha, omega = row["alpha_id"], row["omega_id"]
        day, district = row["date"], self.town.district_of(omega)
        people = self.town.pick(day, district, 3, (alpha, omega), (row["bond_id"], 0))
        if not people:
            self.skipped["bonded (no one free to officiate in the district)"] += 1
            return
        officiant, witnesses = self.town.reg(people[0]), people[1:] or people[:1]
        names = tuple(f"{self.town.people[w].name} (#{self.town.reg(w)})" for w in witnesses)
        ceremony = self.run(c.ScheduleCeremony(cid, officiant, names, day))
        if ceremony is None:
            return
        household = (f"the household of {self.town.people[alpha].name} and"
                     f" {self.town.people[omega].name}, {district_name(district)}")
        bond = self.run(c.SealBond(ceremony, officiant, household, day))
        if bond is not None:
            self.ids["bond"][row["bond_id"]] = bond
            self.closed.add(row["bond_id"])
            self.town.guardian_of.pop(omega, None)  # the bonding ended the guardianship

    def on_courtship_ended(self, row: Row) -> None:
        if row["courtship_id"] in self.closed:
            self.skipped["courtship_ended (the Omega's refusal had already closed it)"] += 1
            return
        by = row["alpha_id"] if row["party"] == "alpha" else row["omega_id"]
        done = self.run(c.EndCourtship(self.record("courtship", row["courtship_id"]),
                                       self.person(by), row["date"],
                                       END_REASONS[row["reason"]]))
        if done is not None:
            self.closed.add(row["courtship_id"])

    def on_annulment_petitioned(self, row: Row) -> None:
        pid = self.run(c.PetitionAnnulment(
            self.record("bond", row["bond_id"]), self.person(row["petitioner_id"]),
            row["ground"], EVIDENCE[row["ground"]], row["date"]))
        if pid is not None:
            self.ids["petition"][row["bond_id"]] = pid

    def on_annulment_decided(self, row: Row) -> None:
        granted = bool(row["granted"])
        self.run(c.DecideAnnulment(
            self.record("petition", row["bond_id"]), granted,
            "the grounds are established on the record" if granted
            else "the grounds are not established on the record", row["date"]))


__all__ = ["CourtshipRows", "district_name", "visit_start"]
