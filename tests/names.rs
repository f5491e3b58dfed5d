//! Tests: names.
