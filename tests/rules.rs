//! Tests: user rule files (`--rules`, `depeche rules check`): the fixture
//! file passes its own examples, broken copies fail with their messages,
//! user entities go through records, tables, eval and diff, and random rule
//! files over random text never panic nor break an offset.

use std::sync::OnceLock;

use depeche::record::OffsetUnit;
use depeche::{Document, Kind, Pipeline};
use proptest::prelude::*;

use crate::common::{bin, check_spans, path, root};

const RULES: &str = "fixtures/rules/newsroom.toml";

fn with_rules() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().rules_file(path(RULES)).build().unwrap())
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = bin().args(args).current_dir(root()).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn snapshots(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

#[test]
fn the_fixture_rule_file_passes_rules_check() {
    let (code, out, err) = run(&["rules", "check", RULES]);
    assert_eq!(code, Some(0), "stdout: {out}\nstderr: {err}");
    let (rules, examples, counter) = with_rules().rules().counts();
    assert!(rules >= 6 && examples >= rules && counter >= rules, "every rule has examples and counterexamples");
    assert_eq!(out, format!("1 files, {rules} rules: {examples} examples and {counter} counterexamples pass\n"));
    // The library says the same.
    assert_eq!(depeche::rules::check(with_rules()), vec![]);
}

/// Each broken file fails with exit 1 and says where and why: its output
/// (stdout then stderr) is a reviewed snapshot.
#[test]
fn broken_rule_files_fail_with_their_messages() {
    // (file, a piece each message must hold)
    let rows = [
        ("syntax", &["syntax.toml:6:15:", "invalid basic string"][..]),
        ("field", &["field.toml:7:1:", "unknown field `priorty`", "`priority`"][..]),
        (
            "rules",
            &[
                "rules.toml:3:20: \"Bad Kind\" is not a kind",
                "rules.toml:8:11: pattern: not a valid regular expression",
                "error: unclosed group",
                "rules.toml:12:8: unknown kind \"tickr\"",
                "rules.toml:18:11: pattern: the regular expression is too big",
                "rules.toml:23:11: the pattern matches the empty text",
                "rules.toml:28:11: a money rule needs a currency",
                "rules.toml:34:13: example: the span \"AIR\" is not in its text",
            ][..],
        ),
        (
            "newsroom",
            &[
                "newsroom.toml:17: rule ticker: example",
                "value \"NVDIA\"; got ticker « Nasdaq: NVDA »",
                "newsroom.toml:34: rule isin: counterexample: the rule must not fire",
                "currency \"USD\"; got money « 450 KEUR »",
                "expected aircraft « Boeing 737 MAX » at 3..17 by user.aircraft; got aircraft « 737 MAX »",
                "4 of 23 examples and counterexamples fail",
            ][..],
        ),
    ];
    snapshots(|| {
        for (name, pieces) in rows {
            let file = format!("fixtures/rules/broken/{name}.toml");
            let (code, out, err) = run(&["rules", "check", &file]);
            assert_eq!(code, Some(1), "{file}: stdout {out}\nstderr {err}");
            let all = format!("{out}{err}");
            for p in pieces {
                assert!(all.contains(p), "{file}: {p:?} missing from:\n{all}");
            }
            insta::assert_snapshot!(format!("rules_broken_{name}"), all);
        }
    });
    // The same file with --rules on extract stops before any article: exit 1.
    let (code, out, err) = run(&["extract", "-q", "--rules", "fixtures/rules/broken/rules.toml", "corpus/"]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
    assert!(err.starts_with("depeche: error: fixtures/rules/broken/rules.toml:3:20:"), "{err}");
}

#[test]
fn the_fixture_article_with_rules() {
    let text = std::fs::read_to_string(path("fixtures/rules/article.txt")).unwrap();
    let record = with_rules().process(&Document::new("article.txt", text.clone()));
    check_spans(&text, &record);
    let user: Vec<&str> = record.entities.iter().filter(|e| e.kind.is_user()).map(|e| e.rule.as_str()).collect();
    for rule in ["user.ticker", "user.isin", "user.siren", "user.savings", "user.aircraft"] {
        assert!(user.contains(&rule), "{rule} found nothing in {user:?}");
    }
    // The override rule gives « Livret A » a kind the built-ins do not (two
    // capitalized words after « Le » are no longer a fallback person).
    let short = Document::new("s", "Le Livret A rapporte 3\u{a0}%.");
    let kind_of = |p: &Pipeline| p.process(&short).entities.iter().find(|e| e.text == "Livret A").map(|e| e.kind);
    assert_eq!(kind_of(crate::common::pipeline()), None);
    assert_eq!(kind_of(with_rules()).map(Kind::as_str), Some("product"));
    snapshots(|| insta::assert_json_snapshot!("rules_article", record));
}

#[test]
fn user_kinds_in_tables_eval_diff_and_the_summary() {
    let (code, tsv, err) = run(&["extract", "--format", "tsv", "--rules", RULES, "fixtures/rules/article.txt"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(tsv.lines().any(|l| l.split('\t').collect::<Vec<_>>()[1..3] == ["ticker", "Euronext : AIR"]), "{tsv}");
    assert!(err.contains("ticker 2") && err.contains("isin 1"), "summary: {err}");
    // eval judges the user kinds the gold annotates, with the rules...
    let (code, out, _) = run(&["eval", "--json", "--rules", RULES, "fixtures/rules/gold.jsonl"]);
    assert_eq!(code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = report["kinds"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["aircraft", "isin", "product", "siren", "ticker"]);
    for k in report["kinds"].as_array().unwrap() {
        assert_eq!(k["strict"]["f1"], 1.0, "{k}");
    }
    // ...and reports them as ignored without.
    let (_, out, _) = run(&["eval", "--json", "fixtures/rules/gold.jsonl"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["ignored"]["ticker"], 2);
    // diff before/after the rules: the user entities are added, what they override removed.
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("before.jsonl"), dir.path().join("after.jsonl"));
    let article = path("fixtures/rules/article.txt");
    let article = article.to_str().unwrap();
    assert_eq!(run(&["extract", "-q", article, "-o", before.to_str().unwrap()]).0, Some(0));
    assert_eq!(run(&["extract", "-q", "--rules", RULES, article, "-o", after.to_str().unwrap()]).0, Some(0));
    let (code, out, _) = run(&["diff", "--json", before.to_str().unwrap(), after.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let diff: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(diff["counts"]["ticker"]["added"], 2, "{diff}");
    assert!(diff["counts"]["organization"]["removed"].as_u64().unwrap() >= 1, "{diff}");
    // --kinds accepts a kind of the rule file.
    let (code, out, err) = run(&["extract", "-q", "--rules", RULES, "--kinds", "isin", "fixtures/rules/article.txt"]);
    assert_eq!(code, Some(0), "{err}");
    let line: depeche::record::Record = serde_json::from_str(&out).unwrap();
    assert_eq!(line.entities.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["isin"]);
}

/// Pieces of random patterns: literals, classes, repetitions, groups, the
/// named groups, anchors and look-alikes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zé€ ]{1,3}".prop_map(|s| regex::escape(&s)),
        Just(r"\d+".to_string()),
        Just(r"\w{1,4}".to_string()),
        Just(r"[A-Z]{2}".to_string()),
        Just(r"\s?".to_string()),
        Just(r"\b".to_string()),
        Just(".".to_string()),
        Just(r"(?<value>\d+(?:,\d+)?)".to_string()),
        Just(r"(?<value>[A-Z]+)".to_string()),
        Just("(?:é|e\u{301})".to_string()),
        Just(r"\p{Lu}\p{Ll}*".to_string()),
    ]
}

/// A random rule file: its TOML text.
fn rule_file() -> impl Strategy<Value = String> {
    let rule = (
        prop::collection::vec(piece(), 1..5),
        0..8usize,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![r"\s", "[a-z]", r"\(", "^"])),
        prop::option::of(prop::sample::select(vec!["isin", "luhn", "siren"])),
    );
    prop::collection::vec(rule, 1..5).prop_map(|rules| {
        let mut s = String::from("kinds = [\"code\"]\n");
        for (i, (pieces, kind, over, case, ctx, validate)) in rules.into_iter().enumerate() {
            let kind = ["code", "person", "organization", "place", "money", "percent", "code", "code"][kind];
            let mut pattern = pieces.concat();
            if matches!(kind, "money" | "percent") && !pattern.contains("(?<value>") {
                pattern.push_str(r"(?<value>\d+)");
            }
            // One value group at most.
            while pattern.matches("(?<value>").count() > 1 {
                let at = pattern.rfind("(?<value>").unwrap();
                pattern.replace_range(at..at + 9, "(?:");
            }
            s += &format!("[[rule]]\nname = \"r{i}\"\nkind = \"{kind}\"\npattern = '''{pattern}'''\n");
            s += &format!("priority = \"{}\"\ncase_sensitive = {case}\n", if over { "override" } else { "fill" });
            if kind == "money" {
                s += "currency = \"EUR\"\n";
            }
            if let Some(c) = ctx {
                s += &format!("{} = '''{c}'''\n", if over { "before" } else { "not_after" });
            }
            if let Some(v) = validate {
                s += &format!("validate = \"{v}\"\n");
            }
        }
        s
    })
}

fn text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Airbus",
        "AIR",
        " ",
        "\u{a0}",
        "\u{202f}",
        "12",
        "3,5",
        "€",
        "%",
        "é",
        "e\u{301}",
        "(",
        ")",
        ".",
        "\n",
        "FR0000120271",
        "552 120 222",
        "M. Dupont",
        "milliards",
        "d’euros",
        "\u{200b}",
        "😀",
        "Ω",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::proptest_cases(48), ..ProptestConfig::default() })]
    /// A random rule file either loads or is refused with a message naming
    /// the file; once loaded, it never panics and never breaks an offset, in
    /// any unit, whatever the text.
    #[test]
    fn random_rule_files_keep_offsets(file in rule_file(), texts in prop::collection::vec(text(), 1..4)) {
        let rules = match depeche::rules::Rules::parse("random.toml", &file) {
            Ok(_) => true,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("random.toml:"), "{e}");
                false
            }
        };
        prop_assume!(rules);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("random.toml");
        std::fs::write(&p, &file).unwrap();
        for unit in [OffsetUnit::Chars, OffsetUnit::Bytes] {
            let pipeline = Pipeline::builder().rules_file(&p).offsets(unit).build().unwrap();
            for t in &texts {
                let record = pipeline.process(&Document::new("t", t.clone()));
                let mut last_end = 0;
                for e in &record.entities {
                    prop_assert!(e.start < e.end && e.start >= last_end, "sorted, disjoint: {:?}", record.entities);
                    last_end = e.end;
                }
                match unit {
                    OffsetUnit::Chars => check_spans(t, &record),
                    _ => for e in &record.entities {
                        prop_assert_eq!(t.get(e.start..e.end), Some(e.text.as_str()));
                    },
                }
            }
        }
    }
}
