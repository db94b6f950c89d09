"""Verdicts: every judgement names its rule and gives a sentence; a refusal always wins."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.errors import Refused
from troth.domain.verdicts import Finding, Outcome, Verdict, judge, refuse

findings = st.lists(st.builds(Finding, st.sampled_from(["omega_consent", "both_adults",
                                                        "min_visits_before_bonding"]),
                              st.text(min_size=1, max_size=30)), max_size=4)


@settings(max_examples=40, deadline=None)
@given(findings, findings)
def test_a_verdict_is_allowed_iff_it_has_no_refusing_or_waivable_finding(
        refusals: list[Finding], waivable: list[Finding]) -> None:
    v = judge(refusals, waivable)
    assert v.ok == (not refusals and not waivable)
    if refusals:  # every finding: the safeguards first, then the customs (issue 14 #3)
        assert v.outcome is Outcome.REFUSED and v.findings == (*refusals, *waivable)
    elif waivable:
        assert v.outcome is Outcome.NEEDS_WAIVER and v.findings == tuple(waivable)


@settings(max_examples=40, deadline=None)
@given(findings.filter(bool), findings)
def test_a_safeguard_refusal_wins_over_any_custom_that_needs_a_waiver(
        refusals: list[Finding], waivable: list[Finding]) -> None:
    assert judge(refusals, waivable).outcome is Outcome.REFUSED


def test_an_allowed_verdict_raises_nothing() -> None:
    judge([], []).raise_unless_allowed()
    assert Verdict.allowed().ok


def test_a_refused_verdict_raises_with_the_first_rule_and_every_reason() -> None:
    v = judge([Finding("omega_consent", "the Omega has not consented"),
               Finding("both_adults", "#2 is 17")])
    with pytest.raises(Refused) as e:
        v.raise_unless_allowed()
    assert e.value.rule == "omega_consent"
    assert "the Omega has not consented" in e.value.message and "#2 is 17" in e.value.message
    assert v.reasons == ["the Omega has not consented", "#2 is 17"]


def test_a_verdict_that_needs_a_waiver_is_not_allowed_to_proceed() -> None:
    v = judge([], [Finding("min_visits_before_bonding", "3 of the 8 customary Visits")])
    assert not v.ok
    with pytest.raises(Refused) as e:
        v.raise_unless_allowed()
    assert e.value.rule == "min_visits_before_bonding"


def test_a_refusal_carries_its_rule_and_sentence() -> None:
    r = refuse("both_adults", "both parties must be at least 18")
    assert isinstance(r, Refused)
    assert (r.rule, r.message, r.code) == ("both_adults", "both parties must be at least 18",
                                           "refused")
