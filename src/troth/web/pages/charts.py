"""Bar charts drawn on the server as inline SVG: no JavaScript, no chart library, no CDN.

Each chart is an <svg role="img"> with a <title> and a <desc> that says what it shows in
words; every bar carries its own <title> (the number, on hover and to screen readers
that browse the graphic). The page puts the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

INK, GRID, MUTED = "#1b1f24", "#d5dbe1", "#4a5561"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str


def _nice_max(value: int) -> int:
    """The smallest 1-2-5 step at or above value (so the axis reads in round numbers)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def _axis(top: int, x0: float, x1: float, y0: float, h: float) -> list[str]:
    out = []
    for k in range(5):
        v = top * k / 4
        y = y0 - h * k / 4
        label = f"{v:,.0f}" if top >= 4 or v == int(v) else f"{v:.1f}"
        out.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12"'
                   f' fill="{MUTED}">{label}</text>')
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
    top_value = _nice_max(max(totals, default=0) or 1)
    slot = plot_w / max(1, len(labels))
    bar = min(56.0, slot * 0.7)
    y0 = float(top + plot_h)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
             f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}">'
             f'<title id="{chart_id}-t">{escape(title)}</title>'
             f'<desc id="{chart_id}-d">{escape(summary)}</desc>']
    parts += _axis(top_value, left, width - right, y0, plot_h)
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
