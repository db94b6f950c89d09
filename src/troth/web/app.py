"""The application factory: no work at import; everything hangs off the registry given."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from troth.registry.service import Registry


def create_app(registry: Registry) -> FastAPI:
    app = FastAPI(title="troth", version="0.1.0",
                  description="The civil registry of designations, guardianships, courtships"
                              " and bonds.")
    app.state.registry = registry

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        n = registry.reads.count_people()
        return (f"<!doctype html><html lang=en><title>troth</title><h1>troth</h1>"
                f"<p>The registry holds {n} people.</p></html>")

    return app
