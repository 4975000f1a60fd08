//! The front door of a solve: [`plan()`] and [`plan_with`] set up its run budget and
//! thread pool, run the portfolio (`portfolio.rs`) and give back an [`Outcome`] with the
//! plan's solver block filled in.

use crate::budget::{self, Run};
use crate::context::Context;
use crate::error::SolveError;
use crate::json::Json;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use crate::{assemble, parts, portfolio, Event, Options, Outcome, Status, Strategy};

/// Plans a scenario: every task ends up in a visit or unscheduled with a reason.
pub fn plan(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
) -> Result<Outcome, SolveError> {
    plan_with(scn, travel, options, &|_| {})
}

/// [`plan()`], telling `observer` of each stage and each better plan when
/// [`Options::progress`] is set (the command line's spinner).
///
/// The solve runs in the rayon pool of the thread calling it when that is a rayon worker
/// (a caller's own pool: `whatif` and `staffing` run their cases so), otherwise in the
/// process's pool of [`Options::threads`] workers ([`thread_pool`]).
pub fn plan_with(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
    observer: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Outcome, SolveError> {
    let observer = options.progress.then_some(observer);
    let run = Run::new(
        options.time_limit,
        options.cancel.clone(),
        options.seed,
        observer,
    );
    plan_in(scn, travel, options, &run)
}

/// [`plan_with`] on a budget made by the caller (the tests of HiGHS's failure paths set a
/// fault in it).
pub(crate) fn plan_in(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
    run: &Run,
) -> Result<Outcome, SolveError> {
    let ((mut plan, stats, dates, proven), threads) = budget::in_pool(options.threads, || {
        // A fresh solve of a week in independent parts plans each part as if alone
        // (`parts.rs`); a re-plan and the baselines take the week whole.
        let in_parts = options.strategy == Strategy::Optimize && options.start.is_none();
        if let Some(pieces) = in_parts.then(|| parts::split(scn, travel)).flatten() {
            return parts::solve(scn, travel, &pieces, run, options);
        }
        let ctx = Context::new(scn, travel);
        let (plan, stats, dates) = portfolio::solve(&ctx, run, options);
        let proven = portfolio::proven_on_entries(&ctx, &stats);
        (plan, stats, dates, proven)
    })?;
    let seconds = run.started.elapsed().as_secs_f64();
    let status = if proven {
        Status::Optimal
    } else if run.should_stop() {
        Status::TimeLimit
    } else {
        Status::Feasible
    };
    plan.solver = assemble::solver_block(
        status,
        dates,
        seconds,
        threads,
        options.seed,
        options.effort,
        options.search_for,
    );
    let fallbacks = run.take_fallbacks();
    if let (Some(text), Json::Object(fields)) =
        (assemble::fallback_field(&fallbacks), &mut plan.solver)
    {
        fields.push(("fallback".to_owned(), Json::Str(text)));
    }
    Ok(Outcome {
        plan,
        stats,
        seconds,
        status,
        dates,
        fallbacks,
    })
}
