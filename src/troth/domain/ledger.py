"""The hash chain: pure functions over ledger entries.

Each entry's hash covers its own fields and the previous entry's hash, so an edit,
deletion or reordering breaks the chain. A chain can still be truncated or rebuilt
wholesale; that is detected only against a checkpoint (count + head hash) kept outside
the system, as RFC 6962 taught.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from troth.domain.errors import InvalidInput

GENESIS = "0" * 64
CHECKPOINT_PREFIX = "troth-ledger"


@dataclass(frozen=True)
class Entry:
    seq: int
    recorded_at: str
    kind: str
    effective: str
    actor: str
    data: str  # canonical JSON
    prev_hash: str
    hash: str


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    prev_hash: str, seq: int, recorded_at: str, kind: str, effective: str, actor: str, data: str
) -> str:
    body = canonical_json([seq, recorded_at, kind, effective, actor, data])
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str

    def __str__(self) -> str:
        return f"{CHECKPOINT_PREFIX}:{self.count}:{self.head}"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        parts = text.strip().split(":")
        if len(parts) != 3 or parts[0] != CHECKPOINT_PREFIX or not parts[1].isdigit():
            raise InvalidInput(
                f"'{text}' is not a checkpoint; expected {CHECKPOINT_PREFIX}:COUNT:HASH"
                " as printed by `troth ledger checkpoint`",
                rule="checkpoint_format",
            )
        return cls(int(parts[1]), parts[2])


@dataclass(frozen=True)
class VerifyReport:
    count: int
    head: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(entries: Iterable[Entry], checkpoint: Checkpoint | None = None) -> VerifyReport:
    """Check every entry's hash and link; against a checkpoint, also check the prefix."""
    problems: list[str] = []
    prev = GENESIS
    count = 0
    at_checkpoint: str | None = None
    for expected_seq, e in enumerate(entries, start=1):
        count = expected_seq
        if e.seq != expected_seq:
            problems.append(f"entry {expected_seq}: sequence number is {e.seq} (missing or moved)")
        if e.prev_hash != prev:
            problems.append(f"entry {e.seq}: does not link to the entry before it")
        actual = entry_hash(e.prev_hash, e.seq, e.recorded_at, e.kind, e.effective, e.actor, e.data)
        if actual != e.hash:
            problems.append(f"entry {e.seq}: content does not match its hash (edited)")
        prev = e.hash
        if checkpoint is not None and expected_seq == checkpoint.count:
            at_checkpoint = e.hash
        if len(problems) > 50:
            problems.append("... more problems not listed")
            break
    if checkpoint is not None:
        if count < checkpoint.count:
            problems.append(
                f"the ledger has {count} entries but the checkpoint recorded {checkpoint.count}"
                " (truncated)"
            )
        elif checkpoint.count > 0 and at_checkpoint != checkpoint.head:
            problems.append(
                f"entry {checkpoint.count} does not match the checkpoint's hash"
                " (the chain was rewritten or rebuilt)"
            )
    return VerifyReport(count=count, head=prev, problems=tuple(problems))
