"""LinkRecords as the columns the scan compares (folded names, dates as ISO text)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from troth.domain.linkage import LinkRecord, fold, swapped

NAMES = ("unique_id", "given", "family", "names", "others", "born", "born_swapped", "parents",
         "district", "designation")


@dataclass
class Columns:
    """Column-wise records, appended a batch at a time."""

    data: dict[str, list[object]] = field(default_factory=lambda: {k: [] for k in NAMES})

    def add(self, records: Iterable[LinkRecord]) -> None:
        d = self.data
        for r in records:
            names = r.names()
            legal = names[0] if names else ("", "")
            full = sorted({fold(n) for n in (r.legal_name, *r.other_names)} - {""})
            others = sorted({fold(n) for n in r.other_names} - {""})
            s = swapped(r.born)
            d["unique_id"].append(r.id)
            d["given"].append(legal[0] or None)
            d["family"].append(legal[1] or legal[0] or None)
            d["names"].append(full)
            d["others"].append(others)
            d["born"].append(r.born.isoformat())
            d["born_swapped"].append(s.isoformat() if s else None)
            d["parents"].append(list(r.parents))
            d["district"].append(fold(r.district) or None)
            d["designation"].append(r.designation or None)

    def __len__(self) -> int:
        return len(self.data["unique_id"])

