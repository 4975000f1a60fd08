//! The greedy date chooser (the portfolio's last choice, and the date ILP's fallback and
//! warm start), and a re-plan's dates ([`from_start`]).
//!
//! For one business, the fewest dates covering its joinable tasks are found exactly by
//! interval stabbing (the format's lower-bound greedy): take the uncovered task whose
//! last valid date is earliest; every uncovered task valid on that date joins it. Any
//! date valid for *all* of that group covers the same group, so among those we pick the
//! one where the group's departments are least loaded relative to their officers. The
//! number of visits is therefore the business's lower bound (before rule splits), and
//! load is spread over the week.

use super::{common_dates, Draft};
use crate::context::{Context, DatePos};
use crate::ids::{BizIdx, DeptIdx, TaskIdx};

/// Load of each department on each day, relative to the officer-minutes able to serve it.
pub struct Load {
    minutes: Vec<Vec<f64>>,
    capacity: Vec<Vec<f64>>,
}

impl Load {
    /// Zero load; capacity from the inspectors available each date.
    pub fn new(ctx: &Context) -> Load {
        let scn = ctx.scn;
        let day_minutes = (scn.horizon.hours.end.0 - scn.horizon.hours.start.0) as f64;
        let capacity = (0..scn.departments.len())
            .map(|d| {
                ctx.dates
                    .iter()
                    .map(|&date| {
                        let n = ctx
                            .facts
                            .able(DeptIdx::new(d))
                            .iter()
                            .filter(|&&i| scn.inspector(i).available_on(date))
                            .count();
                        (n as f64 * day_minutes).max(1.0)
                    })
                    .collect()
            })
            .collect();
        Load {
            minutes: vec![vec![0.0; ctx.dates.len()]; scn.departments.len()],
            capacity,
        }
    }

    /// Relative load the tasks' departments would have on `date`.
    pub fn cost(&self, ctx: &Context, tasks: &[TaskIdx], date: DatePos) -> f64 {
        let mut depts: Vec<DeptIdx> = tasks.iter().map(|&t| ctx.scn.task(t).department).collect();
        depts.sort();
        depts.dedup();
        depts
            .iter()
            .map(|d| self.minutes[d.index()][date] / self.capacity[d.index()][date])
            .sum()
    }

    /// Adds the tasks' work (with overhead and a crew of two) to `date`.
    pub fn add(&mut self, ctx: &Context, tasks: &[TaskIdx], date: DatePos) {
        let duration = ctx.duration(tasks) as f64;
        for (d, n) in ctx.roles(tasks) {
            self.minutes[d.index()][date] += duration * n.max(1) as f64;
        }
    }
}

/// Greedy date choice for every schedulable task of every business.
pub fn greedy(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    let mut by_business: Vec<Vec<TaskIdx>> = vec![Vec::new(); scn.businesses.len()];
    for t in scn.task_indices() {
        if ctx.schedulable[t.index()] && !ctx.task_dates[t.index()].is_empty() {
            by_business[scn.task(t).business.index()].push(t);
        }
    }
    let mut load = Load::new(ctx);
    let mut drafts = Vec::new();
    for (b, tasks) in by_business.into_iter().enumerate() {
        let b = BizIdx::new(b);
        let (joinable, alone): (Vec<TaskIdx>, Vec<TaskIdx>) =
            tasks.into_iter().partition(|&t| scn.task(t).joinable);
        for group in stab(ctx, joinable) {
            let dates = common_dates(ctx, &group);
            let date = best_date(ctx, &load, &group, &dates);
            load.add(ctx, &group, date);
            drafts.push(Draft {
                business: b,
                date,
                tasks: group,
            });
        }
        for t in alone {
            let date = best_date(ctx, &load, &[t], &ctx.task_dates[t.index()]);
            load.add(ctx, &[t], date);
            drafts.push(Draft {
                business: b,
                date,
                tasks: vec![t],
            });
        }
    }
    drafts
}

/// The least loaded of `dates` for these tasks (earliest on ties).
pub fn best_date(ctx: &Context, load: &Load, tasks: &[TaskIdx], dates: &[DatePos]) -> DatePos {
    let mut best = dates[0];
    let mut best_cost = f64::INFINITY;
    for &d in dates {
        let c = load.cost(ctx, tasks, d);
        if c < best_cost - 1e-12 {
            best = d;
            best_cost = c;
        }
    }
    best
}

/// Interval stabbing: groups of tasks that share a date, fewest groups.
pub fn stab(ctx: &Context, mut tasks: Vec<TaskIdx>) -> Vec<Vec<TaskIdx>> {
    let last = |t: TaskIdx| *ctx.task_dates[t.index()].last().unwrap_or(&0);
    tasks.sort_by_key(|&t| (last(t), t));
    let mut covered = vec![false; tasks.len()];
    let mut groups = Vec::new();
    for i in 0..tasks.len() {
        if covered[i] {
            continue;
        }
        let point = last(tasks[i]);
        let mut group = Vec::new();
        for j in i..tasks.len() {
            if !covered[j]
                && ctx.task_dates[tasks[j].index()]
                    .binary_search(&point)
                    .is_ok()
            {
                covered[j] = true;
                group.push(tasks[j]);
            }
        }
        groups.push(group);
    }
    groups
}

/// Dates taken over from an earlier plan (a re-plan): each task keeps its earlier date
/// when that date is still valid for it; the tasks that lost their date (or had none)
/// join a date their business already has when one is valid for them, and the rest are
/// grouped by interval stabbing onto the least-loaded common date, as in [`greedy`]. A
/// business whose kept dates already exceed its `max_visits` is re-dated as a whole.
pub fn from_start(ctx: &Context, start: &[Option<DatePos>]) -> Vec<Draft> {
    let scn = ctx.scn;
    // Per business: its tasks, each with the start date it keeps (None: to be re-dated).
    let mut by_business: Vec<Vec<(TaskIdx, Option<DatePos>)>> =
        vec![Vec::new(); scn.businesses.len()];
    for t in scn.task_indices() {
        let dates = &ctx.task_dates[t.index()];
        if ctx.schedulable[t.index()] && !dates.is_empty() {
            let keep = start[t.index()].filter(|d| dates.binary_search(d).is_ok());
            by_business[scn.task(t).business.index()].push((t, keep));
        }
    }
    for (b, list) in by_business.iter_mut().enumerate() {
        if let Some(limit) = scn.business(BizIdx::new(b)).max_visits {
            let mut dates: Vec<DatePos> = list
                .iter()
                .filter(|(t, _)| scn.task(*t).joinable)
                .filter_map(|&(_, keep)| keep)
                .collect();
            dates.sort_unstable();
            dates.dedup();
            let alone = list
                .iter()
                .filter(|(t, keep)| !scn.task(*t).joinable && keep.is_some())
                .count();
            if dates.len() + alone > limit as usize {
                list.iter_mut().for_each(|(_, keep)| *keep = None);
            }
        }
    }
    // Kept dates first, so that the load the re-dated tasks see is the kept plan's.
    let mut load = Load::new(ctx);
    let mut drafts = Vec::new();
    let mut groups: std::collections::BTreeMap<(BizIdx, DatePos), Vec<TaskIdx>> =
        Default::default();
    for (b, list) in by_business.iter().enumerate() {
        let b = BizIdx::new(b);
        for &(t, keep) in list {
            match keep {
                Some(date) if scn.task(t).joinable => groups.entry((b, date)).or_default().push(t),
                Some(date) => {
                    load.add(ctx, &[t], date);
                    drafts.push(Draft {
                        business: b,
                        date,
                        tasks: vec![t],
                    });
                }
                None => {}
            }
        }
    }
    for (&(_, date), tasks) in &groups {
        load.add(ctx, tasks, date);
    }
    for (b, list) in by_business.into_iter().enumerate() {
        let b = BizIdx::new(b);
        let mut rest = Vec::new();
        for t in list
            .into_iter()
            .filter(|(_, keep)| keep.is_none())
            .map(|(t, _)| t)
        {
            let dates = &ctx.task_dates[t.index()];
            if !scn.task(t).joinable {
                let date = best_date(ctx, &load, &[t], dates);
                load.add(ctx, &[t], date);
                drafts.push(Draft {
                    business: b,
                    date,
                    tasks: vec![t],
                });
                continue;
            }
            let joined = groups
                .range((b, 0)..=(b, DatePos::MAX))
                .map(|(&(_, date), _)| date)
                .filter(|d| dates.binary_search(d).is_ok())
                .min_by(|&x, &y| load.cost(ctx, &[t], x).total_cmp(&load.cost(ctx, &[t], y)));
            match joined {
                Some(date) => {
                    load.add(ctx, &[t], date);
                    groups.entry((b, date)).or_default().push(t);
                }
                None => rest.push(t),
            }
        }
        for group in stab(ctx, rest) {
            let dates = common_dates(ctx, &group);
            let date = best_date(ctx, &load, &group, &dates);
            load.add(ctx, &group, date);
            groups.entry((b, date)).or_default().extend(group);
        }
    }
    drafts.extend(groups.into_iter().map(|((business, date), tasks)| Draft {
        business,
        date,
        tasks,
    }));
    drafts
}
