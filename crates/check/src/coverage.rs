//! C1 coverage: every task of the scenario appears exactly once, in one visit's `tasks`
//! or in `unscheduled`; no unknown task, business or inspector id appears; visit ids are
//! unique; every visit holds at least one task.

use super::{Ctx, Found, Kind};
use std::collections::HashMap;

/// Checks rule C1.
pub(super) fn check(cx: &Ctx, found: &mut Found) {
    let scn = cx.scn;
    let plan = cx.plan;

    // Visit ids: unique.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for v in &plan.visits {
        *by_id.entry(v.id.as_str()).or_default() += 1;
    }
    let mut reported = std::collections::HashSet::new();
    for v in &plan.visits {
        let n = by_id.get(v.id.as_str()).copied().unwrap_or(0);
        if n > 1 && reported.insert(v.id.as_str()) {
            found.add(Kind::DuplicateVisitId {
                visit: v.id.clone(),
                count: n,
            });
        }
    }

    // Every visit: a known business, known tasks and inspectors, at least one task.
    for v in &plan.visits {
        if v.tasks.is_empty() {
            found.add(Kind::EmptyVisit {
                visit: v.id.clone(),
            });
        }
        if !scn.index.businesses.contains_key(&v.business) {
            found.add(Kind::UnknownBusiness {
                visit: v.id.clone(),
                business: v.business.clone(),
            });
        }
        for t in &v.tasks {
            if !scn.index.tasks.contains_key(t) {
                found.add(Kind::UnknownTask {
                    visit: v.id.clone(),
                    task: t.clone(),
                });
            }
        }
        for c in &v.crew {
            if !scn.index.inspectors.contains_key(&c.inspector) {
                found.add(Kind::UnknownInspector {
                    visit: v.id.clone(),
                    inspector: c.inspector.clone(),
                });
            }
        }
    }
    for u in &plan.unscheduled {
        if !scn.index.tasks.contains_key(&u.task) {
            found.add(Kind::UnknownUnscheduled {
                task: u.task.clone(),
            });
        }
    }

    // Every task exactly once: the visits holding it, then its entries in `unscheduled`.
    let mut places: Vec<(Vec<&str>, usize)> = vec![(Vec::new(), 0); scn.tasks.len()];
    for v in &plan.visits {
        for t in &v.tasks {
            if let Some(&t) = scn.index.tasks.get(t) {
                places[t.index()].0.push(&v.id);
            }
        }
    }
    for u in &plan.unscheduled {
        if let Some(&t) = scn.index.tasks.get(&u.task) {
            places[t.index()].1 += 1;
        }
    }
    for (task, (visits, unscheduled)) in scn.tasks.iter().zip(&places) {
        match visits.len() + unscheduled {
            0 => found.add(Kind::TaskMissing {
                task: task.id.clone(),
            }),
            1 => {}
            _ => found.add(Kind::TaskRepeated {
                task: task.id.clone(),
                visits: visits.iter().map(|&v| v.to_owned()).collect(),
                unscheduled: *unscheduled,
            }),
        }
    }
}
