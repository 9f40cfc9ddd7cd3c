//! Statements and events in Arabic news, on the article model.
//!
//! [`quotes`] finds quotations — direct (« », “ ”, " ") and indirect (speech verb +
//! إن/أن) — with their speakers: a resolved entity when the speaker is named or
//! referred to by role, the previous speaker for implicit subjects (`وأضاف`), the
//! organization for institutional statements (`وقالت الوزارة في بيان`), else the
//! speaker as written.

pub mod quotes;

pub use quotes::find_quotes;
pub mod events;

pub use events::find_events;
pub mod export;
