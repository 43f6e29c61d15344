#!/bin/sh
# bench-argdown: times `argmap convert FILE --to json` against `argdown json` on generated maps.
#
# Usage: bench/bench-argdown.sh [--runs N] [--no-argdown] [--fresh] [--quick]
#   --runs N       timed runs per tool and file; the fastest is reported (default 3)
#   --no-argdown   skip the Argdown CLI (its cached numbers in bench/data/ are still used)
#   --fresh        measure the Argdown CLI again even where cached numbers exist
#   --quick        only the 2k and 10k files, no 1M and 10,000-deep runs
# Environment:
#   ARGMAP       the argmap binary (default: build-bench/src/cli/argmap, a release build that this
#                script configures and builds when missing)
#   ARGDOWN_CLI  the CLI's entry script (default /work/argdown-cli/node_modules/@argdown/cli/
#                dist/cli.js); it is run as `node CLI json FILE OUTDIR`, without npx, so that npx's
#                start-up (about 0.3 s) is not charged to the CLI.
#
# Wall time comes from a nanosecond clock around each run, peak memory (max RSS) from
# /usr/bin/time (Debian package `time`). Inputs and outputs go to bench/data/ (not committed).
# Prints markdown tables on standard output; progress goes to standard error.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data="$here/data"
runs=3
do_argdown=1
fresh=0
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --no-argdown) do_argdown=0; shift ;;
    --fresh) fresh=1; shift ;;
    --quick) quick=1; shift ;;
    *) echo "usage: $0 [--runs N] [--no-argdown] [--fresh] [--quick]" >&2; exit 2 ;;
  esac
done

ARGDOWN_CLI=${ARGDOWN_CLI:-/work/argdown-cli/node_modules/@argdown/cli/dist/cli.js}
if [ -z "${ARGMAP:-}" ]; then
  ARGMAP="$root/build-bench/src/cli/argmap"
  if [ ! -d "$root/build-bench" ]; then
    meson setup "$root/build-bench" "$root" --buildtype=release >&2
  fi
  ninja -C "$root/build-bench" src/cli/argmap >&2
fi
[ -x /usr/bin/time ] || { echo "$0: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$data"

log() { echo "bench: $*" >&2; }

# gen NAME ARGS...: bench/data/NAME.argdown from the generator, unless it is already there
# and newer than the generator.
gen() {
  name=$1; shift
  f="$data/$name.argdown"
  if [ ! -s "$f" ] || [ "$here/gen-argdown.py" -nt "$f" ]; then
    log "generating $name"
    python3 "$here/gen-argdown.py" --seed 1 "$@" -o "$f.tmp"
    mv "$f.tmp" "$f"
  fi
}

now_ns() { date +%s%N; }

# measure OUTFILE CLEAN CMD...: runs CMD once, after removing CLEAN (the output of the run
# before: replacing a file costs the kernel time in proportion to its size, which is the file
# system's, not the tool's) and a sync (so that no writing back of earlier outputs runs
# meanwhile). Appends "exit_code wall_us max_rss_kb cpu_s" to OUTFILE.runs.
measure() {
  out=$1
  clean=$2
  shift 2
  rm -rf "$clean"
  sync
  t0=$(now_ns)
  if /usr/bin/time -f '%M %U %S' -o "$data/time.tmp" "$@" >"$data/run.log" 2>&1; then
    rc=0
  else
    rc=$?
  fi
  t1=$(now_ns)
  last=$(tail -n 1 "$data/time.tmp")
  echo "$rc $(( (t1 - t0) / 1000 )) $last" | awk '{printf "%s %s %s %.2f\n", $1, $2, $3, $4 + $5}' \
    >>"$out.runs"
}

# failed OUTFILE: whether a run recorded in OUTFILE.runs failed (a failure is not worth
# repeating: the Argdown CLI's stack overflow is deterministic).
failed() { [ -s "$1.runs" ] && awk '$1 != 0 {f = 1} END {exit !f}' "$1.runs"; }

# summarize OUTFILE: writes "status wall_s rss_mb cpu_s" from OUTFILE.runs: status "ok" or
# "fail:<exit code>", the fastest wall time (other processes only ever add time: this machine is
# shared), the largest max RSS, and the CPU time (user + system) of the fastest run.
summarize() {
  [ -s "$1.runs" ] || return 0
  awk '$1 != 0 {st = "fail:" $1}
       NR == 1 || $2 < best {best = $2; cpu = $4}
       $3 > kb {kb = $3}
       END {printf "%s %.4f %.1f %s\n", st ? st : "ok", best / 1e6, kb / 1024, cpu}' \
    "$1.runs" >"$1"
  rm -f "$1.runs"
}

# argdown_due NAME: whether the Argdown CLI is to be measured on NAME (its numbers are cached in
# bench/data/NAME.argdown-result).
argdown_due() {
  res="$data/$1.argdown-result"
  [ $do_argdown -eq 1 ] && { [ $fresh -eq 1 ] || [ ! -s "$res" ] ||
    [ "$data/$1.argdown" -nt "$res" ]; }
}

# run_argdown NAME: one run of the Argdown CLI on NAME.
run_argdown() {
  res="$data/$1.argdown-result"
  failed "$res" && return 0
  log "argdown json $1"
  measure "$res" "$data/argdown-out" node "$ARGDOWN_CLI" json "$data/$1.argdown" \
    "$data/argdown-out"
  if [ -s "$data/argdown-out/$1.json" ]; then
    mv "$data/argdown-out/$1.json" "$data/$1.argdown.json"
  else
    cp "$data/run.log" "$data/$1.argdown-log"
  fi
}

# run_argmap NAME: one run of argmap on NAME.
run_argmap() {
  res="$data/$1.argmap-result"
  failed "$res" && return 0
  log "argmap convert $1"
  measure "$res" "$data/$1.argmap.json" "$ARGMAP" convert "$data/$1.argdown" --to json \
    -o "$data/$1.argmap.json"
  failed "$res" && cp "$data/run.log" "$data/$1.argmap-log"
  return 0
}

# bench NAME [argmap-only]: $runs runs of both tools on NAME, taking turns, so that neither is
# measured in conditions (a warmer machine, a host busier) the other is not.
bench() {
  rm -f "$data/$1.argmap-result.runs" "$data/$1.argdown-result.runs"
  due=0
  [ $# -eq 1 ] && argdown_due "$1" && due=1
  i=0
  while [ $i -lt "$runs" ]; do
    if [ $due -eq 1 ]; then run_argdown "$1"; fi
    run_argmap "$1"
    i=$((i + 1))
  done
  if [ $due -eq 1 ]; then summarize "$data/$1.argdown-result"; fi
  summarize "$data/$1.argmap-result"
}

field() { [ -s "$1" ] && awk -v n="$2" '{print $n}' "$1" || echo "-"; }

sizes="2000 10000 50000"
[ $quick -eq 1 ] && sizes="2000 10000"
shapes="flat deep pcs"

for n in $sizes; do
  gen "flat-$n" --shape flat -n "$n"
  gen "deep-$n" --shape deep -n "$n" --depth 100
  gen "pcs-$n" --shape pcs -n "$n"
done
if [ $quick -eq 0 ]; then
  gen "flat-1000000" --shape flat -n 1000000
  gen "chain-10000" --shape deep -n 10001 --depth 10000 --leaves 0
fi
# The Argdown CLI's limit: a chain it still reads, and one level more that overflows its stack.
gen "chain-257" --shape deep -n 258 --depth 257 --leaves 0
gen "chain-258" --shape deep -n 259 --depth 258 --leaves 0

load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
for n in $sizes; do
  for s in $shapes; do
    bench "$s-$n"
  done
done
for name in chain-257 chain-258; do
  bench "$name"
done
if [ $quick -eq 0 ]; then
  bench flat-1000000 argmap-only
  bench chain-10000 argmap-only
  # Only to show that it fails: one run.
  if argdown_due chain-10000; then
    rm -f "$data/chain-10000.argdown-result.runs"
    run_argdown chain-10000
    summarize "$data/chain-10000.argdown-result"
  fi
fi

# same NAME: whether both tools built the same model ("-" when either output is missing).
same() {
  if [ -s "$data/$1.argdown.json" ] && [ -s "$data/$1.argmap.json" ]; then
    if python3 "$here/compare-models.py" "$data/$1.argdown.json" "$data/$1.argmap.json" \
        >"$data/$1.compare" 2>&1; then echo yes; else echo "NO (see bench/data/$1.compare)"; fi
  else
    echo "-"
  fi
}

# describe RESULT: the wall time, or why there is none.
describe() {
  st=$(field "$1" 1)
  case "$st" in
    ok) field "$1" 2 ;;
    -) echo "-" ;;
    *) if grep -q 'Maximum call stack' "${1%-result}-log" 2>/dev/null; then
         echo "stack overflow"; else echo "$st"; fi ;;
  esac
}

# mem RESULT: peak memory in MB of a successful run, else "-".
mem() { if [ "$(field "$1" 1)" = ok ]; then field "$1" 3; else echo "-"; fi; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "-" }'; }

echo "| statements | shape | argdown s | argmap s | ratio | argdown MB | argmap MB | ratio | same model |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
row() {
  name=$1 n=$2 shape=$3
  ad="$data/$name.argdown-result" am="$data/$name.argmap-result"
  adt=$(describe "$ad") amt=$(describe "$am")
  adm=$(mem "$ad") amm=$(mem "$am")
  echo "| $n | $shape | $adt | $amt | $(ratio "$adt" "$amt") | $adm | $amm | $(ratio "$adm" "$amm") | $(same "$name") |"
}
for n in $sizes; do
  for s in $shapes; do row "$s-$n" "$n" "$s"; done
done
row chain-257 258 "chain, 257 deep"
row chain-258 259 "chain, 258 deep"
if [ $quick -eq 0 ]; then
  row flat-1000000 1000000 flat
  row chain-10000 10001 "chain, 10000 deep"
fi

# cpu RESULT: user + system seconds of a successful run, else "-".
cpu() { if [ "$(field "$1" 1)" = ok ]; then field "$1" 4; else echo "-"; fi; }

echo
echo "CPU time (user + system, seconds) of the same runs; Node uses more than one thread."
echo
echo "| statements | shape | argdown CPU s | argmap CPU s | ratio |"
echo "|---:|---|---:|---:|---:|"
cpurow() {
  adc=$(cpu "$data/$1.argdown-result") amc=$(cpu "$data/$1.argmap-result")
  echo "| $2 | $3 | $adc | $amc | $(ratio "$adc" "$amc") |"
}
for n in $sizes; do
  for s in $shapes; do cpurow "$s-$n" "$n" "$s"; done
done
[ $quick -eq 0 ] && cpurow flat-1000000 1000000 flat && cpurow chain-10000 10001 "chain, 10000 deep"

echo
echo "Growth: microseconds per statement (time / statements), wall and CPU time."
echo
printf '| tool | shape | time |'; for n in $sizes; do printf ' %s |' "$n"; done
[ $quick -eq 0 ] && printf ' 1000000 |'
printf ' marginal |\n'
printf '|---|---|---|'; for n in $sizes; do printf -- '---:|'; done; [ $quick -eq 0 ] && printf -- '---:|'
printf -- '---:|\n'
per() { awk -v t="$1" -v n="$2" 'BEGIN { if (t + 0 > 0) printf "%.2f", t * 1e6 / n; else print "-" }'; }
# secs KIND RESULT: the wall (describe) or CPU time of a result.
secs() { if [ "$1" = wall ]; then describe "$2"; else cpu "$2"; fi; }
for tool in argdown argmap; do
  for s in $shapes; do
    for kind in wall cpu; do
      printf '| %s | %s | %s |' "$tool" "$s" "$kind"
      for n in $sizes; do printf ' %s |' "$(per "$(secs $kind "$data/$s-$n.$tool-result")" "$n")"; done
      if [ $quick -eq 0 ]; then
        if [ "$tool-$s" = argmap-flat ]; then
          printf ' %s |' "$(per "$(secs $kind "$data/flat-1000000.argmap-result")" 1000000)"
        else
          printf ' |'
        fi
      fi
      # The cost of one more statement between the two largest sizes, start-up excluded.
      small=${sizes% *}; small=${small##* }; big=${sizes##* }
      printf ' %s |\n' "$(awk -v a="$(secs $kind "$data/$s-$small.$tool-result")" \
        -v b="$(secs $kind "$data/$s-$big.$tool-result")" -v m="$small" -v n="$big" \
        'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", (b - a) * 1e6 / (n - m); else print "-" }')"
    done
  done
done
echo
echo "marginal: (time at $(echo $sizes | awk '{print $NF}') - time at $(echo $sizes | awk '{print $(NF-1)}')) / the difference in statements."
echo
echo "argmap: $("$ARGMAP" --version 2>/dev/null || echo '?'); Argdown CLI: node $(node --version) $ARGDOWN_CLI;" \
  "fastest of $runs runs; $(nproc) cores; load average before the runs: $load_before."
