"""Projections of the marriage events onto `marriages` and `marriage_petitions`."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, update

from troth.domain import marriage as m
from troth.store.projections.statements import typed
from troth.store.tables import marriage as tm

_m, _p = tm.marriages.c, tm.marriage_petitions.c
_NOTICE = insert(tm.marriages)
_SPOUSE = {1: _m.spouse1_id, 2: _m.spouse2_id}
_CONSENT = {
    n: (update(tm.marriages).where(_m.id == bindparam("mid"), _SPOUSE[n] == bindparam("pid"))
        .values({f"spouse{n}_consent_on": typed(_m.spouse1_consent_on, "v_on"),
                 f"spouse{n}_attested_by": typed(_m.spouse1_attested_by, "v_by")}))
    for n in (1, 2)}
_WITHDRAWN = (update(tm.marriages).where(_m.id == bindparam("mid")).values(status="withdrawn"))
_SOLEMNISED = (update(tm.marriages).where(_m.id == bindparam("mid"))
               .values(status="solemnised", officiant_id=typed(_m.officiant_id, "v_off"),
                       witnesses=typed(_m.witnesses, "v_wit"),
                       solemnised_on=typed(_m.solemnised_on, "v_on"),
                       certificate_code=typed(_m.certificate_code, "v_code"),
                       ledger_seq=typed(_m.ledger_seq, "v_seq")))
_PETITION = insert(tm.marriage_petitions)
_DECIDED = (update(tm.marriage_petitions).where(_p.id == bindparam("pid"))
            .values(status=typed(_p.status, "v_status"), decided_on=typed(_p.decided_on, "v_on"),
                    reasons=typed(_p.reasons, "v_reasons")))
_DISSOLVED = (update(tm.marriages).where(_m.id == bindparam("mid"))
              .values(status="dissolved", dissolved_on=typed(_m.dissolved_on, "v_on")))


def marriage_consent_recorded(conn: Connection, e: m.MarriageConsentRecorded, _seq: int) -> None:
    """The first consent of a pair opens the record (its notice); the second completes it."""
    if e.notice:
        conn.execute(_NOTICE, {
            "id": e.marriage_id, "spouse1_id": e.person_id, "spouse2_id": e.partner_id,
            "spouse1_consent_on": e.on, "spouse1_attested_by": e.attested_by,
            "status": "intended", "witnesses": [], "certificate_code": ""})
        return
    for n in (1, 2):  # the one whose spouse the person is
        conn.execute(_CONSENT[n], {"mid": e.marriage_id, "pid": e.person_id, "v_on": e.on,
                                   "v_by": e.attested_by})


def marriage_consent_withdrawn(conn: Connection, e: m.MarriageConsentWithdrawn,
                               _seq: int) -> None:
    """The notice lapses; the consents given stay on the record, as given."""
    conn.execute(_WITHDRAWN, {"mid": e.marriage_id})


def marriage_solemnised(conn: Connection, e: m.MarriageSolemnised, seq: int) -> None:
    conn.execute(_SOLEMNISED, {"mid": e.marriage_id, "v_off": e.officiant_id,
                               "v_wit": list(e.witnesses), "v_on": e.on,
                               "v_code": e.certificate_code, "v_seq": seq})


def dissolution_petitioned(conn: Connection, e: m.DissolutionPetitioned, _seq: int) -> None:
    conn.execute(_PETITION, {
        "id": e.petition_id, "marriage_id": e.marriage_id, "petitioner_id": e.petitioner_id,
        "grounds": e.grounds, "evidence": e.evidence, "attested_by": e.attested_by,
        "filed_on": e.on, "status": "filed", "reasons": ""})


def dissolution_decided(conn: Connection, e: m.DissolutionDecided, _seq: int) -> None:
    conn.execute(_DECIDED, {"pid": e.petition_id,
                            "v_status": "granted" if e.granted else "refused",
                            "v_on": e.on, "v_reasons": e.reasons})
    if e.granted:
        conn.execute(_DISSOLVED, {"mid": e.marriage_id, "v_on": e.dissolved_on})
