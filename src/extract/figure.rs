//! The figure grammar shared by money and percentages.
//!
//! One forward scan over the article finds number starts (a digit at a word
//! boundary, or a number word); around each number the grammar reads, in
//! place and without rewriting the text:
//!
//! * a sign (« +3,5 % », « - 0,2 % »), a currency before the number
//!   (« $100 », « USD 100 », « CHF 12.50 »);
//! * the unit after it: a currency symbol, ISO code or name from the
//!   currency lexicon (`src/lexicon/data/currencies.tsv`), possibly after
//!   « de » (« 3 millions d'euros »), or a percent sign, « pour cent »,
//!   « points de pourcentage »;
//! * a range sharing its unit and scale (« entre 60 et 65 milliards de
//!   dollars », « de 10 à 12 % », « 10-12 % »);
//! * qualifiers inside the span (« environ », « plus de », « jusqu'à »),
//!   minor units (« 1 euro et 23 centimes »), a unit of measure after it
//!   (« 80 dollars le baril » → `per`).
//!
//! Ambiguous currencies (a bare « $ », « francs », « couronnes ») are resolved
//! from the locale and from cues in the article (scanned once, only when
//! needed), with `currency_inferred`.

use std::cell::OnceCell;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::{Context, Mention};
use crate::Result;
use crate::number::{Quantity, char_at, char_before, is_hspace, read_quantity, skip_hspace, skip_hspace_back};
use crate::pipeline::{Locale, Settings};
use crate::record::{Bound, Kind};
use crate::text::chars::{alnum_end, is_alnum, is_alpha};

/// The built-in currency lexicon.
pub const CURRENCIES_TSV: &str = include_str!("../lexicon/data/currencies.tsv");

/// How a currency form is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A symbol (« € », « $ », « US$ »), before or after the number.
    Symbol,
    /// An ISO 4217 code in capitals, before or after the number.
    Code,
    /// A name after the number (« euros », « dollars canadiens »).
    Name,
    /// A minor unit (« centimes », « cents »).
    Minor,
}

/// One currency form of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The ISO code, `None` when the form alone does not say.
    pub code: Option<&'static str>,
    /// How it is written.
    pub class: Class,
    /// Its ambiguity group (« dollar », « franc »...), resolved from context.
    pub group: Option<&'static str>,
}

/// Parses the currency lexicon (format documented in its header).
///
/// # Errors
/// A malformed line, with its number.
pub fn parse_currencies(tsv: &'static str) -> Result<FxHashMap<String, Currency>> {
    let mut map = FxHashMap::with_capacity_and_hasher(tsv.len() / 16, Default::default());
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = || crate::Error::Lexicon {
            path: "currencies.tsv".into(),
            line: n + 1,
            message: format!("expected form, code, class, group: {line:?}"),
        };
        // Four columns, read without collecting them.
        let mut split = line.split('\t');
        let mut cols = [""; 4];
        for col in &mut cols {
            *col = split.next().ok_or_else(bad)?;
        }
        if split.next().is_some() {
            return Err(bad());
        }
        let class = match cols[2] {
            "symbol" => Class::Symbol,
            "code" => Class::Code,
            "name" => Class::Name,
            "minor" => Class::Minor,
            _ => return Err(bad()),
        };
        let code = (cols[1] != "-").then_some(cols[1]);
        let group = (cols[3] != "-").then_some(cols[3]);
        // ASCII forms (most) lowercased without the Unicode tables.
        let form = if cols[0].is_ascii() { cols[0].to_ascii_lowercase() } else { cols[0].to_lowercase() };
        map.insert(form, Currency { code, class, group });
    }
    Ok(map)
}

/// What follows a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Money(Currency),
    Percent { points: bool, bare_points: bool, pour_cent: bool },
}

impl Unit {
    fn kind(&self) -> Kind {
        match self {
            Unit::Money(_) => Kind::Money,
            Unit::Percent { .. } => Kind::Percent,
        }
    }
    fn same(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Money(a), Unit::Money(b)) => a.code == b.code && a.group == b.group,
            (Unit::Percent { points: a, .. }, Unit::Percent { points: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// A signed quantity.
#[derive(Debug, Clone)]
struct Num {
    start: usize,
    q: Quantity,
    value: Decimal,
}

/// A qualifier before a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qual {
    Approx,
    Min,
    Max,
    Exact,
}

/// Qualifiers, longest first so that « au moins » wins over « moins ».
const QUALIFIERS: &[(&str, Qual)] = &[
    ("aux alentours de", Qual::Approx),
    ("approximativement", Qual::Approx),
    ("au-dessous de", Qual::Max),
    ("au dessous de", Qual::Max),
    ("en-dessous de", Qual::Max),
    ("en dessous de", Qual::Max),
    ("aux environs de", Qual::Approx),
    ("supérieures à", Qual::Min),
    ("inférieures à", Qual::Max),
    ("de l'ordre de", Qual::Approx),
    ("de l'ordre d'", Qual::Approx),
    ("supérieure à", Qual::Min),
    ("inférieure à", Qual::Max),
    ("supérieurs à", Qual::Min),
    ("inférieurs à", Qual::Max),
    ("pas moins de", Qual::Min),
    ("pas moins d'", Qual::Min),
    ("pas plus de", Qual::Max),
    ("pas plus d'", Qual::Max),
    ("plus ou moins", Qual::Approx),
    ("supérieur à", Qual::Min),
    ("inférieur à", Qual::Max),
    ("à partir de", Qual::Min),
    ("pas loin de", Qual::Approx),
    ("précisément", Qual::Exact),
    ("pratiquement", Qual::Approx),
    ("grosso modo", Qual::Approx),
    ("au-delà de", Qual::Min),
    ("au delà de", Qual::Min),
    ("au maximum", Qual::Max),
    ("au minimum", Qual::Min),
    ("à peu près", Qual::Approx),
    ("exactement", Qual::Exact),
    ("autour de", Qual::Approx),
    ("autour d'", Qual::Approx),
    ("quasiment", Qual::Approx),
    ("jusqu'à", Qual::Max),
    ("jusqu'au", Qual::Max),
    ("environ", Qual::Approx),
    ("presque", Qual::Approx),
    ("quelque", Qual::Approx),
    ("maximum", Qual::Max),
    ("minimum", Qual::Min),
    ("au moins", Qual::Min),
    ("moins de", Qual::Max),
    ("moins d'", Qual::Max),
    ("plus que", Qual::Min),
    ("plus de", Qual::Min),
    ("plus d'", Qual::Min),
    ("près de", Qual::Approx),
    ("près d'", Qual::Approx),
    ("au plus", Qual::Max),
    ("quasi", Qual::Approx),
    ("moins", Qual::Max),
    ("pile", Qual::Exact),
];

/// Words before a range that make it a change over time (« passant de 9,7
/// à 9,5 % »). Matched as word prefixes.
const CHANGE_STEMS: &[&str] = &[
    "pass",
    "augment",
    "baiss",
    "hausse",
    "recul",
    "progress",
    "grimp",
    "chut",
    "diminu",
    "relev",
    "rehauss",
    "abaiss",
    "évolu",
    "bondi",
    "gonfl",
    "réduit",
    "rédui",
    "ramen",
    "porté",
    "porter",
    "portant",
    "tomb",
    "monté",
    "monter",
    "élev",
    "croît",
    "accr",
    "remont",
    "redescend",
    "descend",
    "glissé",
    "gliss",
    "fléchi",
    "recul",
    "dégringol",
    "envol",
    "plong",
    "revu",
    "révisé",
    "relèv",
    "réhauss",
];

/// ISO codes that may be glued before digits (« USD1,23 », « EUR29,99 »);
/// others are names (« COP28 »).
const GLUED_CODES: &[&str] = &[
    "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "MXN", "NOK", "NZD", "RUB",
    "SEK", "SGD", "USD", "ZAR",
];

/// Determiners and words after « par » that do not name a unit.
const NOT_PER: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "ce",
    "cette",
    "ces",
    "cet",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "vos",
    "mon",
    "ma",
    "mes",
    "rapport",
    "exemple",
    "contre",
    "ailleurs",
    "conséquent",
    "suite",
    "endroits",
    "moments",
    "voie",
    "ordonnance",
    "décret",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "quel",
    "quelle",
];

/// Units that may follow « le », « la », « l' » as a price per unit.
const PER_NOUNS: &[&str] = &[
    "baril",
    "kilo",
    "kg",
    "litre",
    "tonne",
    "mètre",
    "m2",
    "m²",
    "permis",
    "billet",
    "action",
    "unité",
    "pièce",
    "nuit",
    "heure",
    "titre",
    "place",
    "ticket",
    "once",
    "gallon",
    "mégawattheure",
    "kilowattheure",
    "mwh",
    "kwh",
    "repas",
    "bouteille",
    "paquet",
    "entrée",
    "boisseau",
    "gramme",
    "hectare",
    "lot",
    "part",
    "minute",
    "consultation",
    "journée",
    "séance",
    "kilomètre",
    "km",
    "m³",
    "mètre cube",
    "exemplaire",
    "abonnement",
];

/// Article cues: (pattern, group, code), from `src/lexicon/data/currency_cues.tsv`.
/// Matched case-sensitively at word boundaries.
static CUES: std::sync::LazyLock<Vec<(&'static str, &'static str, &'static str)>> =
    std::sync::LazyLock::new(|| cue_rows().map(|(pattern, group, code, _)| (pattern, group, code)).collect());

/// The rows of `currency_cues.tsv`: (pattern, group, code, is a country).
fn cue_rows() -> impl Iterator<Item = (&'static str, &'static str, &'static str, bool)> {
    include_str!("../lexicon/data/currency_cues.tsv").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(
        |l| {
            let mut cols = l.split('\t');
            let mut next = || cols.next().expect("currency_cues.tsv has four columns");
            let (pattern, group, code, weight) = (next(), next(), next(), next());
            (pattern, group, code, weight == "country")
        },
    )
}

/// A first line shorter than this is a title: its cues weigh more.
const LEAD_BYTES: usize = 200;

/// Country names among the cues (weaker cues than cities and adjectives).
static COUNTRIES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| cue_rows().filter(|r| r.3).map(|r| r.0).collect());

/// The figure grammar, built once.
#[derive(Debug)]
pub struct Grammar {
    currencies: FxHashMap<String, Currency>,
    /// The first token of every form, to reject most words at once, with
    /// the most tokens of a form starting with it: only that many tokens
    /// are read and looked up after it.
    first_tokens: FxHashMap<String, usize>,
    /// For each byte, bit `n` set when a first token starting with that
    /// byte is `n` bytes long (for ASCII tokens, rejected without hashing).
    first_token_lengths: [u64; 256],
    /// The indices in [`CUES`] of the cues by their first word.
    cues_by_first_word: FxHashMap<&'static str, Vec<usize>>,
    /// For each byte, bit `n` set when a first word of a cue starting with
    /// that byte is `n` bytes long: most words of an article are rejected
    /// without hashing them.
    cue_first_lengths: [u64; 256],
    /// Bit `256 * a + b` set when a cue starts with the bytes `a`, `b`.
    cue_pairs: Box<[u64; 1024]>,
    qualifiers: Qualifiers,
    locale: Locale,
}

/// [`QUALIFIERS`] by their last word, to try only the few that may end
/// before a number.
#[derive(Debug)]
struct Qualifiers {
    /// Last word → indices in [`QUALIFIERS`], in list order.
    by_last_word: FxHashMap<&'static str, Vec<usize>>,
    /// The qualifiers ending with an apostrophe, in list order.
    apostrophe: Vec<usize>,
    /// Each qualifier's characters, last first.
    reversed: Vec<Vec<char>>,
}

/// The text before a byte read backwards as [`phrase_before`] compares it
/// with a phrase: each character lowercased (a character whose lowercase
/// is not one character becomes U+FFFD, which no phrase holds), ’ as ', a
/// run of horizontal spaces as one space.
struct Tail {
    /// The characters, last first.
    chars: [char; Tail::LEN],
    /// The byte where each of them starts in the text.
    starts: [usize; Tail::LEN],
    len: usize,
}

impl Tail {
    /// More characters than the longest qualifier.
    const LEN: usize = 24;

    fn before(text: &str, mut k: usize) -> Tail {
        let mut t = Tail { chars: ['\0'; Tail::LEN], starts: [0; Tail::LEN], len: 0 };
        while t.len < Tail::LEN
            && let Some(c) = char_before(text, k)
        {
            let n = if is_hspace(c) {
                k = skip_hspace_back(text, k);
                ' '
            } else {
                k -= c.len_utf8();
                match c {
                    '’' | '\'' => '\'',
                    c if c.is_ascii() => c.to_ascii_lowercase(),
                    c => {
                        let mut lower = c.to_lowercase();
                        match (lower.next(), lower.next()) {
                            (Some(l), None) => l,
                            _ => char::REPLACEMENT_CHARACTER,
                        }
                    }
                }
            };
            t.chars[t.len] = n;
            t.starts[t.len] = k;
            t.len += 1;
        }
        t
    }

    /// The start of `reversed` (a phrase, last character first) when the
    /// tail ends with it at a word boundary.
    fn ends_with(&self, text: &str, reversed: &[char]) -> Option<usize> {
        let n = reversed.len();
        if n == 0 || n > self.len || self.chars[..n] != *reversed {
            return None;
        }
        let start = self.starts[n - 1];
        (!char_before(text, start).is_some_and(is_alnum)).then_some(start)
    }
}

/// Resolved ambiguous currencies of one article.
#[derive(Debug, Default, PartialEq)]
struct Cues {
    /// group → (code, score).
    best: FxHashMap<&'static str, (&'static str, u32)>,
    usd: u32,
}

impl Grammar {
    /// Loads the currency lexicon and compiles the article cues.
    ///
    /// # Errors
    /// A malformed built-in lexicon line (checked by the tests).
    pub fn new(settings: &Settings) -> Result<Self> {
        let currencies = parse_currencies(CURRENCIES_TSV)?;
        let mut cues_by_first_word: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        let mut cue_first_lengths = [0u64; 256];
        let mut cue_pairs = Box::new([0u64; 65536 / 64]);
        for (k, cue) in CUES.iter().enumerate() {
            let pair = usize::from(cue.0.as_bytes()[0]) << 8 | usize::from(cue.0.as_bytes()[1]);
            cue_pairs[pair / 64] |= 1 << (pair % 64);
            let first = &cue.0[..alnum_end(cue.0, 0)];
            cues_by_first_word.entry(first).or_default().push(k);
            cue_first_lengths[usize::from(first.as_bytes()[0])] |= 1 << first.len();
        }
        let mut first_tokens: FxHashMap<String, usize> = FxHashMap::default();
        for form in currencies.keys() {
            let toks = cur_tokens(form, 0, MAX_CUR_TOKENS);
            if let Some(&(s, e)) = toks.first() {
                let n = first_tokens.entry(normalize_key(&form[s..e])).or_default();
                *n = (*n).max(toks.len());
            }
        }
        let mut first_token_lengths = [0u64; 256];
        for t in first_tokens.keys() {
            first_token_lengths[usize::from(t.as_bytes()[0])] |= 1u64.checked_shl(t.len() as u32).unwrap_or(0);
        }
        Ok(Grammar {
            currencies,
            first_tokens,
            first_token_lengths,
            cues_by_first_word,
            cue_first_lengths,
            cue_pairs,
            qualifiers: Qualifiers::new(),
            locale: settings.locale,
        })
    }

    /// Finds every figure of kind `want` in the article and pushes it to `out`.
    pub fn extract(&self, cx: &Context<'_>, want: Kind, out: &mut Vec<Mention>) {
        cx.take_figures(want, || self.scan(cx), out);
    }

    /// One scan of the article for every figure, money and percentages.
    fn scan(&self, cx: &Context<'_>) -> Vec<Mention> {
        let mut out = Vec::new();
        let text = cx.text;
        let b = text.as_bytes();
        let cues = OnceCell::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let prev = char_before(text, i);
                let glued_prefix = prev.is_some_and(is_alpha)
                    && self.prefix_currency(text, i).is_some_and(|(ps, _)| GLUED_CODES.contains(&&text[ps..i]));
                if prev.is_some_and(|p| is_alnum(p) || p == '_') && !glued_prefix {
                    i = skip_digits(b, i);
                    continue;
                }
                match self.figure_at(cx, i, &cues) {
                    Ok(m) => {
                        i = m.end.max(i + 1);
                        out.push(m);
                    }
                    Err(next) => i = next.max(i + 1),
                }
                continue;
            }
            if (c.is_ascii_alphabetic() || c >= 0xC3) && text.is_char_boundary(i) {
                let e = fast_word_end(b, text, i);
                if e == i {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                // The word first (most start no number), then what precedes.
                if !is_number_word(&text[i..e]) || char_before(text, i).is_some_and(is_alnum) {
                    i = e;
                    continue;
                }
                match self.figure_at(cx, i, &cues) {
                    Ok(m) => {
                        i = m.end.max(e);
                        out.push(m);
                    }
                    Err(_) => i = e,
                }
                continue;
            }
            i += 1;
        }
        out
    }

    /// Reads the figure whose number starts at byte `s`. `Err(next)` gives
    /// the byte where scanning resumes.
    fn figure_at(&self, cx: &Context<'_>, s: usize, cues: &OnceCell<Cues>) -> std::result::Result<Mention, usize> {
        let text = cx.text;
        let mut q1 = read_quantity(text, s, true).ok_or(s + 1)?;
        // Sign before the number.
        let (sign_start, negative) = sign_before(text, s);
        // Currency before the number.
        let prefix = self.prefix_currency(text, sign_start);
        let mut unit = self.unit_after(cx, &q1, q1.end, prefix.is_some());
        if q1.abbreviation && unit.is_none() && prefix.is_none() {
            q1 = read_quantity(text, s, false).ok_or(s + 1)?;
            unit = self.unit_after(cx, &q1, q1.end, false);
        }
        if q1.glued && !unit.as_ref().is_some_and(|u| u.glued_ok) {
            return Err(q1.end);
        }
        // « zéro cent vingt-cinq »: after a spelled-out number, « cent » is
        // the number word, not the euro cent.
        if q1.spelled && unit.as_ref().is_some_and(|u| matches!(u.unit, Unit::Money(_))) {
            let j = crate::number::skip_hspace(text, q1.end);
            let w = &text[j..crate::number::scale::word_end(text, j)];
            if matches!(w, "cent" | "cents") {
                return Err(q1.end);
            }
        }
        let v1 = if negative { -q1.value } else { q1.value };
        let n1 = Num { start: sign_start, q: q1.clone(), value: v1 };
        let mut start = n1.start;
        let mut rule;
        let mut end;
        let kind_unit: Unit;
        let mut range: Option<(Decimal, Decimal)> = None;
        let mut change = false;
        let mut range_conn: Option<Conn> = None;
        let mut value = v1;
        let mut minor_class = false;
        if let Some((pstart, cur)) = prefix.filter(|_| unit.is_none() || unit.as_ref().is_some_and(|u| u.glued_ok)) {
            // « $100 », « USD 100 », « CHF 12.50 »
            start = pstart.min(sign_start);
            kind_unit = Unit::Money(cur);
            end = match &unit {
                Some(u) if u.glued_ok && matches!(u.unit, Unit::Money(_)) => u.end,
                _ => q1.end,
            };
            rule = "money.currency_number";
            // « $10 à $20 », « $10-20 »: not read as ranges (rare in French).
        } else if let Some(u) = unit {
            kind_unit = u.unit;
            end = u.end;
            minor_class = u.minor;
            rule = match u.unit {
                Unit::Money(_) if u.minor => "money.minor_unit",
                Unit::Money(_) => "money.number_currency",
                Unit::Percent { points: true, .. } => "percent.points",
                Unit::Percent { .. } => "percent.number_percent",
            };
            // « entre 10 euros et 20 euros », « de 2500 $ à 25 000 $ », « 10 € - 20 € »
            if let Some((conn, cend)) = connector_after(text, u.end)
                && let Some(n2) = read_signed(text, cend)
                && let Some(u2) = self.unit_after(cx, &n2.q, n2.q.end, false)
                && u2.unit.same(&u.unit)
                && !u2.minor
                && n1.value <= n2.value
            {
                let left = range_left(text, n1.start, conn);
                let is_change = left.is_some() && change_before(cx, left.unwrap_or(start));
                if let Some(l) = left
                    && !is_change
                {
                    start = l;
                    range_conn = Some(conn);
                    range = Some((n1.value, n2.value));
                    end = u2.end;
                    rule = if u.unit.kind() == Kind::Money { "money.range" } else { "percent.range" };
                }
            }
        } else {
            // Shared unit: « entre 60 et 65 milliards de dollars », « de 10 à 12 % ».
            let (conn, cend) = connector_after(text, q1.end).ok_or(q1.end)?;
            let n2 = read_signed(text, cend).ok_or(q1.end)?;
            let u2 = self.unit_after(cx, &n2.q, n2.q.end, false).ok_or(q1.end)?;
            if u2.minor || n2.q.glued && !u2.glued_ok || q1.article_only {
                return Err(q1.end);
            }
            let left = range_left(text, n1.start, conn).ok_or(q1.end)?;
            let mut lo = n1.value;
            if q1.scale == 0 && n2.q.scale > 0 && lo.abs() < Decimal::from(1000) && !q1.approx {
                lo = crate::number::scale::apply(lo, n2.q.scale).ok_or(q1.end)?;
            }
            let hi = n2.value;
            change = conn == Conn::A && left < n1.start && change_before(cx, left);
            range_conn = Some(conn);
            if lo > hi && !change {
                return Err(q1.end);
            }
            if q1.plain_int && q1.value >= Decimal::from(1000) && q1.value <= Decimal::from(2100) && n2.q.scale == 0 {
                // « de 2015 à 2020 »: years, not figures.
                return Err(q1.end);
            }
            start = left;
            kind_unit = u2.unit;
            end = u2.end;
            range = Some(if lo <= hi { (lo, hi) } else { (hi, lo) });
            rule = if u2.unit.kind() == Kind::Money { "money.range" } else { "percent.range" };
        }
        // Minor units after the major one: « 1 euro et 23 centimes », « 5€50 ».
        let mut with_minor = false;
        if let Unit::Money(_) = kind_unit
            && range.is_none()
            && !minor_class
            && let Some((cents, e)) = self.minor_after(text, end)
        {
            value += if value.is_sign_negative() { -cents } else { cents };
            end = e;
            with_minor = true;
        }
        // Checks on the unit.
        match kind_unit {
            Unit::Percent { bare_points: true, .. } => {
                if !percent_context(cx, s) || q1.article_only {
                    return Err(q1.end);
                }
            }
            Unit::Percent { .. } => {}
            Unit::Money(cur) => {
                if range.is_none() && q1.article_only && !with_minor && !article_amount(text, end) {
                    return Err(q1.end);
                }
                if cur.group == Some("livre")
                    && (q1.article_only || q1.approx || self.resolve(text, cur, cues).0.is_none())
                {
                    return Err(q1.end);
                }
            }
        }
        if minor_class && range.is_none() {
            value /= Decimal::from(100);
        }
        // Qualifiers before the figure, « pile » after it.
        let mut approx = q1.approx;
        let mut bound = None;
        if let Some((qs, qual)) = self.qualifiers.before(text, start) {
            start = qs;
            match qual {
                Qual::Approx => approx = true,
                Qual::Min => bound = Some(Bound::Min),
                Qual::Max => bound = Some(Bound::Max),
                Qual::Exact => {}
            }
        }
        if let Some(e) = word_after(text, end, "pile") {
            end = e;
        }
        if range.is_some() && !change {
            change = range_conn == Some(Conn::A) && text[start..].starts_with(['d', 'D']) && change_before(cx, start);
        }
        let per = per_after(text, end, kind_unit.kind() == Kind::Percent);
        let mut m = Mention::new(kind_unit.kind(), start, end, rule);
        match range {
            Some((lo, hi)) => {
                m.min = Some(lo);
                m.max = Some(hi);
            }
            None => m.value = Some(value),
        }
        m.approx = approx;
        m.bound = bound;
        m.change = change && range.is_some();
        m.per = per;
        match kind_unit {
            Unit::Money(cur) => {
                let (code, inferred) = self.resolve(text, cur, cues);
                m.currency = code.map(str::to_string);
                m.currency_inferred = inferred;
            }
            Unit::Percent { points, .. } => m.points = points,
        }
        Ok(m)
    }

    /// A currency symbol or code just before byte `i` (spaces allowed):
    /// its start and the currency.
    fn prefix_currency(&self, text: &str, i: usize) -> Option<(usize, Currency)> {
        let j = skip_hspace_back(text, i);
        if j == 0 {
            return None;
        }
        // Currency words before a number are codes or symbols (« USD »,
        // « CHF », « US$ », « Fr. »), never a lowercase word: « de 100 ».
        let last = char_before(text, j)?;
        if last.is_lowercase() || last.is_ascii_digit() {
            return None;
        }
        // Up to three tokens back.
        let mut starts = [0; 3];
        let mut n_starts = 0;
        let mut k = j;
        for _ in 0..3 {
            let back = skip_hspace_back(text, k);
            if back == 0 || (back != k && n_starts == 0) {
                if n_starts == 0 && back != k {
                    return None;
                }
                if back == 0 {
                    break;
                }
            }
            let c = char_before(text, back)?;
            let ts = if is_alpha(c) {
                let mut s = back;
                while let Some(p) = char_before(text, s) {
                    if !is_alpha(p) {
                        break;
                    }
                    s -= p.len_utf8();
                }
                s
            } else if c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ',' | ';' | ':' | '«' | '"') {
                break;
            } else {
                back - c.len_utf8()
            };
            starts[n_starts] = ts;
            n_starts += 1;
            k = ts;
        }
        for &ts in starts[..n_starts].iter().rev() {
            if let Some(cur) = with_key(&text[ts..j], |key| self.currencies.get(key).copied())
                && matches!(cur.class, Class::Symbol | Class::Code)
                && (cur.class != Class::Code || text[ts..j].chars().all(|c| c.is_ascii_uppercase()))
            {
                // A word prefix must start at a word boundary.
                if char_before(text, ts).is_some_and(is_alnum) {
                    continue;
                }
                return Some((ts, cur));
            }
        }
        None
    }

    /// The unit right after a quantity ending at byte `i`.
    fn unit_after(&self, cx: &Context<'_>, q: &Quantity, i: usize, has_prefix: bool) -> Option<UnitMatch> {
        let text = cx.text;
        let j = skip_hspace(text, i);
        let spaced = j > i;
        let rest = &text[j..];
        if !has_prefix {
            if rest.starts_with('%') || rest.starts_with('％') {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                return Some(UnitMatch::percent(j + len, false, false, false, !spaced));
            }
            if let Some(e) = percent_words(text, j)
                && spaced
            {
                return Some(UnitMatch::percent(e, false, false, true, false));
            }
            if spaced && let Some((e, bare)) = points_words(text, j) {
                return Some(UnitMatch::percent(e, true, bare, false, false));
            }
        }
        // Currency forms.
        if let Some((e, cur, n_tokens_glued)) = self.currency_at(text, j, |_| true) {
            let glued_ok = !spaced && matches!(cur.class, Class::Symbol | Class::Code);
            if !spaced && cur.class == Class::Name && n_tokens_glued {
                return None;
            }
            if has_prefix && !glued_ok {
                return None;
            }
            return Some(UnitMatch { unit: Unit::Money(cur), end: e, glued_ok, minor: cur.class == Class::Minor });
        }
        // « millions de dollars », « une quinzaine d'euros »
        if spaced
            && (q.scale >= 6 || q.approx)
            && !has_prefix
            && let Some(k) = de_after(text, j)
            && let Some((e, cur, _)) = self.currency_at(text, k, |c| c.class == Class::Name)
        {
            return Some(UnitMatch { unit: Unit::Money(cur), end: e, glued_ok: false, minor: false });
        }
        None
    }

    /// The longest currency form at byte `j`: its end, the currency, and
    /// whether its first token is a word glued to the number.
    fn currency_at(&self, text: &str, j: usize, ok: impl Fn(&Currency) -> bool) -> Option<(usize, Currency, bool)> {
        // Most words are no currency: their first token alone says so.
        let &(s0, e0) = cur_tokens(text, j, 1).first()?;
        let tok = &text[s0..e0];
        // An ASCII token keeps its length lowercased: most are rejected by
        // their first byte and length alone.
        if tok.is_ascii()
            && (tok.len() >= 64
                || self.first_token_lengths[usize::from(tok.as_bytes()[0].to_ascii_lowercase())] & (1 << tok.len())
                    == 0)
        {
            return None;
        }
        let max_tokens = with_key(tok, |tok| self.first_tokens.get(tok).copied())?;
        // No form has more tokens than the longest starting with this one.
        let toks = cur_tokens(text, j, max_tokens);
        for n in (1..=toks.len()).rev() {
            let end = toks[n - 1].1;
            let raw = &text[j..end];
            // Tokens hold no space: the key of the first `n` is that of
            // their text, built on the stack.
            if let Some(cur) = with_key(raw, |key| self.currencies.get(key))
                && ok(cur)
            {
                if cur.class == Class::Code && !raw.chars().all(|c| c.is_ascii_uppercase()) {
                    continue;
                }
                // « 50 Cent » is a name, not fifty cents.
                if cur.class == Class::Minor && raw.starts_with(char::is_uppercase) {
                    continue;
                }
                let first_word = text[j..].chars().next().is_some_and(is_alpha);
                return Some((end, *cur, first_word));
            }
        }
        None
    }

    /// Minor units after a major amount ending at byte `i`:
    /// « et 23 centimes », « 23 cents », « €50 » glued, « roubles trente ».
    fn minor_after(&self, text: &str, i: usize) -> Option<(Decimal, usize)> {
        // « 5€50 »
        let b = text.as_bytes();
        if i + 2 <= b.len()
            && b[i].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && !b.get(i + 2).is_some_and(|c| c.is_ascii_alphanumeric())
            && text[..i].ends_with(['€', '$', '£'])
        {
            let v = Decimal::from((b[i] - b'0') as i64 * 10 + (b[i + 1] - b'0') as i64) / Decimal::from(100);
            return Some((v, i + 2));
        }
        let mut j = skip_hspace(text, i);
        if j == i {
            return None;
        }
        let mut had_et = false;
        if let Some(e) = word_after(text, i, "et") {
            had_et = true;
            j = skip_hspace(text, e);
        }
        let q = read_quantity(text, j, false)?;
        if q.value >= Decimal::from(100) || q.value.fract() != Decimal::ZERO || q.scale > 0 || q.glued {
            return None;
        }
        let k = skip_hspace(text, q.end);
        if k > q.end
            && let Some((e, cur, _)) = self.currency_at(text, k, |c| c.class == Class::Minor)
        {
            let _ = cur;
            return Some((q.value / Decimal::from(100), e));
        }
        // « cinq roubles trente »: a bare number closing the phrase.
        if !had_et && q.spelled {
            let next = text[q.end..].chars().next();
            if next.is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | '!' | '?' | '\n')) {
                return Some((q.value / Decimal::from(100), q.end));
            }
        }
        None
    }

    /// Resolves an ambiguous currency from the locale and the article.
    fn resolve(&self, text: &str, cur: Currency, cues: &OnceCell<Cues>) -> (Option<&'static str>, bool) {
        let Some(group) = cur.group else { return (cur.code, false) };
        let cues = cues.get_or_init(|| self.cues(text));
        let cue = cues.best.get(group).copied().filter(|&(_, s)| s >= 3);
        let cue = match (group, cue) {
            ("dollar" | "cent", Some((c, s))) if s > cues.usd => Some(c),
            ("dollar" | "cent", _) => None,
            (_, c) => c.map(|c| c.0),
        };
        if let Some(c) = cue {
            return (Some(c), true);
        }
        let by_locale = match (group, self.locale) {
            ("dollar" | "cent", Locale::FrCa) => Some("CAD"),
            ("franc" | "centime", Locale::FrCh) => Some("CHF"),
            ("franc", Locale::FrBe) => Some("BEF"),
            _ => None,
        };
        if let Some(c) = by_locale {
            return (Some(c), true);
        }
        match group {
            "franc" => (Some("FRF"), true),
            // Bare « livres » are as often books or weight as pounds: only
            // money with a cue (checked by the caller through `None`).
            "livre" => (None, false),
            _ => (cur.code, false),
        }
    }

    /// The cues of the article, at word boundaries, as (start, end, index
    /// in [`CUES`]).
    ///
    /// This is what a leftmost-longest search of all the cues, keeping the
    /// matches at word boundaries, finds: no cue is another followed by
    /// more words (so a cue ending at a boundary is the longest there), and
    /// a match starting inside a word could only hide a cue starting after
    /// one of its inner spaces, hyphens or apostrophes, where no cue starts
    /// (« Street », « Unis », « Ivoire », « saoudite »...). Both checked by
    /// the tests.
    fn find_cues<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let b = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < b.len() {
                // Only where the first two bytes of a cue are (every cue has
                // two; none starts with a UTF-8 continuation byte, so `s`
                // starts a character)...
                let mut prev = b[i];
                let Some(off) = b[i + 1..].iter().position(|&c| {
                    let pair = usize::from(prev) << 8 | usize::from(c);
                    prev = c;
                    self.cue_pairs[pair / 64] & (1 << (pair % 64)) != 0
                }) else {
                    i = b.len();
                    break;
                };
                let s = i + off;
                i = s + 1;
                // ... then only at a word start: no letter nor digit before.
                if char_before(text, s).is_some_and(is_alnum) {
                    continue;
                }
                // A word: its length must be that of a cue's first word, or
                // no cue starts here (nor inside it).
                let e = alnum_end(text, s);
                i = e.max(s + 1);
                if e - s >= 64 || self.cue_first_lengths[usize::from(b[s])] & (1 << (e - s)) == 0 {
                    continue;
                }
                let Some(ks) = self.cues_by_first_word.get(&text[s..e]) else { continue };
                for &k in ks {
                    let cue = CUES[k].0;
                    let end = s + cue.len();
                    if b[s..].starts_with(cue.as_bytes()) && !char_at(text, end).is_some_and(is_alnum) {
                        i = end;
                        return Some((s, end, k));
                    }
                }
            }
            None
        })
    }

    /// Scans the article once for place cues.
    fn cues(&self, text: &str) -> Cues {
        let mut cues = Cues::default();
        let mut scores: FxHashMap<(&'static str, &'static str), u32> = FxHashMap::default();
        // The title: the first line, when the text starts with a short one.
        let title_end = memchr::memchr(b'\n', &text.as_bytes()[..text.len().min(LEAD_BYTES)]).unwrap_or(0);
        for (start, _, k) in self.find_cues(text) {
            let (pattern, group, code) = CUES[k];
            // Country names are often listed in passing; cities and
            // adjectives say more about where the story is set.
            let w = if COUNTRIES.contains(&pattern) { 1 } else { 2 } + u32::from(start < title_end);
            if group == "dollar" && code == "USD" {
                cues.usd += w;
                continue;
            }
            *scores.entry((group, code)).or_default() += w;
            if group == "dollar" {
                *scores.entry(("cent", code)).or_default() += w;
            }
            if group == "franc" && code == "CHF" {
                *scores.entry(("centime", code)).or_default() += w;
            }
            if group == "franc" && (code == "XOF" || code == "XAF") {
                *scores.entry(("cfa", code)).or_default() += w;
            }
        }
        for ((group, code), s) in scores {
            let e = cues.best.entry(group).or_insert((code, 0));
            if s > e.1 || (s == e.1 && code < e.0) {
                *e = (code, s);
            }
        }
        cues
    }
}

/// The unit found after a number.
#[derive(Debug, Clone, Copy)]
struct UnitMatch {
    unit: Unit,
    end: usize,
    /// A symbol or code attached to the digits (« 10US$ », « 20€ »).
    glued_ok: bool,
    minor: bool,
}

impl UnitMatch {
    fn percent(end: usize, points: bool, bare_points: bool, pour_cent: bool, glued_ok: bool) -> Self {
        UnitMatch { unit: Unit::Percent { points, bare_points, pour_cent }, end, glued_ok, minor: false }
    }
}

/// The end of the word at byte `i`: ASCII letters fast, other letters
/// checked as characters.
fn fast_word_end(b: &[u8], text: &str, mut i: usize) -> usize {
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            i += 1;
        } else if c >= 0x80 {
            match text[i..].chars().next() {
                Some(ch) if is_alpha(ch) => i += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

fn skip_digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
        i += 1;
    }
    i
}

/// Quick test of a word that may start a spelled-out number.
fn is_number_word(w: &str) -> bool {
    if w.len() > 12 || !crate::number::words::may_start_number(w) {
        return false;
    }
    // The one such word that is not ASCII is « zéro »: 4 characters (a
    // lowercase has at least as many characters as its word).
    if !w.is_ascii() && w.chars().nth(4).is_some() {
        return false;
    }
    crate::number::with_lowercase(w, crate::number::words::starts_number)
}

/// A sign just before byte `s` (« +3 », « - 0,2 », « −4 »): the start of the
/// sign (or `s`) and whether it is negative.
fn sign_before(text: &str, s: usize) -> (usize, bool) {
    let j = skip_hspace_back(text, s);
    if s - j > 3 {
        return (s, false);
    }
    let Some(c) = char_before(text, j) else { return (s, false) };
    if !matches!(c, '+' | '-' | '−' | '±' | '–') {
        return (s, false);
    }
    let k = j - c.len_utf8();
    let before = char_before(text, k);
    // The sign must open a word: not « A-3 », not « 10 - 20 ».
    if before.is_some_and(|p| is_alnum(p) || matches!(p, '%' | '€' | '$')) {
        return (s, false);
    }
    if c == '–' && j != s {
        return (s, false);
    }
    let back = skip_hspace_back(text, k);
    if char_before(text, back).is_some_and(|p| p.is_ascii_digit()) {
        return (s, false);
    }
    (k, matches!(c, '-' | '−' | '–'))
}

/// Reads a quantity at byte `i` (after a range connector), with its sign.
fn read_signed(text: &str, i: usize) -> Option<Num> {
    let mut j = i;
    let mut negative = false;
    let c = text[j..].chars().next()?;
    if matches!(c, '+' | '-' | '−') {
        negative = c != '+';
        j = skip_hspace(text, j + c.len_utf8());
    }
    let q = read_quantity(text, j, true)?;
    if q.article_only {
        return None;
    }
    let value = if negative { -q.value } else { q.value };
    Some(Num { start: i, q, value })
}

/// Range connectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conn {
    A,
    Et,
    Dash,
}

/// A range connector after byte `i`: « à », « et », « - », « – ».
fn connector_after(text: &str, i: usize) -> Option<(Conn, usize)> {
    let j = skip_hspace(text, i);
    let rest = &text[j..];
    // « à » or « et » (any case, as `word_after` reads them), then spaces.
    let e = crate::number::scale::word_end(text, j);
    let conn = match &text[j..e] {
        "à" | "À" => Some(Conn::A),
        w if w.eq_ignore_ascii_case("et") => Some(Conn::Et),
        _ => None,
    };
    if let Some(conn) = conn {
        let k = skip_hspace(text, e);
        if k > e {
            return Some((conn, k));
        }
    }
    let c = rest.chars().next()?;
    if matches!(c, '-' | '–' | '—') {
        let k = skip_hspace(text, j + c.len_utf8());
        // « 10 -20 » is a sign, not a range; « 10-20 » and « 10 - 20 » are ranges.
        if (j > i) != (k > j + c.len_utf8()) {
            return None;
        }
        if text[k..].chars().next().is_some_and(|c| c.is_ascii_digit() || is_alpha(c)) {
            return Some((Conn::Dash, k));
        }
    }
    None
}

/// The start of a range given its connector: « entre » for « et », an
/// optional « de » for « à », nothing for a dash. `None` when the range is
/// not well formed (« X et Y » without « entre »).
fn range_left(text: &str, first: usize, conn: Conn) -> Option<usize> {
    match conn {
        Conn::Et => phrase_before(text, first, "entre"),
        Conn::A => Some(phrase_before(text, first, "de").or_else(|| phrase_before(text, first, "d'")).unwrap_or(first)),
        Conn::Dash => Some(first),
    }
}

/// A change verb or noun shortly before byte `i` in the same sentence.
fn change_before(cx: &Context<'_>, i: usize) -> bool {
    let text = cx.text;
    let mut from = i.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let sent_start = sentence_of(cx, i).map_or(0, |r| r.start);
    let from = from.max(sent_start).min(i);
    crate::number::with_lowercase(&text[from..i], |window| {
        // The first bytes compared first: most words start like no stem.
        let is_change = |w: &str| {
            CHANGE_STEMS.iter().any(|s| w.as_bytes().first() == s.as_bytes().first() && w.starts_with(s))
                && w != "montant"
                && w != "montants"
        };
        // The last word and whether any word is a change, in one pass.
        let mut last = None;
        let mut any = false;
        for w in window.split(|c: char| !is_alpha(c)).filter(|w| !w.is_empty()) {
            any = any || is_change(w);
            last = Some(w);
        }
        match last {
            // « passé de 9,7 à 9,5 % »: from one value to the other.
            Some(w) if w.starts_with("pass") => true,
            // « progresse de 8 à 10 % », « abaissés de 10 à 15 % »: by that much.
            Some(w) if is_change(w) => false,
            // « la hausse de la commission de 20 à 25 % »: the rate moved.
            _ => any,
        }
    })
}

fn sentence_of<'a>(cx: &'a Context<'_>, i: usize) -> Option<&'a std::ops::Range<usize>> {
    let k = cx.sentences.partition_point(|r| r.start <= i);
    if k == 0 { None } else { cx.sentences.get(k - 1) }
}

/// True when the sentence of byte `i` (or the one before) speaks of
/// percentages, so that a bare « 4 points » is percentage points.
fn percent_context(cx: &Context<'_>, i: usize) -> bool {
    let k = cx.sentences.partition_point(|r| r.start <= i);
    let from = k.saturating_sub(2);
    let to = k.max(1).min(cx.sentences.len());
    let (a, b) = if cx.sentences.is_empty() {
        (0, cx.text.len())
    } else {
        (cx.sentences[from.min(to - 1)].start, cx.sentences[to - 1].end)
    };
    // At most a few hundred bytes around the number, so that a huge
    // sentence cannot make the check quadratic.
    let mut a = a.max(i.saturating_sub(400));
    let mut b = b.max(a).min(i + 400).min(cx.text.len());
    while !cx.text.is_char_boundary(a) {
        a += 1;
    }
    while !cx.text.is_char_boundary(b) {
        b -= 1;
    }
    let s = &cx.text[a..b.max(a)];
    s.contains('%') || s.contains("pour cent") || s.contains("taux") || s.contains("pourcentage") || s.contains("Taux")
        // « Le chômage a reculé de 0,3 point »: a rate's points.
        || ["chômage", "Chômage", "inflation", "Inflation"].iter().any(|w| s.contains(w))
}

/// After « un euro », « un dollar »: true when the phrase reads as an amount
/// (end of clause, « et ... centimes », « par », « symbolique »...), false
/// for an article (« un euro fort »).
fn article_amount(text: &str, end: usize) -> bool {
    let j = skip_hspace(text, end);
    let Some(c) = text[j..].chars().next() else { return true };
    if !is_alpha(c) {
        return true;
    }
    let e = crate::number::scale::word_end(text, j);
    crate::number::with_lowercase(&text[j..e], |w| {
        matches!(
            w,
            "symbolique"
                | "par"
                | "le"
                | "la"
                | "l"
                | "pour"
                | "et"
                | "chacun"
                | "chacune"
                | "seulement"
                | "pièce"
                | "près"
        )
    })
}

/// « de » / « d' » at byte `j` followed by a word: the start of that word.
fn de_after(text: &str, j: usize) -> Option<usize> {
    let rest = &text[j..];
    for p in ["de", "De"] {
        if let Some(r) = rest.strip_prefix(p)
            && r.starts_with(is_hspace)
        {
            return Some(skip_hspace(text, j + 2));
        }
    }
    for p in ["d'", "d’"] {
        if rest.starts_with(p) {
            return Some(j + p.len());
        }
    }
    None
}

/// `word` (case-insensitive) after optional spaces at byte `i`, ending at a
/// word boundary: the end of the word.
fn word_after(text: &str, i: usize, word: &str) -> Option<usize> {
    let j = skip_hspace(text, i);
    let e = crate::number::scale::word_end(text, j);
    let w = &text[j..e];
    // ASCII lowercases to ASCII only: a byte comparison.
    let same = if w.is_ascii() {
        w.eq_ignore_ascii_case(word)
    } else {
        w.chars().flat_map(char::to_lowercase).eq(word.chars())
    };
    (e > j && same).then_some(e)
}

/// « pour cent », « pour-cent », « pourcent », « p. 100 », « p.100 » at byte `j`.
fn percent_words(text: &str, j: usize) -> Option<usize> {
    let mut n = text.len().min(j + 16);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    let rest = &text[j..n];
    // Every form starts with « p » (only « p » and « P » lowercase to it).
    if rest.as_bytes().first().is_none_or(|&b| b | 0x20 != b'p') {
        return None;
    }
    for p in [
        "pour cent",
        "pour-cent",
        "pour\u{a0}cent",
        "pourcent",
        "pour 100",
        "p. 100",
        "p.100",
        "p.\u{a0}100",
        "p. cent",
        "p.cent",
    ] {
        if starts_with_lower(rest, p) {
            let e = j + p.len();
            let next = text.get(e..).and_then(|r| r.chars().next());
            if next.is_some_and(is_alnum) {
                continue;
            }
            // « 12 pour 100 000 habitants » is a rate, not a percentage.
            if p.ends_with("100") && crate::number::digits::parse_digits(text, e - 3).is_none_or(|d| d.end != e) {
                continue;
            }
            return Some(e);
        }
    }
    None
}

/// True when the lowercase form of `s` starts with `p` (`s.to_lowercase()`
/// without building it; `p` holds no « σ », the one letter whose lowercase
/// depends on its neighbours).
fn starts_with_lower(s: &str, p: &str) -> bool {
    let mut lower = s.chars().flat_map(char::to_lowercase);
    p.chars().all(|c| lower.next() == Some(c))
}

/// « point(s) de pourcentage » (returns end, false) or a bare « point(s) »
/// (returns end, true). « points de base » is not a percentage.
fn points_words(text: &str, j: usize) -> Option<(usize, bool)> {
    if !text[j..].starts_with("point") {
        return None;
    }
    let e = crate::number::scale::word_end(text, j);
    let w = &text[j..e];
    if w != "point" && w != "points" {
        return None;
    }
    if let Some(k) = de_after(text, skip_hspace(text, e)) {
        let e2 = crate::number::scale::word_end(text, k);
        match &text[k..e2] {
            "pourcentage" => return Some((e2, false)),
            "base" => return None,
            "pour" => {
                if let Some(e3) = word_after(text, e2, "cent") {
                    return Some((e3, false));
                }
            }
            _ => {}
        }
    }
    Some((e, true))
}

/// Tokens for currency lookup from byte `j`: runs of letters (with inner
/// hyphens) or single symbols, separated by horizontal spaces.
fn cur_tokens(text: &str, mut j: usize, max: usize) -> Toks {
    let mut out = Toks { spans: [(0, 0); MAX_CUR_TOKENS], len: 0 };
    let max = max.min(MAX_CUR_TOKENS);
    while out.len < max {
        let Some(c) = char_at(text, j) else { break };
        let start = j;
        if is_alpha(c) {
            // Letters, and hyphens between letters.
            let mut k = j;
            loop {
                match char_at(text, k) {
                    Some(ch) if is_alpha(ch) => k += ch.len_utf8(),
                    Some('-') if char_at(text, k + 1).is_some_and(is_alpha) => k += 1,
                    _ => break,
                }
            }
            j = k;
        } else if c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '«' | '»' | '"')
        {
            break;
        } else {
            j += c.len_utf8();
        }
        out.spans[out.len] = (start, j);
        out.len += 1;
        if out.len == max {
            break;
        }
        let k = skip_hspace(text, j);
        // Tokens may be separated by spaces; a symbol may be glued.
        j = k;
    }
    out
}

/// Most tokens [`cur_tokens`] reads (the longest currency form has fewer).
const MAX_CUR_TOKENS: usize = 5;

/// Up to [`MAX_CUR_TOKENS`] token spans, without allocating.
struct Toks {
    spans: [(usize, usize); MAX_CUR_TOKENS],
    len: usize,
}

impl std::ops::Deref for Toks {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        &self.spans[..self.len]
    }
}

/// Normalizes a currency form: lowercase, ’ → ', runs of horizontal spaces
/// → one space.
fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_key_into(s, &mut out);
    out
}

/// [`normalize_key`] into `out` (appended).
fn normalize_key_into(s: &str, out: &mut impl Extend<char>) {
    let mut space = false;
    let mut empty = true;
    for c in s.chars() {
        if is_hspace(c) {
            space = true;
            continue;
        }
        if space && !empty {
            out.extend(Some(' '));
        }
        space = false;
        empty = false;
        match c {
            '’' => out.extend(Some('\'')),
            c if c.is_ascii() => out.extend(Some(c.to_ascii_lowercase())),
            c => match crate::number::simple_lowercase(c) {
                Some(l) => out.extend(Some(l)),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
}

/// Calls `f` with [`normalize_key`] of `s`, built on the stack when it is
/// short (every currency form is): lookups in the hot paths do not allocate.
fn with_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = s.as_bytes();
    // Already a key: lowercase ASCII, single spaces inside only.
    if s.is_ascii()
        && !b.iter().any(|&c| c.is_ascii_uppercase() || c == b'\t')
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
    {
        return f(s);
    }
    let mut buf = KeyBuf { bytes: [0; KeyBuf::CAP], len: 0, overflow: false };
    if s.len() <= KeyBuf::CAP && s.is_ascii() {
        // ASCII: bytes lowercased, runs of spaces and tabs as one space
        // (none first nor last), as `normalize_key_into` does.
        let mut space = false;
        for &c in s.as_bytes() {
            if c == b' ' || c == b'\t' {
                space = true;
                continue;
            }
            if space && buf.len > 0 {
                buf.bytes[buf.len] = b' ';
                buf.len += 1;
            }
            space = false;
            buf.bytes[buf.len] = c.to_ascii_lowercase();
            buf.len += 1;
        }
    } else {
        normalize_key_into(s, &mut buf);
    }
    match std::str::from_utf8(&buf.bytes[..buf.len]) {
        Ok(key) if !buf.overflow => f(key),
        _ => f(&normalize_key(s)),
    }
}

/// A fixed buffer of UTF-8 text for [`with_key`]; `overflow` when a
/// character did not fit.
struct KeyBuf {
    bytes: [u8; KeyBuf::CAP],
    len: usize,
    overflow: bool,
}

impl KeyBuf {
    const CAP: usize = 48;
}

impl Extend<char> for KeyBuf {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            let n = c.len_utf8();
            if self.overflow || self.len + n > Self::CAP {
                self.overflow = true;
                return;
            }
            c.encode_utf8(&mut self.bytes[self.len..self.len + n]);
            self.len += n;
        }
    }
}

/// `phrase` (lowercase; a space matches any run of horizontal spaces; '
/// matches ’) ending just before byte `i` (spaces skipped), at a word
/// boundary: its start.
fn phrase_before(text: &str, i: usize, phrase: &str) -> Option<usize> {
    let j = if phrase.ends_with('\'') { i } else { skip_hspace_back(text, i) };
    if phrase.ends_with('\'') && j != i {
        return None;
    }
    if !phrase.ends_with('\'') && j == i {
        return None;
    }
    let mut k = j;
    for p in phrase.chars().rev() {
        if p == ' ' {
            let back = skip_hspace_back(text, k);
            if back == k {
                return None;
            }
            k = back;
            continue;
        }
        let c = char_before(text, k)?;
        let ok = if p == '\'' { c == '\'' || c == '’' } else { lower_is(c, p) };
        if !ok {
            return None;
        }
        k -= c.len_utf8();
    }
    if char_before(text, k).is_some_and(is_alnum) {
        return None;
    }
    Some(k)
}

impl Qualifiers {
    fn new() -> Self {
        let mut q = Qualifiers {
            by_last_word: FxHashMap::default(),
            apostrophe: Vec::new(),
            reversed: QUALIFIERS.iter().map(|(p, _)| p.chars().rev().collect()).collect(),
        };
        for (k, &(p, _)) in QUALIFIERS.iter().enumerate() {
            if p.ends_with('\'') {
                q.apostrophe.push(k);
            } else {
                let last = p.rfind([' ', '\'']).map_or(p, |s| &p[s + 1..]);
                q.by_last_word.entry(last).or_default().push(k);
            }
        }
        q
    }

    /// A qualifier ending just before byte `i`.
    fn before(&self, text: &str, i: usize) -> Option<(usize, Qual)> {
        // A cheap test first, the full backward scan after: most figures
        // have no qualifier at all. A phrase ending with an apostrophe must
        // end right at `i`. Any other needs spaces before `i`, and its last
        // word must be the whole run of letters and digits before those
        // spaces: `phrase_before` matches it letter by letter (only letters
        // lowercase to letters) and then wants a space, an apostrophe or a
        // word boundary.
        let j = skip_hspace_back(text, i);
        let before = char_before(text, j)?;
        let candidates = if j == i {
            if before != '\'' && before != '’' {
                return None;
            }
            &self.apostrophe
        } else {
            let mut k = j;
            while let Some(c) = char_before(text, k)
                && is_alnum(c)
            {
                k -= c.len_utf8();
                if j - k > MAX_QUALIFIER_WORD {
                    return None;
                }
            }
            // Lowercased as a whole, the run equals the last word whenever
            // `phrase_before` can match it (it may equal it more often).
            crate::number::with_lowercase(&text[k..j], |run| self.by_last_word.get(run))?
        };
        // The phrases compared with the text read backwards once, as
        // `phrase_before` would compare them one by one.
        let tail = Tail::before(text, j);
        candidates.iter().find_map(|&k| tail.ends_with(text, &self.reversed[k]).map(|s| (s, QUALIFIERS[k].1)))
    }
}

/// More bytes than the last word of any qualifier (17 letters), even
/// written with 4-byte characters.
const MAX_QUALIFIER_WORD: usize = 17 * 4;

/// True when `c` lowercases to exactly the single character `p`.
fn lower_is(c: char, p: char) -> bool {
    if c.is_ascii() { c.to_ascii_lowercase() == p } else { c.to_lowercase().eq(std::iter::once(p)) }
}

/// The unit of a per-unit figure after byte `i` (not part of the span).
fn per_after(text: &str, i: usize, percent: bool) -> Option<String> {
    let j = skip_hspace(text, i);
    let rest = &text[j..];
    if let Some(r) = rest.strip_prefix('/') {
        let e = crate::number::scale::word_end(r, 0);
        if e > 0 {
            return Some(r[..e].to_string());
        }
        return None;
    }
    if j == i {
        return None;
    }
    let e = crate::number::scale::word_end(text, j);
    crate::number::with_lowercase(&text[j..e], |w| per_word(text, w, e, percent))
}

/// [`per_after`] once the word after the figure (`w`, lowercase, ending at
/// byte `e`) is read.
fn per_word(text: &str, w: &str, e: usize, percent: bool) -> Option<String> {
    match w {
        "par" => {
            let k = skip_hspace(text, e);
            let e2 = crate::number::scale::word_end(text, k);
            let not_per = crate::number::with_lowercase(&text[k..e2], |unit| NOT_PER.contains(&unit));
            if e2 > k && k > e && !not_per {
                return Some(text[k..e2].to_string());
            }
            None
        }
        "le" | "la" | "l" => {
            let mut k = skip_hspace(text, e);
            if w == "l" {
                if !text[e..].starts_with(['\'', '’']) {
                    return None;
                }
                k = e + text[e..].chars().next().map_or(1, char::len_utf8);
            }
            let e2 = crate::number::scale::word_end(text, k);
            crate::number::with_lowercase(&text[k..e2], |unit| {
                // « 3 % l'an » is a yearly rate; « 50 euros l'an dernier » is a date.
                if percent && unit == "an" && !text[e2..].trim_start_matches(is_hspace).starts_with(['d', 'p']) {
                    return Some(unit.to_string());
                }
                PER_NOUNS.contains(&unit).then(|| text[k..e2].to_string())
            })
        }
        "annuel" | "annuels" | "annuelle" | "annuelles" => Some("an".into()),
        "mensuel" | "mensuels" | "mensuelle" | "mensuelles" => Some("mois".into()),
        "hebdomadaire" | "hebdomadaires" => Some("semaine".into()),
        "journalier" | "journaliers" | "quotidien" | "quotidiens" => Some("jour".into()),
        "de" => {
            let k = skip_hspace(text, e);
            let r = &text[k..];
            for (p, u) in [("l'heure", "heure"), ("l’heure", "heure")] {
                if r.starts_with(p) {
                    return Some(u.into());
                }
            }
            None
        }
        _ => None,
    }
}

/// Test helper for the rule files: the figures of `kind` in `text` (default
/// settings), with their values rendered as `value` or `min..max`.
#[cfg(test)]
pub(crate) fn found(text: &str, kind: Kind) -> Vec<(Mention, String)> {
    let settings = Settings::default();
    let grammar = Grammar::new(&settings).unwrap();
    let sentences = crate::text::split_sentences(text);
    let cx = Context::new(text, &sentences, &settings);
    let mut out = Vec::new();
    grammar.extract(&cx, kind, &mut out);
    out.into_iter()
        .map(|m| {
            let v = match (m.value, m.min, m.max) {
                (Some(v), _, _) => crate::extract::format_decimal(v),
                (None, Some(a), Some(b)) => {
                    format!("{}..{}", crate::extract::format_decimal(a), crate::extract::format_decimal(b))
                }
                _ => "?".into(),
            };
            (m, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_sorted_and_unique() {
        let map = parse_currencies(CURRENCIES_TSV).unwrap();
        assert!(map.len() > 300);
        let codes: std::collections::BTreeSet<_> = map.values().filter_map(|c| c.code).collect();
        assert!(codes.len() >= 60, "{} currencies", codes.len());
        let lines: Vec<&str> = CURRENCIES_TSV.lines().filter(|l| !l.starts_with('#')).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(lines, sorted, "currencies.tsv must be sorted and unique");
    }

    #[test]
    fn phrases_before() {
        let at = |s: &str| s.len() - 1;
        assert_eq!(phrase_before("près de 4", at("près de 4"), "près de"), Some(0));
        assert_eq!(phrase_before("Près\u{a0}de 4", at("Près\u{a0}de 4"), "près de"), Some(0));
        assert_eq!(phrase_before("d’au moins 4", at("d’au moins 4"), "au moins"), Some(4));
        assert_eq!(phrase_before("jusqu’à 4", at("jusqu’à 4"), "jusqu'à"), Some(0));
        // Negative: inside a word, or no space.
        assert_eq!(phrase_before("apprès de 4", at("apprès de 4"), "près de"), None);
        assert_eq!(phrase_before("près de4", at("près de4"), "près de"), None);
        let q = Qualifiers::new();
        assert_eq!(q.before("au moins 4", 9).map(|x| x.1), Some(Qual::Min));
        assert_eq!(q.before("plus ou moins 4", 14).map(|x| x.1), Some(Qual::Approx));
        assert_eq!(q.before("jusqu’à 4", "jusqu’à ".len()).map(|x| x.1), Some(Qual::Max));
        assert_eq!(q.before("PLUS D’4", "PLUS D’".len()).map(|x| x.1), Some(Qual::Min));
        assert_eq!(q.before("Près\u{a0}de 4", "Près\u{a0}de ".len()).map(|x| x.1), Some(Qual::Approx));
        // Negative: no qualifier, a word ending like one, no space.
        assert_eq!(q.before("soit 4", 5), None);
        assert_eq!(q.before("commoins 4", 9), None);
        assert_eq!(q.before("plus de4", 7), None);
    }

    fn run_all(s: &str) -> Vec<Mention> {
        static G: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
        let settings = Settings::default();
        let g = G.get_or_init(|| Grammar::new(&settings).unwrap());
        let sentences = crate::text::split_sentences(s);
        let cx = Context::new(s, &sentences, &settings);
        let mut out = Vec::new();
        g.extract(&cx, Kind::Money, &mut out);
        g.extract(&cx, Kind::Percent, &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,80}") {
            for m in &run_all(&s) {
                proptest::prop_assert!(m.start < m.end && m.end <= s.len());
            }
        }

        #[test]
        fn never_panics_and_spans_are_sound(s in "[0-9 ,.'’\u{a0}\u{202f}%$€£+\\-−–a-zéèàkKMdGs]{0,40}( (de|et|à|entre|un|une|vingt|cent|mille|millions|milliards|euros|dollars|pour cent|points?|environ|plus de|francs|couronnes|Mds|M€|k€|USD|CHF) [0-9 ,.%$€]{0,8}){0,6}") {
            for m in &run_all(&s) {
                proptest::prop_assert!(m.start < m.end && m.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                proptest::prop_assert!(m.value.is_some() != (m.min.is_some() && m.max.is_some()));
            }
        }
    }

    #[test]
    fn qualifier_last_words_are_whole_words() {
        // `Qualifiers::before` finds a qualifier by the run of letters and
        // digits before the number: every last word must be such a run.
        for (p, _) in QUALIFIERS {
            let last = p.rfind([' ', '\'']).map_or(*p, |s| &p[s + 1..]);
            assert!(p.ends_with('\'') || (!last.is_empty() && alnum_end(last, 0) == last.len()), "{p}");
            // A run that may match it is at most 4 bytes a letter.
            assert!(last.chars().count() * 4 <= MAX_QUALIFIER_WORD, "{p}");
        }
    }

    #[test]
    fn cues_never_hide_each_other() {
        let is_alnum_at = |s: &str, i: usize| s[i..].chars().next().is_some_and(char::is_alphanumeric);
        for (a, _, _) in CUES.iter() {
            for (b, _, _) in CUES.iter() {
                // No cue is another followed by more words.
                assert!(a == b || !b.starts_with(a) || is_alnum_at(b, a.len()), "{a} / {b}");
            }
            // No cue starts like the rest of a cue after one of its inner
            // spaces, hyphens or apostrophes.
            for (i, c) in a.char_indices().filter(|&(_, c)| !c.is_alphanumeric()) {
                let rest = &a[i + c.len_utf8()..];
                for (b, _, _) in CUES.iter() {
                    assert!(!rest.starts_with(b) && !b.starts_with(rest), "{a} / {b}");
                }
            }
        }
    }

    /// The cues a leftmost-longest search of all of them finds at word
    /// boundaries (how they were found before `find_cues`).
    fn cues_by_automaton(text: &str) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(CUES.iter().map(|c| c.0))
            .unwrap();
        ac.find_iter(text)
            .filter(|m| {
                !text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric)
                    && !text[m.end()..].chars().next().is_some_and(char::is_alphanumeric)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn cues_found_at_word_boundaries() {
        let g = Grammar::new(&Settings::default()).unwrap();
        for text in [
            "Le Canada et les États-Unis, pas le Canadair ni Tunisie/Tunis.",
            "xNew York, New Yorkais, Côte d’Ivoire, Arabie saoudite2, Royaume-Unis",
            "Wall Street Wall Streets suisses suisse Suisse-Zurich",
        ] {
            assert_eq!(g.find_cues(text).collect::<Vec<_>>(), cues_by_automaton(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn cues_as_the_automaton_finds_them(s in "((Canada|canadien|Tunis|Tunisie|New York|York|Wall Street|Côte d’Ivoire|États-Unis|Unis|Arabie saoudite|saoudien|Royaume-Uni|Suisse|suisses|Mali|Oman|x|é|1|ns) ?[ ,'’-]?){0,12}") {
            static G: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
            let g = G.get_or_init(|| Grammar::new(&Settings::default()).unwrap());
            proptest::prop_assert_eq!(g.find_cues(&s).collect::<Vec<_>>(), cues_by_automaton(&s));
        }
    }

    #[test]
    fn per_units() {
        assert_eq!(per_after(" par mois", 0, false).as_deref(), Some("mois"));
        assert_eq!(per_after(" le baril", 0, false).as_deref(), Some("baril"));
        assert_eq!(per_after("/an", 0, false).as_deref(), Some("an"));
        assert_eq!(per_after(" annuel", 0, false).as_deref(), Some("an"));
        // Negative: « par la suite », « le lendemain ».
        assert_eq!(per_after(" par la suite", 0, false), None);
        assert_eq!(per_after(" le lendemain", 0, false), None);
    }
}
