//! An article's text with its entities marked: one `<mark>` per entity,
//! nested when one entity lies inside another, split (the later parts marked
//! `cont`) when two entities cross.
//!
//! Offsets are converted to UTF-8 byte offsets first ([`ByteOffsets`]); a
//! span that does not fall on character boundaries of the text is not
//! marked (the text is never cut inside a character) and is counted instead.

use crate::record::OffsetUnit;

use super::escape::{class_name, escape, escape_text};

/// Converts a record's offsets (in its unit) into byte offsets of its text.
///
/// ```
/// use depeche::record::OffsetUnit;
/// use depeche::report::ByteOffsets;
/// let map = ByteOffsets::new("Zoé a 40\u{a0}%", OffsetUnit::Chars);
/// assert_eq!(map.byte(3), Some(4)); // after « é », two bytes
/// assert_eq!(map.byte(99), None);
/// ```
pub struct ByteOffsets<'a> {
    text: &'a str,
    /// For code points and UTF-16 units of a non-ASCII text: the byte
    /// offset of each unit (`usize::MAX` inside a surrogate pair).
    starts: Option<Vec<usize>>,
}

impl<'a> ByteOffsets<'a> {
    /// Prepares the conversion for `text` (one pass, none for ASCII text or
    /// byte offsets).
    pub fn new(text: &'a str, unit: OffsetUnit) -> ByteOffsets<'a> {
        let starts = match unit {
            _ if text.is_ascii() => None,
            OffsetUnit::Bytes => None,
            OffsetUnit::Chars => {
                let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                starts.push(text.len());
                Some(starts)
            }
            OffsetUnit::Utf16 => {
                let mut starts = Vec::with_capacity(text.len() + 1);
                for (i, c) in text.char_indices() {
                    starts.push(i);
                    if c.len_utf16() == 2 {
                        // The middle of a surrogate pair is no boundary.
                        starts.push(usize::MAX);
                    }
                }
                starts.push(text.len());
                Some(starts)
            }
        };
        ByteOffsets { text, starts }
    }

    /// The byte offset of `offset`, or `None` when it is past the text or
    /// not on a character boundary.
    pub fn byte(&self, offset: usize) -> Option<usize> {
        match &self.starts {
            Some(starts) => starts.get(offset).copied().filter(|&b| b != usize::MAX),
            None => self.text.is_char_boundary(offset).then_some(offset),
        }
    }
}

/// One entity to mark, in byte offsets.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The entity's kind (`person`...): the mark gets the class `k-<kind>`.
    pub kind: &'a str,
    /// Further classes (`d-add`, `d-del`, `d-chg` in a diff), or empty.
    pub class: &'static str,
    /// What hover and keyboard focus show (plain text, escaped here).
    pub tip: &'a str,
    /// The entity's number, written as `data-e`.
    pub n: usize,
}

/// Appends `text` to `out`, escaped, with `spans` marked; returns how many
/// spans could not be marked (outside the text, reversed, or not on
/// character boundaries).
///
/// ```
/// use depeche::report::{Span, write_marked};
/// let text = "Le <b>PDG</b> d'Alphabet";
/// let span = Span { start: 16, end: 24, kind: "organization", class: "", tip: "rule: x", n: 0 };
/// let mut out = Vec::new();
/// assert_eq!(write_marked(&mut out, text, vec![span]), 0);
/// let html = String::from_utf8(out).unwrap();
/// assert!(html.starts_with("Le &lt;b&gt;PDG&lt;/b&gt; d'<mark class=\"k k-organization\""));
/// assert!(html.ends_with(">Alphabet</mark>"));
/// ```
pub fn write_marked(out: &mut Vec<u8>, text: &str, mut spans: Vec<Span<'_>>) -> usize {
    let before = spans.len();
    spans.retain(|s| s.start <= s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    let skipped = before - spans.len();
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.n.cmp(&b.n)));
    // Most texts hold nothing to escape: then the pieces are copied as they are.
    let clean = memchr::memchr3(b'&', b'<', b'>', text.as_bytes()).is_none();
    let piece = |out: &mut Vec<u8>, s: &str| {
        if clean {
            out.extend_from_slice(s.as_bytes());
        } else {
            escape_text(out, s);
        }
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut pos = 0;
    let mut next = 0;
    loop {
        let close_at = stack.iter().map(|&j| spans[j].end).min();
        let open_at = spans.get(next).map(|s| s.start);
        match (close_at, open_at) {
            (None, None) => break,
            (Some(c), o) if o.is_none_or(|o| c <= o) => {
                piece(out, &text[pos..c]);
                pos = c;
                // Close down to the last span that ends here; the ones
                // closed on the way that go on are opened again.
                let mut reopen = Vec::new();
                while stack.iter().any(|&j| spans[j].end <= c) {
                    let top = stack.pop().expect("a span ends here");
                    out.extend_from_slice(b"</mark>");
                    if spans[top].end > c {
                        reopen.push(top);
                    }
                }
                for j in reopen.into_iter().rev() {
                    open(out, &spans[j], true);
                    stack.push(j);
                }
            }
            (_, Some(o)) => {
                piece(out, &text[pos..o]);
                pos = o;
                open(out, &spans[next], false);
                stack.push(next);
                next += 1;
            }
            (Some(_), None) => unreachable!("handled by the arm above"),
        }
    }
    piece(out, &text[pos..]);
    skipped
}

fn open(out: &mut Vec<u8>, s: &Span, cont: bool) {
    out.extend_from_slice(b"<mark class=\"k k-");
    out.extend_from_slice(class_name(s.kind).as_bytes());
    if !s.class.is_empty() {
        out.push(b' ');
        out.extend_from_slice(s.class.as_bytes());
    }
    if cont {
        out.extend_from_slice(b" cont\"");
    } else {
        out.extend_from_slice(b"\" tabindex=\"0\"");
    }
    out.extend_from_slice(b" data-e=\"");
    out.extend_from_slice(itoa::Buffer::new().format(s.n).as_bytes());
    out.extend_from_slice(b"\" data-tip=\"");
    escape(out, s.tip);
    out.extend_from_slice(b"\">");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, n: usize) -> Span<'static> {
        Span { start, end, kind: "place", class: "", tip: "", n }
    }

    fn marked(text: &str, spans: Vec<Span<'_>>) -> (String, usize) {
        let mut out = Vec::new();
        let skipped = write_marked(&mut out, text, spans);
        (String::from_utf8(out).unwrap(), skipped)
    }

    /// The page text without tags: what a reader sees.
    fn visible(html: &str) -> String {
        let mut s = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => s.push(c),
                _ => {}
            }
        }
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    }

    #[test]
    fn nested_spans_nest_and_crossing_spans_split() {
        // Nested: « Banque de France » holds « France ».
        let (html, skipped) = marked("la Banque de France", vec![span(13, 19, 1), span(3, 19, 0)]);
        assert_eq!(skipped, 0);
        assert_eq!(html.matches("<mark").count(), 2);
        assert!(html.contains("Banque de <mark"), "{html}");
        assert!(html.ends_with("France</mark></mark>"), "{html}");
        // Crossing: [0..6) and [3..9): the first closes inside the second,
        // which goes on as a `cont` part.
        let (html, _) = marked("abcdefghi", vec![span(0, 6, 0), span(3, 9, 1)]);
        assert_eq!(html.matches("tabindex").count(), 2, "one focusable mark per entity: {html}");
        assert_eq!(html.matches(" cont\"").count(), 1, "{html}");
        assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
        assert_eq!(visible(&html), "abcdefghi");
    }

    #[test]
    fn bad_spans_are_counted_not_cut() {
        let text = "Zoé <x>";
        let (html, skipped) = marked(text, vec![span(2, 3, 0), span(5, 99, 1), span(4, 2, 2), span(0, 2, 3)]);
        assert_eq!(skipped, 3);
        assert_eq!(visible(&html), text);
        assert!(html.contains("&lt;x&gt;"));
    }

    #[test]
    fn offsets_convert_from_every_unit() {
        let text = "é😀a";
        let chars = ByteOffsets::new(text, OffsetUnit::Chars);
        assert_eq!([chars.byte(0), chars.byte(1), chars.byte(2), chars.byte(3)], [Some(0), Some(2), Some(6), Some(7)]);
        let utf16 = ByteOffsets::new(text, OffsetUnit::Utf16);
        assert_eq!([utf16.byte(1), utf16.byte(2), utf16.byte(3), utf16.byte(4)], [Some(2), None, Some(6), Some(7)]);
        let bytes = ByteOffsets::new(text, OffsetUnit::Bytes);
        assert_eq!([bytes.byte(1), bytes.byte(2), bytes.byte(7), bytes.byte(8)], [None, Some(2), Some(7), None]);
    }

    #[test]
    fn random_spans_keep_the_text_and_balance_the_marks() {
        use proptest::prelude::*;
        proptest!(|(text in "[aé😀<&\"' ]{0,20}", raw in proptest::collection::vec((0usize..30, 0usize..30), 0..6))| {
            let spans: Vec<Span> = raw.iter().enumerate().map(|(n, &(a, b))| span(a, b, n)).collect();
            let (html, skipped) = marked(&text, spans);
            prop_assert_eq!(visible(&html), text.clone());
            let valid = raw.iter().filter(|&&(a, b)| a <= b && text.is_char_boundary(a) && text.is_char_boundary(b)).count();
            prop_assert_eq!(skipped, raw.len() - valid);
            prop_assert_eq!(html.matches("tabindex").count(), valid);
            prop_assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
        });
    }
}
