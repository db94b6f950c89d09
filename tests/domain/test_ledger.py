"""Ledger checkpoints and canonical JSON (the chain itself: test_ledger_chain.py)."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.errors import InvalidInput
from troth.domain.ledger import GENESIS, Checkpoint, Entry, canonical_json, entry_hash, verify

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=4),
    max_leaves=10)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9), st.text("0123456789abcdef", min_size=64, max_size=64))
def test_a_printed_checkpoint_parses_back_to_itself(count: int, head: str) -> None:
    cp = Checkpoint(count, head)
    assert Checkpoint.parse(str(cp)) == cp
    assert str(cp).startswith("troth-ledger:")


@pytest.mark.parametrize("text", ["", "troth-ledger:x:abc", "ledger:3:abc", "troth-ledger:3"])
def test_a_malformed_checkpoint_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as e:
        Checkpoint.parse(text)
    assert e.value.rule == "checkpoint_format"


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(max_size=5), json_values, max_size=5))
def test_canonical_json_does_not_depend_on_key_order(value: dict[str, Any]) -> None:
    reordered = dict(reversed(list(value.items())))
    assert canonical_json(value) == canonical_json(reordered)


def test_an_empty_ledger_verifies_with_the_genesis_head() -> None:
    report = verify([])
    assert report.ok and (report.count, report.head) == (0, GENESIS)


def test_a_checkpoint_beyond_an_empty_ledger_reports_truncation() -> None:
    report = verify([], Checkpoint(3, "ab" * 32))
    assert not report.ok and "truncated" in report.problems[0]


def test_an_entry_that_does_not_link_is_named_in_the_report() -> None:
    h = entry_hash("f" * 64, 1, "t1", "k", "2026-01-01", "clerk", "{}")
    report = verify([Entry(1, "t1", "k", "2026-01-01", "clerk", "{}", "f" * 64, h)])
    assert report.problems == ("entry 1: does not link to the entry before it",)
