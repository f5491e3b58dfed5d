//! A normalized view of an article, aligned with the original text.
//!
//! Extraction rules are written for composed text (NFC: « é » as one code
//! point) without invisible characters. Articles in the wild also come in
//! decomposed form (NFD: « e » + U+0301, as some Mac tools write it), with soft
//! hyphens (U+00AD) left by hyphenation, and zero-width characters (U+200B,
//! U+200C, U+200D, U+2060, U+FEFF) left by editors. Rather than teach every
//! rule about them, the pipeline runs on a normalized copy — NFC, those
//! invisible characters removed — and maps every offset back to the original
//! text with the alignment kept here (as Hugging Face tokenizers'
//! `NormalizedString` does). Offsets in records therefore always index the
//! original text, and an entity's `text` is the original slice, invisible
//! characters included.
//!
//! Most articles need none of this: [`Normalized::new`] returns `None` after
//! one scan when the text has no such character, and the pipeline then works
//! on the original text directly.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A normalized copy of a text and the alignment back to it.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For each char of `text`: its byte offset in `text`, and the byte range
    /// of the original text it comes from.
    align: Vec<(usize, usize, usize)>,
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn needs_work(c: char) -> bool {
    invisible(c) || canonical_combining_class(c) != 0
}

impl Normalized {
    /// The normalized view of `text`, or `None` when the text is already
    /// composed and free of invisible characters.
    ///
    /// ```
    /// use depeche::normalize::Normalized;
    /// assert!(Normalized::new("déjà vu").is_none());
    /// let n = Normalized::new("Orle\u{301}ans a gagne\u{301} 2\u{a0}mil\u{ad}liards").unwrap();
    /// assert_eq!(n.text, "Orléans a gagné 2\u{a0}milliards");
    /// // « Orléans » in the copy is bytes 0..8; in the original, 0..9.
    /// assert_eq!(n.to_original(0, 8), (0, 9));
    /// ```
    pub fn new(text: &str) -> Option<Normalized> {
        if !Self::needed(text) {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut align = Vec::with_capacity(text.len());
        let mut cluster = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if invisible(c) {
                continue;
            }
            // A starter and the combining marks (and invisible characters) after it.
            cluster.clear();
            cluster.push(c);
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if canonical_combining_class(next) != 0 {
                    cluster.push(next);
                    end = i + next.len_utf8();
                } else if !invisible(next) {
                    break;
                }
                // An invisible character is dropped; it joins the cluster's
                // original span only when a combining mark follows it.
                chars.next();
            }
            for composed in cluster.nfc() {
                align.push((out.len(), start, end));
                out.push(composed);
            }
        }
        Some(Normalized { text: out, align })
    }

    /// Whether `text` holds a combining mark or an invisible character.
    ///
    /// Every combining mark is at U+0300 or above, so only the lead bytes of
    /// such characters (0xCC and up) and the soft hyphen (C2 AD) need a
    /// closer look: a French article is checked at nearly memchr speed.
    fn needed(text: &str) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // ASCII eight bytes at a time.
            while let Some(w) = b.get(i..i + 8)
                && u64::from_le_bytes(w.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
            }
            let Some(&c) = b.get(i) else { break };
            if c < 0xC2 {
                i += 1;
            } else if c < 0xCC {
                if c == 0xC2 && b.get(i + 1) == Some(&0xAD) {
                    return true;
                }
                i += 2;
            } else {
                // A lead byte of U+0300 or above: `i` is a char boundary.
                let ch = text[i..].chars().next().unwrap_or(' ');
                if needs_work(ch) {
                    return true;
                }
                i += ch.len_utf8();
            }
        }
        false
    }

    /// Maps a byte range of the normalized text to the byte range of the
    /// original text it comes from.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.align.partition_point(|&(b, _, _)| b < start);
        let orig_start = self.align.get(first).map_or_else(|| self.original_len(), |a| a.1);
        if end <= start {
            return (orig_start, orig_start);
        }
        let last = self.align.partition_point(|&(b, _, _)| b < end).saturating_sub(1);
        let orig_end = self.align.get(last).map_or(orig_start, |a| a.2);
        (orig_start, orig_end.max(orig_start))
    }

    fn original_len(&self) -> usize {
        self.align.last().map_or(0, |a| a.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        // (original, normalized, a normalized substring, the original slice it maps to)
        let cases = [
            ("Se\u{301}bastien", "Sébastien", "Sébastien", "Se\u{301}bastien"),
            ("eu\u{ad}ros", "euros", "euros", "eu\u{ad}ros"),
            ("a\u{200b}b c", "ab c", "c", "c"),
            ("x\u{feff}", "x", "x", "x"),
            ("Mi\u{200b}chelin", "Michelin", "Michelin", "Mi\u{200b}chelin"),
            ("\u{301}e", "\u{301}e", "e", "e"),
        ];
        for (orig, norm, sub, want) in cases {
            let n = Normalized::new(orig).unwrap_or_else(|| panic!("{orig:?} needs normalizing"));
            assert_eq!(n.text, norm, "{orig:?}");
            let s = n.text.find(sub).unwrap();
            let (a, b) = n.to_original(s, s + sub.len());
            assert_eq!(&orig[a..b], want, "{orig:?}: {sub:?}");
        }
        assert!(Normalized::new("déjà vu, « 40\u{a0}% »").is_none());
    }

    proptest::proptest! {
        /// The byte scan agrees with the plain definition on any text.
        #[test]
        fn needed_is_any_needs_work(text in "(\\PC|[\u{300}-\u{36f}\u{ad}\u{200b}-\u{200d}\u{2060}\u{feff}\u{a0}\u{202f}’éÉ]){0,20}") {
            proptest::prop_assert_eq!(Normalized::needed(&text), text.chars().any(needs_work), "{:?}", text);
        }
    }
}
