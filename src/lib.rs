//! onedoor plans joint inspections (综合查一次, "enter once, check many things").
//!
//! Data flows one way: **load** ([`scenario`]) → **graph** ([`travel`]) → **bound**
//! ([`figures`]) → **merge and crews** ([`solve`]) → **plan** ([`plan`]) → **check**
//! ([`check`]) and reports ([`report`], [`stats`]).
#![deny(missing_docs)]

pub mod check;
pub mod cli;
pub mod diff;
pub mod error;
pub mod facts;
pub mod figures;
pub mod generate;
pub mod ids;
pub mod json;
pub mod plan;
pub mod read;
pub mod report;
pub mod scenario;
pub mod solve;
pub mod stats;
pub mod travel;
pub mod variant;
pub mod whatif;

pub use error::{InputError, Problem, ProblemKind};
pub use scenario::{load_scenario, parse_scenario, Scenario};
