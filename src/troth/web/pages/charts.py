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


def _axis(top: int, step: int, x0: float, x1: float, y0: float, h: float) -> list[str]:
    out = []
    for v in range(0, top + 1, step):
        y = y0 - h * v / top
        out.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12"'
                   f' fill="{MUTED}">{v:,}</text>')
    return out


def _legend(series: list[Series], x: float, y: float) -> list[str]:
    out, cx = [], x
    for s in series:
        out.append(f'<rect x="{cx}" y="{y - 10}" width="12" height="12" fill="{s.colour}"/>'
                   f'<text x="{cx + 17}" y="{y}" font-size="13" fill="{INK}">'
                   f'{escape(s.name)}</text>')
        cx += 30 + 7.5 * len(s.name)
    return out


def bar_chart(chart_id: str, title: str, summary: str, labels: list[str],
              series: list[Series], width: int = 680, height: int = 280) -> Markup:
    """Stacked bars, one stack per label; a legend when there is more than one series."""
    left, right, top, bottom = 52, 12, 34 if len(series) > 1 else 14, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top_value, step = scale(max(totals, default=0))
    slot = plot_w / max(1, len(labels))
    bar = min(56.0, slot * 0.7)
    y0 = float(top + plot_h)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
             f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}">'
             f'<title id="{chart_id}-t">{escape(title)}</title>'
             f'<desc id="{chart_id}-d">{escape(summary)}</desc>']
    parts += _axis(top_value, step, left, width - right, y0, plot_h)
    if len(series) > 1:
        parts += _legend(series, left, 16)
    every = max(1, int(len(labels) / (plot_w / 46)) + 1)  # thin the labels when crowded
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
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y0 + 18}" text-anchor="middle"'
                         f' font-size="12" fill="{INK}">{escape(label)}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y0}" y2="{y0}" stroke="{INK}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


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
    labelled lines (the bond, today, the most likely start)."""
    width, height, left, right = 960, 150, 12, 12
    top, bar_h, axis_y = 28, 44, 110
    days = max(1, (last - first).days)

    def x(d: date) -> float:
        return left + (width - left - right) * (d - first).days / days

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
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
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}"'
                 f' stroke="{INK}"/>')
    for m in _months(first, last):
        parts.append(f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{axis_y}" y2="{axis_y + 5}"'
                     f' stroke="{INK}"/><text x="{x(m) + 3:.1f}" y="{axis_y + 20}"'
                     f' font-size="12" fill="{INK}">{m:%b %y}</text>')
    for day, label in marks:
        parts.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{top - 8}" y2="{axis_y}"'
                     f' stroke="#17324d" stroke-width="2" stroke-dasharray="4 3"/>'
                     f'<text x="{x(day) + 4:.1f}" y="{top - 12}" font-size="12" fill="{INK}">'
                     f'{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
