//! C1 coverage: every task of the scenario appears exactly once, in one visit's `tasks`
//! or in `unscheduled`; no unknown task, business or inspector id appears; visit ids are
//! unique; every visit holds at least one task.

use super::{Ctx, Found, Rule};
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
            found.add(Rule::C1, format!("visit id {} is used by {n} visits", v.id));
        }
    }

    // Every visit: a known business, known tasks and inspectors, at least one task.
    for v in &plan.visits {
        if v.tasks.is_empty() {
            found.add(Rule::C1, format!("{}: the visit holds no task", v.id));
        }
        if !scn.index.businesses.contains_key(&v.business) {
            found.add(
                Rule::C1,
                format!("{}: unknown business {}", v.id, v.business),
            );
        }
        for t in &v.tasks {
            if !scn.index.tasks.contains_key(t) {
                found.add(Rule::C1, format!("{}: unknown task {t}", v.id));
            }
        }
        for c in &v.crew {
            if !scn.index.inspectors.contains_key(&c.inspector) {
                found.add(
                    Rule::C1,
                    format!("{}: unknown inspector {}", v.id, c.inspector),
                );
            }
        }
    }
    for u in &plan.unscheduled {
        if !scn.index.tasks.contains_key(&u.task) {
            found.add(Rule::C1, format!("unscheduled: unknown task {}", u.task));
        }
    }

    // Every task exactly once.
    let mut places: Vec<Vec<&str>> = vec![Vec::new(); scn.tasks.len()];
    for v in &plan.visits {
        for t in &v.tasks {
            if let Some(&t) = scn.index.tasks.get(t) {
                places[t.index()].push(&v.id);
            }
        }
    }
    for u in &plan.unscheduled {
        if let Some(&t) = scn.index.tasks.get(&u.task) {
            places[t.index()].push("unscheduled");
        }
    }
    for (task, at) in scn.tasks.iter().zip(&places) {
        match at.len() {
            0 => found.add(
                Rule::C1,
                format!("{}: appears in no visit and not in unscheduled", task.id),
            ),
            1 => {}
            n => found.add(
                Rule::C1,
                format!("{}: appears {n} times (in {})", task.id, at.join(", ")),
            ),
        }
    }
}
