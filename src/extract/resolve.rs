//! Resolving overlaps between mentions of different extractors.

use super::Mention;

/// Keeps, among overlapping mentions, the one found first (extractors run in
/// a fixed priority order: figures, then names), then sorts the survivors by
/// start, longest first.
pub fn resolve_overlaps(mentions: &mut Vec<Mention>) {
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    // Sorted index of kept spans, to check overlaps in O(log n).
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        if m.start >= m.end {
            continue;
        }
        let pos = spans.partition_point(|&(s, _)| s < m.start);
        let overlaps_prev = pos > 0 && spans[pos - 1].1 > m.start;
        let overlaps_next = pos < spans.len() && spans[pos].0 < m.end;
        if overlaps_prev || overlaps_next {
            continue;
        }
        spans.insert(pos, (m.start, m.end));
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
