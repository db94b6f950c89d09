"""CSV exports of the lists the office works from: written row by row as they stream out.

Each list's export is a route beside its page (`/…/export.csv`) that asks the policy and
parses the filters exactly as the page does, then streams a header row and one line per
record: dates in ISO form (YYYY-MM-DD), registry numbers as plain numbers, never a health
detail (no list here carries one). A cell that a spreadsheet would read as a formula (it
starts with = + - @ or a tab) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from starlette.responses import StreamingResponse

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA) else text


def lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(v) for v in row])
        yield buffer.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
                 ) -> StreamingResponse:
    """A CSV download streamed as the rows are read."""
    return StreamingResponse(lines(header, rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition":
                                      f'attachment; filename="{filename}"',
                                      "Cache-Control": "no-store"})
