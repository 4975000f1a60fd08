//! What a solve gives back: its [`Outcome`], what it proves ([`Status`]) and how the
//! winning plan's dates were chosen ([`DateMethod`]).

use crate::error::DateFallback;
use crate::plan::{Plan, Stats};

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
    /// The no-merge baseline ([`Strategy::NoMerge`](crate::Strategy::NoMerge)).
    NoMergeBaseline,
    /// The greedy-merge baseline ([`Strategy::GreedyMerge`](crate::Strategy::GreedyMerge)).
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
