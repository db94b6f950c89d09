"""Bonding certificates' verification codes: an HMAC of the bond's facts, so a code cannot
be made up without the registry's secret, and any changed character fails."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import date


def registry_secret_fallback(configured: str) -> str:
    """The configured secret (TROTH_SECRET), else a fresh random one (the store keeps the
    first secret it is given, so a registry signs with one secret for life)."""
    return configured or secrets.token_hex(32)


def certificate_code(secret: str, bond_id: int, alpha_id: int, omega_id: int,
                     on: date) -> str:
    msg = f"bond|{bond_id}|{alpha_id}|{omega_id}|{on.isoformat()}".encode()
    digest = hmac.new(secret.encode(), msg, hashlib.sha256).digest()
    raw = base64.b32encode(digest).decode()[:16]
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def marriage_certificate_code(secret: str, marriage_id: int, spouse1_id: int,
                              spouse2_id: int, on: date) -> str:
    """A marriage certificate's code: signed like a bond's, over the marriage's facts (its
    own prefix, so no bond's code is ever a marriage's)."""
    msg = f"marriage|{marriage_id}|{spouse1_id}|{spouse2_id}|{on.isoformat()}".encode()
    digest = hmac.new(secret.encode(), msg, hashlib.sha256).digest()
    raw = base64.b32encode(digest).decode()[:16]
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise_code(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))
