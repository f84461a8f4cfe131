# The targets people expect; each installs what it needs into .venv the first time.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN    := PYTHONPATH=scripts NO_MKDOCS_2_WARNING=1
BROWSER := $(VENV)/.browser
AXE    := tests/axe/node_modules/axe-core/axe.min.js
LIGHTHOUSE := tests/lighthouse/node_modules/lighthouse/cli/index.js

.PHONY: site serve test test-fast check status agreement bench fuzz lint format lock clean

$(STAMP): requirements.in constraints.txt scripts/system-packages.sh
	scripts/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.in -c constraints.txt
	touch $@

## site: validate the content and build the whole site into site/ (kept as it was on any error)
##       [SITE_URL=https://example.org/guide/: the address it is published at, for its canonical links, hreflang
##       and sitemaps; see README, Publishing]
site: $(STAMP)
	$(RUN) $(if $(SITE_URL),GUIDE_SITE_URL="$(SITE_URL)") $(BIN)/python -m guide site

## serve: preview with live reload on http://127.0.0.1:8000/ (YAML and templates are watched); an edit rebuilds
##        only the pages it changes (README, Previewing: what stays stale until a full build)
serve: $(STAMP)
	$(RUN) $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## test: run every test (the browser tests use Debian's Chromium, axe-core and Lighthouse from npm, installed if
##       missing)
test: lint $(BROWSER) $(AXE) $(LIGHTHOUSE)
	$(RUN) $(BIN)/python -m pytest

## test-fast: the tests that take seconds, not minutes: no browser, no build of the real site, no serve, no bench
##            (pytest -m "not slow"; make test runs them all)
test-fast: $(STAMP)
	$(RUN) $(BIN)/python -m pytest -m "not slow" -q

$(BROWSER): $(STAMP) scripts/system-packages.sh
	scripts/system-packages.sh --browser
	touch $@

$(AXE): tests/axe/package.json tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund --silent
	touch $@

$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	npm ci --prefix tests/lighthouse --no-audit --no-fund --silent
	touch $@

## check: validate the content only, printing every error
check: $(STAMP)
	$(RUN) $(BIN)/python -m guide check

## status: translation status per file and id: missing in a language, left identical, or stale (the source
##         changed since the translation). make status ACCEPT="roles/office-habitation …" records entries you
##         brought up to date (ACCEPT=all: every entry).
status: $(STAMP)
	$(RUN) $(BIN)/python -m guide status $(if $(filter all,$(ACCEPT)),--accept-all,$(if $(ACCEPT),--accept $(ACCEPT)))

## agreement: a filled-in agreement from a data file, e.g. make agreement DATA=scripts/exemples/reseau-exemple.yaml
##            [LANGUE=fr|en|fr-en] [FORMAT=pdf|docx|html] [OUT=file] (written next to the data file by default)
##            [FORCE=1: replace OUT if it exists]
agreement: $(STAMP)
	$(if $(DATA),,$(error give the data file: make agreement DATA=scripts/exemples/reseau-exemple.yaml))
	$(RUN) $(BIN)/python -m guide agreement "$(DATA)" $(if $(LANGUE),--language "$(LANGUE)") \
		$(if $(FORMAT),--format "$(FORMAT)") $(if $(OUT),--output "$(OUT)") $(if $(filter 1,$(FORCE)),--force)

## bench: time the build on synthetic content (N = 10, 100, 1000 of each kind) and the real one, into
##        bench/results.json [RUNS=3] [SIZES=10,100,1000] [QUICK=1: tiny sizes, one run] (see bench/README.md)
bench: $(STAMP)
	$(RUN) $(BIN)/python scripts/bench.py $(if $(QUICK),--quick) $(if $(RUNS),--runs $(RUNS)) \
		$(if $(SIZES),--sizes $(SIZES))

## fuzz: the property-based tests of the loader and the validator (tests/test_fuzz.py), with new examples and
##       many more of them than make test runs [EXAMPLES=20000]
fuzz: $(STAMP)
	GUIDE_FUZZ=long $(if $(EXAMPLES),GUIDE_FUZZ_EXAMPLES=$(EXAMPLES)) $(RUN) $(BIN)/python -m pytest tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(STAMP)
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

## lock: re-pin every dependency in constraints.txt from requirements.in
lock:
	rm -rf $(VENV).lock && $(PYTHON) -m venv $(VENV).lock
	$(VENV).lock/bin/python -m pip install --quiet -r requirements.in
	$(VENV).lock/bin/python -m pip freeze --exclude-editable > constraints.txt
	rm -rf $(VENV).lock

## clean: remove the site, the caches, the environment, and what stopped builds left (site.*, .mkdocs-hors-ligne.*.yml)
clean:
	rm -rf site site.* .mkdocs-hors-ligne.*.yml .cache $(VENV)
