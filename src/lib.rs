//! errkb: find out what an error means and what fixes it.
//!
//! The library is the terminal-free core: [`kb`] (records, loading, validation),
//! [`search`] (the live fuzzy filter and its query syntax), [`diagnose`] (ranking the records
//! that explain a pasted error), [`fix`] (the command of a workaround, filled with the user's
//! values) and [`i18n`] (languages).

pub mod diagnose;
pub mod fix;
pub mod i18n;
pub mod kb;
pub mod search;
