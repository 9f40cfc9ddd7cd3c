//! `marsad entities`: the entities of a set of articles, with counts, variants and
//! Latin names, resolved across articles through the entity registry.

use crate::extract::{for_each_article, pipeline_config, InputOptions};
use anyhow::{Context, Result};
use clap::Args;
use marsad_entities::Registry;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct EntitiesArgs {
    /// Files or directories (read recursively); `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Resolve against this registry file (created if missing, updated at the end).
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Only this type: PER, ORG, LOC or MISC.
    #[arg(long = "type", value_name = "TYPE")]
    label: Option<String>,
    /// Only entities seen in at least this many articles.
    #[arg(long, default_value_t = 1)]
    min_articles: u64,
    /// Print at most this many entities (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON Lines instead of a table.
    #[arg(long)]
    json: bool,
    /// Extra gazetteer entries for NER (`name<TAB>TYPE` lines).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// No progress bar or summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Default)]
struct Seen {
    articles: u64,
    mentions: u64,
    variants: BTreeMap<String, u64>,
}

pub fn run(args: EntitiesArgs) -> Result<ExitCode> {
    if let Some(l) = &args.label {
        if !matches!(l.as_str(), "PER" | "ORG" | "LOC" | "MISC") {
            anyhow::bail!("unknown type {l:?} (PER, ORG, LOC or MISC)");
        }
    }
    let cfg = pipeline_config(args.threads, args.gazetteer.as_deref(), false)?;
    let mut registry = match &args.registry {
        Some(p) => Registry::load(p)
            .with_context(|| format!("cannot read the entity registry {}", p.display()))?,
        None => Registry::new(),
    };
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let input = InputOptions {
        paths: &args.paths,
        format: None,
        quiet: args.quiet,
        one_per_line: false,
    };
    let summary = for_each_article(
        &input,
        &cfg,
        |a| a,
        |mut article| {
            registry.resolve(&mut article);
            for e in &article.entities {
                let s = seen.entry(e.id.clone()).or_default();
                s.articles += 1;
                s.mentions += e.mentions.len() as u64;
                for v in &e.variants {
                    *s.variants.entry(v.clone()).or_default() += 1;
                }
            }
            Ok(())
        },
    )?;
    if let Some(p) = &args.registry {
        registry
            .save(p)
            .with_context(|| format!("cannot write the entity registry {}", p.display()))?;
    }
    let mut rows: Vec<(&String, &Seen)> = seen
        .iter()
        .filter(|(id, s)| {
            s.articles >= args.min_articles
                && args
                    .label
                    .as_ref()
                    .is_none_or(|l| registry.get(id).is_some_and(|e| &e.label == l))
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.1.articles, b.1.mentions)
            .cmp(&(a.1.articles, a.1.mentions))
            .then(a.0.cmp(b.0))
    });
    if args.limit > 0 {
        rows.truncate(args.limit);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !args.json {
        writeln!(
            out,
            "{:>8} {:>8}  {:<4} {:<14} {:<3} {:<3}  name | latin | variants",
            "articles", "mentions", "type", "id", "cc", "agt"
        )?;
    }
    for (id, s) in rows {
        let Some(e) = registry.get(id) else { continue };
        let mut variants: Vec<(&String, &u64)> = s.variants.iter().collect();
        variants.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let variants: Vec<&str> = variants.iter().map(|(v, _)| v.as_str()).collect();
        if args.json {
            let v = serde_json::json!({
                "id": id, "label": e.label, "name": e.name, "latin": e.latin,
                "country": e.country, "agent": e.agent, "roles": e.roles,
                "articles": s.articles, "mentions": s.mentions, "variants": variants,
            });
            writeln!(out, "{v}")?;
        } else {
            let shown: BTreeSet<&str> = variants.iter().take(6).copied().collect();
            writeln!(
                out,
                "{:>8} {:>8}  {:<4} {:<14} {:<3} {:<3}  {} | {} | {}",
                s.articles,
                s.mentions,
                e.label,
                id,
                e.country.as_deref().unwrap_or("-"),
                e.agent.as_deref().unwrap_or("-"),
                e.name,
                e.latin.as_deref().unwrap_or("-"),
                shown.into_iter().collect::<Vec<_>>().join("، ")
            )?;
        }
    }
    out.flush()?;
    Ok(summary.exit_code())
}
