//! The one integration test binary: each module covers one area.

mod common;

mod cli;
mod corpus;
mod eval;
mod figures;
mod model;
mod names;
mod numbers;
mod robustness;
mod rules;
mod stage;
mod text;
