//! Facts about a scenario that make a task impossible to schedule, whatever the plan.
//!
//! Rule C12 of the format ("honest reasons") lets a plan leave a task out with one of three
//! *fact* reasons, and each must be true of the scenario alone:
//!
//! - `no_valid_day`: the task has no valid date (docs/format.md, "Valid dates");
//! - `no_officer`: on every valid date, fewer inspectors than the task's `officers` are
//!   available that date, not recused from the business, and able to act for the task's
//!   department (own department or `acts_for`);
//! - `unreachable`: no valid date has an available, non-recused, able inspector whose base
//!   has a path to the business and back in the travel graph (the working day is not
//!   considered: a path of ten hours still counts as a path).
//!
//! The two other reasons, `capacity` and `time_limit`, are statements about the plan or
//! the solve, and are always acceptable for a task that has a valid date.
//!
//! [`fact`] names the first fact that holds, in the order above; [`holds`] tests one
//! reason. Both build a [`Facts`] table first; code asking about many tasks builds the
//! table once ([`Facts::new`]) and asks it: the table lists, per department, the inspectors
//! able to act for it, so a question costs O(valid dates × able inspectors).

use crate::ids::{DeptIdx, InspIdx, TaskIdx};
use crate::plan::Reason;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use std::collections::HashMap;

/// Per-department lists of able inspectors, for answering fact questions quickly.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    scn: &'a Scenario,
    travel: &'a TravelGraph,
    /// `able[d]`: inspectors who may act for department `d` (own or `acts_for`).
    able: Vec<Vec<InspIdx>>,
    /// The same lists split by the travel component of the inspector's base: the only
    /// inspectors who can reach a business are those based in its component. (Without
    /// this split, a week of many independent regions asked, for every task, about every
    /// inspector of its department in every region.)
    able_in: HashMap<(DeptIdx, u32), Vec<InspIdx>>,
}

impl<'a> Facts<'a> {
    /// Builds the table for a scenario (O(inspectors × acts_for)).
    pub fn new(scn: &'a Scenario, travel: &'a TravelGraph) -> Facts<'a> {
        let mut able = vec![Vec::new(); scn.departments.len()];
        for i in scn.inspector_indices() {
            let insp = scn.inspector(i);
            let mut depts = vec![insp.department];
            depts.extend(insp.acts_for.iter().copied());
            depts.sort();
            depts.dedup();
            for d in depts {
                if let Some(list) = able.get_mut(d.index()) {
                    list.push(i);
                }
            }
        }
        let mut able_in: HashMap<(DeptIdx, u32), Vec<InspIdx>> = HashMap::new();
        for (d, list) in able.iter().enumerate() {
            for &i in list {
                let component = travel.component(scn.inspector(i).base);
                able_in
                    .entry((DeptIdx::new(d), component))
                    .or_default()
                    .push(i);
            }
        }
        Facts {
            scn,
            travel,
            able,
            able_in,
        }
    }

    /// The inspectors who may act for department `d` (own department or `acts_for`).
    pub fn able(&self, d: DeptIdx) -> &[InspIdx] {
        self.able.get(d.index()).map_or(&[], |l| l.as_slice())
    }

    /// The first fact reason that holds for task `t` (`no_valid_day`, then `no_officer`,
    /// then `unreachable`), or `None` when the task could in principle be scheduled.
    pub fn fact(&self, t: TaskIdx) -> Option<Reason> {
        let dates = self.scn.valid_dates(t);
        if dates.is_empty() {
            Some(Reason::NoValidDay)
        } else if self.no_officer_on(t, &dates) {
            Some(Reason::NoOfficer)
        } else if self.unreachable_on(t, &dates) {
            Some(Reason::Unreachable)
        } else {
            None
        }
    }

    /// Whether `reason` is an acceptable reason for leaving task `t` out: a fact reason
    /// must be true of the scenario; `capacity` and `time_limit` are always acceptable.
    ///
    /// Each fact is tested on its own: for a task without valid dates, `no_officer` and
    /// `unreachable` hold vacuously (rule C12 separately demands `no_valid_day` there).
    pub fn holds(&self, t: TaskIdx, reason: Reason) -> bool {
        match reason {
            Reason::Capacity | Reason::TimeLimit => true,
            Reason::NoValidDay => self.scn.valid_dates(t).is_empty(),
            Reason::NoOfficer => self.no_officer_on(t, &self.scn.valid_dates(t)),
            Reason::Unreachable => self.unreachable_on(t, &self.scn.valid_dates(t)),
        }
    }

    /// Inspectors able to act for `t`'s department, available on `date` and not recused
    /// from `t`'s business.
    fn eligible(&self, t: TaskIdx, date: chrono::NaiveDate) -> impl Iterator<Item = InspIdx> + '_ {
        let task = self.scn.task(t);
        let list = self
            .able
            .get(task.department.index())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        list.iter().copied().filter(move |&i| {
            let insp = self.scn.inspector(i);
            insp.available_on(date) && !insp.recuse.contains(&task.business)
        })
    }

    /// True when on every one of `dates` fewer eligible inspectors than `officers` exist.
    fn no_officer_on(&self, t: TaskIdx, dates: &[chrono::NaiveDate]) -> bool {
        let need = self.scn.task(t).officers as usize;
        dates
            .iter()
            .all(|&d| self.eligible(t, d).take(need).count() < need)
    }

    /// True when no date of `dates` has an eligible inspector connected to the business.
    fn unreachable_on(&self, t: TaskIdx, dates: &[chrono::NaiveDate]) -> bool {
        let task = self.scn.task(t);
        let node = self.scn.node_of_business(task.business);
        let near = self
            .able_in
            .get(&(task.department, self.travel.component(node)))
            .map_or(&[][..], Vec::as_slice);
        // Based in the business's component: connected to it both ways.
        !near.iter().any(|&i| {
            let insp = self.scn.inspector(i);
            !insp.recuse.contains(&task.business) && dates.iter().any(|&d| insp.available_on(d))
        })
    }
}

/// The first fact reason that holds for task `t`, or `None` (see the module docs).
///
/// Builds a [`Facts`] table for one question; for many tasks use [`Facts::new`].
pub fn fact(scn: &Scenario, travel: &TravelGraph, t: TaskIdx) -> Option<Reason> {
    Facts::new(scn, travel).fact(t)
}

/// Whether `reason` is acceptable for leaving task `t` out (see [`Facts::holds`]).
pub fn holds(scn: &Scenario, travel: &TravelGraph, t: TaskIdx, reason: Reason) -> bool {
    Facts::new(scn, travel).holds(t, reason)
}
