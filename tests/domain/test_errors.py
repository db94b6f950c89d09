"""The documented exception hierarchy: every refusal names its rule and says what was wrong."""

import pytest

from troth.domain.errors import Conflict, InvalidInput, NotFound, Refused, TrothError


@pytest.mark.parametrize(("cls", "code"), [(Refused, "refused"), (NotFound, "not_found"),
                                           (InvalidInput, "invalid"), (Conflict, "conflict")])
def test_every_error_troth_raises_on_purpose_is_a_troth_error_with_a_code(
        cls: type[TrothError], code: str) -> None:
    err = cls("courtship #10 is ended", rule="courtship_state")
    assert isinstance(err, TrothError)
    assert (err.code, err.rule, err.message, str(err)) == (
        code, "courtship_state", "courtship #10 is ended", "courtship #10 is ended")


def test_an_error_without_a_rule_names_none() -> None:
    assert TrothError("something").rule == ""
