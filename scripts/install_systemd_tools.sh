#!/usr/bin/env bash
# Installs Debian's systemd (for `systemd-analyze verify` of deploy/systemd), only when missing.
set -euo pipefail
if command -v systemd-analyze >/dev/null 2>&1; then
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends systemd
