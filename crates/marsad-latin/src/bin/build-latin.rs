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
/// Model training pairs and weighted dictionary entries.
type Training = (Vec<Pair>, Vec<(Pair, u32)>);

/// The shipped configuration (chosen with `tune` on Google eval + Wikidata dev).
fn shipped_config() -> Config {
    Config::default()
}

/// Training pairs for the model and weighted entries for the dictionary.
fn training(data: &Path, peoples: bool) -> Res<Training> {
    let g = data::google(data, "train")?;
    let w = data::wikidata(data, "64")?;
    let p = if peoples {
        data::peoples_tokens(data)?
    } else {
        Vec::new()
    };
    let mut pairs: Vec<Pair> = g.clone();
    pairs.extend(w.iter().map(|(p, _)| p.clone()));
    pairs.extend(p.iter().cloned());
    // Dictionary weights: Google pairs count 1 each; Wikidata by its count.
    let mut dict: Vec<(Pair, u32)> = g.into_iter().map(|p| (p, 1)).collect();
    dict.extend(w);
    dict.extend(p.into_iter().map(|p| (p, 1)));
    eprintln!("training pairs: {}", pairs.len());
    Ok((pairs, dict))
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
    let (pairs, entries) = training(data, true)?;
    let model = train(&pairs, &shipped_config());
    let dict = build_dict(&entries, 1);
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("model.bin"), model.to_bytes())?;
    std::fs::write(out.join("dict.tsv"), dict_tsv(&dict))?;
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
        for p in set.iter() {
            let b = marsad_text::translit::romanize_name(&p.arabic).to_lowercase();
            base.add(&b, &p.latin);
            learned.add(&r.learned(&p.arabic), &p.latin);
            shipped.add(&r.romanize_word(&p.arabic), &p.latin);
            if let Some(d) = r.lookup(&p.arabic) {
                in_dict += 1;
                dict_only.add(d, &p.latin);
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

fn tune(data: &Path) -> Res<()> {
    let geval = data::google(data, "eval")?;
    let wdev: Vec<Pair> = data::wikidata(data, "16")?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let wdev: Vec<Pair> = wdev.into_iter().step_by(4).collect();
    let variant = std::env::var("TUNE").unwrap_or_default();
    let (pairs, entries) = training(data, variant.contains("peoples"))?;
    let mut configs: Vec<(String, Config)> = vec![("default".into(), Config::default())];
    if variant.contains("windows") {
        for (name, w) in [
            (
                "right-first",
                vec![(0, 0), (0, 1), (-1, 1), (-1, 2), (-2, 2)],
            ),
            (
                "left-first",
                vec![(0, 0), (-1, 0), (-1, 1), (-2, 1), (-2, 2)],
            ),
            ("narrow", vec![(0, 0), (0, 1), (-1, 1)]),
            (
                "wide",
                vec![(0, 0), (0, 1), (-1, 1), (-1, 2), (-2, 2), (-2, 3), (-3, 3)],
            ),
        ] {
            configs.push((
                name.into(),
                Config {
                    windows: w,
                    ..Config::default()
                },
            ));
        }
    }
    if variant.contains("lm") {
        for order in [3u8, 4, 6] {
            configs.push((
                format!("lm{order}"),
                Config {
                    lm_order: order,
                    ..Config::default()
                },
            ));
        }
    }
    if variant.contains("em") {
        for it in [3u8, 5, 12] {
            configs.push((
                format!("em{it}"),
                Config {
                    em_iters: it,
                    ..Config::default()
                },
            ));
        }
    }
    for (name, cfg) in configs {
        let t = Instant::now();
        let mut model = train(&pairs, &cfg);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name}: trained in {secs:.1}s, {} bytes; {:?}",
            model.to_bytes().len(),
            model
        );
        let lws = [0.0f32, 0.2, 0.35, 0.5, 0.7, 1.0];
        let bonuses = [0.0f32, 0.5, 1.0];
        for &lw in &lws {
            for &b in &bonuses {
                if lw == 0.0 && b != 0.0 {
                    continue;
                }
                model.set_decoding(lw, b, cfg.beam, cfg.max_cands);
                let g = score_learned(&model, &geval);
                let w = score_learned(&model, &wdev);
                println!("  lm_weight {lw:.2} bonus {b:.1}: google eval {g} | wd dev {w}");
            }
        }
    }
    // Dictionary + model on google eval, with and without the Wikidata entries.
    let model = train(&pairs, &shipped_config());
    for (name, ents) in [
        ("dict all sources", entries.clone()),
        (
            "dict google only",
            data::google(data, "train")?
                .into_iter()
                .map(|p| (p, 1))
                .collect(),
        ),
    ] {
        let r = Romanizer::new(
            Model::from_bytes(model.to_bytes())?,
            &dict_tsv(&build_dict(&ents, 1)),
        );
        let mut g = Score::default();
        let mut w = Score::default();
        for p in &geval {
            g.add(&r.romanize_word(&p.arabic), &p.latin);
        }
        for p in &wdev {
            w.add(&r.romanize_word(&p.arabic), &p.latin);
        }
        println!("{name}: google eval {g} | wd dev {w}");
    }
    Ok(())
}
