#!/usr/bin/env bash
# depeche as a Spark stage: pipes a JSON Lines corpus through the release
# binary with RDD.pipe in a local Spark, and runs the same articles through the
# Python package (the wheel built from python/) with mapInPandas, and checks
# that every input came back exactly once with the same record as a direct run.
#
# Usage: scripts/spark-check.sh [CORPUS_DIR]    (default: corpus/)
# Needs: cargo, python3 with venv, Java 17 (found under /usr/lib/jvm when
# JAVA_HOME is not set to one), and access to PyPI for pyspark. Everything
# else lives in a temporary folder that is removed at the end. Not part of
# `cargo test`.
set -euo pipefail

started=$(date +%s)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$(cd "${1:-$root/corpus}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/depeche-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" || "$(java_major "$JAVA_HOME")" != 17 ]]; then
  JAVA_HOME=
  for dir in /usr/lib/jvm/java-17-* /usr/lib/jvm/*17*; do
    if [[ -x "$dir/bin/java" && "$(java_major "$dir")" == 17 ]]; then JAVA_HOME=$dir; break; fi
  done
  [[ -n "$JAVA_HOME" ]] || { echo "spark-check: FAIL: no Java 17 found (set JAVA_HOME)" >&2; exit 1; }
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "spark-check: Java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ($JAVA_HOME)"

echo "spark-check: building the release binary"
(cd "$root" && cargo build --release --quiet --bin depeche)
target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
binary="$target_dir/release/depeche"
[[ -x "$binary" ]] || { echo "spark-check: FAIL: no binary at $binary" >&2; exit 1; }

echo "spark-check: installing pyspark, pandas and pyarrow into a temporary virtual environment"
python3 -m venv "$work/venv"
# pandas 2: the versions pyspark supports (it warns about pandas 3).
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pyspark "pandas<3" pyarrow maturin
echo "spark-check: pyspark $("$work/venv/bin/python" -c 'import pyspark; print(pyspark.__version__)')"

echo "spark-check: building the wheel from python/ (release) and installing it"
PATH="$work/venv/bin:$PATH" CARGO_TARGET_DIR="$target_dir" \
  "$work/venv/bin/pip" wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  -w "$work/wheels" "$root/python"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$work"/wheels/depeche-*.whl

# Spark's driver and workers stay on this machine.
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$work/venv/bin/python"
status=0
"$work/venv/bin/python" "$root/scripts/spark_pipe.py" "$binary" "$corpus" "$work" --wheel || status=$?
elapsed=$(( $(date +%s) - started ))
if [[ $status -eq 0 ]]; then
  echo "spark-check: PASS in ${elapsed} s"
else
  echo "spark-check: FAIL in ${elapsed} s"
fi
exit $status
