"""Settings, declared once as data (name, default, help) and read once, by troth.bootstrap,
into a frozen `Settings` that is passed to whatever needs it. docs/cli.md documents each
(a test checks), and a test checks that each is read."""

from __future__ import annotations

import os
from collections.abc import Mapping
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
    Setting("TROTH_LOG_LEVEL", "WARNING",
            "Logging level of the server and CLI (DEBUG, INFO, WARNING, ERROR)."),
    Setting("TROTH_TRUSTED_PROXIES", "",
            "Addresses of the reverse proxies in front of `troth serve`, comma-separated;"
            " only their X-Forwarded-For is believed, and their own address is not"
            " rate-limited. Empty: proxy headers are ignored."),
    Setting("TROTH_OPERATOR", "",
            "The username of the office operator's account at the CLI (the office's console):"
            " every health read or write on the CLI is written to the access log under this"
            " account, and the ledger records the writes as done by it. Empty: logged with no"
            " account, as \"(no operator named)\"."),
    Setting("TROTH_SMTP_URL", "",
            "The SMTP server notifications are e-mailed through: smtp://host:port,"
            " smtp+starttls://user:password@host:587 or smtps://host:465. `troth serve`"
            " delivers the outbox beside the web server when it is set; empty: notifications"
            " are queued, not sent."),
    Setting("TROTH_MAIL_FROM", "registry@troth.invalid",
            "The sender address of the registry's notification e-mails."),
)


@dataclass(frozen=True)
class Settings:
    """The settings in effect, read once. Field names are the settings' names without
    TROTH_, in lower case."""

    database_url: str
    customs: str
    today: str
    secret: str
    log_level: str
    trusted_proxies: str
    operator: str
    smtp_url: str
    mail_from: str

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """From the environment (or `environ`), each unset one at its declared default."""
        env = os.environ if environ is None else environ
        values = {s.name.removeprefix("TROTH_").lower(): env.get(s.name, s.default)
                  for s in SETTINGS}
        return cls(**values)
