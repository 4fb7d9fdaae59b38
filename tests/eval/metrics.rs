//! Precision@1, Precision@3, MRR and correctly rejected negatives over ranked results.

use std::collections::BTreeMap;

use super::{Case, Labels};

/// One ranked answer: (record id, score in 0..1), best first.
pub type Ranking = Vec<(String, f32)>;

/// Scores at or above this are confident.
pub const CONFIDENT: f32 = 0.5;

/// Figures for a group of cases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub positives: usize,
    pub top1: usize,
    pub top3: usize,
    pub reciprocal_rank: f64,
    pub negatives: usize,
    pub negatives_rejected: usize,
}

impl Figures {
    fn add(&mut self, case: &Case, labels: Labels, ranking: &Ranking) {
        let acceptable = case.acceptable(labels);
        if acceptable.is_empty() {
            self.negatives += 1;
            let confident = ranking.first().is_some_and(|(_, score)| *score >= CONFIDENT);
            self.negatives_rejected += usize::from(!confident);
            return;
        }
        self.positives += 1;
        if let Some(rank) = ranking.iter().position(|(id, _)| acceptable.contains(id)) {
            self.top1 += usize::from(rank == 0);
            self.top3 += usize::from(rank < 3);
            self.reciprocal_rank += 1.0 / (rank + 1) as f64;
        }
    }

    pub fn p_at_1(&self) -> f64 {
        ratio(self.top1 as f64, self.positives)
    }

    pub fn p_at_3(&self) -> f64 {
        ratio(self.top3 as f64, self.positives)
    }

    pub fn mrr(&self) -> f64 {
        ratio(self.reciprocal_rank, self.positives)
    }

    /// `P@1 P@3 MRR negatives` as one table row.
    pub fn row(&self) -> String {
        format!(
            "{:>4} | {:>5.3} | {:>5.3} | {:>5.3} | {:>2}/{:<2}",
            self.positives,
            self.p_at_1(),
            self.p_at_3(),
            self.mrr(),
            self.negatives_rejected,
            self.negatives
        )
    }
}

fn ratio(part: f64, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part / whole as f64
    }
}

/// Figures overall, per domain, and for real vs synthetic cases.
#[derive(Debug, Default)]
pub struct Report {
    pub overall: Figures,
    pub by_domain: BTreeMap<String, Figures>,
    pub real: Figures,
    pub synthetic: Figures,
    /// Positive cases whose best acceptable record was not first: (case, expected, got).
    pub misses: Vec<(String, String, String)>,
}

impl Report {
    /// Scores every case's ranking.
    pub fn new(cases: &[Case], labels: Labels, rank: impl Fn(&Case) -> Ranking) -> Report {
        let mut report = Report::default();
        for case in cases {
            let ranking = rank(case);
            report.overall.add(case, labels, &ranking);
            report.by_domain.entry(case.domain.clone()).or_default().add(case, labels, &ranking);
            let group = if case.synthetic { &mut report.synthetic } else { &mut report.real };
            group.add(case, labels, &ranking);
            let acceptable = case.acceptable(labels);
            let top = ranking.first().map(|(id, s)| format!("{id} ({s:.2})")).unwrap_or_else(|| "-".into());
            let wrong_positive =
                !acceptable.is_empty() && ranking.first().is_none_or(|(id, _)| !acceptable.contains(id));
            let wrong_negative = acceptable.is_empty() && ranking.first().is_some_and(|(_, s)| *s >= CONFIDENT);
            if wrong_positive || wrong_negative {
                let expected = acceptable.first().cloned().unwrap_or_else(|| "(none)".into());
                report.misses.push((case.name.clone(), expected, top));
            }
        }
        report
    }
}
