//! onedoor plans joint inspections (综合查一次, "enter once, check many things").
//!
//! Data flows one way: **load** ([`scenario`]) → **graph** ([`travel`]) → **bound**
//! ([`figures`]) → **merge and crews** (the solver) → **plan** ([`plan`]) → **check**
//! ([`check`]) and reports.
#![deny(missing_docs)]

pub mod error;
pub mod ids;
pub mod json;
pub mod plan;
pub mod read;
pub mod scenario;
pub mod travel;

pub use error::{InputError, Problem, ProblemKind};
pub use scenario::{load_scenario, parse_scenario, Scenario};
