//! Learns word clusters for the NER tagger from the unlabeled news corpora and writes
//! `crates/marsad-ner/data/clusters.tsv` and `CLUSTERS.md`.
//!
//! ```text
//! marsad-embed-build [--data DIR] [--out DIR] [--threads N] [options]   build the cluster file
//! marsad-embed-build --eval [--data DIR] [options]                       compare settings
//! ```
//!
//! Method: skip-gram word2vec with negative sampling over [`marsad_text::key::base_key`]
//! tokens (see [`corpus`]), then spherical k-means++ on the unit vectors at several
//! granularities. Inputs: `saudinewsnet/dataset/*.zip` and
//! `ant_multisource_news/ant_multisource_sample.jsonl` under `--data` (default
//! `$MARSAD_DATA`, else `../shared/data` from the workspace root). No NER-annotated
//! text (ANERcorp, NewsFANE, AQMAR, Wojood) is read. The output depends only on the
//! inputs and the options: files are read in sorted order, training is single-threaded
//! with a fixed seed, and k-means is deterministic whatever the thread count.

mod corpus;
mod kmeans;
mod rng;
mod w2v;

use corpus::{Corpus, Res, NUM};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;
use w2v::W2vParams;

const PROBES: &[&str] = &[
    "الرياض",
    "القاهرة",
    "محمد",
    "نتنياهو",
    "ترامب",
    "الحكومة",
    "الوزارة",
    "وزير",
    "قال",
    "يناير",
    "السعودية",
    "إيران",
    "شركة",
    "الأمم",
    "بوتين",
    "أوباما",
    "الهلال",
];

struct Args {
    data: PathBuf,
    out: PathBuf,
    w2v: W2vParams,
    min_count: u64,
    max_words: usize,
    ks: Vec<usize>,
    kmeans_iter: usize,
    kmeans_seed: u64,
    threads: usize,
    eval: bool,
    eval_windows: Vec<usize>,
    /// Also write the word vectors here (`MVEC` format, see [`write_vectors`]).
    vectors: Option<PathBuf>,
}

const USAGE: &str = "usage: marsad-embed-build [--eval [--eval-windows 2,3,5]] [--data DIR] [--out DIR] [--threads N]
  [--dim 100] [--window 2] [--negative 5] [--epochs 5] [--alpha 0.025] [--sample 1e-3]
  [--seed 1] [--min-count 5] [--max-words 100000] [--ks 64,256,1024] [--kmeans-iter 50]
  [--kmeans-seed 1] [--vectors FILE]";

fn parse_args() -> Res<Args> {
    let root = marsad_testdata::workspace_root();
    let mut a = Args {
        data: std::env::var_os("MARSAD_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/data")),
        out: root.join("crates/marsad-ner/data"),
        w2v: W2vParams::default(),
        min_count: 5,
        max_words: 100_000,
        ks: vec![64, 256, 1024],
        kmeans_iter: 50,
        kmeans_seed: 1,
        threads: 0,
        eval: false,
        eval_windows: vec![2, 3, 5],
        vectors: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{x} needs a value"));
        match x.as_str() {
            "--data" => a.data = val()?.into(),
            "--out" => a.out = val()?.into(),
            "--dim" => a.w2v.dim = val()?.parse()?,
            "--window" => a.w2v.window = val()?.parse()?,
            "--negative" => a.w2v.negative = val()?.parse()?,
            "--epochs" => a.w2v.epochs = val()?.parse()?,
            "--alpha" => a.w2v.alpha = val()?.parse()?,
            "--sample" => a.w2v.sample = val()?.parse()?,
            "--seed" => a.w2v.seed = val()?.parse()?,
            "--min-count" => a.min_count = val()?.parse()?,
            "--max-words" => a.max_words = val()?.parse()?,
            "--ks" => {
                a.ks = val()?
                    .split(',')
                    .map(|k| k.trim().parse())
                    .collect::<Result<_, _>>()?
            }
            "--kmeans-iter" => a.kmeans_iter = val()?.parse()?,
            "--kmeans-seed" => a.kmeans_seed = val()?.parse()?,
            "--threads" => a.threads = val()?.parse()?,
            "--eval" => a.eval = true,
            "--vectors" => a.vectors = Some(val()?.into()),
            "--eval-windows" => {
                a.eval_windows = val()?
                    .split(',')
                    .map(|k| k.trim().parse())
                    .collect::<Result<_, _>>()?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {x}\n{USAGE}").into()),
        }
    }
    if a.w2v.window == 0 || a.w2v.dim == 0 || a.ks.is_empty() {
        return Err("--window, --dim and --ks must be positive".into());
    }
    Ok(a)
}

fn main() -> Res<()> {
    let args = parse_args()?;
    if args.threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global()?;
    }
    let t0 = Instant::now();
    let texts = corpus::read_texts(&args.data)?;
    eprintln!(
        "read {} texts ({} SaudiNewsNet + {} ANT articles) in {:.1}s",
        texts.texts.len(),
        texts.saudinewsnet_articles,
        texts.ant_articles,
        t0.elapsed().as_secs_f64()
    );
    let c = corpus::build_corpus(&texts.texts, args.min_count, args.max_words);
    eprintln!(
        "{} tokens, {} distinct keys; vocabulary {} (min count {}, cap {}) covering {} tokens in {} sentences; {:.1}s",
        c.raw_tokens,
        c.raw_types,
        c.vocab.len(),
        args.min_count,
        args.max_words,
        c.tokens.len(),
        c.sentence_ends.len(),
        t0.elapsed().as_secs_f64()
    );
    if args.eval {
        return eval(&args, &c);
    }
    let (vectors, clusters) = learn(&args, &args.w2v, &c);
    let probes = probe_report(&c, &clusters, &vectors, args.w2v.dim);
    print!("{probes}");
    write_outputs(&args, &texts, &c, &clusters, &probes)?;
    if let Some(path) = &args.vectors {
        write_vectors(path, &c, &vectors, args.w2v.dim)?;
    }
    eprintln!("done in {:.1}s", t0.elapsed().as_secs_f64());
    Ok(())
}

/// Writes the unit word vectors of the output keys, quantized to i8 (× 127; unit
/// vectors need no per-row scale): `MVEC`, u32 dim, u32 count, then per word
/// (sorted by key bytes) u8 key length, key bytes, `dim` i8 values. The neural
/// tagger reads this format (`marsad_ner::vectors`).
fn write_vectors(path: &Path, c: &Corpus, vectors: &[f32], dim: usize) -> Res<()> {
    let mut rows: Vec<usize> = (0..c.vocab.len())
        .filter(|&i| is_output_key(&c.vocab[i]) && c.vocab[i].len() < 256)
        .collect();
    rows.sort_by(|&a, &b| c.vocab[a].as_bytes().cmp(c.vocab[b].as_bytes()));
    let mut out = b"MVEC".to_vec();
    out.extend_from_slice(&(dim as u32).to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for &i in &rows {
        out.push(c.vocab[i].len() as u8);
        out.extend_from_slice(c.vocab[i].as_bytes());
        out.extend(
            vectors[i * dim..(i + 1) * dim]
                .iter()
                .map(|v| (v * 127.0).round().clamp(-127.0, 127.0) as i8 as u8),
        );
    }
    std::fs::write(path, &out)?;
    eprintln!(
        "wrote {} ({} words, {} bytes)",
        path.display(),
        rows.len(),
        out.len()
    );
    Ok(())
}

/// Trains the vectors (normalized) and clusters them at every `k`.
fn learn(args: &Args, p: &W2vParams, c: &Corpus) -> (Vec<f32>, Vec<Vec<u32>>) {
    let t = Instant::now();
    let mut vectors = w2v::train(&c.tokens, &c.sentence_ends, &c.counts, p, |f, alpha| {
        eprint!(
            "\rword2vec {:5.1}%  alpha {alpha:.5}  {:.0}s   ",
            f * 100.0,
            t.elapsed().as_secs_f64()
        )
    });
    eprintln!();
    w2v::normalize_rows(&mut vectors, p.dim);
    let clusters = args
        .ks
        .iter()
        .map(|&k| {
            let t = Instant::now();
            let a = kmeans::kmeans(&vectors, p.dim, k, args.kmeans_iter, args.kmeans_seed);
            eprintln!("k-means k={k}: {:.1}s", t.elapsed().as_secs_f64());
            a
        })
        .collect();
    (vectors, clusters)
}

fn params_line(args: &Args, c: &Corpus) -> String {
    let p = &args.w2v;
    format!(
        "skip-gram word2vec (negative sampling) dim={} window={} negative={} epochs={} alpha={} sample={} seed={}; spherical k-means++ k={} max_iter={} seed={}; keys=marsad_text::key::base_key, numbers={NUM}; min_count={} max_words={}; corpus=SaudiNewsNet+ANT-sample tokens={} vocabulary={}",
        p.dim,
        p.window,
        p.negative,
        p.epochs,
        p.alpha,
        p.sample,
        p.seed,
        args.ks.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(","),
        args.kmeans_iter,
        args.kmeans_seed,
        args.min_count,
        args.max_words,
        c.raw_tokens,
        c.vocab.len()
    )
}

/// Keys worth a line in the file: words and the number token, not bare punctuation.
fn is_output_key(k: &str) -> bool {
    k == NUM || k.chars().any(char::is_alphanumeric)
}

fn write_outputs(
    args: &Args,
    texts: &corpus::Texts,
    c: &Corpus,
    clusters: &[Vec<u32>],
    probes: &str,
) -> Res<()> {
    std::fs::create_dir_all(&args.out)?;
    let mut rows: Vec<usize> = (0..c.vocab.len())
        .filter(|&i| is_output_key(&c.vocab[i]))
        .collect();
    rows.sort_by(|&a, &b| c.vocab[a].as_bytes().cmp(c.vocab[b].as_bytes()));
    let cols: Vec<String> = args.ks.iter().map(|k| format!("c{k}")).collect();
    let mut tsv = format!(
        "# marsad clusters v1 {}; columns: key {}\n",
        params_line(args, c),
        cols.join(" ")
    );
    for &i in &rows {
        tsv.push_str(&c.vocab[i]);
        for a in clusters {
            write!(tsv, "\t{}", a[i])?;
        }
        tsv.push('\n');
    }
    let path = args.out.join("clusters.tsv");
    std::fs::write(&path, &tsv)?;
    eprintln!(
        "wrote {} ({} words, {} bytes)",
        path.display(),
        rows.len(),
        tsv.len()
    );

    let p = &args.w2v;
    let md = format!(
        r#"# Word clusters (`clusters.tsv`)

Word clusters learned in this repository from unlabeled Arabic news, used as
features by the CRF named-entity tagger (cluster ids of the current and
neighbouring words at several granularities — the classic large gain for CRF
NER, cf. Turian et al. 2010, Guo et al. 2014). **Derived data** — generated by
`crates/marsad-embed-build`; do not edit by hand.

## Format

Line 1 is a comment `# marsad clusters v1 <method and parameters>` (no tab in
it); then one line per word, sorted by the key's UTF-8 bytes:

```text
key<TAB>c{ks0}<TAB>…   (columns: key, {cols})
```

- `key` is `marsad_text::key::base_key(word)`: search-normalized (alef forms → ا,
  ى → ي, ة → ه, hamza seats folded, diacritics removed, Latin lower-cased),
  proclitics and the pronoun enclitic removed, the article kept
  (`والإمارات` → `الامارات`, `لنتنياهو` → `نتنياهو`). Look words up with the same
  function. Every number is the single key `{NUM}`; punctuation was part of the
  training text but has no line.
- `c<k>` is the word's cluster among `k` clusters (decimal, `0..k`); clusters are
  numbered by their most frequent member (cluster 0 holds the most frequent word).
  The granularities are independent clusterings, not a hierarchy.
- {words} words: every key seen at least {min_count} times (capped at the
  {max_words} most frequent).

## Method

1. Text: titles and bodies of all {snn} SaudiNewsNet articles and the {ant}
   articles of the ANT multi-source sample; `marsad_text::tokenize` +
   `split_sentences` (a sentence never spans a line break; a title is its own
   sentence). {tokens} tokens, {types} distinct keys. No NER-annotated text
   (ANERcorp, NewsFANE, AQMAR, Wojood) is used.
2. Skip-gram word2vec with negative sampling, as in the reference `word2vec.c`:
   dim {dim}, window {window} (randomly shrunk), {neg} noise words, {epochs} epochs,
   learning rate {alpha} decaying linearly, subsampling {sample}, seed {seed}; one
   thread, so the vectors are bit-identical from run to run.
3. Vectors scaled to unit length; spherical k-means (cosine) with k-means++
   seeding (seed {kseed}, at most {kiter} Lloyd iterations, stop when < 0.1 % of
   the words change cluster) for k = {cols_k}. Deterministic for any thread count.

Why word2vec + k-means rather than Brown clustering: both give comparable CRF NER
gains in the literature (Guo et al. 2014 find k-means over skip-gram vectors at
least as good as Brown), and the exchange algorithm for Brown clusters with ~1000
classes costs O(V·C²) ≈ 10¹¹ steps here, hours on this machine, while this whole
build takes about 5 minutes on one core. The settings were chosen by a quick
measurement (`--eval`): how well the vectors and clusters keep gazetteer words of
one type together (1,187 country/city names, given names, nationality adjectives
and month names from `gazetteers/`, none of them NER training text). A narrow
window (2) beats the usual 5 for these type-like neighbourhoods (10-NN same type
0.764 vs 0.726, c256 purity 0.83–0.86 vs 0.81) and is twice as fast; subsampling
1e-3 beats 1e-4 and dim 200 does not beat 100. Full table in
`crates/marsad-embed-build/README.md`.

## Rebuild

```sh
cargo build --release -p marsad-embed-build
MARSAD_DATA=/path/to/shared/data target/release/marsad-embed-build
```

(defaults: `--dim {dim} --window {window} --negative {neg} --epochs {epochs} --sample {sample}
--seed {seed} --min-count {min_count} --max-words {max_words} --ks {cols_k} --kmeans-iter {kiter}
--kmeans-seed {kseed}`; `--out` defaults to this folder). Same data and options →
byte-identical `clusters.tsv` and `CLUSTERS.md`.

## Sources and licences

- **SaudiNewsNet** (M. Alhagri, 2015; `github.com/parallelfold/SaudiNewsNet`):
  31,030 articles from 14 Saudi newspapers, July–August 2015. Licence
  **CC BY-NC-SA 4.0** (attribution, non-commercial, share-alike); article
  copyright stays with the newspapers. As a derivative, `clusters.tsv` is
  distributed under the same CC BY-NC-SA 4.0 terms: fine for research and
  non-commercial use; a commercial build should retrain on licensed text.
- **ANT corpus v2.1, multi-source** (A. Chouigui, O. Ben Khiroun, B. Elayeb):
  Arabic news from Al Arabiya, BBC Arabic, CNN Arabic, France24 Arabic and Sky
  News Arabia, 2018; the repository's deterministic 3,774-article sample.
  Citation licence: cite Chouigui, Ben Khiroun & Elayeb, "An Arabic
  Multi-source News Corpus: Experimenting on Single-document Extractive
  Summarization", Arabian Journal for Science and Engineering 46(8), 2021,
  doi:10.1007/s13369-020-05258-z (upstream: `github.com/antcorpus/antcorpus.multisource.data`);
  research use; article text belongs to the outlets.

## Sanity check: probe words and their 256-cluster

For each probe word: its key, count, cluster ids, the size of its `c256`
cluster and the cluster's most frequent other members; then the nearest
neighbours by cosine.

```text
{probes}```
"#,
        ks0 = args.ks[0],
        cols = cols.join(", "),
        cols_k = args
            .ks
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(","),
        words = rows.len(),
        min_count = args.min_count,
        max_words = args.max_words,
        snn = texts.saudinewsnet_articles,
        ant = texts.ant_articles,
        tokens = c.raw_tokens,
        types = c.raw_types,
        dim = p.dim,
        window = p.window,
        neg = p.negative,
        epochs = p.epochs,
        alpha = p.alpha,
        sample = p.sample,
        seed = p.seed,
        kseed = args.kmeans_seed,
        kiter = args.kmeans_iter,
    );
    let path = args.out.join("CLUSTERS.md");
    std::fs::write(&path, md)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The probe words' clusters (middle granularity) and nearest neighbours.
fn probe_report(c: &Corpus, clusters: &[Vec<u32>], vectors: &[f32], dim: usize) -> String {
    let index: HashMap<&str, usize> = c
        .vocab
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mid = &clusters[clusters.len() / 2];
    let mut out = String::new();
    for probe in PROBES {
        let key = marsad_text::key::base_key(probe);
        let Some(&i) = index.get(key.as_str()) else {
            let _ = writeln!(out, "{probe} ({key}): not in the vocabulary\n");
            continue;
        };
        let ids: Vec<String> = clusters.iter().map(|a| a[i].to_string()).collect();
        // vocab is sorted by frequency, so members come out most frequent first.
        let members: Vec<usize> = (0..c.vocab.len()).filter(|&j| mid[j] == mid[i]).collect();
        let others: Vec<&str> = members
            .iter()
            .filter(|&&j| j != i && is_output_key(&c.vocab[j]))
            .take(15)
            .map(|&j| c.vocab[j].as_str())
            .collect();
        let v = &vectors[i * dim..(i + 1) * dim];
        let mut sims: Vec<(f32, usize)> = (0..c.vocab.len())
            .filter(|&j| j != i && is_output_key(&c.vocab[j]))
            .map(|j| (w2v::dot(v, &vectors[j * dim..(j + 1) * dim]), j))
            .collect();
        sims.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let nn: Vec<&str> = sims
            .iter()
            .take(10)
            .map(|&(_, j)| c.vocab[j].as_str())
            .collect();
        let _ = writeln!(
            out,
            "{probe} ({key}) count {} clusters {} — c256 cluster of {} words:\n  {}\n  nearest: {}\n",
            c.counts[i],
            ids.join("/"),
            members.len(),
            others.join(" "),
            nn.join(" ")
        );
    }
    out
}

/// Typed word lists from the gazetteers (keys), for `--eval` only.
fn typed_words(data: &Path) -> Res<HashMap<String, &'static str>> {
    let g = data.join("gazetteers");
    let mut typed: Vec<(String, &'static str)> = Vec::new();
    let single = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && !s.contains(char::is_whitespace)).then(|| s.to_string())
    };
    let countries: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(g.join("country_names_cldr/country.ar.json"))?,
    )?;
    for v in countries.values().filter_map(|v| v.as_str()) {
        typed.extend(single(v).map(|s| (s, "LOC")));
    }
    let cities = std::fs::read_to_string(g.join("world_cities_ar/world-cities.jsonl"))?;
    for line in cities.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        if let Some(n) = v.get("CityNameAr").and_then(|x| x.as_str()) {
            typed.extend(single(n).map(|s| (s, "LOC")));
        }
    }
    let people: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(g.join("arwikicats/peoples.json"))?)?;
    let skip = [
        "عبد", "أبو", "ابو", "ابن", "بن", "آل", "ال", "دي", "فون", "سان",
    ];
    for v in people.values().filter_map(|v| v.as_str()) {
        let words: Vec<&str> = v.split_whitespace().collect();
        if words.len() >= 2 && !skip.contains(&words[0]) {
            typed.push((words[0].to_string(), "PER"));
        }
    }
    let nats: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(g.join("arwikicats/nationalities_data.json"))?,
    )?;
    for v in nats.values() {
        for f in ["male", "the_male"] {
            if let Some(s) = v.get(f).and_then(|x| x.as_str()) {
                typed.extend(single(s).map(|s| (s, "NAT")));
            }
        }
    }
    for m in [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "إبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "كانون",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين",
        "محرم",
        "صفر",
        "ربيع",
        "جمادى",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "القعدة",
        "الحجة",
    ] {
        typed.push((m.to_string(), "MONTH"));
    }
    let mut out: HashMap<String, &'static str> = HashMap::new();
    let mut clash: HashSet<String> = HashSet::new();
    for (w, t) in typed {
        let k = marsad_text::key::base_key(&w);
        match out.get(&k) {
            Some(&old) if old != t => {
                clash.insert(k);
            }
            _ => {
                out.insert(k, t);
            }
        }
    }
    for k in clash {
        out.remove(&k);
    }
    Ok(out)
}

/// Trains with a few settings and reports the type coherence of the vectors and
/// clusters on gazetteer words.
fn eval(args: &Args, c: &Corpus) -> Res<()> {
    let typed = typed_words(&args.data)?;
    let mut labeled: Vec<(usize, &str)> = c
        .vocab
        .iter()
        .enumerate()
        .filter(|&(i, _)| c.counts[i] >= 20)
        .filter_map(|(i, k)| typed.get(k.as_str()).map(|&t| (i, t)))
        .collect();
    labeled.sort();
    let mut per_type: HashMap<&str, usize> = HashMap::new();
    for (_, t) in &labeled {
        *per_type.entry(t).or_default() += 1;
    }
    let mut pt: Vec<_> = per_type.into_iter().collect();
    pt.sort();
    eprintln!("labeled words (count >= 20): {} {pt:?}", labeled.len());
    let base = &args.w2v;
    let settings: Vec<W2vParams> = args
        .eval_windows
        .iter()
        .map(|&w| W2vParams {
            window: w,
            ..base.clone()
        })
        .collect();
    println!("setting\tknn10_same_type\tpurity_c64\tpurity_c256\tpurity_c1024\tseconds");
    for p in &settings {
        let t = Instant::now();
        let (vectors, clusters) = learn(args, p, c);
        let secs = t.elapsed().as_secs_f64();
        let dim = p.dim;
        let knn: f64 = labeled
            .iter()
            .map(|&(i, ti)| {
                let v = &vectors[i * dim..(i + 1) * dim];
                let mut s: Vec<(f32, &str)> = labeled
                    .iter()
                    .filter(|&&(j, _)| j != i)
                    .map(|&(j, tj)| (w2v::dot(v, &vectors[j * dim..(j + 1) * dim]), tj))
                    .collect();
                s.sort_by(|a, b| b.0.total_cmp(&a.0));
                s.iter().take(10).filter(|x| x.1 == ti).count() as f64 / 10.0
            })
            .sum::<f64>()
            / labeled.len() as f64;
        let purity = |a: &Vec<u32>| {
            let mut m: HashMap<(u32, &str), usize> = HashMap::new();
            for &(i, t) in &labeled {
                *m.entry((a[i], t)).or_default() += 1;
            }
            let mut best: HashMap<u32, usize> = HashMap::new();
            for ((cl, _), n) in m {
                let b = best.entry(cl).or_default();
                *b = (*b).max(n);
            }
            best.values().sum::<usize>() as f64 / labeled.len() as f64
        };
        let pur: Vec<String> = clusters
            .iter()
            .map(|a| format!("{:.3}", purity(a)))
            .collect();
        println!(
            "dim={} window={} epochs={} sample={}\t{knn:.3}\t{}\t{secs:.0}",
            p.dim,
            p.window,
            p.epochs,
            p.sample,
            pur.join("\t")
        );
    }
    Ok(())
}
