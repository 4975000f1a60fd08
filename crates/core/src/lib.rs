//! onedoor's formats and domain: what every other part reads, computes on and writes.
//!
//! Data flows one way through onedoor: **input** (a scenario file, strict JSON [`json`]
//! read with located errors [`read`], [`error`]) → **scenario** (the validated domain
//! model with typed ids, [`scenario`], [`ids`]; or a what-if variant of one, [`variant`])
//! → **travel graph** ([`travel`]) → dates → visits → crews → repair → search (the solver,
//! crate `onedoor-solve`) → **plan** (the plan file, [`plan`]) → check (crate
//! `onedoor-check`) and reports (the `onedoor` binary).
//!
//! This crate holds the first and the last link of that chain and the facts both sides
//! share: the figures a plan reports, the baseline and the lower bound ([`figures`]), and
//! the facts behind the reasons a task cannot be scheduled ([`facts`]), the numbers of a
//! scenario's overview ([`overview`]), of a plan diff ([`diff`]) and of what a re-plan
//! changes ([`changes`]). It builds no solver
//! and renders nothing for people; it only names the language people read ([`Lang`]),
//! so that every crate that does render asks for the same one.
#![deny(missing_docs)]

pub mod changes;
pub mod diff;
pub mod error;
pub mod facts;
pub mod figures;
pub mod ids;
pub mod json;
pub mod lang;
pub mod overview;
pub mod plan;
pub mod read;
pub mod scenario;
pub mod travel;
pub mod variant;

pub use error::{InputError, Problem, ProblemKind};
pub use lang::Lang;
pub use scenario::{load_scenario, parse_scenario, Scenario};
