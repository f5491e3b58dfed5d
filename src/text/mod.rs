//! French text handling: sentence splitting and tokens.

pub mod chars;
pub mod sentence;
pub mod token;

pub use sentence::split_sentences;
pub use token::{Token, TokenKind, tokenize};
