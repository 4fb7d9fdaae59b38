//! The result list: asking the worker for a search or a diagnosis (with a new generation, and
//! narrowing the scope when the query only grew), and taking its answers, keeping the
//! selection on the same record when it is still listed among the rows the worker ranked.

use super::{App, Focus, Mode};
use crate::diagnose::{Diagnosis, Match};
use crate::i18n::ui::Ui;
use crate::search::{Query, Ranking};
use crate::tui::action::{Effect, Job, Loaded, Request};

/// The newest finished answer of the worker.
#[derive(Debug, Clone, Default)]
pub enum Results {
    /// Nothing yet (the KB is loading).
    #[default]
    Pending,
    Search {
        query: Query,
        hits: Ranking,
    },
    Diagnose(Diagnosis),
}

/// At most this many diagnosis matches are listed.
pub const DIAGNOSIS_LIMIT: usize = 50;

/// Rows the UI thread ranks itself to show the end of the list (about a millisecond per
/// thousand); beyond that, the worker ranks them.
pub const RANK_ON_UI_AT_MOST: usize = 2_000;

impl Results {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Results::Pending => 0,
            Results::Search { hits, .. } => hits.len(),
            Results::Diagnose(diagnosis) => diagnosis.matches.len(),
        }
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record index of row `row`.
    pub fn record_at(&self, row: usize) -> Option<usize> {
        match self {
            Results::Pending => None,
            Results::Search { hits, .. } => hits.get(row).map(|h| h.index),
            Results::Diagnose(diagnosis) => diagnosis.matches.get(row).map(|m| m.index),
        }
    }

    /// The diagnosis match of row `row`.
    pub fn match_at(&self, row: usize) -> Option<&Match> {
        match self {
            Results::Diagnose(diagnosis) => diagnosis.matches.get(row),
            _ => None,
        }
    }

    /// The query of a search result (for highlighting).
    pub fn query(&self) -> Option<&Query> {
        match self {
            Results::Search { query, .. } => Some(query),
            _ => None,
        }
    }
}

impl App {
    /// Asks for a search of the current query, or shows why it cannot run.
    pub(super) fn request_search(&mut self) -> Option<Effect> {
        let query = match Query::parse(self.query.text()) {
            Ok(query) => query,
            Err(err) => {
                self.error = Some(Ui::fill(self.ui().query_error, &[&err.to_string()]));
                return None;
            }
        };
        self.error = None;
        let scope = match &self.results {
            Results::Search { query: old, hits } if query.narrows(old) => Some(hits.records()),
            _ => None,
        };
        Some(self.request(Job::Search { query, scope }))
    }

    /// Switches to diagnose mode on `text` and asks for its diagnosis.
    pub(super) fn start_diagnosis(&mut self, text: String) -> Option<Effect> {
        let saved = match &self.mode {
            Mode::Diagnose { saved, .. } => saved.clone(),
            Mode::Search => self.query.clone(),
        };
        self.mode = Mode::Diagnose { text: text.clone(), saved };
        self.results = Results::Pending;
        self.reset_view();
        Some(self.request(Job::Diagnose { text }))
    }

    /// Leaves diagnose mode for the query the user had before.
    pub(super) fn leave_diagnosis(&mut self) -> Option<Effect> {
        if let Mode::Diagnose { saved, .. } = std::mem::replace(&mut self.mode, Mode::Search) {
            self.query = saved;
        }
        self.results = Results::Pending;
        self.reset_view();
        self.request_search()
    }

    pub(super) fn request(&mut self, job: Job) -> Effect {
        self.generation += 1;
        self.busy = true;
        Effect::Request(Request { generation: self.generation, job })
    }

    /// Takes the KB the worker loaded. When it replaces a first part of a large KB, the
    /// current search or diagnosis runs again over all of it.
    pub(super) fn loaded(&mut self, loaded: Loaded) -> Option<Effect> {
        let refresh = self.loaded.is_some();
        self.load_progress = if loaded.complete { None } else { Some(loaded.kb.len()) };
        self.loaded = Some(loaded);
        if !refresh {
            return None;
        }
        let job = match &self.mode {
            Mode::Diagnose { text, .. } => Job::Diagnose { text: text.clone() },
            Mode::Search => Job::Search { query: Query::parse(self.query.text()).ok()?, scope: None },
        };
        Some(self.request(job))
    }

    /// Takes a finished search, unless a newer request superseded it.
    pub(super) fn searched(&mut self, generation: u64, query: Query, hits: Ranking) {
        if generation != self.generation {
            return;
        }
        let before = self.results.record_at(self.selected);
        // Only among the rows already ranked: finding it further down would rank every row.
        let row = before.and_then(|record| hits.ranked_row(record));
        self.results = Results::Search { query, hits };
        self.busy = false;
        match row {
            Some(row) => self.selected = row,
            None => self.select(0),
        }
        self.keep_selection_visible();
    }

    /// Takes a search's ranking with every row ranked, unless a newer request superseded it,
    /// and selects the last row (the user pressed `End`).
    pub(super) fn ranked_all(&mut self, generation: u64, ranked: Ranking) {
        if generation != self.generation {
            return;
        }
        if let Results::Search { hits, .. } = &mut self.results {
            *hits = ranked;
        }
        self.busy = false;
        self.select(usize::MAX);
    }

    /// Takes a finished diagnosis, unless a newer request superseded it.
    pub(super) fn diagnosed(&mut self, generation: u64, diagnosis: Diagnosis) {
        if generation != self.generation {
            return;
        }
        self.results = Results::Diagnose(diagnosis);
        self.busy = false;
        self.select(0);
    }

    /// Back to the top of the list, focus on it, no link followed.
    fn reset_view(&mut self) {
        self.focus = Focus::List;
        self.shown = None;
        self.history.clear();
        self.select(0);
    }
}
