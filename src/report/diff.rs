//! The HTML page of a diff between two runs (`depeche diff OLD NEW --html`):
//! counts per kind at the top, then each article in the new run's order with
//! its text and the entities marked: added (solid green), removed (dashed
//! red, struck through), changed (amber, old → new on hover and focus), the
//! others as in the extraction report. Articles without a change are folded.
//!
//! The offsets need the articles' texts: from the records (written with
//! `--emit-text`), else from the inputs read again (`--text PATH`).

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diff::{Diff, EntityChange, diff_lines, entity_changes, read_lines};
use crate::document::{ListOptions, ReadOptions, list_sources};
use crate::error::Error;
use crate::record::{Entity, Kind, Line, OffsetUnit, Record};

use super::escape::escape;
use super::extract::{entity_fields, push_tip, shown};
use super::highlight::{ByteOffsets, Span, write_marked};
use super::page;

/// Ids listed by name in the summary for « only in one run »; the rest are counted.
const MAX_LISTED: usize = 200;

/// Where the texts come from, besides the records.
#[derive(Debug, Default)]
pub struct Texts {
    by_id: HashMap<String, String>,
    /// The `--text` paths (empty: none given).
    paths: Vec<PathBuf>,
}

impl Texts {
    /// Reads the texts of the articles `wanted` from the inputs under
    /// `paths` (as `depeche extract` lists and decodes them, so that ids and
    /// offsets match the run's).
    pub fn read(paths: &[PathBuf], wanted: &HashSet<String>) -> Texts {
        let mut by_id = HashMap::new();
        let read = ReadOptions::default();
        if !paths.is_empty() {
            list_sources(paths, &ListOptions::default(), &mut |source| {
                if wanted.contains(source.id())
                    && let Ok(doc) = source.load(&read)
                {
                    by_id.insert(doc.id, doc.text);
                }
                true
            });
        }
        Texts { by_id, paths: paths.to_vec() }
    }

    fn missing(&self, id: &str) -> String {
        if self.paths.is_empty() {
            "No text for this article: neither run's record has it (they were written without --emit-text) and no --text PATH was given. Re-run `depeche extract --emit-text`, or pass the inputs with --text.".to_string()
        } else {
            let paths: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
            format!(
                "No text for this article: its records were written without --emit-text and no input with the id {id:?} was found under --text {}. Give the paths the runs were made with.",
                paths.join(" ")
            )
        }
    }
}

/// Reads two runs and renders their diff as one HTML page; returns the page
/// and whether the runs differ.
///
/// # Errors
/// A run cannot be read; or no record of either run has its text and no
/// `--text` path was given (the message says which is missing).
pub fn diff_html_files(old: &Path, new: &Path, text_paths: &[PathBuf]) -> Result<(Vec<u8>, bool), Error> {
    let old_lines = read_lines(old)?;
    let new_lines = read_lines(new)?;
    let has_text = |lines: &[Line]| lines.iter().any(|l| matches!(l, Line::Record(r) if r.text.is_some()));
    let any_records = old_lines
        .iter()
        .chain(&new_lines)
        .any(|l| matches!(l, Line::Record(r) if !r.entities.is_empty() || r.length > 0));
    if any_records && !has_text(&old_lines) && !has_text(&new_lines) && text_paths.is_empty() {
        return Err(Error::Config(format!(
            "diff --html needs the articles' texts: neither {} nor {} has them (the runs were made without --emit-text) and no --text PATH was given; re-run `depeche extract --emit-text`, or pass the runs' inputs with --text PATH",
            old.display(),
            new.display()
        )));
    }
    let wanted: HashSet<String> = new_lines
        .iter()
        .chain(&old_lines)
        .filter(|l| matches!(l, Line::Record(r) if r.text.is_none()))
        .map(|l| l.id().to_string())
        .collect();
    let texts = Texts::read(text_paths, &wanted);
    let diff = diff_lines(&old_lines, &new_lines);
    let mut page = Vec::new();
    write_diff(&mut page, &old_lines, &new_lines, &diff, &texts).map_err(Error::Output)?;
    Ok((page, !diff.is_empty()))
}

/// Writes the HTML page of `diff`, the diff of the runs `old` and `new`.
///
/// # Errors
/// Any write error.
pub fn write_diff(w: &mut dyn Write, old: &[Line], new: &[Line], diff: &Diff, texts: &Texts) -> io::Result<()> {
    let mut kinds: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    for k in diff.counts.keys() {
        if !kinds.contains(k) {
            kinds.push(k.clone());
        }
    }
    page::write_head(w, "depeche diff", &kinds)?;
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(b"<header id=\"top\"><h1>depeche diff</h1>\n");
    page::write_bar(
        &mut out,
        &kinds,
        "<span class=\"muted\">· marks:</span> <span class=\"d-add-sw\">added</span> <span class=\"d-del-sw\">removed</span> <span class=\"d-chg-sw\">changed</span>",
    );
    out.extend_from_slice(b"</header>\n");
    write_diff_summary(&mut out, new.len(), diff);
    w.write_all(&out)?;
    out.clear();

    let old_by_id: HashMap<&str, &Line> = old.iter().rev().map(|l| (l.id(), l)).collect();
    let status: HashMap<&str, &str> =
        diff.articles.iter().filter_map(|a| a.status.as_deref().map(|s| (a.id.as_str(), s))).collect();
    let mut seen = HashSet::new();
    for (seq, n) in new.iter().enumerate() {
        if !seen.insert(n.id()) {
            continue;
        }
        let Some(o) = old_by_id.get(n.id()) else { continue };
        article(&mut out, seq, o, n, status.get(n.id()).copied(), texts);
        w.write_all(&out)?;
        out.clear();
    }
    page::write_foot(w)
}

fn write_diff_summary(out: &mut Vec<u8>, new_len: usize, diff: &Diff) {
    let (added, removed, changed) =
        diff.counts.values().fold((0, 0, 0), |(a, r, c), k| (a + k.added, r + k.removed, c + k.changed));
    let _ = write!(
        out,
        "<section id=\"summary\" data-differ=\"{}\" data-added=\"{added}\" data-removed=\"{removed}\" data-changed=\"{changed}\">\n<h2>Summary</h2>\n<p><b>{}</b> of {new_len} articles of the new run differ; {} only in the old run, {} only in the new run.</p>\n",
        diff.articles.len(),
        diff.articles.len(),
        diff.only_old.len(),
        diff.only_new.len()
    );
    out.extend_from_slice(b"<table><tr><th>kind</th><th>added</th><th>removed</th><th>changed</th></tr>\n");
    for (k, c) in &diff.counts {
        out.extend_from_slice(b"<tr><td>");
        escape(out, k);
        let _ = writeln!(
            out,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.added, c.removed, c.changed
        );
    }
    let _ = writeln!(
        out,
        "<tr><th>all</th><th class=\"n\">{added}</th><th class=\"n\">{removed}</th><th class=\"n\">{changed}</th></tr></table>"
    );
    for (name, ids) in [("Only in the old run", &diff.only_old), ("Only in the new run", &diff.only_new)] {
        if ids.is_empty() {
            continue;
        }
        let _ = write!(out, "<p>{name}: ");
        for (i, id) in ids.iter().take(MAX_LISTED).enumerate() {
            if i > 0 {
                out.extend_from_slice(b", ");
            }
            out.extend_from_slice(b"<code>");
            escape(out, id);
            out.extend_from_slice(b"</code>");
        }
        if ids.len() > MAX_LISTED {
            let _ = write!(out, " and {} more", ids.len() - MAX_LISTED);
        }
        out.extend_from_slice(b".</p>\n");
    }
    out.extend_from_slice(b"</section>\n");
}

/// The length of `text` in `unit`.
fn units(text: &str, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Bytes => text.len(),
        OffsetUnit::Chars => text.chars().count(),
        OffsetUnit::Utf16 => text.encode_utf16().count(),
    }
}

/// The tooltip of a changed entity: the fields that changed, old → new,
/// then the new entity's fields (`refs`: the old and new records' entities).
fn changed_tip(old: &Entity, new: &Entity, fields: &[&str], refs: (&[Entity], &[Entity])) -> String {
    let (of, nf) = (entity_fields(old), entity_fields(new));
    let get = |f: &super::fields::Fields, refs: &[Entity], name: &str| {
        f.get(name).map_or("—".to_string(), |v| shown(refs, name, v).into_owned())
    };
    let mut s = format!("changed: {}", fields.join(", "));
    for f in fields {
        let (a, b) = if *f == "kind" {
            (old.kind.as_str().to_string(), new.kind.as_str().to_string())
        } else {
            (get(&of, refs.0, f), get(&nf, refs.1, f))
        };
        s.push_str(&format!("\n{f}: {a} → {b}"));
    }
    s.push_str("\n\n");
    push_tip(&mut s, new.kind.as_str(), &nf, refs.1);
    s
}

fn article(out: &mut Vec<u8>, seq: usize, old: &Line, new: &Line, status: Option<&str>, texts: &Texts) {
    let empty: &[Entity] = &[];
    let (ro, rn): (Option<&Record>, Option<&Record>) = (
        if let Line::Record(r) = old { Some(r) } else { None },
        if let Line::Record(r) = new { Some(r) } else { None },
    );
    // Entities are compared only between records of one offset unit.
    let comparable = matches!((ro, rn), (Some(a), Some(b)) if a.offsets == b.offsets);
    let changes = match (ro, rn) {
        (Some(a), Some(b)) if comparable => entity_changes(&a.entities, &b.entities),
        (Some(a), None) => entity_changes(&a.entities, empty),
        (None, Some(b)) => entity_changes(empty, &b.entities),
        (_, Some(b)) => b.entities.iter().map(EntityChange::Same).collect(),
        (None, None) => Vec::new(),
    };
    let count = |f: fn(&EntityChange) -> bool| changes.iter().filter(|c| f(c)).count();
    let added = count(|c| matches!(c, EntityChange::Added(_)));
    let removed = count(|c| matches!(c, EntityChange::Removed(_)));
    let changed = count(|c| matches!(c, EntityChange::Changed { .. }));
    let differs = status.is_some() || added + removed + changed > 0;

    let _ = write!(out, "<details class=\"art{}\" id=\"a-{seq}\" data-id=\"", if differs { " differs" } else { "" });
    escape(out, new.id());
    let _ = write!(out, "\"{}><summary><b>", if differs { " open" } else { "" });
    escape(out, new.id());
    if differs {
        let _ = writeln!(out, "</b> <small>+{added} −{removed} ~{changed}</small></summary>");
    } else {
        let _ = writeln!(out, "</b> <small class=\"muted\">no change, {} entities</small></summary>", changes.len());
    }
    if let Some(s) = status {
        out.extend_from_slice(b"<p class=\"warn\">Status: ");
        escape(out, s);
        out.extend_from_slice(b"</p>\n");
    }
    if let Line::Error(e) = new {
        out.extend_from_slice(b"<p class=\"error\"><code>");
        escape(out, &e.error.kind);
        out.extend_from_slice(b"</code> ");
        escape(out, &e.error.message);
        out.extend_from_slice(b"</p>\n");
    }
    let base = rn.or(ro);
    if let Some(rec) = base {
        let text = rn
            .and_then(|r| r.text.as_deref())
            .or_else(|| ro.and_then(|r| r.text.as_deref()))
            .or_else(|| texts.by_id.get(new.id()).map(String::as_str));
        match text {
            None => {
                out.extend_from_slice(b"<p class=\"warn\">");
                escape(out, &texts.missing(new.id()));
                out.extend_from_slice(b"</p>\n");
            }
            Some(text) => marked_text(out, text, rec, ro, &changes),
        }
    }
    out.extend_from_slice(b"</details>\n");
}

fn marked_text(out: &mut Vec<u8>, text: &str, rec: &Record, old: Option<&Record>, changes: &[EntityChange]) {
    if units(text, rec.offsets) != rec.length {
        let _ = writeln!(
            out,
            "<p class=\"warn\">This text has {} {} where the record says {}: the input changed since the run, and marks may be off.</p>",
            units(text, rec.offsets),
            rec.offsets.as_str(),
            rec.length
        );
    }
    let new_map = ByteOffsets::new(text, rec.offsets);
    let old_map = old.filter(|o| o.offsets != rec.offsets).map(|o| ByteOffsets::new(text, o.offsets));
    // Ids in fields refer to the entities of the entity's own run.
    let refs = (old.map_or(&rec.entities[..], |o| &o.entities[..]), &rec.entities[..]);
    let tip = |prefix: &str, e: &Entity, refs: &[Entity]| {
        let mut s = prefix.to_string();
        push_tip(&mut s, e.kind.as_str(), &entity_fields(e), refs);
        s
    };
    let tips: Vec<String> = changes
        .iter()
        .map(|c| match c {
            EntityChange::Same(e) => tip("", e, refs.1),
            EntityChange::Added(e) => tip("added\n", e, refs.1),
            EntityChange::Removed(e) => tip("removed\n", e, refs.0),
            EntityChange::Changed { old, new, fields } => changed_tip(old, new, fields, refs),
        })
        .collect();
    let mut spans = Vec::with_capacity(changes.len());
    let mut unplaced = 0;
    for (n, (c, tip)) in changes.iter().zip(&tips).enumerate() {
        let (e, class, map) = match c {
            EntityChange::Same(e) => (*e, "", &new_map),
            EntityChange::Added(e) => (*e, "d-add", &new_map),
            EntityChange::Removed(e) => (*e, "d-del", old_map.as_ref().unwrap_or(&new_map)),
            EntityChange::Changed { new, .. } => (*new, "d-chg", &new_map),
        };
        match (map.byte(e.start), map.byte(e.end)) {
            (Some(start), Some(end)) => spans.push(Span { start, end, kind: e.kind.as_str(), class, tip, n }),
            _ => unplaced += 1,
        }
    }
    out.extend_from_slice(b"<div class=\"text\">");
    unplaced += write_marked(out, text, spans);
    out.extend_from_slice(b"</div>\n");
    if unplaced > 0 {
        let _ = writeln!(out, "<p class=\"warn\">{unplaced} entities fall outside this text and are not marked.</p>");
    }
}
