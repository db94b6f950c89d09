""""Who read my record" in the pages (issue 16): the Omega's own list of every use of her
health record, linked from her health page and from the inbox notice that a person she
shares with read it (whose link was a 404 before the page existed); anyone else, the
physician she shares with included, gets the policy's 404 and no link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.demo_site import DemoSite, demo_site, signed_in


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def test_the_omega_sees_who_read_her_record_and_no_one_else_does(site: DemoSite) -> None:
    rey = site.ids["rey"]
    reads = f"/people/{rey}/health/reads"
    with signed_in(site.app, "kalonia") as doc:
        page = doc.get(f"/people/{rey}/health")
        assert page.status_code == 200
        assert reads not in page.text
        assert doc.get(reads).status_code == 404
    with signed_in(site.app, "rey") as her:
        assert f'href="{reads}"' in her.get(f"/people/{rey}/health").text
        told = [n for n in her.get("/api/v1/inbox").json()["items"]
                if n["kind"] == "health_share_used"]
        assert told and told[0]["href"] == reads
        page = her.get(reads)
        assert page.status_code == 200, page.text
        rows = [re.sub(r"<[^>]+>", "|", r) for r in
                re.findall(r"<tr>.*?</tr>", page.text, re.DOTALL)]
        kalonia = [r for r in rows if "|Harter Kalonia|" in r]
        assert any("|read|" in r and "GET /people/{person_id}/health|" in r for r in kalonia)
        assert any("— refused" in r for r in kalonia)  # her try at the list itself
