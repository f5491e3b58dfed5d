//! `depeche eval`: scores the pipeline against gold annotations.
//!
//! Gold files are JSON Lines, one article per line:
//! `{"id", "text", "entities": [{"kind", "start", "end", "text", "value" | "min" + "max", "currency", ...}]}`
//! with offsets in code points (end exclusive), or CoNLL with BILOU or BIO
//! tags ([`crate::conll`]: a `.conll` file, or any file whose first line is
//! not a JSON object). [`load_gold`] reads either (JSON Lines through
//! [`parse_gold`]) and reports malformed lines with their line number
//! instead of stopping.
//!
//! Scoring is a pure function of gold and predicted [`Item`]s
//! ([`Evaluator::add`]), so it can be tested without the pipeline. Two
//! matchings are counted, each one-to-one (a gold entity matches at most one
//! prediction and the other way round):
//!
//! * **strict**: same kind and same span; for money, percent, number and
//!   ordinal (when the gold gives a value), same kind, overlapping spans, equal value (or equal `min` and `max`, compared as
//!   decimals: `"26300000000"` equals `"2.63e10"` and `"26300000000.0"`) and
//!   equal currency. A one-sided range (`min` alone, as some gold files write
//!   « au moins 10 euros ») counts as the value with a bound (`value` + `bound`,
//!   as depeche writes it); the bound itself is not compared;
//! * **overlap**: same kind and overlapping spans.
//!
//! Micro-averages are given over people + organizations (`names`) and money
//! + percentages (`figures`).
//!
//! Kinds outside depeche's output (`misc`, `number`, `ordinal`...) are
//! reported as ignored with their counts, never counted as misses. A gold
//! file only judges the kinds it annotates: in a file whose entities are all
//! money and percentages, the people the pipeline finds are reported as « not
//! annotated » rather than as false positives (with `--kinds`, exactly the
//! listed kinds are judged).
//!
//! ```
//! use depeche::eval::{EvalOptions, Evaluator, Item};
//! use depeche::Kind;
//! let gold = vec![Item::new("person", 0, 11), Item::new("misc", 20, 25)];
//! let pred = vec![Item::new("person", 0, 4)];
//! let mut ev = Evaluator::new(EvalOptions::default());
//! ev.add("a", "Jean Dupont est venu hier.", &gold, &pred, None);
//! let report = ev.report();
//! let person = report.kind(Kind::Person).unwrap();
//! assert_eq!((person.gold, person.predicted, person.strict.tp, person.overlap.tp), (1, 1, 0, 1));
//! assert_eq!(report.ignored["misc"], 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::record::{Entity, Kind};

mod gold;
mod report;
pub use gold::{GoldDoc, GoldError, load_gold, parse_gold, read_gold_file};
pub use report::{ErrorExample, KindScore, Matched, Report};

/// An entity to score, gold or predicted, with offsets in code points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Item {
    /// The kind as written (`person`, `money`, `misc`...).
    pub kind: String,
    /// Start offset (code points).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Exact value (money, percent).
    pub value: Option<Decimal>,
    /// Lower end of a range.
    pub min: Option<Decimal>,
    /// Upper end of a range.
    pub max: Option<Decimal>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// The rule that produced a prediction.
    pub rule: Option<String>,
    /// Facts (figures): the names the subject goes by: the gold's one name,
    /// or a prediction's subject's canonical name and the text of each of
    /// its mentions.
    pub subject: Vec<String>,
    /// Facts: the period's value (or text when it has none).
    pub period: Option<String>,
    /// Facts: the measure. A gold figure with a measure is annotated for
    /// facts: its missing subject or period means « none ».
    pub measure: Option<String>,
}

impl Item {
    /// An item of `kind` over `start..end` with no value.
    pub fn new(kind: &str, start: usize, end: usize) -> Item {
        Item { kind: kind.to_string(), start, end, ..Item::default() }
    }

    /// Sets the value (builder style; panics on an invalid decimal, for tests and examples).
    pub fn with_value(mut self, value: &str) -> Item {
        self.value = Some(parse_decimal(value).expect("a decimal"));
        self
    }

    /// Sets `min` and `max` (builder style; panics on an invalid decimal).
    pub fn with_range(mut self, min: &str, max: &str) -> Item {
        self.min = Some(parse_decimal(min).expect("a decimal"));
        self.max = Some(parse_decimal(max).expect("a decimal"));
        self
    }

    /// Sets the currency (builder style).
    pub fn with_currency(mut self, currency: &str) -> Item {
        self.currency = Some(currency.to_string());
        self
    }

    /// The item of an output entity (offsets must be code points).
    pub fn from_entity(e: &Entity) -> Item {
        Item {
            kind: e.kind.as_str().to_string(),
            start: e.start,
            end: e.end,
            value: e.value.as_deref().and_then(parse_decimal),
            min: e.min.as_deref().and_then(parse_decimal),
            max: e.max.as_deref().and_then(parse_decimal),
            currency: e.currency.clone(),
            rule: Some(e.rule.clone()),
            ..Item::default()
        }
    }

    /// The items of a record's entities, with the facts of each figure
    /// (offsets must be code points).
    pub fn from_record(r: &crate::record::Record) -> Vec<Item> {
        r.entities
            .iter()
            .map(|e| {
                let mut item = Item::from_entity(e);
                if let Some(s) = e.subject.and_then(|s| r.entities.get(s)) {
                    let canonical = s.canonical.as_deref().unwrap_or(&s.text);
                    item.subject.push(canonical.to_string());
                    for n in &r.entities {
                        if n.kind == s.kind
                            && n.canonical.as_deref().unwrap_or(&n.text) == canonical
                            && !item.subject.contains(&n.text)
                        {
                            item.subject.push(n.text.clone());
                        }
                    }
                }
                item.period =
                    e.period.and_then(|p| r.entities.get(p)).map(|p| p.value.clone().unwrap_or_else(|| p.text.clone()));
                item.measure = e.measure.map(|m| m.as_str().to_string());
                item
            })
            .collect()
    }

    fn overlaps(&self, other: &Item) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Parses a decimal written plainly (`"26300000000"`, `"-2.5"`) or with an
/// exponent (`"2.63e10"`).
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    Decimal::from_str(s).ok().or_else(|| Decimal::from_scientific(s).ok())
}

/// Kinds whose entities carry a value (and are matched on it).
fn is_figure(kind: Kind) -> bool {
    matches!(kind, Kind::Money | Kind::Percent | Kind::Number | Kind::Ordinal)
}

/// The (value, min, max) of a figure, a one-sided range read as a value.
fn figure(e: &Item) -> (Option<Decimal>, Option<Decimal>, Option<Decimal>) {
    match (e.value, e.min, e.max) {
        (None, Some(v), None) | (None, None, Some(v)) => (Some(v), None, None),
        t => t,
    }
}

fn strict_match(kind: Kind, gold: &Item, pred: &Item) -> bool {
    // A gold figure without a value (CoNLL gold has none) is matched on its span.
    let valued = gold.value.is_some() || gold.min.is_some() || gold.max.is_some();
    if is_figure(kind) && valued {
        gold.overlaps(pred) && gold.currency == pred.currency && figure(gold) == figure(pred)
    } else {
        gold.start == pred.start && gold.end == pred.end
    }
}

/// How to score.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The kinds judged; `None`: every kind a gold file annotates.
    pub kinds: Option<Vec<Kind>>,
    /// How many false positives and false negatives to keep per kind.
    pub errors: usize,
    /// Code points of context on each side of a listed error.
    pub context: usize,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions { kinds: None, errors: 0, context: 40 }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    gold: usize,
    predicted: usize,
    strict: usize,
    overlap: usize,
}

/// Accumulates scores article by article.
#[derive(Debug)]
pub struct Evaluator {
    options: EvalOptions,
    documents: usize,
    tallies: BTreeMap<Kind, Tally>,
    judged: BTreeSet<Kind>,
    ignored: BTreeMap<String, usize>,
    not_annotated: BTreeMap<String, usize>,
    fps: BTreeMap<Kind, Vec<ErrorExample>>,
    fns: BTreeMap<Kind, Vec<ErrorExample>>,
    malformed: Vec<GoldError>,
    /// subject, period, measure.
    facts: [Tally; 3],
    facts_judged: bool,
}

/// The fact fields, in the order of `Evaluator::facts`.
pub const FACT_FIELDS: [&str; 3] = ["subject", "period", "measure"];

/// The value of a fact field of an item (its names for `subject`).
fn fact(item: &Item, field: usize) -> Vec<&str> {
    match field {
        0 => item.subject.iter().map(String::as_str).collect(),
        1 => item.period.as_deref().into_iter().collect(),
        _ => item.measure.as_deref().into_iter().collect(),
    }
}

impl Evaluator {
    /// A new evaluator.
    pub fn new(options: EvalOptions) -> Evaluator {
        Evaluator {
            options,
            documents: 0,
            tallies: BTreeMap::new(),
            judged: BTreeSet::new(),
            ignored: BTreeMap::new(),
            not_annotated: BTreeMap::new(),
            fps: BTreeMap::new(),
            fns: BTreeMap::new(),
            malformed: Vec::new(),
            facts: [Tally::default(); 3],
            facts_judged: false,
        }
    }

    /// Records malformed gold lines for the report.
    pub fn add_malformed(&mut self, errors: impl IntoIterator<Item = GoldError>) {
        self.malformed.extend(errors);
    }

    /// The kinds a gold file annotates (those depeche produces), for
    /// [`Evaluator::add`]'s `annotated` argument.
    pub fn annotated_kinds(docs: &[GoldDoc]) -> BTreeSet<Kind> {
        docs.iter().flat_map(|d| d.entities.iter()).filter_map(|e| Kind::lookup(&e.kind)).collect()
    }

    /// Scores one article: `gold` and `predicted` items with code-point
    /// offsets into `text`. `annotated` is the set of kinds the gold file
    /// annotates (`None`: every kind depeche produces by default); `--kinds` in the
    /// options overrides it.
    pub fn add(&mut self, id: &str, text: &str, gold: &[Item], predicted: &[Item], annotated: Option<&BTreeSet<Kind>>) {
        self.documents += 1;
        let judged: BTreeSet<Kind> = match (&self.options.kinds, annotated) {
            (Some(k), _) => k.iter().copied().collect(),
            (None, Some(a)) => a.clone(),
            (None, None) => with_user_kinds(gold.iter().chain(predicted).filter_map(|e| Kind::lookup(&e.kind)))
                .into_iter()
                .filter(|k| k.on_by_default())
                .collect(),
        };
        self.judged.extend(judged.iter().copied());
        let mut chars: Option<Vec<char>> = None;
        for kind in with_user_kinds(gold.iter().chain(predicted).filter_map(|e| Kind::lookup(&e.kind))) {
            let g: Vec<&Item> = gold.iter().filter(|e| Kind::lookup(&e.kind) == Some(kind)).collect();
            let p: Vec<&Item> = predicted.iter().filter(|e| Kind::lookup(&e.kind) == Some(kind)).collect();
            if !judged.contains(&kind) {
                if !g.is_empty() {
                    *self.ignored.entry(kind.as_str().to_string()).or_default() += g.len();
                }
                // Kinds off by default are only counted when judged.
                if !p.is_empty() && kind.on_by_default() {
                    *self.not_annotated.entry(kind.as_str().to_string()).or_default() += p.len();
                }
                continue;
            }
            let strict = match_one_to_one(&g, &p, |a, b| strict_match(kind, a, b));
            let overlap = match_one_to_one(&g, &p, |a, b| a.overlaps(b));
            if is_figure(kind) && g.iter().any(|e| e.measure.is_some()) {
                self.facts_judged = true;
                let matched: BTreeSet<usize> = strict.iter().flatten().copied().collect();
                for (f, t) in self.facts.iter_mut().enumerate() {
                    for (gi, ge) in g.iter().enumerate() {
                        let want = fact(ge, f);
                        t.gold += usize::from(!want.is_empty());
                        if let Some(pe) = strict[gi].map(|pi| p[pi]) {
                            let got = fact(pe, f);
                            t.predicted += usize::from(!got.is_empty());
                            if !want.is_empty() && want.iter().all(|w| got.contains(w)) {
                                t.strict += 1;
                                t.overlap += 1;
                            }
                        }
                    }
                    for (pi, pe) in p.iter().enumerate() {
                        if !matched.contains(&pi) {
                            t.predicted += usize::from(!fact(pe, f).is_empty());
                        }
                    }
                }
            }
            let t = self.tallies.entry(kind).or_default();
            t.gold += g.len();
            t.predicted += p.len();
            t.strict += strict.iter().filter(|m| m.is_some()).count();
            t.overlap += overlap.iter().filter(|m| m.is_some()).count();
            if self.options.errors > 0 {
                let chars = chars.get_or_insert_with(|| text.chars().collect());
                let matched_pred: BTreeSet<usize> = strict.iter().flatten().copied().collect();
                for (pi, pe) in p.iter().enumerate() {
                    let list = self.fps.entry(kind).or_default();
                    if !matched_pred.contains(&pi) && list.len() < self.options.errors {
                        let near = g.iter().find(|ge| ge.overlaps(pe));
                        list.push(example(id, kind, "fp", pe, chars, self.options.context, pe.rule.clone(), near));
                    }
                }
                for (gi, ge) in g.iter().enumerate() {
                    let list = self.fns.entry(kind).or_default();
                    if strict[gi].is_none() && list.len() < self.options.errors {
                        let near = p.iter().find(|pe| pe.overlaps(ge));
                        let rule = near.and_then(|n| n.rule.clone());
                        list.push(example(id, kind, "fn", ge, chars, self.options.context, rule, near));
                    }
                }
            }
        }
        for e in gold {
            if Kind::lookup(&e.kind).is_none() {
                *self.ignored.entry(e.kind.clone()).or_default() += 1;
            }
        }
    }

    /// The report so far.
    pub fn report(&self) -> Report {
        let score = |name: &str, kinds: &[Kind]| {
            let mut t = Tally::default();
            for k in kinds {
                if let Some(x) = self.tallies.get(k) {
                    t.gold += x.gold;
                    t.predicted += x.predicted;
                    t.strict += x.strict;
                    t.overlap += x.overlap;
                }
            }
            KindScore::new(name, t.gold, t.predicted, t.strict, t.overlap)
        };
        let all = with_user_kinds(self.judged.iter().copied());
        let kinds: Vec<KindScore> =
            all.iter().filter(|k| self.judged.contains(k)).map(|&k| score(k.as_str(), &[k])).collect();
        let mut micro = Vec::new();
        for (name, group) in [("names", [Kind::Person, Kind::Organization]), ("figures", [Kind::Money, Kind::Percent])]
        {
            let judged: Vec<Kind> = group.into_iter().filter(|k| self.judged.contains(k)).collect();
            if !judged.is_empty() {
                micro.push(score(name, &judged));
            }
        }
        let mut errors = Vec::new();
        for k in all {
            errors.extend(self.fps.get(&k).into_iter().flatten().cloned());
            errors.extend(self.fns.get(&k).into_iter().flatten().cloned());
        }
        let facts = if self.facts_judged {
            FACT_FIELDS
                .iter()
                .zip(&self.facts)
                .map(|(name, t)| KindScore::new(name, t.gold, t.predicted, t.strict, t.overlap))
                .collect()
        } else {
            Vec::new()
        };
        Report {
            facts,
            documents: self.documents,
            kinds,
            micro,
            ignored: self.ignored.clone(),
            not_annotated: self.not_annotated.clone(),
            errors,
            malformed: self.malformed.clone(),
        }
    }
}

/// The built-in kinds, then the user kinds (rule files) among `seen`, in order.
fn with_user_kinds(seen: impl Iterator<Item = Kind>) -> BTreeSet<Kind> {
    Kind::ALL.into_iter().chain(seen.filter(|k| k.is_user())).collect()
}

/// Scores one article's predictions against its gold entities, every kind
/// depeche produces being judged: the pure core of `depeche eval`.
///
/// ```
/// use depeche::eval::{Item, score};
/// let gold = [Item::new("percent", 10, 14).with_value("40")];
/// let pred = [Item::new("percent", 10, 14).with_value("40.0"), Item::new("place", 0, 5)];
/// let report = score("Paris a +40 %.", &gold, &pred);
/// assert_eq!(report.score("figures").unwrap().strict.f1, 1.0);
/// assert_eq!(report.score("place").unwrap().strict.precision, 0.0);
/// ```
pub fn score(text: &str, gold: &[Item], predicted: &[Item]) -> Report {
    let mut ev = Evaluator::new(EvalOptions::default());
    ev.add("-", text, gold, predicted, None);
    ev.report()
}

/// One-to-one matching: for each gold item (in order), the first unmatched
/// prediction that satisfies `ok`, preferring the one with the largest
/// overlap. Returns, for each gold item, the index of its prediction.
fn match_one_to_one(gold: &[&Item], pred: &[&Item], ok: impl Fn(&Item, &Item) -> bool) -> Vec<Option<usize>> {
    let mut used = vec![false; pred.len()];
    let mut out = Vec::with_capacity(gold.len());
    for g in gold {
        let mut best: Option<(usize, usize)> = None;
        for (pi, p) in pred.iter().enumerate() {
            if used[pi] || !ok(g, p) {
                continue;
            }
            let shared = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            let exact = g.start == p.start && g.end == p.end;
            let weight = if exact { usize::MAX } else { shared };
            if best.is_none_or(|(_, w)| weight > w) {
                best = Some((pi, weight));
            }
        }
        if let Some((pi, _)) = best {
            used[pi] = true;
        }
        out.push(best.map(|(pi, _)| pi));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn example(
    id: &str,
    kind: Kind,
    error: &'static str,
    e: &Item,
    chars: &[char],
    width: usize,
    rule: Option<String>,
    near: Option<&&Item>,
) -> ErrorExample {
    let end = e.end.min(chars.len());
    let start = e.start.min(end);
    let clean = |s: &[char]| -> String { s.iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect() };
    let before = &chars[start.saturating_sub(width)..start];
    let after = &chars[end..(end + width).min(chars.len())];
    let context = format!(
        "{}{}[[{}]]{}{}",
        if start > width { "…" } else { "" },
        clean(before),
        clean(&chars[start..end]),
        clean(after),
        if end + width < chars.len() { "…" } else { "" }
    );
    let reason = match near {
        None => "no overlap".to_string(),
        Some(n) => {
            let mut diffs = Vec::new();
            if n.start != e.start || n.end != e.end {
                diffs.push(format!("span {}..{}", n.start, n.end));
            }
            if is_figure(kind) {
                if n.value != e.value || n.min != e.min || n.max != e.max {
                    diffs.push(format!("value {}", describe_value(n)));
                }
                if n.currency != e.currency {
                    diffs.push(format!("currency {}", n.currency.as_deref().unwrap_or("none")));
                }
            }
            let other = if error == "fp" { "gold" } else { "predicted" };
            if diffs.is_empty() {
                format!("{other} entity here already matched")
            } else {
                format!("{other} has {}", diffs.join(", "))
            }
        }
    };
    ErrorExample {
        id: id.to_string(),
        kind: kind.as_str().to_string(),
        error,
        start: e.start,
        end: e.end,
        text: chars[start..end].iter().collect(),
        context,
        rule,
        reason,
    }
}

fn describe_value(e: &Item) -> String {
    match (e.value, e.min, e.max) {
        (Some(v), _, _) => v.normalize().to_string(),
        (None, Some(a), Some(b)) => format!("{}–{}", a.normalize(), b.normalize()),
        (None, Some(a), None) => format!("≥{}", a.normalize()),
        (None, None, Some(b)) => format!("≤{}", b.normalize()),
        _ => "none".to_string(),
    }
}

/// A `--min-f1` threshold: `KIND=X` where KIND is a kind, `names` or
/// `figures`, and X a number in 0..=1, checked against the strict F1.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// The kind or micro-average name.
    pub name: String,
    /// The minimum strict F1.
    pub min: f64,
}

impl FromStr for Threshold {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, x) = s.split_once('=').ok_or_else(|| format!("expected KIND=X, got {s:?}"))?;
        let name = name.trim().to_ascii_lowercase();
        if Kind::parse(&name).is_none() && name != "names" && name != "figures" && !FACT_FIELDS.contains(&name.as_str())
        {
            return Err(format!(
                "unknown kind {name:?}; use person, organization, place, money, percent, period, names, figures, subject, period or measure"
            ));
        }
        let min: f64 = x.trim().parse().map_err(|_| format!("{x:?} is not a number"))?;
        if !(0.0..=1.0).contains(&min) {
            return Err(format!("{min} is not between 0 and 1"));
        }
        Ok(Threshold { name, min })
    }
}

/// The thresholds not met, as messages (empty when all are met). A kind
/// that was not judged (no gold for it) fails its threshold.
pub fn check_thresholds(report: &Report, thresholds: &[Threshold]) -> Vec<String> {
    let mut failed = Vec::new();
    for t in thresholds {
        match report.score(&t.name) {
            Some(k) if k.strict.f1 + 1e-12 >= t.min => {}
            Some(k) => failed.push(format!("{}: strict F1 {:.3} is below {:.3}", t.name, k.strict.f1, t.min)),
            None => failed.push(format!("{}: not scored (no gold annotation of this kind)", t.name)),
        }
    }
    failed
}

/// Reads gold files, runs `pipeline` on their texts (in parallel, see
/// [`crate::Pipeline::process_batch`]) and scores the result. Each file
/// judges the kinds it annotates (or `options.kinds`). Malformed lines are
/// listed in [`Report::malformed`] and left out.
///
/// # Errors
/// A gold file cannot be read, or the pipeline does not count offsets in
/// code points (gold offsets are code points).
pub fn evaluate_files(
    pipeline: &crate::Pipeline,
    files: &[std::path::PathBuf],
    options: EvalOptions,
) -> Result<Report, crate::Error> {
    use crate::document::{Document, ReadOptions, Source};
    use crate::record::{Line, OffsetUnit};
    if pipeline.settings().offsets != OffsetUnit::Chars {
        return Err(crate::Error::Config("eval needs a pipeline with code-point offsets (OffsetUnit::Chars)".into()));
    }
    let mut ev = Evaluator::new(options);
    for path in files {
        let name = path.display().to_string();
        let (docs, errors) = read_gold_file(path)?;
        ev.add_malformed(errors);
        let annotated = Evaluator::annotated_kinds(&docs);
        let sources: Vec<Source> = docs
            .iter()
            .map(|d| {
                let mut doc = Document::new(d.id.clone(), d.text.clone());
                doc.date = d.date.clone();
                Source::Inline(doc)
            })
            .collect();
        let lines = pipeline.process_batch(sources, &ReadOptions::default());
        for (doc, line) in docs.iter().zip(lines) {
            let predicted: Vec<Item> = match &line {
                Line::Record(r) => Item::from_record(r),
                Line::Error(e) => {
                    ev.add_malformed([GoldError {
                        file: name.clone(),
                        line: doc.line,
                        message: format!("the pipeline could not process the text: {}", e.error.message),
                    }]);
                    continue;
                }
            };
            ev.add(&doc.id, &doc.text, &doc.entities, &predicted, Some(&annotated));
        }
    }
    Ok(ev.report())
}
