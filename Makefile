# kyodo-map — every command a developer or CI needs. Works on a machine with only
# python3, pip, make and apt: the virtual environment and test needs are set up here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kyodo-installed
RAW ?= ../shared/data/yamaguchi
HOST ?= 127.0.0.1
PORT ?= 8501
IDLE ?= 120
CYCLES ?= 500

.PHONY: help venv run kiosk kiosk-browser test lint typecheck pytest sysdeps data bench soak backup restore clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create or update .venv with the project and its test tools

run: export KYODO_REGISTRY ?= 1
kiosk: export KYODO_REGISTRY ?= 1

run: venv ## start the app on http://127.0.0.1:8501 with the bundled data
	@bash scripts/install-system-deps.sh runtime
	$(PY) -m streamlit run ui/server.py --server.address $(HOST) --server.port $(PORT)

kiosk: venv ## start the public touch-screen kiosk on http://127.0.0.1:8501 (IDLE=seconds)
	@bash scripts/install-system-deps.sh runtime
	KYODO_KIOSK=1 KYODO_KIOSK_IDLE_SECONDS=$(IDLE) $(PY) -m streamlit run ui/server.py \
		--server.address $(HOST) --server.port $(PORT) \
		--client.toolbarMode minimal --client.showErrorDetails none \
		--client.showSidebarNavigation false --server.disconnectedSessionTTL 15

kiosk-browser: ## start chromium locked down as the kiosk, against a running `make kiosk` (URL=)
	bash deploy/kiosk/kiosk-browser.sh "$(or $(URL),http://$(HOST):$(PORT)/)"

sysdeps: ## install Debian's chromium, Leaflet, Japanese fonts and poppler when absent
	@bash scripts/install-system-deps.sh test

lint: venv ## ruff (style, complexity) and the import contracts (lint-imports)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: venv ## mypy (strict)
	$(PY) -m mypy

pytest: venv ## the test suite only
	$(PY) -m pytest

test: venv sysdeps lint typecheck pytest ## everything CI runs

data: venv ## rebuild data/yamaguchi from the raw public data (RAW=path)
	$(PY) -m geo.build --raw "$(RAW)" --out data/yamaguchi

bench: venv sysdeps ## benchmarks (ratios; not part of make test)
	$(PY) -m benchmarks

.PHONY: serve-replicas load
REPLICAS ?= 2

serve-replicas: venv sysdeps ## REPLICAS=2 app processes behind nginx on 127.0.0.1:PORT, sharing the registry
	PORT=$(PORT) REPLICAS=$(REPLICAS) PY=$(PY) bash scripts/serve-replicas.sh

load: venv sysdeps ## load run: 20 sessions across two replicas for a bounded time (not a test)
	$(PY) benchmarks/load_replicas.py

soak: venv sysdeps ## the kiosk soak: 500 idle resets, server memory before and after (CYCLES=)
	$(PY) -m benchmarks soak --cycles $(CYCLES)

backup: venv ## snapshot the organisation registry into var/snapshots/
	$(PY) -m geo.registry backup

restore: venv ## replace the registry with SNAPSHOT=var/snapshots/registry-….sqlite3 (current state saved first)
	@test -n "$(SNAPSHOT)" || { echo "usage: make restore SNAPSHOT=var/snapshots/…" >&2; exit 2; }
	$(PY) -m geo.registry restore "$(SNAPSHOT)"

clean: ## remove caches and test artefacts (keeps .venv)
	rm -rf .mypy_cache .ruff_cache .pytest_cache test-artifacts
