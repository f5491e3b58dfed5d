//! Tests: robustness.
