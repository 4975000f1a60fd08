//! What a solve is asked to do: its [`Options`], the [`Strategy`] that chooses dates, and
//! the earlier plan a re-plan starts from ([`Start`]).

use crate::budget::CancelToken;
use crate::context::{Context, DatePos};
use crate::plan::{Plan, Visit};
use crate::scenario::Scenario;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// The default [`Options::time_limit`]: a year, which no solve reaches — by default a
/// solve stops on its work limits, not on the clock.
pub const NO_TIME_LIMIT: Duration = Duration::from_secs(365 * 24 * 3600);

/// Options of a solve.
#[derive(Clone, Debug)]
pub struct Options {
    /// Wall-clock limit on the improvement ([`NO_TIME_LIMIT`] by default): once it
    /// passes, the best complete plan found by then is returned. It never cuts the
    /// construction (the first complete plan of every part).
    pub time_limit: Duration,
    /// Worker threads (None: all cores). The plan does not depend on it.
    pub threads: Option<usize>,
    /// Tie-breaking seed.
    pub seed: u64,
    /// Report progress (stages and better plans) to the observer of [`plan_with`](crate::plan_with).
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
    /// Work of the route search (ruin and recreate on each date's routes) that ends an
    /// optimizer solve (None: set by the plan's size, none when re-planning; `Some(0)`:
    /// none).
    pub route_work: Option<u64>,
    /// Multiplies the rounds of every improvement search set by size (1: the default).
    /// Deterministic, unlike a time limit: the same input, seed and effort give the same
    /// plan whatever the thread count or machine.
    pub effort: u32,
    /// Keep improving until this long after the start (`--search-for`): once the
    /// searches set by size are done, the route search runs again from fresh seeds, each
    /// time with the first one's work (`route_work`), until then (or the time limit).
    /// Unlike `effort` the plan then depends on the machine's speed. None (the default):
    /// stop when the searches set by size are done.
    pub search_for: Option<Duration>,
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
    pub(crate) visits: Vec<Visit>,
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
    pub(crate) fn date_positions(&self, ctx: &Context) -> Vec<Option<DatePos>> {
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
            time_limit: NO_TIME_LIMIT,
            threads: None,
            seed: 0,
            progress: false,
            strategy: Strategy::Optimize,
            start: None,
            search_rounds: None,
            crew_rounds: None,
            route_work: None,
            search_for: None,
            effort: 1,
            cancel: CancelToken::new(),
        }
    }
}
