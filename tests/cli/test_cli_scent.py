"""`troth person scent` (a physician the person chose records or re-measures her scent) and
`troth heats finding --kind no_heats_expected|no_heats_withdrawn` (the registry's forecast
reads it): bad input exits 2 with the reason, never a traceback."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.cli.test_cli_health_access import TODAY, troth
from tests.conftest import FixedClock
from tests.registry.helpers import add

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.domain.policy import Role


@pytest.fixture
def clinic(db_url: str) -> Any:
    """Rey (an Omega) who chose Kalonia as her physician; Maz, whom she did not choose."""
    reg = build_registry(db_url, clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    p: dict[str, Any] = {"rey": add(reg, "Rey", date(2006, 3, 1), "omega"),
                         "kalonia": add(reg, "Harter Kalonia", date(1965, 1, 1), "beta"),
                         "maz": add(reg, "Maz Kanata", date(1950, 1, 1), "beta")}
    reg.execute(c.ShareHealth(p["rey"], p["kalonia"], "physician"))
    reg.queries.accounts.create("clerk", "x", None,  # type: ignore[attr-defined]
                                [(Role.REGISTRAR, "")])
    p["reg"], p["db"] = reg, db_url
    yield p
    reg.close()


def test_the_physician_she_chose_records_her_scent_from_the_cli(clinic: Any) -> None:
    rey, doc = str(clinic["rey"]), str(clinic["kalonia"])
    r = troth(clinic["db"], "person", "scent", rey, "--by", doc, "--on", "2026-11-01",
              "--gives", "0.3,0.7", "--draws", "0.7,0.3", "--notes", "linen")
    assert r.returncode == 0, r.stderr
    assert f"scent signature of #{rey} recorded by #{doc} on 2026-11-01" in r.stdout
    assert clinic["reg"].queries.people.person(clinic["rey"]).scent.gives == (0.3, 0.7)


@pytest.mark.parametrize(("args", "words"), [
    (("--by", "MAZ", "--gives", "0.3,0.7", "--draws", "0.7,0.3"), "a physician the person"
     " chose"),
    (("--by", "DOC", "--gives", "0.3,0.7", "--draws", "0.7"), "must have the same length"),
    (("--by", "DOC", "--gives", "0.3,x", "--draws", "0.7,0.3"), "is not a comma-separated"),
])
def test_a_refused_or_bad_scent_exits_2_with_the_reason(clinic: Any, args: tuple[str, ...],
                                                        words: str) -> None:
    before = clinic["reg"].queries.people.person(clinic["rey"]).scent
    args = tuple(str(clinic["maz"]) if a == "MAZ" else str(clinic["kalonia"]) if a == "DOC"
                 else a for a in args)
    r = troth(clinic["db"], "person", "scent", str(clinic["rey"]), "--on", "2026-11-01", *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert words in r.stdout + r.stderr and "Traceback" not in r.stderr
    assert clinic["reg"].queries.people.person(clinic["rey"]).scent == before


def test_a_no_heats_finding_from_the_cli_changes_the_forecast_until_withdrawn(
        clinic: Any) -> None:
    rey, doc, db = str(clinic["rey"]), str(clinic["kalonia"]), clinic["db"]

    def forecast() -> str:
        r = troth(db, "heats", "forecast", rey, "--as", rey)
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert "No heats are expected" not in forecast()
    r = troth(db, "heats", "finding", rey, "--by", doc, "--on", "2026-11-01", "--text",
              "underweight", "--kind", "no_heats_expected")
    assert r.returncode == 0, r.stderr
    assert "No heats are expected" in forecast()
    bad = troth(db, "heats", "finding", rey, "--by", doc, "--on", "2026-11-01", "--text", "x",
                "--kind", "barren")
    assert bad.returncode == 2 and "a finding's kind is one of" in bad.stdout + bad.stderr
    r = troth(db, "heats", "finding", rey, "--by", doc, "--on", "2026-11-20", "--text",
              "recovered", "--kind", "no_heats_withdrawn")
    assert r.returncode == 0, r.stderr
    assert "No heats are expected" not in forecast()
