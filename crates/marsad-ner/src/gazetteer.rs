//! Gazetteers used by the NER features (re-exported from `marsad-gazetteer`).
pub use marsad_gazetteer::*;
