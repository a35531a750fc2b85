#!/usr/bin/env bash
# Soak: the README's quickstart on the local runtime, RUNS times back to back, SIGTERM sent to KILLS
# of them (chosen at random) at a random moment; then every run's results.json must parse, hold
# the status its exit code says, and none may be missing (docs/reliability.md, "Results").
#
#   scripts/soak.sh                 # 20 runs, 5 of them killed
#   RUNS=8 KILLS=3 scripts/soak.sh  # fewer
#   SOAK_SEED=7 scripts/soak.sh     # other random moments (default 18)
#
# Exit 0 when every check holds, 1 otherwise. Needs jq. Takes about 30 s per run on 2 cores.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-20}"
KILLS="${KILLS:-5}"
RANDOM="${SOAK_SEED:-18}"
WORK="$(mktemp -d -t peerlab-soak.XXXXXX)"
SCENARIO="$ROOT/config/scenarios/quickstart.conf"
command -v jq >/dev/null || { echo "soak: needs jq" >&2; exit 1; }

# Build once, outside the timed runs.
"$ROOT/peerlab" --version >/dev/null || { echo "soak: ./peerlab does not start" >&2; exit 1; }

# Which runs get a SIGTERM, and when (1 to 30 s after start: inside the first or the second topology,
# or between them; the quickstart's two topologies take about 12 s each here).
declare -A kill_at=()
while (( ${#kill_at[@]} < KILLS && KILLS <= RUNS )); do
  kill_at[$(( RANDOM % RUNS + 1 ))]=$(( RANDOM % 30 + 1 ))
done

echo "soak: $RUNS runs of quickstart on local, SIGTERM to runs ${!kill_at[*]}; folders in $WORK"
failures=0
for i in $(seq 1 "$RUNS"); do
  out="$WORK/run-$i"
  start=$(date +%s.%N)
  "$ROOT/peerlab" run "$SCENARIO" --runtime local --quiet --no-report --out "$out" >"$WORK/run-$i.out" 2>"$WORK/run-$i.err" &
  pid=$!
  killed=""
  if [[ -n "${kill_at[$i]:-}" ]]; then
    # Sleep until the moment, unless the run ends first.
    for _ in $(seq 1 $(( kill_at[$i] * 10 ))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -TERM "$pid" 2>/dev/null; then
      killed=" (SIGTERM at ${kill_at[$i]} s)"
    fi
  fi
  wait "$pid"
  code=$?
  secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
  json="$out/results.json"
  verdict="ok"
  if [[ ! -f "$json" ]]; then
    verdict="LOST: no results.json"
  elif ! status=$(jq -er .status "$json" 2>/dev/null); then
    verdict="BROKEN: results.json does not parse"
  else
    runs=$(jq '.runs | length' "$json")
    oks=$(jq -c '[.runs[] | [.ops[].ok] | add]' "$json")
    case "$code:$status" in
      0:complete) [[ "$runs" == 2 && "$oks" == "[2000,2000]" ]] || verdict="WRONG: complete but runs $runs ok $oks" ;;
      143:interrupted) ;;
      *) verdict="WRONG: exit $code with status $status" ;;
    esac
    if ls "$out"/.*.tmp >/dev/null 2>&1; then verdict="WRONG: a temporary file was left"; fi
  fi
  [[ "$verdict" == ok ]] || failures=$(( failures + 1 ))
  printf 'run %2d%-22s exit %3d  %5.1f s  status %-11s runs %s ok %-11s %s\n' "$i" "$killed" "$code" "$secs" \
    "${status:-?}" "${runs:-?}" "${oks:-?}" "$verdict"
  if [[ "$verdict" != ok ]]; then sed 's/^/    stderr: /' "$WORK/run-$i.err" | tail -5; fi
  unset status runs oks
done
echo "soak: $RUNS runs, $(( failures )) failed checks; every results.json $([[ $failures == 0 ]] && echo "parses and holds what its exit code says" || echo "NOT as it should be")"
[[ $failures == 0 ]]
