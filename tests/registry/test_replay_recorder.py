"""The deep check's Recorder (troth.store.verify_replay) batches and reorders writes: writes
to different tables, and writes keyed on different primary keys, go out together. Any
sequence of writes run through it leaves the tables exactly as the same writes run one by one
through the Connection — an UPDATE or DELETE of a row not yet inserted stays a no-op, a
write reaching another table keeps its place."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    delete,
    insert,
    select,
    update,
)

from troth.store.verify_replay import Recorder

meta = MetaData()
a = Table("a", meta, Column("id", Integer, primary_key=True, autoincrement=False),
          Column("v", String(10)), Column("n", Integer))
b = Table("b", meta, Column("id", Integer, primary_key=True, autoincrement=False),
          Column("v", String(10)))
STATEMENTS = {
    "ins_a": insert(a),
    "upd_a": update(a).where(a.c.id == bindparam("k")).values(v=bindparam("nv")),
    "del_a": delete(a).where(a.c.id == bindparam("k")),
    "ins_b": insert(b),
    "upd_b": update(b).where(b.c.id == bindparam("k")).values(v=bindparam("nv")),
    # not keyed on the primary key: a barrier for reordering within its table
    "bump_a": update(a).where(a.c.v == bindparam("nv")).values(n=a.c.n + 1),
    # reaches another table: runs in its place
    "copy_b": update(a).where(a.c.id == bindparam("k")).values(
        v=select(b.c.v).where(b.c.id == bindparam("k")).scalar_subquery()),
}

writes = st.lists(st.tuples(st.sampled_from(sorted(STATEMENTS)), st.integers(1, 4),
                            st.sampled_from(["x", "y", "z"])), max_size=40)


def _params(name: str, key: int, value: str) -> dict[str, Any]:
    if name.startswith("ins"):
        return {"id": key, "v": value, "n": 0} if name == "ins_a" else {"id": key, "v": value}
    if name == "bump_a":
        return {"nv": value}
    return {"k": key, "nv": value} if name != "del_a" and name != "copy_b" else {"k": key}


def _run(ops: list[tuple[str, int, str]], recorded: bool) -> list[Any]:
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        target: Any = Recorder(conn) if recorded else conn
        present: dict[str, set[int]] = {"a": set(), "b": set()}
        for name, key, value in ops:
            table = name[-1] if name[-1] in present else "a"
            if name.startswith("ins"):  # a key inserted twice would fail alike: not written
                if key in present[table]:
                    continue
                present[table].add(key)
            elif name == "del_a":
                present["a"].discard(key)
            target.execute(STATEMENTS[name], _params(name, key, value))
        if isinstance(target, Recorder):
            target.close()
        return [conn.execute(select(t).order_by(t.c.id)).all() for t in (a, b)]


@settings(max_examples=300, deadline=None)
@given(writes)
def test_the_recorder_leaves_the_tables_as_the_writes_one_by_one(
        ops: list[tuple[str, int, str]]) -> None:
    assert _run(ops, recorded=True) == _run(ops, recorded=False)


def test_writes_of_other_keys_join_one_executemany() -> None:
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        rec = Recorder(conn)
        for k in range(1, 6):  # a registration, then its presentation, person after person
            rec.execute(STATEMENTS["ins_a"], {"id": k, "v": "x", "n": 0})
            rec.execute(STATEMENTS["upd_a"], {"k": k, "nv": "y"})
        rec.close()
        assert rec.statements == 2
        assert conn.execute(select(a.c.v)).scalars().all() == ["y"] * 5


@pytest.mark.postgres
def test_a_read_inside_the_pipeline_sees_the_writes_before_it_on_postgresql() -> None:
    """On PostgreSQL the replay runs in psycopg's pipeline mode; a projection that reads (a
    finding released again after a withdrawal) must get the real answer, not an empty one."""
    import uuid

    import psycopg

    from tests.conftest import postgres_url

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = base.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        engine = create_engine(f"{base}?options=-csearch_path%3D{schema}")
        meta.create_all(engine)
        with engine.begin() as conn:
            rec = Recorder(conn)
            with rec.pipeline():
                rec.execute(STATEMENTS["ins_a"], {"id": 1, "v": "x", "n": 0})
                found = rec.execute(select(a.c.v).where(a.c.id == 1)).first()
                assert found is not None and found.v == "x"
                rec.execute(STATEMENTS["upd_a"], {"k": 1, "nv": "y"})
                assert rec.execute(select(a.c.v)).scalars().all() == ["y"]
                rec.execute(STATEMENTS["ins_b"], {"id": 2, "v": "z"})
            rec.close()
            assert conn.execute(select(b.c.v)).scalars().all() == ["z"]
        engine.dispose()
    finally:
        with psycopg.connect(plain, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
