#!/usr/bin/env python3
"""Peer text cores for bench/run: normalize + tokenize + sentence-split each article body.

usage: peers.py --tool camel|pyarabic FILE.jsonl [FILE.jsonl ...]

Reads the body of every record (first of the fields text, content, body that is a string:
the same rule as `marsad text bench`), then times ONLY the processing loop, in this one
process and thread. Prints one JSON line shaped like `marsad text bench`:
  {"tool","articles","bytes","words","sentences","seconds","words_per_sec","mb_per_sec", ...}
where `words` is the common count (whitespace-separated tokens of the bodies, str.split(),
counted before timing) so every tool's words/s is over the same number; `tokens` is the
tool's own token count (words and punctuation), a sanity figure only.

camel:    normalize_unicode -> normalize_alef_ar -> normalize_alef_maksura_ar ->
          normalize_teh_marbuta_ar -> dediac_ar, then simple_word_tokenize; CAMeL Tools has
          no sentence splitter, so sentences are a compiled-regex split of the normalized
          text after [.!?؟] followed by whitespace (SENT_RE below).
pyarabic: strip_tashkeel -> strip_tatweel -> normalize_ligature -> normalize_hamza
          (method="tasheel": hamza carriers folded to bare letters, as in search folding) ->
          normalize_teh, then araby.tokenize and araby.sentence_tokenize (which also
          splits after , ; : ، and newlines: its own definition of a sentence).
"""
import argparse
import json
import re
import sys
import time
from importlib.metadata import version

SENT_RE = re.compile(r"(?<=[.!?\u061F])\s+")


def load_bodies(files):
    bodies = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                for key in ("text", "content", "body"):
                    v = rec.get(key)
                    if isinstance(v, str):
                        bodies.append(v)
                        break
    return bodies


def camel():
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )
    from camel_tools.tokenizers.word import simple_word_tokenize

    split = SENT_RE.split

    def run(bodies):
        tokens = sentences = 0
        for text in bodies:
            n = dediac_ar(
                normalize_teh_marbuta_ar(
                    normalize_alef_maksura_ar(normalize_alef_ar(normalize_unicode(text)))
                )
            )
            tokens += len(simple_word_tokenize(n))
            sentences += len(split(n))
        return tokens, sentences

    return "camel-tools " + version("camel-tools"), run


def pyarabic():
    from pyarabic import araby

    def run(bodies):
        tokens = sentences = 0
        for text in bodies:
            n = araby.strip_tashkeel(text)
            n = araby.strip_tatweel(n)
            n = araby.normalize_ligature(n)
            n = araby.normalize_hamza(n, method="tasheel")
            n = araby.normalize_teh(n)
            tokens += len(araby.tokenize(n))
            sentences += len(araby.sentence_tokenize(n))
        return tokens, sentences

    return "pyarabic " + version("pyarabic"), run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", choices=["camel", "pyarabic"], required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    bodies = load_bodies(args.files)
    nbytes = sum(len(b.encode("utf-8")) for b in bodies)
    words = sum(len(b.split()) for b in bodies)
    name, run = camel() if args.tool == "camel" else pyarabic()

    started = time.perf_counter()
    tokens, sentences = run(bodies)
    secs = time.perf_counter() - started

    print(json.dumps({
        "tool": name,
        "articles": len(bodies),
        "bytes": nbytes,
        "words": words,
        "sentences": sentences,
        "seconds": secs,
        "words_per_sec": words / secs,
        "mb_per_sec": nbytes / 1e6 / secs,
        "tokens": tokens,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
