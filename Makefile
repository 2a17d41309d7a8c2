# gradserve — every target makes and uses the local virtualenv .venv
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-slow lint format typecheck bench openapi clients docker-smoke fixtures clean \
	load failover fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e clients/python
	touch $(STAMP)

## run: start the service on the embedded default configuration (GRADSERVE_* overrides)
run: $(STAMP)
	$(BIN)/python -m service

## test: the default suite (unit, API, one real-uvicorn end-to-end test)
test: $(STAMP)
	$(BIN)/python -m pytest -q

# .venv-torch: torch for the differential tests and the fixtures (never a project dependency)
TORCH_STAMP := .venv-torch/.installed
$(TORCH_STAMP): pyproject.toml
	$(PYTHON) -m venv .venv-torch
	.venv-torch/bin/python -m pip install --quiet 'torch==2.13.0' numpy scipy mpmath hypothesis
	.venv-torch/bin/python -m pip install --quiet -e '.[dev]'
	touch $(TORCH_STAMP)

## test-slow: (+ tests/differential in .venv-torch: GRADSERVE_DIFF_EXAMPLES per function)
## test-slow: longer fuzzing and load tests (the soak: GRADSERVE_SOAK_SECONDS, default 600),
## and the TypeScript client (node required here)
test-slow: $(STAMP) $(TORCH_STAMP)
	GRADSERVE_REQUIRE_NODE=1 $(BIN)/python -m pytest -q -m 'slow or node'
	.venv-torch/bin/python -m pytest -q -m slow tests/differential

## lint: ruff (lint + format check) and mypy --strict on service/ (what .ci/run and pre-commit run)
lint: $(STAMP)
	$(BIN)/ruff check service tests bench scripts
	$(BIN)/ruff format --check service tests bench scripts
	$(BIN)/mypy --strict service

typecheck: $(STAMP)
	$(BIN)/mypy --strict service

format: $(STAMP)
	$(BIN)/ruff format service tests bench scripts
	$(BIN)/ruff check --fix service tests bench scripts

## bench: benchmarks, each reporting a ratio against a baseline measured in the same run
bench: $(STAMP)
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

## openapi: write openapi/openapi.json from the app (a test fails when it is stale)
openapi: $(STAMP)
	$(BIN)/python scripts/export_openapi.py

## clients: regenerate clients/python and clients/typescript/src/schema.ts from the spec
clients: $(STAMP)
	$(BIN)/python scripts/gen_clients.py

## load: a real server under 64 connections of a mixed load for 60 s (locust): 0 errors,
## p50/p99 per endpoint, RSS growth < 10 %, clean exit on SIGTERM
load: $(STAMP)
	$(BIN)/python scripts/load.py --duration $${LOAD_SECONDS:-60} --users $${LOAD_USERS:-64} $(LOAD_ARGS)

## failover: 2 replicas behind nginx (Debian's), one killed with SIGKILL under load, restarted
failover: $(STAMP)
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || \
	  { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
	$(BIN)/python -m pytest -q -s -m failover tests/load/test_failover.py

## fuzz: schemathesis over the whole spec with every check (schemathesis.toml), in-process,
## GRADSERVE_FUZZ_EXAMPLES per operation (default 100: over 3000 cases); also in test-slow
fuzz: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests/test_schemathesis.py

## docker-smoke: build the image with podman, run it, smoke-test it, clean up
docker-smoke: $(STAMP)
	bash scripts/docker_smoke.sh

## fixtures: regenerate golden fixtures with torch in a separate venv (.venv-torch), and the
## Keras ones (gen_*_keras.py: Keras 3.15, JAX backend, float64) in another (.venv-keras)
fixtures:
	$(PYTHON) -m venv .venv-torch
	.venv-torch/bin/python -m pip install --quiet 'torch==2.13.0' numpy scipy
	@set -e; for f in tests/fixtures/gen_*.py; do case $$f in *_keras.py) continue;; esac; \
	  echo "== $$f"; .venv-torch/bin/python $$f; done
	$(PYTHON) -m venv .venv-keras
	.venv-keras/bin/python -m pip install --quiet 'keras==3.15.*' jax jaxlib numpy
	@set -e; for f in tests/fixtures/gen_*_keras.py; do echo "== $$f"; \
	  KERAS_BACKEND=jax .venv-keras/bin/python $$f; done

clean:
	rm -rf $(VENV) .venv-torch .venv-keras .pytest_cache .mypy_cache .ruff_cache
