//! The span invariants every record must keep, whatever the input. Shared by
//! the property tests (`tests/robustness.rs`) and the fuzz target
//! (`fuzz/fuzz_targets/pipeline.rs`, which includes this file by path), so it
//! depends on nothing but depeche.

use depeche::record::{OffsetUnit, Record};

/// The text's length in `unit`.
pub fn length_in(text: &str, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Bytes => text.len(),
        OffsetUnit::Chars => text.chars().count(),
        OffsetUnit::Utf16 => text.encode_utf16().count(),
    }
}

/// `text[start..end]` with offsets in `unit`, or `None` when the span is out
/// of bounds or splits a character.
pub fn slice_in(text: &str, unit: OffsetUnit, start: usize, end: usize) -> Option<String> {
    if start > end {
        return None;
    }
    match unit {
        OffsetUnit::Bytes => text.get(start..end).map(str::to_string),
        OffsetUnit::Chars => {
            let chars: Vec<char> = text.chars().collect();
            chars.get(start..end).map(|c| c.iter().collect())
        }
        OffsetUnit::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(units.get(start..end)?).ok()
        }
    }
}

/// Checks a record made from `text`: the length and sentence spans are in
/// bounds; every entity's span, in the record's unit, gives back its text,
/// is non-empty, and lies in its sentence's range start; entities are sorted
/// by start, longest first, without overlaps, with ids 0, 1, 2...
pub fn check_record(text: &str, record: &Record) -> Result<(), String> {
    let unit = record.offsets;
    let len = length_in(text, unit);
    if record.length != len {
        return Err(format!("length {} but the text has {len} {unit:?}", record.length));
    }
    let mut previous_end = 0;
    for s in &record.sentences {
        if slice_in(text, unit, s[0], s[1]).is_none() || s[0] < previous_end {
            return Err(format!("sentence {s:?} is not a valid, ordered span of a text of {len} {unit:?}"));
        }
        previous_end = s[1];
    }
    let mut last: Option<(usize, usize)> = None;
    for (i, e) in record.entities.iter().enumerate() {
        if e.id != i {
            return Err(format!("entity {i} has id {}", e.id));
        }
        match slice_in(text, unit, e.start, e.end) {
            Some(s) if s == e.text && e.start < e.end => {}
            got => return Err(format!("entity {e:?} in {unit:?} gives back {got:?}")),
        }
        if let Some((start, end)) = last
            && (e.start < end || (e.start, std::cmp::Reverse(e.end)) < (start, std::cmp::Reverse(end)))
        {
            return Err(format!("entity {e:?} overlaps or is out of order after [{start}, {end})"));
        }
        last = Some((e.start, e.end));
        if !record.sentences.is_empty() {
            match record.sentences.get(e.sentence) {
                Some(s) if s[0] <= e.start => {}
                _ => return Err(format!("entity {e:?} names sentence {} which does not start before it", e.sentence)),
            }
        }
    }
    Ok(())
}

/// Checks that records of the same text in different units describe the
/// same entities (same texts, kinds, rules and values, in the same order).
pub fn check_same_entities(a: &Record, b: &Record) -> Result<(), String> {
    let key = |r: &Record| -> Vec<_> {
        r.entities.iter().map(|e| (e.kind, e.text.clone(), e.rule.clone(), e.value.clone(), e.sentence)).collect()
    };
    if key(a) != key(b) || a.sentences.len() != b.sentences.len() {
        return Err(format!("{:?} and {:?} records differ: {:?} vs {:?}", a.offsets, b.offsets, key(a), key(b)));
    }
    Ok(())
}
