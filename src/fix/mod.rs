//! Fixes: the command of a workaround, and that command filled with the user's values.

pub mod command;
pub mod fill;

pub use command::{destructive_reason, extract_command, workaround_command};
pub use fill::{Fill, Substitution};
