"""The one place where settings, store, registry and app are wired. No work at import."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from troth import settings
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.registry.service import Registry
from troth.store.engine import Engines, log_versions, make_engines
from troth.store.reads.courtship import CourtshipReads
from troth.store.reads.health import HealthReads
from troth.store.reads.people import ReadModel
from troth.store.schema import ensure_schema
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


def clock_from_settings() -> SystemClock:
    raw = settings.get("TROTH_TODAY")
    if not raw:
        return SystemClock()
    try:
        return SystemClock(date.fromisoformat(raw))
    except ValueError:
        raise InvalidInput(f"TROTH_TODAY '{raw}' is not a date (YYYY-MM-DD)",
                           rule="settings") from None


def build_registry(url: str | None = None, clock: SystemClock | None = None,
                   customs: Customs | None = None, engines: Engines | None = None) -> Registry:
    """Wire a registry onto a database, creating or upgrading its schema when needed."""
    engines = engines or make_engines(url or settings.get("TROTH_DATABASE_URL"))
    log_versions()
    ensure_schema(engines.writer)
    clock = clock or clock_from_settings()
    customs = customs or load_customs(settings.get("TROTH_CUSTOMS"))

    def uow_factory(actor: str) -> SqlUnitOfWork:
        return SqlUnitOfWork(engines, clock, actor)

    registry = Registry(uow_factory, ReadModel(engines), clock, customs)
    registry.engines = engines
    registry.courtship_reads = CourtshipReads(engines)
    registry.health_reads = HealthReads(engines)
    return registry
