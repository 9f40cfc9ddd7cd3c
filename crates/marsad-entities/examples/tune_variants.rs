//! Grid search of the variant thresholds on the development pairs.
use marsad_entities::eval::load_pairs;
use marsad_entities::variant::{fold_name, Thresholds};

fn main() {
    let data = std::env::var("MARSAD_DATA").unwrap_or("../shared/data".into());
    let pairs = load_pairs(std::path::Path::new(&data)).expect("data");
    let folded: Vec<(Vec<String>, Vec<String>, bool)> = pairs
        .dev
        .pairs
        .iter()
        .map(|(a, b, g)| (fold_name(a), fold_name(b), *g))
        .collect();
    let pos = folded.iter().filter(|x| x.2).count();
    println!("dev: {} positives, {} negatives", pos, folded.len() - pos);
    for t0 in [0.0, 0.5, 0.8] {
        for t1 in [0.4, 0.5, 0.8, 0.9, 1.0, 1.3] {
            for t2 in [0.5, 0.9, 1.0, 1.3, 1.5] {
                let t = Thresholds([t0, t1, t2]);
                let (mut tp, mut fp) = (0, 0);
                for (a, b, g) in &folded {
                    let same = a.len() == b.len()
                        && a.iter()
                            .zip(b)
                            .all(|(x, y)| marsad_entities::variant::same_token_with(x, y, &t));
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
