"""Throughput of Pipeline.extract_many on a folder of articles, to compare
with `depeche extract -q -j JOBS DIR > /dev/null` on the same folder.

Usage: python python/bench/extract_many.py DIR [JOBS]

Reads DIR's *.txt files (sorted, lazily, as bytes: the command reads and
decodes files too), extracts them with JOBS threads (default 2), consumes
every record (counts entities) and prints a summary like the command's.
"""

import os
import sys
import time

import depeche


def walk(folder):
    """DIR's *.txt files in the command's order (sorted, folders walked recursively)."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir():
            yield from walk(entry.path)
        elif entry.name.endswith(".txt"):
            yield entry.path


def main() -> None:
    folder = sys.argv[1]
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    started = time.perf_counter()
    nlp = depeche.Pipeline()
    size = 0

    def articles():
        nonlocal size
        cut = len(os.path.join(folder, ""))  # ids relative to DIR, as the command's
        for path in walk(folder):
            with open(path, "rb") as f:
                data = f.read()
            size += len(data)
            yield path[cut:], data

    records = errors = entities = 0
    for r in nlp.extract_many(articles(), jobs=jobs):
        records += 1
        errors += "error" in r
        entities += len(r.get("entities", ()))
    secs = time.perf_counter() - started
    print(f"extract_many: {records} articles, {errors} errors; {entities} entities; "
          f"{size / 1e6:.2f} MB in {secs:.2f} s ({size / 1e6 / secs:.1f} MB/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
