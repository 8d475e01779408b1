#!/usr/bin/env bash
# Refreshes the README screenshots in docs/screenshots by running the browser journeys that document pages.
set -euo pipefail
cd "$(dirname "$0")/.."
export MP_SCREENSHOTS_DIR="$PWD/docs/screenshots"
dotnet test tests/MerchantPortal.E2ETests --configuration Release
