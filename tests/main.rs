//! The one integration test binary: each module covers one area.

mod common;

mod cli;
mod corpus;
mod eval;
mod facts;
mod figures;
mod layout;
mod model;
mod names;
mod numbers;
mod report;
mod robustness;
mod rules;
mod stage;
mod text;
