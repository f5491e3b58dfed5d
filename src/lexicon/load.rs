//! Parsing the lexicon files, built-in and user, with errors that name the
//! file, the line and what is expected.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Entry;
use crate::{Error, Result};

/// The built-in data files: (file name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    ("acronym_words.txt", include_str!("data/acronym_words.txt")),
    ("fact_anaphors.txt", include_str!("data/fact_anaphors.txt")),
    ("fact_cues.tsv", include_str!("data/fact_cues.tsv")),
    ("first_names.txt", include_str!("data/first_names.txt")),
    ("nationalities.txt", include_str!("data/nationalities.txt")),
    ("not_names.txt", include_str!("data/not_names.txt")),
    ("org_heads.txt", include_str!("data/org_heads.txt")),
    ("org_suffixes.txt", include_str!("data/org_suffixes.txt")),
    ("organizations.tsv", include_str!("data/organizations.tsv")),
    ("person_cues.txt", include_str!("data/person_cues.txt")),
    ("places.tsv", include_str!("data/places.tsv")),
    ("stopwords.txt", include_str!("data/stopwords.txt")),
    ("titles.txt", include_str!("data/titles.txt")),
];

/// The built-in tables with columns of their own (documented in their
/// headers), each parsed by its own module: (file name, contents).
pub const TABLES: &[(&str, &str)] =
    &[("currencies.tsv", super::currency::CURRENCIES_TSV), ("currency_cues.tsv", super::currency::CURRENCY_CUES_TSV)];

/// The first line that makes a user file replace the built-in one.
pub const REPLACE_MARKER: &str = "#!replace";

fn err(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Lexicon { path: path.to_path_buf(), line, message: message.into() }
}

/// Parses a word list: one entry per line, `#` comments, blank lines skipped.
///
/// # Errors
/// A line holding a tab (a list has one column).
///
/// ```
/// use std::path::Path;
/// let v = depeche::lexicon::parse_list(Path::new("t.txt"), "# header\nAndy\n\nZoé\n").unwrap();
/// assert_eq!(v, ["Andy", "Zoé"]);
/// assert!(depeche::lexicon::parse_list(Path::new("t.txt"), "a\tb\n").is_err());
/// ```
pub fn parse_list(path: &Path, text: &str) -> Result<Vec<String>> {
    Ok(list_entries(path, text)?.into_iter().map(str::to_string).collect())
}

/// [`parse_list`] without copying the entries.
fn list_entries<'t>(path: &Path, text: &'t str) -> Result<Vec<&'t str>> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.chars().all(char::is_whitespace) {
            continue;
        }
        if memchr::memchr(b'\t', line.as_bytes()).is_some() {
            return Err(err(path, i + 1, "expected one entry per line (no tab) in a word list"));
        }
        if line.starts_with(char::is_whitespace) || line.ends_with(char::is_whitespace) {
            return Err(err(path, i + 1, "expected no leading or trailing spaces around the entry"));
        }
        out.push(line);
    }
    Ok(out)
}

/// Parses a gazetteer: `canonical<TAB>type<TAB>aliases`, aliases separated by `|`.
///
/// # Errors
/// A line without a type column, an empty canonical name or type, an empty
/// alias, or more than three columns.
///
/// ```
/// use std::path::Path;
/// let v = depeche::lexicon::parse_tsv(Path::new("o.tsv"), "Amazon Web Services\tcompany\tAWS\n").unwrap();
/// assert_eq!(v[0].aliases, ["AWS"]);
/// let e = depeche::lexicon::parse_tsv(Path::new("o.tsv"), "Amazon\n").unwrap_err();
/// assert!(e.to_string().starts_with("o.tsv:1:"));
/// ```
pub fn parse_tsv(path: &Path, text: &str) -> Result<Vec<Entry>> {
    parse_tsv_typed(path, text, &[])
}

/// The types a gazetteer allows: the words of the `# type:` line in the
/// header of its built-in file (empty: any type).
fn allowed_types(builtin: &str) -> Vec<&str> {
    builtin
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# type:"))
        .map(|t| t.split_whitespace().collect())
        .unwrap_or_default()
}

/// [`parse_tsv`], with the type column checked against `types` (when not empty).
fn parse_tsv_typed(path: &Path, text: &str, types: &[&str]) -> Result<Vec<Entry>> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.chars().all(char::is_whitespace) {
            continue;
        }
        let expected = "expected `canonical<TAB>type<TAB>alias|alias...` (aliases optional)";
        let mut tabs = memchr::memchr_iter(b'\t', line.as_bytes());
        let (Some(t1), t2, None) = (tabs.next(), tabs.next(), tabs.next()) else {
            let found = memchr::memchr_iter(b'\t', line.as_bytes()).count() + 1;
            return Err(err(path, i + 1, format!("{expected}, found {found} column(s)")));
        };
        let (kind, aliases) = match t2 {
            Some(t2) => (&line[t1 + 1..t2], Some(&line[t2 + 1..])),
            None => (&line[t1 + 1..], None),
        };
        let (canonical, kind) = (line[..t1].trim(), kind.trim());
        if canonical.is_empty() {
            return Err(err(path, i + 1, format!("empty canonical name; {expected}")));
        }
        if kind.is_empty() {
            return Err(err(path, i + 1, format!("empty type; {expected}")));
        }
        if !types.is_empty() && !types.contains(&kind) {
            let near = crate::suggest::did_you_mean(kind, types.iter().copied());
            return Err(err(
                path,
                i + 1,
                format!("unknown type `{kind}`{near}; the type is one of: {}", types.join(", ")),
            ));
        }
        let mut aliases_out = Vec::new();
        if let Some(a) = aliases.filter(|a| !a.trim().is_empty()) {
            for alias in a.split('|') {
                let alias = alias.trim();
                if alias.is_empty() {
                    return Err(err(path, i + 1, format!("empty alias between `|`; {expected}")));
                }
                aliases_out.push(alias.to_string());
            }
        }
        out.push(Entry { canonical: canonical.to_string(), kind_detail: kind.to_string(), aliases: aliases_out });
    }
    Ok(out)
}

/// A user's file of one of the [`TABLES`], read but not parsed.
#[derive(Debug)]
pub(super) struct UserTable {
    /// Where it was read (for the errors).
    pub(super) path: PathBuf,
    /// Its text.
    pub(super) text: String,
    /// Its first line is [`REPLACE_MARKER`].
    pub(super) replace: bool,
}

/// Every file, parsed, after applying the user folder (the user's tables
/// are only read: their modules parse them).
///
/// Built-in word lists are borrowed from the binary, not copied.
pub(super) struct Files {
    lists: HashMap<&'static str, Vec<Cow<'static, str>>>,
    tsvs: HashMap<&'static str, Vec<Entry>>,
    tables: HashMap<&'static str, UserTable>,
}

impl Files {
    pub(super) fn list(&self, name: &str) -> &[Cow<'static, str>] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
    /// Moves a gazetteer out (empty when absent).
    pub(super) fn take_tsv(&mut self, name: &str) -> Vec<Entry> {
        self.tsvs.remove(name).unwrap_or_default()
    }
    /// Moves the user's file of a table out (`None` when there is none).
    pub(super) fn take_table(&mut self, name: &str) -> Option<UserTable> {
        self.tables.remove(name)
    }
}

pub(super) fn load_all(dir: Option<&Path>) -> Result<Files> {
    let mut files = Files { lists: HashMap::new(), tsvs: HashMap::new(), tables: HashMap::new() };
    for &(name, text) in BUILTIN {
        let path = PathBuf::from(format!("<built-in>/{name}"));
        if name.ends_with(".tsv") {
            files.tsvs.insert(name, parse_tsv_typed(&path, text, &allowed_types(text))?);
        } else {
            files.lists.insert(name, list_entries(&path, text)?.into_iter().map(Cow::Borrowed).collect());
        }
    }
    let Some(dir) = dir else { return Ok(files) };
    if !dir.is_dir() {
        let near = match crate::suggest::closest_path(dir).filter(|p| p.is_dir()) {
            Some(p) if !dir.exists() => format!("; it does not exist: did you mean {}?", p.display()),
            _ => String::new(),
        };
        return Err(Error::Config(format!(
            "lexicon folder {}: not a readable folder{near} (give a folder holding files named like the built-in ones, such as organizations.tsv)",
            dir.display()
        )));
    }
    for &(name, builtin) in BUILTIN.iter().chain(TABLES) {
        let path = dir.join(name);
        if !path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
            hint: "a lexicon file must be readable UTF-8 text",
        })?;
        let replace = text.lines().next().is_some_and(|l| l.trim_end() == REPLACE_MARKER);
        if TABLES.iter().any(|(t, _)| *t == name) {
            files.tables.insert(name, UserTable { path, text, replace });
        } else if name.ends_with(".tsv") {
            let entries = parse_tsv_typed(&path, &text, &allowed_types(builtin))?;
            let slot = files.tsvs.entry(name).or_default();
            if replace {
                slot.clear();
            }
            // The user's entries first: where a name or an alias is in both,
            // the user's reading wins (the gazetteer keeps the first).
            slot.splice(0..0, entries);
        } else {
            let entries = list_entries(&path, &text)?;
            let slot = files.lists.entry(name).or_default();
            if replace {
                slot.clear();
            }
            slot.extend(entries.into_iter().map(|e| Cow::Owned(e.to_string())));
        }
    }
    // After the files themselves, so that an error in one is reported first.
    check_file_names(dir)?;
    Ok(files)
}

/// Every file of a user lexicon folder must be named like a built-in file
/// (hidden files aside): a misnamed file would otherwise be ignored silently.
fn check_file_names(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
        hint: "the lexicon folder must be readable",
    })?;
    let mut unknown: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !BUILTIN.iter().chain(TABLES).any(|(b, _)| b == n))
        .collect();
    unknown.sort();
    let Some(name) = unknown.first() else { return Ok(()) };
    let mut valid: Vec<&str> = BUILTIN.iter().chain(TABLES).map(|(b, _)| *b).collect();
    valid.sort_unstable();
    let near = crate::suggest::closest_file_name(name, valid.iter().copied())
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Err(Error::Config(format!(
        "lexicon folder {}: `{name}` is not the name of a lexicon file{near}; the files it may hold are {}; rename the file or move it out of the folder",
        dir.display(),
        valid.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in file is well-formed, sorted by bytes, without
    /// duplicates, with comments only at the top.
    #[test]
    fn builtin_files_are_sorted_unique_and_well_formed() {
        for &(name, text) in BUILTIN {
            let mut prev: Option<&str> = None;
            let mut in_header = true;
            for (i, line) in text.lines().enumerate() {
                if line.starts_with('#') {
                    assert!(in_header, "{name}:{}: comment after the header", i + 1);
                    continue;
                }
                in_header = false;
                assert!(!line.trim().is_empty(), "{name}:{}: blank line", i + 1);
                if let Some(p) = prev {
                    assert!(p < line, "{name}:{}: not sorted or duplicate: {p:?} then {line:?}", i + 1);
                }
                prev = Some(line);
            }
            let path = PathBuf::from(name);
            if name.ends_with(".tsv") {
                let entries = parse_tsv(&path, text).unwrap();
                assert!(!entries.is_empty(), "{name} is empty");
            } else {
                let entries = parse_list(&path, text).unwrap();
                assert!(!entries.is_empty(), "{name} is empty");
            }
        }
    }

    #[test]
    fn errors_name_file_line_and_expectation() {
        let p = Path::new("x.tsv");
        let e = parse_tsv(p, "# h\nA\tcompany\tB||C\n").unwrap_err().to_string();
        assert!(e.starts_with("x.tsv:2:") && e.contains("empty alias"), "{e}");
        let e = parse_tsv(p, "A\t\tB\n").unwrap_err().to_string();
        assert!(e.contains("empty type"), "{e}");
        let e = parse_tsv(p, "A\tb\tc\td\n").unwrap_err().to_string();
        assert!(e.starts_with("x.tsv:1:") && e.contains("found 4 column(s)"), "{e}");
        let e = parse_tsv(p, "\n \nA\n").unwrap_err().to_string();
        assert!(e.starts_with("x.tsv:3:") && e.contains("found 1 column(s)"), "{e}");
        let ok = parse_tsv(p, "A \t b \t\nC\td\t x | y \n").unwrap();
        assert_eq!(ok[0], Entry { canonical: "A".into(), kind_detail: "b".into(), aliases: vec![] });
        assert_eq!(ok[1].aliases, ["x", "y"]);
        let e = parse_list(Path::new("y.txt"), "ok\nbad \n").unwrap_err().to_string();
        assert!(e.starts_with("y.txt:2:"), "{e}");
        let e = parse_list(Path::new("y.txt"), "a\tb\n").unwrap_err().to_string();
        assert!(e.starts_with("y.txt:1:") && e.contains("no tab"), "{e}");
        let e = parse_list(Path::new("y.txt"), "ok\n bad\n").unwrap_err().to_string();
        assert!(e.starts_with("y.txt:2:"), "{e}");
    }

    #[test]
    fn user_folder_extends_or_replaces() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("first_names.txt"), "Zébulon\n").unwrap();
        std::fs::write(dir.path().join("org_heads.txt"), "#!replace\nFoobar\n").unwrap();
        let files = load_all(Some(dir.path())).unwrap();
        let names = files.list("first_names.txt");
        assert!(names.len() > 1 && names.iter().any(|n| n == "Zébulon"));
        assert_eq!(files.list("org_heads.txt"), ["Foobar"]);
        std::fs::write(dir.path().join("places.tsv"), "Nowhere\n").unwrap();
        let e = load_all(Some(dir.path())).err().unwrap().to_string();
        assert!(e.contains("places.tsv:1:"), "{e}");
    }
}
