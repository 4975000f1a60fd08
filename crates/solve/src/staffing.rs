//! A staffing answer for planners (`onedoor whatif BASE --certify N`): which officers,
//! once certified, would save the most, and the curve of what a week leaves out against
//! the number of certified officers.
//!
//! Certificates are given one at a time, greedily. At each step every candidate — an
//! uncertified inspector — is certified in a copy of the week, and the week is
//! re-planned from the current plan (an ordinary re-plan, [`crate::Start`], in
//! parallel); the candidate whose re-plan is best by the objective (unscheduled priority,
//! visits, crew entries, travel; ties to the first inspector in file order) is certified
//! and its plan becomes the current one. The curve goes on past `N` until no candidate
//! saves priority or visits, or for at most [`MAX_STEPS`] steps.
//!
//! **Monotone.** A plan stays valid when one more officer holds a certificate, and a
//! re-plan keeps the plan it starts from as a candidate, so every step's plan is at least
//! as good as the previous one: the curve never rises.
//!
//! **Candidates.** The first step tries every uncertified inspector who may act for a
//! department with tasks, up to [`MAX_CANDIDATES`] (ranked by the priority left out for
//! capacity in the departments they may act for, then by their crew entries in the base
//! plan); later steps re-try only the best [`RETRY`] of the previous step (a candidate's
//! gain rarely grows once others are certified, the usual lazy-greedy shortcut), and all
//! of them again when none of those saves anything.

use crate::figures::Objective;
use crate::ids::InspIdx;
use crate::plan::{Plan, Stats};
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use crate::{plan, Options, SolveError, Start};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Most candidates re-planned at the first step.
pub const MAX_CANDIDATES: usize = 48;
/// Candidates re-tried at each later step (the best of the step before).
pub const RETRY: usize = 12;
/// Most steps of the curve.
pub const MAX_STEPS: usize = 20;

/// One point of the curve: the week with `certified` certified officers.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Certified officers in the week.
    pub certified: usize,
    /// The inspector certified at this step (`None` for today's staffing).
    pub inspector: Option<String>,
    /// The figures of the week's plan.
    pub stats: Stats,
}

/// The answer: the curve, today's staffing first.
#[derive(Clone, Debug, PartialEq)]
pub struct Staffing {
    /// Today, then one step per certificate given.
    pub steps: Vec<Step>,
    /// How many certificates were asked for (`--certify N`).
    pub asked: usize,
}

impl Staffing {
    /// The inspectors to certify: the first `asked` steps' (fewer when the curve ends
    /// sooner, because nothing more is saved).
    pub fn chosen(&self) -> Vec<&str> {
        self.steps
            .iter()
            .skip(1)
            .take(self.asked)
            .filter_map(|s| s.inspector.as_deref())
            .collect()
    }
}

/// The first two objective levels: what a certificate must save to count.
fn key(s: &Stats) -> (u64, u64) {
    (s.unscheduled_priority, s.visits)
}

/// The staffing curve of `scn` from `base` (its plan), asking for `n` certificates.
pub fn certify(
    scn: &Scenario,
    base: &Plan,
    n: usize,
    options: &Options,
) -> Result<Staffing, SolveError> {
    let base_stats = Stats::from_fields(&base.stats)
        .ok_or_else(|| SolveError::Figures("the base".to_owned()))?;
    let certified = scn.inspectors.iter().filter(|i| i.certified).count();
    let mut steps = vec![Step {
        certified,
        inspector: None,
        stats: base_stats,
    }];
    let mut current = (scn.clone(), base.clone(), base_stats);
    let all = candidates(scn, base);
    let mut pool = all.clone();
    let mut full = true; // whether `pool` holds every candidate left
    let (workers, _) = crate::thread_pool(options.threads)?;
    // A certificate changes no place or road: one travel graph serves every re-plan.
    let travel = TravelGraph::build(scn);
    // Every re-plan runs inside `workers`, the process's pool (see `crate::plan_with`).
    let quiet = Options {
        progress: false,
        ..options.clone()
    };
    while steps.len() <= MAX_STEPS && !pool.is_empty() {
        let from = Options {
            start: Some(Arc::new(Start::from_plan(&current.1))),
            ..quiet.clone()
        };
        let tried: Vec<(InspIdx, Scenario, Plan, Stats)> = workers.install(|| {
            pool.par_iter()
                .map(|&i| {
                    let mut s = current.0.clone();
                    s.inspectors[i.index()].certified = true;
                    let out = plan(&s, &travel, &from)?;
                    Ok((i, s, out.plan, out.stats))
                })
                .collect::<Result<_, SolveError>>()
        })?;
        let mut ranked: Vec<&(InspIdx, Scenario, Plan, Stats)> = tried.iter().collect();
        ranked.sort_by(|a, b| {
            Objective::from(&a.3)
                .cmp(&Objective::from(&b.3))
                .then(a.0.cmp(&b.0))
        });
        let Some(best) = ranked.first() else { break };
        if key(&best.3) >= key(&current.2) {
            if full {
                // Nothing more is saved: the curve ends, even before `n` certificates.
                break;
            }
            // The few re-tried saved nothing: try every candidate left once more.
            pool = all
                .iter()
                .copied()
                .filter(|&i| !current.0.inspector(i).certified)
                .collect();
            full = true;
            continue;
        }
        let (i, s, p, st) = (*best).clone();
        steps.push(Step {
            certified: steps.len() + certified,
            inspector: Some(scn.inspector(i).id.clone()),
            stats: st,
        });
        pool = ranked.iter().skip(1).take(RETRY).map(|c| c.0).collect();
        full = pool.len() + steps.len() > all.len();
        current = (s, p, st);
    }
    Ok(Staffing { steps, asked: n })
}

/// The uncertified inspectors worth trying, best first (see the module docs).
fn candidates(scn: &Scenario, base: &Plan) -> Vec<InspIdx> {
    let left = crate::whatif::left_for_capacity(base);
    let mut left_by_dept: BTreeMap<usize, u64> = BTreeMap::new();
    let mut has_tasks: BTreeSet<usize> = BTreeSet::new();
    for t in scn.task_indices() {
        let task = scn.task(t);
        has_tasks.insert(task.department.index());
        if left.contains(task.id.as_str()) {
            *left_by_dept.entry(task.department.index()).or_default() += u64::from(task.priority);
        }
    }
    let mut entries: BTreeMap<&str, u64> = BTreeMap::new();
    for c in base.visits.iter().flat_map(|v| &v.crew) {
        *entries.entry(c.inspector.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(u64, u64, InspIdx)> =
        scn.inspectors
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.certified)
            .filter(|(_, i)| {
                scn.departments.iter().enumerate().any(|(k, _)| {
                    has_tasks.contains(&k) && i.may_act_for(crate::ids::DeptIdx::new(k))
                })
            })
            .map(|(n, i)| {
                let left: u64 = left_by_dept
                    .iter()
                    .filter(|(k, _)| i.may_act_for(crate::ids::DeptIdx::new(**k)))
                    .map(|(_, p)| *p)
                    .sum();
                (
                    left,
                    entries.get(i.id.as_str()).copied().unwrap_or(0),
                    InspIdx::new(n),
                )
            })
            .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    ranked
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(_, _, i)| i)
        .collect()
}
