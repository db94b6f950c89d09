"""The hash chain verifies after any sequence of appends and fails after any tampering."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from troth.domain.ledger import GENESIS, Checkpoint, Entry, entry_hash, verify

payloads = st.lists(st.text(min_size=0, max_size=20), min_size=1, max_size=30)


def build(datas: list[str]) -> list[Entry]:
    out: list[Entry] = []
    prev = GENESIS
    for i, d in enumerate(datas, start=1):
        h = entry_hash(prev, i, f"t{i}", "k", "2026-01-01", "clerk", d)
        out.append(Entry(i, f"t{i}", "k", "2026-01-01", "clerk", d, prev, h))
        prev = h
    return out


@given(payloads)
def test_an_untouched_chain_verifies(datas: list[str]) -> None:
    chain = build(datas)
    report = verify(chain, Checkpoint(len(chain), chain[-1].hash))
    assert report.ok and report.count == len(chain)


@given(payloads, st.data())
def test_editing_any_entry_is_detected(datas: list[str], data: st.DataObject) -> None:
    chain = build(datas)
    i = data.draw(st.integers(0, len(chain) - 1))
    field = data.draw(st.sampled_from(["data", "actor", "kind", "effective", "recorded_at"]))
    chain[i] = replace(chain[i], **{field: getattr(chain[i], field) + "x"})
    assert not verify(chain).ok


@given(payloads.filter(lambda d: len(d) >= 2), st.data())
def test_deleting_or_swapping_an_entry_is_detected(datas: list[str], data: st.DataObject) -> None:
    chain = build(datas)
    i = data.draw(st.integers(0, len(chain) - 2))
    deleted = chain[:i] + chain[i + 1:]
    swapped = [*chain[:i], chain[i + 1], chain[i], *chain[i + 2:]]
    assert not verify(deleted, Checkpoint(len(chain), chain[-1].hash)).ok
    assert not verify(swapped).ok


@given(payloads.filter(lambda d: len(d) >= 2), st.data())
def test_truncation_is_detected_against_a_kept_checkpoint(datas: list[str],
                                                          data: st.DataObject) -> None:
    chain = build(datas)
    cut = data.draw(st.integers(1, len(chain) - 1))
    truncated = chain[:cut]
    assert verify(truncated).ok  # a truncated chain is internally consistent...
    assert not verify(truncated, Checkpoint(len(chain), chain[-1].hash)).ok  # ...but not this


@given(payloads, st.data())
def test_a_rebuilt_chain_is_detected_against_a_kept_checkpoint(datas: list[str],
                                                               data: st.DataObject) -> None:
    chain = build(datas)
    cp = Checkpoint(len(chain), chain[-1].hash)
    i = data.draw(st.integers(0, len(datas) - 1))
    forged = build([*datas[:i], datas[i] + "forged", *datas[i + 1:]])
    assert verify(forged).ok  # an attacker recomputed every hash...
    assert not verify(forged, cp).ok  # ...the kept checkpoint still catches it


def test_a_malformed_checkpoint_says_what_it_expects() -> None:
    import pytest

    from troth.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="troth-ledger:COUNT:HASH"):
        Checkpoint.parse("12:abc")
