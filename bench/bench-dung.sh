#!/usr/bin/env bash
# bench-dung.sh: timings of the Dung semantics and `argmap solve` (docs/performance.md,
# "Semantics"). Prints markdown tables on standard output.
#
#   bench/bench-dung.sh            # everything (about 5 minutes; the 1M-argument files dominate)
#   bench/bench-dung.sh --quick    # no 1M-argument frameworks
#
# Builds a release argmap in build-bench-dung/ (or uses $ARGMAP), generates frameworks with
# bench/gen-af.py into bench/data/ (not committed) and times each run with GNU time
# (/usr/bin/time: wall, user + system CPU, peak resident memory). Tasks that take longer than
# $TIMEOUT seconds (default 120) are reported as timeouts.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
TIMEOUT=${TIMEOUT:-120}
shared=${ARGMAP_SHARED:-../shared}

if [ -z "${ARGMAP:-}" ]; then
  [ -d build-bench-dung ] || meson setup build-bench-dung --buildtype=release >/dev/null
  ninja -C build-bench-dung src/cli/argmap >/dev/null
  ARGMAP=build-bench-dung/src/cli/argmap
fi
mkdir -p bench/data

gen () {  # file shape n m
  [ -f "bench/data/$1" ] || python3 bench/gen-af.py --shape "$2" -n "$3" -m "$4" --seed 1 \
    -o "bench/data/$1"
}

# One timed run: prints "| wall | cpu | rss | answer |" cells.
timed () {  # task file [arg]
  local out=/tmp/bench-dung.$$ t
  local args=(solve -p "$1" -f "$2")
  [ $# -ge 3 ] && args+=(-a "$3")
  if /usr/bin/time -f "%e %U %S %M" -o "$out.time" timeout "$TIMEOUT" "$ARGMAP" "${args[@]}" \
       >"$out.stdout" 2>/dev/null; then
    local answer
    answer=$(head -c 40 "$out.stdout" | head -n 1)
    awk -v a="$answer" '{ printf "| %.2f | %.2f | %d | %s |", $1, $2 + $3, $4 / 1024, a }' \
      "$out.time"
  else
    printf '| timeout (%ss) | | | |' "$TIMEOUT"
  fi
  rm -f "$out".*
}

echo "### Grounded (SE-GR: read + CSR + labelling), random frameworks, m = 5n"
echo
echo "| framework | file MB | wall s | CPU s | peak MB | answer (first 40 bytes) |"
echo "|---|---:|---:|---:|---:|---|"
sizes="10000 100000"
[ $quick = 1 ] || sizes="$sizes 1000000"
for n in $sizes; do
  f=r-$n.af
  gen "$f" random "$n" $((5 * n))
  mb=$(du -m "bench/data/$f" | cut -f1)
  echo "| random n=$n m=$((5 * n)) | $mb $(timed SE-GR "bench/data/$f")"
done
for n in $sizes; do
  f=c-$n.af
  gen "$f" chain "$n" $((5 * n))
  mb=$(du -m "bench/data/$f" | cut -f1)
  echo "| chain n=$n m=$((5 * n)) | $mb $(timed SE-GR "bench/data/$f")"
done
echo

echo "### ICCMA tasks on generated frameworks (query argument 1)"
echo
tasks="DC-CO DS-PR SE-PR DC-ST DS-ST SE-ST DC-SST DS-SST SE-SST DC-STG DS-STG SE-STG DC-ID SE-ID"
for spec in "random 200 600" "random 1000 3000" "random 10000 20000" "chain 100000 200000"; do
  set -- $spec
  f=$1-$2-$3.af
  gen "$f" "$1" "$2" "$3"
  echo "#### $1 n=$2 m=$3"
  echo
  echo "| task | wall s | CPU s | peak MB | answer |"
  echo "|---|---:|---:|---:|---|"
  for t in $tasks; do
    echo "| $t $(timed "$t" "bench/data/$f" 1)"
  done
  echo
done

echo "### Shared ICCMA frameworks ($shared/corpora/iccma)"
echo
if [ -d "$shared/corpora/iccma" ]; then
  echo "| file | task | wall s | CPU s | peak MB | answer |"
  echo "|---|---|---:|---:|---:|---|"
  for f in admbuster_1000.af fudge_test.i23; do
    for t in $tasks DC-GR SE-GR; do
      echo "| $f | $t $(timed "$t" "$shared/corpora/iccma/$f" 1)"
    done
  done
else
  echo "(absent)"
fi
