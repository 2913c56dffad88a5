#!/usr/bin/env bash
# Installs exactly what package-lock.json locks. The lock holds every platform's optional packages, so `npm ci`
# accepts it on any machine; when it refuses, package.json and the lock disagree and the fix is `npm install`
# (then commit package-lock.json), never an install that drifts from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --no-audit --no-fund; then
  echo "[deps] npm ci failed (see above). If package.json and package-lock.json are out of sync, run \`npm install\` and commit package-lock.json." >&2
  exit 1
fi
