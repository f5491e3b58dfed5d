//! Resolving overlaps between mentions of different extractors.

use std::cmp::Reverse;

use super::Mention;
use crate::record::Kind;

/// The longest entity of each kind, in words and in characters: the one
/// place where entity length is bounded, whatever the extractor. Real names,
/// figures and organizations stay far below (the longest of the corpus is a
/// 9-word, 61-character organization); a mention above is a run of
/// capitalized words, a headline or a repeated pattern, not an entity, and
/// is dropped before overlaps are resolved (so that it hides nothing).
///
/// ```
/// use depeche::Kind;
/// use depeche::extract::resolve::max_length;
/// assert_eq!(max_length(Kind::Person), (8, 100));
/// ```
pub fn max_length(kind: Kind) -> (usize, usize) {
    match kind {
        Kind::Person => (8, 100),
        Kind::Place => (10, 120),
        Kind::Organization => (15, 160),
        _ => (25, 200),
    }
}

/// Drops the mentions longer than [`max_length`] of their kind.
pub fn drop_overlong(text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        let (words, chars) = max_length(m.kind);
        // A character is at most four bytes: most mentions are decided on
        // their byte length alone, without walking the text.
        let len = m.end.saturating_sub(m.start);
        if len <= chars && len <= 2 * words {
            return true;
        }
        let Some(span) = text.get(m.start..m.end) else { return true };
        span.chars().take(chars + 1).count() <= chars && span.split_whitespace().take(words + 1).count() <= words
    });
}

/// Keeps, among overlapping mentions, the one found first (extractors run in
/// a fixed priority order: figures, then names), then sorts the survivors by
/// start, longest first.
///
/// The bytes already claimed are kept in a bitset over the text, so checking
/// a mention costs its length in bits: linear in the text, whatever the
/// order the mentions come in. The survivors are sorted by index, then
/// moved once.
pub fn resolve_overlaps(mentions: &mut Vec<Mention>) {
    let len = mentions.iter().map(|m| m.end).max().unwrap_or(0);
    let mut taken = Bits::new(len);
    let mut kept: Vec<(usize, Reverse<usize>, Kind, usize)> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        if m.start >= m.end || taken.any(m.start, m.end) {
            continue;
        }
        taken.set(m.start, m.end);
        kept.push((m.start, Reverse(m.end), m.kind, i));
    }
    // Kept spans are disjoint, so no two keys are equal.
    kept.sort_unstable();
    let mut slots: Vec<Option<Mention>> = mentions.drain(..).map(Some).collect();
    mentions.extend(kept.iter().filter_map(|k| slots[k.3].take()));
}

/// A fixed-size set of byte positions.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Self {
        Bits(vec![0; len.div_ceil(64)])
    }

    /// The words covering `start..end` (non-empty) and, for each, the mask
    /// of the positions inside.
    fn words(start: usize, end: usize) -> impl Iterator<Item = (usize, u64)> {
        let (first, last) = (start / 64, (end - 1) / 64);
        (first..=last).map(move |w| {
            let lo = if w == first { start % 64 } else { 0 };
            let hi = if w == last { (end - 1) % 64 } else { 63 };
            (w, (u64::MAX >> (63 - hi)) & (u64::MAX << lo))
        })
    }

    fn any(&self, start: usize, end: usize) -> bool {
        Self::words(start, end).any(|(w, mask)| self.0[w] & mask != 0)
    }

    fn set(&mut self, start: usize, end: usize) {
        for (w, mask) in Self::words(start, end) {
            self.0[w] |= mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The old definition: first found wins, checked against every kept span.
    fn reference(mentions: &[Mention]) -> Vec<(usize, usize, Kind)> {
        let mut kept: Vec<&Mention> = Vec::new();
        for m in mentions {
            if m.start < m.end && !kept.iter().any(|k| k.overlaps(m)) {
                kept.push(m);
            }
        }
        kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
        kept.iter().map(|m| (m.start, m.end, m.kind)).collect()
    }

    proptest::proptest! {
        #[test]
        fn same_as_the_definition(spans in proptest::collection::vec((0usize..300, 0usize..80, 0usize..5), 0..60)) {
            let mentions: Vec<Mention> =
                spans.iter().map(|&(s, l, k)| Mention::new(Kind::ALL[k], s, s + l, "r")).collect();
            let want = reference(&mentions);
            let mut got = mentions.clone();
            resolve_overlaps(&mut got);
            let got: Vec<_> = got.iter().map(|m| (m.start, m.end, m.kind)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
