"""Tests that check what the store holds (rows, counts) read it directly, beside the
registry's own queries: a fresh read-only engine on the registry's database, disposed after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from troth.registry.service import Registry
from troth.store.engine import make_engines


@contextmanager
def reader(reg: Registry) -> Iterator[Connection]:
    engines = make_engines(reg.location)
    try:
        with engines.reader.connect() as conn:
            yield conn
    finally:
        engines.dispose()


@contextmanager
def writer(reg: Registry) -> Iterator[Connection]:
    """A write transaction outside the registry (to show what the database itself refuses)."""
    engines = make_engines(reg.location)
    try:
        with engines.writer.begin() as conn:
            yield conn
    finally:
        engines.dispose()
