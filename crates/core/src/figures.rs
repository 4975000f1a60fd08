//! Reported figures (docs/format.md, "The objective" and "Reported figures"): baseline, lower bound, a plan's stats and
//! the objective.
//!
//! - [`min_covering_dates`] is the format's greedy: take tasks by latest valid date; each
//!   task not yet covered adds its latest valid date, which covers every task valid on it.
//!   Tasks of one business share the business's open dates, so each task's valid dates are
//!   a run of consecutive open dates (an interval), and the greedy is the classic exact
//!   interval-stabbing algorithm. Callers pass the tasks of one business.
//! - [`baseline_visits`]: departments alone, one cover per (business, department).
//! - [`lower_bound`]: departments pooled, one cover per business.
//! - [`plan_stats`]: all eleven figures of a plan, recomputed from its visits.
//! - [`Objective`]: the four criteria of "The objective", ordered lexicographically.
//!
//! Tasks without a valid date are ignored by the covers (no date can cover them, and no
//! valid plan schedules them); a scheduled non-joinable task counts one visit regardless.

use crate::ids::{BizIdx, InspIdx, TaskIdx};
use crate::plan::{Plan, Stats};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The fewest dates covering `tasks` (a date covers a task when it is a valid date for
/// it), by the format's greedy. Tasks with no valid date are ignored. Exact when all tasks
/// belong to one business (see the module docs); duplicates are harmless.
pub fn min_covering_dates(scn: &Scenario, tasks: &[TaskIdx]) -> u64 {
    let mut by_latest: Vec<(NaiveDate, TaskIdx)> = tasks
        .iter()
        .filter_map(|&t| scn.valid_dates(t).last().map(|&d| (d, t)))
        .collect();
    by_latest.sort();
    let mut chosen: Vec<NaiveDate> = Vec::new();
    for (latest, t) in by_latest {
        if !chosen.iter().any(|&d| scn.valid_date(t, d)) {
            chosen.push(latest);
        }
    }
    chosen.len() as u64
}

/// Sums the covers of scheduled joinable tasks grouped by `key`, plus one per scheduled
/// non-joinable task. Duplicate task indices count once.
fn grouped_cover<K: Ord>(scn: &Scenario, scheduled: &[TaskIdx], key: impl Fn(TaskIdx) -> K) -> u64 {
    let mut seen = HashSet::new();
    let mut groups: BTreeMap<K, Vec<TaskIdx>> = BTreeMap::new();
    let mut alone = 0;
    for &t in scheduled {
        if !seen.insert(t) {
            continue;
        }
        if scn.task(t).joinable {
            groups.entry(key(t)).or_default().push(t);
        } else {
            alone += 1;
        }
    }
    alone
        + groups
            .values()
            .map(|g| min_covering_dates(scn, g))
            .sum::<u64>()
}

/// Visits needed if each department went alone: over every (business, department) pair,
/// the fewest dates covering its scheduled joinable tasks, plus the scheduled non-joinable
/// tasks (docs/format.md, "Reported figures").
pub fn baseline_visits(scn: &Scenario, scheduled: &[TaskIdx]) -> u64 {
    grouped_cover(scn, scheduled, |t| {
        let task = scn.task(t);
        (task.business, task.department)
    })
}

/// The fewest visits of any valid plan scheduling `scheduled`: per business, the fewest
/// dates covering its scheduled joinable tasks, plus the scheduled non-joinable tasks.
/// Tasks with no valid date are ignored by the cover.
pub fn lower_bound(scn: &Scenario, scheduled: &[TaskIdx]) -> u64 {
    grouped_cover(scn, scheduled, |t| scn.task(t).business)
}

/// One visit in an inspector's day: start and end minutes, position in the plan, business
/// (the field order is the day's order: by start, then end, then plan order).
type Stop = (u32, u32, usize, BizIdx);

/// The visits of each (inspector, date).
type Days = HashMap<(InspIdx, NaiveDate), Vec<Stop>>;

/// A plan's visits resolved against a scenario: the part of a plan the figures need.
struct Resolved {
    /// Distinct known tasks that appear in some visit, in first-seen order.
    scheduled: Vec<TaskIdx>,
    /// Per (inspector, date): (start, end, visit position, business) of the visits crewed.
    days: Days,
}

fn resolve(scn: &Scenario, plan: &Plan) -> Resolved {
    let mut seen = HashSet::new();
    let mut scheduled = Vec::new();
    let mut days = Days::new();
    for (pos, v) in plan.visits.iter().enumerate() {
        for id in &v.tasks {
            if let Some(&t) = scn.index.tasks.get(id) {
                if seen.insert(t) {
                    scheduled.push(t);
                }
            }
        }
        let Some(&b) = scn.index.businesses.get(&v.business) else {
            continue;
        };
        for c in &v.crew {
            if let Some(&i) = scn.index.inspectors.get(&c.inspector) {
                let day = days.entry((i, v.date)).or_default();
                // An inspector listed twice in one crew still enters once.
                if !day.iter().any(|e| e.2 == pos) {
                    day.push((v.start.minutes(), v.end.minutes(), pos, b));
                }
            }
        }
    }
    Resolved { scheduled, days }
}

/// Travel of every inspector's days (docs/format.md, "The objective", item 4): for each (inspector, date)
/// with visits, base → visits in start order → base. Unreachable legs count 0 (rule C8
/// reports them); visits at unknown businesses are left out.
fn travel_minutes(scn: &Scenario, travel: &TravelGraph, days: &Days) -> u64 {
    let mut total = 0u64;
    for (&(i, _), visits) in days {
        let mut order = visits.clone();
        order.sort();
        let base = scn.inspector(i).base;
        let mut at = base;
        for &(_, _, _, b) in &order {
            let next = scn.node_of_business(b);
            total += u64::from(travel.minutes(at, next).unwrap_or(0));
            at = next;
        }
        total += u64::from(travel.minutes(at, base).unwrap_or(0));
    }
    total
}

/// All eleven figures of `plan`, recomputed from its visits (docs/format.md, "The plan file", "The objective", "Reported figures").
///
/// Unknown ids are skipped (rule C1 reports them). `scheduled` counts distinct known
/// tasks found in visits; every other scenario task counts as unscheduled (listed in
/// `unscheduled` or, wrongly, nowhere), and its priority counts in `unscheduled_priority`.
/// `visits` and `officer_visits` count the visits and crew entries as written.
pub fn plan_stats(scn: &Scenario, travel: &TravelGraph, plan: &Plan) -> Stats {
    let r = resolve(scn, plan);
    let in_plan: HashSet<TaskIdx> = r.scheduled.iter().copied().collect();
    let unscheduled_priority = scn
        .task_indices()
        .filter(|t| !in_plan.contains(t))
        .map(|t| u64::from(scn.task(t).priority))
        .sum();
    let tasks = scn.tasks.len() as u64;
    let scheduled = r.scheduled.len() as u64;
    let visits = plan.visits.len() as u64;
    let baseline = baseline_visits(scn, &r.scheduled);
    let saved = baseline as i64 - visits as i64;
    Stats {
        tasks,
        scheduled,
        unscheduled: tasks - scheduled,
        unscheduled_priority,
        visits,
        baseline_visits: baseline,
        visits_saved: saved,
        reduction: if baseline == 0 {
            0.0
        } else {
            saved as f64 / baseline as f64
        },
        lower_bound: lower_bound(scn, &r.scheduled),
        officer_visits: plan.visits.iter().map(|v| v.crew.len() as u64).sum(),
        travel_minutes: travel_minutes(scn, travel, &r.days),
    }
}

/// The objective (docs/format.md, "The objective"): compared lexicographically, smaller is better
/// (the field order is the comparison order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Objective {
    /// Sum of the priorities of the tasks left out.
    pub unscheduled_priority: u64,
    /// Number of visits.
    pub visits: u64,
    /// Crew entries over all visits.
    pub officer_visits: u64,
    /// Travel of every inspector's days, minutes.
    pub travel_minutes: u64,
}

impl From<&Stats> for Objective {
    fn from(s: &Stats) -> Objective {
        Objective {
            unscheduled_priority: s.unscheduled_priority,
            visits: s.visits,
            officer_visits: s.officer_visits,
            travel_minutes: s.travel_minutes,
        }
    }
}
