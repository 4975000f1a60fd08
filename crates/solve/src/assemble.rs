//! Assembly: the plan file from the placed dates, the reason for every task left out,
//! the figures, and the solver block.

use crate::context::Context;
use crate::crews::{DatePlan, Placed};
use crate::error::DateFallback;
use crate::ids::TaskIdx;
use crate::json::Json;
use crate::plan::{CrewEntry, Plan, Reason, Stats, Unscheduled, Visit};
use crate::scenario::time::Clock;
use crate::scenario::Scenario;
use crate::{DateMethod, Status};
use chrono::NaiveDate;
use serde::Deserialize;

/// Builds the plan from the placed dates and the tasks left out. `timed_out`: the search
/// was stopped (time limit or Ctrl-C) before the repair passes finished, so schedulable
/// tasks still left out carry `time_limit` rather than `capacity`. The solver block is
/// left empty: the solve fills it once it has finished ([`solver_block`]).
pub fn build(
    ctx: &Context,
    dates: &[DatePlan],
    left: &[TaskIdx],
    timed_out: bool,
) -> (Plan, Stats) {
    build_in(ctx, dates, left, timed_out, &Frame::default())
}

/// What a plan is assembled around besides its placed dates: nothing for a solve from
/// scratch; for a re-plan, its date and the history before it.
#[derive(Default)]
pub struct Frame<'v> {
    /// The re-plan date: the plan's visits before it are the history.
    pub from: Option<NaiveDate>,
    /// The history: the visits before `from`, copied into the plan first, exactly as
    /// they are and in this order, in place of whatever is placed on their dates.
    pub history: &'v [&'v Visit],
}

/// [`build`] inside a [`Frame`]: the history first, then the visits placed from the
/// frame's date on, numbered after the history (a re-plan names them again). A task
/// whose valid dates all lie before the re-plan date is left out for `capacity`, saying
/// so.
pub fn build_in(
    ctx: &Context,
    dates: &[DatePlan],
    left: &[TaskIdx],
    timed_out: bool,
    frame: &Frame,
) -> (Plan, Stats) {
    let scn = ctx.scn;
    let first = frame
        .from
        .map_or(0, |from| ctx.dates.partition_point(|d| *d < from));
    let all: Vec<&Placed> = dates
        .iter()
        .flat_map(|d| d.visits().map(|(_, v)| v))
        .collect();
    let mut placed: Vec<&Placed> = all.iter().copied().filter(|v| v.date >= first).collect();
    placed.sort_by_key(|v| (v.date, v.start, v.business, v.tasks.first().copied()));
    let mut visits: Vec<Visit> = frame.history.iter().map(|v| (*v).clone()).collect();
    let numbered = placed.iter().enumerate().map(|(i, v)| {
        let n = frame.history.len() + i + 1;
        visit(ctx, v, format!("V{n:04}"))
    });
    visits.extend(numbered);
    let mut scheduled = vec![false; scn.tasks.len()];
    for t in placed.iter().flat_map(|v| &v.tasks) {
        scheduled[t.index()] = true;
    }
    for t in frame.history.iter().flat_map(|v| &v.tasks) {
        if let Some(t) = scn.index.tasks.get(t) {
            scheduled[t.index()] = true;
        }
    }
    // Per business its visits, and per task whether repair tried it: counted once, not
    // once per task left out (that was quadratic on a week with many left out).
    let mut visits_at = vec![0usize; scn.businesses.len()];
    for v in &all {
        visits_at[v.business.index()] += 1;
    }
    let mut tried = vec![false; scn.tasks.len()];
    for t in left {
        tried[t.index()] = true;
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
            .is_some_and(|m| visits_at[b.index()] >= m as usize);
        let too_late = frame.from.filter(|_| {
            ctx.facts.fact(t).is_none() && !ctx.task_dates[t.index()].iter().any(|&d| d >= first)
        });
        let (reason, detail) = match too_late {
            Some(from) => (
                Reason::Capacity,
                format!("its valid dates are all before the re-plan date {from}"),
            ),
            None => reason(ctx, t, tried[t.index()], full, timed_out),
        };
        unscheduled.push(Unscheduled {
            task: scn.task(t).id.clone(),
            reason: reason.code().to_owned(),
            detail,
        });
    }
    let mut plan = Plan::new(&scn.name, visits, unscheduled);
    let stats = crate::figures::plan_stats(scn, ctx.travel, &plan);
    plan.stats = stats.to_fields();
    (plan, stats)
}

/// A placed visit in the plan's terms, with id `id` (tasks sorted, crew by department).
fn visit(ctx: &Context, v: &Placed, id: String) -> Visit {
    let scn = ctx.scn;
    let mut tasks = v.tasks.clone();
    tasks.sort();
    let mut crew = v.crew.clone();
    crew.sort_by_key(|(i, d)| (*d, *i));
    Visit {
        id,
        business: scn.business(v.business).id.clone(),
        date: ctx.dates[v.date],
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
}

/// The plan's `solver` block: how the dates were chosen, the seconds of the whole solve
/// (to the millisecond), threads, seed and, when not the default 1, the effort
/// (`--effort`), and the seconds of `--search-for` when given, so that a plan says how
/// to make it again.
#[derive(serde::Serialize)]
struct SolverBlock<'a> {
    status: &'a str,
    dates: &'a str,
    seconds: f64,
    threads: usize,
    seed: u64,
    #[serde(skip_serializing_if = "is_default_effort")]
    effort: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    search_for: Option<f64>,
}

fn is_default_effort(effort: &u32) -> bool {
    *effort <= 1
}

/// The plan's `solver` block ([`SolverBlock`]) as JSON.
pub fn solver_block(
    status: Status,
    dates: DateMethod,
    seconds: f64,
    threads: usize,
    seed: u64,
    effort: u32,
    search_for: Option<std::time::Duration>,
) -> Json {
    let block = SolverBlock {
        status: status.code(),
        dates: dates.code(),
        seconds: (seconds * 1000.0).round() / 1000.0,
        threads,
        seed,
        effort,
        search_for: search_for.map(|d| (d.as_secs_f64() * 1000.0).round() / 1000.0),
    };
    serde_json::to_value(&block)
        .and_then(Json::deserialize)
        .unwrap_or(Json::Null)
}

/// The plan's `solver.fallback`: where the date ILP kept greedy dates because HiGHS
/// failed, the first time and how many more (None when it never failed).
pub fn fallback_field(fallbacks: &[DateFallback]) -> Option<String> {
    let first = fallbacks.first()?;
    let more = match fallbacks.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    Some(format!("greedy dates: {first}{more}"))
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
        Some(fact @ (Reason::NoValidDay | Reason::NoOfficer | Reason::Unreachable)) => {
            (fact, fact_detail(scn, t, fact))
        }
        _ if !crate::split::fits(ctx, task.business, &[t]) => (
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

/// The sentence for people behind a fact reason (`no_valid_day`, `no_officer`,
/// `unreachable`) for task `t`; empty for the other reasons.
pub fn fact_detail(scn: &Scenario, t: TaskIdx, fact: Reason) -> String {
    let task = scn.task(t);
    let dept = &scn.department(task.department).name;
    let biz = &scn.business(task.business).name;
    match fact {
        Reason::NoValidDay => {
            format!("no working date in the horizon is open at {biz} and inside the task's window")
        }
        Reason::NoOfficer => format!(
            "on every valid date fewer than {} inspectors who may act for {dept} are available",
            task.officers
        ),
        Reason::Unreachable => format!("no able inspector's base has a path to {biz} and back"),
        Reason::Capacity | Reason::TimeLimit => String::new(),
    }
}

/// The sentence for people behind `capacity` for a task at a business no able inspector
/// can reach and be back from within the working day (a path exists, but not a short
/// enough one).
pub fn out_of_reach_detail(scn: &Scenario, t: TaskIdx) -> String {
    let task = scn.task(t);
    let dept = &scn.department(task.department).name;
    let biz = &scn.business(task.business).name;
    format!("no inspector who may act for {dept} can get to {biz} and back within the working day")
}
