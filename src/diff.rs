//! `depeche diff`: compares two runs (placeholder until the diff work lands).
