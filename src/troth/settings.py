"""Settings, declared once as data: name, default, help. docs/cli.md documents each
(a test checks)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("TROTH_DATABASE_URL", "troth.db",
            "The registry database: an SQLite file path or sqlite:/// URL (created on first"
            " use), or a postgresql:// URL."),
    Setting("TROTH_CUSTOMS", "",
            "A TOML file of the jurisdiction's customs; empty means the built-in defaults."),
    Setting("TROTH_TODAY", "",
            "Pretend today is this date (YYYY-MM-DD); for demonstrations and tests only."),
    Setting("TROTH_SECRET", "",
            "Secret for signing certificates' verification codes; a random one is generated"
            " and stored in the database when empty."),
    Setting("TROTH_LOG_LEVEL", "WARNING", "Logging level of the server and CLI."),
)


def get(name: str) -> str:
    for s in SETTINGS:
        if s.name == name:
            return os.environ.get(name, s.default)
    raise KeyError(name)
