//! The integration tests of the `onedoor` package, in one test binary.
//!
//! Each file beside this one is a module of it (`tests/plan.rs` is `plan`), with the shared
//! support in `tests/common/` and the exact reference model in `tests/exact/`. One binary
//! instead of thirty: the test build links once instead of thirty times, and libtest runs
//! every test of every file on all cores, so a file whose time is one long test no longer
//! leaves a core idle while it runs. Run one file's tests by its module path:
//!
//! ```text
//! cargo test --test integration plan::
//! cargo test --release --test integration exact_gap:: -- --nocapture
//! ```
//!
//! (`autotests = false` in Cargo.toml: a new file here is added below, not found by Cargo.)

mod common;
mod exact;

mod check_report;
mod cli;
mod cli_stats;
mod cross_check;
mod diff;
mod effort;
mod exact_gap;
mod export;
mod export_report;
mod fuzz;
mod generate;
mod handouts;
mod hardening;
mod import;
mod import_fixtures;
mod import_silent;
mod input_errors;
mod mankowska;
mod monotone;
mod plan;
mod replan;
mod replan_props;
mod routes;
mod scale;
mod scarce;
mod serve_api;
mod serve_browser;
mod solver_errors;
mod staffing;
mod travel;
mod variant;
mod whatif;
