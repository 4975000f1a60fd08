//! Stage 1 (fallback and warm start): choose dates for each business's tasks greedily.
//!
//! For one business, the fewest dates covering its joinable tasks are found exactly by
//! interval stabbing (the format's lower-bound greedy): take the uncovered task whose
//! last valid date is earliest; every uncovered task valid on that date joins it. Any
//! date valid for *all* of that group covers the same group, so among those we pick the
//! one where the group's departments are least loaded relative to their officers. The
//! number of visits is therefore the business's lower bound (before rule splits), and
//! load is spread over the week.

use super::context::{Context, Day};
use crate::ids::{BizIdx, DeptIdx, TaskIdx};

/// A business, a date and the tasks to check there (before splitting into visits).
#[derive(Clone, Debug)]
pub struct Draft {
    /// The business.
    pub business: BizIdx,
    /// The date position.
    pub day: Day,
    /// Tasks for that date.
    pub tasks: Vec<TaskIdx>,
}

/// Load of each department on each day, relative to the officer-minutes able to serve it.
pub struct Load {
    minutes: Vec<Vec<f64>>,
    capacity: Vec<Vec<f64>>,
}

impl Load {
    /// Zero load; capacity from the inspectors available each day.
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

    /// Relative load the tasks' departments would have on `day`.
    pub fn cost(&self, ctx: &Context, tasks: &[TaskIdx], day: Day) -> f64 {
        let mut depts: Vec<DeptIdx> = tasks.iter().map(|&t| ctx.scn.task(t).department).collect();
        depts.sort();
        depts.dedup();
        depts
            .iter()
            .map(|d| self.minutes[d.index()][day] / self.capacity[d.index()][day])
            .sum()
    }

    /// Adds the tasks' work (with overhead and a crew of two) to `day`.
    pub fn add(&mut self, ctx: &Context, tasks: &[TaskIdx], day: Day) {
        let duration = ctx.duration(tasks) as f64;
        for (d, n) in ctx.roles(tasks) {
            self.minutes[d.index()][day] += duration * n.max(1) as f64;
        }
    }
}

/// Greedy date choice for every schedulable task of every business.
pub fn greedy(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    let mut by_business: Vec<Vec<TaskIdx>> = vec![Vec::new(); scn.businesses.len()];
    for t in scn.task_indices() {
        if ctx.schedulable[t.index()] && !ctx.task_days[t.index()].is_empty() {
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
            let days = common_days(ctx, &group);
            let day = best_day(ctx, &load, &group, &days);
            load.add(ctx, &group, day);
            drafts.push(Draft {
                business: b,
                day,
                tasks: group,
            });
        }
        for t in alone {
            let day = best_day(ctx, &load, &[t], &ctx.task_days[t.index()]);
            load.add(ctx, &[t], day);
            drafts.push(Draft {
                business: b,
                day,
                tasks: vec![t],
            });
        }
    }
    drafts
}

/// Baseline dates without merging: each (business, department) pair's tasks on its own
/// fewest dates, so no visit mixes departments.
pub fn alone(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    let mut pairs: std::collections::BTreeMap<(BizIdx, DeptIdx), Vec<TaskIdx>> = Default::default();
    let mut drafts = Vec::new();
    for t in scn
        .task_indices()
        .filter(|t| ctx.schedulable[t.index()] && !ctx.task_days[t.index()].is_empty())
    {
        let task = scn.task(t);
        if task.joinable {
            pairs
                .entry((task.business, task.department))
                .or_default()
                .push(t);
        } else {
            drafts.push(Draft {
                business: task.business,
                day: ctx.task_days[t.index()][0],
                tasks: vec![t],
            });
        }
    }
    for ((b, _), tasks) in pairs {
        for group in stab(ctx, tasks) {
            let day = common_days(ctx, &group)[0];
            drafts.push(Draft {
                business: b,
                day,
                tasks: group,
            });
        }
    }
    drafts
}

/// Baseline dates by a simple greedy merge: a business's tasks in file order, each on the
/// first date it shares with the current group, or starting a new group on its own first
/// valid date.
pub fn first_common(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    // Per business: open groups, each with the dates all its tasks share.
    type Groups = Vec<(Vec<Day>, Vec<TaskIdx>)>;
    let mut open: std::collections::BTreeMap<BizIdx, Groups> = Default::default();
    let mut drafts = Vec::new();
    for t in scn
        .task_indices()
        .filter(|t| ctx.schedulable[t.index()] && !ctx.task_days[t.index()].is_empty())
    {
        let task = scn.task(t);
        let days = &ctx.task_days[t.index()];
        if !task.joinable {
            drafts.push(Draft {
                business: task.business,
                day: days[0],
                tasks: vec![t],
            });
            continue;
        }
        let groups = open.entry(task.business).or_default();
        let shared = groups
            .iter_mut()
            .find(|(common, _)| common.iter().any(|d| days.contains(d)));
        match shared {
            Some((common, tasks)) => {
                common.retain(|d| days.contains(d));
                tasks.push(t);
            }
            None => groups.push((days.clone(), vec![t])),
        }
    }
    for (b, groups) in open {
        for (common, tasks) in groups {
            drafts.push(Draft {
                business: b,
                day: common[0],
                tasks,
            });
        }
    }
    drafts
}

/// The least loaded of `days` for these tasks (earliest on ties).
pub fn best_day(ctx: &Context, load: &Load, tasks: &[TaskIdx], days: &[Day]) -> Day {
    let mut best = days[0];
    let mut best_cost = f64::INFINITY;
    for &d in days {
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
    let last = |t: TaskIdx| *ctx.task_days[t.index()].last().unwrap_or(&0);
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
                && ctx.task_days[tasks[j].index()]
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

/// The days valid for every task of a group.
pub fn common_days(ctx: &Context, tasks: &[TaskIdx]) -> Vec<Day> {
    let mut days = ctx.task_days[tasks[0].index()].clone();
    for &t in &tasks[1..] {
        let other = &ctx.task_days[t.index()];
        days.retain(|d| other.binary_search(d).is_ok());
    }
    days
}

/// Dates taken over from an earlier plan (a re-plan): each task keeps its earlier date
/// when that date is still valid for it; the tasks that lost their date (or had none)
/// join a date their business already has when one is valid for them, and the rest are
/// grouped by interval stabbing onto the least-loaded common date, as in [`greedy`]. A
/// business whose kept dates already exceed its `max_visits` is re-dated as a whole.
pub fn from_start(ctx: &Context, start: &[Option<Day>]) -> Vec<Draft> {
    let scn = ctx.scn;
    // Per business: its tasks, each with the start date it keeps (None: to be re-dated).
    let mut by_business: Vec<Vec<(TaskIdx, Option<Day>)>> = vec![Vec::new(); scn.businesses.len()];
    for t in scn.task_indices() {
        let days = &ctx.task_days[t.index()];
        if ctx.schedulable[t.index()] && !days.is_empty() {
            let keep = start[t.index()].filter(|d| days.binary_search(d).is_ok());
            by_business[scn.task(t).business.index()].push((t, keep));
        }
    }
    for (b, list) in by_business.iter_mut().enumerate() {
        if let Some(limit) = scn.business(BizIdx::new(b)).max_visits {
            let mut days: Vec<Day> = list
                .iter()
                .filter(|(t, _)| scn.task(*t).joinable)
                .filter_map(|&(_, keep)| keep)
                .collect();
            days.sort_unstable();
            days.dedup();
            let alone = list
                .iter()
                .filter(|(t, keep)| !scn.task(*t).joinable && keep.is_some())
                .count();
            if days.len() + alone > limit as usize {
                list.iter_mut().for_each(|(_, keep)| *keep = None);
            }
        }
    }
    // Kept dates first, so that the load the re-dated tasks see is the kept plan's.
    let mut load = Load::new(ctx);
    let mut drafts = Vec::new();
    let mut groups: std::collections::BTreeMap<(BizIdx, Day), Vec<TaskIdx>> = Default::default();
    for (b, list) in by_business.iter().enumerate() {
        let b = BizIdx::new(b);
        for &(t, keep) in list {
            match keep {
                Some(day) if scn.task(t).joinable => groups.entry((b, day)).or_default().push(t),
                Some(day) => {
                    load.add(ctx, &[t], day);
                    drafts.push(Draft {
                        business: b,
                        day,
                        tasks: vec![t],
                    });
                }
                None => {}
            }
        }
    }
    for (&(_, day), tasks) in &groups {
        load.add(ctx, tasks, day);
    }
    for (b, list) in by_business.into_iter().enumerate() {
        let b = BizIdx::new(b);
        let mut rest = Vec::new();
        for t in list
            .into_iter()
            .filter(|(_, keep)| keep.is_none())
            .map(|(t, _)| t)
        {
            let days = &ctx.task_days[t.index()];
            if !scn.task(t).joinable {
                let day = best_day(ctx, &load, &[t], days);
                load.add(ctx, &[t], day);
                drafts.push(Draft {
                    business: b,
                    day,
                    tasks: vec![t],
                });
                continue;
            }
            let joined = groups
                .range((b, 0)..=(b, Day::MAX))
                .map(|(&(_, day), _)| day)
                .filter(|d| days.binary_search(d).is_ok())
                .min_by(|&x, &y| load.cost(ctx, &[t], x).total_cmp(&load.cost(ctx, &[t], y)));
            match joined {
                Some(day) => {
                    load.add(ctx, &[t], day);
                    groups.entry((b, day)).or_default().push(t);
                }
                None => rest.push(t),
            }
        }
        for group in stab(ctx, rest) {
            let days = common_days(ctx, &group);
            let day = best_day(ctx, &load, &group, &days);
            load.add(ctx, &group, day);
            groups.entry((b, day)).or_default().extend(group);
        }
    }
    drafts.extend(groups.into_iter().map(|((business, day), tasks)| Draft {
        business,
        day,
        tasks,
    }));
    drafts
}
