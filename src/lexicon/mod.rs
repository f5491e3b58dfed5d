//! Lexicons: the built-in data files and user folders.
//!
//! The built-in lexicons live in `src/lexicon/data/` and are embedded in the
//! binary (`include_str!`), so nothing is read from disk unless a user folder
//! is given (`--lexicon DIR` on the command line,
//! [`crate::PipelineBuilder::lexicon_dir`] in the library).
//!
//! # File formats
//!
//! Every file holds one entry per line. Lines starting with `#` are comments
//! (the built-in files keep them as a header at the top); blank lines are
//! skipped. Built-in files are sorted by bytes and free of duplicates (a unit
//! test checks it); user files need not be sorted.
//!
//! * Word lists (`.txt`): one entry per line, compared without regard to case
//!   (`first_names.txt`, `titles.txt`, `not_names.txt`, `org_heads.txt`,
//!   `org_suffixes.txt`, `nationalities.txt`, `stopwords.txt`,
//!   `person_cues.txt`, `acronym_words.txt`).
//! * Gazetteers (`.tsv`): `canonical<TAB>type<TAB>aliases`, aliases separated
//!   by `|` (the third column may be empty or absent). The canonical name and
//!   every alias are matched in the text as written (case-sensitive, `'` also
//!   matching `’`); a match reports the canonical name
//!   (`organizations.tsv`, `places.tsv`). `type` is free text (`company`,
//!   `country`...).
//!
//! * Currency tables (`.tsv`, columns documented in the header of the
//!   built-in file): `currencies.tsv` (`form<TAB>code<TAB>class<TAB>group`,
//!   [`Lexicons::currencies`]) and `currency_cues.tsv`
//!   (`word<TAB>group<TAB>code<TAB>country|place`, [`Lexicons::currency_cues`]).
//!
//! ```text
//! # organizations.tsv (columns separated by one tab)
//! Amazon Web Services<TAB>company<TAB>AWS
//! Organisation des Nations unies<TAB>international<TAB>ONU|Nations unies
//! ```
//!
//! # User folders
//!
//! A user folder holds files with the same names as the built-in ones; each
//! such file **extends** the built-in list. A user file whose first line is
//! exactly `#!replace` **replaces** the built-in list of the same name
//! instead. Files with other names are ignored. A malformed line stops the
//! build with an error naming the file, the line and what is expected.
//!
//! ```
//! use depeche::lexicon::Lexicons;
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("organizations.tsv"), "Zorglub Industries\tcompany\tZorglub\n").unwrap();
//! let lex = Lexicons::load(Some(dir.path())).unwrap();
//! assert!(lex.organizations.iter().any(|e| e.canonical == "Zorglub Industries"));
//! ```

mod currency;
mod load;
mod matcher;

use rustc_hash::FxHashMap;
use std::path::Path;

pub use currency::{
    CURRENCIES_TSV, CURRENCY_CUES_TSV, Class, Currency, CurrencyCue, CurrencyTable, parse_currencies,
    parse_currency_cues,
};
pub use load::{BUILTIN, TABLES, parse_list, parse_tsv};
pub use matcher::{Gazetteer, GazetteerMatch};

use crate::Result;
use crate::record::Kind;

/// One gazetteer entry (an organization or a place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name reported for every alias.
    pub canonical: String,
    /// Free-text type (`company`, `country`...).
    pub kind_detail: String,
    /// Other names (acronyms, short forms) that mean the same entity.
    pub aliases: Vec<String>,
}

/// A word list compared without regard to case.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    /// Folded entries ([`ENTRY`]) and every suffix of an entry that starts
    /// after a space or an apostrophe ([`LAST`]: what the last token of a
    /// matching phrase can be, to reject most phrases on their last word),
    /// as bytes so that a word folded into a buffer is looked up as it is.
    /// FxHash rather than SipHash: the keys come from the lexicons and
    /// lookups are hot (every capitalized word asks several lists), so
    /// hash-flooding resistance buys nothing here.
    keys: FxHashMap<Vec<u8>, u8>,
    /// Per first byte of an ASCII key (128 items, or none when the set is
    /// empty): the lengths of those keys (bit `n` for `n` bytes, bit 63 for
    /// longer). An ASCII word folds to an ASCII key of the same length, so
    /// most misses are answered without hashing.
    ascii_lengths: Vec<u64>,
    /// The number of entries.
    len: usize,
    /// The longest entry, in words.
    max_words: usize,
}

/// The bit of a key's length in [`WordSet::ascii_lengths`].
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Flag of [`WordSet::keys`]: an entry.
const ENTRY: u8 = 1;
/// Flag of [`WordSet::keys`]: a suffix of an entry after a space or an apostrophe.
const LAST: u8 = 2;

impl WordSet {
    fn from_entries<S: AsRef<str>>(entries: &[S]) -> Self {
        let mut keys = FxHashMap::with_capacity_and_hasher(entries.len() + entries.len() / 4, Default::default());
        let (mut len, mut max_words) = (0, 0);
        for e in entries {
            let key = fold(e.as_ref()).into_bytes();
            max_words = max_words.max(key.iter().filter(|&&b| b == b' ').count() + 1);
            for (i, &b) in key.iter().enumerate() {
                if b == b' ' || b == b'\'' {
                    *keys.entry(key[i + 1..].to_vec()).or_default() |= LAST;
                }
            }
            let flags = keys.entry(key).or_default();
            len += usize::from(*flags & ENTRY == 0);
            *flags |= ENTRY;
        }
        let mut ascii_lengths = vec![0; 128];
        for key in keys.keys().filter(|k| k.is_ascii()) {
            if let Some(&b) = key.first() {
                ascii_lengths[usize::from(b)] |= len_bit(key.len());
            }
        }
        WordSet { keys, ascii_lengths, len, max_words }
    }

    /// The flags of `word`, folded (0 when it is not a key).
    fn flags(&self, word: &str) -> u8 {
        folded_get(&self.keys, &self.ascii_lengths, word)
    }

    /// False when no entry can end with the token `word` (so no phrase whose
    /// last token is `word` is in the list); true otherwise.
    pub fn may_end_with(&self, word: &str) -> bool {
        self.flags(word) != 0
    }

    /// True when `word` (any case; `’` read as `'`) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.flags(word) & ENTRY != 0
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of words of the longest entry.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

/// The value of `word`, folded, in `keys` (`V::default()` when it is not a
/// key). `ascii_lengths` holds, per first byte of an ASCII key, the lengths
/// of those keys (see [`WordSet::ascii_lengths`]): most misses are answered
/// without hashing.
fn folded_get<K, V>(keys: &FxHashMap<K, V>, ascii_lengths: &[u64], word: &str) -> V
where
    K: std::borrow::Borrow<[u8]> + Eq + std::hash::Hash,
    V: Copy + Default,
{
    let get = |key: &[u8]| keys.get(key).copied().unwrap_or_default();
    let mut buf = [0u8; 64];
    if word.is_ascii() {
        let first = word.bytes().next().map(|b| usize::from(b.to_ascii_lowercase()));
        if first.is_some_and(|b| ascii_lengths.get(b).is_none_or(|&l| l & len_bit(word.len()) == 0)) {
            return V::default();
        }
        // Lowercased byte by byte in one pass.
        if let Some(out) = buf.get_mut(..word.len()) {
            for (o, b) in out.iter_mut().zip(word.bytes()) {
                *o = b.to_ascii_lowercase();
            }
            return get(out);
        }
    }
    match fold_into(word, &mut buf) {
        Some(n) => get(&buf[..n]),
        None => get(fold(word).as_bytes()),
    }
}

/// Several word lists merged for one-word queries: one lookup tells every
/// list a word belongs to, so that a word is folded and hashed once
/// however many lists are asked about it.
///
/// Only keys without a space are kept: a single word never holds one.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// Folded key: for list `k` of [`WordIndex::new`], bit `2k` when the
    /// word is an entry of it, bit `2k + 1` when an entry may end with it
    /// (not an entry itself); bit `2n` (`n` lists) for the extra words.
    keys: FxHashMap<Box<[u8]>, u32>,
    /// As [`WordSet::ascii_lengths`], over all the keys.
    ascii_lengths: Vec<u64>,
}

impl WordIndex {
    /// Merges `sets` (at most 15) and the `extra` words (lowercase).
    pub fn new(sets: &[&WordSet], extra: &[&str]) -> Self {
        assert!(sets.len() < 16, "two bits per list in a u32");
        let total = sets.iter().map(|s| s.keys.len()).sum::<usize>() + extra.len();
        let mut keys: FxHashMap<Box<[u8]>, u32> = FxHashMap::with_capacity_and_hasher(total, Default::default());
        let mut ascii_lengths = vec![0; 128];
        let mut add = |key: &[u8], bits: u32| {
            if key.contains(&b' ') {
                return;
            }
            if key.is_ascii()
                && let Some(&b) = key.first()
            {
                ascii_lengths[usize::from(b)] |= len_bit(key.len());
            }
            // Most keys are in one list: one hashing, one allocation each.
            *keys.entry(key.into()).or_default() |= bits;
        };
        for (k, set) in sets.iter().enumerate() {
            for (key, &flags) in &set.keys {
                add(key, u32::from(flags) << (2 * k));
            }
        }
        for w in extra {
            add(fold(w).as_bytes(), 1 << (2 * sets.len()));
        }
        WordIndex { keys, ascii_lengths }
    }

    /// The bits of `word` (any case; `’` read as `'`), 0 when it is in no list.
    pub fn flags(&self, word: &str) -> u32 {
        folded_get(&self.keys, &self.ascii_lengths, word)
    }
}

/// Folds one character (see [`fold`]), with fast paths for ASCII and Latin-1.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        '\0'..='\x7f' => emit(c.to_ascii_lowercase()),
        '’' => emit('\''),
        // À..Þ but ×: the lowercase letter is 0x20 further.
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => emit(char::from((u32::from(c) + 0x20) as u8)),
        '\u{80}'..='\u{ff}' => emit(c),
        _ => c.to_lowercase().for_each(emit),
    }
}

/// Folds `word` into `buf`, returning the length, or `None` when it does
/// not fit. ASCII, `’` and the Latin-1 letters (`À` is `C3 80`, `à` is
/// `C3 A0`) are folded byte by byte, other characters with [`fold_char`].
fn fold_into(word: &str, buf: &mut [u8]) -> Option<usize> {
    if word.is_ascii() {
        let out = buf.get_mut(..word.len())?;
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return Some(word.len());
    }
    let bytes = word.as_bytes();
    // `i` reads `word`, `n` writes `buf`.
    let (mut i, mut n) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        match (b, bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
            (0..=0x7F, _, _) => {
                *buf.get_mut(n)? = b.to_ascii_lowercase();
                (i, n) = (i + 1, n + 1);
            }
            (0xC3, Some(b1), _) => {
                // U+00C0..U+00DE but × (C3 97): the lowercase letter is 0x20 further.
                let b1 = if (0x80..=0x9E).contains(&b1) && b1 != 0x97 { b1 + 0x20 } else { b1 };
                buf.get_mut(n..n + 2)?.copy_from_slice(&[b, b1]);
                (i, n) = (i + 2, n + 2);
            }
            (0xE2, Some(0x80), Some(0x99)) => {
                *buf.get_mut(n)? = b'\'';
                (i, n) = (i + 3, n + 1);
            }
            _ => {
                let c = word.get(i..)?.chars().next()?;
                let mut fits = true;
                fold_char(c, |c| match buf.get_mut(n..n + c.len_utf8()) {
                    Some(out) if fits => n += c.encode_utf8(out).len(),
                    _ => fits = false,
                });
                if !fits {
                    return None;
                }
                i += c.len_utf8();
            }
        }
    }
    Some(n)
}

/// Lowercases and reads `’` as `'`, for comparisons without regard to case.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |c| out.push(c));
    }
    out
}

/// The lexicons, loaded once and shared read-only.
#[derive(Debug, Default)]
pub struct Lexicons {
    /// Given names (`first_names.txt`).
    pub first_names: WordSet,
    /// Titles and roles written before or after a person's name (`titles.txt`).
    pub titles: WordSet,
    /// Capitalized words that are never names by themselves (`not_names.txt`).
    pub not_names: WordSet,
    /// Head nouns of organizations (`org_heads.txt`: « le groupe X », « Banque de France »).
    pub org_heads: WordSet,
    /// Words that end a company's name (`org_suffixes.txt`: SA, Inc....).
    pub org_suffixes: WordSet,
    /// Nationality adjectives and nouns (`nationalities.txt`).
    pub nationalities: WordSet,
    /// Function words that are capitalized only at a sentence start (`stopwords.txt`).
    pub stopwords: WordSet,
    /// Verbs and phrases that follow a person's name (`person_cues.txt`: a déclaré...).
    pub person_cues: WordSet,
    /// Words written in capitals that are common nouns, not organizations
    /// (`acronym_words.txt`: PIB, TVA...).
    pub acronym_words: WordSet,
    /// Organizations (`organizations.tsv`).
    pub organizations: Vec<Entry>,
    /// Places (`places.tsv`).
    pub places: Vec<Entry>,
    /// What figures measure (`fact_cues.tsv`: `measure<TAB>kind<TAB>cue|cue...`).
    pub fact_cues: Vec<Entry>,
    /// Nouns that name the organization an article is about (`fact_anaphors.txt`:
    /// « le groupe », « la société »).
    pub fact_anaphors: Vec<String>,
    /// Currency forms and what they denote (`currencies.tsv`:
    /// `form<TAB>code<TAB>class<TAB>group`), read by the figure grammar.
    pub currencies: CurrencyTable,
    /// Words of an article that decide an ambiguous currency
    /// (`currency_cues.tsv`: `word<TAB>group<TAB>code<TAB>country|place`).
    pub currency_cues: Vec<CurrencyCue>,
}

impl Lexicons {
    /// The built-in lexicons, optionally extended (or replaced, file by
    /// file) by the files of a user folder.
    ///
    /// # Errors
    /// A folder that cannot be read or a malformed file, with the file and
    /// line and what is expected.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        let mut files = load::load_all(dir)?;
        let list = |name: &str| WordSet::from_entries(files.list(name));
        Ok(Lexicons {
            first_names: list("first_names.txt"),
            titles: list("titles.txt"),
            not_names: list("not_names.txt"),
            org_heads: list("org_heads.txt"),
            org_suffixes: list("org_suffixes.txt"),
            nationalities: list("nationalities.txt"),
            stopwords: list("stopwords.txt"),
            person_cues: list("person_cues.txt"),
            acronym_words: list("acronym_words.txt"),
            organizations: files.take_tsv("organizations.tsv"),
            places: files.take_tsv("places.tsv"),
            fact_cues: files.take_tsv("fact_cues.tsv"),
            fact_anaphors: files.list("fact_anaphors.txt").iter().map(|w| w.to_string()).collect(),
            currencies: currency::load(files.take_table("currencies.tsv"))?,
            currency_cues: currency::load_cues(files.take_table("currency_cues.tsv"))?,
        })
    }

    /// Compiles the organization and place gazetteer (organizations first).
    pub fn gazetteer(&self) -> Gazetteer {
        Gazetteer::new(&[(Kind::Organization, &self.organizations), (Kind::Place, &self.places)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folding of the reference definition: `’` read as `'`, then
    /// `char::to_lowercase`.
    fn reference_fold(s: &str) -> String {
        s.chars().map(|c| if c == '’' { '\'' } else { c }).flat_map(char::to_lowercase).collect()
    }

    #[test]
    fn fold_agrees_with_to_lowercase() {
        for c in ('\0'..='\u{3000}').chain(['’', 'İ', 'K', 'Ω', 'ẞ', '\u{1e9e}', '\u{10400}']) {
            let s = format!("{c}A{c}");
            assert_eq!(fold(&s), reference_fold(&s), "{c:?}");
            let mut buf = [0u8; 16];
            let n = fold_into(&s, &mut buf).unwrap();
            assert_eq!(&buf[..n], reference_fold(&s).as_bytes(), "{c:?}");
        }
        // Too long for the buffer: `None`, and the lookup still works.
        assert_eq!(fold_into("ÉCOLE", &mut [0u8; 4]), None);
        assert_eq!(fold_into("ECOLE", &mut [0u8; 4]), None);
        assert_eq!(fold_into("İİ", &mut [0u8; 5]), None);
    }

    #[test]
    fn word_sets_ignore_case_and_apostrophes() {
        let long = "Très-Long-Nom-Composé-Qui-Dépasse-Largement-Les-Soixante-Quatre-Octets";
        let ascii = "a-very-long-ascii-entry-that-is-longer-than-sixty-four-bytes-in-all";
        let set = WordSet::from_entries(&["Zoé", "chef d'État", "Élysée", "PDG", "le chef", "PDG", long, ascii, "l'"]);
        assert_eq!((set.len(), set.max_words()), (8, 2));
        // (word, contains, may_end_with)
        let cases = [
            ("zoé", true, true),
            ("ZOÉ", true, true),
            ("Zoe", false, false),
            ("chef d’état", true, true),
            ("CHEF D'ÉTAT", true, true),
            ("état", false, true),
            ("d'état", false, true),
            ("Chef", false, true),
            ("élysée", true, true),
            ("pdg", true, true),
            ("Pdg", true, true),
            ("", false, true),
            (long, true, true),
            (&long.to_uppercase(), true, true),
            (&long.to_lowercase(), true, true),
            ("Nom", false, false),
            (ascii, true, true),
            (&ascii.to_uppercase(), true, true),
            (&ascii[1..], false, false),
            ("L'", true, true),
            ("L’", true, true),
            ("L", false, false),
            ("pd", false, false),
            ("pdgs", false, false),
            ("PDG\u{301}", false, false),
        ];
        for (word, contains, may_end) in cases {
            assert_eq!((set.contains(word), set.may_end_with(word)), (contains, may_end), "{word:?}");
        }
        assert!(WordSet::default().is_empty());
        assert!(!WordSet::default().contains("a") && !WordSet::default().may_end_with(""));
    }

    #[test]
    fn word_index_agrees_with_its_sets() {
        let a = WordSet::from_entries(&["Zoé", "chef d'État", "PDG", "l'"]);
        let b = WordSet::from_entries(&["pdg", "État", "grand chef"]);
        let index = WordIndex::new(&[&a, &b], &["école"]);
        // (word, bits): entry of list k at bit 2k, a possible last word at 2k + 1.
        let cases = [
            ("ZOÉ", 0b1),
            ("Pdg", 0b101),
            ("état", 0b110),
            ("d’État", 0b10),
            ("chef", 0b1000),
            ("L’", 0b1),
            ("ÉCOLE", 0b10000),
            ("chef d'état", 0),
            ("grand", 0),
            // « l' » ends with the empty word.
            ("", 0b10),
            ("zoe", 0),
        ];
        for (word, bits) in cases {
            assert_eq!(index.flags(word), bits, "{word:?}");
        }
        assert_eq!(WordIndex::default().flags("a"), 0);
    }

    /// Words made of letters that fold in every way: ASCII, Latin-1, `’`,
    /// `İ` (longer once folded), `K` (Kelvin sign, shorter).
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec!["a", "B", "é", "É", "×", "’", "'", " ", "İ", "K", "ß", "Œ", "d", "E"]);
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// `contains` and `may_end_with` agree with their definitions on
        /// folded strings.
        #[test]
        fn word_sets_agree_with_their_definition(
            entries in proptest::collection::vec(word(), 0..8),
            words in proptest::collection::vec(word(), 0..8),
        ) {
            let set = WordSet::from_entries(&entries);
            let folded: Vec<String> = entries.iter().map(|e| reference_fold(e)).collect();
            for w in words.iter().chain(&entries) {
                let f = reference_fold(w);
                let contains = folded.contains(&f);
                let ends = folded.iter().any(|e| {
                    *e == f || e.char_indices().any(|(i, c)| (c == ' ' || c == '\'') && e[i + 1..] == f)
                });
                proptest::prop_assert_eq!((set.contains(w), set.may_end_with(w)), (contains, ends), "{:?}", w);
            }
        }
    }
}
