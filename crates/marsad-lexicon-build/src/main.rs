//! Builds `crates/marsad-text/data/clitic_lexicon.bin` and `clitic_names.txt` for the
//! clitic splitter, and measures the splitter.
//!
//! ```text
//! marsad-lexicon-build [--data DIR] [--out DIR] [--min-freq N]   build the data files
//! marsad-lexicon-build --bench [--data DIR]                        speed + split statistics
//! marsad-lexicon-build --show WORD...                              print analyses
//! ```
//!
//! Inputs (under `--data`, default `$MARSAD_DATA` or `../shared/data` from the workspace
//! root): `saudinewsnet/dataset/*.zip` (field `content`), `ant_multisource_news/
//! ant_multisource_sample.jsonl` (field `text`), and the gazetteers. The output depends
//! only on the inputs: files are read in sorted order and every list is sorted.

use marsad_text::clitic::lexicon::{codes_of, encode_lexicon, for_each_word, string_of};
use marsad_text::clitic::{rules, CliticSplitter};
use std::collections::{BTreeSet, HashMap};
use std::error::Error;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Res<T> = Result<T, Box<dyn Error>>;

struct Args {
    data: PathBuf,
    out: PathBuf,
    min_freq: u64,
    bench: bool,
    show: Vec<String>,
}

fn parse_args() -> Res<Args> {
    let root = marsad_testdata::workspace_root();
    let mut a = Args {
        data: std::env::var_os("MARSAD_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/data")),
        out: root.join("crates/marsad-text/data"),
        min_freq: 3,
        bench: false,
        show: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--data" => a.data = it.next().ok_or("--data needs a value")?.into(),
            "--out" => a.out = it.next().ok_or("--out needs a value")?.into(),
            "--min-freq" => a.min_freq = it.next().ok_or("--min-freq needs a value")?.parse()?,
            "--bench" => a.bench = true,
            "--show" => a.show.extend(it.by_ref()),
            "-h" | "--help" => {
                println!("usage: marsad-lexicon-build [--data DIR] [--out DIR] [--min-freq N] | --bench | --show WORD...");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {x}").into()),
        }
    }
    Ok(a)
}

fn main() -> Res<()> {
    let args = parse_args()?;
    if !args.show.is_empty() {
        show(&args.show);
        return Ok(());
    }
    if args.bench {
        return bench(&args.data);
    }
    build(&args)
}

fn show(words: &[String]) {
    let s = CliticSplitter::global();
    for w in words {
        let x = s.split(w);
        println!(
            "{w}\t{}\tfreq={}\tprotected={}",
            x.segments().join("+"),
            s.frequency(w),
            s.is_protected(w)
        );
    }
}

/// Calls `f` with the body of every article, in a fixed order.
fn for_each_article(data: &Path, mut f: impl FnMut(&str)) -> Res<()> {
    marsad_testdata::for_each_news_record(data, |source, v| {
        if let Some(t) = v
            .get(marsad_testdata::news_body(source))
            .and_then(|c| c.as_str())
        {
            f(t);
        }
    })
}

fn count_words(data: &Path) -> Res<(HashMap<Vec<u8>, u64>, u64)> {
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut tokens = 0u64;
    for_each_article(data, |text| {
        for_each_word(text, |w| {
            tokens += 1;
            match counts.get_mut(w) {
                Some(c) => *c += 1,
                None => {
                    counts.insert(w.to_vec(), 1);
                }
            }
        })
    })?;
    Ok((counts, tokens))
}

/// Names from the gazetteers as `(name, curated)`; curated sources are small lists of
/// countries, cities and ANERcorp names, the rest are the large ArWikiCats label lists.
fn gazetteer_names(data: &Path) -> Res<Vec<(String, bool)>> {
    let g = data.join("gazetteers");
    let mut out = Vec::new();
    for f in [
        "AlignedLocGazetteer.txt",
        "AlignedOrgGazetteer.txt",
        "AlignedPersGazetteer.txt",
    ] {
        let text = std::fs::read_to_string(g.join("anergazet").join(f))?;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("====") || line.starts_with("****") {
                continue;
            }
            out.push((line.to_string(), true));
        }
    }
    let cldr: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        g.join("country_names_cldr/country.ar.json"),
    )?)?;
    for v in cldr.as_object().into_iter().flat_map(|o| o.values()) {
        if let Some(s) = v.as_str() {
            out.push((s.to_string(), true));
        }
    }
    let cities = std::fs::read_to_string(g.join("world_cities_ar/world-cities.jsonl"))?;
    for line in cities.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        for field in ["CityNameAr", "CountryAr"] {
            if let Some(s) = v.get(field).and_then(|x| x.as_str()) {
                out.push((s.to_string(), true));
            }
        }
    }
    for f in [
        "cities_full.json",
        "popopo.json",
        "P17_2_final_ll.json",
        "peoples.json",
    ] {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(g.join("arwikicats").join(f))?)?;
        for x in v.as_object().into_iter().flat_map(|o| o.values()) {
            if let Some(s) = x.as_str() {
                let s = match s.find('(') {
                    Some(i) => &s[..i],
                    None => s,
                };
                out.push((s.to_string(), false));
            }
        }
    }
    Ok(out)
}

const ENCLITIC_ENDINGS: [&str; 12] = [
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا",
];

/// Protected single-word names: only words whose protection can change a decision
/// (they start with a proclitic letter, end like an enclitic, or start with أل/إل/آل),
/// plus curated names missing from the lexicon (they attest `r` in و + name). Tokens
/// whose clitic reading is common in the corpus (`r` seen at least 20 times and at least a
/// third as often as the token) are dropped: ANERGazet lists `والعربية`, and باسم is far
/// more often ب + اسم than the given name.
fn select_names(raw: &[(String, bool)], freq: &HashMap<Vec<u8>, u64>) -> BTreeSet<String> {
    let f = |c: &[u8]| freq.get(c).copied().unwrap_or(0);
    let mut keep = BTreeSet::new();
    for (name, curated) in raw {
        let tokens: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '،' | ',' | '/' | '.' | '"'))
            .filter(|t| !t.is_empty())
            .collect();
        let multi = tokens.len() > 1;
        for t in tokens {
            let Some(codes) = codes_of(t) else { continue };
            if codes.len() < 3 || codes.len() > 21 {
                continue;
            }
            let s = string_of(&codes);
            if s.starts_with("ال") {
                continue; // an article word: protection changes nothing
            }
            let first = s.chars().next().unwrap_or(' ');
            if multi && first == 'و' {
                continue; // "X وY": the conjunction inside a multi-word name
            }
            let proclitic_like = matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س');
            let enclitic_like = ENCLITIC_ENDINGS.iter().any(|e| s.ends_with(e));
            let hamza_al = ["أل", "إل", "آل"].iter().any(|p| s.starts_with(p));
            let fw = f(&codes);
            let unknown = fw < 3 && *curated && !multi;
            if !(proclitic_like || enclitic_like || hamza_al || unknown) {
                continue;
            }
            // Noise: the clitic reading (clitic + a frequent word) is common in news.
            if proclitic_like {
                let mut r = f(&codes[1..]);
                if s.starts_with("لل") {
                    let mut art = codes_of("ال").unwrap_or_default();
                    art.extend_from_slice(&codes[2..]);
                    r = r.max(f(&art));
                }
                // Inside a multi-word label a clitic-initial word is usually just that
                // (نظام بايدو للملاحة): keep it only if the remainder is unknown.
                if (r >= 20 && fw <= 3 * r) || (multi && r >= 3) {
                    continue;
                }
            }
            if enclitic_like {
                let noisy = ENCLITIC_ENDINGS.iter().any(|e| {
                    let n = e.chars().count();
                    s.ends_with(e) && codes.len() >= n + 2 && {
                        let st = f(&codes[..codes.len() - n]);
                        st >= 20 && fw <= 3 * st
                    }
                });
                if noisy {
                    continue;
                }
            }
            keep.insert(s);
        }
    }
    keep
}

fn build(args: &Args) -> Res<()> {
    let t0 = Instant::now();
    let (counts, tokens) = count_words(&args.data)?;
    eprintln!(
        "counted {tokens} words, {} types in {:.1}s",
        counts.len(),
        t0.elapsed().as_secs_f64()
    );
    let entries: Vec<(Vec<u8>, u64)> = counts
        .iter()
        .filter(|(w, &c)| c >= args.min_freq && w.len() <= 21)
        .map(|(w, &c)| (w.clone(), c))
        .collect();
    let bin = encode_lexicon(&entries);
    std::fs::create_dir_all(&args.out)?;
    let lex_path = args.out.join("clitic_lexicon.bin");
    std::fs::write(&lex_path, &bin)?;
    eprintln!(
        "wrote {} ({} words with freq >= {}, {} bytes)",
        lex_path.display(),
        entries.len(),
        args.min_freq,
        bin.len()
    );
    let raw = gazetteer_names(&args.data)?;
    let names = select_names(&raw, &counts);
    let mut text = String::from(
        "# Protected names for the clitic splitter (never split). Generated by\n\
         # marsad-lexicon-build from ANERGazet, CLDR country names, world-cities-translations\n\
         # and ArWikiCats labels; see README.md for sources and licences.\n",
    );
    for n in &names {
        text.push_str(n);
        text.push('\n');
    }
    let names_path = args.out.join("clitic_names.txt");
    std::fs::write(&names_path, &text)?;
    eprintln!(
        "wrote {} ({} names from {} gazetteer entries, {} bytes; {} hand-listed in rules.rs)",
        names_path.display(),
        names.len(),
        raw.len(),
        text.len(),
        rules::PROTECTED_EXTRA.len()
    );
    Ok(())
}

fn bench(data: &Path) -> Res<()> {
    let t0 = Instant::now();
    let s = CliticSplitter::global();
    let (lex, names) = s.sizes();
    eprintln!(
        "loaded splitter ({lex} words, {names} names) in {:.1} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let mut words: Vec<String> = Vec::new();
    let ant = data.join("ant_multisource_news/ant_multisource_sample.jsonl");
    let file = std::io::BufReader::new(std::fs::File::open(&ant)?);
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(t) = v.get("text").and_then(|c| c.as_str()) {
            words.extend(t.split_whitespace().map(|w| {
                w.trim_matches(|c: char| !marsad_text::chars::is_arabic_letter(c))
                    .to_string()
            }));
        }
    }
    words.retain(|w| !w.is_empty());
    let n = words.len();
    // analyze(): allocation-free path.
    let t = Instant::now();
    let mut split_count = 0usize;
    for w in &words {
        if s.analyze(w).is_split() {
            split_count += 1;
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "analyze: {n} words in {:.3}s = {:.2} M words/s; {split_count} split ({:.1}%)",
        dt,
        n as f64 / dt / 1e6,
        100.0 * split_count as f64 / n as f64
    );
    let t = Instant::now();
    let mut segs = 0usize;
    for w in &words {
        segs += s.split(w).proclitics.len();
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "split:   {n} words in {:.3}s = {:.2} M words/s ({segs} proclitics)",
        dt,
        n as f64 / dt / 1e6
    );
    // Most frequent split types, for review.
    let mut types: HashMap<&str, usize> = HashMap::new();
    for w in &words {
        *types.entry(w.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = types.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut shown = 0;
    let mut line = String::new();
    for (w, c) in &v {
        let x = s.split(w);
        if x.is_split() {
            line.push_str(&format!("{}:{c} ", x.segments().join("+")));
            shown += 1;
            if shown == 300 {
                break;
            }
        }
    }
    println!("top split types: {line}");
    Ok(())
}
