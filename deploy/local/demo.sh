#!/usr/bin/env bash
# Loads the generator's tiny dataset into a running TalentHub through its API: registers every agency first (records
# name the agencies where a person worked, and a code not yet registered is unknown_agency), then, agency by agency,
# as each agency's HR system would: creates its client, registers its scales and dictionary (mappings.json), and
# posts its records.ndjson. Re-running is safe:
# each post carries a fixed Idempotency-Key, so a repeat replays instead of duplicating.
# Usage: deploy/local/demo.sh [base-url]      (run.sh --demo calls it once the API is up)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE_URL="${1:-http://127.0.0.1:5080}"
# shellcheck source=api-client.sh
source "$ROOT/deploy/local/api-client.sh"
DATA="$ROOT/.local/demo-data"
CLIENTS="$ROOT/.local/dev-clients.json"

if [ ! -f "$DATA/manifest.json" ]; then
  echo "==> generating the tiny dataset into $DATA"
  dotnet run -c Release --project "$ROOT/src/TalentHub.DataGen" -- --size tiny --seed 7 --out "$DATA" >/dev/null
fi

ADMIN=$(token dev-bkn "$(jq -r '.clients[] | select(.clientId=="dev-bkn") | .clientSecret' "$CLIENTS")")
jq -c '.[]' "$DATA/agencies.json" | while read -r agency; do
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "$(jq -c '{name, kind, provinceCode}' <<<"$agency")" "$BASE_URL/api/v1/admin/agencies/$(jq -r .code <<<"$agency")"
done
jq -c '.[]' "$DATA/agencies.json" | while read -r agency; do
  code=$(jq -r .code <<<"$agency")
  client=$(curl -fsS -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Demo HR system $code\",\"agencyCode\":\"$code\",\"scopes\":[\"submissions.write\",\"mappings.write\",\"profiles.read\",\"analytics.read\"]}" \
    "$BASE_URL/api/v1/admin/clients")
  agency_token=$(token "$(jq -r .clientId <<<"$client")" "$(jq -r .clientSecret <<<"$client")")
  register_mappings "$code" "$agency_token" "$DATA/agencies/$code/mappings.json"
  status=$(curl -fsS -X POST -H "Authorization: Bearer $agency_token" -H 'Content-Type: application/x-ndjson' \
    -H "Idempotency-Key: demo-tiny-7-$code" --data-binary "@$DATA/agencies/$code/records.ndjson" "$BASE_URL/api/v1/submissions")
  echo "    $code: submission $(jq -r .id <<<"$status") with $(jq -r .received <<<"$status") records"
done
echo "==> demo data posted; follow each submission at $BASE_URL/api/v1/submissions/{id}"
