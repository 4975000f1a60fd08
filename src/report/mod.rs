//! Everything a person reads: the plan summary, the check report, the scenario overview
//! of `stats`, the plan diff, a re-plan's change list, the what-if comparison and the
//! bottlenecks, as terminal tables; the JSON of `diff --json`, `replan --changes` and
//! `whatif --json`, through `serde` derives; the spinner while `plan` solves
//! ([`Progress`]); and the files of `onedoor export` ([`export`]: workbook, CSV,
//! calendars, notices, report, GeoJSON).
//!
//! The numbers come from the libraries (`onedoor-core`, `onedoor-check`,
//! `onedoor-solve`); this module only lays them out. Figures are listed by iterating
//! [`Figure`](onedoor_core::plan::Figure), dates are labelled by [`date_label`], and
//! [`table`] renders columns padded by display width (a Chinese character takes two
//! terminal columns).

mod changes;
mod check;
mod diff;
pub mod export;
mod progress;
mod staffing;
mod stats;
mod summary;
pub mod table;
mod whatif;

pub use changes::{announced_stats, changes_json, changes_text, ChangesJson};
pub use check::check_report;
pub use diff::{diff_json, diff_summary, diff_text, DiffJson};
pub use progress::Progress;
pub use staffing::staffing_text;
pub use stats::{stats_json, stats_report};
pub use summary::{summary, LEFT_OUT_SHOWN};
pub use table::{percent, thousands, Align, Table};
pub use whatif::{bottlenecks_text, comparison_json, comparison_text, ComparisonJson};

use chrono::{Datelike, NaiveDate};
use onedoor_core::scenario::time::{fmt_date, weekday_name};

/// A date for people: `2022-09-12 mon`.
pub fn date_label(d: NaiveDate) -> String {
    format!("{} {}", fmt_date(d), weekday_name(d.weekday()))
}
