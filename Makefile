# Every target creates .venv if it is missing, so each works on a fresh clone.
PY      := .venv/bin/python
STAMP   := .venv/.installed
CONFIG  ?=

.PHONY: install run test test-fast lint bench check browser clean model

# -qq on the project's own install: an editable install of a flat layout always prints setuptools'
# notice about it (errors still show).
$(STAMP): pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -qq -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

## make run — the bot on the embedded default (SQLite file, demo config, no WeChat account)
run: $(STAMP)
	$(PY) -m bot serve $(if $(CONFIG),--config $(CONFIG))

## make test — data checks, lint and the whole suite, browser tests included
test: $(STAMP) browser
	$(PY) -m bot check
	$(PY) -m ruff check bot tests bench
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -x -m "not browser and not slow"

## Debian's chromium and CJK fonts for the Playwright tests of the web desk (installed once, as root or via sudo)
browser:
	@{ command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-cjk >/dev/null 2>&1; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy

check: $(STAMP)
	$(PY) -m bot check

bench: $(STAMP)
	$(PY) bench/accuracy.py
	$(PY) bench/classifier_speed.py
	$(PY) bench/webhook_load.py
	$(PY) bench/turn_cost.py
	$(PY) bench/broadcast_send.py

## make model — retrain the turn model (intents/turns.tsv) on the labelled batches in tests/data
model: $(STAMP)
	$(PY) -m bot learn fit tests/data/dialogues-*.jsonl tests/data/heldout-*.jsonl

clean:
	rm -rf .venv var .pytest_cache .ruff_cache .mypy_cache
