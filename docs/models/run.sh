#!/usr/bin/env bash
# Model-check docs/models/handoff.pml (the two-phase handoff; see README.md beside this file).
#
#   bash docs/models/run.sh            every run below (`npm run model`)
#   bash docs/models/run.sh --quick    skip the two largest safety runs (deep bounds)
#   bash docs/models/run.sh --keep     keep the build directory (pan sources, trails) and say where
#
# Everything is generated and compiled in a temporary directory: nothing is written to the repo.
# Exit status: 0 when the correct model passes every check, every broken variant yields a
# counterexample and every REACH scenario is reached; 1 otherwise; 2 when spin or gcc is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
model="$here/handoff.pml"
quick=0
keep=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

missing=0
if ! command -v spin >/dev/null 2>&1; then
  echo "run.sh: spin is not installed (Debian/Ubuntu: apt-get install spin; or https://spinroot.com)" >&2
  missing=1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "run.sh: gcc is not installed (Debian/Ubuntu: apt-get install gcc)" >&2
  missing=1
fi
if [ "$missing" = 1 ]; then
  exit 2
fi
if [ ! -f "$model" ]; then
  echo "run.sh: $model not found" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hoard-model.XXXXXX")
if [ "$keep" = 1 ]; then
  echo "build directory: $work (kept)"
else
  trap 'rm -rf "$work"' EXIT
fi

# pan's limits: memory (MB) it may use before it gives up, search depth (safety / liveness)
MEMLIM=4096
DEPTH_SAFETY=20000
DEPTH_LIVE=50000

start_all=$(date +%s)
failures=0
rows=()

# what a counterexample violates, from pan's first error line
classify () {
  local line="$1"
  case "$line" in
    *"acceptance cycle"*) echo "(c) liveness" ;;
    *"g[0].cst==1)&&(g[1].cst==1)"*|*"g[0].owned&g[1].owned"*) echo "(a) two writers" ;;
    *"g[0].cst==1)||(g[1].cst==1)"*) echo "(b) X in no group" ;;
    *"he>g[G].se"*|*"g[G].st==1"*|*"g[G].st==2"*) echo "(d) rejected entry appended" ;;
    *"lh<="*) echo "(e) redirect loop" ;;
    *"g[G].last<"*) echo "BOUND: log longer than L" ;;
    *"invalid end state"*) echo "BOUND: invalid end state" ;;
    *"assertion violated"*) echo "scenario reached" ;;
    *) echo "other: $line" ;;
  esac
}

# check NAME EXPECT DEFINES CCFLAGS PANFLAGS
#   EXPECT: pass (no error, search complete), cex (a counterexample of a property), reach (the
#   REACH scenario's assertion fails)
check () {
  local name="$1" expect="$2" defines="$3" ccflags="$4" panflags="$5"
  local dir="$work/$name"
  local build
  build="$work/build-$(printf '%s %s' "$defines" "$ccflags" | md5sum | cut -c1-12)"
  mkdir -p "$dir"
  cp "$model" "$dir/handoff.pml"
  printf '%-26s ' "$name" >&2
  if [ ! -x "$build/pan" ]; then
    mkdir -p "$build"
    cp "$model" "$build/handoff.pml"
    # shellcheck disable=SC2086
    if ! (cd "$build" && spin -a $defines handoff.pml >spin.out 2>&1); then
      echo "spin failed" >&2
      cat "$build/spin.out" >&2
      failures=$((failures + 1))
      rows+=("$name|$expect|ERROR spin|-|-|-|-|$defines")
      return
    fi
    # shellcheck disable=SC2086
    if ! (cd "$build" && gcc -w -DMEMLIM=$MEMLIM $ccflags -o pan pan.c >gcc.out 2>&1); then
      echo "gcc failed" >&2
      cat "$build/gcc.out" >&2
      failures=$((failures + 1))
      rows+=("$name|$expect|ERROR gcc|-|-|-|-|$defines")
      return
    fi
  fi
  local t0 t1
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$dir" && "$build/pan" $panflags >pan.out 2>&1) || true
  t1=$(date +%s.%N)
  local out="$dir/pan.out"
  local errors states transitions memory elapsed first found result
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$out" | tail -1)
  states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$out" | tail -1)
  transitions=$(sed -n 's/^ *\([0-9.e+]*\) transitions (=.*/\1/p' "$out" | tail -1)
  memory=$(sed -n 's/^ *\([0-9.]*\)[[:space:]]*total actual memory usage.*/\1/p' "$out" | tail -1)
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  first=$(grep -m1 -E 'assertion violated|acceptance cycle|invalid end state|non-progress cycle' "$out" || true)
  found=""
  if [ -n "$first" ]; then
    found=$(classify "$first")
  fi
  if [ -z "$errors" ]; then
    result="FAIL (no result)"
    tail -20 "$out" >&2
  elif grep -q -E 'max search depth too small|out of memory|memory limit|MEMLIM bound' "$out"; then
    result="FAIL (search incomplete: depth or memory limit)"
  else
    case "$expect" in
      pass)
        if [ "$errors" = 0 ]; then result="ok: no error"; else result="FAIL: $found"; fi ;;
      cex)
        if [ "$errors" = 0 ]; then
          result="FAIL: no counterexample"
        else
          case "$found" in
            BOUND*|other*) result="FAIL: wrong counterexample: $found" ;;
            *) result="ok: counterexample $found" ;;
          esac
        fi ;;
      reach)
        if [ "$errors" = 0 ]; then
          result="FAIL: scenario unreachable (vacuous)"
        else
          case "$found" in
            "scenario reached") result="ok: reached" ;;
            *) result="FAIL: $found" ;;
          esac
        fi ;;
    esac
  fi
  case "$result" in
    ok*) ;;
    *) failures=$((failures + 1)) ;;
  esac
  echo "$result (${elapsed}s)" >&2
  if [ "$keep" = 1 ] && [ "${errors:-0}" != 0 ]; then
    (cd "$dir" && spin -t $defines handoff.pml >trail.txt 2>&1) || true
  fi
  rows+=("$name|$expect|$result|${states:--}|${transitions:--}|${memory:--}|$elapsed|$defines")
}

# gcc -O2 takes ~10x longer to compile pan.c than -O0 and searches ~3.5x faster: -O2 only for
# the large searches
SAFE="-O0 -DSAFETY"
BIG="-O2 -DSAFETY"
PAN_SAFE="-m$DEPTH_SAFETY"
LIVE_CC="-O2 -DNFAIR=4"
PAN_LIVE="-a -f -m$DEPTH_LIVE"

echo "spin: $(spin -V 2>&1 | head -1); gcc: $(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion)" >&2
echo "model: $model" >&2
echo >&2

# the correct model (the code as it is): safety, exhaustive
check safety                  pass ""                          "$SAFE" "$PAN_SAFE"
if [ "$quick" = 0 ]; then
  check safety-c4-t3          pass "-DCMAX=4 -DTMAX=3"         "$BIG" "$PAN_SAFE"
fi
check locator                 pass "-DLOCATOR"                 "$SAFE" "$PAN_SAFE"
if [ "$quick" = 0 ]; then
  check locator-t3            pass "-DLOCATOR -DTMAX=3"        "$BIG" "$PAN_SAFE"
fi
# liveness, with weak fairness and a bounded fault budget
check live-settles            pass "-DLIVE"                    "$LIVE_CC" "$PAN_LIVE -N settles"
check live-rests              pass "-DLIVE"                    "$LIVE_CC" "$PAN_LIVE -N rests"

# broken protocols: each must yield a counterexample
check EARLY_SEND              cex "-DEARLY_SEND"               "$SAFE" "$PAN_SAFE"
check EARLY_ACCEPT            cex "-DEARLY_ACCEPT"             "$SAFE" "$PAN_SAFE"
check UNLOGGED_REFUSAL        cex "-DUNLOGGED_REFUSAL"         "$SAFE" "$PAN_SAFE"
check MEMORY_ANSWER           cex "-DMEMORY_ANSWER"            "$SAFE" "$PAN_SAFE"
check ANY_REDIRECT            cex "-DLOCATOR -DANY_REDIRECT"   "$SAFE" "$PAN_SAFE"
check NO_RETRY                cex "-DLIVE -DNO_RETRY"          "-O0 -DNFAIR=4" "$PAN_LIVE -N settles"
# the code before its fixes (drafts; 5fa803f has the fixes)
check CODE_TIMEOUT_RESEND     cex "-DCODE_TIMEOUT_RESEND"      "$SAFE" "$PAN_SAFE"
check CODE_STALE_ANSWER       cex "-DCODE_STALE_ANSWER -DTMAX=3" "$SAFE" "$PAN_SAFE"
check CODE_HANDLER_GAP        cex "-DCODE_HANDLER_GAP"         "$SAFE" "$PAN_SAFE"

# non-vacuity: each scenario must be reachable in the correct model
check REACH=1                 reach "-DREACH=1"                "$SAFE" "$PAN_SAFE"
check REACH=2                 reach "-DREACH=2"                "$SAFE" "$PAN_SAFE"
check REACH=3                 reach "-DREACH=3"                "$SAFE" "$PAN_SAFE"
check REACH=4                 reach "-DREACH=4"                "$SAFE" "$PAN_SAFE"
check REACH=5                 reach "-DREACH=5 -DCMAX=4"       "$SAFE" "$PAN_SAFE"
check REACH=6                 reach "-DREACH=6 -DTMAX=3"       "$SAFE" "$PAN_SAFE"
check REACH=7                 reach "-DREACH=7"                "$SAFE" "$PAN_SAFE"
check REACH=8                 reach "-DREACH=8"                "$SAFE" "$PAN_SAFE"

total=$(( $(date +%s) - start_all ))

echo
printf '| %-20s | %-6s | %-48s | %12s | %12s | %9s | %8s | %-28s |\n' run expect result "states" "transitions" "mem (MB)" "time (s)" "-D"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..22})" "$(printf -- '-%.0s' {1..8})" "$(printf -- '-%.0s' {1..50})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..30})"
for row in "${rows[@]}"; do
  IFS='|' read -r name expect result states transitions memory elapsed defines <<<"$row"
  printf '| %-20s | %-6s | %-48s | %12s | %12s | %9s | %8s | %-28s |\n' "$name" "$expect" "$result" "$states" "$transitions" "$memory" "$elapsed" "$defines"
done
echo
echo "states: stored (liveness: stored; pan visits each up to NFAIR+2 times); time: the search's wall clock (compiling not included)"
echo "total: ${total}s"
if [ "$failures" != 0 ]; then
  echo "run.sh: $failures check(s) FAILED" >&2
  exit 1
fi
echo "all checks passed: the model holds, every broken variant yields a counterexample, every scenario is reached"
