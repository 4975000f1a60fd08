//! onedoor plans joint inspections (综合查一次, "enter once, check many things").
//!
//! This package is the `onedoor` binary: the command line ([`cli`]) and everything a
//! person reads ([`report`]). The work is done by the workspace's libraries, data
//! flowing one way: **input → scenario → travel graph** (`onedoor-core`) → **dates →
//! visits → crews → repair → search → plan** (`onedoor-solve`, the only crate that builds
//! HiGHS) → **check** (`onedoor-check`) and **report** ([`report`]); `onedoor-generate`
//! writes synthetic scenarios. [`serve`] is the coordinator's desk: a web page and HTTP
//! API over stored weeks and plans.
#![deny(missing_docs)]

pub mod cli;
pub mod import;
pub mod lang;
pub mod report;
pub mod serve;

// The libraries, under the names the modules here use (`crate::plan`, `crate::solve`, ...).
use onedoor_check as check;
use onedoor_core::{diff, plan, scenario, travel, variant};
use onedoor_core::{parse_scenario, InputError, Scenario};
use onedoor_generate as generate;
use onedoor_solve as solve;
use onedoor_solve::whatif;
