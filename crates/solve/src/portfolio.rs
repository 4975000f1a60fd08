//! The portfolio: several date choices, each finished into a plan; the best plan by the
//! objective wins, then the polish and the searches improve it.
//!
//! From scratch the choices are the date ILP with several capacity margins
//! ([`ilp::ALPHAS`]), then the greedy dates alone. A re-plan first takes the start plan
//! itself (its still-valid visits kept, the rest repaired, `keep.rs`; first, so it wins
//! ties), then the start plan's dates, then the greedy dates alone. Each choice is
//! *finished* (`finish.rs`): visit splitting and crews for every date in parallel, then
//! repair, then assembly. The baselines ([`Strategy::NoMerge`],
//! [`Strategy::GreedyMerge`]) finish their own dates without repair.

use crate::budget::Run;
use crate::context::Context;
use crate::dates::{baseline, greedy, ilp};
use crate::figures::Objective;
use crate::finish::finish;
use crate::plan::{Plan, Stats};
use crate::search;
use crate::{keep, DateMethod, Options, Stage, Strategy};

/// One date choice of the portfolio.
enum Choice {
    /// The date ILP with this capacity margin.
    Ilp(f64),
    /// The greedy dates.
    Greedy,
    /// A start plan's dates, per task.
    Start(Vec<Option<crate::context::DatePos>>),
}

/// The best plan of a solve, its figures and how its dates were chosen.
pub fn solve(ctx: &Context, run: &Run, options: &Options) -> (Plan, Stats, DateMethod) {
    match options.strategy {
        Strategy::Optimize => optimize(ctx, run, options),
        Strategy::NoMerge => {
            let (plan, stats) = finish(ctx, run, baseline::no_merge(ctx), false);
            (plan, stats, DateMethod::NoMergeBaseline)
        }
        Strategy::GreedyMerge => {
            let (plan, stats) = finish(ctx, run, baseline::greedy_merge(ctx), false);
            (plan, stats, DateMethod::GreedyMergeBaseline)
        }
    }
}

/// The optimizer: the construction, then the improvement (see [`Portfolio`]).
fn optimize(ctx: &Context, run: &Run, options: &Options) -> (Plan, Stats, DateMethod) {
    Portfolio::construct(ctx, run, options).improve(ctx, run, options)
}

/// The portfolio of one solve: its date choices, the best plan so far and how far it
/// has come.
///
/// [`Portfolio::construct`] makes the first complete plan — a re-plan's start plan kept
/// where still valid, otherwise the first date choice finished — and no deadline cuts it
/// (only the cancel token does). [`Portfolio::improve`] then finishes the other choices,
/// polishes and searches; the deadline cuts only that, and a choice or search round it
/// cut is thrown away, so a plan never holds a task left out for the time limit unless
/// the construction itself was cancelled. A solve in parts (`parts.rs`) constructs every
/// part before it improves any.
pub struct Portfolio {
    /// The best plan so far, its figures and how its dates were chosen.
    best: Option<(Plan, Stats, DateMethod)>,
    /// The date choices not yet finished, in order.
    choices: std::vec::IntoIter<Choice>,
    /// The date ILP stopped short of optimal: the other margins are skipped.
    ilp_stopped: bool,
    /// No choice left worth finishing.
    over: bool,
}

impl Portfolio {
    /// The construction: the first complete plan, which no deadline cuts.
    pub fn construct(ctx: &Context, run: &Run, options: &Options) -> Portfolio {
        run.without_deadline(|| {
            let best = options.start.as_ref().and_then(|start| {
                run.stage(Stage::KeepStart);
                let (plan, stats) = keep::candidate(ctx, run, &start.visits)?;
                run.best(&stats);
                Some((plan, stats, DateMethod::Replan))
            });
            let choices: Vec<Choice> = match &options.start {
                Some(start) => vec![Choice::Start(start.date_positions(ctx)), Choice::Greedy],
                None => ilp::ALPHAS
                    .iter()
                    .map(|&a| Choice::Ilp(a))
                    .chain([Choice::Greedy])
                    .collect(),
            };
            let mut portfolio = Portfolio {
                best,
                choices: choices.into_iter(),
                ilp_stopped: false,
                over: false,
            };
            while portfolio.best.is_none() && portfolio.step(ctx, run) {}
            portfolio
        })
    }

    /// The improvement: the other date choices, then the polish and the searches (within
    /// work limits set by the instance's size: a province-sized instance, where one pass
    /// takes seconds, gets neither polish nor date search). The best plan, its figures
    /// and how its dates were chosen.
    pub fn improve(
        mut self,
        ctx: &Context,
        run: &Run,
        options: &Options,
    ) -> (Plan, Stats, DateMethod) {
        while self.step(ctx, run) {}
        let Some((plan, stats, method)) = self.best else {
            // Unreachable: the construction always finishes a choice.
            let (plan, stats) = finish(ctx, run, greedy::greedy(ctx), true);
            return (plan, stats, DateMethod::Greedy);
        };
        let mut best = (plan, stats);
        search::dates::polish(ctx, run, &mut best);
        let rounds = options.search_rounds.unwrap_or_else(|| {
            search::dates::rounds(ctx.scn.tasks.len(), options.start.is_some())
                .saturating_mul(options.effort.max(1) as usize)
        });
        search::dates::search(ctx, run, &mut best, rounds);
        let crew_rounds = options.crew_rounds.unwrap_or_else(|| match options.start {
            Some(_) => 0, // a re-plan moves only what the change forces
            None => search::crews::rounds(best.0.visits.len())
                .saturating_mul(options.effort.max(1) as usize),
        });
        search::crews::search(ctx, run, &mut best, crew_rounds);
        let route_work = options.route_work.unwrap_or_else(|| match options.start {
            Some(_) => 0, // a re-plan moves only what the change forces
            None => search::routes::work(best.0.visits.len())
                .saturating_mul(u64::from(options.effort.max(1))),
        });
        search::routes::search(ctx, run, &mut best, route_work);
        // `--search-for`: more route searches, each of the first one's work and from a
        // seed of its own, until the time given (a re-plan moves only what the change
        // forces; no route search, no more of it).
        if let Some(span) = options.search_for.filter(|_| options.start.is_none()) {
            let until = run.started + span;
            let mut restart = 1;
            while std::time::Instant::now() < until && !run.should_stop() && route_work > 0 {
                search::routes::search_from(ctx, run, &mut best, route_work, restart, Some(until));
                restart += 1;
            }
        }
        let (plan, stats) = best;
        (plan, stats, method)
    }

    /// Finishes the next date choice and keeps its plan when it is better; false once
    /// the portfolio is over (no choice left, out of time, or nothing left to gain).
    fn step(&mut self, ctx: &Context, run: &Run) -> bool {
        if self.over {
            return false;
        }
        let Some(choice) = self.choices.next() else {
            return false;
        };
        if self.best.is_some() && run.out_of_time() {
            self.over = true;
            return false;
        }
        // Once the date ILP stops short of optimal (node or time limit), the other
        // margins stop there too: on a business with hundreds of near-identical tasks
        // each took seconds for no better dates (issue 12, S1), so the portfolio goes on
        // with the greedy dates.
        if self.ilp_stopped && matches!(choice, Choice::Ilp(_)) {
            return true;
        }
        if self
            .best
            .as_ref()
            .is_some_and(|(_, b, _)| proven_on_entries(ctx, b))
        {
            self.over = true; // nothing left to gain on the first two levels
            return false;
        }
        let (drafts, method) = match choice {
            Choice::Ilp(alpha) => {
                run.stage(Stage::IlpDates { margin: alpha });
                ilp::dates(ctx, run, alpha)
            }
            Choice::Greedy => {
                run.stage(Stage::GreedyDates);
                (greedy::greedy(ctx), DateMethod::Greedy)
            }
            Choice::Start(dates) => {
                run.stage(Stage::StartDates);
                (greedy::from_start(ctx, &dates), DateMethod::Replan)
            }
        };
        let ilp_unused = method == DateMethod::Greedy;
        self.ilp_stopped |= method == DateMethod::IlpStopped;
        let (plan, stats) = finish(ctx, run, drafts, true);
        if self.best.is_some() && run.should_stop() {
            // Cut by the deadline: an improvement only counts when it is complete.
            self.over = true;
            return false;
        }
        let better = self
            .best
            .as_ref()
            .is_none_or(|(_, b, _)| Objective::from(&stats) < Objective::from(b));
        if better {
            run.best(&stats);
            self.best = Some((plan, stats, method));
        }
        if ilp_unused {
            self.over = true; // the ILP was not used: the other choices give the same dates
        }
        true
    }
}

/// Whether no plan can beat this one on unscheduled priority and visits: every task left
/// out is ruled out by a fact of the scenario, and the visits equal the lower bound.
pub fn proven_on_entries(ctx: &Context, stats: &Stats) -> bool {
    let forced: u64 = ctx
        .scn
        .task_indices()
        .filter(|t| !ctx.schedulable[t.index()])
        .map(|t| u64::from(ctx.scn.task(t).priority))
        .sum();
    stats.unscheduled_priority == forced && stats.visits == stats.lower_bound
}
