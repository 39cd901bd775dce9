#!/usr/bin/env bash
# Regenerates the C# client (src/TalentHub.Client/Generated) from the committed OpenAPI document with Kiota, the
# version pinned in .config/dotnet-tools.json. The generated code is committed; a test
# (GeneratedClientTests.The_committed_client_is_the_one_kiota_generates_from_the_committed_document) runs this script
# into a temporary folder and fails when the committed client differs.
# Usage: deploy/local/generate-client.sh [output folder]   (default: src/TalentHub.Client/Generated)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/src/TalentHub.Client/Generated}"
cd "$ROOT"
# No update check against the network; no telemetry.
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool restore >/dev/null
dotnet tool run kiota generate \
  --language CSharp \
  --openapi openapi/talenthub.v1.json \
  --output "$OUT" \
  --class-name TalentHubApiClient \
  --namespace-name TalentHub.Client \
  --exclude-backward-compatible \
  --clean-output \
  --log-level Error >/dev/null
# The lock file records where the document was relative to the output folder; keep it independent of the folder.
sed -i 's#"descriptionLocation": ".*"#"descriptionLocation": "openapi/talenthub.v1.json"#' "$OUT/kiota-lock.json"
rm -f "$OUT/.kiota.log"
