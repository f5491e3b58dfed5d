//! Converting byte offsets into the requested unit (code points, bytes, UTF-16).
//!
//! Extractors work on byte offsets of the original text; the record is
//! written in the unit the user asked for. [`OffsetMap`] answers each lookup
//! in constant time after one linear pass, with an identity fast path for
//! ASCII text; lookups in increasing order (sentence spans, sorted
//! entities) only count the bytes since the previous lookup.

use std::cell::Cell;

use crate::record::OffsetUnit;

/// Bytes between two checkpoints.
const STRIDE: usize = 256;

/// Maps byte offsets of one text to another unit.
///
/// ```
/// use depeche::offsets::OffsetMap;
/// use depeche::record::OffsetUnit;
/// let text = "Zoé a 40\u{a0}%";
/// let chars = OffsetMap::new(text, OffsetUnit::Chars);
/// assert_eq!(chars.map(text.len()), text.chars().count());
/// let utf16 = OffsetMap::new("😀x", OffsetUnit::Utf16);
/// assert_eq!(utf16.map(4), 2);
/// ```
pub struct OffsetMap<'a> {
    bytes: &'a [u8],
    unit: OffsetUnit,
    identity: bool,
    /// `checkpoints[k]` is the offset, in the unit, of byte `k * STRIDE`
    /// (counted as if it were a char boundary: see [`units_in`]).
    checkpoints: Vec<usize>,
    /// The last lookup (byte, units): lookups in increasing order (sentence
    /// spans, sorted entities) only count the bytes since the previous one.
    last: Cell<(usize, usize)>,
}

impl<'a> OffsetMap<'a> {
    /// Prepares conversions of byte offsets of `text` into `unit`: one pass
    /// over the bytes (none for ASCII text or byte offsets).
    pub fn new(text: &'a str, unit: OffsetUnit) -> Self {
        let bytes = text.as_bytes();
        let identity = unit == OffsetUnit::Bytes || text.is_ascii();
        let mut checkpoints = Vec::new();
        if !identity {
            checkpoints.reserve(bytes.len() / STRIDE + 1);
            let mut units = 0usize;
            for chunk in bytes.chunks(STRIDE) {
                checkpoints.push(units);
                units += units_in(chunk, unit);
            }
            // The text's length, for a text that fills its last chunk.
            checkpoints.push(units);
        }
        OffsetMap { bytes, unit, identity, checkpoints, last: Cell::new((0, 0)) }
    }

    /// The offset, in the map's unit, of byte offset `byte` (which must be a
    /// char boundary of the text, or its length).
    pub fn map(&self, byte: usize) -> usize {
        if self.identity {
            return byte;
        }
        let byte = byte.min(self.bytes.len());
        let k = byte / STRIDE;
        let (last_byte, last_units) = self.last.get();
        let (from, units) = if last_byte <= byte && last_byte >= k * STRIDE {
            (last_byte, last_units)
        } else {
            (k * STRIDE, self.checkpoints[k])
        };
        let units = units + units_in(&self.bytes[from..byte], self.unit);
        self.last.set((byte, units));
        units
    }
}

/// The length in `unit` of the UTF-8 bytes `b`, counting every byte that
/// starts a character: one unit per start (chars), plus one for the starts of
/// 4-byte sequences (UTF-16 surrogate pairs). The count is exact whenever
/// `b` ends on a char boundary, and chunks of one text add up. Written as
/// plain byte tests so that the compiler vectorizes it.
fn units_in(b: &[u8], unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Bytes => b.len(),
        OffsetUnit::Chars => b.iter().map(|&x| usize::from((x as i8) >= -0x40)).sum(),
        OffsetUnit::Utf16 => b.iter().map(|&x| usize::from((x as i8) >= -0x40) + usize::from(x >= 0xF0)).sum(),
    }
}

fn unit_len(c: char, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Chars => 1,
        OffsetUnit::Bytes => c.len_utf8(),
        OffsetUnit::Utf16 => c.len_utf16(),
    }
}

/// Converts an offset in `unit` back to a byte offset of `text`, or `None`
/// when it is past the end or not on a character boundary (inside a UTF-16
/// surrogate pair, or inside a UTF-8 sequence).
///
/// ```
/// use depeche::offsets::to_byte;
/// use depeche::record::OffsetUnit;
/// assert_eq!(to_byte("été", 1, OffsetUnit::Chars), Some(2));
/// assert_eq!(to_byte("été", 1, OffsetUnit::Bytes), None);
/// ```
pub fn to_byte(text: &str, offset: usize, unit: OffsetUnit) -> Option<usize> {
    match unit {
        OffsetUnit::Bytes => text.is_char_boundary(offset).then_some(offset),
        _ => {
            let mut units = 0usize;
            for (i, c) in text.char_indices() {
                if units == offset {
                    return Some(i);
                }
                if units > offset {
                    return None;
                }
                units += unit_len(c, unit);
            }
            (units == offset).then_some(text.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_boundary_in_every_unit() {
        // Several lengths, so that the end falls on and around checkpoints.
        for n in [0, 1, 9, 40] {
            let mut text = "L’été 2025 : 1\u{202f}234,56\u{a0}€ et 😀 ".repeat(n);
            for len in [text.len(), STRIDE * 2, STRIDE * 2 + 1, STRIDE * 3 - 1] {
                while text.len() > len {
                    text.pop();
                }
                check_every_boundary(&text);
            }
        }
    }

    fn check_every_boundary(text: &str) {
        for unit in [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16] {
            let map = OffsetMap::new(text, unit);
            for b in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                let expect: usize = text[..b].chars().map(|c| unit_len(c, unit)).sum();
                assert_eq!(map.map(b), expect, "unit {unit:?} byte {b}");
                assert_eq!(to_byte(text, expect, unit), Some(b));
            }
            // Backwards and jumping around, past the last lookup.
            let fresh = OffsetMap::new(text, unit);
            let bounds: Vec<usize> = (0..=text.len()).rev().filter(|&b| text.is_char_boundary(b)).collect();
            for (i, &b) in bounds.iter().enumerate() {
                let b = if i % 3 == 1 { bounds[bounds.len() - 1 - i] } else { b };
                let expect: usize = text[..b].chars().map(|c| unit_len(c, unit)).sum();
                assert_eq!(fresh.map(b), expect, "unit {unit:?} byte {b} out of order");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(crate::proptest_cases(64)))]
        #[test]
        fn agrees_with_counting_chars(text in "(\\PC|[\u{a0}\u{202f}’😀é]){0,300}") {
            check_every_boundary(&text);
        }
    }
}
