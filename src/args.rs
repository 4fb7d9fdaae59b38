//! Command-line arguments, shared by the CLI subcommands and the TUI (which runs when no
//! subcommand is given).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};

use crate::i18n::Lang;
use crate::kb::Source;

/// errkb: find out what an error means and what fixes it.
///
/// With no subcommand, opens the full-screen browser. Pipe an error in (`cmd 2>&1 | errkb`)
/// or pass `--error TEXT` to open it diagnosing that text.
#[derive(Debug, Parser)]
#[command(name = "errkb", version, about, long_about = None, max_term_width = 100)]
pub struct Args {
    /// A KB file or folder to load (repeatable; `builtin` names the built-in KB). Without any,
    /// `ERRKB_PATH` (a `:`-separated list) is used, else the built-in KB.
    #[arg(long = "kb", value_name = "PATH", global = true)]
    pub kb: Vec<String>,

    /// Language of record fields and labels (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_name = "en|zh", global = true)]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub tui: TuiArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the full-screen browser.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct TuiArgs {
    /// Open in diagnose mode on this error text.
    #[arg(long, value_name = "TEXT")]
    pub error: Option<String>,

    /// Enter on a workaround prints its command to stdout and exits (for `cmd=$(errkb --print)`).
    #[arg(long)]
    pub print: bool,

    /// Do not capture the mouse (so the terminal can select text).
    #[arg(long)]
    pub no_mouse: bool,
}

/// The non-interactive subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the records that explain an error (TEXT, or stdin when absent or `-`).
    Diagnose {
        /// The error text; reads stdin when absent or `-`.
        text: Option<String>,
        /// Print JSON (see README for the shape).
        #[arg(long)]
        json: bool,
        /// At most this many matches.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// Filter records with the live-search query syntax.
    Search {
        /// The query: fuzzy terms, 'exact, ^prefix, suffix$, !not, /regex/, domain:x, tag:x.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Show one record.
    Show {
        /// The record's id.
        id: String,
        /// Print the record's JSON exactly as stored, unknown fields included.
        #[arg(long)]
        json: bool,
    },
    /// Lint KB files or folders (the selected KB when no path is given).
    Validate {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// Count records, load errors and domains.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

impl Args {
    /// The KB sources: `--kb` values, else `ERRKB_PATH`, else the built-in KB.
    pub fn sources(&self) -> Vec<Source> {
        if !self.kb.is_empty() {
            return self.kb.iter().map(|s| Source::parse(s)).collect();
        }
        let from_env: Vec<Source> = std::env::var("ERRKB_PATH")
            .unwrap_or_default()
            .split(':')
            .filter(|s| !s.is_empty())
            .map(Source::parse)
            .collect();
        if from_env.is_empty() {
            vec![Source::Builtin]
        } else {
            from_env
        }
    }

    /// The language: `--lang`, else the locale.
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}
