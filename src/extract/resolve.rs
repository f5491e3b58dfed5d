//! Resolving overlaps between mentions of different extractors.

use super::Mention;

/// Keeps, among overlapping mentions, the one found first (extractors run in
/// a fixed priority order: figures, then names), then sorts the survivors by
/// start, longest first.
pub fn resolve_overlaps(mentions: &mut Vec<Mention>) {
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    // Kept spans (disjoint, so keyed by start), to check overlaps in
    // O(log n); a sorted Vec would make interleaved mentions quadratic.
    let mut spans: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for m in mentions.drain(..) {
        if m.start >= m.end {
            continue;
        }
        let overlaps_prev = spans.range(..m.start).next_back().is_some_and(|(_, &end)| end > m.start);
        let overlaps_next = spans.range(m.start..).next().is_some_and(|(&start, _)| start < m.end);
        if overlaps_prev || overlaps_next {
            continue;
        }
        spans.insert(m.start, m.end);
        kept.push(m);
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
    *mentions = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Kind;

    #[test]
    fn first_found_wins_and_output_is_sorted() {
        let mut v = vec![
            Mention::new(Kind::Money, 10, 20, "a"),
            Mention::new(Kind::Organization, 15, 25, "b"),
            Mention::new(Kind::Person, 0, 5, "c"),
            Mention::new(Kind::Place, 20, 22, "d"),
        ];
        resolve_overlaps(&mut v);
        let got: Vec<_> = v.iter().map(|m| (m.start, m.rule)).collect();
        assert_eq!(got, vec![(0, "c"), (10, "a"), (20, "d")]);
    }
}
