//! dedup-bench: near-duplicate stories over a JSON Lines file of articles.
//!
//! usage: dedup-bench [--input FILE] [--k N] [--bands N] [--rows N] [--threshold X]
//!                    [--min-shingles N] [--seed N]
//!                    [--sample-grouped N] [--sample-overlap N] [--pairs-out FILE]
//!
//! Each line is a JSON object; the text is `content` (else `text`, else `title`),
//! the publication time `published` (else `date`, else `date_extracted`), the id
//! the 0-based line number. Prints one JSON object with the counts and timings.
//!
//! `--sample-grouped N` draws N random pairs of articles that the detector put in
//! the same story; `--sample-overlap N` draws N random pairs found *without* LSH:
//! pairs that share 8-word shingles covering at least half of the shorter article
//! (`overlap >= 0.5`), with whether the detector grouped them. Both go to
//! `--pairs-out` (JSON Lines, with the beginning of both texts) for checking by hand.

use anyhow::{bail, Context, Result};
use marsad_dedup::*;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::time::Instant;

struct Args {
    input: String,
    cfg: Config,
    sample_grouped: usize,
    sample_overlap: usize,
    pairs_out: Option<String>,
    sample_seed: u64,
}

fn parse_args() -> Result<Args> {
    let mut a = Args {
        input: "bench/out/saudinewsnet.jsonl".into(),
        cfg: Config::default(),
        sample_grouped: 0,
        sample_overlap: 0,
        pairs_out: None,
        sample_seed: 7,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--input" => a.input = val()?,
            "--k" => a.cfg.shingle_words = val()?.parse()?,
            "--bands" => a.cfg.bands = val()?.parse()?,
            "--rows" => a.cfg.rows = val()?.parse()?,
            "--threshold" => a.cfg.threshold = val()?.parse()?,
            "--min-shingles" => a.cfg.min_shingles = val()?.parse()?,
            "--seed" => a.cfg.seed = val()?.parse()?,
            "--sample-seed" => a.sample_seed = val()?.parse()?,
            "--sample-grouped" => a.sample_grouped = val()?.parse()?,
            "--sample-overlap" => a.sample_overlap = val()?.parse()?,
            "--pairs-out" => a.pairs_out = Some(val()?),
            "-h" | "--help" => {
                println!("see the module docs at the top of src/bin/dedup-bench.rs");
                std::process::exit(0);
            }
            _ => bail!("unknown argument {flag}"),
        }
    }
    Ok(a)
}

struct Article {
    source: String,
    published: Option<String>,
    title: String,
    text: String,
}

fn field(v: &serde_json::Value, names: &[&str]) -> Option<String> {
    names
        .iter()
        .filter_map(|n| v.get(*n).and_then(|x| x.as_str()))
        .find(|s| !s.trim().is_empty())
        .map(str::to_string)
}

fn read(path: &str) -> Result<Vec<Article>> {
    let f = std::fs::File::open(path).with_context(|| path.to_string())?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        out.push(Article {
            source: field(&v, &["source", "outlet"]).unwrap_or_default(),
            published: field(&v, &["published", "date", "date_extracted"])
                .map(|d| d.replacen(' ', "T", 1)),
            title: field(&v, &["title"]).unwrap_or_default(),
            text: field(&v, &["content", "text", "title"]).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// splitmix64
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// `n` distinct indices below `len`, in draw order.
    fn sample(&mut self, len: usize, n: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..len).collect();
        let n = n.min(len);
        for i in 0..n {
            let j = i + self.below(len - i);
            idx.swap(i, j);
        }
        idx.truncate(n);
        idx
    }
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect::<String>().replace('\n', " ")
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let cfg = &args.cfg;
    let arts = read(&args.input)?;
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();

    let t0 = Instant::now();
    let sigs = signatures(&texts, cfg);
    let sig_s = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    let mut index = StoryIndex::new(cfg);
    let mut verified = 0usize;
    for sig in sigs {
        verified += index.add(sig).matches.len();
    }
    let groups = index.groups();
    let ids: Vec<String> = (0..arts.len()).map(|i| i.to_string()).collect();
    let docs: Vec<Doc> = arts
        .iter()
        .zip(&ids)
        .map(|(a, id)| Doc {
            id,
            text: &a.text,
            published: a.published.as_deref(),
        })
        .collect();
    let multi: Vec<&Vec<usize>> = groups.iter().filter(|g| g.len() > 1).collect();
    let canon: Vec<usize> = multi.iter().map(|g| canonical_of(&docs, g)).collect();
    let group_s = t1.elapsed().as_secs_f64();

    let in_multi: usize = multi.iter().map(|g| g.len()).sum();
    let largest = multi.iter().map(|g| g.len()).max().unwrap_or(1);
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for g in &multi {
        *sizes.entry(g.len()).or_default() += 1;
    }
    let mut sizes: Vec<(usize, usize)> = sizes.into_iter().collect();
    sizes.sort();
    let cross_source = multi
        .iter()
        .filter(|g| g.iter().any(|&d| arts[d].source != arts[g[0]].source))
        .count();

    let mut pairs_out: Vec<serde_json::Value> = Vec::new();
    let mut overlap_summary = serde_json::Value::Null;
    let story_of: Vec<usize> = (0..arts.len()).map(|d| index.story_of(d)).collect();
    let k = cfg.shingle_words;
    let need_shingles = args.sample_grouped > 0 || args.sample_overlap > 0;
    let sh: Vec<Vec<u64>> = if need_shingles {
        use rayon::prelude::*;
        texts.par_iter().map(|t| shingles(t, k)).collect()
    } else {
        Vec::new()
    };
    let pair_json = |kind: &str, a: usize, b: usize, extra: serde_json::Value| {
        let mut v = serde_json::json!({
            "kind": kind,
            "id_a": a, "id_b": b,
            "jaccard": (jaccard(&sh[a], &sh[b]) * 1000.0).round() / 1000.0,
            "estimated": index.lsh().signature(a).similarity(index.lsh().signature(b)),
            "grouped": story_of[a] == story_of[b],
            "a": {"source": arts[a].source, "date": arts[a].published, "title": arts[a].title, "words": arts[a].text.split_whitespace().count(), "text": head(&arts[a].text, 500)},
            "b": {"source": arts[b].source, "date": arts[b].published, "title": arts[b].title, "words": arts[b].text.split_whitespace().count(), "text": head(&arts[b].text, 500)},
        });
        if let (Some(o), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    };
    if args.sample_grouped > 0 {
        // uniform over all pairs of articles in the same story
        let mut all: Vec<(usize, usize)> = Vec::new();
        for g in &multi {
            for (i, &a) in g.iter().enumerate() {
                for &b in &g[i + 1..] {
                    all.push((a, b));
                }
            }
        }
        let mut rng = Rng(args.sample_seed);
        for i in rng.sample(all.len(), args.sample_grouped) {
            let (a, b) = all[i];
            pairs_out.push(pair_json("grouped", a, b, serde_json::json!({})));
        }
    }
    if args.sample_overlap > 0 {
        // Independent of LSH: 8-word shingles, inverted index, pairs sharing many of them.
        use rayon::prelude::*;
        let long: Vec<Vec<u64>> = texts
            .par_iter()
            .map(|t| shingles_of_words(&word_hashes(t), 8))
            .collect();
        let mut post: HashMap<u64, Vec<u32>> = HashMap::new();
        for (d, s) in long.iter().enumerate() {
            if s.len() < cfg.min_shingles {
                continue;
            }
            for &h in s {
                post.entry(h).or_default().push(d as u32);
            }
        }
        let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
        for docs in post.values() {
            if docs.len() < 2 || docs.len() > 50 {
                continue; // boilerplate shared by many articles
            }
            for (i, &a) in docs.iter().enumerate() {
                for &b in &docs[i + 1..] {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut high: Vec<(usize, usize, f64)> = shared
            .into_iter()
            .filter_map(|((a, b), n)| {
                let (a, b) = (a as usize, b as usize);
                let o = n as f64 / long[a].len().min(long[b].len()) as f64;
                (o >= 0.5).then_some((a, b, o))
            })
            .collect();
        high.sort_by_key(|x| (x.0, x.1));
        let grouped = high
            .iter()
            .filter(|&&(a, b, _)| story_of[a] == story_of[b])
            .count();
        overlap_summary = serde_json::json!({
            "pairs_overlap8_ge_0.5": high.len(),
            "of_them_grouped": grouped,
        });
        let mut rng = Rng(args.sample_seed ^ 0x5555);
        for i in rng.sample(high.len(), args.sample_overlap) {
            let (a, b, o) = high[i];
            pairs_out.push(pair_json(
                "overlap",
                a,
                b,
                serde_json::json!({"overlap8": (o * 1000.0).round() / 1000.0}),
            ));
        }
    }
    if let Some(p) = &args.pairs_out {
        let mut f = std::io::BufWriter::new(std::fs::File::create(p)?);
        for v in &pairs_out {
            writeln!(f, "{v}")?;
        }
    }

    let largest_story = multi
        .iter()
        .zip(&canon)
        .max_by_key(|(g, _)| g.len())
        .map(|(_, &c)| head(&arts[c].title, 80));
    let total = sig_s + group_s;
    let report = serde_json::json!({
        "input": args.input,
        "config": cfg,
        "lsh_midpoint": cfg.lsh_midpoint(),
        "threads": rayon::current_num_threads(),
        "articles": arts.len(),
        "stories_gt1": multi.len(),
        "articles_in_stories_gt1": in_multi,
        "cross_source_stories": cross_source,
        "largest_story": largest,
        "largest_story_canonical_title": largest_story,
        "story_sizes": sizes,
        "verified_pairs": verified,
        "signature_seconds": sig_s,
        "lsh_group_seconds": group_s,
        "articles_per_s": arts.len() as f64 / total,
        "overlap_check": overlap_summary,
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
