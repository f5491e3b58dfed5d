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

mod load;
mod matcher;

use rustc_hash::FxHashSet;
use std::path::Path;

pub use load::{BUILTIN, parse_list, parse_tsv};
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
    /// Folded entries. FxHash rather than SipHash: the keys come from the
    /// lexicons and lookups are hot (every capitalized word asks several
    /// lists), so hash-flooding resistance buys nothing here.
    set: FxHashSet<String>,
    /// Every suffix of an entry that starts after a space or an apostrophe
    /// (and the whole entry): what the last token of a matching phrase can
    /// be, to reject most phrases on their last word.
    last_words: FxHashSet<String>,
    /// The longest entry, in words.
    max_words: usize,
}

impl WordSet {
    fn from_entries(entries: &[String]) -> Self {
        let mut set = FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
        let mut last_words = FxHashSet::default();
        let mut max_words = 0;
        for e in entries {
            let key = fold(e);
            max_words = max_words.max(key.split(' ').count());
            for (i, c) in key.char_indices() {
                if c == ' ' || c == '\'' {
                    last_words.insert(key[i + 1..].to_string());
                }
            }
            last_words.insert(key.clone());
            set.insert(key);
        }
        WordSet { set, last_words, max_words }
    }

    /// False when no entry can end with the token `word` (so no phrase whose
    /// last token is `word` is in the list); true otherwise.
    pub fn may_end_with(&self, word: &str) -> bool {
        lookup(&self.last_words, word)
    }

    /// True when `word` (any case; `’` read as `'`) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        lookup(&self.set, word)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The number of words of the longest entry.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

/// Looks `word` up in a set of folded entries, folding it on the way.
fn lookup(set: &FxHashSet<String>, word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'-' || b == b'\'') {
        return set.contains(word);
    }
    // ASCII words fold without allocating: ASCII lowercasing is what `fold`
    // does to them (’ is not ASCII).
    if word.len() <= 64 && word.is_ascii() {
        let mut buf = [0u8; 64];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        return std::str::from_utf8(buf).is_ok_and(|w| set.contains(w));
    }
    set.contains(&fold(word))
}

/// Lowercases and reads `’` as `'`, for comparisons without regard to case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(|c| if c == '’' { '\'' } else { c }).flat_map(char::to_lowercase));
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
}

impl Lexicons {
    /// The built-in lexicons, optionally extended (or replaced, file by
    /// file) by the files of a user folder.
    ///
    /// # Errors
    /// A folder that cannot be read or a malformed file, with the file and
    /// line and what is expected.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        let files = load::load_all(dir)?;
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
            organizations: files.tsv("organizations.tsv").to_vec(),
            places: files.tsv("places.tsv").to_vec(),
        })
    }

    /// Compiles the organization and place gazetteer (organizations first).
    pub fn gazetteer(&self) -> Gazetteer {
        Gazetteer::new(&[(Kind::Organization, &self.organizations), (Kind::Place, &self.places)])
    }
}
