//! Tests: stage.
