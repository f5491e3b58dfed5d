//! Rewriting an article with its spelled-out numbers in digits, French
//! typography, everything else byte for byte (`--format text --rewrite
//! numbers`), with the alignment back to the original.
//!
//! * numbers: « vingt-six » → « 26 », « trois virgule cinq » → « 3,5 »,
//!   « moins quinze » → « -15 »; a final scale word of a million or more is
//!   kept (« vingt-six milliards » → « 26 milliards », « deux virgule cinq
//!   millions » → « 2,5 millions »); 10 000 and more are grouped by
//!   narrow no-break spaces (« cent vingt mille » → « 120 000 »);
//! * ordinals: « premier » → « 1er », « première » → « 1re », « second » →
//!   « 2d », « seconde » → « 2de », « vingt-et-unième » → « 21e »,
//!   plurals « 1ers », « 1res », « 2es » — only where the number reader
//!   takes the word for an ordinal (not « une seconde », « Premier ministre »);
//! * left as written: numbers already in digits, approximate nouns (« une
//!   quinzaine »), fractions (« trois cinquièmes »), « un »/« une » as articles.
//!
//! The numbers are those of [`crate::extract::number`] (the same reader),
//! read everywhere, inside money and percentages too.
//!
//! ```
//! let r = depeche::rewrite::rewrite_numbers("Il a levé vingt-six milliards au premier trimestre.");
//! assert_eq!(r.text, "Il a levé 26 milliards au 1er trimestre.");
//! // Byte ranges: « vingt-six » at 11..20 (« levé » has a two-byte « é »), « 26 » at 11..13.
//! assert_eq!(r.edits[0].original, 11..20);
//! assert_eq!(r.edits[0].rewritten, 11..13);
//! ```

use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::format_decimal;
use crate::extract::number::Numbers;
use crate::number::scale::scale_word;
use crate::record::Kind;

/// One replacement: a byte range of the original text and the byte range
/// of the rewritten text that replaces it. Between two edits both texts are
/// the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Bytes of the original text.
    pub original: Range<usize>,
    /// Bytes of the rewritten text.
    pub rewritten: Range<usize>,
}

/// A rewritten text and its alignment with the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    /// The rewritten text.
    pub text: String,
    /// The replacements, in order.
    pub edits: Vec<Edit>,
}

/// Rewrites the spelled-out numbers and ordinals of `text` in digits (see
/// the module documentation).
pub fn rewrite_numbers(text: &str) -> Rewritten {
    let mut found = Vec::new();
    Numbers.scan(text, false, &mut found);
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::new();
    let mut done = 0;
    for m in &found {
        let spelled = matches!(m.rule, "number.words" | "ordinal.words");
        let Some(value) = m.value.filter(|_| spelled && !m.approx) else { continue };
        let Some((span, digits)) = replacement(text, m.kind, m.start..m.end, value) else { continue };
        if span.start < done {
            continue;
        }
        out.push_str(&text[done..span.start]);
        let from = out.len();
        out.push_str(&digits);
        edits.push(Edit { original: span.clone(), rewritten: from..out.len() });
        done = span.end;
    }
    out.push_str(&text[done..]);
    Rewritten { text: out, edits }
}

/// The part of `span` to replace and what replaces it.
fn replacement(text: &str, kind: Kind, span: Range<usize>, value: Decimal) -> Option<(Range<usize>, String)> {
    let written = &text[span.clone()];
    if kind == Kind::Ordinal {
        let lower = written.to_lowercase();
        let plural = lower.ends_with('s');
        let suffix = match lower.as_str() {
            "premier" | "premiers" => "er",
            "première" | "premières" | "premiere" | "premieres" => "re",
            "second" | "seconds" => "d",
            "seconde" | "secondes" => "de",
            _ => "e",
        };
        let s = if plural { "s" } else { "" };
        return Some((span, format!("{}{suffix}{s}", format_decimal(value))));
    }
    // A final scale word of a million or more stays: « 26 milliards ».
    let last_start = written
        .char_indices()
        .rfind(|&(_, c)| matches!(c, ' ' | '-' | '\u{a0}' | '\u{202f}'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let last = &written[last_start..];
    if last_start > 0
        && let Some(p) = scale_word(&last.to_lowercase())
        && p >= 6
    {
        let factor = crate::number::scale::apply(Decimal::ONE, p)?;
        let mult = value.checked_div(factor)?;
        let head_end = span.start + written[..last_start].trim_end_matches([' ', '-', '\u{a0}', '\u{202f}']).len();
        return Some((span.start..head_end, french(mult)));
    }
    Some((span, french(value)))
}

/// A decimal the French way: decimal comma, groups of three digits
/// separated by U+202F from 10 000 up.
fn french(v: Decimal) -> String {
    let s = format_decimal(v);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    if int.len() > 4 {
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push('\u{202f}');
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(int);
    }
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites() {
        for (from, to) in [
            ("trois virgule cinq", "3,5"),
            ("deux virgule cinq millions d'habitants", "2,5 millions d'habitants"),
            ("cent vingt mille salariés", "120\u{202f}000 salariés"),
            ("la première et la vingt-et-unième", "la 1re et la 21e"),
            ("il fait moins quinze", "il fait -15"),
            ("un logement neuf, une seconde", "un logement neuf, une seconde"),
            ("le Premier ministre", "le Premier ministre"),
            ("déjà 40 % et 3 000 euros", "déjà 40 % et 3 000 euros"),
        ] {
            assert_eq!(rewrite_numbers(from).text, to, "{from}");
        }
    }

    #[test]
    fn edits_align() {
        let t = "Soit vingt-six milliards, puis trois.";
        let r = rewrite_numbers(t);
        let mut rebuilt = String::new();
        let mut done = 0;
        for e in &r.edits {
            rebuilt.push_str(&t[done..e.original.start]);
            rebuilt.push_str(&r.text[e.rewritten.clone()]);
            done = e.original.end;
        }
        rebuilt.push_str(&t[done..]);
        assert_eq!(rebuilt, r.text);
    }
}
