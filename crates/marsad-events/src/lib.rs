//! Statements and events in Arabic news, on the article model.
//!
//! [`quotes`] finds quotations — direct (« », “ ”, " ") and indirect (speech verb +
//! إن/أن) — with their speakers: a resolved entity when the speaker is named or
//! referred to by role, the previous speaker for implicit subjects (`وأضاف`), the
//! organization for institutional statements (`وقالت الوزارة في بيان`), else the
//! speaker as written.

pub mod petrarch;
pub mod quotes;

/// For each token, the index of the mention covering it.
pub(crate) fn mention_at(
    article: &marsad_article::Article,
    tokens: &[marsad_text::Token],
) -> Vec<Option<usize>> {
    let mut at = vec![None; tokens.len()];
    for (mi, m) in article.mentions.iter().enumerate() {
        let mut t = tokens.partition_point(|t| t.end <= m.span.start);
        while t < tokens.len() && tokens[t].start < m.span.end {
            at[t] = Some(mi);
            t += 1;
        }
    }
    at
}

pub use quotes::{find_quotes, find_quotes_in};
pub mod events;

pub use events::{find_events, find_events_in};
pub mod export;
