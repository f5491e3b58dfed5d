//! French sentence splitting (placeholder: a minimal splitter until the text work lands).

use std::ops::Range;

/// Splits `text` into sentence byte ranges, trimmed of surrounding white space.
///
/// ```
/// let s = depeche::text::split_sentences("Il pleut. Il vente.");
/// assert_eq!(s, vec![0..9, 10..19]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let end_here = matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        if end_here && let Some(s) = start.take() {
            out.push(s..i + 1);
        }
    }
    if let Some(s) = start {
        let end = text.trim_end().len();
        if end > s {
            out.push(s..end);
        }
    }
    out
}
