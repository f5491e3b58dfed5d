//! Number parsing: digits, spelled-out numbers and scales (placeholder until the figures work lands).
