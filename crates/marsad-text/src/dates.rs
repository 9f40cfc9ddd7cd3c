//! Date expressions (work in progress).
