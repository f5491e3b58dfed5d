//! The HTML report (`--format html`) and the HTML diff (`diff --html`): what
//! the page holds, that nothing from the input escapes as markup, and the
//! page as a real browser runs it (`browser`).

mod browser;

use std::collections::HashMap;
use std::fs;

use depeche::record::Line;
use depeche::report::{ReportOptions, Section};

use crate::common::{bin, path, root};

/// Input that would be markup if it were not escaped, as article ids and texts.
const INJECTIONS: &[(&str, &str)] = &[
    ("<script>alert('id')</script>", "Le groupe <script>alert('texte')</script> Airbus a gagné 4\u{a0}%."),
    ("\"><img src=x onerror=alert('id')>", "Selon \"><img src=x onerror=alert('texte')> l'Insee, 40\u{a0}% à Paris."),
    (
        "a' onmouseover='alert(1)",
        "Chez L'Oréal, « <b>gras</b> » & </mark></section><svg onload=alert(1)> 12 millions d'euros.",
    ),
    ("<!--", "--> <![CDATA[ ]]> Total a versé 3\u{a0}milliards d’euros."),
];

/// A JSONL input of the injection cases.
fn injection_jsonl() -> String {
    INJECTIONS.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n").collect()
}

/// Lines of a JSON Lines run.
fn lines(jsonl: &str) -> Vec<Line> {
    jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Runs `depeche extract ARGS` and returns stdout (asserting exit `code`).
fn extract(args: &[&str], code: i32) -> String {
    let out = bin().arg("extract").args(args).current_dir(root()).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn input_never_becomes_markup() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("evil.jsonl");
    fs::write(&input, injection_jsonl()).unwrap();
    let page = extract(&[input.to_str().unwrap(), "--format", "html", "-q"], 0);
    // The page's own tags only: one script (ours), no image, no svg but the chart.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<svg onload"), "{page}");
    assert!(!page.contains("<b>gras"), "{page}");
    assert!(!page.contains("<!--") && !page.contains("<![CDATA"), "{page}");
    for (id, text) in INJECTIONS {
        let mut esc_id = Vec::new();
        depeche::report::escape(&mut esc_id, id);
        let esc_id = String::from_utf8(esc_id).unwrap();
        assert!(page.contains(&format!("data-id=\"{esc_id}\"")), "id {id:?} escaped in its attribute");
        assert!(page.contains(&format!(">{esc_id}</a>")), "id {id:?} escaped as text");
        // The first word appears as it is.
        let head = text.split_whitespace().next().unwrap();
        let mut esc = Vec::new();
        depeche::report::escape(&mut esc, head);
        assert!(page.contains(&format!(">{}", String::from_utf8(esc).unwrap())), "{head:?}");
    }
    // Entities were still found and marked in the escaped text.
    assert!(page.contains(">4\u{a0}%</mark>"), "{page}");
}

#[test]
fn summary_counts_and_links_every_error_and_the_limit_is_explained() {
    let page = extract(&["corpus/", "corpus/nowhere.txt", "--format", "html", "--html-max-articles", "3", "-q"], 2);
    let jsonl = extract(&["corpus/", "corpus/nowhere.txt", "-q"], 2);
    let records = lines(&jsonl);
    let entities: usize = records.iter().map(|l| if let Line::Record(r) = l { r.entities.len() } else { 0 }).sum();
    let summary = &page[page.find("<section id=\"summary\"").expect("a summary")..];
    assert!(summary.contains(&format!("data-articles=\"{}\"", records.len())), "{summary}");
    assert!(summary.contains("data-errors=\"1\""), "{summary}");
    assert!(summary.contains(&format!("data-entities=\"{entities}\"")), "{summary}");
    assert!(summary.contains(&format!("data-left-out=\"{}\"", records.len() - 3)), "{summary}");
    assert!(summary.contains("raise <code>--html-max-articles</code>"), "{summary}");
    // Past the limit, no section; the error (the last article) is listed with its kind.
    assert_eq!(page.matches("<section class=\"art").count(), 3);
    assert!(summary.contains("nowhere.txt <code>not_found</code>"), "{summary}");
    // Within the limit, the error is a link to its section.
    let page = extract(&["corpus/nowhere.txt", "corpus/01_amazon_aws_france.txt", "--format", "html", "-q"], 2);
    assert!(page.contains("<section class=\"art err\" id=\"a-0\""), "{page}");
    assert!(page.contains("<li><a href=\"#a-0\">corpus/nowhere.txt</a> <code>not_found</code>"), "{page}");
}

#[test]
fn tooltip_lists_the_serialized_fields_and_no_facts_table_without_fact_fields() {
    let line: Line = serde_json::from_str(r#"{"id":"f","offsets":"chars","length":19,"text":"Le CA a crû de 4 %.","sentences":[],"entities":[
        {"id":0,"kind":"percent","text":"4 %","start":15,"end":18,"sentence":0,"rule":"percent.number","value":"4","approx":true}]}"#).unwrap();
    let html = String::from_utf8(section_html(&line)).unwrap();
    assert!(html.contains("data-tip=\"percent\nvalue: 4\napprox: true\nrule: percent.number\">4 %</mark>"), "{html}");
    assert!(!html.contains("class=\"facts\""), "{html}");
}

fn section_html(line: &Line) -> Vec<u8> {
    let mut out = Vec::new();
    let options = ReportOptions::default();
    let mut report = depeche::report::Report::new(options.clone());
    report.write_section(&mut out, Section::render(line, 0, &options)).unwrap();
    out
}

#[test]
fn one_article_section_snapshot() {
    let pipeline = depeche::Pipeline::builder().emit_text(true).build().unwrap();
    let text = fs::read_to_string(path("corpus/07_mistral_ai_levee.txt")).unwrap();
    let line = Line::Record(pipeline.process(&depeche::Document::new("07_mistral_ai_levee.txt", text)));
    let html = String::from_utf8(section_html(&line)).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(path("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("report_section_07_mistral_ai_levee", html));
}

/// Two runs of one article: the second with one entity removed, one added
/// and one changed; the page marks each, and says where texts are missing.
#[test]
fn diff_page_marks_added_removed_and_changed_entities() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(path("corpus/01_amazon_aws_france.txt"), input.join("a.txt")).unwrap();
    fs::copy(path("corpus/03_nvidia_resultats.txt"), input.join("b.txt")).unwrap();
    let old_jsonl = extract(&[input.to_str().unwrap(), "-q", "--emit-text"], 0);
    let mut new_lines: Vec<serde_json::Value> = old_jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ents = new_lines[0]["entities"].as_array_mut().unwrap();
    let removed = ents.remove(0);
    ents[0]["kind"] = "place".into();
    let changed = ents[0].clone();
    let mut added = ents[1].clone();
    // « va » in « AWS va injecter », no entity in the old run.
    added["start"] = 4.into();
    added["end"] = 6.into();
    added["text"] = "va".into();
    added["kind"] = "person".into();
    ents.insert(0, added);
    let new_jsonl: String = new_lines.iter().map(|v| v.to_string() + "\n").collect();
    let (old_p, new_p) = (dir.path().join("old.jsonl"), dir.path().join("new.jsonl"));
    fs::write(&old_p, &old_jsonl).unwrap();
    fs::write(&new_p, &new_jsonl).unwrap();
    let diff = |extra: &[&str]| {
        bin().args(["diff", old_p.to_str().unwrap(), new_p.to_str().unwrap(), "--html"]).args(extra).output().unwrap()
    };
    let out = diff(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let page = String::from_utf8(out.stdout).unwrap();
    assert_eq!(page.matches("mark class=\"k k-person d-add\" tabindex").count(), 1, "{page}");
    assert_eq!(page.matches(" d-del\" tabindex").count(), 1);
    assert_eq!(page.matches(" d-chg\" tabindex").count(), 1);
    let kind_change = format!("kind: {} → place", changed_old_kind(&old_jsonl, &changed));
    let mut esc = Vec::new();
    depeche::report::escape(&mut esc, &kind_change);
    assert!(page.contains(&String::from_utf8(esc).unwrap()), "old → new on hover: {page}");
    assert!(page.contains("removed\n") && page.contains(removed["text"].as_str().unwrap()));
    // The unchanged article is folded; the changed one is open.
    assert!(page.contains("<details class=\"art differs\" id=\"a-0\" data-id=\"a.txt\" open>"), "{page}");
    assert!(page.contains("<details class=\"art\" id=\"a-1\" data-id=\"b.txt\">"), "{page}");
    assert!(page.contains("data-added=\"1\" data-removed=\"1\" data-changed=\"1\""), "{page}");

    // Without texts in the records: an error naming both files, or --text.
    let strip = |jsonl: &str| -> String {
        jsonl
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("text");
                v.to_string() + "\n"
            })
            .collect()
    };
    fs::write(&old_p, strip(&old_jsonl)).unwrap();
    fs::write(&new_p, strip(&new_jsonl)).unwrap();
    let out = diff(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("old.jsonl") && err.contains("new.jsonl") && err.contains("--emit-text") && err.contains("--text"),
        "{err}"
    );
    let out = diff(&["--text", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let again = String::from_utf8(out.stdout).unwrap();
    assert_eq!(again.matches("<mark").count(), page.matches("<mark").count(), "texts read again give the same marks");
    // A --text path without the article: the section says what is missing.
    let out = diff(&["--text", path("corpus").to_str().unwrap()]);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("no input with the id &quot;a.txt&quot; was found under --text"), "{page}");
}

fn changed_old_kind(old_jsonl: &str, changed: &serde_json::Value) -> String {
    let first: serde_json::Value = serde_json::from_str(old_jsonl.lines().next().unwrap()).unwrap();
    let by_span: HashMap<(u64, u64), String> = first["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| ((e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()), e["kind"].as_str().unwrap().to_string()))
        .collect();
    by_span[&(changed["start"].as_u64().unwrap(), changed["end"].as_u64().unwrap())].clone()
}

#[test]
fn report_is_identical_for_any_number_of_jobs() {
    let one = extract(&["corpus/", "corpus/nowhere.txt", "--format", "html", "-q", "--jobs", "1"], 2);
    let three = extract(&["corpus/", "corpus/nowhere.txt", "--format", "html", "-q", "--jobs", "3"], 2);
    assert!(one.contains("</html>"));
    assert_eq!(one, three);
}

#[test]
fn user_kinds_of_rule_files_have_a_colour_a_legend_box_and_a_bar() {
    let page = extract(&["corpus/", "--rules", "fixtures/rules/newsroom.toml", "--format", "html", "-q"], 0);
    let jsonl = extract(&["corpus/", "--rules", "fixtures/rules/newsroom.toml", "-q"], 0);
    let mut user: Vec<String> = Vec::new();
    for l in lines(&jsonl) {
        if let Line::Record(r) = l {
            user.extend(r.entities.iter().filter(|e| e.kind.is_user()).map(|e| e.kind.as_str().to_string()));
        }
    }
    let kinds = depeche::Pipeline::builder().rules_file(path("fixtures/rules/newsroom.toml")).build().unwrap();
    let declared: Vec<_> = kinds.rules().kinds().into_iter().filter(|k| k.is_user()).collect();
    assert!(!declared.is_empty());
    for k in declared {
        let k = k.as_str();
        assert!(page.contains(&format!(".k-{k} {{ --c:")), "colour of {k}");
        assert!(page.contains(&format!("data-kind=\"{k}\"> <span class=\"sw\"></span> {k}</label>")), "legend of {k}");
        let n = user.iter().filter(|u| *u == k).count();
        assert!(page.contains(&format!("<g class=\"k k-{k}\" data-kind=\"{k}\">")), "bar of {k}");
        assert_eq!(page.matches(&format!("<mark class=\"k k-{k}\" tabindex")).count(), n, "marks of {k}");
    }
}
