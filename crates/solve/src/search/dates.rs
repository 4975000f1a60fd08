//! The date search: the polish, then a large-neighbourhood search over dates, on the
//! portfolio's best plan.
//!
//! The polish re-plans from the best plan's own dates while that improves it (at most
//! three times). Then the search runs.
//!
//! Each round takes the best plan's dates ([`Start`]), releases the dates of some of its
//! tasks, and re-plans: released tasks are re-dated as in a re-plan (joining a date their
//! business keeps when one is valid, otherwise grouped by interval stabbing onto the
//! least-loaded common date, see `dates::greedy::from_start`), then it is finished as
//! usual (`finish.rs`: visit splitting, crews and times, repair). The result replaces the
//! best plan only when the objective improves, so the search never makes a plan worse.
//! What is released, chosen at random from the solve's seed:
//!
//! - one department's tasks on one date (that department's day is rebuilt);
//! - every task at a random tenth of the businesses (their visits are re-grouped);
//! - the tasks on one date at a random third of the businesses;
//! - the businesses of a few tasks left out for capacity, and one department's day
//!   (aimed at the first term of the objective).
//!
//! The number of rounds is a work limit fixed by the instance's size (see [`rounds`]),
//! not a time limit, so the plan does not depend on the machine's speed; the search
//! also stops at half the time limit, like the portfolio. A re-plan does not search: it
//! is meant to change only what the change forces, in milliseconds.

use crate::budget::Run;
use crate::context::{Context, DatePos};
use crate::dates::greedy;
use crate::figures::Objective;
use crate::finish::finish;
use crate::plan::{Plan, Stats};
use crate::{Stage, Start};
use rand::{Rng, SeedableRng};

/// Work of a fresh solve's search: rounds = this / tasks², at most [`MAX_ROUNDS`]. One
/// round costs about what finishing one date choice costs, which grows faster than the
/// number of tasks (measured per preset in `benches/README.md`), so districts get the
/// full search, a city one round and a province none.
const WORK: usize = 15_000_000;
/// Work (see `budget::Work`) the search may spend: it ends after the round that
/// passes this, however many rounds are left. Where certificates are scarce a round
/// costs many times what it costs elsewhere (most insertions fail only after trying
/// every inspector), and this keeps such a search to a few seconds.
const SEARCH_WORK: u64 = 4_000_000;
/// Most rounds of a fresh solve.
const MAX_ROUNDS: usize = 60;

/// Rounds for an instance of `tasks` tasks; none when re-planning.
pub fn rounds(tasks: usize, replan: bool) -> usize {
    if replan {
        0
    } else {
        (WORK / tasks.max(1).saturating_pow(2)).min(MAX_ROUNDS)
    }
}

/// At most this many polishing re-plans (each stops the polish unless it improved).
const POLISH_ROUNDS: usize = 3;

/// The best plan so far and its figures.
pub type Best = (Plan, Stats);

/// Re-plans from `dates` (finished from [`greedy::from_start`]'s dates) and takes the
/// result when it beats `best`; returns whether it did.
fn attempt(ctx: &Context, run: &Run, dates: &[Option<DatePos>], best: &mut Best) -> bool {
    let (plan, stats) = finish(ctx, run, greedy::from_start(ctx, dates), true);
    // A round cut by the deadline is thrown away: its tasks not reached would be left
    // out for the time limit.
    let better = !run.should_stop() && Objective::from(&stats) < Objective::from(&best.1);
    if better {
        run.best(&stats);
        *best = (plan, stats);
    }
    better
}

/// Polish: re-plans from the best plan's own dates while that improves it. Crews and
/// times are rebuilt around the dates the repair settled on, which often saves crew
/// entries or travel. Only on instances small enough for the search (see [`rounds`]).
pub fn polish(ctx: &Context, run: &Run, best: &mut Best) {
    let polish_rounds = if rounds(ctx.scn.tasks.len(), false) > 0 {
        POLISH_ROUNDS
    } else {
        0
    };
    for _ in 0..polish_rounds {
        if run.out_of_time() {
            break;
        }
        run.stage(Stage::Polish);
        let dates = Start::from_plan(&best.0).date_positions(ctx);
        if !attempt(ctx, run, &dates, best) {
            break;
        }
    }
}

/// Runs `rounds` rounds of the search from `best`, keeping every improvement.
pub fn search(ctx: &Context, run: &Run, best: &mut Best, rounds: usize) {
    let scn = ctx.scn;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(run.seed);
    let n_dates = ctx.dates.len();
    if n_dates == 0 || scn.tasks.is_empty() {
        return;
    }
    let budget = run.work.done() + SEARCH_WORK;
    for _ in 0..rounds {
        if run.out_of_time() || run.work.done() >= budget {
            break;
        }
        run.stage(Stage::DateSearch);
        let (plan, _) = &*best;
        let mut dates = Start::from_plan(plan).date_positions(ctx);
        let n_depts = scn.departments.len().max(1);
        let left: Vec<usize> = plan
            .unscheduled
            .iter()
            .filter(|u| u.reason == crate::plan::Reason::Capacity.code())
            .filter_map(|u| scn.index.tasks.get(&u.task).map(|t| t.index()))
            .collect();
        let moves = if left.is_empty() { 3 } else { 4 };
        // Which tasks lose their date: by business, by (department, date), or both.
        let mut businesses = vec![false; scn.businesses.len()];
        let mut dept_date: Option<(usize, usize)> = None;
        let mut on_date: Option<usize> = None;
        match rng.random_range(0..moves) {
            0 => dept_date = Some((rng.random_range(0..n_depts), rng.random_range(0..n_dates))),
            1 => businesses
                .iter_mut()
                .for_each(|b| *b = rng.random_bool(0.1)),
            2 => {
                on_date = Some(rng.random_range(0..n_dates));
                businesses
                    .iter_mut()
                    .for_each(|b| *b = rng.random_bool(0.3));
            }
            _ => {
                for _ in 0..3 {
                    let t = left[rng.random_range(0..left.len())];
                    businesses[scn.tasks[t].business.index()] = true;
                }
                dept_date = Some((rng.random_range(0..n_depts), rng.random_range(0..n_dates)));
            }
        }
        for t in scn.task_indices() {
            let task = scn.task(t);
            let date = dates[t.index()];
            let at_business =
                businesses[task.business.index()] && on_date.is_none_or(|d| date == Some(d));
            let in_dept_date =
                dept_date.is_some_and(|(k, d)| task.department.index() == k && date == Some(d));
            if at_business || in_dept_date {
                dates[t.index()] = None;
            }
        }
        attempt(ctx, run, &dates, best);
    }
}
