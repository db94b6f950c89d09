"""People and guardianships inside a unit of work: rows mapped onto domain objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, RowMapping, bindparam, select

from troth.domain.errors import NotFound
from troth.domain.people import Designation, OtherName, Person, Scent
from troth.store import tables as t
from troth.store.ids import next_id
from troth.store.tables import courtship as tc

if TYPE_CHECKING:
    from troth.domain.guardianship import Guardianship
    from troth.domain.linkage import LinkRecord
    from troth.domain.welfare import Incident


def person_from_rows(
    row: Mapping[Any, Any], names: Sequence[Mapping[Any, Any]], parents: Sequence[int]
) -> Person:
    scent = None
    if row["scent_gives"]:
        scent = Scent(tuple(row["scent_gives"]), tuple(row["scent_draws"]), row["scent_notes"])
    return Person(
        id=row["id"], legal_name=row["legal_name"], born=row["born"], died=row["died"],
        designation=Designation(row["designation"]) if row["designation"] else None,
        presented_on=row["presented_on"], scent=scent, parents=tuple(parents),
        district=row["district"],
        other_names=[OtherName(n["kind"], n["name"]) for n in names if n["kind"] != "legal"],
    )


_p, _n, _pp = t.people, t.person_names, t.person_parents
# One statement per load, built once (so SQLAlchemy's compiled cache serves every
# execution): a person's row once per (name, parent) pair, names and parents joined on.
_PERSON_ROWS = (select(_p, _n.c.id.label("name_id"), _n.c.kind.label("name_kind"),
                       _n.c.name.label("name"), _pp.c.parent_id)
                .outerjoin(_n, _n.c.person_id == _p.c.id)
                .outerjoin(_pp, _pp.c.child_id == _p.c.id))
_PERSON = _PERSON_ROWS.where(_p.c.id == bindparam("pid"))
_PEOPLE_IN = _PERSON_ROWS.where(_p.c.id.in_(bindparam("ids", expanding=True)))


def load_people(conn: Connection, ids: Sequence[int]) -> dict[int, Person]:
    if not ids:
        return {}
    if len(ids) == 1:
        rows = conn.execute(_PERSON, {"pid": ids[0]}).mappings().all()
    else:
        rows = conn.execute(_PEOPLE_IN, {"ids": list(ids)}).mappings().all()
    first: dict[int, RowMapping] = {}
    names: dict[int, dict[int, dict[str, str]]] = {}
    parents: dict[int, set[int]] = {}
    for r in rows:
        pid = r["id"]
        first.setdefault(pid, r)
        if r["name_id"] is not None:
            names.setdefault(pid, {})[r["name_id"]] = {"kind": r["name_kind"],
                                                      "name": r["name"]}
        if r["parent_id"] is not None:
            parents.setdefault(pid, set()).add(r["parent_id"])
    return {pid: person_from_rows(r, [n for _, n in sorted(names.get(pid, {}).items())],
                                  sorted(parents.get(pid, ())))
            for pid, r in first.items()}


class SqlPeople:
    """People inside one unit of work, each loaded at most once while unchanged.

    The unit of work forgets a person when it records an event whose projection writes
    their rows (the only way they change; see troth.store.projections) and forgets everyone
    when a command is rolled back to its savepoint.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[int, Person] = {}

    def get(self, person_id: int) -> Person:
        found = self.known.get(person_id)
        if found is None:
            found = load_people(self.conn, [person_id]).get(person_id)
            if found is None:
                raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
            self.known[person_id] = found
        return found

    def get_many(self, ids: Sequence[int]) -> list[Person]:
        wanted = [i for i in ids if i not in self.known]
        if wanted:
            found = load_people(self.conn, wanted)
            missing = [i for i in wanted if i not in found]
            if missing:
                raise NotFound(f"no person #{missing[0]} in the registry",
                               rule="person_exists")
            self.known.update(found)
        return [self.known[i] for i in ids]

    def forget(self, ids: Iterable[int]) -> None:
        for i in ids:
            self.known.pop(i, None)

    def link_candidates(self, record: LinkRecord) -> list[LinkRecord]:
        from troth.store.repositories import linkage  # registration only, not every read

        return linkage.link_candidates(self.conn, record)

    def next_id(self) -> int:
        return next_id(self.conn, t.people.c.id)


def guardianship_from_row(r: RowMapping) -> Guardianship:
    # Imported here: a person's reads (`troth person show`) need the guardianship module
    # only when there is a guardianship to make, and not the commands and events behind it.
    from troth.domain.guardianship import Guardianship

    return Guardianship(
        id=r["id"], ward_id=r["ward_id"], guardian_id=r["guardian_id"], court=r["court"],
        order_ref=r["order_ref"], start=r["start"], end=r["end"], how_ended=r["how_ended"],
        reason=r["reason"], court_waiver_ref=r["court_waiver_ref"],
    )


_g = t.guardianships
_FOR_WARD = select(_g).where(_g.c.ward_id == bindparam("ward")).order_by(_g.c.start)
_GUARDIANSHIP = select(_g).where(_g.c.id == bindparam("gid"))
_OPEN_AS_GUARDIAN = select(_g).where(_g.c.guardian_id == bindparam("guardian"),
                                     _g.c.end.is_(None))
_i = tc.incidents
# Open reviews of guardianships the person holds or held (any ward, any year).
_OPEN_REVIEWS = (select(_i).join(_g, _g.c.id == _i.c.guardianship_id)
                 .where(_g.c.guardian_id == bindparam("guardian"), _i.c.opens_review.is_(True),
                        _i.c.status == "open").order_by(_i.c.id))


class SqlGuardianships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def for_ward(self, ward_id: int) -> list[Guardianship]:
        rows = self.conn.execute(_FOR_WARD, {"ward": ward_id}).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def current(self, ward_id: int) -> Guardianship | None:
        open_ = [g for g in self.for_ward(ward_id) if g.end is None]
        return open_[-1] if open_ else None

    def get(self, guardianship_id: int) -> Guardianship:
        row = self.conn.execute(_GUARDIANSHIP, {"gid": guardianship_id}).mappings().first()
        if row is None:
            raise NotFound(f"no guardianship #{guardianship_id}", rule="guardianship_exists")
        return guardianship_from_row(row)

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]:
        rows = self.conn.execute(_OPEN_AS_GUARDIAN, {"guardian": guardian_id}).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def open_reviews_of_guardian(self, guardian_id: int) -> list[Incident]:
        rows = self.conn.execute(_OPEN_REVIEWS, {"guardian": guardian_id}).mappings().all()
        return [incident_from_row(r) for r in rows]

    def next_id(self) -> int:
        return next_id(self.conn, t.guardianships.c.id)


def incident_from_row(r: Mapping[Any, Any]) -> Incident:
    from troth.domain.welfare import Incident

    return Incident(r["id"], r["kind"], r["reported_by"], r["on"], r["status"],
                    about_id=r["about_id"], visit_id=r["visit_id"],
                    guardianship_id=r["guardianship_id"], opens_review=bool(r["opens_review"]),
                    outcome=r["outcome"], decision=r["decision"], assignee=r["assignee"])
