"""The one place where settings, store, read models and registry are wired. No work at
import: `build` is called by the CLI (once per process), the server and the tests."""

from __future__ import annotations

import logging
import tomllib
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.registry.service import Registry
from troth.settings import Settings
from troth.store.engine import Engines, log_versions, make_engines
from troth.store.pool import server_engines
from troth.store.reads import build_queries
from troth.store.schema import ensure_schema

if TYPE_CHECKING:
    from troth.store.uow import SqlUnitOfWork


class SystemClock:
    def __init__(self, pretend_today: date | None = None) -> None:
        self.pretend_today = pretend_today

    def today(self) -> date:
        return self.pretend_today or datetime.now(UTC).date()

    def now(self) -> datetime:
        return datetime.now(UTC)


def load_customs(path: str = "") -> Customs:
    if not path:
        text = resources.files("troth").joinpath("customs.toml").read_text("utf-8")
        source = "built-in defaults (troth/customs.toml)"
    else:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise InvalidInput(f"cannot read customs file {path}: {exc.strerror}",
                               rule="customs_file") from None
        source = path
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"customs file {path} is not valid TOML: {exc}",
                           rule="customs_file") from None
    return Customs.from_mapping(values, source=source)


def clock_from(settings: Settings) -> SystemClock:
    raw = settings.today
    if not raw:
        return SystemClock()
    try:
        return SystemClock(date.fromisoformat(raw))
    except ValueError:
        raise InvalidInput(f"TROTH_TODAY '{raw}' is not a date (YYYY-MM-DD)",
                           rule="settings") from None


def configure_logging(settings: Settings) -> None:
    """TROTH_LOG_LEVEL for troth's own loggers (and the root logger's handler)."""
    level = logging.getLevelName(settings.log_level.strip().upper())
    if not isinstance(level, int):
        raise InvalidInput(f"TROTH_LOG_LEVEL '{settings.log_level}' is not a logging level"
                           " (DEBUG, INFO, WARNING, ERROR)", rule="settings")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("troth").setLevel(level)


def build(settings: Settings | None = None, *, server: bool = False, url: str | None = None,
          clock: SystemClock | None = None, customs: Customs | None = None,
          engines: Engines | None = None) -> Registry:
    """Wire a registry onto its database, creating or upgrading the schema when needed.

    `server=True` reads through a pool of read-only connections (a long-running process
    answering many small reads); otherwise each read opens its own connection (the CLI).
    Arguments other than `settings` override a setting (tests, benchmarks).
    """
    settings = settings or Settings.read()
    configure_logging(settings)
    engines = engines or make_engines(url or settings.database_url)
    log_versions()
    ensure_schema(engines.writer)
    clock = clock or clock_from(settings)
    customs = customs or load_customs(settings.customs)
    readers = server_engines(engines) if server else engines

    def uow_factory(actor: str) -> SqlUnitOfWork:
        from troth.store.uow import SqlUnitOfWork  # the writes' code, loaded by the first one

        return SqlUnitOfWork(engines, clock, actor)

    def close() -> None:
        if readers is not engines:
            readers.reader.dispose()
        engines.dispose()

    return Registry(uow_factory, build_queries(readers, clock), clock, customs,
                    secret=settings.secret, backend=engines.dialect, location=engines.url,
                    close=close)


def build_registry(url: str | None = None, clock: SystemClock | None = None,
                   customs: Customs | None = None, engines: Engines | None = None) -> Registry:
    """`build` for a one-shot caller (the CLI, scripts, tests): a connection per read."""
    return build(url=url, clock=clock, customs=customs, engines=engines)
