//! The report of an extraction run: a head, one section per article written
//! as its record comes, and a summary written at the end (the page shows it
//! first: see the `order` rules of the style sheet). What the writer keeps
//! between records is bounded: counts, the most frequent names (at most
//! [`MAX_NAMES`] distinct per kind), the first [`MAX_ERRORS`] errors.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use crate::record::{Entity, Kind, Line, Record};

use super::escape::escape;
use super::fields::{Fields, HIDDEN};
use super::highlight::{ByteOffsets, Span, write_marked};
use super::page;

/// Distinct names counted per kind (organizations, people); later new names
/// are not counted, and the summary says so.
pub const MAX_NAMES: usize = 100_000;
/// Errors listed in the summary; the others are counted.
pub const MAX_ERRORS: usize = 1_000;
/// Names listed per kind in the summary.
const TOP_NAMES: usize = 15;

/// Fields that make an entity a fact, and the facts table's columns.
const FACT_FIELDS: [&str; 3] = ["subject", "measure", "period"];

/// Options of an extraction report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The page title.
    pub title: String,
    /// Articles shown; later ones are counted in the summary only.
    pub max_articles: usize,
    /// Kinds for the legend and the chart after the built-in ones: the kinds
    /// of the user rule files (`pipeline.rules().kinds()`).
    pub user_kinds: Vec<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { title: "depeche report".into(), max_articles: 2000, user_kinds: Vec::new() }
    }
}

/// What one article adds to the summary.
#[derive(Debug, Default)]
struct Tally {
    error: Option<(String, String, String)>,
    kinds: Vec<(String, usize)>,
    /// (is a person, name, count): organizations and people by canonical name.
    names: Vec<(bool, String, usize)>,
    unplaced: usize,
}

/// One article's section, rendered (on any thread) and waiting for its turn
/// to be written with [`Report::write_section`].
#[derive(Debug)]
pub struct Section {
    seq: usize,
    html: Vec<u8>,
    tally: Tally,
}

impl Section {
    /// Renders the section of the `seq`-th line (0-based) of a run. The
    /// HTML is rendered only when `seq` is below `options.max_articles`; the
    /// counts always are. A record needs its text (`--emit-text`, or
    /// [`crate::PipelineBuilder::emit_text`]): without it the section says so.
    pub fn render(line: &Line, seq: usize, options: &ReportOptions) -> Section {
        let show = seq < options.max_articles;
        let mut html = Vec::new();
        let mut tally = Tally::default();
        match line {
            Line::Error(e) => {
                tally.error = Some((e.id.clone(), e.error.kind.clone(), e.error.message.clone()));
                if show {
                    html.reserve(256 + e.error.message.len());
                    open_section(&mut html, seq, &e.id, "art err");
                    html.extend_from_slice(b" <small>error</small></h2>\n<p class=\"error\"><code>");
                    escape(&mut html, &e.error.kind);
                    html.extend_from_slice(b"</code> ");
                    escape(&mut html, &e.error.message);
                    html.extend_from_slice(b"</p>\n</section>\n");
                }
            }
            Line::Record(r) => {
                count(r, &mut tally);
                if show {
                    tally.unplaced = record_section(&mut html, seq, r);
                }
            }
        }
        Section { seq, html, tally }
    }
}

fn count(r: &Record, tally: &mut Tally) {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    let mut names: HashMap<(bool, &str), usize> = HashMap::new();
    for e in &r.entities {
        let k = e.kind.as_str();
        match kinds.iter_mut().find(|(n, _)| n == k) {
            Some((_, c)) => *c += 1,
            None => kinds.push((k.to_string(), 1)),
        }
        if matches!(e.kind, Kind::Person | Kind::Organization) {
            let name = e.canonical.as_deref().unwrap_or(&e.text);
            *names.entry((e.kind == Kind::Person, name)).or_default() += 1;
        }
    }
    tally.kinds = kinds;
    tally.names = names.into_iter().map(|((p, n), c)| (p, n.to_string(), c)).collect();
}

fn open_section(out: &mut Vec<u8>, seq: usize, id: &str, class: &str) {
    let _ = write!(out, "<section class=\"{class}\" id=\"a-{seq}\" data-id=\"");
    escape(out, id);
    let _ = write!(out, "\">\n<h2><a href=\"#a-{seq}\">");
    escape(out, id);
    out.extend_from_slice(b"</a>");
}

/// How the fields of an entity are ordered for a reader: the canonical name
/// first, then the others in record order, `rule` last; the span and ids
/// (which the mark itself shows, or which mean nothing to a reader) not at all.
fn rank(field: &str) -> u8 {
    match field {
        "id" | "kind" | "text" | "start" | "end" | "sentence" => HIDDEN,
        "canonical" => 0,
        "rule" => 2,
        _ => 1,
    }
}

/// The fields of an entity a reader is shown, read from its serialized form
/// so that fields added to [`Entity`] show without a change here.
pub(crate) fn entity_fields(e: &Entity) -> Fields {
    Fields::of(e, rank)
}

/// Fields whose value is the `id` of another entity of the record (a
/// fact's subject and period).
const REF_FIELDS: [&str; 2] = ["subject", "period"];

/// A field's value as a reader sees it: for a field that refers to another
/// entity, that entity's canonical name, value or text, and its id (`Airbus (#3)`).
pub(crate) fn shown<'a>(refs: &[Entity], field: &str, value: &'a str) -> Cow<'a, str> {
    if REF_FIELDS.contains(&field)
        && let Ok(id) = value.parse::<usize>()
        && let Some(e) = refs.get(id).filter(|e| e.id == id).or_else(|| refs.iter().find(|e| e.id == id))
    {
        // A name by its canonical form, a period by its value.
        let name = e.canonical.as_deref().or(e.value.as_deref()).unwrap_or(&e.text);
        return format!("{name} (#{id})").into();
    }
    value.into()
}

/// Appends the tooltip of an entity to `s`: its kind, then one `field: value`
/// line per field (`refs`: the record's entities, that ids refer to).
pub(crate) fn push_tip(s: &mut String, kind: &str, fields: &Fields, refs: &[Entity]) {
    s.push_str(kind);
    for (k, v) in fields.iter() {
        s.push('\n');
        s.push_str(k);
        s.push_str(": ");
        s.push_str(&shown(refs, k, v));
    }
}

/// Writes a record's section; returns the entities that could not be marked.
fn record_section(out: &mut Vec<u8>, seq: usize, r: &Record) -> usize {
    let text = r.text.as_deref();
    out.reserve(512 + text.map_or(0, |t| t.len() + t.len() / 4) + 200 * r.entities.len());
    open_section(out, seq, &r.id, "art");
    let n = r.entities.len();
    let _ = writeln!(out, " <small>{n} {}</small></h2>", if n == 1 { "entity" } else { "entities" });
    let meta: Vec<&str> = [&r.title, &r.date, &r.url].into_iter().flatten().map(String::as_str).collect();
    if !meta.is_empty() {
        out.extend_from_slice(b"<p class=\"muted\">");
        for (i, m) in meta.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b" \xC2\xB7 ");
            }
            escape(out, m);
        }
        out.extend_from_slice(b"</p>\n");
    }
    // The tooltips, in one buffer; the fields of the facts.
    let mut tips = String::with_capacity(96 * r.entities.len());
    let mut tip_ends = Vec::with_capacity(r.entities.len());
    let mut facts: Vec<(&Entity, Fields)> = Vec::new();
    let mut fields = Fields::default();
    for e in &r.entities {
        fields.read(e, rank);
        push_tip(&mut tips, e.kind.as_str(), &fields, &r.entities);
        tip_ends.push(tips.len());
        if FACT_FIELDS.iter().any(|k| fields.has(k)) {
            facts.push((e, fields.clone()));
        }
    }
    let mut unplaced = 0;
    match text {
        None => out.extend_from_slice(
            b"<p class=\"warn\">No text in this record: write the records with --emit-text (the HTML format does it itself).</p>\n",
        ),
        Some(text) => {
            let map = ByteOffsets::new(text, r.offsets);
            let mut spans = Vec::with_capacity(r.entities.len());
            for (i, e) in r.entities.iter().enumerate() {
                let tip = &tips[if i == 0 { 0 } else { tip_ends[i - 1] }..tip_ends[i]];
                match (map.byte(e.start), map.byte(e.end)) {
                    (Some(start), Some(end)) => {
                        spans.push(Span { start, end, kind: e.kind.as_str(), class: "", tip, n: e.id })
                    }
                    _ => unplaced += 1,
                }
            }
            out.extend_from_slice(b"<div class=\"text\">");
            unplaced += write_marked(out, text, spans);
            out.extend_from_slice(b"</div>\n");
            if unplaced > 0 {
                let _ = writeln!(
                    out,
                    "<p class=\"warn\">{unplaced} entities have offsets outside the text or inside a character and are not marked.</p>"
                );
            }
        }
    }
    facts_table(out, &facts, &r.entities);
    out.extend_from_slice(b"</section>\n");
    unplaced
}

/// The facts table: one row per entity that has a subject, measure or period.
fn facts_table(out: &mut Vec<u8>, facts: &[(&Entity, Fields)], refs: &[Entity]) {
    if facts.is_empty() {
        return;
    }
    out.extend_from_slice(b"<table class=\"facts\"><caption>Facts</caption><tr><th>subject</th><th>measure</th><th>value</th><th>currency</th><th>period</th><th>text</th></tr>\n");
    for (e, f) in facts {
        let value = match (f.get("value"), f.get("min"), f.get("max")) {
            (Some(v), _, _) => v.to_string(),
            (None, Some(a), Some(b)) => format!("{a} – {b}"),
            (None, Some(a), None) => format!("≥ {a}"),
            (None, None, Some(b)) => format!("≤ {b}"),
            (None, None, None) => String::new(),
        };
        let cell = |name: &str| f.get(name).map_or(Cow::Borrowed(""), |v| shown(refs, name, v));
        let cells = [cell("subject"), cell("measure"), Cow::Borrowed(value.as_str()), cell("currency"), cell("period")];
        out.extend_from_slice(b"<tr>");
        for c in cells {
            out.extend_from_slice(b"<td>");
            escape(out, &c);
            out.extend_from_slice(b"</td>");
        }
        out.extend_from_slice(b"<td>");
        escape(out, &e.text);
        out.extend_from_slice(b"</td></tr>\n");
    }
    out.extend_from_slice(b"</table>\n");
}

/// The state of a report being written: counts for the summary.
///
/// ```
/// use depeche::report::{Report, ReportOptions, Section};
/// use depeche::{Document, Pipeline};
/// let pipeline = Pipeline::builder().emit_text(true).build().unwrap();
/// let line = depeche::Line::Record(pipeline.process(&Document::new("a<1>", "Airbus a gagné 4\u{a0}%.")));
/// let options = ReportOptions::default();
/// let mut report = Report::new(options.clone());
/// let mut page = Vec::new();
/// report.write_head(&mut page).unwrap();
/// report.write_section(&mut page, Section::render(&line, 0, &options)).unwrap();
/// report.write_end(&mut page).unwrap();
/// let page = String::from_utf8(page).unwrap();
/// assert!(page.contains("data-id=\"a&lt;1&gt;\""));
/// assert!(page.contains(">4\u{a0}%</mark>"));
/// ```
#[derive(Debug)]
pub struct Report {
    options: ReportOptions,
    articles: usize,
    errors: Vec<(usize, String, String, String)>,
    error_count: usize,
    by_kind: BTreeMap<String, usize>,
    names: [HashMap<String, usize>; 2],
    names_full: bool,
    unplaced: usize,
}

impl Report {
    /// A report with no article yet.
    pub fn new(options: ReportOptions) -> Report {
        Report {
            options,
            articles: 0,
            errors: Vec::new(),
            error_count: 0,
            by_kind: BTreeMap::new(),
            names: [HashMap::new(), HashMap::new()],
            names_full: false,
            unplaced: 0,
        }
    }

    /// The kinds shown in the legend and chart: the built-in kinds, then the
    /// user kinds of the options.
    fn kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
        for k in &self.options.user_kinds {
            if !kinds.contains(k) {
                kinds.push(k.clone());
            }
        }
        kinds
    }

    /// Writes the page head, the title and the filter bar.
    ///
    /// # Errors
    /// Any write error.
    pub fn write_head(&self, w: &mut dyn Write) -> io::Result<()> {
        let kinds = self.kinds();
        page::write_head(w, &self.options.title, &kinds)?;
        let mut out = Vec::new();
        out.extend_from_slice(b"<header id=\"top\"><h1>");
        escape(&mut out, &self.options.title);
        out.extend_from_slice(b"</h1>\n");
        page::write_bar(&mut out, &kinds, "");
        out.extend_from_slice(b"</header>\n<div id=\"articles\">\n");
        w.write_all(&out)
    }

    /// Writes one article's section (if it is within the limit) and counts it.
    ///
    /// # Errors
    /// Any write error.
    pub fn write_section(&mut self, w: &mut dyn Write, section: Section) -> io::Result<()> {
        self.articles += 1;
        let t = section.tally;
        if let Some((id, kind, message)) = t.error {
            self.error_count += 1;
            if self.errors.len() < MAX_ERRORS {
                self.errors.push((section.seq, id, kind, message));
            }
        }
        for (k, n) in t.kinds {
            *self.by_kind.entry(k).or_default() += n;
        }
        for (person, name, n) in t.names {
            let map = &mut self.names[usize::from(person)];
            if let Some(c) = map.get_mut(&name) {
                *c += n;
            } else if map.len() < MAX_NAMES {
                map.insert(name, n);
            } else {
                self.names_full = true;
            }
        }
        self.unplaced += t.unplaced;
        w.write_all(&section.html)
    }

    /// Writes the summary and the end of the page.
    ///
    /// # Errors
    /// Any write error.
    pub fn write_end(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut out = Vec::with_capacity(16 * 1024);
        out.extend_from_slice(b"</div>\n");
        self.write_summary(&mut out);
        w.write_all(&out)?;
        page::write_foot(w)
    }

    fn write_summary(&self, out: &mut Vec<u8>) {
        let entities: usize = self.by_kind.values().sum();
        let records = self.articles - self.error_count;
        let left_out = self.articles.saturating_sub(self.options.max_articles);
        let _ = write!(
            out,
            "<section id=\"summary\" data-articles=\"{}\" data-records=\"{records}\" data-errors=\"{}\" data-entities=\"{entities}\" data-left-out=\"{left_out}\">\n<h2>Summary</h2>\n<p><b>{}</b> articles: {records} records, <b>{}</b> errors; <b>{entities}</b> entities.</p>\n",
            self.articles, self.error_count, self.articles, self.error_count
        );
        if left_out > 0 {
            let _ = writeln!(
                out,
                "<p class=\"warn\">Only the first {} articles are shown: {left_out} more were left out (they are counted here). Narrow the run (a sub-folder, <code>--glob</code>, <code>--kinds</code>) or raise <code>--html-max-articles</code>.</p>",
                self.options.max_articles
            );
        }
        if self.unplaced > 0 {
            let _ =
                writeln!(out, "<p class=\"warn\">{} entities could not be placed in their text.</p>", self.unplaced);
        }
        // Built-in kinds first, in their order, then any other.
        let mut counts: Vec<(String, usize)> =
            self.kinds().into_iter().map(|k| (k.clone(), self.by_kind.get(&k).copied().unwrap_or(0))).collect();
        for (k, n) in &self.by_kind {
            if !counts.iter().any(|(c, _)| c == k) {
                counts.push((k.clone(), *n));
            }
        }
        out.extend_from_slice(b"<div class=\"cols\"><div><h3>Entities by kind</h3>");
        page::write_chart(out, &counts);
        out.extend_from_slice(b"</div>");
        for (person, heading) in [(false, "Organizations"), (true, "People")] {
            let mut top: Vec<(&String, &usize)> = self.names[usize::from(person)].iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let _ = write!(out, "<div><h3>{heading}</h3><table class=\"top\">");
            if top.is_empty() {
                out.extend_from_slice(b"<tr><td class=\"muted\">none</td></tr>");
            }
            for (name, n) in top.into_iter().take(TOP_NAMES) {
                out.extend_from_slice(b"<tr><td>");
                escape(out, name);
                let _ = write!(out, "</td><td class=\"n\">{n}</td></tr>");
            }
            out.extend_from_slice(b"</table></div>");
        }
        out.extend_from_slice(b"</div>\n");
        if self.names_full {
            let _ = writeln!(
                out,
                "<p class=\"muted\">More than {MAX_NAMES} distinct names: later new names are not counted.</p>"
            );
        }
        if self.error_count > 0 {
            out.extend_from_slice(b"<h3>Errors</h3>\n<ol class=\"errors\">\n");
            for (seq, id, kind, message) in &self.errors {
                out.extend_from_slice(b"<li>");
                if *seq < self.options.max_articles {
                    let _ = write!(out, "<a href=\"#a-{seq}\">");
                    escape(out, id);
                    out.extend_from_slice(b"</a>");
                } else {
                    escape(out, id);
                }
                out.extend_from_slice(b" <code>");
                escape(out, kind);
                out.extend_from_slice(b"</code> ");
                escape(out, message);
                out.extend_from_slice(b"</li>\n");
            }
            out.extend_from_slice(b"</ol>\n");
            if self.error_count > self.errors.len() {
                let _ =
                    writeln!(out, "<p class=\"muted\">and {} more errors.</p>", self.error_count - self.errors.len());
            }
        }
        out.extend_from_slice(b"</section>\n");
    }
}

/// Writes a whole report of `lines` to `w` (the lines' order is the page's).
///
/// # Errors
/// Any write error.
pub fn write_report<'a>(
    w: &mut dyn Write,
    lines: impl IntoIterator<Item = &'a Line>,
    options: &ReportOptions,
) -> io::Result<()> {
    let mut report = Report::new(options.clone());
    report.write_head(w)?;
    for (seq, line) in lines.into_iter().enumerate() {
        report.write_section(w, Section::render(line, seq, options))?;
    }
    report.write_end(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_table_has_a_row_per_entity_with_fact_fields() {
        let e: Entity = serde_json::from_str(
            r#"{"id":3,"kind":"money","text":"1,2 md€","start":0,"end":7,"sentence":0,"rule":"m","min":"1","max":"2"}"#,
        )
        .unwrap();
        let fields = |extra: &[(&'static str, &str)]| {
            let mut f = entity_fields(&e);
            for (k, v) in extra {
                f.push(k, v);
            }
            f
        };
        let mut out = Vec::new();
        facts_table(&mut out, &[], &[]);
        assert!(out.is_empty(), "no fact, no table");
        let org: Entity = serde_json::from_str(
            r#"{"id":0,"kind":"organization","text":"Airbus <SE>","start":0,"end":6,"sentence":0,"rule":"o"}"#,
        )
        .unwrap();
        let with = fields(&[("subject", "0"), ("measure", "revenue"), ("period", "2025")]);
        facts_table(&mut out, &[(&e, with)], &[org]);
        let html = String::from_utf8(out).unwrap();
        assert_eq!(html.matches("<tr><td>").count(), 1, "{html}");
        assert!(
            html.contains(
                "<td>Airbus &lt;SE&gt; (#0)</td><td>revenue</td><td>1 – 2</td><td></td><td>2025</td><td>1,2 md€</td>"
            ),
            "{html}"
        );
    }

    #[test]
    fn random_records_render_whole_in_every_offset_unit() {
        use crate::record::OffsetUnit;
        use proptest::prelude::*;
        proptest!(|(text in "[a é😀<&\"\u{a0}]{0,16}", unit in 0..3usize,
                    raw in proptest::collection::vec((0usize..40, 0usize..40, 0..Kind::ALL.len()), 0..6))| {
            let offsets = [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16][unit];
            // Built from JSON, so that fields added to the schema need no change here.
            let entities: Vec<serde_json::Value> = raw.iter().enumerate().map(|(id, &(start, end, k))| serde_json::json!({
                "id": id, "kind": Kind::ALL[k].as_str(), "text": "x", "start": start, "end": end, "sentence": 0, "rule": "r<"
            })).collect();
            let record: Record = serde_json::from_value(serde_json::json!({
                "id": "<id>", "offsets": offsets, "length": 0, "text": text, "sentences": [], "entities": entities
            })).unwrap();
            let section = Section::render(&Line::Record(record), 0, &ReportOptions::default());
            let html = String::from_utf8(section.html).unwrap();
            prop_assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
            let marked = html.matches("tabindex").count();
            prop_assert_eq!(marked + section.tally.unplaced, raw.len());
            prop_assert!(!html.contains("<id>") && !html.contains("r<"));
        });
    }
}
