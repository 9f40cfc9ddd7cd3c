#!/usr/bin/env python3
"""Build the fuzz seed corpora from the real data in $MARSAD_DATA.

Writes fuzz/corpus/<target>/ (generated, gitignored) from: ANT raw TREC files and
the ANT JSON Lines sample, SaudiNewsNet JSON lines, the news_html pages, the plain
scrape fixtures of marsad-readers; HTML pages, WARC records (plain and gzipped per
record), RSS/Atom feeds and legacy encodings are built from those articles.
The handcrafted seeds of fuzz/seeds/<target>/ are copied in too; files already
in the corpus (grown by earlier runs) are kept. Every seed is kept under 64 KB. Deterministic: the same data gives the same corpora.
Standard library only.
"""

import gzip
import hashlib
import html
import io
import json
import os
import re
import sys
import zipfile

MAX = 64 * 1024
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.environ.get("MARSAD_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data")
OUT = os.path.join(HERE, "corpus")
TARGETS = ["jsonl", "text", "trec", "html", "warc", "feed", "decode", "inputs", "query", "extract"]
counts = {t: 0 for t in TARGETS}


def put(target, data, name=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX:
        data = data[:MAX]
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)
    counts[target] += 1


def read_jsonl(path, n):
    """Every (len // n)-th record of a JSON Lines file: an even, fixed pick."""
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    step = max(1, len(lines) // n)
    return [(l.rstrip("\n"), json.loads(l)) for l in lines[::step][:n]]


def cut(text, n=3000):
    return text if len(text) <= n else text[:n]


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def html_page(a, i):
    """A news page in one of a few common shapes: JSON-LD, Open Graph, plain."""
    title = html.escape(a["title"])
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(cut(a["text"])))
    date = a.get("date", "2018-02-19T10:00:00Z")
    url = html.escape(a.get("url", "https://www.example.com/a"), quote=True)
    nav = '<nav class="menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">العالم</a></li></ul></nav>'
    related = '<div class="related"><h3>أخبار ذات صلة</h3><ul><li><a href="/x">خبر آخر</a></li></ul></div>'
    if i % 3 == 0:
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
                         "datePublished": date, "author": {"@type": "Person", "name": a.get("author") or "مراسل"},
                         "publisher": {"@type": "Organization", "name": a.get("source", "")}}, ensure_ascii=False)
        head = f'<meta charset="utf-8"><title>{title} | {html.escape(a.get("source", ""))}</title><script type="application/ld+json">{ld}</script>'
    elif i % 3 == 1:
        head = (f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{title}</title>'
                f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="{html.escape(a.get("source", ""))}">'
                f'<meta property="article:published_time" content="{date}"><link rel="canonical" href="{url}">')
    else:
        head = f"<title>{title}</title>"
    body = f'<header>{nav}</header><main><article><h1>{title}</h1><time datetime="{date}">{date}</time><div class="article-body">{paras}</div></article>{related}</main><footer>© 2018</footer>'
    return f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head>{head}</head><body>{body}</body></html>\n'


def warc_record(kind, uri, payload, date="2018-03-01T10:00:00Z"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload + b"\r\n\r\n"


def http_response(body, charset="utf-8", status="200 OK", ctype="text/html"):
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}; charset={charset}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def warcinfo():
    p = b"software: marsad-fuzz-seed\r\nformat: WARC File Format 1.0\r\n"
    h = (f"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2018-03-01T10:00:00Z\r\n"
         f"Content-Type: application/warc-fields\r\nContent-Length: {len(p)}\r\n\r\n")
    return h.encode() + p + b"\r\n\r\n"


def rss(items, title="أخبار"):
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{html.escape(title)}</title><link>https://www.example.com/</link>']
    for i, a in enumerate(items):
        text = cut(a["text"], 1500)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
        content = f"<content:encoded><![CDATA[{body}]]></content:encoded>" if i % 2 == 0 else f"<description>{html.escape(body)}</description>"
        out.append(f'<item><title>{html.escape(a["title"])}</title><link>{html.escape(a.get("url", ""))}</link>'
                   f'<pubDate>Mon, 19 Feb 2018 00:16:11 +0400</pubDate><dc:creator>{html.escape(a.get("author") or "")}</dc:creator>{content}</item>')
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(items, title="أخبار"):
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title><id>urn:x</id><updated>2018-02-19T10:00:00Z</updated>']
    for a in items:
        text = cut(a["text"], 1500)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
        out.append(f'<entry><title>{html.escape(a["title"])}</title><link rel="alternate" href="{html.escape(a.get("url", ""), quote=True)}"/>'
                   f'<id>{html.escape(a.get("url", ""))}</id><published>2018-02-19T10:00:00+03:00</published>'
                   f'<author><name>{html.escape(a.get("author") or "مراسل")}</name></author><content type="html">{html.escape(body)}</content></entry>')
    out.append("</feed>\n")
    return "".join(out)


def trec(a):
    return (f'<DOC>\n<DOCNO>{a.get("docno", "X-1")}</DOCNO>\n<URL>{a.get("url", "")}</URL>\n<SRC>{a.get("source", "")}</SRC>\n'
            f'<TITLE>{a["title"]}</TITLE>\n<TIME>{a.get("time", "")}</TIME>\n<AUTHOR>{a.get("author") or ""}</AUTHOR>\n'
            f'<ABSTRACT>\n{a.get("abstract", "")}\n</ABSTRACT>\n<TEXT>\n{cut(a["text"])}\n</TEXT>\n</DOC>\n')


def scrape(a):
    return f'{a["title"]}\n\nالرئيسية | أخبار | العالم\n\n{a.get("time", "")}\n\n{cut(a["text"])}\n\nشارك هذا الخبر\n'


def zip_of(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=(2018, 2, 19, 0, 0, 0))
            z.writestr(zi, data)
    return buf.getvalue()


def gz(data):
    return gzip.compress(data, mtime=0)


def main():
    if not os.path.isdir(DATA):
        sys.exit(f"seed.py: shared data not found at {DATA} (set MARSAD_DATA)")
    for t in TARGETS:
        # Added to what is there: a corpus grown by earlier runs is kept.
        os.makedirs(os.path.join(OUT, t), exist_ok=True)

    ant = [a for _, a in read_jsonl(os.path.join(DATA, "ant_multisource_news", "ant_multisource_sample.jsonl"), 30)]
    ant_lines = [l for l, _ in read_jsonl(os.path.join(DATA, "ant_multisource_news", "ant_multisource_sample.jsonl"), 15)]
    snn = read_jsonl(os.path.join(DATA, "saudinewsnet", "saudinewsnet_sample_350.jsonl"), 30)
    for _, a in snn:
        a.setdefault("text", a.get("content", ""))
        a["date"] = a.get("date_extracted", "2015-07-21 02:51:32")
    snn_docs = [a for _, a in snn]
    raw_dir = os.path.join(DATA, "ant_multisource_news", "raw_examples")
    raw_trec = [open(os.path.join(raw_dir, n), "rb").read() for n in sorted(os.listdir(raw_dir))]
    scrape_dir = os.path.join(ROOT, "crates", "marsad-readers", "tests", "fixtures", "scrape")
    scrapes = [open(os.path.join(scrape_dir, n), "rb").read() for n in sorted(os.listdir(scrape_dir)) if n.endswith(".txt")]
    html_dir = os.path.join(DATA, "news_html")
    real_pages = []
    for n in sorted(os.listdir(html_dir)):
        if n.endswith(".html"):
            page = open(os.path.join(html_dir, n), "rb").read()
            # Scripts and styles are most of a real page's bytes; keep a few, shortened.
            page = re.sub(rb"(<(script|style)[^>]*>)(.{200}).*?(</\2>)", rb"\1\3\4", page, flags=re.S | re.I)
            real_pages.append(page[:MAX])

    # jsonl: SaudiNewsNet and ANT lines, a few lines together, JSON documents.
    for l, _ in snn:
        put("jsonl", l)
    for l in ant_lines:
        put("jsonl", l)
    put("jsonl", "\n".join(l for l, _ in snn[:4]) + "\n")
    put("jsonl", json.dumps([a for _, a in snn[:3]], ensure_ascii=False, indent=1))
    put("jsonl", json.dumps({"articles": [json.loads(l) for l in ant_lines[:2]]}, ensure_ascii=False))

    # text: the scrape fixtures and ANT articles as scrapes.
    for s in scrapes:
        put("text", s)
    for a in ant[:20]:
        put("text", scrape(a))

    # trec: the raw ANT files, several DOCs in one file, ANT records written back as TREC.
    for t in raw_trec:
        put("trec", t)
    put("trec", b"".join(raw_trec[:3]))
    for a in ant[:15]:
        put("trec", trec(a))

    # html: the real pages and ANT/SaudiNewsNet articles as pages of a few shapes.
    pages = [html_page(a, i).encode() for i, a in enumerate(ant[:15] + snn_docs[:10])]
    for p in real_pages + pages:
        put("html", p)
    # A windows-1256 page declaring its charset.
    put("html", html_page(ant[0], 1).replace("charset=utf-8", "charset=windows-1256").encode("cp1256", "replace"))

    # warc: records built from the pages: single, several (with a request and a 404), gzipped per record.
    recs = [warc_record("response", a.get("url", "https://x/"), http_response(p)) for a, p in zip(ant[:15], pages[:15])]
    for r in recs[:10]:
        put("warc", r)
    req = warc_record("request", "https://www.example.com/a", b"GET /a HTTP/1.1\r\nHost: www.example.com\r\n\r\n")
    notfound = warc_record("response", "https://www.example.com/b", http_response(b"<html>not found</html>", status="404 Not Found"))
    put("warc", warcinfo() + req + recs[0] + notfound + recs[1])
    put("warc", b"".join(gz(r) for r in [warcinfo(), recs[2], recs[3]]))
    for r in recs[4:10]:
        put("warc", gz(r))
    for p in real_pages:
        put("warc", warc_record("response", "https://www.example.com/real", http_response(p)))
    put("warc", warc_record("response", "https://x/1256", http_response(html_page(ant[1], 2).encode("cp1256", "replace"), charset="windows-1256")))
    put("warc", recs[0][: len(recs[0]) // 2])  # cut short

    # feed: RSS and Atom from SaudiNewsNet and ANT.
    for i in range(0, 20, 4):
        put("feed", rss(snn_docs[i:i + 4]))
        put("feed", atom(ant[i:i + 4]))
    put("feed", rss(ant[:3]).replace('encoding="UTF-8"', 'encoding="windows-1256"').encode("cp1256", "replace"))

    # decode: article texts in the encodings Arabic news comes in.
    for i, a in enumerate(ant[:10]):
        t = cut(a["title"] + "\n" + a["text"], 1500)
        put("decode", t.encode("utf-8"))
        put("decode", t.encode("cp1256", "replace"))
        put("decode", t.encode("iso8859_6", "replace"))
        put("decode", (b"\xef\xbb\xbf" if i % 2 else b"") + t.replace("\n", "\r\n").encode("utf-8"))
        put("decode", t.encode("utf-16-le" if i % 2 else "utf-16-be"))
        put("decode", t.encode("utf-16"))

    # query: words, phrases, filters from real titles.
    queries = ["نتانياهو -غزة from:2018-05", '"وزير الخارجية" لافروف', "احتجاج OR مظاهرة", "entity:لافروف type:PER",
               "event:14 to:2015-08-15", "event:protest outlet:okaz", "speaker:لافروف", "from:2015-07 to:2015-08-15 سوريا",
               "-entity:E1a2b3c4d5e6f", "OR OR", '"unclosed', "type:ORG السعودية"]
    for q in queries:
        put("query", q)
    for a in ant[:20]:
        words = a["title"].split()
        put("query", " ".join(words[:3]) + (f' "{" ".join(words[3:5])}"' if len(words) > 4 else ""))

    # inputs and extract: every format as a file, plus gzip and zip containers for inputs.
    every = ([l.encode() for l, _ in snn[:5]] + raw_trec[:4] + scrapes[:4] + pages[:4] + real_pages[:1]
             + recs[:3] + [rss(snn_docs[:3]).encode(), atom(ant[:3]).encode(),
                           json.dumps([a for _, a in snn[:2]], ensure_ascii=False).encode(),
                           ("\n".join(l for l, _ in snn[:3]) + "\n").encode(),
                           cut(ant[0]["text"], 1500).encode("cp1256", "replace"),
                           cut(ant[1]["text"], 1500).encode("utf-16")])
    for e in every:
        put("extract", e)
        put("inputs", e)
    put("inputs", gz(("\n".join(l for l, _ in snn[:3]) + "\n").encode()))
    put("inputs", b"".join(gz(r) for r in recs[:3]))
    put("inputs", zip_of([("a.txt", scrapes[0][:4000]), ("b.jsonl", snn[0][0].encode()), ("c/d.html", pages[0])]))
    put("extract", b"".join(gz(r) for r in recs[:2]))

    # Handcrafted seeds, committed under fuzz/seeds/<target>/.
    for t in TARGETS:
        d = os.path.join(HERE, "seeds", t)
        if os.path.isdir(d):
            for n in sorted(os.listdir(d)):
                put(t, open(os.path.join(d, n), "rb").read(), "seed-" + n)
    print("seed: " + ", ".join(f"{t} {counts[t]}" for t in TARGETS))


if __name__ == "__main__":
    main()
