//! The date choosers: which date each task is checked on, as [`Draft`]s (a business, a
//! date and its tasks there), before visit splitting and crews.
//!
//! - `greedy.rs`: interval stabbing onto the fewest dates per business, each on its
//!   least-loaded date; also a re-plan's dates (the start plan's, where still valid);
//! - `ilp.rs`: the date ILP on HiGHS, per part, with aggregate capacity;
//! - `baseline.rs`: the two baselines (no merging, and a simple greedy merge).

pub mod baseline;
pub mod greedy;
pub mod ilp;

use crate::context::{Context, DatePos};
use crate::ids::{BizIdx, TaskIdx};

/// A business, a date and the tasks to check there (before splitting into visits).
#[derive(Clone, Debug)]
pub struct Draft {
    /// The business.
    pub business: BizIdx,
    /// The date position.
    pub date: DatePos,
    /// Tasks for that date.
    pub tasks: Vec<TaskIdx>,
}

/// The dates valid for every task of a group.
pub fn common_dates(ctx: &Context, tasks: &[TaskIdx]) -> Vec<DatePos> {
    let mut dates = ctx.task_dates[tasks[0].index()].clone();
    for &t in &tasks[1..] {
        let other = &ctx.task_dates[t.index()];
        dates.retain(|d| other.binary_search(d).is_ok());
    }
    dates
}
