//! Reading and compiling a rule file: TOML to [`Rule`]s, every problem
//! reported as `FILE:LINE:COLUMN: message`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::validate::Validate;
use super::{Example, Pattern, Priority, Rule, RuleFile, Source, Unit, WORDS_GROUP, WordIndex};
use crate::record::Kind;

/// The most bytes a compiled pattern may take (the regex crate's size
/// limit): a pattern over it is refused when the file is loaded.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// The most bytes of the lazy DFA cache of one pattern.
const DFA_SIZE_LIMIT: usize = 2 << 20;
/// How far `before` and `after` look, in characters.
pub const CONTEXT_CHARS: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    name: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    words: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    words_file: Option<Spanned<String>>,
    #[serde(default)]
    before: Option<Spanned<String>>,
    #[serde(default)]
    not_before: Option<Spanned<String>>,
    #[serde(default)]
    after: Option<Spanned<String>>,
    #[serde(default)]
    not_after: Option<Spanned<String>>,
    #[serde(default = "yes")]
    case_sensitive: bool,
    #[serde(default)]
    priority: Priority,
    #[serde(default)]
    validate: Option<Validate>,
    #[serde(default)]
    compact: bool,
    #[serde(default)]
    currency: Option<Spanned<String>>,
    #[serde(default)]
    units: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
    #[serde(default)]
    counterexamples: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleSpec {
    text: String,
    span: String,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    currency: Option<String>,
}

/// Collects the problems of one file with their positions.
struct Diags<'a> {
    path: &'a Path,
    src: &'a str,
    errors: Vec<String>,
}

impl Diags<'_> {
    fn at(&mut self, span: Range<usize>, message: impl std::fmt::Display) {
        let (line, col) = line_col(self.src, span.start);
        self.errors.push(format!("{}:{line}:{col}: {message}", self.path.display()));
    }
}

/// 1-based line and column (in characters) of byte `at` in `src`.
pub(crate) fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let before = src.get(..at).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads and compiles the rule file at `path`.
pub(crate) fn load(path: &Path) -> Result<RuleFile, Vec<String>> {
    let src = std::fs::read_to_string(path).map_err(|e| {
        vec![format!("{}: cannot read the rule file: {e} (check the path given to --rules)", path.display())]
    })?;
    parse(path, &src)
}

/// Compiles the rule file `src`, read from `path` (for messages and `words_file`).
pub(crate) fn parse(path: &Path, src: &str) -> Result<RuleFile, Vec<String>> {
    let mut d = Diags { path, src, errors: Vec::new() };
    let spec: FileSpec = match toml::from_str(src) {
        Ok(s) => s,
        Err(e) => {
            let message = e.message().trim_end().replace('\n', "; ");
            let message = format!("{message} ({})", expected_hint(&message));
            d.at(e.span().unwrap_or(0..0), message);
            return Err(d.errors);
        }
    };
    let mut declared: Vec<String> = Vec::new();
    for k in &spec.kinds {
        if Kind::parse(k.get_ref()).is_some() {
            d.at(k.span(), format!("{:?} is a built-in kind: it needs no declaration", k.get_ref()));
        } else if let Err(e) = Kind::user(k.get_ref()) {
            d.at(k.span(), e);
        } else {
            declared.push(k.get_ref().clone());
        }
    }
    let mut rules = Vec::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for r in &spec.rule {
        let line = line_col(src, r.span().start).0;
        if let Some(first) = names.insert(r.get_ref().name.get_ref().clone(), line) {
            d.at(
                r.get_ref().name.span(),
                format!(
                    "a rule named {:?} already exists (line {first}): rule names must be unique",
                    r.get_ref().name.get_ref()
                ),
            );
        }
        if let Some(rule) = compile_rule(&mut d, r.get_ref(), line, &declared) {
            rules.push(rule);
        }
    }
    if spec.rule.is_empty() && d.errors.is_empty() {
        d.at(0..0, "no rule in this file: add a [[rule]] table (see the README, \"Writing rules\")");
    }
    if !d.errors.is_empty() {
        return Err(d.errors);
    }
    let patterns: Vec<&str> = rules
        .iter()
        .filter_map(|r| match &r.source {
            Source::Pattern(p) => Some(p.re.as_str()),
            _ => None,
        })
        .collect();
    let set = build_set(&patterns).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    let words = word_indexes(&rules).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    Ok(RuleFile { path: path.to_path_buf(), rules, set, words })
}

/// One Aho-Corasick automaton for the word lists of all the words-only
/// rules of a file that match case as written, one for those that do not.
fn word_indexes(rules: &[Rule]) -> Result<Vec<WordIndex>, String> {
    let mut out = Vec::new();
    for case_sensitive in [true, false] {
        let (mut words, mut rule_of) = (Vec::new(), Vec::new());
        for (i, r) in rules.iter().enumerate() {
            if let Source::Words(w) = &r.source
                && r.case_sensitive == case_sensitive
            {
                words.extend(w.iter().map(String::as_str));
                rule_of.extend(std::iter::repeat_n(i, w.len()));
            }
        }
        if words.is_empty() {
            continue;
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(!case_sensitive)
            .build(&words)
            .map_err(|e| format!("the word lists cannot be indexed: {e}"))?;
        out.push(WordIndex { ac, rule_of });
    }
    Ok(out)
}

fn build_set(patterns: &[&str]) -> Result<RegexSet, String> {
    RegexSetBuilder::new(patterns)
        .size_limit(PATTERN_SIZE_LIMIT * patterns.len().max(1))
        .dfa_size_limit(DFA_SIZE_LIMIT * 4)
        .build()
        .map_err(|e| format!("the rules' patterns do not compile together: {e}"))
}

/// What to say after serde's message, from its wording.
fn expected_hint(message: &str) -> &'static str {
    if message.contains("unknown field") {
        "see the README, \"Writing rules\", for every field a rule file takes"
    } else if message.contains("unknown variant") {
        "use one of the values listed"
    } else if message.contains("missing field") {
        "every [[rule]] needs a name and a kind, every example a text and a span"
    } else {
        "the file must be TOML: one [[rule]] table per rule, strings in quotes; single quotes keep backslashes as written"
    }
}

/// Reports a rule name that is not 1 to 64 ASCII letters, digits, _ and -.
fn check_name(d: &mut Diags<'_>, r: &RuleSpec) {
    let name = r.name.get_ref();
    let name_ok = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !name_ok {
        d.at(
            r.name.span(),
            format!("rule name {name:?}: use 1 to 64 ASCII letters, digits, _ and -, starting with a letter"),
        );
    }
}

/// The rule's kind: built in, or declared at the top of the file.
fn kind_of(d: &mut Diags<'_>, r: &RuleSpec, declared: &[String]) -> Option<Kind> {
    let kind_name = r.kind.get_ref();
    match Kind::parse(kind_name) {
        Some(k) => Some(k),
        None if declared.iter().any(|k| k == kind_name) => Kind::user(kind_name).ok(),
        None => {
            d.at(
                r.kind.span(),
                format!(
                    "unknown kind {kind_name:?}: use a built-in kind ({}) or declare a new one at the top of the file: kinds = [{kind_name:?}]",
                    Kind::ALL.map(Kind::as_str).join(", ")
                ),
            );
            None
        }
    }
}

fn compile_rule(d: &mut Diags<'_>, r: &RuleSpec, line: usize, declared: &[String]) -> Option<Rule> {
    let errors_before = d.errors.len();
    let name = r.name.get_ref();
    check_name(d, r);
    let kind = kind_of(d, r, declared);
    let figure = matches!(kind, Some(Kind::Money | Kind::Percent));
    let case = if r.case_sensitive { "" } else { "(?i)" };
    let words = words_of(d, r);
    let source = match (&r.pattern, &words) {
        (Some(p), _) => {
            let (text, word_start, word_end) = strip_boundaries(p.get_ref());
            let text = match &words {
                Some(w) if text.contains("{words}") => {
                    let mut sorted: Vec<&String> = w.iter().collect();
                    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
                    let alt: Vec<String> = sorted.iter().map(|w| regex::escape(w)).collect();
                    // Matched whole: checked on the group after the search.
                    text.replacen("{words}", &format!("(?<{WORDS_GROUP}>{})", alt.join("|")), 1)
                }
                Some(_) => {
                    d.at(p.span(), "the rule has words but its pattern does not use them: put {words} in the pattern where they go, or remove the pattern to find the words alone");
                    text
                }
                None if text.contains("{words}") => {
                    d.at(
                        p.span(),
                        "the pattern uses {words} but the rule has no words = [...] or words_file = \"...\"",
                    );
                    text
                }
                None => text,
            };
            compile(d, p.span(), "pattern", &format!("{case}{text}"))
                .map(|re| Source::Pattern(Pattern { re, word_start, word_end }))
        }
        (None, Some(w)) => {
            if w.is_empty() {
                d.at(r.name.span(), "the rule's word list is empty");
            }
            Some(Source::Words(w.clone()))
        }
        (None, None) => {
            d.at(r.name.span(), "the rule finds nothing: give it a pattern = '...' or words = [...] (or both, with {words} in the pattern)");
            None
        }
    };
    if let Some(Source::Pattern(p)) = &source {
        check_groups(d, r, &p.re, figure, kind);
    }
    let cond = |d: &mut Diags<'_>, field: &str, spec: &Option<Spanned<String>>, before: bool| {
        spec.as_ref().and_then(|p| {
            let text =
                if before { format!(r"{case}(?:{})\z", p.get_ref()) } else { format!(r"{case}\A(?:{})", p.get_ref()) };
            compile(d, p.span(), field, &text)
        })
    };
    let before = cond(d, "before", &r.before, true);
    let not_before = cond(d, "not_before", &r.not_before, true);
    let after = cond(d, "after", &r.after, false);
    let not_after = cond(d, "not_after", &r.not_after, false);
    let units = units_of(d, r, kind);
    if let Some(c) = &r.currency {
        if kind != Some(Kind::Money) {
            d.at(c.span(), "currency is for money rules only");
        } else if !is_iso_code(c.get_ref()) {
            d.at(
                c.span(),
                format!("currency {:?}: use an ISO 4217 code of three capital letters (\"EUR\")", c.get_ref()),
            );
        }
    }
    let examples = examples_of(d, r);
    let counterexamples = r
        .counterexamples
        .iter()
        .map(|c| Example {
            line: line_col(d.src, c.span().start).0,
            text: c.get_ref().clone(),
            span: 0..0,
            value: None,
            currency: None,
        })
        .collect();
    if d.errors.len() > errors_before {
        return None;
    }
    Some(Rule {
        name: name.clone(),
        id: super::rule_id(name),
        line,
        kind: kind?,
        source: source?,
        before,
        not_before,
        after,
        not_after,
        priority: r.priority,
        case_sensitive: r.case_sensitive,
        validate: r.validate,
        compact: r.compact,
        currency: r.currency.as_ref().map(|c| c.get_ref().clone()),
        units,
        examples,
        counterexamples,
    })
}

/// A `\\b` at the very start or end of a pattern, taken off: the rule checks
/// it on each match instead. A Unicode word boundary inside a pattern makes
/// the regex crate's fast engine give up on text that is not ASCII (French
/// text, that is), which costs several times the rest of the pipeline.
fn strip_boundaries(p: &str) -> (String, bool, bool) {
    let mut p = p;
    let start = p.starts_with(r"\b") && !p.starts_with(r"\b{");
    if start {
        p = &p[2..];
    }
    // A final `\b` not itself escaped (`\\b` is a backslash then b).
    let escapes = p.strip_suffix(r"\b").map(|rest| rest.len() - rest.trim_end_matches('\\').len());
    let end = escapes.is_some_and(|n| n.is_multiple_of(2));
    if end {
        p = &p[..p.len() - 2];
    }
    (p.to_string(), start, end)
}

fn is_iso_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The rule's words, from `words` and `words_file` (one a line, `#` comments).
fn words_of(d: &mut Diags<'_>, r: &RuleSpec) -> Option<Vec<String>> {
    let mut words: Vec<String> = Vec::new();
    if let Some(w) = &r.words {
        if w.get_ref().iter().any(|w| w.trim().is_empty()) {
            d.at(w.span(), "words: an empty word matches everywhere; remove it");
        }
        words.extend(w.get_ref().iter().cloned());
    }
    if let Some(f) = &r.words_file {
        let base = d.path.parent().unwrap_or(Path::new("."));
        let file: PathBuf = base.join(f.get_ref());
        match std::fs::read_to_string(&file) {
            Ok(text) => words.extend(
                text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string),
            ),
            Err(e) => d.at(
                f.span(),
                format!("words_file {}: {e} (the path is relative to the rule file's folder)", file.display()),
            ),
        }
    }
    (r.words.is_some() || r.words_file.is_some()).then_some(words)
}

/// Compiles one regular expression of a rule, within the size limits.
fn compile(d: &mut Diags<'_>, span: Range<usize>, field: &str, pattern: &str) -> Option<Regex> {
    match RegexBuilder::new(pattern).size_limit(PATTERN_SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build() {
        Ok(re) => Some(re),
        Err(regex::Error::CompiledTooBig(limit)) => {
            d.at(
                span,
                format!(
                    "{field}: the regular expression is too big once compiled (over the limit of {limit} bytes): counted repetitions such as {{1000}}, nested ones, or \\w and . (all of Unicode) inside them make it grow; use smaller counts or ASCII classes ([A-Z0-9], (?-u:\\w))"
                ),
            );
            None
        }
        Err(e) => {
            d.at(
                span,
                format!(
                    "{field}: not a valid regular expression (the regex crate's syntax; see its documentation):\n{e}"
                ),
            );
            None
        }
    }
}

fn check_groups(d: &mut Diags<'_>, r: &RuleSpec, re: &Regex, figure: bool, kind: Option<Kind>) {
    let span = r.pattern.as_ref().map_or(0..0, |p| p.span());
    let names: Vec<&str> = re.capture_names().flatten().collect();
    for n in &names {
        if *n != "value" && *n != "unit" && *n != WORDS_GROUP {
            d.at(
                span.clone(),
                format!("group (?<{n}>…): depeche reads only the groups named value and unit; make it (?:…)"),
            );
        }
    }
    let has = |n: &str| names.contains(&n);
    if figure && !has("value") {
        d.at(
            span.clone(),
            "a money or percent rule needs a (?<value>…) group holding the number (« 12,5 », « douze »)",
        );
    }
    if has("unit") && kind != Some(Kind::Money) {
        d.at(span.clone(), "a (?<unit>…) group is for money rules (it gives the currency through units = {...})");
    }
    if kind == Some(Kind::Money) && has("unit") && r.units.is_none() {
        d.at(
            span.clone(),
            "the pattern has a (?<unit>…) group: add units = { \"k€\" = \"1000 EUR\", ... } saying what each unit is",
        );
    }
    if kind == Some(Kind::Money) && !has("unit") && r.currency.is_none() {
        d.at(span, "a money rule needs a currency: currency = \"EUR\", or a (?<unit>…) group with units = {...}");
    }
    if re.find("").is_some() {
        d.at(
            r.pattern.as_ref().map_or(0..0, |p| p.span()),
            "the pattern matches the empty text: make at least one part of it required",
        );
    }
}

/// `units = { "k€" = "1000 EUR" }`: the written unit → a multiplier and a currency.
fn units_of(d: &mut Diags<'_>, r: &RuleSpec, kind: Option<Kind>) -> Vec<Unit> {
    let Some(units) = &r.units else { return Vec::new() };
    if kind != Some(Kind::Money) {
        d.at(units.span(), "units is for money rules only");
        return Vec::new();
    }
    let mut out = Vec::new();
    for (written, meaning) in units.get_ref() {
        let mut parts = meaning.split_whitespace().rev();
        let code = parts.next().unwrap_or("");
        let factor = parts.next();
        let factor = match factor.map(|f| f.parse::<rust_decimal::Decimal>()) {
            None => Some(rust_decimal::Decimal::ONE),
            Some(Ok(f)) if f > rust_decimal::Decimal::ZERO => Some(f),
            Some(_) => None,
        };
        match factor {
            Some(factor) if is_iso_code(code) && parts.next().is_none() => {
                out.push(Unit { written: written.clone(), factor, currency: code.to_string() })
            }
            _ => d.at(
                units.span(),
                format!("units: {written:?} = {meaning:?}: write a currency code, after a multiplier if any (\"EUR\", \"1000 EUR\")"),
            ),
        }
    }
    out
}

fn examples_of(d: &mut Diags<'_>, r: &RuleSpec) -> Vec<Example> {
    let mut out = Vec::new();
    for e in &r.examples {
        let x = e.get_ref();
        let at = match x.start {
            Some(chars) => {
                x.text.char_indices().nth(chars).map(|(b, _)| b).filter(|&b| x.text[b..].starts_with(&x.span))
            }
            None => x.text.find(&x.span),
        };
        let Some(at) = at.filter(|_| !x.span.is_empty()) else {
            let message = match x.start {
                Some(s) => format!("example: the span {:?} is not at character {s} of its text", x.span),
                None => {
                    format!("example: the span {:?} is not in its text; span must be the exact text expected", x.span)
                }
            };
            d.at(e.span(), message);
            continue;
        };
        if x.start.is_none() && x.text.match_indices(&x.span).nth(1).is_some() {
            d.at(
                e.span(),
                format!(
                    "example: the span {:?} occurs more than once in its text; say which with start = CHARACTER_OFFSET",
                    x.span
                ),
            );
            continue;
        }
        out.push(Example {
            line: line_col(d.src, e.span().start).0,
            text: x.text.clone(),
            span: at..at + x.span.len(),
            value: x.value.clone(),
            currency: x.currency.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_at_the_ends_are_checked_after_the_search() {
        let rows = [
            (r"\bAB\b", "AB", true, true),
            (r"\b{start-half}AB", r"\b{start-half}AB", false, false),
            (r"AB\\b", r"AB\\b", false, false),
            (r"AB\\\b", r"AB\\", false, true),
            (r"(?:a|\b)", r"(?:a|\b)", false, false),
        ];
        for (p, rest, start, end) in rows {
            assert_eq!(strip_boundaries(p), (rest.to_string(), start, end), "{p}");
        }
    }

    #[test]
    fn lines_and_columns() {
        let src = "ab\ncé d\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, "ab\ncé ".len()), (2, 4));
    }
}
