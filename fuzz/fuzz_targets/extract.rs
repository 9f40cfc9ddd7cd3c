//! `marsad extract` end to end on one document held in memory: format sniffing,
//! the reader, then the pipeline with NER, entities, quotes and events; every
//! standoff span must lie inside the article's text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::check_article;
use marsad_pipeline::{build_article_with, PipelineConfig};
use marsad_readers::input::{read_unit, Unit};

fuzz_target!(|data: &[u8]| {
    let cfg = PipelineConfig::default();
    assert!(cfg.ner);
    let unit = Unit::Document {
        path: "fuzz".into(),
        bytes: data.to_vec(),
        format: None,
    };
    for raw in read_unit(unit).into_iter().flatten().take(50) {
        let a = build_article_with(raw, &cfg);
        check_article(&a);
    }
});
