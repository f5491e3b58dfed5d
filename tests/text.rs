//! Tests: text.
