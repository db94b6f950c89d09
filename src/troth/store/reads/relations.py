"""How a person stands towards a record: the relations troth.domain.policy judges on.

Computed fresh on every request (never cached), so revoking a guardianship or a role
takes effect on the very next one. A record that does not exist has no relations: the
policy then denies, and a caller without a grant cannot tell "absent" from "not yours".

The courtship tables (migration 0003) are named here with lightweight `table()`
constructs, so this module depends on the schema only, not on the courtship store code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, and_, column, or_, select, table

from troth.domain.policy import Relation
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.health import health_file_on

R = Relation
Relations = frozenset[Relation]

_courtships = table("courtships", column("id"), column("alpha_id"), column("omega_id"),
                    column("sponsor_id"))
_visits = table("visits", column("id"), column("courtship_id"))
_visit_handlers = table("visit_handlers", column("visit_id"), column("person_id"),
                        column("role"))
_incidents = table("incidents", column("id"), column("reported_by"), column("about_id"))
_ceremonies = table("ceremonies", column("id"), column("courtship_id"), column("officiant_id"))
_bonds = table("bonds", column("id"), column("alpha_id"), column("omega_id"),
               column("dissolved_on"))
_petitions = table("annulment_petitions", column("id"), column("bond_id"))
_marriages = table("marriages", column("id"), column("spouse1_id"), column("spouse2_id"),
                   column("officiant_id"))
_marriage_petitions = table("marriage_petitions", column("id"), column("marriage_id"))


def family_of(conn: Connection, person_id: int) -> set[int]:
    """Parents, children and siblings (sharing a parent) of a person."""
    pp = t.person_parents
    parents = {r[0] for r in conn.execute(select(pp.c.parent_id).where(pp.c.child_id == person_id))}
    kin = {r[0] for r in conn.execute(select(pp.c.child_id).where(or_(
        pp.c.parent_id == person_id, pp.c.parent_id.in_(parents))))}
    return (parents | kin) - {person_id}


def guards(conn: Connection, guardian_id: int, ward_id: int, today: date) -> bool:
    g = t.guardianships
    row = conn.execute(select(g.c.id).where(
        g.c.guardian_id == guardian_id, g.c.ward_id == ward_id, g.c.start <= today,
        or_(g.c.end.is_(None), g.c.end > today)).limit(1)).first()
    return row is not None


def to_person(conn: Connection, me: int, person_id: int, today: date) -> Relations:
    rels = set()
    if me == person_id:
        rels.add(R.SELF)
    elif guards(conn, me, person_id, today):
        rels.add(R.GUARDIAN)
    if me != person_id and me in family_of(conn, person_id):
        rels.add(R.FAMILY)
    if me != person_id and bonded(conn, me, person_id):
        rels.add(R.BONDED)
    return frozenset(rels)


def bonded(conn: Connection, one: int, other: int) -> bool:
    """Whether the two hold a bond not dissolved."""
    b = _bonds
    row = conn.execute(select(b.c.id).where(
        or_(and_(b.c.alpha_id == one, b.c.omega_id == other),
            and_(b.c.alpha_id == other, b.c.omega_id == one)),
        b.c.dissolved_on.is_(None)).limit(1)).first()
    return row is not None


def to_couple(conn: Connection, me: int, ids: tuple[int, ...], today: date) -> Relations:
    out: set[Relation] = set()
    for pid in ids:
        out |= to_person(conn, me, pid, today)
    return frozenset(out)


def to_courtship(conn: Connection, me: int, courtship_id: int, today: date) -> Relations:
    c = _courtships
    row = conn.execute(select(c.c.alpha_id, c.c.omega_id, c.c.sponsor_id)
                       .where(c.c.id == courtship_id)).first()
    if row is None:
        return frozenset()
    rels = set()
    if me in (row.alpha_id, row.omega_id):
        rels.add(R.SELF)
    if me == row.sponsor_id:
        rels.add(R.SPONSOR)
    if guards(conn, me, row.omega_id, today):
        rels.add(R.GUARDIAN)
    if me in family_of(conn, row.alpha_id) | family_of(conn, row.omega_id):
        rels.add(R.FAMILY)
    return frozenset(rels)


def to_visit(conn: Connection, me: int, visit_id: int, today: date) -> Relations:
    cid = conn.execute(select(_visits.c.courtship_id).where(_visits.c.id == visit_id)).first()
    if cid is None:
        return frozenset()
    vh = _visit_handlers
    assigned = conn.execute(select(vh.c.person_id).where(
        vh.c.visit_id == visit_id, vh.c.person_id == me, vh.c.role == "assigned")
        .limit(1)).first()
    base = to_courtship(conn, me, cid[0], today)
    return base | {R.HANDLER} if assigned else base


def to_incident(conn: Connection, me: int, incident_id: int, today: date) -> Relations:
    i = _incidents
    row = conn.execute(select(i.c.reported_by, i.c.about_id).where(i.c.id == incident_id)).first()
    if row is None:
        return frozenset()
    rels = set()
    if me == row.reported_by:
        rels.add(R.REPORTER)
    if me == row.about_id:
        rels.add(R.SELF)
    return frozenset(rels)


def to_guardianship(conn: Connection, me: int, guardianship_id: int, today: date) -> Relations:
    g = t.guardianships
    row = conn.execute(select(g.c.ward_id, g.c.guardian_id)
                       .where(g.c.id == guardianship_id)).first()
    if row is None:
        return frozenset()
    rels = set()
    if me == row.ward_id:
        rels.add(R.SELF)
    if me == row.guardian_id:
        rels.add(R.GUARDIAN)
    return frozenset(rels)


def to_ceremony(conn: Connection, me: int, ceremony_id: int, today: date) -> Relations:
    c = _ceremonies
    row = conn.execute(select(c.c.courtship_id, c.c.officiant_id)
                       .where(c.c.id == ceremony_id)).first()
    if row is None:
        return frozenset()
    base = to_courtship(conn, me, row.courtship_id, today)
    return base | {R.OFFICIANT} if me == row.officiant_id else base


def to_bond(conn: Connection, me: int, bond_id: int, today: date) -> Relations:
    b = _bonds
    row = conn.execute(select(b.c.alpha_id, b.c.omega_id).where(b.c.id == bond_id)).first()
    if row is None:
        return frozenset()
    return frozenset({R.SELF}) if me in (row.alpha_id, row.omega_id) else frozenset()


def to_petition(conn: Connection, me: int, petition_id: int, today: date) -> Relations:
    p = _petitions
    row = conn.execute(select(p.c.bond_id).where(p.c.id == petition_id)).first()
    return frozenset() if row is None else to_bond(conn, me, row.bond_id, today)


def to_marriage(conn: Connection, me: int, marriage_id: int, today: date) -> Relations:
    """SELF for the spouses; OFFICIANT for the officiant who solemnised it."""
    m = _marriages
    row = conn.execute(select(m.c.spouse1_id, m.c.spouse2_id, m.c.officiant_id)
                       .where(m.c.id == marriage_id)).first()
    if row is None:
        return frozenset()
    found: set[Relation] = set()
    if me in (row.spouse1_id, row.spouse2_id):
        found.add(R.SELF)
    if me == row.officiant_id:
        found.add(R.OFFICIANT)
    return frozenset(found)


def to_marriage_petition(conn: Connection, me: int, petition_id: int, today: date
                         ) -> Relations:
    """The spouses only (the officiant has no part in a dissolution)."""
    p = _marriage_petitions
    row = conn.execute(select(p.c.marriage_id).where(p.c.id == petition_id)).first()
    if row is None:
        return frozenset()
    return to_marriage(conn, me, row.marriage_id, today) & {R.SELF}


def to_health(conn: Connection, me: int, person_id: int, today: date) -> Relations:
    """SELF for the owner; PHYSICIAN or PARTNER for whom her current shares name."""
    if me == person_id:
        return frozenset({R.SELF})
    share = health_file_on(conn, person_id).shares.get(me)
    return frozenset({R.PHYSICIAN if share == "physician" else R.PARTNER}) if share else (
        frozenset())


Single = Callable[[Connection, int, int, date], Relations]
BY_SUBJECT: dict[str, Single] = {
    "person": to_person, "courtship": to_courtship, "visit": to_visit,
    "incident": to_incident, "guardianship": to_guardianship, "ceremony": to_ceremony,
    "bond": to_bond, "petition": to_petition, "health": to_health,
    "marriage": to_marriage, "marriage_petition": to_marriage_petition,
}


def relations(conn: Connection, me: int | None, subject: str, ids: tuple[int, ...],
              today: date) -> Relations:
    """The relations of person `me` to the record(s) `ids` of kind `subject`."""
    if me is None or not subject or not ids:
        return frozenset()
    if subject == "couple":
        return to_couple(conn, me, ids, today)
    return BY_SUBJECT[subject](conn, me, ids[0], today)


def known_people(conn: Connection, me: int, today: date) -> set[int]:
    """Themself, current wards, family, bonded partners, courtship counterparts."""
    g, c, b = t.guardianships, _courtships, _bonds
    out = {me} | family_of(conn, me)
    out |= {r[0] for r in conn.execute(select(g.c.ward_id).where(
        g.c.guardian_id == me, g.c.start <= today, or_(g.c.end.is_(None), g.c.end > today)))}
    for rec in (c, b):
        out |= {x for row in conn.execute(select(rec.c.alpha_id, rec.c.omega_id).where(
            or_(rec.c.alpha_id == me, rec.c.omega_id == me))) for x in row}
    return out


class RelationReads:
    """troth.registry.queries.RelationQueries on the store's readers."""

    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def relations(self, me: int | None, subject: str, ids: tuple[int, ...], today: date
                  ) -> Relations:
        with self.engines.reader.connect() as conn:
            return relations(conn, me, subject, ids, today)

    def known_people(self, me: int | None, today: date) -> set[int]:
        if me is None:
            return set()
        with self.engines.reader.connect() as conn:
            return known_people(conn, me, today)
