//! place rules (placeholder until the names work lands).
