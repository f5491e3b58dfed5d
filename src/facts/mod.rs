//! Facts: who, when and what for every money and percent figure.
//!
//! Runs after the extractors and the overlap resolution, on the final list
//! of mentions (so the ids it writes are the entities' ids):
//! 1. periods ([`period`]) are found before the resolution, as mentions of
//!    kind `period` (names and figures win an overlap);
//! 2. each figure gets a `measure` ([`measure`]), a `subject` ([`subject`])
//!    and a `period` (the nearest period of its sentence that no other figure
//!    stands between, else one before it, else the period of the figure
//!    before it in the paragraph).
//!
//! ```
//! use depeche::{Document, Kind, Pipeline};
//! let p = Pipeline::default();
//! let r = p.process(&Document::new("a", "Amazon a dépensé 26,3 milliards de dollars au quatrième trimestre 2024."));
//! let money = r.entities.iter().find(|e| e.kind == Kind::Money).unwrap();
//! let subject = &r.entities[money.subject.unwrap()];
//! let period = &r.entities[money.period.unwrap()];
//! assert_eq!((subject.text.as_str(), period.value.as_deref()), ("Amazon", Some("2024-Q4")));
//! assert_eq!(money.measure.unwrap().as_str(), "investment");
//! ```

pub mod change;
pub mod date;
pub mod measure;
pub mod period;
pub mod subject;
pub mod words;

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

pub use date::Day;

use crate::error::Result;
use crate::extract::Mention;
use crate::lexicon::Lexicons;
use crate::record::{Kind, Measure};
use measure::{AsStr, Measures, fold_tok};
use std::borrow::Cow;
use subject::Role;
use words::Tok;

/// How far back (in tokens) the rules look from a figure, and how many
/// mentions: bounded, so that a sentence of thousands of figures costs
/// linear time.
const WINDOW_TOKENS: usize = 60;
const WINDOW_MENTIONS: usize = 24;

/// The fact rules, built once from the lexicons.
#[derive(Debug)]
pub struct Facts {
    measures: Measures,
    anaphors: HashSet<String>,
    /// The anaphors of two words or more by their last word: the words
    /// before it.
    anaphor_lasts: rustc_hash::FxHashMap<String, Vec<String>>,
    /// Organizations of the lexicon that are not businesses (public bodies,
    /// international organizations, unions...): « le groupe » is never one.
    not_business: HashSet<String>,
}

fn is_figure(k: Kind) -> bool {
    matches!(k, Kind::Money | Kind::Percent)
}

fn is_name(k: Kind) -> bool {
    matches!(k, Kind::Person | Kind::Organization | Kind::Place)
}

/// Per-article state while the figures are read in order.
struct State {
    /// The organization last named as the subject of a clause, and its
    /// paragraph: any organization, and a business.
    recent: [Option<(usize, usize)>; 2],
    /// Mentions of each organization as a clause subject so far (by
    /// canonical name; the headline's count twice): count and last mention.
    counts: [rustc_hash::FxHashMap<String, (usize, usize)>; 2],
    /// The last figure's (sentence, paragraph, subject, period).
    last: Option<(usize, usize, Option<usize>, Option<usize>)>,
}

impl State {
    /// What « le groupe » means in paragraph `para`: the organization last
    /// named as a clause subject in this paragraph, else the one the article
    /// names most as a clause subject (the latest on a tie).
    ///
    /// `business`: only a company or a bank (« le groupe », « la société »),
    /// not a public body (« l'institution », « la banque centrale »).
    fn topic(&self, para: usize, business: bool) -> Option<usize> {
        let class = usize::from(business);
        match self.recent[class] {
            Some((rp, id)) if rp + 1 >= para => Some(id),
            _ => self.counts[class].values().max().map(|&(_, id)| id),
        }
    }
}

impl Facts {
    /// Builds the rules from the `fact_cues.tsv` and `fact_anaphors.txt` lexicons.
    ///
    /// # Errors
    /// A malformed cue file (unknown measure or kind).
    pub fn new(lex: &Lexicons) -> Result<Facts> {
        Ok(Facts {
            measures: Measures::new(&lex.fact_cues)?,
            anaphors: lex.fact_anaphors.iter().map(|w| w.to_lowercase()).collect(),
            anaphor_lasts: lex
                .fact_anaphors
                .iter()
                .filter_map(|w| {
                    w.to_lowercase().rsplit_once(' ').map(|(head, last)| (last.to_string(), head.to_string()))
                })
                .fold(rustc_hash::FxHashMap::default(), |mut map, (last, head)| {
                    map.entry(last).or_insert_with(Vec::new).push(head);
                    map
                }),
            not_business: lex
                .organizations
                .iter()
                .filter(|e| !matches!(e.kind_detail.as_str(), "company" | "bank" | "media" | "club"))
                .map(|e| e.canonical.clone())
                .collect(),
        })
    }

    /// Finds the periods of the article (see [`period::find`]).
    pub fn periods(&self, text: &str, sentences: &[Range<usize>], date: Option<Day>, out: &mut Vec<Mention>) {
        period::extract(text, sentences, date, out);
    }

    /// Sets `subject`, `period` and `measure` on every figure of `mentions`
    /// (resolved and sorted: indexes are entity ids).
    pub fn attach(&self, text: &str, sentences: &[Range<usize>], mentions: &mut [Mention]) {
        if !mentions.iter().any(|m| is_figure(m.kind)) {
            return;
        }
        let starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
        let sentence_of = |pos: usize| starts.partition_point(|&s| s <= pos).saturating_sub(1);
        let paragraphs = paragraphs(text, sentences);
        let mut state = State { recent: [None; 2], counts: Default::default(), last: None };
        let mut toks: Vec<Tok> = Vec::new();
        let mut folded: Vec<Cow<'_, str>> = Vec::new();
        let mut toks_of = usize::MAX;
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let s = sentence_of(m.start);
            let Some(range) = sentences.get(s).cloned() else { continue };
            if m.kind == Kind::Organization {
                // Track the topic: an organization in a clause-subject position.
                if toks_of != s {
                    toks.clear();
                    folded.clear();
                    words::tokens_into(text, range.clone(), &mut toks);
                    toks_of = s;
                }
                let k = toks.partition_point(|t| t.start < m.start);
                if matches!(subject::role(text, &toks, k), Role::Clause | Role::Possessor) {
                    let para = paragraphs.get(s).copied().unwrap_or(0);
                    let name = m.canonical.as_deref().unwrap_or(&text[m.start..m.end]);
                    let business = !self.not_business.contains(name);
                    let add = if para == 0 { 2 } else { 1 };
                    for class in [0, 1] {
                        if class == 1 && !business {
                            continue;
                        }
                        state.recent[class] = Some((para, i));
                        // The name is copied only the first time it is seen.
                        match state.counts[class].get_mut(name) {
                            Some(entry) => *entry = (entry.0 + add, i),
                            None => {
                                state.counts[class].insert(name.to_string(), (add, i));
                            }
                        }
                    }
                }
                continue;
            }
            if !is_figure(m.kind) {
                continue;
            }
            if toks_of != s {
                toks.clear();
                words::tokens_into(text, range.clone(), &mut toks);
                folded.clear();
                toks_of = s;
            }
            if folded.len() != toks.len() {
                // Tokenized for an organization before: folded once here.
                folded.clear();
                folded.extend(toks.iter().map(|t| fold_tok(text, t)));
            }
            // change.fall_size: « un recul de la marge de 4 à 6 % » is the
            // size of a fall (measure `change`), not a change from 4 to 6.
            let fall = change::fall_size(text, range.start, &mentions[i]);
            if fall {
                mentions[i].change = false;
            }
            let para = paragraphs.get(s).copied().unwrap_or(0);
            let (measure, subject, period) =
                self.one(text, (&toks, &folded), mentions, (i, fall), (sentences, &paragraphs, s), &state);
            let m = &mut mentions[i];
            change::set_direction(text, m);
            m.measure = Some(measure);
            m.subject = subject;
            m.period = period;
            state.last = Some((s, para, subject, period));
        }
    }

    /// The facts of figure `i`.
    #[allow(clippy::too_many_arguments)]
    fn one(
        &self,
        text: &str,
        (toks, folded): (&[Tok], &[Cow<'_, str>]),
        mentions: &[Mention],
        (i, fall): (usize, bool),
        (sentences, paragraphs, s): (&[Range<usize>], &[usize], usize),
        state: &State,
    ) -> (Measure, Option<usize>, Option<usize>) {
        let m = &mentions[i];
        let range = &sentences[s];
        let para = paragraphs[s];
        let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
        let fig = tok_at(m.start)..tok_at(m.end);
        // The clause: from the last « ; » (or the sentence start) to the next figure.
        let lowest = fig.start.saturating_sub(WINDOW_TOKENS);
        let floor = folded[lowest..fig.start].iter().rposition(|t| t == ";").map_or(lowest, |p| lowest + p + 1);
        let limit = mentions[i + 1..]
            .iter()
            .take(WINDOW_MENTIONS)
            .find(|n| is_figure(n.kind) && n.start < range.end)
            .map_or(toks.len(), |n| tok_at(n.start));
        let compared = mentions[..i]
            .iter()
            .rev()
            .take(WINDOW_MENTIONS)
            .take_while(|n| n.start >= range.start)
            .find(|n| n.kind == m.kind)
            .and_then(|n| n.measure);
        let measure = if fall {
            Measure::Change
        } else {
            self.measures
                .classify(text, toks, folded, m.kind, fig.clone(), floor, limit, (m.change, m.points), compared)
                .0
        };
        // « Son bénéfice net… », « Ses exportations… », « ce manque à gagner »:
        // the sentence goes on about what the one before was about.
        // The clause the figure is in: past « tandis que », « alors que », « mais ».
        let clause = (floor..fig.start)
            .rev()
            .find(|&q| {
                folded[q] == "mais"
                    || ((folded[q] == "que" || folded[q] == "qu")
                        && q > 0
                        && matches!(folded[q - 1].as_str(), "tandis" | "alors"))
            })
            .map_or(floor, |q| q + 1);
        let possessive = folded[clause..fig.start].iter().any(|t| {
            matches!(t.as_str(), "son" | "sa" | "ses" | "leur" | "leurs" | "ce" | "cette" | "elle" | "il" | "titre")
        });
        // A dividend is the company's, whoever announces it.
        let dividend = folded[floor..fig.start.min(folded.len())]
            .iter()
            .chain(folded.get(fig.end..(fig.end + 3).min(folded.len())).unwrap_or(&[]))
            .any(|t| matches!(t.as_str(), "dividende" | "acompte" | "dividendes"));
        let measure_for_people = if dividend { Measure::Other } else { measure };
        let subject = self
            .subject(text, (toks, folded), mentions, i, (para, range), fig.start, (measure, measure_for_people), state)
            .or_else(|| {
                // subject.carry: the figure before, in the same sentence, or in
                // the sentence before when this one refers back to it.
                let boundary = folded[floor..fig.start].iter().enumerate().any(|(q, t)| {
                    t == "mais"
                        || ((t == "que" || t == "qu")
                            && q > 0
                            && matches!(folded[floor + q - 1].as_str(), "tandis" | "alors"))
                });
                match state.last {
                    Some((ls, lp, subj, _)) if lp == para && !boundary && (ls == s || (ls + 1 == s && possessive)) => {
                        subj
                    }
                    _ => None,
                }
            });
        // subject.topic: a company's own measure with no name before it in the
        // sentence (« Au premier trimestre, le résultat net s'est établi à… »):
        // the organization the article is about.
        let subject = subject.or_else(|| {
            let company = matches!(
                measure,
                Measure::Revenue | Measure::Profit | Measure::Loss | Measure::Debt | Measure::Valuation
            );
            (company || possessive || dividend).then(|| state.topic(para, true)).flatten()
        });
        // subject.macro: « une croissance de 0,8 % », « le déficit public » with
        // no owner written: the economy's, not the forecaster's.
        let subject =
            subject.filter(|&j| !(macro_unowned(folded, floor, fig.start) && mentions[j].kind != Kind::Place));
        // subject.held: « détenu à 53,5 % par les pouvoirs publics »: the holder, if named.
        let held = measure == Measure::Stake
            && folded[fig.start.saturating_sub(3)..fig.start].iter().any(|w| w.starts_with("détenu"));
        let subject = if held { subject.filter(|&j| mentions[j].start > m.end) } else { subject };
        let period =
            figure_period(text, mentions, (i, measure), (sentences, paragraphs, s), &folded[floor..fig.start], state);
        (measure, subject, period)
    }

    /// The subject of figure `i` within its sentence, walking back from it.
    #[allow(clippy::too_many_arguments)]
    fn subject(
        &self,
        text: &str,
        (toks, folded): (&[Tok], &[Cow<'_, str>]),
        mentions: &[Mention],
        i: usize,
        (para, range): (usize, &Range<usize>),
        fig_tok: usize,
        (measure, measure_for_people): (Measure, Measure),
        state: &State,
    ) -> Option<usize> {
        let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
        if let Some(j) = after_figure(text, toks, mentions, i, range, fig_tok, measure) {
            return Some(j);
        }
        // Names before the figure in the sentence, nearest first.
        let mut names = (0..i)
            .rev()
            .take(WINDOW_MENTIONS)
            .take_while(|&j| mentions[j].start >= range.start)
            .filter(|&j| is_name(mentions[j].kind))
            .map(|j| (j, tok_at(mentions[j].start)));
        let mut fallback = None;
        // A person found as a clause subject, kept while a « chez X » may
        // still come (« Chez Microsoft, la directrice financière Amy Hood… »).
        let mut person: Option<usize> = None;
        let mut subordinate = false;
        // The next name to meet and its first token.
        let mut next_name = names.next();
        // Walk tokens back from the figure, meeting names and anaphors in order.
        let mut k = fig_tok;
        while k > fig_tok.saturating_sub(WINDOW_TOKENS) {
            k -= 1;
            let w = &*folded[k];
            // A clause boundary: « tandis que », « alors que », « ; », « mais ».
            if w == ";"
                || w == "mais"
                || ((w == "que" || w == "qu") && k > 0 && matches!(&*folded[k - 1], "tandis" | "alors"))
            {
                break;
            }
            // « X estime que… », « X a précisé que… »: X says it.
            if w == "que" || w == "qu" {
                subordinate = true;
            }
            // subject.relative: « ASML, qui apporte 1,3 milliard »: the name before « , qui ».
            // subject.where: « en Wallonie, où seuls 35 % des foyers… ».
            if (w == "qui" || w == "où")
                && k >= 2
                && toks[k - 1].text(text) == ","
                && let Some((j, _)) = next_name
                && tok_at(mentions[j].end) == k - 1
                && (w == "où") == (mentions[j].kind == Kind::Place)
            {
                return Some(self.stand_in(mentions, j, measure_for_people));
            }
            if let Some((j, first)) = next_name
                && first == k
            {
                next_name = names.next();
                let role = subject::role_folded(toks, folded, k, measure == Measure::Deal);
                let who = self.stand_in(mentions, j, measure_for_people);
                let role = if subordinate && role == Role::Clause && mentions[j].kind == Kind::Person {
                    Role::Source
                } else {
                    role
                };
                match role {
                    Role::Clause if mentions[j].kind == Kind::Person && who == j => {
                        person = person.or(Some(j));
                    }
                    Role::Possessor if person.is_some() && mentions[j].kind != Kind::Organization => return person,
                    Role::Possessor | Role::Clause => return Some(who),
                    Role::Source => {
                        // « Selon X, directeur financier de Y » stands for Y;
                        // « selon l'Insee » is who says it, not whose it is.
                        if who != j {
                            fallback = fallback.or(Some(who));
                        }
                    }
                    Role::Complement => {}
                }
                continue;
            }
            // An anaphor: determiner + noun (« le groupe », « la jeune pousse »).
            // « la banque centrale », « l'institution », « la société d'État »
            // may be public bodies.
            if self.anaphor_at(folded, k)
                && let state_owned = folded.get(k + 3).is_some_and(|t| t == "état")
                && let business = (!state_owned && !matches!(&*folded[k], "banque" | "institution" | "centrale"))
                && let Some(topic) = state.topic(para, business)
            {
                let mut d = k;
                while d > 0 && !subject::is_determiner(&folded[d - 1]) {
                    d -= 1;
                    if k - d > 2 {
                        break;
                    }
                }
                if d > 0 && subject::is_determiner(&folded[d - 1]) {
                    let role = subject::role_folded(toks, folded, d - 1, false);
                    let after_and = d >= 2 && folded[d - 2] == "et";
                    if matches!(role, Role::Clause | Role::Possessor) || after_and {
                        return person.or(Some(topic));
                    }
                }
            }
        }
        person.or(fallback)
    }

    /// Whether token `k` (of the folded words `folded`) ends an anaphoric
    /// noun (one or two words).
    fn anaphor_at(&self, folded: &[Cow<'_, str>], k: usize) -> bool {
        let w = &*folded[k];
        if self.anaphors.contains(w) {
            return true;
        }
        // Two-word nouns (« jeune pousse »): only when this word ends one.
        k > 0 && self.anaphor_lasts.get(w).is_some_and(|heads| heads.iter().any(|h| *h == folded[k - 1]))
    }

    /// A person with a stated organization (on this mention or another one
    /// of the same person) stands for it, except for pay.
    fn stand_in(&self, mentions: &[Mention], j: usize, measure: Measure) -> usize {
        let m = &mentions[j];
        if m.kind != Kind::Person || measure == Measure::Pay {
            return j;
        }
        let org = m.organization.as_deref().or_else(|| {
            let name = m.canonical.as_deref()?;
            mentions[j.saturating_sub(WINDOW_MENTIONS * 8)..]
                .iter()
                .take(WINDOW_MENTIONS * 16)
                .find(|n| n.kind == Kind::Person && n.organization.is_some() && n.canonical.as_deref() == Some(name))
                .and_then(|n| n.organization.as_deref())
        });
        let Some(org) = org else { return j };
        let named = |n: &Mention| n.kind == Kind::Organization && n.canonical.as_deref() == Some(org);
        // The nearest mention of that organization, before then after.
        (0..j)
            .rev()
            .take(WINDOW_MENTIONS * 8)
            .chain((j + 1..mentions.len()).take(WINDOW_MENTIONS * 8))
            .find(|&n| named(&mentions[n]))
            .unwrap_or(j)
    }
}

/// `subject.agent` and `subject.where`: the first name after the figure in
/// its sentence, when it is the buyer of a deal (« rachetée pour 5,1
/// milliards par BNP Paribas »), who imposes a tax or rate (« imposés par
/// les États-Unis »), or the place of a share or rate (« 52 % en Flandre »).
fn after_figure(
    text: &str,
    toks: &[Tok],
    mentions: &[Mention],
    i: usize,
    range: &Range<usize>,
    fig_tok: usize,
    measure: Measure,
) -> Option<usize> {
    // subject.agent: « rachetée pour 5,1 milliards par BNP Paribas ».
    let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
    let j = (i + 1..mentions.len())
        .take(WINDOW_MENTIONS)
        .take_while(|&j| mentions[j].start < range.end && !is_figure(mentions[j].kind))
        .find(|&j| is_name(mentions[j].kind))?;
    let k = tok_at(mentions[j].start);
    // « par les États-Unis »: past the article.
    let p = if k > 1 && matches!(fold_tok(text, &toks[k - 1]).as_str(), "les" | "le" | "la") { k - 1 } else { k };
    let participle = p > 1 && {
        let w = fold_tok(text, &toks[p - 2]);
        ["é", "és", "ée", "ées", "is", "ise", "ises"].iter().any(|e| w.ends_with(e))
    };
    let imposed = matches!(measure, Measure::Tax | Measure::Rate | Measure::Fine);
    if p > 0
        && fold_tok(text, &toks[p - 1]) == "par"
        && (measure == Measure::Deal || (participle && imposed))
        && p <= fig_tok + 8
    {
        return Some(j);
    }
    // subject.where: « 52 % en Flandre »: a share or rate of a place.
    if mentions[j].kind == Kind::Place
        && matches!(measure, Measure::Share | Measure::Rate)
        && k > 0
        && k <= fig_tok + 4
        && matches!(fold_tok(text, &toks[k - 1]).as_str(), "en" | "au" | "dans")
    {
        return Some(j);
    }
    None
}

/// A national statistic with no owner written before the figure: « une
/// croissance de », « l'inflation », « le taux de chômage » (not « sa
/// croissance », « la croissance d'Azure »).
fn macro_unowned(folded: &[Cow<'_, str>], floor: usize, fig: usize) -> bool {
    let Some(q) = (floor..fig).rev().take(8).find(|&q| {
        matches!(folded[q].as_str(), "croissance" | "inflation" | "chômage" | "pib" | "déficit" | "publique" | "public")
    }) else {
        return false;
    };
    let q = if matches!(folded[q].as_str(), "publique" | "public") && q > floor { q - 1 } else { q };
    let owned_before = q > 0 && matches!(folded[q - 1].as_str(), "sa" | "son" | "ses" | "leur");
    let owned_after =
        folded[q + 1..fig].iter().any(|w| matches!(w.as_str(), "de" | "du" | "d")) && folded[q + 1..fig].len() > 2;
    !owned_before && !owned_after
}

/// `period.paragraph`: the first year, half or quarter stated in an earlier
/// sentence of the figure's paragraph (« Au premier trimestre, le résultat
/// net… La production a progressé de 4 % »), unless it dates something
/// else: « depuis 2017 », « à partir du 2e semestre », « fondée en 2023 ».
fn paragraph_period(
    text: &str,
    mentions: &[Mention],
    i: usize,
    sentences: &[Range<usize>],
    paragraphs: &[usize],
    s: usize,
) -> Option<usize> {
    let para = paragraphs[s];
    // Paragraph indexes never decrease: the paragraph's first sentence by a search.
    let first = paragraphs[..s].partition_point(|&p| p < para);
    if first == s {
        return None;
    }
    let (from, to) = (sentences[first].start, sentences[s].start);
    let j = mentions[..i].partition_point(|n| n.start < from);
    mentions[j..i].iter().take(WINDOW_MENTIONS * 4).enumerate().find_map(|(k, n)| {
        if n.kind != Kind::Period || n.start >= to {
            return None;
        }
        // Years (« 2025 »), halves and quarters (« 2025-Q1 »), spans; not
        // months or days.
        let value = n.value_text.as_deref()?;
        if n.rule == "period.earlier" || n.text_is_comparison(text) {
            return None;
        }
        let reporting = value.len() == 4 || value.contains('/') || value.contains('Q') || value.contains('H');
        if !reporting {
            return None;
        }
        // The last 24 characters before the period, lowercased.
        let head = text[..n.start].trim_end();
        let from = head.char_indices().rev().nth(23).map_or(0, |(b, _)| b);
        let before = head[from..].to_lowercase();
        let dates_else = [
            "depuis",
            "partir du",
            "partir de",
            "dès",
            "fondée en",
            "fondé en",
            "créée en",
            "créé en",
            "scindé en",
            "née en",
        ]
        .iter()
        .any(|w| before.ends_with(w));
        (!dates_else).then_some(j + k)
    })
}

/// The paragraph index of each sentence (a blank line between two
/// sentences starts a new paragraph).
fn paragraphs(text: &str, sentences: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut p = 0;
    let mut prev_end = 0;
    for s in sentences {
        let gap = &text.as_bytes()[prev_end.min(s.start)..s.start];
        if !out.is_empty() && memchr::memchr_iter(b'\n', gap).count() >= 2 {
            p += 1;
        }
        out.push(p);
        prev_end = s.end;
    }
    out
}

/// `period.nearest`: the nearest period of the figure's sentence with no
/// other figure between them; else `period.before`: the nearest period before
/// it (« 44 milliards au premier trimestre, en hausse de 69 % »); a period
/// after another figure belongs to that one (« 40 %, contre 42 % un an plus
/// tôt »).
fn attach_period(text: &str, mentions: &[Mention], i: usize, range: &Range<usize>) -> Option<usize> {
    let m = &mentions[i];
    let in_sentence = |j: &usize| mentions[*j].start >= range.start && mentions[*j].start < range.end;
    let before = (0..i).rev().take(WINDOW_MENTIONS).take_while(|j| mentions[*j].start >= range.start);
    let after = (i + 1..mentions.len()).take(WINDOW_MENTIONS).take_while(|j| in_sentence(j));
    let mut best: Option<(usize, usize)> = None;
    let mut blocked_before: Option<usize> = None;
    let mut figure_between = false;
    for j in before {
        let n = &mentions[j];
        if is_figure(n.kind) {
            figure_between = true;
        } else if n.kind == Kind::Period {
            let dist = m.start - n.end.min(m.start);
            // « …cette année, contre 75 milliards » : the period before
            // « contre » belongs to the figure it is compared with.
            if text.get(n.end.min(m.start)..m.start).is_some_and(|gap| gap.contains("contre") || gap.contains(';')) {
                break;
            }
            if !figure_between {
                best = Some((dist, j));
                break;
            }
            blocked_before = blocked_before.or(Some(j));
        }
    }
    for j in after {
        let n = &mentions[j];
        // A figure, or a comma: what follows is another clause's.
        if is_figure(n.kind)
            || text.get(m.end..n.start).is_some_and(|gap| gap.contains([',', ';']) || gap.contains(" et "))
        {
            break;
        }
        if n.kind == Kind::Period {
            // « par rapport à la même période l'an dernier », « qu'il y a un an »:
            // what the figure is compared with.
            if text.get(m.end..n.start).is_some_and(|gap| {
                gap.contains("par rapport") || gap.trim_end().ends_with("qu’") || gap.trim_end().ends_with("qu'")
            }) {
                break;
            }
            let dist = n.start.saturating_sub(m.end);
            // A period before, across a comma, loses to one after in the
            // same clause (« 1,2 milliard d'ici à 2027, qui s'ajoute aux
            // 5,3 milliards engagés depuis 2017 »).
            let across = |b: usize| text.get(mentions[b].end..m.start).is_some_and(|gap| gap.contains(','));
            if best.is_none_or(|(d, b)| dist < d || across(b)) {
                best = Some((dist, j));
            }
            break;
        }
    }
    best.map(|(_, j)| j).or(blocked_before)
}

/// The period of figure `i`: one named in its sentence, else the one of the
/// figure before in the same sentence, else (for a reported result) the
/// paragraph's. `before` is the clause's folded words before the figure.
fn figure_period(
    text: &str,
    mentions: &[Mention],
    (i, measure): (usize, Measure),
    (sentences, paragraphs, s): (&[Range<usize>], &[usize], usize),
    before: &[Cow<'_, str>],
    state: &State,
) -> Option<usize> {
    let m = &mentions[i];
    let range = &sentences[s];
    // period.carry: the figure before, in the same sentence.
    let carried = match state.last {
        Some((ls, _, _, per)) if ls == s => per,
        _ => None,
    };
    attach_period(text, mentions, i, range).or(carried).or_else(|| {
        // Only a reported result takes the paragraph's period, not a
        // price, a deal or a share price's move.
        let reported = matches!(
            measure,
            Measure::Revenue
                | Measure::Profit
                | Measure::Loss
                | Measure::Debt
                | Measure::Investment
                | Measure::Change
                | Measure::Rate
        );
        let market = before.iter().any(|t| matches!(t.as_str(), "action" | "titre" | "bourse" | "séance" | "cours"));
        (reported && !market && m.per.is_none())
            .then(|| paragraph_period(text, mentions, i, sentences, paragraphs, s))
            .flatten()
    })
}
