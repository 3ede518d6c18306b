# Newsroom — the commands a newcomer and CI need. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
# THEME=backan make run: the demo of that theme (dienbienphu, backan, laichau),
# in its own SQLite file so the three demos never mix.
THEME ?=
ifneq ($(THEME),)
export SQLITE_PATH ?= $(CURDIR)/db-$(THEME).sqlite3
DEMO_ARGS := --theme $(THEME)
endif

.PHONY: help run serve test lint check ci demo install chromium ffmpeg java axe audit bench bench-counters wrk check-nginx clean

help:
	@echo "make run     - the demo newspaper on http://127.0.0.1:$(PORT)/ (SQLite); THEME=backan or THEME=laichau for the other papers"
	@echo "make test    - the whole test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make serve   - production-like: DEBUG off, gunicorn, WhiteNoise static"
	@echo "make lint    - ruff"
	@echo "make check   - migrations up to date, deploy checks under production settings"
	@echo "make bench   - whole-site benchmark against a plain Django hello-world (PostgreSQL, 300,000 articles, wrk)"
	@echo "make check-nginx - the nginx configuration of docs/deployment.md in front of make serve (caching headers, HIT, editors never cached)"
	@echo "make audit   - Lighthouse scores of each theme's article page (docs/audits.md)"
	@echo "make bench-counters - cost of view counting and article page throughput (wrk, 127.0.0.1)"

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

# Browser tests drive Debian's Chromium (Playwright's own download does not
# work offline). Installed here when missing.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Chromium for the browser tests..."; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

# ffmpeg and ffprobe from Debian: video probing and transcoding (videos/,
# docs/multimedia.md) and the video tests.
ffmpeg:
	@if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then \
		echo "Installing ffmpeg for video..."; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg; \
	fi

# The Nu HTML Checker (vnu.jar, tests/seo/test_html_validity.py) runs on Java.
java:
	@if ! command -v java >/dev/null; then \
		echo "Installing Java for the HTML checker..."; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	fi

# The independent tools of the tests, from the npm registry into node_modules/
# (gitignored), at the versions pinned in package-lock.json: axe-core
# (accessibility checks in the browser tests), vnu-jar (the W3C Nu HTML
# Checker) and linkinator (the link crawler).
$(AXE): package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		echo "Installing npm for axe-core..."; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

axe: $(AXE)

demo: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo $(DEMO_ARGS)
	$(MANAGE) load_demo_print

# The background worker (printed issues, videos: docs/operations.md) runs
# beside the web server and stops with it.
run: demo
	@$(MANAGE) db_worker --verbosity 0 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: demo
	@export DJANGO_SETTINGS_MODULE=newsroom.settings.production \
		DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
		DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		DJANGO_HTTPS="$${DJANGO_HTTPS:-false}" \
		NEWSROOM_SERVE_MEDIA="$${NEWSROOM_SERVE_MEDIA:-true}"; \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	echo "Serving on http://127.0.0.1:$(PORT)/ (gunicorn.conf.py: $${WEB_CONCURRENCY:-2} workers, DEBUG off)" && \
	{ $(MANAGE) db_worker --verbosity 0 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/gunicorn newsroom.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT); }

# The service tests stop and restart their own Redis and PostgreSQL (never the
# machine's: tests/services/servers.py), so they run in their own pytest
# process after the main suite. They start their own database whatever
# DATABASE_URL says, so CI's second run (on PostgreSQL) skips them with
# SERVICE_TESTS=no.
SERVICE_TESTS ?= yes
test: $(STAMP) chromium ffmpeg java $(AXE)
	$(BIN)/python -m pytest
	@if [ "$(SERVICE_TESTS)" != no ]; then $(BIN)/python -m pytest -m services; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=newsroom.settings.production \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=news.example.vn \
	$(MANAGE) check --deploy --fail-level WARNING

# View counting benchmark (docs/counters.md): bounded wrk runs on 127.0.0.1.
# DATABASE_URL=postgres://... to measure PostgreSQL (it loads the demo there).
bench-counters: $(STAMP) wrk
	PYTHON=$(BIN)/python scripts/bench_counters.sh

# The whole-site benchmark (docs/performance.md): PostgreSQL with 300,000
# articles (generated once into newsroom_bench), gunicorn, wrk on 127.0.0.1.
bench: $(STAMP) wrk
	$(BIN)/python scripts/bench.py

# docs/deployment.md's nginx configuration, tried in front of `make serve`.
check-nginx:
	PYTHON=$(BIN)/python scripts/check_nginx.sh

wrk:
	@if ! command -v wrk >/dev/null; then \
		echo "Installing wrk for the benchmark..."; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	fi

# Lighthouse against a production-like server (make serve) of each theme's
# demo; scores are written to docs/audits.md by hand from the JSON reports in
# test-artifacts/lighthouse/. Needs npm and Chromium.
audit: $(STAMP) chromium
	PYTHON=$(BIN)/python CHROMIUM=$(CHROMIUM) scripts/audit.sh

ci: test lint check

clean:
	rm -rf staticfiles test-artifacts .pytest_cache .ruff_cache node_modules
