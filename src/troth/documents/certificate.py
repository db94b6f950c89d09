"""The bonding and marriage certificates as PDFs (fpdf2), with their verification codes."""

from __future__ import annotations

from fpdf import FPDF
from unidecode import unidecode

from troth.domain.notices import when
from troth.registry.views import CertificateCheck, MarriageCertificateCheck


def _latin(text: str) -> str:
    """The PDF core fonts cover Latin-1; anything beyond is transliterated, not dropped."""
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        return unidecode(text)


def sealed_when(check: CertificateCheck) -> str:
    """The day the bond was sealed in words; sealed on the ceremony's day, with the
    ceremony's time and place where given: "21 March 2026, 15:00, Registry hall, Jakku"."""
    assert check.bond is not None
    sealed = check.bond.sealed_on
    if check.ceremony_on != sealed:
        return when(sealed)
    return ", ".join(p for p in (when(sealed), check.ceremony_at, check.ceremony_place) if p)


def certificate_pdf(check: CertificateCheck, code: str) -> bytes:
    if not check.valid or check.bond is None:
        raise ValueError("only a verified bond gets a certificate")
    bond = check.bond
    return _certificate("Certificate of Bonding", [
        f"The civil registry records the bond of {check.names[0]} and {check.names[1]},",
        f"sealed on {sealed_when(check)} before the officiant {check.officiant},",
        f"in the presence of {', '.join(check.witnesses)}.",
        "",
        f"Household: {bond.household}",
        f"Registry bond number: {bond.id}",
        "",
        "Both parties' own consent to this bonding is recorded in the registry's ledger.",
    ], code, "troth certificate verify CODE")


def marriage_certificate_pdf(check: MarriageCertificateCheck, code: str) -> bytes:
    marriage = check.marriage
    if not check.valid or marriage is None or marriage.solemnised_on is None:
        raise ValueError("only a verified marriage gets a certificate")
    return _certificate("Certificate of Marriage", [
        f"The civil registry records the marriage of {check.names[0]} and {check.names[1]},",
        f"solemnised on {marriage.solemnised_on.isoformat()} before the officiant"
        f" {check.officiant},",
        f"in the presence of {', '.join(check.witnesses)}.",
        "",
        f"Registry marriage number: {marriage.id}",
        "",
        "Each spouse's own consent to this marriage is recorded in the registry's ledger.",
    ], code, "troth marriage verify CODE")


def _certificate(title: str, lines: list[str], code: str, verify: str) -> bytes:
    """One A4 page: the title, the record in words, its verification code and how to check it."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("troth civil registry")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 20, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    for line in lines:
        pdf.multi_cell(0, 8, _latin(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("Courier", "B", 16)
    pdf.cell(0, 12, f"Verification code: {code}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 6, "Check this code on the registry's public verification page or with"
                   f" `{verify}`. A code that does not verify means the"
                   " certificate must not be relied on.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
