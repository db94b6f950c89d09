"""Write src/troth/sim/names.tsv: given and family names with realistic frequencies.

Drawn once from Faker's locales (its US lists carry census frequencies; the others are
weighted evenly within the locale), each locale given a share of the population. The file
is kept in the repository so that a simulation's names depend on its seed, not on the
installed Faker. Run: python scripts/gen_names.py  (needs the dev extra's faker).
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

LOCALES = {"en_US": 0.40, "en_GB": 0.10, "de_DE": 0.10, "fr_FR": 0.08, "es_ES": 0.08,
           "it_IT": 0.06, "pl_PL": 0.06, "cs_CZ": 0.04, "pt_BR": 0.04, "sv_SE": 0.04}
OUT = Path(__file__).resolve().parent.parent / "src" / "troth" / "sim" / "names.tsv"


def _weighted(values: object) -> dict[str, float]:
    if hasattr(values, "items"):
        items = {str(k): float(v) for k, v in values.items()}  # type: ignore[attr-defined]
    else:
        items = {str(v): 1.0 for v in values}  # type: ignore[attr-defined]
    total = sum(items.values())
    return {k: v / total for k, v in items.items() if k.isalpha() or " " not in k}


def _lists(locale: str) -> tuple[dict[str, float], dict[str, float]]:
    p = importlib.import_module(f"faker.providers.person.{locale}").Provider
    given: dict[str, float] = defaultdict(float)
    for attr in ("first_names_female", "first_names_male"):
        for k, v in _weighted(getattr(p, attr, getattr(p, "first_names", ()))).items():
            given[k] += v / 2
    family = getattr(p, "unisex_last_names", None) or getattr(p, "male_last_names", None)
    return dict(given), _weighted(family if family else p.last_names)


def main() -> None:
    given: dict[str, float] = defaultdict(float)
    family: dict[str, float] = defaultdict(float)
    for locale, share in LOCALES.items():
        g, f = _lists(locale)
        for k, v in g.items():
            given[k.strip()] += v * share
        for k, v in f.items():
            family[k.strip()] += v * share
    lines = ["kind\tname\tweight"]
    for kind, table in (("given", given), ("family", family)):
        for name, w in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
            if name and "\t" not in name:
                lines.append(f"{kind}\t{name}\t{w:.9f}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(given)} given, {len(family)} family names")


if __name__ == "__main__":
    main()
