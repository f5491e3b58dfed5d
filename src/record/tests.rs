//! Tests of the record types: serde round trips and the JSON writer
//! held to serde_json.

use super::*;
use proptest::prelude::*;

/// Strings rich in what JSON escapes: quotes, backslashes, control
/// characters, DEL, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zé €«»\"\\\\\u{0}-\u{1f}\u{7f}\u{a0}\u{202f}’]{0,12}",
        1 => any::<String>(),
    ]
}

fn entity() -> impl Strategy<Value = Entity> {
    (
        (any::<usize>(), 0..Kind::ALL.len(), text(), any::<usize>(), any::<usize>(), any::<usize>(), text()),
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(text()),
            any::<[bool; 4]>(),
            proptest::option::of(prop_oneof![Just(Bound::Min), Just(Bound::Max)]),
        ),
        (proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(text())),
        proptest::option::of(text()),
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            any::<bool>(),
            proptest::option::of(any::<usize>()),
            proptest::option::of(any::<usize>()),
            proptest::option::of(0..Measure::ALL.len()),
        ),
    )
        .prop_map(
            |(
                (id, k, t, start, end, sentence, rule),
                (value, min, max, currency, f, bound),
                (per, canonical, role),
                organization,
                (from, to, relative, subject, period, measure),
            )| Entity {
                id,
                kind: Kind::ALL[k],
                text: t,
                start,
                end,
                sentence,
                rule,
                value,
                min,
                max,
                currency,
                currency_inferred: f[0],
                approx: f[1],
                bound,
                points: f[2],
                per,
                change: f[3],
                canonical,
                role,
                organization,
                from,
                to,
                relative,
                subject,
                period,
                measure: measure.map(|m| Measure::ALL[m]),
            },
        )
}

fn line() -> impl Strategy<Value = Line> {
    let record = (
        (text(), 0..3usize, any::<usize>()),
        (proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(text())),
        (proptest::option::of(text()), proptest::option::of(proptest::collection::btree_map(text(), text(), 0..3))),
        proptest::option::of(text()),
        proptest::collection::vec(any::<[usize; 2]>(), 0..4),
        proptest::collection::vec(entity(), 0..4),
        proptest::option::of(proptest::collection::vec(any::<[usize; 3]>(), 0..4)),
    )
        .prop_map(|((id, o, length), (encoding, title, date), (url, fields), t, sentences, entities, tokens)| {
            Line::Record(Record {
                id,
                offsets: [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16][o],
                length,
                encoding,
                // Exercised with the date's text, when there is one.
                warnings: date.iter().cloned().collect(),
                title,
                date,
                url,
                fields: fields.map(|m| m.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect()),
                text: t,
                sentences,
                entities,
                tokens,
            })
        });
    let error = (text(), text(), text())
        .prop_map(|(id, kind, message)| Line::Error(ErrorRecord { id, error: ErrorInfo { kind, message } }));
    prop_oneof![4 => record, 1 => error]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::proptest_cases(2000)))]
    /// The hand-written writer gives exactly serde_json's bytes.
    #[test]
    fn write_json_is_serde_json(line in line()) {
        let mut ours = Vec::new();
        line.write_json(&mut ours);
        let theirs = serde_json::to_vec(&line).unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    }
}
