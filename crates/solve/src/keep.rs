//! The start plan itself as a candidate of a re-plan: its visits that are still valid
//! stay exactly as they are, and the rest of the week is repaired around them.
//!
//! Which visits are kept is the checker's decision ([`onedoor_check::keepable`]), so a
//! start plan that is still valid for the changed scenario is kept whole. The tasks of
//! visits that could not be kept, and tasks the start plan did not schedule, then go
//! through repair (`repair.rs`) like any task left over. Repair only adds tasks
//! and merging only removes entries, so the candidate is never worse than the valid part
//! of the start: a re-plan that may pick it can never return a plan worse than a start
//! that is still valid (more resources never make a plan worse).

use crate::budget::Run;
use crate::context::Context;
use crate::convert::date_plans_from;
use crate::finish::repair_and_build;
use crate::plan::{Plan, Stats, Visit};

/// The start plan's keepable visits, repaired around; `None` when no visit can be kept.
pub fn candidate(ctx: &Context, run: &Run, visits: &[Visit]) -> Option<(Plan, Stats)> {
    let scn = ctx.scn;
    let start = Plan::new(&scn.name, visits.to_vec(), Vec::new());
    let keep = onedoor_check::keepable(scn, &start);
    let kept: Vec<&Visit> = visits
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v)
        .collect();
    if kept.is_empty() {
        return None;
    }
    let (dates, left) = date_plans_from(ctx, kept, &run.work)?;
    Some(repair_and_build(ctx, run, dates, left))
}
