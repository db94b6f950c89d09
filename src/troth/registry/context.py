"""What every handler is given besides its command and its unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from troth.domain.customs import Customs
from troth.registry.ports import Clock


@dataclass(frozen=True)
class CommandContext:
    clock: Clock
    customs: Customs
    secret: str = ""  # TROTH_SECRET: signs certificates' codes (random when empty)
    bulk: bool = False  # an import (Registry.bulk): likely duplicates recorded, not refused
