//! Tests: sentences and tokens (fixtures/sentences.toml, fixtures/tokens.toml),
//! and property tests on arbitrary text.

use depeche::text::{TokenKind, split_sentences, tokenize};
use proptest::prelude::*;
use serde::Deserialize;

/// A path under the project's root (not `crate::common`: cargo also builds
/// this file as its own test target).
fn path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[derive(Deserialize)]
struct SentenceCases {
    case: Vec<SentenceCase>,
}

#[derive(Deserialize)]
struct SentenceCase {
    id: String,
    text: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct TokenCases {
    case: Vec<TokenCase>,
}

#[derive(Deserialize)]
struct TokenCase {
    id: String,
    text: String,
    tokens: Vec<String>,
    #[serde(default)]
    kinds: Option<Vec<String>>,
}

fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Elision => "elision",
        TokenKind::Punct => "punct",
    }
}

#[test]
fn sentence_table() {
    let src = std::fs::read_to_string(path("fixtures/sentences.toml")).expect("fixtures/sentences.toml");
    let cases: SentenceCases = toml::from_str(&src).expect("valid sentences.toml");
    assert!(cases.case.len() >= 60, "expected at least 60 sentence cases");
    let mut failures = Vec::new();
    for c in &cases.case {
        let got: Vec<&str> = split_sentences(&c.text).into_iter().map(|r| &c.text[r]).collect();
        if got != c.sentences {
            failures.push(format!(
                "case {}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                c.id, c.text, c.sentences, got
            ));
        }
    }
    assert!(failures.is_empty(), "{} sentence case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn token_table() {
    let src = std::fs::read_to_string(path("fixtures/tokens.toml")).expect("fixtures/tokens.toml");
    let cases: TokenCases = toml::from_str(&src).expect("valid tokens.toml");
    assert!(cases.case.len() >= 25, "expected at least 25 token cases");
    let mut failures = Vec::new();
    for c in &cases.case {
        let toks = tokenize(&c.text);
        let got: Vec<&str> = toks.iter().map(|t| &c.text[t.span()]).collect();
        let got_kinds: Vec<&str> = toks.iter().map(|t| kind_name(t.kind)).collect();
        let kinds_ok = c.kinds.as_ref().is_none_or(|k| *k == got_kinds);
        if got != c.tokens || !kinds_ok {
            failures.push(format!(
                "case {}\n  text:     {:?}\n  expected: {:?} {:?}\n  got:      {:?} {:?}",
                c.id, c.text, c.tokens, c.kinds, got, got_kinds
            ));
        }
    }
    assert!(failures.is_empty(), "{} token case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// Text made of pieces that exercise the rules: French punctuation, odd
/// spaces, line breaks, abbreviations, digits, non-Latin characters.
fn frenchish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        Just("\u{2009}".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("!".to_string()),
        Just("?".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("-".to_string()),
        Just(",".to_string()),
        Just("M.".to_string()),
        Just("etc.".to_string()),
        Just("J.-C.".to_string()),
        Just("av.".to_string()),
        Just("l’".to_string()),
        Just("qu'".to_string()),
        Just("1 234".to_string()),
        Just("26,3".to_string()),
        Just("e\u{301}".to_string()),
        Just("👍🏽".to_string()),
        "[a-zA-Zéèàç0-9]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::common::proptest_cases(300)))]

    #[test]
    fn sentences_are_sound(text in frenchish()) {
        let sentences = split_sentences(&text);
        let mut covered = vec![false; text.len()];
        let mut prev_end = 0;
        for r in &sentences {
            prop_assert!(r.start < r.end, "empty sentence {:?}", r);
            prop_assert!(r.start >= prev_end, "out of order or overlapping: {:?}", sentences);
            prop_assert!(r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s.trim(), s, "not trimmed");
            covered[r.clone()].iter_mut().for_each(|c| *c = true);
            prev_end = r.end;
        }
        for (i, c) in text.char_indices() {
            prop_assert!(c.is_whitespace() || covered[i], "char {:?} at {} not in any sentence: {:?}", c, i, sentences);
        }
    }

    #[test]
    fn tokens_are_sound(text in frenchish()) {
        let tokens = tokenize(&text);
        let mut prev_end = 0;
        let mut covered = vec![false; text.len()];
        for t in &tokens {
            prop_assert!(t.start < t.end);
            prop_assert!(t.start >= prev_end, "out of order: {:?}", tokens);
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            let s = &text[t.span()];
            prop_assert!(!s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace), "{:?}", s);
            covered[t.span()].iter_mut().for_each(|c| *c = true);
            prev_end = t.end;
        }
        for (i, c) in text.char_indices() {
            prop_assert!(c.is_whitespace() || covered[i], "char {:?} at {} in no token", c, i);
        }
    }

    #[test]
    fn no_panic_on_any_string(text in any::<String>()) {
        let _ = split_sentences(&text);
        let _ = tokenize(&text);
    }
}
