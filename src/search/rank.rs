//! Ranking the matches best first, lazily: a record whose score is only bounded (a fuzzy term
//! the matcher has not scored yet) is scored when its bound reaches the head of the queue, so
//! the first rows cost the scoring of the records that can reach them, not of every match.
//!
//! The queue is ordered by score or bound, higher first, then by record, lower first; a scored
//! record at its head comes before every other, since their scores are at most their bounds:
//! the rows come out exactly in the order of sorting every score.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::binary_heap::PeekMut;
use std::collections::BinaryHeap;
use std::fmt;
use std::sync::Arc;

use super::fuzzy::Estimate;
use super::{score_record, Hit, Query, ReadyTerm, SearchIndex, CANCEL_CHECK_EVERY, PARALLEL_FROM};
use crate::parallel::split;

/// A matching record waiting for its row: its score, or a bound of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pending {
    pub(super) index: usize,
    pub(super) estimate: Estimate,
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.estimate.value().cmp(&other.estimate.value()).then(other.index.cmp(&self.index))
    }
}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Pending {}

/// Asking for this many rows past the ranked ones (or more) ranks them all at once rather than
/// one by one.
const RANK_ALL_FROM: usize = 4096;
/// Records scored together when the head of the queue is only bounded, at first and at most:
/// the next ones likely need scoring too. Each batch is twice the one before, so that a few
/// rows cost few scores and many rows few batches. (Batches are scored on one thread: on two
/// cores, threads spawned for each batch doubled the time the matcher took.)
const FIRST_BATCH: usize = 32;
const LARGEST_BATCH: usize = 1024;

/// The rows ranked so far and the records still waiting.
#[derive(Debug, Clone)]
pub(super) struct Order {
    ranked: Vec<Hit>,
    pending: BinaryHeap<Pending>,
    /// The size of the next batch of records to score.
    batch: usize,
}

impl Order {
    /// The order of `matches`, none ranked yet.
    pub(super) fn new(matches: Vec<Pending>) -> Order {
        Order { ranked: Vec::new(), pending: BinaryHeap::from(matches), batch: FIRST_BATCH }
    }

    /// The number of matches.
    fn len(&self) -> usize {
        self.ranked.len() + self.pending.len()
    }

    /// Ranks rows until `rows` are ranked (or all are). `None` when `cancelled` said so first
    /// (the order is then incomplete).
    fn rank_to(
        &mut self,
        rows: usize,
        index: &SearchIndex,
        terms: &[ReadyTerm],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        if rows.saturating_sub(self.ranked.len()) >= RANK_ALL_FROM {
            return self.rank_all(index, terms, cancelled);
        }
        while self.ranked.len() < rows {
            let Some(head) = self.pending.pop() else { break };
            match head.estimate {
                Estimate::Exact(score) => self.ranked.push(Hit { index: head.index, score }),
                Estimate::AtMost(_) => {
                    let batch = self.next_batch(head);
                    if cancelled() {
                        return None;
                    }
                    self.pending.extend(batch.iter().map(|pending| Pending {
                        index: pending.index,
                        estimate: Estimate::Exact(exact_score(pending, index, terms)),
                    }));
                }
            }
        }
        Some(())
    }

    /// `head` and the bounded records right after it in the queue, as many as the batch size
    /// (which doubles).
    fn next_batch(&mut self, head: Pending) -> Vec<Pending> {
        let mut batch = vec![head];
        while batch.len() < self.batch {
            match self.pending.peek_mut() {
                Some(next) if matches!(next.estimate, Estimate::AtMost(_)) => batch.push(PeekMut::pop(next)),
                _ => break,
            }
        }
        self.batch = (self.batch * 2).min(LARGEST_BATCH);
        batch
    }

    /// Ranks every row: the waiting records are scored, on every core when they are many, and
    /// sorted. `None` when `cancelled` said so first (the order is then incomplete).
    pub(super) fn rank_all(
        &mut self,
        index: &SearchIndex,
        terms: &[ReadyTerm],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let waiting = std::mem::take(&mut self.pending).into_vec();
        let mut rest: Vec<Hit> = score_all(&waiting, index, terms, cancelled)?
            .into_iter()
            .map(|pending| Hit { index: pending.index, score: pending.estimate.value() })
            .collect();
        rest.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        self.ranked.extend(rest);
        Some(())
    }

    /// Every hit, best first (all ranked).
    pub(super) fn into_ranked(self) -> Vec<Hit> {
        self.ranked
    }
}

/// `waiting` with their scores, on every core when they are many; `None` when `cancelled`
/// said so first.
fn score_all(
    waiting: &[Pending],
    index: &SearchIndex,
    terms: &[ReadyTerm],
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Pending>> {
    let parts = split(waiting.len(), PARALLEL_FROM, |start, end| {
        let mut scored = Vec::with_capacity(end - start);
        for (n, pending) in waiting[start..end].iter().enumerate() {
            if n % CANCEL_CHECK_EVERY == 0 && cancelled() {
                return None;
            }
            scored
                .push(Pending { index: pending.index, estimate: Estimate::Exact(exact_score(pending, index, terms)) });
        }
        Some(scored)
    })?;
    Some(parts.into_iter().flatten().collect())
}

/// The score of a waiting record. The first pass found it matching, so the fuzzy matcher gives
/// it a score; its bound stands in should it not.
fn exact_score(pending: &Pending, index: &SearchIndex, terms: &[ReadyTerm]) -> i64 {
    match pending.estimate {
        Estimate::Exact(score) => score,
        Estimate::AtMost(bound) => score_record(index.entry(pending.index), terms).unwrap_or(bound),
    }
}

/// The records that match a query, ranked best first as rows are asked for: only the records
/// that can reach the rows asked for are fuzzy-scored; the others when the list gets to them.
#[derive(Clone)]
pub struct Ranking {
    index: Arc<SearchIndex>,
    terms: Arc<[ReadyTerm]>,
    order: RefCell<Order>,
}

impl fmt::Debug for Ranking {
    /// The counts only: the index behind a ranking is the whole KB's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let order = self.order.borrow();
        f.debug_struct("Ranking").field("matches", &order.len()).field("ranked", &order.ranked.len()).finish()
    }
}

impl Ranking {
    /// The number of matching records.
    pub fn len(&self) -> usize {
        self.order.borrow().len()
    }

    /// Whether no record matches.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hit at `row` (0 is the best), ranking the rows up to it when needed.
    pub fn get(&self, row: usize) -> Option<Hit> {
        let mut order = self.order.borrow_mut();
        order.rank_to(row.saturating_add(1), &self.index, &self.terms, &|| false)?;
        order.ranked.get(row).copied()
    }

    /// How many matching records are not ranked yet.
    pub fn unranked(&self) -> usize {
        self.order.borrow().pending.len()
    }

    /// This ranking with every row ranked (on every core when they are many); `None` when
    /// `cancelled` said so first.
    pub fn into_all_ranked(self, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Ranking> {
        self.order.borrow_mut().rank_all(&self.index, &self.terms, cancelled)?;
        Some(self)
    }

    /// The row of `record` among the rows ranked so far (at least those asked for when the
    /// ranking was made).
    pub fn ranked_row(&self, record: usize) -> Option<usize> {
        self.order.borrow().ranked.iter().position(|hit| hit.index == record)
    }

    /// Every matching record, in KB order: the scope of a search that narrows this one (which
    /// then reads the index in memory order).
    pub fn records(&self) -> Vec<usize> {
        let order = self.order.borrow();
        let mut records: Vec<usize> =
            order.ranked.iter().map(|hit| hit.index).chain(order.pending.iter().map(|p| p.index)).collect();
        records.sort_unstable();
        records
    }
}

/// Like [`super::search`], but only the first `rows` rows are ranked before it returns; the
/// others are ranked when [`Ranking::get`] asks for them. `None` when `cancelled` said so.
pub fn rank(
    index: &Arc<SearchIndex>,
    query: &Query,
    scope: Option<&[usize]>,
    rows: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Ranking> {
    let terms: Arc<[ReadyTerm]> = query.terms.iter().map(ReadyTerm::new).collect();
    let mut order = Order::new(super::matches(index, &terms, scope, cancelled)?);
    order.rank_to(rows, index, &terms, cancelled)?;
    Some(Ranking { index: Arc::clone(index), terms, order: RefCell::new(order) })
}
