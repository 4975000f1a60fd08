//! Repair: tasks left over placed again, visits at one business merged, ejection.
//!
//! *Repair*: tasks whose visit found no crew are taken one at a time, highest priority
//! first, and put (a) into an existing visit at their business on one of their valid
//! dates (the visit is taken out and placed again with the task added; if that fails it
//! is restored exactly), else (b) into a new visit on the least busy valid date.
//! *Merge*: two visits at one business are merged onto a date valid for all their
//! tasks (one of their own dates first) when the merged visit finds a crew — one entry
//! fewer into the business.
//! *Eject*: what is still left out, and pairs still unmerged, get a second chance by
//! taking one other visit out of the way and putting it back afterwards (on its date or
//! another valid one); a failed attempt restores the dates exactly.

use crate::budget::{should_stop, Deadline};
use crate::context::{Context, DatePos};
use crate::crews::DatePlan;
use crate::ids::{BizIdx, TaskIdx};
use crate::split::fits;

/// Tries to place each task (highest priority first); returns those that found no place.
pub fn reinsert(
    ctx: &Context,
    dates: &mut [DatePlan],
    mut tasks: Vec<TaskIdx>,
    deadline: Deadline<'_>,
) -> Vec<TaskIdx> {
    tasks.sort_by_key(|&t| (std::cmp::Reverse(ctx.scn.task(t).priority), t));
    let mut left = Vec::new();
    for t in tasks {
        if should_stop(deadline) || !place(ctx, dates, t) {
            left.push(t);
        }
    }
    left.sort();
    left
}

fn place(ctx: &Context, dates: &mut [DatePlan], t: TaskIdx) -> bool {
    let b = ctx.scn.task(t).business;
    let valid = &ctx.task_dates[t.index()];
    if ctx.scn.task(t).joinable {
        for &d in valid {
            let at_b: Vec<usize> = visits_at(&dates[d], b);
            for vid in at_b {
                if join(ctx, &mut dates[d], vid, &[t]) {
                    return true;
                }
            }
        }
    }
    if !fits(ctx, b, &[t]) || at_limit(ctx, dates, b) {
        return false;
    }
    let mut order: Vec<DatePos> = valid.clone();
    order.sort_by_key(|&d| (dates[d].busy_minutes(), d));
    order
        .into_iter()
        .any(|d| dates[d].insert(ctx, b, vec![t]).is_some())
}

/// Whether business `b` already has as many visits as its `max_visits` allows.
pub(crate) fn at_limit(ctx: &Context, dates: &[DatePlan], b: BizIdx) -> bool {
    ctx.scn.business(b).max_visits.is_some_and(|m| {
        let n: usize = dates.iter().map(|d| visits_at(d, b).len()).sum();
        n >= m as usize
    })
}

/// Takes out visits beyond a business's `max_visits` (lowest priority first) and returns
/// their tasks, to be joined to the visits that remain where they fit.
pub fn enforce_limits(ctx: &Context, dates: &mut [DatePlan]) -> Vec<TaskIdx> {
    let mut at: Vec<Vec<(u64, DatePos, usize)>> = vec![Vec::new(); ctx.scn.businesses.len()];
    for date in dates.iter() {
        for (vid, v) in date.visits() {
            at[v.business.index()].push((ctx.priority(&v.tasks), date.date, vid));
        }
    }
    let mut freed = Vec::new();
    for (b, mut list) in at.into_iter().enumerate() {
        let Some(max) = ctx.scn.businesses[b].max_visits else {
            continue;
        };
        if list.len() <= max as usize {
            continue;
        }
        list.sort_by_key(|&(w, d, v)| (std::cmp::Reverse(w), d, v));
        for &(_, d, vid) in &list[max as usize..] {
            if let Some(v) = dates[d].remove(vid) {
                freed.extend(v.tasks);
            }
        }
    }
    freed
}

/// The visits at business `b` in a day.
pub(crate) fn visits_at(date: &DatePlan, b: BizIdx) -> Vec<usize> {
    date.visits()
        .filter(|(_, v)| v.business == b)
        .map(|(i, _)| i)
        .collect()
}

/// Adds `extra` tasks to visit `vid` if the grown visit fits and finds a crew.
fn join(ctx: &Context, date: &mut DatePlan, vid: usize, extra: &[TaskIdx]) -> bool {
    let Some(old) = date.remove(vid) else {
        return false;
    };
    let mut tasks = old.tasks.clone();
    tasks.extend_from_slice(extra);
    if fits(ctx, old.business, &tasks) && date.insert(ctx, old.business, tasks).is_some() {
        return true;
    }
    date.restore(vid, old, ctx);
    false
}

/// Merges pairs of visits at one business (on one date or two) where possible.
pub fn merge_visits(ctx: &Context, dates: &mut [DatePlan], deadline: Deadline<'_>) {
    while merge_pass(ctx, dates, deadline, merge_pair) {}
}

/// A way of merging two visits (date, visit id) into one.
type MergeFn = fn(&Context, &mut [DatePlan], (DatePos, usize), (DatePos, usize)) -> bool;

/// One pass over every business with two or more visits, trying `merge` on its pairs
/// until one succeeds (its visit ids then change, so the pass goes on with the next
/// business). Returns whether any pair was merged.
fn merge_pass(
    ctx: &Context,
    dates: &mut [DatePlan],
    deadline: Deadline<'_>,
    merge: MergeFn,
) -> bool {
    let mut at: Vec<Vec<(DatePos, usize)>> = vec![Vec::new(); ctx.scn.businesses.len()];
    for date in dates.iter() {
        for (vid, v) in date.visits() {
            at[v.business.index()].push((date.date, vid));
        }
    }
    let mut merged = false;
    for list in at.iter().filter(|l| l.len() > 1) {
        'pairs: for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if should_stop(deadline) {
                    return merged;
                }
                if merge(ctx, dates, a, b) {
                    merged = true;
                    break 'pairs;
                }
            }
        }
    }
    merged
}

/// The business, all tasks and the dates valid for all of them, when visits `a` and `b`
/// (at one business) could form one visit at all.
fn merge_candidate(
    ctx: &Context,
    dates: &[DatePlan],
    a: (DatePos, usize),
    b: (DatePos, usize),
) -> Option<(BizIdx, Vec<TaskIdx>, Vec<DatePos>)> {
    let tasks = |d: &DatePlan, id: usize| {
        d.visits()
            .find(|(i, _)| *i == id)
            .map(|(_, v)| (v.business, v.tasks.clone()))
    };
    let (business, mut all) = tasks(&dates[a.0], a.1)?;
    all.extend(tasks(&dates[b.0], b.1)?.1);
    if !fits(ctx, business, &all) {
        return None;
    }
    let common = crate::dates::common_dates(ctx, &all);
    (!common.is_empty()).then_some((business, all, common))
}

/// Replaces two visits at one business by one visit holding all their tasks, on a date
/// valid for all of them (one of the two dates first, then the least busy), if the
/// merged visit fits and finds a crew; otherwise both are restored exactly.
fn merge_pair(
    ctx: &Context,
    dates: &mut [DatePlan],
    a: (DatePos, usize),
    b: (DatePos, usize),
) -> bool {
    let Some((business, all, mut common)) = merge_candidate(ctx, dates, a, b) else {
        return false;
    };
    common.sort_by_key(|&d| (d != a.0 && d != b.0, dates[d].busy_minutes(), d));
    let (Some(ra), Some(rb)) = (dates[a.0].remove(a.1), dates[b.0].remove(b.1)) else {
        return false;
    };
    for d in common {
        if dates[d].insert(ctx, business, all.clone()).is_some() {
            return true;
        }
    }
    dates[b.0].restore(b.1, rb, ctx);
    dates[a.0].restore(a.1, ra, ctx);
    false
}

/// Merges pairs of visits at one business that [`merge_visits`] could not merge, by moving
/// one other visit out of the way (to its own date or another date valid for it).
pub fn merge_visits_ejecting(ctx: &Context, dates: &mut [DatePlan], deadline: Deadline<'_>) {
    merge_pass(ctx, dates, deadline, merge_pair_ejecting);
}

fn merge_pair_ejecting(
    ctx: &Context,
    dates: &mut [DatePlan],
    a: (DatePos, usize),
    b: (DatePos, usize),
) -> bool {
    let Some((business, all, common)) = merge_candidate(ctx, dates, a, b) else {
        return false;
    };
    let roles = ctx.roles(&all);
    let (snap_a, snap_b) = (dates[a.0].clone(), dates[b.0].clone());
    dates[a.0].remove(a.1);
    dates[b.0].remove(b.1);
    for d in common {
        let victims: Vec<usize> = dates[d]
            .visits()
            .filter(|(_, v)| v.business != business)
            .filter(|(_, v)| {
                v.crew.iter().any(|(i, _)| {
                    roles
                        .iter()
                        .any(|(k, _)| ctx.scn.inspector(*i).may_act_for(*k))
                })
            })
            .map(|(i, _)| i)
            .take(MAX_VICTIMS)
            .collect();
        for vid in victims {
            let snap_d = dates[d].clone();
            let Some(victim) = dates[d].remove(vid) else {
                continue;
            };
            if dates[d].insert(ctx, business, all.clone()).is_some()
                && put_back(ctx, dates, &victim, d)
            {
                return true;
            }
            dates[d] = snap_d;
        }
    }
    dates[a.0] = snap_a;
    dates[b.0] = snap_b;
    false
}

/// Places a visit that was moved out of date `d` again: on `d`, else on another date
/// valid for all its tasks.
fn put_back(
    ctx: &Context,
    dates: &mut [DatePlan],
    victim: &crate::crews::Placed,
    d: DatePos,
) -> bool {
    if dates[d]
        .insert(ctx, victim.business, victim.tasks.clone())
        .is_some()
    {
        return true;
    }
    crate::dates::common_dates(ctx, &victim.tasks)
        .into_iter()
        .filter(|&o| o != d)
        .any(|o| {
            dates[o]
                .insert(ctx, victim.business, victim.tasks.clone())
                .is_some()
        })
}

/// Victims tried per task and date by [`eject`].
const MAX_VICTIMS: usize = 8;

/// Ejection chains of length one: for a task that found no place, take out one visit on
/// one of its valid dates whose crew could have served the task's department, place the
/// task, then put the taken visit back (that date or another date valid for all its
/// tasks). Kept only when both succeed, so the plan strictly improves on unscheduled
/// priority; otherwise the date is restored exactly.
pub fn eject(
    ctx: &Context,
    dates: &mut [DatePlan],
    tasks: Vec<TaskIdx>,
    deadline: Deadline<'_>,
) -> Vec<TaskIdx> {
    let mut left = Vec::new();
    let mut order = tasks;
    order.sort_by_key(|&t| (std::cmp::Reverse(ctx.scn.task(t).priority), t));
    for t in order {
        if should_stop(deadline) || !eject_one(ctx, dates, t) {
            left.push(t);
        }
    }
    left.sort();
    left
}

fn eject_one(ctx: &Context, dates: &mut [DatePlan], t: TaskIdx) -> bool {
    let scn = ctx.scn;
    let task = scn.task(t);
    for &d in &ctx.task_dates[t.index()] {
        let victims: Vec<usize> = dates[d]
            .visits()
            .filter(|(_, v)| v.business != task.business)
            .filter(|(_, v)| {
                v.crew
                    .iter()
                    .any(|(i, _)| scn.inspector(*i).may_act_for(task.department))
            })
            .map(|(i, _)| i)
            .take(MAX_VICTIMS)
            .collect();
        for vid in victims {
            let snapshot = dates[d].clone();
            let Some(victim) = dates[d].remove(vid) else {
                continue;
            };
            if !place_on(ctx, dates, t, d) {
                dates[d] = snapshot;
                continue;
            }
            if put_back(ctx, dates, &victim, d) {
                return true;
            }
            dates[d] = snapshot;
        }
    }
    false
}

/// Places task `t` on date `d`: into a visit at its business there, or a new visit.
pub fn place_on(ctx: &Context, dates: &mut [DatePlan], t: TaskIdx, d: DatePos) -> bool {
    let b = ctx.scn.task(t).business;
    if ctx.scn.task(t).joinable {
        for vid in visits_at(&dates[d], b) {
            if join(ctx, &mut dates[d], vid, &[t]) {
                return true;
            }
        }
    }
    fits(ctx, b, &[t]) && !at_limit(ctx, dates, b) && dates[d].insert(ctx, b, vec![t]).is_some()
}
