//! What-if for planners: a base scenario and its variants solved side by side, and the
//! value of one more officer (bottlenecks).
//!
//! **Comparison.** The base is planned from scratch; every variant is then re-planned from
//! the base's plan (its tasks keep their dates where still valid, see
//! [`crate::Start`]), in parallel with rayon — or, with `fresh`, every case is
//! planned from scratch, in parallel. The figures of each plan are put in one table, each
//! variant's column showing its change against the base. The numbers of a variant are
//! exactly what `onedoor plan` gives for that variant alone with the same options
//! (`--from` the base's plan, unless `fresh`).
//!
//! **Bottlenecks.** For a department `k` and a working date `d`, add one certified
//! officer of `k` (based where most of `k`'s officers are based, available on `d` only)
//! and re-plan the week from the base plan. The savings against the base plan —
//! unscheduled priority first, then visits — are what that officer is worth. Candidates
//! are the pairs where the department has tasks valid on the date; when there are many,
//! the pairs with tasks left out for capacity come first, then the busiest. The re-plans
//! run in parallel; each is an ordinary re-plan, so the numbers can be reproduced by
//! adding that inspector to the scenario and running `onedoor plan --from BASE_PLAN`.
//! Re-planning rather than planning from scratch isolates the officer's effect: two
//! independent searches differ by their own noise (on the Dinghai week with a Thursday
//! holiday, planning from scratch credited six different departments with the same
//! saving on one date, which no officer caused), and it is much faster
//! (`benches/README.md`).

use crate::ids::{DeptIdx, InspIdx};
use crate::plan::{Figure, Plan, Stats};
use crate::scenario::time::fmt_date;
use crate::scenario::{Inspector, Scenario};
use crate::travel::TravelGraph;
use crate::SolveError;
use crate::{plan, Options};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One scenario to compare: a label for its column and the scenario.
#[derive(Clone, Debug)]
pub struct Case {
    /// Column label (the base, or the variant's name).
    pub label: String,
    /// The scenario.
    pub scenario: Scenario,
}

/// A solved case.
#[derive(Clone, Debug)]
pub struct Solved {
    /// Column label.
    pub label: String,
    /// The plan.
    pub plan: Plan,
    /// Its figures.
    pub stats: Stats,
    /// Officer-hours in visits per department id (crew entries × visit length).
    pub officer_hours: BTreeMap<String, f64>,
    /// Seconds the solve took.
    pub seconds: f64,
}

fn solve_one(case: &Case, options: &Options) -> Result<Solved, SolveError> {
    let travel = TravelGraph::build(&case.scenario);
    let outcome = plan(&case.scenario, &travel, options)?;
    // The figures as written in the plan file (reduction rounded), as `plan` reports them.
    let stats = Stats::from_fields(&outcome.plan.stats)
        .ok_or_else(|| SolveError::Figures(case.label.clone()))?;
    let mut officer_hours: BTreeMap<String, f64> = case
        .scenario
        .departments
        .iter()
        .map(|d| (d.id.clone(), 0.0))
        .collect();
    for v in &outcome.plan.visits {
        let hours = f64::from(v.end.0.saturating_sub(v.start.0)) / 60.0;
        for c in &v.crew {
            *officer_hours.entry(c.department.clone()).or_default() += hours;
        }
    }
    Ok(Solved {
        label: case.label.clone(),
        plan: outcome.plan,
        stats,
        officer_hours,
        seconds: outcome.seconds,
    })
}

/// Plans every case (results in the order given; the first case is the base).
///
/// By default the base is planned from scratch with `options`, then every other case is
/// re-planned from the base's plan ([`crate::Start`]), in parallel. With `fresh`
/// every case is planned from scratch, in parallel. Either way a case's plan is what
/// `onedoor plan` gives for it alone with the same options (`--from` the base's plan
/// unless `fresh`).
pub fn solve_all(
    cases: &[Case],
    options: &Options,
    fresh: bool,
) -> Result<Vec<Solved>, SolveError> {
    let (pool, _) = crate::thread_pool(options.threads)?;
    // Every case is solved inside `pool`, the process's pool (see `crate::plan_with`).
    let quiet = Options {
        progress: false,
        ..options.clone()
    };
    if fresh {
        return pool.install(|| cases.par_iter().map(|c| solve_one(c, &quiet)).collect());
    }
    let Some((base, variants)) = cases.split_first() else {
        return Ok(Vec::new());
    };
    let base = solve_one(
        base,
        &Options {
            progress: false,
            ..options.clone()
        },
    )?;
    let from_base = Options {
        start: Some(std::sync::Arc::new(crate::Start::from_plan(&base.plan))),
        ..quiet
    };
    let variants: Vec<Solved> = pool.install(|| {
        variants
            .par_iter()
            .map(|c| solve_one(c, &from_base))
            .collect::<Result<_, _>>()
    })?;
    Ok(std::iter::once(base).chain(variants).collect())
}

/// The comparison table: one row per figure, one column per case.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Column labels, base first.
    pub columns: Vec<String>,
    /// Rows: the figure and one value per column (`None` where not applicable).
    pub rows: Vec<(Row, Vec<Option<f64>>)>,
}

/// What one row of a [`Comparison`] shows (the report names it for people).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A figure of the plan, as written in the plan file.
    Figure(Figure),
    /// The reduction of visits against the baseline, in percent (one decimal).
    ReductionPercent,
    /// Officer-hours in visits of a department (its id; one decimal).
    OfficerHours(String),
}

/// Builds the comparison of solved cases (the first is the base).
pub fn compare(solved: &[Solved]) -> Comparison {
    let columns = solved.iter().map(|s| s.label.clone()).collect();
    let mut rows: Vec<(Row, Vec<Option<f64>>)> = Vec::new();
    let mut row = |r: Row, f: &dyn Fn(&Solved) -> Option<f64>| {
        rows.push((r, solved.iter().map(f).collect()));
    };
    for figure in Figure::ALL {
        match figure {
            // Implied by the rows shown.
            Figure::Unscheduled | Figure::VisitsSaved => {}
            Figure::Reduction => row(Row::ReductionPercent, &|s| {
                Some((s.stats.reduction * 1000.0).round() / 10.0)
            }),
            _ => row(Row::Figure(figure), &|s| {
                Some(figure.value(&s.stats).as_f64())
            }),
        }
    }
    let depts: BTreeSet<&String> = solved.iter().flat_map(|s| s.officer_hours.keys()).collect();
    for d in depts {
        row(Row::OfficerHours(d.clone()), &|s| {
            s.officer_hours.get(d).map(|h| (h * 10.0).round() / 10.0)
        });
    }
    Comparison { columns, rows }
}

/// What one more certified officer of a department on a date would save.
#[derive(Clone, Debug, PartialEq)]
pub struct Bottleneck {
    /// Department id.
    pub department: String,
    /// Department name.
    pub name: String,
    /// The date the officer is added on.
    pub date: NaiveDate,
    /// Unscheduled priority saved (base − with the officer).
    pub priority_saved: i64,
    /// Visits saved (base − with the officer; negative when more tasks get in).
    pub visits_saved: i64,
    /// Tasks scheduled in addition.
    pub tasks_gained: i64,
}

impl Bottleneck {
    /// Whether the officer improves the plan at all (the re-plan starts from the base
    /// plan, which stays valid with one more officer, so it is never worse).
    pub fn gains(&self) -> bool {
        (self.priority_saved, self.visits_saved) > (0, 0)
    }
}

/// Most candidate (department, date) pairs re-planned.
pub const MAX_CANDIDATES: usize = 40;

/// Ranks departments × dates by what one more certified officer would save against
/// `base` (the plan of `scn`). Returns every candidate evaluated, best first.
pub fn bottlenecks(
    scn: &Scenario,
    base: &Plan,
    options: &Options,
) -> Result<Vec<Bottleneck>, SolveError> {
    let base_stats = Stats::from_fields(&base.stats)
        .ok_or_else(|| SolveError::Figures("the base".to_owned()))?;
    let dates = scn.horizon.working_dates();
    // Candidates with a score for ordering: (left out for capacity, busy share).
    let left = left_for_capacity(base);
    let mut busy: BTreeMap<(String, NaiveDate), f64> = BTreeMap::new();
    for v in &base.visits {
        for c in &v.crew {
            *busy.entry((c.department.clone(), v.date)).or_default() +=
                f64::from(v.end.0 - v.start.0);
        }
    }
    let mut candidates: Vec<(u64, i64, DeptIdx, NaiveDate)> = Vec::new();
    for (k, dept) in scn.departments.iter().enumerate() {
        let k = DeptIdx::new(k);
        for &d in &dates {
            let tasks: Vec<_> = scn
                .task_indices()
                .filter(|&t| scn.task(t).department == k && scn.valid_date(t, d))
                .collect();
            if tasks.is_empty() {
                continue;
            }
            let left_priority: u64 = tasks
                .iter()
                .filter(|&&t| left.contains(scn.task(t).id.as_str()))
                .map(|&t| u64::from(scn.task(t).priority))
                .sum();
            let load = busy.get(&(dept.id.clone(), d)).copied().unwrap_or(0.0);
            candidates.push((left_priority, -(load as i64), k, d));
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    candidates.truncate(MAX_CANDIDATES);
    let cases: Vec<(DeptIdx, NaiveDate, Case)> = candidates
        .iter()
        .map(|&(_, _, k, d)| {
            (
                k,
                d,
                Case {
                    label: String::new(),
                    scenario: with_extra_officer(scn, k, d, &dates),
                },
            )
        })
        .collect();
    // Re-plan from the base plan, so that the difference is the officer's effect on
    // this week's plan, not the noise between two independent searches.
    let opts = Options {
        start: Some(std::sync::Arc::new(crate::Start::from_plan(base))),
        ..options.clone()
    };
    let solved = solve_all(
        &cases.iter().map(|(_, _, c)| c.clone()).collect::<Vec<_>>(),
        &opts,
        true,
    )?;
    let mut out: Vec<Bottleneck> = cases
        .iter()
        .zip(&solved)
        .map(|((k, d, _), s)| Bottleneck {
            department: scn.department(*k).id.clone(),
            name: scn.department(*k).name.clone(),
            date: *d,
            priority_saved: base_stats.unscheduled_priority as i64
                - s.stats.unscheduled_priority as i64,
            visits_saved: base_stats.visits as i64 - s.stats.visits as i64,
            tasks_gained: s.stats.scheduled as i64 - base_stats.scheduled as i64,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.priority_saved, b.visits_saved)
            .cmp(&(a.priority_saved, a.visits_saved))
            .then(a.department.cmp(&b.department))
            .then(a.date.cmp(&b.date))
    });
    Ok(out)
}

/// The tasks `plan` leaves out for capacity or time (not for a fact): what more staff
/// could bring in.
pub(crate) fn left_for_capacity(plan: &Plan) -> BTreeSet<&str> {
    let (capacity, time) = (
        crate::plan::Reason::Capacity.code(),
        crate::plan::Reason::TimeLimit.code(),
    );
    plan.unscheduled
        .iter()
        .filter(|u| u.reason == capacity || u.reason == time)
        .map(|u| u.task.as_str())
        .collect()
}

/// The scenario with one more certified officer of department `k`, available on `date`
/// only, based where most of the department's officers are.
pub fn with_extra_officer(
    scn: &Scenario,
    k: DeptIdx,
    date: NaiveDate,
    dates: &[NaiveDate],
) -> Scenario {
    let mut s = scn.clone();
    let mut bases: BTreeMap<crate::ids::NodeIdx, usize> = BTreeMap::new();
    for i in &scn.inspectors {
        if i.may_act_for(k) {
            *bases.entry(i.base).or_default() += u64::from(i.department == k) as usize * 2 + 1;
        }
    }
    let base = bases
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(n, _)| *n)
        .unwrap_or(crate::ids::NodeIdx::new(0));
    let id = format!("extra-{}-{}", scn.department(k).id, fmt_date(date));
    s.index
        .inspectors
        .insert(id.clone(), InspIdx::new(s.inspectors.len()));
    s.inspectors.push(Inspector {
        name: format!("one more officer of {}", scn.department(k).name),
        id,
        department: k,
        certified: true,
        base,
        acts_for: Vec::new(),
        unavailable: dates.iter().copied().filter(|d| *d != date).collect(),
        max_visits_per_day: None,
        recuse: BTreeSet::new(),
        certificate: None,
    });
    s
}
