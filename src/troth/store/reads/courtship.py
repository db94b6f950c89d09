"""Read queries for courtships, the welfare queue, bonds and certificates."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from troth.domain.bonding import Bond, bonding_verdict
from troth.domain.courtship import Courtship
from troth.domain.customs import Customs
from troth.domain.errors import NotFound
from troth.domain.ledger import entry_hash
from troth.domain.verdicts import Verdict
from troth.registry.certificates import certificate_code, normalise_code
from troth.registry.views import CertificateCheck, GuardianRecord
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.reads.welfare import guardian_record, threats_about
from troth.store.repositories.courtship import SqlBonds, bond_from_row, courtship_from_rows
from troth.store.repositories.people import load_people
from troth.store.tables import courtship as tc


class CourtshipReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def courtship(self, courtship_id: int) -> Courtship:
        with self.engines.reader.connect() as conn:
            r = conn.execute(select(tc.courtships).where(tc.courtships.c.id == courtship_id)
                             ).mappings().first()
            if r is None:
                raise NotFound(f"no courtship #{courtship_id}", rule="courtship_exists")
            return courtship_from_rows(conn, r)

    def courtships_of(self, person_id: int) -> list[Courtship]:
        c = tc.courtships.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(tc.courtships).where(or_(
                c.alpha_id == person_id, c.omega_id == person_id, c.sponsor_id == person_id))
                .order_by(c.id.desc())).mappings().all()
            return [courtship_from_rows(conn, r) for r in rows]

    def bonding_verdict(self, courtship_id: int, on: date, customs: Customs) -> Verdict:
        court = self.courtship(courtship_id)
        with self.engines.reader.connect() as conn:
            people = load_people(conn, list(court.parties()))
            bonded = SqlBonds(conn).bonded(list(court.parties()), on)
            threats = threats_about(conn, court)
        return bonding_verdict(court, people[court.alpha_id], people[court.omega_id], bonded,
                               on, customs, threats)

    def welfare_queue(self, status: str = "open") -> list[dict[str, Any]]:
        i = tc.incidents
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(i).where(i.c.status == status)
                                .order_by(i.c.on, i.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def guardian_record(self, person_id: int) -> GuardianRecord:
        with self.engines.reader.connect() as conn:
            return guardian_record(conn, person_id)

    def bonds_of(self, person_id: int) -> list[Bond]:
        b = tc.bonds.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(tc.bonds).where(
                or_(b.alpha_id == person_id, b.omega_id == person_id)).order_by(b.id)
                ).mappings().all()
        return [bond_from_row(r) for r in rows]

    def bond(self, bond_id: int) -> Bond:
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tc.bonds).where(tc.bonds.c.id == bond_id)).mappings().first()
        if row is None:
            raise NotFound(f"no bond #{bond_id}", rule="bond_exists")
        return bond_from_row(row)

    def verify_certificate(self, code: str) -> CertificateCheck:
        """Check a code against the bond it names and the ledger entry that sealed it."""
        code = normalise_code(code)
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tc.bonds).where(tc.bonds.c.certificate_code == code)
                               ).mappings().first()
            if row is None:
                return CertificateCheck(False, "No bond in the registry carries this code.")
            entry = conn.execute(select(t.ledger).where(t.ledger.c.seq == row["ledger_seq"])
                                 ).mappings().first()
            secret = conn.execute(select(tc.registry_settings.c.value).where(
                tc.registry_settings.c.key == "certificate_secret")).scalar_one()
            people = load_people(conn, [row["alpha_id"], row["omega_id"]])
            c = tc.ceremonies.c
            cer = conn.execute(select(c.on, c.at, c.place).where(c.id == row["ceremony_id"])
                               ).mappings().first()
        bond = bond_from_row(row)
        if entry is None or entry["kind"] != "bond_sealed":
            return CertificateCheck(False, "The ledger entry that sealed this bond is missing.")
        data = json.loads(entry["data"])
        recomputed = entry_hash(entry["prev_hash"], entry["seq"], entry["recorded_at"],
                                entry["kind"], entry["effective"], entry["actor"], entry["data"])
        expected = certificate_code(secret, bond.id, bond.alpha_id, bond.omega_id,
                                    bond.sealed_on)
        if recomputed != entry["hash"] or data.get("certificate_code") != code or (
                expected != code):
            return CertificateCheck(False, "This code does not match the ledger: do not rely"
                                    " on the certificate.", bond)
        names = (people[bond.alpha_id].legal_name, people[bond.omega_id].legal_name)
        status = (f"dissolved by annulment on {bond.dissolved_on}" if bond.dissolved_on
                  else "in force")
        officiant = load_people_names(self.engines, [data["officiant_id"]])
        return CertificateCheck(True, f"A genuine certificate: bond #{bond.id} of {names[0]} and"
                                f" {names[1]}, sealed on {bond.sealed_on}; {status}.", bond,
                                names, officiant.get(data["officiant_id"], ""),
                                tuple(data.get("witnesses", ())),
                                cer["on"] if cer else None, cer["at"] if cer else "",
                                cer["place"] if cer else "")


def load_people_names(engines: Engines, ids: list[int]) -> dict[int, str]:
    with engines.reader.connect() as conn:
        return {pid: p.legal_name for pid, p in load_people(conn, ids).items()}
