#!/usr/bin/env bash
# The swarm against the Kurose-Ross bound D_p2p (issue 15's target: <= 1.35 x D_p2p for N = 10 ... 200
# with config/scenarios/flash-crowd.conf's links). Runs the flash crowd on the sim runtime for each
# N and seed and prints a Markdown table: distribution time, D_p2p, their ratio, the server's share
# of the content uploaded, fetches completed.
#
#   scripts/swarm-bound.sh                 # seed 42 (the scenario's), N = 10 25 50 100 200
#   scripts/swarm-bound.sh 1 2 3 4 5 6     # those seeds
#   NS="10 200" scripts/swarm-bound.sh     # other N
#
# Needs jq. Extra `--set` arguments for every run: SETS="--set swarm.tit-for-tat=false".
# Exit 0 when every run completed every fetch within 1.35 x D_p2p, 1 otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v jq >/dev/null || { echo "swarm-bound: needs jq" >&2; exit 1; }
SEEDS=("$@")
[[ ${#SEEDS[@]} -eq 0 ]] && SEEDS=(42)
NS="${NS:-10 25 50 100 200}"
WORK="$(mktemp -d -t peerlab-swarm-bound.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
status=0
echo "| seed | N | swarm s | D_p2p s | swarm / D_p2p | server's share | fetches ok |"
echo "|---|---|---|---|---|---|---|"
for seed in "${SEEDS[@]}"; do
  for n in $NS; do
    out="$WORK/$seed-$n"
    # shellcheck disable=SC2086
    "$ROOT/peerlab" run "$ROOT/config/scenarios/flash-crowd.conf" --runtime sim --quiet \
      --set transfer=swarm --set "peers=$((n + 1))" --set "workload.clients=$n" \
      --set "seed=$seed" ${SETS:-} --out "$out" >/dev/null
    row=$(jq -r --arg seed "$seed" --arg n "$n" '.runs[0] |
      [$seed, $n, (.distributionTimeMs | round / 1000), (.bounds.dp2pMs | round / 1000),
       (.distributionTimeMs / .bounds.dp2pMs * 1000 | round / 1000),
       (.load.serverShareOfContent * 1000 | round / 10 | tostring + " %"),
       "\(.ops.fetch.ok) / \($n)"] | map(tostring) | "| " + join(" | ") + " |"' "$out/results.json")
    echo "$row"
    jq -e --argjson n "$n" '.runs[0] | .ops.fetch.ok == $n
      and .distributionTimeMs <= 1.35 * .bounds.dp2pMs' "$out/results.json" >/dev/null || status=1
  done
done
exit $status
