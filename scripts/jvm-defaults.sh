#!/usr/bin/env bash
# The JVM options `./peerlab` adds to a command line, decided from that command line alone.
# Sourced by ./peerlab (which calls peerlab_jvm_defaults "$@" and passes JAVA_OPTS to java); run
# directly, it prints them one per line: `scripts/jvm-defaults.sh run config/scenarios/x.conf ...`
# (LauncherDefaultsTest checks the rules that way).
#
# JVM defaults for a `peerlab run` on the sim runtime: one thread runs the whole simulation, so
#   -XX:+UseSerialGC          one collector thread instead of G1's concurrent ones: less memory
#                             (Chord at 10^5 peers: about 480 MB RSS against 690) and less CPU;
#   -XX:TieredStopAtLevel=1   only the quick C1 compiler, for runs of at most SMALL_SIM peers
#                             whose op mix has no fetch: in a run of a few seconds C2 spends more
#                             CPU compiling than its faster code saves (Chord lookups: even at
#                             3*10^4 peers, behind at 10^5), but fetches hash every chunk
#                             (SHA-256), which only C2 compiles to the CPU's SHA instructions
#                             (the quickstart's main thread: 1.7 s with C2, 5.0 s without). Larger
#                             runs, runs that fetch, and runs whose size or mix is not found keep
#                             C2. bench/README.md, "Start-up and a whole process", has the figures.
#   -XX:+UseParallelGC        instead of the serial collector for runs of MID_SIM to LARGE_SIM peers
#                             on a machine of two cores or more: their young collections copy
#                             every peer's freshly built state, and two threads halve those pauses
#                             (Chord at 10^5 peers: 3 collections, 250 ms, against 4-5 and 500 ms;
#                             7.2-7.4 s wall against 7.5-7.7 s, RSS 500 MB against 410). At 5*10^4
#                             peers the two tie; above LARGE_SIM the serial collector stays, for
#                             the heap room of the 10^6-peer runs documented in 4 GB (not measured
#                             with the parallel one). PEERLAB_CORES overrides the core count.
# Other runs (local, cluster, node, bench, ...) keep the JVM's own defaults. The runtime is read
# from the command line (--runtime, --set runtime=...) or else from the scenario file's
# `runtime = ...` line (the files it includes read in their place); a wrong guess only costs
# speed. A collector named in PEERLAB_JAVA_OPTS replaces ours (the JVM accepts one); any other
# flag there comes later and wins.
SIM_JAVA_OPTS=(-XX:+UseSerialGC)
SMALL_SIM=20000
MID_SIM=50000
LARGE_SIM=200000

# Reads a `peerlab run` command line: sets RUN_SCENARIO (its scenario file, /dev/null when none is
# found), RUN_RUNTIME (sim, local, cluster, or "" when unknown),
# RUN_PEERS (the most peers a run of it has, or "" when unknown) and RUN_FETCH (the op mix's fetch
# share, or "" when unknown; "swarm" for a swarm).
read_run() {
  local arg prev="" scenario="" runtime="" set_runtime="" mode=""
  RUN_PEERS=""
  RUN_FETCH=""
  for arg in "$@"; do
    case "$prev" in
      --runtime) runtime="$arg" ;;
      --set) case "$arg" in
               runtime=*|peerlab.runtime=*) set_runtime="${arg#*=}" ;;
               peers=*|peerlab.peers=*) RUN_PEERS="${arg#*=}" ;;
               workload.mix.fetch=*|peerlab.workload.mix.fetch=*) RUN_FETCH="${arg#*=}" ;;
               workload.mix=*|peerlab.workload.mix=*) RUN_FETCH="$(mix_fetch <<<"$arg")" ;;
               workload.mode=*|peerlab.workload.mode=*) mode="${arg#*=}" ;;
             esac ;;
      --sweep) case "$arg" in *runtime=*) set_runtime=mixed ;; *peers=*) RUN_PEERS=sweep ;; esac ;;
      --out|--plugin|--seed-node|--nodes|--tls) ;;
      *) case "$arg" in
           --runtime=*) runtime="${arg#*=}" ;;
           --set=runtime=*|--set=peerlab.runtime=*) set_runtime="${arg#*=*=}" ;;
           -*) ;;
           *) [[ -z "$scenario" ]] && scenario="$arg" ;;
         esac ;;
    esac
    prev="$arg"
  done
  [[ -f "$scenario" ]] || scenario=/dev/null
  RUN_SCENARIO="$scenario"
  # The scenario's text with its included files in their place (HOCON's `include "x.conf"` and
  # `include file("x.conf")`, relative to the including file), so that keys set in a file it
  # includes count too (churn-kad.conf takes its peers from churn.conf).
  local text
  text="$(scenario_text "$scenario" 0)"
  # Else the file's last `runtime = x` (or `peerlab.runtime: "x"`) line: HOCON's last value wins.
  RUN_RUNTIME="${runtime:-${set_runtime:-$(file_value runtime '"?([A-Za-z]+)"?' <<<"$text")}}"
  RUN_RUNTIME="${RUN_RUNTIME//\"/}"
  [[ -n "$RUN_PEERS" ]] || RUN_PEERS="$(file_value peers '([0-9]+)' <<<"$text")"
  # The mix's fetch share, from --set or the file (reference.conf's default mix fetches: unknown).
  [[ -n "$RUN_FETCH" ]] || RUN_FETCH="$(mix_fetch <<<"$text")"
  [[ -n "$mode" ]] || mode="$(file_value mode '"?([A-Za-z-]+)"?' <<<"$text")"
  [[ "${mode//\"/}" != swarm ]] || RUN_FETCH=swarm
  # A sweep over peers (--sweep, or a sweep block in the file) may go beyond: size unknown. (The
  # file's last sweep line decides: `sweep = null` drops an included sweep.)
  if [[ "$RUN_PEERS" == sweep ]] \
      || grep -E '^[[:space:]]*(peerlab\.)?sweep' <<<"$text" | tail -n 1 | grep -qvE 'sweep[[:space:]]*[=:][[:space:]]*null'; then
    RUN_PEERS=""
  fi
}

# File $1's lines, each `include "f"` / `include file("f")` line replaced by f's own (relative to
# $1's folder; four levels at most; a file that is not there adds nothing, as HOCON's include does).
scenario_text() {
  local file="$1" depth="$2" line inc dir
  if ! grep -qE '^[[:space:]]*include' "$file" 2>/dev/null; then
    cat "$file" 2>/dev/null # (no include: read at once, not line by line in bash)
    return 0
  fi
  dir="$(dirname "$file")"
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ ^[[:space:]]*include[[:space:]]+(file\()?\"([^\"]+)\" ]]; then
      inc="${BASH_REMATCH[2]}"
      [[ "$inc" == /* ]] || inc="$dir/$inc"
      if (( depth < 4 )) && [[ -f "$inc" ]]; then
        scenario_text "$inc" $((depth + 1))
      fi
    else
      printf '%s\n' "$line"
    fi
  done <"$file"
}

# The last `fetch = x` share on standard input (in a `mix { ... fetch = 0 }` block or line).
mix_fetch() {
  sed -nE 's/.*(^|[{,[:space:]])fetch[[:space:]]*[=:][[:space:]]*([0-9.]+).*/\2/p' | tail -n 1
}

# The last value of top-level-looking key $1 on standard input, matched by the extended regex $2.
file_value() {
  sed -nE "s/^[[:space:]]*(peerlab\\.)?$1[[:space:]]*[=:][[:space:]]*$2([[:space:]].*|,.*)?\$/\\2/p" 2>/dev/null \
    | tail -n 1
}

# The sim class path's jars in folder $1: each jar whose name starts with a prefix listed in file
# $2 (one a line; # starts a comment), in the list's order, joined with ':'. Prints nothing and
# fails when the list is missing or a prefix matches no jar (the caller then keeps the whole
# class path).
sim_class_path() {
  local lib="$1" list="$2" prefix jar found out=""
  [[ -f "$list" ]] || return 1
  while IFS= read -r prefix || [[ -n "$prefix" ]]; do
    prefix="${prefix%%#*}"
    prefix="${prefix//[[:space:]]/}"
    [[ -n "$prefix" ]] || continue
    found=0
    for jar in "$lib/$prefix"*.jar; do
      [[ -f "$jar" ]] || continue
      out="${out:+$out:}$jar"
      found=1
    done
    (( found )) || return 1
  done <"$list"
  [[ -n "$out" ]] || return 1
  printf '%s\n' "$out"
}

# Sets JAVA_OPTS (an array) for the peerlab command line "$@"; reads PEERLAB_JAVA_OPTS.
peerlab_jvm_defaults() {
  local opt
  local -a sim_opts=("${SIM_JAVA_OPTS[@]}")
  JAVA_OPTS=()
  RUN_SCENARIO=/dev/null
  RUN_RUNTIME=""
  RUN_PEERS=""
  RUN_FETCH=""
  if [[ "${1:-}" == run ]]; then
    read_run "${@:2}"
  fi
  if [[ "$RUN_RUNTIME" == sim ]]; then
    if [[ "$RUN_PEERS" =~ ^[0-9]+$ ]] && (( RUN_PEERS <= SMALL_SIM )) && [[ "$RUN_FETCH" =~ ^0*\.?0*$ && -n "$RUN_FETCH" ]]; then
      sim_opts+=(-XX:TieredStopAtLevel=1)
    fi
    local cores="${PEERLAB_CORES:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}"
    if [[ "$RUN_PEERS" =~ ^[0-9]+$ ]] && (( RUN_PEERS > MID_SIM && RUN_PEERS <= LARGE_SIM )) \
        && [[ "$cores" =~ ^[0-9]+$ ]] && (( cores >= 2 )); then
      sim_opts=(-XX:+UseParallelGC "${sim_opts[@]:1}")
    fi
    for opt in "${sim_opts[@]}"; do
      # The user's own collector wins (two collectors would stop the JVM).
      if [[ "$opt" == -XX:+Use*GC && " ${PEERLAB_JAVA_OPTS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then
        continue
      fi
      JAVA_OPTS+=("$opt")
    done
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  peerlab_jvm_defaults "$@"
  if (( ${#JAVA_OPTS[@]} > 0 )); then printf '%s\n' "${JAVA_OPTS[@]}"; fi
fi
