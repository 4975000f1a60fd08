//! The route search: ruin and recreate on one date's routes, with visits that move in
//! time.
//!
//! Everywhere before this stage a visit, once placed, keeps its start: a later visit fits
//! only into a gap the earlier ones left in every crew member's day, and a crew member's
//! visits are never reordered. Where two officers must start together that is costly:
//! a pair's day holds gaps neither can use alone, and a route, once built, is never made
//! shorter.
//!
//! Here a date is held as **routes** ([`Routes`]): each inspector's visits in order, and
//! no times. The times follow from the routes in one forward pass ([`Routes::times`]):
//! a visit starts once its whole crew has arrived (the latest arrival, or its opening);
//! a crew member is free when it ends. Routes are valid when every visit then starts
//! inside its window (at its pinned start, if it has one), every crew member is back at
//! base by the end of the day, and the visits' order has no cycle (one officer has `a`
//! before `b`, another `b` before `a`). A visit placed into the middle of a route pushes
//! the later visits of its crew, and of their partners, later in the day; the pass says
//! whether that is still valid. An insertion is timed from the starts before it, pushing
//! later only the visits it delays ([`Routes::pushed`], exactly the full pass's starts):
//! on a date of 200 visits most of a check's cost was the full pass.
//!
//! **Insertion** ([`Routes::insert`]) places a visit with the cheapest crew and positions
//! that stay valid: per seat (department × officers, then the certified members the
//! rules still need), able inspectors at their cheapest few positions by extra travel;
//! crews of fewest entries, then least extra travel, are tried in that order.
//!
//! The search, per date, in rounds (a work limit fixed by the plan's size, so the plan
//! does not depend on the machine or the thread count):
//!
//! - first a **polish**: each visit taken out and inserted again (a cheaper crew, other
//!   positions, other officers), and each route's segments reversed (2-opt), while
//!   travel falls;
//! - then **ruin and recreate**: a few visits taken out (at random, near one another,
//!   close in time, or one officer's whole day) and inserted again in a random order,
//!   hardest first or most valuable first, then the tasks left out that are valid on the
//!   date (joining a visit at their business, or a visit of their own). A round is kept
//!   when the objective — unscheduled priority, then visits, crew entries and travel —
//!   improves, and also, with travel up to a threshold that falls to zero over the
//!   rounds, when the first three levels do not get worse — or, while tasks valid on
//!   the date are left out, when no more priority is left out and at most one visit is
//!   added (serving a pair in part frees an officer for another business); the best
//!   state seen is what the date ends with.
//!
//! A round aimed at a task left out takes out, half the time, visits near its business
//! in place and time, and otherwise visits from the days of a crew that could serve it
//! ([`freed`]: an able inspector per seat, drawn at random, and their visits overlapping
//! the business's window, wherever they are): two officers who must start together are
//! kept out by their own days, which may lie far from the business. Half the time it
//! places that task before what it took out goes back: what must make way is then what
//! is left out.
//!
//! **Across dates.** Where tasks are left out and the horizon has more than one date,
//! cross-date rounds follow the dates' own searches (a certified officer short on one
//! date may be free on another, which no search inside a date can use). Each aims at a
//! task left out on one of its valid dates: room is made near it and it is placed first;
//! a visit that then makes way is placed first on another of its own valid dates, with
//! room made there the same way, and that date gets a short search of its own (what made
//! way there may be worth less than what stayed). A round is kept when the objective over
//! the two dates improves. They end after `CROSS_STALL` rounds without a better plan, or on
//! a quarter of the stage's work, and are not run on plans of more than `LARGE` visits
//! (every date's routes and travel cache are then held at once).
//!
//! A date whose objective improved is written back with each visit as close to its start
//! before the search as the new routes allow (one pass back for the latest starts that
//! keep the rest valid, one forward), a new visit at its earliest start: a plan moves no
//! more than the search made it. Dates run one after another (a business's visit limit
//! counts visits on every date). A re-plan skips the stage (it moves only what the change
//! forces).
//!
//! Small dates end after a quarter of their rounds (at least `STALL`) without a better
//! state — half (at least `STALL_LEFT`) while tasks valid on the date are left out — so
//! a week of a few visits a day spends little here.

use super::dates::Best;
use crate::budget::Run;
use crate::context::{Context, DatePos};
use crate::crews::{self, DatePlan, Placed};
use crate::figures::Objective;
use crate::ids::{BizIdx, DeptIdx, InspIdx, NodeIdx, TaskIdx};
use crate::{assemble, convert, split, Stage};
use onedoor_core::travel::TravelGraph;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Instant;

/// Work the route search may spend on a solve: stops visited by the timing passes, full
/// or quick ([`Routes::pushed`]), and positions looked at by insertions.
const WORK: u64 = 60_000_000;
/// Visits of a plan up to which the route search gets all of `WORK` ([`work`]).
const LARGE: usize = 3000;
/// Rounds of ruin and recreate per visit of a date, at most.
const ROUNDS_PER_VISIT: usize = 40;
/// Rounds of ruin and recreate on a date, at least (a small date's rounds are cheap).
const MIN_ROUNDS: usize = 1500;
/// Rounds without a better state after which a date's search ends, at least.
const STALL: usize = 200;
/// The same while tasks valid on the date are left out.
const STALL_LEFT: usize = 1000;
/// Further starts of a date's search (from its best routes, with seeds of their own)
/// while tasks valid on it are left out, on dates of at most `SMALL_DATE` visits.
const EXTRA_STARTS: u64 = 3;
/// Most visits of a date that gets `EXTRA_STARTS`.
const SMALL_DATE: usize = 60;
/// Cross-date rounds per task left out (at least `CROSS_STALL`).
const CROSS_ROUNDS_PER_TASK: usize = 20;
/// Cross-date rounds without a better plan after which they end.
const CROSS_STALL: usize = 50;
/// Rounds of the short search of a date that took a visit in, in a cross-date round.
const REPAIR_ROUNDS: usize = 10;
/// Work of that search, at most.
const REPAIR_WORK: u64 = 200_000;
/// Most tasks left out a date tries again per round, and most left out for
/// `EXTRA_STARTS`.
const PLACE_TRIES: usize = 12;
/// Positions kept per inspector when a visit is inserted (the cheapest by extra travel).
const POSITIONS: usize = 6;
/// Options tried per seat in the crew search of an insertion.
const TRIED_PER_SEAT: usize = 6;
/// Crews collected per insertion, at most.
const MAX_CREWS: usize = 96;
/// Crews whose timing is checked per insertion, at most.
const MAX_CHECKS: usize = 48;
/// Extra travel a sideways round may bring at first, as a share of the date's travel
/// (it falls to zero over the rounds), while tasks valid on the date are left out: the
/// search then looks for room more than for short routes.
const THRESHOLD_LEFT: f64 = 0.2;
/// The same once every task valid on the date is placed: routes are then made short.
const THRESHOLD: f64 = 0.005;

/// One visit of a route: what it checks and when it may start.
#[derive(Clone, Debug)]
struct Stop {
    business: BizIdx,
    node: NodeIdx,
    tasks: Rc<[TaskIdx]>,
    duration: u32,
    /// Earliest start: the window's opening, or the pinned start.
    earliest: u32,
    /// Latest start: the window's close less the duration, or the pinned start.
    latest: u32,
    crew: Rc<[(InspIdx, DeptIdx)]>,
}

impl Stop {
    /// The visit of `tasks` at `b`, crew still empty; None when it fits no window.
    fn new(ctx: &Context, b: BizIdx, tasks: Vec<TaskIdx>) -> Option<Stop> {
        let window = ctx.window[b.index()]?;
        let duration = ctx.duration(&tasks);
        let pinned = tasks
            .iter()
            .find_map(|&t| ctx.scn.task(t).pinned.and_then(|p| p.start))
            .map(|p| p.0);
        let close = window.end.0.checked_sub(duration)?;
        let (earliest, latest) = match pinned {
            Some(p) => (p, p),
            None => (window.start.0, close),
        };
        (earliest >= window.start.0 && earliest <= latest && latest <= close).then(|| Stop {
            business: b,
            node: ctx.scn.node_of_business(b),
            tasks: tasks.into(),
            duration,
            earliest,
            latest,
            crew: Rc::from([]),
        })
    }
}

/// One date as routes: each inspector's visits in order (module docs).
#[derive(Clone)]
struct Routes {
    date: DatePos,
    /// The visits by id; a taken-out visit leaves `None` (its id reused, see `free`).
    stops: Vec<Option<Stop>>,
    /// Ids of `stops` that are `None`.
    free: Vec<usize>,
    /// Each inspector's visits in order.
    seq: Vec<Vec<usize>>,
}

/// A seat of a crew being chosen: who, at which position of their route, acting for
/// which department, at what extra travel.
#[derive(Clone, Copy)]
struct Choice {
    insp: InspIdx,
    pos: usize,
    dept: DeptIdx,
    cost: u32,
}

/// Unscheduled priority, visits, crew entries, travel minutes: the objective's levels.
type Score = (u64, usize, usize, u64);

/// What one date's search needs besides its routes.
struct Env<'c, 'x> {
    ctx: &'c Context<'x>,
    /// Travel minutes between the date's places.
    legs: Legs<'c>,
    /// Inspectors available on the date.
    available: Vec<bool>,
    /// Visits per business on the other dates.
    elsewhere: Vec<usize>,
    /// Work done (stops passed by the timing).
    work: Cell<u64>,
    /// The timing pass's buffers, kept between passes.
    scratch: RefCell<Scratch>,
}

/// The buffers of [`Routes::times`]: per visit the latest arrival and the crew still to
/// come; per inspector the position in their route and where and when they are free; the
/// visits whose crew has all arrived.
#[derive(Default)]
struct Scratch {
    arrive: Vec<u32>,
    need: Vec<usize>,
    pos: Vec<usize>,
    at: Vec<(NodeIdx, u32)>,
    ready: Vec<usize>,
}

impl<'c, 'x> Env<'c, 'x> {
    /// The environment of `routes`' date, with `left` left out (its travel cache holds
    /// the inspectors' bases, the visits and the tasks left out that are valid there).
    fn new(
        ctx: &'c Context<'x>,
        routes: &Routes,
        left: &[TaskIdx],
        elsewhere: Vec<usize>,
    ) -> Env<'c, 'x> {
        let d = routes.date;
        let mut nodes: Vec<NodeIdx> = ctx.scn.inspectors.iter().map(|i| i.base).collect();
        nodes.extend(routes.ids().into_iter().map(|id| routes.stop(id).node));
        nodes.extend(
            left.iter()
                .filter(|t| ctx.task_dates[t.index()].contains(&d))
                .map(|&t| ctx.scn.node_of_business(ctx.scn.task(t).business)),
        );
        Env {
            ctx,
            legs: Legs::new(ctx.travel, nodes),
            available: ctx
                .scn
                .inspectors
                .iter()
                .map(|i| i.available_on(ctx.dates[d]))
                .collect(),
            elsewhere,
            work: Cell::new(0),
            scratch: RefCell::default(),
        }
    }

    fn spend(&self, amount: u64) {
        self.work.set(self.work.get() + amount);
    }

    fn spent(&self) -> u64 {
        self.work.get()
    }

    fn minutes(&self, a: NodeIdx, b: NodeIdx) -> Option<u32> {
        self.legs.minutes(a, b)
    }
}

/// Not yet looked up, in [`Legs`].
const UNKNOWN: u32 = u32::MAX;
/// No path, in [`Legs`].
const NO_PATH: u32 = u32::MAX - 1;
/// Most places of one date whose travel minutes are kept in a matrix.
const MAX_LEGS: usize = 4096;

/// Travel minutes between the places of one date, looked up in the travel graph once
/// and kept (the search asks for the same legs millions of times).
struct Legs<'t> {
    travel: &'t TravelGraph,
    /// Each node's row in the matrix (`u32::MAX`: not kept).
    local: Vec<u32>,
    nodes: usize,
    cells: Vec<Cell<u32>>,
}

impl<'t> Legs<'t> {
    /// The legs between `nodes`; none kept when there are more than `MAX_LEGS`.
    fn new(travel: &'t TravelGraph, mut nodes: Vec<NodeIdx>) -> Legs<'t> {
        nodes.sort_unstable();
        nodes.dedup();
        if nodes.len() > MAX_LEGS {
            nodes.clear();
        }
        let size = nodes.last().map_or(0, |n| n.index() + 1);
        let mut local = vec![u32::MAX; size];
        for (k, n) in nodes.iter().enumerate() {
            local[n.index()] = k as u32;
        }
        Legs {
            travel,
            local,
            nodes: nodes.len(),
            cells: vec![Cell::new(UNKNOWN); nodes.len() * nodes.len()],
        }
    }

    fn minutes(&self, a: NodeIdx, b: NodeIdx) -> Option<u32> {
        let row = |n: NodeIdx| {
            self.local
                .get(n.index())
                .copied()
                .filter(|&k| k != u32::MAX)
        };
        let (Some(ra), Some(rb)) = (row(a), row(b)) else {
            return self.travel.minutes(a, b);
        };
        let cell = &self.cells[ra as usize * self.nodes + rb as usize];
        let m = match cell.get() {
            UNKNOWN => {
                let m = self.travel.minutes(a, b).unwrap_or(NO_PATH);
                cell.set(m);
                m
            }
            m => m,
        };
        (m != NO_PATH).then_some(m)
    }
}

impl Routes {
    /// The routes of a placed date: each inspector's visits by start.
    fn of(ctx: &Context, date: &DatePlan) -> Routes {
        let mut stops = Vec::new();
        let mut seq: Vec<Vec<(u32, u32, usize)>> = vec![Vec::new(); ctx.scn.inspectors.len()];
        for (_, v) in date.visits() {
            let id = stops.len();
            for (i, _) in &v.crew {
                seq[i.index()].push((v.start, v.end, id));
            }
            let stop = Stop::new(ctx, v.business, v.tasks.clone()).map(|mut s| {
                s.crew = v.crew.as_slice().into();
                // A start plan's visit may sit outside what a new one may do (kept as
                // it was): its own start bounds it.
                s.earliest = s.earliest.min(v.start);
                s.latest = s.latest.max(v.start);
                s.duration = v.end - v.start;
                s
            });
            stops.push(Some(stop.unwrap_or_else(|| Stop {
                business: v.business,
                node: ctx.scn.node_of_business(v.business),
                tasks: v.tasks.as_slice().into(),
                duration: v.end - v.start,
                earliest: v.start,
                latest: v.start,
                crew: v.crew.as_slice().into(),
            })));
        }
        let seq = seq
            .into_iter()
            .map(|mut s| {
                s.sort_unstable();
                s.into_iter().map(|(_, _, id)| id).collect()
            })
            .collect();
        Routes {
            date: date.date,
            stops,
            free: Vec::new(),
            seq,
        }
    }

    fn stop(&self, id: usize) -> &Stop {
        self.stops[id]
            .as_ref()
            .expect("a route holds only placed visits")
    }

    fn node_at(&self, ctx: &Context, i: usize, pos: usize) -> NodeIdx {
        match self.seq[i].get(pos) {
            Some(&id) => self.stop(id).node,
            None => ctx.scn.inspectors[i].base,
        }
    }

    /// The node before position `pos` of inspector `i`'s route (the base at the start).
    fn node_before(&self, ctx: &Context, i: usize, pos: usize) -> NodeIdx {
        match pos.checked_sub(1) {
            Some(p) => self.stop(self.seq[i][p]).node,
            None => ctx.scn.inspectors[i].base,
        }
    }

    /// The start of every visit (by id; 0 for free ids), or None when the routes are not
    /// valid (module docs). Adds the stops it passed to `work`.
    fn times(&self, env: &Env) -> Option<Vec<u32>> {
        let ctx = env.ctx;
        let hours = ctx.scn.horizon.hours;
        let n = self.stops.len();
        let mut scratch = env.scratch.borrow_mut();
        let Scratch {
            arrive,
            need,
            pos,
            at,
            ready,
        } = &mut *scratch;
        arrive.clear();
        arrive.resize(n, 0);
        need.clear();
        need.extend(
            self.stops
                .iter()
                .map(|s| s.as_ref().map_or(0, |s| s.crew.len())),
        );
        pos.clear();
        pos.resize(self.seq.len(), 0);
        at.clear();
        at.extend(ctx.scn.inspectors.iter().map(|i| (i.base, hours.start.0)));
        ready.clear();
        let mut start = vec![0u32; n];
        let offer = |i: usize,
                     pos: &[usize],
                     at: &[(NodeIdx, u32)],
                     arrive: &mut [u32],
                     need: &mut [usize],
                     ready: &mut Vec<usize>|
         -> Option<()> {
            if let Some(&v) = self.seq[i].get(pos[i]) {
                let (node, free) = at[i];
                let t = env.minutes(node, self.stop(v).node)?;
                arrive[v] = arrive[v].max(free + t);
                need[v] -= 1;
                if need[v] == 0 {
                    ready.push(v);
                }
            }
            Some(())
        };
        for i in 0..self.seq.len() {
            if !self.seq[i].is_empty() {
                offer(i, pos, at, arrive, need, ready)?;
            }
        }
        let mut done = 0;
        while let Some(v) = ready.pop() {
            let s = self.stop(v);
            let st = arrive[v].max(s.earliest);
            if st > s.latest {
                return None;
            }
            start[v] = st;
            done += 1;
            for (i, _) in s.crew.iter() {
                let i = i.index();
                pos[i] += 1;
                at[i] = (s.node, st + s.duration);
                offer(i, pos, at, arrive, need, ready)?;
            }
        }
        env.spend(n as u64 + self.seq.len() as u64);
        if done != n - self.free.len() {
            return None; // a cycle
        }
        for (i, &(node, free)) in at.iter().enumerate() {
            if self.seq[i].is_empty() {
                continue;
            }
            let back = env.minutes(node, ctx.scn.inspectors[i].base)?;
            if free + back > hours.end.0 {
                return None;
            }
        }
        Some(start)
    }

    /// The starts once visit `id`, just inserted, is timed: the same as [`Routes::times`]
    /// gives, found from `times` (the starts before the insertion) by pushing later only
    /// the visits the new one delays. None when the routes are no longer valid.
    ///
    /// An insertion only adds to what each visit waits for, as long as a detour through
    /// the new visit is no shorter than the leg it replaces; then the old starts are a
    /// lower bound of the new ones, and raising, in order of time, each visit whose crew
    /// now arrives later reaches exactly the starts of the full pass. Where the detour
    /// would be shorter (travel minutes need not obey the triangle inequality), or the
    /// visit lasts no time at all (a cycle through it would not show), the full pass is
    /// run instead. A cycle through the new visit pushes it later on each turn until a
    /// window closes; the pass stops at the first visit that starts too late.
    fn pushed(&self, env: &Env, times: &[u32], id: usize) -> Option<Vec<u32>> {
        let ctx = env.ctx;
        let hours = ctx.scn.horizon.hours;
        let new = self.stop(id);
        if new.duration == 0 {
            return self.times(env);
        }
        let at = |i: usize, v: usize| self.seq[i].iter().position(|&x| x == v);
        for (i, _) in new.crew.iter() {
            let i = i.index();
            let p = at(i, id)?;
            if let Some(&next) = self.seq[i].get(p + 1) {
                let prev = self.node_before(ctx, i, p);
                let next = self.stop(next).node;
                let old = env.minutes(prev, next)?;
                let detour =
                    env.minutes(prev, new.node)? + new.duration + env.minutes(new.node, next)?;
                if old > detour {
                    return self.times(env);
                }
            }
        }
        let mut start = times.to_vec();
        start.resize(self.stops.len(), 0);
        // The earliest start of visit `v` as its crew's previous visits now stand.
        let ready = |start: &[u32], v: usize| -> Option<u32> {
            let s = self.stop(v);
            let mut t = s.earliest;
            for (i, _) in s.crew.iter() {
                let i = i.index();
                let p = at(i, v)?;
                let arrive = match p.checked_sub(1) {
                    Some(q) => {
                        let prev = self.seq[i][q];
                        let ps = self.stop(prev);
                        start[prev] + ps.duration + env.minutes(ps.node, s.node)?
                    }
                    None => hours.start.0 + env.minutes(ctx.scn.inspectors[i].base, s.node)?,
                };
                t = t.max(arrive);
            }
            Some(t)
        };
        let mut queue = std::collections::BinaryHeap::new();
        let mut changed = Vec::new();
        env.spend(1);
        let first = ready(&start, id)?;
        if first > new.latest {
            return None;
        }
        start[id] = first;
        changed.push(id);
        let mut from = id;
        loop {
            let s = self.stop(from);
            for (i, _) in s.crew.iter() {
                let i = i.index();
                if let Some(&next) = at(i, from).and_then(|p| self.seq[i].get(p + 1)) {
                    queue.push(Reverse((start[from] + s.duration, next)));
                }
            }
            let Some(v) = std::iter::from_fn(|| queue.pop()).find_map(|Reverse((_, v))| {
                env.spend(1);
                match ready(&start, v) {
                    None => Some(None),
                    Some(t) if t > start[v] => Some(Some((v, t))),
                    Some(_) => None,
                }
            }) else {
                break;
            };
            let (v, t) = v?;
            if t > self.stop(v).latest {
                return None;
            }
            start[v] = t;
            changed.push(v);
            from = v;
        }
        for &v in &changed {
            let s = self.stop(v);
            for (i, _) in s.crew.iter() {
                let i = i.index();
                if self.seq[i].last() == Some(&v) {
                    let back = env.minutes(s.node, ctx.scn.inspectors[i].base)?;
                    if start[v] + s.duration + back > hours.end.0 {
                        return None;
                    }
                }
            }
        }
        Some(start)
    }

    /// Starts for the routes as close to each visit's `target` (its start before the
    /// search) as they allow, the earliest for a visit without one; None when the routes
    /// are not valid. Visits sorted by their earliest starts are in an order every route
    /// follows (a visit ends, and its crew travels, before the next begins), so one pass
    /// back gives each visit's latest start that keeps the rest valid, and one pass
    /// forward the starts.
    fn settle(&self, env: &Env, target: impl Fn(&Stop) -> Option<u32>) -> Option<Vec<u32>> {
        let ctx = env.ctx;
        let end_of_day = ctx.scn.horizon.hours.end.0;
        let early = self.times(env)?;
        let mut ids = self.ids();
        ids.sort_by_key(|&id| (early[id], id));
        let mut late = vec![0u32; self.stops.len()];
        for &v in ids.iter().rev() {
            let s = self.stop(v);
            let mut l = s.latest;
            for (i, _) in s.crew.iter() {
                let seq = &self.seq[i.index()];
                let p = seq.iter().position(|&x| x == v)?;
                let bound = match seq.get(p + 1) {
                    Some(&next) => late[next]
                        .checked_sub(env.minutes(s.node, self.stop(next).node)? + s.duration)?,
                    None => end_of_day.checked_sub(
                        env.minutes(s.node, ctx.scn.inspectors[i.index()].base)? + s.duration,
                    )?,
                };
                l = l.min(bound);
            }
            late[v] = l;
        }
        let hours_start = ctx.scn.horizon.hours.start.0;
        let mut free: Vec<(NodeIdx, u32)> = ctx
            .scn
            .inspectors
            .iter()
            .map(|i| (i.base, hours_start))
            .collect();
        let mut start = vec![0u32; self.stops.len()];
        for &v in &ids {
            let s = self.stop(v);
            let mut at = s.earliest;
            for (i, _) in s.crew.iter() {
                let (node, t) = free[i.index()];
                at = at.max(t + env.minutes(node, s.node)?);
            }
            let st = at.max(target(s).unwrap_or(0).min(late[v]));
            if st > late[v] {
                return None;
            }
            start[v] = st;
            for (i, _) in s.crew.iter() {
                free[i.index()] = (s.node, st + s.duration);
            }
        }
        Some(start)
    }

    /// Travel minutes of inspector `i`'s route, base to base.
    fn route_travel(&self, env: &Env, i: usize) -> u64 {
        let ctx = env.ctx;
        let base = ctx.scn.inspectors[i].base;
        let mut at = base;
        let mut total = 0u64;
        for &id in &self.seq[i] {
            let node = self.stop(id).node;
            total += u64::from(env.minutes(at, node).unwrap_or(0));
            at = node;
        }
        if !self.seq[i].is_empty() {
            total += u64::from(env.minutes(at, base).unwrap_or(0));
        }
        total
    }

    /// Travel minutes of the date.
    fn travel(&self, env: &Env) -> u64 {
        (0..self.seq.len()).map(|i| self.route_travel(env, i)).sum()
    }

    fn visit_count(&self) -> usize {
        self.stops.len() - self.free.len()
    }

    fn crew_entries(&self) -> usize {
        self.seq.iter().map(Vec::len).sum()
    }

    fn score(&self, env: &Env, left: &[TaskIdx]) -> Score {
        (
            env.ctx.priority(left),
            self.visit_count(),
            self.crew_entries(),
            self.travel(env),
        )
    }

    /// Adds this date's visits to `per_business` (each business's visits), or takes
    /// them away.
    fn count(&self, per_business: &mut [usize], add: bool) {
        for s in self.stops.iter().flatten() {
            let n = &mut per_business[s.business.index()];
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        }
    }

    /// The ids of the placed visits, in id order.
    fn ids(&self) -> Vec<usize> {
        (0..self.stops.len())
            .filter(|&id| self.stops[id].is_some())
            .collect()
    }

    /// Visits at `b` on this date.
    fn visits_at(&self, b: BizIdx) -> Vec<usize> {
        (0..self.stops.len())
            .filter(|&id| self.stops[id].as_ref().is_some_and(|s| s.business == b))
            .collect()
    }

    /// Visits `ids` taken out of every route, as units (business and tasks).
    fn take_out(&mut self, ids: Vec<usize>) -> Units {
        ids.into_iter()
            .filter_map(|id| self.remove(id))
            .map(|s| (s.business, s.tasks.to_vec()))
            .collect()
    }

    /// Takes visit `id` out of every route; returns it.
    fn remove(&mut self, id: usize) -> Option<Stop> {
        let stop = self.stops.get_mut(id)?.take()?;
        for (i, _) in stop.crew.iter() {
            self.seq[i.index()].retain(|&s| s != id);
        }
        self.free.push(id);
        Some(stop)
    }

    /// Extra travel of putting `node` at position `pos` of inspector `i`'s route.
    fn extra(&self, env: &Env, i: usize, pos: usize, node: NodeIdx) -> Option<u32> {
        let ctx = env.ctx;
        let prev = self.node_before(ctx, i, pos);
        let next = self.node_at(ctx, i, pos);
        let t_in = env.minutes(prev, node)?;
        let t_out = env.minutes(node, next)?;
        let old = if self.seq[i].is_empty() {
            0
        } else {
            env.minutes(prev, next).unwrap_or(0)
        };
        Some((t_in + t_out).saturating_sub(old))
    }

    /// Places a visit of `tasks` at `b` with the cheapest valid crew and positions
    /// (module docs); returns the new times, or None (the routes unchanged) when no crew
    /// fits. `times` are the current starts, used to skip positions that cannot work.
    fn insert(
        &mut self,
        env: &Env,
        times: &[u32],
        b: BizIdx,
        tasks: Vec<TaskIdx>,
    ) -> Option<Vec<u32>> {
        let ctx = env.ctx;
        let scn = ctx.scn;
        let stop = Stop::new(ctx, b, tasks)?;
        let roles = ctx.roles(&stop.tasks);
        // Every able inspector's cheapest positions.
        let mut options: Vec<Choice> = Vec::new();
        let mut looked = 0u64;
        for &i in &ctx.nearby[b.index()] {
            if !(env.available[i.index()]
                && crews::may_join(ctx, i, b, &roles, self.seq[i.index()].len()))
            {
                continue;
            }
            let insp = scn.inspector(i);
            let Some(&(dept, _)) = roles.iter().find(|(d, _)| insp.may_act_for(*d)) else {
                continue;
            };
            looked += self.seq[i.index()].len() as u64 + 1;
            let mut here: Vec<Choice> = (0..=self.seq[i.index()].len())
                .filter(|&p| self.could_fit(env, times, i.index(), p, &stop))
                .filter_map(|p| {
                    self.extra(env, i.index(), p, stop.node).map(|cost| Choice {
                        insp: i,
                        pos: p,
                        dept,
                        cost,
                    })
                })
                .collect();
            here.sort_by_key(|c| (c.cost, c.pos));
            here.truncate(POSITIONS);
            options.extend(here);
        }
        env.spend(looked + options.len() as u64);
        let crews = crew_choices(ctx, &roles, &options);
        let id = self.free.pop().unwrap_or_else(|| {
            self.stops.push(None);
            self.stops.len() - 1
        });
        for (_, crew) in crews.into_iter().take(MAX_CHECKS) {
            let mut placed = stop.clone();
            placed.crew = crew.iter().map(|c| (c.insp, c.dept)).collect();
            self.stops[id] = Some(placed);
            for c in &crew {
                self.seq[c.insp.index()].insert(c.pos, id);
            }
            if let Some(t) = self.pushed(env, times, id) {
                return Some(t);
            }
            for c in &crew {
                self.seq[c.insp.index()].remove(c.pos);
            }
        }
        self.stops[id] = None;
        self.free.push(id);
        None
    }

    /// Visit `id` taken out and a visit of `tasks` at `b` inserted in its place (the same
    /// visit elsewhere, or one with more tasks); the new times, or None when it found no
    /// place (the routes are then left without visit `id`: callers restore a snapshot).
    fn replace(
        &mut self,
        env: &Env,
        id: usize,
        b: BizIdx,
        tasks: Vec<TaskIdx>,
    ) -> Option<Vec<u32>> {
        self.remove(id);
        let times = self.times(env)?;
        self.insert(env, &times, b, tasks)
    }

    /// Whether a visit could go at position `pos` of inspector `i`'s route as far as the
    /// current times tell: the previous visit's end and the travel before the latest
    /// start, and the earliest end and the travel before the next visit's latest start.
    fn could_fit(&self, env: &Env, times: &[u32], i: usize, pos: usize, stop: &Stop) -> bool {
        let ctx = env.ctx;
        let hours = ctx.scn.horizon.hours;
        let base = ctx.scn.inspectors[i].base;
        let ready = match pos.checked_sub(1) {
            Some(p) => {
                let id = self.seq[i][p];
                times[id] + self.stop(id).duration
            }
            None => hours.start.0,
        };
        let prev = self.node_before(ctx, i, pos);
        let Some(t_in) = env.minutes(prev, stop.node) else {
            return false;
        };
        if ready + t_in > stop.latest {
            return false;
        }
        let end = (ready + t_in).max(stop.earliest) + stop.duration;
        match self.seq[i].get(pos) {
            Some(&next) => {
                let n = self.stop(next);
                env.minutes(stop.node, n.node)
                    .is_some_and(|t| end + t <= n.latest)
            }
            None => env
                .minutes(stop.node, base)
                .is_some_and(|t| end + t <= hours.end.0),
        }
    }
}

/// The crews to try for a visit of `roles`, from `options` (every able inspector at a
/// few positions): every role filled by distinct inspectors, then the certified members
/// the rules need; fewest entries, then least extra travel first.
fn crew_choices(
    ctx: &Context,
    roles: &[(DeptIdx, u32)],
    options: &[Choice],
) -> Vec<(u64, Vec<Choice>)> {
    let scn = ctx.scn;
    let mut seats: Vec<(DeptIdx, Vec<usize>)> = Vec::new();
    for &(d, n) in roles {
        let mut able: Vec<usize> = (0..options.len())
            .filter(|&k| scn.inspector(options[k].insp).may_act_for(d))
            .collect();
        able.sort_by_key(|&k| (options[k].cost, options[k].insp, options[k].pos));
        for _ in 0..n {
            seats.push((d, able.clone()));
        }
    }
    seats.sort_by_key(|(d, a)| (a.len(), *d));
    let mut out = Vec::new();
    let mut chosen = Vec::new();
    fill(ctx, roles, options, &seats, 0, &mut chosen, &mut out);
    // Each crew's seats in one order, so that equal crews sort together.
    for (_, crew) in &mut out {
        crew.sort_by_key(|c| (c.insp, c.pos, c.dept));
    }
    out.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| seat_keys(a).cmp(seat_keys(b))));
    out.dedup_by(|(_, a), (_, b)| seat_keys(a).eq(seat_keys(b)));
    out
}

/// A crew's seats as comparable keys.
fn seat_keys(crew: &[Choice]) -> impl Iterator<Item = (InspIdx, usize, DeptIdx)> + '_ {
    crew.iter().map(|c| (c.insp, c.pos, c.dept))
}

/// The crew DFS of [`crew_choices`]: seat by seat, a few options each.
fn fill(
    ctx: &Context,
    roles: &[(DeptIdx, u32)],
    options: &[Choice],
    seats: &[(DeptIdx, Vec<usize>)],
    seat: usize,
    chosen: &mut Vec<Choice>,
    out: &mut Vec<(u64, Vec<Choice>)>,
) {
    if out.len() >= MAX_CREWS {
        return;
    }
    if seat == seats.len() {
        if let Some(crew) = complete(ctx, roles, options, chosen) {
            let cost: u64 = crew.iter().map(|c| u64::from(c.cost)).sum();
            out.push(((crew.len() as u64) << 32 | cost, crew));
        }
        return;
    }
    let (d, able) = &seats[seat];
    let mut tried = 0;
    for &k in able {
        let c = options[k];
        if chosen.iter().any(|x| x.insp == c.insp) {
            continue;
        }
        tried += 1;
        if tried > TRIED_PER_SEAT {
            break;
        }
        chosen.push(Choice { dept: *d, ..c });
        fill(ctx, roles, options, seats, seat + 1, chosen, out);
        chosen.pop();
    }
}

/// The crew `chosen` with the certified members the rules still need added (the
/// cheapest, each acting for a department of the visit they may act for); None when
/// there are not enough.
fn complete(
    ctx: &Context,
    roles: &[(DeptIdx, u32)],
    options: &[Choice],
    chosen: &[Choice],
) -> Option<Vec<Choice>> {
    let scn = ctx.scn;
    let need = scn.rules.min_certified_per_visit as usize;
    let have = chosen
        .iter()
        .filter(|c| scn.inspector(c.insp).certified)
        .count();
    let mut crew = chosen.to_vec();
    if have >= need {
        return Some(crew);
    }
    let mut extra: Vec<&Choice> = options
        .iter()
        .filter(|c| scn.inspector(c.insp).certified)
        .collect();
    extra.sort_by_key(|c| (c.cost, c.insp, c.pos));
    for c in extra {
        if crew.len() - chosen.len() == need - have {
            break;
        }
        if crew.iter().any(|x| x.insp == c.insp) {
            continue;
        }
        let insp = scn.inspector(c.insp);
        let dept = roles.iter().find(|(d, _)| insp.may_act_for(*d))?.0;
        crew.push(Choice { dept, ..*c });
    }
    (crew.len() - chosen.len() == need - have).then_some(crew)
}

/// Work limit of the route search for a plan of `visits` visits (0: none): `WORK` up
/// to `LARGE` visits, then falling with the square of the size. A timing pass costs in
/// proportion to a date's visits, and a date of thousands of places outgrows the travel
/// cache (`MAX_LEGS`): on a province (21,643 visits in one part) the full work took 18 s
/// of a 24 s solve, so a province gets almost none, as it gets no date search. A
/// date's rounds follow from the work: `ROUNDS_PER_VISIT` per visit, at least
/// `MIN_ROUNDS`, in proportion to the work given (`--effort` multiplies both).
pub fn work(visits: usize) -> u64 {
    if visits == 0 {
        return 0;
    }
    let shrink = (LARGE as f64 / visits as f64).min(1.0);
    (WORK as f64 * shrink * shrink) as u64
}

/// Runs the route search on `best`'s dates within `work` (see the module docs), and
/// takes the result when it beats `best`.
pub fn search(ctx: &Context, run: &Run, best: &mut Best, work: u64) {
    search_from(ctx, run, best, work, 0, None);
}

/// [`search`] as restart `restart` (0: the first; each restart draws from a seed of its
/// own), also ending at `until` when given (`--search-for`).
pub fn search_from(
    ctx: &Context,
    run: &Run,
    best: &mut Best,
    work: u64,
    restart: u64,
    until: Option<Instant>,
) {
    if work == 0 || ctx.dates.is_empty() {
        return;
    }
    let Some((dates, mut left)) = convert::date_plans_of(ctx, &best.0, &run.work) else {
        return;
    };
    run.stage(Stage::RouteSearch);
    // Each date's share of the work is in proportion to its visits, a date without any
    // counted as one: the shares add up to `work` however many dates the horizon has.
    let total: usize = dates.iter().map(|d| d.visit_count().max(1)).sum();
    let mut per_business = vec![0usize; ctx.scn.businesses.len()];
    for d in &dates {
        for (_, v) in d.visits() {
            per_business[v.business.index()] += 1;
        }
    }
    // Each date's routes as the search leaves them, and the date written from them: Some
    // once they beat the date's plan.
    let mut found: Vec<Found> = vec![None; dates.len()];
    for (k, date) in dates.iter().enumerate() {
        let here = date.visit_count();
        let routes = Routes::of(ctx, date);
        let mut elsewhere = per_business.clone();
        routes.count(&mut elsewhere, false);
        let share = (work as f64 * here.max(1) as f64 / total as f64) as u64;
        let env = Env::new(ctx, &routes, &left, elsewhere);
        // Rounds grow with the work given (`--effort` multiplies it).
        let rounds = ((ROUNDS_PER_VISIT * here).max(MIN_ROUNDS) as f64
            * (work as f64 / WORK as f64)) as usize;
        let mut from = routes.clone();
        let mut result = None;
        for start in 0..=EXTRA_STARTS {
            let ended = until.is_some_and(|u| Instant::now() >= u);
            if run.out_of_time() || ended || env.spent() >= share {
                break;
            }
            let seed = restart * (EXTRA_STARTS + 1) + start;
            if let Some((routes, times)) = search_date(
                &env,
                run,
                from.clone(),
                &mut left,
                share,
                rounds,
                (seed, until),
            ) {
                from = routes.clone();
                result = Some((routes, times));
            }
            // Starting again, from the best routes with another seed, only pays where
            // tasks valid here are still left out and the date is small.
            let open = left.iter().filter(|&&t| open_on(ctx, date.date, t)).count();
            if open == 0 || open > PLACE_TRIES || here > SMALL_DATE {
                break;
            }
        }
        if let Some((after, times)) = result {
            // The visit counts of this date as it now is.
            routes.count(&mut per_business, false);
            after.count(&mut per_business, true);
            let plan = written(&env, date, &after, times, &run.work);
            found[k] = Some((after, plan));
        }
    }
    let cross = (work / 4, restart, until);
    let moved = across(ctx, run, &dates, &mut found, &mut left, per_business, cross);
    if !moved && found.iter().all(Option::is_none) {
        return;
    }
    let out: Vec<DatePlan> = dates
        .iter()
        .zip(found)
        .map(|(date, result)| result.map_or_else(|| date.clone(), |(_, plan)| plan))
        .collect();
    left.sort();
    let (plan, stats) = assemble::build(ctx, &out, &left, false);
    if Objective::from(&stats) < Objective::from(&best.1) {
        run.best(&stats);
        *best = (plan, stats);
    }
}

/// A date's routes as the search left them and the date written from them
/// ([`written`]), when they beat the date's plan.
type Found = Option<(Routes, DatePlan)>;

/// A date of the cross-date rounds: its routes and their times, None when its plan
/// cannot be read as valid routes (it then takes no part).
type Day = Option<(Routes, Vec<u32>)>;

/// What made way on a date: the visits that found no place again there.
type Units = Vec<(BizIdx, Vec<TaskIdx>)>;

/// The cross-date rounds (module docs), within `work`: each aims at a task left out, on
/// one of its dates; what must make way there may go to another of its own dates, where
/// it is placed first. A round is kept when the objective improves. Returns whether a
/// date changed (its routes and plan are then in `found`).
fn across(
    ctx: &Context,
    run: &Run,
    dates: &[DatePlan],
    found: &mut [Found],
    left: &mut Vec<TaskIdx>,
    mut per_business: Vec<usize>,
    (work, restart, until): (u64, u64, Option<Instant>),
) -> bool {
    let open_somewhere = |left: &[TaskIdx]| -> Vec<TaskIdx> {
        left.iter()
            .copied()
            .filter(|&t| ctx.schedulable[t.index()] && !ctx.task_dates[t.index()].is_empty())
            .collect()
    };
    let open = open_somewhere(left).len();
    // Every date's routes and travel cache are held at once: not on plans beyond
    // `LARGE` visits (where the route search's own work is cut down too).
    let visits: usize = dates.iter().map(DatePlan::visit_count).sum();
    if dates.len() < 2 || work == 0 || open == 0 || visits > LARGE {
        return false;
    }
    let mut days: Vec<Day> = Vec::with_capacity(dates.len());
    let mut envs = Vec::with_capacity(dates.len());
    for (date, result) in dates.iter().zip(found.iter()) {
        let routes = match result {
            Some((routes, _)) => routes.clone(),
            None => Routes::of(ctx, date),
        };
        let env = Env::new(ctx, &routes, left, Vec::new());
        let times = routes.times(&env);
        days.push(times.map(|t| (routes, t)));
        envs.push(env);
    }
    let index: BTreeMap<DatePos, usize> =
        dates.iter().enumerate().map(|(k, d)| (d.date, k)).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(
        run.seed ^ 0xc2b2_ae3d_27d4_eb4f ^ restart.wrapping_mul(0x1656_67b1_9e37_79f9),
    );
    let mut changed = vec![false; dates.len()];
    let mut since_best = 0;
    for _ in 0..(CROSS_ROUNDS_PER_TASK * open).max(CROSS_STALL) {
        let ended = until.is_some_and(|u| Instant::now() >= u);
        let spent: u64 = envs.iter().map(Env::spent).sum();
        if spent >= work || run.should_stop() || ended || since_best > CROSS_STALL {
            break;
        }
        since_best += 1;
        let Some(&u) = open_somewhere(left).choose(&mut rng) else {
            break;
        };
        let valid: Vec<usize> = ctx.task_dates[u.index()]
            .iter()
            .filter_map(|d| index.get(d).copied())
            .filter(|&k| days[k].is_some())
            .collect();
        let Some(&aimed_at) = valid.choose(&mut rng) else {
            continue;
        };
        // The dates a round touches as they were, and the visit counts.
        let mut saved: Vec<(usize, Day)> = vec![(aimed_at, days[aimed_at].clone())];
        let counts = per_business.clone();
        let mut now = left.clone();
        let mut touched = vec![aimed_at];
        let b = ctx.scn.task(u).business;
        let room = make_room(
            &mut envs,
            &mut days,
            &mut per_business,
            aimed_at,
            (b, None),
            &mut now,
            &mut rng,
        );
        let Some(mut made_way) = room else {
            restore(&mut days, saved, &mut per_business, counts);
            continue;
        };
        if !made_way.is_empty() {
            let (at, tasks) = made_way.swap_remove(rng.random_range(0..made_way.len()));
            let others: Vec<usize> = (0..dates.len())
                .filter(|&k| {
                    k != aimed_at
                        && days[k].is_some()
                        && tasks
                            .iter()
                            .all(|t| ctx.task_dates[t.index()].contains(&dates[k].date))
                })
                .collect();
            match others.choose(&mut rng) {
                Some(&k) => {
                    touched.push(k);
                    saved.push((k, days[k].clone()));
                    let room = make_room(
                        &mut envs,
                        &mut days,
                        &mut per_business,
                        k,
                        (at, Some(tasks)),
                        &mut now,
                        &mut rng,
                    );
                    match room {
                        Some(more) => made_way.extend(more),
                        None => {
                            restore(&mut days, saved, &mut per_business, counts);
                            continue;
                        }
                    }
                }
                None => now.extend(tasks),
            }
        }
        for (_, tasks) in made_way {
            now.extend(tasks);
        }
        // Room left on the dates touched goes to whatever is still left out there.
        for &k in &touched {
            on_date(
                &mut envs,
                &mut days,
                &mut per_business,
                k,
                |env, routes, times| {
                    place_left(env, routes, times, &mut now, &mut rng, None);
                },
            );
        }
        // The date that took the visit in: a short search of its own, as what made way
        // there may matter more than what stayed.
        if let Some(&k) = touched.get(1) {
            on_date(
                &mut envs,
                &mut days,
                &mut per_business,
                k,
                |env, routes, times| {
                    // Its work counted from zero (`search_date` takes a limit on the total).
                    let spent = env.work.replace(0);
                    let seed = rng.random::<u64>();
                    if let Some(better) = search_date(
                        env,
                        run,
                        routes.clone(),
                        &mut now,
                        REPAIR_WORK,
                        REPAIR_ROUNDS,
                        (seed, until),
                    ) {
                        (*routes, *times) = better;
                    }
                    env.spend(spent);
                },
            );
        }
        let after = cross_score(ctx, &envs, &now, touched.iter().map(|&k| (k, &days[k])));
        let before = cross_score(ctx, &envs, left, saved.iter().map(|(k, day)| (*k, day)));
        if after < before {
            *left = now;
            for k in touched {
                changed[k] = true;
            }
            since_best = 0;
        } else {
            restore(&mut days, saved, &mut per_business, counts);
        }
    }
    let mut any = false;
    for (k, day) in days.into_iter().enumerate() {
        if let (true, Some((routes, times))) = (changed[k], day) {
            any = true;
            let plan = written(&envs[k], &dates[k], &routes, times, &run.work);
            found[k] = Some((routes, plan));
        }
    }
    any
}

/// The objective's levels over some dates (each with its position in `envs`), with
/// `left` left out.
fn cross_score<'d>(
    ctx: &Context,
    envs: &[Env],
    left: &[TaskIdx],
    days: impl Iterator<Item = (usize, &'d Day)>,
) -> Score {
    let mut score = (ctx.priority(left), 0, 0, 0);
    for (k, day) in days {
        if let Some((routes, _)) = day {
            score.1 += routes.visit_count();
            score.2 += routes.crew_entries();
            score.3 += routes.travel(&envs[k]);
        }
    }
    score
}

/// The dates of `saved` put back in `days`, and the visit counts.
fn restore(
    days: &mut [Day],
    saved: Vec<(usize, Day)>,
    per_business: &mut Vec<usize>,
    counts: Vec<usize>,
) {
    for (k, day) in saved {
        days[k] = day;
    }
    *per_business = counts;
}

/// Room made on date `k` of `days` near business `b`, and filled there first: by
/// `tasks` when given (a visit that made way on another date), else by the tasks of
/// `now` at `b`; then what was taken out goes back. Returns what found no place again,
/// or None when the date is not valid routes once the room is made. `per_business`
/// counts the visits of every date.
fn make_room(
    envs: &mut [Env],
    days: &mut [Day],
    per_business: &mut [usize],
    k: usize,
    (b, tasks): (BizIdx, Option<Vec<TaskIdx>>),
    now: &mut Vec<TaskIdx>,
    rng: &mut impl Rng,
) -> Option<Units> {
    on_date(envs, days, per_business, k, |env, routes, times| {
        let ruined = aimed(env, routes, times, b, rng);
        let mut units = routes.take_out(ruined);
        *times = routes.times(env)?;
        // What was taken out at `b` goes back first (tasks may join it, and the
        // business's visit limit counts it).
        let first = take_at(&mut units, b);
        // The rest in a random order: which visit must make way decides where the
        // round leads.
        units.shuffle(rng);
        let mut made_way = put_back(env, routes, times, first);
        match tasks {
            Some(tasks) => {
                if !new_visit(env, routes, times, b, tasks.clone()) {
                    now.extend(tasks);
                }
            }
            None => place_left(env, routes, times, now, rng, Some(b)),
        }
        made_way.extend(put_back(env, routes, times, units));
        Some(made_way)
    })
    .flatten()
}

/// `work` done on date `k` of `days` with the date's environment, whose counts of the
/// other dates' visits are first brought up to date; `per_business` counts the visits
/// of every date, before and after. None when the date takes no part.
fn on_date<R>(
    envs: &mut [Env],
    days: &mut [Day],
    per_business: &mut [usize],
    k: usize,
    work: impl FnOnce(&Env, &mut Routes, &mut Vec<u32>) -> R,
) -> Option<R> {
    let (routes, times) = days[k].as_mut()?;
    routes.count(per_business, false);
    envs[k].elsewhere = per_business.to_vec();
    let result = work(&envs[k], routes, times);
    routes.count(per_business, true);
    Some(result)
}

/// The visits of `units` placed again where they fit ([`new_visit`], which keeps each
/// business's visit limit), in order; those that found no place.
fn put_back(env: &Env, routes: &mut Routes, times: &mut Vec<u32>, units: Units) -> Units {
    let mut misfits = Units::new();
    for (b, tasks) in units {
        if !new_visit(env, routes, times, b, tasks.clone()) {
            misfits.push((b, tasks));
        }
    }
    misfits
}

/// The units of `units` at business `b`, taken out (each part keeps its order).
fn take_at(units: &mut Units, b: BizIdx) -> Units {
    let (at_b, rest) = std::mem::take(units)
        .into_iter()
        .partition(|(at, _)| *at == b);
    *units = rest;
    at_b
}

/// The date `routes` stand for, written with each visit as close to its start in `date`
/// (the date before the search) as the routes allow — a plan changes no more than the
/// search made it — and a new visit at its earliest start (`times`).
fn written(
    env: &Env,
    date: &DatePlan,
    routes: &Routes,
    times: Vec<u32>,
    work: &crate::budget::Work,
) -> DatePlan {
    let before: BTreeMap<(BizIdx, Vec<TaskIdx>), u32> = date
        .visits()
        .map(|(_, v)| {
            let mut tasks = v.tasks.clone();
            tasks.sort();
            ((v.business, tasks), v.start)
        })
        .collect();
    let target = |s: &Stop| {
        let mut tasks = s.tasks.to_vec();
        tasks.sort();
        before.get(&(s.business, tasks)).copied()
    };
    let times = routes.settle(env, target).unwrap_or(times);
    to_date(env.ctx, routes, &times, work)
}

/// The placed date of `routes`, every visit at its start in `times`.
fn to_date(ctx: &Context, routes: &Routes, times: &[u32], work: &crate::budget::Work) -> DatePlan {
    let mut plan = DatePlan::new(ctx, routes.date, work);
    for id in routes.ids() {
        let s = routes.stop(id);
        plan.keep(
            ctx,
            Placed {
                business: s.business,
                date: routes.date,
                tasks: s.tasks.to_vec(),
                start: times[id],
                end: times[id] + s.duration,
                crew: s.crew.to_vec(),
            },
        );
    }
    plan
}

/// The search on one date (module docs), within `budget` work: the better routes, their
/// times, and the tasks still left out (in `left`), or None when nothing improved.
fn search_date(
    env: &Env,
    run: &Run,
    mut routes: Routes,
    left: &mut Vec<TaskIdx>,
    budget: u64,
    rounds: usize,
    (restart, until): (u64, Option<Instant>),
) -> Option<(Routes, Vec<u32>)> {
    let ctx = env.ctx;
    let d = routes.date;
    let start_score = routes.score(env, left);
    // The routes must be valid as read (a start plan's visits are kept as they were).
    let mut times = routes.times(env)?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(
        run.seed
            ^ 0x7a0d_5eed
            ^ (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ restart.wrapping_mul(0xd1b5_4a32_d192_ed03),
    );
    polish(env, &mut routes, &mut times, budget / 4);
    let mut now = left.clone();
    place_left(env, &mut routes, &mut times, &mut now, &mut rng, None);
    let mut current = routes.score(env, &now);
    let mut best = (current, routes.clone(), now.clone());
    // A date where the best state has not changed for a quarter of its rounds (at
    // least STALL) is left: small dates stop early.
    let mut since_best = 0;
    for round in 0..rounds {
        let ended = until.is_some_and(|u| Instant::now() >= u);
        // Longer while tasks valid on the date are left out: room is worth more rounds.
        let stall = if open_here(ctx, d, &best.2) {
            (rounds / 2).max(STALL_LEFT)
        } else {
            (rounds / 4).max(STALL)
        };
        if env.spent() >= budget || run.should_stop() || ended || since_best > stall {
            break;
        }
        since_best += 1;
        let snapshot = (routes.clone(), times.clone(), now.clone());
        // Aimed, while tasks valid here are left out: room near one of them.
        let open: Vec<TaskIdx> = now
            .iter()
            .copied()
            .filter(|&t| open_on(ctx, d, t))
            .collect();
        let mut target = None;
        let ruined = if !open.is_empty() && rng.random_bool(0.4) {
            let b = ctx.scn.task(open[rng.random_range(0..open.len())]).business;
            // Half the time the room made is the target's before anything taken out
            // goes back (a visit that must make way is then the one left out).
            target = rng.random_bool(0.5).then_some(b);
            if rng.random_bool(0.5) {
                aimed(env, &routes, &times, b, &mut rng)
            } else {
                freed(env, &routes, &times, &now, b, &mut rng)
            }
        } else {
            pick_ruin(env, &routes, &times, &mut rng)
        };
        if ruined.is_empty() {
            if routes.visit_count() == 0 {
                break; // nothing placed on the date to take out: no round can change it
            }
            continue;
        }
        let mut units = routes.take_out(ruined);
        let Some(t) = routes.times(env) else {
            (routes, times, now) = snapshot;
            continue;
        };
        times = t;
        match rng.random_range(0..3) {
            0 => units.shuffle(&mut rng),
            1 => units.sort_by_cached_key(|(b, tasks)| crews::difficulty(ctx, *b, tasks)),
            _ => units.sort_by_key(|(b, tasks)| (Reverse(ctx.priority(tasks)), *b)),
        }
        if let Some(b) = target {
            // What was taken out at the target's business goes back first (its tasks
            // may join it there, and its visit limit counts it).
            let first = take_at(&mut units, b);
            let misfits = put_back(env, &mut routes, &mut times, first);
            now.extend(misfits.into_iter().flat_map(|(_, tasks)| tasks));
            place_left(env, &mut routes, &mut times, &mut now, &mut rng, Some(b));
        }
        // The visit limit holds (`put_back`): a task left out may have taken a visit's
        // place.
        let misfits = put_back(env, &mut routes, &mut times, units);
        now.extend(misfits.into_iter().flat_map(|(_, tasks)| tasks));
        place_left(env, &mut routes, &mut times, &mut now, &mut rng, None);
        let after = routes.score(env, &now);
        let open_after = open_here(ctx, d, &now);
        let share = if open_after {
            THRESHOLD_LEFT
        } else {
            THRESHOLD
        };
        let threshold = share * current.3 as f64 * (1.0 - round as f64 / rounds as f64);
        let sideways = (after.0, after.1, after.2) <= (current.0, current.1, current.2)
            && (after.3 as f64) <= current.3 as f64 + threshold;
        // While tasks valid here are left out, a round that leaves out no more may also
        // add a visit: serving one task of a pair and leaving its partner out frees an
        // officer for another business, and the gain may come only a few rounds later
        // (the best state still ranks visits second).
        let wider = open_after && after.0 <= current.0 && after.1 <= current.1 + 1;
        let sideways = sideways || wider;
        if after < current || sideways {
            current = after;
            if after < best.0 {
                best = (after, routes.clone(), now.clone());
                since_best = 0;
            }
        } else {
            (routes, times, now) = snapshot;
        }
    }
    let (_, mut routes, mut now) = best;
    let mut times = routes.times(env)?;
    polish(env, &mut routes, &mut times, budget / 4);
    (routes.score(env, &now) < start_score).then(|| {
        now.sort();
        *left = now;
        (routes, times)
    })
}

/// Whether task `t`, left out, is *open* on date `d`: some plan could schedule it and
/// `d` is one of its valid dates.
fn open_on(ctx: &Context, d: DatePos, t: TaskIdx) -> bool {
    ctx.schedulable[t.index()] && ctx.task_dates[t.index()].contains(&d)
}

/// Whether a task of `left` is open on date `d` ([`open_on`]).
fn open_here(ctx: &Context, d: DatePos, left: &[TaskIdx]) -> bool {
    left.iter().any(|&t| open_on(ctx, d, t))
}

/// The tasks of `left` valid on the routes' date (at business `only`, when given) placed
/// where they fit, most priority first: joining a visit at their business when they may,
/// else in a visit of their own where the business's visit limit allows.
fn place_left(
    env: &Env,
    routes: &mut Routes,
    times: &mut Vec<u32>,
    left: &mut Vec<TaskIdx>,
    rng: &mut impl Rng,
    only: Option<BizIdx>,
) {
    let ctx = env.ctx;
    let d = routes.date;
    let mut here: Vec<TaskIdx> = Vec::new();
    left.retain(|&t| {
        let valid = open_on(ctx, d, t) && only.is_none_or(|b| ctx.scn.task(t).business == b);
        if valid {
            here.push(t);
        }
        !valid
    });
    // Where many are left out (scarce certificates), a round tries a few of them, drawn
    // at random: trying every one in every round took most of the search's time.
    if here.len() > PLACE_TRIES {
        here.shuffle(rng);
        left.extend(here.drain(PLACE_TRIES..));
    }
    here.sort_by_key(|&t| (Reverse(ctx.scn.task(t).priority), t));
    let mut by_business: BTreeMap<BizIdx, Vec<TaskIdx>> = BTreeMap::new();
    for t in here {
        let b = ctx.scn.task(t).business;
        if ctx.scn.task(t).joinable && join(env, routes, times, b, t) {
            continue;
        }
        by_business.entry(b).or_default().push(t);
    }
    for (b, tasks) in by_business {
        let (groups, misfits) = split::into_visits(ctx, b, tasks);
        left.extend(misfits);
        for g in groups {
            if new_visit(env, routes, times, b, g.clone()) {
                continue;
            }
            // The group as a whole found no crew: its tasks one by one, most priority
            // first (a visit of its own, or joining one placed just now).
            for t in g {
                let joined = ctx.scn.task(t).joinable && join(env, routes, times, b, t);
                if !joined && !new_visit(env, routes, times, b, vec![t]) {
                    left.push(t);
                }
            }
        }
    }
}

/// A visit of `tasks` at `b` placed where the business's visit limit allows; whether
/// it was.
fn new_visit(
    env: &Env,
    routes: &mut Routes,
    times: &mut Vec<u32>,
    b: BizIdx,
    tasks: Vec<TaskIdx>,
) -> bool {
    let limit = env.ctx.scn.business(b).max_visits.map(|m| m as usize);
    let count = env.elsewhere[b.index()] + routes.visits_at(b).len();
    if limit.is_some_and(|m| count >= m) {
        return false;
    }
    match routes.insert(env, times, b, tasks) {
        Some(t) => {
            *times = t;
            true
        }
        None => false,
    }
}

/// Task `t` joined to a visit at `b` on the routes' date: the visit taken out and
/// placed again with `t` (another crew and positions if need be); the routes as they
/// were when none takes it.
fn join(env: &Env, routes: &mut Routes, times: &mut Vec<u32>, b: BizIdx, t: TaskIdx) -> bool {
    let ctx = env.ctx;
    for id in routes.visits_at(b) {
        let mut all = routes.stop(id).tasks.to_vec();
        all.push(t);
        if !split::fits(ctx, b, &all) {
            continue;
        }
        let snapshot = (routes.clone(), times.clone());
        match routes.replace(env, id, b, all) {
            Some(t) => {
                *times = t;
                return true;
            }
            None => (*routes, *times) = snapshot,
        }
    }
    false
}

/// The polish: each visit taken out and inserted again, and 2-opt on each route, while
/// travel falls and `budget` work lasts.
fn polish(env: &Env, routes: &mut Routes, times: &mut Vec<u32>, budget: u64) {
    let limit = env.spent().saturating_add(budget);
    for _ in 0..4 {
        let mut better = false;
        for id in routes.ids() {
            if env.spent() >= limit {
                return;
            }
            let Some(stop) = routes.stops[id].clone() else {
                continue;
            };
            let before = routes.crew_entries();
            let travel = routes.travel(env);
            let snapshot = (routes.clone(), times.clone());
            match routes.replace(env, id, stop.business, stop.tasks.to_vec()) {
                Some(t) if (routes.crew_entries(), routes.travel(env)) < (before, travel) => {
                    *times = t;
                    better = true;
                }
                _ => (*routes, *times) = snapshot,
            }
        }
        for i in 0..routes.seq.len() {
            let len = routes.seq[i].len();
            for a in 0..len.saturating_sub(1) {
                for z in a + 1..len {
                    if env.spent() >= limit {
                        return;
                    }
                    let before = routes.route_travel(env, i);
                    routes.seq[i][a..=z].reverse();
                    let after = routes.route_travel(env, i);
                    let valid = after < before && {
                        match routes.times(env) {
                            Some(t) => {
                                *times = t;
                                true
                            }
                            None => false,
                        }
                    };
                    if valid {
                        better = true;
                    } else {
                        routes.seq[i][a..=z].reverse();
                    }
                }
            }
        }
        if !better {
            return;
        }
    }
}

/// The visits to take out in a round: a few at random, a visit and its nearest
/// neighbours, a visit and those closest to it in time, one officer's whole day, or
/// strings of consecutive visits in routes near a visit ([`strings`]).
fn pick_ruin(env: &Env, routes: &Routes, times: &[u32], rng: &mut impl Rng) -> Vec<usize> {
    let ids = routes.ids();
    if ids.is_empty() {
        return Vec::new();
    }
    let k = rng.random_range(2..=8usize).min(ids.len());
    let seed = ids[rng.random_range(0..ids.len())];
    match rng.random_range(0..5) {
        0 => ids.choose_multiple(rng, k).copied().collect(),
        1 => {
            let node = routes.stop(seed).node;
            let mut by: Vec<(u32, usize)> = ids
                .iter()
                .map(|&id| {
                    let to = routes.stop(id).node;
                    (env.minutes(node, to).unwrap_or(u32::MAX), id)
                })
                .collect();
            by.sort_unstable();
            by.into_iter().take(k).map(|(_, id)| id).collect()
        }
        2 => {
            let at = times[seed];
            let mut by: Vec<(u32, usize)> =
                ids.iter().map(|&id| (times[id].abs_diff(at), id)).collect();
            by.sort_unstable();
            by.into_iter().take(k).map(|(_, id)| id).collect()
        }
        3 => {
            let (i, _) = routes.stop(seed).crew[rng.random_range(0..routes.stop(seed).crew.len())];
            routes.seq[i.index()].clone()
        }
        _ => strings(env, routes, seed, rng),
    }
}

/// Aimed ruin: the visits nearest business `b` in place and time — travel minutes to
/// it plus the minutes their start lies outside its window — two to eight of them, so
/// that a task left out there may find room.
fn aimed(env: &Env, routes: &Routes, times: &[u32], b: BizIdx, rng: &mut impl Rng) -> Vec<usize> {
    let node = env.ctx.scn.node_of_business(b);
    let Some(window) = env.ctx.window[b.index()] else {
        return Vec::new();
    };
    let (ws, we) = (window.start.0, window.end.0);
    let mut by: Vec<(u32, usize)> = routes
        .ids()
        .into_iter()
        .map(|id| {
            let travel = env
                .minutes(node, routes.stop(id).node)
                .unwrap_or(u32::MAX / 2);
            let t = times[id];
            let outside = ws.saturating_sub(t) + t.saturating_sub(we);
            (travel.saturating_add(outside), id)
        })
        .collect();
    by.sort_unstable();
    let k = rng.random_range(2..=8usize);
    by.into_iter().take(k).map(|(_, id)| id).collect()
}

/// Room in the days of a crew that could serve business `b`: per seat of the tasks
/// there (those left out in `left` that are open on the date, and those of its visits),
/// an able inspector drawn at random, certified ones added while the rules need more,
/// and one to three of each one's visits that overlap the business's window (widened by
/// the travel between them); the visits at `b` too. Where officers must start together,
/// what keeps a visit out is a member's day, which may lie far from the business.
fn freed(
    env: &Env,
    routes: &Routes,
    times: &[u32],
    left: &[TaskIdx],
    b: BizIdx,
    rng: &mut impl Rng,
) -> Vec<usize> {
    let ctx = env.ctx;
    let scn = ctx.scn;
    let Some(window) = ctx.window[b.index()] else {
        return Vec::new();
    };
    let node = scn.node_of_business(b);
    let mut out = routes.visits_at(b);
    let mut tasks: Vec<TaskIdx> = left
        .iter()
        .copied()
        .filter(|&t| scn.task(t).business == b && open_on(ctx, routes.date, t))
        .collect();
    for &id in &out {
        tasks.extend(routes.stop(id).tasks.iter().copied());
    }
    let roles = ctx.roles(&tasks);
    let able = |chosen: &[InspIdx], dept: Option<DeptIdx>| -> Vec<InspIdx> {
        ctx.nearby[b.index()]
            .iter()
            .copied()
            .filter(|&i| {
                let insp = scn.inspector(i);
                env.available[i.index()]
                    && !chosen.contains(&i)
                    && !insp.recuse.contains(&b)
                    && match dept {
                        Some(d) => insp.may_act_for(d),
                        None => insp.certified && roles.iter().any(|(d, _)| insp.may_act_for(*d)),
                    }
            })
            .collect()
    };
    let mut chosen: Vec<InspIdx> = Vec::new();
    for &(d, n) in &roles {
        for _ in 0..n {
            if let Some(&i) = able(&chosen, Some(d)).choose(rng) {
                chosen.push(i);
            }
        }
    }
    let need = scn.rules.min_certified_per_visit as usize;
    while chosen
        .iter()
        .filter(|&&i| scn.inspector(i).certified)
        .count()
        < need
    {
        let Some(&i) = able(&chosen, None).choose(rng) else {
            break;
        };
        chosen.push(i);
    }
    for i in chosen {
        let mut theirs: Vec<usize> = routes.seq[i.index()]
            .iter()
            .copied()
            .filter(|&id| {
                let s = routes.stop(id);
                let reach = env.minutes(node, s.node).unwrap_or(u32::MAX / 4);
                times[id] < window.end.0.saturating_add(reach)
                    && times[id] + s.duration + reach > window.start.0
            })
            .collect();
        theirs.shuffle(rng);
        theirs.truncate(rng.random_range(1..=3));
        out.extend(theirs);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Strings: in up to three routes passing near visit `seed`, a run of one to five
/// consecutive visits around the visit nearest it (the removal of the SISR method of
/// Christiaens and Vanden Berghe, 2020): the routes can then be rejoined otherwise.
fn strings(env: &Env, routes: &Routes, seed: usize, rng: &mut impl Rng) -> Vec<usize> {
    let node = routes.stop(seed).node;
    let mut by: Vec<(u32, usize)> = routes
        .ids()
        .into_iter()
        .map(|id| {
            let to = routes.stop(id).node;
            (env.minutes(node, to).unwrap_or(u32::MAX), id)
        })
        .collect();
    by.sort_unstable();
    let wanted = rng.random_range(1..=3usize);
    let mut used: Vec<InspIdx> = Vec::new();
    let mut out: Vec<usize> = Vec::new();
    for (_, v) in by {
        if used.len() == wanted {
            break;
        }
        let crew = &routes.stop(v).crew;
        let (i, _) = crew[rng.random_range(0..crew.len())];
        if used.contains(&i) {
            continue;
        }
        used.push(i);
        let seq = &routes.seq[i.index()];
        let Some(p) = seq.iter().position(|&x| x == v) else {
            continue;
        };
        let len = rng.random_range(1..=5usize).min(seq.len());
        let first = p
            .saturating_sub(rng.random_range(0..len))
            .min(seq.len() - len);
        for &id in &seq[first..first + len] {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    //! The quick timing of an insertion ([`Routes::pushed`]) against the full pass
    //! ([`Routes::times`]): visits of a week put into random crews at random
    //! positions (cycles, late arrivals and crews kept out past the day among them),
    //! where both must agree on every start, or both refuse.

    use super::{Env, Routes, Stop};
    use crate::context::Context;
    use crate::ids::{InspIdx, TaskIdx};
    use onedoor_core::travel::TravelGraph;
    use rand::{Rng, SeedableRng};

    #[test]
    fn a_pushed_insertion_times_as_the_full_pass_does() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/dinghai-week.json"
        );
        let scn = onedoor_core::load_scenario(std::path::Path::new(path)).expect("it loads");
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let inspectors = scn.inspectors.len();
        let (mut kept, mut refused) = (0, 0);
        for seed in 0..4u64 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut routes = Routes {
                date: 0,
                stops: Vec::new(),
                free: Vec::new(),
                seq: vec![Vec::new(); inspectors],
            };
            let all: Vec<TaskIdx> = scn.task_indices().collect();
            let env = Env::new(&ctx, &routes, &all, vec![0; scn.businesses.len()]);
            let mut times = routes.times(&env).expect("empty routes are valid");
            for &t in &all {
                let task = scn.task(t);
                let Some(mut stop) = Stop::new(&ctx, task.business, vec![t]) else {
                    continue;
                };
                let size = rng.random_range(1..=3usize);
                let mut crew: Vec<usize> = Vec::new();
                while crew.len() < size {
                    let i = rng.random_range(0..inspectors);
                    if !crew.contains(&i) {
                        crew.push(i);
                    }
                }
                stop.crew = crew
                    .iter()
                    .map(|&i| (InspIdx::new(i), task.department))
                    .collect::<Vec<_>>()
                    .into();
                let id = routes.stops.len();
                routes.stops.push(Some(stop));
                let before = routes.clone();
                for &i in &crew {
                    let pos = rng.random_range(0..=routes.seq[i].len());
                    routes.seq[i].insert(pos, id);
                }
                let quick = routes.pushed(&env, &times, id);
                let full = routes.times(&env);
                match (quick, full) {
                    (Some(quick), Some(full)) => {
                        for v in routes.ids() {
                            assert_eq!(quick[v], full[v], "start of visit {v}, seed {seed}");
                        }
                        times = full;
                        kept += 1;
                    }
                    (None, None) => {
                        routes = before;
                        routes.stops[id] = None;
                        routes.free.push(id);
                        refused += 1;
                    }
                    (quick, full) => panic!(
                        "seed {seed}, visit {id}: quick {:?}, full {:?}",
                        quick.is_some(),
                        full.is_some()
                    ),
                }
            }
        }
        assert!(kept > 50 && refused > 50, "kept {kept}, refused {refused}");
    }
}
