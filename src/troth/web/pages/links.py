"""Links only where they lead: a name or a record is a link when the viewer may open it.

The pages render with the request's context in `VIEWER` (set by `render.page`); the Jinja
globals `person_link` and `may_open` (`may`) ask the access policy through it (`RequestContext.may`,
never logged: a link not shown is not a denied request). Without a viewer (the sign-in
page, an error before sign-in) every name is plain text.
"""

from __future__ import annotations

from contextvars import ContextVar

from markupsafe import Markup, escape

from troth.web.access import RequestContext

VIEWER: ContextVar[RequestContext | None] = ContextVar("troth_viewer", default=None)


def may(action: str, record_id: int | None) -> bool:
    """Whether the viewer may do `action` on the record (a link or a button is offered)."""
    ctx = VIEWER.get()
    if ctx is None or not record_id:
        return False
    return ctx.may(action, int(record_id))


def person_link(person_id: int | None, name: str | None = None) -> Markup:
    """The person's name, a link to her record where the viewer may read it; otherwise
    the name alone (or "#12" where the name is not known to the page)."""
    if not person_id:
        return Markup("—")
    label = name or f"#{person_id}"
    if may("person.read", person_id):
        return Markup('<a href="/people/{}">{}</a>').format(int(person_id), label)
    return escape(label)
