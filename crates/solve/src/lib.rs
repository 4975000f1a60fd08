//! The optimizer behind `onedoor plan`, and the only crate that builds HiGHS (good_lp).
//!
//! In onedoor's data flow — input → scenario → travel graph (`onedoor-core`) → **dates →
//! visits → crews → repair → search → plan** (this crate) → check (`onedoor-check`) and
//! report (the `onedoor` binary) — this crate turns a loaded scenario and its travel graph
//! into a plan ([`plan()`]); [`whatif`] runs it over variants side by side, [`replan()`]
//! re-plans an announced week from a date, and [`staffing`] answers whom to certify.
//!
//! # The pipeline, one module per stage
//!
//! The objective is lexicographic (unscheduled priority, visits, crew entries, travel),
//! and the stages follow it. In the order a solve runs them:
//!
//! | module | stage |
//! |---|---|
//! | `lib.rs` | the front door: [`Options`], [`Start`], [`plan()`], [`Outcome`], [`Status`] |
//! | `budget.rs` | the run budget of one solve: deadline, [`CancelToken`] (Ctrl-C), work count; [`thread_pool`] |
//! | `context.rs` | what every stage needs, computed once: working dates, valid dates, parts |
//! | `portfolio.rs` | the **portfolio**: several date choices, each finished into a plan; the best wins |
//! | `dates/` | the **date choosers**: `greedy.rs` (interval stabbing, and a re-plan's start dates), `ilp.rs` (the date ILP on HiGHS, per part), `baseline.rs` (the two baselines) |
//! | `split.rs` | **visit splitting**: a business's tasks on one date split into visits where a rule demands it |
//! | `crews.rs` | **crews and times** for one date, every date in parallel |
//! | `repair.rs` | **repair**: tasks left over placed again, visits at one business merged, ejection |
//! | `keep.rs` | a re-plan's start plan as a candidate: its still-valid visits kept, the rest repaired |
//! | `search/` | the **search**: `dates.rs` (polish, and the large-neighbourhood date search), `crews.rs` (ruin and recreate inside dates) |
//! | `assemble.rs` | **assembly**: the plan file, the reason for every task left out, the figures, the solver block |
//!
//! Beside the pipeline: `replan.rs` ([`replan()`], an announced week re-planned from a
//! date). It runs the pipeline's own repair moves inside a `repair::Scope` (a first date
//! and a set of locked visits) and the pipeline's own assembly (`assemble::build_in`, with
//! the history first): history kept, announced visits kept or re-crewed at their time and
//! locked, the rest placed around them, with the pipeline's own re-plan of the dates left
//! as more candidates. It keeps only the order of its stages, the visit ids and the change
//! list. Also beside it: [`whatif`] (variants side by side, bottlenecks) and [`staffing`] (whom to certify).
//!
//! A solve chooses dates ([`Stage::IlpDates`] with capacity margins 0.8, 0.7, 0.9 and 1.0,
//! then [`Stage::GreedyDates`]), and finishes each choice into a plan: visit splitting and
//! crews ([`Stage::Crews`]), repair ([`Stage::Repair`]), assembly. The best plan by the
//! objective wins. The portfolio stops early when a plan is provably optimal on the first
//! two levels (everything left out is ruled out by a fact, and the visits equal the lower
//! bound), when half the time limit is spent, or on Ctrl-C. The winner is then polished
//! ([`Stage::Polish`]: finished again from its own dates while that improves it, at most
//! three rounds), searched over dates ([`Stage::DateSearch`]: a large-neighbourhood search
//! releases the dates of part of the plan and finishes it again, keeping improvements) and
//! over crews ([`Stage::CrewSearch`]: ruin and recreate inside dates). Searches end on work
//! limits fixed by the instance's size, so the plan does not depend on the machine.
//!
//! **Scarce certificates.** Where fewer than half the inspectors hold a certificate
//! (`Context::certified_scarce`), the date ILP also counts the visits certified officers
//! can make per date, visits are placed most valuable first — by priority per *seat
//! cost*, the capped certified officers' days a visit spends at best, so that a visit an
//! uncapped officer can join goes before an equally valuable one only two capped officers
//! can crew — and a crew spends no more certified members than the visit needs (among
//! crews of equal size), nor the day's last visit of more certified officers than it must
//! (`crews.rs`). The crew search also takes sideways rounds there (`search/crews.rs`).
//!
//! A **re-plan** ([`Options::start`], `onedoor plan --from`) replaces the ILP choices by
//! the earlier plan itself — its visits still valid by the checker's rules kept exactly,
//! the rest repaired around them (`keep.rs`, [`Stage::KeepStart`]), so a re-plan is never
//! worse than a start that is still valid — then the earlier plan's dates where still
//! valid ([`Start`], [`Stage::StartDates`]) and the greedy dates; the polish follows as
//! usual, and there is no search, so that only what the change forces moves.
//!
//! **Status.** [`Status::Optimal`] only when the first two levels are proven (everything
//! left out is ruled out by a fact, visits equal the lower bound); otherwise
//! [`Status::Feasible`], or [`Status::TimeLimit`] when stopped early. The time limit
//! bounds the whole solve: every stage asks the run budget before each step that can
//! take long, and a stopped solve returns the best valid plan it has.
//!
//! **HiGHS failures** never end a solve: a part of the date ILP whose HiGHS call fails
//! keeps its greedy dates, and the solve says why ([`Outcome::fallbacks`], the plan's
//! `solver.fallback`). **State** belongs to one solve: its [`CancelToken`]
//! ([`Options::cancel`]) and its work count; only the thread pools ([`thread_pool`]) are
//! the process's.
//!
//! # Words
//!
//! One word per concept, in identifiers, docs and comments alike: a **date** is a working
//! date of the horizon (`DatePos`, its position in `Context::dates`; `DatePlan`, the
//! visits of one date); a **day** is only an inspector's working day (the horizon's hours
//! and the visits they crew in it); a **part** is a piece of the instance that shares no
//! inspector with the rest; **merge** is only merging visits at one business (the date
//! choice by integer program is the **date ILP**); **search** is only the date and crew
//! searches that end a solve (the **polish** re-plans from the plan's own dates);
//! **stats** are only the plan's figures (`plan::Stats`).
//!
//! # Rules and where they are kept
//!
//! Every plan is valid by construction; the checker (`onedoor-check`) enforces the same
//! rules independently. Rule by rule (docs/format.md, "Validity rules C1–C13"):
//!
//! | rule | kept by |
//! |---|---|
//! | C1 coverage | `assemble::build`: every task in exactly one visit or in `unscheduled`; visit ids numbered once |
//! | C2 one business | `dates::Draft` and `crews::DatePlan::insert`: a visit is made for one business from its own tasks |
//! | C3 date | `Context::task_dates` (valid dates): every date chooser, `repair` and the searches place a task only on one of them |
//! | C4 hours | `crews::DatePlan::gaps` (inside the business's window and the horizon hours), `split::fits` (pinned start) |
//! | C5 duration | `Context::duration` (overhead + the largest department's minutes), `split::fits` (`max_visit_minutes`) |
//! | C6 crew | `crews::choose_crew` (every role filled by able inspectors, no repeats, enough certified) |
//! | C7 availability | `crews::DatePlan::find` (available on the date, not recused) |
//! | C8 inspector day | `crews::DatePlan::gaps` (travel from the previous stop and to the next, back to base), `DatePlan::find` (`max_visits_per_day`) |
//! | C9 business limit | `repair::enforce_limits`, `repair::at_limit`; the date ILP's business rows |
//! | C10 alone | `split::fits` and `split::into_visits` (a non-joinable task is a visit of its own) |
//! | C11 compatible | `split::fits` (compatible departments, `max_departments_per_visit`) |
//! | C12 honest reasons | `assemble.rs` (the reason of each task left out): the facts first (`Context::facts`), otherwise `capacity` or `time_limit` |
//! | C13 stats | `assemble::build`: the figures computed by `onedoor_core::figures::plan_stats` |
//!
//! Everything is deterministic: parallel work is per date or per part and collected in
//! order; HiGHS runs on one thread with a node limit; ties break on indices.
#![deny(missing_docs)]

mod assemble;
mod budget;
mod context;
mod crews;
mod dates;
mod keep;
mod portfolio;
mod repair;
mod replan;
mod search;
mod split;
#[cfg(test)]
mod tests;

pub mod error;
pub mod staffing;
pub mod whatif;
pub use budget::{thread_pool, CancelToken};
pub use error::{DateFallback, HighsError, SolveError};
pub use replan::{replan, replan_pinned, Replanned};

// The domain modules, under the names the stages use (`crate::plan`, `crate::ids`, ...).
use onedoor_core::{facts, figures, ids, json, plan, scenario, travel};

// What `keep.rs` uses, under the names it has always used.
use budget::Run;
use portfolio::repair_and_build;

use crate::json::Json;
use crate::plan::{Plan, Stats};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;
use context::Context;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// Options of a solve.
#[derive(Clone, Debug)]
pub struct Options {
    /// Wall-clock limit; the best plan found by then is returned.
    pub time_limit: Duration,
    /// Worker threads (None: all cores). The plan does not depend on it.
    pub threads: Option<usize>,
    /// Tie-breaking seed.
    pub seed: u64,
    /// Report progress (stages and better plans) to the observer of [`plan_with`].
    pub progress: bool,
    /// How dates are chosen: the optimizer, or a baseline for comparison.
    pub strategy: Strategy,
    /// Re-plan from an earlier plan's dates instead of searching from scratch (see
    /// [`Start`]); only with [`Strategy::Optimize`].
    pub start: Option<Arc<Start>>,
    /// Rounds of the large-neighbourhood search that ends an optimizer solve (None: set
    /// by the instance's size, none when re-planning; `Some(0)`: none).
    pub search_rounds: Option<usize>,
    /// Rounds of the crew search (ruin and recreate within dates) that ends an optimizer
    /// solve (None: set by the plan's size; `Some(0)`: none).
    pub crew_rounds: Option<usize>,
    /// Stops the solve early once cancelled (Ctrl-C in the command line); it then returns
    /// the best plan it has, with status `time_limit`. `Options::default()` makes a fresh
    /// token; clones of the options share theirs, so one token stops every solve given a
    /// clone, and a solve given a fresh token is not affected.
    pub cancel: CancelToken,
}

/// The dates of an earlier plan, to re-plan from (`onedoor plan --from`, and the
/// variants of `onedoor whatif`).
///
/// A re-plan keeps every task on its earlier date while that date is still valid for it,
/// re-dates the rest (joining a date its business already has when it can), then builds
/// crews and times, repairs and merges as usual; the greedy dates of the scenario are
/// tried too and the better plan wins. It skips the date ILP and the search, so it takes
/// milliseconds where a fresh solve takes tenths of seconds, and a small change to a
/// scenario gives a plan close to the one it started from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Start {
    /// Task id → date, for the tasks the earlier plan scheduled.
    dates: BTreeMap<String, NaiveDate>,
    /// The earlier plan's visits, kept as they are where still valid (`keep.rs`).
    visits: Vec<crate::plan::Visit>,
}

impl Start {
    /// The dates of a plan's scheduled tasks (tasks the scenario no longer has, or dates
    /// it no longer allows, are simply not kept).
    pub fn from_plan(plan: &Plan) -> Start {
        let dates = plan
            .visits
            .iter()
            .flat_map(|v| v.tasks.iter().map(|t| (t.clone(), v.date)))
            .collect();
        Start {
            dates,
            visits: plan.visits.clone(),
        }
    }

    /// How many of the scenario's tasks have a date here (whether or not it is still
    /// valid for them).
    pub fn matching(&self, scn: &Scenario) -> usize {
        scn.tasks
            .iter()
            .filter(|t| self.dates.contains_key(&t.id))
            .count()
    }

    /// Each task's start date as a date position of the context (None: no date, or a
    /// date that is not a working date of the horizon).
    fn days(&self, ctx: &Context) -> Vec<Option<context::DatePos>> {
        ctx.scn
            .task_indices()
            .map(|t| {
                let date = self.dates.get(&ctx.scn.task(t).id)?;
                ctx.dates.binary_search(date).ok()
            })
            .collect()
    }
}

/// The optimizer, or one of the two baselines it is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Strategy {
    /// The full optimizer (ILP dates, crews, repair, merging).
    #[default]
    Optimize,
    /// Baseline: no merging; each department visits each business alone (its own
    /// tasks grouped onto its fewest dates), crews assigned greedily, no repair.
    NoMerge,
    /// Baseline: each business's tasks on their first common valid date (a new date
    /// whenever the next task does not share one), crews assigned greedily, no repair.
    GreedyMerge,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_limit: Duration::from_secs(30),
            threads: None,
            seed: 0,
            progress: false,
            strategy: Strategy::Optimize,
            start: None,
            search_rounds: None,
            crew_rounds: None,
            cancel: CancelToken::new(),
        }
    }
}

/// A finished solve.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The plan, with its figures filled in.
    pub plan: Plan,
    /// The plan's figures (the same as in `plan.stats`).
    pub stats: Stats,
    /// Seconds spent.
    pub seconds: f64,
    /// What the solve proves about the plan.
    pub status: Status,
    /// How the winning plan's dates were chosen (the plan's `solver.dates`).
    pub dates: DateMethod,
    /// Parts of the date ILP that kept their greedy dates because HiGHS failed, in the
    /// order they ran (the plan's `solver.fallback` says so too). Empty when HiGHS never
    /// failed.
    pub fallbacks: Vec<DateFallback>,
}

/// What a solve proves about its plan (the plan's `solver.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The first two levels of the objective are proven: everything left out is ruled
    /// out by a fact of the scenario, and the visits equal the lower bound of what is
    /// scheduled. (Crew entries and travel may still improve.)
    Optimal,
    /// A valid plan; a better one may exist.
    Feasible,
    /// Stopped early (time limit or Ctrl-C): the best plan found by then.
    TimeLimit,
}

impl Status {
    /// The word written in the plan: `optimal`, `feasible` or `time_limit`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// How the winning plan's dates were chosen (the plan's `solver.dates`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateMethod {
    /// The date ILP, solved to optimality in every part.
    IlpOptimal,
    /// The date ILP, stopped in some part (node or time limit) at its best solution.
    IlpStopped,
    /// The greedy dates (the ILP was not run, or gave no answer in some part).
    Greedy,
    /// A re-plan: the start plan, or its dates where still valid.
    Replan,
    /// The no-merge baseline ([`Strategy::NoMerge`]).
    NoMergeBaseline,
    /// The greedy-merge baseline ([`Strategy::GreedyMerge`]).
    GreedyMergeBaseline,
}

impl DateMethod {
    /// The words written in the plan's solver block.
    pub fn code(self) -> &'static str {
        match self {
            DateMethod::IlpOptimal => "optimal",
            DateMethod::IlpStopped => "time_limit",
            DateMethod::Greedy => "greedy",
            DateMethod::Replan => "re-plan",
            DateMethod::NoMergeBaseline => "no-merge baseline",
            DateMethod::GreedyMergeBaseline => "greedy-merge baseline",
        }
    }
}

impl std::fmt::Display for DateMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A stage of the solve, as the observer of [`plan_with`] is told of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// A re-plan keeps the start plan's still-valid visits and repairs around them.
    KeepStart,
    /// The date ILP with this capacity margin.
    IlpDates {
        /// The share of officer-minutes the aggregate capacity may fill.
        margin: f64,
    },
    /// The greedy dates.
    GreedyDates,
    /// A re-plan's dates: the start plan's where still valid.
    StartDates,
    /// Visit splitting, crews and times, every date in parallel.
    Crews,
    /// Repair: tasks left over placed again, visits merged, ejection.
    Repair,
    /// The polish: finished again from the best plan's own dates.
    Polish,
    /// The large-neighbourhood search over dates.
    DateSearch,
    /// Ruin and recreate inside dates.
    CrewSearch,
}

/// What a solve tells its observer ([`plan_with`]).
#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    /// A stage starts.
    Stage(Stage),
    /// A better plan was found; its figures.
    Best(&'a Stats),
}

/// Plans a scenario: every task ends up in a visit or unscheduled with a reason.
pub fn plan(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
) -> Result<Outcome, crate::error::SolveError> {
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
) -> Result<Outcome, crate::error::SolveError> {
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
fn plan_in(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
    run: &Run,
) -> Result<Outcome, crate::error::SolveError> {
    let ((mut plan, stats, dates, proven), threads) = budget::in_pool(options.threads, || {
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
    plan.solver = assemble::solver_block(status, dates, seconds, threads, options.seed);
    let fallbacks = run.take_fallbacks();
    if let (Some(text), Json::Object(fields)) = (fallback_text(&fallbacks), &mut plan.solver) {
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

/// The plan's `solver.fallback`: where the date ILP kept greedy dates because HiGHS
/// failed, the first time and how many more (None when it never failed).
pub fn fallback_text(fallbacks: &[DateFallback]) -> Option<String> {
    let first = fallbacks.first()?;
    let more = match fallbacks.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    Some(format!("greedy dates: {first}{more}"))
}
