# Two commands on a fresh machine: `make site` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
# Material's end-of-life banner (2027-05-05) is known; the README says how Zensical fares.
export NO_MKDOCS_2_WARNING := 1
# Warnings (unknown agency, skipped numbering …) fail the build; `make site STRICT=` to preview anyway.
STRICT ?= --strict

NODE := tests/browser
NODE_READY := $(NODE)/node_modules/.installed

.PHONY: site serve test generate clean

$(READY): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Browser-side tools the tests drive (axe-core, vnu-jar, lighthouse), pinned by the lock file.
$(NODE_READY): $(NODE)/package.json $(NODE)/package-lock.json
	npm ci --prefix $(NODE) --no-audit --no-fund --silent
	touch $@

generate: $(READY)
	$(BIN)/python -m generator build --seeds seeds --docs docs $(STRICT)
	$(BIN)/python -m generator check --seeds seeds --docs docs

# Built beside site/ and swapped in, so a failed build leaves the previous site/ intact.
site: generate
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --quiet --site-dir .site-build
	$(BIN)/python -m generator compact-search --site .site-build
	rm -rf site && mv .site-build site

serve: $(READY)
	$(BIN)/python -m generator serve --seeds seeds --docs docs

test: $(READY) $(NODE_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-build docs/index.md docs/bulletins docs/agencies docs/api
