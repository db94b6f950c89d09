"""The form machinery without a browser: parsing keeps what was typed, and a refusal from
the registry lands beside the field its rule concerns."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from troth.domain.errors import InvalidInput, Refused
from troth.web.pages.actions import FORMS
from troth.web.pages.charts import scale
from troth.web.pages.forms import FORM_LEVEL, field_for, parse, shown
from troth.web.pages.forms_courtship import PROPOSE, SCHEDULE_VISIT


def test_a_bad_registry_number_and_a_missing_date_are_reported_per_field() -> None:
    data = {"alpha_id": "Ben", "omega_id": "#6", "on": "", "note": "  kept  "}
    values, errors = parse(PROPOSE, data)
    assert set(errors) == {"alpha_id", "on"}
    assert values["omega_id"] == 6 and values["note"] == "kept"
    assert shown(PROPOSE, values, data)["alpha_id"] == "Ben"  # the form is kept as typed


def test_a_refusal_is_placed_beside_the_field_its_rule_names() -> None:
    values, _ = parse(SCHEDULE_VISIT, {"courtship_id": "2", "kind": "walk", "place": "x",
                                        "starts_at": "2026-03-01T10:00", "handlers": "7, 8"})
    assert field_for(SCHEDULE_VISIT, Refused("no", "handler_in_one_place"), values) == "handlers"
    assert field_for(SCHEDULE_VISIT, InvalidInput("no", "visit_place"), values) == "place"


def test_a_refusal_naming_a_person_lands_on_the_field_holding_that_number() -> None:
    values, _ = parse(PROPOSE, {"alpha_id": "4", "omega_id": "12", "on": "2026-11-25"})
    refusal = Refused("#12 is 17 on 2026-11-25; both parties must be at least 18", "age")
    assert field_for(PROPOSE, refusal, values) == "omega_id"
    assert field_for(PROPOSE, Refused("the pair declined", "refusal_ends"), values) == FORM_LEVEL


def test_every_form_names_an_action_of_the_access_policy() -> None:
    from troth.domain.policy import ACTION_BY_NAME

    assert [f.name for f in FORMS.values() if f.action not in ACTION_BY_NAME] == []
    assert all(f.build is not None or f.run is not None for f in FORMS.values())


@given(st.integers(min_value=0, max_value=10**7))
def test_a_chart_axis_covers_the_largest_value_in_whole_steps(largest: int) -> None:
    top, step = scale(largest)
    assert top >= largest and top % step == 0 and 1 <= top // step <= 10
    assert top < max(2, largest) * 2.5


def test_dates_parse_from_the_browsers_date_input() -> None:
    values, errors = parse(PROPOSE, {"alpha_id": "1", "omega_id": "2", "on": "2026-03-07"})
    assert errors == {} and values["on"] == date(2026, 3, 7)
