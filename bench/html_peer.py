"""Python trafilatura on the same pages as `marsad eval html`, scored the same way.

    python bench/html_peer.py DIR [--rounds N]

DIR holds NAME.html with NAME.expected_text.txt (token-level P/R/F1, tokens compared
as bags) or NAME.gold.json (`with` snippets that must be in the text, `without`
snippets that must not). Prints one JSON object per page, like `marsad eval html
--json`: page, extractor, p, r, f1, with_found, with, without_leaked, without, ms
(median milliseconds per extraction over the rounds).
"""

import json
import os
import statistics
import sys
import time

import trafilatura

# The characters trimmed from token ends: the same list as crates/marsad/src/html_eval.rs.
PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~،؛؟«»“”‘’…–—•·٪"


def tokens(text):
    out = []
    for t in text.split():
        t = t.strip(PUNCT)
        if t:
            out.append(t)
    return out


def prf(got, expected):
    bag = {}
    exp = tokens(expected)
    for t in exp:
        bag[t] = bag.get(t, 0) + 1
    got_t = tokens(got)
    hit = 0
    for t in got_t:
        if bag.get(t, 0) > 0:
            bag[t] -= 1
            hit += 1
    p = hit / len(got_t) if got_t else 0.0
    r = hit / len(exp) if exp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    args = sys.argv[1:]
    rounds = 5
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i : i + 2]
    d = args[0]
    for name in sorted(os.listdir(d)):
        if not name.endswith(".html"):
            continue
        stem = os.path.join(d, name[: -len(".html")])
        expected = with_ = without = None
        if os.path.exists(stem + ".expected_text.txt"):
            expected = open(stem + ".expected_text.txt", encoding="utf-8").read()
        elif os.path.exists(stem + ".gold.json"):
            g = json.load(open(stem + ".gold.json", encoding="utf-8"))
            with_, without = g.get("with", []), g.get("without", [])
        else:
            continue
        raw = open(os.path.join(d, name), "rb").read()
        times = []
        text = ""
        for _ in range(rounds):
            t0 = time.perf_counter()
            text = trafilatura.extract(raw) or ""
            times.append((time.perf_counter() - t0) * 1000)
        row = {"page": name, "extractor": "trafilatura", "p": None, "r": None, "f1": None,
               "with_found": 0, "with": 0, "without_leaked": 0, "without": 0,
               "ms": statistics.median(times)}
        if expected is not None:
            row["p"], row["r"], row["f1"] = prf(text, expected)
        if with_ is not None:
            row["with_found"] = sum(1 for s in with_ if s in text)
            row["with"] = len(with_)
            row["without_leaked"] = sum(1 for s in without if s in text)
            row["without"] = len(without)
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
