//! Qualifiers before a figure (« environ », « plus de », « jusqu'à »),
//! matched backwards from the number.

use rustc_hash::FxHashMap;

use crate::number::{char_before, is_hspace, skip_hspace_back};
use crate::text::chars::is_alnum;

/// A qualifier before a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qual {
    Approx,
    Min,
    Max,
    Exact,
}

/// Qualifiers, longest first so that « au moins » wins over « moins ».
pub(super) const QUALIFIERS: &[(&str, Qual)] = &[
    ("aux alentours de", Qual::Approx),
    ("approximativement", Qual::Approx),
    ("au-dessous de", Qual::Max),
    ("au dessous de", Qual::Max),
    ("en-dessous de", Qual::Max),
    ("en dessous de", Qual::Max),
    ("aux environs de", Qual::Approx),
    ("supérieures à", Qual::Min),
    ("inférieures à", Qual::Max),
    ("de l'ordre de", Qual::Approx),
    ("de l'ordre d'", Qual::Approx),
    ("supérieure à", Qual::Min),
    ("inférieure à", Qual::Max),
    ("supérieurs à", Qual::Min),
    ("inférieurs à", Qual::Max),
    ("pas moins de", Qual::Min),
    ("pas moins d'", Qual::Min),
    ("pas plus de", Qual::Max),
    ("pas plus d'", Qual::Max),
    ("plus ou moins", Qual::Approx),
    ("supérieur à", Qual::Min),
    ("inférieur à", Qual::Max),
    ("à partir de", Qual::Min),
    ("pas loin de", Qual::Approx),
    ("précisément", Qual::Exact),
    ("pratiquement", Qual::Approx),
    ("grosso modo", Qual::Approx),
    ("au-delà de", Qual::Min),
    ("au delà de", Qual::Min),
    ("au maximum", Qual::Max),
    ("au minimum", Qual::Min),
    ("à peu près", Qual::Approx),
    ("exactement", Qual::Exact),
    ("autour de", Qual::Approx),
    ("autour d'", Qual::Approx),
    ("quasiment", Qual::Approx),
    ("jusqu'à", Qual::Max),
    ("jusqu'au", Qual::Max),
    ("environ", Qual::Approx),
    ("presque", Qual::Approx),
    ("quelque", Qual::Approx),
    ("maximum", Qual::Max),
    ("minimum", Qual::Min),
    ("au moins", Qual::Min),
    ("moins de", Qual::Max),
    ("moins d'", Qual::Max),
    ("plus que", Qual::Min),
    ("plus de", Qual::Min),
    ("plus d'", Qual::Min),
    ("près de", Qual::Approx),
    ("près d'", Qual::Approx),
    ("au plus", Qual::Max),
    ("quasi", Qual::Approx),
    ("moins", Qual::Max),
    ("pile", Qual::Exact),
];

/// [`QUALIFIERS`] by their last word, to try only the few that may end
/// before a number.
#[derive(Debug)]
pub(super) struct Qualifiers {
    /// Last word → indices in [`QUALIFIERS`], in list order.
    pub(super) by_last_word: FxHashMap<&'static str, Vec<usize>>,
    /// The qualifiers ending with an apostrophe, in list order.
    pub(super) apostrophe: Vec<usize>,
    /// Each qualifier's characters, last first.
    pub(super) reversed: Vec<Vec<char>>,
}

/// The text before a byte read backwards as [`phrase_before`] compares it
/// with a phrase: each character lowercased (a character whose lowercase
/// is not one character becomes U+FFFD, which no phrase holds), ’ as ', a
/// run of horizontal spaces as one space.
pub(super) struct Tail {
    /// The characters, last first.
    pub(super) chars: [char; Tail::LEN],
    /// The byte where each of them starts in the text.
    pub(super) starts: [usize; Tail::LEN],
    pub(super) len: usize,
}

impl Tail {
    /// More characters than the longest qualifier.
    pub(super) const LEN: usize = 24;

    pub(super) fn before(text: &str, mut k: usize) -> Tail {
        let mut t = Tail { chars: ['\0'; Tail::LEN], starts: [0; Tail::LEN], len: 0 };
        while t.len < Tail::LEN
            && let Some(c) = char_before(text, k)
        {
            let n = if is_hspace(c) {
                k = skip_hspace_back(text, k);
                ' '
            } else {
                k -= c.len_utf8();
                match c {
                    '’' | '\'' => '\'',
                    c if c.is_ascii() => c.to_ascii_lowercase(),
                    c => {
                        let mut lower = c.to_lowercase();
                        match (lower.next(), lower.next()) {
                            (Some(l), None) => l,
                            _ => char::REPLACEMENT_CHARACTER,
                        }
                    }
                }
            };
            t.chars[t.len] = n;
            t.starts[t.len] = k;
            t.len += 1;
        }
        t
    }

    /// The start of `reversed` (a phrase, last character first) when the
    /// tail ends with it at a word boundary.
    pub(super) fn ends_with(&self, text: &str, reversed: &[char]) -> Option<usize> {
        let n = reversed.len();
        if n == 0 || n > self.len || self.chars[..n] != *reversed {
            return None;
        }
        let start = self.starts[n - 1];
        (!char_before(text, start).is_some_and(is_alnum)).then_some(start)
    }
}

/// `phrase` (lowercase; a space matches any run of horizontal spaces; '
/// matches ’) ending just before byte `i` (spaces skipped), at a word
/// boundary: its start.
pub(super) fn phrase_before(text: &str, i: usize, phrase: &str) -> Option<usize> {
    let j = if phrase.ends_with('\'') { i } else { skip_hspace_back(text, i) };
    if phrase.ends_with('\'') && j != i {
        return None;
    }
    if !phrase.ends_with('\'') && j == i {
        return None;
    }
    let mut k = j;
    for p in phrase.chars().rev() {
        if p == ' ' {
            let back = skip_hspace_back(text, k);
            if back == k {
                return None;
            }
            k = back;
            continue;
        }
        let c = char_before(text, k)?;
        let ok = if p == '\'' { c == '\'' || c == '’' } else { lower_is(c, p) };
        if !ok {
            return None;
        }
        k -= c.len_utf8();
    }
    if char_before(text, k).is_some_and(is_alnum) {
        return None;
    }
    Some(k)
}

impl Qualifiers {
    pub(super) fn new() -> Self {
        let mut q = Qualifiers {
            by_last_word: FxHashMap::default(),
            apostrophe: Vec::new(),
            reversed: QUALIFIERS.iter().map(|(p, _)| p.chars().rev().collect()).collect(),
        };
        for (k, &(p, _)) in QUALIFIERS.iter().enumerate() {
            if p.ends_with('\'') {
                q.apostrophe.push(k);
            } else {
                let last = p.rfind([' ', '\'']).map_or(p, |s| &p[s + 1..]);
                q.by_last_word.entry(last).or_default().push(k);
            }
        }
        q
    }

    /// A qualifier ending just before byte `i`.
    pub(super) fn before(&self, text: &str, i: usize) -> Option<(usize, Qual)> {
        // A cheap test first, the full backward scan after: most figures
        // have no qualifier at all. A phrase ending with an apostrophe must
        // end right at `i`. Any other needs spaces before `i`, and its last
        // word must be the whole run of letters and digits before those
        // spaces: `phrase_before` matches it letter by letter (only letters
        // lowercase to letters) and then wants a space, an apostrophe or a
        // word boundary.
        let j = skip_hspace_back(text, i);
        let before = char_before(text, j)?;
        let candidates = if j == i {
            if before != '\'' && before != '’' {
                return None;
            }
            &self.apostrophe
        } else {
            let mut k = j;
            while let Some(c) = char_before(text, k)
                && is_alnum(c)
            {
                k -= c.len_utf8();
                if j - k > MAX_QUALIFIER_WORD {
                    return None;
                }
            }
            // Lowercased as a whole, the run equals the last word whenever
            // `phrase_before` can match it (it may equal it more often).
            crate::number::with_lowercase(&text[k..j], |run| self.by_last_word.get(run))?
        };
        // The phrases compared with the text read backwards once, as
        // `phrase_before` would compare them one by one.
        let tail = Tail::before(text, j);
        candidates.iter().find_map(|&k| tail.ends_with(text, &self.reversed[k]).map(|s| (s, QUALIFIERS[k].1)))
    }
}

/// More bytes than the last word of any qualifier (17 letters), even
/// written with 4-byte characters.
pub(super) const MAX_QUALIFIER_WORD: usize = 17 * 4;

/// True when `c` lowercases to exactly the single character `p`.
pub(super) fn lower_is(c: char, p: char) -> bool {
    if c.is_ascii() { c.to_ascii_lowercase() == p } else { c.to_lowercase().eq(std::iter::once(p)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::alnum_end;

    #[test]
    fn phrases_before() {
        let at = |s: &str| s.len() - 1;
        assert_eq!(phrase_before("près de 4", at("près de 4"), "près de"), Some(0));
        assert_eq!(phrase_before("Près\u{a0}de 4", at("Près\u{a0}de 4"), "près de"), Some(0));
        assert_eq!(phrase_before("d’au moins 4", at("d’au moins 4"), "au moins"), Some(4));
        assert_eq!(phrase_before("jusqu’à 4", at("jusqu’à 4"), "jusqu'à"), Some(0));
        // Negative: inside a word, or no space.
        assert_eq!(phrase_before("apprès de 4", at("apprès de 4"), "près de"), None);
        assert_eq!(phrase_before("près de4", at("près de4"), "près de"), None);
        let q = Qualifiers::new();
        assert_eq!(q.before("au moins 4", 9).map(|x| x.1), Some(Qual::Min));
        assert_eq!(q.before("plus ou moins 4", 14).map(|x| x.1), Some(Qual::Approx));
        assert_eq!(q.before("jusqu’à 4", "jusqu’à ".len()).map(|x| x.1), Some(Qual::Max));
        assert_eq!(q.before("PLUS D’4", "PLUS D’".len()).map(|x| x.1), Some(Qual::Min));
        assert_eq!(q.before("Près\u{a0}de 4", "Près\u{a0}de ".len()).map(|x| x.1), Some(Qual::Approx));
        // Negative: no qualifier, a word ending like one, no space.
        assert_eq!(q.before("soit 4", 5), None);
        assert_eq!(q.before("commoins 4", 9), None);
        assert_eq!(q.before("plus de4", 7), None);
    }

    #[test]
    fn qualifier_last_words_are_whole_words() {
        // `Qualifiers::before` finds a qualifier by the run of letters and
        // digits before the number: every last word must be such a run.
        for (p, _) in QUALIFIERS {
            let last = p.rfind([' ', '\'']).map_or(*p, |s| &p[s + 1..]);
            assert!(p.ends_with('\'') || (!last.is_empty() && alnum_end(last, 0) == last.len()), "{p}");
            // A run that may match it is at most 4 bytes a letter.
            assert!(last.chars().count() * 4 <= MAX_QUALIFIER_WORD, "{p}");
        }
    }
}
