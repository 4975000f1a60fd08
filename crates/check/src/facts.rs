//! The checker's own facts behind the three reasons a plan may give as facts (rule C12),
//! written from the format (docs/format.md, "The plan file", reasons), not shared with the
//! solver:
//!
//! - `no_valid_day`: the task has no valid date;
//! - `no_officer`: on every valid date, fewer inspectors than the task's `officers` are
//!   available that date, not recused from its business and able to act for its department
//!   (their own department or one in `acts_for`);
//! - `unreachable`: no valid date has such an inspector (available, not recused, able)
//!   whose base has a path to the business and back; the length of the path does not
//!   matter ([`Paths::reachable`]).
//!
//! A task's candidates — able and not recused — do not depend on the date, so they are
//! listed once per question; each valid date then only counts who of them works that
//! date. Only `unreachable` needs the travel graph, and only the candidates' bases are
//! searched from.

use super::paths::Paths;
use chrono::NaiveDate;
use onedoor_core::ids::{InspIdx, TaskIdx};
use onedoor_core::plan::Reason;
use onedoor_core::scenario::Scenario;

/// Answers fact questions about the tasks of one scenario.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/tiny.json")).unwrap();
/// # let scn = onedoor_core::parse_scenario(&text, "tiny.json").unwrap();
/// use onedoor_check::{Facts, Paths};
/// let paths = Paths::new(&scn);
/// let facts = Facts::new(&scn, &paths);
/// let t = scn.index.tasks["T01"];
/// assert_eq!(facts.fact(t), None); // T01 can be scheduled
/// ```
#[derive(Debug)]
pub struct Facts<'a> {
    scn: &'a Scenario,
    paths: &'a Paths<'a>,
    /// Per department (position), every inspector who may act for it.
    able: Vec<Vec<InspIdx>>,
}

impl<'a> Facts<'a> {
    /// Lists, per department, the inspectors able to act for it.
    pub fn new(scn: &'a Scenario, paths: &'a Paths<'a>) -> Facts<'a> {
        let mut able: Vec<Vec<InspIdx>> = vec![Vec::new(); scn.departments.len()];
        for (pos, insp) in scn.inspectors.iter().enumerate() {
            for (d, list) in able.iter_mut().enumerate() {
                let own = insp.department.index() == d;
                if own || insp.acts_for.iter().any(|a| a.index() == d) {
                    list.push(InspIdx::new(pos));
                }
            }
        }
        Facts { scn, paths, able }
    }

    /// The first fact that holds for task `t`, in the order `no_valid_day`, `no_officer`,
    /// `unreachable`; `None` when none does (the task could be scheduled, as far as the
    /// scenario alone tells).
    pub fn fact(&self, t: TaskIdx) -> Option<Reason> {
        let dates = self.scn.valid_dates(t);
        if dates.is_empty() {
            return Some(Reason::NoValidDay);
        }
        let candidates = self.candidates(t);
        if self.short_of_officers(t, &candidates, &dates) {
            Some(Reason::NoOfficer)
        } else if self.out_of_reach(t, &candidates, &dates) {
            Some(Reason::Unreachable)
        } else {
            None
        }
    }

    /// Whether `reason` is true of task `t`. `capacity` and `time_limit` speak of the plan
    /// or the solve, not the scenario, and are always true here. Each fact is asked on its
    /// own: with no valid date, `no_officer` and `unreachable` hold as well (there is no
    /// date on which they fail); rule C12 demands `no_valid_day` there separately.
    pub fn holds(&self, t: TaskIdx, reason: Reason) -> bool {
        let dates = self.scn.valid_dates(t);
        match reason {
            Reason::Capacity | Reason::TimeLimit => true,
            Reason::NoValidDay => dates.is_empty(),
            Reason::NoOfficer => self.short_of_officers(t, &self.candidates(t), &dates),
            Reason::Unreachable => self.out_of_reach(t, &self.candidates(t), &dates),
        }
    }

    /// The inspectors able to act for `t`'s department and not recused from its business.
    fn candidates(&self, t: TaskIdx) -> Vec<InspIdx> {
        let task = self.scn.task(t);
        let able = self
            .able
            .get(task.department.index())
            .map_or(&[][..], Vec::as_slice);
        able.iter()
            .copied()
            .filter(|&i| !self.scn.inspector(i).recuse.contains(&task.business))
            .collect()
    }

    /// `no_officer`: on none of `dates` do `officers` of the candidates work.
    fn short_of_officers(&self, t: TaskIdx, candidates: &[InspIdx], dates: &[NaiveDate]) -> bool {
        let need = self.scn.task(t).officers as usize;
        dates.iter().all(|&date| {
            let working = candidates
                .iter()
                .filter(|&&i| self.scn.inspector(i).available_on(date))
                .count();
            working < need
        })
    }

    /// `unreachable`: on none of `dates` does a candidate with a path between base and
    /// business work (asked as: no candidate who works on one of `dates` has a path, so
    /// that only those candidates' bases are searched from).
    fn out_of_reach(&self, t: TaskIdx, candidates: &[InspIdx], dates: &[NaiveDate]) -> bool {
        let business = self.scn.node_of_business(self.scn.task(t).business);
        !candidates.iter().any(|&i| {
            let insp = self.scn.inspector(i);
            dates.iter().any(|&date| insp.available_on(date))
                && self.paths.reachable(insp.base, business)
        })
    }
}
