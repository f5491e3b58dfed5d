//! User rule files: rules written in TOML by people who maintain extraction
//! rules, loaded at run time (`--rules FILE`), each carrying the examples
//! that prove it (`depeche rules check FILE`).
//!
//! A file declares its new kinds, then one `[[rule]]` table per rule:
//!
//! ```
//! use depeche::{Document, Pipeline};
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("tickers.toml");
//! std::fs::write(&path, r#"
//! kinds = ["ticker"]
//!
//! [[rule]]
//! name = "euronext"
//! kind = "ticker"
//! pattern = '\(Euronext\s*:\s*(?<value>[A-Z]{2,5})\)'
//! priority = "override"
//! examples = [{ text = "Airbus (Euronext : AIR) recule.", span = "(Euronext : AIR)", value = "AIR" }]
//! counterexamples = ["Le groupe est coté sur Euronext."]
//! "#).unwrap();
//! let pipeline = Pipeline::builder().rules_file(&path).build().unwrap();
//! let record = pipeline.process(&Document::new("a", "Airbus (Euronext : AIR) recule."));
//! let ticker = record.entities.iter().find(|e| e.kind.as_str() == "ticker").unwrap();
//! assert_eq!((ticker.text.as_str(), ticker.rule.as_str(), ticker.value.as_deref()), ("(Euronext : AIR)", "user.euronext", Some("AIR")));
//! assert!(depeche::rules::check(&pipeline).is_empty());
//! ```
//!
//! All the patterns of a file are compiled once into one [`RegexSet`] (with
//! the regex crate's literal prefilters): an article is scanned once for all
//! of them, and only the rules that matched somewhere are run again for
//! their spans and groups. Word lists are searched with Aho-Corasick.
//! Matches become ordinary mentions: overlap resolution, offsets, tables,
//! eval and diff treat them as the built-ins' (see [`crate::Pipeline`]).

mod check;
mod load;
mod validate;

use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexSet};
use rust_decimal::Decimal;
use serde::Deserialize;

pub use check::{Failure, check};
pub use load::{CONTEXT_CHARS, PATTERN_SIZE_LIMIT};
pub use validate::Validate;

use crate::extract::Mention;
use crate::record::Kind;

/// Where a rule's matches stand against the built-in extractors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Only where no built-in extractor found anything (the default).
    #[default]
    Fill,
    /// Before the built-ins: a match wins over what they find on the same text.
    Override,
}

/// The rules of every rule file given, compiled once; immutable, `Send + Sync`.
#[derive(Debug, Default)]
pub struct Rules {
    files: Vec<RuleFile>,
}

/// One compiled rule file.
#[derive(Debug)]
pub struct RuleFile {
    path: PathBuf,
    rules: Vec<Rule>,
    /// The patterns of the rules that have one, in rule order.
    set: RegexSet,
    /// The words of the words-only rules.
    words: Vec<WordIndex>,
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    name: String,
    /// `user.NAME`, the `rule` of what it finds.
    id: &'static str,
    /// The line of its `[[rule]]` in the file.
    line: usize,
    kind: Kind,
    source: Source,
    before: Option<Regex>,
    not_before: Option<Regex>,
    after: Option<Regex>,
    not_after: Option<Regex>,
    priority: Priority,
    case_sensitive: bool,
    validate: Option<Validate>,
    compact: bool,
    currency: Option<String>,
    units: Vec<Unit>,
    examples: Vec<Example>,
    counterexamples: Vec<Example>,
}

/// What a rule looks for.
#[derive(Debug)]
enum Source {
    /// A regular expression (with `{words}` already expanded).
    Pattern(Pattern),
    /// Words or phrases only, matched whole (searched for in the file's
    /// [`WordIndex`]es).
    Words(Vec<String>),
}

/// The group `{words}` becomes, checked for whole words after the search.
const WORDS_GROUP: &str = "depeche_words";

/// A rule's regular expression, without the word boundaries at its ends,
/// which are checked on each match.
#[derive(Debug)]
struct Pattern {
    re: Regex,
    word_start: bool,
    word_end: bool,
}

/// The words of a file's words-only rules, in one automaton.
#[derive(Debug)]
struct WordIndex {
    ac: aho_corasick::AhoCorasick,
    /// The rule (index in the file) of each word.
    rule_of: Vec<usize>,
}

/// A written unit of a money rule (`"k€" = "1000 EUR"`).
#[derive(Debug)]
struct Unit {
    written: String,
    factor: Decimal,
    currency: String,
}

/// An example (or counterexample: `span` empty) of a rule.
#[derive(Debug, Clone)]
struct Example {
    line: usize,
    text: String,
    /// Byte range of the expected entity in `text`.
    span: Range<usize>,
    value: Option<String>,
    currency: Option<String>,
}

impl Rules {
    /// Loads and compiles rule files, in order (earlier files win overlaps
    /// between rules of the same priority).
    ///
    /// # Errors
    /// [`crate::Error::Rules`] with every problem of every file, each as
    /// `FILE:LINE:COLUMN: message`.
    pub fn load(paths: &[PathBuf]) -> crate::Result<Rules> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            match load::load(p) {
                Ok(f) => files.push(f),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() { Ok(Rules { files }) } else { Err(crate::Error::Rules(errors)) }
    }

    /// Compiles the rule file `src` as if read from `path` (`words_file`
    /// paths are relative to its folder).
    ///
    /// ```
    /// use depeche::rules::Rules;
    /// let err = Rules::parse("r.toml", "[[rule]]\nname = \"x\"\nkind = \"money\"\npattern = '(?<value>\\d+'\n").unwrap_err();
    /// assert!(err.to_string().starts_with("r.toml:4:11: pattern: not a valid regular expression"), "{err}");
    /// ```
    ///
    /// # Errors
    /// As [`Rules::load`].
    pub fn parse(path: impl AsRef<Path>, src: &str) -> crate::Result<Rules> {
        load::parse(path.as_ref(), src).map(|f| Rules { files: vec![f] }).map_err(crate::Error::Rules)
    }

    /// True when there is no rule.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The kinds the rules produce, each once, in rule order.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = Vec::new();
        for r in self.files.iter().flat_map(|f| &f.rules) {
            if !kinds.contains(&r.kind) {
                kinds.push(r.kind);
            }
        }
        kinds
    }

    /// How many rules, examples and counterexamples there are.
    pub fn counts(&self) -> (usize, usize, usize) {
        let rules = self.files.iter().flat_map(|f| &f.rules);
        let examples = rules.clone().map(|r| r.examples.len()).sum();
        let counter = rules.clone().map(|r| r.counterexamples.len()).sum();
        (rules.count(), examples, counter)
    }

    /// Finds the rules' matches in `text` (bytes offsets): `override` rules'
    /// into `overrides`, `fill` rules' into `fills`; file by file, the
    /// pattern rules first, rule by rule, each in text order, then the
    /// words-only rules (one search for all their words, the longest word
    /// winning where two overlap).
    pub fn extract(&self, text: &str, overrides: &mut Vec<Mention>, fills: &mut Vec<Mention>) {
        for f in &self.files {
            let matched = f.set.matches(text);
            let mut p = 0;
            for rule in &f.rules {
                let out = match rule.priority {
                    Priority::Override => &mut *overrides,
                    Priority::Fill => &mut *fills,
                };
                match &rule.source {
                    Source::Pattern(pattern) => {
                        p += 1;
                        if matched.matched(p - 1) {
                            rule.find_pattern(pattern, text, out);
                        }
                    }
                    Source::Words(_) => {}
                }
            }
            for index in &f.words {
                for m in index.ac.find_iter(text) {
                    if splits_no_word(text, m.start()) && splits_no_word(text, m.end()) {
                        let rule = &f.rules[index.rule_of[m.pattern().as_usize()]];
                        let out = match rule.priority {
                            Priority::Override => &mut *overrides,
                            Priority::Fill => &mut *fills,
                        };
                        rule.push(text, m.range(), None, None, out);
                    }
                }
            }
        }
    }
}

impl Rule {
    fn find_pattern(&self, p: &Pattern, text: &str, out: &mut Vec<Mention>) {
        let mut at = 0;
        while at <= text.len() {
            let Some(caps) = p.re.captures_at(text, at) else { break };
            let Some(m) = caps.get(0) else { break };
            let ok = (!p.word_start || is_boundary(text, m.start()))
                && (!p.word_end || is_boundary(text, m.end()))
                && caps
                    .name(WORDS_GROUP)
                    .is_none_or(|w| splits_no_word(text, w.start()) && splits_no_word(text, w.end()));
            if ok {
                let v = caps.name("value").map(|g| g.as_str());
                let u = caps.name("unit").map(|g| g.as_str());
                self.push(text, m.range(), v, u, out);
            }
            // After a match, on from its end; after an empty or a refused
            // one, from the next character (a match starting inside may hold).
            at = if ok && !m.is_empty() {
                m.end()
            } else {
                m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8)
            };
        }
    }

    /// Checks the context and the value of a match and adds its mention.
    fn push(&self, text: &str, span: Range<usize>, value: Option<&str>, unit: Option<&str>, out: &mut Vec<Mention>) {
        if span.is_empty() || !self.context_holds(text, &span) {
            return;
        }
        if let Some(m) = self.mention(text, span, value, unit) {
            out.push(m);
        }
    }

    fn context_holds(&self, text: &str, span: &Range<usize>) -> bool {
        if self.before.is_none() && self.not_before.is_none() && self.after.is_none() && self.not_after.is_none() {
            return true;
        }
        let from = text[..span.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
        let to = text[span.end..].char_indices().nth(CONTEXT_CHARS).map_or(text.len(), |(i, _)| span.end + i);
        let (left, right) = (&text[from..span.start], &text[span.end..to]);
        let test = |re: &Option<Regex>, s: &str, want: bool| re.as_ref().is_none_or(|re| re.is_match(s) == want);
        test(&self.before, left, true)
            && test(&self.not_before, left, false)
            && test(&self.after, right, true)
            && test(&self.not_after, right, false)
    }

    fn mention(&self, text: &str, span: Range<usize>, value: Option<&str>, unit: Option<&str>) -> Option<Mention> {
        let matched = &text[span.clone()];
        if let Some(v) = self.validate
            && !v.check(value.unwrap_or(matched))
        {
            return None;
        }
        let mut m = Mention::new(self.kind, span.start, span.end, self.id);
        match self.kind {
            Kind::Money | Kind::Percent => {
                let mut n = parse_number(value?)?;
                if self.kind == Kind::Money {
                    let (factor, currency) = match unit {
                        Some(u) => {
                            let unit =
                                self.units.iter().find(|x| x.written == u).or_else(|| {
                                    self.units.iter().find(|x| x.written.to_lowercase() == u.to_lowercase())
                                })?;
                            (unit.factor, Some(unit.currency.clone()))
                        }
                        None => (Decimal::ONE, self.currency.clone()),
                    };
                    n = n.checked_mul(factor)?;
                    m.currency = currency;
                }
                m.value = Some(n);
            }
            Kind::Person | Kind::Organization | Kind::Place => {
                m.canonical = Some(value.unwrap_or(matched).to_string());
            }
            _ => {
                m.value_text = value.map(|v| if self.compact { v.split_whitespace().collect() } else { v.to_string() });
            }
        }
        Some(m)
    }
}

/// Whether `\\b` (a Unicode word boundary) holds at byte `i`: a word
/// character on one side only.
fn is_boundary(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back().is_some_and(is_word_char);
    let after = text[i..].chars().next().is_some_and(is_word_char);
    before != after
}

/// Whether byte `i` splits no word (word characters on both sides): where a
/// word of a list may start or end.
fn splits_no_word(text: &str, i: usize) -> bool {
    !(text[..i].chars().next_back().is_some_and(is_word_char) && text[i..].chars().next().is_some_and(is_word_char))
}

/// A word character as the regex crate's Unicode `\\w` has it (letters,
/// digits, `_`, combining marks, joiners).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || matches!(c, '\u{300}'..='\u{36f}' | '\u{200c}' | '\u{200d}')
}

/// A number as French writes it (« 12,5 », « 1 250 », « douze », « -3 »),
/// the whole of `s` (spaces around ignored).
fn parse_number(s: &str) -> Option<Decimal> {
    let s = s.trim_matches(crate::number::is_hspace);
    let (negative, body) = match s.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start_matches(crate::number::is_hspace)),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let q = crate::number::read_quantity(body, 0, false)?;
    (q.end == body.len()).then_some(if negative { -q.value } else { q.value })
}

/// The interned `user.NAME` of a rule: mentions carry a `&'static str`.
fn rule_id(name: &str) -> &'static str {
    static IDS: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let id = format!("user.{name}");
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = ids.iter().find(|k| **k == id) {
        return known;
    }
    let leaked: &'static str = Box::leak(id.into_boxed_str());
    ids.push(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word boundaries at a pattern's ends and around `{words}` are checked
    /// on each match, in Unicode (accented letters are word characters).
    #[test]
    fn boundaries_on_matches() {
        // (pattern, words, text, spans found)
        let rows: [(&str, &str, &str, &[&str]); 8] = [
            (r"\bété\b", "", "un été chaud, pas étéx", &["été"]),
            (r"\b\d{3}\b", "", "1234 567 é890 89", &["567"]),
            (r"\bAB", "", "xAB ÉAB AB", &["AB"]),
            (r"AB\b", "", "ABx ABé AB.", &["AB"]),
            (r"\b(?:n°\s?)?\d+", "", "n° 12 et x3", &["n° 12"]),
            (r"{words} \d+", r#"["lot", "été"]"#, "lot 3, bilot 4, été 5, étéx 6", &["lot 3", "été 5"]),
            (r"(?-u:\b)AB(?-u:\b)", "", "AB xAB", &["AB"]),
            (r"\\b", "", r"a\b", &[r"\b"]),
        ];
        for (pattern, words, text, want) in rows {
            let words = if words.is_empty() { String::new() } else { format!("words = {words}\n") };
            let src = format!("kinds = [\"x\"]\n[[rule]]\nname = \"r\"\nkind = \"x\"\npattern = '{pattern}'\n{words}");
            let rules = Rules::parse("t.toml", &src).unwrap();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            rules.extract(text, &mut a, &mut b);
            let got: Vec<&str> = b.iter().map(|m| &text[m.span()]).collect();
            assert_eq!(got, want, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn numbers_in_groups() {
        let rows = [
            ("12,5", Some("12.5")),
            (" 1 250 ", Some("1250")),
            ("douze", Some("12")),
            ("-3", Some("-3")),
            ("12 h", None),
            ("", None),
        ];
        for (s, want) in rows {
            assert_eq!(parse_number(s).map(crate::extract::format_decimal).as_deref(), want, "{s:?}");
        }
    }
}
