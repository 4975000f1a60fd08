//! What a solve tells its observer while it runs ([`plan_with`](crate::plan_with)): the
//! [`Stage`] it enters and each better plan ([`Event`]).

use crate::plan::Stats;

/// A stage of the solve, as the observer of [`plan_with`](crate::plan_with) is told of it.
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
    /// Ruin and recreate on each date's routes, visits moving in time.
    RouteSearch,
}

/// What a solve tells its observer ([`plan_with`](crate::plan_with)).
#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    /// A stage starts.
    Stage(Stage),
    /// A better plan was found; its figures.
    Best(&'a Stats),
}
