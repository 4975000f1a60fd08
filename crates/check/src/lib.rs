//! The referee: checks a plan against a scenario, rule by rule (docs/format.md,
//! "Validity rules C1–C13").
//!
//! In onedoor's data flow — input → scenario → travel graph (`onedoor-core`) → dates →
//! visits → crews → repair → search → plan (`onedoor-solve`) → **check** (this crate) and
//! report (the `onedoor` binary) — the checker reads the scenario and a plan from any
//! source, and depends on `onedoor-core` alone, so it builds without HiGHS.
//!
//! `onedoor check` and every test that makes a plan run [`check`]. It shares no
//! computation with the solver: from `onedoor-core` it takes only the domain model with
//! its calendar ([`onedoor_core::scenario`], [`onedoor_core::ids`]) and the plan file
//! ([`onedoor_core::plan`]). The travel minutes (`paths.rs`), the figures (`figures.rs`)
//! and the facts behind the reasons (`facts.rs`) are its own, written from the format,
//! so a fault in the solver's travel graph, figures or facts shows as a violation instead
//! of passing every checked solve (`tests/cross_check.rs` holds the two sides to each
//! other). Every rule is checked on its own and every violation is reported, not only the
//! first, each with the ids involved.
//!
//! One file per family of rules:
//!
//! | file | rules |
//! |---|---|
//! | `coverage.rs` | C1 coverage: every task exactly once, no unknown ids, unique visit ids, no empty visit |
//! | `visit.rs` | C2 one business, C3 date, C4 hours, C5 duration, C9 business limit, C10 alone, C11 compatible |
//! | `crew.rs` | C6 crew, C7 availability |
//! | `day.rs` | C8 inspector day (travel included) |
//! | `reasons.rs` | C12 honest reasons |
//! | `stats.rs` | C13 stats |
//!
//! and what they stand on: `paths.rs` the shortest paths of the travel graph ([`Paths`]),
//! `facts.rs` the facts behind `no_valid_day`, `no_officer` and `unreachable` ([`Facts`]),
//! `figures.rs` the eleven figures recounted, `optimal.rs` whether a claim of `optimal`
//! is borne out by the bound ([`Optimality`]; reported, not a rule: `solver` is not
//! checked).
//!
//! `keep.rs` asks the same rules of an earlier plan's visits one by one: which of them a
//! re-plan may keep exactly as they are ([`keepable`]).
//!
//! Ids are resolved once (`Ctx`); a rule skips the ids it cannot resolve, which C1
//! reports (an unknown inspector in a crew is also a C6 violation, as the rule says the
//! inspector must exist). A visit whose `end` is not after its `start` breaks C4 and, as
//! its length is then negative, C5.
#![deny(missing_docs)]

mod coverage;
mod crew;
mod day;
mod facts;
mod figures;
mod keep;
mod optimal;
mod paths;
mod reasons;
mod stats;
mod visit;

pub use facts::Facts;
pub use keep::keepable;
pub use optimal::Optimality;
pub use paths::{Paths, LONGEST};

// The objective's type only (a plain ordered record); its values come from `figures.rs`.
use onedoor_core::figures::Objective;
use onedoor_core::ids::{BizIdx, DeptIdx, InspIdx, TaskIdx};
use onedoor_core::plan::{Plan, Stats, Visit};
use onedoor_core::scenario::Scenario;
use std::fmt;

/// A rule of plan validity (docs/format.md, "Validity rules C1–C13").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Coverage: every task exactly once, no unknown ids, unique visit ids, no empty visit.
    C1,
    /// One business: a visit's tasks belong to its business.
    C2,
    /// Date: the visit's date is valid for each of its tasks.
    C3,
    /// Hours: start before end, inside horizon and open hours, pinned starts kept.
    C4,
    /// Duration: long enough for the work, not longer than allowed.
    C5,
    /// Crew: able, present departments, no repeats, enough officers and certificates.
    C6,
    /// Availability: no crew member unavailable or recused.
    C7,
    /// Inspector day: travel, working hours and visits per day.
    C8,
    /// Business limit: at most `max_visits` visits.
    C9,
    /// Alone: a non-joinable task is a visit on its own.
    C10,
    /// Compatible: no incompatible departments, not too many departments.
    C11,
    /// Honest reasons for tasks left out.
    C12,
    /// Stats: the reported figures equal the recomputed ones.
    C13,
}

impl Rule {
    /// Every rule, in order.
    pub const ALL: [Rule; 13] = [
        Rule::C1,
        Rule::C2,
        Rule::C3,
        Rule::C4,
        Rule::C5,
        Rule::C6,
        Rule::C7,
        Rule::C8,
        Rule::C9,
        Rule::C10,
        Rule::C11,
        Rule::C12,
        Rule::C13,
    ];

    /// The code printed with each violation: `"C1"` … `"C13"`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::C1 => "C1",
            Rule::C2 => "C2",
            Rule::C3 => "C3",
            Rule::C4 => "C4",
            Rule::C5 => "C5",
            Rule::C6 => "C6",
            Rule::C7 => "C7",
            Rule::C8 => "C8",
            Rule::C9 => "C9",
            Rule::C10 => "C10",
            Rule::C11 => "C11",
            Rule::C12 => "C12",
            Rule::C13 => "C13",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Which rule.
    pub rule: Rule,
    /// What is wrong, naming the ids (visit, task, inspector, date).
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line per violation: ids echoed from the files may hold control characters.
        let message = onedoor_core::error::escape_controls(&self.message);
        write!(f, "{:<4}{message}", self.rule.code())
    }
}

/// The outcome of checking a plan.
#[derive(Clone, Debug)]
pub struct Report {
    /// Every violation found, ordered by rule (stable within a rule).
    pub violations: Vec<Violation>,
    /// The figures recomputed from the plan.
    pub stats: Stats,
    /// The objective of the plan (docs/format.md, "The objective"), from the recomputed figures.
    pub objective: Objective,
    /// Whether the bound proves the first two objective levels, and whether the plan
    /// claims `optimal` (not a rule: see [`Optimality`]).
    pub optimality: Optimality,
}

impl Report {
    /// True when no rule is broken.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// The rules broken, in order, without repeats.
    pub fn rules(&self) -> Vec<Rule> {
        let mut r: Vec<Rule> = self.violations.iter().map(|v| v.rule).collect();
        r.dedup();
        r
    }
}

/// A visit with its ids resolved (unknown ids left out; C1 reports them).
pub(crate) struct VisitRef<'a> {
    /// The visit as written.
    pub visit: &'a Visit,
    /// Its business, if known.
    pub business: Option<BizIdx>,
    /// Its known tasks, in written order (repeats kept).
    pub tasks: Vec<TaskIdx>,
    /// Per crew entry: the inspector and the department, each if known.
    pub crew: Vec<(Option<InspIdx>, Option<DeptIdx>)>,
    /// Departments of its known tasks, sorted, without repeats.
    pub depts: Vec<DeptIdx>,
}

/// Everything a rule needs: the scenario, its shortest paths, the plan, resolved visits.
pub(crate) struct Ctx<'a> {
    /// The scenario.
    pub scn: &'a Scenario,
    /// Its shortest paths, by the checker's own search.
    pub paths: &'a Paths<'a>,
    /// The plan under check.
    pub plan: &'a Plan,
    /// The plan's visits, resolved, in plan order.
    pub visits: Vec<VisitRef<'a>>,
}

impl<'a> Ctx<'a> {
    fn new(scn: &'a Scenario, paths: &'a Paths<'a>, plan: &'a Plan) -> Ctx<'a> {
        let idx = &scn.index;
        let visits = plan
            .visits
            .iter()
            .map(|v| {
                let tasks: Vec<TaskIdx> = v
                    .tasks
                    .iter()
                    .filter_map(|t| idx.tasks.get(t).copied())
                    .collect();
                let mut depts: Vec<DeptIdx> =
                    tasks.iter().map(|&t| scn.task(t).department).collect();
                depts.sort();
                depts.dedup();
                VisitRef {
                    visit: v,
                    business: idx.businesses.get(&v.business).copied(),
                    tasks,
                    crew: v
                        .crew
                        .iter()
                        .map(|c| {
                            (
                                idx.inspectors.get(&c.inspector).copied(),
                                idx.departments.get(&c.department).copied(),
                            )
                        })
                        .collect(),
                    depts,
                }
            })
            .collect();
        Ctx {
            scn,
            paths,
            plan,
            visits,
        }
    }
}

/// Collects violations as the rules find them.
#[derive(Default)]
pub(crate) struct Found(Vec<Violation>);

impl Found {
    /// Records a violation of `rule`.
    pub fn add(&mut self, rule: Rule, message: impl Into<String>) {
        self.0.push(Violation {
            rule,
            message: message.into(),
        });
    }
}

/// Checks `plan` against `scn`: every rule of docs/format.md, "Validity rules C1–C13", every violation found,
/// the plan's figures recomputed, and whether a claim of `optimal` is borne out.
///
/// The checker searches the scenario's travel graph itself ([`Paths`]), so that a fault
/// in the solver's graph shows.
pub fn check(scn: &Scenario, plan: &Plan) -> Report {
    let paths = Paths::new(scn);
    let facts = Facts::new(scn, &paths);
    let cx = Ctx::new(scn, &paths, plan);
    let days = day::days(&cx);
    let scheduled = figures::scheduled(&cx);
    let stats = figures::recount(&cx, &scheduled, &days);
    let mut found = Found::default();
    coverage::check(&cx, &mut found);
    visit::check(&cx, &mut found);
    crew::check(&cx, &mut found);
    day::check(&cx, &days, &mut found);
    reasons::check(&cx, &facts, &mut found);
    stats::check(&cx, &stats, &mut found);
    let mut violations = found.0;
    violations.sort_by_key(|v| v.rule);
    Report {
        violations,
        objective: Objective {
            unscheduled_priority: stats.unscheduled_priority,
            visits: stats.visits,
            officer_visits: stats.officer_visits,
            travel_minutes: stats.travel_minutes,
        },
        optimality: Optimality::new(scn, plan, &stats, &facts, &scheduled),
        stats,
    }
}
