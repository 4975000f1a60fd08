//! Visit splitting: which tasks may share one visit, and how the tasks given to one
//! business on one date are split into visits.
//!
//! Tasks share a visit when every rule of a single visit allows it: all joinable, their
//! departments pairwise compatible, no more departments than the rule allows, the visit no
//! longer than `max_visit_minutes` nor than the business's opening window, and at most
//! one pinned start time.

use crate::context::Context;
use crate::ids::{BizIdx, TaskIdx};

/// Whether `tasks` (all at one business) may form one visit.
pub fn fits(ctx: &Context, b: BizIdx, tasks: &[TaskIdx]) -> bool {
    let scn = ctx.scn;
    let Some(window) = ctx.window[b.index()] else {
        return false;
    };
    if tasks.len() > 1 && tasks.iter().any(|&t| !scn.task(t).joinable) {
        return false;
    }
    let roles = ctx.roles(tasks);
    if let Some(max) = scn.rules.max_departments_per_visit {
        if roles.len() > max as usize {
            return false;
        }
    }
    for (i, (a, _)) in roles.iter().enumerate() {
        for (c, _) in &roles[i + 1..] {
            if !scn.rules.compatible(*a, *c) {
                return false;
            }
        }
    }
    let duration = ctx.duration(tasks);
    if scn.rules.max_visit_minutes.is_some_and(|m| duration > m) {
        return false;
    }
    let mut pinned_start = None;
    for &t in tasks {
        if let Some(s) = scn.task(t).pinned.and_then(|p| p.start) {
            if pinned_start.is_some_and(|p| p != s) {
                return false;
            }
            pinned_start = Some(s);
        }
    }
    let earliest = pinned_start.map_or(window.start.0, |s| s.0);
    earliest >= window.start.0 && earliest + duration <= window.end.0
}

/// Splits the tasks given to business `b` on one date into visits: each non-joinable
/// task alone, the rest first-fit (highest priority, then longest, first). Tasks that fit
/// no visit even alone are returned separately.
pub fn into_visits(
    ctx: &Context,
    b: BizIdx,
    mut tasks: Vec<TaskIdx>,
) -> (Vec<Vec<TaskIdx>>, Vec<TaskIdx>) {
    let scn = ctx.scn;
    tasks.sort_by_key(|&t| {
        let task = scn.task(t);
        (
            std::cmp::Reverse(task.priority),
            std::cmp::Reverse(task.minutes),
            t,
        )
    });
    let mut groups: Vec<Vec<TaskIdx>> = Vec::new();
    let mut misfits = Vec::new();
    for t in tasks {
        if !fits(ctx, b, &[t]) {
            misfits.push(t);
            continue;
        }
        if !scn.task(t).joinable {
            groups.push(vec![t]);
            continue;
        }
        let slot = groups.iter().position(|g| {
            let mut grown = g.clone();
            grown.push(t);
            grown.len() > 1 && fits(ctx, b, &grown)
        });
        match slot {
            Some(i) => groups[i].push(t),
            None => groups.push(vec![t]),
        }
    }
    (groups, misfits)
}
