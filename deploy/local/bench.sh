#!/usr/bin/env bash
# The benchmark program (README.md, Benchmark): it starts a throwaway PostgreSQL 15 through pg.sh, generates the
# dataset, measures its largest agency through the real API host beside psql \copy, and removes what it started.
# Usage: deploy/local/bench.sh [--size small] [--out bench.json] [--index-sizes 100000,1000000|none]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/.local/bench-$(date +%Y%m%d-%H%M%S).json"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size|--index-sizes) ARGS+=("$1" "$2"); shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$OUT")"
dotnet run -c Release --project "$ROOT/src/TalentHub.Benchmarks" -- "${ARGS[@]}" --out "$OUT"
echo "==> written to $OUT"
