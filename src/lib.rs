//! errkb: find out what an error means and what fixes it.
//!
//! The core knows nothing of the terminal: [`kb`] (records, loading, validation), [`search`]
//! (the live fuzzy filter and its query syntax), [`diagnose`] (ranking the records that explain
//! a pasted error), [`fix`] (the command of a workaround, filled with the user's values),
//! [`detail`] (a record laid out for reading) and [`i18n`] (languages and labels).
//! [`cli`] and [`tui`] are thin shells over it that never import each other; [`args`] is the
//! command line they share.

pub mod args;
pub mod cli;
pub mod detail;
pub mod diagnose;
pub mod fix;
pub mod i18n;
pub mod kb;
pub mod parallel;
pub mod search;
pub mod tui;
