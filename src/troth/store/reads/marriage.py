"""Read port: marriages of Betas, petitions to dissolve them, and marriage certificates."""

from __future__ import annotations

import json

from sqlalchemy import or_, select

from troth.domain.errors import NotFound
from troth.domain.ledger import entry_hash
from troth.domain.marriage import DissolutionPetition, Marriage
from troth.registry.certificates import marriage_certificate_code, normalise_code
from troth.registry.views import MarriageCertificateCheck
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.marriage import marriage_from_row, petition_from_row
from troth.store.repositories.people import load_people
from troth.store.tables import courtship as tc
from troth.store.tables import marriage as tm

_m, _p = tm.marriages.c, tm.marriage_petitions.c


class MarriageReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def marriage(self, marriage_id: int) -> Marriage:
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tm.marriages).where(_m.id == marriage_id)
                               ).mappings().first()
        if row is None:
            raise NotFound(f"no marriage #{marriage_id}", rule="marriage_exists")
        return marriage_from_row(row)

    def of_person(self, person_id: int) -> list[Marriage]:
        q = (select(tm.marriages).where(or_(_m.spouse1_id == person_id,
                                            _m.spouse2_id == person_id)).order_by(_m.id))
        with self.engines.reader.connect() as conn:
            return [marriage_from_row(r) for r in conn.execute(q).mappings()]

    def petition(self, petition_id: int) -> DissolutionPetition:
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tm.marriage_petitions).where(_p.id == petition_id)
                               ).mappings().first()
        if row is None:
            raise NotFound(f"no petition #{petition_id} to dissolve a marriage",
                           rule="petition_exists")
        return petition_from_row(row)

    def petitions(self, marriage_id: int | None = None,
                  status: str | None = None) -> list[DissolutionPetition]:
        q = select(tm.marriage_petitions).order_by(_p.id)
        if marriage_id is not None:
            q = q.where(_p.marriage_id == marriage_id)
        if status is not None:
            q = q.where(_p.status == status)
        with self.engines.reader.connect() as conn:
            return [petition_from_row(r) for r in conn.execute(q).mappings()]

    def verify_certificate(self, code: str) -> MarriageCertificateCheck:
        """Check a code against the marriage it names and the ledger entry that recorded it."""
        code = normalise_code(code)
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tm.marriages).where(_m.certificate_code == code)
                               ).mappings().first()
            if row is None or not code:
                return MarriageCertificateCheck(False, "No marriage in the registry carries"
                                                " this code.")
            entry = conn.execute(select(t.ledger).where(t.ledger.c.seq == row["ledger_seq"])
                                 ).mappings().first()
            secret = conn.execute(select(tc.registry_settings.c.value).where(
                tc.registry_settings.c.key == "certificate_secret")).scalar_one()
            found = marriage_from_row(row)
            people = load_people(conn, [found.spouse1_id, found.spouse2_id,
                                        found.officiant_id or 0])
        if entry is None or entry["kind"] != "marriage_solemnised":
            return MarriageCertificateCheck(False, "The ledger entry that recorded this marriage"
                                            " is missing.")
        data = json.loads(entry["data"])
        recomputed = entry_hash(entry["prev_hash"], entry["seq"], entry["recorded_at"],
                                entry["kind"], entry["effective"], entry["actor"], entry["data"])
        assert found.solemnised_on is not None
        expected = marriage_certificate_code(secret, found.id, found.spouse1_id,
                                             found.spouse2_id, found.solemnised_on)
        if recomputed != entry["hash"] or data.get("certificate_code") != code or (
                expected != code):
            return MarriageCertificateCheck(False, "This code does not match the ledger: do not"
                                            " rely on the certificate.", found)
        names = (people[found.spouse1_id].legal_name, people[found.spouse2_id].legal_name)
        status = (f"dissolved on {found.dissolved_on}" if found.dissolved_on else "in force")
        officiant = people.get(found.officiant_id or 0)
        return MarriageCertificateCheck(
            True, f"A genuine certificate: marriage #{found.id} of {names[0]} and {names[1]},"
            f" solemnised on {found.solemnised_on}; {status}.", found, names,
            officiant.legal_name if officiant else "", found.witnesses)
