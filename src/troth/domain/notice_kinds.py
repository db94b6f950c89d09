"""The kinds of event that tell someone (the keys of troth.domain.notices.NOTICES), apart
from the table itself: every recorded event is checked against this set, and only an event
that tells someone loads the table and its words (tests/domain/test_notices.py keeps the two
equal)."""

from __future__ import annotations

KINDS: frozenset[str] = frozenset({
    "annulment_decided", "annulment_petitioned", "bond_sealed", "ceremony_scheduled",
    "consent_recorded", "courtship_ended", "guardian_acknowledged", "guardian_appointed",
    "health_share_used", "health_shared", "incident_reported", "introduction_proposed",
    "invitation_issued", "visit_cancelled", "visit_scheduled", "welfare_review_decided",
})
