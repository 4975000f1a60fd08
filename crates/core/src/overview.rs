//! The numbers behind `onedoor stats`: a coordinator's first look at a week, before any
//! planning (the `onedoor` binary's reports lay them out).
//!
//! - **The week**: the working dates (in range, a workday, not a holiday) and the working
//!   day's length.
//! - **Sizes** ([`Sizes`]), including how many separate areas the travel graph has
//!   (zones not joined by links).
//! - **Tasks no plan can schedule**, by the facts of rule C12 ([`crate::facts`]).
//! - **Bounds** over the remaining (*schedulable*) tasks ([`crate::figures`]): the
//!   baseline and the lower bound.
//! - **Demand against supply** per department and working date ([`Demand`]). A task may
//!   happen on any of its valid dates, so no single number is "the" demand of a date:
//!   `may` counts the tasks for which the date is valid, `must` those whose only valid
//!   date it is (and `must_min` their officer-minutes), `share_min` spreads every task's
//!   officer-minutes evenly over its valid dates. Supply is the inspectors who may act for
//!   the department and work that day. Officer-minutes of a task are its minutes × the
//!   officers it needs, without visit overhead or travel. An inspector acting for several
//!   departments counts in each of them, and recusals (per business) are ignored, so
//!   supply is an upper bound. Every task with a valid date counts as demand, including
//!   those a fact keeps out of the plan.
//!
//! Everything depends only on the scenario (no clock, no hash order).

use crate::facts::Facts;
use crate::figures::{baseline_visits, lower_bound};
use crate::ids::{DeptIdx, NodeIdx, TaskIdx};
use crate::plan::Reason;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The sizes of a scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    /// Departments.
    pub departments: usize,
    /// Inspectors.
    pub inspectors: usize,
    /// Inspectors holding an enforcement certificate.
    pub certified: usize,
    /// Businesses.
    pub businesses: usize,
    /// Tasks.
    pub tasks: usize,
    /// Tasks that are not joinable.
    pub not_joinable: usize,
    /// Pinned tasks.
    pub pinned: usize,
    /// Places.
    pub places: usize,
    /// Travel links.
    pub links: usize,
    /// Zones.
    pub zones: usize,
    /// Separate areas of the travel graph.
    pub areas: usize,
}

/// One department's demand and supply on one date, or over the week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Demand {
    /// Tasks for which the date is valid (week: tasks with any valid date).
    pub may: u64,
    /// Tasks whose only valid date it is.
    pub must: u64,
    /// Their officer-minutes.
    pub must_min: u64,
    /// Officer-minutes with every task spread evenly over its valid dates.
    pub share_min: f64,
    /// Inspectors who may act for the department and work that day (0 for the week).
    pub officers: u64,
    /// Of them, certified (0 for the week).
    pub certified: u64,
    /// Officers × the working day's minutes.
    pub officer_min: u64,
}

/// A department's demand per working date and over the week.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentDemand {
    /// The department.
    pub department: DeptIdx,
    /// Per working date, in date order.
    pub dates: Vec<(NaiveDate, Demand)>,
    /// The week's sums.
    pub week: Demand,
}

/// The numbers of `onedoor stats` for one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// The working dates, ascending.
    pub dates: Vec<NaiveDate>,
    /// The working day's length in minutes.
    pub day_minutes: u64,
    /// The sizes.
    pub sizes: Sizes,
    /// Per task (by index), the fact that keeps it out of every plan, if any.
    pub facts: Vec<Option<Reason>>,
    /// Tasks no fact keeps out.
    pub schedulable: usize,
    /// Baseline visits over the schedulable tasks.
    pub baseline: u64,
    /// Lower bound over the schedulable tasks.
    pub lower_bound: u64,
    /// Demand against supply, one entry per department in scenario order.
    pub demand: Vec<DepartmentDemand>,
}

impl Overview {
    /// Computes the overview of `scn`.
    pub fn new(scn: &Scenario, travel: &TravelGraph) -> Overview {
        let dates = scn.horizon.working_dates();
        let hours = &scn.horizon.hours;
        let day_minutes = u64::from(hours.end.minutes().saturating_sub(hours.start.minutes()));
        let table = Facts::new(scn, travel);
        let facts: Vec<Option<Reason>> = scn.task_indices().map(|t| table.fact(t)).collect();
        let schedulable: Vec<TaskIdx> = scn
            .task_indices()
            .filter(|t| facts[t.index()].is_none())
            .collect();
        Overview {
            sizes: sizes(scn, travel),
            baseline: baseline_visits(scn, &schedulable),
            lower_bound: lower_bound(scn, &schedulable),
            schedulable: schedulable.len(),
            demand: demand(scn, &dates, day_minutes),
            facts,
            dates,
            day_minutes,
        }
    }
}

fn sizes(scn: &Scenario, travel: &TravelGraph) -> Sizes {
    let zones: BTreeSet<&str> = scn
        .places
        .iter()
        .map(|p| p.zone.as_str())
        .chain(scn.businesses.iter().map(|b| b.zone.as_str()))
        .collect();
    let areas: BTreeSet<u32> = (0..scn.node_count())
        .map(|n| travel.component(NodeIdx::new(n)))
        .collect();
    Sizes {
        departments: scn.departments.len(),
        inspectors: scn.inspectors.len(),
        certified: scn.inspectors.iter().filter(|i| i.certified).count(),
        businesses: scn.businesses.len(),
        tasks: scn.tasks.len(),
        not_joinable: scn.tasks.iter().filter(|t| !t.joinable).count(),
        pinned: scn.tasks.iter().filter(|t| t.pinned.is_some()).count(),
        places: scn.places.len(),
        links: scn.travel.links.len(),
        zones: zones.len(),
        areas: areas.len(),
    }
}

fn demand(scn: &Scenario, dates: &[NaiveDate], day: u64) -> Vec<DepartmentDemand> {
    let valid: Vec<Vec<NaiveDate>> = scn.task_indices().map(|t| scn.valid_dates(t)).collect();
    let mut out = Vec::new();
    for d in (0..scn.departments.len()).map(DeptIdx::new) {
        let tasks: Vec<TaskIdx> = scn
            .task_indices()
            .filter(|&t| scn.task(t).department == d)
            .collect();
        let mut week = Demand::default();
        let mut per_date = Vec::new();
        for &date in dates {
            let mut c = Demand::default();
            for &ti in &tasks {
                let v = &valid[ti.index()];
                if !v.contains(&date) {
                    continue;
                }
                let task = scn.task(ti);
                let om = u64::from(task.minutes) * u64::from(task.officers);
                c.may += 1;
                c.share_min += om as f64 / v.len() as f64;
                if v.len() == 1 {
                    c.must += 1;
                    c.must_min += om;
                }
            }
            for i in &scn.inspectors {
                if i.may_act_for(d) && i.available_on(date) {
                    c.officers += 1;
                    c.certified += u64::from(i.certified);
                }
            }
            c.officer_min = c.officers * day;
            week.must += c.must;
            week.must_min += c.must_min;
            week.officer_min += c.officer_min;
            per_date.push((date, c));
        }
        for &ti in &tasks {
            // Valid dates are working dates, so this is "any valid date".
            if !valid[ti.index()].is_empty() {
                let task = scn.task(ti);
                week.may += 1;
                week.share_min += (u64::from(task.minutes) * u64::from(task.officers)) as f64;
            }
        }
        out.push(DepartmentDemand {
            department: d,
            dates: per_date,
            week,
        });
    }
    out
}
