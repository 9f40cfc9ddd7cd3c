//! Grid search of the hand rule's thresholds (`same_token_at`) on the development
//! pairs (balanced hard negatives, names unseen by the romanizer). The shipped matcher
//! is the learned one: see `train_variants.rs`.
//!
//! `cargo run --release -p marsad-entities --example tune_variants`
use marsad_entities::eval::load_pairs;
use marsad_entities::variant::{fold_name, same_token_at, Thresholds};

fn main() {
    let data = std::env::var("MARSAD_DATA").unwrap_or("../shared/data".into());
    let pairs = load_pairs(std::path::Path::new(&data)).expect("data");
    for (name, set) in [
        ("balanced hard", pairs.dev_hard.unseen()),
        ("all", pairs.dev.unseen()),
    ] {
        let folded: Vec<(Vec<String>, Vec<String>, bool)> = set
            .pairs
            .iter()
            .map(|(a, b, g)| (fold_name(a), fold_name(b), *g))
            .collect();
        let pos = folded.iter().filter(|x| x.2).count();
        println!(
            "dev {name}: {} positives, {} negatives",
            pos,
            folded.len() - pos
        );
        for t0 in [0.5, 0.8, 1.0] {
            for t1 in [0.4, 0.5, 0.8, 1.0] {
                for t2 in [0.9, 1.0, 1.3, 1.5] {
                    let t = Thresholds([t0, t1, t2]);
                    let (mut tp, mut fp) = (0, 0);
                    for (a, b, g) in &folded {
                        let same = a.len() == b.len()
                            && a.iter().zip(b).all(|(x, y)| same_token_at(x, y, &t));
                        if same {
                            if *g {
                                tp += 1
                            } else {
                                fp += 1
                            }
                        }
                    }
                    println!(
                        "{t0} {t1} {t2}: P {:.4} R {:.4}",
                        tp as f64 / (tp + fp).max(1) as f64,
                        tp as f64 / pos as f64
                    );
                }
            }
        }
    }
}
