#!/usr/bin/env bash
# Shows that a change kept behaviour: runs the same scenarios on the deterministic sim runtime with
# this work tree and with BASE (any commit or ref; default HEAD), and compares
# their results.json with the fields that may differ between two runs removed (startedAt,
# wallTimeMs, the JVM's max heap, the version string).
#
#   scripts/same-results.sh [BASE] [SCENARIO...]
#   scripts/same-results.sh main~5                      # the four default scenarios
#   scripts/same-results.sh main~5 config/scenarios/flash-crowd.conf
#
# Exit 0 when every results.json is identical, 1 with a diff otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${1:-HEAD}"
shift || true
SCENARIOS=("$@")
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
  SCENARIOS=(config/scenarios/quickstart.conf config/scenarios/structured.conf
             config/scenarios/unstructured.conf config/scenarios/transfer.conf)
fi
WORK="$(mktemp -d -t peerlab-same.XXXXXX)"
trap 'git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

git -C "$ROOT" worktree add --detach -q "$WORK/base" "$BASE"

run_all() { # tree outdir
  local tree="$1" out="$2"
  for s in "${SCENARIOS[@]}"; do
    local name; name="$(basename "$s" .conf)"
    (cd "$tree" && ./peerlab run "$ROOT/$s" --runtime sim --quiet --out "$out/$name" >/dev/null) \
      || { echo "same-results: $s failed in $tree" >&2; return 1; }
    grep -vE '"(startedAt|wallTimeMs|maxHeapMiB|peerlabVersion)"' "$out/$name/results.json" \
      > "$out/$name.json"
  done
}
echo "same-results: base $(git -C "$ROOT" rev-parse --short "$BASE") vs work tree, ${#SCENARIOS[@]} scenario(s) on sim" >&2
run_all "$WORK/base" "$WORK/before"
run_all "$ROOT" "$WORK/after"
status=0
for s in "${SCENARIOS[@]}"; do
  name="$(basename "$s" .conf)"
  if diff -u "$WORK/before/$name.json" "$WORK/after/$name.json"; then
    echo "same-results: $name identical ($(grep -c . "$WORK/after/$name.json") lines)"
  else
    status=1
  fi
done
exit $status
