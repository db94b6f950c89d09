"""The folded key that name search matches on (accents transliterated, case folded)."""

from __future__ import annotations

from unidecode import unidecode


def search_key(name: str) -> str:
    return unidecode(name).casefold().strip()
