# Media-framing analysis. `make help` lists the targets; `make figures` and `make test` are the front door.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Use the active virtual or conda environment if there is one, else a local .venv.
ifdef VIRTUAL_ENV
ENV_DIR := $(VIRTUAL_ENV)
else ifdef CONDA_PREFIX
ENV_DIR := $(CONDA_PREFIX)
else
ENV_DIR := .venv
endif
PYTHON := $(ENV_DIR)/bin/python
SYSTEM_PYTHON := $(shell command -v python3 || command -v python)
INSTALLED := $(ENV_DIR)/.media-framing-installed

.PHONY: help install figures notebooks test corpus evaluate train bench-import clean

help: ## List every target with one line each
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-13s %s\n", $$1, $$2}'

install: $(INSTALLED) ## Create .venv (unless an environment is active) and install the project into it

$(INSTALLED): pyproject.toml
	@test -x $(PYTHON) || $(SYSTEM_PYTHON) -m venv $(ENV_DIR)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

figures: install ## Regenerate every figure into figures/<story>/ and execute every notebook
	$(PYTHON) -m analysis figures
	$(PYTHON) -m analysis notebooks

notebooks: install ## Execute every notebook and save it with its outputs
	$(PYTHON) -m analysis notebooks

test: install ## Run the whole test suite (notebooks executed too)
	$(PYTHON) -m pytest

corpus: install ## Print the articles of each story and what the loader set aside or removed
	$(PYTHON) -m analysis corpus

evaluate: install ## Validity figures on the public datasets: make evaluate DATA=folder-with-ptc-newsmtsc-vader-polnear
	@test -n "$(DATA)" || { echo "Say where the public datasets are: make evaluate DATA=path/to/data"; exit 2; }
	$(PYTHON) -m analysis.evaluate --data $(DATA)

train: install ## Retrain the shipped models from the public datasets: make train DATA=folder
	@test -n "$(DATA)" || { echo "Say where the public datasets are: make train DATA=path/to/data"; exit 2; }
	$(PYTHON) -m analysis.train --data $(DATA)

bench-import: install ## Time `import analysis` (target: under 0.5 s)
	$(PYTHON) benchmarks/import_time.py

clean: ## Remove the local .venv and caches (never touches corpus/ or figures/)
	rm -rf .venv .pytest_cache .hypothesis build *.egg-info
