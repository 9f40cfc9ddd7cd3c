use marsad_entities::eval::load_pairs;
use marsad_entities::variant::{distance, fold_name, same_name};
fn main() {
    let data = std::env::var("MARSAD_DATA").unwrap_or("../shared/data".into());
    let pairs = load_pairs(std::path::Path::new(&data)).expect("data");
    let (mut fp, mut fn_) = (0, 0);
    for (a, b, g) in &pairs.dev.pairs {
        let (fa, fb) = (fold_name(a), fold_name(b));
        let s = same_name(&fa, &fb);
        let d = if fa.len() == 1 && fb.len() == 1 { distance(&fa[0], &fb[0]) } else { -1.0 };
        if s && !g && fp < 100000 { fp += 1; println!("FP {a} {b} {d}"); }
        if !s && *g && fn_ < 100000 { fn_ += 1; println!("FN {a} {b} {d}"); }
    }
}
