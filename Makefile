# Conseiller micro-travail / freelance — every target does its own set-up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/conseiller.tar.gz
VOCABULARY := data/nlu/vocabulary.yml
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(wildcard nlu_components/*.py) \
  $(VOCABULARY)
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export SANIC_HOST := 127.0.0.1

.DEFAULT_GOAL := help
.PHONY: help install vocabulary train run run-prod shell actions test lint format validate bench bench-report report retention facts-report lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# pip byte-compiles file by file (half the install time, measured): --no-compile, then compileall on every core
# (~40 s). Without bytecode on disk, each process that imports Rasa spends ~13 s more compiling it, at every start,
# when the environment forbids writing it at import (PYTHONDONTWRITEBYTECODE) or the user cannot (the service user).
$(VENV)/.installed: requirements.txt constraints.txt scripts/find_python310.sh
	@python310=$$(bash scripts/find_python310.sh) || exit 1; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet --no-compile -r requirements.txt -c constraints.txt
	$(PY) -m compileall -q -j 0 "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
	@touch $@

install: $(VENV)/.installed ## Create .venv (Python 3.10) and install the pinned dependencies

$(VOCABULARY): $(VENV)/.installed $(wildcard knowledge/*.yml) scripts/generate_vocabulary.py actions/knowledge/loader.py
	$(PY) scripts/generate_vocabulary.py
	@touch $@

vocabulary: $(VOCABULARY) ## Regenerate data/nlu/vocabulary.yml (names the NLU knows) from the knowledge store

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name conseiller --out models
	@touch $@

train: $(MODEL) ## Train the model (only when data/, knowledge/, domain.yml, config.yml or nlu_components/ changed)

validate: install ## Check the training data (rasa data validate)
	$(RASA) data validate --fail-on-warnings

run: $(MODEL) ## Start the action server, Rasa (REST, socket.io, Telegram if set) and the web page; Ctrl-C stops all
	@bash scripts/run.sh

run-prod: $(MODEL) ## Production profile: PostgreSQL, Redis, 2 Rasa replicas, nginx on :8000 (installs them as root)
	@bash scripts/prod.sh run

shell: $(MODEL) ## Chat with the bot in this terminal
	@bash scripts/run.sh --shell

actions: install ## Start only the action server (port 5055)
	$(PY) -m runtime.action_server --actions actions --port 5055

# Most tests wait on servers they start: 3 workers keep the 2 cores busy (tests/conftest.py groups them)
TEST_WORKERS ?= 3
test: $(MODEL) lint ## Run the linter, then every test (pytest on TEST_WORKERS workers): knowledge, actions, NLU evaluation, conversations, channels
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

lint: install ## Check style and common mistakes (ruff, settings in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Reformat the code and sort imports (ruff)
	$(VENV)/bin/ruff check --fix --select I .
	$(VENV)/bin/ruff format .

bench: $(MODEL) ## Project vs stock `rasa init` bot: latency, throughput, memory, cold start, time per step (BENCH_ARGS="--prod --training" for more)
	$(PY) scripts/bench.py $(BENCH_ARGS)

bench-report: install ## Time the report on a generated store of 100,000 events (target: 3 s or less)
	$(PY) scripts/report_bench.py

report: install ## Dashboard of the conversations: terminal summary + HTML in test-output/report (REPORT_ARGS="--days 30")
	$(PY) scripts/report.py $(REPORT_ARGS)

retention: install ## Erase conversations idle for more than RETENTION_DAYS days, and old charts (make retention RETENTION_DAYS=180)
	$(PY) scripts/retention.py $(RETENTION_ARGS)
facts-report: install ## List the facts whose review is due (rates yearly, platform fees every 6 months), with sources
	$(PY) scripts/facts_report.py $(if $(DATE),--date $(DATE))

lock: install ## Rewrite constraints.txt from the installed packages
	@{ echo "# Exact set of packages CI tested (pip freeze of .venv). Regenerate with: make lock"; \
	   $(PY) -m pip freeze --exclude-editable; } > constraints.txt

clean: ## Remove trained models and test output (keeps .venv)
	rm -rf models/*.tar.gz test-output results .pytest_cache
