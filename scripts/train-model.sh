#!/usr/bin/env bash
# Rebuilds the tagger model embedded in depeche (src/model/default.model).
#
#   scripts/train-model.sh [OUT]        (default: src/model/default.model)
#
# Training data (public, read from ../shared, never copied into the project):
#   * WiNER-fr 2016 (French Wikinews articles, annotations CC BY 4.0, text
#     CC BY 2.5): the months January to September only; October to December
#     are held out to measure on. Paragraphs are grouped into whole articles.
#   * fixtures/gold/corpus.jsonl: the project's own gold corpus.
# Deterministic: the same data gives the same model bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-src/model/default.model}
WINER=${WINER:-../shared/data/dev/ner_winer_2016.jsonl}
[ -f "$WINER" ] || WINER=/work/shared/data/dev/ner_winer_2016.jsonl
EPOCHS=${EPOCHS:-8}
BITS=${BITS:-16}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/winer-articles.py "$WINER" 01,02,03,04,05,06,07,08,09 > "$tmp/winer-jan-sep.jsonl"
cargo build --release --quiet --bin depeche
target/release/depeche train "$tmp/winer-jan-sep.jsonl" fixtures/gold/corpus.jsonl \
  --epochs "$EPOCHS" --bits "$BITS" -o "$OUT"
ls -l "$OUT"
