#!/usr/bin/env python3
"""Groups the paragraphs of a WiNER gold file (one line per paragraph, ids
`2016_01_01-001:p3`) into whole articles, for the months asked.

    winer-articles.py GOLD.jsonl MONTHS [--no-share-bar] > ARTICLES.jsonl

MONTHS is a comma-separated list of two-digit months (01,02,...,09). The
paragraphs of an article are joined by a blank line, in paragraph order, and
the entity offsets (code points) are shifted accordingly.
"""
import json
import sys
from collections import OrderedDict


def main():
    path, months = sys.argv[1], set(sys.argv[2].split(","))
    # --no-share-bar: leave out the « Partager cet article : Courriel,
    # Facebook, Twitter... » paragraphs (to the end of the article),
    # boilerplate whose names the
    # annotators skipped (training only: a model would learn that Google is
    # not an organization).
    no_share_bar = "--no-share-bar" in sys.argv[3:]
    articles = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            art, _, para = d["id"].partition(":")
            if art[5:7] not in months:
                continue
            n = int(para[1:]) if para[1:].isdigit() else 0
            articles.setdefault(art, []).append((n, d))
    for art, paras in articles.items():
        paras.sort(key=lambda p: p[0])
        text, entities = "", []
        for _, d in paras:
            if no_share_bar and d["text"].lstrip().startswith("Partager cet article"):
                break
            if text:
                text += "\n\n"
            shift = len(text)
            for e in d.get("entities", []):
                e = dict(e)
                e["start"] += shift
                e["end"] += shift
                entities.append(e)
            text += d["text"]
        print(json.dumps({"id": art, "text": text, "entities": entities}, ensure_ascii=False))


if __name__ == "__main__":
    main()
