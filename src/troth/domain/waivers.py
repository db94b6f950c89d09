"""Who grants a waiver, and how each stands towards the courtship.

A waiver of a custom names the people who grant it; each one's relation to the courtship is
stated, or read from the record where the registry knows it (a party, the sponsor, the
Omega's guardian). The verdict on a bonding flags a waiver granted after a reported threat
(troth.domain.welfare.waivers_after_threats).
"""

from __future__ import annotations

from troth.domain.courtship import Courtship
from troth.domain.errors import InvalidInput


def known_relation(court: Courtship, person_id: int, guardian_id: int | None) -> str:
    """The relation the registry itself knows, or "" (a parent, an uncle ... is stated)."""
    if person_id == court.alpha_id:
        return "the Alpha"
    if person_id == court.omega_id:
        return "the Omega"
    if person_id == guardian_id:
        return "the Omega's guardian"
    if person_id == court.sponsor_id:
        return "the sponsor"
    return ""


def grantors(court: Courtship, ids: tuple[int, ...], relations: tuple[str, ...],
             guardian_id: int | None) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The people who grant a waiver and each one's relation to the courtship."""
    if len(set(ids)) != len(ids):
        raise InvalidInput("name each person who grants the waiver once", rule="waiver_grantor")
    if relations and len(relations) != len(ids):
        raise InvalidInput(f"{len(ids)} people grant the waiver but {len(relations)} relations"
                           " are given; give one per person (or none)", rule="waiver_grantor")
    stated = relations or ("",) * len(ids)
    out: list[str] = []
    for pid, rel in zip(ids, stated, strict=True):
        rel = rel.strip() or known_relation(court, pid, guardian_id)
        if not rel:
            raise InvalidInput(f"say how #{pid} stands towards courtship #{court.id} (the"
                               " Alpha's mother, the Omega's aunt ...)", rule="waiver_grantor")
        out.append(rel)
    return ids, tuple(out)
