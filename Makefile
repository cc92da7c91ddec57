# One way to do each thing: the README, .ci/run and the workflows all call these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --require-hashes --python $(BIN)/python
TEST_PROCESSES ?= 2
LOCK_FLAGS := --quiet --generate-hashes --python $(BIN)/python --custom-compile-command "make lock"
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1
# Compiled modules go to .venv/pycache, made once and read by every later run (the source tree gets no
# __pycache__): an environment that sets PYTHONDONTWRITEBYTECODE would otherwise have every run
# compile each module again (a third of a `make check`).
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache
export PYTHONDONTWRITEBYTECODE :=
# The parsed data files, kept between runs: a file whose bytes are unchanged is not parsed again.
export PLAN_CACHE := $(abspath $(VENV))/cache

.PHONY: serve build check translations schemas test lint fuzz bench bench-test lighthouse lock clean screenshots
.PHONY: stale new-measure new-quarter new-place new-event release publish-draft versions
.PHONY: export-xlsx import-xlsx pdf

## serve: a quick preview at http://127.0.0.1:8000 with live reload: German only, no search, open data or
##   citations; make serve LANG=ar adds a language, LANG=all builds all, FULL=1 the whole site as published
# Only a LANG given to make counts: the LANG of the environment is the system's locale (C.UTF-8).
PREVIEW_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),de)
ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.build
	$(if $(FULL),,PLAN_PREVIEW=$(PREVIEW_LANG)) $(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload --watch data --watch hooks/actionplan/plan/labels.yml

## build: build the static site into site/ (strict); site/ changes only if the whole build succeeds
build: $(VENV)/.build
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

## check: validate data and prose markers without building the site
check: $(VENV)/.build
	$(BIN)/python -m actionplan check

## translations: per language, the missing pages, data texts and labels, and the review state
translations: $(VENV)/.build
	$(BIN)/python -m actionplan translations

## schemas: regenerate data/schema/*.json and the modelines of the data files (fix, then fail)
schemas: $(VENV)/.build
	$(BIN)/python -m actionplan schemas

## stale: measures without an update for DAYS days (default 90), overdue milestones and end dates; TODAY=JJJJ-MM-TT
stale: $(VENV)/.build
	$(BIN)/python -m actionplan stale $(if $(DAYS),--days "$(DAYS)") $(if $(TODAY),--today "$(TODAY)")

## new-measure: data/measures/<next free id>.yml from the commented template, e.g. make new-measure FIELD=WQ
new-measure: $(VENV)/.build
	$(BIN)/python -m actionplan new measure --field "$(FIELD)"

## new-quarter, new-place, new-event: append a commented entry, e.g. make new-place ID=stadtteiltreff-nordstadt
new-quarter new-place new-event: $(VENV)/.build
	$(BIN)/python -m actionplan new $(@:new-%=%) --id "$(ID)"

## export-xlsx: all measures to massnahmen.xlsx for editing in a spreadsheet (OUT=other.xlsx for another file;
##   an existing file is kept unless FORCE=1: its edits may not be imported yet)
export-xlsx: $(VENV)/.build
	$(BIN)/python -m actionplan export-xlsx --out "$(or $(OUT),massnahmen.xlsx)" $(if $(FORCE),--force)

## import-xlsx: read an edited workbook back into data/measures/; nothing changes if a cell is wrong
##   e.g. make import-xlsx FILE=massnahmen.xlsx
import-xlsx: $(VENV)/.build
	$(BIN)/python -m actionplan import-xlsx "$(or $(FILE),massnahmen.xlsx)"

## pdf: the whole plan (Leitbild, Erklärung, Handlungskonzept) as one PDF per language into pdf/
##   e.g. make pdf PDF_LANG=de for one language, OUT=other-folder for another folder
pdf: $(VENV)/.build
	$(BIN)/python -m actionplan pdf $(if $(PDF_LANG),--lang "$(PDF_LANG)") $(if $(OUT),--out "$(OUT)")

## release: publish VERSION (listed in data/releases.yml) into the local gh-pages branch with mike:
##   snapshot, CITATION.cff, site with PDFs and open data; e.g. make release VERSION=2026.1
##   (PUSH=1 also pushes gh-pages, VERIFY=1 writes nothing and checks, UPDATE=1 rewrites a snapshot)
release: $(VENV)/.build
	@test -n "$(VERSION)" || { echo "Bitte die Version angeben, z. B.: make release VERSION=2026.1"; exit 1; }
	$(BIN)/python -m actionplan release $(VERSION) $(if $(PUSH),--push) $(if $(VERIFY),--verify) $(if $(UPDATE),--update)

## publish-draft: publish main as the draft ("entwurf") into the local gh-pages branch (PUSH=1 pushes)
publish-draft: $(VENV)/.build
	$(BIN)/python -m actionplan publish-draft $(if $(PUSH),--push)

## versions: serve the local gh-pages branch (every published version) at http://127.0.0.1:8000
versions: $(VENV)/.build
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mike serve --dev-addr 127.0.0.1:8000

## test: lint, type-check and run every test (unit, site build, HTML validity, browser)
##   (TEST_PROCESSES=1 runs the tests in one process; a fixture shared by a module keeps its tests together)
test: lint node_modules/.installed
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadgroup

## fuzz: mutate the data files 2,000 times (structure-aware and as bytes); each must end in German errors
fuzz: $(VENV)/.dev
	FUZZ_EXAMPLES=$(or $(EXAMPLES),2000) $(BIN)/pytest tests/fuzz -q -p no:cacheprovider

## screenshots: the layout test only (every page type, every language, 320 and 1366 px);
##   screenshots of de, ar and uk into test-screenshots/
screenshots: $(VENV)/.dev
	$(BIN)/pytest tests/browser/test_layout.py -q

lint: $(VENV)/.dev
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy
	$(BIN)/zizmor --offline --quiet .github/workflows

## bench: every row of issue 11's table: full builds (sample, 500 measures) vs. plain Markdown in paired runs,
##   cost per page at 27/500/2,000 measures, peak memory, preview latency, make check at 1,000, first start
##   (RUNS=3 for more paired runs, ONLY=build,check for some rows; takes long on a busy machine)
bench: $(VENV)/.build
	$(BIN)/python tests/bench/bench.py --measures 500 --runs $(or $(RUNS),2) $(if $(ONLY),--only $(ONLY))

## bench-test: how long `make test` takes (not part of make bench: it runs the whole suite)
bench-test: $(VENV)/.dev
	$(BIN)/python tests/bench/bench.py --only test

## lighthouse: Lighthouse (mobile) on the start page, the action plan, a measure and a neighbourhood page, de and ar:
##   prints performance, accessibility, best-practices and SEO – a benchmark, not a test (Debian's chromium)
lighthouse: $(VENV)/.build node_modules/.installed
	$(BIN)/python tests/bench/lighthouse.py $(if $(SITE),--site "$(SITE)")

## lock: re-pin requirements*.txt (with hashes) from requirements*.in, keeping every pin that still fits
lock: $(VENV)/.uv
	$(UV) pip compile $(LOCK_FLAGS) -o requirements-uv.txt requirements-uv.in
	$(UV) pip compile $(LOCK_FLAGS) -o requirements.txt requirements.in
	$(UV) pip compile $(LOCK_FLAGS) -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site .site-build .bench .lighthouse .pytest_cache .mypy_cache .ruff_cache node_modules

# Installing: pip (from the venv) installs only uv, hash-pinned in requirements-uv.txt; uv installs
# the rest, hash-pinned too, in parallel and about ten times faster. The serve and build targets
# wait only for requirements.txt, the tests also for requirements-dev.txt.
$(VENV)/.uv: requirements-uv.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Konnte keine virtuelle Umgebung anlegen – unter Debian: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-uv.txt
	touch $@

$(VENV)/.build: $(VENV)/.uv requirements.txt
	$(UV_INSTALL) -r requirements.txt
	touch $@

# The Nu HTML Checker (vnu.jar) for the validity test; needs Java to run.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.dev: $(VENV)/.build requirements-dev.txt
	$(UV_INSTALL) -r requirements.txt -r requirements-dev.txt
	touch $@
