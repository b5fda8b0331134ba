# The two set-up commands of the README: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval bench model places-model clean regress regress-accept

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all,test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/eventwire ingest samples/ --db demo.duckdb
	$(BIN)/eventwire events --db demo.duckdb --format table --limit 50

test: $(STAMP)
	$(BIN)/ruff check eventwire tests benchmarks
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check eventwire tests benchmarks

eval: $(STAMP)
	$(BIN)/eventwire eval all --shared ../shared --report reports/accuracy.md

model: $(STAMP)
	$(BIN)/eventwire train --shared ../shared

# The coder's golden regression set (tests/regress): every event that appeared, vanished or changed.
regress: $(STAMP)
	$(BIN)/python -m eventwire.coding.regress

regress-accept: $(STAMP)
	$(BIN)/python -m eventwire.coding.regress --accept

# Rebuild the shipped place ranker from the event-location file (tune part only; needs ../shared).
places-model: $(STAMP)
	$(BIN)/python -m eventwire.coding.places.train ../shared/data/eventloc/event_location_train.jsonl

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache
