"""Every error answers {"error": {"code", "message", "rule"}} with a 4xx status.

A 500 is always a bug: it is logged (the exception's type, its route's template and
the traceback's frames, never its message or the request body, which may carry personal
data) and answered with a generic body. Starlette re-raises it afterwards, so in-process
tests fail on any; `QuietErrors` turns what is re-raised into its type and route, so the
server's own error log holds no request data either.
"""

from __future__ import annotations

import logging
import traceback

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from troth.domain.errors import Conflict, InvalidInput, NotFound, Refused, TrothError
from troth.domain.linkage import PossibleDuplicate
from troth.web.auth import TooManyAttempts, Unauthenticated
from troth.web.csrf import Forged

log = logging.getLogger("troth.web")


class BadRequest(TrothError):
    """Input no route may see: a NUL, a file where text is expected, a forged request."""

    code = "bad_request"


STATUS: dict[type[TrothError], int] = {
    BadRequest: 400,
    Unauthenticated: 401,
    Forged: 403,
    TooManyAttempts: 429,
    NotFound: 404,
    Refused: 409,
    Conflict: 409,
    InvalidInput: 422,
}
NO_STORE = {"Cache-Control": "no-store"}
HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 415: "unsupported_media_type",
              422: "invalid", 429: "rate_limited"}


class Candidate(BaseModel):
    """A registered person a new record may duplicate (rule possible_duplicate)."""

    id: int
    probability: float
    reasons: list[str]


class ErrorDetail(BaseModel):
    code: str
    message: str
    rule: str
    candidates: list[Candidate] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Denied(TrothError):
    """The access policy refused the request (403, or 404 where existence is private)."""

    def __init__(self, message: str, rule: str, status: int) -> None:
        super().__init__(message, rule)
        self.status = status
        self.code = HTTP_CODES[status]


def error_response(status: int, code: str, message: str, rule: str = "",
                   headers: dict[str, str] | None = None,
                   candidates: list[dict[str, object]] | None = None) -> JSONResponse:
    error: dict[str, object] = {"code": code, "message": message, "rule": rule}
    if candidates is not None:
        error["candidates"] = candidates
    body = {"error": error}
    return JSONResponse(body, status_code=status, headers={**NO_STORE, **(headers or {})})


def status_of(exc: TrothError) -> int:
    if isinstance(exc, Denied):
        return exc.status
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 422  # a plain TrothError: input the interfaces could not use


async def on_troth_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TrothError)
    status = status_of(exc)
    headers = {"Retry-After": "900"} if status == 429 else {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    candidates = None
    if isinstance(exc, PossibleDuplicate):
        candidates = [{"id": m.other_id, "probability": round(m.probability, 4),
                       "reasons": list(m.reasons)} for m in exc.matches]
    return error_response(status, exc.code, exc.message, exc.rule, headers, candidates)


async def on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return error_response(422, "invalid", "; ".join(parts) or "invalid request",
                          "request_schema")


async def on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, str(exc.detail), "",
                          dict(exc.headers or {}))


def route_of(scope: Scope) -> str:
    """The route's template (/people/{person_id}), never the path that was asked for."""
    return str(getattr(scope.get("route"), "path", "(no route)"))


async def on_bug(request: Request, exc: Exception) -> JSONResponse:
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error %s on %s %s\n%s", type(exc).__name__, request.method,
              route_of(request.scope), frames)
    return error_response(500, "internal", "an internal error occurred; it has been"
                          " logged", "")


class InternalError(Exception):
    """What the server's own error log sees of a bug: its type and route, never its text
    (an SQL error's text may hold what was typed). `original` keeps it for debuggers."""

    def __init__(self, message: str, original: BaseException) -> None:
        super().__init__(message)
        self.original = original


class QuietErrors:
    """Outermost: the error handler above has answered 500 and logged the bug; Starlette
    then re-raises it to the server (uvicorn), which would log its text. Re-raise only its
    type and route instead, so in-process tests still fail on any 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            if scope["type"] != "http":
                raise
            where = f"{type(exc).__name__} on {scope.get('method', '')} {route_of(scope)}"
            raise InternalError(where, exc) from None


def install(app: FastAPI) -> None:
    app.add_exception_handler(TrothError, on_troth_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_bug)


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": code.replace("_", " ")}
    for status, code in HTTP_CODES.items() if status not in (405, 415)
}
