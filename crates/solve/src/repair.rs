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
//!
//! Every move works inside a [`Scope`]: the dates from its first date on, and every visit
//! there but the locked ones. A solve from scratch repairs the whole week
//! ([`Scope::WHOLE`], what the free functions here use); a re-plan (`replan.rs`) repairs
//! the dates from its re-plan date on, around the announced visits it keeps.

use crate::budget::{should_stop, Deadline};
use crate::context::{Context, DatePos};
use crate::crews::{DatePlan, Placed};
use crate::ids::{BizIdx, DeptIdx, TaskIdx};
use crate::split::fits;
use std::collections::BTreeSet;

/// Victims tried per task (or pair) and date by the ejection moves.
const MAX_VICTIMS: usize = 8;

/// What the repair moves may change: the dates from `first` on, and every visit there but
/// the locked ones. Dates before `first` still count against a business's `max_visits`.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The first date position a move may place a visit on or take one from (a
    /// re-plan's date; 0 for a solve from scratch).
    pub first: DatePos,
    /// Visits, as (date position, visit id on that date), that no move may grow, merge,
    /// take out or move. Their ids stay valid: a visit is never removed from a date
    /// except by a move.
    pub locked: BTreeSet<(DatePos, usize)>,
    /// Whether a visit taken out of the way is put back at its own date and start with
    /// another crew first, before any other start (a re-plan: its announced time then
    /// disturbs none of its tasks).
    pub hold_times: bool,
}

/// Places each task (highest priority first) anywhere in the week; returns those that
/// found no place ([`Scope::reinsert`] with nothing locked).
pub fn reinsert(
    ctx: &Context,
    dates: &mut [DatePlan],
    tasks: Vec<TaskIdx>,
    deadline: Deadline<'_>,
) -> Vec<TaskIdx> {
    Scope::WHOLE.reinsert(ctx, dates, tasks, deadline)
}

/// Merges pairs of visits at one business anywhere in the week ([`Scope::merge_visits`]
/// with nothing locked).
pub fn merge_visits(ctx: &Context, dates: &mut [DatePlan], deadline: Deadline<'_>) {
    Scope::WHOLE.merge_visits(ctx, dates, deadline);
}

/// Merges pairs by moving one other visit out of the way, anywhere in the week
/// ([`Scope::merge_visits_ejecting`] with nothing locked).
pub fn merge_visits_ejecting(ctx: &Context, dates: &mut [DatePlan], deadline: Deadline<'_>) {
    Scope::WHOLE.merge_visits_ejecting(ctx, dates, deadline);
}

/// Ejection chains of length one anywhere in the week ([`Scope::eject`] with nothing
/// locked).
pub fn eject(
    ctx: &Context,
    dates: &mut [DatePlan],
    tasks: Vec<TaskIdx>,
    deadline: Deadline<'_>,
) -> Vec<TaskIdx> {
    Scope::WHOLE.eject(ctx, dates, tasks, deadline)
}

/// Places task `t` on date `d` ([`Scope::place_on`] with nothing locked).
pub fn place_on(ctx: &Context, dates: &mut [DatePlan], t: TaskIdx, d: DatePos) -> bool {
    Scope::WHOLE.place_on(ctx, dates, t, d)
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

/// The visits at business `b` on a date.
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

/// Tries `move_one` on each task, highest priority first (none once the deadline has
/// passed); returns the tasks it did not place, sorted.
pub(crate) fn by_priority(
    ctx: &Context,
    mut tasks: Vec<TaskIdx>,
    deadline: Deadline<'_>,
    mut move_one: impl FnMut(TaskIdx) -> bool,
) -> Vec<TaskIdx> {
    tasks.sort_by_key(|&t| (std::cmp::Reverse(ctx.scn.task(t).priority), t));
    let mut left: Vec<TaskIdx> = tasks
        .into_iter()
        .filter(|&t| should_stop(deadline) || !move_one(t))
        .collect();
    left.sort();
    left
}

/// A way of merging two visits (date, visit id) into one.
type MergeFn = fn(&Scope, &Context, &mut [DatePlan], (DatePos, usize), (DatePos, usize)) -> bool;

impl Scope {
    /// The whole week, nothing locked: a solve from scratch.
    pub const WHOLE: Scope = Scope {
        first: 0,
        locked: BTreeSet::new(),
        hold_times: false,
    };

    /// Whether a move may change visit `vid` of date `d`.
    fn movable(&self, d: DatePos, vid: usize) -> bool {
        d >= self.first && !self.locked.contains(&(d, vid))
    }

    /// Task `t`'s valid dates a move may place it on.
    fn dates_of<'c>(&self, ctx: &'c Context, t: TaskIdx) -> impl Iterator<Item = DatePos> + 'c {
        let first = self.first;
        ctx.task_dates[t.index()]
            .iter()
            .copied()
            .filter(move |&d| d >= first)
    }

    /// The dates valid for every one of `tasks` a move may place them on.
    fn common_dates(&self, ctx: &Context, tasks: &[TaskIdx]) -> Vec<DatePos> {
        let mut common = crate::dates::common_dates(ctx, tasks);
        common.retain(|&d| d >= self.first);
        common
    }

    /// The visits at business `b` on `date` a move may change.
    fn visits_at(&self, date: &DatePlan, b: BizIdx) -> Vec<usize> {
        let mut at = visits_at(date, b);
        at.retain(|&vid| self.movable(date.date, vid));
        at
    }

    /// The visits on `date` a move may take out of the way of a visit at `business`:
    /// at another business, with a crew member who may act for one of `departments`.
    fn victims(
        &self,
        ctx: &Context,
        date: &DatePlan,
        business: BizIdx,
        departments: &[DeptIdx],
    ) -> Vec<usize> {
        date.visits()
            .filter(|(vid, v)| v.business != business && self.movable(date.date, *vid))
            .filter(|(_, v)| {
                v.crew.iter().any(|(i, _)| {
                    let insp = ctx.scn.inspector(*i);
                    departments.iter().any(|&k| insp.may_act_for(k))
                })
            })
            .map(|(i, _)| i)
            .take(MAX_VICTIMS)
            .collect()
    }

    /// Tries to place each task (highest priority first); returns those that found no
    /// place, sorted.
    pub fn reinsert(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        tasks: Vec<TaskIdx>,
        deadline: Deadline<'_>,
    ) -> Vec<TaskIdx> {
        by_priority(ctx, tasks, deadline, |t| self.place(ctx, dates, t))
    }

    /// Task `t` joined to a visit at its business on one of its dates, else in a new
    /// visit on the least busy of them.
    pub(crate) fn place(&self, ctx: &Context, dates: &mut [DatePlan], t: TaskIdx) -> bool {
        let b = ctx.scn.task(t).business;
        if ctx.scn.task(t).joinable {
            for d in self.dates_of(ctx, t) {
                for vid in self.visits_at(&dates[d], b) {
                    if join(ctx, &mut dates[d], vid, &[t]) {
                        return true;
                    }
                }
            }
        }
        if !fits(ctx, b, &[t]) || at_limit(ctx, dates, b) {
            return false;
        }
        let mut order: Vec<DatePos> = self.dates_of(ctx, t).collect();
        order.sort_by_key(|&d| (dates[d].busy_minutes(), d));
        order
            .into_iter()
            .any(|d| dates[d].insert(ctx, b, vec![t]).is_some())
    }

    /// Places task `t` on date `d`: into a visit at its business there, or a new visit.
    pub fn place_on(&self, ctx: &Context, dates: &mut [DatePlan], t: TaskIdx, d: DatePos) -> bool {
        let b = ctx.scn.task(t).business;
        if ctx.scn.task(t).joinable {
            for vid in self.visits_at(&dates[d], b) {
                if join(ctx, &mut dates[d], vid, &[t]) {
                    return true;
                }
            }
        }
        d >= self.first
            && fits(ctx, b, &[t])
            && !at_limit(ctx, dates, b)
            && dates[d].insert(ctx, b, vec![t]).is_some()
    }

    /// Merges pairs of visits at one business (on one date or two) while one merges.
    pub fn merge_visits(&self, ctx: &Context, dates: &mut [DatePlan], deadline: Deadline<'_>) {
        while self.merge_pass(ctx, dates, deadline, Scope::merge_pair) {}
    }

    /// Merges pairs of visits at one business that [`Scope::merge_visits`] could not
    /// merge, by moving one other visit out of the way (to its own date or another date
    /// valid for it).
    pub fn merge_visits_ejecting(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        deadline: Deadline<'_>,
    ) {
        self.merge_pass(ctx, dates, deadline, Scope::merge_pair_ejecting);
    }

    /// One pass over every business with two or more visits, trying `merge` on its
    /// pairs until one succeeds (its visit ids then change, so the pass goes on with the
    /// next business). Returns whether any pair was merged.
    fn merge_pass(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        deadline: Deadline<'_>,
        merge: MergeFn,
    ) -> bool {
        let mut at: Vec<Vec<(DatePos, usize)>> = vec![Vec::new(); ctx.scn.businesses.len()];
        for date in dates.iter() {
            for (vid, v) in date.visits() {
                if self.movable(date.date, vid) {
                    at[v.business.index()].push((date.date, vid));
                }
            }
        }
        let mut merged = false;
        for list in at.iter().filter(|l| l.len() > 1) {
            'pairs: for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    if should_stop(deadline) {
                        return merged;
                    }
                    if merge(self, ctx, dates, a, b) {
                        merged = true;
                        break 'pairs;
                    }
                }
            }
        }
        merged
    }

    /// The business, all tasks and the dates valid for all of them, when visits `a` and
    /// `b` (at one business) could form one visit at all.
    fn merge_candidate(
        &self,
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
        let common = self.common_dates(ctx, &all);
        (!common.is_empty()).then_some((business, all, common))
    }

    /// Replaces two visits at one business by one visit holding all their tasks, on a
    /// date valid for all of them (one of the two dates first, then the least busy), if
    /// the merged visit fits and finds a crew; otherwise both are restored exactly.
    fn merge_pair(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        a: (DatePos, usize),
        b: (DatePos, usize),
    ) -> bool {
        let Some((business, all, mut common)) = self.merge_candidate(ctx, dates, a, b) else {
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

    /// [`Scope::merge_pair`] with one other visit on the merged visit's date taken out
    /// of the way and put back ([`Scope::put_back`]); the dates are restored exactly when
    /// it fails.
    fn merge_pair_ejecting(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        a: (DatePos, usize),
        b: (DatePos, usize),
    ) -> bool {
        let Some((business, all, common)) = self.merge_candidate(ctx, dates, a, b) else {
            return false;
        };
        let departments: Vec<DeptIdx> = ctx.roles(&all).iter().map(|(k, _)| *k).collect();
        let (snap_a, snap_b) = (dates[a.0].clone(), dates[b.0].clone());
        dates[a.0].remove(a.1);
        dates[b.0].remove(b.1);
        for d in common {
            let victims = self.victims(ctx, &dates[d], business, &departments);
            for vid in victims {
                let snap_d = dates[d].clone();
                let Some(victim) = dates[d].remove(vid) else {
                    continue;
                };
                if dates[d].insert(ctx, business, all.clone()).is_some()
                    && self.put_back(ctx, dates, &victim, d)
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

    /// Ejection chains of length one: for a task that found no place, take out one visit
    /// on one of its valid dates whose crew could have served the task's department,
    /// place the task, then put the taken visit back ([`Scope::put_back`]). Kept only
    /// when both succeed, so the plan strictly improves on unscheduled priority;
    /// otherwise the date is restored exactly. Returns the tasks still left out, sorted.
    pub fn eject(
        &self,
        ctx: &Context,
        dates: &mut [DatePlan],
        tasks: Vec<TaskIdx>,
        deadline: Deadline<'_>,
    ) -> Vec<TaskIdx> {
        by_priority(ctx, tasks, deadline, |t| self.eject_one(ctx, dates, t))
    }

    /// [`Scope::eject`] for one task: whether it was placed.
    pub(crate) fn eject_one(&self, ctx: &Context, dates: &mut [DatePlan], t: TaskIdx) -> bool {
        let task = ctx.scn.task(t);
        for d in self.dates_of(ctx, t) {
            let victims = self.victims(ctx, &dates[d], task.business, &[task.department]);
            for vid in victims {
                let snapshot = dates[d].clone();
                let Some(victim) = dates[d].remove(vid) else {
                    continue;
                };
                if self.place_on(ctx, dates, t, d) && self.put_back(ctx, dates, &victim, d) {
                    return true;
                }
                dates[d] = snapshot;
            }
        }
        false
    }

    /// Places a visit that was taken out of date `d` again: with [`Scope::hold_times`]
    /// first at its own start; then anywhere on `d`; else on another date valid for all
    /// its tasks.
    fn put_back(&self, ctx: &Context, dates: &mut [DatePlan], victim: &Placed, d: DatePos) -> bool {
        let (b, tasks) = (victim.business, &victim.tasks);
        if self.hold_times
            && dates[d]
                .insert_at(ctx, b, tasks.clone(), victim.start)
                .is_some()
        {
            return true;
        }
        if dates[d].insert(ctx, b, tasks.clone()).is_some() {
            return true;
        }
        self.common_dates(ctx, tasks)
            .into_iter()
            .filter(|&o| o != d)
            .any(|o| dates[o].insert(ctx, b, tasks.clone()).is_some())
    }
}

#[cfg(test)]
mod tests;
