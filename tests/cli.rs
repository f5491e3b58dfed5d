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
