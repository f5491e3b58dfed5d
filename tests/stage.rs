//! depeche as a stage of bigger pipelines: the standard-input filter, HTML
//! pages, and TSV/CSV tables.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use depeche::record::{Entity, Kind, Line, OffsetUnit, Record};
use depeche::table::{COLUMNS, TableFormat, write_rows};
use serde_json::{Value, json};

use crate::common::{bin, check_spans, path};

/// A French paragraph with figures, names and typography, numbered.
fn article(n: usize) -> String {
    format!(
        "Le groupe Exemplia a annoncé mardi {n} une hausse de 12,5\u{a0}% de son chiffre d’affaires, \
         à 3,2\u{a0}milliards d’euros. « C’est un record », a déclaré sa présidente, Marie Dupont, à Lyon."
    )
}

fn jsonl_line(id: &str, text: &str, extra: &[(&str, Value)]) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("id".into(), json!(id));
    obj.insert("text".into(), json!(text));
    for (k, v) in extra {
        obj.insert((*k).into(), v.clone());
    }
    format!("{}\n", Value::Object(obj))
}

fn spawn_filter(args: &[&str]) -> Child {
    bin()
        .args(["extract", "--input", "jsonl"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the depeche binary starts")
}

/// Runs the filter on `input`; returns (exit code, stdout, stderr).
fn run_filter(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = spawn_filter(args);
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
}

fn parse_lines(out: &str) -> Vec<Line> {
    out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad record line {l:?}: {e}"))).collect()
}

// ---------------------------------------------------------------- streams

#[test]
fn filter_keeps_order_and_kept_fields() {
    let mut input = String::new();
    for i in 0..700 {
        if i == 321 {
            input.push_str("{\"id\": \"broken\", \"text\": \n");
            continue;
        }
        let extra = [("source", json!(format!("flux-{}", i % 3))), ("n", json!(i)), ("secret", json!("x"))];
        input.push_str(&jsonl_line(&format!("art-{i:04}"), &article(i), &extra));
    }
    let (code, out, err) = run_filter(&["-q", "--keep", "source,n,absent"], &input);
    assert_eq!(code, 2, "a bad line makes exit code 2; stderr: {err}");
    assert!(err.is_empty(), "-q writes nothing on stderr: {err}");
    let lines = parse_lines(&out);
    assert_eq!(lines.len(), 700, "one line per input line");
    for (i, line) in lines.iter().enumerate() {
        match line {
            Line::Error(e) => {
                assert_eq!(i, 321, "only line 322 is bad, got an error at {i}: {e:?}");
                assert_eq!(e.id, "-:322");
                assert_eq!(e.error.kind, "json");
            }
            Line::Record(r) => {
                assert_eq!(r.id, format!("art-{i:04}"), "order kept");
                let fields = r.fields.as_ref().expect("--keep carries fields");
                assert_eq!(fields.get("source"), Some(&json!(format!("flux-{}", i % 3))));
                assert_eq!(fields.get("n"), Some(&json!(i)));
                assert!(!fields.contains_key("secret") && !fields.contains_key("absent"), "{fields:?}");
                assert_eq!(r.length, article(i).chars().count());
            }
        }
    }
}

#[test]
fn slow_producer_gets_its_first_record_before_it_finishes() {
    let mut child = spawn_filter(&["-q"]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (got_first, first_seen) = mpsc::channel::<()>();
    // The producer writes one line, then holds the stream open until the
    // first record came back (or 60 s passed), then writes the rest.
    let producer = std::thread::spawn(move || {
        stdin.write_all(jsonl_line("lent-1", &article(1), &[]).as_bytes()).unwrap();
        stdin.flush().unwrap();
        let waited_out = first_seen.recv_timeout(Duration::from_secs(60)).is_err();
        for i in 2..=3 {
            std::thread::sleep(Duration::from_millis(50));
            stdin.write_all(jsonl_line(&format!("lent-{i}"), &article(i), &[]).as_bytes()).unwrap();
        }
        waited_out
    });
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let _ = got_first.send(());
    let waited_out = producer.join().unwrap();
    assert!(!waited_out, "no record came back while the producer was waiting: latency is not bounded");
    let first: Line = serde_json::from_str(&first).unwrap();
    assert_eq!(first.id(), "lent-1");
    let mut rest = String::new();
    reader.read_to_string(&mut rest).unwrap();
    let ids: Vec<String> = parse_lines(&rest).iter().map(|l| l.id().to_string()).collect();
    assert_eq!(ids, ["lent-2", "lent-3"]);
    assert!(child.wait().unwrap().success());
}

#[test]
fn closed_consumer_ends_the_run_quietly() {
    // No -q: the run must still write nothing on stderr (no summary, no
    // "Broken pipe", no panic) when its reader goes away.
    let mut child = spawn_filter(&["--emit-text"]);
    let mut stdin = child.stdin.take().unwrap();
    let producer = std::thread::spawn(move || {
        for i in 0..5000 {
            // The filter may stop reading once its output is closed.
            if stdin.write_all(jsonl_line(&format!("a{i}"), &article(i), &[]).as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\":\"a0\""), "{first}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    producer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "a closed pipe is not an error: {stderr}");
}

#[test]
fn filter_needs_no_environment_and_shows_no_progress_bar_off_a_terminal() {
    let input: String = (0..20).map(|i| jsonl_line(&format!("e{i}"), &article(i), &[])).collect();
    let mut child = bin()
        .env_clear()
        .args(["extract", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let lines = parse_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        lines.iter().map(|l| l.id().to_string()).collect::<Vec<_>>(),
        (0..20).map(|i| format!("e{i}")).collect::<Vec<_>>()
    );
    // Only the summary line: no bar, no carriage returns, no escape codes.
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("depeche: 20 articles, 0 errors;"), "{stderr:?}");
    assert!(!stderr.contains(['\r', '\u{1b}']), "{stderr:?}");
}

// ---------------------------------------------------------------- HTML

#[derive(serde::Deserialize)]
struct HtmlCases {
    case: Vec<HtmlCase>,
}

#[derive(serde::Deserialize)]
struct HtmlCase {
    file: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    starts_with: String,
    contains: Vec<String>,
    absent: Vec<String>,
}

#[test]
fn html_pages_are_reduced_to_their_article() {
    let cases: HtmlCases = toml::from_str(&std::fs::read_to_string(path("fixtures/html/cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 6);
    // The whole folder in one run, as a user would: .html files are found and read as HTML.
    let out = bin().args(["extract", "-q", "--emit-text"]).arg(path("fixtures/html")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: HashMap<String, Record> = parse_lines(&String::from_utf8(out.stdout).unwrap())
        .into_iter()
        .map(|l| match l {
            Line::Record(r) => (r.id.clone(), r),
            Line::Error(e) => panic!("{}: error record {:?}", e.id, e.error),
        })
        .collect();
    assert_eq!(records.len(), cases.case.len(), "one case per page of fixtures/html");
    let mut failures = Vec::new();
    let mut entities = 0;
    for case in &cases.case {
        let Some(r) = records.get(&case.file) else {
            failures.push(format!("{}: no record", case.file));
            continue;
        };
        let text = r.text.as_deref().expect("--emit-text adds the text");
        for (what, got, want) in
            [("title", &r.title, &case.title), ("date", &r.date, &case.date), ("url", &r.url, &case.url)]
        {
            if got != want {
                failures.push(format!("{}: {what} is {got:?}, expected {want:?}", case.file));
            }
        }
        if !text.starts_with(&case.starts_with) {
            failures.push(format!(
                "{}: text should start with {:?}, starts {:?}",
                case.file,
                case.starts_with,
                text.chars().take(120).collect::<String>()
            ));
        }
        for c in &case.contains {
            if !text.contains(c.as_str()) {
                failures.push(format!("{}: text should contain {c:?}", case.file));
            }
        }
        for a in &case.absent {
            if text.contains(a.as_str()) {
                failures.push(format!("{}: text should not contain {a:?} (boilerplate)", case.file));
            }
        }
        // Paragraphs are separated by exactly one blank line, and trimmed.
        for p in text.split("\n\n") {
            if p.is_empty() || p != p.trim() {
                failures.push(format!("{}: empty or untrimmed paragraph {p:?}", case.file));
            }
        }
        assert_eq!(r.length, text.chars().count(), "{}: length counts the extracted text", case.file);
        check_spans(text, r);
        entities += r.entities.len();
    }
    // Every page states figures: the span checks above are not vacuous.
    assert!(entities >= cases.case.len(), "only {entities} entities in the HTML pages");
    assert!(failures.is_empty(), "{} HTML failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn html_offsets_index_the_emitted_text_in_every_unit() {
    for unit in ["bytes", "utf16"] {
        let out = bin()
            .args(["extract", "-q", "--emit-text", "--offsets", unit])
            .arg(path("fixtures/html/04_entities_and_comments.html"))
            .output()
            .unwrap();
        let Line::Record(r) = parse_lines(&String::from_utf8(out.stdout).unwrap()).remove(0) else {
            panic!("expected a record")
        };
        let text = r.text.clone().unwrap();
        let expected_len = if unit == "bytes" { text.len() } else { text.encode_utf16().count() };
        assert_eq!(r.length, expected_len, "{unit}");
        for e in &r.entities {
            let got = if unit == "bytes" {
                text[e.start..e.end].to_string()
            } else {
                String::from_utf16(&text.encode_utf16().collect::<Vec<_>>()[e.start..e.end]).unwrap()
            };
            assert_eq!(got, e.text, "{unit}: {e:?}");
        }
    }
}

#[test]
fn html_without_article_is_an_error_record_and_stdin_html_works() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("menu.html"),
        "<html><head><title>Accueil</title></head><body><nav><ul><li><a href='/'>Accueil</a></li>\
         <li><a href='/sports'>Sports</a></li></ul></nav><footer>© Le Journal</footer></body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("vide.htm"), "").unwrap();
    let out = bin().args(["extract", "-q"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = parse_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let Line::Error(e) = l else { panic!("expected an error record, got {l:?}") };
        assert_eq!(e.error.kind, "html", "{e:?}");
        assert!(e.error.message.contains("no article text"), "{e:?}");
    }

    // `--input html -`: a page on standard input.
    let page = std::fs::read(path("fixtures/html/03_hebdo_title_time_fallbacks.html")).unwrap();
    let mut child = bin()
        .args(["extract", "-q", "--emit-text", "--input", "html", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&page).unwrap();
    let out = child.wait_with_output().unwrap();
    let Line::Record(r) = parse_lines(&String::from_utf8(out.stdout).unwrap()).remove(0) else {
        panic!("expected a record")
    };
    assert_eq!(r.id, "-");
    assert_eq!(r.date.as_deref(), Some("2025-06-13"));
    assert!(r.text.unwrap().starts_with("Inflation : les prix ralentissent"));
}

// ---------------------------------------------------------------- tables

/// Ids and texts with every character a table must protect.
fn awkward_input() -> String {
    let mut input = String::new();
    input.push_str(&jsonl_line("tab\there", &article(1), &[]));
    input.push_str(&jsonl_line(
        "quote\"d,\"comma\"",
        &format!("Il a dit « \"non\" », puis\tpartit.\r\n{}", article(2)),
        &[],
    ));
    input.push_str(&jsonl_line("new\nline\\back", &format!("Titre\n\n{}", article(3)), &[]));
    input.push_str("pas du JSON, \"du tout\"\n");
    input
}

/// The rows a record should give, from its JSONL form.
fn expected_rows(lines: &[Line]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for l in lines {
        match l {
            Line::Error(e) => {
                let mut row = vec![String::new(); COLUMNS.len()];
                row[0] = e.id.clone();
                row[1] = "error".into();
                row[2] = e.error.message.clone();
                row[10] = format!("error.{}", e.error.kind);
                rows.push(row);
            }
            Line::Record(r) => {
                for e in &r.entities {
                    let v = serde_json::to_value(e).unwrap();
                    let get = |k: &str| match v.get(k) {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Bool(true)) => "true".into(),
                        Some(Value::Number(n)) => n.to_string(),
                        _ => String::new(),
                    };
                    // Facts name their subject and period rather than give their ids.
                    let name = |id: Option<usize>, value: bool| {
                        id.map(|i| &r.entities[i]).map_or(String::new(), |n| {
                            let s = if value { n.value.as_ref() } else { n.canonical.as_ref() };
                            s.unwrap_or(&n.text).clone()
                        })
                    };
                    let mut row = vec![r.id.clone()];
                    row.extend(COLUMNS[1..].iter().map(|c| match *c {
                        "subject" => name(e.subject, false),
                        "period" => name(e.period, true),
                        _ => get(c),
                    }));
                    rows.push(row);
                }
            }
        }
    }
    rows
}

fn unescape_tsv(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad TSV escape \\{other:?} in {field:?}"),
        }
    }
    out
}

#[test]
fn tsv_and_csv_round_trip_awkward_text() {
    let input = awkward_input();
    let (code, jsonl, _) = run_filter(&["-q", "--exit-zero"], &input);
    assert_eq!(code, 0, "--exit-zero: error records do not change the exit code");
    let expected = expected_rows(&parse_lines(&jsonl));
    assert!(expected.iter().any(|r| r[1] == "error" && r[2].contains('"')), "the bad line gives an error row");

    // Read back by a program: `--raw-cells` (no `'` before `-:4`).
    let (code, tsv, _) = run_filter(&["-q", "--format", "tsv", "--raw-cells"], &input);
    assert_eq!(code, 2);
    let mut lines = tsv.split_terminator('\n');
    assert_eq!(lines.next().unwrap(), COLUMNS.join("\t"));
    let got: Vec<Vec<String>> = lines.map(|l| l.split('\t').map(unescape_tsv).collect()).collect();
    assert_eq!(got, expected, "TSV rows:\n{tsv}");
    assert!(tsv.contains("tab\\there\t") || !expected.iter().any(|r| r[0] == "tab\there"));

    let (_, csv_text, _) = run_filter(&["-q", "--format", "csv", "--raw-cells"], &input);
    assert!(csv_text.ends_with("\r\n") && !csv_text.replace("\r\n", "").contains("\"\n"), "CRLF rows");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), COLUMNS);
    let got: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    assert_eq!(got, expected, "CSV rows:\n{csv_text}");
}

#[test]
fn table_rows_protect_entity_text() {
    let entity = Entity {
        id: 0,
        kind: Kind::Organization,
        text: "Société \"Générale\",\tParis\nSA\\".into(),
        start: 3,
        end: 30,
        sentence: 0,
        rule: "organization.suffix".into(),
        value: None,
        min: None,
        max: None,
        currency: None,
        currency_inferred: false,
        approx: true,
        bound: Some(depeche::record::Bound::Min),
        points: false,
        per: Some("mois".into()),
        change: false,
        canonical: Some("Société Générale".into()),
        role: None,
        organization: None,
        from: None,
        to: None,
        relative: false,
        subject: None,
        period: None,
        measure: None,
    };
    let record = Record {
        id: "a,1".into(),
        offsets: OffsetUnit::Chars,
        length: 40,
        encoding: None,
        warnings: vec![],
        title: None,
        date: None,
        url: None,
        fields: None,
        text: None,
        sentences: vec![[0, 40]],
        entities: vec![entity],
        tokens: None,
    };
    let line = Line::Record(record);
    let mut csv_out = Vec::new();
    write_rows(&mut csv_out, TableFormat::Csv, &line).unwrap();
    assert_eq!(
        String::from_utf8(csv_out).unwrap(),
        "\"a,1\",organization,\"Société \"\"Générale\"\",\tParis\nSA\\\",3,30,,,,,Société Générale,organization.suffix,true,min,,mois,0,,,,,,,\r\n"
    );
    let mut tsv_out = Vec::new();
    write_rows(&mut tsv_out, TableFormat::Tsv, &line).unwrap();
    assert_eq!(
        String::from_utf8(tsv_out).unwrap(),
        "a,1\torganization\tSociété \"Générale\",\\tParis\\nSA\\\\\t3\t30\t\t\t\t\tSociété Générale\torganization.suffix\ttrue\tmin\t\tmois\t0\t\t\t\t\t\t\t\n"
    );
}

#[test]
fn empty_input_still_gets_a_table_header() {
    let (code, out, _) = run_filter(&["-q", "--format", "csv"], "");
    assert_eq!(code, 0);
    assert_eq!(out, format!("{}\r\n", COLUMNS.join(",")));
}
