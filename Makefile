# opeunlike: `make report` runs everything on the shipped data, `make test` runs the tests.
# Both create .venv when it is missing. `make help` lists the targets.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CAMEL  := camel-tools==1.6.0
# Report inputs for `make report CAMPAIGN=… POSTS=… LIKES=…` (empty = the campaign's SIMULATED demo).
CAMPAIGN ?=
POSTS  ?=
LIKES  ?=
LIKES_TZ ?=
BIN_SIZE ?=
WINDOW ?=
RUN_NAME ?=

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast models lab clean notebooks-sync

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 (snscrape breaks on 3.12+)" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# step 2: camel-tools without its dependencies (they would pull ~3 GB of CUDA torch)
	$(BIN)/python -m pip install --quiet --no-deps $(CAMEL)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned dependencies

report: $(STAMP) ## check inputs, run every notebook, write figures/ (CAMPAIGN=… POSTS=… LIKES=… for your own)
	$(BIN)/python -m analysis report $(if $(CAMPAIGN),--campaign $(CAMPAIGN)) $(if $(POSTS),--posts $(POSTS)) \
	  $(if $(LIKES),--likes $(LIKES)) $(if $(LIKES_TZ),--tz $(LIKES_TZ)) $(if $(BIN_SIZE),--bin $(BIN_SIZE)) \
	  $(if $(WINDOW),--window $(WINDOW)) $(if $(RUN_NAME),--run-name $(RUN_NAME))

test: $(STAMP) ## run the whole test suite (unit, integration, notebooks)
	$(BIN)/python -m pytest -n 2 --dist loadscope --durations=15

test-fast: $(STAMP) ## unit tests only, without the ones marked slow (the loop while editing)
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -m "not slow" tests/unit

models: $(STAMP) ## rebuild the shipped models/*.skops byte for byte (needs OPEUNLIKE_CORPORA)
	$(BIN)/opeunlike langid train
	$(BIN)/opeunlike sentiment train

lab: $(STAMP) ## open JupyterLab in the venv
	$(BIN)/jupyter lab --notebook-dir=notebooks

notebooks-sync: $(STAMP) ## re-pair notebooks/*.py with their output-free .ipynb
	$(BIN)/python -m analysis notebooks sync

clean: ## remove the venv, caches and generated figures (keeps data/ and models/)
	rm -rf $(VENV) .cache .pytest_cache build figures/_executed
	rm -f figures/*.png figures/*.svg figures/*.csv figures/index.html
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
