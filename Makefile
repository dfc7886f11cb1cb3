# Two entry points do all set-up on a fresh machine with Python 3.11 and pip:
#   make run   -> installs into .venv if needed, then serves the dashboard on :8501
#   make test  -> installs into .venv (and Debian's chromium) if needed, then runs every test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.install-stamp
PORT   ?= 8501

.PHONY: run test lint etl bench chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT)

# Playwright's own browser download cannot work offline; Debian's chromium is used instead.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; \
	fi

test: $(STAMP) chromium
	$(PY) -m ruff check .
	$(PY) -m pytest

etl: $(STAMP)
	$(PY) -m etl

bench: $(STAMP) chromium
	$(PY) -m bench
