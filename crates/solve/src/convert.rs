//! Plans back in the solver's terms: a plan's visits as placed visits ([`placed`]) on
//! the dates of a week ([`date_plans_of`]), for a re-plan's start plan (`keep.rs`,
//! `replan.rs`) and the crew search (`search/crews.rs`).

use crate::budget::Work;
use crate::context::Context;
use crate::crews::{DatePlan, Placed};
use crate::ids::TaskIdx;
use crate::plan::{Plan, Visit};

/// A plan of this solve's own making back in the solver's terms: its dates' visits, and
/// the schedulable tasks it leaves out (`None` if an id does not resolve).
pub fn date_plans_of(
    ctx: &Context,
    plan: &Plan,
    work: &Work,
) -> Option<(Vec<DatePlan>, Vec<TaskIdx>)> {
    date_plans_from(ctx, plan.visits.iter(), work)
}

/// Dates holding exactly `visits`, and the schedulable tasks none of them holds.
pub fn date_plans_from<'v>(
    ctx: &Context,
    visits: impl IntoIterator<Item = &'v Visit>,
    work: &Work,
) -> Option<(Vec<DatePlan>, Vec<TaskIdx>)> {
    let scn = ctx.scn;
    let mut dates: Vec<DatePlan> = (0..ctx.dates.len())
        .map(|d| DatePlan::new(ctx, d, work))
        .collect();
    let mut scheduled = vec![false; scn.tasks.len()];
    for v in visits {
        let placed = placed(ctx, v)?;
        for t in &placed.tasks {
            scheduled[t.index()] = true;
        }
        dates[placed.date].keep(ctx, placed);
    }
    let left = scn
        .task_indices()
        .filter(|t| !scheduled[t.index()] && ctx.schedulable[t.index()])
        .collect();
    Some((dates, left))
}

/// A plan's visit in the solver's terms (`None` if an id or the date does not resolve;
/// for the visits [`onedoor_check::keepable`] keeps, it has ruled that out).
pub fn placed(ctx: &Context, v: &Visit) -> Option<Placed> {
    let idx = &ctx.scn.index;
    let date = ctx.dates.binary_search(&v.date).ok()?;
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
        date,
        tasks,
        start: v.start.0,
        end: v.end.0,
        crew,
    })
}
