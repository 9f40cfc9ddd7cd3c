//! Builds and evaluates the `marsad-latin` data files.
//!
//! ```text
//! build-latin build [--data DIR] [--out DIR]   train the model, build the dictionary, write
//!                                              data/model.bin and data/dict.tsv
//! build-latin eval  [--data DIR]               score the committed files on the test splits
//! build-latin tune  [--data DIR]               compare configurations on the eval/dev splits
//! ```
//!
//! `--data` defaults to `$MARSAD_DATA` or `../shared/data` from the workspace root.
//! Training uses only training splits: Google ar2en `train`, Wikidata `wd_arabic_64`, and
//! token-aligned ArWikiCats `peoples.json` pairs. Tuning reads Google `eval` and Wikidata
//! `wd_arabic_16`; the test splits (`ar2en-test`, `wd_arabic_20`) are read only by `eval`.
//! ANETAC (no licence) is never read. Output depends only on the inputs.

use marsad_latin::data::{self, build_dict, dict_tsv};
use marsad_latin::eval::Score;
use marsad_latin::model::{train, Config, Model, Pair};
use marsad_latin::Romanizer;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Res<T> = Result<T, Box<dyn Error>>;
/// Model training pairs, weighted dictionary entries, and the place-name pairs.
type Training = (Vec<Pair>, Vec<(Pair, u32)>, Vec<Pair>);

/// The shipped configuration (chosen with `tune` on Google eval + Wikidata dev).
fn shipped_config() -> Config {
    Config {
        windows: vec![(0, 0), (0, 1), (-1, 1), (-1, 2)],
        lm_order: 6,
        em_iters: 8,
        lm_weight: 0.3,
        char_bonus: 0.5,
        beam: 4,
        max_cands: 6,
        min_share: 0.0002,
        min_count: 2,
        prev_chunk: true,
    }
}

/// Dictionary weight of a place name (against Wikidata person-name counts).
const PLACE_WEIGHT: u32 = 100;
/// Dictionary weight of a country name (above cities: `الجزائر` Algeria, not Alger).
const COUNTRY_WEIGHT: u32 = 300;

/// Training pairs for the model and weighted entries for the dictionary.
fn training(data: &Path, peoples: bool) -> Res<Training> {
    let g = data::google(data, "train")?;
    let mut w = data::wikidata(data, "64")?;
    if std::env::var("NOWD").is_ok_and(|v| v == "1") {
        w.clear();
    }
    let p = if peoples {
        data::peoples_tokens(data)?
    } else {
        Vec::new()
    };
    let mut pairs: Vec<Pair> = g.clone();
    pairs.extend(w.iter().map(|(p, _)| p.clone()));
    pairs.extend(p.iter().cloned());
    // Dictionary weights: Google pairs count 1 each; Wikidata by its count; ArWikiCats
    // person tokens and whole names 1; place names (conventional English names) 100,
    // country names 300.
    let mut dict: Vec<(Pair, u32)> = g.into_iter().map(|p| (p, 1)).collect();
    dict.extend(w);
    dict.extend(p.into_iter().map(|p| (p, 1)));
    let mut places = Vec::new();
    if peoples {
        dict.extend(data::peoples_names(data)?.into_iter().map(|p| (p, 1)));
        let pl = data::places(data)?;
        let co = data::countries(data)?;
        dict.extend(pl.iter().cloned().map(|p| (p, PLACE_WEIGHT)));
        dict.extend(co.iter().cloned().map(|p| (p, COUNTRY_WEIGHT)));
        places.extend(pl);
        places.extend(co);
    }
    eprintln!("training pairs: {}", pairs.len());
    Ok((pairs, dict, places))
}

fn score_learned(model: &Model, pairs: &[Pair]) -> Score {
    let mut s = Score::default();
    for p in pairs {
        s.add(&model.romanize(&p.arabic), &p.latin);
    }
    s
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = data::default_data_dir();
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut cmd = String::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--data" => {
                i += 1;
                data = PathBuf::from(args.get(i).ok_or("--data needs a value")?);
            }
            "--out" => {
                i += 1;
                out = PathBuf::from(args.get(i).ok_or("--out needs a value")?);
            }
            c if cmd.is_empty() => cmd = c.to_string(),
            other => return Err(format!("unexpected argument {other}").into()),
        }
        i += 1;
    }
    match cmd.as_str() {
        "build" => build(&data, &out),
        "eval" => evaluate(&data),
        "tune" => tune(&data),
        _ => Err("usage: build-latin build|eval|tune [--data DIR] [--out DIR]".into()),
    }
}

fn build(data: &Path, out: &Path) -> Res<()> {
    let t = Instant::now();
    let (pairs, entries, places) = training(data, true)?;
    let model = train(&pairs, &shipped_config());
    let dict = build_dict(&entries, 1);
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("model.bin"), model.to_bytes())?;
    std::fs::write(
        out.join("dict.tsv"),
        dict_tsv(&dict, &data::place_keys(&places)),
    )?;
    eprintln!(
        "wrote model.bin ({} bytes) and dict.tsv ({} entries) in {:.1}s",
        model.to_bytes().len(),
        dict.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn evaluate(data: &Path) -> Res<()> {
    let t = Instant::now();
    let r = Romanizer::builtin();
    eprintln!(
        "builtin loaded in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let gtest = data::google(data, "test")?;
    let wtest: Vec<Pair> = data::wikidata(data, "20")?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    // Arabic words of the model's training pairs: test words outside it are "unseen".
    let (train_pairs, _, _) = training(data, true)?;
    let seen: std::collections::HashSet<String> = train_pairs
        .iter()
        .map(|p| marsad_latin::word_key(&p.arabic))
        .collect();
    for (name, set) in [
        ("google ar2en test", &gtest),
        ("wikidata wd_arabic_20 test", &wtest),
    ] {
        let (mut base, mut learned, mut shipped, mut in_dict, mut dict_only) = (
            Score::default(),
            Score::default(),
            Score::default(),
            0usize,
            Score::default(),
        );
        let mut unseen = [Score::default(); 3];
        for p in set.iter() {
            let b = marsad_text::translit::romanize_name(&p.arabic).to_lowercase();
            let l = r.learned(&p.arabic);
            let s = r.romanize_word(&p.arabic);
            base.add(&b, &p.latin);
            learned.add(&l, &p.latin);
            shipped.add(&s, &p.latin);
            if let Some(d) = r.lookup(&p.arabic) {
                in_dict += 1;
                dict_only.add(d, &p.latin);
            }
            if !seen.contains(&marsad_latin::word_key(&p.arabic)) {
                unseen[0].add(&b, &p.latin);
                unseen[1].add(&l, &p.latin);
                unseen[2].add(&s, &p.latin);
            }
        }
        println!("{name} ({} pairs)", set.len());
        println!("  (a) baseline letter map     {base}");
        println!("  (b) learned model alone     {learned}");
        println!("  (c) dictionary + model      {shipped}");
        println!(
            "      dictionary covers {in_dict} words ({:.1}%); on those: {dict_only}",
            100.0 * in_dict as f64 / set.len().max(1) as f64
        );
        println!("  words not in the model's training pairs:");
        println!("  (a) baseline letter map     {}", unseen[0]);
        println!("  (b) learned model alone     {}", unseen[1]);
        println!("  (c) dictionary + model      {}", unseen[2]);
    }
    // Speed of the learned model, single thread.
    let words: Vec<&str> = gtest.iter().map(|p| p.arabic.as_str()).collect();
    let t = Instant::now();
    let mut n = 0usize;
    let mut chars = 0usize;
    while t.elapsed().as_secs_f64() < 2.0 {
        for w in &words {
            chars += r.learned(w).len();
            n += 1;
        }
    }
    println!(
        "speed: learned model {:.0} words/s single thread ({chars} chars out)",
        n as f64 / t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn parse_list<T: std::str::FromStr>(name: &str, default: &str) -> Vec<T> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// Configuration search on Google eval and a quarter of Wikidata dev. Controlled by env:
/// `WIN` (default|narrow|mid|left|wide|wider), `LM` (order), `EM` (iterations), `GW` (Google pair repeats),
/// `PEOPLES` (0|1), and the decoding grids `LW`, `BONUS`, `BEAM`, `CANDS` (comma lists).
fn tune(data: &Path) -> Res<()> {
    let geval = data::google(data, "eval")?;
    let wdev: Vec<Pair> = data::wikidata(data, "16")?
        .into_iter()
        .map(|(p, _)| p)
        .step_by(4)
        .collect();
    let gw: usize = env_or("GW", 1);
    let (mut pairs, entries, places) = training(data, env_or("PEOPLES", 1) == 1)?;
    let g = data::google(data, "train")?;
    for _ in 1..gw {
        pairs.extend(g.iter().cloned());
    }
    let seen: std::collections::HashSet<String> = pairs
        .iter()
        .map(|p| marsad_latin::word_key(&p.arabic))
        .collect();
    let unseen = |set: &[Pair]| -> Vec<Pair> {
        set.iter()
            .filter(|p| !seen.contains(&marsad_latin::word_key(&p.arabic)))
            .cloned()
            .collect()
    };
    let (geval_unseen, wdev_unseen) = (unseen(&geval), unseen(&wdev));
    let mut cfg = shipped_config();
    match std::env::var("WIN").as_deref() {
        Ok("default") => cfg.windows = Config::default().windows,
        Ok("narrow") => cfg.windows = vec![(0, 0), (0, 1), (-1, 1)],
        Ok("mid") => cfg.windows = vec![(0, 0), (0, 1), (-1, 1), (-1, 2)],
        Ok("wide") => {
            cfg.windows = vec![(0, 0), (0, 1), (-1, 1), (-1, 2), (-2, 2), (-2, 3), (-3, 3)]
        }
        Ok("left") => cfg.windows = vec![(0, 0), (-1, 0), (-1, 1), (-2, 1), (-2, 2)],
        Ok("wider") => {
            cfg.windows = vec![
                (0, 0),
                (0, 1),
                (-1, 1),
                (-1, 2),
                (-2, 2),
                (-2, 3),
                (-3, 3),
                (-4, 4),
            ]
        }
        _ => {}
    }
    cfg.lm_order = env_or("LM", cfg.lm_order);
    cfg.em_iters = env_or("EM", cfg.em_iters);
    cfg.min_count = env_or("MINC", cfg.min_count);
    cfg.prev_chunk = env_or("PREV", u8::from(cfg.prev_chunk)) == 1;
    let t = Instant::now();
    let mut model = train(&pairs, &cfg);
    println!(
        "trained in {:.1}s, {} bytes; {:?}",
        t.elapsed().as_secs_f64(),
        model.to_bytes().len(),
        model
    );
    for lw in parse_list::<f32>("LW", "0.5,0.7,1.0") {
        for b in parse_list::<f32>("BONUS", "0.5,1.0,1.5") {
            for beam in parse_list::<u16>("BEAM", "4") {
                for cands in parse_list::<u16>("CANDS", "6") {
                    for share in parse_list::<f32>("SHARE", "0.0002") {
                        model.set_decoding(lw, b, beam, cands, share);
                        let t = Instant::now();
                        let g = score_learned(&model, &geval);
                        let wps = geval.len() as f64 / t.elapsed().as_secs_f64();
                        let w = score_learned(&model, &wdev);
                        let gu = score_learned(&model, &geval_unseen);
                        let wu = score_learned(&model, &wdev_unseen);
                        println!(
                        "  lw {lw:.2} bonus {b:.1} beam {beam} cands {cands} share {share}: google eval {g} | wd dev {w} | {wps:.0} w/s\n      unseen words: google eval {gu} | wd dev {wu}"
                    );
                    }
                }
            }
        }
    }
    if env_or("DICT", 0) == 1 {
        for (name, ents) in [
            ("dict all sources", entries.clone()),
            (
                "dict google only",
                g.iter().cloned().map(|p| (p, 1)).collect(),
            ),
        ] {
            let r = Romanizer::new(
                Model::from_bytes(&model.bytes_with_decoding())?,
                &dict_tsv(&build_dict(&ents, 1), &data::place_keys(&places)),
            );
            let mut gs = Score::default();
            let mut ws = Score::default();
            for p in &geval {
                gs.add(&r.romanize_word(&p.arabic), &p.latin);
            }
            for p in &wdev {
                ws.add(&r.romanize_word(&p.arabic), &p.latin);
            }
            println!("{name}: google eval {gs} | wd dev {ws}");
        }
    }
    Ok(())
}
