# Two entry points do all set-up on a fresh machine with Python 3.11 and pip:
#   make run   -> installs into .venv if needed, then serves the dashboard on :8501
#   make test  -> installs into .venv (and Debian's chromium) if needed, then runs every test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.install-stamp
PORT   ?= 8501
# 127.0.0.1 unless you opt in: `make run HOST=0.0.0.0` listens on every interface.
HOST   ?= 127.0.0.1

.PHONY: run serve test lint etl bench chromium lock nginx export

# Installs exactly what requirements.lock pins, checked against its hashes, so an install
# next year gets the same packages CI tested; then the project itself, without resolving.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(HOST)

# N Streamlit processes behind nginx (sticky sessions, WebSockets): `make serve REPLICAS=2`.
REPLICAS ?= 2
serve: $(STAMP) nginx
	$(PY) -m deploy.serve --replicas $(REPLICAS) --port $(PORT) --host $(HOST)

nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light >/dev/null; \
	fi

# Re-resolves every dependency within pyproject.toml's ranges (Python 3.11, every platform).
lock: $(STAMP)
	$(PY) -m pip install --quiet "uv>=0.9,<1"
	$(PY) -m uv pip compile pyproject.toml --extra test --generate-hashes --universal \
		--python-version 3.11 --no-header --quiet -o requirements.lock

# Playwright's own browser download cannot work offline; Debian's chromium is used instead.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; \
	fi

test: $(STAMP) chromium nginx
	$(PY) -m ruff check .
	$(PY) -m pytest

etl: $(STAMP)
	$(PY) -m etl

# The static site: every figure as HTML (plotly.js from the site), CSV, PNG and SVG, and an
# index in English and Chinese: `make export DIR=site` (add ARGS=--no-images for HTML and CSV only).
DIR ?= site
export: $(STAMP) chromium
	$(PY) -m export $(DIR) $(ARGS)

bench: $(STAMP) chromium
	$(PY) -m bench
