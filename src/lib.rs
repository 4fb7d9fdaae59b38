//! errkb: find out what an error means and what fixes it.
//!
//! The library is the terminal-free core: [`kb`] (records, loading, validation),
//! [`search`] (the live fuzzy filter and its query syntax), [`diagnose`] (ranking the records
//! that explain a pasted error) and [`i18n`] (languages). The [`cli`] and [`tui`] modules are
//! thin shells over it and never import each other.

pub mod i18n;
pub mod kb;
pub mod search;
