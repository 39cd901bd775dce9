#!/usr/bin/env bash
# The benchmark program against a throwaway PostgreSQL 15: generates the dataset, takes its largest agency file,
# and measures it through the real API beside psql \copy of the same lines (06-quality.md, Performance).
# Usage: deploy/local/bench.sh [--size small] [--out bench.json]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=pg.sh
source "$ROOT/deploy/local/pg.sh"

SIZE=small
OUT="$ROOT/.local/bench-$(date +%Y%m%d-%H%M%S).json"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ensure_packages
WORK="$(mktemp -d /tmp/talenthub-bench.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
  stop_pg
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_pg "$WORK/pg" 55434 durable
echo "==> generating the $SIZE dataset"
dotnet run -c Release --project "$ROOT/src/TalentHub.DataGen" -- --size "$SIZE" --seed 7 --out "$WORK/data" >/dev/null
FILE=$(ls -S "$WORK"/data/agencies/*/records.ndjson | head -1)
AGENCY=$(basename "$(dirname "$FILE")")
echo "==> benchmarking $AGENCY ($(wc -l <"$FILE") records)"
mkdir -p "$(dirname "$OUT")"
dotnet run -c Release --project "$ROOT/src/TalentHub.Benchmarks" -- \
  --pg "$(pg_connection_string postgres)" --file "$FILE" --mappings "$(dirname "$FILE")/mappings.json" --agency "$AGENCY" --out "$OUT"
echo "==> written to $OUT"
