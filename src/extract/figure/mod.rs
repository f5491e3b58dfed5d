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

mod cues;
mod currency;
mod per;
mod qualifier;
mod range;
mod scan;
mod unit;

use std::cell::OnceCell;

use rust_decimal::Decimal;

use self::cues::{CueIndex, Cues};
use self::currency::Currencies;
use self::per::per_after;
use self::qualifier::{Qual, Qualifiers};
use self::range::{Conn, Num, change_before, connector_after, range_left, read_signed, sign_before};
use self::unit::{Unit, UnitMatch, article_amount, percent_context, word_after};
use super::{Context, Mention};
use crate::Result;
pub use crate::lexicon::{CURRENCIES_TSV, Class, Currency, parse_currencies};
use crate::lexicon::{CurrencyCue, CurrencyTable, Lexicons};
use crate::locale::Locale;
use crate::number::{Quantity, read_quantity};
use crate::pipeline::Settings;
use crate::record::{Bound, Kind};

/// The figure grammar, built once.
#[derive(Debug)]
pub struct Grammar {
    currencies: Currencies,
    cues: CueIndex,
    qualifiers: Qualifiers,
    locale: Locale,
}

/// The number a figure starts with and what is written right around it.
struct Head {
    /// The number, with its sign.
    n: Num,
    /// A currency before it: its start and the currency.
    prefix: Option<(usize, Currency)>,
    /// Its unit after it.
    unit: Option<UnitMatch>,
}

/// A figure being read: its span, unit, rule and values.
struct Draft {
    start: usize,
    end: usize,
    rule: &'static str,
    unit: Unit,
    /// A range's bounds, lowest first.
    range: Option<(Decimal, Decimal)>,
    /// A range that is a change over time.
    change: bool,
    range_conn: Option<Conn>,
    value: Decimal,
    /// The unit is a minor one (« 23 centimes »).
    minor_class: bool,
    /// Minor units follow the major one (« 1 euro et 23 centimes »).
    with_minor: bool,
}

impl Draft {
    fn new(start: usize, end: usize, rule: &'static str, unit: Unit, value: Decimal) -> Self {
        Draft {
            start,
            end,
            rule,
            unit,
            range: None,
            change: false,
            range_conn: None,
            value,
            minor_class: false,
            with_minor: false,
        }
    }
}

impl Grammar {
    /// Builds the grammar on the built-in currency table and compiles the
    /// article cues.
    ///
    /// # Errors
    /// A malformed built-in lexicon line (checked by the tests).
    pub fn new(settings: &Settings) -> Result<Self> {
        let cues = crate::lexicon::parse_currency_cues(crate::lexicon::CURRENCY_CUES_TSV)?;
        Ok(Self::with_tables(settings, parse_currencies(CURRENCIES_TSV)?, cues))
    }

    /// Builds the grammar on the currency table and the article cues of
    /// `lexicons` (the built-in ones as a user folder extends or replaces
    /// them).
    pub fn with_lexicons(settings: &Settings, lexicons: &Lexicons) -> Self {
        Self::with_tables(settings, lexicons.currencies.clone(), lexicons.currency_cues.clone())
    }

    fn with_tables(settings: &Settings, currencies: CurrencyTable, cues: Vec<CurrencyCue>) -> Self {
        Grammar {
            currencies: Currencies::new(currencies),
            cues: CueIndex::new(cues),
            qualifiers: Qualifiers::new(),
            locale: settings.locale,
        }
    }

    /// Finds every figure of kind `want` in the article and pushes it to `out`.
    pub fn extract(&self, cx: &Context<'_>, want: Kind, out: &mut Vec<Mention>) {
        cx.take_figures(want, || self.scan(cx), out);
    }

    /// Reads the figure whose number starts at byte `s`. `Err(next)` gives
    /// the byte where scanning resumes.
    fn figure_at(&self, cx: &Context<'_>, s: usize, cues: &OnceCell<Cues>) -> std::result::Result<Mention, usize> {
        let head = self.head(cx, s)?;
        let mut f = match (head.prefix.filter(|_| head.unit.is_none_or(|u| u.glued_ok)), head.unit) {
            (Some(prefix), _) => prefixed(&head, prefix),
            (None, Some(u)) => self.with_unit(cx, &head, u),
            (None, None) => self.shared_unit(cx, &head)?,
        };
        self.add_minor(cx.text, &mut f);
        self.check_unit(cx, s, &head.n.q, &f, cues)?;
        if f.minor_class && f.range.is_none() {
            f.value /= Decimal::from(100);
        }
        let (approx, bound) = self.qualify(cx, &head.n.q, &mut f);
        Ok(self.mention(cx.text, f, approx, bound, cues))
    }

    /// The number at byte `s`, its sign, and the currency or unit around it.
    fn head(&self, cx: &Context<'_>, s: usize) -> std::result::Result<Head, usize> {
        let text = cx.text;
        let mut q1 = read_quantity(text, s, true).ok_or(s + 1)?;
        // Sign before the number.
        let (sign_start, negative) = sign_before(text, s);
        // Currency before the number.
        let prefix = self.currencies.prefix_currency(text, sign_start);
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
        let value = if negative { -q1.value } else { q1.value };
        Ok(Head { n: Num { start: sign_start, q: q1, value }, prefix, unit })
    }

    /// A figure with its own unit after the number, or a range of two
    /// (« entre 10 euros et 20 euros », « de 2500 $ à 25 000 $ », « 10 € - 20 € »).
    fn with_unit(&self, cx: &Context<'_>, head: &Head, u: UnitMatch) -> Draft {
        let text = cx.text;
        let n1 = &head.n;
        let rule = match u.unit {
            Unit::Money(_) if u.minor => "money.minor_unit",
            Unit::Money(_) => "money.number_currency",
            Unit::Percent { points: true, .. } => "percent.points",
            Unit::Percent { .. } => "percent.number_percent",
        };
        let mut f = Draft::new(n1.start, u.end, rule, u.unit, n1.value);
        f.minor_class = u.minor;
        if let Some((conn, cend)) = connector_after(text, u.end)
            && let Some(n2) = read_signed(text, cend)
            && let Some(u2) = self.unit_after(cx, &n2.q, n2.q.end, false)
            && u2.unit.same(&u.unit)
            && !u2.minor
            && n1.value <= n2.value
        {
            let left = range_left(text, n1.start, conn);
            let is_change = left.is_some() && change_before(cx, left.unwrap_or(f.start));
            if let Some(l) = left
                && !is_change
            {
                f.start = l;
                f.range_conn = Some(conn);
                f.range = Some((n1.value, n2.value));
                f.end = u2.end;
                f.rule = if u.unit.kind() == Kind::Money { "money.range" } else { "percent.range" };
            }
        }
        f
    }

    /// Two numbers sharing the unit after the second: « entre 60 et 65
    /// milliards de dollars », « de 10 à 12 % ».
    fn shared_unit(&self, cx: &Context<'_>, head: &Head) -> std::result::Result<Draft, usize> {
        let text = cx.text;
        let (n1, q1) = (&head.n, &head.n.q);
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
        let change = conn == Conn::A && left < n1.start && change_before(cx, left);
        if lo > hi && !change {
            return Err(q1.end);
        }
        if q1.plain_int && q1.value >= Decimal::from(1000) && q1.value <= Decimal::from(2100) && n2.q.scale == 0 {
            // « de 2015 à 2020 »: years, not figures.
            return Err(q1.end);
        }
        let rule = if u2.unit.kind() == Kind::Money { "money.range" } else { "percent.range" };
        let mut f = Draft::new(left, u2.end, rule, u2.unit, n1.value);
        f.change = change;
        f.range_conn = Some(conn);
        f.range = Some(if lo <= hi { (lo, hi) } else { (hi, lo) });
        Ok(f)
    }

    /// Minor units after the major one: « 1 euro et 23 centimes », « 5€50 ».
    fn add_minor(&self, text: &str, f: &mut Draft) {
        if let Unit::Money(_) = f.unit
            && f.range.is_none()
            && !f.minor_class
            && let Some((cents, e)) = self.currencies.minor_after(text, f.end)
        {
            f.value += if f.value.is_sign_negative() { -cents } else { cents };
            f.end = e;
            f.with_minor = true;
        }
    }

    /// Checks on the unit: a bare « points » needs percentages around it,
    /// « un euro » must read as an amount, « livres » need a cue.
    fn check_unit(
        &self,
        cx: &Context<'_>,
        s: usize,
        q1: &Quantity,
        f: &Draft,
        cues: &OnceCell<Cues>,
    ) -> std::result::Result<(), usize> {
        let reject = match f.unit {
            Unit::Percent { bare_points: true, .. } => !percent_context(cx, s) || q1.article_only,
            Unit::Percent { .. } => false,
            Unit::Money(cur) => {
                (f.range.is_none() && q1.article_only && !f.with_minor && !article_amount(cx.text, f.end))
                    || (cur.group == Some("livre")
                        && (q1.article_only || q1.approx || self.resolve(cx.text, cur, cues).0.is_none()))
            }
        };
        if reject { Err(q1.end) } else { Ok(()) }
    }

    /// Qualifiers before the figure, « pile » after it, and whether a range
    /// is a change over time: the span grows to hold them.
    fn qualify(&self, cx: &Context<'_>, q1: &Quantity, f: &mut Draft) -> (bool, Option<Bound>) {
        let text = cx.text;
        let mut approx = q1.approx;
        let mut bound = None;
        if let Some((qs, qual)) = self.qualifiers.before(text, f.start) {
            f.start = qs;
            match qual {
                Qual::Approx => approx = true,
                Qual::Min => bound = Some(Bound::Min),
                Qual::Max => bound = Some(Bound::Max),
                Qual::Exact => {}
            }
        }
        if let Some(e) = word_after(text, f.end, "pile") {
            f.end = e;
        }
        if f.range.is_some() && !f.change {
            f.change =
                f.range_conn == Some(Conn::A) && text[f.start..].starts_with(['d', 'D']) && change_before(cx, f.start);
        }
        (approx, bound)
    }

    /// The mention of a figure read, its currency resolved.
    fn mention(&self, text: &str, f: Draft, approx: bool, bound: Option<Bound>, cues: &OnceCell<Cues>) -> Mention {
        let per = per_after(text, f.end, f.unit.kind() == Kind::Percent);
        let mut m = Mention::new(f.unit.kind(), f.start, f.end, f.rule);
        match f.range {
            Some((lo, hi)) => {
                m.min = Some(lo);
                m.max = Some(hi);
            }
            None => m.value = Some(f.value),
        }
        m.approx = approx;
        m.bound = bound;
        m.change = f.change && f.range.is_some();
        m.per = per;
        match f.unit {
            Unit::Money(cur) => {
                let (code, inferred) = self.resolve(text, cur, cues);
                m.currency = code.map(str::to_string);
                m.currency_inferred = inferred;
            }
            Unit::Percent { points, .. } => m.points = points,
        }
        m
    }
}

/// « $100 », « USD 100 », « CHF 12.50 »: a currency before the number.
/// (« $10 à $20 », « $10-20 »: not read as ranges, rare in French.)
fn prefixed(head: &Head, (pstart, cur): (usize, Currency)) -> Draft {
    let end = match &head.unit {
        Some(u) if u.glued_ok && matches!(u.unit, Unit::Money(_)) => u.end,
        _ => head.n.q.end,
    };
    Draft::new(pstart.min(head.n.start), end, "money.currency_number", Unit::Money(cur), head.n.value)
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
}
