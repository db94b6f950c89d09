"""Helpers shared by the CLI groups: one registry per process, dates, errors, JSON."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import sys
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from troth.domain.errors import TrothError

if TYPE_CHECKING:
    from rich.console import Console

    from troth.registry.service import Registry

# What people typed is printed as they typed it: no markup ("[i]" in a name), no emoji
# (":smile:"), no colouring of numbers. Errors (err_console) escape what they quote.
class _Console:
    """Rich's Console, made on first need. Plain text (what most commands print) goes out as
    it is, through print(): Rich is imported (about 14 ms) only for a table, a progress
    display, JSON or an error's markup."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._rich: Console | None = None

    def rich(self) -> Console:
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(**self._options)
        return self._rich

    def print(self, *objects: Any, **kwargs: Any) -> None:
        plain = self._options.get("markup") is False and all(isinstance(o, str) for o in objects)
        if plain and set(kwargs) <= {"sep", "end", "highlight", "soft_wrap"}:
            stream = sys.stderr if self._options.get("stderr") else sys.stdout
            print(*objects, sep=kwargs.get("sep", " "), end=kwargs.get("end", "\n"),
                  file=stream)
            return
        self.rich().print(*objects, **kwargs)

    def __getattr__(self, name: str) -> Any:  # print_json, status, width ...
        return getattr(self.rich(), name)


console = _Console(markup=False, emoji=False, highlight=False)
err_console = _Console(stderr=True, emoji=False)
P = ParamSpec("P")
R = TypeVar("R")


class LazyModule:
    """Stands for a module that is imported on first use of one of its names.

    The command groups name the domain's commands at module top (`c.RegisterPerson(...)`)
    but need them only when a command runs; `troth --help` then imports none of them.
    Type checkers see the real module: `if TYPE_CHECKING: from troth.domain import commands
    as c`, `else: c = LazyModule("troth.domain.commands")`.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


@functools.cache
def registry() -> Registry:
    from troth.bootstrap import build_registry

    return build_registry()


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TrothError(f"{what} '{text}' is not a real date in the form YYYY-MM-DD",
                         rule="date_format") from None


def parse_date_opt(text: str | None, what: str = "date") -> date | None:
    return None if text is None else parse_date(text, what)


def fail(message: str, rule: str = "") -> typer.Exit:
    suffix = f"  (rule: {rule})" if rule else ""
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message + suffix)}", highlight=False)
    return typer.Exit(2)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn troth's refusals into one clear line on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except TrothError as exc:
            raise fail(exc.message, exc.rule) from None

    return wrapper


def plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(plain(value), ensure_ascii=False, indent=2) + "\n")


JSON_OPT = typer.Option(False, "--json", help="Print machine-readable JSON instead of text.")
