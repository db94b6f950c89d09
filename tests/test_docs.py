"""Every setting, custom and command is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from troth.domain.customs import CUSTOM_SPECS
from troth.settings import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_setting_is_documented_in_the_cli_guide() -> None:
    text = (DOCS / "cli.md").read_text()
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in text] == []


def test_every_custom_is_documented() -> None:
    text = (DOCS / "customs.md").read_text()
    assert [s.name for s in CUSTOM_SPECS if f"`{s.name}`" not in text] == []


def _paths(cmd: Any, prefix: str) -> list[str]:
    if hasattr(cmd, "commands"):
        return [p for name, sub in cmd.commands.items() for p in _paths(sub, f"{prefix} {name}")]
    return [prefix]


def test_every_command_is_in_the_cli_reference() -> None:
    from troth.cli import _attach, app

    _attach()
    text = (DOCS / "cli-reference.md").read_text()
    missing = [p for p in _paths(typer.main.get_command(app), "troth") if f"`{p}`" not in text]
    assert missing == [], "run `make docs` to regenerate docs/cli-reference.md"
