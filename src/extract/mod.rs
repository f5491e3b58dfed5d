//! Extractors and the internal mention type.
//!
//! Extractors run in a fixed order (see [`crate::Pipeline`]): figures first
//! (money, then percentages, both built on [`crate::number`]), then names
//! (people, organizations, places). Each extractor sees the mentions found
//! before it in `out`, so later extractors can avoid or build on them.
//! Every mention records the rule that produced it.

pub mod ellipsis;
pub mod figure;
pub mod link;
pub mod money;
pub mod names;
pub mod number;
pub mod organization;
pub mod percent;
pub mod person;
pub mod place;
pub mod resolve;
pub mod symbols;
pub mod tagger;

use std::cell::RefCell;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::pipeline::Settings;
use crate::record::{Bound, Kind, Measure};

/// What an extractor sees of one article: the text, its sentences, the
/// pipeline settings, and the figures once found.
pub struct Context<'a> {
    /// The article text — or its normalized copy when it holds decomposed
    /// accents or invisible characters ([`crate::normalize`]); mention offsets
    /// are byte indexes into it, and the pipeline maps them back to the original.
    pub text: &'a str,
    /// Sentence spans (byte ranges), in order.
    pub sentences: &'a [Range<usize>],
    /// The pipeline settings (locale...).
    pub settings: &'a Settings,
    /// The figures found by the scan and not yet taken by their extractor.
    figures: RefCell<Option<Vec<Mention>>>,
}

impl<'a> Context<'a> {
    /// Builds a context over `text` split into `sentences`.
    pub fn new(text: &'a str, sentences: &'a [Range<usize>], settings: &'a Settings) -> Self {
        Context { text, sentences, settings, figures: RefCell::new(None) }
    }

    /// Moves the article's figures of kind `kind` to `out`, in text order.
    /// The figures (money and percentages) are found once, by `scan`, for
    /// the first figure extractor that asks; each extractor then takes its
    /// own, without copies.
    pub fn take_figures(&self, kind: Kind, scan: impl FnOnce() -> Vec<Mention>, out: &mut Vec<Mention>) {
        let mut figures = self.figures.borrow_mut();
        let figures = figures.get_or_insert_with(scan);
        out.extend(figures.extract_if(.., |m| m.kind == kind));
    }
}

/// A mention found by an extractor, with byte offsets into the original
/// text. The pipeline turns mentions into output [`crate::record::Entity`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// What was found.
    pub kind: Kind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The rule that produced the mention (`money.number_currency`...).
    pub rule: &'static str,
    /// Exact value (money, percent).
    pub value: Option<Decimal>,
    /// Range minimum.
    pub min: Option<Decimal>,
    /// Range maximum.
    pub max: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// Currency guessed from context.
    pub currency_inferred: bool,
    /// « environ », « près de »...
    pub approx: bool,
    /// « plus de » / « moins de ».
    pub bound: Option<Bound>,
    /// Percentage points.
    pub points: bool,
    /// Per-unit amount's unit, as written.
    pub per: Option<String>,
    /// A change over time written as a range.
    pub change: bool,
    /// The full name the mention refers to.
    pub canonical: Option<String>,
    /// A person's role.
    pub role: Option<String>,
    /// The organization of a person's role.
    pub organization: Option<String>,
    /// A value that is not a number: the code a user rule read (an ISIN
    /// `"FR0000120271"`, a ticker `"AIR"`); written as the entity's `value`.
    pub value_text: Option<String>,
    /// A change's first value as written (« de 9,7 à 9,5 % » → 9.7).
    pub from: Option<Decimal>,
    /// A change's second value as written.
    pub to: Option<Decimal>,
    /// A period resolved against the article's date.
    pub relative: bool,
    /// Facts: index (in the final, resolved list) of the figure's subject.
    pub subject: Option<usize>,
    /// Facts: index of the figure's period.
    pub period: Option<usize>,
    /// Facts: what the figure measures.
    pub measure: Option<Measure>,
}

impl Mention {
    /// A mention of `kind` over `start..end` (bytes) made by `rule`, with no
    /// other attribute set.
    pub fn new(kind: Kind, start: usize, end: usize, rule: &'static str) -> Self {
        Mention {
            kind,
            start,
            end,
            rule,
            value: None,
            min: None,
            max: None,
            currency: None,
            currency_inferred: false,
            approx: false,
            bound: None,
            points: false,
            per: None,
            change: false,
            canonical: None,
            role: None,
            organization: None,
            value_text: None,
            from: None,
            to: None,
            relative: false,
            subject: None,
            period: None,
            measure: None,
        }
    }

    /// True for a period written as a comparison (« un an plus tôt », « le
    /// trimestre précédent »): it dates another figure than the paragraph's.
    pub fn text_is_comparison(&self, text: &str) -> bool {
        let t = &text[self.start..self.end];
        t.contains("plus tôt") || t.contains("auparavant") || t.contains("précédent") || t.contains("d'avant")
    }

    /// The byte range of the mention.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the two mentions share at least one byte.
    pub fn overlaps(&self, other: &Mention) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Formats a decimal for output: no exponent, no trailing zeros after the
/// point, no point when the value is whole (`3.50` → `"3.5"`, `3500000000.0`
/// → `"3500000000"`).
///
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(depeche::extract::format_decimal(Decimal::from_str("3500000000.0").unwrap()), "3500000000");
/// assert_eq!(depeche::extract::format_decimal(Decimal::from_str("-2.10").unwrap()), "-2.1");
/// ```
pub fn format_decimal(d: Decimal) -> String {
    // The digits of the mantissa, then the point put back and the trailing
    // zeros of the fraction dropped: what `d.normalize().to_string()` gives,
    // without normalize's 96-bit divisions (a property test compares both).
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(d.mantissa().unsigned_abs());
    if digits == "0" {
        return "0".to_string();
    }
    let scale = d.scale() as usize;
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if d.is_sign_negative() {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(digits);
        return out;
    }
    let (int, frac) = if digits.len() > scale { digits.split_at(digits.len() - scale) } else { ("", digits) };
    out.push_str(if int.is_empty() { "0" } else { int });
    let frac_zeros = scale - frac.len();
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.extend(std::iter::repeat_n('0', frac_zeros));
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast formatting is exactly rust_decimal's normalized form.
        #[test]
        fn format_decimal_is_normalize_to_string(lo in proptest::prelude::any::<u32>(), mid in proptest::prelude::any::<u32>(), hi in proptest::prelude::any::<u32>(), negative in proptest::prelude::any::<bool>(), scale in 0u32..=28, small in 0u32..3) {
            // Small mantissas half of the time, so that the leading-zero
            // paths (0.05, 0.000123) are well covered.
            let (mid, hi, lo) = if small > 0 { (0, 0, lo % 10u32.pow(small * 3)) } else { (mid, hi, lo) };
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let n = d.normalize();
            let want = if n.is_zero() { "0".to_string() } else { n.to_string() };
            proptest::prop_assert_eq!(format_decimal(d), want, "{:?}", d);
        }
    }
}
