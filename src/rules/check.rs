//! `depeche rules check`: every example and counterexample of every rule,
//! run through the whole pipeline.

use std::fmt;
use std::path::PathBuf;

use super::{Example, Rule};
use crate::record::{Entity, Record};
use crate::{Document, Pipeline};

/// An example or counterexample that did not come out as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The rule file.
    pub path: PathBuf,
    /// The line of the example in the file.
    pub line: usize,
    /// The rule's name.
    pub rule: String,
    /// What was expected and what came out.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: rule {}: {}", self.path.display(), self.line, self.rule, self.message)
    }
}

/// Runs every example and counterexample of the pipeline's rules through
/// the pipeline (all rule files and built-ins together, as `extract` runs
/// them) and returns what failed.
///
/// An example passes when the record has an entity of the rule's kind, made
/// by the rule, exactly over the example's span, with the value and currency
/// it states (numbers compared as numbers). A counterexample passes when the
/// rule produced nothing in its text. A rule without examples fails.
pub fn check(pipeline: &Pipeline) -> Vec<Failure> {
    let mut failures = Vec::new();
    let rules = pipeline.rules();
    for file in &rules.files {
        for rule in &file.rules {
            let fail = |line: usize, message: String| Failure {
                path: file.path.clone(),
                line,
                rule: rule.name.clone(),
                message,
            };
            if rule.examples.is_empty() {
                failures.push(fail(
                    rule.line,
                    "the rule has no example: add examples = [{ text = \"...\", span = \"...\" }] showing what it finds".into(),
                ));
            }
            for ex in &rule.examples {
                let record = pipeline.process(&Document::new("example", ex.text.clone()));
                if let Some(message) = example_fails(rule, ex, &record) {
                    failures.push(fail(ex.line, message));
                }
            }
            for ex in &rule.counterexamples {
                let record = pipeline.process(&Document::new("counterexample", ex.text.clone()));
                let found: Vec<String> = record.entities.iter().filter(|e| e.rule == rule.id).map(describe).collect();
                if !found.is_empty() {
                    failures.push(fail(
                        ex.line,
                        format!("counterexample: the rule must not fire, but it found {}", found.join("; ")),
                    ));
                }
            }
        }
    }
    failures
}

/// Why `ex` fails, or `None` when it passes.
fn example_fails(rule: &Rule, ex: &Example, record: &Record) -> Option<String> {
    let chars = |b: usize| ex.text[..b].chars().count();
    let (start, end) = (chars(ex.span.start), chars(ex.span.end));
    let mut want = format!("{} « {} » at {start}..{end} by {}", rule.kind.as_str(), &ex.text[ex.span.clone()], rule.id);
    if let Some(v) = &ex.value {
        want += &format!(", value {v:?}");
    }
    if let Some(c) = &ex.currency {
        want += &format!(", currency {c:?}");
    }
    let exact =
        record.entities.iter().find(|e| e.start == start && e.end == end && e.rule == rule.id && e.kind == rule.kind);
    let got = match exact {
        Some(e) => {
            let value_ok = match (&ex.value, &e.value) {
                (None, _) => true,
                (Some(w), Some(g)) => same_value(w, g),
                (Some(_), None) => false,
            };
            let currency_ok = ex.currency.is_none() || ex.currency == e.currency;
            if value_ok && currency_ok {
                return None;
            }
            describe(e)
        }
        None => {
            let near: Vec<String> =
                record.entities.iter().filter(|e| e.start < end && start < e.end).map(describe).collect();
            if near.is_empty() { "nothing there".to_string() } else { near.join("; ") }
        }
    };
    Some(format!("example {:?}: expected {want}; got {got}", short(&ex.text)))
}

/// Equal values: equal strings, or equal numbers (« 12.50 » and « 12.5 »).
fn same_value(want: &str, got: &str) -> bool {
    want == got
        || matches!((want.parse::<rust_decimal::Decimal>(), got.parse::<rust_decimal::Decimal>()), (Ok(a), Ok(b)) if a == b)
}

fn describe(e: &Entity) -> String {
    let mut s = format!("{} « {} » at {}..{} by {}", e.kind.as_str(), e.text, e.start, e.end, e.rule);
    if let Some(v) = &e.value {
        s += &format!(", value {v:?}");
    }
    if let Some(c) = &e.currency {
        s += &format!(", currency {c:?}");
    }
    s
}

/// The start of a long text, for messages.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
