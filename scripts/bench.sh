#!/usr/bin/env bash
# End-to-end throughput benchmark of the depeche command line.
#
#   scripts/bench.sh [MEGABYTES] [RUNS]      (defaults: 100 MB, 5 runs)
#
# Builds the release binary and the corpus generator, generates a
# deterministic corpus of MEGABYTES of French news-like articles (seed 42,
# 300 bytes to 200 KB each) into target/bench-corpus (BENCH_DIR to change),
# then measures, each as the median of RUNS runs:
#   * `depeche extract CORPUS --jobs 1` and `--jobs 2`: every extractor, JSON
#     lines written to a file; MB/s = input bytes / wall time, and peak
#     resident memory (GNU time); CPU MB/s = input bytes / (user + system
#     time), a figure that a busy machine disturbs less;
#   * start-up: `depeche extract` on an empty file (median of 21 runs);
#   * memory against corpus size: peak resident memory on 10 MB and 1 GB
#     generated corpora, --jobs 2 (MEMORY_MB="10 1000" to change);
#   * linearity: one 10 MB article against 1,000 articles of 10 KB;
#   * adversarial inputs (a 5 MB line of digits, 100,000 « € », « entre entre
#     … », 1 MB of capitalized words...) at their nominal size and at 4 times
#     it: the time ratio (start-up subtracted) is near 4 when cost is linear.
# The machine's load average is printed with each figure: measure on a quiet
# machine. SKIP_EXTRA=1 runs only the main corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${1:-100}
RUNS=${2:-5}
DIR=${BENCH_DIR:-target/bench-corpus}
OUT=${BENCH_OUT:-target/bench-out.jsonl}

if [ ! -x /usr/bin/time ]; then
  echo "bench: GNU time is needed for peak memory: apt-get install time" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null
  else
    exit 1
  fi
fi

cargo build --release --quiet --bin depeche --example gencorpus
BIN=target/release/depeche
GEN=target/release/examples/gencorpus
GEN_SUM=$(cksum < "$GEN" | cut -d' ' -f1)

# gen NAME ARGS...: generates DIR/NAME once (again when the generator changed).
gen() {
  local name=$1; shift
  local stamp="$DIR/$name/.stamp" want="$GEN_SUM $*"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -rf "${DIR:?}/$name"
    mkdir -p "$DIR"
    "$GEN" "$@" 2>/dev/null
    echo "$want" > "$stamp"
  fi
}

bytes_of() { find "$1" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

# measure N PATH ARGS...: runs `depeche extract PATH ARGS` N times; prints
# "median_wall_seconds median_peak_kb median_cpu_seconds" (records go to $OUT).
measure() {
  local n=$1 path=$2; shift 2
  local times=() rss=() cpu=() i w m u s
  for ((i = 0; i < n; i++)); do
    read -r w m u s < <( { /usr/bin/time -f '%e %M %U %S' "$BIN" extract "$path" -q "$@" > "$OUT"; } 2>&1 | tail -1)
    times+=("$w"); rss+=("$m"); cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median) $(printf '%s\n' "${cpu[@]}" | median)"
}

# A finer clock for short runs: bash's EPOCHREALTIME.
measure_ms() {
  local n=$1 path=$2; shift 2
  local ts=() i a b
  for ((i = 0; i < n; i++)); do
    a=$EPOCHREALTIME
    "$BIN" extract "$path" -q "$@" > /dev/null
    b=$EPOCHREALTIME
    ts+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (b - a) * 1000}')")
  done
  printf '%s\n' "${ts[@]}" | median
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", (s > 0) ? b / 1e6 / s : 0}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

echo "== depeche benchmark: $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u '+%F %H:%M UTC')"
gen "mixed-${MB}MB" "$DIR/mixed-${MB}MB" "$MB"
CORPUS="$DIR/mixed-${MB}MB"
BYTES=$(bytes_of "$CORPUS")
FILES=$(find "$CORPUS" -type f -name '*.txt' | wc -l)
cat "$CORPUS"/*/*.txt > /dev/null # warm the page cache
echo "corpus: $CORPUS, $FILES articles, $BYTES bytes; $RUNS runs each, median"
echo
printf '%-34s %10s %9s %10s %10s %6s\n' "run" "MB/s" "seconds" "peak RSS" "CPU MB/s" "load"
j1=0
for jobs in 1 2; do
  l=$(load)
  read -r s k c < <(measure "$RUNS" "$CORPUS" --jobs "$jobs")
  r=$(mbps "$BYTES" "$s")
  [ "$jobs" = 1 ] && j1=$r
  printf '%-34s %10s %9s %7s MB %10s %6s\n' "extract --jobs $jobs (${MB} MB)" "$r" "$s" "$(mb "$k")" "$(mbps "$BYTES" "$c")" "$l"
done
echo "output: $(stat -c %s "$OUT") bytes of JSON lines; --jobs 2 / --jobs 1 = $(awk -v a="$r" -v b="$j1" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')"

[ "${SKIP_EXTRA:-0}" = 1 ] && exit 0

echo
mkdir -p "$DIR/empty" && : > "$DIR/empty/empty.txt"
l=$(load)
START=$(measure_ms 21 "$DIR/empty/empty.txt")
printf '%-34s %8s ms %25s\n' "start-up (empty input)" "$START" "$l"

echo
# Memory against corpus size: one run each with --jobs 2 (MEMORY_MB to change).
for size in ${MEMORY_MB:-10 1000}; do
  gen "mixed-${size}MB" "$DIR/mixed-${size}MB" "$size"
  b=$(bytes_of "$DIR/mixed-${size}MB"); l=$(load)
  read -r s k cpu < <(measure 1 "$DIR/mixed-${size}MB" --jobs 2)
  printf '%-34s %10s %9s %7s MB %10s %6s\n' "memory: ${size} MB --jobs 2" "$(mbps "$b" "$s")" "$s" "$(mb "$k")" "$(mbps "$b" "$cpu")" "$l"
done

echo
gen one-10MB --article-bytes 10000000 "$DIR/one-10MB" 10
gen many-10KB --article-bytes 10000 "$DIR/many-10KB" 10
for c in one-10MB many-10KB; do
  b=$(bytes_of "$DIR/$c"); l=$(load)
  read -r s k cpu < <(measure "$RUNS" "$DIR/$c" --jobs 1)
  printf '%-34s %10s %9s %7s MB %10s %6s\n' "linearity: $c --jobs 1" "$(mbps "$b" "$s")" "$s" "$(mb "$k")" "$(mbps "$b" "$cpu")" "$l"
done

echo
gen adversarial --adversarial "$DIR/adversarial" 1
gen adversarial-x4 --adversarial "$DIR/adversarial-x4" 4
printf '%-14s %10s %10s %12s %10s %6s\n' "adversarial" "bytes" "MB/s" "4x MB/s" "4x time" "load"
for f in "$DIR"/adversarial/*.txt; do
  name=$(basename "$f" .txt); f4="$DIR/adversarial-x4/$name.txt"
  l=$(load)
  b=$(stat -c %s "$f"); b4=$(stat -c %s "$f4")
  # Milliseconds of work: wall time minus the start-up measured above.
  t=$(awk -v m="$(measure_ms "$RUNS" "$f" --jobs 1)" -v s="$START" 'BEGIN {print (m - s > 0.01) ? m - s : 0.01}')
  t4=$(awk -v m="$(measure_ms "$RUNS" "$f4" --jobs 1)" -v s="$START" 'BEGIN {print (m - s > 0.01) ? m - s : 0.01}')
  printf '%-14s %10s %10s %12s %9sx %6s\n' "$name" "$b" "$(mbps "$b" "$(awk -v m="$t" 'BEGIN {print m / 1000}')")" \
    "$(mbps "$b4" "$(awk -v m="$t4" 'BEGIN {print m / 1000}')")" "$(awk -v a="$t4" -v b="$t" 'BEGIN {printf "%.2f", a / b}')" "$l"
done
echo
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
