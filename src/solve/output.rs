//! Stage 5: the plan file, reasons for tasks left out, the summary for people, and
//! progress on stderr.

use super::context::Context;
use super::day::{DayPlan, Placed};
use super::Outcome;
use crate::ids::TaskIdx;
use crate::json::Json;
use crate::plan::{CrewEntry, Plan, Reason, Stats, Unscheduled, Visit};
use crate::scenario::time::Clock;
use crate::scenario::Scenario;
use std::io::IsTerminal;

/// Builds the plan from the placed days and the tasks left out. `timed_out`: the search
/// was stopped (time limit or Ctrl-C) before the repair passes finished, so schedulable
/// tasks still left out carry `time_limit` rather than `capacity`. The solver block is
/// left empty: the solve fills it once it has finished ([`solver_block`]).
pub fn build(ctx: &Context, days: &[DayPlan], left: &[TaskIdx], timed_out: bool) -> (Plan, Stats) {
    let scn = ctx.scn;
    let mut placed: Vec<&Placed> = days
        .iter()
        .flat_map(|d| d.visits().map(|(_, v)| v))
        .collect();
    placed.sort_by_key(|v| (v.day, v.start, v.business, v.tasks.first().copied()));
    let visits = placed
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut tasks = v.tasks.clone();
            tasks.sort();
            let mut crew = v.crew.clone();
            crew.sort_by_key(|(i, d)| (*d, *i));
            Visit {
                id: format!("V{:04}", i + 1),
                business: scn.business(v.business).id.clone(),
                date: ctx.dates[v.day],
                start: Clock(v.start),
                end: Clock(v.end),
                tasks: tasks.iter().map(|&t| scn.task(t).id.clone()).collect(),
                crew: crew
                    .iter()
                    .map(|(i, d)| CrewEntry {
                        inspector: scn.inspector(*i).id.clone(),
                        department: scn.department(*d).id.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut scheduled = vec![false; scn.tasks.len()];
    for v in &placed {
        for t in &v.tasks {
            scheduled[t.index()] = true;
        }
    }
    let mut unscheduled = Vec::new();
    for t in scn.task_indices() {
        if scheduled[t.index()] {
            continue;
        }
        let b = scn.task(t).business;
        let full = scn
            .business(b)
            .max_visits
            .is_some_and(|m| placed.iter().filter(|v| v.business == b).count() >= m as usize);
        let (reason, detail) = reason(ctx, t, left.contains(&t), full, timed_out);
        unscheduled.push(Unscheduled {
            task: scn.task(t).id.clone(),
            reason: reason.code().to_owned(),
            detail,
        });
    }
    let mut plan = Plan {
        version: 1,
        scenario: scn.name.clone(),
        visits,
        unscheduled,
        stats: Vec::new(),
        solver: Json::Null,
    };
    let stats = crate::figures::plan_stats(scn, ctx.travel, &plan);
    plan.stats = stats.to_fields();
    (plan, stats)
}

/// The plan's `solver` block: how the dates were chosen, the seconds of the whole solve
/// (to the millisecond), threads and seed.
pub fn solver_block(
    status: super::Status,
    dates: &str,
    seconds: f64,
    threads: usize,
    seed: u64,
) -> Json {
    Json::Object(vec![
        ("status".into(), Json::Str(status.code().to_owned())),
        ("dates".into(), Json::Str(dates.to_owned())),
        (
            "seconds".into(),
            Json::Float((seconds * 1000.0).round() / 1000.0),
        ),
        ("threads".into(), Json::Int(threads as i64)),
        ("seed".into(), Json::Int(seed as i64)),
    ])
}

/// What the solve proves, in words: `proven optimal` (tasks left out and entries), or
/// what is not proven.
fn proof(scn: &Scenario, outcome: &Outcome) -> String {
    let st = &outcome.stats;
    let forced: u64 = outcome
        .plan
        .unscheduled
        .iter()
        .filter(|u| {
            matches!(
                u.reason.parse(),
                Ok(Reason::NoValidDay | Reason::NoOfficer | Reason::Unreachable)
            )
        })
        .filter_map(|u| scn.index.tasks.get(&u.task))
        .map(|&t| u64::from(scn.task(t).priority))
        .sum();
    let mut open = Vec::new();
    let free = st.unscheduled_priority.saturating_sub(forced);
    if free > 0 {
        open.push(format!("priority {free} left out may fit"));
    }
    let above = st.visits.saturating_sub(st.lower_bound);
    if above > 0 {
        open.push(format!("{above} visits above the bound"));
    }
    match outcome.status {
        super::Status::Optimal => "optimal: left out and visits proven".to_owned(),
        super::Status::TimeLimit => format!("stopped early; {}", open.join(", ")),
        super::Status::Feasible => format!("not proven: {}", open.join(", ")),
    }
}

/// The reason and a sentence for people for a task left out.
fn reason(
    ctx: &Context,
    t: TaskIdx,
    tried: bool,
    business_full: bool,
    timed_out: bool,
) -> (Reason, String) {
    let scn = ctx.scn;
    let task = scn.task(t);
    let dept = &scn.department(task.department).name;
    let biz = &scn.business(task.business).name;
    match ctx.facts.fact(t) {
        Some(Reason::NoValidDay) => (Reason::NoValidDay, format!("no working date in the horizon is open at {biz} and inside the task's window")),
        Some(Reason::NoOfficer) => (Reason::NoOfficer, format!("on every valid date fewer than {} inspectors who may act for {dept} are available", task.officers)),
        Some(Reason::Unreachable) => (Reason::Unreachable, format!("no able inspector's base has a path to {biz} and back")),
        _ if !super::group::fits(ctx, task.business, &[t]) => (
            Reason::Capacity,
            format!("the task does not fit a single visit at {biz} (opening hours or the longest visit allowed)"),
        ),
        _ if timed_out => (
            Reason::TimeLimit,
            "the search was stopped (time limit or Ctrl-C) before a place was found for it".to_owned(),
        ),
        _ if business_full => (
            Reason::Capacity,
            format!("{biz} may be entered only {} time(s) this week; visits holding higher-priority tasks use them", scn.business(task.business).max_visits.unwrap_or(0)),
        ),
        _ if tried => (Reason::Capacity, format!("no crew for {dept} (with the certified officers a visit needs) could fit it into their days on any valid date")),
        _ => (Reason::Capacity, format!("the officers of {dept} are fully booked on its valid dates by higher-priority work")),
    }
}

/// A spinner on stderr while solving (only when stderr is a terminal): the stage, the
/// best plan so far (unscheduled priority, visits against the lower bound, gap) and the
/// time spent.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    best: std::sync::Mutex<String>,
}

impl Progress {
    /// Progress shown only when asked for and stderr is a terminal.
    pub fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            best: std::sync::Mutex::new(String::new()),
        }
    }

    /// Reports a stage.
    pub fn say(&self, what: &str) {
        if let Some(bar) = &self.bar {
            let best = self.best.lock().map(|b| b.clone()).unwrap_or_default();
            bar.set_message(if best.is_empty() {
                what.to_owned()
            } else {
                format!("{what} — best so far: {best}")
            });
        }
    }

    /// Records the figures of the best plan so far.
    pub fn best(&self, stats: &Stats) {
        if self.bar.is_none() {
            return;
        }
        let (visits, bound) = (stats.visits, stats.lower_bound);
        let gap = if bound > 0 {
            visits.saturating_sub(bound) as f64 * 100.0 / bound as f64
        } else {
            0.0
        };
        if let Ok(mut b) = self.best.lock() {
            *b = format!(
                "unscheduled priority {}, {visits} visits (lower bound {bound}, gap {gap:.1} %)",
                stats.unscheduled_priority
            );
        }
    }

    /// Ends the report.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The summary for people printed by `onedoor plan`: the figures, a table per date, and
/// every task left out with its reason.
pub fn summary(scn: &Scenario, outcome: &Outcome) -> String {
    use crate::report::{percent, thousands, Table};
    let plan = &outcome.plan;
    let st = &outcome.stats;
    let (visits, bound, baseline) = (
        st.visits as i64,
        st.lower_bound as i64,
        st.baseline_visits as i64,
    );
    let mut out = format!("{}\n\n", scn.name);
    let mut figures = Table::new(["figure", "value", "note"]).right([1]).indent(2);
    figures.row([
        "tasks".to_string(),
        thousands(st.tasks as i64),
        String::new(),
    ]);
    figures.row([
        "scheduled".to_string(),
        thousands(st.scheduled as i64),
        String::new(),
    ]);
    figures.row([
        "unscheduled".to_string(),
        thousands(st.unscheduled as i64),
        format!("priority {}", st.unscheduled_priority as i64),
    ]);
    figures.row([
        "visits".to_string(),
        thousands(visits),
        "entries into businesses".to_string(),
    ]);
    figures.row([
        "baseline visits".to_string(),
        thousands(baseline),
        "each department alone".to_string(),
    ]);
    figures.row([
        "visits saved".to_string(),
        thousands(st.visits_saved),
        format!(
            "{} fewer entries",
            percent(st.visits_saved as f64, baseline as f64)
        ),
    ]);
    figures.row([
        "lower bound".to_string(),
        thousands(bound),
        format!("gap {}", percent((visits - bound) as f64, bound as f64)),
    ]);
    figures.row([
        "officer visits".to_string(),
        thousands(st.officer_visits as i64),
        "crew entries".to_string(),
    ]);
    figures.row([
        "travel minutes".to_string(),
        thousands(st.travel_minutes as i64),
        String::new(),
    ]);
    figures.row([
        "solver".to_string(),
        format!("{:.2} s", outcome.seconds),
        proof(scn, outcome),
    ]);
    out.push_str(&figures.render());

    // Per date: visits, officers busy, visit minutes.
    let mut by_date: std::collections::BTreeMap<
        chrono::NaiveDate,
        (usize, std::collections::BTreeSet<&str>, u64, u64),
    > = Default::default();
    for v in &plan.visits {
        let e = by_date.entry(v.date).or_default();
        e.0 += 1;
        e.1.extend(v.crew.iter().map(|c| c.inspector.as_str()));
        e.2 += v.tasks.len() as u64;
        e.3 += u64::from(v.end.0.saturating_sub(v.start.0));
    }
    let mut days = Table::new(["date", "visits", "tasks", "officers busy", "visit minutes"])
        .right(1..5)
        .indent(2);
    for (date, (n, officers, tasks, minutes)) in &by_date {
        days.row([
            format!(
                "{} {}",
                date,
                crate::scenario::time::weekday_name(chrono::Datelike::weekday(date))
            ),
            n.to_string(),
            tasks.to_string(),
            officers.len().to_string(),
            thousands(*minutes as i64),
        ]);
    }
    out.push_str("\nper date\n");
    out.push_str(&days.render());

    if !plan.unscheduled.is_empty() {
        let mut left = Table::new([
            "task",
            "department",
            "business",
            "priority",
            "reason",
            "detail",
        ])
        .right([3])
        .indent(2);
        for u in &plan.unscheduled {
            let t = scn.index.tasks.get(&u.task).map(|&t| scn.task(t));
            left.row([
                u.task.clone(),
                t.map(|t| scn.department(t.department).name.clone())
                    .unwrap_or_default(),
                t.map(|t| scn.business(t.business).name.clone())
                    .unwrap_or_default(),
                t.map(|t| t.priority.to_string()).unwrap_or_default(),
                u.reason.clone(),
                u.detail.clone(),
            ]);
        }
        out.push_str("\nleft out\n");
        out.push_str(&left.render());
    }
    out
}
