"""The scenario: every parameter of a simulation, read from TOML over packaged defaults.

The defaults live in `default_scenario.toml` beside this module (the one source of truth);
a user's file names only what it changes. Unknown sections or keys, wrong types and
impossible values are refused with a message that names the key.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from troth.domain.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True)
class Simulation:
    start_date: str
    districts: int
    exchange_days: int

    @property
    def start(self) -> date:
        return date.fromisoformat(self.start_date)


@dataclass(frozen=True)
class Mortality:
    modal_age: float
    dispersion: float
    founder_max_age: float


@dataclass(frozen=True)
class Presentation:
    min_age: float
    max_age: float
    alpha_share: float
    beta_share: float
    omega_share: float


@dataclass(frozen=True)
class ScentSpec:
    dimensions: int


@dataclass(frozen=True)
class Courtship:
    majority_age: int
    max_age: int
    seek_per_week: float
    candidates: int
    local_share: float
    choice_sharpness: float
    consent_base: float
    consent_slope: float
    customary_visits: int
    max_scheduled_visits: int
    visit_gap_min_days: int
    visit_gap_max_days: int
    miss_probability: float
    withdraw_base: float
    waiver_rate: float
    waiver_min_visits: int
    bonding_delay_min_days: int
    bonding_delay_max_days: int
    bonding_decline_probability: float
    residence_visits: int


@dataclass(frozen=True)
class Guardianship:
    pool_share: float
    min_age: int
    max_age: int
    max_wards: int
    payment_demand_share: float
    demand_delay_min_days: int
    demand_delay_max_days: int
    petition_after_demand: float
    # the office deciding the welfare review an incident opened (applied by the import)
    review_median_days: float = 21.0
    review_sigma: float = 0.5
    review_max_days: int = 90


@dataclass(frozen=True)
class Heats:
    never_share: float
    first_within_days: int
    irregular_median_days: int
    irregular_sigma: float
    regular_mean_days: float
    regular_sd_days: float
    stabilise_min_days: int
    stabilise_max_days: int
    delayed_share: float
    delayed_min_days: int
    delayed_max_days: int
    duration_min_days: int
    duration_max_days: int


@dataclass(frozen=True)
class Pregnancy:
    conceive_per_heat: float
    recorded_after_days: int
    gestation_mean_days: float
    gestation_sd_days: float
    loss_probability: float
    postpartum_min_days: int
    postpartum_max_days: int
    after_loss_min_days: int
    after_loss_max_days: int
    max_age: int
    children_mean: float


@dataclass(frozen=True)
class Marriage:
    seek_per_week: float
    min_age: int
    max_age: int
    first_birth_mean_years: float
    birth_spacing_mean_years: float
    children_mean: float
    bearer_max_age: int


@dataclass(frozen=True)
class Annulment:
    no_heat_days: int
    petition_no_heats: float
    other_rate_per_year: float
    alpha_petitioner_share: float
    decision_min_days: int
    decision_max_days: int
    grant_probability: float


@dataclass(frozen=True)
class Scenario:
    simulation: Simulation
    mortality: Mortality
    presentation: Presentation
    scent: ScentSpec
    courtship: Courtship
    guardianship: Guardianship
    heats: Heats
    pregnancy: Pregnancy
    marriage: Marriage
    annulment: Annulment

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return dataclasses.asdict(self)

    def with_changes(self, changes: dict[str, dict[str, Any]]) -> Scenario:
        """A copy with some keys changed, validated like a file."""
        return _build(_merge(self.to_dict(), changes, "scenario"))


def default_toml_text() -> str:
    return resources.files("troth.sim").joinpath("default_scenario.toml").read_text("utf-8")


def default_scenario() -> Scenario:
    return _build(tomllib.loads(default_toml_text()))


def load_scenario(path: Path | None = None) -> Scenario:
    """The defaults, with the keys of the TOML file at `path` (if any) laid over them."""
    base = tomllib.loads(default_toml_text())
    if path is None:
        return _build(base)
    try:
        user = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"scenario file '{path}' does not exist", rule="scenario") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"scenario file '{path}' is not valid TOML: {exc}",
                           rule="scenario") from None
    return _build(_merge(base, user, str(path)))


def _merge(base: dict[str, Any], user: dict[str, Any], where: str) -> dict[str, Any]:
    merged = {k: dict(v) for k, v in base.items()}
    for section, values in user.items():
        if section not in merged or not isinstance(values, dict):
            raise InvalidInput(f"{where}: unknown scenario section [{section}]",
                               rule="scenario")
        for key, value in values.items():
            if key not in merged[section]:
                raise InvalidInput(f"{where}: unknown key '{key}' in [{section}]",
                                   rule="scenario")
            merged[section][key] = value
    return merged


def _section(cls: type[T], name: str, values: dict[str, Any]) -> T:
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = values[f.name]
        want = {"int": int, "float": float, "str": str}[str(f.type)]
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool):
            raise InvalidInput(f"[{name}] {f.name} must be a {want.__name__}, got {value!r}",
                               rule="scenario")
        kwargs[f.name] = value
    return cls(**kwargs)


def _build(data: dict[str, Any]) -> Scenario:
    sections = {f.name: f for f in dataclasses.fields(Scenario)}
    built = {
        name: _section(_SECTION_TYPES[name], name, data[name]) for name in sections
    }
    scenario = Scenario(**built)
    _validate(scenario)
    return scenario


_SECTION_TYPES: dict[str, type[Any]] = {
    "simulation": Simulation, "mortality": Mortality, "presentation": Presentation,
    "scent": ScentSpec, "courtship": Courtship, "guardianship": Guardianship,
    "heats": Heats, "pregnancy": Pregnancy, "marriage": Marriage, "annulment": Annulment,
}


def _validate(s: Scenario) -> None:
    def need(ok: bool, message: str) -> None:
        if not ok:
            raise InvalidInput(f"scenario: {message}", rule="scenario")

    try:
        date.fromisoformat(s.simulation.start_date)
    except ValueError:
        need(False, f"[simulation] start_date '{s.simulation.start_date}' is not YYYY-MM-DD")
    p = s.presentation
    need(abs(p.alpha_share + p.beta_share + p.omega_share - 1.0) < 1e-9,
         "[presentation] alpha_share + beta_share + omega_share must add up to 1")
    need(0 < p.min_age <= p.max_age, "[presentation] needs 0 < min_age <= max_age")
    need(s.simulation.districts >= 1, "[simulation] districts must be at least 1")
    need(s.simulation.exchange_days >= 1, "[simulation] exchange_days must be at least 1")
    c = s.courtship
    need(1 <= c.waiver_min_visits < c.customary_visits,
         "[courtship] needs 1 <= waiver_min_visits < customary_visits")
    need(c.customary_visits <= c.max_scheduled_visits,
         "[courtship] max_scheduled_visits must be at least customary_visits")
    need(c.candidates >= 1, "[courtship] candidates must be at least 1")
    need(s.scent.dimensions >= 2, "[scent] dimensions must be at least 2")
    for lo, hi, label in (
        (c.visit_gap_min_days, c.visit_gap_max_days, "[courtship] visit_gap"),
        (c.bonding_delay_min_days, c.bonding_delay_max_days, "[courtship] bonding_delay"),
        (s.heats.stabilise_min_days, s.heats.stabilise_max_days, "[heats] stabilise"),
        (s.heats.delayed_min_days, s.heats.delayed_max_days, "[heats] delayed"),
        (s.heats.duration_min_days, s.heats.duration_max_days, "[heats] duration"),
        (s.annulment.decision_min_days, s.annulment.decision_max_days,
         "[annulment] decision"),
    ):
        need(1 <= lo <= hi, f"{label}_min_days must be at least 1 and at most the max")
    for section in dataclasses.fields(s):
        obj = getattr(s, section.name)
        for f in dataclasses.fields(obj):
            is_share = f.name.endswith(("share", "probability", "_rate", "per_heat"))
            if is_share or f.name in {"seek_per_week", "petition_no_heats", "consent_base",
                                      "petition_after_demand"}:
                value = getattr(obj, f.name)
                need(0.0 <= value <= 1.0, f"[{section.name}] {f.name} must be in [0, 1]")
