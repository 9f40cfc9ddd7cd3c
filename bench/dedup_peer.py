#!/usr/bin/env python3
"""Peer for marsad-dedup: datasketch MinHash + MinHashLSH over the same articles.

usage: dedup_peer.py [JSONL] [--k 5] [--num-perm 128] [--bands 32] [--rows 4] [--threshold 0.5]
                     [--min-shingles 10]

Same pipeline as crates/marsad-dedup (dedup-bench), done the datasketch way:
- text = `content` (else `text`, else `title`); id = 0-based line number
- normalization (a simple stand-in for marsad-text's search profile): NFKC; harakat,
  superscript alef and tatweel removed; alef forms (أ إ آ ٱ) -> ا, ى -> ي, ة -> ه, ؤ -> و,
  ئ -> ي; Arabic-Indic digits -> ASCII; lower-case; every character that is not a letter
  or digit -> space; words = str.split()
- shingles = k consecutive words joined by a space, UTF-8, as a set; texts with fewer than
  --min-shingles shingles are not indexed (as in marsad-dedup)
- MinHash(num_perm) with update_batch; MinHashLSH(threshold, num_perm, params=(bands, rows));
  each article is queried before it is inserted, candidates are verified with the estimated
  Jaccard >= threshold (MinHash.jaccard), verified pairs are joined with union-find.
Prints JSON: articles, stories_gt1, articles_in_stories_gt1, largest_story, verified_pairs,
signature_seconds, lsh_group_seconds, articles_per_s.
"""
import argparse
import json
import re
import sys
import time
import unicodedata

from datasketch import MinHash, MinHashLSH

FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                      **{chr(0x660 + i): str(i) for i in range(10)},
                      **{chr(0x6F0 + i): str(i) for i in range(10)}})
DROP = re.compile("[\u064B-\u065F\u0670\u0640]")
NONWORD = re.compile(r"[^\w]|_")


def words(text):
    t = unicodedata.normalize("NFKC", text)
    t = DROP.sub("", t).translate(FOLD).lower()
    return NONWORD.sub(" ", t).split()


def shingles(text, k):
    w = words(text)
    if not w:
        return set()
    k = min(k, len(w))
    return {" ".join(w[i:i + k]).encode("utf-8") for i in range(len(w) - k + 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?", default="bench/out/saudinewsnet.jsonl")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--bands", type=int, default=32)
    ap.add_argument("--rows", type=int, default=4)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--min-shingles", type=int, default=10)
    a = ap.parse_args()

    texts = []
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            texts.append(next((d[k] for k in ("content", "text", "title") if (d.get(k) or "").strip()), ""))

    t0 = time.perf_counter()
    sigs = []
    for t in texts:
        s = shingles(t, a.k)
        if len(s) < a.min_shingles:
            sigs.append(None)
            continue
        m = MinHash(num_perm=a.num_perm, seed=1)
        m.update_batch(list(s))
        sigs.append(m)
    sig_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm, params=(a.bands, a.rows))
    parent = list(range(len(texts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    verified = 0
    for i, m in enumerate(sigs):
        if m is None:
            continue
        for j in lsh.query(m):
            if m.jaccard(sigs[j]) >= a.threshold:
                verified += 1
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, m)
    sizes = {}
    for i in range(len(texts)):
        r = find(i)
        sizes[r] = sizes.get(r, 0) + 1
    group_s = time.perf_counter() - t1
    multi = [n for n in sizes.values() if n > 1]
    print(json.dumps({
        "tool": "datasketch",
        "config": vars(a),
        "articles": len(texts),
        "stories_gt1": len(multi),
        "articles_in_stories_gt1": sum(multi),
        "largest_story": max(multi, default=1),
        "verified_pairs": verified,
        "signature_seconds": sig_s,
        "lsh_group_seconds": group_s,
        "articles_per_s": len(texts) / (sig_s + group_s),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
