//! Character classes used across the text core.

/// Arabic harakat and other combining marks in U+064B–U+065F, plus the
/// superscript (dagger) alef U+0670.
#[inline]
pub fn is_haraka(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Quranic annotation marks that behave like diacritics.
#[inline]
pub fn is_quranic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

pub const TATWEEL: char = '\u{0640}';

/// Bidirectional formatting controls (LRM, RLM, ALM, embeddings, overrides, isolates).
#[inline]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP, soft hyphen.
#[inline]
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Invisible characters that carry no text: bidi controls and zero-width marks.
#[inline]
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c) || is_zero_width(c)
}

/// Letters of the Arabic script (base letters, extended letters used for Persian/Urdu,
/// and presentation forms), excluding digits, punctuation and marks.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// Marks that live inside an Arabic word: harakat, Quranic marks, tatweel.
#[inline]
pub fn is_arabic_word_mark(c: char) -> bool {
    is_haraka(c) || is_quranic_mark(c) || c == TATWEEL || matches!(c, '\u{08D3}'..='\u{08FF}')
}

/// Decimal value of an ASCII, Arabic-Indic (U+0660) or Extended Arabic-Indic/Persian (U+06F0) digit.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}
