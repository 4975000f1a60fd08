//! Re-planning an announced week (`onedoor replan SCENARIO PLAN --from DATE`).
//!
//! The week's plan was handed out; on `from` something changed (an officer ill, a
//! business closed, an urgent task). Everything before `from` happened: those visits are
//! **history**, copied to the new plan exactly as they were — even where the changed
//! scenario would now reject them (an inspector since removed, say): they are reported,
//! not rewritten — and their entries still count against each business's `max_visits`.
//! The announced visits on and after `from` should move as little as possible. The
//! objective gains a level after unscheduled priority: *disrupted tasks*
//! ([`onedoor_core::changes::disrupted`]).
//!
//! The re-plan is built in stages that follow that objective:
//!
//! 1. **Keep**: every announced visit still valid, by the checker's own rules
//!    ([`onedoor_check::keepable`], taken in plan order after the history), stays as it
//!    is — same id, date, times, tasks and crew.
//! 2. **Re-crew**: an announced visit that can no longer be kept (typically a crew member
//!    ill or dropped) is placed again at its own date and start time with the tasks it
//!    still has, with a new crew. A crew change disturbs no task.
//! 3. **Place the rest**: tasks without a visit — new tasks, tasks of visits that could
//!    not be re-crewed, tasks the announced plan left out — highest priority first, on
//!    dates from `from` on: joined to a visit created by this re-plan at their business,
//!    else in a new visit on the least busy valid date. These only add visits, so nothing
//!    announced is disturbed.
//! 4. **Merge** the new visits at one business onto one date where a crew fits (fewer
//!    entries, still nothing announced disturbed).
//! 5. **Join announced visits** (unscheduled priority comes first): a task still left out
//!    may join a kept visit at its business; this disturbs that visit's tasks (their
//!    visit-mates change), so it is tried late.
//! 6. **Eject**: a task still left out gets a second chance by taking one visit on one
//!    of its dates out of the way and putting it back at its own start with another crew
//!    (which disturbs nothing) or, failing that, on another date or time.
//!
//! Locked visits (history, kept, re-crewed) are never taken apart by stages 3–4, and no
//! stage touches a date before `from`. A visit that survives keeps its id; a new visit
//! takes the id of the cancelled announced visit at the same business it shares most
//! tasks with (so it reads "moved from … to …" and calendars update in place), otherwise
//! a fresh id no announced visit used.
//!
//! Since stage 1 keeps exactly the valid part of the announced plan and every later stage
//! only adds tasks, a re-plan never leaves out more priority than keeping the announced
//! plan and dropping what became invalid.

use super::budget::{Deadline, Work};
use super::context::{Context, DatePos};
use super::crews::DatePlan;
use super::repair::{at_limit, visits_at};
use super::split::fits;
use super::{Outcome, Status};
use crate::ids::{BizIdx, TaskIdx};
use crate::plan::{Plan, Reason, Unscheduled, Visit};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Instant;

/// Visits tried per task and date by the ejection of stage 6.
const MAX_VICTIMS: usize = 8;

/// A finished re-plan.
#[derive(Clone, Debug)]
pub struct Replanned {
    /// The new plan, its figures and solver block filled in.
    pub outcome: Outcome,
    /// Ids of the history visits (before `from`), copied as they were.
    pub history: Vec<String>,
    /// Ids of history visits the changed scenario would reject (kept all the same).
    pub history_invalid: Vec<String>,
    /// Ids of announced visits kept exactly.
    pub kept: Vec<String>,
    /// Ids of announced visits re-crewed at their announced time.
    pub recrewed: Vec<String>,
    /// Disrupted tasks (see the module docs), sorted.
    pub disrupted: Vec<String>,
}

/// Where each visit of the re-plan comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// Kept exactly, or re-crewed at its time: never taken apart.
    Locked,
    /// Created by this re-plan: may be grown or merged.
    New,
}

/// The week being re-planned: the dates' visits with each visit's origin and id.
struct Week<'c, 'a> {
    ctx: &'c Context<'a>,
    days: Vec<DatePlan>,
    /// (date position, visit id in its day) → origin and the plan id it carries, if any.
    tags: HashMap<(DatePos, usize), (Origin, Option<String>)>,
    /// The first date position that may change.
    first: DatePos,
}

impl<'c, 'a> Week<'c, 'a> {
    /// An empty week whose dates from `from` on may change.
    fn new(ctx: &'c Context<'a>, from: NaiveDate) -> Self {
        Week {
            ctx,
            days: (0..ctx.dates.len())
                .map(|d| DatePlan::new(ctx, d, &Work::default()))
                .collect(),
            tags: HashMap::new(),
            first: ctx.dates.partition_point(|d| *d < from),
        }
    }

    fn open_days(&self, t: TaskIdx) -> Vec<DatePos> {
        self.ctx.task_dates[t.index()]
            .iter()
            .copied()
            .filter(|&d| d >= self.first)
            .collect()
    }

    fn origin(&self, d: DatePos, vid: usize) -> Option<Origin> {
        self.tags.get(&(d, vid)).map(|(o, _)| *o)
    }

    /// Adds `extra` to visit `vid` of date `d` if the grown visit fits and finds a crew;
    /// the visit keeps its plan id, and becomes `New` (it may be grown again).
    fn join(&mut self, d: DatePos, vid: usize, extra: &[TaskIdx]) -> bool {
        let ctx = self.ctx;
        let Some(old) = self.days[d].remove(vid) else {
            return false;
        };
        let mut tasks = old.tasks.clone();
        tasks.extend_from_slice(extra);
        if fits(ctx, old.business, &tasks) {
            if let Some(new) = self.days[d].insert(ctx, old.business, tasks) {
                let (_, id) = self.tags.remove(&(d, vid)).unwrap_or((Origin::New, None));
                self.tags.insert((d, new), (Origin::New, id));
                return true;
            }
        }
        self.days[d].restore(vid, old, ctx);
        false
    }

    /// Joins task `t` to a visit at its business on date `d` whose origin `may` accepts.
    fn join_on(&mut self, t: TaskIdx, d: DatePos, may: fn(Origin) -> bool) -> bool {
        let b = self.ctx.scn.task(t).business;
        visits_at(&self.days[d], b)
            .into_iter()
            .any(|vid| self.origin(d, vid).is_some_and(may) && self.join(d, vid, &[t]))
    }

    /// Stage 3 for one task: a new visit of this re-plan at its business, or a new visit.
    fn place(&mut self, t: TaskIdx) -> bool {
        let task = self.ctx.scn.task(t);
        let open = self.open_days(t);
        if task.joinable && open.iter().any(|&d| self.join_on(t, d, is_new)) {
            return true;
        }
        self.insert_new(task.business, vec![t], open)
    }

    /// A new visit of `tasks` at `b` on the least busy of `dates`.
    fn insert_new(&mut self, b: BizIdx, tasks: Vec<TaskIdx>, mut dates: Vec<DatePos>) -> bool {
        let ctx = self.ctx;
        if !fits(ctx, b, &tasks) || at_limit(ctx, &self.days, b) {
            return false;
        }
        dates.sort_by_key(|&d| (self.days[d].busy_minutes(), d));
        for d in dates {
            if let Some(vid) = self.days[d].insert(ctx, b, tasks.clone()) {
                self.tags.insert((d, vid), (Origin::New, None));
                return true;
            }
        }
        false
    }

    /// Stage 4: merges pairs of new visits at one business while one merges.
    fn merge_new(&mut self, deadline: Deadline<'_>) {
        loop {
            let mut at: BTreeMap<BizIdx, Vec<(DatePos, usize)>> = BTreeMap::new();
            for (&(d, vid), (origin, _)) in &self.tags {
                if *origin == Origin::New {
                    if let Some((_, v)) = self.days[d].visits().find(|(i, _)| *i == vid) {
                        at.entry(v.business).or_default().push((d, vid));
                    }
                }
            }
            let mut merged = false;
            'all: for (b, mut list) in at {
                list.sort_unstable();
                for i in 0..list.len() {
                    for j in i + 1..list.len() {
                        if super::budget::should_stop(deadline) {
                            return;
                        }
                        if self.merge_pair(b, list[i], list[j]) {
                            merged = true;
                            break 'all;
                        }
                    }
                }
            }
            if !merged {
                return;
            }
        }
    }

    /// Replaces new visits `a` and `b` at business `biz` by one visit on a date from
    /// `first` on valid for all their tasks; both are restored exactly when it fails.
    fn merge_pair(&mut self, biz: BizIdx, a: (DatePos, usize), b: (DatePos, usize)) -> bool {
        let ctx = self.ctx;
        let tasks_of = |w: &Self, (d, vid): (DatePos, usize)| {
            w.days[d]
                .visits()
                .find(|(i, _)| *i == vid)
                .map(|(_, v)| v.tasks.clone())
        };
        let (Some(mut all), Some(tb)) = (tasks_of(self, a), tasks_of(self, b)) else {
            return false;
        };
        all.extend(tb);
        if !fits(ctx, biz, &all) {
            return false;
        }
        let mut common: Vec<DatePos> = super::dates::common_dates(ctx, &all)
            .into_iter()
            .filter(|&d| d >= self.first)
            .collect();
        if common.is_empty() {
            return false;
        }
        common.sort_by_key(|&d| (d != a.0 && d != b.0, self.days[d].busy_minutes(), d));
        let (Some(ra), Some(rb)) = (self.days[a.0].remove(a.1), self.days[b.0].remove(b.1)) else {
            return false;
        };
        for d in common {
            if let Some(vid) = self.days[d].insert(ctx, biz, all.clone()) {
                let ida = self.tags.remove(&a).and_then(|(_, id)| id);
                let idb = self.tags.remove(&b).and_then(|(_, id)| id);
                self.tags.insert((d, vid), (Origin::New, ida.or(idb)));
                return true;
            }
        }
        self.days[b.0].restore(b.1, rb, ctx);
        self.days[a.0].restore(a.1, ra, ctx);
        false
    }

    /// Task `t` on date `d`: joined to a new visit at its business there, else in a new
    /// visit.
    fn place_on(&mut self, t: TaskIdx, d: DatePos) -> bool {
        let task = self.ctx.scn.task(t);
        (task.joinable && self.join_on(t, d, is_new))
            || self.insert_new(task.business, vec![t], vec![d])
    }

    /// Stage 6 for one task: on one of its dates, take one visit whose crew could serve
    /// the task's department out of the way, place the task, and put the visit back — at
    /// its own start with another crew if it can (that disturbs nothing), else anywhere
    /// from `first` on (that disturbs its tasks, which unscheduled priority outweighs).
    /// A failed attempt restores the date exactly.
    fn eject_for(&mut self, t: TaskIdx, deadline: Deadline<'_>) -> bool {
        let ctx = self.ctx;
        let scn = ctx.scn;
        let task = scn.task(t);
        for d in self.open_days(t) {
            let victims: Vec<usize> = self.days[d]
                .visits()
                .filter(|(vid, v)| {
                    v.business != task.business
                        && self.origin(d, *vid).is_some()
                        && v.crew
                            .iter()
                            .any(|(i, _)| scn.inspector(*i).may_act_for(task.department))
                })
                .map(|(vid, _)| vid)
                .take(MAX_VICTIMS)
                .collect();
            for vid in victims {
                if super::budget::should_stop(deadline) {
                    return false;
                }
                let (snap_day, snap_tags) = (self.days[d].clone(), self.tags.clone());
                let Some(victim) = self.days[d].remove(vid) else {
                    continue;
                };
                let tag = self.tags.remove(&(d, vid));
                if self.place_on(t, d) && self.put_back(d, victim, tag) {
                    return true;
                }
                self.days[d] = snap_day;
                self.tags = snap_tags;
            }
        }
        false
    }

    /// Puts a visit taken out of date `d` back: at its own start, else (disturbing its
    /// tasks) on the least busy date from `first` on valid for all of them.
    fn put_back(
        &mut self,
        d: DatePos,
        v: super::crews::Placed,
        tag: Option<(Origin, Option<String>)>,
    ) -> bool {
        let ctx = self.ctx;
        let (origin, id) = tag.unwrap_or((Origin::New, None));
        if let Some(vid) = self.days[d].insert_at(ctx, v.business, v.tasks.clone(), v.start) {
            self.tags.insert((d, vid), (origin, id));
            return true;
        }
        let mut dates: Vec<DatePos> = super::dates::common_dates(ctx, &v.tasks)
            .into_iter()
            .filter(|&o| o >= self.first)
            .collect();
        dates.sort_by_key(|&o| (o != d, self.days[o].busy_minutes(), o));
        for o in dates {
            if let Some(vid) = self.days[o].insert(ctx, v.business, v.tasks.clone()) {
                self.tags.insert((o, vid), (Origin::New, id));
                return true;
            }
        }
        false
    }

    /// Stage 5 for one task: join any visit from `first` on at its business.
    fn join_announced(&mut self, t: TaskIdx) -> bool {
        self.ctx.scn.task(t).joinable
            && self
                .open_days(t)
                .into_iter()
                .any(|d| self.join_on(t, d, |_| true))
    }
}

/// Whether a visit was created by this re-plan (and may be grown).
fn is_new(o: Origin) -> bool {
    o == Origin::New
}

/// Re-plans `announced` for the (changed) scenario from date `from` on (see the module
/// docs). `options.time_limit` bounds the placing and merging stages; the seed and thread
/// count do not change the plan.
pub fn replan(
    scn: &Scenario,
    travel: &TravelGraph,
    announced: &Plan,
    from: NaiveDate,
    options: &super::Options,
) -> Result<Replanned, crate::error::SolveError> {
    let started = Instant::now();
    let deadline = Deadline::new(started + options.time_limit, &options.cancel);
    let (pool, threads) = super::budget::thread_pool(options.threads)?;
    let mut result = pool.install(|| {
        let ctx = Context::new(scn, travel);
        let split = Split::new(scn, travel, announced, from);
        let own = build(&ctx, &split, announced, from, deadline);
        // The optimizer's own re-plan of the days left, from this re-plan and from the
        // announced plan, as two more candidates; the best by the re-plan objective wins
        // (the first on ties).
        let Some(rest) = days_left(scn, &split.history, from) else {
            return own; // nothing happened yet: the stage-by-stage re-plan is the re-plan
        };
        let starts = [own.outcome.plan.clone(), announced.clone()];
        let mut best = own;
        for start in &starts {
            let other = future(
                &ctx, &split, &rest, announced, start, from, deadline, options,
            );
            if let Some(other) = other {
                if rank(&other) < rank(&best) {
                    best = other;
                }
            }
        }
        best
    });
    let seconds = started.elapsed().as_secs_f64();
    let outcome = &mut result.outcome;
    outcome.seconds = seconds;
    outcome.plan.solver = super::assemble::solver_block(
        outcome.status,
        outcome.dates,
        seconds,
        threads,
        options.seed,
    );
    Ok(result)
}

fn build(
    ctx: &Context,
    split: &Split,
    announced: &Plan,
    from: NaiveDate,
    deadline: Deadline<'_>,
) -> Replanned {
    let scn = ctx.scn;
    let mut week = Week::new(ctx, from);
    let (history, later) = (&split.history, &split.later);
    let (mut done, history_invalid) = place_history(&mut week, split);
    // Stage 1: keep what is still valid.
    let mut kept = Vec::new();
    let mut dropped: Vec<&Visit> = Vec::new();
    for (v, ok) in later.iter().zip(&split.keep[history.len()..]) {
        let placed = (*ok).then(|| super::keep::placed(ctx, v)).flatten();
        match placed {
            Some(p) if !p.tasks.iter().any(|t| done.contains(t)) => {
                done.extend(p.tasks.iter().copied());
                let d = p.date;
                let vid = week.days[d].keep(ctx, p);
                week.tags
                    .insert((d, vid), (Origin::Locked, Some(v.id.clone())));
                kept.push(v.id.clone());
            }
            _ => dropped.push(v),
        }
    }
    // Stage 2: re-crew at the announced time.
    let mut recrewed = Vec::new();
    let mut cancelled: Vec<&Visit> = Vec::new();
    for v in dropped {
        if recrew(&mut week, v, &mut done) {
            recrewed.push(v.id.clone());
        } else {
            cancelled.push(v);
        }
    }
    // Stages 3–5: the rest, highest priority first.
    let mut left: Vec<TaskIdx> = scn
        .task_indices()
        .filter(|t| !done.contains(t) && ctx.schedulable[t.index()])
        .collect();
    left.sort_by_key(|&t| (std::cmp::Reverse(scn.task(t).priority), t));
    let mut still = Vec::new();
    for t in left {
        if super::budget::should_stop(deadline) || !week.place(t) {
            still.push(t);
        }
    }
    week.merge_new(deadline);
    let mut unplaced = Vec::new();
    for t in still {
        let placed = !super::budget::should_stop(deadline)
            && (week.join_announced(t) || week.eject_for(t, deadline));
        if !placed {
            unplaced.push(t);
        }
    }
    let timed_out = super::budget::should_stop(deadline);
    let parts = Parts {
        history,
        history_invalid,
        cancelled: &cancelled,
        kept,
        recrewed,
    };
    finish(&week, announced, parts, &unplaced, timed_out, from)
}

/// The announced plan split at `from`, with the checker's verdict on each visit.
struct Split<'p> {
    /// Visits before `from`, in plan order.
    history: Vec<&'p Visit>,
    /// Visits from `from` on, in plan order.
    later: Vec<&'p Visit>,
    /// Whether each visit may be kept ([`onedoor_check::keepable`]), history first, then
    /// the later visits: history claims its tasks and entries first.
    keep: Vec<bool>,
}

impl<'p> Split<'p> {
    fn new(scn: &Scenario, travel: &TravelGraph, announced: &'p Plan, from: NaiveDate) -> Self {
        let (history, later): (Vec<&Visit>, Vec<&Visit>) =
            announced.visits.iter().partition(|v| v.date < from);
        let ordered = Plan {
            visits: history.iter().chain(&later).map(|v| (*v).clone()).collect(),
            unscheduled: Vec::new(),
            stats: Vec::new(),
            solver: crate::json::Json::Null,
            ..announced.clone()
        };
        let keep = onedoor_check::keepable(scn, travel, &ordered);
        Split {
            history,
            later,
            keep,
        }
    }
}

/// The week from `from` on as a scenario of its own, for the optimizer's re-plan: the
/// working dates before `from` made holidays, the history's tasks given no valid date,
/// each business's `max_visits` lowered by its history visits. `None` when no working
/// date lies before `from` (nothing happened yet).
fn days_left(scn: &Scenario, history: &[&Visit], from: NaiveDate) -> Option<Scenario> {
    let mut rest = scn.clone();
    let past: Vec<NaiveDate> = rest
        .horizon
        .working_dates()
        .into_iter()
        .filter(|d| *d < from)
        .collect();
    let &gone = past.first()?;
    rest.horizon.holidays.extend(past);
    for v in history {
        for t in &v.tasks {
            if let Some(&t) = scn.index.tasks.get(t) {
                let task = &mut rest.tasks[t.index()];
                (task.earliest, task.latest) = (gone, gone);
            }
        }
        if let Some(&b) = scn.index.businesses.get(&v.business) {
            let limit = &mut rest.businesses[b.index()].max_visits;
            *limit = limit.map(|m| m.saturating_sub(1));
        }
    }
    Some(rest)
}

/// The re-plan objective of a candidate: unscheduled priority, disrupted tasks, visits,
/// crew entries, travel.
fn rank(r: &Replanned) -> (u64, usize, u64, u64, u64) {
    let s = &r.outcome.stats;
    (
        s.unscheduled_priority,
        r.disrupted.len(),
        s.visits,
        s.officer_visits,
        s.travel_minutes,
    )
}

/// Another candidate: the optimizer's ordinary re-plan ([`super::plan`] from `start`'s
/// visits from `from` on, which keeps those still valid and then repairs, merges and
/// re-dates freely) of the days left (`rest`, see [`days_left`]), with the history put
/// back. It may leave out less priority than the stage-by-stage re-plan, at the price of
/// more disruption. `None` when it fails.
#[allow(clippy::too_many_arguments)]
fn future(
    ctx: &Context,
    split: &Split,
    rest: &Scenario,
    announced: &Plan,
    start: &Plan,
    from: NaiveDate,
    deadline: Deadline<'_>,
    options: &super::Options,
) -> Option<Replanned> {
    let (scn, travel) = (ctx.scn, ctx.travel);
    let start = Plan {
        visits: start
            .visits
            .iter()
            .filter(|v| v.date >= from)
            .cloned()
            .collect(),
        ..announced.clone()
    };
    let remaining = deadline.remaining();
    let opts = super::Options {
        time_limit: remaining,
        progress: false,
        strategy: super::Strategy::Optimize,
        start: Some(std::sync::Arc::new(super::Start::from_plan(&start))),
        ..options.clone()
    };
    let out = super::plan(rest, travel, &opts).ok()?;
    // Back in the real week: history first, then the candidate's visits.
    let mut week = Week::new(ctx, from);
    let (mut done, history_invalid) = place_history(&mut week, split);
    let (mut kept, mut recrewed, mut used) = (Vec::new(), Vec::new(), HashSet::new());
    for v in &out.plan.visits {
        let p = super::keep::placed(ctx, v)?;
        let same = |a: &Visit| {
            a.business == v.business
                && (a.date, a.start, a.end) == (v.date, v.start, v.end)
                && a.tasks.iter().collect::<BTreeSet<_>>() == v.tasks.iter().collect()
        };
        let was = split
            .later
            .iter()
            .find(|a| same(a) && !used.contains(&a.id));
        let tag = match was {
            Some(a) => {
                used.insert(a.id.clone());
                let crew = |x: &Visit| {
                    x.crew
                        .iter()
                        .map(|c| (c.inspector.clone(), c.department.clone()))
                        .collect::<BTreeSet<_>>()
                };
                if crew(a) == crew(v) {
                    kept.push(a.id.clone());
                } else {
                    recrewed.push(a.id.clone());
                }
                (Origin::Locked, Some(a.id.clone()))
            }
            None => (Origin::New, None),
        };
        done.extend(p.tasks.iter().copied());
        let d = p.date;
        let vid = week.days[d].keep(ctx, p);
        week.tags.insert((d, vid), tag);
    }
    let cancelled: Vec<&Visit> = split
        .later
        .iter()
        .copied()
        .filter(|a| !used.contains(&a.id))
        .collect();
    let unplaced: Vec<TaskIdx> = scn
        .task_indices()
        .filter(|t| !done.contains(t) && ctx.schedulable[t.index()])
        .collect();
    let parts = Parts {
        history: &split.history,
        history_invalid,
        cancelled: &cancelled,
        kept,
        recrewed,
    };
    let timed_out = out.status == Status::TimeLimit;
    Some(finish(&week, announced, parts, &unplaced, timed_out, from))
}

/// What a candidate re-plan is made of, besides its week.
struct Parts<'v> {
    history: &'v [&'v Visit],
    history_invalid: Vec<String>,
    cancelled: &'v [&'v Visit],
    kept: Vec<String>,
    recrewed: Vec<String>,
}

/// The plan of a candidate week, its figures, disrupted tasks and status.
fn finish(
    week: &Week,
    announced: &Plan,
    parts: Parts,
    unplaced: &[TaskIdx],
    timed_out: bool,
    from: NaiveDate,
) -> Replanned {
    let ctx = week.ctx;
    let (scn, travel) = (ctx.scn, ctx.travel);
    let mut plan = assemble(
        week,
        parts.history,
        parts.cancelled,
        announced,
        unplaced,
        timed_out,
        from,
    );
    let stats = crate::figures::plan_stats(scn, travel, &plan);
    plan.stats = stats.to_fields();
    let disrupted = onedoor_core::changes::disrupted(announced, &plan, from);
    let forced: u64 = scn
        .task_indices()
        .filter(|t| !ctx.schedulable[t.index()])
        .map(|t| u64::from(scn.task(t).priority))
        .sum();
    let status = if timed_out {
        Status::TimeLimit
    } else if stats.unscheduled_priority == forced
        && disrupted.is_empty()
        && stats.visits == stats.lower_bound
    {
        Status::Optimal
    } else {
        Status::Feasible
    };
    Replanned {
        outcome: Outcome {
            plan,
            stats,
            seconds: 0.0,
            status,
            dates: super::DateMethod::Replan,
            fallbacks: Vec::new(),
        },
        history: parts.history.iter().map(|v| v.id.clone()).collect(),
        history_invalid: parts.history_invalid,
        kept: parts.kept,
        recrewed: parts.recrewed,
        disrupted,
    }
}

/// Puts the history into the week (where its ids resolve it occupies its date and
/// counts against its business's limit); returns the tasks it holds and the ids of its
/// visits the changed scenario rejects.
fn place_history(week: &mut Week, split: &Split) -> (HashSet<TaskIdx>, Vec<String>) {
    let ctx = week.ctx;
    let mut done = HashSet::new();
    let mut invalid = Vec::new();
    for (v, ok) in split.history.iter().zip(&split.keep) {
        if !ok {
            invalid.push(v.id.clone());
        }
        for t in &v.tasks {
            if let Some(&t) = ctx.scn.index.tasks.get(t) {
                done.insert(t);
            }
        }
        if let Some(p) = super::keep::placed(ctx, v) {
            let d = p.date;
            let vid = week.days[d].keep(ctx, p);
            week.tags
                .insert((d, vid), (Origin::Locked, Some(v.id.clone())));
        }
    }
    (done, invalid)
}

/// Stage 2 for one announced visit: its tasks that still exist and have no visit, at its
/// date and start, with a new crew.
fn recrew(week: &mut Week, v: &Visit, done: &mut HashSet<TaskIdx>) -> bool {
    let ctx = week.ctx;
    let idx = &ctx.scn.index;
    let (Some(&b), Ok(d)) = (
        idx.businesses.get(&v.business),
        ctx.dates.binary_search(&v.date),
    ) else {
        return false;
    };
    let tasks: Vec<TaskIdx> = v
        .tasks
        .iter()
        .filter_map(|t| idx.tasks.get(t).copied())
        .filter(|t| !done.contains(t))
        .collect();
    let usable = d >= week.first
        && !tasks.is_empty()
        && tasks.iter().all(|t| ctx.task_dates[t.index()].contains(&d))
        && fits(ctx, b, &tasks)
        && !at_limit(ctx, &week.days, b);
    if !usable {
        return false;
    }
    let Some(vid) = week.days[d].insert_at(ctx, b, tasks.clone(), v.start.0) else {
        return false;
    };
    done.extend(tasks);
    week.tags
        .insert((d, vid), (Origin::Locked, Some(v.id.clone())));
    true
}

/// The new plan: history as it was, then the visits from `first` on with their ids, and
/// a reason for every task left out.
fn assemble(
    week: &Week,
    history: &[&Visit],
    cancelled: &[&Visit],
    announced: &Plan,
    unplaced: &[TaskIdx],
    timed_out: bool,
    from: NaiveDate,
) -> Plan {
    let ctx = week.ctx;
    let scn = ctx.scn;
    // The placed visits from `first` on, in a fixed order.
    let mut placed: Vec<(DatePos, usize)> = week
        .days
        .iter()
        .skip(week.first)
        .flat_map(|day| day.visits().map(move |(vid, _)| (day.date, vid)))
        .collect();
    let get = |(d, vid): (DatePos, usize)| {
        week.days[d]
            .visits()
            .find(|(i, _)| *i == vid)
            .map(|(_, v)| v)
    };
    placed
        .sort_by_key(|&k| get(k).map(|v| (v.date, v.start, v.business, v.tasks.first().copied())));
    // Ids: the visit's own, else the cancelled visit at its business it shares most
    // tasks with, else a fresh one.
    let mut used: HashSet<String> = announced.visits.iter().map(|v| v.id.clone()).collect();
    let mut taken: HashSet<&str> = week
        .tags
        .values()
        .filter_map(|(_, id)| id.as_deref())
        .collect();
    let mut fresh = announced
        .visits
        .iter()
        .filter_map(|v| v.id.strip_prefix('V').and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    let mut visits: Vec<Visit> = history.iter().map(|v| (*v).clone()).collect();
    for key in placed {
        let Some(v) = get(key) else { continue };
        let own = week.tags.get(&key).and_then(|(_, id)| id.clone());
        let id = own.or_else(|| {
            let names: HashSet<&str> = v.tasks.iter().map(|&t| scn.task(t).id.as_str()).collect();
            let best = cancelled
                .iter()
                .filter(|c| !taken.contains(c.id.as_str()))
                .filter(|c| c.business == scn.business(v.business).id)
                .map(|c| {
                    (
                        c.tasks
                            .iter()
                            .filter(|t| names.contains(t.as_str()))
                            .count(),
                        c,
                    )
                })
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, c)| (*n, std::cmp::Reverse(c.id.as_str())))
                .map(|(_, c)| c.id.as_str());
            best.map(|id| {
                taken.insert(id);
                id.to_owned()
            })
        });
        let id = id.unwrap_or_else(|| loop {
            fresh += 1;
            let id = format!("V{fresh:04}");
            if used.insert(id.clone()) {
                break id;
            }
        });
        visits.push(super::assemble::visit(ctx, v, id));
    }
    let scheduled: HashSet<&str> = visits
        .iter()
        .flat_map(|v| v.tasks.iter().map(String::as_str))
        .collect();
    let unscheduled = scn
        .task_indices()
        .filter(|&t| !scheduled.contains(scn.task(t).id.as_str()))
        .map(|t| {
            let b = scn.task(t).business;
            let full = at_limit(ctx, &week.days, b);
            let tried = unplaced.contains(&t);
            let (reason, detail) = if ctx.facts.fact(t).is_none()
                && !ctx.task_dates[t.index()].iter().any(|&d| d >= week.first)
            {
                (
                    Reason::Capacity,
                    format!("its valid dates are all before the re-plan date {from}"),
                )
            } else {
                super::assemble::reason(ctx, t, tried, full, timed_out)
            };
            Unscheduled {
                task: scn.task(t).id.clone(),
                reason: reason.code().to_owned(),
                detail,
            }
        })
        .collect();
    Plan::new(&scn.name, visits, unscheduled)
}
