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
    /// The solve's work count, which every insertion on this date adds to.
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
/// Candidates the crew DFS tries per seat (the cheapest).
const TRIED_PER_SEAT: usize = 4;

impl DatePlan {
    /// An empty date: every inspector's day free; its insertions count into `work`.
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
                self.available[i.index()]
                    && may_join(ctx, i, b, &roles, self.slots[i.index()].len())
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

/// Whether inspector `i`, available on the date and with `visits_today` visits already
/// in their day, may join a visit at `b` with these `roles`: they may act for one of its
/// departments, are not recused from `b`, and are under their `max_visits_per_day`.
pub(crate) fn may_join(
    ctx: &Context,
    i: InspIdx,
    b: BizIdx,
    roles: &[(DeptIdx, u32)],
    visits_today: usize,
) -> bool {
    let insp = ctx.scn.inspector(i);
    roles.iter().any(|(d, _)| insp.may_act_for(*d))
        && !insp.recuse.contains(&b)
        && insp
            .max_visits_per_day
            .is_none_or(|m| (visits_today as u32) < m)
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
            // The DFS tries a few candidates per seat. When a certified officer among
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
    let mut dfs = CrewDfs {
        ctx,
        roles,
        free,
        seats: &seats,
        used: vec![false; free.len()],
        chosen: Vec::new(),
        best: None,
        budget: DFS_BUDGET,
    };
    dfs.fill(0, 0);
    dfs.best
        .map(|((_, _, last, cost), crew)| (crew, last, cost))
}

/// The depth-first search for a visit's crew ([`choose_crew`]): seat by seat, a few
/// candidates each, within a budget of steps.
struct CrewDfs<'s, 'c> {
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

impl CrewDfs<'_, '_> {
    /// Fills the seats from `seat` on, the seats before costing `cost`.
    fn fill(&mut self, seat: usize, cost: u32) {
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
            self.fill(seat + 1, cost + self.free[k].cost);
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

#[cfg(test)]
mod tests {
    //! Crew choice through [`DatePlan::insert`] (roles, certificates, who may not come,
    //! travel between visits, pinned starts) and the insertion order's [`seat_cost`], on
    //! one-day weeks: a hall at (0, 0), a far office at (20, 0), businesses B1 at (1, 0)
    //! and B2 at (2, 0), travel at 30 km/h with no detour (2 minutes a kilometre).

    use super::{difficulty, seat_cost, DatePlan, Placed};
    use crate::context::Context;
    use crate::ids::{BizIdx, DeptIdx, InspIdx, TaskIdx};
    use onedoor_core::travel::TravelGraph;
    use onedoor_core::Scenario;
    use serde_json::{json, Value};

    const B1: BizIdx = BizIdx(0);
    const B2: BizIdx = BizIdx(1);

    /// The week with these inspectors and tasks; `min_certified_per_visit` as given.
    fn week(min_certified: u32, inspectors: Value, tasks: Value) -> Scenario {
        let v = json!({
            "name": "crews",
            "horizon": {"start": "2022-09-12", "end": "2022-09-12",
                        "hours": {"start": "08:00", "end": "17:00"}},
            "rules": {"min_certified_per_visit": min_certified, "visit_overhead_minutes": 10},
            "travel": {"speed_kmh": 30, "detour": 1.0},
            "places": [
                {"id": "hall", "location": {"x": 0.0, "y": 0.0}},
                {"id": "far", "location": {"x": 20.0, "y": 0.0}}
            ],
            "departments": [{"id": "fire"}, {"id": "market"}, {"id": "health"}],
            "inspectors": inspectors,
            "businesses": [
                {"id": "B1", "location": {"x": 1.0, "y": 0.0}},
                {"id": "B2", "location": {"x": 2.0, "y": 0.0}}
            ],
            "tasks": tasks,
        });
        onedoor_core::parse_scenario(&v.to_string(), "crews.json").expect("the test week loads")
    }

    fn insp(id: &str, dept: &str) -> Value {
        json!({"id": id, "department": dept, "base": "hall"})
    }

    fn task(id: &str, dept: &str, business: &str) -> Value {
        json!({"id": id, "department": dept, "business": business, "minutes": 30})
    }

    fn tasks(at: &[usize]) -> Vec<TaskIdx> {
        at.iter().map(|&t| TaskIdx::new(t)).collect()
    }

    /// The crew's inspector ids, sorted.
    fn ids(scn: &Scenario, v: &Placed) -> Vec<String> {
        let mut ids: Vec<String> = v
            .crew
            .iter()
            .map(|(i, _)| scn.inspector(*i).id.clone())
            .collect();
        ids.sort();
        ids
    }

    /// What C6 asks of every crew: distinct members, each acting for a department with a
    /// task in the visit that they may act for, every task's `officers` met, enough
    /// certified members.
    fn assert_crew_is_whole(ctx: &Context, v: &Placed) {
        let scn = ctx.scn;
        let mut members: Vec<InspIdx> = v.crew.iter().map(|(i, _)| *i).collect();
        members.sort();
        members.dedup();
        assert_eq!(
            members.len(),
            v.crew.len(),
            "one entry per member: {:?}",
            v.crew
        );
        let roles = ctx.roles(&v.tasks);
        for (i, d) in &v.crew {
            assert!(
                roles.iter().any(|(r, _)| r == d),
                "{:?} acts for no task",
                v.crew
            );
            assert!(scn.inspector(*i).may_act_for(*d), "{:?}", v.crew);
        }
        for (d, n) in roles {
            let acting = v.crew.iter().filter(|(_, e)| *e == d).count();
            assert!(acting >= n as usize, "{d:?} needs {n}: {:?}", v.crew);
        }
        let certified = members
            .iter()
            .filter(|i| scn.inspector(**i).certified)
            .count();
        assert!(
            certified >= scn.rules.min_certified_per_visit as usize,
            "{:?}",
            v.crew
        );
    }

    fn visit(plan: &DatePlan, id: usize) -> &Placed {
        plan.visits()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v)
            .expect("the visit is placed")
    }

    #[test]
    fn every_role_is_filled_by_someone_who_may_act_for_it() {
        let mut health = insp("H1", "health");
        health["acts_for"] = json!(["market"]);
        let scn = week(
            2,
            json!([
                insp("F1", "fire"),
                insp("F2", "fire"),
                insp("F3", "fire"),
                health
            ]),
            json!([
                {"id": "T1", "department": "fire", "business": "B1", "minutes": 30, "officers": 2},
                task("T2", "market", "B1")
            ]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let id = day.insert(&ctx, B1, tasks(&[0, 1])).expect("a crew exists");
        let v = visit(&day, id);
        assert_crew_is_whole(&ctx, v);
        assert_eq!(
            v.crew.len(),
            3,
            "two for fire, one for market: {:?}",
            v.crew
        );
        let market = DeptIdx::new(1);
        assert!(
            v.crew.contains(&(InspIdx::new(3), market)),
            "only H1 may act for market"
        );
        assert_eq!(
            (v.start, v.end),
            (8 * 60 + 2, 8 * 60 + 2 + 40),
            "overhead + 30 minutes"
        );
    }

    #[test]
    fn a_crew_short_of_certificates_takes_certified_members_and_stays_small() {
        let mut plain = insp("F1", "fire");
        plain["certified"] = json!(false);
        let mut near = insp("M1", "market");
        near["acts_for"] = json!(["fire"]);
        let scn = week(
            2,
            json!([plain, insp("F2", "fire"), near, insp("H1", "health")]),
            json!([task("T1", "fire", "B1")]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let id = day.insert(&ctx, B1, tasks(&[0])).expect("a crew exists");
        let v = visit(&day, id);
        assert_crew_is_whole(&ctx, v);
        // Two certified members who may act for fire; H1 may not, F1 holds no certificate.
        assert_eq!(ids(&scn, v), ["F2", "M1"]);
    }

    #[test]
    fn the_unavailable_the_recused_and_the_capped_stay_home() {
        let mut ill = insp("F1", "fire");
        ill["unavailable"] = json!(["2022-09-12"]);
        let mut recused = insp("F2", "fire");
        recused["recuse"] = json!(["B1"]);
        let mut capped = insp("F3", "fire");
        capped["max_visits_per_day"] = json!(1);
        let scn = week(
            2,
            json!([ill, recused, capped, insp("F4", "fire")]),
            json!([
                task("T1", "fire", "B1"),
                task("T2", "fire", "B2"),
                task("T3", "fire", "B1")
            ]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let first = day.insert(&ctx, B1, tasks(&[0])).expect("F3 and F4");
        assert_eq!(ids(&scn, visit(&day, first)), ["F3", "F4"]);
        let second = day.insert(&ctx, B2, tasks(&[1])).expect("F2 and F4");
        assert_eq!(
            ids(&scn, visit(&day, second)),
            ["F2", "F4"],
            "F3 has made their one visit"
        );
        assert!(
            day.insert(&ctx, B1, tasks(&[2])).is_none(),
            "only F4 is left who may come to B1"
        );
        assert_eq!(day.visit_count(), 2);
    }

    #[test]
    fn one_crew_does_visits_one_after_another_with_travel_between() {
        let scn = week(
            2,
            json!([insp("F1", "fire"), insp("F2", "fire")]),
            json!([
                task("T1", "fire", "B1"),
                task("T2", "fire", "B2"),
                task("T3", "fire", "B1")
            ]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let placed: Vec<usize> = (0..3)
            .map(|t| {
                let b = if t == 1 { B2 } else { B1 };
                day.insert(&ctx, b, tasks(&[t])).expect("the day has room")
            })
            .collect();
        let mut visits: Vec<&Placed> = placed.iter().map(|&id| visit(&day, id)).collect();
        visits.sort_by_key(|v| v.start);
        for v in &visits {
            assert_crew_is_whole(&ctx, v);
        }
        for pair in visits.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let leg = travel
                .minutes(
                    scn.node_of_business(a.business),
                    scn.node_of_business(b.business),
                )
                .expect("a road");
            assert!(a.end + leg <= b.start, "{a:?} then {b:?}");
        }
        // Hall to B1 is 2 minutes: the day starts at 08:02.
        assert_eq!(visits[0].start, 8 * 60 + 2);
        // Each officer: hall → B1 → B2 → B1 → hall, 2 minutes a leg.
        assert_eq!(day.travel(&ctx), 2 * 4 * 2);
    }

    #[test]
    fn the_nearer_of_two_able_inspectors_goes() {
        let mut far = insp("F1", "fire");
        far["base"] = json!("far");
        let scn = week(
            1,
            json!([far, insp("F2", "fire")]),
            json!([task("T1", "fire", "B1")]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let id = day.insert(&ctx, B1, tasks(&[0])).expect("a crew exists");
        assert_eq!(ids(&scn, visit(&day, id)), ["F2"]);
    }

    #[test]
    fn a_pinned_start_is_kept_and_another_fixed_start_refused() {
        let mut pinned = task("T1", "fire", "B1");
        pinned["pinned"] = json!({"date": "2022-09-12", "start": "10:00"});
        let scn = week(
            1,
            json!([insp("F1", "fire")]),
            json!([pinned, task("T2", "fire", "B2")]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        assert!(day.insert_at(&ctx, B1, tasks(&[0]), 11 * 60).is_none());
        let id = day
            .insert(&ctx, B1, tasks(&[0]))
            .expect("F1 is free at 10:00");
        assert_eq!(visit(&day, id).start, 10 * 60);
        // A fixed start the one inspector cannot reach in time (B1 ends at 10:40, B2 is
        // two minutes away): refused; a later one is taken as given.
        assert!(day.insert_at(&ctx, B2, tasks(&[1]), 10 * 60 + 41).is_none());
        let id = day
            .insert_at(&ctx, B2, tasks(&[1]), 10 * 60 + 42)
            .expect("F1 gets there at 10:42");
        assert_eq!(visit(&day, id).start, 10 * 60 + 42);
    }

    #[test]
    fn no_crew_when_too_few_may_act() {
        let scn = week(
            1,
            json!([insp("F1", "fire"), insp("M1", "market")]),
            json!([{"id": "T1", "department": "fire", "business": "B1", "minutes": 30, "officers": 2}]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        assert!(day.insert(&ctx, B1, tasks(&[0])).is_none());
        assert_eq!(day.visit_count(), 0);
    }

    /// A certified fire officer capped at `cap` visits a day (`None`: no cap).
    fn capped(id: &str, cap: Option<u32>) -> Value {
        let mut v = insp(id, "fire");
        if let Some(cap) = cap {
            v["max_visits_per_day"] = json!(cap);
        }
        v
    }

    #[test]
    fn seat_cost_is_the_cheapest_certified_crew_by_their_caps() {
        let mut plain = insp("F9", "fire");
        plain["certified"] = json!(false);
        let mut recused = capped("F8", None);
        recused["recuse"] = json!(["B1"]);
        let mut empowered = capped("M1", Some(3));
        empowered["department"] = json!("market");
        empowered["acts_for"] = json!(["fire"]);
        let scn = week(
            2,
            json!([
                capped("F1", Some(1)),
                capped("F2", Some(2)),
                plain,
                recused,
                empowered,
                capped("F3", Some(24)),
                insp("H1", "health")
            ]),
            json!([task("T1", "fire", "B1"), task("T2", "fire", "B2")]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        // At B1: F1 costs 12, F2 6, M1 (acting for fire) 4, F3 1 (12 / 24 rounds down to
        // 0; a seat costs at least 1); F9 holds no certificate, F8 is recused, H1 may not
        // act for fire. The cheapest two: F3 and M1.
        assert_eq!(seat_cost(&ctx, B1, &tasks(&[0])), 1 + 4);
        // At B2 F8 may come, without a cap: 1 + 1.
        assert_eq!(seat_cost(&ctx, B2, &tasks(&[1])), 1 + 1);
    }

    #[test]
    fn seat_cost_of_capped_pairs_and_where_that_orders_visits() {
        let scn = week(
            2,
            json!([
                capped("F1", Some(1)),
                capped("F2", Some(1)),
                capped("F3", Some(4))
            ]),
            json!([task("T1", "fire", "B1")]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        // F3 costs 12 / 4 = 3, F1 and F2 12 each: two capped officers cost more than one
        // who can make four visits beside one capped officer.
        assert_eq!(seat_cost(&ctx, B1, &tasks(&[0])), 3 + 12);
        // Every inspector is certified: not scarce, so priority per seat cost plays no
        // part in the order.
        assert!(!ctx.certified_scarce);
        assert_eq!(difficulty(&ctx, B1, &tasks(&[0])).1, std::cmp::Reverse(0));
    }

    #[test]
    fn where_certificates_are_scarce_worth_per_seat_cost_orders_the_visits() {
        let plain = |id: &str| {
            let mut v = insp(id, "fire");
            v["certified"] = json!(false);
            v
        };
        let mut recused = capped("F2", None);
        recused["recuse"] = json!(["B2"]);
        let mut pinned = task("T3", "fire", "B2");
        pinned["pinned"] = json!({"date": "2022-09-12", "start": "15:00"});
        let scn = week(
            2,
            json!([
                capped("F1", Some(1)),
                recused,
                capped("F3", Some(1)),
                plain("P1"),
                plain("P2"),
                plain("P3"),
                plain("P4")
            ]),
            json!([
                {"id": "T1", "department": "fire", "business": "B1", "minutes": 30, "priority": 2},
                {"id": "T2", "department": "fire", "business": "B2", "minutes": 30, "priority": 3},
                pinned
            ]),
        );
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        assert!(ctx.certified_scarce, "3 certified of 7");
        // B1: F2 (1) and F1 or F3 (12): 13. B2: F2 is recused, F1 and F3: 24.
        assert_eq!(seat_cost(&ctx, B1, &tasks(&[0])), 13);
        assert_eq!(seat_cost(&ctx, B2, &tasks(&[1])), 24);
        // Priority 2 for 13 is worth more than priority 3 for 24: T1's visit goes first;
        // a pinned start goes before both.
        let (t1, t2, t3) = (
            difficulty(&ctx, B1, &tasks(&[0])),
            difficulty(&ctx, B2, &tasks(&[1])),
            difficulty(&ctx, B2, &tasks(&[2])),
        );
        assert!(t3 < t1 && t1 < t2, "{t1:?} {t2:?} {t3:?}");
    }
    #[test]
    fn a_visit_of_no_minutes_still_lasts_one() {
        // Overhead 0 and a task of 0 minutes: C4 wants start < end all the same (found by
        // the exact-model oracle of tests/exact_gap.rs).
        let v = json!({
            "horizon": {"start": "2022-09-12", "end": "2022-09-12"},
            "rules": {"min_certified_per_visit": 0, "visit_overhead_minutes": 0},
            "places": [{"id": "hall", "location": {"x": 0.0, "y": 0.0}}],
            "departments": [{"id": "fire"}],
            "inspectors": [insp("F1", "fire")],
            "businesses": [{"id": "B1", "location": {"x": 0.0, "y": 0.0}}],
            "tasks": [{"id": "T1", "department": "fire", "business": "B1", "minutes": 0}],
        });
        let scn = onedoor_core::parse_scenario(&v.to_string(), "zero.json").expect("loads");
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let mut day = DatePlan::new(&ctx, 0, &crate::budget::Work::default());
        let id = day.insert(&ctx, B1, tasks(&[0])).expect("F1 is free");
        let v = visit(&day, id);
        assert_eq!(v.end, v.start + 1, "{v:?}");
    }
}
