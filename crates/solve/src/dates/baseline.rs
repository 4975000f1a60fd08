//! The two baselines the optimizer is measured against (`benches/README.md`): dates without
//! merging ([`no_merge`]) and by a simple greedy merge ([`greedy_merge`]).

use super::greedy::stab;
use super::{common_dates, Draft};
use crate::context::{Context, DatePos};
use crate::ids::{BizIdx, DeptIdx, TaskIdx};

/// Baseline dates without merging: each (business, department) pair's tasks on its own
/// fewest dates, so no visit mixes departments.
pub fn no_merge(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    let mut pairs: std::collections::BTreeMap<(BizIdx, DeptIdx), Vec<TaskIdx>> = Default::default();
    let mut drafts = Vec::new();
    for t in scn
        .task_indices()
        .filter(|t| ctx.schedulable[t.index()] && !ctx.task_dates[t.index()].is_empty())
    {
        let task = scn.task(t);
        if task.joinable {
            pairs
                .entry((task.business, task.department))
                .or_default()
                .push(t);
        } else {
            drafts.push(Draft {
                business: task.business,
                date: ctx.task_dates[t.index()][0],
                tasks: vec![t],
            });
        }
    }
    for ((b, _), tasks) in pairs {
        for group in stab(ctx, tasks) {
            let date = common_dates(ctx, &group)[0];
            drafts.push(Draft {
                business: b,
                date,
                tasks: group,
            });
        }
    }
    drafts
}

/// Baseline dates by a simple greedy merge: a business's tasks in file order, each on the
/// first date it shares with the current group, or starting a new group on its own first
/// valid date.
pub fn greedy_merge(ctx: &Context) -> Vec<Draft> {
    let scn = ctx.scn;
    // Per business: open groups, each with the dates all its tasks share.
    type Groups = Vec<(Vec<DatePos>, Vec<TaskIdx>)>;
    let mut open: std::collections::BTreeMap<BizIdx, Groups> = Default::default();
    let mut drafts = Vec::new();
    for t in scn
        .task_indices()
        .filter(|t| ctx.schedulable[t.index()] && !ctx.task_dates[t.index()].is_empty())
    {
        let task = scn.task(t);
        let dates = &ctx.task_dates[t.index()];
        if !task.joinable {
            drafts.push(Draft {
                business: task.business,
                date: dates[0],
                tasks: vec![t],
            });
            continue;
        }
        let groups = open.entry(task.business).or_default();
        let shared = groups
            .iter_mut()
            .find(|(common, _)| common.iter().any(|d| dates.contains(d)));
        match shared {
            Some((common, tasks)) => {
                common.retain(|d| dates.contains(d));
                tasks.push(t);
            }
            None => groups.push((dates.clone(), vec![t])),
        }
    }
    for (b, groups) in open {
        for (common, tasks) in groups {
            drafts.push(Draft {
                business: b,
                date: common[0],
                tasks,
            });
        }
    }
    drafts
}
