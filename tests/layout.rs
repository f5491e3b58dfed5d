//! The layout of src/, read from the sources: no file over 800 lines, no
//! function over 120 lines, and a module graph (from `crate::` and `super::`
//! paths, test code left out) without cycles, between the library's
//! top-level modules and between the children of `extract`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::root;

const MAX_FILE_LINES: usize = 800;
const MAX_FN_LINES: usize = 120;

/// Cycles not broken yet, each as the set of modules it goes through (a
/// strongly connected component). The test fails on any other cycle, and
/// on a listed one that is gone (take it off the list).
const KNOWN_TOP_CYCLES: &[&[&str]] = &[
    // The learned tagger's training (model/train.rs) and eval run the
    // pipeline, which runs the tagger (extract/tagger.rs); `Settings` (in
    // pipeline) holds the model choice and a `facts::Day`, and extract's
    // `Context` holds the `Settings`; user rules (rules/) read figures with
    // the extractors and the pipeline runs them.
    &["eval", "extract", "facts", "model", "pipeline", "rules"],
];
const KNOWN_EXTRACT_CYCLES: &[&[&str]] = &[
    // The names orchestration calls the rule families and the tagger, which
    // read its document model and `Names` (names/doc.rs holds the model;
    // `Names` and the tagger's ModelRef are what is left to move).
    &["link", "names", "organization", "person", "place", "tagger"],
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The source with comments, strings and character literals blanked
/// (newlines kept), so that braces and paths are only code's.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if !ident_before && (c[i] == 'r' || (c[i] == 'b' && c.get(i + 1) == Some(&'r'))) && {
            let k = if c[i] == 'b' { i + 2 } else { i + 1 };
            let hashes = c[k..].iter().take_while(|&&h| h == '#').count();
            c.get(k + hashes) == Some(&'"')
        } {
            let k = if c[i] == 'b' { i + 2 } else { i + 1 };
            let hashes = c[k..].iter().take_while(|&&h| h == '#').count();
            i = k + hashes + 1;
            while i < c.len()
                && !(c[i] == '"' && c[i + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes)
            {
                blank(&mut out, c[i]);
                i += 1;
            }
            i += 1 + hashes;
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && !ident_before {
            // A character literal ('x', '\n', '\u{a0}'), or a lifetime.
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 2..c.len().min(i + 12)).find(|&k| c[k] == '\'')
            } else {
                (c.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match end {
                Some(e) => {
                    out.push_str("' '");
                    i = e + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The functions longer than `max` lines (signature to closing brace), as
/// (name, first line, lines), in code blanked by [`code_only`].
fn long_functions(code: &str, max: usize) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.split(|ch: char| !(ch.is_alphanumeric() || ch == '_')).collect();
        let Some(k) = words.iter().position(|&w| w == "fn") else { continue };
        let Some(name) = words[k + 1..].iter().find(|w| !w.is_empty()) else { continue };
        // The body: from the first `{` after the signature to its match; a
        // `;` first means a declaration without a body.
        let mut depth = 0usize;
        let mut opened = false;
        let mut end = None;
        'lines: for (m, l) in lines.iter().enumerate().skip(n) {
            let from = if m == n { line.find("fn").unwrap_or(0) } else { 0 };
            for ch in l[from..].chars() {
                match ch {
                    ';' if !opened => break 'lines,
                    '{' => {
                        opened = true;
                        depth += 1;
                    }
                    '}' if opened => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(m);
                            break 'lines;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(e) = end
            && e - n + 1 > max
        {
            out.push((name.to_string(), n + 1, e - n + 1));
        }
    }
    out
}

#[test]
fn no_file_over_800_lines_no_function_over_120() {
    let src = root().join("src");
    let mut too_long = Vec::new();
    for path in rust_files(&src) {
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let n = text.lines().count();
        if n > MAX_FILE_LINES {
            too_long.push(format!("{rel}: {n} lines (at most {MAX_FILE_LINES})"));
        }
        for (name, line, len) in long_functions(&code_only(&text), MAX_FN_LINES) {
            too_long.push(format!("{rel}:{line}: fn {name} is {len} lines (at most {MAX_FN_LINES})"));
        }
    }
    assert!(too_long.is_empty(), "split these:\n{}", too_long.join("\n"));
}

#[test]
fn size_checks_can_fail() {
    // Rows: (source, the long functions found with a bound of 3 lines).
    let rows: &[(&str, &[(&str, usize)])] = &[
        ("fn a() {\n    x();\n}\n", &[]),
        ("fn a() {\n    x();\n    y();\n}\n", &[("a", 4)]),
        (
            "pub(crate) fn b(s: &str) -> bool {\n    if s == \"}\" {\n        return true;\n    }\n    false\n}\n",
            &[("b", 6)],
        ),
        // Braces in strings, chars and comments do not count.
        ("fn c() {\n    let _ = ('{', \"{{\", r#\"}\"#); // }\n}\nfn d() {}\n", &[]),
        // A declaration without a body, then a nested function.
        ("trait T {\n    fn e(&self);\n}\nfn f() {\n    fn g() {}\n    h();\n}\n", &[("f", 4)]),
        ("fn i<'a>(x: &'a str) {\n    let _ = '\\'';\n    let _ = '\\u{a0}';\n    j();\n}\n", &[("i", 5)]),
    ];
    for (src, want) in rows {
        let got: Vec<(String, usize)> =
            long_functions(&code_only(src), 3).into_iter().map(|(n, _, l)| (n, l)).collect();
        let want: Vec<(String, usize)> = want.iter().map(|&(n, l)| (n.to_string(), l)).collect();
        assert_eq!(got, want, "{src}");
    }
}

/// The source without its test code: `#[cfg(test)]` items are cut out.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(k) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..k]);
        let item = &rest[k..];
        // The item ends at its first `;` before any brace, or at the brace
        // closing its first one.
        let mut depth = 0;
        let mut end = item.len();
        for (i, ch) in item.char_indices() {
            match ch {
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The module paths a source refers to through `crate::` and `super::`
/// (`module` is the file's own path: `["extract", "names"]`), each the
/// longest prefix that is a module of `modules`.
fn references(code: &str, module: &[String], modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let starts_path = i == 0 || !ident(bytes[i - 1] as char) && bytes[i - 1] != b':';
        let (mut base, skip) = if starts_path && rest.starts_with("crate::") {
            (Vec::new(), "crate::".len())
        } else if starts_path && rest.starts_with("super::") {
            let mut base = module.to_vec();
            let mut skip = 0;
            while code[i + skip..].starts_with("super::") {
                base.pop();
                skip += "super::".len();
            }
            (base, skip)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // The path's segments, and the first of each `{a, b::c}` group.
        let tail = &code[i + skip..];
        let mut targets: Vec<Vec<String>> = Vec::new();
        let seg_end = tail.find(|ch: char| !(ident(ch) || ch == ':')).unwrap_or(tail.len());
        let segs: Vec<String> = tail[..seg_end].split("::").filter(|s| !s.is_empty()).map(String::from).collect();
        base.extend(segs);
        if tail[seg_end..].starts_with('{') {
            let close = tail[seg_end..].find('}').map_or(tail.len(), |c| seg_end + c);
            for item in tail[seg_end + 1..close].split(',') {
                let first = item.trim().split("::").next().unwrap_or("").trim();
                if !first.is_empty() && first != "self" {
                    let mut t = base.clone();
                    t.push(first.to_string());
                    targets.push(t);
                }
            }
        }
        targets.push(base);
        for mut t in targets {
            while !t.is_empty() && !modules.contains(&t) {
                t.pop();
            }
            out.insert(t);
        }
        i += skip + seg_end.max(1);
    }
    out
}

/// The strongly connected components of more than one node, each sorted,
/// with one cycle through each, written `a → b → a`.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(Vec<String>, String)> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in graph.keys() {
        if done.contains(n) {
            continue;
        }
        let from_n = reach(n);
        if !from_n.contains(n) {
            continue;
        }
        let scc: Vec<String> = from_n.iter().filter(|m| reach(m).contains(n)).cloned().collect();
        done.extend(scc.iter().cloned());
        // A shortest way back to `n`, breadth first, inside the component.
        let mut prev: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([n.clone()]);
        let mut path = vec![n.clone()];
        'search: while let Some(a) = queue.pop_front() {
            for b in graph.get(&a).into_iter().flatten() {
                if b == n {
                    let mut k = a.clone();
                    let mut back = vec![n.clone()];
                    while k != *n {
                        back.push(k.clone());
                        k = prev[&k].clone();
                    }
                    back.push(n.clone());
                    back.reverse();
                    path = back;
                    break 'search;
                }
                if scc.contains(b) && !prev.contains_key(b) && b != n {
                    prev.insert(b.clone(), a.clone());
                    queue.push_back(b.clone());
                }
            }
        }
        if scc.len() > 1 {
            out.push((scc, path.join(" → ")));
        }
    }
    out
}

/// The module graphs of the library: between top-level modules, and
/// between the children of `extract` (the files of `extract/mod.rs` as
/// `extract`).
fn module_graphs() -> (BTreeMap<String, BTreeSet<String>>, BTreeMap<String, BTreeSet<String>>) {
    let src = root().join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let tops: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect();
    // The library's files, by module path.
    let mut files = BTreeMap::new();
    for path in rust_files(&src) {
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut m: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        if m.last().is_some_and(|s| s == "mod") {
            m.pop();
        }
        if m.first().is_some_and(|t| tops.contains(t)) {
            files.insert(m, path);
        }
    }
    let modules: BTreeSet<Vec<String>> = files.keys().cloned().collect();
    // Names the crate root re-exports: `pub use a::{B, C};`.
    let mut reexports = BTreeMap::new();
    for l in lib.lines().filter_map(|l| l.strip_prefix("pub use ")) {
        let (module, names) = l.split_once("::").unwrap_or((l, ""));
        for name in names.trim_matches(|c| matches!(c, '{' | '}' | ';')).split(',') {
            reexports.insert(name.trim().to_string(), module.to_string());
        }
    }
    let mut top = BTreeMap::<String, BTreeSet<String>>::new();
    let mut extract = BTreeMap::<String, BTreeSet<String>>::new();
    for (module, path) in &files {
        let code = without_tests(&code_only(&std::fs::read_to_string(path).unwrap()));
        let mut refs = references(&code, module, &modules);
        // `crate::Error` and the like: the module that defines them.
        for (name, m) in &reexports {
            if code.contains(&format!("crate::{name}")) {
                refs.insert(vec![m.clone()]);
            }
        }
        for r in refs.iter().filter(|r| !r.is_empty()) {
            if r[0] != module[0] {
                top.entry(module[0].clone()).or_default().insert(r[0].clone());
            }
            if module[0] == "extract" && r[0] == "extract" {
                let node = |m: &[String]| m.get(1).cloned().unwrap_or_else(|| "extract".into());
                if node(module) != node(r) {
                    extract.entry(node(module)).or_default().insert(node(r));
                }
            }
        }
    }
    (top, extract)
}

fn check_cycles(graph: &BTreeMap<String, BTreeSet<String>>, known: &[&[&str]], what: &str) {
    let found = cycles(graph);
    let known: BTreeSet<Vec<String>> = known.iter().map(|k| k.iter().map(|s| s.to_string()).collect()).collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(scc, _)| !known.contains(scc))
        .map(|(scc, path)| format!("{path} (through {scc:?})"))
        .collect();
    assert!(new.is_empty(), "module cycles {what}:\n{}", new.join("\n"));
    let found: BTreeSet<&Vec<String>> = found.iter().map(|(scc, _)| scc).collect();
    for k in &known {
        assert!(found.contains(k), "the cycle through {k:?} {what} is gone: take it off the known list");
    }
}

#[test]
fn module_graph_has_no_new_cycle() {
    let (top, extract) = module_graphs();
    // The layers stand: the lower modules use no extractor nor pipeline.
    for low in ["text", "number", "lexicon", "locale"] {
        for high in ["extract", "pipeline"] {
            assert!(!top.get(low).is_some_and(|t| t.contains(high)), "{low} uses {high}");
        }
    }
    assert!(top["extract"].contains("text") && top["pipeline"].contains("extract"), "{top:?}");
    check_cycles(&top, KNOWN_TOP_CYCLES, "between top-level modules");
    check_cycles(&extract, KNOWN_EXTRACT_CYCLES, "inside extract");
    check_cycles(&extract, KNOWN_EXTRACT_CYCLES, "inside extract");
}

#[test]
fn cycle_checks_can_fail() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g = BTreeMap::<String, BTreeSet<String>>::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    // Rows: (edges, the cycles named).
    type Row<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let rows: &[Row<'_>] = &[
        (&[("extract", "text"), ("pipeline", "extract")], &[]),
        (&[("extract", "pipeline"), ("pipeline", "extract")], &["extract → pipeline → extract"]),
        (&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")], &["a → b → c → a"]),
        (&[("a", "b"), ("b", "a"), ("x", "y"), ("y", "x")], &["a → b → a", "x → y → x"]),
    ];
    for (edges, want) in rows {
        let got: Vec<String> = cycles(&graph(edges)).into_iter().map(|(_, p)| p).collect();
        assert_eq!(got, *want, "{edges:?}");
    }
    // Paths read from code: `use` groups, `super::`, inline `crate::` paths.
    let modules: BTreeSet<Vec<String>> =
        ["extract", "extract::names", "extract::names::doc", "extract::person", "pipeline", "number", "number::scale"]
            .iter()
            .map(|m| m.split("::").map(String::from).collect())
            .collect();
    let here: Vec<String> = vec!["extract".into(), "names".into()];
    let code = "use super::{person, Context};\nuse crate::pipeline::Settings;\nlet e = crate::number::scale::word_end(t, 0);\nuse self::doc::Doc;";
    let got: BTreeSet<String> = references(code, &here, &modules).iter().map(|m| m.join("::")).collect();
    let want: BTreeSet<String> =
        ["extract", "extract::person", "pipeline", "number::scale"].iter().map(|s| s.to_string()).collect();
    assert_eq!(got, want);
    assert_eq!(without_tests("a\n#[cfg(test)]\nmod tests {\n    use crate::x;\n}\nb"), "a\n\nb");
}
