"""`verify --deep`: after any sequence of valid commands the live tables are what the ledger,
replayed, says; after any single edit, insert or delete in any state table the check fails
naming that row (issue 14: the registry checks itself). On SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Table, func, select, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import FixedClock, postgres_url
from tests.store_access import reader, writer
from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain import correction as co
from troth.domain import marriage as mr
from troth.domain.customs import Customs
from troth.domain.errors import TrothError
from troth.domain.identity import CreateAccount
from troth.domain.matchmaking import SetMatchmakingOptIn
from troth.domain.people import Scent
from troth.domain.policy import Role
from troth.store.repositories.health import health_entries
from troth.store.schema import HISTORY_TABLES
from troth.store.verify import OUT_OF_REACH, derived_tables
from troth.store.verify_compare import surrogate

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
FEW = settings(max_examples=12, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
STATE = {tab.name: tab for tab in [*derived_tables(), health_entries]}


@contextmanager
def fresh(backend: str, template: Path, folder: Path) -> Iterator[Any]:
    """A registry on a new, migrated database (an SQLite copy, or a PostgreSQL schema)."""
    if backend == "sqlite":
        url = str(folder / f"{uuid.uuid4().hex[:8]}.db")
        shutil.copy(template, url)
        drop = None
    else:
        base = postgres_url()
        if base is None:
            pytest.skip("PostgreSQL not reachable")
        import psycopg

        drop = (base.replace("+psycopg", ""), f"t_{uuid.uuid4().hex[:12]}")
        with psycopg.connect(drop[0], autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {drop[1]}")
        url = f"{base}?options=-csearch_path%3D{drop[1]}"
    reg = build_registry(url, clock=FixedClock(), customs=Customs())  # type: ignore[arg-type]
    try:
        yield reg
    finally:
        reg.close()
        if drop is not None:
            with psycopg.connect(drop[0], autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {drop[1]} CASCADE")


# --- a small world, and random commands on it -------------------------------------------

def world(reg: Any) -> dict[str, list[int]]:
    """Two Alphas, two Omegas (one with a guardian), a Beta; a child with parents; a
    courtship with a consent and its ceremony; a heat, a share and its revocation; a
    matchmaking opt-in; a welfare incident assigned to a registrar."""
    ids = [reg.execute(c.RegisterPerson(f"Adult {i}", date(1990 + i, 1 + i, 1 + i),
                                        scent=Scent((0.6, 0.8), (0.8, 0.6)), district="D01"))
           for i in range(5)]
    for pid, des in zip(ids, ["alpha", "alpha", "omega", "omega", "beta"], strict=True):
        reg.execute(c.RecordPresentation(pid, des, date(2010, 6, 1)))
    child = reg.execute(c.RegisterPerson("Child", date(2018, 4, 4), parents=(ids[0], ids[2])))
    guard = reg.execute(c.AppointGuardian(ids[3], ids[4], "Family Court", "FC-1",
                                          date(2019, 1, 1)))
    neglect = reg.execute(c.ReportIncident("neglect", ids[4], date(2026, 6, 3), "thin",
                                           ids[3], guardianship_id=guard))
    cid = reg.execute(c.ProposeIntroduction(ids[0], ids[2], None, date(2026, 6, 1)))
    reg.execute(c.RecordConsent(cid, ids[2], True, date(2026, 6, 2)))
    # a ceremony with its time and place (issue 16: columns filled from the event)
    reg.execute(c.ScheduleCeremony(cid, ids[4], ("A witness",), date(2026, 9, 1), "15:00",
                                   "Registry hall, Jakku"))
    reg.execute(c.RecordHeat(ids[2], ids[2], date(2026, 8, 1), notes="private"))
    reg.execute(c.ShareHealth(ids[2], ids[0], "partner"))
    reg.execute(c.ShareHealth(ids[2], ids[0], grant=False))
    reg.execute(SetMatchmakingOptIn(ids[3], True, date(2026, 5, 1)))
    # scents measured by a physician the child chose, the later-dated one recorded first;
    # a "no heats expected" finding and its withdrawal
    reg.execute(c.ShareHealth(child, ids[4], "physician"))
    reg.execute(c.RecordScent(child, ids[4], date(2026, 3, 1), Scent((0.3, 0.4), (0.4, 0.3))))
    reg.execute(c.RecordScent(child, ids[4], date(2025, 3, 1), Scent((0.1, 0.4), (0.4, 0.1))))
    reg.execute(c.ShareHealth(ids[3], ids[4], "physician"))
    reg.execute(c.RecordFinding(ids[3], ids[4], "none", date(2026, 2, 1), "no_heats_expected"))
    reg.execute(c.RecordFinding(ids[3], ids[4], "back", date(2026, 4, 1), "no_heats_withdrawn"))
    # corrections by two hands: one approved (the fact rewritten), one rejected, one pending
    maker, checker = (reg.execute(CreateAccount(n, "h", (Role.REGISTRAR,)))
                      for n in ("maker", "checker"))
    reg.execute(c.AssignWelfareReviews((neglect,), maker, checker))  # the queue, worked
    fixed = reg.execute(co.RequestCorrection(child, "parents", f"{ids[1]},{ids[3]}", "e",
                                             maker))
    reg.execute(co.ApproveCorrection(fixed, checker))
    for field, value in (("other_names", "work: W1; family: F1"), ("legal_name", "Adult One"),
                         ("scent", "0.1,0.2 | 0.2,0.1 | n")):
        reg.execute(co.ApproveCorrection(reg.execute(co.RequestCorrection(
            ids[1], field, value, "e", checker)), maker))
    no = reg.execute(co.RequestCorrection(ids[4], "district", "D02", "e", maker))
    reg.execute(co.RejectCorrection(no, checker, "no"))
    waiting = reg.execute(co.RequestCorrection(ids[0], "legal_name", "Adult Zero", "e", maker))
    # a marriage of two Betas (one consent attested at the office), and a petition to dissolve
    wed = [reg.execute(c.RegisterPerson(f"Beta {i}", date(1980 + i, 2, 2))) for i in range(2)]
    for pid in wed:
        reg.execute(c.RecordPresentation(pid, "beta", date(1996, 6, 1)))
    mid = reg.execute(mr.ConsentToMarriage(wed[0], wed[1], date(2025, 5, 1)))
    reg.execute(mr.ConsentToMarriage(wed[1], wed[0], date(2025, 5, 2), attested_by=maker))
    reg.execute(mr.SolemniseMarriage(mid, ids[4], ("A witness",), date(2025, 5, 3)))
    filed = reg.execute(mr.PetitionDissolution(mid, wed[1], "breakdown", date(2026, 1, 5)))
    return {"people": [*ids, child, *wed], "courtships": [cid], "accounts": [maker, checker],
            "corrections": [fixed, no, waiting], "marriages": [mid], "petitions": [filed]}


KINDS = ["register", "birth", "present", "guardian", "propose", "consent", "death", "heat",
         "share", "optin", "correct", "approve", "reject", "physician", "scent", "finding",
         "wed", "solemnise", "dissolve", "decide", "withdraw"]
FIXES = [("legal_name", "Renamed {k}"), ("born", "19{k:02d}-02-03"), ("district", "D{k}"),
         ("other_names", "work: W{k}"), ("parents", "{q}"), ("scent", "0.{k},0.5 | 0.5,0.{k}"),
         ("designation", "beta")]
OPS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 9), st.integers(0, 9),
                         st.integers(0, 60)), max_size=10)


def command(kind: str, a: int, b: int, k: int, w: dict[str, list[int]]) -> Any:
    ppl, cs = w["people"], w["courtships"]
    p, q = ppl[a % len(ppl)], ppl[b % len(ppl)]
    day = date(2026, 1, 1) + timedelta(days=k)
    return {
        "register": lambda: c.RegisterPerson(f"P{k}", date(1960 + k, 1 + a, 1 + b)),
        "birth": lambda: c.RegisterPerson(f"B{k}", date(2020, 1 + a, 1 + b), parents=(p, q)),
        "present": lambda: c.RecordPresentation(p, ("alpha", "omega", "beta")[k % 3], day),
        "guardian": lambda: c.AppointGuardian(p, q, "Court", f"O-{k}", day),
        "propose": lambda: c.ProposeIntroduction(p, q, None, day),
        "consent": lambda: c.RecordConsent(cs[k % len(cs)], p, k % 4 != 0, day),
        "death": lambda: c.RecordDeath(p, day),
        "heat": lambda: c.RecordHeat(p, p, day, notes=f"n{k}"),
        "share": lambda: c.ShareHealth(p, q, "partner", grant=k % 2 == 0),
        "optin": lambda: SetMatchmakingOptIn(p, k % 2 == 0, day),
        "physician": lambda: c.ShareHealth(p, q, "physician"),
        "scent": lambda: c.RecordScent(p, q, day, Scent((k / 60, 0.5), (0.5, k / 60 + 0.1))),
        "finding": lambda: c.RecordFinding(
            p, q, f"f{k}", day, ("no_heats_expected", "no_heats_withdrawn", "")[k % 3]),
        "correct": lambda: co.RequestCorrection(
            p, FIXES[k % len(FIXES)][0], FIXES[k % len(FIXES)][1].format(k=k, q=q), "e",
            w["accounts"][a % 2], court_order_ref="C-1" if k % 2 else ""),
        "approve": lambda: co.ApproveCorrection(w["corrections"][k % len(w["corrections"])],
                                                w["accounts"][a % 2]),
        "reject": lambda: co.RejectCorrection(w["corrections"][k % len(w["corrections"])],
                                              w["accounts"][a % 2], "no"),
        "wed": lambda: mr.ConsentToMarriage(p, q, day, attested_by=w["accounts"][a % 2]
                                            if k % 2 else None),
        "solemnise": lambda: mr.SolemniseMarriage(w["marriages"][k % len(w["marriages"])], p,
                                                  ("W",), day),
        "dissolve": lambda: mr.PetitionDissolution(w["marriages"][k % len(w["marriages"])], p,
                                                   "breakdown", day),
        "withdraw": lambda: mr.WithdrawMarriageConsent(
            w["marriages"][k % len(w["marriages"])], p, day),
        "decide": lambda: mr.DecideDissolution(w["petitions"][k % len(w["petitions"])],
                                               k % 2 == 0, "heard", day),
    }[kind]()


def run(reg: Any, ops: list[tuple[str, int, int, int]], w: dict[str, list[int]]) -> None:
    for kind, a, b, k in ops:
        try:
            made = reg.execute(command(kind, a, b, k, w))
        except TrothError:
            continue  # refused: writes nothing
        if kind in ("register", "birth"):
            w["people"].append(made)
        elif kind == "propose":
            w["courtships"].append(made)
        elif kind == "correct":
            w["corrections"].append(made)
        elif kind == "wed" and made not in w["marriages"]:
            w["marriages"].append(made)
        elif kind == "dissolve":
            w["petitions"].append(made)


@pytest.mark.parametrize("backend", BACKENDS)
def test_after_any_valid_commands_the_deep_check_passes(backend: str, sqlite_template: Path,
                                                        tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("deep")

    @settings(FEW, max_examples=12 if backend == "sqlite" else 6)
    @given(ops=OPS)
    def prop(ops: list[tuple[str, int, int, int]]) -> None:
        with fresh(backend, sqlite_template, folder) as reg:
            w = world(reg)
            run(reg, ops, w)
            report = reg.queries.ledger.deep_verify()
            assert report.ok, report.differences
            assert report.entries == reg.queries.people.checkpoint().count
            assert {name for name, _ in report.out_of_reach} >= {"sessions", "access_log"}

    prop()


# --- tampering behind the registry's back -----------------------------------------------

def _changed(tab: Table, col: str, value: Any) -> Any:
    kind = tab.c[col].type
    if isinstance(kind, Boolean):
        return not value
    if isinstance(kind, Integer):
        return (value or 0) + 1
    if isinstance(kind, Float):
        return (value or 0.0) + 0.5
    if isinstance(kind, DateTime):
        return (value or datetime(2026, 1, 1)) + timedelta(minutes=1)
    if isinstance(kind, Date):
        return (value or date(2026, 1, 1)) + timedelta(days=1)
    if isinstance(kind, JSON):
        return [*(value or []), "x"] if isinstance(value, list | None) else {**value, "x": 1}
    return f"{value or ''}~"


def _key(tab: Table, row: Any) -> str:
    pk = list(tab.primary_key.columns)
    if surrogate(tab):
        return str(row[pk[0].name])
    return ",".join(str(row[col.name]) for col in pk)


def _unguard(conn: Any, backend: str, table: str) -> None:
    """Tampering behind the triggers' back, as an insider with the database's keys could."""
    if table not in HISTORY_TABLES:
        return
    if backend == "sqlite":
        conn.execute(text(f"DROP TRIGGER {table}_no_update"))
        conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
    else:
        conn.execute(text(f"DROP TRIGGER {table}_no_change ON {table}"))


def tamper(reg: Any, data: st.DataObject) -> tuple[str, str, str | None]:
    """One edit, insert or delete in a state table chosen by hypothesis: (table, key, column
    or None)."""
    with reader(reg) as conn:
        filled = [n for n, tab in STATE.items()
                  if conn.execute(select(func.count()).select_from(tab)).scalar_one()]
        name = data.draw(st.sampled_from(sorted(filled)), label="table")
        tab = STATE[name]
        rows = conn.execute(select(tab)).mappings().all()
    row = dict(data.draw(st.sampled_from(rows), label="row"))
    act = data.draw(st.sampled_from(["edit", "insert", "delete"]), label="act")
    pk = [col.name for col in tab.primary_key.columns]
    where = [tab.c[k] == row[k] for k in pk]
    column: str | None = None
    try:
        with writer(reg) as w:
            _unguard(w, reg.backend, name)
            if act == "edit":
                # not the key (an edited key is a delete and an insert), nor what the ledger
                # does not say (a surrogate id's value, who recorded a health entry)
                cols = [col.name for col in tab.columns
                        if col.name not in pk and (name, col.name) != ("health_entries",
                                                                       "recorded_by")]
                assume(cols)
                column = data.draw(st.sampled_from(cols), label="column")
                w.execute(tab.update().where(*where).values({column: _changed(
                    tab, column, row[column])}))
            elif act == "delete":
                w.execute(tab.delete().where(*where))
            else:
                top = w.execute(select(func.max(tab.c[pk[-1]]))).scalar_one()
                row[pk[-1]] = top + 1
                w.execute(tab.insert().values(row))
    except DBAPIError:
        assume(False)  # a foreign key or unique constraint refused it: no tampering happened
    return name, _key(tab, row), column


@pytest.mark.parametrize("backend", BACKENDS)
def test_any_single_edit_insert_or_delete_in_a_state_table_is_named(
        backend: str, sqlite_template: Path, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("tamper")
    built = folder / "world.db"
    if backend == "sqlite":
        with fresh(backend, sqlite_template, folder) as reg:
            world(reg)
            location = reg.location
        shutil.copy(location.removeprefix("sqlite:///"), built)

    @settings(FEW, max_examples=25 if backend == "sqlite" else 8)
    @given(data=st.data())
    def prop(data: st.DataObject) -> None:
        with fresh(backend, built if backend == "sqlite" else sqlite_template, folder) as reg:
            if backend != "sqlite":
                world(reg)
            table, key, column = tamper(reg, data)
            event(f"tampered with {table}")
            report = reg.queries.ledger.deep_verify()
            assert not report.ok
            named = {(d.table, d.key) for d in report.differences}
            assert (table, key) in named, (table, key, column, report.differences)
            if column is not None and (table, column) not in _MOVES_THE_ROW:
                assert any(d.where == f"{table}/{key}/{column}" or (
                    table == "health_entries" and d.table == table and d.key == key)
                    for d in report.differences), report.differences

    prop()


# Editing the parent of a row keyed by its place among its parent's rows moves the row.
_MOVES_THE_ROW = {("person_names", "person_id"), ("consents", "courtship_id"),
                  ("matchmaking_opt_ins", "person_id"), ("handler_availability", "handler_id"),
                  ("unavailability", "person_id")}


def test_every_table_is_derived_or_out_of_reach() -> None:
    """A new table must be placed: replayed and compared, or listed as out of reach."""
    derived = {tab.name for tab in derived_tables()}
    assert derived == {
        "people", "person_names", "person_parents", "duplicate_reviews", "guardianships",
        "ledger_subjects",
        "courtships", "consents", "visits", "visit_handlers", "waivers", "incidents",
        "ceremonies", "bonds", "annulment_petitions", "residences", "visit_requests",
        "handler_profiles", "handler_availability", "unavailability", "rosters",
        "roster_placements", "matchmaking_opt_ins", "petition_findings", "corrections",
        "scent_measurements", "marriages", "marriage_petitions"}
    assert not derived & set(OUT_OF_REACH)
