# troth: two commands for a newcomer.
#   make run    the web app on an embedded SQLite file (troth.db) with a demo world loaded
#   make test   lint, type-check and the whole test suite (installs what it needs)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: run test install browser lint typecheck pytest docs screenshot

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) install -U pip 2>&1 | grep -v '^WARNING: Location' || true
	$(PIP) install -e '.[dev]' 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/python -c "import troth, fastapi, sqlalchemy, playwright" \
	  || { echo "installing troth's dependencies failed"; exit 1; }
	@rm -f $(VENV)/.installed-*
	@touch $@

# Debian's chromium drives the browser tests; Playwright never downloads a browser here.
browser:
	@scripts/ensure-chromium

run: install
	$(BIN)/troth demo load --if-empty
	$(BIN)/troth serve

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install browser
	$(BIN)/pytest -n 2 --dist loadgroup --timeout 900

test: lint typecheck pytest

screenshot: install browser
	$(BIN)/python scripts/screenshot.py

docs: install
	$(BIN)/python scripts/gen_cli_docs.py docs/cli-reference.md
