//! Independent parts, each planned as if it were a week of its own.
//!
//! A week whose businesses and inspectors fall into pieces that share no inspector (nobody
//! based in one piece can reach a business of another and be back within the working
//! day: separate cities, islands with their own teams, several districts or provinces in
//! one file) is planned piece by piece. Each piece becomes a scenario of its own
//! ([`Scenario::part`]: its businesses and tasks, the inspectors based in its travel
//! components, the places and links of those components) and goes through the whole
//! pipeline alone, with its own work budgets (search rounds and crew-search work follow
//! from its own size) and its own work count. So a piece is planned exactly as it would
//! be in a file of its own, whatever else the file holds and whatever the thread count.
//!
//! The pieces are run in two rounds over the threads, largest first: first every piece's
//! construction (the first date choice finished into a complete plan; no deadline cuts
//! it), then every piece's improvement (the rest of the portfolio, the polish and the
//! searches; the deadline, when one is set, cuts only this round). The plans are then
//! joined: visits in the order the assembly uses (date, start, business, first task),
//! numbered again; the tasks left out in the scenario's order, a fact reason taken from
//! the whole scenario (an officer of another piece may act for the task's department,
//! so `no_officer` in the piece can be `unreachable` in the whole); the figures of the
//! whole.
//!
//! Businesses no inspector can reach within a day join the piece of the first business
//! in their travel component that has one; where no business of the component has one,
//! their tasks are left out without a solve (by a fact where one holds, otherwise for
//! `capacity`: nobody able can get there and back within the working day). A week that
//! is one piece holding everything is planned whole, as before.

use crate::budget::Run;
use crate::context::{self, Context};
use crate::facts::Facts;
use crate::ids::{BizIdx, NodeIdx, TaskIdx};
use crate::plan::{Plan, Reason, Stats, Unscheduled, Visit};
use crate::portfolio::{self, Portfolio};
use crate::scenario::{PartSpec, Scenario};
use crate::travel::TravelGraph;
use crate::{assemble, DateMethod, Options};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// The pieces of a week to plan one by one, and the businesses no piece takes; `None`
/// when the week is one piece holding every business, inspector and place (planned
/// whole).
pub struct Pieces {
    /// The pieces, in the order of their first business.
    pub specs: Vec<PartSpec>,
    /// Businesses no inspector can reach within a day, in travel components where no
    /// business can be reached: their tasks are left out without a solve.
    pub orphans: Vec<BizIdx>,
}

/// Splits a week into pieces (see the module docs); `None` when it is one piece.
pub fn split(scn: &Scenario, travel: &TravelGraph) -> Option<Pieces> {
    let nearby = context::nearby_inspectors(scn, travel);
    let (label_of_business, _) =
        context::parts(scn.businesses.len(), scn.inspectors.len(), &nearby);
    let component = |n: NodeIdx| travel.component(n);
    // Pieces by union-find label, in the order of their first business; businesses
    // nobody reaches wait for their component's first piece.
    let mut piece_of_label: HashMap<u32, usize> = HashMap::new();
    let mut piece_of_component: BTreeMap<u32, usize> = BTreeMap::new();
    let mut businesses: Vec<Vec<BizIdx>> = Vec::new();
    let mut unreached: Vec<BizIdx> = Vec::new();
    for b in 0..scn.businesses.len() {
        let b = BizIdx::new(b);
        if nearby[b.index()].is_empty() {
            unreached.push(b);
            continue;
        }
        let piece = *piece_of_label
            .entry(label_of_business[b.index()])
            .or_insert_with(|| {
                businesses.push(Vec::new());
                businesses.len() - 1
            });
        piece_of_component
            .entry(component(scn.node_of_business(b)))
            .or_insert(piece);
        businesses[piece].push(b);
    }
    let mut orphans = Vec::new();
    for b in unreached {
        match piece_of_component.get(&component(scn.node_of_business(b))) {
            Some(&piece) => businesses[piece].push(b),
            None => orphans.push(b),
        }
    }
    if businesses.len() <= 1 && orphans.is_empty() {
        // One piece: whole unless some inspector or place lies outside its components.
        let whole = businesses.first().is_none_or(|_| {
            let comps: Vec<u32> = piece_of_component.keys().copied().collect();
            let inside = |n: NodeIdx| comps.binary_search(&component(n)).is_ok();
            scn.inspectors.iter().all(|i| inside(i.base))
                && (0..scn.places.len()).all(|p| inside(NodeIdx::new(p)))
        });
        if whole {
            return None;
        }
    }
    // Places and inspectors by travel component.
    let mut places_in: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for p in 0..scn.places.len() {
        places_in
            .entry(component(NodeIdx::new(p)))
            .or_default()
            .push(p);
    }
    let mut inspectors_in: BTreeMap<u32, Vec<crate::ids::InspIdx>> = BTreeMap::new();
    for i in scn.inspector_indices() {
        inspectors_in
            .entry(component(scn.inspector(i).base))
            .or_default()
            .push(i);
    }
    let specs = businesses
        .into_iter()
        .map(|mut list| {
            list.sort();
            let mut comps: Vec<u32> = list
                .iter()
                .map(|&b| component(scn.node_of_business(b)))
                .collect();
            comps.sort_unstable();
            comps.dedup();
            let mut places: Vec<usize> = comps
                .iter()
                .flat_map(|c| places_in.get(c).into_iter().flatten().copied())
                .collect();
            places.sort_unstable();
            let mut inspectors: Vec<_> = comps
                .iter()
                .flat_map(|c| inspectors_in.get(c).into_iter().flatten().copied())
                .collect();
            inspectors.sort_unstable();
            PartSpec {
                businesses: list,
                inspectors,
                places,
            }
        })
        .collect();
    Some(Pieces { specs, orphans })
}

/// A piece's scenario and travel graph.
struct Piece {
    scn: Scenario,
    travel: TravelGraph,
}

/// Plans the pieces one by one and joins their plans: the plan, its figures, how the
/// dates were chosen (the least certain method of any piece) and whether every piece
/// is proven on the first two levels.
pub fn solve(
    scn: &Scenario,
    travel: &TravelGraph,
    pieces: &Pieces,
    run: &Run,
    options: &Options,
) -> (Plan, Stats, DateMethod, bool) {
    let built: Vec<Piece> = pieces
        .specs
        .par_iter()
        .map(|spec| {
            let scn = scn.part(spec);
            let travel = TravelGraph::build(&scn);
            Piece { scn, travel }
        })
        .collect();
    let contexts: Vec<Context> = built
        .par_iter()
        .map(|p| Context::new(&p.scn, &p.travel))
        .collect();
    let runs: Vec<Run> = built.iter().map(|_| run.part()).collect();
    // Largest first, so that the last piece to finish is a small one.
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(built[k].scn.tasks.len()));
    let constructed = largest_first(&order, |k| {
        Portfolio::construct(&contexts[k], &runs[k], options)
    });
    let slots: Vec<Mutex<Option<Portfolio>>> = constructed
        .into_iter()
        .map(|p| Mutex::new(Some(p)))
        .collect();
    let results = largest_first(&order, |k| {
        let portfolio = slots[k]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        portfolio.map(|p| p.improve(&contexts[k], &runs[k], options))
    });
    let mut method = if pieces.specs.is_empty() {
        DateMethod::Greedy // nothing to date: every business is out of reach
    } else {
        DateMethod::IlpOptimal
    };
    let mut proven = true;
    let mut visits: Vec<(Key, Visit)> = Vec::new();
    let mut left: Vec<(TaskIdx, Unscheduled)> = Vec::new();
    let facts = Facts::new(scn, travel);
    let index = &scn.index;
    for (k, result) in results.into_iter().enumerate() {
        let Some((plan, stats, m)) = result else {
            continue; // unreachable: every piece was constructed
        };
        method = method.max(m);
        proven &= portfolio::proven_on_entries(&contexts[k], &stats);
        for f in runs[k].take_fallbacks() {
            run.fell_back(f);
        }
        for v in plan.visits {
            let key = (
                v.date,
                v.start,
                index.businesses.get(&v.business).copied(),
                v.tasks.first().and_then(|t| index.tasks.get(t)).copied(),
            );
            visits.push((key, v));
        }
        for u in plan.unscheduled {
            let Some(&t) = index.tasks.get(&u.task) else {
                continue; // unreachable: a piece holds only the week's own tasks
            };
            left.push((t, whole_reason(scn, &facts, t, u)));
        }
    }
    let mut orphan = vec![false; scn.businesses.len()];
    for b in &pieces.orphans {
        orphan[b.index()] = true;
    }
    for t in scn.task_indices() {
        if orphan[scn.task(t).business.index()] {
            let (reason, detail) = match facts.fact(t) {
                Some(r) => (r, assemble::fact_detail(scn, t, r)),
                None => {
                    proven = false; // left out by the working day, not by a fact
                    (Reason::Capacity, assemble::out_of_reach_detail(scn, t))
                }
            };
            let u = Unscheduled {
                task: scn.task(t).id.clone(),
                reason: reason.code().to_owned(),
                detail,
            };
            left.push((t, u));
        }
    }
    visits.sort_by_key(|(key, _)| *key);
    let visits = visits
        .into_iter()
        .enumerate()
        .map(|(n, (_, v))| Visit {
            id: format!("V{:04}", n + 1),
            ..v
        })
        .collect();
    left.sort_by_key(|(t, _)| *t);
    let unscheduled = left.into_iter().map(|(_, u)| u).collect();
    let mut plan = Plan::new(&scn.name, visits, unscheduled);
    let stats = crate::figures::plan_stats(scn, travel, &plan);
    plan.stats = stats.to_fields();
    (plan, stats, method, proven)
}

/// Sort key of a joined visit: date, start, business, first task (as the assembly).
type Key = (
    chrono::NaiveDate,
    crate::scenario::time::Clock,
    Option<BizIdx>,
    Option<TaskIdx>,
);

/// A piece's reason for leaving task `t` out, as the whole week sees it: a fact reason
/// becomes the whole week's fact (the piece sees fewer inspectors), or `capacity` when
/// the whole week has none (an able inspector exists but nobody can get there and back
/// within the working day); `capacity` and `time_limit` stay.
fn whole_reason(scn: &Scenario, facts: &Facts, t: TaskIdx, u: Unscheduled) -> Unscheduled {
    let fact_code = [Reason::NoValidDay, Reason::NoOfficer, Reason::Unreachable]
        .iter()
        .any(|r| r.code() == u.reason);
    if !fact_code {
        return u;
    }
    let (reason, detail) = match facts.fact(t) {
        Some(r) if r.code() == u.reason => return u,
        Some(r) => (r, assemble::fact_detail(scn, t, r)),
        None => (Reason::Capacity, assemble::out_of_reach_detail(scn, t)),
    };
    Unscheduled {
        reason: reason.code().to_owned(),
        detail,
        ..u
    }
}

/// Runs `job` for every piece over the pool's threads, taking the pieces in `order`
/// (largest first) as threads come free; the results by piece.
fn largest_first<T: Send>(order: &[usize], job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = order.iter().map(|_| Mutex::new(None)).collect();
    let workers = rayon::current_num_threads().min(order.len());
    rayon::scope(|s| {
        for _ in 0..workers {
            s.spawn(|_| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(&k) = order.get(i) else { break };
                let out = job(k);
                *slots[k].lock().unwrap_or_else(PoisonError::into_inner) = Some(out);
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("every piece is run once")
        })
        .collect()
}
