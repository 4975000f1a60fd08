//! Finishing a choice of dates into a plan, for the portfolio (`portfolio.rs`) and the
//! searches (`search/`) alike: visit splitting and crews for every date in parallel
//! ([`finish`]), then repair and assembly ([`repair_and_build`]).

use crate::budget::Run;
use crate::context::Context;
use crate::crews::{self, DatePlan};
use crate::dates::Draft;
use crate::ids::TaskIdx;
use crate::plan::{Plan, Stats};
use crate::{assemble, repair, Stage};
use rayon::prelude::*;

/// Finishes one choice of dates: visit splitting, crews and times per date in parallel,
/// then (when `repair`) repair, then assembly.
pub fn finish(ctx: &Context, run: &Run, drafts: Vec<Draft>, repair: bool) -> (Plan, Stats) {
    run.stage(Stage::Crews);
    let mut by_date: Vec<Vec<Draft>> = vec![Vec::new(); ctx.dates.len()];
    for d in drafts {
        by_date[d.date].push(d);
    }
    let built: Vec<(DatePlan, Vec<Draft>)> = by_date
        .into_par_iter()
        .enumerate()
        .map(|(date, drafts)| crews::build_date(ctx, date, drafts, run.deadline(), &run.work))
        .collect();
    let (mut dates, failed): (Vec<DatePlan>, Vec<Vec<Draft>>) = built.into_iter().unzip();
    let mut leftovers = repair::enforce_limits(ctx, &mut dates);
    leftovers.extend(failed.into_iter().flatten().flat_map(|d| d.tasks));
    if repair {
        return repair_and_build(ctx, run, dates, leftovers);
    }
    assemble::build(ctx, &dates, &leftovers, run.should_stop())
}

/// Repair on placed dates and the tasks left over, then assembly.
pub fn repair_and_build(
    ctx: &Context,
    run: &Run,
    mut dates: Vec<DatePlan>,
    mut leftovers: Vec<TaskIdx>,
) -> (Plan, Stats) {
    run.stage(Stage::Repair);
    let deadline = run.deadline();
    leftovers = repair::reinsert(ctx, &mut dates, leftovers, deadline);
    repair::merge_visits(ctx, &mut dates, deadline);
    leftovers = repair::reinsert(ctx, &mut dates, leftovers, deadline);
    leftovers = repair::eject(ctx, &mut dates, leftovers, deadline);
    repair::merge_visits_ejecting(ctx, &mut dates, deadline);
    let timed_out = run.should_stop();
    assemble::build(ctx, &dates, &leftovers, timed_out)
}
