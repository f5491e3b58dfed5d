//! Tests: names (people, organizations, places).
//!
//! Cases live in `fixtures/names/*.toml` as `[[case]]` tables:
//!
//! ```toml
//! [[case]]
//! id = "person-title-001"
//! text = "Le PDG Andy Jassy a parlé."
//! entities = [{ kind = "person", text = "Andy Jassy", role = "PDG" }]
//! ```
//!
//! The cases test the rule families, so they run on the rules alone
//! (without the learned tagger, see `tests/model.rs`).
//!
//! The names found (person, organization, place) must be exactly the
//! expected ones, in order; `canonical`, `role` and `organization` are
//! checked when the case gives them (`role = ""`: no role). An empty `entities` list is a negative
//! case: nothing may be found.

use std::path::Path;

use depeche::{Document, Kind};

use crate::common::{bin, check_spans, path, rules_pipeline};

#[derive(Debug)]
struct Expected {
    kind: String,
    text: String,
    canonical: Option<String>,
    role: Option<String>,
    organization: Option<String>,
}

fn field(t: &toml::Table, k: &str) -> Option<String> {
    t.get(k).and_then(|v| v.as_str()).map(str::to_string)
}

fn run_file(file: &Path, failures: &mut Vec<String>, count: &mut usize) {
    let src = std::fs::read_to_string(file).unwrap();
    let doc: toml::Table = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let cases = doc.get("case").and_then(|c| c.as_array()).unwrap_or_else(|| panic!("{}: no [[case]]", file.display()));
    for case in cases {
        let case = case.as_table().expect("case is a table");
        let id = field(case, "id").expect("case id");
        let text = field(case, "text").unwrap_or_else(|| panic!("{id}: no text"));
        let expected: Vec<Expected> = case
            .get("entities")
            .and_then(|e| e.as_array())
            .unwrap_or_else(|| panic!("{id}: no entities list"))
            .iter()
            .map(|e| {
                let e = e.as_table().expect("entity is a table");
                Expected {
                    kind: field(e, "kind").expect("kind"),
                    text: field(e, "text").expect("text"),
                    canonical: field(e, "canonical"),
                    role: field(e, "role"),
                    organization: field(e, "organization"),
                }
            })
            .collect();
        *count += 1;
        let record = rules_pipeline().process(&Document::new(&id, &text));
        check_spans(&text, &record);
        let got: Vec<_> = record
            .entities
            .iter()
            .filter(|e| matches!(e.kind, Kind::Person | Kind::Organization | Kind::Place))
            .collect();
        let mut ok = got.len() == expected.len();
        if ok {
            for (g, x) in got.iter().zip(&expected) {
                ok &= g.kind.as_str() == x.kind && g.text == x.text;
                ok &= x.canonical.is_none() || g.canonical == x.canonical;
                ok &= x.role.as_ref().is_none_or(|r| g.role.as_deref().unwrap_or("") == r);
                ok &= x.organization.is_none() || g.organization == x.organization;
            }
        }
        if !ok {
            let show: Vec<String> = got
                .iter()
                .map(|g| {
                    format!(
                        "{} {:?} canonical={:?} role={:?} org={:?} ({})",
                        g.kind.as_str(),
                        g.text,
                        g.canonical,
                        g.role,
                        g.organization,
                        g.rule
                    )
                })
                .collect();
            failures.push(format!("[{id}] {text:?}\n  expected: {expected:?}\n  got:      {show:?}"));
        }
    }
}

#[test]
fn fixture_tables() {
    let mut files: Vec<_> = std::fs::read_dir(path("fixtures/names"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &files {
        run_file(f, &mut failures, &mut count);
    }
    assert!(failures.is_empty(), "{} of {count} name cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(count >= 250, "expected at least 250 name cases, found {count}");
}

fn extract_orgs(extra: &[&str], text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, text).unwrap();
    let out = bin().arg("extract").args(extra).args(["--kinds", "organization"]).arg(&input).output().unwrap();
    assert!(out.status.success(), "depeche failed: {}", String::from_utf8_lossy(&out.stderr));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}={}", e["text"].as_str().unwrap(), e["canonical"].as_str().unwrap_or("")))
        .collect()
}

/// A company unknown to the built-in lexicons is found only with `--lexicon`.
#[test]
fn user_lexicon_folder_on_the_command_line() {
    let text = "Les ventes de Quorblax ont bondi, a indiqué un porte-parole de Qbx Holdg.";
    let without = extract_orgs(&[], text);
    assert!(!without.iter().any(|e| e.starts_with("Quorblax")), "found without the lexicon: {without:?}");
    let lexicon = path("fixtures/lexicon");
    let with = extract_orgs(&["--lexicon", lexicon.to_str().unwrap()], text);
    assert!(with.contains(&"Quorblax=Quorblax Dynamics".to_string()), "{with:?}");
    assert!(with.contains(&"Qbx Holdg=Quorblax Dynamics".to_string()), "{with:?}");
    // An alias the built-ins give to a bank: the user's file wins.
    let text = "La CIBC a manifesté devant le siège.";
    let builtin = extract_orgs(&["--no-model"], text);
    assert!(builtin.contains(&"CIBC=Banque Canadienne Impériale de Commerce".to_string()), "{builtin:?}");
    let user = extract_orgs(&["--no-model", "--lexicon", lexicon.to_str().unwrap()], text);
    assert!(user.contains(&"CIBC=Syndicat Quorblax des Banquiers".to_string()), "{user:?}");
}

/// A malformed user lexicon stops the run with the file and line.
#[test]
fn malformed_user_lexicon_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("organizations.tsv"), "# mine\nNo type column here\n").unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "Texte.").unwrap();
    let out = bin().arg("extract").arg("--lexicon").arg(dir.path()).arg(&input).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("organizations.tsv:2:"), "{err}");
}
