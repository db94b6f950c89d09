"""Bar charts drawn on the server as inline SVG: no JavaScript, no chart library, no CDN.

Each chart is an <svg role="img"> with a <title> and a <desc> that says what it shows in
words; every bar carries its own <title> (the number, on hover and to screen readers
that browse the graphic). The page puts the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from markupsafe import Markup

INK, GRID, MUTED = "#1b1f24", "#d5dbe1", "#4a5561"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str


def _nice(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 ... at or above value."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def scale(largest: int) -> tuple[int, int]:
    """(top of the axis, step between ticks): whole numbers, at most about five ticks."""
    step = _nice(max(1.0, largest / 5))
    return step * max(1, -(-largest // step)), step


def _axis(top: int, step: int, x0: float, x1: float, y0: float, h: float,
          font: int = 12) -> list[str]:
    out = []
    for v in range(0, top + 1, step):
        y = y0 - h * v / top
        out.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="{font}"'
                   f' fill="{MUTED}">{v:,}</text>')
    return out


@dataclass(frozen=True)
class Draw:
    """How a chart is drawn: its width and height in user units and its text size. The
    narrow drawing is for a phone: about as wide as the screen, so 13 units read as 13 px."""

    width: int
    height: int
    font: int = 12
    narrow: bool = False


NARROW_WIDTH = 360


def both(wide: str, narrow: str) -> Markup:
    """The chart drawn twice; the stylesheet shows the wide one on wide screens and in print,
    the narrow one on a phone (the other is display:none, out of the accessibility tree)."""
    return Markup(f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>')


def _legend(series: list[Series], x: float, y: float, d: Draw) -> tuple[list[str], int]:
    """The legend's marks and how many rows it took (it wraps on a narrow drawing)."""
    out, cx, cy, rows = [], x, y, 1
    for s in series:
        need = 30 + 0.62 * d.font * len(s.name)
        if cx > x and cx + need > d.width - 8:
            cx, cy, rows = x, cy + d.font + 6, rows + 1
        out.append(f'<rect x="{cx:.0f}" y="{cy - d.font + 2}" width="12" height="12"'
                   f' fill="{s.colour}"/><text x="{cx + 17:.0f}" y="{cy}"'
                   f' font-size="{d.font + 1}" fill="{INK}">{escape(s.name)}</text>')
        cx += need
    return out, rows


def bar_chart(chart_id: str, title: str, summary: str, labels: list[str],
              series: list[Series], width: int = 680, height: int = 280) -> Markup:
    """Stacked bars, one stack per label; a legend when there is more than one series. Drawn
    for wide screens and again, with fewer and larger labels, for narrow ones."""
    return both(_bars(chart_id, title, summary, labels, series, Draw(width, height)),
                _bars(f"{chart_id}-n", title, summary, labels, series,
                      Draw(NARROW_WIDTH, max(240, height), 13, narrow=True)))


def _bars(chart_id: str, title: str, summary: str, labels: list[str],
          series: list[Series], d: Draw) -> str:
    legend, rows = _legend(series, 52 if not d.narrow else 8, 16, d) if len(series) > 1 \
        else ([], 0)
    left, right, bottom = (40 if d.narrow else 52), 12, 46
    top = 14 + rows * (d.font + 6) + (6 if rows else 0)
    plot_w, plot_h = d.width - left - right, d.height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top_value, step = scale(max(totals, default=0))
    slot = plot_w / max(1, len(labels))
    bar = min(56.0, slot * 0.7)
    y0 = float(top + plot_h)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.width} {d.height}"'
             f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}">'
             f'<title id="{chart_id}-t">{escape(title)}</title>'
             f'<desc id="{chart_id}-d">{escape(summary)}</desc>']
    parts += _axis(top_value, step, left, d.width - right, y0, plot_h, d.font)
    parts += legend
    label_w = 0.62 * d.font * max((len(x) for x in labels), default=1) + 8
    every = max(1, -(-int(label_w) // max(1, int(slot))))  # thin the labels when crowded
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar) / 2
        base = y0
        for s in series:
            v = s.values[i]
            if v:
                h = plot_h * v / top_value
                base -= h
                parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}"'
                             f' height="{h:.1f}" fill="{s.colour}"><title>{escape(label)},'
                             f' {escape(s.name)}: {v:,}</title></rect>')
        if i % every == 0:
            cx, half = x + bar / 2, 0.31 * d.font * len(label)
            at, anchor = ((d.width - 2, "end") if cx + half > d.width - 2 else
                          (2, "start") if cx - half < 2 else (cx, "middle"))
            parts.append(f'<text x="{at:.1f}" y="{y0 + d.font + 6}"'
                         f' text-anchor="{anchor}" font-size="{d.font}" fill="{INK}">'
                         f'{escape(label)}</text>')
    parts.append(f'<line x1="{left}" x2="{d.width - right}" y1="{y0}" y2="{y0}"'
                 f' stroke="{INK}"/>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Span:
    """A stretch of days on the calendar (a heat, or a forecast interval)."""

    start: date
    end: date
    label: str
    muted: bool = False


def _months(first: date, last: date) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        if d >= first:
            out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def calendar_chart(chart_id: str, summary: str, first: date, last: date, heats: list[Span],
                   bands: list[Span], marks: list[tuple[date, str]]) -> Markup:
    """Heats as bars on a calendar, the forecast's 80% and 50% intervals as bands, and
    labelled lines (the bond, today, the most likely start). Drawn wide, and again for a
    phone: as wide as the screen, a month's name only where it fits, text at 13 px."""
    args = (summary, first, last, heats, bands, marks)
    return both(_calendar(chart_id, *args, Draw(960, 150)),
                _calendar(f"{chart_id}-n", *args, Draw(NARROW_WIDTH, 190, 13, narrow=True)))


def _calendar(chart_id: str, summary: str, first: date, last: date, heats: list[Span],
              bands: list[Span], marks: list[tuple[date, str]], d: Draw) -> str:
    left, right = 12, 12
    top = 44 if d.narrow else 28  # room for the marks' labels, staggered on a phone
    bar_h, axis_y = 44, top + 82
    days = max(1, (last - first).days)

    def x(day: date) -> float:
        return left + (d.width - left - right) * (day - first).days / days

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.width} {d.height}"'
             f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}">'
             f'<title id="{chart_id}-t">Calendar of heats and the forecast</title>'
             f'<desc id="{chart_id}-d">{escape(summary)}</desc>']
    for shade, span in zip(("#f3d9e3", "#e3a6bf"), bands, strict=False):
        parts.append(f'<rect x="{x(span.start):.1f}" y="{top}" height="{axis_y - top}"'
                     f' width="{max(2.0, x(span.end) - x(span.start)):.1f}" fill="{shade}">'
                     f'<title>{escape(span.label)}</title></rect>')
    for h in heats:
        colour = "#9aa3ad" if h.muted else "#b5446e"
        parts.append(f'<rect x="{x(h.start):.1f}" y="{top + 10}" height="{bar_h}"'
                     f' width="{max(3.0, x(h.end) - x(h.start)):.1f}" fill="{colour}">'
                     f'<title>{escape(h.label)}</title></rect>')
    parts.append(f'<line x1="{left}" x2="{d.width - right}" y1="{axis_y}" y2="{axis_y}"'
                 f' stroke="{INK}"/>')
    months = _months(first, last)
    room = (d.width - left - right) / max(1, len(months))
    every = max(1, -(-int(0.62 * d.font * 6 + 6) // max(1, int(room))))
    for n, m in enumerate(months):
        parts.append(f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{axis_y}" y2="{axis_y + 5}"'
                     f' stroke="{INK}"/>')
        if n % every == 0:
            parts.append(f'<text x="{x(m) + 3:.1f}" y="{axis_y + d.font + 8}"'
                         f' font-size="{d.font}" fill="{INK}">{m:%b %y}</text>')
    for n, (day, label) in enumerate(sorted(marks)):
        y = top - 12 - (n % 2) * (d.font + 4 if d.narrow else 0)
        anchor = "end" if x(day) > d.width * 0.7 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{y + 4}" y2="{axis_y}"'
                     f' stroke="#17324d" stroke-width="2" stroke-dasharray="4 3"/>'
                     f'<text x="{x(day) + dx:.1f}" y="{y}" font-size="{d.font}"'
                     f' text-anchor="{anchor}" fill="{INK}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
