//! Converting byte offsets into the requested unit (code points, bytes, UTF-16).
//!
//! Extractors work on byte offsets of the original text; the record is
//! written in the unit the user asked for. [`OffsetMap`] answers each lookup
//! in constant time after one linear pass, with an identity fast path for
//! ASCII text.

use crate::record::OffsetUnit;

const STRIDE: usize = 64;

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
    text: &'a str,
    unit: OffsetUnit,
    identity: bool,
    /// `checkpoints[k]` is the offset, in the unit, of byte `k * STRIDE`
    /// (or of the first char boundary at or after it).
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> OffsetMap<'a> {
    /// Prepares conversions of byte offsets of `text` into `unit`.
    pub fn new(text: &'a str, unit: OffsetUnit) -> Self {
        let identity = unit == OffsetUnit::Bytes || text.is_ascii();
        let mut checkpoints = Vec::new();
        if !identity {
            checkpoints.reserve(text.len() / STRIDE + 1);
            let mut units = 0usize;
            let mut next = 0usize;
            for (i, c) in text.char_indices() {
                if i >= next {
                    checkpoints.push((i, units));
                    next = (i / STRIDE + 1) * STRIDE;
                }
                units += unit_len(c, unit);
            }
        }
        OffsetMap { text, unit, identity, checkpoints }
    }

    /// The offset, in the map's unit, of byte offset `byte` (which must be a
    /// char boundary of the text, or its length).
    pub fn map(&self, byte: usize) -> usize {
        if self.identity {
            return byte;
        }
        // Last checkpoint at or before `byte`.
        let k = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        let (mut b, mut units) = if k == 0 { (0, 0) } else { self.checkpoints[k - 1] };
        for c in self.text[b..byte].chars() {
            units += unit_len(c, self.unit);
            b += c.len_utf8();
        }
        debug_assert_eq!(b, byte);
        units
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
        let text = "L’été 2025 : 1\u{202f}234,56\u{a0}€ et 😀 ".repeat(9);
        for unit in [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16] {
            let map = OffsetMap::new(&text, unit);
            for b in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                let expect: usize = text[..b].chars().map(|c| unit_len(c, unit)).sum();
                assert_eq!(map.map(b), expect, "unit {unit:?} byte {b}");
                assert_eq!(to_byte(&text, expect, unit), Some(b));
            }
        }
    }
}
