//! Times loading the committed model and dictionary.
use marsad_latin::model::Model;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let m = Model::from_bytes(marsad_latin::MODEL_BYTES).unwrap();
    let a = t.elapsed();
    let t = Instant::now();
    let r = marsad_latin::Romanizer::new(m, marsad_latin::DICT_TSV);
    println!(
        "model {:?}, dictionary {:?} ({} entries)",
        a,
        t.elapsed(),
        r.dict_len()
    );
}
