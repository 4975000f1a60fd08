//! The exact model: a MILP of the whole planning problem (SPEC rules C2–C11), solved to
//! proven optimality by HiGHS, for small weeks only. [`solve`] maximises the scheduled
//! priority (objective level 1, "unscheduled_priority"); [`least_visits`] minimises the
//! visits (level 2) under a floor on level 1; the later levels are not optimised.
//!
//! **Slots.** For every business `b` and working date `δ`, slots `s = (b, δ, k)` for
//! `k < min(tasks at b valid on δ, max_visits(b))`: a plan never holds more visits at
//! one business on one date than tasks valid there (each visit holds a task), nor more
//! than the business's limit. Slots of one (b, δ) are interchangeable, so they are used in
//! order (`u[b,δ,k] ≥ u[b,δ,k+1]`) and start in order (`st[b,δ,k] ≤ st[b,δ,k+1]`): any
//! plan maps onto that by sorting its visits at (b, δ) by start and putting the unused
//! slots at the window's end with zero length.
//!
//! **Variables.** `a[t,s]` task `t` in slot `s` (only where `δ` is a valid date of `t`,
//! C3, and a pinned start lies inside the visit window, C4); `u[s]` slot used;
//! `p[s,d]` department `d` present; `st[s]`, `en[s]` integer minutes inside the visit
//! window (horizon hours ∩ open hours, C4); `x[i,s,d]` inspector `i` acts for `d` in `s`,
//! created only for inspectors who may act for `d` (C6), are available on `δ` and not
//! recused from `b` (C7), and whose base has a path to `b` and back leaving room for a
//! visit inside the working day (C8) — an `x` outside these sets could never be 1 in a
//! valid plan, so dropping it loses nothing; `o[s,q]` for two slots of one date at
//! different businesses that some inspector could both crew: `s` starts before `q`.
//!
//! **Constraints.** Each task at most once; `a ≤ u ≤ Σ a`; `a[t,s] ≤ p[s,d(t)] ≤ Σ_{t of
//! d} a` (present exactly when a task of `d` is in); C10: a non-joinable task excludes
//! every other task of its slot; C11: incompatible departments not both present, at most
//! `max_departments_per_visit` present; C5: `en − st ≥ overhead·u + Σ_{t of d} minutes·a`
//! for every `d`, `en − st ≥ u` (start < end), `en − st ≤ max_visit_minutes`; C4 pinned
//! start: `st = start` when `a = 1` (big-M); C6: one role per inspector and slot
//! (`y[i,s] = Σ_d x[i,s,d] ≤ 1`), `x ≤ p`, `Σ_i x[i,s,d(t)] ≥ officers_t·a[t,s]`,
//! `Σ_{i certified} y[i,s] ≥ min_certified·u[s]`; C8: `st ≥ hours.start +
//! travel(base, b)·y`, `en + travel(b, base)·y ≤ hours.end`, for two slots `s`, `q` of
//! one date both crewed by `i`: `st[q] ≥ en[s] + travel(s, q)` if `o[s,q] = 1`, else
//! `st[s] ≥ en[q] + travel(q, s)` (big-M with the tightest M from the windows; a
//! direction with no path is forbidden outright; slots of one (b, δ) are ordered by `k`),
//! `Σ_{s on δ} y[i,s] ≤ max_visits_per_day`; C9: `Σ_{s at b} u[s] ≤ max_visits`.
//!
//! C8 in the file is stated for *consecutive* visits and for the first and the last
//! visit only; the model states it for every pair and every visit. The two agree when
//! travel obeys the triangle inequality (shortest paths do), which [`solve`] asserts on
//! the nodes of the instance.

use chrono::NaiveDate;
use good_lp::{
    constraint, variable, Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable,
};
use onedoor_core::ids::{BizIdx, DeptIdx, InspIdx, NodeIdx, TaskIdx};
use onedoor_core::plan::{CrewEntry, Plan, Reason, Unscheduled, Visit};
use onedoor_core::scenario::time::{Clock, Hours};
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::Instant;

/// HiGHS stops when the incumbent is within this of the bound. The objective (a sum of
/// integer priorities) is integral, so a gap below 1 proves the incumbent optimal.
const ABS_GAP: f64 = 0.5;

/// What the exact model found.
pub struct Exact {
    /// The optimal plan (stats filled in).
    pub plan: Plan,
    /// Its unscheduled priority, the proven optimum.
    pub unscheduled_priority: u64,
    /// Seconds HiGHS took, model building included.
    pub seconds: f64,
    /// Columns and rows of the model.
    pub size: (usize, usize),
}

/// One possible visit: business, date, position among the slots of that (business, date).
struct Slot {
    business: BizIdx,
    date: usize,
    k: usize,
    window: Hours,
    /// The tasks that may go in (valid on the date, pinned start inside the window).
    tasks: Vec<TaskIdx>,
    /// Departments of those tasks.
    depts: Vec<DeptIdx>,
}

/// The model built for a scenario: its rows and objective, and where its variables are.
struct Model {
    vars: ProblemVariables,
    rows: Vec<Constraint>,
    /// Priority scheduled (to maximise).
    scheduled: Expression,
    at: Layout,
}

/// The slots of a model and its variables by meaning (the names of the module docs).
struct Layout {
    dates: Vec<NaiveDate>,
    slots: Vec<Slot>,
    a: Vec<BTreeMap<TaskIdx, Variable>>,
    u: Vec<Variable>,
    st: Vec<Variable>,
    en: Vec<Variable>,
    x: Vec<BTreeMap<(InspIdx, DeptIdx), Variable>>,
}

/// Solves the exact model of `scn` and returns its optimal plan. Panics when HiGHS does not
/// prove optimality within `time_limit` seconds.
pub fn solve(scn: &Scenario, travel: &TravelGraph, time_limit: f64) -> Exact {
    let clock = Instant::now();
    let model = build(scn, travel);
    let size = (model.vars.len(), model.rows.len());
    let (values, _) = run(scn, model.vars, model.rows, &model.scheduled, time_limit);
    let plan = plan_of(scn, travel, &model.at, |v| values.value(v));
    let unscheduled_priority =
        onedoor_core::figures::plan_stats(scn, travel, &plan).unscheduled_priority;
    Exact {
        plan,
        unscheduled_priority,
        seconds: clock.elapsed().as_secs_f64(),
        size,
    }
}

/// The fewest visits of any valid plan of `scn` that schedules at least `priority`
/// (objective level 2 under a floor on level 1), and such a plan: the model with
/// `scheduled ≥ priority` added, minimising the used slots. Panics when HiGHS does not
/// prove optimality within `time_limit` seconds, or when no plan schedules that much.
pub fn least_visits(
    scn: &Scenario,
    travel: &TravelGraph,
    priority: u64,
    time_limit: f64,
) -> (u64, Plan) {
    let Model {
        vars,
        mut rows,
        scheduled,
        at: m,
    } = build(scn, travel);
    // Priorities are whole numbers: "at least `priority`" is "more than `priority` − ½".
    rows.push(constraint!(scheduled >= priority as f64 - 0.5));
    let used: Expression = m.u.iter().copied().sum();
    let (values, value) = run(scn, vars, rows, &(-used), time_limit);
    let plan = plan_of(scn, travel, &m, |v| values.value(v));
    let visits = plan.visits.len() as u64;
    assert!(
        (value + visits as f64).abs() < 0.5,
        "{}: the model counts {} used slots, its plan has {visits} visits",
        scn.name,
        -value
    );
    (visits, plan)
}

/// Asserts the exact model admits `plan` (a valid plan of `scn`, such as onedoor's): with
/// every variable but the order ones fixed to the plan, the model is feasible. This guards
/// against a model stricter than the rules, which would make its "optimum" too high.
pub fn assert_admits(scn: &Scenario, travel: &TravelGraph, plan: &Plan, time_limit: f64) {
    let Model {
        vars,
        mut rows,
        scheduled,
        at: m,
    } = build(scn, travel);
    let mut fixed = HashSet::new();
    let mut groups: BTreeMap<(BizIdx, usize), Vec<&Visit>> = BTreeMap::new();
    for v in &plan.visits {
        let b = scn.index.businesses[&v.business];
        let date = m
            .dates
            .iter()
            .position(|&d| d == v.date)
            .expect("visits are on working dates");
        groups.entry((b, date)).or_default().push(v);
    }
    for ((b, date), mut visits) in groups {
        visits.sort_by_key(|v| (v.start, v.end));
        for (k, v) in visits.into_iter().enumerate() {
            let si = m
                .slots
                .iter()
                .position(|s| s.business == b && s.date == date && s.k == k)
                .unwrap_or_else(|| panic!("{}: no slot for visit {}", scn.name, v.id));
            let mut fix = |var: Variable, value: f64| {
                fixed.insert(var);
                rows.push(constraint!(var == value));
            };
            fix(m.u[si], 1.0);
            fix(m.st[si], f64::from(v.start.minutes()));
            fix(m.en[si], f64::from(v.end.minutes()));
            for id in &v.tasks {
                let t = scn.index.tasks[id];
                let var = *m.a[si]
                    .get(&t)
                    .unwrap_or_else(|| panic!("{}: slot of {} cannot hold {id}", scn.name, v.id));
                fix(var, 1.0);
            }
            for c in &v.crew {
                let key = (
                    scn.index.inspectors[&c.inspector],
                    scn.index.departments[&c.department],
                );
                let var = *m.x[si].get(&key).unwrap_or_else(|| {
                    panic!(
                        "{}: no variable for {} acting for {} in {}",
                        scn.name, c.inspector, c.department, v.id
                    )
                });
                fix(var, 1.0);
            }
        }
    }
    let rest: Vec<Variable> = (0..m.slots.len())
        .flat_map(|si| {
            let a = m.a[si].values().copied();
            let x = m.x[si].values().copied();
            a.chain(x).chain([m.u[si]]).collect::<Vec<_>>()
        })
        .filter(|v| !fixed.contains(v))
        .collect();
    for var in rest {
        rows.push(constraint!(var == 0));
    }
    let want = plan_priority(scn, plan);
    let (_, got) = run(scn, vars, rows, &scheduled, time_limit);
    assert!(
        (got - want as f64).abs() < 0.5,
        "{}: the model values the plan at {got}, its scheduled priority is {want}",
        scn.name
    );
}

/// Priority of the tasks `plan` schedules.
fn plan_priority(scn: &Scenario, plan: &Plan) -> u64 {
    plan.visits
        .iter()
        .flat_map(|v| &v.tasks)
        .map(|id| u64::from(scn.task(scn.index.tasks[id]).priority))
        .sum()
}

/// Builds the model of the module docs.
fn build(scn: &Scenario, travel: &TravelGraph) -> Model {
    let dates: Vec<NaiveDate> = scn.horizon.working_dates();
    let hours = scn.horizon.hours;
    let slots = slots(scn, &dates);
    assert_triangle(scn, travel, &slots);

    let mut vars = ProblemVariables::new();
    let mut rows: Vec<Constraint> = Vec::new();
    let a: Vec<BTreeMap<TaskIdx, Variable>> = slots
        .iter()
        .map(|s| {
            s.tasks
                .iter()
                .map(|&t| (t, vars.add(variable().binary())))
                .collect()
        })
        .collect();
    let u: Vec<Variable> = slots
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let p: Vec<BTreeMap<DeptIdx, Variable>> = slots
        .iter()
        .map(|s| {
            s.depts
                .iter()
                .map(|&d| (d, vars.add(variable().binary())))
                .collect()
        })
        .collect();
    let st: Vec<Variable> = slots
        .iter()
        .map(|s| vars.add(window_var(s.window)))
        .collect();
    let en: Vec<Variable> = slots
        .iter()
        .map(|s| vars.add(window_var(s.window)))
        .collect();
    // x[s][(i, d)], and the travel legs base → b and b → base of every (i, s) with an x.
    let mut x: Vec<BTreeMap<(InspIdx, DeptIdx), Variable>> = Vec::new();
    let mut legs: Vec<BTreeMap<InspIdx, (u32, u32)>> = Vec::new();
    for s in &slots {
        let mut xs = BTreeMap::new();
        let mut ls = BTreeMap::new();
        for i in scn.inspector_indices() {
            let Some(leg) = can_crew(scn, travel, i, s, dates[s.date]) else {
                continue;
            };
            let insp = scn.inspector(i);
            for &d in s.depts.iter().filter(|&&d| insp.may_act_for(d)) {
                xs.insert((i, d), vars.add(variable().binary()));
                ls.insert(i, leg);
            }
        }
        x.push(xs);
        legs.push(ls);
    }
    let y = |s: usize, i: InspIdx| -> Expression {
        x[s].iter()
            .filter(|((j, _), _)| *j == i)
            .map(|(_, &v)| Expression::from(v))
            .sum()
    };
    // Each task at most once; the objective: priority scheduled.
    let mut in_slots: BTreeMap<TaskIdx, Vec<Variable>> = BTreeMap::new();
    for at in &a {
        for (&t, &v) in at {
            in_slots.entry(t).or_default().push(v);
        }
    }
    let mut scheduled = Expression::from(0.0);
    for (&t, list) in &in_slots {
        let once: Expression = list.iter().copied().map(Expression::from).sum();
        rows.push(constraint!(once <= 1));
        for &v in list {
            scheduled += f64::from(scn.task(t).priority) * v;
        }
    }

    for (si, s) in slots.iter().enumerate() {
        let all: Expression = a[si].values().copied().map(Expression::from).sum();
        rows.push(constraint!(u[si] <= all.clone()));
        let n = s.tasks.len() as f64;
        for (&t, &v) in &a[si] {
            let task = scn.task(t);
            rows.push(constraint!(v <= u[si]));
            rows.push(constraint!(v <= p[si][&task.department]));
            // C10: alone.
            if !task.joinable && s.tasks.len() > 1 {
                rows.push(constraint!(all.clone() - v <= (n - 1.0) * (1 - v)));
            }
            // C4: pinned start (the window holds it, see `slots`).
            if let Some(at) = task.pinned.and_then(|p| p.start) {
                let at = f64::from(at.minutes());
                let m = f64::from(s.window.end.minutes() - s.window.start.minutes());
                rows.push(constraint!(st[si] >= at - m * (1 - v)));
                rows.push(constraint!(st[si] <= at + m * (1 - v)));
            }
        }
        let length = Expression::from(en[si]) - st[si];
        rows.push(constraint!(length.clone() >= u[si]));
        if let Some(max) = scn.rules.max_visit_minutes {
            rows.push(constraint!(length.clone() <= max));
        }
        let overhead = f64::from(scn.rules.visit_overhead_minutes);
        for &d in &s.depts {
            let of_d: Vec<(TaskIdx, Variable)> = a[si]
                .iter()
                .filter(|(t, _)| scn.task(**t).department == d)
                .map(|(&t, &v)| (t, v))
                .collect();
            let any: Expression = of_d.iter().map(|&(_, v)| Expression::from(v)).sum();
            rows.push(constraint!(p[si][&d] <= any));
            // C5.
            let work: Expression = of_d
                .iter()
                .map(|&(t, v)| f64::from(scn.task(t).minutes) * v)
                .sum();
            rows.push(constraint!(length.clone() >= overhead * u[si] + work));
            // C6: officers per department.
            let acting: Expression = x[si]
                .iter()
                .filter(|((_, e), _)| *e == d)
                .map(|(_, &v)| Expression::from(v))
                .sum();
            for &(t, v) in &of_d {
                rows.push(constraint!(
                    acting.clone() >= f64::from(scn.task(t).officers) * v
                ));
            }
        }
        // C11.
        for (j, &d1) in s.depts.iter().enumerate() {
            for &d2 in &s.depts[j + 1..] {
                if !scn.rules.compatible(d1, d2) {
                    rows.push(constraint!(p[si][&d1] + p[si][&d2] <= 1));
                }
            }
        }
        if let Some(max) = scn.rules.max_departments_per_visit {
            let present: Expression = p[si].values().copied().map(Expression::from).sum();
            rows.push(constraint!(present <= max));
        }
        // C6: roles, departments present, certified members.
        let mut certified = Expression::from(0.0);
        for (&(i, d), &v) in &x[si] {
            rows.push(constraint!(v <= p[si][&d]));
            if scn.inspector(i).certified {
                certified += v;
            }
        }
        let min_certified = f64::from(scn.rules.min_certified_per_visit);
        rows.push(constraint!(certified >= min_certified * u[si]));
        for (&i, &(to, back)) in &legs[si] {
            let yi = y(si, i);
            rows.push(constraint!(yi.clone() <= 1));
            // C8: from base, back to base.
            let day_start = f64::from(hours.start.minutes());
            let day_end = f64::from(hours.end.minutes());
            rows.push(constraint!(
                st[si] - f64::from(to) * yi.clone() >= day_start
            ));
            rows.push(constraint!(en[si] + f64::from(back) * yi <= day_end));
        }
        // Symmetry of the slots of one (b, δ).
        if si + 1 < slots.len() && same_place(s, &slots[si + 1]) {
            rows.push(constraint!(u[si] >= u[si + 1]));
            rows.push(constraint!(st[si] <= st[si + 1]));
        }
    }

    // C8: two slots of one date crewed by one inspector, in either order.
    for si in 0..slots.len() {
        for qi in si + 1..slots.len() {
            let (s, q) = (&slots[si], &slots[qi]);
            if s.date != q.date {
                continue;
            }
            let shared: Vec<InspIdx> = legs[si]
                .keys()
                .filter(|i| legs[qi].contains_key(i))
                .copied()
                .collect();
            if shared.is_empty() {
                continue;
            }
            let sq = leg(scn, travel, s.business, q.business);
            let qs = leg(scn, travel, q.business, s.business);
            // `first` = 1: s before q. Slots of one (b, δ) are in start order already.
            let first: Expression = if same_place(s, q) {
                Expression::from(1.0)
            } else {
                Expression::from(vars.add(variable().binary()))
            };
            for i in shared {
                let both = y(si, i) + y(qi, i);
                match sq {
                    Some(m) => {
                        let big = f64::from(s.window.end.minutes()) + f64::from(m)
                            - f64::from(q.window.start.minutes());
                        if big > 0.0 {
                            rows.push(constraint!(
                                st[qi]
                                    >= en[si] + f64::from(m)
                                        - big * (3 - both.clone() - first.clone())
                            ));
                        }
                    }
                    None => rows.push(constraint!(both.clone() + first.clone() <= 2)),
                }
                match qs {
                    Some(m) => {
                        let big = f64::from(q.window.end.minutes()) + f64::from(m)
                            - f64::from(s.window.start.minutes());
                        if big > 0.0 {
                            rows.push(constraint!(
                                st[si]
                                    >= en[qi] + f64::from(m)
                                        - big * (2 - both.clone() + first.clone())
                            ));
                        }
                    }
                    None => rows.push(constraint!(both + 1 - first.clone() <= 2)),
                }
            }
        }
    }
    // C8: visits per day.
    for i in scn.inspector_indices() {
        let Some(max) = scn.inspector(i).max_visits_per_day else {
            continue;
        };
        for date in 0..dates.len() {
            let day: Expression = (0..slots.len())
                .filter(|&si| slots[si].date == date && legs[si].contains_key(&i))
                .map(|si| y(si, i))
                .sum();
            rows.push(constraint!(day <= max));
        }
    }
    // C9.
    for b in 0..scn.businesses.len() {
        let Some(max) = scn.businesses[b].max_visits else {
            continue;
        };
        let at: Expression = (0..slots.len())
            .filter(|&si| slots[si].business.index() == b)
            .map(|si| Expression::from(u[si]))
            .sum();
        rows.push(constraint!(at <= max));
    }

    Model {
        vars,
        rows,
        scheduled,
        at: Layout {
            dates,
            slots,
            a,
            u,
            st,
            en,
            x,
        },
    }
}

/// Solves `rows` maximising `objective` to proven optimality; the solution and its
/// objective value.
fn run(
    scn: &Scenario,
    vars: ProblemVariables,
    rows: Vec<Constraint>,
    objective: &Expression,
    time_limit: f64,
) -> (impl Solution, f64) {
    // HiGHS refuses a model with no columns ("ModelEmpty"), which a week where no task
    // fits any slot gives: a column fixed at 0 keeps it non-empty.
    let mut vars = vars;
    let pad = vars.add(variable().min(0).max(0));
    let mut model = vars
        .maximise(objective.clone() + pad)
        .using(good_lp::solvers::highs::highs)
        .set_threads(1)
        .set_time_limit(time_limit)
        .set_option("random_seed", 0)
        .set_option("mip_rel_gap", 0.0)
        .set_option("mip_abs_gap", ABS_GAP);
    model.set_verbose(false);
    for row in rows {
        model = model.with(row);
    }
    let solution = model
        .solve()
        .unwrap_or_else(|e| panic!("{}: the exact model has no solution: {e}", scn.name));
    // good_lp reports HiGHS's "optimal" as `GapLimit` when the final gap is not exactly
    // zero; with the gaps set above that gap is below one, and the objective is integral,
    // so both mean proven optimal. A time limit reads `TimeLimit`.
    assert!(
        matches!(
            solution.status(),
            good_lp::SolutionStatus::Optimal | good_lp::SolutionStatus::GapLimit
        ),
        "{}: HiGHS did not prove optimality in {time_limit} s ({:?})",
        scn.name,
        solution.status()
    );
    let value = objective.eval_with(&solution);
    (solution, value)
}

/// The plan of a solution (`value` reads a variable): used slots become visits (sorted
/// by date, start and business, numbered V0001…), the other tasks are left out, the
/// figures are recomputed.
fn plan_of(
    scn: &Scenario,
    travel: &TravelGraph,
    m: &Layout,
    value: impl Fn(Variable) -> f64,
) -> Plan {
    let on = |v: Variable| value(v) > 0.5;
    let minute = |v: Variable| {
        let m = value(v);
        assert!((m - m.round()).abs() < 1e-6, "integer minutes");
        Clock(m.round() as u32)
    };
    let mut visits: Vec<(usize, Clock, BizIdx, Visit)> = Vec::new();
    for (si, s) in m.slots.iter().enumerate() {
        if !on(m.u[si]) {
            continue;
        }
        let tasks: Vec<String> = m.a[si]
            .iter()
            .filter(|(_, &v)| on(v))
            .map(|(&t, _)| scn.task(t).id.clone())
            .collect();
        let crew: Vec<CrewEntry> = m.x[si]
            .iter()
            .filter(|(_, &v)| on(v))
            .map(|(&(i, d), _)| CrewEntry {
                inspector: scn.inspector(i).id.clone(),
                department: scn.department(d).id.clone(),
            })
            .collect();
        let visit = Visit {
            id: String::new(),
            business: scn.business(s.business).id.clone(),
            date: m.dates[s.date],
            start: minute(m.st[si]),
            end: minute(m.en[si]),
            tasks,
            crew,
        };
        visits.push((s.date, visit.start, s.business, visit));
    }
    visits.sort_by_key(|(date, start, b, _)| (*date, *start, *b));
    let visits: Vec<Visit> = visits
        .into_iter()
        .enumerate()
        .map(|(n, (_, _, _, v))| Visit {
            id: format!("V{:04}", n + 1),
            ..v
        })
        .collect();
    let placed: BTreeSet<&str> = visits
        .iter()
        .flat_map(|v| v.tasks.iter().map(String::as_str))
        .collect();
    let unscheduled = scn
        .task_indices()
        .filter(|&t| !placed.contains(scn.task(t).id.as_str()))
        .map(|t| {
            // C12: a task with no valid date must say so; `capacity` suits every other.
            let reason = if scn.valid_dates(t).is_empty() {
                Reason::NoValidDay
            } else {
                Reason::Capacity
            };
            Unscheduled {
                task: scn.task(t).id.clone(),
                reason: reason.code().to_owned(),
                detail: "left out by the exact model".to_owned(),
            }
        })
        .collect();
    let mut plan = Plan::new(&scn.name, visits, unscheduled);
    plan.stats = onedoor_core::figures::plan_stats(scn, travel, &plan).to_fields();
    plan
}

/// The slots of the model (see the module docs), grouped by (business, date) in `k` order.
fn slots(scn: &Scenario, dates: &[NaiveDate]) -> Vec<Slot> {
    let mut out = Vec::new();
    for b in 0..scn.businesses.len() {
        let business = BizIdx::new(b);
        let Some(window) = scn.visit_window(business) else {
            continue;
        };
        for (date, &day) in dates.iter().enumerate() {
            let tasks: Vec<TaskIdx> = scn
                .task_indices()
                .filter(|&t| scn.task(t).business == business && scn.valid_date(t, day))
                .filter(|&t| {
                    // A visit holding a task pinned at `at` starts at `at` and lasts at
                    // least a minute, inside the window (C4).
                    scn.task(t)
                        .pinned
                        .and_then(|p| p.start)
                        .is_none_or(|at| window.start <= at && at < window.end)
                })
                .collect();
            let depts: Vec<DeptIdx> = tasks
                .iter()
                .map(|&t| scn.task(t).department)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let limit = scn.businesses[b]
                .max_visits
                .map_or(usize::MAX, |m| m as usize);
            for k in 0..tasks.len().min(limit) {
                out.push(Slot {
                    business,
                    date,
                    k,
                    window,
                    tasks: tasks.clone(),
                    depts: depts.clone(),
                });
            }
        }
    }
    out
}

/// Whether two slots are of one (business, date).
fn same_place(s: &Slot, q: &Slot) -> bool {
    s.business == q.business && s.date == q.date && s.k != q.k
}

/// An integer variable for a time inside `window`.
fn window_var(window: Hours) -> good_lp::VariableDefinition {
    variable()
        .integer()
        .min(window.start.minutes())
        .max(window.end.minutes())
}

/// Travel minutes between two businesses, `None` when there is no path.
fn leg(scn: &Scenario, travel: &TravelGraph, from: BizIdx, to: BizIdx) -> Option<u32> {
    travel.minutes(scn.node_of_business(from), scn.node_of_business(to))
}

/// The legs (base → business, business → base) if inspector `i` could crew slot `s` at
/// all on `date`: available, not recused, a path both ways, and a minute of visit inside
/// the window between leaving base at the day's start and being back at its end (C7, C8).
fn can_crew(
    scn: &Scenario,
    travel: &TravelGraph,
    i: InspIdx,
    s: &Slot,
    date: NaiveDate,
) -> Option<(u32, u32)> {
    let insp = scn.inspector(i);
    if !insp.available_on(date) || insp.recuse.contains(&s.business) {
        return None;
    }
    let node = scn.node_of_business(s.business);
    let to = travel.minutes(insp.base, node)?;
    let back = travel.minutes(node, insp.base)?;
    let hours = scn.horizon.hours;
    let earliest = (hours.start.minutes() + to).max(s.window.start.minutes());
    let latest = hours
        .end
        .minutes()
        .checked_sub(back)?
        .min(s.window.end.minutes());
    (earliest < latest).then_some((to, back))
}

/// Asserts travel(a, c) ≤ travel(a, b) + travel(b, c) on the nodes the model uses (the
/// businesses of slots and the bases), which makes the model's pairwise form of C8 equal
/// to the file's consecutive form (module docs).
fn assert_triangle(scn: &Scenario, travel: &TravelGraph, slots: &[Slot]) {
    let mut nodes: BTreeSet<NodeIdx> = slots
        .iter()
        .map(|s| scn.node_of_business(s.business))
        .collect();
    nodes.extend(scn.inspectors.iter().map(|i| i.base));
    let nodes: Vec<NodeIdx> = nodes.into_iter().collect();
    for &p in &nodes {
        for &q in &nodes {
            let Some(pq) = travel.minutes(p, q) else {
                continue;
            };
            for &r in &nodes {
                if let Some(qr) = travel.minutes(q, r) {
                    let pr = travel.minutes(p, r).expect("p reaches r through q");
                    assert!(
                        pr <= pq + qr,
                        "{}: travel breaks the triangle inequality",
                        scn.name
                    );
                }
            }
        }
    }
}
