//! Regex hits that records of other domains share. Near-duplicate records of different
//! ecosystems carry the same generic pattern (`connection refused`, `context deadline
//! exceeded`, `permission denied`): when several of them fire on the same part of the text,
//! that part says what kind of error it is, not whose. Each such hit keeps only its share,
//! `1 / (1 + other domains)`, so the wording and the program's evidence decide among them;
//! records of one domain that share a pattern (one error, several versions) are not split.

use std::collections::HashMap;
use std::ops::Range;

use super::RegexHit;
use crate::kb::Kb;

/// A hit's span and its record's domain.
type Hit<'a> = (Range<usize>, Option<&'a str>);

/// Divides each hit's strength among the domains whose records hit mostly the same span
/// (see [`sharing_domains`]), and records how many other domains it was shared with.
pub(super) fn split_shared(kb: &Kb, hits: &mut HashMap<usize, RegexHit>) {
    let (indices, spans): (Vec<usize>, Vec<Hit>) = hits
        .iter()
        .map(|(&index, hit)| (index, (hit.found.span.clone(), kb.records()[index].domain.as_deref())))
        .unzip();
    for (index, others) in indices.into_iter().zip(sharing_domains(&spans)) {
        if let Some(hit) = hits.get_mut(&index) {
            hit.shared_with = others;
            hit.strength /= (1 + others) as f32;
        }
    }
}

/// For each hit (its span and its record's domain), how many other domains have a hit on
/// mostly the same span: overlapping by at least half of the longer of the two. A short hit
/// inside a long one is not the same evidence (the long one says more), so it is not shared.
/// Quadratic in the hits, which the prefilter bounds to a few hundred.
fn sharing_domains(hits: &[Hit]) -> Vec<usize> {
    let same_domain = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a.is_none() && b.is_none(),
    };
    hits.iter()
        .map(|(span, domain)| {
            let mut others: Vec<Option<&str>> = Vec::new();
            for (other, other_domain) in hits {
                let overlap = span.end.min(other.end).saturating_sub(span.start.max(other.start));
                let mostly_same = 2 * overlap >= span.len().max(other.len()) && overlap > 0;
                if mostly_same
                    && !same_domain(*domain, *other_domain)
                    && !others.iter().any(|seen| same_domain(*seen, *other_domain))
                {
                    others.push(*other_domain);
                }
            }
            others.len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::Diagnoser;
    use crate::kb::Record;

    #[test]
    fn counts_other_domains_on_mostly_the_same_span() {
        let hits = [
            (10..28, Some("grpc")),
            (10..28, Some("go")),
            (10..28, Some("Go")),
            (12..28, Some("kubernetes")),
            (0..80, Some("networking")),
            (40..50, Some("grpc")),
        ];
        // grpc shares with go (counted once, whatever the case) and kubernetes; the long
        // networking hit and the grpc hit elsewhere are other evidence.
        assert_eq!(sharing_domains(&hits), vec![2, 2, 2, 2, 0, 0]);
        assert_eq!(sharing_domains(&[(0..5, None), (0..5, None)]), vec![0, 0]);
    }

    fn record(id: &str, domain: &str, signature: &str, regex: &str) -> Record {
        let mut record = Record::with_id(id);
        record.domain = Some(domain.into());
        record.signature = Some(signature.into());
        record.regex = Some(regex.into());
        record
    }

    #[test]
    fn a_psql_refusal_ranks_the_postgres_record_above_generic_connection_refused_ones() {
        let records = vec![
            record("grpc/connection-refused", "grpc", "failed to connect: connection refused", "connection refused"),
            record("go/connection-refused", "go", "dial tcp [::1]:8080: connect: connection refused", "connection refused"),
            // Its pattern was written for an older wording of the message, and does not fire.
            record(
                "database/connection-refused",
                "database",
                "psql: error: could not connect to server: Connection refused. Is the server running on host and accepting TCP/IP connections?",
                "could not connect to server.*Connection refused",
            ),
        ];
        let kb = Kb::from_parts(records, vec![]);
        let text = "psql: error: connection to server at \"127.0.0.1\", port 5545 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n";
        let diagnosis = Diagnoser::new(&kb).diagnose(&kb, text, 5);
        let ids: Vec<&str> = diagnosis.matches.iter().map(|m| kb.records()[m.index].id.as_str()).collect();
        assert_eq!(ids[0], "database/connection-refused", "{:#?}", diagnosis.matches);
        let grpc = diagnosis.matches.iter().find(|m| kb.records()[m.index].id.starts_with("grpc")).map(|m| &m.why);
        assert!(grpc.is_some_and(|why| why.contains("shared with records of 1 other domain")), "{grpc:?}");
    }
}
