#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/e2e), only when it is missing.
# The tests drive it with the Python `playwright` package (never `playwright install`).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
