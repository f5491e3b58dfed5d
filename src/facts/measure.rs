//! `measure`: what a money or percent figure measures, from the cue words
//! of `src/lexicon/data/fact_cues.tsv` (« chiffre d'affaires » → `revenue`,
//! « en hausse de » → `change`, « du capital » → `stake`).
//!
//! Rules, in order (each named in the fixture table `fixtures/facts/*.toml`):
//! - `measure.after`: « de » + a cue right after the figure (« 45 milliards
//!   de dollars de ventes », « 11 % du capital »);
//! - `measure.before`: the cue nearest before the figure in its clause;
//!   a percentage written as a level (« à 72 % », « atteint 37 % ») does not
//!   take a change cue (« la marge est remontée à 72 % » is a `rate`);
//! - otherwise `other`.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use super::words::{Tok, is_apostrophe};
use crate::error::{Error, Result};
use crate::lexicon::Entry;
use crate::record::{Kind, Measure};

/// One cue: its words (folded, `'` for any apostrophe) and its measure.
#[derive(Debug, Clone)]
struct Cue {
    words: Vec<String>,
    measure: Measure,
}

/// The cue table, indexed by the last word of each cue and by kind.
#[derive(Debug, Default)]
pub struct Measures {
    money: HashMap<String, Vec<Cue>>,
    percent: HashMap<String, Vec<Cue>>,
}

/// Folds one token for lookups: lowercase, any apostrophe as `'`; borrowed
/// from the text when it is already lowercase (most words), so that
/// folding allocates only for capitalized words.
pub fn fold_tok<'a>(text: &'a str, t: &Tok) -> Cow<'a, str> {
    // A word token is an apostrophe only as « ʼ » (a letter, 2 bytes).
    if (!t.word || t.end - t.start == 2) && is_apostrophe(text, Some(t)) {
        return Cow::Borrowed("'");
    }
    let w = t.text(text);
    if w.bytes().all(|b| !b.is_ascii_uppercase()) && (w.is_ascii() || !w.chars().any(char::is_uppercase)) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// `as_str` for folded words, as `String` has it.
pub trait AsStr {
    /// The word.
    fn as_str(&self) -> &str;
}

impl AsStr for Cow<'_, str> {
    fn as_str(&self) -> &str {
        self
    }
}

impl Measures {
    /// Builds the table from `fact_cues.tsv` entries.
    ///
    /// # Errors
    /// An unknown measure name or a kind other than `money` / `percent`.
    pub fn new(entries: &[Entry]) -> Result<Measures> {
        let mut m = Measures::default();
        for e in entries {
            let measure = Measure::parse(&e.canonical).ok_or_else(|| {
                Error::Config(format!(
                    "fact_cues.tsv: unknown measure {:?}; expected one of {}",
                    e.canonical,
                    Measure::ALL.map(Measure::as_str).join(", ")
                ))
            })?;
            let map = match e.kind_detail.as_str() {
                "money" => &mut m.money,
                "percent" => &mut m.percent,
                other => {
                    return Err(Error::Config(format!(
                        "fact_cues.tsv: kind {other:?} for {:?}; expected money or percent",
                        e.canonical
                    )));
                }
            };
            for alias in &e.aliases {
                let toks = super::words::tokens(alias, 0..alias.len());
                let words: Vec<String> = toks.iter().map(|t| fold_tok(alias, t).into_owned()).collect();
                let Some(last) = words.last().cloned() else { continue };
                map.entry(last).or_default().push(Cue { words, measure });
            }
        }
        // Longest cues first, so that « rachat d'actions » beats « rachat ».
        for list in m.money.values_mut().chain(m.percent.values_mut()) {
            list.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        Ok(m)
    }

    /// The cues ending at token `j` of `folded`, longest first.
    fn cues_at<'a>(
        &'a self,
        kind: Kind,
        folded: &'a [Cow<'_, str>],
        j: usize,
    ) -> impl Iterator<Item = (Measure, usize)> + 'a {
        let map = if kind == Kind::Percent { &self.percent } else { &self.money };
        map.get(&*folded[j]).into_iter().flatten().filter_map(move |c| {
            let n = c.words.len();
            (n <= j + 1 && folded[j + 1 - n..=j] == c.words[..]).then(|| (c.measure, j + 1 - n))
        })
    }

    /// The measure of a figure of `kind` whose tokens are `fig` (indexes in
    /// `toks`, the tokens of its sentence), with the clause starting at token
    /// `floor`; `limit` is the first token of the next figure. `level` is
    /// true for a percentage that states a level, not a change (« à 72 % »,
    /// « passé de 7,3 à 7,4 % »); `compared` is the measure of the figure
    /// before it in the sentence, which a figure after « contre » shares.
    ///
    /// Returns the measure and the rule that chose it.
    #[allow(clippy::too_many_arguments)]
    pub fn classify(
        &self,
        text: &str,
        toks: &[Tok],
        folded: &[Cow<'_, str>],
        kind: Kind,
        fig: std::ops::Range<usize>,
        floor: usize,
        limit: usize,
        (level, points): (bool, bool),
        compared: Option<Measure>,
    ) -> (Measure, &'static str) {
        let level = level || (kind == Kind::Percent && is_level(folded, fig.start));
        // measure.points: « 2 points de pourcentage » is a rise or fall.
        if points && !level {
            return (Measure::Change, "measure.points");
        }
        let allowed = |m: Measure| !(level && m == Measure::Change);
        // measure.after: « de » + cue right after (up to 4 words of cue).
        let mut j = fig.end;
        if j < folded.len() && matches!(folded[j].as_str(), "ses" | "son" | "sa" | "leurs") && j < limit {
            // « réduirait de 500 millions ses dépenses »
            if let Some((m, _)) = (j + 1..(j + 4).min(limit).min(folded.len()))
                .rev()
                .find_map(|end| self.cues_at(kind, folded, end).find(|&(m, start)| start == j + 1 && allowed(m)))
            {
                return (m, "measure.after");
            }
        }
        if j < folded.len() && matches!(folded[j].as_str(), "de" | "d" | "du" | "des" | "en") {
            j += 1;
            if j < folded.len() && folded[j] == "'" {
                j += 1;
            }
            for end in (j..(j + 4).min(limit).min(folded.len())).rev() {
                if let Some((m, _)) = self.cues_at(kind, folded, end).find(|&(m, start)| start == j && allowed(m)) {
                    return (m, "measure.after");
                }
            }
        }
        // measure.part (when no cue before says otherwise): « 31 % des
        // abonnements » is a part of a whole.
        let part = kind == Kind::Percent
            && j > fig.end
            && j < limit.min(folded.len())
            && toks[j].word
            && !toks[j].digits
            && toks[j].text(text).chars().next().is_some_and(char::is_lowercase);
        // measure.before: nearest cue before, in the clause; past « contre »,
        // the measure of the figure compared with (measure.compared).
        let mut j = fig.start;
        while j > floor {
            j -= 1;
            if folded[j] == ";" {
                break;
            }
            if folded[j] == "contre" {
                if let Some(m) = compared {
                    return (m, "measure.compared");
                }
                break;
            }
            if let Some((m, _)) = self.cues_at(kind, folded, j).find(|&(m, _)| allowed(m)) {
                return (m, "measure.before");
            }
        }
        if part {
            return (Measure::Share, "measure.part");
        }
        (Measure::Other, "measure.other")
    }
}

/// A percentage written as a level: « à 72 % », « atteint 37 % », « de 2,25 % »
/// after « à » dropped... : the word before the figure (past « environ »,
/// « près de », « plus de ») is « à », « atteint », « atteindre », « est », « sera ».
fn is_level(folded: &[Cow<'_, str>], start: usize) -> bool {
    let mut j = start;
    while j > start.saturating_sub(8) {
        j -= 1;
        match folded[j].as_str() {
            "environ" | "près" | "plus" | "moins" | "quelque" | "de" | "d" | "'" | "autour" | "jusqu" => continue,
            "à" | "atteint" | "atteindre" | "atteignait" | "est" | "sera" | "était" | "établit" => return true,
            _ => return false,
        }
    }
    false
}
