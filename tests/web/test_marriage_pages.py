"""Marriage pages on the demo world, where Han and Leia are married: the spouses and the
officiant see the marriage (with links only where allowed), their son does not; consents,
solemnisation, a petition and the registrar's decision go through the page forms."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.web.client import ApiClient
from tests.web.demo_site import DemoSite, demo_site, signed_in

TODAY = "2026-11-25"


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def _post(client: ApiClient, form: str, query: str, **data: str) -> Any:
    client.get(f"/do/{form}?{query}")  # the page's own csrf_token
    return client.post(f"/do/{form}", data={**data, "csrf_token": client.csrf})


def test_the_spouses_and_the_officiant_see_the_marriage_and_their_son_does_not(
        site: DemoSite) -> None:
    ids = site.ids
    (m,) = site.registry.queries.marriages.of_person(ids["leia"])
    with signed_in(site.app, "leia") as leia:
        own = leia.get(f"/people/{ids['leia']}").text
        assert f'href="/marriages/{m.id}"' in own and "Marriages" in own
        html = leia.get(f"/marriages/{m.id}").text
        assert "Lor San Tekka" in html and m.certificate_code in html
        assert "A genuine certificate" in html
        assert "/do/petition_dissolution" in html
        pdf = leia.get(f"/marriages/{m.id}/certificate.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        text = pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        assert "Certificate of Marriage" in text and "Han Solo" in text
        assert m.certificate_code in text and "Lor San Tekka" in text
    with signed_in(site.app, "tekka") as tekka:
        html = tekka.get(f"/marriages/{m.id}").text
        assert m.certificate_code in html and "/do/petition_dissolution" not in html
    with signed_in(site.app, "ben") as ben:
        assert ben.get(f"/marriages/{m.id}").status_code == 404
        assert ben.get(f"/marriages/{m.id}/certificate.pdf").status_code == 404
        assert f"/marriages/{m.id}" not in ben.get(f"/people/{ids['ben']}").text


def test_the_public_verify_page_checks_a_marriage_certificate(site: DemoSite) -> None:
    (m,) = site.registry.queries.marriages.of_person(site.ids["han"])
    with signed_in(site.app, "ben") as anyone:
        anyone.get("/verify")
        html = anyone.post("/verify", data={"code": m.certificate_code.lower(),
                                            "csrf_token": anyone.csrf}).text
        assert "Genuine." in html and f"marriage #{m.id} of Leia Organa and Han Solo" in html
        forged = anyone.post("/verify", data={"code": "AAAA-BBBB-CCCC-DDDD",
                                              "csrf_token": anyone.csrf}).text
        assert "Not verified." in forged and "No bond or marriage" in forged


def test_a_marriage_through_the_page_forms_from_consent_to_dissolution(
        site: DemoSite) -> None:
    ids = site.ids
    ada, tobias, leia = str(ids["ada"]), str(ids["tobias"]), ids["leia"]
    with signed_in(site.app, "clerk") as clerk:
        refused = _post(clerk, "marriage_consent", f"person_id={leia}",
                        person_id=str(leia), partner_id=tobias, on=TODAY)
        assert refused.status_code == 422 and "is married on" in refused.text
        first = _post(clerk, "marriage_consent", f"person_id={ada}",
                      person_id=ada, partner_id=tobias, on=TODAY)
        assert first.status_code == 303, first.text
        mid = int(first.headers["location"].rsplit("/", 1)[-1])
        assert _post(clerk, "marriage_consent", f"person_id={tobias}", person_id=tobias,
                     partner_id=ada, on=TODAY).status_code == 303
    with signed_in(site.app, "tekka") as tekka:
        done = _post(tekka, "solemnise_marriage", f"marriage_id={mid}",
                     marriage_id=str(mid), witnesses="Han Solo, Leia Organa", on=TODAY)
        assert done.status_code == 303, done.text
    found = site.registry.queries.marriages.marriage(mid)
    assert found.status == "solemnised" and found.officiant_id == ids["tekka"]
    words = [h.text for h in site.registry.queries.people.history(ids["ada"])]
    assert any("given in person at the office" in w for w in words), words
    with signed_in(site.app, "leia") as leia_client:
        (own,) = site.registry.queries.marriages.of_person(leia)
        filed = _post(leia_client, "petition_dissolution", f"marriage_id={own.id}",
                      marriage_id=str(own.id), grounds="mutual_wish", evidence="", on=TODAY)
        assert filed.status_code == 303, filed.text
    (petition,) = site.registry.queries.marriages.petitions(marriage_id=own.id)
    with signed_in(site.app, "clerk") as clerk:
        assert f"/marriages/{own.id}#petition-{petition.id}" in clerk.get("/").text
        assert "/do/decide_dissolution" in clerk.get(f"/marriages/{own.id}").text
        decided = _post(clerk, "decide_dissolution", f"petition_id={petition.id}",
                        petition_id=str(petition.id), granted="yes", reasons="both heard",
                        on=TODAY, dissolve_on="")
        assert decided.status_code == 303, decided.text
    assert site.registry.queries.marriages.marriage(own.id).dissolved_on is not None
