//! Transliteration (work in progress).
