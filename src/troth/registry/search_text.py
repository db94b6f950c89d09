"""What a search box's text asks for: a registry number, a birth date or part of a name.

"#6" and "6" name person 6; "1990-04-01" (ISO) the people born that day; anything else is
part of a name, matched anywhere in any name (accents and case ignored) through an index of
three-letter pieces, so it needs at least three letters: fewer would match nearly everyone
and no index can answer them quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from troth.domain.errors import InvalidInput

MIN_LETTERS = 3
TOO_SHORT = ("Type at least three letters, or a registry number (such as #6) or a birth date"
             " (YYYY-MM-DD).")
MAX_ID = 2_147_483_647
_NUMBER = re.compile(r"#?\s*([0-9]{1,12})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class SearchText:
    """Exactly one of the three is set, or none (no text: no name condition)."""

    name: str = ""
    person_id: int | None = None
    born: date | None = None


def too_short() -> InvalidInput:
    return InvalidInput(TOO_SHORT, rule="search_text_too_short")


def read_search_text(text: str) -> SearchText:
    """The text's meaning, or InvalidInput (a name part under three letters, a date that
    does not exist, a number past the largest registry number)."""
    s = text.strip()
    if not s:
        return SearchText()
    if m := _NUMBER.fullmatch(s):
        number = int(m.group(1))
        if not 1 <= number <= MAX_ID:
            raise InvalidInput(f"Registry numbers run from 1 to {MAX_ID}.",
                               rule="search_number_range")
        return SearchText(person_id=number)
    if _DATE.fullmatch(s):
        try:
            return SearchText(born=date.fromisoformat(s))
        except ValueError:
            raise InvalidInput(f"{s} is not a date; give a birth date as YYYY-MM-DD.",
                               rule="search_date") from None
    if len(s) < MIN_LETTERS:
        raise too_short()
    return SearchText(name=s)
