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
# The exact versions `make install` installs (every package, dependencies of dependencies too),
# so that a clone made in a year draws the same figures. `make lock` re-resolves them.
LOCK := constraints.txt

.PHONY: help install lock browser figures report notebooks lab test corpus evaluate train bench bench-import bench-limits clean

help: ## List every target with one line each
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-13s %s\n", $$1, $$2}'

install: $(INSTALLED) ## Create .venv (unless an environment is active) and install the project into it

$(INSTALLED): pyproject.toml $(LOCK)
	@test -x $(PYTHON) || $(SYSTEM_PYTHON) -m venv $(ENV_DIR)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[dev,scale]'
	@touch $@

lock: ## Re-resolve the newest versions pyproject.toml allows into constraints.txt (then run make test)
	rm -rf .lock-env && $(SYSTEM_PYTHON) -m venv .lock-env
	.lock-env/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,scale]'
	{ echo "# Exact versions for make install (pip install -c constraints.txt), resolved by make lock"; \
	  echo "# on Python $$(.lock-env/bin/python -c 'import platform; print(platform.python_version())')."; \
	  .lock-env/bin/python -m pip freeze --exclude-editable | LC_ALL=C sort -f; } > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK) && rm -rf .lock-env
	$(SYSTEM_PYTHON) tools/pin_environment.py

# The browser tests drive Debian's Chromium with Playwright (no browser download). As root,
# install it with apt-get; otherwise say how, and the browser tests are skipped.
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)
browser: ## Install Debian's Chromium for the browser tests (needs root; skipped with a message otherwise)
ifeq ($(CHROMIUM),)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is not installed and this is not root: the browser tests will be skipped."; \
		echo "Install it with: sudo apt-get install chromium"; \
	fi
endif

figures: install ## Every figure, report and lesson (STORY=x: story x only, its lessons in figures/x/lessons/)
ifdef STORY
	$(PYTHON) -m analysis figures --story $(STORY)
	$(PYTHON) -m analysis notebooks --story $(STORY)
else
	$(PYTHON) -m analysis build
endif

report: install ## Write the story pages, blind.html and report.html (CLASS=code: shuffled for a class)
	$(PYTHON) -m analysis report $(if $(STORY),--story $(STORY)) $(if $(CLASS),--class-code '$(CLASS)')

notebooks: install ## Run every lesson and save it (STORY=x: run them on story x into figures/x/lessons/)
	$(PYTHON) -m analysis notebooks $(if $(STORY),--story $(STORY))

lab: install ## Open the lessons in JupyterLab (in your browser), at lesson 0
	$(PYTHON) -m jupyter lab notebooks/00_blind_reading.ipynb

test: install browser ## Run the whole test suite (notebooks and browser tests too)
	$(PYTHON) -m pytest -n auto --dist worksteal

corpus: install ## Print the articles of each story (STORY=x: of story x) and what the loader set aside or removed
	$(PYTHON) -m analysis corpus $(if $(STORY),--story $(STORY))

evaluate: install ## Validity figures on the public datasets: make evaluate DATA=folder-with-ptc-newsmtsc-vader-polnear
	@test -n "$(DATA)" || { echo "Say where the public datasets are: make evaluate DATA=path/to/data"; exit 2; }
	$(PYTHON) -m analysis.training.evaluate --data $(DATA)

train: install ## Retrain the shipped models from the public datasets: make train DATA=folder
	@test -n "$(DATA)" || { echo "Say where the public datasets are: make train DATA=path/to/data"; exit 2; }
	$(PYTHON) -m analysis.training.train --data $(DATA)

bench: install ## Throughput against a naive nltk pipeline, and memory: make bench DATA=folder-with-allsides
	@test -n "$(DATA)" || { echo "Say where the AllSides shards are: make bench DATA=path/to/data"; exit 2; }
	$(PYTHON) benchmarks/throughput.py --data $(DATA)

bench-import: install ## Time `import analysis` (target: under 0.5 s)
	$(PYTHON) benchmarks/import_time.py

bench-limits: install ## Time every text function on hostile text at 100,000 and 1,000,000 characters (linear?)
	$(PYTHON) benchmarks/adversarial.py

clean: ## Remove the local .venv and caches (never touches corpus/ or figures/)
	rm -rf .venv .pytest_cache .hypothesis build *.egg-info
