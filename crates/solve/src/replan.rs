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
//! A re-plan is the ordinary repair (`repair.rs`) and assembly (`assemble.rs`) inside a
//! [`Scope`]: the dates from `from` on, with the announced visits locked while that costs
//! nothing. What is its own is the order of the stages, which follows the objective, and
//! the change list (ids, what was kept):
//!
//! 1. **Keep**: every announced visit still valid, by the checker's own rules
//!    ([`onedoor_check::keepable`], taken in plan order after the history), stays as it
//!    is — same date, times, tasks and crew — and is locked.
//! 2. **Re-crew**: an announced visit that can no longer be kept (typically a crew member
//!    ill or dropped) is placed again at its own date and start time with the tasks it
//!    still has, with a new crew, and locked. A crew change disturbs no task.
//! 3. **Place the rest** ([`Scope::reinsert`]): tasks without a visit — new tasks, tasks
//!    of visits that could not be re-crewed, tasks the announced plan left out — highest
//!    priority first, on dates from `from` on: joined to a visit of this re-plan at their
//!    business, else in a new visit on the least busy valid date. Nothing locked is
//!    touched, so nothing announced is disturbed.
//! 4. **Merge** ([`Scope::merge_visits`]) the new visits at one business onto one date
//!    where a crew fits (fewer entries, still nothing announced disturbed).
//! 5. **Unlock** (unscheduled priority comes first): each task still left out, highest
//!    priority first, is placed again with the announced visits open to it
//!    ([`Scope::place`]; joining one disturbs its tasks, whose visit-mates change, so it
//!    is tried late), or else
//! 6. **Eject** ([`Scope::eject_one`]): it gets a second chance by taking one visit on
//!    one of its dates out of the way and putting it back at its own start with another
//!    crew (which disturbs nothing) or, failing that, at another time — before the next
//!    task is tried.
//!
//! **Pins** ([`replan_pinned`], the desk's pinned visits): announced visits the
//! coordinator fixed by hand. They are taken first in stage 1 and stay locked through
//! stages 5–6, so nothing joins, moves or ejects them while they are still valid.
//!
//! No stage touches a date before `from`. Ids are given at the end ([`name_visits`]): an
//! announced visit's id goes to the new visit identical to it, else to the one at its
//! business that shares most tasks with it (so it reads "moved from … to …" and calendars
//! update in place); other visits take a fresh id no announced visit used. What the
//! change list calls *kept* is then counted from the plan itself: an announced visit is
//! kept when the visit with its id has the same date, start, end, tasks and crew, and
//! *re-crewed* when only the crew differs.
//!
//! Since stage 1 keeps exactly the valid part of the announced plan and every later stage
//! only adds tasks, a re-plan never leaves out more priority than keeping the announced
//! plan and dropping what became invalid. Beside these stages, the optimizer's own
//! re-plan of the dates left ([`crate::plan`] from a start plan) gives two more
//! candidates; the best by the re-plan objective wins.

use crate::assemble::{self, Frame};
use crate::budget::should_stop;
use crate::budget::{Deadline, Work};
use crate::context::{Context, DatePos};
use crate::crews::DatePlan;
use crate::ids::TaskIdx;
use crate::plan::{Plan, Visit};
use crate::repair::{self, at_limit, Scope};
use crate::scenario::Scenario;
use crate::split::fits;
use crate::travel::TravelGraph;
use crate::{convert, portfolio, DateMethod, Options, Outcome, Status};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashSet};
use std::time::Instant;

/// A finished re-plan.
#[derive(Clone, Debug)]
pub struct Replanned {
    /// The new plan, its figures and solver block filled in.
    pub outcome: Outcome,
    /// Ids of the history visits (before `from`), copied as they were.
    pub history: Vec<String>,
    /// Ids of history visits the changed scenario would reject (kept all the same).
    pub history_invalid: Vec<String>,
    /// Ids of announced visits kept exactly: the new plan's visit of that id has the same
    /// date, start, end, tasks and crew.
    pub kept: Vec<String>,
    /// Ids of announced visits re-crewed at their announced time: the same date, start,
    /// end and tasks, another crew.
    pub recrewed: Vec<String>,
    /// Disrupted tasks (see the module docs), sorted.
    pub disrupted: Vec<String>,
}

/// Re-plans `announced_plan` for the (changed) scenario from date `from` on (see the module
/// docs). `options.time_limit` bounds the placing and merging stages; the seed and thread
/// count do not change the plan.
pub fn replan(
    scn: &Scenario,
    travel: &TravelGraph,
    announced_plan: &Plan,
    from: NaiveDate,
    options: &Options,
) -> Result<Replanned, crate::error::SolveError> {
    replan_pinned(scn, travel, announced_plan, from, &BTreeSet::new(), options)
}

/// [`replan()`] with *pins*: ids of announced visits (from `from` on) that must stay
/// exactly as they are — same date, start, end, tasks and crew — while still valid. A
/// pinned visit is kept first (before the other announced visits claim a business's
/// visits or an officer's time) and stays locked to the end: no later stage joins,
/// moves or ejects it, and a candidate of the optimizer's own re-plan that does not keep
/// every pin the stage-by-stage re-plan kept is not taken. A pin the changed week
/// rejects (its officer now ill, say) is re-crewed like any announced visit (and is then
/// missing from [`Replanned::kept`]). Ids that name no announced visit are ignored.
pub fn replan_pinned(
    scn: &Scenario,
    travel: &TravelGraph,
    announced_plan: &Plan,
    from: NaiveDate,
    pins: &BTreeSet<String>,
    options: &Options,
) -> Result<Replanned, crate::error::SolveError> {
    let started = Instant::now();
    let deadline = Deadline::new(started + options.time_limit, &options.cancel);
    let (pool, threads) = crate::budget::thread_pool(options.threads)?;
    let mut result = pool.install(|| {
        let ctx = Context::new(scn, travel);
        let announced = Announced::new(scn, announced_plan, from, pins);
        let own = stages(&ctx, &announced, deadline);
        let pinned_kept: Vec<String> = own
            .kept
            .iter()
            .filter(|v| pins.contains(*v))
            .cloned()
            .collect();
        // The optimizer's own re-plan of the dates left, from this re-plan and from the
        // announced plan, as two more candidates; the best by the re-plan objective wins
        // (the first on ties).
        let Some(rest) = dates_left(scn, &announced.history, from) else {
            return own; // nothing happened yet: the stage-by-stage re-plan is the re-plan
        };
        let starts = [own.outcome.plan.clone(), announced_plan.clone()];
        let mut best = own;
        for start in &starts {
            if let Some(other) = future(&ctx, &announced, &rest, start, deadline, options) {
                let keeps_pins = pinned_kept.iter().all(|v| other.kept.contains(v));
                if keeps_pins && rank(&other) < rank(&best) {
                    best = other;
                }
            }
        }
        best
    });
    let seconds = started.elapsed().as_secs_f64();
    let outcome = &mut result.outcome;
    outcome.seconds = seconds;
    outcome.plan.solver = assemble::solver_block(
        outcome.status,
        outcome.dates,
        seconds,
        threads,
        options.seed,
        options.effort,
        None, // a re-plan moves only what the change forces: no `--search-for`
    );
    Ok(result)
}

/// The stage-by-stage re-plan (stages 1–6 of the module docs).
fn stages(ctx: &Context, announced: &Announced, deadline: Deadline<'_>) -> Replanned {
    let scn = ctx.scn;
    let mut dates = empty_week(ctx);
    let mut done = place_history(ctx, &mut dates, announced);
    let mut scope = Scope {
        first: announced.first(ctx),
        hold_times: true,
        ..Scope::default()
    };
    // Stage 1: keep what is still valid (the pinned visits first: `announced.later` has
    // them first).
    let mut dropped: Vec<&Visit> = Vec::new();
    let mut pinned = BTreeSet::new();
    for (v, ok) in announced
        .later
        .iter()
        .zip(&announced.keep[announced.history.len()..])
    {
        match ok.then(|| convert::placed(ctx, v)).flatten() {
            Some(p) if !p.tasks.iter().any(|t| done.contains(t)) => {
                done.extend(p.tasks.iter().copied());
                let d = p.date;
                let vid = dates[d].keep(ctx, p);
                scope.locked.insert((d, vid));
                if announced.pins.contains(&v.id) {
                    pinned.insert((d, vid));
                }
            }
            _ => dropped.push(v),
        }
    }
    // Stage 2: re-crew at the announced time.
    for v in dropped {
        if let Some(key) = recrew(ctx, &mut dates, scope.first, v, &mut done) {
            scope.locked.insert(key);
        }
    }
    // Stages 3–4: the rest around the locked visits.
    let left: Vec<TaskIdx> = scn
        .task_indices()
        .filter(|t| !done.contains(t) && ctx.schedulable[t.index()])
        .collect();
    let left = scope.reinsert(ctx, &mut dates, left, deadline);
    scope.merge_visits(ctx, &mut dates, deadline);
    // Stages 5–6: what is still left out may disturb announced visits (but no pinned
    // one). Each task, highest priority first, is placed or else ejected for before the
    // next.
    scope.locked = pinned;
    let left = repair::by_priority(ctx, left, deadline, |t| {
        scope.place(ctx, &mut dates, t) || scope.eject_one(ctx, &mut dates, t)
    });
    replanned(ctx, &dates, announced, &left, should_stop(deadline))
}

/// The announced plan split at `from`, with the checker's verdict on each visit.
struct Announced<'p> {
    /// The announced plan.
    plan: &'p Plan,
    /// The re-plan date.
    from: NaiveDate,
    /// Visits before `from`, in plan order.
    history: Vec<&'p Visit>,
    /// Visits from `from` on: the pinned ones, then the others, each in plan order.
    later: Vec<&'p Visit>,
    /// Ids of the visits that must stay as they are ([`replan_pinned`]).
    pins: &'p BTreeSet<String>,
    /// Whether each visit may be kept ([`onedoor_check::keepable`]), history first, then
    /// the later visits: history claims its tasks and entries first.
    keep: Vec<bool>,
}

impl<'p> Announced<'p> {
    fn new(scn: &Scenario, plan: &'p Plan, from: NaiveDate, pins: &'p BTreeSet<String>) -> Self {
        let (history, later): (Vec<&Visit>, Vec<&Visit>) =
            plan.visits.iter().partition(|v| v.date < from);
        let (mut later, others): (Vec<&Visit>, Vec<&Visit>) =
            later.into_iter().partition(|v| pins.contains(&v.id));
        later.extend(others);
        let ordered = Plan {
            visits: history.iter().chain(&later).map(|v| (*v).clone()).collect(),
            unscheduled: Vec::new(),
            stats: Vec::new(),
            solver: crate::json::Json::Null,
            ..plan.clone()
        };
        let keep = onedoor_check::keepable(scn, &ordered);
        Announced {
            plan,
            from,
            history,
            later,
            pins,
            keep,
        }
    }

    /// The first date position that may change.
    fn first(&self, ctx: &Context) -> DatePos {
        ctx.dates.partition_point(|d| *d < self.from)
    }

    /// Ids of the history visits the changed scenario rejects.
    fn history_invalid(&self) -> Vec<String> {
        self.history
            .iter()
            .zip(&self.keep)
            .filter(|(_, ok)| !**ok)
            .map(|(v, _)| v.id.clone())
            .collect()
    }
}

/// The week from `from` on as a scenario of its own, for the optimizer's re-plan: the
/// working dates before `from` made holidays, the history's tasks given no valid date,
/// each business's `max_visits` lowered by its history visits. `None` when no working
/// date lies before `from` (nothing happened yet).
fn dates_left(scn: &Scenario, history: &[&Visit], from: NaiveDate) -> Option<Scenario> {
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

/// Another candidate: the optimizer's ordinary re-plan ([`crate::plan`] from `start`'s
/// visits from `from` on, which keeps those still valid and then repairs, merges and
/// re-dates freely) of the dates left (`rest`, see [`dates_left`]), with the history put
/// back. It may leave out less priority than the stage-by-stage re-plan, at the price of
/// more disruption. `None` when it fails.
fn future(
    ctx: &Context,
    announced: &Announced,
    rest: &Scenario,
    start: &Plan,
    deadline: Deadline<'_>,
    options: &Options,
) -> Option<Replanned> {
    let start = Plan {
        visits: start
            .visits
            .iter()
            .filter(|v| v.date >= announced.from)
            .cloned()
            .collect(),
        ..announced.plan.clone()
    };
    let opts = Options {
        time_limit: deadline.remaining(),
        progress: false,
        strategy: crate::Strategy::Optimize,
        start: Some(std::sync::Arc::new(crate::Start::from_plan(&start))),
        ..options.clone()
    };
    let out = crate::plan(rest, ctx.travel, &opts).ok()?;
    // Back in the real week: history first, then the candidate's visits.
    let mut dates = empty_week(ctx);
    let mut done = place_history(ctx, &mut dates, announced);
    for v in &out.plan.visits {
        let p = convert::placed(ctx, v)?;
        done.extend(p.tasks.iter().copied());
        dates[p.date].keep(ctx, p);
    }
    let unplaced: Vec<TaskIdx> = ctx
        .scn
        .task_indices()
        .filter(|t| !done.contains(t) && ctx.schedulable[t.index()])
        .collect();
    let timed_out = out.status == Status::TimeLimit;
    Some(replanned(ctx, &dates, announced, &unplaced, timed_out))
}

/// Every working date of the horizon, empty.
fn empty_week(ctx: &Context) -> Vec<DatePlan> {
    (0..ctx.dates.len())
        .map(|d| DatePlan::new(ctx, d, &Work::default()))
        .collect()
}

/// The plan of a candidate week (assembled around the history), its ids, figures,
/// disrupted tasks, what it kept, and its status.
fn replanned(
    ctx: &Context,
    dates: &[DatePlan],
    announced: &Announced,
    unplaced: &[TaskIdx],
    timed_out: bool,
) -> Replanned {
    let frame = Frame {
        from: Some(announced.from),
        history: &announced.history,
    };
    let (mut plan, stats) = assemble::build_in(ctx, dates, unplaced, timed_out, &frame);
    let history = announced.history.len();
    name_visits(&mut plan.visits[history..], announced);
    let (kept, recrewed) = kept_and_recrewed(&announced.later, &plan.visits[history..]);
    let disrupted = onedoor_core::changes::disrupted(announced.plan, &plan, announced.from);
    let status = if timed_out {
        Status::TimeLimit
    } else if portfolio::proven_on_entries(ctx, &stats) && disrupted.is_empty() {
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
            dates: DateMethod::Replan,
            fallbacks: Vec::new(),
        },
        history: announced.history.iter().map(|v| v.id.clone()).collect(),
        history_invalid: announced.history_invalid(),
        kept,
        recrewed,
        disrupted,
    }
}

/// A visit's tasks and crew as sets (their order in a plan file carries no meaning).
fn content(v: &Visit) -> (BTreeSet<&str>, BTreeSet<(&str, &str)>) {
    (
        v.tasks.iter().map(String::as_str).collect(),
        v.crew
            .iter()
            .map(|c| (c.inspector.as_str(), c.department.as_str()))
            .collect(),
    )
}

/// Whether `a` and `b` are the same visit but perhaps for their ids and crews: business,
/// date, start, end and tasks.
fn same_place(a: &Visit, b: &Visit) -> bool {
    (&a.business, a.date, a.start, a.end) == (&b.business, b.date, b.start, b.end)
        && content(a).0 == content(b).0
}

/// Gives the visits from `from` on their ids (see the module docs): each announced id at
/// most once, to the new visit identical to its visit first, then by most tasks shared
/// at its business; the other visits take fresh ids, numbered on from the announced
/// plan's highest, that no announced visit used.
fn name_visits(visits: &mut [Visit], announced: &Announced) {
    let mut taken: HashSet<&str> = announced.history.iter().map(|v| v.id.as_str()).collect();
    let mut pairs: Vec<(bool, usize, usize, usize)> = Vec::new();
    for (j, a) in announced.later.iter().enumerate() {
        let tasks: HashSet<&str> = a.tasks.iter().map(String::as_str).collect();
        for (i, v) in visits
            .iter()
            .enumerate()
            .filter(|(_, v)| v.business == a.business)
        {
            let shared = v
                .tasks
                .iter()
                .filter(|t| tasks.contains(t.as_str()))
                .count();
            let identical = same_place(a, v) && content(a).1 == content(v).1;
            if identical || shared > 0 {
                pairs.push((identical, shared, j, i));
            }
        }
    }
    pairs.sort_by_key(|&(identical, shared, j, i)| (!identical, std::cmp::Reverse(shared), j, i));
    let mut named: Vec<Option<&str>> = vec![None; visits.len()];
    for (_, _, j, i) in pairs {
        let id = announced.later[j].id.as_str();
        if named[i].is_none() && taken.insert(id) {
            named[i] = Some(id);
        }
    }
    let used: HashSet<&str> = announced
        .plan
        .visits
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    let last = announced
        .plan
        .visits
        .iter()
        .filter_map(|v| v.id.strip_prefix('V')?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut fresh = (u128::from(last) + 1..)
        .map(|n| format!("V{n:04}"))
        .filter(|id| !used.contains(id.as_str()));
    let names: Vec<String> = named
        .iter()
        .map(|n| match n {
            Some(id) => (*id).to_owned(),
            None => fresh.next().unwrap_or_default(),
        })
        .collect();
    for (v, id) in visits.iter_mut().zip(names) {
        v.id = id;
    }
}

/// The announced visits kept exactly and those re-crewed at their time, in plan order,
/// judged by the visit of the same id in `visits`.
fn kept_and_recrewed(later: &[&Visit], visits: &[Visit]) -> (Vec<String>, Vec<String>) {
    let (mut kept, mut recrewed) = (Vec::new(), Vec::new());
    for a in later {
        let Some(v) = visits.iter().find(|v| v.id == a.id) else {
            continue;
        };
        if same_place(a, v) {
            if content(a).1 == content(v).1 {
                kept.push(a.id.clone());
            } else {
                recrewed.push(a.id.clone());
            }
        }
    }
    (kept, recrewed)
}

/// Puts the history into the week (where its ids resolve it occupies its date and
/// counts against its business's limit); returns the tasks it holds.
fn place_history(ctx: &Context, dates: &mut [DatePlan], announced: &Announced) -> HashSet<TaskIdx> {
    let mut done = HashSet::new();
    for v in &announced.history {
        done.extend(
            v.tasks
                .iter()
                .filter_map(|t| ctx.scn.index.tasks.get(t).copied()),
        );
        if let Some(p) = convert::placed(ctx, v) {
            let d = p.date;
            dates[d].keep(ctx, p);
        }
    }
    done
}

/// Stage 2 for one announced visit: its tasks that still exist and have no visit, at its
/// date and start, with a new crew; the placed visit's key (date position, id on it).
fn recrew(
    ctx: &Context,
    dates: &mut [DatePlan],
    first: DatePos,
    v: &Visit,
    done: &mut HashSet<TaskIdx>,
) -> Option<(DatePos, usize)> {
    let idx = &ctx.scn.index;
    let b = *idx.businesses.get(&v.business)?;
    let d = ctx.dates.binary_search(&v.date).ok()?;
    let tasks: Vec<TaskIdx> = v
        .tasks
        .iter()
        .filter_map(|t| idx.tasks.get(t).copied())
        .filter(|t| !done.contains(t))
        .collect();
    let usable = d >= first
        && !tasks.is_empty()
        && tasks.iter().all(|t| ctx.task_dates[t.index()].contains(&d))
        && fits(ctx, b, &tasks)
        && !at_limit(ctx, dates, b);
    if !usable {
        return None;
    }
    let vid = dates[d].insert_at(ctx, b, tasks.clone(), v.start.0)?;
    done.extend(tasks);
    Some((d, vid))
}
