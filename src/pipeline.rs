//! The pipeline: built once, immutable, shared by every worker thread.
//!
//! Order of work for one article:
//! 1. sentences ([`crate::text::split_sentences`]);
//! 2. money ([`crate::extract::money`]) then percentages
//!    ([`crate::extract::percent`]), both on numbers parsed by
//!    [`crate::number`];
//! 3. people, organizations and places ([`crate::extract::names`]), which see
//!    the figures already found;
//! 4. periods ([`crate::facts::period`]);
//! 5. overlap resolution (the mention found first wins) and sorting;
//! 6. facts: subject, period and measure of every figure ([`crate::facts`]);
//! 7. conversion of byte offsets to the requested unit, giving a [`Record`].

use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::document::{Document, Source};
use crate::error::Result;
use crate::extract::money::Money;
use crate::extract::names::Names;
use crate::extract::percent::Percent;
use crate::extract::resolve::resolve_overlaps;
use crate::extract::{Context, Mention, format_decimal};
use crate::facts::{Day, Facts};
use crate::lexicon::Lexicons;
use crate::offsets::OffsetMap;
use crate::record::{Entity, ErrorRecord, Kind, Line, OffsetUnit, Record, RecordJson};
use crate::rules::Rules;
use crate::text::split_sentences;

pub use crate::locale::Locale;

/// Settings every extractor can read.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The articles' locale.
    pub locale: Locale,
    /// The unit of output offsets.
    pub offsets: OffsetUnit,
    /// A user lexicon folder that extends the built-in lexicons.
    pub lexicon_dir: Option<PathBuf>,
    /// Kinds to emit (empty: every kind on by default, see
    /// [`Kind::on_by_default`]).
    pub kinds: Vec<Kind>,
    /// Copy the article text into each record.
    pub emit_text: bool,
    /// User rule files ([`crate::rules`]), in order.
    pub rule_files: Vec<PathBuf>,
    /// The learned tagger for people, organizations and places (default:
    /// the embedded model).
    pub model: crate::model::ModelChoice,
    /// The tagger's names alone, without the rules' (to measure the tagger).
    pub model_alone: bool,
    /// The date relative periods are resolved against, for every article
    /// (`--date`); when unset, each article's own date (HTML metadata, the
    /// JSONL date field, or a dateline the text opens with).
    pub date: Option<crate::facts::Day>,
    /// Add the article's tokens to each record (`tokens`).
    pub tokens: bool,
}

/// Builds a [`Pipeline`].
///
/// ```
/// use depeche::{Locale, Pipeline, record::OffsetUnit};
/// let pipeline = Pipeline::builder()
///     .locale(Locale::FrCa)
///     .offsets(OffsetUnit::Utf16)
///     .build()
///     .unwrap();
/// # let _ = pipeline;
/// ```
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    settings: Settings,
}

impl PipelineBuilder {
    /// Sets the locale (default `fr-FR`).
    pub fn locale(mut self, locale: Locale) -> Self {
        self.settings.locale = locale;
        self
    }

    /// Sets the offset unit of records (default code points).
    pub fn offsets(mut self, unit: OffsetUnit) -> Self {
        self.settings.offsets = unit;
        self
    }

    /// Adds a user lexicon folder (same file formats as the built-in ones).
    pub fn lexicon_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.settings.lexicon_dir = Some(dir.into());
        self
    }

    /// Restricts the kinds emitted (default: every kind but `number` and
    /// `ordinal`, see [`Kind::on_by_default`]).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = Kind>) -> Self {
        self.settings.kinds = kinds.into_iter().collect();
        self
    }

    /// Copies each article's text into its record (`text` field).
    pub fn emit_text(mut self, yes: bool) -> Self {
        self.settings.emit_text = yes;
        self
    }

    /// Adds a user rule file (TOML, see [`crate::rules`]); repeatable, the
    /// files are applied in the order given.
    ///
    /// ```
    /// use depeche::Pipeline;
    /// let pipeline = Pipeline::builder().rules_file("fixtures/rules/newsroom.toml").build().unwrap();
    /// assert!(pipeline.rules().kinds().iter().any(|k| k.as_str() == "isin"));
    /// // A file that cannot be read stops the build, naming it.
    /// let err = Pipeline::builder().rules_file("nowhere.toml").build().unwrap_err();
    /// assert!(err.to_string().starts_with("nowhere.toml: cannot read the rule file"));
    /// ```
    pub fn rules_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.settings.rule_files.push(path.into());
        self
    }

    /// Chooses the tagger that works with the rules (default: the embedded
    /// model; [`crate::model::ModelChoice::None`] for the rules alone).
    pub fn model(mut self, model: crate::model::ModelChoice) -> Self {
        self.settings.model = model;
        self
    }

    /// Emits the tagger's names alone, without the rules' (to measure the
    /// tagger; the rules' proposals are still its features).
    pub fn model_alone(mut self, yes: bool) -> Self {
        self.settings.model_alone = yes;
        self
    }

    /// Sets the date relative periods (« l'an dernier ») are resolved
    /// against, for every article, overriding each article's own date.
    ///
    /// ```
    /// use depeche::{Document, Kind, Pipeline, facts::Day};
    /// let p = Pipeline::builder().date(Day::new(2017, 3, 3).unwrap()).build().unwrap();
    /// let r = p.process(&Document::new("a", "Le chiffre d'affaires a doublé l'an dernier."));
    /// let period = r.entities.iter().find(|e| e.kind == Kind::Period).unwrap();
    /// assert_eq!((period.value.as_deref(), period.relative), (Some("2016"), true));
    /// ```
    pub fn date(mut self, date: crate::facts::Day) -> Self {
        self.settings.date = Some(date);
        self
    }

    /// Adds each article's tokens to its record (`tokens`: `[start, end,
    /// sentence]`, cut at entity boundaries; see [`crate::conll::tokens`]).
    pub fn tokens(mut self, yes: bool) -> Self {
        self.settings.tokens = yes;
        self
    }

    /// Loads the lexicons and compiles every rule, once.
    ///
    /// # Errors
    /// A malformed user lexicon file, with its path and line; a malformed
    /// rule file, with every problem's file, line and column.
    pub fn build(self) -> Result<Pipeline> {
        let rules = Rules::load(&self.settings.rule_files)?;
        let lexicons = Lexicons::load(self.settings.lexicon_dir.as_deref())?;
        // Money and percentages come from one grammar (one scan): built once.
        let grammar = std::sync::Arc::new(crate::extract::figure::Grammar::with_lexicons(&self.settings, &lexicons));
        let money = Money::with_grammar(grammar.clone());
        let percent = Percent::with_grammar(grammar);
        let facts = Facts::new(&lexicons)?;
        let names = Names::new(lexicons, &self.settings)?;
        Ok(Pipeline { settings: self.settings, money, percent, names, rules, facts })
    }
}

/// The extraction pipeline: immutable once built, `Send + Sync`, meant to be
/// built once and shared by every thread.
///
/// ```
/// use depeche::{Document, Pipeline};
/// let pipeline = Pipeline::default();
/// let doc = Document::new("demo", "Le chiffre d’affaires a progressé de 40\u{a0}%.");
/// let record = pipeline.process(&doc);
/// assert_eq!(record.id, "demo");
/// assert_eq!(record.sentences.len(), 1);
/// for e in &record.entities {
///     // Offsets are code points into the original text.
///     let text: String = doc.text.chars().skip(e.start).take(e.end - e.start).collect();
///     assert_eq!(text, e.text);
/// }
/// ```
#[derive(Debug)]
pub struct Pipeline {
    settings: Settings,
    money: Money,
    percent: Percent,
    names: Names,
    rules: Rules,
    facts: Facts,
}

impl Default for Pipeline {
    /// The pipeline with built-in lexicons and default settings.
    ///
    /// # Panics
    /// Never in practice: the built-in lexicons are checked by the tests.
    fn default() -> Self {
        Pipeline::builder().build().expect("built-in lexicons load")
    }
}

/// Intermediate result of one article: sentences and mentions in bytes.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Sentence byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Mentions, resolved and sorted, with byte offsets.
    pub mentions: Vec<Mention>,
}

impl Pipeline {
    /// A builder with default settings.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Whether the pipeline emits `kind`: the kinds asked for, or every
    /// kind on by default ([`Kind::on_by_default`]) when none were.
    ///
    /// ```
    /// use depeche::{Kind, Pipeline};
    /// assert!(!Pipeline::default().wants(Kind::Number));
    /// let p = Pipeline::builder().kinds([Kind::Money, Kind::Number]).build().unwrap();
    /// assert!(p.wants(Kind::Number) && !p.wants(Kind::Person));
    /// ```
    pub fn wants(&self, kind: Kind) -> bool {
        if self.settings.kinds.is_empty() { kind.on_by_default() } else { self.settings.kinds.contains(&kind) }
    }

    /// The settings the pipeline was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The user rules the pipeline runs (none without `rules_file`).
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Runs every extractor on `text` and returns byte-offset mentions.
    /// Relative periods are resolved against the pipeline's date, else a
    /// dateline the text opens with.
    ///
    /// A text longer than [`WINDOW_BYTES`] is analyzed in windows of about
    /// that size, cut between two sentences (or, in a sentence longer than
    /// that, after a comma or a space), so that the working memory of an article
    /// stays bounded by the window and time stays linear in its length
    /// whatever the text. Names are then linked, and facts attached, within a
    /// window only.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_dated(text, None)
    }

    /// [`Pipeline::analyze`] for an article of a known date (used when the
    /// pipeline has none of its own).
    pub fn analyze_dated(&self, text: &str, date: Option<Day>) -> Analysis {
        let mut analysis = Analysis { sentences: Vec::new(), mentions: Vec::new() };
        self.for_each_window(text, date, |start, part| {
            if start == 0 {
                analysis = part;
                return;
            }
            let shift = analysis.mentions.len();
            analysis.sentences.extend(part.sentences.into_iter().map(|s| s.start + start..s.end + start));
            analysis.mentions.extend(part.mentions.into_iter().map(|mut m| {
                m.start += start;
                m.end += start;
                // Facts refer to mentions by index in the article's list.
                m.subject = m.subject.map(|i| i + shift);
                m.period = m.period.map(|i| i + shift);
                m
            }));
        });
        analysis
    }

    /// Analyzes `text` window by window (see [`Pipeline::analyze`]): `f`
    /// gets each window's byte offset in `text` and its analysis, with
    /// offsets and mention indices relative to the window, in text order.
    fn for_each_window(&self, text: &str, date: Option<Day>, mut f: impl FnMut(usize, Analysis)) {
        let date = self.settings.date.or(date).or_else(|| crate::facts::date::dateline(text));
        let mut start = 0;
        loop {
            let end = window_end(text, start);
            f(start, self.analyze_window(&text[start..end], date));
            start = end;
            if start >= text.len() {
                break;
            }
        }
    }

    /// [`Pipeline::analyze_dated`] on one window.
    fn analyze_window(&self, text: &str, date: Option<Day>) -> Analysis {
        // Decomposed accents and invisible characters: work on a normalized
        // copy and map every offset back to the original text.
        if let Some(norm) = crate::normalize::Normalized::new(text) {
            let mut analysis = self.analyze_normalized(&norm.text, date);
            // A sentence boundary inside a cluster (a letter and its
            // combining marks) maps back to the whole cluster on both sides:
            // such a sentence joins the one before, so that sentences stay
            // ordered and disjoint.
            let mut sentences: Vec<Range<usize>> = Vec::with_capacity(analysis.sentences.len());
            for s in &analysis.sentences {
                let (a, b) = norm.to_original(s.start, s.end);
                match sentences.last_mut() {
                    Some(last) if a < last.end => last.end = last.end.max(b),
                    _ => sentences.push(a..b),
                }
            }
            analysis.sentences = sentences;
            for m in &mut analysis.mentions {
                (m.start, m.end) = norm.to_original(m.start, m.end);
            }
            return analysis;
        }
        self.analyze_normalized(text, date)
    }

    /// Runs every extractor on a text already in normal form.
    fn analyze_normalized(&self, text: &str, date: Option<Day>) -> Analysis {
        let sentences = split_sentences(text);
        let cx = Context::new(text, &sentences, &self.settings);
        let mut mentions = Vec::new();
        // User rules: `override` ones before the built-ins (the mention found
        // first wins an overlap), `fill` ones after them.
        let mut fills = Vec::new();
        self.rules.extract(text, &mut mentions, &mut fills);
        self.money.extract(&cx, &mut mentions);
        self.percent.extract(&cx, &mut mentions);
        crate::extract::symbols::extract(text, self.settings.locale, &mut mentions);
        crate::extract::ellipsis::extract(text, &sentences, &mut mentions);
        self.names.extract(&cx, &mut mentions);
        self.facts.periods(text, &sentences, date, &mut mentions);
        mentions.append(&mut fills);
        // Numbers last: a number inside any other entity loses the overlap.
        let numbers = self.wants(Kind::Number) || self.wants(Kind::Ordinal);
        if numbers {
            crate::extract::number::Numbers.extract(&cx, &mut mentions);
        }
        if !self.settings.kinds.is_empty() {
            if numbers {
                // Overlaps first, so that a number inside a figure or a
                // name is dropped even when only numbers are asked for.
                resolve_overlaps(&mut mentions);
            }
            mentions.retain(|m| self.settings.kinds.contains(&m.kind));
        }
        crate::extract::resolve::drop_overlong(text, &mut mentions);
        resolve_overlaps(&mut mentions);
        self.facts.attach(text, &sentences, &mut mentions);
        Analysis { sentences, mentions }
    }

    /// What the tagger sees of `text` ([`crate::model::Input`]): tokens,
    /// sentences, and the word lists, gazetteer matches, figures and rules'
    /// proposals per token. `depeche train` learns from it; `None` when the
    /// text needs Unicode normalization first (its offsets would move).
    pub fn model_input<'a>(&'a self, text: &'a str) -> Option<crate::model::Input<'a>> {
        if crate::normalize::Normalized::new(text).is_some() {
            return None;
        }
        let sentences = split_sentences(text);
        let cx = Context::new(text, &sentences, &self.settings);
        let mut figures = Vec::new();
        self.money.extract(&cx, &mut figures);
        self.percent.extract(&cx, &mut figures);
        Some(crate::extract::tagger::rules_input(&self.names, text, &cx, &figures))
    }

    /// Processes one article into its record.
    pub fn process(&self, doc: &Document) -> Record {
        let text = doc.text.as_str();
        let analysis = self.analyze_dated(text, doc.date.as_deref().and_then(Day::parse));
        let map = OffsetMap::new(text, self.settings.offsets);
        let sentence_starts: Vec<usize> = analysis.sentences.iter().map(|s| s.start).collect();
        let tokens = self.settings.tokens.then(|| {
            let spans: Vec<(usize, usize)> = analysis.mentions.iter().map(|m| (m.start, m.end)).collect();
            crate::conll::tokens(text, &analysis.sentences, &spans)
                .into_iter()
                .map(|(t, s)| [map.map(t.start), map.map(t.end), s])
                .collect()
        });
        let entities = analysis
            .mentions
            .into_iter()
            .enumerate()
            .map(|(id, m)| {
                let sentence = sentence_starts.partition_point(|&s| s <= m.start).saturating_sub(1);
                entity(text, &map, id, sentence, m)
            })
            .collect();
        Record {
            id: doc.id.clone(),
            offsets: self.settings.offsets,
            length: map.map(text.len()),
            encoding: doc.encoding.clone(),
            warnings: doc.warnings.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            url: doc.url.clone(),
            fields: doc.fields.clone(),
            text: self.settings.emit_text.then(|| doc.text.clone()),
            sentences: analysis.sentences.iter().map(|s| [map.map(s.start), map.map(s.end)]).collect(),
            entities,
            tokens,
        }
    }

    /// [`Pipeline::process`] written as JSON as it goes: the bytes
    /// [`Line::write_json`] writes for the record, in two parts, `head`
    /// then `body` ([`RecordJson`]). The entities are written window by
    /// window (see [`Pipeline::analyze`]) and never held as [`Entity`]
    /// values, so that the memory of a large article is about its text and
    /// its JSON. The record has the text when `emit_text` is true and the
    /// pipeline was built with [`PipelineBuilder::emit_text`].
    ///
    /// ```
    /// use depeche::{Document, Pipeline, record::Line};
    /// let pipeline = Pipeline::default();
    /// let doc = Document::new("a", "Airbus a vendu 40 avions pour 3 milliards d'euros.");
    /// let mut whole = Vec::new();
    /// Line::Record(pipeline.process(&doc)).write_json(&mut whole);
    /// let json = pipeline.process_json(doc, true);
    /// assert_eq!([json.head, json.body].concat(), whole);
    /// ```
    pub fn process_json(&self, doc: Document, emit_text: bool) -> RecordJson {
        let mut by_kind = std::collections::BTreeMap::new();
        if self.settings.tokens {
            // Tokens are cut at every entity's ends: from the whole record.
            let mut record = self.process(&doc);
            for e in &record.entities {
                *by_kind.entry(e.kind).or_insert(0) += 1;
            }
            if !emit_text {
                record.text = None;
            }
            let fields = record.fields.clone();
            let mut head = Vec::new();
            Line::Record(record).write_json(&mut head);
            return RecordJson { head, body: Vec::new(), by_kind, fields };
        }
        let text = doc.text.as_str();
        let map = OffsetMap::new(text, self.settings.offsets);
        let mut sentences: Vec<[usize; 2]> = Vec::new();
        // Reserved rather than grown, above a window: growing copies the
        // entities written so far, which then count twice at the peak; the
        // part never written is address space only (mimalloc commits pages
        // as they are touched).
        let mut body = Vec::with_capacity(if text.len() > WINDOW_BYTES { 8 * text.len() } else { 0 });
        let mut count = 0;
        self.for_each_window(text, doc.date.as_deref().and_then(Day::parse), |start, part| {
            let before = sentences.len();
            let n = part.mentions.len();
            for (i, mut m) in part.mentions.into_iter().enumerate() {
                // The sentence index as `process` finds it in the whole
                // list: the sentences of earlier windows all start before.
                let sentence = (before + part.sentences.partition_point(|s| s.start <= m.start)).saturating_sub(1);
                m.start += start;
                m.end += start;
                m.subject = m.subject.map(|j| j + count);
                m.period = m.period.map(|j| j + count);
                if count + i > 0 {
                    body.push(b',');
                }
                *by_kind.entry(m.kind).or_insert(0) += 1;
                entity(text, &map, count + i, sentence, m).write_json(&mut body);
            }
            count += n;
            sentences.extend(part.sentences.iter().map(|s| [map.map(s.start + start), map.map(s.end + start)]));
        });
        body.extend_from_slice(b"]}");
        let length = map.map(text.len());
        drop(map);
        let fields = doc.fields.clone();
        let record = Record {
            id: doc.id,
            offsets: self.settings.offsets,
            length,
            encoding: doc.encoding,
            warnings: doc.warnings,
            title: doc.title,
            date: doc.date,
            url: doc.url,
            fields: doc.fields,
            text: (emit_text && self.settings.emit_text).then_some(doc.text),
            sentences,
            entities: Vec::new(),
            tokens: None,
        };
        let mut head =
            Vec::with_capacity(256 + 16 * record.sentences.len() + record.text.as_ref().map_or(0, String::len));
        Line::Record(record).write_json(&mut head);
        // `"entities":[]}`: the entities and the record's end are in `body`.
        debug_assert!(head.ends_with(b"[]}"));
        head.truncate(head.len() - 2);
        RecordJson { head, body, by_kind, fields }
    }

    /// Processes a batch of inputs in parallel (rayon) and returns one line
    /// per input, in input order, whatever the number of threads.
    ///
    /// ```
    /// use depeche::{Document, Pipeline, Source, record::Line};
    /// let pipeline = Pipeline::default();
    /// let inputs = vec![
    ///     Source::Inline(Document::new("a", "Un texte.")),
    ///     Source::Inline(Document::new("b", "Un autre.")),
    /// ];
    /// let lines = pipeline.process_batch(inputs, &Default::default());
    /// assert_eq!(lines.iter().map(Line::id).collect::<Vec<_>>(), ["a", "b"]);
    /// ```
    pub fn process_batch(&self, inputs: Vec<Source>, read: &crate::document::ReadOptions) -> Vec<Line> {
        inputs.into_par_iter().map(|source| self.process_source(source, read).0).collect()
    }

    /// Reads, decodes and processes one source; returns its line and the
    /// number of text bytes processed (0 for an error).
    ///
    /// A bug that panics on one article costs that article only: it becomes
    /// an error record of kind `internal` and the run goes on.
    pub fn process_source(&self, source: Source, read: &crate::document::ReadOptions) -> (Line, usize) {
        match self.guarded(source, read, |doc| Line::Record(self.process(&doc))) {
            Ok(done) => done,
            Err(e) => (Line::Error(e), 0),
        }
    }

    /// [`Pipeline::process_source`] with the record written as JSON by
    /// [`Pipeline::process_json`]: the record or the error record, and the
    /// number of text bytes processed (0 for an error).
    pub fn process_source_json(
        &self,
        source: Source,
        read: &crate::document::ReadOptions,
        emit_text: bool,
    ) -> (std::result::Result<RecordJson, ErrorRecord>, usize) {
        match self.guarded(source, read, |doc| self.process_json(doc, emit_text)) {
            Ok((json, bytes)) => (Ok(json), bytes),
            Err(e) => (Err(e), 0),
        }
    }

    /// Loads `source` and hands the document to `f`; a read error, or a
    /// panic, is the article's error record.
    fn guarded<T>(
        &self,
        source: Source,
        read: &crate::document::ReadOptions,
        f: impl FnOnce(Document) -> T,
    ) -> std::result::Result<(T, usize), ErrorRecord> {
        let id = source.id().to_string();
        let run = std::panic::AssertUnwindSafe(|| match source.load(read) {
            Ok(doc) => {
                let bytes = doc.text.len();
                Ok((f(doc), bytes))
            }
            Err(e) => Err(ErrorRecord::from(e)),
        });
        std::panic::catch_unwind(run).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = format!(
                "depeche failed on this article ({what}); this is a bug in depeche: please report it with the article"
            );
            Err(ErrorRecord { id, error: crate::record::ErrorInfo { kind: "internal".into(), message } })
        })
    }
}

/// The entity of mention `m` of `text`, `id` in its record, in the
/// sentence of index `sentence`.
fn entity(text: &str, map: &OffsetMap, id: usize, sentence: usize, m: Mention) -> Entity {
    Entity {
        id,
        kind: m.kind,
        text: text[m.start..m.end].to_string(),
        start: map.map(m.start),
        end: map.map(m.end),
        sentence,
        rule: m.rule.to_string(),
        value: m.value.map(format_decimal).or(m.value_text),
        min: m.min.map(format_decimal),
        max: m.max.map(format_decimal),
        currency: m.currency,
        currency_inferred: m.currency_inferred,
        approx: m.approx,
        bound: m.bound,
        points: m.points,
        per: m.per,
        change: m.change,
        canonical: m.canonical,
        role: m.role,
        organization: m.organization,
        from: m.from.map(format_decimal),
        to: m.to.map(format_decimal),
        relative: m.relative,
        subject: m.subject,
        period: m.period,
        measure: m.measure,
    }
}

/// The size above which an article is analyzed in windows (see
/// [`Pipeline::analyze`]): five times a long news article (50 KB).
pub const WINDOW_BYTES: usize = 256 << 10;

/// Where the window starting at `start` ends: the start of the last sentence
/// that begins in its last 32 KiB, or after the last comma, semicolon, line
/// end or space there, or at [`WINDOW_BYTES`] (on a character boundary).
fn window_end(text: &str, start: usize) -> usize {
    if text.len() - start <= WINDOW_BYTES {
        return text.len();
    }
    let boundary = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let target = boundary(start + WINDOW_BYTES);
    let from = boundary(target - (32 << 10));
    let region = &text[from..target];
    let sentences = split_sentences(region);
    if sentences.len() >= 2
        && let Some(last) = sentences.last()
    {
        return from + last.start;
    }
    // A sentence longer than the window: cut after a comma or a semicolon,
    // else a line end, else a space (not a no-break space, which holds
    // figures together).
    [", ", "; ", "\n", " "]
        .iter()
        .find_map(|cut| region.rfind(cut).map(|i| from + i + cut.len()))
        .filter(|&end| end > start)
        .unwrap_or(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}
