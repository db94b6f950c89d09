"""A crawler: every demo account signs in and follows every link it is shown, and none
leads to a 403, a 404 or a 5xx — a name is a link only where the viewer may open it.

Real HTTP against the app (httpx over ASGI) on a real SQLite file with the whole demo world
loaded (today's courtship included). Each route template (ids normalised: /people/{id}) is
followed once per account, so the crawl stays short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.store_access import reader
from tests.web.client import ApiClient
from tests.web.demo_site import demo_site as demo_world
from tests.web.demo_site import signed_in
from troth.demo.world import DEMO_ACCOUNTS
from troth.domain.policy import Relation as R
from troth.store.reads.relations import relations

HREF = re.compile(r'href="([^"#]*)"')
SKIP = ("/static/", "/logout", "/login")
# What a record should never read as: a machine's date and time, or a rule's code name.
RAW = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[a-z]+_[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
              ) -> Iterator[Any]:
    with demo_world(tmp_path_factory.mktemp("crawl"), sqlite_template, present=True) as site:
        yield site


def visible(html: str) -> str:
    """The text a reader sees: no tags (so no attribute values, no input's value)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def template_of(url: str) -> str:
    """/people/12?as_of=2026-01-01 → /people/{id}?as_of: one visit per route and query."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/{id}", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def links(html: str) -> list[str]:
    out = []
    for raw in HREF.findall(html):
        url = raw.replace("&amp;", "&")
        if url.startswith("/") and not url.startswith("//") and not url.startswith(SKIP):
            out.append(url)
    return out


def crawl(client: ApiClient) -> tuple[dict[str, int], list[str]]:
    """Breadth first from the dashboard: every link shown is followed (its status checked);
    the pages of each route template are read for further links (and for raw dates and
    rule codes in their text) once. Answers the status
    of each URL followed, and the failures as "where it was shown → the link: status"."""
    status: dict[str, int] = {}
    expanded: set[str] = set()
    failures: list[str] = []
    queue: list[tuple[str, str]] = [("(start)", "/")]
    while queue:
        origin, url = queue.pop(0)
        if url in status:
            continue
        r = client.get(url)
        status[url] = r.status_code
        if r.status_code in (403, 404) or r.status_code >= 500:
            failures.append(f"{origin} → {url}: {r.status_code}")
            continue
        key = template_of(url)
        if key in expanded or not r.headers.get("content-type", "").startswith("text/html"):
            continue
        expanded.add(key)
        failures.extend(f"{url} reads {m.group(0)!r}" for m in RAW.finditer(visible(r.text)))
        queue.extend((url, link) for link in links(r.text))
    return status, failures


def test_template_of_names_a_route_once_whatever_its_ids() -> None:
    assert template_of("/people/12") == template_of("/people/7") == "/people/{id}"
    assert template_of("/bonds/3/certificate.pdf") == "/bonds/{id}/certificate.pdf"
    assert (template_of("/do/record_consent?courtship_id=4&stage=courtship")
            == "/do/record_consent?courtship_id&stage")


@pytest.mark.parametrize("username", [a[0] for a in DEMO_ACCOUNTS])
def test_every_link_a_demo_account_is_shown_leads_somewhere(demo_site: Any,
                                                            username: str) -> None:
    with signed_in(demo_site.app, username) as client:
        seen, failures = crawl(client)
    assert "/" in seen and len(seen) > 3, seen
    assert not failures, "\n".join(failures)


def _dashboard(app: Any, username: str) -> str:
    with signed_in(app, username) as client:
        return client.get("/").text


def test_a_bonded_partner_is_a_link_and_a_courting_partner_is_plain_text(
        demo_site: Any) -> None:
    ben = _dashboard(demo_site.app, "ben")  # bonded to Rey (#6): he may read her public record
    assert 'href="/people/6"' in ben
    poe = _dashboard(demo_site.app, "poe")  # courting Jannah (#12): her name, no link
    assert "Jannah" in poe and 'href="/people/12"' not in poe


def test_the_store_computes_bonded_for_a_bond_in_force_and_nothing_for_a_courtship(
        demo_site: Any) -> None:
    reg, ids = demo_site.registry, demo_site.ids
    today = reg.clock.today()
    with reader(reg) as conn:
        assert relations(conn, ids["ben"], "person", (ids["rey"],), today) == {R.BONDED}
        assert relations(conn, ids["rey"], "person", (ids["ben"],), today) == {R.BONDED}
        assert relations(conn, ids["poe"], "person", (ids["jannah"],), today) == set()
