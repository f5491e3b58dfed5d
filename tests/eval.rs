//! Tests: `depeche eval` (scoring arithmetic, matchings, ignored kinds,
//! malformed gold lines, `--min-f1`) and `depeche diff`.

use std::path::{Path, PathBuf};
use std::process::Command;

use depeche::Kind;
use depeche::diff::{diff_files, read_lines};
use depeche::eval::{EvalOptions, Evaluator, Item, Report, Threshold, check_thresholds, parse_gold};

// Not `crate::common`: cargo also builds this file as its own test target.
fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
}

const TEXT: &str = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";

fn score(gold: &[Item], pred: &[Item]) -> Report {
    let mut ev = Evaluator::new(EvalOptions::default());
    ev.add("doc", TEXT, gold, pred, None);
    ev.report()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

/// A hand-made pair whose every number is worked out by hand.
#[test]
fn arithmetic_on_a_known_pair() {
    let gold = vec![
        Item::new("person", 0, 4),                                        // predicted exactly
        Item::new("person", 10, 15),                                      // predicted 10..13: overlap only
        Item::new("person", 70, 75),                                      // missed
        Item::new("organization", 20, 25),                                // missed (prediction elsewhere)
        Item::new("money", 30, 40).with_value("10").with_currency("EUR"), // 30..38, same value: strict
        Item::new("percent", 50, 55).with_value("5"),                     // value 6: overlap only
    ];
    let pred = vec![
        Item::new("person", 0, 4),
        Item::new("person", 10, 13),
        Item::new("organization", 40, 45),
        Item::new("money", 30, 38).with_value("10.0").with_currency("EUR"),
        Item::new("percent", 50, 55).with_value("6"),
        Item::new("place", 60, 65),
    ];
    let r = score(&gold, &pred);

    let person = r.kind(Kind::Person).unwrap();
    assert_eq!((person.gold, person.predicted, person.strict.tp, person.overlap.tp), (3, 2, 1, 2));
    assert!(close(person.strict.precision, 0.5));
    assert!(close(person.strict.recall, 1.0 / 3.0));
    assert!(close(person.strict.f1, 0.4));
    assert!(close(person.overlap.precision, 1.0));
    assert!(close(person.overlap.recall, 2.0 / 3.0));
    assert!(close(person.overlap.f1, 0.8));

    let org = r.kind(Kind::Organization).unwrap();
    assert_eq!((org.gold, org.predicted, org.strict.tp, org.overlap.tp), (1, 1, 0, 0));
    assert_eq!(org.strict.f1, 0.0);

    let place = r.kind(Kind::Place).unwrap();
    assert_eq!((place.gold, place.predicted, place.strict.tp), (0, 1, 0));
    assert_eq!((place.strict.precision, place.strict.recall, place.strict.f1), (0.0, 0.0, 0.0));

    let money = r.kind(Kind::Money).unwrap();
    assert_eq!((money.gold, money.predicted, money.strict.tp, money.overlap.tp), (1, 1, 1, 1));
    assert!(close(money.strict.f1, 1.0));

    let percent = r.kind(Kind::Percent).unwrap();
    assert_eq!((percent.strict.tp, percent.overlap.tp), (0, 1));

    // names: person + organization = gold 4, predicted 3, strict 1, overlap 2.
    let names = r.score("names").unwrap();
    assert_eq!((names.gold, names.predicted, names.strict.tp, names.overlap.tp), (4, 3, 1, 2));
    assert!(close(names.strict.precision, 1.0 / 3.0));
    assert!(close(names.strict.recall, 0.25));
    assert!(close(names.strict.f1, 2.0 / 7.0));
    assert!(close(names.overlap.f1, 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)));

    // figures: money + percent = gold 2, predicted 2, strict 1, overlap 2.
    let figures = r.score("figures").unwrap();
    assert_eq!((figures.gold, figures.predicted, figures.strict.tp, figures.overlap.tp), (2, 2, 1, 2));
    assert!(close(figures.strict.f1, 0.5));
    assert!(close(figures.overlap.f1, 1.0));

    // The table prints three decimals.
    let table = r.to_text();
    assert!(table.lines().any(|l| l.starts_with("person") && l.contains("0.500  0.333  0.400")), "{table}");
    assert!(table.contains("names (micro)"), "{table}");
}

#[test]
fn strict_figures_compare_currency_value_and_range() {
    let cases: Vec<(&str, Item, Item, usize, usize)> = vec![
        (
            "other currency",
            Item::new("money", 0, 10).with_value("5").with_currency("USD"),
            Item::new("money", 0, 10).with_value("5").with_currency("EUR"),
            0,
            1,
        ),
        (
            "missing currency",
            Item::new("money", 0, 10).with_value("5").with_currency("USD"),
            Item::new("money", 0, 10).with_value("5"),
            0,
            1,
        ),
        (
            "exponent equals plain",
            Item::new("money", 0, 10).with_value("26300000000").with_currency("USD"),
            Item::new("money", 2, 12).with_value("2.63e10").with_currency("USD"),
            1,
            1,
        ),
        (
            "same range",
            Item::new("money", 0, 10).with_range("30000000000", "50000000000").with_currency("USD"),
            Item::new("money", 0, 9).with_range("30000000000.0", "50000000000").with_currency("USD"),
            1,
            1,
        ),
        (
            "range vs value",
            Item::new("money", 0, 10).with_range("30", "50").with_currency("USD"),
            Item::new("money", 0, 10).with_value("50").with_currency("USD"),
            0,
            1,
        ),
        (
            "one-sided range equals value with bound",
            {
                let mut g = Item::new("money", 0, 16).with_currency("EUR");
                g.min = Some(10.into());
                g
            },
            Item::new("money", 0, 16).with_value("10").with_currency("EUR"),
            1,
            1,
        ),
        (
            "percent other value",
            Item::new("percent", 0, 4).with_value("40"),
            Item::new("percent", 0, 4).with_value("4"),
            0,
            1,
        ),
        ("disjoint", Item::new("percent", 0, 4).with_value("40"), Item::new("percent", 4, 8).with_value("40"), 0, 0),
        ("names need the exact span", Item::new("person", 0, 10), Item::new("person", 0, 9), 0, 1),
        ("kind must agree", Item::new("person", 0, 10), Item::new("organization", 0, 10), 0, 0),
    ];
    for (name, g, p, strict, overlap) in cases {
        let kind = Kind::parse(&g.kind).unwrap();
        let r = score(&[g], &[p]);
        let k = r.kind(kind).unwrap();
        assert_eq!(
            (k.strict.tp, k.overlap.tp),
            (strict, overlap),
            "case {name:?}: expected strict {strict}, overlap {overlap}"
        );
    }
}

#[test]
fn matching_is_one_to_one() {
    // Two predictions inside one gold span: one match, one false positive.
    let r = score(&[Item::new("place", 0, 20)], &[Item::new("place", 0, 5), Item::new("place", 10, 20)]);
    let k = r.kind(Kind::Place).unwrap();
    assert_eq!((k.gold, k.predicted, k.overlap.tp), (1, 2, 1));
    assert!(close(k.overlap.precision, 0.5));
    assert!(close(k.overlap.recall, 1.0));
}

#[test]
fn unknown_kinds_are_ignored_not_missed() {
    let gold = vec![
        Item::new("person", 0, 4),
        Item::new("misc", 5, 9),
        Item::new("number", 10, 12),
        Item::new("misc", 20, 22),
    ];
    let r = score(&gold, &[Item::new("person", 0, 4)]);
    let p = r.kind(Kind::Person).unwrap();
    assert_eq!((p.gold, p.strict.tp), (1, 1));
    assert!(close(p.strict.recall, 1.0));
    assert_eq!(r.ignored.get("misc"), Some(&2));
    assert_eq!(r.ignored.get("number"), Some(&1));
    assert!(r.to_text().contains("ignored gold kinds (not scored): misc 2, number 1"));
}

#[test]
fn a_gold_file_judges_only_the_kinds_it_annotates() {
    let (docs, errors) = parse_gold(
        "g.jsonl",
        r#"{"id":"a","text":"Il a gagné 40 % à Paris.","entities":[{"kind":"percent","start":11,"end":15,"value":"40"}]}"#,
    );
    assert!(errors.is_empty());
    let annotated = Evaluator::annotated_kinds(&docs);
    let mut ev = Evaluator::new(EvalOptions::default());
    let pred = vec![Item::new("percent", 11, 15).with_value("40"), Item::new("place", 18, 23)];
    ev.add("a", &docs[0].text, &docs[0].entities, &pred, Some(&annotated));
    let r = ev.report();
    assert!(r.kind(Kind::Place).is_none(), "place is not annotated by this gold file");
    assert_eq!(r.not_annotated.get("place"), Some(&1));
    assert!(close(r.kind(Kind::Percent).unwrap().strict.f1, 1.0));

    // --kinds overrides: place is judged, and its prediction is a false positive.
    let mut ev = Evaluator::new(EvalOptions { kinds: Some(vec![Kind::Place]), ..EvalOptions::default() });
    ev.add("a", &docs[0].text, &docs[0].entities, &pred, Some(&annotated));
    let r = ev.report();
    assert_eq!(r.kind(Kind::Place).unwrap().predicted, 1);
    assert!(r.kind(Kind::Percent).is_none());
    assert_eq!(r.ignored.get("percent"), Some(&1));
}

#[test]
fn errors_list_context_and_rule() {
    let text = "Le patron de Renault, Jean Dupont, a parlé.";
    let mut pred = Item::new("person", 13, 20);
    pred.rule = Some("person.test_rule".into());
    let mut ev = Evaluator::new(EvalOptions { errors: 5, context: 10, ..EvalOptions::default() });
    ev.add("a", text, &[Item::new("person", 22, 33)], &[pred], None);
    let r = ev.report();
    let fp = r.errors.iter().find(|e| e.error == "fp").unwrap();
    assert_eq!(fp.text, "Renault");
    assert_eq!(fp.rule.as_deref(), Some("person.test_rule"));
    assert_eq!(fp.context, "…patron de [[Renault]], Jean Dup…");
    let fn_ = r.errors.iter().find(|e| e.error == "fn").unwrap();
    assert_eq!(fn_.text, "Jean Dupont");
    assert_eq!(fn_.reason, "no overlap");
}

#[test]
fn malformed_gold_lines_are_reported_with_their_number() {
    let gold = [
        r#"{"id":"ok","text":"Jean part.","entities":[{"kind":"person","start":0,"end":4}]}"#,
        r#"{"id":"bad json","#,
        "",
        r#"{"id":"no text","entities":[]}"#,
        r#"{"id":"out","text":"court","entities":[{"kind":"person","start":2,"end":9}]}"#,
        r#"{"id":"value","text":"10 €","entities":[{"kind":"money","start":0,"end":4,"value":"dix"}]}"#,
        r#"{"id":"kind","text":"10 €","entities":[{"start":0,"end":4}]}"#,
        r#"{"id":"ok2","text":"Été à Nîmes.","entities":[{"kind":"place","start":6,"end":11,"text":"Nîmes"}]}"#,
        r#"[1, 2]"#,
        r#"{"id":"bytes","text":"Été à Nîmes.","entities":[{"kind":"place","start":8,"end":14,"text":"Nîmes"}]}"#,
    ]
    .join("\n");
    let (docs, errors) = parse_gold("gold.jsonl", &gold);
    assert_eq!(docs.iter().map(|d| (d.id.as_str(), d.line)).collect::<Vec<_>>(), [("ok", 1), ("ok2", 8)]);
    assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4, 5, 6, 7, 9, 10]);
    assert!(errors.iter().all(|e| e.file == "gold.jsonl"));
    assert!(errors[2].message.contains("outside the text"), "{}", errors[2].message);
    assert!(errors[3].message.contains("not a decimal"), "{}", errors[3].message);
    assert!(errors[6].message.contains("code points"), "{}", errors[6].message);
}

#[test]
fn thresholds_parse_and_check() {
    assert_eq!("names=0.5".parse::<Threshold>().unwrap(), Threshold { name: "names".into(), min: 0.5 });
    assert!("person=1.5".parse::<Threshold>().is_err());
    assert!("misc=0.5".parse::<Threshold>().is_err());
    assert!("person".parse::<Threshold>().is_err());
    let r = score(&[Item::new("person", 0, 4), Item::new("person", 5, 9)], &[Item::new("person", 0, 4)]);
    // person strict F1 = 2 * 1 * 0.5 / 1.5 = 0.667
    assert!(check_thresholds(&r, &["person=0.6".parse().unwrap()]).is_empty());
    assert_eq!(check_thresholds(&r, &["person=0.7".parse().unwrap(), "figures=0.1".parse().unwrap()]).len(), 2);
}

fn write_gold(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, lines.join("\n")).unwrap();
    p
}

#[test]
fn cli_min_f1_gates_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // No extractor finds a person in lowercase nonsense: person F1 is 0.
    let gold = write_gold(
        dir.path(),
        "gold.jsonl",
        &[
            r#"{"id":"x","text":"zzq qqz wwx.","entities":[{"kind":"person","start":4,"end":7,"text":"qqz"},{"kind":"misc","start":0,"end":3}]}"#,
        ],
    );
    let out = bin().args(["eval"]).arg(&gold).args(["--min-f1", "person=0.5"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("person"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("person") && stdout.contains("misc 1"), "{stdout}");

    let out = bin().args(["eval"]).arg(&gold).args(["--min-f1", "person=0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let out = bin().args(["eval", "--json"]).arg(&gold).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("eval --json prints JSON");
    assert_eq!(v["kinds"][0]["kind"], "person");
    assert_eq!(v["kinds"][0]["gold"], 1);
    assert_eq!(v["ignored"]["misc"], 1);

    let out = bin().args(["eval"]).arg(&gold).args(["--min-f1", "bogus=0.5"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad --min-f1 is a usage error");

    let bad = write_gold(dir.path(), "bad.jsonl", &[r#"{"id":"x","text":"a","entities":[]}"#, "{oops"]);
    let out = bin().args(["eval"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:2:"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn diff_reports_exactly_one_change_one_addition_one_removal() {
    let old = path("fixtures/diff/old.jsonl");
    let new = path("fixtures/diff/new.jsonl");
    let d = diff_files(&old, &new).unwrap();
    assert_eq!(d.articles.len(), 1, "{d:#?}");
    let a = &d.articles[0];
    assert_eq!(a.id, "a1");
    assert_eq!(a.changed.len(), 1);
    assert_eq!(a.changed[0].fields, ["value"]);
    assert_eq!((a.changed[0].old.value.as_deref(), a.changed[0].new.value.as_deref()), (Some("10"), Some("11")));
    assert_eq!(a.added.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["Paris"]);
    assert_eq!(a.removed.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["Renault"]);
    assert!(a.status.is_none());
    assert!(d.only_old.is_empty() && d.only_new.is_empty());
    let total: (usize, usize, usize) =
        d.counts.values().fold((0, 0, 0), |t, c| (t.0 + c.added, t.1 + c.removed, t.2 + c.changed));
    assert_eq!(total, (1, 1, 1));
    assert_eq!(d.counts["money"].changed, 1);
    assert_eq!(d.counts["place"].added, 1);
    assert_eq!(d.counts["organization"].removed, 1);

    let out = bin().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().filter(|l| l.starts_with("  + ")).count(), 1, "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("  - ")).count(), 1, "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("  ~ ")).count(), 1, "{text}");

    let out = bin().args(["diff", "--json"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["changed"][0]["new"]["value"], "11");

    for f in [&old, &new] {
        let out = bin().arg("diff").arg(f).arg(f).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "identical runs");
        assert!(String::from_utf8_lossy(&out.stdout).contains("no differences"));
    }
}

#[test]
fn diff_reports_status_changes_and_missing_articles() {
    let old = read_lines(&path("fixtures/diff/old.jsonl")).unwrap();
    let mut new = old.clone();
    // a3: error → record with one entity; a2 dropped.
    let record: depeche::Line = serde_json::from_str(
        r#"{"id":"a3","offsets":"chars","length":4,"sentences":[[0,4]],"entities":[{"id":0,"kind":"percent","text":"5 %","start":0,"end":3,"sentence":0,"rule":"percent.number","value":"5"}]}"#,
    )
    .unwrap();
    new[2] = record;
    new.remove(1);
    let d = depeche::diff::diff_lines(&old, &new);
    assert_eq!(d.only_old, ["a2"]);
    let a3 = d.articles.iter().find(|a| a.id == "a3").unwrap();
    assert_eq!(a3.status.as_deref(), Some("error decode → record (chars offsets)"));
    assert_eq!(a3.added.len(), 1);
}

#[test]
fn diff_rejects_a_malformed_line_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("run.jsonl");
    std::fs::write(&p, "{\"id\":\"a\",\"error\":{\"kind\":\"io\",\"message\":\"x\"}}\n\n{\"nope\":1}\n").unwrap();
    let err = read_lines(&p).unwrap_err().to_string();
    assert!(err.contains("run.jsonl:3:"), "{err}");
    let out = bin().arg("diff").arg(&p).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn diff_reports_changed_facts() {
    let text = "Le groupe Danone a vu ses ventes reculer de 3 % l'an dernier.";
    let doc = depeche::Document::new("a1", text);
    let undated = depeche::Pipeline::default().process(&doc);
    let dated =
        depeche::Pipeline::builder().date(depeche::facts::Day::new(2017, 3, 3).unwrap()).build().unwrap().process(&doc);
    let d = depeche::diff::diff_lines(&[depeche::Line::Record(undated)], &[depeche::Line::Record(dated)]);
    let a = &d.articles[0];
    let figure = a.changed.iter().find(|c| c.new.kind == "percent").expect("the figure changed");
    assert_eq!(figure.fields, ["period"]);
    assert_eq!((figure.old.period.as_deref(), figure.new.period.as_deref()), (Some("l'an dernier"), Some("2016")));
    assert_eq!(figure.new.subject.as_deref(), Some("Danone"));
    let period = a.changed.iter().find(|c| c.new.kind == "period").expect("the period changed");
    assert_eq!(period.fields, ["value"]);
}

#[test]
fn eval_scores_facts_when_the_gold_has_them() {
    let dir = tempfile::tempdir().unwrap();
    // « 3 % » is Danone's, in 2016 (the article's date resolves « l'an
    // dernier »), a change; the gold names the subject by a mention.
    let text = "Le groupe Danone a vu ses ventes reculer de 3 % l'an dernier. Danone vise 2 milliards d'euros.";
    let line = |subject: &str, period: &str| {
        serde_json::json!({"id": "a", "text": text, "date": "2017-03-03", "entities": [
            {"kind": "percent", "start": 44, "end": 47, "value": "3", "subject": subject, "period": period, "measure": "change"},
            {"kind": "money", "start": 74, "end": 93, "value": "2000000000", "currency": "EUR", "subject": "Danone", "measure": "revenue"},
        ]})
        .to_string()
    };
    let gold = write_gold(dir.path(), "g.jsonl", &[&line("Danone", "2016")]);
    let report = depeche::eval::evaluate_files(&depeche::Pipeline::default(), &[gold], EvalOptions::default()).unwrap();
    let f = |name: &str| report.facts.iter().find(|k| k.kind == name).unwrap().clone();
    assert_eq!((f("subject").gold, f("subject").strict.tp), (2, 2), "{report:#?}");
    assert_eq!((f("period").gold, f("period").predicted, f("period").strict.tp), (1, 1, 1));
    // Nothing says the money is revenue (measure `other`): a miss.
    assert_eq!((f("measure").gold, f("measure").strict.tp), (2, 1));
    let gold = write_gold(dir.path(), "h.jsonl", &[&line("Nestlé", "2015")]);
    let report = depeche::eval::evaluate_files(&depeche::Pipeline::default(), &[gold], EvalOptions::default()).unwrap();
    assert_eq!(report.facts.iter().map(|k| k.strict.tp).collect::<Vec<_>>(), [1, 0, 1]);
    assert!(check_thresholds(&report, &["subject=0.9".parse::<Threshold>().unwrap()]).len() == 1);
}
