//! Reports for people: terminal tables that align Chinese text.
//!
//! [`table`] renders columns padded by display width (a Chinese character takes two
//! terminal columns), with per-column alignment, and holds small formatting helpers
//! (percentages, thousands separators) shared by `stats` and the plan summary.

mod summary;
pub mod table;

pub use summary::summary;
pub use table::{percent, thousands, Align, Table};
