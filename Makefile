# Two commands for a newcomer: `make run` (set up and run the assistant) and `make test`
# (set up and run every check). Both create .venv with Python 3.10 and install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml')
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: setup run shell test lint unit validate stories integration resilience eval clean scaleout bench
.PHONY: capacity
.PHONY: margins paraphrases cv
.PHONY: web-deps browser e2e systemd-tools purge
.PHONY: nginx proxy

setup: $(STAMP)

# uv installs the same pinned set as pip, several times faster (downloads in parallel, a cache).
UV_VERSION := 0.9.17

$(STAMP): pyproject.toml
	@test -x $(PY) || { py=$$(scripts/find_python310.sh) && $$py -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip install --quiet --python $(PY) -e ".[dev]"
	touch $@

# Trains only when the training data or the config changed; otherwise the model is reused.
# `make validate` (part of `make test`) checks the data, so training skips Rasa's own check.
# Through our entry point: training then skips fingerprinting the featurized NLU data
# (rasa_extensions/training_cache.py).
$(MODEL): $(TRAINING_FILES) | $(STAMP)
	mkdir -p var
	$(PY) -m rasa_extensions train --skip-validation --fixed-model-name assistant --out models
	touch $@
	$(PY) -m rasa_extensions.model_hash record $@

run: $(MODEL) web-deps
	mkdir -p var
	$(PY) -m ops.stack --model $(MODEL)

shell: $(MODEL)
	mkdir -p var/log
	export ACTION_SERVER_TOKEN=$$($(PY) -c 'import secrets; print(secrets.token_hex(16))') ACTION_ENDPOINT_URL=http://127.0.0.1:5055/webhook; \
	$(PY) -m actions.server > var/log/actions-shell.log 2>&1 & pid=$$!; \
	trap 'kill $$pid' EXIT; \
	$(PY) -m rasa_extensions shell --model $(MODEL) --endpoints endpoints.yml

# Every check, two at a time (2 cores here; the server suites wait on their servers much of the
# time); each target's output is printed whole when it ends. TEST_JOBS=1 runs them one by one.
# First the training beside the unit tests and lint, then the longest suite (resilience) beside
# all the others: make starts goals in the order given, so it is started first.
TEST_JOBS ?= 2
TEST_MAKE = $(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target
test:
	$(TEST_MAKE) $(MODEL) unit lint validate
	$(TEST_MAKE) resilience stories paraphrases integration scaleout proxy e2e

# ruff (bugbear, import order, pyupgrade, simplify), mypy on the domain, the published schema
# and .env.example made from their sources.
lint: $(STAMP)
	$(VENV)/bin/ruff check bot actions channels ops rasa_extensions web settings.py tests
	$(VENV)/bin/mypy
	$(PY) -m bot.payload_schema --check
	$(PY) -m settings | diff -u .env.example - || { echo ".env.example is stale: python -m settings > .env.example"; exit 1; }

unit: $(STAMP) web-deps systemd-tools
	$(PY) -m pytest tests/unit -q

validate: $(STAMP)
	$(RASA) data validate --fail-on-warnings

stories: $(MODEL)
	$(RASA) test core --e2e --stories tests/test_stories --model $(MODEL) --out results/core \
	  --fail-on-prediction-errors

integration: $(MODEL)
	$(PY) -m pytest tests/integration -q

# Hostile input, fuzzing, faults (servers stopped, hung, restarted) and the API's security.
resilience: $(MODEL)
	$(PY) -m pytest tests/resilience -q

# The servers behind a real nginx with TLS (deploy/nginx/mad-efile.conf): what it publishes.
proxy: $(MODEL) nginx
	$(PY) -m pytest tests/proxy -q

# Debian's nginx-light, for the proxy tests, installed only when missing.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light; }

# Two Rasa servers on PostgreSQL + Redis (scripts/services.sh), an action server with 2 workers.
scaleout: $(MODEL)
	$(PY) -m pytest tests/scaleout -q

# The web chat's browser packages (socket.io client, axe-core), pinned in web/package-lock.json.
web-deps: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $@

# Debian's systemd, for `systemd-analyze verify` of deploy/systemd, installed only when missing.
systemd-tools:
	scripts/install_systemd_tools.sh

# Debian's Chromium for the browser tests, installed only when missing.
browser:
	scripts/install_browser.sh

# The web chat and the staff console in headless Chromium against the real servers.
e2e: $(MODEL) web-deps browser
	$(PY) -m pytest tests/e2e -q

# Not part of `make test`: 20 simulated filers at once against the default and the scale-out
# profile; throughput, turn latency and memory (README "Measured", docs/production.md).
bench: $(MODEL)
	$(PY) -m ops.bench

# Not part of `make test` (about 25 min): how many filers at once each profile holds at a
# person's pace (15 s between messages), stepped up until p95 passes 300 ms or an error
# (README "Measured"). A short run: make capacity CAPACITY_ARGS="--steps 20 50 --max-minutes 10"
CAPACITY_ARGS ?=
capacity: $(MODEL)
	$(PY) -m ops.capacity $(CAPACITY_ARGS)

# Not part of `make test` (slow): the chosen NLU pipeline and the one it replaced, side by side:
# training time, cross-validation, paraphrase accuracy, size, load time, CPU per turn. DIET
# took 61 to 77 s an epoch on half of today's data (2026-12-02), so on 2 cores its 100 epochs
# take about 2 h a fold even with `make eval EVAL_FOLDS=2` (about 6 h in all) and more than
# half a day with 5 folds; `make eval PIPELINES=config.yml` measures only the chosen one
# (about 7 min).
PIPELINES ?= ops/pipelines/diet-100.yml config.yml
EVAL_FOLDS ?= 5
eval: $(STAMP)
	$(PY) -m ops.evaluate --pipelines $(PIPELINES) --folds $(EVAL_FOLDS)

# Not part of `make test` (about 3 min): seeded 5-fold cross-validation of config.yml's classifier,
# per language, with every misread training example in results/seeded_cv_errors.json.
cv: $(STAMP)
	$(PY) -m ops.seeded_cv

# Not part of `make test`: test-story messages the model reads wrongly or only just rightly.
margins: $(MODEL)
	$(PY) -m ops.story_margins

# Delete submissions and conversations older than RETENTION_DAYS (production: daily, by
# deploy/systemd/mad-efile-purge.timer; docs/production.md, "Data retention").
purge: $(STAMP)
	$(PY) -m ops.purge

clean:
	rm -rf models results var .rasa

# The held-out paraphrase set (tests/nlu), never trained on, masked as the chat masks it: intent
# accuracy, weakest intents, commonest confusions; fails below 95%. Misreadings in
# results/paraphrases/intent_errors.json.
paraphrases: $(MODEL)
	$(PY) -m ops.paraphrases --model $(MODEL)
