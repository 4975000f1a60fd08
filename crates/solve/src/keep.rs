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

use super::budget::Work;
use super::context::Context;
use super::crews::{DatePlan, Placed};
use super::{repair_and_build, Run};
use crate::ids::TaskIdx;
use crate::plan::{Plan, Stats, Visit};

/// The start plan's keepable visits, repaired around; `None` when no visit can be kept.
pub fn candidate(ctx: &Context, run: &Run, visits: &[Visit]) -> Option<(Plan, Stats)> {
    let scn = ctx.scn;
    let start = Plan::new(&scn.name, visits.to_vec(), Vec::new());
    let keep = onedoor_check::keepable(scn, ctx.travel, &start);
    let kept: Vec<&Visit> = visits
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v)
        .collect();
    if kept.is_empty() {
        return None;
    }
    let (days, left) = days_from(ctx, kept, &run.work)?;
    Some(repair_and_build(ctx, run, days, left))
}

/// A plan of this solve's own making back in the solver's terms: its dates' visits, and
/// the schedulable tasks it leaves out (`None` if an id does not resolve).
pub fn days_of(ctx: &Context, plan: &Plan, work: &Work) -> Option<(Vec<DatePlan>, Vec<TaskIdx>)> {
    days_from(ctx, plan.visits.iter(), work)
}

/// Dates holding exactly `visits`, and the schedulable tasks none of them holds.
fn days_from<'v>(
    ctx: &Context,
    visits: impl IntoIterator<Item = &'v Visit>,
    work: &Work,
) -> Option<(Vec<DatePlan>, Vec<TaskIdx>)> {
    let scn = ctx.scn;
    let mut days: Vec<DatePlan> = (0..ctx.dates.len())
        .map(|d| DatePlan::new(ctx, d, work))
        .collect();
    let mut scheduled = vec![false; scn.tasks.len()];
    for v in visits {
        let placed = placed(ctx, v)?;
        for t in &placed.tasks {
            scheduled[t.index()] = true;
        }
        days[placed.date].keep(ctx, placed);
    }
    let left = scn
        .task_indices()
        .filter(|t| !scheduled[t.index()] && ctx.schedulable[t.index()])
        .collect();
    Some((days, left))
}

/// A kept visit in the solver's terms (`None` if an id or the date does not resolve,
/// which [`onedoor_check::keepable`] has already ruled out).
pub(crate) fn placed(ctx: &Context, v: &Visit) -> Option<Placed> {
    let idx = &ctx.scn.index;
    let day = ctx.dates.binary_search(&v.date).ok()?;
    let tasks = v
        .tasks
        .iter()
        .map(|t| idx.tasks.get(t).copied())
        .collect::<Option<Vec<_>>>()?;
    let crew = v
        .crew
        .iter()
        .map(|c| {
            Some((
                *idx.inspectors.get(&c.inspector)?,
                *idx.departments.get(&c.department)?,
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Placed {
        business: *idx.businesses.get(&v.business)?,
        date: day,
        tasks,
        start: v.start.0,
        end: v.end.0,
        crew,
    })
}
