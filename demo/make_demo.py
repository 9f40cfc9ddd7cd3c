"""Build demo/saudinewsnet-demo.jsonl.gz: a small, deterministic, redistributable
sample of SaudiNewsNet (CC BY-NC-SA 4.0) spread over all 18 days and 14 outlets.
Usage: python3 demo/make_demo.py [$MARSAD_DATA]"""
import gzip, hashlib, json, os, sys, zipfile

data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MARSAD_DATA", "../shared/data")
ds = os.path.join(data, "saudinewsnet", "dataset")
PER_DAY = 24
out = []
for name in sorted(os.listdir(ds)):
    if not name.endswith(".zip"):
        continue
    with zipfile.ZipFile(os.path.join(ds, name)) as z:
        arts = json.loads(z.read(z.namelist()[0]).decode("utf-8"))
    ok = [a for a in arts if a.get("title") and len(a.get("content", "").split()) > 80]
    ok.sort(key=lambda a: hashlib.sha1(a["url"].encode()).hexdigest())
    # Round-robin over outlets so every newspaper is represented.
    by_src = {}
    for a in ok:
        by_src.setdefault(a["source"], []).append(a)
    picked, i = [], 0
    while len(picked) < PER_DAY and any(by_src.values()):
        for s in sorted(by_src):
            if by_src[s] and len(picked) < PER_DAY:
                picked.append(by_src[s].pop(0))
    out.extend(picked)
with gzip.GzipFile("demo/saudinewsnet-demo.jsonl.gz", "wb", mtime=0) as f:
    for a in out:
        f.write((json.dumps(a, ensure_ascii=False) + "\n").encode("utf-8"))
print(len(out), "articles")
