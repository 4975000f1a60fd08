//! The checker's own count of a plan's eleven figures (docs/format.md, "The objective" and
//! "Reported figures"), the values rule C13 holds `stats` to. Written from the format, not
//! shared with the solver, so that a fault in either shows.
//!
//! - `tasks`: the scenario's tasks; `scheduled`: distinct known tasks found in visits;
//!   `unscheduled`: the rest (listed in `unscheduled` or, wrongly, nowhere), and
//!   `unscheduled_priority` the sum of their priorities;
//! - `visits` and `officer_visits`: the visits and crew entries as written;
//! - `baseline_visits` and `lower_bound`: fewest covering dates per (business, department)
//!   and per business, of the scheduled joinable tasks, plus one per scheduled non-joinable
//!   task ([`fewest_dates`]); `visits_saved` and `reduction` from the baseline;
//! - `travel_minutes`: every inspector's day, base → visits in the rule's order → base,
//!   by the checker's own shortest paths; a leg with no path counts 0 (rule C8 reports it).
//!
//! **Fewest covering dates.** A task's valid dates are the dates its business can be
//! visited that fall in the task's window (one date if pinned): a run of consecutive
//! dates of that business, so a group of one business's tasks is a set of intervals
//! over one list of dates, and the fewest dates covering them all is the classic
//! stabbing count. It is computed from each task's first and last valid date alone:
//! sorted by last date, a task whose first date is after the last date chosen so far
//! needs a new one, and its last date is chosen (docs/format.md, "The greedy"). A chosen
//! date is some task's last valid date, so a date the business can be visited, and lies
//! in any later task's window exactly when it lies between that task's first and last
//! valid dates.

use super::day::Days;
use super::{Ctx, Paths};
use chrono::NaiveDate;
use onedoor_core::ids::{BizIdx, DeptIdx, TaskIdx};
use onedoor_core::plan::Stats;
use onedoor_core::scenario::Scenario;
use std::collections::{HashMap, HashSet};

/// The distinct known tasks the visits of `cx`'s plan hold, in order of first mention.
pub(crate) fn scheduled(cx: &Ctx) -> Vec<TaskIdx> {
    let mut seen: HashSet<TaskIdx> = HashSet::new();
    cx.visits
        .iter()
        .flat_map(|v| v.tasks.iter().copied())
        .filter(|&t| seen.insert(t))
        .collect()
}

/// All eleven figures of the plan in `cx`, recounted; `scheduled` are the tasks its
/// visits hold ([`scheduled`]) and `days` its inspectors' days.
pub(crate) fn recount(cx: &Ctx, scheduled: &[TaskIdx], days: &Days) -> Stats {
    let scn = cx.scn;
    let in_visits: HashSet<TaskIdx> = scheduled.iter().copied().collect();
    let tasks = scn.tasks.len() as u64;
    let unscheduled_priority: u64 = scn
        .tasks
        .iter()
        .enumerate()
        .filter(|(pos, _)| !in_visits.contains(&TaskIdx::new(*pos)))
        .map(|(_, task)| u64::from(task.priority))
        .sum();
    let visits = cx.plan.visits.len() as u64;
    let (baseline, lower_bound) = covers(scn, scheduled);
    let visits_saved = baseline as i64 - visits as i64;
    Stats {
        tasks,
        scheduled: scheduled.len() as u64,
        unscheduled: tasks - scheduled.len() as u64,
        unscheduled_priority,
        visits,
        baseline_visits: baseline,
        visits_saved,
        reduction: if baseline == 0 {
            0.0
        } else {
            visits_saved as f64 / baseline as f64
        },
        lower_bound,
        officer_visits: cx.plan.visits.iter().map(|v| v.crew.len() as u64).sum(),
        travel_minutes: travel_minutes(cx.scn, cx.paths, days),
    }
}

/// `baseline_visits` and `lower_bound` of the distinct tasks `scheduled`: fewest covering
/// dates per (business, department) and per business of the joinable ones, each plus the
/// non-joinable ones. Tasks without a valid date have no interval and are left out of the
/// covers (no date covers them, and no valid plan schedules them).
pub(crate) fn covers(scn: &Scenario, scheduled: &[TaskIdx]) -> (u64, u64) {
    let mut alone = 0u64;
    let mut by_pair: HashMap<(BizIdx, DeptIdx), Vec<Span>> = HashMap::new();
    let mut by_business: HashMap<BizIdx, Vec<Span>> = HashMap::new();
    for &t in scheduled {
        let task = scn.task(t);
        if !task.joinable {
            alone += 1;
            continue;
        }
        if let Some(span) = span(scn, t) {
            by_pair
                .entry((task.business, task.department))
                .or_default()
                .push(span);
            by_business.entry(task.business).or_default().push(span);
        }
    }
    let baseline = alone + by_pair.into_values().map(fewest_dates).sum::<u64>();
    let lower_bound = alone + by_business.into_values().map(fewest_dates).sum::<u64>();
    (baseline, lower_bound)
}

/// A task's first and last valid dates.
type Span = (NaiveDate, NaiveDate);

/// The first and last valid dates of task `t`, `None` when it has none. Looks from each
/// end of the window (horizon ∩ the task's `earliest`–`latest`) for the first valid date.
fn span(scn: &Scenario, t: TaskIdx) -> Option<Span> {
    let task = scn.task(t);
    let from = scn.horizon.start.max(task.earliest);
    let to = scn.horizon.end.min(task.latest);
    let mut first = from;
    while first <= to && !scn.valid_date(t, first) {
        first = first.succ_opt()?;
    }
    if first > to {
        return None;
    }
    let mut last = to;
    while !scn.valid_date(t, last) {
        last = last.pred_opt()?;
    }
    Some((first, last))
}

/// The fewest dates covering every interval of `spans` (all of one business): sorted by
/// last date, each interval starting after the last chosen date chooses its own last date.
fn fewest_dates(mut spans: Vec<Span>) -> u64 {
    spans.sort_by_key(|&(_, last)| last);
    let mut chosen: Option<NaiveDate> = None;
    let mut count = 0;
    for (first, last) in spans {
        if chosen.is_none_or(|c| c < first) {
            chosen = Some(last);
            count += 1;
        }
    }
    count
}

/// Travel of every inspector's days: base → each visit in order → base, summed; a leg
/// with no path counts 0.
fn travel_minutes(scn: &Scenario, paths: &Paths, days: &Days) -> u64 {
    let mut total = 0u64;
    for (&(i, _), stops) in days {
        let base = scn.inspector(i).base;
        let legs = std::iter::once(base)
            .chain(stops.iter().map(|s| s.node))
            .zip(stops.iter().map(|s| s.node).chain(std::iter::once(base)));
        for (from, to) in legs {
            total += u64::from(paths.minutes(from, to).unwrap_or(0));
        }
    }
    total
}
