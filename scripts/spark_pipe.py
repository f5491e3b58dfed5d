"""Runs depeche as a Spark stage (RDD.pipe, and the Python package through
mapInPandas) and checks both against a direct run.

Usage: python spark_pipe.py BINARY CORPUS_DIR WORK_DIR [--wheel]

Builds a JSON Lines corpus from CORPUS_DIR/*.txt (each article several times
under distinct ids, plus bad lines), pipes it through BINARY in a local Spark
(local[2], several partitions, an EMPTY environment for the piped command,
exit codes checked), runs BINARY directly on the same lines, and compares.
With --wheel (the depeche package installed in this Python), the same
articles also go through `mapInPandas` as the README shows, and their records
are compared with the direct run's.
Exits 0 when every input came back exactly once with the same record.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

COPIES = 25
PARTITIONS = 8
FALLBACK_ID = re.compile(r"^-:\d+$")


def build_corpus(corpus_dir: Path) -> list[str]:
    articles = sorted(corpus_dir.glob("*.txt"))
    if not articles:
        sys.exit(f"spark-check: no *.txt article in {corpus_dir}")
    lines = []
    for copy in range(COPIES):
        for path in articles:
            text = path.read_text(encoding="utf-8")
            lines.append(json.dumps({"id": f"{path.stem}#{copy}", "text": text, "copy": copy},
                                    ensure_ascii=False))
    # Bad articles: each must become an error record, never a failed task.
    bad = [
        '{"id": "bad-json", "text": "guillemet non fermé}',
        '{"id": "no-text", "title": "Un article sans texte"}',
        '{"id": "text-number", "text": 42}',
        '["pas", "un", "objet"]',
        json.dumps({"id": "controls", "text": "\u0000\u0007 Octets\u00a0bizarres\u202f: 12\u00a0% \ufffd"},
                   ensure_ascii=False),
        json.dumps({"id": "empty-text", "text": ""}),
    ]
    # Spread the bad lines over the partitions.
    step = max(1, len(lines) // len(bad))
    for i, b in enumerate(bad):
        lines.insert(i * step + 1, b)
    return lines


LINE_NUMBER = re.compile(r"\bline \d+\b")


def normalize(records: list[dict]) -> tuple[dict, Counter]:
    """Records by id, and error kinds of lines that had no id. Line numbers
    (in a fallback id `-:N` and in error messages) count the lines of the
    stream each process saw, so they are left out of the comparison."""
    by_id, anonymous = {}, Counter()
    for r in records:
        if "error" in r and FALLBACK_ID.match(r["id"]):
            anonymous[r["error"]["kind"]] += 1
            continue
        if "error" in r:
            r["error"]["message"] = LINE_NUMBER.sub("line N", r["error"]["message"])
        if r["id"] in by_id:
            raise SystemExit(f"spark-check: FAIL: id {r['id']} came back twice")
        by_id[r["id"]] = r
    return by_id, anonymous


def extract_batches(batches):
    """The README's mapInPandas function: one pipeline per Python worker."""
    import pandas as pd

    import depeche
    nlp = depeche.default_pipeline()
    for batch in batches:
        records = nlp.extract_many(zip(batch["id"], batch["text"]), jobs=1)
        yield pd.DataFrame({"id": batch["id"],
                            "record": [json.dumps(r, ensure_ascii=False) for r in records]})


def check_wheel(spark, lines: list[str], direct: dict) -> list[str]:
    """Runs the articles of `lines` through mapInPandas; returns what differs
    from the direct run's records (`direct`, by id, without their kept fields)."""
    rows = []
    for line in lines:
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # not JSON: the JSON Lines reader's error, not the package's
        if isinstance(obj, dict) and isinstance(obj.get("id"), str):
            text = obj.get("text")
            rows.append((obj["id"], text if isinstance(text, str) else None))
    t = time.monotonic()
    df = spark.createDataFrame(rows, "id string, text string").repartition(PARTITIONS)
    out = df.mapInPandas(extract_batches, "id string, record string").collect()
    secs = time.monotonic() - t
    failures = []
    got = {}
    for row in out:
        if row["id"] in got:
            failures.append(f"wheel: {row['id']} came back twice")
        got[row["id"]] = json.loads(row["record"])
    for rid, _ in rows:
        want = dict(direct[rid])
        want.pop("fields", None)
        if rid not in got:
            failures.append(f"wheel: {rid} missing from mapInPandas's output")
        elif "error" in want:
            # The JSON Lines reader's messages name lines; compare the kinds.
            if got[rid].get("error", {}).get("kind") != want["error"]["kind"]:
                failures.append(f"wheel: {rid}: error {got[rid].get('error')} instead of {want['error']['kind']}")
        elif got[rid] != want:
            failures.append(f"wheel: {rid}: the package's record differs from the direct run's")
    errors = sum(1 for r in got.values() if "error" in r)
    print(f"spark-check: mapInPandas gave {len(out)} records for {len(rows)} rows ({errors} error records) "
          f"in {secs:.1f} s")
    return failures


def main() -> int:
    binary, corpus_dir, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    wheel = "--wheel" in sys.argv[4:]
    if not os.path.isabs(binary):
        sys.exit("spark-check: the binary path must be absolute (Spark runs it with an empty environment)")
    lines = build_corpus(corpus_dir)
    (work / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [binary, "extract", "--input", "jsonl", "-q", "--exit-zero", "--keep", "copy", "-"]

    t0 = time.monotonic()
    direct = subprocess.run(command, input=("\n".join(lines) + "\n").encode(), stdout=subprocess.PIPE,
                            env={}, check=True)
    direct_secs = time.monotonic() - t0
    direct_records = [json.loads(l) for l in direct.stdout.decode().splitlines()]

    from pyspark.sql import SparkSession

    t1 = time.monotonic()
    spark = (SparkSession.builder.master("local[2]").appName("depeche-spark-check")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    t2 = time.monotonic()
    rdd = spark.sparkContext.parallelize(lines, PARTITIONS)
    # The piped command gets an empty environment; checkCode=True fails the
    # task on any non-zero exit, so a bad article must not cause one.
    piped = rdd.pipe(shlex.join(command), env={}, checkCode=True).collect()
    pipe_secs = time.monotonic() - t2
    partitions = rdd.getNumPartitions()
    wheel_failures = []
    if wheel:
        d_by_id_full = {r["id"]: r for r in direct_records if not FALLBACK_ID.match(r["id"])}
        wheel_failures = check_wheel(spark, lines, d_by_id_full)
    spark.stop()
    startup_secs = t2 - t1
    spark_records = [json.loads(l) for l in piped]

    failures = []
    if len(spark_records) != len(lines):
        failures.append(f"{len(lines)} input lines but {len(spark_records)} records from Spark")
    if len(direct_records) != len(lines):
        failures.append(f"{len(lines)} input lines but {len(direct_records)} records from the direct run")
    d_by_id, d_anon = normalize(direct_records)
    s_by_id, s_anon = normalize(spark_records)
    if d_anon != s_anon:
        failures.append(f"errors without id differ: direct {dict(d_anon)}, Spark {dict(s_anon)}")
    for rid in sorted(set(d_by_id) | set(s_by_id)):
        if rid not in s_by_id:
            failures.append(f"{rid}: missing from Spark's output")
        elif rid not in d_by_id:
            failures.append(f"{rid}: only in Spark's output")
        elif d_by_id[rid] != s_by_id[rid]:
            failures.append(f"{rid}: Spark's record differs from the direct run's")
    errors = sum(1 for r in spark_records if "error" in r)
    entities = sum(len(r.get("entities", [])) for r in spark_records)
    print(f"spark-check: {len(lines)} input lines ({len(lines) - 6} articles + 6 bad lines), "
          f"{partitions} partitions, local[2]")
    print(f"spark-check: Spark gave {len(spark_records)} lines: {len(spark_records) - errors} records, "
          f"{errors} error records, {entities} entities")
    print(f"spark-check: direct run {direct_secs:.2f} s; Spark start {startup_secs:.1f} s; "
          f"RDD.pipe + collect {pipe_secs:.1f} s")
    failures += wheel_failures
    for f in failures[:20]:
        print(f"spark-check: FAIL: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
