#!/usr/bin/env bash
# Starts the whole platform for local development: services, dependencies, build, migrations, then the API,
# the worker and the Microsoft sandbox (the emulator), which the platform's default app points at.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f .env ]; then set -a; . ./.env; set +a; fi

bash scripts/ensure-services.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then bash scripts/install-deps.sh; fi
npm run build

export PORT="${PORT:-3000}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:${PORT}}"
export EMULATOR_PORT="${EMULATOR_PORT:-4010}"
export SANDBOX_URL="http://127.0.0.1:${EMULATOR_PORT}"
# The sandbox stands in for Microsoft unless a real login host is configured.
if [ -z "${MICROSOFT_LOGIN_URL:-}" ]; then
  export MICROSOFT_LOGIN_URL="$SANDBOX_URL" MICROSOFT_GRAPH_URL="$SANDBOX_URL"
  export MICROSOFT_CLIENT_ID="${MICROSOFT_CLIENT_ID:-00000000-0000-4000-8000-00000000a11c}"
  export MICROSOFT_CLIENT_SECRET="${MICROSOFT_CLIENT_SECRET:-sandbox-secret}"
  export EMULATOR_DEFAULT_CLIENT_ID="$MICROSOFT_CLIENT_ID" EMULATOR_DEFAULT_CLIENT_SECRET="$MICROSOFT_CLIENT_SECRET"
  export EMULATOR_DEFAULT_REDIRECT_URIS="${PUBLIC_URL}/oauth/callback"
  RUN_SANDBOX=1
fi

npm run migrate

names="api,worker"; commands=("npm:start:api" "npm:start:worker")
if [ "${RUN_SANDBOX:-0}" = 1 ]; then names="$names,sandbox"; commands+=("npm:start:sandbox"); fi
echo
echo "  Node.js           $(node --version)   (node_modules/.bin/node first on npm's PATH)"
echo "  Latchkey API      ${PUBLIC_URL}   (docs: ${PUBLIC_URL}/docs)"
echo "  Admin console     ${PUBLIC_URL}/console   (sign in with the invite link from POST /v1/customers with adminEmail)"
[ "${RUN_SANDBOX:-0}" = 1 ] && echo "  Microsoft sandbox ${SANDBOX_URL}"
echo "  Operator token    ${OPERATOR_TOKEN:-dev-operator-token}"
echo
exec npx concurrently --kill-others --names "$names" "${commands[@]}"
