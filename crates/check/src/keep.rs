//! Which visits of an earlier plan may be kept exactly as they are in a (changed)
//! scenario: the start of every re-plan (`plan --from`, what-if variants, bottlenecks).
//!
//! A visit is kept when, by the checker's own rules, it is valid on its own — its ids
//! resolve (C1), and C2–C8, C10 and C11 hold for it alone — and, taken in plan order,
//! still valid beside the visits kept before it: no task twice (C1), the inspectors'
//! days (C8) and the businesses' limits (C9). Coverage of new tasks, reasons and stats
//! (C1's "every task", C12, C13) are the re-plan's to fill in, so they are not asked.

use super::{crew, day, visit, Ctx, Found, Paths};
use chrono::NaiveDate;
use onedoor_core::plan::{Plan, Visit};
use onedoor_core::scenario::Scenario;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One flag per visit of `plan`: whether it may be kept as it is. Travel is the
/// checker's own ([`Paths`]), as in [`crate::check`].
pub fn keepable(scn: &Scenario, plan: &Plan) -> Vec<bool> {
    let paths = Paths::new(scn);
    let mut keep: Vec<bool> = plan
        .visits
        .iter()
        .map(|v| valid_alone(scn, &paths, plan, v))
        .collect();
    // No task in two kept visits: the first visit keeps it.
    let mut seen: HashSet<&str> = HashSet::new();
    for (k, v) in plan.visits.iter().enumerate() {
        if keep[k] {
            let fresh = v.tasks.iter().all(|t| !seen.contains(t.as_str()));
            if fresh {
                seen.extend(v.tasks.iter().map(String::as_str));
            } else {
                keep[k] = false;
            }
        }
    }
    // The businesses' limits (C9), in plan order.
    let mut count: HashMap<&str, u32> = HashMap::new();
    for (k, v) in plan.visits.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let limit = scn
            .index
            .businesses
            .get(&v.business)
            .and_then(|&b| scn.business(b).max_visits);
        let n = count.entry(v.business.as_str()).or_default();
        if limit.is_some_and(|m| *n >= m) {
            keep[k] = false;
        } else {
            *n += 1;
        }
    }
    // The inspectors' days (C8), date by date: each visit joins the kept visits of its
    // date when the days stay valid with it. Only its crew's days can break, so only
    // they are checked: the kept visits of its crew on its date and the visit itself.
    // The other inspectors of those visits appear with part of their day, and part of
    // a valid day is valid (travel is by shortest paths, so leaving a stop out never
    // lengthens a leg), so the answer is the one checking every day would give, at the
    // cost of the crew's days instead of the whole date's.
    let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (k, v) in plan.visits.iter().enumerate() {
        if keep[k] {
            by_date.entry(v.date).or_default().push(k);
        }
    }
    for list in by_date.into_values() {
        let mut of_inspector: HashMap<&str, Vec<usize>> = HashMap::new();
        for k in list {
            let v = &plan.visits[k];
            let mut near: Vec<usize> = v
                .crew
                .iter()
                .filter_map(|c| of_inspector.get(c.inspector.as_str()))
                .flatten()
                .copied()
                .collect();
            near.sort_unstable();
            near.dedup();
            near.push(k);
            let day_plan = sub_plan(plan, near.iter().map(|&j| plan.visits[j].clone()).collect());
            let cx = Ctx::new(scn, &paths, &day_plan);
            let mut found = Found::default();
            day::check(&cx, &day::days(&cx), &mut found);
            if found.0.is_empty() {
                for c in &v.crew {
                    let list = of_inspector.entry(c.inspector.as_str()).or_default();
                    if list.last() != Some(&k) {
                        list.push(k);
                    }
                }
            } else {
                keep[k] = false;
            }
        }
    }
    keep
}

/// Whether one visit is valid on its own: known ids, at least one task, rules C2–C8,
/// C10 and C11.
fn valid_alone(scn: &Scenario, paths: &Paths, plan: &Plan, v: &Visit) -> bool {
    let idx = &scn.index;
    let known = !v.tasks.is_empty()
        && idx.businesses.contains_key(&v.business)
        && v.tasks.iter().all(|t| idx.tasks.contains_key(t))
        && v.crew.iter().all(|c| {
            idx.inspectors.contains_key(&c.inspector) && idx.departments.contains_key(&c.department)
        });
    if !known {
        return false;
    }
    let one = sub_plan(plan, vec![v.clone()]);
    let cx = Ctx::new(scn, paths, &one);
    let mut found = Found::default();
    visit::check(&cx, &mut found);
    crew::check(&cx, &mut found);
    day::check(&cx, &day::days(&cx), &mut found);
    found.0.is_empty()
}

/// A plan of `visits` alone, with nothing else.
fn sub_plan(plan: &Plan, visits: Vec<Visit>) -> Plan {
    Plan {
        version: plan.version,
        scenario: plan.scenario.clone(),
        visits,
        unscheduled: Vec::new(),
        stats: Vec::new(),
        solver: plan.solver.clone(),
    }
}
