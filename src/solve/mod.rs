//! The optimizer. (Stub: being written.)

use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use std::time::Duration;

/// Options of a solve.
#[derive(Clone, Debug)]
pub struct Options {
    /// Wall-clock limit.
    pub time_limit: Duration,
    /// Worker threads (None: all cores).
    pub threads: Option<usize>,
    /// Tie-breaking seed.
    pub seed: u64,
    /// Show progress on stderr when it is a terminal.
    pub progress: bool,
}

/// A finished solve.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The plan.
    pub plan: Plan,
}

/// Plans a scenario.
pub fn plan(_scn: &Scenario, _travel: &TravelGraph, _o: &Options) -> anyhow::Result<Outcome> {
    anyhow::bail!("not yet")
}

/// Summary for people.
pub fn summary(_scn: &Scenario, _o: &Outcome) -> String {
    String::new()
}
