#!/usr/bin/env python3
"""Scores depeche, text2num and Duckling on the number and ordinal cases of a
gold file (by hand, never in tests or CI: the gold set lives outside the project).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install text2num duckling
    cargo build --release
    /tmp/venv/bin/python scripts/numbers_compare.py ../shared/data/dev/figures_specs_dev.jsonl

The cases are the lines whose gold entities are all `number` or `ordinal`
(lines with no entity at all count too: they are negatives). Each system is
scored per kind with the matching of `depeche eval`'s strict score (same
kind, overlapping span, equal value or equal min and max) and, beside it,
with exact spans (same kind, same span, equal value). depeche is also run
through `depeche eval --kinds number,ordinal` on the same cases, whose strict
F1 is printed as is. text2num (`find_numbers`, default threshold) and
Duckling (the `duckling` package: Duckling 0.x on a JVM) are skipped with a
note when they cannot be imported.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DEPECHE", os.path.join(ROOT, "target", "release", "depeche"))
KINDS = ("number", "ordinal")


def dec(v):
    if v is None:
        return None
    try:
        return Decimal(str(v)).normalize()
    except InvalidOperation:
        return None


def load(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            ents = d.get("entities") or []
            if all(e["kind"] in KINDS for e in ents):
                cases.append(d)
    return cases


def match(gold, pred, exact):
    """Greedy one-to-one matching; returns (tp, gold count, predicted count) per kind."""
    out = {}
    for kind in KINDS:
        g = [e for e in gold if e["kind"] == kind]
        p = [e for e in pred if e["kind"] == kind]
        used = [False] * len(p)
        tp = 0
        for ge in g:
            for k, pe in enumerate(p):
                if used[k]:
                    continue
                if exact:
                    span = ge["start"] == pe["start"] and ge["end"] == pe["end"]
                else:
                    span = ge["start"] < pe["end"] and pe["start"] < ge["end"]
                same = (dec(ge.get("value")), dec(ge.get("min")), dec(ge.get("max"))) == (
                    dec(pe.get("value")),
                    dec(pe.get("min")),
                    dec(pe.get("max")),
                )
                if span and same:
                    used[k] = True
                    tp += 1
                    break
        out[kind] = (tp, len(g), len(p))
    return out


def f1(tp, g, p):
    pr = tp / p if p else 0.0
    rc = tp / g if g else 0.0
    return (2 * pr * rc / (pr + rc) if pr + rc else 0.0), pr, rc


def score(cases, predictions):
    table = {}
    for exact in (False, True):
        tot = {k: [0, 0, 0] for k in KINDS}
        for case, pred in zip(cases, predictions):
            for kind, (tp, g, p) in match(case.get("entities") or [], pred, exact).items():
                for i, x in enumerate((tp, g, p)):
                    tot[kind][i] += x
        table["exact" if exact else "strict"] = tot
    return table


def run_depeche(cases):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "cases.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for i, c in enumerate(cases):
                f.write(json.dumps({"id": f"{i}", "text": c["text"], "entities": c.get("entities") or []}) + "\n")
        out = subprocess.run(
            [BIN, "extract", "--input", "jsonl", "--kinds", "number,ordinal", "-q", src],
            check=True, capture_output=True, text=True,
        ).stdout
        preds = [json.loads(l).get("entities", []) for l in out.splitlines()]
        ev = subprocess.run(
            [BIN, "eval", "--kinds", "number,ordinal", "--json", src], capture_output=True, text=True
        )
        report = json.loads(ev.stdout)
    return preds, {k["kind"]: k["strict"]["f1"] for k in report["kinds"]}


class Tok:
    def __init__(self, text, start, end):
        self.t, self.start, self.end = text, start, end

    def text(self):
        return self.t

    def text_lowercase(self):
        return self.t.lower()

    def nt_separated(self, previous):
        return False

    def not_a_number_part(self):
        return False


def run_text2num(cases):
    from text_to_num import find_numbers

    preds = []
    for c in cases:
        text = c["text"]
        toks = [Tok(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", text)]
        ents = []
        for o in find_numbers(toks, "fr"):
            s, e = toks[o.start].start, toks[o.end - 1].end
            ents.append({"kind": "ordinal" if o.is_ordinal else "number", "start": s, "end": e, "value": o.value})
        preds.append(ents)
    return preds


def run_duckling(cases):
    import duckling.duckling as dk
    from duckling import DucklingWrapper, Language

    # The wrapper's conversions call float() on Java strings, which recent
    # JPype versions refuse: convert through str().
    dk.Duckling._parse_float = lambda self, v: float(str(v.toString()))
    dk.Duckling._parse_int = lambda self, v: int(float(str(v.toString())))
    d = DucklingWrapper(language=Language.FRENCH)
    preds = []
    for c in cases:
        ents = []
        for kind, parse in (("number", d.parse_number), ("ordinal", d.parse_ordinal)):
            for r in parse(c["text"]):
                v = r["value"]["value"]
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                ents.append({"kind": kind, "start": r["start"], "end": r["end"], "value": v})
        preds.append(ents)
    return preds


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "dev", "figures_specs_dev.jsonl")
    cases = load(path)
    gold_n = sum(len(c.get("entities") or []) for c in cases)
    print(f"{len(cases)} cases, {gold_n} gold entities ({path})")
    systems = []
    preds, eval_f1 = run_depeche(cases)
    systems.append(("depeche", preds))
    print("depeche eval --kinds number,ordinal (strict F1): "
          + ", ".join(f"{k} {v:.3f}" for k, v in sorted(eval_f1.items())))
    for name, runner in (("text2num", run_text2num), ("duckling", run_duckling)):
        try:
            systems.append((name, runner(cases)))
        except Exception as e:  # noqa: BLE001 - report and go on
            print(f"{name}: not scored ({type(e).__name__}: {e})")
    print(f"{'system':10} {'match':7} {'kind':8} {'P':>6} {'R':>6} {'F1':>6}  tp/gold/pred")
    for name, preds in systems:
        for how, tot in score(cases, preds).items():
            for kind in KINDS:
                tp, g, p = tot[kind]
                f, pr, rc = f1(tp, g, p)
                print(f"{name:10} {how:7} {kind:8} {pr:6.3f} {rc:6.3f} {f:6.3f}  {tp}/{g}/{p}")


if __name__ == "__main__":
    main()
