//! The command line, as a user runs it: `depeche extract` on the corpus.

use std::io::{BufRead, BufReader, Read};
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
fn summary_counts_articles_and_errors() {
    let out =
        bin().args(["extract", "corpus/", "missing-folder/"]).current_dir(crate::common::root()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let n = corpus_files().len() + 1;
    assert!(stderr.contains(&format!("depeche: {n} articles, 1 errors")), "summary: {stderr}");
}

#[test]
fn usage_errors_are_explained() {
    let cases: &[(&[&str], &str)] = &[
        (&["extract", "corpus/", "--locale", "en-US"], "unknown --locale"),
        (&["extract", "corpus/", "--kinds", "money,planet"], "unknown kind"),
        (&["extract", "corpus/", "--offsets", "words"], "invalid value"),
    ];
    for (args, expect) in cases {
        let out = bin().args(*args).current_dir(crate::common::root()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stderr.contains(expect), "{args:?}: expected {expect:?} in {stderr}");
    }
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
    use std::io::Write;
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
    assert_eq!(lines.next(), Some("-,Meta,investment,65000000000,,,USD,2025,65 milliards de dollars"));
    assert_eq!(lines.next(), Some(""));
}
