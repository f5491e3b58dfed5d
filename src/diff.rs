//! `depeche diff`: compares two runs' records article by article.
//!
//! Both files are JSON Lines of [`Line`]s (records and error records), as
//! written by `depeche extract`. Articles are matched by id; within an
//! article, entities are matched by span (`start`, `end`). For each article
//! the diff lists entities **added** (span only in the new run), **removed**
//! (span only in the old run) and **changed** (same span, different kind,
//! value, `min`/`max`, currency or canonical). Articles present in one run
//! only and changes of status (an article that became, or stopped being, an
//! error record, or whose error kind changed) are reported too.
//!
//! ```
//! use depeche::diff::diff_lines;
//! use depeche::record::Line;
//! let old: Line = serde_json::from_str(r#"{"id":"a","offsets":"chars","length":9,"sentences":[],"entities":[
//!   {"id":0,"kind":"percent","text":"4 %","start":0,"end":3,"sentence":0,"rule":"percent.number","value":"4"}]}"#).unwrap();
//! let new: Line = serde_json::from_str(r#"{"id":"a","offsets":"chars","length":9,"sentences":[],"entities":[
//!   {"id":0,"kind":"percent","text":"4 %","start":0,"end":3,"sentence":0,"rule":"percent.number","value":"4.0"}]}"#).unwrap();
//! // Values are compared as decimals: "4" and "4.0" are the same.
//! assert!(diff_lines(&[old.clone()], &[new]).is_empty());
//! assert!(diff_lines(&[old], &[]).only_old == ["a"]);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::eval::parse_decimal;
use crate::record::{Entity, Line};

/// An entity as shown in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffEntity {
    /// Its kind.
    pub kind: String,
    /// Start offset (in the records' unit).
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// Value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Range minimum, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    /// Range maximum, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    /// Currency, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Canonical name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// A figure's subject, by its canonical name (or text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// A figure's period, by its value (or text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// What a figure measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// The rule that produced it.
    pub rule: String,
}

impl DiffEntity {
    fn of(e: &Entity, all: &[Entity]) -> DiffEntity {
        let (subject, period) = facts(e, all);
        DiffEntity {
            subject,
            period,
            measure: e.measure.map(|m| m.as_str().to_string()),
            kind: e.kind.as_str().to_string(),
            start: e.start,
            end: e.end,
            text: e.text.clone(),
            value: e.value.clone(),
            min: e.min.clone(),
            max: e.max.clone(),
            currency: e.currency.clone(),
            canonical: e.canonical.clone(),
            rule: e.rule.clone(),
        }
    }

    fn describe(&self) -> String {
        let mut s = format!("{:<12} [{}..{}] {:?}", self.kind, self.start, self.end, self.text);
        for (name, v) in [("value", &self.value), ("min", &self.min), ("max", &self.max), ("currency", &self.currency)]
        {
            if let Some(v) = v {
                let _ = write!(s, " {name}={v}");
            }
        }
        if let Some(c) = &self.canonical {
            let _ = write!(s, " canonical={c:?}");
        }
        for (name, v) in [("subject", &self.subject), ("period", &self.period), ("measure", &self.measure)] {
            if let Some(v) = v {
                let _ = write!(s, " {name}={v:?}");
            }
        }
        let _ = write!(s, " ({})", self.rule);
        s
    }
}

/// An entity whose span is in both runs with different attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The old run's entity.
    pub old: DiffEntity,
    /// The new run's entity.
    pub new: DiffEntity,
    /// The attributes that differ (`kind`, `value`, `min`, `max`, `currency`,
    /// `canonical`, and a figure's facts: `subject`, `period`, `measure`).
    pub fields: Vec<&'static str>,
}

/// The differences of one article present in both runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ArticleDiff {
    /// The article id.
    pub id: String,
    /// Entities only in the new run.
    pub added: Vec<DiffEntity>,
    /// Entities only in the old run.
    pub removed: Vec<DiffEntity>,
    /// Entities of the same span that differ.
    pub changed: Vec<Changed>,
    /// A change of status or of offset unit (`"record → error json"`...), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Counts of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct KindCounts {
    /// Entities added.
    pub added: usize,
    /// Entities removed.
    pub removed: usize,
    /// Entities changed (counted under the new run's kind).
    pub changed: usize,
}

/// The differences between two runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Diff {
    /// Articles in both runs that differ, in the new run's order.
    pub articles: Vec<ArticleDiff>,
    /// Ids only in the old run.
    pub only_old: Vec<String>,
    /// Ids only in the new run.
    pub only_new: Vec<String>,
    /// Counts per kind.
    pub counts: BTreeMap<String, KindCounts>,
}

impl Diff {
    /// True when the two runs are the same.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.only_old.is_empty() && self.only_new.is_empty()
    }

    /// A readable listing: one block per article, then the counts.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for a in &self.articles {
            let _ = writeln!(s, "article {}", a.id);
            if let Some(st) = &a.status {
                let _ = writeln!(s, "  ! {st}");
            }
            for e in &a.removed {
                let _ = writeln!(s, "  - {}", e.describe());
            }
            for e in &a.added {
                let _ = writeln!(s, "  + {}", e.describe());
            }
            for c in &a.changed {
                let _ = writeln!(s, "  ~ {}\n    → {}  [{}]", c.old.describe(), c.new.describe(), c.fields.join(", "));
            }
        }
        for id in &self.only_old {
            let _ = writeln!(s, "only in old run: {id}");
        }
        for id in &self.only_new {
            let _ = writeln!(s, "only in new run: {id}");
        }
        if self.is_empty() {
            let _ = writeln!(s, "no differences");
        } else {
            let _ = writeln!(s, "\n{:<14} {:>7} {:>7} {:>7}", "kind", "added", "removed", "changed");
            for (k, c) in &self.counts {
                let _ = writeln!(s, "{:<14} {:>7} {:>7} {:>7}", k, c.added, c.removed, c.changed);
            }
            let status = self.articles.iter().filter(|a| a.status.is_some()).count();
            let _ = writeln!(
                s,
                "{} article(s) differ, {} with a status change; {} only in old, {} only in new",
                self.articles.len(),
                status,
                self.only_old.len(),
                self.only_new.len()
            );
        }
        s
    }
}

fn same_decimal(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y || matches!((parse_decimal(x), parse_decimal(y)), (Some(p), Some(q)) if p == q),
        _ => false,
    }
}

/// A figure's subject (canonical name or text) and period (value or text),
/// resolved from their ids: ids change when an entity is added before them.
fn facts(e: &Entity, all: &[Entity]) -> (Option<String>, Option<String>) {
    let subject = e.subject.and_then(|s| all.get(s)).map(|s| s.canonical.clone().unwrap_or_else(|| s.text.clone()));
    let period = e.period.and_then(|p| all.get(p)).map(|p| p.value.clone().unwrap_or_else(|| p.text.clone()));
    (subject, period)
}

fn changed_fields(o: &Entity, n: &Entity, (old, new): (&[Entity], &[Entity])) -> Vec<&'static str> {
    let mut f = Vec::new();
    if o.kind != n.kind {
        f.push("kind");
    }
    if !same_decimal(&o.value, &n.value) {
        f.push("value");
    }
    if !same_decimal(&o.min, &n.min) {
        f.push("min");
    }
    if !same_decimal(&o.max, &n.max) {
        f.push("max");
    }
    if o.currency != n.currency {
        f.push("currency");
    }
    if o.canonical != n.canonical {
        f.push("canonical");
    }
    let ((os, op), (ns, np)) = (facts(o, old), facts(n, new));
    if os != ns {
        f.push("subject");
    }
    if op != np {
        f.push("period");
    }
    if o.measure != n.measure {
        f.push("measure");
    }
    f
}

fn status(l: &Line) -> String {
    match l {
        Line::Record(r) => format!("record ({} offsets)", r.offsets.as_str()),
        Line::Error(e) => format!("error {}", e.error.kind),
    }
}

/// Compares two runs given as lines. Ids seen twice in one run keep their
/// first line.
pub fn diff_lines(old: &[Line], new: &[Line]) -> Diff {
    let mut old_by_id: HashMap<&str, &Line> = HashMap::with_capacity(old.len());
    for l in old {
        old_by_id.entry(l.id()).or_insert(l);
    }
    let mut seen_new: HashMap<&str, ()> = HashMap::with_capacity(new.len());
    let mut diff = Diff::default();
    for n in new {
        if seen_new.insert(n.id(), ()).is_some() {
            continue;
        }
        let Some(o) = old_by_id.get(n.id()) else {
            diff.only_new.push(n.id().to_string());
            continue;
        };
        let mut a = ArticleDiff { id: n.id().to_string(), ..ArticleDiff::default() };
        match (o, n) {
            (Line::Record(ro), Line::Record(rn)) if ro.offsets == rn.offsets => {
                compare_entities(&ro.entities, &rn.entities, &mut a, &mut diff.counts);
            }
            (Line::Error(eo), Line::Error(en)) if eo.error.kind == en.error.kind => {}
            _ => {
                a.status = Some(format!("{} → {}", status(o), status(n)));
                // Entities of a record on one side only count as added or removed.
                if let (Line::Record(ro), Line::Error(_)) = (o, n) {
                    for e in &ro.entities {
                        diff.counts.entry(e.kind.as_str().to_string()).or_default().removed += 1;
                        a.removed.push(DiffEntity::of(e, &ro.entities));
                    }
                }
                if let (Line::Error(_), Line::Record(rn)) = (o, n) {
                    for e in &rn.entities {
                        diff.counts.entry(e.kind.as_str().to_string()).or_default().added += 1;
                        a.added.push(DiffEntity::of(e, &rn.entities));
                    }
                }
            }
        }
        if a.status.is_some() || !a.added.is_empty() || !a.removed.is_empty() || !a.changed.is_empty() {
            diff.articles.push(a);
        }
    }
    let mut seen_old: HashMap<&str, ()> = HashMap::new();
    for o in old {
        if !seen_new.contains_key(o.id()) && seen_old.insert(o.id(), ()).is_none() {
            diff.only_old.push(o.id().to_string());
        }
    }
    diff
}

/// The old and new entities of one span.
type SpanPair<'a> = (Vec<&'a Entity>, Vec<&'a Entity>);

/// What became of one entity between two runs of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityChange<'a> {
    /// The same in both runs (the new run's entity).
    Same(&'a Entity),
    /// Only in the new run.
    Added(&'a Entity),
    /// Only in the old run.
    Removed(&'a Entity),
    /// Same span, different attributes.
    Changed {
        /// The old run's entity.
        old: &'a Entity,
        /// The new run's entity.
        new: &'a Entity,
        /// The attributes that differ.
        fields: Vec<&'static str>,
    },
}

/// Pairs the entities of one article's two runs by span (several entities
/// of one span pair up in order), in span order: the one rule behind
/// [`diff_lines`] and the HTML diff.
///
/// ```
/// use depeche::diff::{EntityChange, entity_changes};
/// let old: depeche::Record = serde_json::from_str(r#"{"id":"a","offsets":"chars","length":9,"sentences":[],"entities":[
///   {"id":0,"kind":"place","text":"Lyon","start":0,"end":4,"sentence":0,"rule":"r"}]}"#).unwrap();
/// let changes = entity_changes(&old.entities, &[]);
/// assert!(matches!(changes[..], [EntityChange::Removed(_)]));
/// ```
pub fn entity_changes<'a>(old: &'a [Entity], new: &'a [Entity]) -> Vec<EntityChange<'a>> {
    let mut by_span: BTreeMap<(usize, usize), SpanPair> = BTreeMap::new();
    for e in old {
        by_span.entry((e.start, e.end)).or_default().0.push(e);
    }
    for e in new {
        by_span.entry((e.start, e.end)).or_default().1.push(e);
    }
    let mut out = Vec::with_capacity(new.len().max(old.len()));
    for (os, ns) in by_span.values() {
        let pairs = os.len().min(ns.len());
        for k in 0..pairs {
            let fields = changed_fields(os[k], ns[k], (old, new));
            out.push(if fields.is_empty() {
                EntityChange::Same(ns[k])
            } else {
                EntityChange::Changed { old: os[k], new: ns[k], fields }
            });
        }
        out.extend(os[pairs..].iter().map(|e| EntityChange::Removed(e)));
        out.extend(ns[pairs..].iter().map(|e| EntityChange::Added(e)));
    }
    out
}

fn compare_entities(
    old_all: &[Entity],
    new_all: &[Entity],
    a: &mut ArticleDiff,
    counts: &mut BTreeMap<String, KindCounts>,
) {
    for change in entity_changes(old_all, new_all) {
        match change {
            EntityChange::Same(_) => {}
            EntityChange::Changed { old, new, fields } => {
                counts.entry(new.kind.as_str().to_string()).or_default().changed += 1;
                a.changed.push(Changed {
                    old: DiffEntity::of(old, old_all),
                    new: DiffEntity::of(new, new_all),
                    fields,
                });
            }
            EntityChange::Removed(e) => {
                counts.entry(e.kind.as_str().to_string()).or_default().removed += 1;
                a.removed.push(DiffEntity::of(e, old_all));
            }
            EntityChange::Added(e) => {
                counts.entry(e.kind.as_str().to_string()).or_default().added += 1;
                a.added.push(DiffEntity::of(e, new_all));
            }
        }
    }
}

/// Reads a run's JSONL file (records and error records).
///
/// # Errors
/// The file cannot be read, or a line is not a record (with its line number).
pub fn read_lines(path: &Path) -> Result<Vec<Line>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
        hint: "check the path of the run's output (JSON Lines written by `depeche extract`)",
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line)
            .map_err(|e| Error::Config(format!("{}:{}: not a depeche record ({e})", path.display(), n + 1)))?;
        out.push(l);
    }
    Ok(out)
}

/// Reads two runs and compares them.
///
/// # Errors
/// As [`read_lines`].
pub fn diff_files(old: &Path, new: &Path) -> Result<Diff, Error> {
    Ok(diff_lines(&read_lines(old)?, &read_lines(new)?))
}
