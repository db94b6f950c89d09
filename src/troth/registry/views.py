"""What the registry's queries answer with: small frozen records the interfaces show.

The store fills them (troth.store.reads); web/ and cli/ read them through
`Registry.queries` and never see a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from troth.domain.bonding import Bond
from troth.domain.policy import Role

__all__ = ["AccessEntry", "CertificateCheck", "HistoryItem", "Page", "Principal",
           "SearchFilter"]


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class HistoryItem:
    seq: int
    recorded_at: str
    effective: date
    kind: str
    text: str


@dataclass(frozen=True)
class SearchFilter:
    text: str = ""
    designation: str | None = None
    min_age: int | None = None
    max_age: int | None = None
    alive: bool | None = None
    district: str | None = None


@dataclass(frozen=True)
class CertificateCheck:
    valid: bool
    message: str
    bond: Bond | None = None
    names: tuple[str, str] = ("", "")
    officiant: str = ""
    witnesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Principal:
    account_id: int
    person_id: int | None
    roles: frozenset[Role]
    via: str  # session | token
    credential_id: int | None = None  # the session's or token's row id


@dataclass(frozen=True)
class AccessEntry:
    id: int
    at: str
    account_id: int | None
    action: str
    object_type: str
    object_id: int | None
    allowed: bool
    rule: str
    status: int
