# The two commands (see README.md): `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= 2
DB ?= var/dangjian.db
PORT ?= 8080

.PHONY: all setup release debug web run test screenshots bench format format-check clean

all: release

setup:
	@scripts/setup

release: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

# The web app (Vue + Element Plus, built by Vite into web/dist), rebuilt when its sources,
# configuration or lock file are newer than the last build.
web: setup
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/package-lock.json \
	      web/vite.config.ts web/tsconfig*.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then \
	  echo "web: npm run build"; (cd web && npm run build --silent >/dev/null) || exit 1; \
	else echo "web: web/dist is current"; fi

# Builds, creates the demo province in $(DB) if absent, and serves the web app and the API on
# http://127.0.0.1:$(PORT).
run: release web
	@mkdir -p $(dir $(DB))
	@build/release/src/app/dangjian serve --demo --db $(DB) --port $(PORT) --static-dir web/dist

# Every suite: layout check, C++ unit and integration tests under ASan/UBSan, the web app's
# unit tests (Vitest) and its browser tests (headless Chromium against a real server).
test: debug web
	@scripts/test

# The browser tests again, writing their screenshots to docs/screenshots (shown in README.md).
screenshots: debug web
	@cd web && DJ_BINARY="$$PWD/../build/debug/src/app/dangjian" \
	  DJ_E2E_SCREENSHOTS="$$PWD/../docs/screenshots" npm run e2e --silent

bench: release
	@scripts/bench

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cpp' | xargs clang-format --dry-run -Werror

clean:
	rm -rf build web/dist
