//! The date ILP: the date of every task, by an integer program (good_lp on HiGHS).
//!
//! The instance is split into **parts** that share no inspector: the connected
//! connected pieces of the relation "this inspector can reach this business and be back within
//! the working day" (islands without links, cities served by their own teams). Parts are
//! solved in parallel (rayon), each HiGHS run on one thread so the answer does not depend
//! on the thread count.
//!
//! For a part, with working dates `d`, schedulable tasks `t` at business `b(t)`:
//!
//! - `x[t,d] ∈ {0,1}`: task `t` is checked on date `d` (only for its valid dates);
//! - `y[b,d] ∈ {0,1}`: a joint visit enters business `b` on date `d`.
//!
//! minimise `Σ_t W·p_t·(1 − Σ_d x[t,d]) + Σ_{b,d} y[b,d] + Σ_{t alone} Σ_d x[t,d]`
//! (leaving out priority first, then entries, W = number of tasks + 1), subject to
//!
//! - each task at most once: `Σ_d x[t,d] ≤ 1`;
//! - a joinable task needs its business's visit that date: `x[t,d] ≤ y[b,d]`;
//! - business limit: `Σ_d y[b,d] + Σ_{t alone at b} Σ_d x[t,d] ≤ max_visits`;
//! - **department capacity** for every department `k` and date `d`:
//!   `Σ_{t of k} officers_t·(minutes_t + τ)·x[t,d] ≤ α·M_{k,d}`, where `M_{k,d}` is the
//!   officer-minutes of inspectors able to act for `k` and available on `d`, and τ an
//!   estimate of travel per task;
//! - **date capacity**: `Σ_t officers_t·minutes_t·x[t,d] + Σ_b c·(overhead + τ)·y[b,d]
//!   ≤ α·M_d`, with `c` = the certified officers every visit needs and `M_d` all
//!   officer-minutes of the date;
//! - **certified visit slots**, where certificates are scarce (fewer than half the
//!   inspectors hold one), for every date `d`: `c·(Σ_b y[b,d] + Σ_{t alone} x[t,d]) ≤
//!   S_d`, where `S_d` sums, over the certified inspectors available on `d`, the visits
//!   one of them can make in a day (`max_visits_per_day`, at most the working day over a
//!   typical visit and its travel). This is what binds on such weeks: the ILP leaves out
//!   the lowest priorities rather than plan more visits than certified pairs can make.
//!   (Two stronger models were tried and measured no better: certified officer-minutes
//!   per day, whose relaxation is weak and slow, and a variable per certified officer
//!   and visit, which HiGHS solved too slowly on some weeks for no gain.)
//!
//! α < 1 leaves room for what the aggregate model cannot see (synchronised crews,
//! opening hours). The aggregate model is a relaxation of crews and times; the crews stage
//! does the exact work and repair catches what does not fit. The greedy dates of
//! [`super::greedy`] are the fallback (parts too large, a horizon of years, or no answer in
//! time; and, as fixed load, the tasks of a business with more than 40 of them) and are
//! given to HiGHS as its starting solution. HiGHS may repair that start where capacity
//! cuts it off, so the ILP's dates are not always as good as the greedy ones on its
//! objective; the portfolio finishes both and keeps the better plan.
//!
//! **When HiGHS fails.** Every call into HiGHS goes through the `highs` crate's
//! non-panicking calls (good_lp's own `solve` sets the warm start with a call that
//! panics when HiGHS refuses it) and returns a [`HighsError`] naming the step and HiGHS's
//! answer; a panic inside the bindings is contained too. The part then keeps its greedy
//! dates, and the solve records a [`DateFallback`] (the plan's `solver.fallback`).

use super::{greedy, Draft};
use crate::budget::Run;
use crate::context::{Context, DatePos};
#[cfg(test)]
use crate::error::Fault;
use crate::error::{DateFallback, HighsError};
use crate::ids::{BizIdx, DeptIdx, TaskIdx};
use crate::DateMethod;
use good_lp::solvers::highs::HighsProblem;
use good_lp::{constraint, variable, Expression, ProblemVariables, SolverModel, Variable};
use highs::{HighsModelStatus, HighsSolutionStatus, HighsStatus};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Branch-and-bound nodes one ILP may explore. A work limit, unlike the time limit,
/// ends the search at the same point on every machine, so the dates (and the plan) do
/// not depend on how fast the machine is; the time limit stays as a safety net.
const MAX_NODES: i32 = 2000;

/// A business with more tasks than this keeps its greedy dates (the fewest dates that
/// cover its tasks, each on its least-loaded date), and the ILP sees them as fixed load.
/// The ILP's dates are a knapsack per date and department: with hundreds of tasks at one
/// business, HiGHS spent seconds per capacity margin on cuts and branching over which
/// of them fit (issue 12, S1: 200 tasks, 9–12 s for each of four margins), for dates that
/// crews and repair then decide anyway. No business of the shipped or generated weeks
/// comes near it.
const MAX_TASKS_PER_BUSINESS: usize = 40;
/// Parts with more tasks than this keep the greedy dates.
const MAX_ILP_TASKS: usize = 6000;
/// Parts whose tasks' valid dates, squared and summed, exceed this keep the greedy dates.
/// Each task's "at most once" row is a clique over its valid dates, and HiGHS's presolve
/// works on cliques pairwise without looking at the time limit: on a horizon of years
/// (thousands of valid dates per task) it ran for minutes whatever `--time-limit` said
/// (issue 12, D3). A work limit on the model's shape, so the dates do not depend on the
/// machine: a week of a province is some 150,000, a tiny scenario over 22 years 450
/// million.
const MAX_CLIQUE_WORK: usize = 5_000_000;
/// Shares of officer-minutes the aggregate capacity may fill, tried in this order (then
/// the greedy dates alone); the portfolio keeps the best finished plan.
pub const ALPHAS: [f64; 4] = [0.8, 0.7, 0.9, 1.0];

/// Chooses dates for every schedulable task; returns the drafts and how they were chosen
/// ([`DateMethod::IlpOptimal`], [`DateMethod::IlpStopped`], or [`DateMethod::Greedy`] when
/// some part kept the greedy dates).
pub fn dates(ctx: &Context, run: &Run, alpha: f64) -> (Vec<Draft>, DateMethod) {
    let greedy = greedy::greedy(ctx);
    // Parts that share no inspector.
    let mut parts: BTreeMap<u32, Vec<Draft>> = BTreeMap::new();
    for d in greedy {
        parts
            .entry(ctx.part_of_business[d.business.index()])
            .or_default()
            .push(d);
    }
    let parts: Vec<(u32, Vec<Draft>)> = parts.into_iter().collect();
    let solved: Vec<(Vec<Draft>, DateMethod, Option<DateFallback>)> = parts
        .into_par_iter()
        .map(
            |(part, drafts)| match solve_part(ctx, part, &drafts, run, alpha) {
                Ok(Some((dates, method))) => (dates, method, None),
                Ok(None) => (drafts, DateMethod::Greedy, None),
                Err(error) => {
                    let failed = DateFallback {
                        part,
                        margin: alpha,
                        error,
                    };
                    (drafts, DateMethod::Greedy, Some(failed))
                }
            },
        )
        .collect();
    // The weakest part decides: optimal < stopped < greedy.
    let mut method = DateMethod::IlpOptimal;
    let mut out = Vec::new();
    for (drafts, m, failed) in solved {
        method = method.max(m);
        out.extend(drafts);
        if let Some(failed) = failed {
            run.fell_back(failed);
        }
    }
    (out, method)
}

/// The date ILP of one part: its dates and how they were chosen, `None` when the part
/// keeps its greedy dates by a work limit (too large, or time is short), or why HiGHS
/// gave no dates (then the part keeps its greedy dates too). A panic inside the HiGHS
/// bindings is contained here and reported as [`HighsError::Panic`].
fn solve_part(
    ctx: &Context,
    part: u32,
    greedy: &[Draft],
    run: &Run,
    alpha: f64,
) -> Result<Option<(Vec<Draft>, DateMethod)>, HighsError> {
    // A business with more tasks than a typical visit can hold keeps its greedy dates,
    // as fixed load in the model (see [`MAX_TASKS_PER_BUSINESS`]).
    let mut at_business: BTreeMap<BizIdx, usize> = BTreeMap::new();
    for d in greedy {
        *at_business.entry(d.business).or_default() += d.tasks.len();
    }
    let (fixed, open): (Vec<&Draft>, Vec<&Draft>) = greedy
        .iter()
        .partition(|d| at_business[&d.business] > MAX_TASKS_PER_BUSINESS);
    let tasks: Vec<TaskIdx> = open.iter().flat_map(|d| d.tasks.iter().copied()).collect();
    let remaining = run.deadline().remaining().as_secs_f64();
    if tasks.is_empty()
        || tasks.len() > MAX_ILP_TASKS
        || clique_work(ctx, &tasks) > MAX_CLIQUE_WORK
        || remaining < 0.5
    {
        return Ok(None);
    }
    let fixed: Vec<Draft> = fixed.into_iter().cloned().collect();
    let settings = Settings {
        seconds: (remaining * 0.6).max(0.1),
        seed: run.seed,
        #[cfg(test)]
        fault: run.fault,
    };
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ilp(ctx, part, &tasks, &fixed, greedy, &settings, alpha)
    }))
    .map_err(|panic| HighsError::Panic(panic_text(panic.as_ref())))?;
    let (mut drafts, method) = solved?;
    drafts.extend(fixed);
    Ok(Some((drafts, method)))
}

/// The message of a contained panic.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "no message".to_owned()
    }
}

/// The presolve work of the tasks' "at most once" cliques: their valid dates, squared
/// and summed (see [`MAX_CLIQUE_WORK`]).
fn clique_work(ctx: &Context, tasks: &[TaskIdx]) -> usize {
    tasks
        .iter()
        .map(|t| ctx.task_dates[t.index()].len().saturating_pow(2))
        .fold(0, usize::saturating_add)
}

/// Pairs `(a, b)` of identical tasks among `tasks` (same business, department, minutes,
/// officers, priority, joinable, valid dates, and no pinned time), `a` the earlier by
/// index, each task paired with the next identical one.
fn identical_pairs(ctx: &Context, tasks: &[TaskIdx]) -> Vec<(TaskIdx, TaskIdx)> {
    let scn = ctx.scn;
    let mut runs: BTreeMap<_, Vec<TaskIdx>> = BTreeMap::new();
    for &t in tasks {
        let task = scn.task(t);
        if task.pinned.is_some() {
            continue;
        }
        let key = (
            task.business,
            task.department,
            task.minutes,
            task.officers,
            task.priority,
            task.joinable,
            &ctx.task_dates[t.index()],
        );
        runs.entry(key).or_default().push(t);
    }
    let mut pairs: Vec<(TaskIdx, TaskIdx)> = runs
        .into_values()
        .flat_map(|mut run| {
            run.sort();
            run.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
        })
        .collect();
    pairs.sort();
    pairs
}

/// The median task minutes among `tasks` (a typical visit's work).
fn typical_minutes(ctx: &Context, tasks: &[TaskIdx]) -> f64 {
    let mut m: Vec<u32> = tasks.iter().map(|&t| ctx.scn.task(t).minutes).collect();
    m.sort_unstable();
    m.get(m.len() / 2).map_or(60.0, |&x| f64::from(x))
}

/// The date ILP of one part on HiGHS (the model of the module docs): the dates of
/// `tasks` (the part's greedy dates `warm` as the start, `fixed` as load), or why HiGHS
/// gave none. HiGHS sees the columns and rows in the order they are added here.
fn ilp(
    ctx: &Context,
    part: u32,
    tasks: &[TaskIdx],
    fixed: &[Draft],
    warm: &[Draft],
    settings: &Settings,
    alpha: f64,
) -> Result<(Vec<Draft>, DateMethod), HighsError> {
    let (vars, cols) = Columns::new(ctx, tasks);
    let weight = tasks.len() as f64 + 1.0;
    let mut model = vars
        .minimise(cols.objective(ctx, weight))
        .using(good_lp::solvers::highs::highs);
    cols.task_rows(ctx, tasks, &mut model);
    cols.business_rows(ctx, &mut model);
    let consts = Constants::new(ctx, part);
    let (dept_load, date_load) = cols.loads(ctx, fixed, &consts);
    if consts.cert_need > 0.0 && ctx.certified_scarce {
        cols.certified_slot_rows(ctx, part, tasks, fixed, &consts, &mut model);
    }
    capacity_rows(
        ctx,
        part,
        (dept_load, date_load),
        (alpha, consts.day_minutes),
        &mut model,
    );
    let (values, status) = solve_model(model, &cols.warm_start(warm), settings)?;
    Ok((cols.drafts(ctx, &values), status))
}

/// What the capacity rows of a part are made of: the working day, the travel estimate
/// per task, the visit overhead, and the certified officers a visit needs.
struct Constants {
    /// Minutes of an inspector's working day.
    day_minutes: f64,
    /// Travel minutes estimated per task (τ of the module docs).
    tau: f64,
    /// A visit's overhead minutes.
    overhead: f64,
    /// Officers every visit takes at least (`min_certified_per_visit`, at least 1).
    crew_min: f64,
    /// Certified officers every visit needs (`min_certified_per_visit`, c).
    cert_need: f64,
}

impl Constants {
    fn new(ctx: &Context, part: u32) -> Constants {
        let scn = ctx.scn;
        let hours = scn.horizon.hours;
        Constants {
            day_minutes: (hours.end.0 - hours.start.0) as f64,
            tau: travel_estimate(ctx, part),
            overhead: scn.rules.visit_overhead_minutes as f64,
            crew_min: scn.rules.min_certified_per_visit.max(1) as f64,
            cert_need: scn.rules.min_certified_per_visit as f64,
        }
    }
}

/// The columns of a part's model: `x[t,d]` and `y[b,d]` of the module docs, and each
/// variable's column in HiGHS (numbered in the order variables are added).
struct Columns {
    /// Task `t` on date `d`, for its valid dates.
    x: BTreeMap<(TaskIdx, DatePos), Variable>,
    /// A joint visit at business `b` on date `d`.
    y: BTreeMap<(BizIdx, DatePos), Variable>,
    /// Each variable's column.
    columns: HashMap<Variable, usize>,
    /// How many columns.
    count: usize,
}

impl Columns {
    /// The variables of `tasks`: per task and valid date its `x`, then the business's
    /// `y` for that date the first time a joinable task needs it.
    fn new(ctx: &Context, tasks: &[TaskIdx]) -> (ProblemVariables, Columns) {
        let scn = ctx.scn;
        let mut vars = ProblemVariables::new();
        let mut columns: HashMap<Variable, usize> = HashMap::new();
        let mut binary = |vars: &mut ProblemVariables| {
            let column = vars.len();
            let v = vars.add(variable().binary());
            columns.insert(v, column);
            v
        };
        let mut x: BTreeMap<(TaskIdx, DatePos), Variable> = BTreeMap::new();
        let mut y: BTreeMap<(BizIdx, DatePos), Variable> = BTreeMap::new();
        for &t in tasks {
            let b = scn.task(t).business;
            for &d in &ctx.task_dates[t.index()] {
                x.insert((t, d), binary(&mut vars));
                if scn.task(t).joinable {
                    y.entry((b, d)).or_insert_with(|| binary(&mut vars));
                }
            }
        }
        let count = vars.len();
        (
            vars,
            Columns {
                x,
                y,
                columns,
                count,
            },
        )
    }

    /// Priority left out first (each task's `x` earns `weight` × its priority), then
    /// entries: a `y` each, and a visit alone for each task that is not joinable.
    fn objective(&self, ctx: &Context, weight: f64) -> Expression {
        let mut objective = Expression::from(0.0);
        for (&(t, _), &v) in &self.x {
            let task = ctx.scn.task(t);
            let alone = if task.joinable { 0.0 } else { 1.0 };
            objective += (alone - weight * task.priority as f64) * v;
        }
        for &v in self.y.values() {
            objective += v;
        }
        objective
    }

    /// Each task at most once; a joinable task needs its business's visit that date;
    /// identical tasks in index order.
    fn task_rows(&self, ctx: &Context, tasks: &[TaskIdx], model: &mut HighsProblem) {
        let scn = ctx.scn;
        let x = &self.x;
        for &t in tasks {
            let once: Expression = ctx.task_dates[t.index()].iter().map(|&d| x[&(t, d)]).sum();
            model.add_constraint(constraint!(once <= 1.0));
            if scn.task(t).joinable {
                let b = scn.task(t).business;
                for &d in &ctx.task_dates[t.index()] {
                    model.add_constraint(constraint!(x[&(t, d)] <= self.y[&(b, d)]));
                }
            }
        }
        // Identical tasks are interchangeable: the earlier (by index) is scheduled
        // whenever a later one is. Without this, a business with hundreds of like tasks
        // gave HiGHS as many equivalent subsets to branch over (issue 12, S1).
        for (a, b) in identical_pairs(ctx, tasks) {
            let dates = &ctx.task_dates[a.index()];
            let first: Expression = dates.iter().map(|&d| x[&(a, d)]).sum();
            let second: Expression = dates.iter().map(|&d| x[&(b, d)]).sum();
            model.add_constraint(constraint!(second <= first));
        }
    }

    /// Each business's `max_visits`: its joint visits and its tasks alone.
    fn business_rows(&self, ctx: &Context, model: &mut HighsProblem) {
        let scn = ctx.scn;
        let mut per_business: BTreeMap<BizIdx, Expression> = BTreeMap::new();
        for (&(b, _), &v) in &self.y {
            *per_business.entry(b).or_default() += v;
        }
        for (&(t, _), &v) in &self.x {
            if !scn.task(t).joinable {
                *per_business.entry(scn.task(t).business).or_default() += v;
            }
        }
        for (b, e) in per_business {
            if let Some(m) = scn.business(b).max_visits {
                model.add_constraint(constraint!(e <= m as f64));
            }
        }
    }

    /// The officer-minutes asked of each (department index, date) and of each date, the
    /// fixed drafts' included.
    fn loads(
        &self,
        ctx: &Context,
        fixed: &[Draft],
        consts: &Constants,
    ) -> (BTreeMap<(usize, DatePos), Expression>, Vec<Expression>) {
        let scn = ctx.scn;
        let (tau, visit) = (consts.tau, consts.crew_min * (consts.overhead + consts.tau));
        let mut dept_load: BTreeMap<(usize, DatePos), Expression> = BTreeMap::new();
        let mut date_load: Vec<Expression> = vec![Expression::from(0.0); ctx.dates.len()];
        for (&(t, d), &v) in &self.x {
            let task = scn.task(t);
            let officers = task.officers.max(1) as f64;
            *dept_load.entry((task.department.index(), d)).or_default() +=
                officers * (task.minutes as f64 + tau) * v;
            date_load[d] += officers * task.minutes as f64 * v;
            if !task.joinable {
                date_load[d] += visit * v;
            }
        }
        for (&(_, d), &v) in &self.y {
            date_load[d] += visit * v;
        }
        for draft in fixed {
            let d = draft.date;
            for &t in &draft.tasks {
                let task = scn.task(t);
                let officers = task.officers.max(1) as f64;
                *dept_load.entry((task.department.index(), d)).or_default() +=
                    officers * (task.minutes as f64 + tau);
                date_load[d] += officers * task.minutes as f64;
            }
            date_load[d] += visit;
        }
        (dept_load, date_load)
    }

    /// Certified visit slots per date (where certificates are scarce): the certified
    /// officers the visits of a date need, at most the visits the certified officers
    /// available can make in a day.
    fn certified_slot_rows(
        &self,
        ctx: &Context,
        part: u32,
        tasks: &[TaskIdx],
        fixed: &[Draft],
        consts: &Constants,
        model: &mut HighsProblem,
    ) {
        let scn = ctx.scn;
        let cert_need = consts.cert_need;
        // Visits one officer can make in a day: the working day over a typical visit.
        let per_day = (consts.day_minutes
            / (consts.overhead + consts.tau + typical_minutes(ctx, tasks)))
        .max(1.0);
        let certified: Vec<crate::ids::InspIdx> = scn
            .inspector_indices()
            .filter(|&i| ctx.part_of_inspector[i.index()] == part && scn.inspector(i).certified)
            .collect();
        let mut load: Vec<Expression> = vec![Expression::from(0.0); ctx.dates.len()];
        for (&(t, d), &v) in &self.x {
            if !scn.task(t).joinable {
                load[d] += cert_need * v;
            }
        }
        for (&(_, d), &v) in &self.y {
            load[d] += cert_need * v;
        }
        for draft in fixed {
            load[draft.date] += cert_need;
        }
        for (d, e) in load.into_iter().enumerate() {
            let slots: f64 = certified
                .iter()
                .map(|&i| scn.inspector(i))
                .filter(|i| i.available_on(ctx.dates[d]))
                .map(|i| {
                    i.max_visits_per_day
                        .map_or(per_day, |m| (m as f64).min(per_day))
                })
                .sum();
            model.add_constraint(constraint!(e <= slots));
        }
    }

    /// The start HiGHS is given: the greedy dates `warm` (HiGHS repairs it where
    /// capacity cuts it off).
    fn warm_start(&self, warm: &[Draft]) -> Vec<f64> {
        let mut start = vec![0.0; self.count];
        for draft in warm {
            for &t in &draft.tasks {
                let vars = [
                    self.x.get(&(t, draft.date)),
                    self.y.get(&(draft.business, draft.date)),
                ];
                for v in vars.into_iter().flatten() {
                    start[self.columns[v]] = 1.0;
                }
            }
        }
        start
    }

    /// The drafts of a solution (`values`, one per column): the joinable tasks of one
    /// business and date form one draft, every other task its own.
    fn drafts(&self, ctx: &Context, values: &[f64]) -> Vec<Draft> {
        let mut drafts: BTreeMap<(BizIdx, DatePos, bool, TaskIdx), Vec<TaskIdx>> = BTreeMap::new();
        for (&(t, d), v) in &self.x {
            if values
                .get(self.columns[v])
                .is_some_and(|&value| value > 0.5)
            {
                let task = ctx.scn.task(t);
                let key = if task.joinable {
                    (task.business, d, true, TaskIdx(0))
                } else {
                    (task.business, d, false, t)
                };
                drafts.entry(key).or_default().push(t);
            }
        }
        drafts
            .into_iter()
            .map(|((b, d, _, _), tasks)| Draft {
                business: b,
                date: d,
                tasks,
            })
            .collect()
    }
}

/// Capacity rows: each department's load on a date at most α working days per
/// inspector of the part able to act for it and available then; each date's load at
/// most α working days per inspector of the part available then.
fn capacity_rows(
    ctx: &Context,
    part: u32,
    (dept_load, date_load): (BTreeMap<(usize, DatePos), Expression>, Vec<Expression>),
    (alpha, day_minutes): (f64, f64),
    model: &mut HighsProblem,
) {
    let scn = ctx.scn;
    for ((k, d), e) in dept_load {
        let date = ctx.dates[d];
        let able = ctx
            .facts
            .able(DeptIdx::new(k))
            .iter()
            .filter(|&&i| {
                ctx.part_of_inspector[i.index()] == part && scn.inspector(i).available_on(date)
            })
            .count();
        model.add_constraint(constraint!(e <= alpha * able as f64 * day_minutes));
    }
    let inspectors: Vec<_> = scn
        .inspector_indices()
        .filter(|&i| ctx.part_of_inspector[i.index()] == part)
        .collect();
    for (d, e) in date_load.into_iter().enumerate() {
        let date = ctx.dates[d];
        let avail = inspectors
            .iter()
            .filter(|&&i| scn.inspector(i).available_on(date))
            .count();
        model.add_constraint(constraint!(e <= alpha * avail as f64 * day_minutes));
    }
}

/// How HiGHS runs on one part: one thread (the answer must not depend on the machine),
/// the time left, the seed, an exact gap and the node limit [`MAX_NODES`].
struct Settings {
    /// HiGHS's own time limit, in seconds.
    seconds: f64,
    /// The solve's seed (HiGHS's `random_seed`).
    seed: u64,
    /// A failure to force, for the tests of every failure path.
    #[cfg(test)]
    fault: Option<Fault>,
}

/// Solves the date ILP on HiGHS from the warm start `start` (one value per column):
/// the value of every column and how the solve ended, or what failed. Uses the `highs`
/// crate's non-panicking calls (good_lp's own `solve` sets the warm start with
/// `set_solution`, which panics when HiGHS refuses it).
fn solve_model(
    model: HighsProblem,
    start: &[f64],
    settings: &Settings,
) -> Result<(Vec<f64>, DateMethod), HighsError> {
    let cause = |status: HighsStatus| format!("{status:?}");
    #[cfg(test)]
    let fault = settings.fault;
    #[cfg(test)]
    let model = match fault {
        Some(Fault::Status) => model.with(constraint!(Expression::from(0.0) >= 1.0)),
        Some(Fault::Panic) => panic!("HiGHS error: Error (a test's fault)"),
        _ => model,
    };
    let highs = model.try_into_inner();
    #[cfg(test)]
    let highs = match fault {
        Some(Fault::Model) => Err(good_lp::ResolutionError::Other("a test's fault")),
        _ => highs,
    };
    let mut highs = highs.map_err(|e| HighsError::Model(e.to_string()))?;
    let options: [(&'static str, OptionValue); 5] = [
        ("threads", OptionValue::Int(1)),
        ("time_limit", OptionValue::Float(settings.seconds)),
        (
            "random_seed",
            OptionValue::Int((settings.seed % i32::MAX as u64) as i32),
        ),
        ("mip_rel_gap", OptionValue::Float(0.0)),
        ("mip_max_nodes", OptionValue::Int(MAX_NODES)),
    ];
    for (name, value) in options {
        #[cfg(test)]
        let name = if fault == Some(Fault::Option) && name == "mip_max_nodes" {
            "onedoor_no_such_option"
        } else {
            name
        };
        let set = match value {
            OptionValue::Int(v) => highs.try_set_option(name, v),
            OptionValue::Float(v) => highs.try_set_option(name, v),
        };
        set.map_err(|e| HighsError::Option {
            name,
            cause: e.to_string(),
        })?;
    }
    #[cfg(test)]
    let longer: Vec<f64>;
    #[cfg(test)]
    let start = if fault == Some(Fault::WarmStart) {
        longer = start.iter().copied().chain([0.0]).collect();
        &longer[..]
    } else {
        start
    };
    highs
        .try_set_solution(Some(start), None, None, None)
        .map_err(|e| HighsError::WarmStart(cause(e)))?;
    let solved = highs.try_solve();
    #[cfg(test)]
    let solved = match fault {
        Some(Fault::Run) => Err(HighsStatus::Error),
        _ => solved,
    };
    let solved = solved.map_err(|e| HighsError::Run(cause(e)))?;
    let status = match solved.status() {
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedMemoryLimit => DateMethod::IlpStopped,
        HighsModelStatus::Optimal
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => {
            let gap = solved.mip_gap();
            if gap.is_finite() && gap > 0.0 {
                DateMethod::IlpStopped
            } else {
                DateMethod::IlpOptimal
            }
        }
        other => return Err(HighsError::Status(format!("{other:?}"))),
    };
    let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    #[cfg(test)]
    let feasible = feasible && fault != Some(Fault::NoSolution);
    if !feasible {
        return Err(HighsError::NoSolution);
    }
    Ok((solved.get_solution().columns().to_vec(), status))
}

/// An option value HiGHS takes.
#[derive(Clone, Copy)]
enum OptionValue {
    /// An integer option.
    Int(i32),
    /// A real option.
    Float(f64),
}

/// Minutes of travel to expect per task in a part: the median, over its businesses, of
/// the trip from the nearest inspector base, halved (a crew chains several visits).
fn travel_estimate(ctx: &Context, part: u32) -> f64 {
    let scn = ctx.scn;
    let mut bases: Vec<_> = scn
        .inspector_indices()
        .filter(|i| ctx.part_of_inspector[i.index()] == part)
        .map(|i| scn.inspector(i).base)
        .collect();
    bases.sort();
    bases.dedup();
    let mut trips: Vec<u32> = (0..scn.businesses.len())
        .filter(|&b| ctx.part_of_business[b] == part)
        .map(|b| scn.node_of_business(BizIdx::new(b)))
        .filter_map(|n| {
            bases
                .iter()
                .filter_map(|&base| ctx.travel.minutes(base, n))
                .min()
        })
        .collect();
    if trips.is_empty() {
        return 0.0;
    }
    trips.sort_unstable();
    trips[trips.len() / 2] as f64 / 2.0
}
