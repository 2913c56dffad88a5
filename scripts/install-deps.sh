#!/usr/bin/env bash
# Installs exactly the locked dependencies. npm 11 on these machines leaves other platforms' optional packages
# (msgpackr-extract, unrs-resolver bindings) out of package-lock.json and then `npm ci` refuses that same lock
# as out of sync; in that one case install from the lock with `npm install`, which keeps the locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --no-audit --no-fund 2>/tmp/latchkey-npm-ci.log; then
  if grep -q "EUSAGE" /tmp/latchkey-npm-ci.log; then
    echo "[deps] npm ci refused the lock file (platform-specific optional packages); falling back to npm install"
    npm install --no-audit --no-fund
  else
    cat /tmp/latchkey-npm-ci.log >&2
    exit 1
  fi
fi
