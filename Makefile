# The two commands a newcomer runs: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: demo test lint typecheck unit bench bench-serve screenshots browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,server]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/habar analyze examples/baku-visit.txt --format text --published 2022-08-24

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy src

# The browser tests drive Debian's Chromium (never a browser download); installed here when missing.
browser:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

unit: $(STAMP) browser
	$(BIN)/pytest -q

# the pages' screenshots shown in the README (docs/screenshots/), taken by the browser tests
screenshots: $(STAMP) browser
	HABAR_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/test_browser.py

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

bench-serve: $(STAMP)
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
