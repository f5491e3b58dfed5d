//! Periods: « en 2025 », « au quatrième trimestre 2024 », « T4 2024 », « au
//! premier semestre 2017 », « en décembre 2016 », « le 3 mars 2017 »,
//! « entre 2020 et 2025 », « 2020-2025 », « d'ici 2030 », and relative ones
//! (« l'an dernier », « cette année », « le trimestre précédent », « un an
//! plus tôt ») resolved against the article's date.
//!
//! Each rule is a function named after its rule (`period.year`,
//! `period.quarter`...); the table of examples is `fixtures/facts/periods.toml`.
//! Not periods: « CAC 40 », « Airbus A320 », « 24 heures sur 24 », postal
//! codes, durations (« pendant trois ans », « sur un an »), counts
//! (« plus de 2000 salariés »).

use std::ops::Range;

use super::date::{Day, days_in, month_number};
use super::words::{Tok, eq_fold, is_any, is_apostrophe, tokens_into};
use crate::extract::Mention;
use crate::record::Kind;

/// A period's value, at its granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A year.
    Year(i32),
    /// A half year (1–2).
    Half(i32, u32),
    /// A quarter (1–4).
    Quarter(i32, u32),
    /// A month (1–12).
    Month(i32, u32),
    /// A day.
    Day(Day),
    /// From one year to another.
    Span(i32, i32),
}

impl When {
    /// The normalized value: `2025`, `2017-H1`, `2024-Q4`, `2016-12`,
    /// `2017-03-03`, `2020/2025`.
    ///
    /// ```
    /// use depeche::facts::period::When;
    /// assert_eq!(When::Quarter(2024, 4).value(), "2024-Q4");
    /// assert_eq!(When::Span(2020, 2025).value(), "2020/2025");
    /// ```
    pub fn value(self) -> String {
        match self {
            When::Year(y) => format!("{y:04}"),
            When::Half(y, h) => format!("{y:04}-H{h}"),
            When::Quarter(y, q) => format!("{y:04}-Q{q}"),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Day(d) => d.iso(),
            When::Span(a, b) => format!("{a:04}/{b:04}"),
        }
    }

    /// The same period `n` units of its own granularity later (earlier when
    /// negative): 2024-Q1 shifted by -1 is 2023-Q4.
    pub fn shift(self, n: i32) -> When {
        let roll = |y: i32, i: u32, per: i32| {
            let k = y * per + (i as i32 - 1) + n;
            (k.div_euclid(per), (k.rem_euclid(per) + 1) as u32)
        };
        match self {
            When::Year(y) => When::Year(y + n),
            When::Half(y, h) => {
                let (y, h) = roll(y, h, 2);
                When::Half(y, h)
            }
            When::Quarter(y, q) => {
                let (y, q) = roll(y, q, 4);
                When::Quarter(y, q)
            }
            When::Month(y, m) => {
                let (y, m) = roll(y, m, 12);
                When::Month(y, m)
            }
            When::Day(d) => When::Day(Day { year: d.year + n, day: d.day.min(days_in(d.year + n, d.month)), ..d }),
            When::Span(a, b) => When::Span(a + n, b + n),
        }
    }

    /// The same period one year earlier (« un an plus tôt »).
    pub fn year_earlier(self) -> When {
        match self {
            When::Year(_) | When::Span(..) | When::Day(_) => self.shift(-1),
            When::Half(y, h) => When::Half(y - 1, h),
            When::Quarter(y, q) => When::Quarter(y - 1, q),
            When::Month(y, m) => When::Month(y - 1, m),
        }
    }
}

/// The granularity of a relative period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Half,
    Quarter,
    Month,
}

/// Relative phrases: the words (as the tokenizer splits them), the unit,
/// the shift from the date's period, and whether the phrase counts from the
/// period stated before it in the sentence (« un an plus tôt ») rather than
/// from the article's date.
const RELATIVE: &[(&str, Unit, i32, bool)] = &[
    ("l'an dernier", Unit::Year, -1, false),
    ("l'an passé", Unit::Year, -1, false),
    ("l'année dernière", Unit::Year, -1, false),
    ("l'année passée", Unit::Year, -1, false),
    ("l'année précédente", Unit::Year, -1, true),
    ("l'exercice précédent", Unit::Year, -1, true),
    ("il y a un an", Unit::Year, -1, false),
    ("un an plus tôt", Unit::Year, -1, true),
    ("un an auparavant", Unit::Year, -1, true),
    ("une année plus tôt", Unit::Year, -1, true),
    ("cette année", Unit::Year, 0, false),
    ("cet exercice", Unit::Year, 0, false),
    ("l'année en cours", Unit::Year, 0, false),
    ("l'exercice en cours", Unit::Year, 0, false),
    ("l'ensemble de l'année", Unit::Year, 0, false),
    ("sur l'année", Unit::Year, 0, false),
    ("l'ensemble de l'exercice", Unit::Year, 0, false),
    ("la fin de l'année", Unit::Year, 0, false),
    ("le début de l'année", Unit::Year, 0, false),
    ("l'an prochain", Unit::Year, 1, false),
    ("l'année prochaine", Unit::Year, 1, false),
    ("le mois dernier", Unit::Month, -1, false),
    ("le mois précédent", Unit::Month, -1, true),
    ("le mois passé", Unit::Month, -1, false),
    ("un mois plus tôt", Unit::Month, -1, true),
    ("ce mois-ci", Unit::Month, 0, false),
    ("le mois prochain", Unit::Month, 1, false),
    ("le trimestre dernier", Unit::Quarter, -1, false),
    ("le trimestre précédent", Unit::Quarter, -1, true),
    ("le précédent trimestre", Unit::Quarter, -1, true),
    ("un trimestre plus tôt", Unit::Quarter, -1, true),
    ("ce trimestre", Unit::Quarter, 0, false),
    ("le trimestre en cours", Unit::Quarter, 0, false),
    ("trimestre en cours", Unit::Quarter, 0, false),
    ("le prochain trimestre", Unit::Quarter, 1, false),
    ("prochain trimestre", Unit::Quarter, 1, false),
    ("le trimestre prochain", Unit::Quarter, 1, false),
    ("le semestre dernier", Unit::Half, -1, false),
    ("le semestre précédent", Unit::Half, -1, true),
    ("ce semestre", Unit::Half, 0, false),
];

/// Words after which a bare year is a period (« en 2025 », « d'ici 2030 »,
/// « l'exercice 2024 », « fin 2024 »).
const YEAR_CUES: &[&str] = &[
    "en",
    "pour",
    "de",
    "du",
    "depuis",
    "dès",
    "ici",
    "horizon",
    "exercice",
    "année",
    "an",
    "fin",
    "début",
    "mi",
    "courant",
    "avant",
    "après",
    "jusqu",
    "à",
    "au",
    "sur",
    "et",
    "ou",
    "entre",
    "contre",
    "vers",
    "dans",
    "budget",
    "saison",
    "bilan",
    "résultats",
    "comptes",
    "printemps",
    "été",
    "automne",
    "hiver",
    "(",
    "–",
    "-",
    "fiscal",
];

/// Words that may follow a year ending in « s » or « x » (« en 2025 dans »,
/// « 2024 sans »): any other word in -s/-x makes the number a count
/// (« 2000 salariés »).
const PLURAL_FUNCTION_WORDS: &[&str] =
    &["des", "les", "ses", "mais", "dans", "sans", "alors", "après", "plus", "moins", "vers", "sous", "depuis", "puis"];

/// One period found, before it becomes a mention.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte span.
    pub span: Range<usize>,
    /// Its value, when it has one (relative periods need the date).
    pub when: Option<When>,
    /// Resolved against the article's date.
    pub relative: bool,
    /// The rule.
    pub rule: &'static str,
}

/// Finds the periods of `text` (split into `sentences`) and appends them to
/// `out` as `period` mentions. `date` resolves relative periods; without it
/// they have no value.
///
/// ```
/// use depeche::facts::{Day, period::find};
/// let text = "Le groupe a réalisé 3 milliards au T4 2024, contre 2 milliards un an plus tôt.";
/// let found = find(text, &[0..text.len()], None);
/// let values: Vec<_> = found.iter().map(|f| f.when.map(|w| w.value())).collect();
/// assert_eq!(values, [Some("2024-Q4".to_string()), Some("2023-Q4".to_string())]);
/// let text = "Le chiffre d'affaires a bondi l'an dernier.";
/// let found = find(text, &[0..text.len()], Day::new(2017, 3, 3));
/// assert_eq!((found[0].when.unwrap().value().as_str(), found[0].relative), ("2016", true));
/// ```
pub fn find(text: &str, sentences: &[Range<usize>], date: Option<Day>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut toks = Vec::new();
    for s in sentences {
        // Most sentences hold no period: skip those without a digit or a
        // cue letter sequence cheaply.
        if !might_hold_period(&text.as_bytes()[s.clone()]) {
            continue;
        }
        toks.clear();
        tokens_into(text, s.clone(), &mut toks);
        let first = found.len();
        let mut i = 0;
        while i < toks.len() {
            let hit = relative(text, &toks, i, date, (&found[first..], &found[..first]))
                .or_else(|| ordinal_part(text, &toks, i, date))
                .or_else(|| code_part(text, &toks, i, date))
                .or_else(|| month(text, &toks, i, date))
                .or_else(|| year(text, &toks, i));
            match hit {
                Some((next, f)) => {
                    found.push(f);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    found
}

/// Appends the periods of [`find`] to `out` as mentions.
pub fn extract(text: &str, sentences: &[Range<usize>], date: Option<Day>, out: &mut Vec<Mention>) {
    for f in find(text, sentences, date) {
        let mut m = Mention::new(Kind::Period, f.span.start, f.span.end, f.rule);
        m.value_text = f.when.map(When::value);
        m.relative = f.relative;
        out.push(m);
    }
}

fn might_hold_period(bytes: &[u8]) -> bool {
    // A digit, or the letters of « an », « année », « mois », « trimestre »,
    // « semestre », « exercice », a month...: nearly every sentence has an
    // « an » somewhere, so test the cheap things first.
    bytes.iter().any(u8::is_ascii_digit) || memchr::memmem::find(bytes, b"an").is_some() || {
        memchr::memmem::find(bytes, b"mois").is_some()
            || memchr::memmem::find(bytes, b"mestre").is_some()
            || memchr::memmem::find(bytes, b"exercice").is_some()
            || memchr::memmem::find(bytes, b"mai").is_some()
            || memchr::memmem::find(bytes, b"ars").is_some()
            || memchr::memmem::find(bytes, b"embre").is_some()
            || memchr::memmem::find(bytes, b"juil").is_some()
            || memchr::memmem::find(bytes, b"juin").is_some()
            || memchr::memmem::find(bytes, b"ao").is_some()
            || memchr::memmem::find(bytes, b"avr").is_some()
            || memchr::memmem::find(bytes, b"oct").is_some()
    }
}

/// One piece of a phrase: an apostrophe, a hyphen or a (lowercase) word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Apostrophe,
    Hyphen,
    Word(&'static str),
}

/// The pieces of `phrase`, as [`phrase_at`] reads them.
fn pieces(phrase: &'static str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = phrase;
    while !rest.is_empty() {
        let piece_len =
            if rest.starts_with(['\'', '-']) { 1 } else { rest.find(['\'', ' ', '-']).unwrap_or(rest.len()) };
        out.push(match &rest[..piece_len] {
            "'" => Piece::Apostrophe,
            "-" => Piece::Hyphen,
            w => Piece::Word(w),
        });
        rest = rest[piece_len..].trim_start_matches(' ');
    }
    out
}

/// A relative phrase past its first word: its other pieces, unit, shift and
/// anchoring.
type RelativeRest = (Vec<Piece>, Unit, i32, bool);

/// [`RELATIVE`] grouped by first word (each group in the table's order),
/// built once.
fn relative_table() -> &'static [(&'static str, Vec<RelativeRest>)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, Vec<RelativeRest>)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(&'static str, Vec<RelativeRest>)> = Vec::new();
        for &(phrase, unit, shift, anchored) in RELATIVE {
            let mut p = pieces(phrase);
            let Piece::Word(first) = p.remove(0) else { continue };
            let entry = (p, unit, shift, anchored);
            match table.iter_mut().find(|(w, _)| *w == first) {
                Some((_, group)) => group.push(entry),
                None => table.push((first, vec![entry])),
            }
        }
        table
    })
}

/// Whether `pieces` match the tokens from `j`; returns the index after them.
fn pieces_at(text: &str, toks: &[Tok], mut j: usize, pieces: &[Piece]) -> Option<usize> {
    for piece in pieces {
        let tok = toks.get(j)?;
        let ok = match *piece {
            Piece::Apostrophe => is_apostrophe(text, Some(tok)),
            Piece::Hyphen => tok.text(text) == "-",
            Piece::Word(w) => eq_fold(tok.text(text), w),
        };
        if !ok {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Whether the phrase's words match the tokens at `i`; returns the index
/// after the phrase.
fn phrase_at(text: &str, toks: &[Tok], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    let mut rest = phrase;
    while !rest.is_empty() {
        // Next piece of the phrase: a word, or one apostrophe / hyphen.
        let piece_len =
            if rest.starts_with(['\'', '-']) { 1 } else { rest.find(['\'', ' ', '-']).unwrap_or(rest.len()) };
        let piece = &rest[..piece_len];
        let tok = toks.get(j)?;
        let ok = match piece {
            "'" => is_apostrophe(text, Some(tok)),
            "-" => tok.text(text) == "-",
            w => eq_fold(tok.text(text), w),
        };
        if !ok {
            return None;
        }
        j += 1;
        rest = rest[piece_len..].trim_start_matches(' ');
    }
    Some(j)
}

fn from_date(unit: Unit, shift: i32, d: Day) -> When {
    match unit {
        Unit::Year => When::Year(d.year),
        Unit::Half => When::Half(d.year, if d.month <= 6 { 1 } else { 2 }),
        Unit::Quarter => When::Quarter(d.year, d.quarter()),
        Unit::Month => When::Month(d.year, d.month),
    }
    .shift(shift)
}

/// `period.relative` and `period.earlier`: « l'an dernier », « cette
/// année », « le trimestre précédent »; « un an plus tôt » counts from the
/// period stated before it in the sentence when there is one.
/// An anchored phrase counts from the last period of its sentence, else from
/// the last year, half or quarter stated earlier in the article.
fn relative(
    text: &str,
    toks: &[Tok],
    i: usize,
    date: Option<Day>,
    (sentence, article): (&[Found], &[Found]),
) -> Option<(usize, Found)> {
    // Every phrase starts with one of these letters (l', il, un, une, ce,
    // cette, cet, le, la, trimestre, prochain): a cheap filter.
    if !toks[i].word
        || !matches!(text.as_bytes()[toks[i].start].to_ascii_lowercase(), b'l' | b'i' | b'u' | b'c' | b't' | b'p')
    {
        return None;
    }
    // Only the phrases whose first word is this token's (compared in ASCII
    // lowercase: every first word is ASCII).
    let first = toks[i].text(text).as_bytes();
    if first.len() > 9 {
        return None;
    }
    let mut lower = [0u8; 9];
    for (d, s) in lower.iter_mut().zip(first) {
        *d = s.to_ascii_lowercase();
    }
    let first = &lower[..first.len()];
    let (_, group) = relative_table().iter().find(|(w, _)| w.as_bytes() == first)?;
    for &(ref rest, unit, shift, anchored) in group {
        // The first word matched (an ASCII word equal to the phrase's first
        // word); the rest, piece by piece.
        let Some(next) = pieces_at(text, toks, i + 1, rest) else { continue };
        let span = toks[i].start..toks[next - 1].end;
        let reporting = |f: &Found| match f.when {
            Some(w @ (When::Year(_) | When::Half(..) | When::Quarter(..)))
                if f.rule != "period.earlier" && f.rule != "period.relative" =>
            {
                Some((w, f.relative))
            }
            _ => None,
        };
        if anchored
            && unit == Unit::Year
            && let Some((w, rel)) = sentence
                .iter()
                .rev()
                .find_map(|f| f.when.map(|w| (w, f.relative)))
                .or_else(|| article.iter().rev().find_map(reporting))
        {
            return Some((next, Found { span, when: Some(w.year_earlier()), relative: rel, rule: "period.earlier" }));
        }
        let when = date.map(|d| from_date(unit, shift, d));
        return Some((next, Found { span, when, relative: true, rule: "period.relative" }));
    }
    None
}

/// The year written right after a quarter or a half: « 2024 », « de 2024 »,
/// « de l'exercice 2024 », « de son exercice 2026 », « fiscal 2025 ».
fn year_after(text: &str, toks: &[Tok], j: usize) -> Option<(usize, i32)> {
    for lead in ["", "de", "de l'exercice", "de son exercice", "de l'année", "fiscal", "de l'exercice fiscal"] {
        let k = if lead.is_empty() { Some(j) } else { phrase_at(text, toks, j, lead) };
        if let Some(k) = k
            && let Some(y) = toks.get(k).and_then(|t| year_value(text, t))
        {
            return Some((k + 1, y));
        }
    }
    None
}

fn year_value(text: &str, t: &Tok) -> Option<i32> {
    let w = t.text(text);
    (t.digits && w.len() == 4).then(|| w.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
}

fn ordinal(word: &str) -> Option<u32> {
    // « premier », « 1er », « deuxième », « second », « 2e »... start with
    // one of these bytes: reject the rest without lowercasing.
    if word.len() > 10
        || !matches!(word.as_bytes()[0].to_ascii_lowercase(), b'p' | b'd' | b's' | b't' | b'q' | b'1'..=b'4')
    {
        return None;
    }
    const ORDINALS: [(&str, u32); 20] = [
        ("premier", 1),
        ("1er", 1),
        ("1ᵉʳ", 1),
        ("deuxième", 2),
        ("second", 2),
        ("2e", 2),
        ("2d", 2),
        ("2de", 2),
        ("2nd", 2),
        ("2nde", 2),
        ("2ème", 2),
        ("2ᵉ", 2),
        ("troisième", 3),
        ("3e", 3),
        ("3ème", 3),
        ("3ᵉ", 3),
        ("quatrième", 4),
        ("4e", 4),
        ("4ème", 4),
        ("4ᵉ", 4),
    ];
    ORDINALS.iter().find(|(o, _)| eq_fold(word, o)).map(|&(_, n)| n)
}

/// `period.quarter` / `period.half`: « quatrième trimestre 2024 », « 2e
/// semestre 2026 », « premier trimestre de son exercice 2026 »; without a
/// year, the year of the article's date (`relative`).
fn ordinal_part(text: &str, toks: &[Tok], i: usize, date: Option<Day>) -> Option<(usize, Found)> {
    // The noun first (rarer than a word that may be an ordinal): it ends in
    // « mestre » in any case (only ASCII letters lowercase to those).
    let noun = toks.get(i + 1)?;
    let w = noun.text(text).as_bytes();
    if w.len() < 8 || !w[w.len() - 6..].eq_ignore_ascii_case(b"mestre") {
        return None;
    }
    let quarter = eq_fold(noun.text(text), "trimestre");
    if !quarter && !eq_fold(noun.text(text), "semestre") {
        return None;
    }
    let n = ordinal(toks[i].text(text))?;
    if !quarter && n > 2 {
        return None;
    }
    let make = |y: i32| if quarter { When::Quarter(y, n) } else { When::Half(y, n) };
    let rule = if quarter { "period.quarter" } else { "period.half" };
    if let Some((next, y)) = year_after(text, toks, i + 2) {
        let span = toks[i].start..toks[next - 1].end;
        return Some((next, Found { span, when: Some(make(y)), relative: false, rule }));
    }
    let span = toks[i].start..noun.end;
    Some((i + 2, Found { span, when: date.map(|d| make(d.year)), relative: true, rule }))
}

/// `period.code`: « T4 2024 », « Q1 2025 », « S1 2017 », « H2 2024 »; without
/// a year (« au T1 »), the year of the article's date.
fn code_part(text: &str, toks: &[Tok], i: usize, date: Option<Day>) -> Option<(usize, Found)> {
    let w = toks[i].text(text).as_bytes();
    if w.len() != 2 || !w[1].is_ascii_digit() {
        return None;
    }
    let n = u32::from(w[1] - b'0');
    let make: fn(i32, u32) -> When = match (w[0], n) {
        (b'T' | b'Q', 1..=4) => When::Quarter,
        (b'S' | b'H', 1..=2) => When::Half,
        _ => return None,
    };
    let rule = if matches!(w[0], b'T' | b'Q') { "period.quarter" } else { "period.half" };
    if let Some((next, y)) = year_after(text, toks, i + 1) {
        let span = toks[i].start..toks[next - 1].end;
        return Some((next, Found { span, when: Some(make(y, n)), relative: false, rule }));
    }
    // No year: only after « au », « du », « le », « ce » (« au T1 »).
    if i == 0 || !is_any(text, toks.get(i - 1), &["au", "du", "le", "ce", "en"]) {
        return None;
    }
    let span = toks[i].start..toks[i].end;
    Some((i + 1, Found { span, when: date.map(|d| make(d.year, n)), relative: true, rule }))
}

/// `period.month` / `period.day`: « décembre 2016 », « le 3 mars 2017 », « 1er
/// juillet »; without a year, the occurrence nearest the article's date.
fn month(text: &str, toks: &[Tok], i: usize, date: Option<Day>) -> Option<(usize, Found)> {
    // A day number first?
    let (day, mi) = match day_number(text, &toks[i]) {
        Some(d) => (Some(d), i + 1),
        None => (None, i),
    };
    let mt = toks.get(mi)?;
    let word = mt.text(text);
    let m = month_number(word)?;
    // A capitalized month needs a day or a year (« Mars » may be the planet);
    // an abbreviation needs its point and a day.
    let abbrev = word.len() <= 5
        && !matches!(m, 3 | 5 | 6)
        && !matches!(word.to_lowercase().as_str(), "avril" | "août" | "aout");
    let mut end = mi + 1;
    if abbrev {
        if day.is_none() || toks.get(mi + 1).map(|t| t.text(text)) != Some(".") {
            return None;
        }
        end += 1;
    }
    let year = toks.get(end).and_then(|t| year_value(text, t));
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    if capital && day.is_none() && year.is_none() {
        return None;
    }
    let start = toks[i].start;
    if let Some(y) = year {
        let when = match day {
            Some(d) => When::Day(Day::new(y, m, d)?),
            None => When::Month(y, m),
        };
        let rule = if day.is_some() { "period.day" } else { "period.month" };
        return Some((end + 1, Found { span: start..toks[end].end, when: Some(when), relative: false, rule }));
    }
    let span = start..toks[end - 1].end;
    let y = date.map(|d| nearest_year(d, m));
    let when = match (y, day) {
        (Some(y), Some(d)) => Day::new(y, m, d).map(When::Day),
        (Some(y), None) => Some(When::Month(y, m)),
        _ => None,
    };
    let rule = if day.is_some() { "period.day" } else { "period.month" };
    Some((end, Found { span, when, relative: true, rule }))
}

/// The year that puts `month` nearest the date (« en avril » in a story of
/// February 2017 is April 2016; in a story of May 2017, April 2017).
fn nearest_year(d: Day, month: u32) -> i32 {
    let diff = month as i32 - d.month as i32;
    if diff > 6 {
        d.year - 1
    } else if diff < -6 {
        d.year + 1
    } else {
        d.year
    }
}

fn day_number(text: &str, t: &Tok) -> Option<u32> {
    let w = t.text(text);
    if w == "1er" || w == "1ᵉʳ" {
        return Some(1);
    }
    if !t.digits || w.len() > 2 {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// `period.year` and `period.span`: « en 2025 », « d'ici 2030 », « fin
/// 2024 », « 2020-2025 », « entre 2020 et 2025 », « de 2020 à 2025 ».
fn year(text: &str, toks: &[Tok], i: usize) -> Option<(usize, Found)> {
    let y = year_value(text, &toks[i])?;
    let bytes = text.as_bytes();
    let t = toks[i];
    // Part of a bigger number: « 3,2025 », « 12 2025 » (grouped digits).
    if t.start >= 2 && matches!(bytes[t.start - 1], b',' | b'.') && bytes[t.start - 2].is_ascii_digit() {
        return None;
    }
    if i > 0 && toks[i - 1].digits && toks[i - 1].end + 3 >= t.start && toks[i - 1].end - toks[i - 1].start <= 3 {
        return None;
    }
    // 2020-2025, 2024/25
    if let (Some(dash), Some(second)) = (toks.get(i + 1), toks.get(i + 2))
        && matches!(dash.text(text), "-" | "/" | "–")
        && dash.start == t.end
        && second.start == dash.end
        && second.digits
    {
        let w = second.text(text);
        let y2 = match w.len() {
            4 => w.parse::<i32>().ok(),
            2 => w.parse::<i32>().ok().map(|n| y / 100 * 100 + n),
            _ => None,
        };
        if let Some(y2) = y2.filter(|&y2| y2 > y && y2 - y <= 50) {
            return Some((
                i + 3,
                Found {
                    span: t.start..second.end,
                    when: Some(When::Span(y, y2)),
                    relative: false,
                    rule: "period.span",
                },
            ));
        }
    }
    // entre 2020 et 2025, de 2020 à 2025
    if i > 0 {
        let pair = [("entre", "et"), ("de", "à")].into_iter().find(|(a, _)| is_any(text, toks.get(i - 1), &[a]));
        if let Some((_, link)) = pair
            && is_any(text, toks.get(i + 1), &[link])
            && let Some(y2) = toks.get(i + 2).and_then(|t| year_value(text, t)).filter(|&y2| y2 > y)
        {
            let span = toks[i - 1].start..toks[i + 2].end;
            return Some((i + 3, Found { span, when: Some(When::Span(y, y2)), relative: false, rule: "period.span" }));
        }
    }
    // A bare year after a cue word, and not a count (« 2000 salariés »).
    if i == 0 || !is_any(text, toks.get(i - 1), YEAR_CUES) {
        return None;
    }
    if let Some(next) = toks.get(i + 1)
        && next.word
        && !next.digits
    {
        let w = next.text(text);
        if (w.ends_with('s') || w.ends_with('x')) && !is_any(text, Some(next), PLURAL_FUNCTION_WORDS) {
            return None;
        }
        if matches!(w, "%") {
            return None;
        }
    }
    Some((i + 1, Found { span: t.start..t.end, when: Some(When::Year(y)), relative: false, rule: "period.year" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_roll_over_years() {
        assert_eq!(When::Quarter(2024, 1).shift(-1), When::Quarter(2023, 4));
        assert_eq!(When::Month(2024, 12).shift(1), When::Month(2025, 1));
        assert_eq!(When::Half(2024, 1).shift(-1), When::Half(2023, 2));
        assert_eq!(When::Quarter(2024, 2).year_earlier(), When::Quarter(2023, 2));
    }

    #[test]
    fn nearest_year_goes_back_for_later_months() {
        let d = Day::new(2017, 2, 10).unwrap();
        assert_eq!(nearest_year(d, 11), 2016);
        assert_eq!(nearest_year(d, 4), 2017);
    }
}
