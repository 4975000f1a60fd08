//! The eleven figures of a plan's `stats`, as one table: each [`Figure`] has its key in
//! the file, its label for people, and its value in a [`Stats`].
//!
//! Every place that lists figures iterates this table rather than naming them again: the
//! plan file ([`Stats::to_fields`], [`Stats::from_fields`]), rule C13 of the checker, and
//! the reports (plan summary, check report, what-if comparison, diff). The objective's
//! four levels (docs/format.md, "The objective") are [`Figure::OBJECTIVE`].

use super::Stats;

/// One figure of a plan's `stats`, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    /// Tasks in the scenario.
    Tasks,
    /// Tasks in some visit.
    Scheduled,
    /// Tasks left out.
    Unscheduled,
    /// Sum of the priorities of the tasks left out.
    UnscheduledPriority,
    /// Number of visits.
    Visits,
    /// Visits if each department went alone.
    BaselineVisits,
    /// Baseline − visits.
    VisitsSaved,
    /// Visits saved / baseline (a ratio, the only figure that is not a count).
    Reduction,
    /// Fewest visits any plan scheduling the same tasks needs.
    LowerBound,
    /// Crew entries over all visits.
    OfficerVisits,
    /// Travel of every inspector's days.
    TravelMinutes,
}

/// The value of a figure: a count, or the `reduction` ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A whole number (may be negative: `visits_saved` of a poor plan).
    Count(i64),
    /// A ratio (`reduction`).
    Ratio(f64),
}

impl Value {
    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Value::Count(n) => n as f64,
            Value::Ratio(r) => r,
        }
    }
}

impl Figure {
    /// All eleven, in the order of the plan file.
    pub const ALL: [Figure; 11] = [
        Figure::Tasks,
        Figure::Scheduled,
        Figure::Unscheduled,
        Figure::UnscheduledPriority,
        Figure::Visits,
        Figure::BaselineVisits,
        Figure::VisitsSaved,
        Figure::Reduction,
        Figure::LowerBound,
        Figure::OfficerVisits,
        Figure::TravelMinutes,
    ];

    /// The objective's four levels, most important first (smaller is better).
    pub const OBJECTIVE: [Figure; 4] = [
        Figure::UnscheduledPriority,
        Figure::Visits,
        Figure::OfficerVisits,
        Figure::TravelMinutes,
    ];

    /// The key in the plan file's `stats`.
    pub fn key(self) -> &'static str {
        match self {
            Figure::Tasks => "tasks",
            Figure::Scheduled => "scheduled",
            Figure::Unscheduled => "unscheduled",
            Figure::UnscheduledPriority => "unscheduled_priority",
            Figure::Visits => "visits",
            Figure::BaselineVisits => "baseline_visits",
            Figure::VisitsSaved => "visits_saved",
            Figure::Reduction => "reduction",
            Figure::LowerBound => "lower_bound",
            Figure::OfficerVisits => "officer_visits",
            Figure::TravelMinutes => "travel_minutes",
        }
    }

    /// The label for people: the key with spaces (`baseline visits`).
    pub fn label(self) -> &'static str {
        match self {
            Figure::Tasks => "tasks",
            Figure::Scheduled => "scheduled",
            Figure::Unscheduled => "unscheduled",
            Figure::UnscheduledPriority => "unscheduled priority",
            Figure::Visits => "visits",
            Figure::BaselineVisits => "baseline visits",
            Figure::VisitsSaved => "visits saved",
            Figure::Reduction => "reduction",
            Figure::LowerBound => "lower bound",
            Figure::OfficerVisits => "officer visits",
            Figure::TravelMinutes => "travel minutes",
        }
    }

    /// The figure with this `stats` key.
    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.key() == key)
    }

    /// This figure's value in `s`.
    pub fn value(self, s: &Stats) -> Value {
        let count = |n: u64| Value::Count(n as i64);
        match self {
            Figure::Tasks => count(s.tasks),
            Figure::Scheduled => count(s.scheduled),
            Figure::Unscheduled => count(s.unscheduled),
            Figure::UnscheduledPriority => count(s.unscheduled_priority),
            Figure::Visits => count(s.visits),
            Figure::BaselineVisits => count(s.baseline_visits),
            Figure::VisitsSaved => Value::Count(s.visits_saved),
            Figure::Reduction => Value::Ratio(s.reduction),
            Figure::LowerBound => count(s.lower_bound),
            Figure::OfficerVisits => count(s.officer_visits),
            Figure::TravelMinutes => count(s.travel_minutes),
        }
    }

    /// Sets this figure in `s`; `None` when `v` does not fit it (a ratio for a count, a
    /// negative count where only `visits_saved` may be negative).
    pub fn set(self, s: &mut Stats, v: Value) -> Option<()> {
        let (n, r) = match v {
            Value::Count(n) => (Some(n), n as f64),
            Value::Ratio(r) => (None, r),
        };
        let count = || n.and_then(|n| u64::try_from(n).ok());
        match self {
            Figure::Tasks => s.tasks = count()?,
            Figure::Scheduled => s.scheduled = count()?,
            Figure::Unscheduled => s.unscheduled = count()?,
            Figure::UnscheduledPriority => s.unscheduled_priority = count()?,
            Figure::Visits => s.visits = count()?,
            Figure::BaselineVisits => s.baseline_visits = count()?,
            Figure::VisitsSaved => s.visits_saved = n?,
            Figure::Reduction => s.reduction = r,
            Figure::LowerBound => s.lower_bound = count()?,
            Figure::OfficerVisits => s.officer_visits = count()?,
            Figure::TravelMinutes => s.travel_minutes = count()?,
        }
        Some(())
    }
}
