//! Tests: figures. The table runner over `fixtures/figures/*.toml`: every
//! `[[case]]` has an `id`, a `text`, an optional `locale` and the money and
//! percent entities it must give (`expect`, empty for a negative case). A
//! failing case prints its id, its text, what was expected and what came out.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use depeche::{Document, Kind, Locale, Pipeline};
use serde::Deserialize;

use crate::common;

#[derive(Debug, Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    text: String,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    expect: Vec<Expected>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    text: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    min: Option<String>,
    #[serde(default)]
    max: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    currency_inferred: bool,
    #[serde(default)]
    approx: bool,
    #[serde(default)]
    bound: Option<String>,
    #[serde(default)]
    points: bool,
    #[serde(default)]
    per: Option<String>,
    #[serde(default)]
    change: bool,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

fn pipeline_for(locale: Option<&str>) -> &'static Pipeline {
    static OTHERS: OnceLock<BTreeMap<&'static str, Pipeline>> = OnceLock::new();
    let Some(tag) = locale else { return common::pipeline() };
    let map = OTHERS.get_or_init(|| {
        ["fr-FR", "fr-BE", "fr-CH", "fr-CA"]
            .into_iter()
            .map(|t| (t, Pipeline::builder().locale(Locale::parse(t).unwrap()).build().unwrap()))
            .collect()
    });
    map.get(tag).unwrap_or_else(|| panic!("unknown locale {tag}"))
}

fn got(record: &depeche::Record) -> Vec<Expected> {
    record
        .entities
        .iter()
        .filter(|e| matches!(e.kind, Kind::Money | Kind::Percent))
        .map(|e| Expected {
            kind: e.kind.as_str().to_string(),
            text: e.text.clone(),
            value: e.value.clone(),
            min: e.min.clone(),
            max: e.max.clone(),
            currency: e.currency.clone(),
            currency_inferred: e.currency_inferred,
            approx: e.approx,
            bound: e.bound.map(|b| format!("{b:?}").to_lowercase()),
            points: e.points,
            per: e.per.clone(),
            change: e.change,
            from: e.from.clone(),
            to: e.to.clone(),
        })
        .collect()
}

fn load() -> Vec<(String, Case)> {
    let dir = common::path("fixtures/figures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/figures exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let table: Table = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        out.extend(table.case.into_iter().map(|c| (name.clone(), c)));
    }
    out
}

#[test]
fn figure_tables_pass() {
    let cases = load();
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let pipeline = pipeline_for(case.locale.as_deref());
        let record = pipeline.process(&Document::new(case.id.clone(), case.text.clone()));
        common::check_spans(&case.text, &record);
        let got = got(&record);
        if got != case.expect {
            failures.push(format!(
                "{file} [{}] {:?}\n  expected: {:#?}\n  got:      {:#?}",
                case.id, case.text, case.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} figure cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn figure_tables_are_large_unique_and_balanced() {
    let cases = load();
    assert!(cases.len() >= 400, "only {} figure cases", cases.len());
    let mut ids = HashSet::new();
    for (file, c) in &cases {
        assert!(ids.insert(c.id.clone()), "{file}: duplicate case id {}", c.id);
        for e in &c.expect {
            assert!(c.text.contains(&e.text), "{file} [{}]: expected text {:?} is not in the case text", c.id, e.text);
            assert!(matches!(e.kind.as_str(), "money" | "percent"), "{file} [{}]: kind {}", c.id, e.kind);
            assert!(e.value.is_some() != (e.min.is_some() && e.max.is_some()), "{file} [{}]: value xor min/max", c.id);
        }
    }
    let negatives = cases.iter().filter(|(_, c)| c.expect.is_empty()).count();
    let share = negatives as f64 / cases.len() as f64;
    assert!((0.25..=0.45).contains(&share), "negatives are {negatives} of {} cases", cases.len());
}
