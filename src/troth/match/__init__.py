"""Matchmaking: scent compatibility, candidate search and stable matching for a city.

Public surface:

* :mod:`troth.match.compat` — the directional attraction model (vectorised, stable API).
* :func:`stable_match` — Gale–Shapley on (n, k) preference arrays padded with -1.
"""

from __future__ import annotations

from troth.match import compat
from troth.match.stable import stable_match

__all__ = ["compat", "stable_match"]
