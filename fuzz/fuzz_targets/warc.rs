//! WARC archives (`marsad_readers::warc`), plain and gzipped per record, read
//! as the input path reads them: every page through the HTML reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::check_raw;
use marsad_readers::warc::{GzMembers, WarcItem, WarcReader};
use std::io::{BufReader, Read};
use std::sync::atomic::Ordering;

fn pages<R: std::io::BufRead>(reader: WarcReader<R>) {
    for item in reader.take(1000) {
        match item {
            WarcItem::Page(p) => {
                assert!(p.body.len() as u64 <= marsad_readers::warc::MAX_RECORD_BYTES);
                let unit = marsad_readers::input::Unit::page("fuzz".into(), p);
                for r in marsad_readers::input::read_unit(unit) {
                    check_raw(&r);
                }
            }
            WarcItem::Skipped => {}
            WarcItem::Error { reason, .. } => {
                std::hint::black_box(reason);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(&[0x1f, 0x8b]) {
        // A WARC.gz: members decompressed one by one, corrupt ones skipped.
        let members = GzMembers::new(data);
        let errors = members.errors.clone();
        members.recover.store(true, Ordering::Relaxed);
        let reader = BufReader::new(Box::new(members) as Box<dyn Read>);
        pages(WarcReader::with_gz_errors(reader, errors));
    } else {
        pages(WarcReader::new(data));
    }
});
