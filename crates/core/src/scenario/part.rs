//! One independent part of a scenario as a scenario of its own ([`Scenario::part`]).
//!
//! The solver plans a week part by part when its businesses and inspectors fall into
//! pieces that share no inspector (nobody can reach a business of another piece within a
//! day): each piece is planned exactly as it would be in a file of its own. This module
//! makes that file's scenario, in memory: the piece's businesses, tasks and inspectors in
//! their original order, the places of the travel components they lie in, the links
//! between those places, and the departments they use. Ids stay as they are, so the
//! piece's plan is a plan of the whole scenario's ids.

use super::model::{IdIndex, Link, Rules, Scenario, TravelRules};
use crate::ids::{BizIdx, DeptIdx, InspIdx, NodeIdx, TaskIdx};
use std::collections::HashMap;

/// Which businesses, inspectors and places make one part (indices of the whole
/// scenario, each list in increasing order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartSpec {
    /// The part's businesses.
    pub businesses: Vec<BizIdx>,
    /// The part's inspectors.
    pub inspectors: Vec<InspIdx>,
    /// The part's places (positions in [`Scenario::places`]): every place of the travel
    /// components its businesses and inspectors' bases lie in, so paths through piers
    /// and bridge heads stay as they are.
    pub places: Vec<usize>,
}

impl Scenario {
    /// The scenario holding only `spec`'s businesses, inspectors and places, their tasks,
    /// the links between kept places (and businesses), and the departments their tasks
    /// and inspectors use (in the scenario's order, as are all lists). Horizon, rules
    /// (incompatible pairs between kept departments), travel speed, notice and items are
    /// the scenario's.
    pub fn part(&self, spec: &PartSpec) -> Scenario {
        let mut node_map: HashMap<NodeIdx, NodeIdx> = HashMap::new();
        for (new, &p) in spec.places.iter().enumerate() {
            node_map.insert(NodeIdx::new(p), NodeIdx::new(new));
        }
        for (new, &b) in spec.businesses.iter().enumerate() {
            node_map.insert(
                self.node_of_business(b),
                NodeIdx::new(spec.places.len() + new),
            );
        }
        let biz_map: HashMap<BizIdx, BizIdx> = spec
            .businesses
            .iter()
            .enumerate()
            .map(|(new, &b)| (b, BizIdx::new(new)))
            .collect();
        let tasks: Vec<TaskIdx> = self
            .task_indices()
            .filter(|t| biz_map.contains_key(&self.task(*t).business))
            .collect();
        // Departments used by the part, in the scenario's order.
        let mut used = vec![false; self.departments.len()];
        for &t in &tasks {
            used[self.task(t).department.index()] = true;
        }
        for &i in &spec.inspectors {
            let insp = self.inspector(i);
            used[insp.department.index()] = true;
            for d in &insp.acts_for {
                used[d.index()] = true;
            }
        }
        let mut dept_map: HashMap<DeptIdx, DeptIdx> = HashMap::new();
        let mut departments = Vec::new();
        for (d, dept) in self.departments.iter().enumerate() {
            if used[d] {
                dept_map.insert(DeptIdx::new(d), DeptIdx::new(departments.len()));
                departments.push(dept.clone());
            }
        }
        let dept = |d: &DeptIdx| dept_map[d];
        let places: Vec<_> = spec
            .places
            .iter()
            .map(|&p| self.places[p].clone())
            .collect();
        let businesses: Vec<_> = spec
            .businesses
            .iter()
            .map(|&b| self.business(b).clone())
            .collect();
        let inspectors: Vec<_> = spec
            .inspectors
            .iter()
            .map(|&i| {
                let mut insp = self.inspector(i).clone();
                insp.department = dept(&insp.department);
                insp.acts_for = insp.acts_for.iter().map(dept).collect();
                // A base outside the kept places cannot happen (the part holds the base's
                // component); the first kept node stands in rather than panicking.
                insp.base = node_map.get(&insp.base).copied().unwrap_or(NodeIdx::new(0));
                insp.recuse = insp
                    .recuse
                    .iter()
                    .filter_map(|b| biz_map.get(b).copied())
                    .collect();
                insp
            })
            .collect();
        let tasks: Vec<_> = tasks
            .iter()
            .map(|&t| {
                let mut task = self.task(t).clone();
                task.department = dept(&task.department);
                task.business = biz_map[&task.business];
                task
            })
            .collect();
        let links: Vec<Link> = self
            .travel
            .links
            .iter()
            .filter_map(|l| {
                Some(Link {
                    from: *node_map.get(&l.from)?,
                    to: *node_map.get(&l.to)?,
                    minutes: l.minutes,
                })
            })
            .collect();
        let incompatible = self
            .rules
            .incompatible
            .iter()
            .filter_map(|(a, b)| Some((*dept_map.get(a)?, *dept_map.get(b)?)))
            .collect();
        let mut index = IdIndex {
            items: self.index.items.clone(),
            ..IdIndex::default()
        };
        for (i, d) in departments.iter().enumerate() {
            index.departments.insert(d.id.clone(), DeptIdx::new(i));
        }
        for (i, x) in inspectors.iter().enumerate() {
            index.inspectors.insert(x.id.clone(), InspIdx::new(i));
        }
        for (i, b) in businesses.iter().enumerate() {
            index.businesses.insert(b.id.clone(), BizIdx::new(i));
            index
                .nodes
                .insert(b.id.clone(), NodeIdx::new(places.len() + i));
        }
        for (i, t) in tasks.iter().enumerate() {
            index.tasks.insert(t.id.clone(), TaskIdx::new(i));
        }
        for (i, p) in places.iter().enumerate() {
            index.nodes.insert(p.id.clone(), NodeIdx::new(i));
        }
        Scenario {
            version: self.version,
            name: self.name.clone(),
            horizon: self.horizon.clone(),
            rules: Rules {
                incompatible,
                ..self.rules.clone()
            },
            travel: TravelRules {
                links,
                ..self.travel.clone()
            },
            places,
            departments,
            inspectors,
            businesses,
            tasks,
            notice: self.notice.clone(),
            items: self.items.clone(),
            index,
        }
    }
}
