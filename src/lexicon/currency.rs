//! The currency tables: `currencies.tsv` (every form a currency is written
//! in, its ISO 4217 code, how it is written and its ambiguity group) and
//! `currency_cues.tsv` (the words of an article that decide an ambiguous
//! currency). The figure grammar indexes both.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::load::UserTable;
use crate::{Error, Result};

/// The built-in currency table.
pub const CURRENCIES_TSV: &str = include_str!("data/currencies.tsv");

/// The built-in article cues.
pub const CURRENCY_CUES_TSV: &str = include_str!("data/currency_cues.tsv");

/// How a currency form is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A symbol (« € », « $ », « US$ »), before or after the number.
    Symbol,
    /// An ISO 4217 code in capitals, before or after the number.
    Code,
    /// A name after the number (« euros », « dollars canadiens »).
    Name,
    /// A minor unit (« centimes », « cents »).
    Minor,
}

/// One currency form of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The ISO code, `None` when the form alone does not say.
    pub code: Option<&'static str>,
    /// How it is written.
    pub class: Class,
    /// Its ambiguity group (« dollar », « franc »...), resolved from context.
    pub group: Option<&'static str>,
}

/// The currency table: each form, lowercase, with its currency.
pub type CurrencyTable = FxHashMap<String, Currency>;

/// One article cue (`currency_cues.tsv`): a word or phrase that, in an
/// article, decides the currency of an ambiguity group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyCue {
    /// The word or phrase, matched as written at word boundaries.
    pub pattern: &'static str,
    /// The ambiguity group it decides (« franc », « dollar »...).
    pub group: &'static str,
    /// The ISO 4217 code it decides for.
    pub code: &'static str,
    /// A country name (a weaker cue than a city or an adjective).
    pub country: bool,
}

/// The class names of the third column.
const CLASSES: [(&str, Class); 4] =
    [("symbol", Class::Symbol), ("code", Class::Code), ("name", Class::Name), ("minor", Class::Minor)];

/// Parses a currency table (format documented in the header of the
/// built-in file).
///
/// # Errors
/// A malformed line, with its number and what is expected.
///
/// ```
/// let t = depeche::lexicon::parse_currencies("zorglubs\tZRG\tname\t-\n").unwrap();
/// assert_eq!(t["zorglubs"].code, Some("ZRG"));
/// let e = depeche::lexicon::parse_currencies("zorglubs\tZRG\n").unwrap_err();
/// assert!(e.to_string().starts_with("currencies.tsv:1:"));
/// ```
pub fn parse_currencies(tsv: &'static str) -> Result<CurrencyTable> {
    let mut table = FxHashMap::with_capacity_and_hasher(tsv.len() / 16, Default::default());
    parse_into(Path::new("currencies.tsv"), tsv, |s| s, &[], &mut table)?;
    Ok(table)
}

/// The built-in table, extended (or replaced, when its first line is
/// `#!replace`) by the user's file: where a form is in both, the user's row
/// wins.
pub(super) fn load(user: Option<UserTable>) -> Result<CurrencyTable> {
    let Some(user) = user else { return parse_currencies(CURRENCIES_TSV) };
    let mut table = if user.replace { CurrencyTable::default() } else { parse_currencies(CURRENCIES_TSV)? };
    parse_into(&user.path, &user.text, intern, &groups(), &mut table)?;
    Ok(table)
}

/// The ambiguity groups of the built-in table (what the grammar resolves
/// from the locale and the article).
fn groups() -> Vec<&'static str> {
    let mut g: Vec<&str> = CURRENCIES_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit('\t').next())
        .filter(|&g| g != "-")
        .collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Parses the article cues (format documented in the header of the
/// built-in file).
///
/// # Errors
/// A malformed line, with its number and what is expected.
///
/// ```
/// let c = depeche::lexicon::parse_currency_cues("Zorgland\tfranc\tZRF\tcountry\n").unwrap();
/// assert_eq!((c[0].code, c[0].country), ("ZRF", true));
/// let e = depeche::lexicon::parse_currency_cues("Zorgland\tfranc\tZRF\n").unwrap_err();
/// assert!(e.to_string().starts_with("currency_cues.tsv:1:"));
/// ```
pub fn parse_currency_cues(tsv: &'static str) -> Result<Vec<CurrencyCue>> {
    let mut cues = Vec::with_capacity(tsv.len() / 24);
    parse_cues_into(Path::new("currency_cues.tsv"), tsv, |s| s, &[], &mut cues)?;
    Ok(cues)
}

/// The built-in cues, extended (or replaced, when its first line is
/// `#!replace`) by the user's file: where a word is in both, the user's row
/// wins.
pub(super) fn load_cues(user: Option<UserTable>) -> Result<Vec<CurrencyCue>> {
    let Some(user) = user else { return parse_currency_cues(CURRENCY_CUES_TSV) };
    let mut mine = Vec::new();
    parse_cues_into(&user.path, &user.text, intern, &groups(), &mut mine)?;
    let mut cues = if user.replace { Vec::new() } else { parse_currency_cues(CURRENCY_CUES_TSV)? };
    cues.retain(|c| !mine.iter().any(|m| m.pattern == c.pattern));
    // A later row of the user's file wins over an earlier one.
    for (i, m) in mine.iter().enumerate() {
        if !mine[i + 1..].iter().any(|n| n.pattern == m.pattern) {
            cues.push(*m);
        }
    }
    Ok(cues)
}

/// Parses the cue rows of `text` into `cues`, checking the group against
/// `groups` when not empty.
fn parse_cues_into<'t>(
    path: &Path,
    text: &'t str,
    keep: impl Fn(&'t str) -> &'static str,
    groups: &[&str],
    cues: &mut Vec<CurrencyCue>,
) -> Result<()> {
    let expected = "expected `word<TAB>group<TAB>code<TAB>country|place`";
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let err = |message: String| Error::Lexicon { path: path.to_path_buf(), line: n + 1, message };
        let found = || format!("{expected}, found {} column(s)", line.split('\t').count());
        let mut split = line.split('\t');
        let mut cols = [""; 4];
        for col in &mut cols {
            *col = split.next().ok_or_else(|| err(found()))?;
        }
        if split.next().is_some() {
            return Err(err(found()));
        }
        let [pattern, group, code, weight] = cols;
        // The cue index reads the first two bytes and the first word.
        let first_word = pattern.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if pattern.len() < 2 || first_word.is_empty() || first_word.len() >= 64 || pattern.trim() != pattern {
            return Err(err(format!(
                "the word `{pattern}` must start with a letter or digit, be at least two bytes long, its first word shorter than 64 bytes, without spaces around; {expected}"
            )));
        }
        if !groups.is_empty() && !groups.contains(&group) {
            return Err(err(format!("unknown group `{group}`; the group is one of: {}", groups.join(", "))));
        }
        if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(err(format!("code `{code}`: expected three capital letters (ISO 4217)")));
        }
        let country = match weight {
            "country" => true,
            "place" => false,
            _ => return Err(err(format!("`{weight}`: expected `country` or `place`; {expected}"))),
        };
        cues.push(CurrencyCue { pattern: keep(pattern), group: keep(group), code: keep(code), country });
    }
    Ok(())
}

/// A string of a user's row that lives as long as the program, each
/// distinct one leaked once (codes and groups are few).
fn intern(s: &str) -> &'static str {
    static SEEN: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashSet::new);
    if let Some(&s) = seen.get(s) {
        return s;
    }
    let s: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(s);
    s
}

/// Parses the rows of `text` into `table` (a later row wins), checking the
/// group against `groups` when not empty.
fn parse_into<'t>(
    path: &Path,
    text: &'t str,
    keep: impl Fn(&'t str) -> &'static str,
    groups: &[&str],
    table: &mut CurrencyTable,
) -> Result<()> {
    let expected = "expected `form<TAB>code<TAB>class<TAB>group` (code and group may be `-`)";
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let err = |message: String| Error::Lexicon { path: path.to_path_buf(), line: n + 1, message };
        // Four columns, read without collecting them.
        let mut split = line.split('\t');
        let mut cols = [""; 4];
        for col in &mut cols {
            *col =
                split.next().ok_or_else(|| err(format!("{expected}, found {} column(s)", line.split('\t').count())))?;
        }
        if split.next().is_some() {
            return Err(err(format!("{expected}, found {} column(s)", line.split('\t').count())));
        }
        let [form, code, class, group] = cols;
        if form.trim().is_empty() {
            return Err(err(format!("empty form; {expected}")));
        }
        let Some(&(_, class)) = CLASSES.iter().find(|(name, _)| *name == class) else {
            return Err(err(format!("unknown class `{class}`; the class is one of: symbol, code, name, minor")));
        };
        if code != "-" && !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(err(format!("code `{code}`: expected three capital letters (ISO 4217) or `-`")));
        }
        if !groups.is_empty() && group != "-" && !groups.contains(&group) {
            return Err(err(format!("unknown group `{group}`; the group is `-` or one of: {}", groups.join(", "))));
        }
        let code = (code != "-").then(|| keep(code));
        let group = (group != "-").then(|| keep(group));
        table.insert(key(form), Currency { code, class, group });
    }
    Ok(())
}

/// The key of a form: lowercase, `’` read as `'`, words separated by one
/// space (how the grammar normalizes what it reads).
fn key(form: &str) -> String {
    // ASCII forms (most) lowercased without the Unicode tables.
    if form.is_ascii() && !form.contains("  ") && !form.contains('\t') && form.trim() == form {
        return form.to_ascii_lowercase();
    }
    let words: Vec<&str> = form.split_whitespace().collect();
    words.join(" ").to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_sorted_and_unique() {
        let map = parse_currencies(CURRENCIES_TSV).unwrap();
        assert!(map.len() > 300);
        let codes: std::collections::BTreeSet<_> = map.values().filter_map(|c| c.code).collect();
        assert!(codes.len() >= 60, "{} currencies", codes.len());
        let lines: Vec<&str> = CURRENCIES_TSV.lines().filter(|l| !l.starts_with('#')).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(lines, sorted, "currencies.tsv must be sorted and unique");
    }

    #[test]
    fn user_rows_extend_replace_and_are_checked() {
        let user = |text: &str| UserTable { path: "u/currencies.tsv".into(), text: text.into(), replace: false };
        let t = load(Some(user("# mine\nZorglubs\tZRG\tname\t-\neuros\tXEU\tname\t-\n"))).unwrap();
        assert_eq!(t["zorglubs"], Currency { code: Some("ZRG"), class: Class::Name, group: None });
        assert_eq!(t["euros"].code, Some("XEU"), "the user's row wins");
        assert!(t.len() > 300);
        let replaced = load(Some(UserTable { replace: true, ..user("#!replace\nz  z’s\t-\tname\tfranc\n") })).unwrap();
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced["z z's"].group, Some("franc"));
        // (row, what the error says)
        let bad = [
            ("zorglubs\tZRG\tname", "u/currencies.tsv:2: expected `form<TAB>code<TAB>class<TAB>group`"),
            ("zorglubs\tZRG\tname\t-\tx", "found 5 column(s)"),
            ("zorglubs\tZRG\tword\t-", "unknown class `word`"),
            ("zorglubs\tzrg\tname\t-", "code `zrg`: expected three capital letters"),
            ("zorglubs\tZRG\tname\tzorglub", "unknown group `zorglub`; the group is `-` or one of: cent, centime"),
            (" \tZRG\tname\t-", "empty form"),
        ];
        for (row, says) in bad {
            let e = load(Some(user(&format!("# h\n{row}\n")))).unwrap_err().to_string();
            assert!(e.contains(says) && e.starts_with("u/currencies.tsv:2:"), "{row:?}: {e}");
        }
    }

    #[test]
    fn user_cues_extend_replace_and_are_checked() {
        let builtin = parse_currency_cues(CURRENCY_CUES_TSV).unwrap();
        assert!(builtin.len() > 200 && builtin.iter().any(|c| c.pattern == "Suisse" && c.code == "CHF" && c.country));
        let user = |text: &str| UserTable { path: "u/currency_cues.tsv".into(), text: text.into(), replace: false };
        let c = load_cues(Some(user("Zorgland\tfranc\tZRF\tcountry\nSuisse\tfranc\tXYZ\tplace\n"))).unwrap();
        assert_eq!(c.len(), builtin.len() + 1);
        let zorg = CurrencyCue { pattern: "Zorgland", group: "franc", code: "ZRF", country: true };
        assert!(c.contains(&zorg));
        let suisse: Vec<_> = c.iter().filter(|c| c.pattern == "Suisse").collect();
        assert_eq!(suisse, [&CurrencyCue { pattern: "Suisse", group: "franc", code: "XYZ", country: false }]);
        let replaced =
            load_cues(Some(UserTable { replace: true, ..user("#!replace\nZorgland\tfranc\tZRF\tcountry\n") }));
        assert_eq!(replaced.unwrap(), [zorg]);
        // (row, what the error says)
        let bad = [
            ("Zorgland\tfranc\tZRF", "expected `word<TAB>group<TAB>code<TAB>country|place`, found 3"),
            ("Zorgland\tfrank\tZRF\tcountry", "unknown group `frank`"),
            ("Zorgland\tfranc\tzrf\tcountry", "code `zrf`"),
            ("Zorgland\tfranc\tZRF\tcity", "`city`: expected `country` or `place`"),
            ("Z\tfranc\tZRF\tcity", "at least two bytes"),
            ("-Zorg\tfranc\tZRF\tcity", "must start with a letter"),
        ];
        for (row, says) in bad {
            let e = load_cues(Some(user(&format!("# h\n{row}\n")))).unwrap_err().to_string();
            assert!(e.contains(says) && e.starts_with("u/currency_cues.tsv:2:"), "{row:?}: {e}");
        }
    }
}
