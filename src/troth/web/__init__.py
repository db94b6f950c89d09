"""FastAPI: api/ (JSON, OpenAPI) and pages/ (Jinja2 + HTMX)."""
