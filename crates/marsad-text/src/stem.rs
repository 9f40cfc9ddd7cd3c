//! Stemmers (work in progress).
