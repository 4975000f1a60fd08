//! The referee: checks a plan against a scenario, rule by rule (C1–C13).
//! (Stub: being written.)

use crate::plan::{Plan, Stats};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;

/// A rule of plan validity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// C1 coverage.
    C1,
}

/// One broken rule.
#[derive(Clone, Debug)]
pub struct Violation {
    /// Which rule.
    pub rule: Rule,
    /// What is wrong, naming the ids.
    pub message: String,
}

/// The outcome of checking a plan.
#[derive(Clone, Debug)]
pub struct Report {
    /// Every violation found.
    pub violations: Vec<Violation>,
    /// The figures recomputed from the plan.
    pub stats: Stats,
}

impl Report {
    /// True when no rule is broken.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }
    /// Text for people.
    pub fn render(&self, _scn: &Scenario) -> String {
        String::new()
    }
}

/// Checks `plan` against `scn`.
pub fn check(_scn: &Scenario, _travel: &TravelGraph, _plan: &Plan) -> Report {
    Report {
        violations: Vec::new(),
        stats: Stats::default(),
    }
}
