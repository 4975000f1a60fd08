//! What every stage of the solver needs to know about the scenario, computed once:
//! the working dates, each task's valid dates as date positions, which tasks can be
//! scheduled at all, and the shape of a visit (duration, roles) for a set of tasks.
//!
//! A context is immutable once built: what changes during a solve (the time left, the
//! cancel token, the work done) is the solve's budget (`budget.rs`), passed on its own.

use crate::ids::{BizIdx, DeptIdx, InspIdx, TaskIdx};
use crate::scenario::time::Hours;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;

/// A date position into [`Context::dates`].
pub type DatePos = usize;

/// Precomputed facts shared by all stages.
pub struct Context<'a> {
    /// The scenario.
    pub scn: &'a Scenario,
    /// Travel minutes.
    pub travel: &'a TravelGraph,
    /// The working dates of the horizon.
    pub dates: Vec<NaiveDate>,
    /// Valid dates of each task, as positions into `dates`.
    pub task_dates: Vec<Vec<DatePos>>,
    /// Tasks that may be scheduled (no fact rules them out).
    pub schedulable: Vec<bool>,
    /// Each business's visit window (horizon hours ∩ open hours).
    pub window: Vec<Option<Hours>>,
    /// The facts behind the checkable reasons.
    pub facts: crate::facts::Facts<'a>,
    /// For each business, the inspectors (by index) who can reach it from their base and
    /// be back within the working day: the only ones worth considering for its crews.
    pub nearby: Vec<Vec<InspIdx>>,
    /// The independent part of each business: businesses in different parts share no
    /// inspector who can reach both (see [`parts`]).
    pub part_of_business: Vec<u32>,
    /// Whether fewer than half the inspectors hold a certificate: crews then spend
    /// certified officers only where a visit needs them (see `crews.rs`).
    pub certified_scarce: bool,
    /// The part of each inspector (inspectors who reach no business get their own).
    pub part_of_inspector: Vec<u32>,
}

/// Splits businesses and inspectors into parts that share no capacity: a union-find over
/// the "can reach within a day" relation between inspectors and businesses. Islands and
/// cities served by their own teams become separate parts.
pub(crate) fn parts(
    n_businesses: usize,
    n_inspectors: usize,
    nearby: &[Vec<InspIdx>],
) -> (Vec<u32>, Vec<u32>) {
    let mut uf = petgraph::unionfind::UnionFind::<u32>::new(n_businesses + n_inspectors);
    for (b, list) in nearby.iter().enumerate() {
        for i in list {
            uf.union(b as u32, (n_businesses + i.index()) as u32);
        }
    }
    let labels = uf.into_labeling();
    (
        labels[..n_businesses].to_vec(),
        labels[n_businesses..].to_vec(),
    )
}

/// Inspectors whose base has a path to each business and back inside the working day
/// (computed once per distinct base, in parallel). Only the bases in the business's own
/// travel component are tried, and each fitting base brings its inspectors, so the cost
/// grows with the businesses times the bases of one component, not of the whole week.
pub(crate) fn nearby_inspectors(scn: &Scenario, travel: &TravelGraph) -> Vec<Vec<InspIdx>> {
    use rayon::prelude::*;
    use std::collections::BTreeMap;
    let day_minutes = scn
        .horizon
        .hours
        .end
        .0
        .saturating_sub(scn.horizon.hours.start.0);
    // Inspectors by base, and bases by travel component.
    let mut at_base: BTreeMap<crate::ids::NodeIdx, Vec<InspIdx>> = BTreeMap::new();
    for i in scn.inspector_indices() {
        at_base.entry(scn.inspector(i).base).or_default().push(i);
    }
    let mut bases_in: BTreeMap<u32, Vec<crate::ids::NodeIdx>> = BTreeMap::new();
    for &base in at_base.keys() {
        bases_in
            .entry(travel.component(base))
            .or_default()
            .push(base);
    }
    (0..scn.businesses.len())
        .into_par_iter()
        .map(|b| {
            let node = scn.node_of_business(BizIdx::new(b));
            let Some(bases) = bases_in.get(&travel.component(node)) else {
                return Vec::new();
            };
            let mut near: Vec<InspIdx> = bases
                .iter()
                .filter(|&&base| {
                    travel.connected(base, node)
                        && matches!(
                            (travel.minutes(base, node), travel.minutes(node, base)),
                            (Some(a), Some(c)) if a + c < day_minutes
                        )
                })
                .flat_map(|base| at_base[base].iter().copied())
                .collect();
            near.sort_unstable();
            near
        })
        .collect()
}

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(scn: &'a Scenario, travel: &'a TravelGraph) -> Context<'a> {
        let dates = scn.horizon.working_dates();
        let task_dates: Vec<Vec<DatePos>> = scn
            .task_indices()
            .map(|t| {
                (0..dates.len())
                    .filter(|&d| scn.valid_date(t, dates[d]))
                    .collect()
            })
            .collect();
        let facts = crate::facts::Facts::new(scn, travel);
        let schedulable = scn
            .task_indices()
            .map(|t| facts.fact(t).is_none())
            .collect();
        let window = (0..scn.businesses.len())
            .map(|b| scn.visit_window(BizIdx::new(b)))
            .collect();
        let nearby = nearby_inspectors(scn, travel);
        let (part_of_business, part_of_inspector) =
            parts(scn.businesses.len(), scn.inspectors.len(), &nearby);
        let certified = scn.inspectors.iter().filter(|i| i.certified).count();
        Context {
            certified_scarce: certified * 2 < scn.inspectors.len(),
            part_of_business,
            part_of_inspector,
            nearby,
            scn,
            travel,
            dates,
            task_dates,
            schedulable,
            window,
            facts,
        }
    }

    /// The duration of a visit holding `tasks`: overhead plus the largest per-department
    /// sum of task minutes, and at least one minute (C4: a visit starts before it ends,
    /// also when the overhead and its tasks' minutes are all 0).
    pub fn duration(&self, tasks: &[TaskIdx]) -> u32 {
        let mut per_dept: Vec<(DeptIdx, u32)> = Vec::new();
        for &t in tasks {
            let task = self.scn.task(t);
            match per_dept.iter_mut().find(|(d, _)| *d == task.department) {
                Some((_, m)) => *m += task.minutes,
                None => per_dept.push((task.department, task.minutes)),
            }
        }
        let work = per_dept.iter().map(|(_, m)| *m).max().unwrap_or(0);
        (self.scn.rules.visit_overhead_minutes + work).max(1)
    }

    /// The summed priority of `tasks`: what a visit holding them is worth, or what
    /// leaving them out costs.
    pub fn priority(&self, tasks: &[TaskIdx]) -> u64 {
        tasks
            .iter()
            .map(|&t| u64::from(self.scn.task(t).priority))
            .sum()
    }

    /// The roles of a visit: each department present with the largest `officers` among
    /// its tasks (at least one crew entry is not required for `officers: 0`).
    pub fn roles(&self, tasks: &[TaskIdx]) -> Vec<(DeptIdx, u32)> {
        let mut roles: Vec<(DeptIdx, u32)> = Vec::new();
        for &t in tasks {
            let task = self.scn.task(t);
            match roles.iter_mut().find(|(d, _)| *d == task.department) {
                Some((_, n)) => *n = (*n).max(task.officers),
                None => roles.push((task.department, task.officers)),
            }
        }
        roles.sort();
        roles
    }
}
