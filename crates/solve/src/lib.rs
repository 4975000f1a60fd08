//! The optimizer behind `onedoor plan`, and the only crate that builds HiGHS (good_lp).
//!
//! In onedoor's data flow — input → scenario → travel graph (`onedoor-core`) → **dates →
//! visits → crews → repair → search → plan** (this crate) → check (`onedoor-check`) and
//! report (the `onedoor` binary) — this crate turns a loaded scenario and its travel graph
//! into a plan ([`plan`]); [`whatif`] runs it over variants side by side.
//!
//! The objective is lexicographic (unscheduled priority, visits, crew entries, travel),
//! and the stages follow it:
//!
//! 1. **Dates**: each business's tasks are grouped onto the fewest dates (the lower
//!    bound's interval stabbing, `assign.rs`), each group on the date where its
//!    departments are least loaded; or by the merge ILP on HiGHS (`merge.rs`), per part
//!    of the instance that shares no inspector, with aggregate officer capacity per
//!    department and date scaled by a capacity margin.
//! 2. **Visits** (`group.rs`): a business's tasks for one date are split into visits only
//!    where a rule demands it (non-joinable tasks, incompatible departments, duration).
//! 3. **Crews and times** (`day.rs`): every date independently (in parallel with rayon),
//!    visits hardest first, inserted into inspectors' days with a crew search.
//! 4. **Repair and improve** (`repair.rs`): tasks whose visit found no crew are put into
//!    an existing visit at their business or a new visit; visits at one business are
//!    merged onto a date valid for all their tasks; left-out tasks and unmerged pairs get
//!    a second chance by moving one other visit out of the way (ejection).
//! 5. **Plan** (`output.rs`): ids, reasons for every task left out (the checkable facts
//!    first, otherwise `capacity` or `time_limit` with a detail), and the figures.
//!
//! Stages 2–5 run once per date choice of a small **portfolio** — the ILP with capacity
//! margins 0.8, 0.7, 0.9 and 1.0, then the greedy dates alone — and the best plan by the
//! objective wins. The portfolio stops early when a plan is provably optimal on the
//! first two levels (everything left out is ruled out by a fact, and the visits equal the
//! lower bound), when half the time limit is spent, or on Ctrl-C. The winner is then
//! **polished**: stages 2–5 again from its own dates (`lns.rs`), kept while that
//! improves it (at most three rounds, milliseconds each).
//!
//! 6. **Date search** (`lns.rs`): a large-neighbourhood search releases the dates of part
//!    of the best plan and re-plans it, keeping improvements, for a number of rounds and
//!    a budget of work fixed by the instance's size (work limits, so the plan does not
//!    depend on the machine).
//! 7. **Crew search** (`recrew.rs`): ruin and recreate inside dates — the days of a few
//!    certified officers, or the visits around a business, are taken out and placed
//!    again in another order with the tasks left out; kept when the objective improves.
//!
//! **Scarce certificates.** Where fewer than half the inspectors hold a certificate
//! (`Context::certified_scarce`), the ILP also counts the visits certified
//! officers can make per day, visits are placed most valuable first, and a crew spends no
//! more certified members than the visit needs (among crews of equal size).
//!
//! A **re-plan** ([`Options::start`], `onedoor plan --from`) replaces the ILP choices by
//! the earlier plan itself — its visits still valid by the checker's rules kept exactly,
//! the rest repaired around them (`keep.rs`), so a re-plan is never worse than a start
//! that is still valid — then the earlier plan's dates where still valid ([`Start`]) and
//! the greedy dates; the polish follows as usual, and there is no search, so that only
//! what the change forces moves.
//!
//! **Status.** [`Status::Optimal`] only when the first two levels are proven (everything
//! left out is ruled out by a fact, visits equal the lower bound); otherwise
//! [`Status::Feasible`], or [`Status::TimeLimit`] when stopped early.
//!
//! Everything is deterministic: parallel work is per date or per part and collected in
//! order; HiGHS runs on one thread with a node limit; ties break on indices.
#![deny(missing_docs)]

mod assign;
mod context;
mod day;
mod group;
mod keep;
mod lns;
mod merge;
mod output;
mod recrew;
mod repair;
mod replan;

pub mod error;
pub mod staffing;
pub mod whatif;
pub use error::SolveError;
pub use replan::{replan, Replanned};

// The domain modules, under the names the stages use (`crate::plan`, `crate::ids`, ...).
use onedoor_core::{facts, figures, ids, json, plan, scenario, travel};

use crate::figures::Objective;
use crate::plan::{Plan, Stats};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;
use context::Context;
use day::DayPlan;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Options of a solve.
#[derive(Clone, Debug)]
pub struct Options {
    /// Wall-clock limit; the best plan found by then is returned.
    pub time_limit: Duration,
    /// Worker threads (None: all cores). The plan does not depend on it.
    pub threads: Option<usize>,
    /// Tie-breaking seed.
    pub seed: u64,
    /// Show progress on stderr when it is a terminal.
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
    fn days(&self, ctx: &Context) -> Vec<Option<context::Day>> {
        ctx.scn
            .task_indices()
            .map(|t| {
                let date = self.dates.get(&ctx.scn.task(t).id)?;
                ctx.dates.binary_search(date).ok()
            })
            .collect()
    }
}

/// One date choice of the portfolio.
enum Choice {
    /// The merge ILP with this capacity margin.
    Ilp(f64),
    /// The greedy dates.
    Greedy,
    /// A start plan's dates, per task.
    Start(Vec<Option<context::Day>>),
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
    /// How the winning plan's dates were chosen (`ILP optimal`, `greedy`, `re-plan`, …).
    pub dates: String,
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

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks a running solve to stop searching and return the best plan it has (what Ctrl-C
/// does in the command line). The date ILP finishes its current solve first.
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether the search should stop: time is up or the user interrupted.
fn should_stop(deadline: Instant) -> bool {
    INTERRUPTED.load(Ordering::SeqCst) || Instant::now() >= deadline
}

/// A rayon pool of `threads` workers (default: all cores), and its size.
pub fn thread_pool(
    threads: Option<usize>,
) -> Result<(rayon::ThreadPool, usize), crate::error::SolveError> {
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    Ok((rayon::ThreadPoolBuilder::new().num_threads(n).build()?, n))
}

/// Plans a scenario: every task ends up in a visit or unscheduled with a reason.
pub fn plan(
    scn: &Scenario,
    travel: &TravelGraph,
    options: &Options,
) -> Result<Outcome, crate::error::SolveError> {
    let started = Instant::now();
    let (pool, threads) = thread_pool(options.threads)?;
    let deadline = started + options.time_limit;
    let progress = output::Progress::new(options.progress);
    let (mut plan, stats, dates, proven) = pool.install(|| {
        let ctx = Context::new(scn, travel);
        let run = Run {
            progress: &progress,
            deadline,
            started,
            time_limit: options.time_limit,
            seed: options.seed,
        };
        let (plan, stats, dates) = match options.strategy {
            Strategy::Optimize => {
                // A small portfolio of date choices, each finished into a plan; the best
                // plan wins (lexicographic objective, first on ties). From scratch: the
                // date ILP with several capacity margins, then the greedy dates alone.
                // Re-planning: the start plan itself (its still-valid visits kept, the
                // rest repaired; first, so it wins ties), then the start plan's dates,
                // then the greedy dates alone.
                let mut best: Option<(Plan, Stats, String)> =
                    options.start.as_ref().and_then(|start| {
                        progress.say("keeping the start plan's valid visits");
                        let (plan, stats) = keep::candidate(&ctx, &run, &start.visits)?;
                        progress.best(&stats);
                        Some((plan, stats, "re-plan".to_owned()))
                    });
                let choices: Vec<Choice> = match &options.start {
                    Some(start) => vec![Choice::Start(start.days(&ctx)), Choice::Greedy],
                    None => merge::ALPHAS
                        .iter()
                        .map(|&a| Choice::Ilp(a))
                        .chain([Choice::Greedy])
                        .collect(),
                };
                for choice in choices {
                    if best.is_some() && (should_stop(deadline) || run.half_time_spent()) {
                        break;
                    }
                    if best
                        .as_ref()
                        .is_some_and(|(_, b, _)| proven_on_entries(&ctx, b))
                    {
                        break; // nothing left to gain on the first two levels
                    }
                    let (drafts, status) = match choice {
                        Choice::Ilp(alpha) => {
                            progress.say(&format!("choosing dates (ILP, capacity margin {alpha})"));
                            merge::dates(&ctx, options, deadline, alpha)
                        }
                        Choice::Greedy => {
                            progress.say("choosing dates (greedy)");
                            (assign::greedy(&ctx), "greedy".to_owned())
                        }
                        Choice::Start(days) => {
                            progress.say("re-planning from the start plan's dates");
                            (assign::from_start(&ctx, &days), "re-plan".to_owned())
                        }
                    };
                    let ilp_unused = status == "greedy";
                    let (plan, stats) = finish(&ctx, &run, drafts, true);
                    let better = best
                        .as_ref()
                        .is_none_or(|(_, b, _)| Objective::from(&stats) < Objective::from(b));
                    if better {
                        progress.best(&stats);
                        best = Some((plan, stats, status));
                    }
                    if ilp_unused {
                        break; // the ILP was not used: the other choices give the same dates
                    }
                }
                let (plan, stats, status) = best.expect("the first choice always runs");
                // Polish, then search, within a work limit set by the instance's size: a
                // province-sized instance (where one pass takes seconds) gets neither.
                let mut best = (plan, stats);
                lns::polish(&ctx, &run, &mut best);
                let rounds = options
                    .search_rounds
                    .unwrap_or_else(|| lns::rounds(scn.tasks.len(), options.start.is_some()));
                lns::improve(&ctx, &run, &mut best, rounds);
                let crew_rounds = options.crew_rounds.unwrap_or_else(|| match options.start {
                    Some(_) => 0, // a re-plan moves only what the change forces
                    None => recrew::rounds(best.0.visits.len()),
                });
                recrew::search(&ctx, &run, &mut best, crew_rounds);
                let (plan, stats) = best;
                (plan, stats, status)
            }
            Strategy::NoMerge | Strategy::GreedyMerge => {
                let (drafts, status) = if options.strategy == Strategy::NoMerge {
                    (assign::alone(&ctx), "no-merge baseline".to_owned())
                } else {
                    (
                        assign::first_common(&ctx),
                        "greedy-merge baseline".to_owned(),
                    )
                };
                let (plan, stats) = finish(&ctx, &run, drafts, false);
                (plan, stats, status)
            }
        };
        let proven = proven_on_entries(&ctx, &stats);
        (plan, stats, dates, proven)
    });
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    let status = if proven {
        Status::Optimal
    } else if should_stop(deadline) {
        Status::TimeLimit
    } else {
        Status::Feasible
    };
    plan.solver = output::solver_block(status, &dates, seconds, threads, options.seed);
    Ok(Outcome {
        plan,
        stats,
        seconds,
        status,
        dates,
    })
}

/// What every finishing pass and the search share: progress, the clock, and the seed.
struct Run<'p> {
    progress: &'p output::Progress,
    deadline: Instant,
    started: Instant,
    time_limit: Duration,
    seed: u64,
}

impl Run<'_> {
    /// Whether half the time limit is spent: no new search pass starts after that.
    fn half_time_spent(&self) -> bool {
        self.started.elapsed() * 2 >= self.time_limit
    }
}

/// Stages 2–5 for one choice of dates: crews and times per date in parallel, then
/// (when `repair`) repair and merging, then the plan.
fn finish(ctx: &Context, run: &Run, drafts: Vec<assign::Draft>, repair: bool) -> (Plan, Stats) {
    run.progress.say("assigning crews and times");
    let mut by_day: Vec<Vec<assign::Draft>> = vec![Vec::new(); ctx.dates.len()];
    for d in drafts {
        by_day[d.day].push(d);
    }
    let built: Vec<(DayPlan, Vec<assign::Draft>)> = by_day
        .into_par_iter()
        .enumerate()
        .map(|(day, drafts)| build_day(ctx, day, drafts))
        .collect();
    let (mut days, failed): (Vec<DayPlan>, Vec<Vec<assign::Draft>>) = built.into_iter().unzip();
    let mut leftovers = repair::enforce_limits(ctx, &mut days);
    leftovers.extend(failed.into_iter().flatten().flat_map(|d| d.tasks));
    if repair {
        return repair_and_build(ctx, run, days, leftovers);
    }
    output::build(ctx, &days, &leftovers, false)
}

/// Stage 4 (repair and merging) on placed days and the tasks left over, then the plan.
fn repair_and_build(
    ctx: &Context,
    run: &Run,
    mut days: Vec<DayPlan>,
    mut leftovers: Vec<crate::ids::TaskIdx>,
) -> (Plan, Stats) {
    let (progress, deadline) = (run.progress, run.deadline);
    {
        progress.say("repairing and merging");
        leftovers = repair::reinsert(ctx, &mut days, leftovers, deadline);
        repair::improve(ctx, &mut days, deadline);
        leftovers = repair::reinsert(ctx, &mut days, leftovers, deadline);
        leftovers = repair::eject(ctx, &mut days, leftovers, deadline);
        repair::improve_ejecting(ctx, &mut days, deadline);
    }
    let timed_out = should_stop(deadline);
    output::build(ctx, &days, &leftovers, timed_out)
}

/// Whether no plan can beat this one on unscheduled priority and visits: every task left
/// out is ruled out by a fact of the scenario, and the visits equal the lower bound.
fn proven_on_entries(ctx: &Context, stats: &Stats) -> bool {
    let forced: u64 = ctx
        .scn
        .task_indices()
        .filter(|t| !ctx.schedulable[t.index()])
        .map(|t| u64::from(ctx.scn.task(t).priority))
        .sum();
    stats.unscheduled_priority == forced && stats.visits == stats.lower_bound
}

/// Places one date's drafts: split into visits, hardest first; returns what did not fit.
fn build_day(
    ctx: &Context,
    day: usize,
    drafts: Vec<assign::Draft>,
) -> (DayPlan, Vec<assign::Draft>) {
    let mut plan = DayPlan::new(ctx, day);
    let mut visits: Vec<(crate::ids::BizIdx, Vec<crate::ids::TaskIdx>)> = Vec::new();
    let mut failed = Vec::new();
    for d in drafts {
        let (groups, misfits) = group::partition(ctx, d.business, d.tasks);
        visits.extend(groups.into_iter().map(|g| (d.business, g)));
        if !misfits.is_empty() {
            failed.push(assign::Draft {
                business: d.business,
                day,
                tasks: misfits,
            });
        }
    }
    visits.sort_by_cached_key(|(b, tasks)| difficulty(ctx, *b, tasks));
    for (b, tasks) in visits {
        if plan.insert(ctx, b, tasks.clone()).is_none() {
            failed.push(assign::Draft {
                business: b,
                day,
                tasks,
            });
        }
    }
    (plan, failed)
}

/// Sort key: pinned starts first, then (where certificates are scarce, so that the
/// visits that fail are the least valuable) higher priority, then bigger crews, narrower
/// windows, longer visits.
fn difficulty(
    ctx: &Context,
    b: crate::ids::BizIdx,
    tasks: &[crate::ids::TaskIdx],
) -> (
    bool,
    std::cmp::Reverse<u32>,
    std::cmp::Reverse<u32>,
    u32,
    std::cmp::Reverse<u32>,
    crate::ids::BizIdx,
) {
    let value: u32 = if ctx.certified_scarce {
        tasks.iter().map(|&t| ctx.scn.task(t).priority).sum()
    } else {
        0
    };
    let pinned = tasks
        .iter()
        .any(|&t| ctx.scn.task(t).pinned.is_some_and(|p| p.start.is_some()));
    let crew: u32 = ctx
        .roles(tasks)
        .iter()
        .map(|(_, n)| *n)
        .sum::<u32>()
        .max(ctx.scn.rules.min_certified_per_visit);
    let window = ctx.window[b.index()].map_or(0, |w| w.end.0 - w.start.0);
    (
        !pinned,
        std::cmp::Reverse(value),
        std::cmp::Reverse(crew),
        window,
        std::cmp::Reverse(ctx.duration(tasks)),
        b,
    )
}
