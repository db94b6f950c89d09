"""Input that never reaches a handler: a NUL anywhere in a URL, a file where a form takes
text, a NUL in a form field. JSON bodies are checked by their schemas (troth.web.api)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from troth.web.errors import BadRequest, error_response

NUL_MESSAGE = "a NUL character cannot be stored; remove it and send again"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def nul_in_url(scope: Scope) -> bool:
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope["path"] or b"%00" in query or b"\x00" in query


class RefuseNulInUrl:
    """A NUL in the path or the query string is a 400 before any route sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and nul_in_url(scope):
            response = error_response(400, "bad_request", f"NUL in the address: {NUL_MESSAGE}",
                                      "no_nul")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def text_form(request: Request) -> FormData | None:
    """The posted form (cached on the request for the handler), if the body is one; a
    file part or a NUL anywhere in it is refused (400). Nothing sent is echoed back."""
    if request.method != "POST":
        return None
    if not request.headers.get("content-type", "").startswith(FORM_TYPES):
        return None
    form = await request.form()
    for key, value in form.multi_items():
        if not isinstance(value, str):
            raise BadRequest("a file was sent where this form takes text; send the text"
                             " itself", rule="form_text_only")
        if "\x00" in key or "\x00" in value:
            raise BadRequest(f"NUL in a field: {NUL_MESSAGE}", rule="no_nul")
    return form
