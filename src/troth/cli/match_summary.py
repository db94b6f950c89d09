"""`troth match city`'s summary: tables on the console, or JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.table import Table

from troth.cli.common import console

__all__ = ["report"]


def report(
    result: Any, json_out: bool, written: str | None, extra: dict[str, Any] | None = None
) -> None:
    from troth.match.report import stated_line, summary

    data = summary(result)
    data["written_to"] = written
    data.update(extra or {})
    if json_out:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    head = Table(title="City matching", show_header=False)
    sizes = ", ".join(f"{n:,} {side}s" for side, n in data["eligible"].items())
    recall = (
        "exact scoring"
        if data["recall"] is None
        else (
            f"{data['recall']:.4f} (proposers), {data['receiver_recall']:.4f} (receivers),"
            " on a sample against exact scoring"
        )
    )
    for label, value in (
        ("eligible", sizes), ("proposing", f"{data['proposers']}s"),
        ("lists", f"top {data['top_k']} by mutual compatibility ({data['method']})"),
        ("pairs", f"{data['pairs']:,}"), ("share matched", f"{data['share_matched']:.1%}"),
        ("top-k recall", recall),
        *([("stated preferences", stated_line(data["stated_preferences"]))]
          if data["stated_preferences"] else []),
        ("time", ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in data["timings_s"].items())),
        ("introductions", f"written to {written}, awaiting each Omega's consent"
         if written else "none written (dry run)"),
    ):  # fmt: skip
        head.add_row(label, value)
    console.print(head)
    ranks = Table(title="Rank of the partner in each person's own list")
    ranks.add_column("rank", justify="right")
    for side in data["partner_rank"]:
        ranks.add_column(side.replace("_", " "), justify="right")
    by = list(data["partner_rank"].values())
    for i, band in enumerate(by[0]):
        cells = [f"{b[i]['people']:,} ({b[i]['share']:.0%})" if i < len(b) else "" for b in by]
        ranks.add_row(band["rank"], *cells)
    console.print(ranks)
