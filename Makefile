# bodymap — the two commands of the README, and a few more for developers.
#   make demo   set up .venv, render the default figure (iliopsoas.svg, iliopsoas.png) and
#               the default handout (handout-iliopsoas.pdf; the dev install has bodymap[pdf])
#   make test   set up .venv and run the whole test suite (in parallel, one worker a core)
#   make docs   build the documentation site into docs/_build/html (installs bodymap[docs])
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test docs lint bench wheel-check data clean chromium serve postgresql

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/bodymap render
	$(VENV)/bin/bodymap render -o iliopsoas.png
	$(VENV)/bin/bodymap handout

test: $(STAMP) chromium postgresql
	$(PY) -m pytest -q -n auto

# Debian's chromium for the browser tests of the pain form (Playwright drives it; its own
# browser download is never used). Installed only when missing; needs root.
chromium:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# The clinic app on this computer: a SQLite file in the user data folder, a demo clinician
# (user demo, password bodymap-demo: for this demo only) and a demo patient; Ctrl+C stops it.
serve: $(STAMP)
	$(VENV)/bin/bodymap serve --demo

# PostgreSQL's server binaries for the clinic app's tests on PostgreSQL (initdb and pg_ctl;
# the tests start their own server). Installed only when missing; needs root.
postgresql:
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)

# The documentation site: Sphinx with the gallery's scripts run, warnings as errors.
DOCS_STAMP := $(VENV)/.docs-installed
$(DOCS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[docs]"
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(PY) -m sphinx -b html -W --keep-going docs docs/_build/html

lint: $(STAMP)
	$(VENV)/bin/ruff check bodymap tests bench examples shapes docs
	$(VENV)/bin/ruff format --check bodymap tests bench examples shapes docs
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) bench/bench_render.py
	$(PY) bench/bench_compare.py
	$(PY) bench/bench_rank.py
	$(PY) bench/bench_cohort.py
	$(PY) bench/bench_agreement.py
	$(PY) bench/bench_hostile.py
	$(PY) bench/bench_stats.py
	$(PY) bench/bench_schemes.py
	$(PY) bench/bench_handout.py
	$(PY) bench/bench_paper.py
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_serve.py
	$(PY) bench/bench_serve_load.py

# Build the wheel, install it in a fresh venv outside the repo and render from a temp folder.
wheel-check: $(STAMP)
	rm -rf dist && $(PY) -m build --wheel --outdir dist . >/dev/null
	bash .ci/wheel_check.sh dist/*.whl

# Regenerate the geometry in shapes/ from its scripts.
data: $(STAMP)
	$(PY) shapes/make_chart.py
	$(PY) shapes/make_patterns.py
	$(PY) shapes/make_schemes.py  # needs ../shared/reference/choir-body-map

clean:
	rm -rf dist build docs/_build .pytest_cache .mypy_cache .ruff_cache iliopsoas.svg iliopsoas.png handout-iliopsoas.pdf
