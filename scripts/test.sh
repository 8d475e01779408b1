#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed, N skipped".
# Installs Debian's Chromium for the browser tests when it is missing.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests..."
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null || {
        echo "Could not install chromium with apt-get." >&2
        exit 1
    }
fi

# The OpenAPI test also lints the document with Redocly's CLI (pinned) when npm can install it here;
# without it, the test validates with Microsoft.OpenApi alone.
redocly=".tools/redocly/node_modules/.bin/redocly"
if [ ! -x "$redocly" ] && command -v npm >/dev/null 2>&1; then
    npm install --prefix .tools/redocly --silent --no-audit --no-fund @redocly/cli@2.77.0 >/dev/null 2>&1 \
        || echo "Could not install @redocly/cli; the OpenAPI document is validated with Microsoft.OpenApi only." >&2
fi
[ -x "$redocly" ] && export REDOCLY_CLI="$PWD/$redocly"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="TestResults"
rm -rf "$results"

dotnet test MerchantPortal.sln --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?

sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{ s += $1 } END { print s + 0 }'; }
total=$(sum total)
executed=$(sum executed)
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(( total - executed ))

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed before any test could report.
    failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
