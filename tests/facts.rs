//! Tests: facts. The table runners over `fixtures/facts/periods.toml` (every
//! period entity of a text, with an optional article date) and
//! `fixtures/facts/facts*.toml` (one figure of a text: its subject, period
//! and measure). A failing case prints its id, its text, what was expected
//! and what came out.

use std::collections::{BTreeMap, HashSet};

use depeche::facts::Day;
use depeche::{Document, Kind, Pipeline, Record};
use serde::Deserialize;

use crate::common;

#[derive(Debug, Deserialize)]
struct PeriodTable {
    case: Vec<PeriodCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodCase {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    periods: Vec<ExpectedPeriod>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone)]
#[serde(deny_unknown_fields)]
struct ExpectedPeriod {
    text: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    relative: bool,
}

#[derive(Debug, Deserialize)]
struct FactTable {
    case: Vec<FactCase>,
}

/// One figure's facts. `subject` is the subject's canonical name or text
/// (absent: no subject); `period` the period's value, or its text when it
/// has no value (absent: no period).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactCase {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    figure: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    period: Option<String>,
    measure: String,
    /// A hard or negative case (no subject, two companies, acquirer vs
    /// target, comparisons, relative periods...).
    #[serde(default)]
    hard: bool,
}

fn run(text: &str, date: Option<&str>) -> Record {
    let mut doc = Document::new("t", text);
    doc.date = date.map(str::to_string);
    if let Some(d) = date {
        assert!(Day::parse(d).is_some(), "bad date {d:?} in a fixture");
    }
    let p: &Pipeline = common::pipeline();
    let r = p.process(&doc);
    common::check_spans(text, &r);
    r
}

fn files(prefix: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(common::path("fixtures/facts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml") && p.file_name().unwrap().to_string_lossy().starts_with(prefix)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn period_table_passes() {
    let mut failures = Vec::new();
    let mut ids = HashSet::new();
    let mut n = 0;
    for f in files("periods") {
        let table: PeriodTable = toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in table.case {
            assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
            n += 1;
            let r = run(&c.text, c.date.as_deref());
            let got: Vec<ExpectedPeriod> = r
                .entities
                .iter()
                .filter(|e| e.kind == Kind::Period)
                .map(|e| ExpectedPeriod { text: e.text.clone(), value: e.value.clone(), relative: e.relative })
                .collect();
            if got != c.periods {
                failures.push(format!("{}: {:?}\n  expected {:?}\n  got      {:?}", c.id, c.text, c.periods, got));
            }
        }
    }
    assert!(n >= 40, "the period table has only {n} cases");
    assert!(failures.is_empty(), "{} of {n} period cases fail:\n{}", failures.len(), failures.join("\n"));
}

fn describe(r: &Record, id: Option<usize>) -> Option<String> {
    let e = &r.entities[id?];
    Some(e.value.clone().unwrap_or_else(|| e.text.clone()))
}

/// The expected subject matches by canonical name or by the text of any
/// mention of the same entity (« BNS » for « Banque nationale suisse »).
fn subject_matches(r: &Record, id: Option<usize>, want: Option<&str>) -> bool {
    match (id, want) {
        (None, None) => true,
        (Some(id), Some(want)) => {
            let e = &r.entities[id];
            let canonical = e.canonical.as_deref().unwrap_or(&e.text);
            canonical == want
                || r.entities.iter().any(|n| {
                    n.kind == e.kind && n.canonical.as_deref().unwrap_or(&n.text) == canonical && n.text == want
                })
        }
        _ => false,
    }
}

#[test]
fn fact_tables_pass() {
    let mut failures = Vec::new();
    let mut ids = HashSet::new();
    let (mut n, mut hard) = (0, 0);
    let mut measures = BTreeMap::new();
    for f in files("facts") {
        let table: FactTable =
            toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for c in table.case {
            assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
            assert!(depeche::record::Measure::parse(&c.measure).is_some(), "{}: unknown measure {}", c.id, c.measure);
            n += 1;
            hard += usize::from(c.hard);
            *measures.entry(c.measure.clone()).or_insert(0) += 1;
            let r = run(&c.text, c.date.as_deref());
            let Some(fig) =
                r.entities.iter().find(|e| matches!(e.kind, Kind::Money | Kind::Percent) && e.text == c.figure)
            else {
                failures.push(format!("{}: no figure {:?} in {:?}", c.id, c.figure, c.text));
                continue;
            };
            let subject =
                fig.subject.map(|s| r.entities[s].canonical.clone().unwrap_or_else(|| r.entities[s].text.clone()));
            let got = (subject, describe(&r, fig.period), fig.measure.map(|m| m.as_str()));
            let want = (c.subject.clone(), c.period.clone(), Some(c.measure.as_str()));
            let ok = subject_matches(&r, fig.subject, c.subject.as_deref()) && got.1 == want.1 && got.2 == want.2;
            if !ok {
                failures.push(format!("{}: {:?}\n  expected {:?}\n  got      {:?}", c.id, c.text, want, got));
            }
        }
    }
    assert!(n >= 200, "the fact tables have only {n} cases");
    assert!(hard * 3 >= n, "only {hard} of {n} fact cases are hard or negative (a third at least)");
    assert!(failures.is_empty(), "{} of {n} fact cases fail:\n{}", failures.len(), failures.join("\n"));
}
