"""extract_many against the command, in one process: the pipeline built once,
then alternately `extract_many` over DIR and a `depeche extract -q -j JOBS DIR`
subprocess, RUNS times; prints the medians and the median of the ratios
(the command's time over extract_many's: its share of the command's throughput).

Usage: python python/bench/in_process.py BINARY DIR [JOBS] [RUNS]
"""

import os
import statistics
import subprocess
import sys
import time

import depeche

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_many import walk  # noqa: E402


def main() -> None:
    binary, folder = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    nlp = depeche.Pipeline()
    cut = len(os.path.join(folder, ""))

    def articles():
        for path in walk(folder):
            with open(path, "rb") as f:
                yield path[cut:], f.read()

    ours, theirs = [], []
    for _ in range(runs):
        t = time.perf_counter()
        for _record in nlp.extract_many(articles(), jobs=jobs):
            pass
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([binary, "extract", "-q", "-j", str(jobs), folder], stdout=subprocess.DEVNULL, check=True)
        theirs.append(time.perf_counter() - t)
    share = statistics.median(c / p for p, c in zip(ours, theirs))
    print(f"extract_many {statistics.median(ours):.3f} s, depeche extract {statistics.median(theirs):.3f} s "
          f"(medians of {runs}); extract_many's throughput: {share:.0%} of the command's")


if __name__ == "__main__":
    main()
