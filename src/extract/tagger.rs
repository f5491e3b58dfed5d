//! Rules and the learned tagger together ([`crate::model`]).
//!
//! The rules run first. Their proposals, once linked across the article,
//! become the tagger's features ([`input`]), with the lexicons' word lists
//! and the gazetteer matches: the tagger learns how far to trust each rule.
//! The tagger's names then replace the rules' candidates, before linking
//! ([`merge`]):
//!
//! | the tagger finds | over rule candidates | result | rule |
//! |---|---|---|---|
//! | the same span, same kind | any | the rule's name (canonical kept) | `model+<rule>` |
//! | a name | none, or another span or kind | the tagger's reading | `model` |
//! | nothing | any | vetoed: not a name, no rule may type it again | |
//!
//! Document-level linking (surnames, acronyms), canonical names and roles
//! run after, on the merged candidates.
//!
//! Chosen by measurement (WiNER 2016, trained on eight months, scored on
//! the ninth, three folds): letting strong rules (lexicon, first names,
//! titles, cues) override the tagger scored 1.5 to 3 points of names F1
//! below letting the tagger decide, because the tagger already weighs each
//! rule's proposal and also learns where a rule misfires (share buttons
//! naming social networks, a lexicon place inside a longer organization).
//! Keeping the lexicon's names where the tagger found nothing scored 1.3 to
//! 3.5 points lower. The price: a name the training data never marks (the
//! WiNER gold files social networks and services, Google or Twitter, as
//! `misc`) may be vetoed even though a lexicon knows it; `--no-model`
//! gives the rules alone, and `depeche train` a model with other conventions.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::names::{Cand, Doc, Names, Strength, cand};
use super::{Context, Mention, link};
use crate::lexicon::GazetteerMatch;
use crate::model::features::{Buffers, code, name_hash, position};
use crate::model::{Input, Model, ModelChoice, Span};
use crate::record::Kind;
use crate::text::TokenKind;

/// The model a pipeline uses: the embedded one or one loaded from a file.
#[derive(Debug, Clone)]
pub(crate) enum ModelRef {
    Builtin(&'static Model),
    Shared(Arc<Model>),
}

impl ModelRef {
    pub(crate) fn of(choice: &ModelChoice) -> Option<ModelRef> {
        match choice {
            ModelChoice::Builtin => Some(ModelRef::Builtin(Model::default_model())),
            ModelChoice::None => None,
            ModelChoice::File(m) => Some(ModelRef::Shared(m.clone())),
        }
    }

    pub(crate) fn get(&self) -> &Model {
        match self {
            ModelRef::Builtin(m) => m,
            ModelRef::Shared(m) => m,
        }
    }
}

/// The index of a kind in [`crate::model::KINDS`], 3 for none.
fn kind_index(kind: Option<Kind>) -> u8 {
    match kind {
        Some(Kind::Person) => 0,
        Some(Kind::Organization) => 1,
        Some(Kind::Place) => 2,
        _ => 3,
    }
}

/// Memory kept by each thread from one article to the next (fresh memory
/// for each article costs page faults), and the segments [`input`] found.
#[derive(Default)]
pub(crate) struct Memory {
    input: Buffers,
    /// The `(sentence, segment)` pairs of the last input ([`crate::model::segments`]).
    parts: Vec<(Range<usize>, Range<usize>)>,
    spans: Vec<Span>,
}

/// What the tagger sees of the article: its tokens and sentences, and per
/// token the word lists, the gazetteer matches, the figures and the rules'
/// linked candidates `resolved`.
pub(crate) fn input<'a>(
    names: &Names,
    text: &'a str,
    cx: &Context<'_>,
    matches: &[GazetteerMatch],
    figures: &[Mention],
    resolved: &[Cand],
    memory: &mut Memory,
) -> Input<'a> {
    let mut input = Input::new_in(text, cx.sentences, std::mem::take(&mut memory.input));
    let parts = &mut memory.parts;
    for m in matches {
        if let Some(r) = input.token_range(m.start, m.end) {
            for i in r {
                input.hints[i].gaz = code(kind_index(Some(m.kind)), position(input.tokens[i].span(), m.start..m.end));
            }
        }
    }
    for c in resolved {
        if let Some(r) = input.token_range(c.start, c.end) {
            let name = name_hash(c.rule);
            for i in r {
                let h = &mut input.hints[i];
                h.rule = code(kind_index(c.kind), position(input.tokens[i].span(), c.start..c.end));
                h.strength = c.strength as u8;
                h.rule_name = name;
            }
        }
    }
    for m in figures {
        let a = input.tokens.partition_point(|t| t.end <= m.start);
        for i in a..input.tokens.len() {
            if input.tokens[i].start >= m.end {
                break;
            }
            input.hints[i].taken = true;
        }
    }
    // The word lists, looked up only where the tagger reads: its segments
    // (kept in `parts` with their sentences: the word lists do not change
    // them) and the token on each side (the features read them).
    parts.clear();
    let mut segments = Vec::new();
    for s in 0..input.sentences.len() {
        let sentence = input.sentences[s].clone();
        crate::model::segments_into(&input, sentence.clone(), &mut segments);
        for seg in segments.drain(..) {
            parts.push((sentence.clone(), seg.clone()));
            let lo = seg.start.saturating_sub(1).max(sentence.start);
            let hi = (seg.end + 1).min(sentence.end);
            for i in lo..hi {
                let t = &input.tokens[i];
                if t.kind == TokenKind::Word {
                    input.hints[i].lex = names.words.flags(&text[t.start..t.end]);
                }
            }
        }
    }
    input
}

/// The rules' input for the tagger on one article (see [`input`]).
pub(crate) fn rules_input<'a>(names: &Names, text: &'a str, cx: &Context<'_>, figures: &[Mention]) -> Input<'a> {
    match names.rules(cx, figures) {
        Some((doc, cands, matches)) => {
            let mut resolved = cands;
            link::resolve(&doc, &mut resolved);
            input(names, text, cx, &matches, figures, &resolved, &mut Memory::default())
        }
        None => Input::new(text, cx.sentences),
    }
}

/// Runs the tagger and merges its names into the rules' candidates `cands`
/// (before linking): see the module documentation.
pub(crate) fn merge(
    names: &Names,
    model: &Model,
    cx: &Context<'_>,
    doc: &Doc<'_>,
    matches: &[GazetteerMatch],
    figures: &[Mention],
    cands: &mut Vec<Cand>,
) {
    thread_local! {
        static MEMORY: std::cell::RefCell<Memory> = std::cell::RefCell::default();
    }
    let mut memory = MEMORY.with_borrow_mut(std::mem::take);
    let mut resolved = cands.clone();
    link::resolve(doc, &mut resolved);
    let input = input(names, cx.text, cx, matches, figures, &resolved, &mut memory);
    let mut spans = std::mem::take(&mut memory.spans);
    spans.clear();
    model.tag_segments(&input, &memory.parts, &mut spans);
    if cx.settings.model_alone {
        cands.clear();
        cands.extend(spans.iter().filter_map(|s| {
            let a = doc.toks.partition_point(|t| t.start < s.start);
            let b = doc.toks.partition_point(|t| t.end <= s.end);
            (a < b).then(|| cand(doc, a, b, Some(s.kind), "model", Strength::Lexicon))
        }));
    } else {
        apply(doc, &spans, &resolved, cands);
    }
    memory.input = input.into_buffers();
    memory.spans = spans;
    MEMORY.with_borrow_mut(|m| *m = memory);
}

/// Merges the tagger's `spans` into `cands` (see the module documentation);
/// `resolved` are the candidates once linked, whose rule a span of the same
/// kind takes (« Jassy » after « Andy Jassy »: `model+person.link`).
fn apply(doc: &Doc<'_>, spans: &[Span], resolved: &[Cand], cands: &mut Vec<Cand>) {
    // The linked candidates by span and kind, the first one kept.
    let mut linked: FxHashMap<(usize, usize, u8), usize> = FxHashMap::default();
    for (i, r) in resolved.iter().enumerate().rev() {
        linked.insert((r.start, r.end, kind_index(r.kind)), i);
    }
    // The candidates by start, with the farthest end reached so far: those
    // overlapping a span are found walking back from its end.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (cands[i].start, cands[i].end));
    let mut reach = Vec::with_capacity(order.len());
    for &i in &order {
        reach.push(reach.last().copied().unwrap_or(0).max(cands[i].end));
    }
    let mut removed = vec![false; cands.len()];
    let mut added = Vec::new();
    for s in spans {
        // The tagger's tokens and the rules' may differ: a span must fall on the rules' tokens.
        let a = doc.toks.partition_point(|t| t.start < s.start);
        let b = doc.toks.partition_point(|t| t.end <= s.end);
        if a >= b || doc.toks[a].start != s.start || doc.toks[b - 1].end != s.end || too_long(doc, a, b, s.kind) {
            continue;
        }
        let mut c = cand(doc, a, b, Some(s.kind), "model", Strength::Rule);
        if let Some(&r) = linked.get(&(s.start, s.end, kind_index(Some(s.kind)))) {
            c.rule = resolved[r].rule;
            c.confirmed = true;
        }
        let mut j = order.partition_point(|&i| cands[i].start < s.end);
        while j > 0 && reach[j - 1] > s.start {
            j -= 1;
            let (i, r) = (order[j], &cands[order[j]]);
            if removed[i] || r.end <= s.start {
                continue;
            }
            if r.start == s.start && r.end == s.end && r.kind == Some(s.kind) {
                c.rule = r.rule;
                c.confirmed = true;
                c.canonical = r.canonical.clone();
                c.strength = r.strength.max(Strength::Rule);
            }
            removed[i] = true;
        }
        added.push(c);
    }
    let mut k = 0;
    cands.retain_mut(|c| {
        k += 1;
        // What the tagger did not find is not a name: the rules may not type it again.
        c.kind = None;
        c.vetoed = true;
        !removed[k - 1]
    });
    cands.extend(added);
}

/// True when a span of tokens `a..b` is longer than a name of `kind` may be
/// (a person 6 words, an organization 15, a place 10).
pub(crate) fn too_long(doc: &Doc<'_>, a: usize, b: usize, kind: Kind) -> bool {
    (a..b).filter(|&k| doc.toks[k].word).count() > max_words(kind)
}

/// The most words a name of `kind` may have.
pub(crate) fn max_words(kind: Kind) -> usize {
    match kind {
        Kind::Person => 6,
        Kind::Organization => 15,
        _ => 10,
    }
}

/// `model+<rule>`: the rule's name when the tagger agrees with it.
pub(crate) fn with_model(rule: &'static str) -> &'static str {
    macro_rules! table {
        ($($r:literal),* $(,)?) => {
            match rule {
                $($r => concat!("model+", $r),)*
                _ => "model",
            }
        };
    }
    table!(
        "name.unknown",
        "organization.acronym",
        "organization.cue",
        "organization.definition",
        "organization.extension",
        "organization.head",
        "organization.institution",
        "organization.lexicon",
        "organization.link",
        "organization.state",
        "organization.suffix",
        "person.cue",
        "person.demonym",
        "person.fallback",
        "person.first_name",
        "person.initial",
        "person.link",
        "person.list",
        "person.particle",
        "person.score",
        "person.title",
        "place.lexicon",
        "place.link",
        "place.noun",
        "place.parenthesis",
        "place.preposition",
    )
}
