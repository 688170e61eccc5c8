# Two commands on a fresh Debian 12 / Python 3.11 machine:  make demo  |  make test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed

.PHONY: demo test venv rego-test pytest bench lint clean sysdeps bytecode

$(STAMP): pyproject.toml constraints.txt requirements-engine.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "aiconform needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip "setuptools>=69" wheel
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	$(PIP) install -q --no-deps --ignore-requires-python --require-hashes -r requirements-engine.txt
	@touch $(STAMP)

venv: $(STAMP) bytecode

# Our own modules compiled to bytecode ahead of time, as pip does for an installed wheel: an editable install
# (and environments with PYTHONDONTWRITEBYTECODE=1, common in CI images) would otherwise compile every imported
# module from source on each run, ~0.2 s of CPU per gate. Incremental: only changed files are recompiled.
bytecode: $(STAMP)
	@$(PY) -m compileall -q engine evidence_collectors policies __init__.py >/dev/null

# System libraries WeasyPrint needs (Pango); installed only when missing and when we are root.
sysdeps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
	  else echo "WeasyPrint needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" >&2; exit 2; fi; fi

demo: sysdeps $(STAMP) bytecode
	$(VENV)/bin/aiconform demo --out demo-out

rego-test: $(STAMP)
	$(VENV)/bin/aiconform policy test

pytest: $(STAMP)
	$(VENV)/bin/pytest -n 2 -q

test: sysdeps $(STAMP) bytecode rego-test pytest

bench: $(STAMP) bytecode
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

lint: $(STAMP)
	$(VENV)/bin/ruff check engine evidence_collectors tests bench

clean:
	rm -rf $(VENV) demo-out build *.egg-info
