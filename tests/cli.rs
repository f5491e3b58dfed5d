//! The command line, as a user runs it: `depeche extract` on the corpus.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Stdio;

use depeche::record::Line;

use crate::common::{bin, path};

fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

fn run_extract(args: &[&str]) -> std::process::Output {
    bin().arg("extract").args(args).current_dir(crate::common::root()).output().unwrap()
}

#[test]
fn corpus_gives_one_valid_record_per_article_in_sorted_order() {
    let out = run_extract(&["corpus/", "-q"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| match serde_json::from_str::<Line>(l).expect("each line is a JSON record") {
            Line::Record(r) => r.id,
            Line::Error(e) => panic!("unexpected error record {e:?}"),
        })
        .collect();
    let files = corpus_files();
    assert!(files.len() >= 12, "the corpus has at least 12 articles");
    assert_eq!(ids, files);
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let one = run_extract(&["corpus/", "-q", "--jobs", "1"]);
    let two = run_extract(&["corpus/", "-q", "--jobs", "2"]);
    let four = run_extract(&["corpus/", "-q", "--jobs", "4", "--offsets", "chars"]);
    assert!(one.status.success() && two.status.success() && four.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout, "--jobs 1 and --jobs 2 differ");
    assert_eq!(one.stdout, four.stdout, "--jobs 1 and --jobs 4 differ");
}

#[test]
fn an_unreadable_file_gives_an_error_record_and_exit_2_while_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), "Le groupe a gagné 3\u{a0}% en bourse.").unwrap();
    }
    // A dangling link cannot be read, even by root.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    let out = bin().args(["extract", "-q"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Line> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(String, bool)> =
        lines.iter().map(|l| (l.id().to_string(), matches!(l, Line::Error(_)))).collect();
    assert_eq!(summary, vec![("a.txt".into(), false), ("b.txt".into(), true), ("c.txt".into(), false)]);
    if let Line::Error(e) = &lines[1] {
        assert_eq!(e.error.kind, "not_found");
        assert!(e.error.message.contains("b.txt"), "the message names the file: {}", e.error.message);
    }
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let mut child = bin()
        .args([
            "extract", "-q", "corpus/", "corpus/", "corpus/", "corpus/", "corpus/", "corpus/", "corpus/", "corpus/",
            "corpus/", "corpus/", "corpus/", "corpus/",
        ])
        .current_dir(crate::common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\""));
    // Dropping the reader closes the pipe, as `| head -1` does.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.is_empty(), "nothing on stderr, got {stderr:?}");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn an_overlong_jsonl_line_is_an_error_record_and_the_stream_goes_on() {
    let long = "x".repeat(5000);
    let input = format!(
        "{{\"id\":\"a\",\"text\":\"Hausse de 3\u{a0}%.\"}}\n{{\"id\":\"b\",\"text\":\"{long}\"}}\n{{\"id\":\"c\",\"text\":\"Baisse de 2\u{a0}%.\"}}\n"
    );
    let mut child = bin()
        .args(["extract", "-q", "--input", "jsonl", "--max-bytes", "1000", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Line> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|l| match l {
            Line::Record(r) => (r.id.clone(), format!("{} entities", r.entities.len())),
            Line::Error(e) => (e.id.clone(), e.error.kind.clone()),
        })
        .collect();
    assert_eq!(
        got,
        [("a".into(), "1 entities".into()), ("-:2".into(), "too_large".into()), ("c".into(), "1 entities".into())]
    );
}

/// Runs `depeche ARGS` in the project's root with `stdin` as standard
/// input; returns the exit code, stdout and stderr.
fn run_in(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    run_in(crate::common::root(), args, stdin)
}

/// Usage errors exit 2, in clap's layout, with the valid values and the
/// closest one when it is near.
#[test]
fn usage_errors_exit_2_with_the_valid_values_and_a_suggestion() {
    // (arguments, what stderr must say; "!x" must not be in it)
    let cases: &[(&[&str], &[&str])] = &[
        (&["extract", "corpus/", "--locale", "fr-QC"], &["invalid value 'fr-QC'", "fr-FR", "'fr-CA'"]),
        (&["extract", "corpus/", "--locale", "en-US"], &["invalid value 'en-US'", "fr-BE", "!similar"]),
        (&["extract", "corpus/", "--kinds", "people"], &["invalid value 'people'", "'person'", "percent"]),
        (&["extract", "corpus/", "--kinds", "money,ticker"], &["invalid value 'ticker'", "person", "!similar"]),
        (&["extract", "corpus/", "--kinds", "money,planet"], &["invalid value 'planet'", "'place'"]),
        (&["extract", "corpus/", "--kinds", "moneys"], &["'money'", "try '--help'"]),
        (&["eval", "fixtures/gold/corpus.jsonl", "--kinds", "persons"], &["'person'", "try '--help'"]),
        (&["extract", "--locale", "fr-ch", "-"], &[]),
        (&["extract", "--locale", "fr_CA", "-"], &[]),
        (&["extract", "--locale", "fr", "-"], &[]),
        (&["extract", "corpus/", "--offsets", "words"], &["invalid value 'words'", "utf16"]),
        (&["extract", "corpus/", "--format", "jsonn"], &["invalid value 'jsonn'", "'jsonl'"]),
        (&["extract", "corpus/", "--glob", "a[b"], &["invalid --glob \"a[b\"", "Usage: depeche extract"]),
    ];
    for (args, expect) in cases {
        let (code, stdout, stderr) = run(args, "");
        if expect.is_empty() {
            // Controls: valid spellings (case ignored, `_` for `-`, `fr`).
            assert_eq!(code, 0, "{args:?}: {stderr}");
            continue;
        }
        assert_eq!(code, 2, "{args:?}: exit code; stderr: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: nothing on stdout");
        for e in *expect {
            match e.strip_prefix('!') {
                Some(absent) => assert!(!stderr.contains(absent), "{args:?}: {absent:?} should not be in {stderr}"),
                None => assert!(stderr.contains(e), "{args:?}: expected {e:?} in {stderr}"),
            }
        }
    }
}

/// A folder in which no file matches says so, with the globs and how to
/// change them, and exits 2.
#[test]
fn a_folder_where_nothing_matches_is_an_error_naming_the_globs() {
    let texts = tempfile::tempdir().unwrap();
    std::fs::write(texts.path().join("a.txt"), "La hausse atteint 3\u{a0}%.").unwrap();
    std::fs::write(texts.path().join("b.txt"), "Le groupe perd 2\u{a0}%.").unwrap();
    let notes = tempfile::tempdir().unwrap();
    std::fs::write(notes.path().join("a.md"), "# Notes").unwrap();
    std::fs::write(notes.path().join("b.md"), "# Notes").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (texts, notes, empty) =
        (texts.path().to_str().unwrap(), notes.path().to_str().unwrap(), empty.path().to_str().unwrap());
    // (arguments, exit code, what stderr must say, records written)
    let cases: &[(&[&str], i32, &[&str], usize)] = &[
        (&[notes], 2, &["no file in", "'*.txt', '*.html', '*.htm' (the default)", "2 .md", "--glob '*.md'"], 0),
        (
            &["--input", "jsonl", texts],
            2,
            &[
                "'*.jsonl', '*.ndjson' (the default for --input jsonl)",
                "2 .txt",
                "leave out --input jsonl",
                "!--glob '*.txt'",
            ],
            0,
        ),
        (
            &["--input", "html", texts],
            2,
            &[
                "'*.html', '*.htm' (the default for --input html)",
                "to read the .txt files by their extension, leave out --input html",
            ],
            0,
        ),
        (&["--input", "html", notes], 2, &["--glob '*.md'"], 0),
        (&["--glob", "*.text", texts], 2, &["'*.text' (given with --glob)", "2 files (2 .txt)"], 0),
        (&[empty], 2, &["holds no file at all"], 0),
        (&[texts, notes], 2, &["no file in", "2 .md"], 2),
        // Controls: nothing to report.
        (&[texts], 0, &["!no file in"], 2),
        (&["--glob", "*.md", notes], 0, &["!no file in"], 2),
    ];
    for (args, code, expect, records) in cases {
        let mut full = vec!["extract", "-q"];
        full.extend_from_slice(args);
        let (got, stdout, stderr) = run(&full, "");
        assert_eq!(got, *code, "{args:?}: {stderr}");
        assert_eq!(stdout.lines().count(), *records, "{args:?}: {stdout}");
        for e in *expect {
            match e.strip_prefix('!') {
                Some(absent) => assert!(!stderr.contains(absent), "{args:?}: {absent:?} should not be in {stderr}"),
                None => assert!(stderr.contains(e), "{args:?}: expected {e:?} in {stderr}"),
            }
        }
    }
}

/// A path given on the command line that does not exist is said not to
/// exist, with the closest name when one is near.
#[test]
fn a_missing_argument_is_said_not_to_exist_with_the_closest_name() {
    // (argument, what the error record's message must say)
    let cases: &[(&str, &[&str])] = &[
        ("corpsu/", &["corpsu/ does not exist", "did you mean corpus?"]),
        ("fixtures/lexicn", &["fixtures/lexicn does not exist", "did you mean fixtures/lexicon?"]),
        ("corpus/01_amazon_aws_franse.txt", &["did you mean corpus/01_amazon_aws_france.txt?"]),
        ("corpus/zzqqxx.txt", &["corpus/zzqqxx.txt does not exist; check the path"]),
        ("zzqqxx", &["zzqqxx does not exist; check the path"]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).unwrap();
    let link = link.to_str().unwrap();
    let cases = [cases, &[(link, &["link.txt is a symbolic link to", "gone.txt, which does not exist"][..])]].concat();
    for (arg, expect) in &cases {
        let (code, stdout, _) = run(&["extract", "-q", arg], "");
        assert_eq!(code, 2, "{arg}");
        let line: Line = serde_json::from_str(stdout.trim_end()).unwrap();
        let Line::Error(e) = line else { panic!("{arg}: an error record expected, got {stdout}") };
        assert_eq!((e.id.as_str(), e.error.kind.as_str()), (*arg, "not_found"));
        assert!(!e.error.message.contains("moved or deleted"), "{arg}: {}", e.error.message);
        for x in *expect {
            assert!(e.error.message.contains(x), "{arg}: expected {x:?} in {:?}", e.error.message);
        }
    }
}

/// Options that have no effect are warned about, once each.
#[test]
fn options_without_effect_are_warned_about_once() {
    let jsonl = "{\"id\":\"a\",\"text\":\"Hausse de 3\u{a0}%.\",\"source\":\"AFP\"}\n\
                 {\"id\":\"b\",\"text\":\"Baisse de 2\u{a0}%.\",\"source\":\"Reuters\"}\n";
    // (arguments, standard input, the warning expected (None: no warning))
    let cases: &[(&[&str], &str, Option<&str>)] = &[
        (&["--input", "jsonl", "--keep", "source,sorce", "-"], jsonl, Some("--keep sorce: no input line has a field")),
        (&["--input", "jsonl", "--keep", "source", "-"], jsonl, None),
        (&["--keep", "source", "corpus/01_amazon_aws_france.txt"], "", Some("--keep source was ignored")),
        (&["--keep", "source", "-"], "Un texte.", Some("no JSON Lines article was read")),
        (&["--emit-text", "--format", "csv", "corpus/"], "", Some("--emit-text has no effect with --format csv")),
        (&["--emit-text", "--format", "tsv", "-"], "Un texte.", Some("--emit-text has no effect")),
        (&["--emit-text", "corpus/"], "", None),
        // -q: no progress, no summary, no warning.
        (&["-q", "--keep", "source", "--emit-text", "--format", "csv", "corpus/"], "", None),
    ];
    for (args, stdin, expect) in cases {
        let mut full = vec!["extract"];
        full.extend_from_slice(args);
        let (code, _, stderr) = run(&full, stdin);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        match expect {
            Some(w) => {
                assert_eq!(stderr.matches(w).count(), 1, "{args:?}: once {w:?} in {stderr}");
                assert_eq!(stderr.matches("depeche: warning: ").count(), 1, "{args:?}: one warning: {stderr}");
            }
            None => assert!(!stderr.contains("warning"), "{args:?}: no warning expected: {stderr}"),
        }
    }
}

/// A user lexicon folder: a misnamed file and an unknown type are errors
/// that list the valid names; a valid file is honoured (its entity is in
/// the output).
#[test]
fn user_lexicon_names_and_types_are_checked() {
    // (file name, content, exit code, what stderr must say, what stdout must say)
    type Row<'a> = (&'a str, &'a str, i32, &'a [&'a str], &'a [&'a str]);
    let cases: &[Row<'_>] = &[
        (
            "orgs.tsv",
            "Quorblax\tcompany\t\n",
            1,
            &["`orgs.tsv` is not the name of a lexicon file", "did you mean `organizations.tsv`", "places.tsv"],
            &[],
        ),
        (
            "Organizations.tsv",
            "Quorblax\tcompany\t\n",
            1,
            &["did you mean `organizations.tsv`", "first_names.txt"],
            &[],
        ),
        ("notes.md", "à faire\n", 1, &["`notes.md` is not the name", "titles.txt", "currencies.tsv"], &[]),
        (
            "organizations.tsv",
            "# mine\nQuorblax\tcorporation\tQbx\n",
            1,
            &["organizations.tsv:2:", "unknown type `corporation` (did you mean `company`?)", "bank", "ngo"],
            &[],
        ),
        (
            "places.tsv",
            "Zorbville\tvillage\t\n",
            1,
            &["places.tsv:1:", "unknown type `village`", "city", "island"],
            &[],
        ),
        // The currency table: a new form, a built-in form read anew, malformed rows.
        (
            "currencies.tsv",
            "# mine\nzorglubs\tZRG\tname\t-\n",
            0,
            &[],
            &[
                r#""text":"300 zorglubs","start":24,"end":36,"sentence":0,"rule":"money.number_currency","value":"300","currency":"ZRG""#,
            ],
        ),
        ("currencies.tsv", "€\tXEU\tsymbol\t-\n", 0, &[], &[r#""text":"3 M€","#, r#""currency":"XEU""#]),
        (
            "currencies.tsv",
            "# mine\nzorglubs\tZRG\n",
            1,
            &["currencies.tsv:2:", "expected `form<TAB>code<TAB>class<TAB>group`"],
            &[],
        ),
        (
            "currencies.tsv",
            "zorglubs\tZRG\tmoney\t-\n",
            1,
            &["currencies.tsv:1:", "unknown class `money`", "symbol"],
            &[],
        ),
        // The article cues: a new place decides what bare « francs » are.
        (
            "currency_cues.tsv",
            "# mine\nZorgville\tfranc\tZRF\tplace\n",
            0,
            &[],
            &[r#""text":"5 francs","#, r#""currency":"ZRF","currency_inferred":true"#],
        ),
        (
            "currency_cues.tsv",
            "Zorgville\tfranc\tZRF\tcity\n",
            1,
            &["currency_cues.tsv:1:", "`city`: expected `country` or `place`"],
            &[],
        ),
        // Controls: a valid file, and a hidden file (editors leave them).
        ("organizations.tsv", "Quorblax\tcompany\tQbx\n", 0, &[], &[r#""text":"Quorblax""#, r#""currency":"FRF""#]),
        (".organizations.tsv.swp", "\u{0}binary", 0, &[], &[]),
    ];
    for (name, content, code, expect, out) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), content).unwrap();
        let (got, stdout, stderr) = run(
            &["extract", "-q", "--lexicon", dir.path().to_str().unwrap(), "-"],
            "Quorblax a levé 3 M€ et 300 zorglubs à Zorgville. À Zorgville, 5 francs suffisent.",
        );
        assert_eq!(got, *code, "{name}: {stderr}");
        for e in *expect {
            assert!(stderr.contains(e), "{name}: expected {e:?} in {stderr}");
        }
        for e in *out {
            assert!(stdout.contains(e), "{name}: expected {e:?} in {stdout}");
        }
        // Neither made-up currency without its file.
        if *code == 0 {
            assert_eq!(stdout.contains("ZRG"), content.contains("zorglubs"), "{name}: {stdout}");
            assert_eq!(stdout.contains("ZRF"), content.contains("Zorgville"), "{name}: {stdout}");
        }
    }
    // A misspelled folder.
    let (got, _, stderr) = run(&["extract", "-q", "--lexicon", "fixtures/lexicn", "-"], "");
    assert_eq!(got, 1, "{stderr}");
    assert!(stderr.contains("it does not exist: did you mean fixtures/lexicon?"), "{stderr}");
}

/// The summary: plurals, and the first failed ids with their error kinds.
#[test]
fn summary_uses_plurals_and_lists_the_first_failures() {
    let n = corpus_files().len();
    let missing: Vec<String> = (1..=7).map(|i| format!("missing-{i}.txt")).collect();
    let mut seven = vec!["extract", "corpus/01_amazon_aws_france.txt"];
    seven.extend(missing.iter().map(String::as_str));
    // (arguments, exit code, what stderr must say; "!x" must not be in it)
    let corpus_and_one = format!("depeche: {} articles, 1 error;", n + 1);
    let cases: Vec<(Vec<&str>, i32, Vec<&str>)> = vec![
        (
            vec!["extract", "corpus/", "missing-folder/"],
            2,
            vec![&corpus_and_one, "\n  failed: missing-folder/ (not_found)", "!and"],
        ),
        (vec!["extract", "corpus/01_amazon_aws_france.txt"], 0, vec!["depeche: 1 article, 0 errors;", "!failed"]),
        (
            seven,
            2,
            vec![
                "depeche: 8 articles, 7 errors;",
                "missing-1.txt (not_found), missing-2.txt (not_found)",
                "missing-5.txt (not_found) … and 2 more",
                "!missing-6.txt",
            ],
        ),
    ];
    for (args, code, expect) in cases {
        let (got, _, stderr) = run(&args, "");
        assert_eq!(got, code, "{args:?}: {stderr}");
        for e in expect {
            match e.strip_prefix('!') {
                Some(absent) => assert!(!stderr.contains(absent), "{args:?}: {absent:?} should not be in {stderr}"),
                None => assert!(stderr.contains(e), "{args:?}: expected {e:?} in {stderr}"),
            }
        }
    }
}

/// The progress display, drawn on a terminal (util-linux `script` gives the
/// run one): a spinner with a count while the total is unknown, a bar once
/// it is known, never `N/0`, rates without a long tail of decimals.
#[test]
fn progress_shows_a_spinner_until_the_total_is_known_then_a_bar() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        panic!("this test needs util-linux `script` to give the run a terminal");
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..300 {
        // Enough text for the run to last a few draws of the bar.
        let text = "Le chiffre d’affaires progresse de 4\u{a0}% à Lyon. ".repeat(60);
        std::fs::write(folder.join(format!("{i:03}.txt")), text).unwrap();
    }
    let jsonl = dir.path().join("in.jsonl");
    std::fs::write(&jsonl, "{\"id\":\"a\",\"text\":\"Hausse de 3\u{a0}%.\"}\n").unwrap();
    let exe = env!("CARGO_BIN_EXE_depeche");
    // (shell command run on a terminal, what the screen must show)
    let bar = format!("'{exe}' extract '{}' -j 1 > /dev/null", folder.display());
    // Standard input stays open a while: the spinner turns with its count.
    let spinner = format!("(cat '{}'; sleep 1) | '{exe}' extract --input jsonl - > /dev/null", jsonl.display());
    let cases = [(bar, "/300 articles"), (spinner, "1 article (")];
    for (command, expect) in cases {
        let out = std::process::Command::new("script").args(["-qec", &command, "/dev/null"]).output().unwrap();
        let screen = String::from_utf8_lossy(&out.stdout);
        assert!(screen.contains(expect), "{command}: expected {expect:?} in {screen:?}");
        assert!(!screen.contains("/0 articles") && !screen.contains(" 1 articles"), "{command}: {screen:?}");
        assert!(screen.contains("articles/s"), "{command}: {screen:?}");
        // A decimal number with more than three significant digits.
        let long_decimals = screen
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .filter(|t| t.contains('.') && t.len() > 1)
            .any(|t| t.replace('.', "").trim_start_matches('0').len() > 3);
        assert!(!long_decimals, "{command}: rates with at most three significant digits: {screen:?}");
    }
}

/// Tables carry every column of the documented order, and each cell is the
/// record's field.
#[test]
fn tables_have_the_documented_columns_and_agree_with_the_records() {
    let documented = [
        "id",
        "kind",
        "text",
        "start",
        "end",
        "value",
        "min",
        "max",
        "currency",
        "canonical",
        "rule",
        "approx",
        "bound",
        "points",
        "per",
        "sentence",
        "role",
        "organization",
        "currency_inferred",
        "change",
        "subject",
        "period",
        "measure",
    ];
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    assert!(readme.contains(&format!("`{}`", documented.join(", "))), "the README lists the columns in order");
    let (code, jsonl, _) = run(&["extract", "-q", "corpus/"], "");
    assert_eq!(code, 0);
    let (code, csv_text, _) = run(&["extract", "-q", "--format", "csv", "--raw-cells", "corpus/"], "");
    assert_eq!(code, 0);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, documented);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut i = 0;
    let mut seen = std::collections::BTreeSet::new();
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for e in v["entities"].as_array().unwrap() {
            let row = &rows[i];
            i += 1;
            for (c, name) in documented.iter().enumerate().skip(1) {
                // `subject` and `period` hold an entity id in the record and
                // that entity's canonical name (or value), else text, in the table.
                let referred = |field: &str, by: &str| {
                    e.get(*name).and_then(|i| i.as_u64()).map(|i| {
                        let r = &v["entities"][i as usize];
                        r.get(field).or_else(|| r.get(by)).cloned().unwrap_or(serde_json::Value::Null)
                    })
                };
                let field = match *name {
                    "subject" => referred("canonical", "text"),
                    "period" => referred("value", "text"),
                    _ => e.get(*name).cloned(),
                };
                let want = match field.as_ref() {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Bool(true)) => "true".into(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                if !want.is_empty() {
                    seen.insert(*name);
                }
                assert_eq!(&row[c], want, "column {name} of row {i}: {e}");
            }
            assert_eq!(&row[0], v["id"].as_str().unwrap());
        }
    }
    assert_eq!(i, rows.len(), "one row per entity");
    for name in ["sentence", "role", "organization", "currency_inferred", "change", "subject", "period", "measure"] {
        assert!(seen.contains(name), "the corpus gives a non-empty {name} cell");
    }
}

/// The README's Rust example is a whole program: the same text as
/// `examples/readme.rs`, which cargo builds as a user's crate would
/// (`cargo test` builds examples); the README runs as a doctest too.
#[test]
fn readme_rust_example_is_a_complete_program() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let block = readme.split("```rust\n").nth(1).and_then(|b| b.split("```\n").next()).unwrap();
    assert!(block.contains("fn main()"), "a complete program");
    assert!(!block.lines().any(|l| l.trim_start().starts_with("# ")), "no doctest-only hidden lines");
    let example = std::fs::read_to_string(path("examples/readme.rs")).unwrap();
    assert_eq!(block, example, "README.md's Rust example and examples/readme.rs differ");
    let ignore = std::fs::read_to_string(path(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "records.jsonl"), "records.jsonl, the README's output, is git-ignored");
}

/// Runs `depeche extract ARGS -` on `input`; returns the exit code, stdout and stderr.
fn extract_stdin(args: &[&str], input: &str) -> (Option<i32>, String, String) {
    use std::io::Write as _;
    let mut child = crate::common::bin()
        .arg("extract")
        .args(args)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn article_dates_come_from_the_date_field_or_date_and_resolve_relative_periods() {
    let period_of = |out: &str| -> Vec<Option<String>> {
        out.lines()
            .map(|l| {
                let r: depeche::Record = serde_json::from_str(l).unwrap();
                r.entities.iter().find(|e| e.kind == depeche::Kind::Period).and_then(|e| e.value.clone())
            })
            .collect()
    };
    let input = concat!(
        r#"{"id":"a","text":"Danone a vu ses ventes reculer l'an dernier.","date":"2017-03-03"}"#,
        "\n",
        r#"{"id":"b","text":"Danone a vu ses ventes reculer l'an dernier.","published":"2020-01-02T08:00:00Z"}"#,
        "\n"
    );
    let (code, out, _) = extract_stdin(&["--input", "jsonl", "-q"], input);
    assert_eq!(code, Some(0));
    assert_eq!(period_of(&out), [Some("2016".to_string()), None]);
    assert!(out.lines().next().unwrap().contains(r#""date":"2017-03-03""#), "{out}");
    let (_, out, _) = extract_stdin(&["--input", "jsonl", "-q", "--date-field", "published"], input);
    assert_eq!(period_of(&out), [None, Some("2019".to_string())]);
    let (_, out, _) = extract_stdin(&["--input", "jsonl", "-q", "--date", "2011-06-30"], input);
    assert_eq!(period_of(&out), [Some("2010".to_string()), Some("2010".to_string())]);
    let (code, _, err) = extract_stdin(&["-q", "--date", "2011-13-30"], "x");
    assert_ne!(code, Some(0));
    assert!(err.contains("--date") && err.contains("2011-13-30"), "{err}");
}

#[test]
fn facts_table_has_one_row_per_figure_with_a_subject() {
    let (code, out, _) =
        extract_stdin(&["-q", "--format", "facts"], "Meta investira 65 milliards de dollars en 2025. Il pleut.");
    assert_eq!(code, Some(0));
    let mut lines = out.split("\r\n");
    assert_eq!(lines.next(), Some(depeche::table::FACT_COLUMNS.join(",").as_str()));
    // The id `-` (standard input) starts with a formula leader: neutralized, as every cell.
    assert_eq!(lines.next(), Some("'-,Meta,investment,65000000000,,,USD,2025,65 milliards de dollars"));
    assert_eq!(lines.next(), Some(""));
}

/// `-o` naming a FIFO (or a device such as /dev/null) writes into it: the
/// atomic rename used for regular files would replace it with a file.
#[test]
fn output_to_a_fifo_writes_into_it_and_keeps_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: test skipped");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(&["extract", "-q", "corpus/01_amazon_aws_france.txt", "-o", fifo.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let got = reader.join().unwrap();
    assert_eq!(got.lines().count(), 1, "one record through the FIFO: {got}");
    assert!(got.starts_with("{\"id\":\"corpus/01_amazon_aws_france.txt\""), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "-o left the FIFO a FIFO");
}
