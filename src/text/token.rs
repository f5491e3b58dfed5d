//! Tokens (placeholder until the text work lands).

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens).
    Word,
    /// Digits, possibly with inner separators.
    Number,
    /// An elided determiner or pronoun (l’, d’, qu’...).
    Elision,
    /// Punctuation or a symbol.
    Punct,
}

/// A token: a byte range of the original text and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token's kind.
    pub kind: TokenKind,
}

impl Token {
    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Splits `text` into tokens (white space is skipped).
pub fn tokenize(text: &str) -> Vec<Token> {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_word_bound_indices()
        .filter(|(_, w)| !w.trim().is_empty())
        .map(|(i, w)| {
            let c = w.chars().next().unwrap_or(' ');
            let kind = if c.is_numeric() {
                TokenKind::Number
            } else if c.is_alphabetic() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            Token { start: i, end: i + w.len(), kind }
        })
        .collect()
}
