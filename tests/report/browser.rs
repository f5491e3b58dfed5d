//! The report in a real browser: Chromium, headless, opens a report of
//! corpus/ (plus the injection cases and a missing file), runs
//! `check.js` in it and dumps the DOM; the test reads the findings and
//! compares them with the JSON records of the same run, then takes a
//! screenshot (target/report-screenshot.png).
//!
//! Chromium is looked up as `$DEPECHE_CHROMIUM`, `chromium`,
//! `chromium-browser` or `google-chrome`. Without it the test is skipped
//! with a loud message, except under CI (`CI=true`), where it fails.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use depeche::record::Line;
use serde_json::Value;

use super::{extract, injection_jsonl, lines};
use crate::common::root;

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DEPECHE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium with a fresh profile and no network chatter.
fn chromium(bin: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new("timeout")
        .arg("120")
        .arg(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("timeout and chromium run")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

#[test]
fn report_works_in_a_real_browser() {
    let Some(bin) = find_chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but no Chromium was found: .ci/run installs the `chromium` package; set DEPECHE_CHROMIUM to its path"
            );
        }
        // Straight to the process's stderr: the test harness captures eprintln!.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!(
                "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
                "!!! SKIPPED report_works_in_a_real_browser: no Chromium found.\n",
                "!!! Install it (Debian: apt-get install chromium) or set DEPECHE_CHROMIUM.\n",
                "!!! CI (CI=true) runs this test and fails without Chromium.\n",
                "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n"
            )
            .as_bytes(),
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil.jsonl");
    fs::write(&evil, injection_jsonl()).unwrap();
    let report = dir.path().join("report.html");
    let inputs = ["corpus/", evil.to_str().unwrap(), "corpus/nowhere.txt"];
    let mut args = inputs.to_vec();
    args.extend(["--format", "html", "-q", "-o", report.to_str().unwrap()]);
    extract(&args, 2);
    let mut args = inputs.to_vec();
    args.push("-q");
    let records = lines(&extract(&args, 2));

    // The page with the test's scripts: the capture first in the head, the check last.
    let page = fs::read_to_string(&report).unwrap();
    let page = page
        .replacen("<head>", &format!("<head>\n<script>{}</script>", include_str!("capture.js")), 1)
        .replacen("</main>", &format!("</main>\n<script>{}</script>", include_str!("check.js")), 1);
    let checked = dir.path().join("checked.html");
    fs::write(&checked, page).unwrap();
    let out = chromium(
        &bin,
        &dir.path().join("profile"),
        &["--virtual-time-budget=10000", "--dump-dom", &format!("file://{}", checked.display())],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let start = dom.rfind("<pre id=\"depeche-check\">").unwrap_or_else(|| panic!("no check output; stderr:\n{stderr}"));
    let json = &dom[start + "<pre id=\"depeche-check\">".len()..];
    let r: Value = serde_json::from_str(&unescape(&json[..json.find("</pre>").unwrap()])).unwrap();

    // No script error, no console error, no alert, no injected element.
    assert_eq!(r["errors"], serde_json::json!([]), "{r}");
    assert!(!stderr.contains("Uncaught"), "console: {stderr}");
    assert_eq!(r["images"], 0);
    assert_eq!(r["scripts"], 3, "the report's script and the test's two");

    // The summary: counts, chart, the error's link; shown above the articles.
    let errors = records.iter().filter(|l| matches!(l, Line::Error(_))).count();
    let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
    for l in &records {
        if let Line::Record(rec) = l {
            for e in &rec.entities {
                *by_kind.entry(e.kind.as_str().into()).or_default() += 1;
            }
        }
    }
    assert_eq!(r["summary"]["articles"], records.len());
    assert_eq!(r["summary"]["errors"], errors);
    assert_eq!(errors, 1);
    assert_eq!(r["summary"]["entities"], by_kind.values().sum::<u64>());
    for (k, n) in &by_kind {
        assert_eq!(r["chart"][k], *n, "chart bar of {k}");
    }
    assert_eq!(r["errorLinks"], serde_json::json!(["corpus/nowhere.txt"]));
    assert_eq!(r["summaryFirst"], true);

    // One focusable highlight per entity, holding exactly its text.
    let sections = r["sections"].as_array().unwrap();
    assert_eq!(sections.len(), records.len());
    for (s, l) in sections.iter().zip(&records) {
        assert_eq!(s["id"], l.id());
        let Line::Record(rec) = l else { continue };
        assert_eq!(s["ents"].as_object().unwrap().len(), rec.entities.len(), "{}", rec.id);
        for e in &rec.entities {
            let n = e.id.to_string();
            assert_eq!(s["ents"][&n], e.text, "{} entity {n}", rec.id);
            assert_eq!(s["focusable"][&n], 1, "{} entity {n}", rec.id);
        }
    }

    // Keyboard focus shows the details; the toggle and the filter work.
    let tip = r["focusTip"].as_str().unwrap();
    assert!(tip != "none" && tip.contains("rule: "), "{tip} (focused: {})", r["focused"]);
    assert_eq!(r["personsOff"], true);
    assert_eq!(r["shownById"], 1);
    let jassy: Vec<&str> = records
        .iter()
        .filter(
            |l| matches!(l, Line::Record(rec) if rec.entities.iter().any(|e| e.text.to_lowercase().contains("jassy"))),
        )
        .map(|l| l.id())
        .collect();
    assert!(!jassy.is_empty());
    assert_eq!(r["shownByEntity"], serde_json::json!(jassy));
    assert!(r["topName"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(r["filterAfterClick"], r["topName"]);

    // The diff page: a run without money against one with it.
    let (old, new) = (dir.path().join("old.jsonl"), dir.path().join("new.jsonl"));
    extract(&["corpus/", "--emit-text", "-q", "-o", old.to_str().unwrap()], 0);
    extract(
        &["corpus/", "--emit-text", "-q", "--kinds", "person,organization,place,percent", "-o", new.to_str().unwrap()],
        0,
    );
    let diff_page = dir.path().join("diff.html");
    let out = crate::common::bin()
        .args(["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--html", "-o", diff_page.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let check = r#"window.addEventListener('load', function () {
      var s = document.getElementById('summary').dataset, r = { errors: window.__depecheErrors };
      r.removed = Number(s.removed); r.differ = Number(s.differ);
      r.marksRemoved = document.querySelectorAll('mark.d-del[tabindex]').length;
      r.marksAdded = document.querySelectorAll('mark.d-add').length;
      r.open = document.querySelectorAll('details.differs[open]').length;
      r.folded = document.querySelectorAll('details.art:not([open])').length;
      var pre = document.createElement('pre'); pre.id = 'depeche-check'; pre.textContent = JSON.stringify(r);
      document.body.appendChild(pre); });"#;
    let page = fs::read_to_string(&diff_page)
        .unwrap()
        .replacen("<head>", &format!("<head>\n<script>{}</script>", include_str!("capture.js")), 1)
        .replacen("</main>", &format!("</main>\n<script>{check}</script>"), 1);
    fs::write(&diff_page, page).unwrap();
    let out = chromium(&bin, &dir.path().join("profile3"), &["--dump-dom", &format!("file://{}", diff_page.display())]);
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = &dom[dom.rfind("<pre id=\"depeche-check\">").expect("diff check output") + 24..];
    let d: Value = serde_json::from_str(&unescape(&json[..json.find("</pre>").unwrap()])).unwrap();
    let old_lines = lines(&fs::read_to_string(&old).unwrap());
    let money_of = |l: &Line| match l {
        // What the second run's --kinds leaves out: money, and any other kind.
        Line::Record(r) => r
            .entities
            .iter()
            .filter(|e| !["person", "organization", "place", "percent"].contains(&e.kind.as_str()))
            .count() as u64,
        Line::Error(_) => 0,
    };
    let money: u64 = old_lines.iter().map(money_of).sum();
    let with_money = old_lines.iter().filter(|l| money_of(l) > 0).count() as u64;
    assert!(money > 0);
    assert_eq!(d["errors"], serde_json::json!([]), "{d}");
    // Removing money can change other figures' facts (changed), never add.
    assert_eq!((d["removed"].as_u64(), d["marksRemoved"].as_u64()), (Some(money), Some(money)), "{d}");
    assert_eq!((d["open"].as_u64(), d["differ"].as_u64()), (Some(with_money), Some(with_money)), "{d}");
    assert_eq!(d["folded"].as_u64(), Some(old_lines.len() as u64 - with_money), "{d}");

    // A screenshot of the report as it is.
    let shot = root().join("target/report-screenshot.png");
    let _ = fs::remove_file(&shot);
    let out = chromium(
        &bin,
        &dir.path().join("profile2"),
        &[
            "--window-size=1200,1600",
            "--hide-scrollbars",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", report.display()),
        ],
    );
    let png =
        fs::read(&shot).unwrap_or_else(|_| panic!("no screenshot; stderr:\n{}", String::from_utf8_lossy(&out.stderr)));
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "a real screenshot ({} bytes)", png.len());
}
