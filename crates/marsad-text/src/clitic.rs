//! Conservative clitic splitting (work in progress).
