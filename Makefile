# The two commands of README: `make run` builds dist/ from corpus/, `make test` runs the whole suite.
# Each creates the virtual environment .venv/ and installs into it when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/vietgov build

test: $(STAMP)
	$(BIN)/ruff check vietgov tests bench build.py
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/build_bench.py --articles 5 500

clean:
	rm -rf dist .pytest_cache
