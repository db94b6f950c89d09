"""Customs are read from a mapping; bad values are refused with a message naming the custom."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.customs import CUSTOM_SPECS, Customs
from troth.domain.errors import InvalidInput


def test_the_defaults_are_those_the_customs_document_names() -> None:
    c = Customs()
    assert c.min_visits_before_bonding == 8
    assert c.handlers_per_visit == 1
    assert c.handlers_per_dinner == 2
    assert c.first_visits_at_omega_residence == 2
    assert c.guardian_designation == "beta"
    assert c.age_of_majority == 18


def test_an_empty_mapping_gives_the_defaults() -> None:
    assert Customs.from_mapping({}) == Customs()


def test_a_mapping_overrides_the_customs_it_names() -> None:
    c = Customs.from_mapping({"min_visits_before_bonding": 3, "age_of_majority": 21},
                             source="district.toml")
    assert (c.min_visits_before_bonding, c.age_of_majority, c.source) == (3, 21,
                                                                          "district.toml")
    assert c.handlers_per_visit == 1


def test_an_unknown_custom_is_refused_and_the_known_ones_are_listed() -> None:
    with pytest.raises(InvalidInput) as e:
        Customs.from_mapping({"min_visits": 3})
    assert e.value.rule == "customs_file"
    assert "min_visits" in e.value.message and "min_visits_before_bonding" in e.value.message


@pytest.mark.parametrize(("name", "value"), [
    ("min_visits_before_bonding", "eight"),
    ("min_visits_before_bonding", 8.5),
    ("handlers_per_visit", True),
    ("guardian_designation", 2),
    ("true_match_rate", "rare"),
])
def test_a_value_of_the_wrong_type_is_refused_with_a_message(name: str, value: Any) -> None:
    with pytest.raises(InvalidInput, match=f"custom '{name}' must be a") as e:
        Customs.from_mapping({name: value})
    assert e.value.rule == "customs_file"


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="cannot be negative"):
        Customs.from_mapping({"handlers_per_visit": -1})


def test_a_whole_number_is_accepted_for_a_rate() -> None:
    assert Customs.from_mapping({"true_match_rate": 0}).true_match_rate == 0.0


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 15))
def test_an_age_of_majority_below_sixteen_is_refused_as_a_safeguard(age: int) -> None:
    with pytest.raises(InvalidInput, match="safeguard") as e:
        Customs.from_mapping({"age_of_majority": age})
    assert e.value.rule == "customs_file"


@settings(max_examples=40, deadline=None)
@given(st.integers(16, 120))
def test_any_age_of_majority_from_sixteen_is_accepted(age: int) -> None:
    assert Customs.from_mapping({"age_of_majority": age}).age_of_majority == age


def test_the_age_of_majority_is_a_safeguard_and_not_waivable() -> None:
    kinds = {s.name: s for s in CUSTOM_SPECS}
    assert kinds["age_of_majority"].kind == "safeguard"
    assert not kinds["age_of_majority"].waivable
    assert kinds["min_visits_before_bonding"].waivable
    assert not kinds["true_match_rate"].waivable


def test_every_custom_is_listed_with_its_help_and_kind() -> None:
    rows = Customs().as_rows()
    assert [r[0] for r in rows] == [s.name for s in CUSTOM_SPECS]
    assert all(help_text and kind in ("custom", "safeguard", "parameter")
               for _, _, help_text, kind in rows)


def test_a_true_match_rate_above_one_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Customs.from_mapping({"true_match_rate": 2.0})


def test_a_presentation_window_that_is_upside_down_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Customs.from_mapping({"presentation_min_age": 25, "presentation_max_age": 12})
