//! Stage 5: the plan file, reasons for tasks left out, the summary for people, and
//! progress on stderr.

use super::context::Context;
use super::day::{DayPlan, Placed};
use super::Outcome;
use crate::ids::TaskIdx;
use crate::json::Json;
use crate::plan::{CrewEntry, Plan, Reason, Unscheduled, Visit};
use crate::scenario::time::Clock;
use crate::scenario::Scenario;
use std::io::IsTerminal;
use std::time::Instant;

/// Builds the plan from the placed days and the tasks left out.
pub fn build(
    ctx: &Context,
    days: &[DayPlan],
    left: &[TaskIdx],
    started: Instant,
    threads: usize,
    seed: u64,
    status: &str,
) -> Plan {
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
        let (reason, detail) = reason(ctx, t, left.contains(&t));
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
    plan.stats = crate::figures::plan_stats(scn, ctx.travel, &plan).to_fields();
    plan.solver = Json::Object(vec![
        ("status".into(), Json::Str(status.to_owned())),
        (
            "seconds".into(),
            Json::Float((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0),
        ),
        ("threads".into(), Json::Int(threads as i64)),
        ("seed".into(), Json::Int(seed as i64)),
    ]);
    plan
}

/// The reason and a sentence for people for a task left out.
fn reason(ctx: &Context, t: TaskIdx, tried: bool) -> (Reason, String) {
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
        _ if tried => (Reason::Capacity, format!("no crew of {dept} with two certified officers could fit it into their days on any valid date")),
        _ => (Reason::Capacity, "left out by the date stage".to_owned()),
    }
}

/// A few words on stderr while solving, when stderr is a terminal.
pub struct Progress {
    enabled: bool,
    started: Instant,
}

impl Progress {
    /// Progress shown only when asked for and stderr is a terminal.
    pub fn new(wanted: bool) -> Progress {
        Progress {
            enabled: wanted && std::io::stderr().is_terminal(),
            started: Instant::now(),
        }
    }

    /// Reports a stage.
    pub fn say(&self, what: &str) {
        if self.enabled {
            eprintln!("[{:6.1}s] {what}", self.started.elapsed().as_secs_f64());
        }
    }

    /// Ends the report.
    pub fn finish(&self) {
        self.say("done");
    }
}

/// The summary for people printed by `onedoor plan`.
pub fn summary(scn: &Scenario, outcome: &Outcome) -> String {
    let stat = |k: &str| {
        outcome
            .plan
            .stats
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or(Json::Null)
    };
    let int = |k: &str| match stat(k) {
        Json::Int(i) => i,
        _ => 0,
    };
    let mut out = String::new();
    out.push_str(&format!("{}\n", scn.name));
    out.push_str(&format!(
        "tasks {}  scheduled {}  unscheduled {} (priority {})\n",
        int("tasks"),
        int("scheduled"),
        int("unscheduled"),
        int("unscheduled_priority")
    ));
    let lb = int("lower_bound");
    let visits = int("visits");
    let gap = if lb > 0 {
        (visits - lb) as f64 / lb as f64 * 100.0
    } else {
        0.0
    };
    out.push_str(&format!(
        "visits {}  baseline {}  saved {} ({:.1} %)  lower bound {} (gap {:.1} %)\n",
        visits,
        int("baseline_visits"),
        int("visits_saved"),
        match stat("reduction") {
            Json::Float(f) => f * 100.0,
            _ => 0.0,
        },
        lb,
        gap
    ));
    out.push_str(&format!(
        "officer visits {}  travel minutes {}  solver {} in {:.2} s\n",
        int("officer_visits"),
        int("travel_minutes"),
        outcome.status,
        outcome.seconds
    ));
    out
}
