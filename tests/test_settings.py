"""Settings are declared once, read once into a frozen Settings, and each one matters."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from troth.bootstrap import build
from troth.domain.errors import InvalidInput
from troth.settings import SETTINGS, Settings

SRC = Path(__file__).resolve().parent.parent / "src" / "troth"


def _field(name: str) -> str:
    return name.removeprefix("TROTH_").lower()


def test_every_declared_setting_is_a_field_of_settings() -> None:
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert {_field(s.name) for s in SETTINGS} == fields


def test_every_setting_is_read_somewhere_outside_its_declaration() -> None:
    code = "\n".join(p.read_text() for p in SRC.rglob("*.py") if p.name != "settings.py")
    unread = [s.name for s in SETTINGS
              if not re.search(rf"\bsettings\.{_field(s.name)}\b", code)]
    assert unread == []


def test_settings_are_read_from_the_environment_with_declared_defaults() -> None:
    s = Settings.read({"TROTH_TODAY": "2026-03-28"})
    assert s.today == "2026-03-28"
    assert s.database_url == "troth.db" and s.log_level == "WARNING"
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.today = "2027-01-01"  # type: ignore[misc]


def test_troth_today_and_log_level_take_effect_when_the_registry_is_built(
        tmp_path: Path) -> None:
    settings = Settings.read({"TROTH_DATABASE_URL": str(tmp_path / "r.db"),
                              "TROTH_TODAY": "2026-03-28", "TROTH_LOG_LEVEL": "info"})
    reg = build(settings)
    try:
        assert reg.clock.today() == date(2026, 3, 28)
        assert logging.getLogger("troth").getEffectiveLevel() == logging.INFO
    finally:
        reg.close()
        logging.getLogger("troth").setLevel(logging.NOTSET)


def test_a_log_level_that_is_not_one_is_refused_with_the_levels_named(tmp_path: Path) -> None:
    settings = Settings.read({"TROTH_DATABASE_URL": str(tmp_path / "r.db"),
                              "TROTH_LOG_LEVEL": "loud"})
    with pytest.raises(InvalidInput, match="DEBUG, INFO, WARNING, ERROR"):
        build(settings)


def test_the_cli_logs_the_sqlite_version_at_info_and_stays_quiet_at_warning(
        tmp_path: Path) -> None:
    def init(level: str) -> str:
        env = {**os.environ, "TROTH_DATABASE_URL": str(tmp_path / "r.db"),
               "TROTH_LOG_LEVEL": level}
        done = subprocess.run([sys.executable, "-m", "troth", "init"], env=env,
                              capture_output=True, text=True, timeout=120, check=True)
        return done.stderr

    assert "SQLite library" in init("INFO")
    assert "SQLite library" not in init("WARNING")
