"""Records read as text: dates and times in words, rule names as words, future Visits under
"coming up", and only the actions that can apply (on the demo world, as its clerk)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.demo_site import DemoSite, demo_site, signed_in
from troth.web.pages.wording import RULE_TITLES, prose, rule

ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T| \d)")  # a date with a time, as the machine writes it
CODE = re.compile(r"\b[a-z]+(_[a-z]+){2,}\b")  # min_visits_before_bonding and the like


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
         ) -> Iterator[DemoSite]:
    with demo_site(tmp_path_factory.mktemp("text"), sqlite_template, present=True) as s:
        yield s


def visible(html: str) -> str:
    """The text a reader sees: no tags (so no attribute values), no script."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_prose_writes_dates_times_and_rule_names_in_words() -> None:
    text = "the waiver of 'min_visits_before_bonding' was granted on 2026-03-21 at 2026-03-21T19:00"
    assert prose(text) == ("the waiver of the custom of Visits before a bonding was granted on"
                           " 21 March 2026 at 21 March 2026, 19:00")
    assert prose("typed 2026-02-31") == "typed 2026-02-31"  # not a date: left as typed
    assert rule("min_visits_before_bonding") == RULE_TITLES["min_visits_before_bonding"]
    assert rule("an_unknown_rule") == "an unknown rule"


def _get(site: DemoSite, user: str, url: str) -> str:
    with signed_in(site.app, user) as client:
        r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    return r.text


def test_a_courtship_page_reads_as_text_with_the_visits_ahead_under_coming_up(
        site: DemoSite) -> None:
    html = _get(site, "clerk", "/courtships/2")  # Poe and Jannah, a month in
    text = visible(html)
    assert not ISO.search(text) and not CODE.search(text), (ISO.search(text), CODE.search(text))
    assert "the custom of Visits before a bonding" in text
    coming, past = text.split("Coming up", 1)[1].split("Held and past", 1)
    assert "27 November 2026, 11:00" in coming and "30 November 2026, 19:00" in coming
    assert "4 November 2026, 17:00" in past and "27 November" not in past
    assert "awaiting report" in past  # the walk two days ago, not yet reported


def test_a_persons_timeline_puts_what_is_ahead_under_coming_up_not_at_the_top_of_the_past(
        site: DemoSite) -> None:
    text = visible(_get(site, "clerk", f"/people/{site.ids['jannah']}"))
    assert not ISO.search(text), ISO.search(text)
    timeline = text.split("Timeline", 1)[1]
    coming, recorded = timeline.split("Coming up", 1)[1].split("Recorded", 1)
    assert "scheduled for 27 November 2026, 11:00" in coming
    assert "27 November 2026" not in recorded and "25 November 2026" not in coming


def test_guardianship_actions_are_offered_only_where_they_can_apply(site: DemoSite) -> None:
    bonded = visible(_get(site, "clerk", f"/people/{site.ids['rey']}"))  # a bonded adult
    for label in ("Appoint a guardian", "Transfer the guardianship", "End the guardianship"):
        assert label not in bonded
    ward = visible(_get(site, "clerk", f"/people/{site.ids['jannah']}"))  # under Maz
    assert "Transfer the guardianship" in ward and "End the guardianship" in ward
    assert "Appoint a guardian" not in ward and "Record a presentation" not in ward


def test_an_alpha_has_no_guardianship_actions_and_a_party_none_at_all(site: DemoSite) -> None:
    alpha = visible(_get(site, "clerk", f"/people/{site.ids['poe']}"))
    assert "Record a death" in alpha
    for label in ("Appoint a guardian", "Transfer the guardianship", "End the guardianship"):
        assert label not in alpha
    own = visible(_get(site, "jannah", f"/people/{site.ids['jannah']}"))
    assert "Record a death" not in own and "Transfer the guardianship" not in own


def test_a_visit_report_is_offered_once_the_visit_has_started_not_before(
        site: DemoSite) -> None:
    court = site.registry.queries.courtships.courtship(2)
    scheduled = sorted((v for v in court.visits if v.status.value == "scheduled"),
                       key=lambda v: v.starts_at)
    past, ahead = scheduled[0], scheduled[-1]  # two days ago, unreported; in five days
    assert "File the Visit report" in _get(site, "ada", f"/visits/{past.id}")
    assert "File the Visit report" not in _get(site, "ada", f"/visits/{ahead.id}")
