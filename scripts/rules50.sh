#!/usr/bin/env bash
# Writes a rule file of 50 rules on standard output, for measuring what user
# rules cost (README, "Writing rules"):
#
#   scripts/rules50.sh > target/rules50.toml
#   target/release/depeche extract target/bench-corpus/mixed-100MB -j 1 -q --rules target/rules50.toml > target/rules50.jsonl
#
# The rules are a mix of what a newsroom writes: codes with check digits,
# word lists, patterns with {words}, amounts with units, context conditions,
# case-insensitive words, overrides and fills; several fire on the generated
# corpus (« milliards », « groupe », percentages), most on few articles.
set -euo pipefail
markets=(Euronext Nasdaq NYSE LSE Xetra)
echo 'kinds = ["ticker", "isin", "siren", "code", "product", "case", "term"]'
for i in $(seq 0 49); do
  m=${markets[$((i % 5))]}
  echo
  echo '[[rule]]'
  echo "name = \"r$i\""
  case $((i % 10)) in
    0) echo 'kind = "isin"'
       echo "pattern = '\\b(?<value>$(printf '%s' FR NL DE US LU | cut -c$((i / 10 * 2 + 1))-$((i / 10 * 2 + 2)))[A-Z0-9]{9}\\d)\\b'"
       echo 'validate = "isin"' ;;
    1) echo 'kind = "term"'
       echo "words = [\"dividende$i\", \"Bourse de Paris\", \"plan social\", \"introduction en bourse\", \"rachat d'actions\"]"
       echo 'case_sensitive = false' ;;
    2) echo 'kind = "code"'
       echo "pattern = '{words}\\s+n°\\s?(?<value>\\d{1,6})'"
       echo "words = [\"article\", \"lot\", \"dossier\", \"affaire\", \"contrat$i\"]" ;;
    3) echo 'kind = "money"'
       echo "pattern = '\\b(?<value>\\d{1,3}(?:[ \\u{a0}]\\d{3})*(?:,\\d+)?)\\s?(?<unit>KEUR|kE|MEUR$i)\\b'"
       echo "units = { \"KEUR\" = \"1000 EUR\", \"kE\" = \"1000 EUR\", \"MEUR$i\" = \"1000000 EUR\" }" ;;
    4) echo 'kind = "siren"'
       echo "pattern = '\\b(?<value>\\d{3}[ \\u{a0}]?\\d{3}[ \\u{a0}]?\\d{3})\\b'"
       echo "before = '(?i)\\bsiren\\b[^.\\d]{0,$((20 + i))}'"
       echo 'validate = "siren"'
       echo 'compact = true' ;;
    5) echo 'kind = "ticker"'
       echo "pattern = '$m\\s*:\\s*(?<value>[A-Z][A-Z0-9]{1,5})\\b'"
       echo "before = '\\(\\s*'"
       echo "after = '\\s*\\)'"
       echo 'priority = "override"' ;;
    6) echo 'kind = "percent"'
       echo "pattern = '(?<value>\\d+(?:,\\d+)?)\\s?(?:pts?|points? de base $i)\\b'" ;;
    7) echo 'kind = "product"'
       echo "pattern = '\\b(?:iPhone|Galaxy S|Pixel|Model $i)\\s?\\d{1,2}\\b'"
       echo 'priority = "override"' ;;
    8) echo 'kind = "organization"'
       echo "pattern = '\\b[Gg]roupe\\s+(?<value>\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+)?)'"
       echo "not_after = '\\s*\\(test$i\\)'" ;;
    9) echo 'kind = "case"'
       echo "pattern = '\\b\\d{2}-\\d{2}\\.\\d{3}\\b'"
       echo "before = '(?i)(?:pourvoi|affaire|n°)\\s*$i?\\s*'" ;;
  esac
done
