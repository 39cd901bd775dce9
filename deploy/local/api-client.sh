# shellcheck shell=bash
# Sourced by demo.sh and crash-drill.sh: the API calls an agency's HR system makes. Needs BASE_URL.

# token <client-id> <secret>: a bearer token by client credentials.
token() {
  curl -fsS -d grant_type=client_credentials -d client_id="$1" -d client_secret="$2" "$BASE_URL/connect/token" | jq -r .access_token
}

# register_mappings <agency-code> <token> <mappings.json>: the agency's scales, then its dictionary.
register_mappings() {
  local code=$1 agency_token=$2 mappings=$3
  jq -c '.scales[]' "$mappings" | while read -r scale; do
    curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $agency_token" -H 'Content-Type: application/json' \
      -d "$(jq -c .body <<<"$scale")" "$BASE_URL/api/v1/agencies/$code/scales/$(jq -r .scaleCode <<<"$scale")"
  done
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $agency_token" -H 'Content-Type: application/json' \
    -d "$(jq -c .dictionary "$mappings")" "$BASE_URL/api/v1/agencies/$code/dictionary"
}
