//! The whole input path (`marsad_readers::input`): the bytes as a file on disk
//! (format sniffing, gzip, zip, WARC and JSON Lines streaming), then `read_unit`
//! on every unit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::check_raw;
use marsad_readers::input::{read_unit, Inputs};
use std::path::PathBuf;
use std::sync::OnceLock;

fn path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("marsad-fuzz-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join("input")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = path();
    std::fs::write(path, data).expect("write the input file");
    for unit in Inputs::new(std::slice::from_ref(path), None).take(10_000) {
        match unit {
            Ok(u) => {
                for r in read_unit(u) {
                    check_raw(&r);
                }
            }
            Err(e) => {
                std::hint::black_box(e.to_string());
            }
        }
    }
});
