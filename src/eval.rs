//! `depeche eval`: scores against gold annotations (placeholder until the eval work lands).
