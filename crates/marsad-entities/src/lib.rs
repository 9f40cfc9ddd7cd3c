//! Entity resolution for Marsad.
//!
//! Turns an article's entity mentions into entities: mentions of one person,
//! organization or place are clustered across clitics, spelling variants and partial
//! names ([`variant`], [`resolve`]); roles and descriptors are attached and used to
//! resolve later references (`الوزير الروسي`) ([`roles`]); entities get a Latin name,
//! an ISO 3166 alpha-3 country and a CAMEO agent code ([`codes`], [`latin`]); and the
//! [`registry`] resolves them across a corpus to stable ids.

pub mod codes;
pub mod eval;
pub mod latin;
mod named_after;
pub mod registry;
pub mod resolve;
pub mod roles;
pub mod variant;
mod variant_weights;

pub use registry::Registry;
pub use resolve::{resolve_article, resolve_article_in};
