//! Tests: the learned tagger ([`depeche::model`]), `depeche train` and `--model`.

use depeche::eval::parse_gold;
use depeche::model::train::{TrainOptions, train_gold};
use depeche::model::{Model, ModelChoice};
use depeche::{Document, Kind, Pipeline};

use crate::common::bin;

/// A gold line: `names` are (kind, text) spans, found in order in `text`.
fn gold_line(id: &str, text: &str, names: &[(&str, &str)]) -> String {
    let mut entities = Vec::new();
    let mut from = 0;
    for (kind, name) in names {
        let at = from + text[from..].find(name).expect("the name is in the text");
        let start = text[..at].chars().count();
        let end = start + name.chars().count();
        entities.push(serde_json::json!({"kind": kind, "start": start, "end": end, "text": name}));
        from = at + name.len();
    }
    serde_json::json!({"id": id, "text": text, "entities": entities}).to_string()
}

/// A tiny gold where « l'État » is an organization (a newsroom convention
/// the rules do not follow).
fn etat_gold() -> String {
    let rows = [
        ("a", "L'État a annoncé une aide aux agriculteurs.", vec![("organization", "État")]),
        (
            "b",
            "Selon Marie Lefort, l'État doit payer sa dette.",
            vec![("person", "Marie Lefort"), ("organization", "État")],
        ),
        (
            "c",
            "Le syndicat attaque l'État devant le tribunal de Lyon.",
            vec![("organization", "État"), ("place", "Lyon")],
        ),
        ("d", "Paul Meunier accuse l'État de lenteur.", vec![("person", "Paul Meunier"), ("organization", "État")]),
        (
            "e",
            "La dette de l'État atteint un record, dit Renault.",
            vec![("organization", "État"), ("organization", "Renault")],
        ),
        ("f", "À Paris, l'État vend des bâtiments.", vec![("place", "Paris"), ("organization", "État")]),
    ];
    rows.iter().map(|(id, text, names)| gold_line(id, text, names) + "\n").collect()
}

fn rules_alone() -> Pipeline {
    Pipeline::builder().model(ModelChoice::None).build().unwrap()
}

#[test]
fn training_is_deterministic_and_round_trips_through_the_file() {
    let (docs, errors) = parse_gold("etat.jsonl", &etat_gold());
    assert!(errors.is_empty(), "{errors:?}");
    let pipeline = rules_alone();
    let options = TrainOptions { epochs: 4, bits: 14, ..TrainOptions::default() };
    let (a, summary) = train_gold(&pipeline, &docs, &options, |_, _| {});
    let (b, _) = train_gold(&pipeline, &docs, &options, |_, _| {});
    assert_eq!(a.to_bytes(), b.to_bytes(), "the same data must give the same model bytes");
    assert_eq!((summary.articles, summary.names, summary.skipped), (6, 11, 0), "{summary:?}");
    let back = Model::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(back, a);
    // Another seed orders the sentences otherwise: another model.
    let (c, _) = train_gold(&pipeline, &docs, &TrainOptions { seed: 7, ..options }, |_, _| {});
    assert_ne!(c.to_bytes(), a.to_bytes());
}

fn organizations(out: &[u8]) -> Vec<String> {
    let line: serde_json::Value = serde_json::from_slice(out).unwrap();
    line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "organization")
        .map(|e| format!("{}={}", e["text"].as_str().unwrap(), e["rule"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_model_trained_on_etat_as_organization_makes_extract_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(&gold, etat_gold()).unwrap();
    let model = dir.path().join("etat.model");
    let out =
        bin().arg("train").arg(&gold).arg("-o").arg(&model).args(["--epochs", "6", "--bits", "14"]).output().unwrap();
    assert!(out.status.success(), "train failed: {}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("6 epochs") && summary.contains("6 articles"), "{summary}");
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "Le maire de Nantes a écrit à l'État hier.").unwrap();
    let with = bin().args(["extract", "-q", "--model"]).arg(&model).arg(&input).output().unwrap();
    assert!(with.status.success(), "{}", String::from_utf8_lossy(&with.stderr));
    assert!(
        organizations(&with.stdout).iter().any(|o| o.starts_with("État=model")),
        "{:?}",
        organizations(&with.stdout)
    );
    let without = bin().args(["extract", "-q", "--no-model"]).arg(&input).output().unwrap();
    assert!(!organizations(&without.stdout).iter().any(|o| o.starts_with("État=")), "the rules alone find it");
}

#[test]
fn a_malformed_model_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "Jean Dupont est à Paris.").unwrap();
    let good = Model::default_model().to_bytes();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("text.model", b"hello".to_vec(), "not a depeche model"),
        ("empty.model", Vec::new(), "not a depeche model"),
        ("cut.model", good[..good.len() / 3].to_vec(), "corrupt or truncated"),
        ("missing.model", Vec::new(), "check the --model path"),
    ];
    for (name, bytes, want) in cases {
        let model = dir.path().join(name);
        if name != "missing.model" {
            std::fs::write(&model, bytes).unwrap();
        }
        for cmd in ["extract", "eval"] {
            let out = bin().args([cmd, "--model"]).arg(&model).arg(&input).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{name} {cmd}: {err}");
            assert!(err.contains(want) && err.contains(name) && !err.contains("panicked"), "{name} {cmd}: {err}");
        }
    }
}

/// A person is at most 6 words, an organization at most 15, whatever the
/// rules or the tagger read in a long run of capitalized words.
#[test]
fn names_have_length_bounds() {
    let run = |words: usize, sep: &str| (0..words).map(|k| format!("Zorv{}", k + 10)).collect::<Vec<_>>().join(sep);
    let texts = [
        format!("Selon Jean {} le marché baisse.", run(40, " ")),
        format!("Le groupe Banque {} a annoncé un plan.", run(30, " de ")),
        format!("{} a déclaré.", run(200, " ")),
    ];
    for model in [ModelChoice::None, ModelChoice::Builtin] {
        let pipeline = Pipeline::builder().model(model.clone()).build().unwrap();
        for text in &texts {
            let record = pipeline.process(&Document::new("a", text));
            for e in &record.entities {
                let words = e.text.split_whitespace().count();
                match e.kind {
                    Kind::Person => assert!(words <= 6, "{model:?}: a person of {words} words: {}", e.text),
                    Kind::Organization => {
                        assert!(words <= 15, "{model:?}: an organization of {words} words: {}", e.text)
                    }
                    _ => {}
                }
            }
        }
    }
}
