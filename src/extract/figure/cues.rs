//! Article cues: which dollar, franc or crown an ambiguous currency is,
//! from the places an article names (`currency_cues.tsv`, loaded with the
//! lexicons) and the locale.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use super::Grammar;
use super::currency::Currency;
use crate::lexicon::CurrencyCue;
use crate::locale::Locale;
use crate::number::char_at;
use crate::number::char_before;
use crate::text::chars::{alnum_end, is_alnum};

/// A first line shorter than this is a title: its cues weigh more.
pub(super) const LEAD_BYTES: usize = 200;

/// Resolved ambiguous currencies of one article.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Cues {
    /// group → (code, score).
    pub(super) best: FxHashMap<&'static str, (&'static str, u32)>,
    pub(super) usd: u32,
}

/// The cues indexed for [`CueIndex::find`], built once.
#[derive(Debug)]
pub(super) struct CueIndex {
    /// The cues, matched case-sensitively at word boundaries.
    pub(super) cues: Vec<CurrencyCue>,
    /// The indices in `cues` of the cues by their first word.
    by_first_word: FxHashMap<&'static str, Vec<usize>>,
    /// For each byte, bit `n` set when a first word of a cue starting with
    /// that byte is `n` bytes long: most words of an article are rejected
    /// without hashing them.
    first_lengths: [u64; 256],
    /// Bit `256 * a + b` set when a cue starts with the bytes `a`, `b`.
    pairs: Box<[u64; 1024]>,
}

impl CueIndex {
    /// Indexes the cues (each at least two bytes long, its first word
    /// shorter than 64 bytes: the lexicon loader checks it).
    pub(super) fn new(cues: Vec<CurrencyCue>) -> Self {
        let mut by_first_word: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        let mut first_lengths = [0u64; 256];
        let mut pairs = Box::new([0u64; 65536 / 64]);
        for (k, cue) in cues.iter().enumerate() {
            let p = cue.pattern.as_bytes();
            let (Some(&b0), Some(&b1)) = (p.first(), p.get(1)) else { continue };
            let first = &cue.pattern[..alnum_end(cue.pattern, 0)];
            if first.is_empty() || first.len() >= 64 {
                continue;
            }
            let pair = usize::from(b0) << 8 | usize::from(b1);
            pairs[pair / 64] |= 1 << (pair % 64);
            by_first_word.entry(first).or_default().push(k);
            first_lengths[usize::from(first.as_bytes()[0])] |= 1 << first.len();
        }
        CueIndex { cues, by_first_word, first_lengths, pairs }
    }
}

impl Grammar {
    /// Resolves an ambiguous currency from the locale and the article.
    pub(super) fn resolve(&self, text: &str, cur: Currency, cues: &OnceCell<Cues>) -> (Option<&'static str>, bool) {
        let Some(group) = cur.group else { return (cur.code, false) };
        let cues = cues.get_or_init(|| self.cues.scan(text));
        let cue = cues.best.get(group).copied().filter(|&(_, s)| s >= 3);
        let cue = match (group, cue) {
            ("dollar" | "cent", Some((c, s))) if s > cues.usd => Some(c),
            ("dollar" | "cent", _) => None,
            (_, c) => c.map(|c| c.0),
        };
        if let Some(c) = cue {
            return (Some(c), true);
        }
        let by_locale = match (group, self.locale) {
            ("dollar" | "cent", Locale::FrCa) => Some("CAD"),
            ("franc" | "centime", Locale::FrCh) => Some("CHF"),
            ("franc", Locale::FrBe) => Some("BEF"),
            _ => None,
        };
        if let Some(c) = by_locale {
            return (Some(c), true);
        }
        match group {
            "franc" => (Some("FRF"), true),
            // Bare « livres » are as often books or weight as pounds: only
            // money with a cue (checked by the caller through `None`).
            "livre" => (None, false),
            _ => (cur.code, false),
        }
    }
}

impl CueIndex {
    /// The cues of the article, at word boundaries, as (start, end, index
    /// in `cues`).
    ///
    /// This is what a leftmost-longest search of all the cues, keeping the
    /// matches at word boundaries, finds: no cue is another followed by
    /// more words (so a cue ending at a boundary is the longest there), and
    /// a match starting inside a word could only hide a cue starting after
    /// one of its inner spaces, hyphens or apostrophes, where no cue starts
    /// (« Street », « Unis », « Ivoire », « saoudite »...). Both checked by
    /// the tests.
    pub(super) fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let b = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < b.len() {
                // Only where the first two bytes of a cue are (every cue has
                // two; none starts with a UTF-8 continuation byte, so `s`
                // starts a character)...
                let mut prev = b[i];
                let Some(off) = b[i + 1..].iter().position(|&c| {
                    let pair = usize::from(prev) << 8 | usize::from(c);
                    prev = c;
                    self.pairs[pair / 64] & (1 << (pair % 64)) != 0
                }) else {
                    i = b.len();
                    break;
                };
                let s = i + off;
                i = s + 1;
                // ... then only at a word start: no letter nor digit before.
                if char_before(text, s).is_some_and(is_alnum) {
                    continue;
                }
                // A word: its length must be that of a cue's first word, or
                // no cue starts here (nor inside it).
                let e = alnum_end(text, s);
                i = e.max(s + 1);
                if e - s >= 64 || self.first_lengths[usize::from(b[s])] & (1 << (e - s)) == 0 {
                    continue;
                }
                let Some(ks) = self.by_first_word.get(&text[s..e]) else { continue };
                for &k in ks {
                    let cue = self.cues[k].pattern;
                    let end = s + cue.len();
                    if b[s..].starts_with(cue.as_bytes()) && !char_at(text, end).is_some_and(is_alnum) {
                        i = end;
                        return Some((s, end, k));
                    }
                }
            }
            None
        })
    }

    /// Scans the article once for place cues.
    pub(super) fn scan(&self, text: &str) -> Cues {
        let mut cues = Cues::default();
        let mut scores: FxHashMap<(&'static str, &'static str), u32> = FxHashMap::default();
        // The title: the first line, when the text starts with a short one.
        let title_end = memchr::memchr(b'\n', &text.as_bytes()[..text.len().min(LEAD_BYTES)]).unwrap_or(0);
        for (start, _, k) in self.find(text) {
            let CurrencyCue { group, code, country, .. } = self.cues[k];
            // Country names are often listed in passing; cities and
            // adjectives say more about where the story is set.
            let w = if country { 1 } else { 2 } + u32::from(start < title_end);
            if group == "dollar" && code == "USD" {
                cues.usd += w;
                continue;
            }
            *scores.entry((group, code)).or_default() += w;
            if group == "dollar" {
                *scores.entry(("cent", code)).or_default() += w;
            }
            if group == "franc" && code == "CHF" {
                *scores.entry(("centime", code)).or_default() += w;
            }
            if group == "franc" && (code == "XOF" || code == "XAF") {
                *scores.entry(("cfa", code)).or_default() += w;
            }
        }
        for ((group, code), s) in scores {
            let e = cues.best.entry(group).or_insert((code, 0));
            if s > e.1 || (s == e.1 && code < e.0) {
                *e = (code, s);
            }
        }
        cues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Settings;

    /// The built-in cues' patterns.
    static CUES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        crate::lexicon::parse_currency_cues(crate::lexicon::CURRENCY_CUES_TSV)
            .unwrap()
            .iter()
            .map(|c| c.pattern)
            .collect()
    });

    #[test]
    fn cues_never_hide_each_other() {
        let is_alnum_at = |s: &str, i: usize| s[i..].chars().next().is_some_and(char::is_alphanumeric);
        for a in CUES.iter() {
            for b in CUES.iter() {
                // No cue is another followed by more words.
                assert!(a == b || !b.starts_with(a) || is_alnum_at(b, a.len()), "{a} / {b}");
            }
            // No cue starts like the rest of a cue after one of its inner
            // spaces, hyphens or apostrophes.
            for (i, c) in a.char_indices().filter(|&(_, c)| !c.is_alphanumeric()) {
                let rest = &a[i + c.len_utf8()..];
                for b in CUES.iter() {
                    assert!(!rest.starts_with(b) && !b.starts_with(rest), "{a} / {b}");
                }
            }
        }
    }

    /// The cues a leftmost-longest search of all of them finds at word
    /// boundaries (how they were found before `find_cues`).
    fn cues_by_automaton(text: &str) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(CUES.iter())
            .unwrap();
        ac.find_iter(text)
            .filter(|m| {
                !text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric)
                    && !text[m.end()..].chars().next().is_some_and(char::is_alphanumeric)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn cues_found_at_word_boundaries() {
        let g = Grammar::new(&Settings::default()).unwrap();
        for text in [
            "Le Canada et les États-Unis, pas le Canadair ni Tunisie/Tunis.",
            "xNew York, New Yorkais, Côte d’Ivoire, Arabie saoudite2, Royaume-Unis",
            "Wall Street Wall Streets suisses suisse Suisse-Zurich",
        ] {
            assert_eq!(g.cues.find(text).collect::<Vec<_>>(), cues_by_automaton(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn cues_as_the_automaton_finds_them(s in "((Canada|canadien|Tunis|Tunisie|New York|York|Wall Street|Côte d’Ivoire|États-Unis|Unis|Arabie saoudite|saoudien|Royaume-Uni|Suisse|suisses|Mali|Oman|x|é|1|ns) ?[ ,'’-]?){0,12}") {
            static G: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
            let g = G.get_or_init(|| Grammar::new(&Settings::default()).unwrap());
            proptest::prop_assert_eq!(g.cues.find(&s).collect::<Vec<_>>(), cues_by_automaton(&s));
        }
    }
}
