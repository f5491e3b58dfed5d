//! Tests: figures.
