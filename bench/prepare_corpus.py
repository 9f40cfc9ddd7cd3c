#!/usr/bin/env python3
"""SaudiNewsNet zips -> one JSON Lines file, plus the common counts every tool is measured against.

usage: prepare_corpus.py DATASET_DIR OUT.jsonl STATS.json

Each zip in DATASET_DIR holds one JSON array of articles (source, url, date_extracted, title,
author, content). Every article becomes one line of OUT.jsonl with all its fields, in zip-name
order then array order. STATS.json gets the counts used for all throughput figures:
  articles  number of articles
  bytes     UTF-8 bytes of the `content` fields
  words     whitespace-separated tokens of the `content` fields (str.split())
  input_bytes  size of OUT.jsonl
"""
import glob
import json
import os
import sys
import zipfile


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    dataset, out_path, stats_path = sys.argv[1:]
    zips = sorted(glob.glob(os.path.join(dataset, "*.zip")))
    if not zips:
        print(f"prepare_corpus: no *.zip in {dataset}", file=sys.stderr)
        return 1
    articles = words = nbytes = 0
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for z in zips:
            with zipfile.ZipFile(z) as zf:
                for name in sorted(zf.namelist()):
                    if not name.endswith(".json"):
                        continue
                    for art in json.loads(zf.read(name).decode("utf-8")):
                        out.write(json.dumps(art, ensure_ascii=False))
                        out.write("\n")
                        content = art.get("content") or ""
                        articles += 1
                        words += len(content.split())
                        nbytes += len(content.encode("utf-8"))
    os.replace(tmp, out_path)
    stats = {
        "articles": articles,
        "bytes": nbytes,
        "words": words,
        "zips": len(zips),
        "input_bytes": os.path.getsize(out_path),
    }
    with open(stats_path, "w", encoding="utf-8") as f:
        json.dump(stats, f)
        f.write("\n")
    print(f"prepare_corpus: {len(zips)} zips -> {articles} articles, {words} words, "
          f"{nbytes / 1e6:.1f} MB content -> {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
