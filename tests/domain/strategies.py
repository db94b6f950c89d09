"""Hypothesis strategies shared by the domain tests: events of any registered kind."""

import dataclasses
import json
import types
import typing
from datetime import date
from typing import Any

from hypothesis import strategies as st

from troth.domain import events as ev
from troth.domain.ledger import canonical_json


def strategy(tp: Any) -> st.SearchStrategy[Any]:
    """Values of a field's type, with finite floats (the ledger keeps numbers exactly)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy(a) for a in typing.get_args(tp)))
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy(args[0]), max_size=3).map(tuple)
        return st.tuples(*(strategy(a) for a in args))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        type(None): st.none(), bool: st.booleans(), int: st.integers(0, 10**6),
        float: st.floats(allow_nan=False, allow_infinity=False), str: st.text(max_size=12),
        date: st.dates(),
    }
    return simple[tp]


def events_of(*classes: type[ev.Event]) -> st.SearchStrategy[ev.Event]:
    def build(cls: type[ev.Event]) -> st.SearchStrategy[ev.Event]:
        hints = typing.get_type_hints(cls)
        return st.builds(cls, **{f.name: strategy(hints[f.name])
                                 for f in dataclasses.fields(cls)})
    return st.one_of(*(build(c) for c in classes))


def through_the_ledger(e: ev.Event) -> ev.Event:
    return ev.event_from_data(e.kind, json.loads(canonical_json(e.to_data())))
