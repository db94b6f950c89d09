"""The scan's Splink model: the same comparisons as registration's check
(troth.domain.linkage), as SQL levels, and the blocking rules that choose the pairs."""

from __future__ import annotations

from typing import Any

from troth.domain import linkage as lk

NEAR_DAYS = 31


def _level(sql: str, label: str, null: bool = False, *, m: float | None = None,
           u: float | None = None) -> dict[str, Any]:
    """A level; m or u given are set, not trained (domain knowledge, or too rare to see)."""
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label,
                             "is_null_level": null}
    if m is not None:
        level.update(m_probability=m, fix_m_probability=True)
    if u is not None:
        level.update(u_probability=u, fix_u_probability=True)
    return level


def _null(col: str) -> dict[str, Any]:
    return _level(f'"{col}_l" IS NULL OR "{col}_r" IS NULL', "unknown", null=True)


def _m(table: tuple[lk.Level, ...], level: str) -> float:
    return next(m for name, _label, m, _u in table if name == level)


# A name carried by another name (a work name registered as the legal name) counts as the
# same name: Splink compares columns independently, so the "through another name" evidence
# is folded into the name levels rather than added beside them.
_VIA_OTHER = ("len(list_intersect(others_l, names_r)) > 0"
              " OR len(list_intersect(names_l, others_r)) > 0")


def _name(col: str, what: str, table: tuple[lk.Level, ...]) -> dict[str, Any]:
    jw = f'jaro_winkler_similarity("{col}_l", "{col}_r")'
    return {"output_column_name": col, "comparison_levels": [
        _null(col),
        _level(f'"{col}_l" = "{col}_r" OR {_VIA_OTHER}', f"same {what}", m=_m(table, "exact")),
        _level(f"{jw} >= 0.92", f"{what} similar", m=_m(table, "close")),
        _level(f"{jw} >= 0.8", f"{what} alike", m=_m(table, "like")),
        _level("ELSE", f"{what}s differ", m=_m(table, "other")),
    ]}


def _exact(col: str, same: str, differ: str, table: tuple[lk.Level, ...]) -> dict[str, Any]:
    return {"output_column_name": col, "comparison_levels": [
        _null(col), _level(f'"{col}_l" = "{col}_r"', same, m=_m(table, "same")),
        _level("ELSE", differ, m=_m(table, "other"))]}


# The m probabilities are registration's (troth.domain.linkage): set from what a duplicate
# looks like, not learnt by EM, which on a registry mistakes twins (same parents, family
# name, birth date and district) for duplicates. u and the prior are trained on the registry.
COMPARISONS: list[dict[str, Any]] = [
    _name("given", "given name", lk.GIVEN),
    _name("family", "family name", lk.FAMILY),
    {"output_column_name": "born", "comparison_levels": [
        _null("born"),
        _level("born_l = born_r", "same birth date", m=_m(lk.BORN, "exact")),
        _level("born_l = born_swapped_r", "birth day and month swapped",
               m=_m(lk.BORN, "swapped")),
        _level(f"abs(date_diff('day', CAST(born_l AS DATE), CAST(born_r AS DATE)))"
               f" <= {NEAR_DAYS}", "birth date near", m=_m(lk.BORN, "near")),
        _level("ELSE", "birth dates differ", m=_m(lk.BORN, "other")),
    ]},
    {"output_column_name": "parents", "comparison_levels": [
        _level("len(parents_l) = 0 OR len(parents_r) = 0", "unknown", null=True),
        # Siblings share parents, a family name and (twins) a birth date: only the given
        # name tells them apart, so a parent in common is two levels.
        _level("len(list_intersect(parents_l, parents_r)) > 0"
               f" AND (jaro_winkler_similarity(given_l, given_r) >= 0.8 OR {_VIA_OTHER})",
               "a parent in common", m=0.9, u=0.00002),
        _level("len(list_intersect(parents_l, parents_r)) > 0",
               "siblings (a parent in common, given names differ)", m=1e-7, u=0.00002),
        _level("ELSE", "different parents", m=0.1),
    ]},
    _exact("district", "same district", "moved district", lk.DISTRICT),
    _exact("designation", "same designation", "different designation", lk.DESIGNATION),
]

BLOCKING = [
    "l.born = r.born",
    "l.born = r.born_swapped",
    "l.given = r.given AND l.family = r.family",
]
# For the prior: pairs these rules admit are almost all true duplicates.
DETERMINISTIC = ["l.given = r.given AND l.family = r.family AND l.born = r.born"]


def settings(prior: float = 1e-6) -> dict[str, Any]:
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": BLOCKING,
        "comparisons": COMPARISONS,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": True,  # mw_ columns: the why
    }


def labels() -> dict[str, list[str]]:
    """Per comparison, the label of each gamma value (index = gamma; null levels out)."""
    out = {}
    for comp in COMPARISONS:
        levels = [lv["label_for_charts"] for lv in comp["comparison_levels"]
                  if not lv.get("is_null_level")]
        out[comp["output_column_name"]] = list(reversed(levels))
    return out
