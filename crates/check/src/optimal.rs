//! Whether a plan's claim `solver.status == "optimal"` is borne out by the bound.
//!
//! The format lets a plan claim `optimal` only when the first two levels of the objective
//! are proven: every task left out is forced by a fact (`no_valid_day`, `no_officer`,
//! `unreachable`) and the visits equal the lower bound of what is scheduled — or an exact
//! model closed the gap (docs/format.md, "What `solver.status` claims"). The first proof
//! the checker redoes on its own: the facts ([`crate::Facts`]) of every task no visit
//! holds, whatever reason the plan gives, and the lower bound recounted from the
//! scheduled tasks. The second it cannot redo, so a claim the bound does not prove is
//! reported as *not proven by the bound*, not as false.
//!
//! `solver` is free-form information that rules C1–C13 do not check, so this is no
//! violation: `onedoor check` prints it on a line of its own, and a plan whose claim is
//! not proven is still valid.

use super::facts::Facts;
use onedoor_core::ids::TaskIdx;
use onedoor_core::json::Json;
use onedoor_core::plan::{Plan, Stats};
use onedoor_core::scenario::Scenario;

/// What the checker finds of the first two objective levels, and whether the plan claims
/// them optimal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Optimality {
    /// Whether the plan's `solver.status` is the string `"optimal"`.
    pub claimed: bool,
    /// Tasks no visit holds and no fact forces out, in scenario order.
    pub unforced: Vec<TaskIdx>,
    /// The sum of their priorities.
    pub unforced_priority: u64,
    /// The plan's visits.
    pub visits: u64,
    /// The lower bound recounted from the scheduled tasks.
    pub lower_bound: u64,
}

impl Optimality {
    /// Works out the proof for `plan`, whose figures the checker recounted as `stats`.
    /// `scheduled` lists the tasks the plan's visits hold.
    pub(crate) fn new(
        scn: &Scenario,
        plan: &Plan,
        stats: &Stats,
        facts: &Facts,
        scheduled: &[TaskIdx],
    ) -> Optimality {
        let mut held = vec![false; scn.tasks.len()];
        for &t in scheduled {
            held[t.index()] = true;
        }
        let unforced: Vec<TaskIdx> = (0..scn.tasks.len())
            .filter(|&pos| !held[pos])
            .map(TaskIdx::new)
            .filter(|&t| facts.fact(t).is_none())
            .collect();
        Optimality {
            claimed: matches!(plan.solver.get("status"), Some(Json::Str(s)) if s == "optimal"),
            unforced_priority: unforced
                .iter()
                .map(|&t| u64::from(scn.task(t).priority))
                .sum(),
            unforced,
            visits: stats.visits,
            lower_bound: stats.lower_bound,
        }
    }

    /// Whether the bound proves the first two levels optimal: every task left out is
    /// forced by a fact and the visits equal the lower bound.
    pub fn proven(&self) -> bool {
        self.unforced.is_empty() && self.visits == self.lower_bound
    }

    /// Whether the plan claims `optimal` and the bound does not prove it.
    pub fn claim_unproven(&self) -> bool {
        self.claimed && !self.proven()
    }
}
