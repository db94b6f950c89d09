"""Commands: small frozen imperatives; none carries a payment, so no step depends on one."""

import dataclasses
import importlib
import pkgutil
from datetime import date

import pytest

import troth.domain
from troth.domain import commands as c

MODULES = tuple(importlib.import_module(f"troth.domain.{m.name}")
                for m in pkgutil.iter_modules(troth.domain.__path__))
COMMANDS = tuple(sorted({
    cls for m in MODULES for cls in vars(m).values()
    if isinstance(cls, type) and issubclass(cls, c.Command) and cls is not c.Command},
    key=lambda cls: cls.__name__))


def test_the_index_names_the_home_of_every_command_outside_its_own_families() -> None:
    """`commands.X` finds every command the index lists, in the module it names."""
    for name, home in c.HOMES.items():
        assert getattr(c, name).__module__ == f"troth.domain.{home}"
MONEY_WORDS = ("pay", "fee", "price", "amount", "money", "sum", "cost", "fund", "dowry")


def test_there_are_commands_for_every_institution() -> None:
    names = {cls.__name__ for cls in COMMANDS}
    assert {"ProposeIntroduction", "RecordConsent", "EndCourtship", "GrantWaiver",
            "SealBond", "PetitionAnnulment", "AppointGuardian", "ShareHealth",
            "SetMatchmakingOptIn", "RequestVisit"} <= names


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda cls: cls.__name__)
def test_no_command_carries_a_payment(cmd: type[c.Command]) -> None:
    for f in dataclasses.fields(cmd):
        assert not any(word in f.name.lower() for word in MONEY_WORDS), (
            f"{cmd.__name__}.{f.name} looks like a payment; no step in troth depends on one")


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda cls: cls.__name__)
def test_every_command_is_a_frozen_dataclass(cmd: type[c.Command]) -> None:
    assert dataclasses.is_dataclass(cmd)
    assert cmd.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_a_command_cannot_be_changed_after_it_is_issued() -> None:
    cmd = c.RecordConsent(10, 2, True, date(2026, 1, 12))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cmd.person_id = 3  # type: ignore[misc]


def test_a_consent_is_to_the_courtship_unless_it_says_the_bonding() -> None:
    assert c.RecordConsent(10, 2, True, date(2026, 1, 12)).stage == "courtship"


def test_a_health_share_is_granted_by_default_and_names_the_owner() -> None:
    share = c.ShareHealth(owner_id=2, grantee_id=9)
    assert (share.role, share.grant, share.by_id) == ("physician", True, None)
