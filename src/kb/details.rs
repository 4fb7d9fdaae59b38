//! A record's detail sections: versions, OS notes, dead ends, workarounds (with their Chinese
//! renderings) and transition-graph links. They are most of a record's strings but only the
//! record on screen, the matches printed and validation read them, so a loaded [`Record`]
//! does not keep them: [`Record::details`] parses them from the record's raw text when asked,
//! and the caller owns (and drops) the result.
//!
//! [`Record`]: super::Record
//! [`Record::details`]: super::Record::details

use super::record::{localize, Localized};
use crate::i18n::Lang;

/// The detail sections of one record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub versions: Vec<Version>,
    /// OS name -> notes, in the order of the source.
    pub os_specific: Vec<(String, String)>,
    pub dead_ends: Vec<DeadEnd>,
    pub workarounds: Vec<Workaround>,
    /// Chinese rendering of each workaround, index-aligned with `workarounds`.
    pub workarounds_zh: Vec<Option<String>>,
    pub transition_graph: TransitionGraph,
}

/// A version of the software that shows the error.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Version {
    pub version: Option<String>,
    pub introduced: Option<String>,
    pub deprecated: Option<String>,
    pub removed: Option<String>,
    pub behavior_change: Option<String>,
    pub status: Option<String>,
}

/// A fix that does not work, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeadEnd {
    pub action: Option<String>,
    pub why_fails: Option<String>,
    pub fail_rate: Option<f64>,
    pub condition: Option<String>,
    pub sources: Vec<String>,
}

/// A fix that works, usually with a command to run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workaround {
    pub action: Option<String>,
    pub success_rate: Option<f64>,
    pub how: Option<String>,
    pub condition: Option<String>,
    pub sources: Vec<String>,
}

/// Links from a record to other records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TransitionGraph {
    pub leads_to: Vec<Link>,
    pub preceded_by: Vec<Link>,
    pub frequently_confused_with: Vec<Link>,
}

/// One edge of the transition graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Link {
    pub error_id: String,
    pub probability: Option<f64>,
    pub condition: Option<String>,
    pub distinction: Option<String>,
}

/// The kind of a transition-graph edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    LeadsTo,
    PrecededBy,
    ConfusedWith,
}

impl Details {
    /// Workaround `index` as prose in `lang` (Chinese rendering, or the English action/how).
    pub fn workaround_text_in(&self, index: usize, lang: Lang) -> Option<Localized<'_>> {
        let workaround = self.workarounds.get(index)?;
        let zh = self.workarounds_zh.get(index).and_then(|zh| zh.as_deref());
        localize(workaround.text(), zh, lang)
    }

    /// Every id the record links to, with the kind of link.
    pub fn links(&self) -> impl Iterator<Item = (LinkKind, &Link)> {
        let graph = &self.transition_graph;
        graph
            .leads_to
            .iter()
            .map(|l| (LinkKind::LeadsTo, l))
            .chain(graph.preceded_by.iter().map(|l| (LinkKind::PrecededBy, l)))
            .chain(graph.frequently_confused_with.iter().map(|l| (LinkKind::ConfusedWith, l)))
    }
}

impl Workaround {
    /// The workaround's prose: `how` when it says more than `action`, else `action`.
    pub fn text(&self) -> Option<&str> {
        match (self.action.as_deref(), self.how.as_deref()) {
            (Some(action), Some(how)) if how.trim().is_empty() || how == action => Some(action),
            (_, Some(how)) if !how.trim().is_empty() => Some(how),
            (action, _) => action,
        }
    }
}
