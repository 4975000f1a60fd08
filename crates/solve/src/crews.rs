//! Crews and times for one date.
//!
//! A [`DatePlan`] holds every available inspector's day as a list of visits ordered by
//! start. Visits are placed one at a time by *insertion*: for a visit at business `b`
//! lasting `D` minutes, the candidate start times are the earliest moments at which some
//! able inspector can reach `b` in a gap of their day (and the pinned start, if any). At
//! each candidate start, the inspectors free for `[s, s + D]` (with travel from the
//! previous stop and on to the next, and back to base by the end of the day) are
//! collected with their insertion cost (extra travel), and a crew is chosen by a small
//! depth-first search: every role (department × `officers`) filled by a distinct
//! inspector who may act for it, then enough certified members added to reach
//! `min_certified_per_visit`. The best start minimises crew size, then (where
//! certificates are scarce) the certified officers for whom the visit would be the day's
//! last (a certified officer capped at one visit a day pairs with one who can make more,
//! not with another capped one: the pair of capped officers ends both their days at one
//! visit), then extra travel plus a small penalty for starting late (compact days leave
//! room for later visits).
//!
//! The order of insertion is [`difficulty`]: pinned starts first, then, where
//! certificates are scarce, priority per seat cost (`seat_cost`: a certified officer
//! capped at `m` visits a day costs 12 / `m` of a visit, one without a cap 1, and a visit
//! costs the cheapest pair who may act for one of its departments), so the certified
//! officers' visits go to the visits worth most per capped day they spend.
//!
//! Dates are independent (an inspector's day never spans two dates), so the solver
//! builds the days in parallel.

use crate::budget::{Deadline, Work};
use crate::context::{Context, DatePos};
use crate::dates::Draft;
use crate::ids::{BizIdx, DeptIdx, InspIdx, NodeIdx, TaskIdx};

/// A visit with its crew and times.
#[derive(Clone, Debug)]
pub struct Placed {
    /// The business.
    pub business: BizIdx,
    /// The date position.
    pub date: DatePos,
    /// Tasks checked.
    pub tasks: Vec<TaskIdx>,
    /// Start, minutes since midnight.
    pub start: u32,
    /// End, minutes since midnight.
    pub end: u32,
    /// Crew entries.
    pub crew: Vec<(InspIdx, DeptIdx)>,
}

/// Crew entries: inspector and the department they act for.
type Crew = Vec<(InspIdx, DeptIdx)>;

#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    end: u32,
    node: NodeIdx,
    visit: usize,
}

/// The visits of one date and every inspector's day.
#[derive(Clone)]
pub struct DatePlan {
    /// The date position.
    pub date: DatePos,
    slots: Vec<Vec<Slot>>,
    available: Vec<bool>,
    visits: Vec<Option<Placed>>,
    /// The solve's work count, which every crew search on this date adds to.
    work: Work,
}

/// A free inspector at a candidate start: who, extra travel, certified, and whether the
/// visit would be the last one their day allows (counted for certified officers where
/// certificates are scarce only).
#[derive(Clone, Copy)]
struct Free {
    insp: InspIdx,
    cost: u32,
    certified: bool,
    last: bool,
}

const MAX_STARTS: usize = 48;
const DFS_BUDGET: usize = 400;
/// Candidates the crew search tries per seat (the cheapest).
const TRIED_PER_SEAT: usize = 4;

impl DatePlan {
    /// An empty date: every inspector's day free; its crew searches count into `work`.
    pub fn new(ctx: &Context, date: DatePos, work: &Work) -> DatePlan {
        let calendar = ctx.dates[date];
        DatePlan {
            date,
            slots: vec![Vec::new(); ctx.scn.inspectors.len()],
            available: ctx
                .scn
                .inspectors
                .iter()
                .map(|i| i.available_on(calendar))
                .collect(),
            visits: Vec::new(),
            work: work.clone(),
        }
    }

    /// The placed visits.
    pub fn visits(&self) -> impl Iterator<Item = (usize, &Placed)> {
        self.visits
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (i, v)))
    }

    /// The number of visits placed.
    pub fn visit_count(&self) -> usize {
        self.visits.iter().flatten().count()
    }

    /// Crew entries over the placed visits.
    pub fn crew_entries(&self) -> usize {
        self.visits().map(|(_, v)| v.crew.len()).sum()
    }

    /// Travel minutes of the date: every inspector with a visit, from their base through
    /// their visits in start order and back (format section 6).
    pub fn travel(&self, ctx: &Context) -> u64 {
        let mut total = 0u64;
        for (i, slots) in self.slots.iter().enumerate() {
            if slots.is_empty() {
                continue;
            }
            let base = ctx.scn.inspectors[i].base;
            let mut at = base;
            for s in slots {
                total += u64::from(ctx.travel.minutes(at, s.node).unwrap_or(0));
                at = s.node;
            }
            total += u64::from(ctx.travel.minutes(at, base).unwrap_or(0));
        }
        total
    }

    /// Minutes inspectors are busy in visits (for load balancing).
    pub fn busy_minutes(&self) -> u64 {
        self.visits()
            .map(|(_, v)| (v.end - v.start) as u64 * v.crew.len() as u64)
            .sum()
    }

    /// Takes a visit out, freeing its crew; returns it.
    pub fn remove(&mut self, id: usize) -> Option<Placed> {
        let v = self.visits.get_mut(id)?.take()?;
        for (i, _) in &v.crew {
            self.slots[i.index()].retain(|s| s.visit != id);
        }
        Some(v)
    }

    /// Puts back a visit exactly as it was (valid when nothing was placed since its removal).
    pub fn restore(&mut self, id: usize, v: Placed, ctx: &Context) {
        let node = ctx.scn.node_of_business(v.business);
        for (i, _) in &v.crew {
            let slots = &mut self.slots[i.index()];
            let pos = slots.partition_point(|s| s.start < v.start);
            slots.insert(
                pos,
                Slot {
                    start: v.start,
                    end: v.end,
                    node,
                    visit: id,
                },
            );
        }
        self.visits[id] = Some(v);
    }

    /// Adds a visit exactly as given (a start plan's visit, checked valid beside the
    /// visits already here); returns its id.
    pub fn keep(&mut self, ctx: &Context, v: Placed) -> usize {
        let id = self.visits.len();
        self.visits.push(None);
        self.restore(id, v, ctx);
        id
    }

    /// Places a visit of `tasks` at `b` on this date if a crew and a time can be found;
    /// returns the visit's id.
    pub fn insert(&mut self, ctx: &Context, b: BizIdx, tasks: Vec<TaskIdx>) -> Option<usize> {
        self.insert_from(ctx, b, tasks, None)
    }

    /// Places a visit of `tasks` at `b` starting exactly at `start` (minutes since
    /// midnight) if a crew can be found then; returns the visit's id. A re-plan uses it
    /// to re-crew an announced visit at its announced time.
    pub fn insert_at(
        &mut self,
        ctx: &Context,
        b: BizIdx,
        tasks: Vec<TaskIdx>,
        start: u32,
    ) -> Option<usize> {
        self.insert_from(ctx, b, tasks, Some(start))
    }

    fn insert_from(
        &mut self,
        ctx: &Context,
        b: BizIdx,
        tasks: Vec<TaskIdx>,
        fixed: Option<u32>,
    ) -> Option<usize> {
        let (start, crew) = self.find(ctx, b, &tasks, fixed)?;
        let duration = ctx.duration(&tasks);
        let placed = Placed {
            business: b,
            date: self.date,
            tasks,
            start,
            end: start + duration,
            crew,
        };
        Some(self.keep(ctx, placed))
    }

    fn find(
        &self,
        ctx: &Context,
        b: BizIdx,
        tasks: &[TaskIdx],
        fixed: Option<u32>,
    ) -> Option<(u32, Vec<(InspIdx, DeptIdx)>)> {
        let scn = ctx.scn;
        let window = ctx.window[b.index()]?;
        let duration = ctx.duration(tasks);
        let roles = ctx.roles(tasks);
        let node = scn.node_of_business(b);
        let pinned = tasks
            .iter()
            .find_map(|&t| scn.task(t).pinned.and_then(|p| p.start));
        if fixed.is_some() && pinned.is_some_and(|p| Some(p.0) != fixed) {
            return None;
        }
        let pinned = fixed.map(crate::scenario::time::Clock).or(pinned);
        let (ws, we) = (window.start.0, window.end.0);
        if ws + duration > we {
            return None;
        }
        // Inspectors who could take part at all.
        let cands: Vec<InspIdx> = ctx.nearby[b.index()]
            .iter()
            .copied()
            .filter(|&i| {
                let insp = scn.inspector(i);
                self.available[i.index()]
                    && roles.iter().any(|(d, _)| insp.may_act_for(*d))
                    && !insp.recuse.contains(&b)
                    && insp
                        .max_visits_per_day
                        .is_none_or(|m| (self.slots[i.index()].len() as u32) < m)
            })
            .collect();
        // Each candidate's gaps: the interval of feasible starts and the extra travel.
        let gaps: Vec<(InspIdx, Vec<Gap>)> = cands
            .iter()
            .map(|&i| (i, self.gaps(ctx, i, node, duration, ws, we)))
            .filter(|(_, g)| !g.is_empty())
            .collect();
        let mut starts: Vec<u32> = match pinned {
            Some(p) => vec![p.0],
            None => std::iter::once(ws)
                .chain(gaps.iter().flat_map(|(_, g)| g.iter().map(|g| g.lo)))
                .collect(),
        };
        starts.sort_unstable();
        starts.dedup();
        if starts.len() > MAX_STARTS {
            let step = starts.len().div_ceil(MAX_STARTS);
            starts = starts.iter().copied().step_by(step).collect();
        }
        self.work
            .add(1 + cands.len() as u64 + gaps.len() as u64 * (1 + starts.len() as u64));
        let first = starts.first().copied().unwrap_or(ws);
        // Where certificates are scarce, a certified officer who may make one more visit
        // today is spent by this one; one who may make four is not: a crew that spends
        // fewer certified days is preferred (one capped officer with one who is not,
        // rather than two capped ones).
        let last: Vec<bool> = gaps
            .iter()
            .map(|(i, _)| self.last_visit(ctx, *i, duration))
            .collect();
        let mut best: Option<((usize, usize, u64), u32, Crew)> = None;
        for &s in &starts {
            if s < ws || s + duration > we {
                continue;
            }
            let free: Vec<Free> = gaps
                .iter()
                .zip(&last)
                .filter_map(|((i, g), &last)| {
                    g.iter().find(|g| g.lo <= s && s <= g.hi).map(|g| Free {
                        insp: *i,
                        cost: g.cost,
                        certified: scn.inspector(*i).certified,
                        last,
                    })
                })
                .collect();
            let Some((crew, last, cost)) = choose_crew(ctx, &roles, &free) else {
                continue;
            };
            let score = (crew.len(), last, cost as u64 * 4 + (s - first) as u64);
            if best.as_ref().is_none_or(|(b, _, _)| score < *b) {
                best = Some((score, s, crew));
            }
        }
        best.map(|(_, s, crew)| (s, crew))
    }

    /// Whether a visit of `duration` minutes would be the last that certified inspector
    /// `i` can make today (by `max_visits_per_day` or by the minutes left); false for the
    /// uncertified, and where certificates are not scarce.
    fn last_visit(&self, ctx: &Context, i: InspIdx, duration: u32) -> bool {
        let insp = ctx.scn.inspector(i);
        if !insp.certified || !ctx.certified_scarce {
            return false;
        }
        let slots = &self.slots[i.index()];
        let hours = ctx.scn.horizon.hours;
        let busy: u32 = slots.iter().map(|s| s.end - s.start).sum();
        let left = (hours.end.0.saturating_sub(hours.start.0)).saturating_sub(busy);
        let by_cap = insp
            .max_visits_per_day
            .map_or(u32::MAX, |m| m.saturating_sub(slots.len() as u32));
        (left / duration.max(1)).min(by_cap) <= 1
    }

    /// The gaps of inspector `i`'s day where a visit of `duration` minutes at `node`
    /// fits, as intervals of feasible start times (inside `[ws, we − duration]`), with the
    /// extra travel each costs.
    fn gaps(
        &self,
        ctx: &Context,
        i: InspIdx,
        node: NodeIdx,
        duration: u32,
        ws: u32,
        we: u32,
    ) -> Vec<Gap> {
        let hours = ctx.scn.horizon.hours;
        let base = ctx.scn.inspector(i).base;
        let slots = &self.slots[i.index()];
        let mut out = Vec::new();
        for g in 0..=slots.len() {
            let (prev_node, prev_end) = if g == 0 {
                (base, hours.start.0)
            } else {
                (slots[g - 1].node, slots[g - 1].end)
            };
            let (next_node, next_start) = if g == slots.len() {
                (base, hours.end.0)
            } else {
                (slots[g].node, slots[g].start)
            };
            let (Some(t_in), Some(t_out)) = (
                ctx.travel.minutes(prev_node, node),
                ctx.travel.minutes(node, next_node),
            ) else {
                continue;
            };
            let lo = ws.max(prev_end + t_in);
            let Some(hi) = (we.min(next_start.saturating_sub(t_out))).checked_sub(duration) else {
                continue;
            };
            if lo <= hi && next_start >= t_out + duration {
                let old = ctx.travel.minutes(prev_node, next_node).unwrap_or(0);
                out.push(Gap {
                    lo,
                    hi,
                    cost: (t_in + t_out).saturating_sub(old),
                });
            }
        }
        out
    }
}

/// Where a visit fits in one inspector's day: starts from `lo` to `hi`, extra travel.
#[derive(Clone, Copy, Debug)]
struct Gap {
    lo: u32,
    hi: u32,
    cost: u32,
}

/// Chooses a crew among the free inspectors: every role filled, enough certified
/// members, fewest entries, then (where certificates are scarce) fewest certified beyond
/// the need and fewest certified officers spending their day's last visit, then least
/// extra travel. The crew, that count ([`Free::last`]) and its extra travel; `None` when
/// no crew exists.
fn choose_crew(
    ctx: &Context,
    roles: &[(DeptIdx, u32)],
    free: &[Free],
) -> Option<(Crew, usize, u32)> {
    let scn = ctx.scn;
    let mut seats: Vec<(DeptIdx, Vec<usize>)> = Vec::new();
    for &(d, n) in roles {
        let mut able: Vec<usize> = (0..free.len())
            .filter(|&k| scn.inspector(free[k].insp).may_act_for(d))
            .collect();
        // Cheapest first; at equal cost certified first, or uncertified first where
        // certificates are scarce (keep them for the visits that need them).
        let scarce = ctx.certified_scarce;
        able.sort_by_key(|&k| (free[k].cost, free[k].certified == scarce, free[k].insp));
        if scarce {
            // The search tries a few candidates per seat. When a certified officer among
            // them would make their day's last visit, the cheapest certified officer who
            // would not is tried too.
            let tried = &able[..able.len().min(TRIED_PER_SEAT)];
            let spends_last = tried.iter().any(|&k| free[k].certified && free[k].last);
            let spare = able
                .iter()
                .position(|&k| free[k].certified && !free[k].last)
                .filter(|&p| p >= TRIED_PER_SEAT);
            if let Some(pos) = spare.filter(|_| spends_last) {
                let k = able.remove(pos);
                able.insert(TRIED_PER_SEAT - 1, k);
            }
        }
        if able.len() < n as usize {
            return None;
        }
        for _ in 0..n {
            seats.push((d, able.clone()));
        }
    }
    seats.sort_by_key(|(d, a)| (a.len(), *d));
    let mut search = Search {
        ctx,
        roles,
        free,
        seats: &seats,
        used: vec![false; free.len()],
        chosen: Vec::new(),
        best: None,
        budget: DFS_BUDGET,
    };
    search.dfs(0, 0);
    search
        .best
        .map(|((_, _, last, cost), crew)| (crew, last, cost))
}

struct Search<'s, 'c> {
    ctx: &'s Context<'c>,
    roles: &'s [(DeptIdx, u32)],
    free: &'s [Free],
    seats: &'s [(DeptIdx, Vec<usize>)],
    used: Vec<bool>,
    chosen: Vec<(usize, DeptIdx)>,
    /// The best crew so far and its key: entries, certified beyond the need, certified
    /// officers spending their day's last visit, travel.
    best: Option<((usize, usize, usize, u32), Crew)>,
    budget: usize,
}

impl Search<'_, '_> {
    fn dfs(&mut self, seat: usize, cost: u32) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if let Some(((size, excess, last, best_cost), _)) = &self.best {
            if self.seats.len() >= *size && *excess == 0 && *last == 0 && cost >= *best_cost {
                return;
            }
        }
        if seat == self.seats.len() {
            self.complete(cost);
            return;
        }
        let (d, able) = &self.seats[seat];
        let mut tried = 0;
        for &k in able {
            if self.used[k] {
                continue;
            }
            tried += 1;
            if tried > TRIED_PER_SEAT {
                break;
            }
            self.used[k] = true;
            self.chosen.push((k, *d));
            self.dfs(seat + 1, cost + self.free[k].cost);
            self.chosen.pop();
            self.used[k] = false;
        }
    }

    /// All roles are filled: add certified members if needed and keep the best crew.
    fn complete(&mut self, cost: u32) {
        let scn = self.ctx.scn;
        let need = scn.rules.min_certified_per_visit as usize;
        let have = self
            .chosen
            .iter()
            .filter(|(k, _)| self.free[*k].certified)
            .count();
        let mut crew: Vec<(InspIdx, DeptIdx)> = self
            .chosen
            .iter()
            .map(|(k, d)| (self.free[*k].insp, *d))
            .collect();
        let mut total = cost;
        let mut added: Vec<usize> = Vec::new();
        if have < need {
            let mut extra: Vec<(u32, usize, DeptIdx)> = (0..self.free.len())
                .filter(|&k| !self.used[k] && self.free[k].certified)
                .filter_map(|k| {
                    let insp = scn.inspector(self.free[k].insp);
                    self.roles
                        .iter()
                        .find(|(d, _)| insp.may_act_for(*d))
                        .map(|(d, _)| (self.free[k].cost, k, *d))
                })
                .collect();
            if extra.len() < need - have {
                return;
            }
            extra.sort_by_key(|(c, k, _)| (self.free[*k].last, *c, self.free[*k].insp));
            for &(c, k, d) in &extra[..need - have] {
                crew.push((self.free[k].insp, d));
                added.push(k);
                total += c;
            }
        }
        // Fewest entries, then least travel; where certificates are scarce, fewest
        // certified members beyond the need comes before travel.
        let certified = crew
            .iter()
            .filter(|(i, _)| scn.inspector(*i).certified)
            .count();
        let excess = if self.ctx.certified_scarce {
            certified.saturating_sub(need)
        } else {
            0
        };
        let last = self
            .chosen
            .iter()
            .map(|(k, _)| *k)
            .chain(added.iter().copied())
            .filter(|&k| self.free[k].last)
            .count();
        let key = (crew.len(), excess, last, total);
        let better = self.best.as_ref().is_none_or(|b| key < b.0);
        if better {
            self.best = Some((key, crew));
        }
    }
}

/// Scale of [`seat_cost`]: a certified officer capped at one visit a day costs this
/// much, one capped at `m` costs `SEAT_SCALE / m`, one without a cap costs 1.
const SEAT_SCALE: u32 = 12;

/// What a visit at `b` holding `tasks` spends, at best, of the certified officers' days:
/// the least total over `min_certified_per_visit` certified officers who may act for one
/// of its departments and are not recused, each costing `SEAT_SCALE / max_visits_per_day`
/// (1 without a cap). A visit only two capped officers can crew costs more than one an
/// uncapped officer can join: the pair ends two capped days' worth of visits at once.
/// Dates and hours aside; used to rank visits by priority per cost.
fn seat_cost(ctx: &Context, b: BizIdx, tasks: &[TaskIdx]) -> u32 {
    let need = ctx.scn.rules.min_certified_per_visit as usize;
    let roles = ctx.roles(tasks);
    let mut costs: Vec<u32> = ctx
        .scn
        .inspector_indices()
        .map(|i| ctx.scn.inspector(i))
        .filter(|insp| {
            insp.certified
                && !insp.recuse.contains(&b)
                && roles.iter().any(|(d, _)| insp.may_act_for(*d))
        })
        .map(|insp| {
            insp.max_visits_per_day
                .map_or(1, |m| (SEAT_SCALE / m.max(1)).max(1))
        })
        .collect();
    costs.sort_unstable();
    costs.iter().take(need).sum()
}

/// Places one date's drafts: split into visits (`split.rs`), hardest first; returns what
/// did not fit. Once `deadline` has passed (or on Ctrl-C) no more visits are placed: the
/// rest is returned as not placed, and the solve reports it as stopped by the time limit.
pub fn build_date(
    ctx: &Context,
    date: DatePos,
    drafts: Vec<Draft>,
    deadline: Deadline<'_>,
    work: &Work,
) -> (DatePlan, Vec<Draft>) {
    let mut plan = DatePlan::new(ctx, date, work);
    let mut visits: Vec<(BizIdx, Vec<TaskIdx>)> = Vec::new();
    let mut failed = Vec::new();
    for d in drafts {
        let (groups, misfits) = crate::split::into_visits(ctx, d.business, d.tasks);
        visits.extend(groups.into_iter().map(|g| (d.business, g)));
        if !misfits.is_empty() {
            failed.push(Draft {
                business: d.business,
                date,
                tasks: misfits,
            });
        }
    }
    visits.sort_by_cached_key(|(b, tasks)| difficulty(ctx, *b, tasks));
    for (b, tasks) in visits {
        if crate::budget::should_stop(deadline) || plan.insert(ctx, b, tasks.clone()).is_none() {
            failed.push(Draft {
                business: b,
                date,
                tasks,
            });
        }
    }
    (plan, failed)
}

/// Sort key: pinned starts first, then (where certificates are scarce, so that the
/// visits that fail are the least valuable) higher priority per [`seat_cost`], then
/// bigger crews, narrower windows, longer visits.
pub fn difficulty(
    ctx: &Context,
    b: BizIdx,
    tasks: &[TaskIdx],
) -> (
    bool,
    std::cmp::Reverse<u64>,
    std::cmp::Reverse<u32>,
    u32,
    std::cmp::Reverse<u32>,
    BizIdx,
) {
    let value = if ctx.certified_scarce {
        // Per cost, in hundredths of the scale so that close ratios stay apart.
        ctx.priority(tasks) * 100 * u64::from(SEAT_SCALE)
            / u64::from(seat_cost(ctx, b, tasks).max(1))
    } else {
        0
    };
    let pinned = tasks
        .iter()
        .any(|&t| ctx.scn.task(t).pinned.is_some_and(|p| p.start.is_some()));
    let crew: u32 = ctx
        .roles(tasks)
        .iter()
        .map(|(_, n)| *n)
        .sum::<u32>()
        .max(ctx.scn.rules.min_certified_per_visit);
    let window = ctx.window[b.index()].map_or(0, |w| w.end.0 - w.start.0);
    (
        !pinned,
        std::cmp::Reverse(value),
        std::cmp::Reverse(crew),
        window,
        std::cmp::Reverse(ctx.duration(tasks)),
        b,
    )
}
