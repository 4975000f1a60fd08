//! What a re-plan of an announced week changes, for the people it concerns.
//!
//! `onedoor replan SCENARIO PLAN --from DATE` re-plans a week that businesses and
//! officers have already been told about. The visits before DATE happened; the announced
//! visits on and after DATE should move as little as possible. This module measures and
//! lists what moved, comparing the announced plan (A) with the re-plan (B):
//!
//! - **Disrupted tasks** ([`disrupted`]): the tasks A scheduled on or after DATE whose
//!   date, start time or set of visit-mates (the other tasks of their visit) is different
//!   in B, or that B leaves out. A crew change alone disturbs no task. This is the level
//!   the re-plan objective inserts after unscheduled priority and before visits.
//! - **Per business**: visits matched by id (a re-plan keeps the id of every visit it
//!   keeps or moves): *moved* (another date or start time), *departments added* or
//!   *removed*, *new visit* (an id only B has), *cancelled* (an id only A has). Visits
//!   before DATE are history and never listed.
//! - **Per inspector**: the dates on or after DATE whose sequence of visits (start,
//!   business, visit id) differs between A and B.
//!
//! Everything is sorted (dates, then ids), so the same plans give the same list.

use crate::plan::{Plan, Visit};
use crate::scenario::time::Clock;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One change to one business's visits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum VisitChange {
    /// The visit moved to another date or start time (same id).
    Moved {
        /// Visit id.
        visit: String,
        /// Date and start announced.
        from: (NaiveDate, Clock),
        /// Date and start now.
        to: (NaiveDate, Clock),
    },
    /// A visit that was not announced.
    New {
        /// Visit id.
        visit: String,
        /// Date and start.
        at: (NaiveDate, Clock),
        /// Departments checking.
        departments: Vec<String>,
    },
    /// An announced visit that no longer takes place.
    Cancelled {
        /// Visit id.
        visit: String,
        /// Date and start announced.
        at: (NaiveDate, Clock),
        /// Departments that were to check.
        departments: Vec<String>,
    },
    /// Departments join or leave a visit that keeps its id.
    Departments {
        /// Visit id.
        visit: String,
        /// Date and start now.
        at: (NaiveDate, Clock),
        /// Departments that join.
        added: Vec<String>,
        /// Departments that leave.
        removed: Vec<String>,
    },
}

impl VisitChange {
    /// The visit's id.
    pub fn visit(&self) -> &str {
        match self {
            VisitChange::Moved { visit, .. }
            | VisitChange::New { visit, .. }
            | VisitChange::Cancelled { visit, .. }
            | VisitChange::Departments { visit, .. } => visit,
        }
    }
}

/// The changes at one business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessChanges {
    /// Business id.
    pub business: String,
    /// What changed, in date order.
    pub changes: Vec<VisitChange>,
}

/// An inspector's dates whose visits changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InspectorChanges {
    /// Inspector id.
    pub inspector: String,
    /// The dates, ascending.
    pub dates: Vec<NaiveDate>,
}

/// Everything a re-plan changed from the announced plan (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    /// The first date re-planned; visits before it are history.
    pub from: NaiveDate,
    /// Disrupted task ids, sorted.
    pub disrupted: Vec<String>,
    /// Businesses with changes, sorted by id.
    pub businesses: Vec<BusinessChanges>,
    /// Inspectors with changed days, sorted by id.
    pub inspectors: Vec<InspectorChanges>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.disrupted.is_empty() && self.businesses.is_empty() && self.inspectors.is_empty()
    }
}

/// Where and with whom a task is checked: date, start, and its visit-mates.
type Setting<'p> = (NaiveDate, Clock, BTreeSet<&'p str>);

fn settings(plan: &Plan, from: NaiveDate) -> BTreeMap<&str, Setting<'_>> {
    let mut out = BTreeMap::new();
    for v in plan.visits.iter().filter(|v| v.date >= from) {
        for t in &v.tasks {
            let mates = v
                .tasks
                .iter()
                .filter(|m| *m != t)
                .map(String::as_str)
                .collect();
            out.insert(t.as_str(), (v.date, v.start, mates));
        }
    }
    out
}

/// The tasks `announced` schedules on or after `from` whose date, start or visit-mates
/// differ in `replanned`, or that `replanned` does not schedule on or after `from`;
/// sorted by id.
pub fn disrupted(announced: &Plan, replanned: &Plan, from: NaiveDate) -> Vec<String> {
    let before = settings(announced, from);
    let after = settings(replanned, from);
    before
        .iter()
        .filter(|(t, s)| after.get(*t) != Some(*s))
        .map(|(t, _)| (*t).to_owned())
        .collect()
}

/// The departments of a visit's crew, sorted and deduplicated.
fn departments(v: &Visit) -> Vec<String> {
    let set: BTreeSet<&str> = v.crew.iter().map(|c| c.department.as_str()).collect();
    set.into_iter().map(str::to_owned).collect()
}

/// What changed from the announced plan to the re-plan, from `from` on.
pub fn changes(announced: &Plan, replanned: &Plan, from: NaiveDate) -> Changes {
    let a: BTreeMap<&str, &Visit> = announced
        .visits
        .iter()
        .filter(|v| v.date >= from)
        .map(|v| (v.id.as_str(), v))
        .collect();
    let b: BTreeMap<&str, &Visit> = replanned
        .visits
        .iter()
        .filter(|v| v.date >= from)
        .map(|v| (v.id.as_str(), v))
        .collect();
    let mut by_business: BTreeMap<&str, Vec<VisitChange>> = BTreeMap::new();
    for (id, va) in &a {
        let entry = by_business.entry(va.business.as_str()).or_default();
        match b.get(id) {
            None => entry.push(VisitChange::Cancelled {
                visit: (*id).to_owned(),
                at: (va.date, va.start),
                departments: departments(va),
            }),
            Some(vb) => {
                if (va.date, va.start) != (vb.date, vb.start) {
                    entry.push(VisitChange::Moved {
                        visit: (*id).to_owned(),
                        from: (va.date, va.start),
                        to: (vb.date, vb.start),
                    });
                }
                let (da, db) = (departments(va), departments(vb));
                if da != db {
                    entry.push(VisitChange::Departments {
                        visit: (*id).to_owned(),
                        at: (vb.date, vb.start),
                        added: db.iter().filter(|d| !da.contains(d)).cloned().collect(),
                        removed: da.iter().filter(|d| !db.contains(d)).cloned().collect(),
                    });
                }
            }
        }
    }
    for (id, vb) in b.iter().filter(|(id, _)| !a.contains_key(*id)) {
        by_business
            .entry(vb.business.as_str())
            .or_default()
            .push(VisitChange::New {
                visit: (*id).to_owned(),
                at: (vb.date, vb.start),
                departments: departments(vb),
            });
    }
    let businesses = by_business
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(business, mut changes)| {
            changes.sort_by(|x, y| (when(x), x.visit()).cmp(&(when(y), y.visit())));
            BusinessChanges {
                business: business.to_owned(),
                changes,
            }
        })
        .collect();
    Changes {
        from,
        disrupted: disrupted(announced, replanned, from),
        businesses,
        inspectors: inspector_days(announced, replanned, from),
    }
}

/// The date a change is listed under (where the visit is now, or was).
fn when(c: &VisitChange) -> (NaiveDate, Clock) {
    match c {
        VisitChange::Moved { to, .. } => *to,
        VisitChange::New { at, .. }
        | VisitChange::Cancelled { at, .. }
        | VisitChange::Departments { at, .. } => *at,
    }
}

/// Each inspector's day from `from` on as (start, business, visit id) in time order.
type Days<'p> = BTreeMap<(&'p str, NaiveDate), Vec<(Clock, &'p str, &'p str)>>;

fn days(plan: &Plan, from: NaiveDate) -> Days<'_> {
    let mut out: Days = BTreeMap::new();
    for v in plan.visits.iter().filter(|v| v.date >= from) {
        for c in &v.crew {
            out.entry((c.inspector.as_str(), v.date))
                .or_default()
                .push((v.start, v.business.as_str(), v.id.as_str()));
        }
    }
    for seq in out.values_mut() {
        seq.sort();
    }
    out
}

fn inspector_days(a: &Plan, b: &Plan, from: NaiveDate) -> Vec<InspectorChanges> {
    let (da, db) = (days(a, from), days(b, from));
    let keys: BTreeSet<(&str, NaiveDate)> = da.keys().chain(db.keys()).copied().collect();
    let mut out: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    for key in keys {
        if da.get(&key) != db.get(&key) {
            out.entry(key.0).or_default().push(key.1);
        }
    }
    out.into_iter()
        .map(|(i, dates)| InspectorChanges {
            inspector: i.to_owned(),
            dates,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::CrewEntry;

    fn visit(
        id: &str,
        b: &str,
        date: &str,
        start: u32,
        tasks: &[&str],
        crew: &[(&str, &str)],
    ) -> Visit {
        Visit {
            id: id.into(),
            business: b.into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("test date"),
            start: Clock(start),
            end: Clock(start + 60),
            tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
            crew: crew
                .iter()
                .map(|(i, d)| CrewEntry {
                    inspector: (*i).to_owned(),
                    department: (*d).to_owned(),
                })
                .collect(),
        }
    }

    fn plan(visits: Vec<Visit>) -> Plan {
        Plan::new("", visits, Vec::new())
    }

    #[test]
    fn a_crew_change_disturbs_no_task_but_a_new_mate_does() {
        let from = NaiveDate::from_ymd_opt(2022, 9, 14).expect("date");
        let a = plan(vec![
            visit("V1", "B1", "2022-09-12", 540, &["T1"], &[("F1", "fire")]),
            visit(
                "V2",
                "B2",
                "2022-09-14",
                540,
                &["T2", "T3"],
                &[("F1", "fire")],
            ),
            visit("V3", "B3", "2022-09-15", 600, &["T4"], &[("M1", "market")]),
        ]);
        let b = plan(vec![
            // history differs but is not this module's business
            visit("V1", "B1", "2022-09-12", 600, &["T1"], &[("F1", "fire")]),
            // crew change only
            visit(
                "V2",
                "B2",
                "2022-09-14",
                540,
                &["T2", "T3"],
                &[("F2", "fire")],
            ),
            // a new mate joins T4
            visit(
                "V3",
                "B3",
                "2022-09-15",
                600,
                &["T4", "T5"],
                &[("M1", "market"), ("H1", "health")],
            ),
        ]);
        let c = changes(&a, &b, from);
        assert_eq!(c.disrupted, vec!["T4".to_owned()]);
        assert_eq!(c.businesses.len(), 1);
        assert_eq!(
            c.businesses[0].changes,
            vec![VisitChange::Departments {
                visit: "V3".into(),
                at: (
                    NaiveDate::from_ymd_opt(2022, 9, 15).expect("date"),
                    Clock(600)
                ),
                added: vec!["health".into()],
                removed: vec![],
            }]
        );
        let who: Vec<&str> = c.inspectors.iter().map(|i| i.inspector.as_str()).collect();
        assert_eq!(who, ["F1", "F2", "H1"]);
    }

    #[test]
    fn moved_new_and_cancelled() {
        let from = NaiveDate::from_ymd_opt(2022, 9, 14).expect("date");
        let a = plan(vec![
            visit("V2", "B2", "2022-09-14", 540, &["T2"], &[("F1", "fire")]),
            visit("V3", "B3", "2022-09-15", 600, &["T4"], &[("M1", "market")]),
        ]);
        let b = plan(vec![
            visit("V2", "B2", "2022-09-16", 540, &["T2"], &[("F1", "fire")]),
            visit("V9", "B4", "2022-09-15", 600, &["T9"], &[("M1", "market")]),
        ]);
        let c = changes(&a, &b, from);
        assert_eq!(c.disrupted, vec!["T2".to_owned(), "T4".to_owned()]);
        let kinds: Vec<(&str, &str)> = c
            .businesses
            .iter()
            .flat_map(|b| {
                b.changes
                    .iter()
                    .map(move |c| (b.business.as_str(), c.visit()))
            })
            .collect();
        assert_eq!(kinds, [("B2", "V2"), ("B3", "V3"), ("B4", "V9")]);
        assert!(matches!(
            c.businesses[1].changes[0],
            VisitChange::Cancelled { .. }
        ));
        assert!(matches!(
            c.businesses[2].changes[0],
            VisitChange::New { .. }
        ));
        assert!(changes(&a, &a, from).is_empty());
    }
}
