# Two commands on a fresh machine: `make site` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
# The generator starts with SIGINT, SIGTERM and SIGHUP blocked: one sent while Python itself starts
# waits for the generator's handlers (generator/runs.py on_signals), so that it too ends the run
# with one line and nothing changed. The same command is generator/runs.py's BLOCKED_START.
GENERATOR := env --block-signal=INT,TERM,HUP $(BIN)/python -m generator
# Material's end-of-life banner (2027-05-05) is known; the README says how Zensical fares.
export NO_MKDOCS_2_WARNING := 1
# Warnings (unknown agency, skipped numbering …) fail the build; `make site STRICT=` to preview anyway.
STRICT ?= --strict
# The site builder: mkdocs (default), properdocs or zensical, each from the lock file (generator/engines.py).
ENGINE ?= mkdocs
# `make site` renders only the pages that changed since site/ was built (generator/sitebuild.py);
# `make site FULL=1` renders every page.
FULL ?=

NODE := tests/browser
NODE_READY := $(NODE)/node_modules/.installed

.PHONY: site serve test clean

$(READY): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Browser-side tools the tests drive (axe-core, vnu-jar, lighthouse), pinned by the lock file.
$(NODE_READY): $(NODE)/package.json $(NODE)/package-lock.json
	npm ci --prefix $(NODE) --no-audit --no-fund --silent
	touch $@

# Generate docs/, then build beside site/ (only the pages that changed) while the conservation
# check runs, then swap: a failed step leaves the previous site/ intact (generator/pipeline.py).
site: $(READY)
	$(GENERATOR) site --seeds seeds --config mkdocs.yml --site site --engine $(ENGINE) $(STRICT) $(if $(FULL),--full)

serve: $(READY)
	$(GENERATOR) serve --seeds seeds --docs docs

test: $(READY) $(NODE_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-build .site-old .site-cache .generate-* .generator.lock docs/index.md docs/bulletins docs/agencies docs/campaigns docs/api docs/feed.xml docs/feeds docs/downloads docs/browse
