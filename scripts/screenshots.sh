#!/usr/bin/env bash
# Refreshes the README screenshots in docs/screenshots: the demo tour (the portal on a fresh `dotnet run`'s demo data,
# each role's pages) and the API reference journey.
set -euo pipefail
cd "$(dirname "$0")/.."
export MP_SCREENSHOTS_DIR="$PWD/docs/screenshots"
dotnet test tests/MerchantPortal.E2ETests --configuration Release \
    --filter "FullyQualifiedName~MerchantPortal.E2ETests.Journeys.DemoTour|FullyQualifiedName~MerchantPortal.E2ETests.Journeys.ApiReferenceJourneys"
