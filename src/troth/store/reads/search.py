"""People search (issue 17): names through an index, keyset pages, a capped count.

A name part (three letters or more, already folded by store.search.search_key) is looked
up in the substring index of `person_names.search_key`: on SQLite the FTS5 trigram table
`person_names_fts` (a phrase query), on PostgreSQL the pg_trgm GIN index (LIKE '%key%').
Results are listed in (legal name, id) order and a page starts after the last one shown,
so page 500 costs what page 1 does. The count comes first: it reads at most 2 x COUNT_CAP
matching name rows (joined to the people they name, with the other filters) and stops at
COUNT_CAP people ("more than 1,000"). It also chooses the page's plan, asking the index
alone how many names match (up to SORT_LIMIT) when the count was cut short:

- few (under SORT_LIMIT = 5,000 rows): the matches come from the index and are sorted;
- many (a common piece such as "ann"): people are walked in (legal name, id) order through
  ix_people_name and each is checked against their own one to three names, which stops
  as soon as the page is full (a common piece is met within a few hundred people).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    column,
    distinct,
    exists,
    func,
    literal,
    select,
    table,
    tuple_,
)
from sqlalchemy.sql import ColumnElement, FromClause

from troth.domain.errors import NotFound
from troth.registry.search_text import MIN_LETTERS, read_search_text, too_short
from troth.registry.views import COUNT_CAP, Page, SearchFilter
from troth.store import tables as t
from troth.store.repositories.people import load_people
from troth.store.search import search_key

# Name rows matched: up to this many are sorted, beyond it people are walked in name order.
# Measured at 1,000,000 people on SQLite (docs/performance.md, "Name search"): sorting 5,000
# matches and walking people for a piece 5,000 names share both take about 35 ms.
SORT_LIMIT = 5_000
MAX_PER_PAGE = 500
_p, _n = t.people, t.person_names
_FTS = table("person_names_fts", column("rowid", Integer), column("person_names_fts"))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _literal(text: str) -> str:
    """The text with LIKE's wildcards escaped: `%` and `_` typed in a search match
    themselves, not everyone."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(key: str) -> ColumnElement[bool]:
    return _n.c.search_key.like(f"%{_literal(key)}%", escape="\\")


def _name_index(dialect: str, key: str, people: bool = False
                ) -> tuple[FromClause, ColumnElement[int], list[ColumnElement[bool]]]:
    """The person_names rows whose key contains `key`, read through the substring index:
    (a FROM, its person_id column, its conditions). On PostgreSQL a MATERIALIZED CTE, so
    that the planner reads the GIN index rather than guessing a walk from the LIMIT; with
    `people`, of distinct people (for the sort plan, under SORT_LIMIT rows), so that each
    is looked up by id rather than all people merge-joined to feed a DISTINCT. (Not for
    the count: a DISTINCT there would read every match of a common piece.)"""
    if dialect == "sqlite":
        phrase = '"' + key.replace('"', '""') + '"'  # one phrase: the text as typed
        return (_FTS.join(_n, _n.c.id == _FTS.c.rowid), _n.c.person_id,
                [_FTS.c.person_names_fts.op("MATCH")(phrase)])
    named = select(_n.c.person_id).where(_contains(key))
    if people:
        named = named.distinct()
    cte = named.cte("troth_named").prefix_with("MATERIALIZED")
    return cte, cte.c.person_id, []


def _conditions(f: SearchFilter, today: date) -> list[ColumnElement[bool]]:
    """Every condition but the name."""
    found: list[ColumnElement[bool]] = []
    text = read_search_text(f.text)
    if text.person_id is not None:
        found.append(_p.c.id == text.person_id)
    if text.born is not None:
        found.append(_p.c.born == text.born)
    if f.designation:
        found.append(_p.c.designation == f.designation)
    if f.min_age is not None:
        found.append(_p.c.born <= _years_before(today, f.min_age))
    if f.max_age is not None:
        found.append(_p.c.born > _years_before(today, f.max_age + 1))
    if f.alive is not None:
        found.append(_p.c.died.is_(None) if f.alive else _p.c.died.is_not(None))
    if f.district:
        found.append(_p.c.district == f.district)
    return found


class Search:
    """One search: its plan, then any page of it and its capped count."""

    def __init__(self, conn: Connection, f: SearchFilter, today: date) -> None:
        self.conn = conn
        self.where = _conditions(f, today)
        name = read_search_text(f.text).name
        self.key = search_key(name) if name else ""
        if name and len(self.key) < MIN_LETTERS:
            raise too_short()
        self.dialect = conn.dialect.name
        self.many: bool | None = None  # known once counted

    def _people(self, walk: bool) -> Select[Any]:
        """(id, legal_name) of the matching people, not yet ordered."""
        cols = (_p.c.id, _p.c.legal_name)
        if not self.key:
            return select(*cols).where(*self.where)
        if walk:
            named = exists().where(_n.c.person_id == _p.c.id, _contains(self.key))
            return select(*cols).where(named, *self.where)
        src, person_id, cond = _name_index(self.dialect, self.key, people=True)
        q = select(*cols).select_from(src.join(_p, _p.c.id == person_id)).where(*cond, *self.where)
        return q.distinct() if self.dialect == "sqlite" else q  # PostgreSQL's CTE is distinct

    def count(self) -> tuple[int, bool]:
        """(matches up to COUNT_CAP, whether there are more), and the plan. With a name, at
        most 2 x COUNT_CAP matching name rows are read (a DISTINCT over all of them would
        read every match of a common piece); if that many are found, "more than" the
        people among them is true whatever the count, and the index alone is asked whether
        SORT_LIMIT names match (then the page walks people rather than sort the matches)."""
        if not self.key:
            self.many = False
            first = self._people(walk=False).limit(COUNT_CAP + 1).subquery()
            n = int(self.conn.execute(select(func.count()).select_from(first)).scalar_one())
            return min(n, COUNT_CAP), n > COUNT_CAP
        src, person_id, cond = _name_index(self.dialect, self.key)
        cap = 2 * COUNT_CAP
        found = (select(person_id.label("pid")).select_from(src.join(_p, _p.c.id == person_id))
                 .where(*cond, *self.where).limit(cap).subquery())
        rows, people = (int(x) for x in self.conn.execute(
            select(func.count(), func.count(distinct(found.c.pid)))).one())
        self.many = rows >= min(cap, SORT_LIMIT) and self._name_rows(SORT_LIMIT) >= SORT_LIMIT
        return min(people, COUNT_CAP), people > COUNT_CAP or rows >= cap

    def _name_rows(self, cap: int) -> int:
        """How many name rows contain the key, up to `cap`: the index alone, no join."""
        src, _, cond = _name_index(self.dialect, self.key)
        if self.dialect == "sqlite":
            src = _FTS  # its rowids are the name rows
        rows = select(literal(1)).select_from(src).where(*cond).limit(cap).subquery()
        return int(self.conn.execute(select(func.count()).select_from(rows)).scalar_one())

    def _cursor(self, person_id: int) -> tuple[str, int]:
        name = self.conn.execute(select(_p.c.legal_name).where(_p.c.id == person_id)
                                 ).scalar_one_or_none()
        if name is None:
            raise NotFound(f"no person #{person_id} to continue the list from",
                           rule="person_exists")
        return str(name), person_id

    def ids(self, per_page: int, page: int, after: int | None, before: int | None
            ) -> tuple[list[int], bool]:
        """The page's ids in order, and whether there is another page beyond it (after it,
        or before it when paging back)."""
        if self.many is None:
            self.count()
        if self.key and not self.many and self.dialect == "postgresql":
            # Under SORT_LIMIT matches, each is one lookup by id. The planner, guessing ten
            # times as many from the trigram statistics, would merge-join every person
            # (150 ms at a million). For this read's transaction only. (The walk is left to
            # the planner: forcing it cost 145 ms for a piece 7,000 names share, against
            # 52 ms for its own plan; docs/performance.md, "Name search".)
            self.conn.exec_driver_sql("SET LOCAL enable_mergejoin = off")
            self.conn.exec_driver_sql("SET LOCAL enable_hashjoin = off")
        q = self._people(walk=bool(self.many))
        order = tuple_(_p.c.legal_name, _p.c.id)
        if before is not None:
            q = q.where(order < tuple_(*map(literal, self._cursor(before))))
            q = q.order_by(_p.c.legal_name.desc(), _p.c.id.desc())
        else:
            if after is not None:
                q = q.where(order > tuple_(*map(literal, self._cursor(after))))
            q = q.order_by(_p.c.legal_name, _p.c.id)
            if after is None and page > 1:
                q = q.offset((page - 1) * per_page)
        ids = [r[0] for r in self.conn.execute(q.limit(per_page + 1))]
        beyond = len(ids) > per_page
        ids = ids[:per_page]
        return (ids[::-1] if before is not None else ids), beyond


def search(conn: Connection, f: SearchFilter, today: date, page: int, per_page: int,
           after: int | None = None, before: int | None = None) -> Page:
    page, per_page = max(1, page), min(max(1, per_page), MAX_PER_PAGE)
    s = Search(conn, f, today)
    total, more = s.count()
    ids, beyond = s.ids(per_page, page, after, before)
    found = load_people(conn, ids)
    if before is not None:
        has_next, has_prev = bool(ids), beyond
    else:
        has_next, has_prev = beyond, bool(ids) and (page > 1 or after is not None)
    return Page([found[i] for i in ids], total, page, per_page, more,
                next_after=ids[-1] if has_next and ids else None,
                prev_before=ids[0] if has_prev else None)
