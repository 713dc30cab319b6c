# The two commands (see README.md): `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= 2
DB ?= var/dangjian.db
PORT ?= 8080

.PHONY: all setup release debug run test bench format format-check clean

all: release

setup:
	@scripts/setup

release: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

# Builds, creates the demo province in $(DB) if absent, and serves http://127.0.0.1:$(PORT).
run: release
	@mkdir -p $(dir $(DB))
	@build/release/src/app/dangjian serve --demo --db $(DB) --port $(PORT)

# Every suite: layout check, unit and integration tests under ASan/UBSan.
test: debug
	@scripts/test

bench: release
	@scripts/bench

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cpp' | xargs clang-format --dry-run -Werror

clean:
	rm -rf build
