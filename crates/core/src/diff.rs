//! `onedoor diff`: what changed from one plan of a scenario to another.
//!
//! A coordinator who re-plans a week (a task added, an inspector falls ill) wants to know
//! whom the new plan disturbs: which businesses get more or fewer entries, which tasks
//! move to another date, which tasks join or leave the plan, and which inspectors' days
//! look different. [`diff`] compares plan A with plan B by their string ids (so a plan
//! naming unknown tasks, businesses or inspectors is compared all the same, its ids shown
//! raw); the `onedoor` binary's reports print it, in this order:
//!
//! 1. **A count line**: `2 businesses change visits, 1 task changes date, 1 task newly
//!    scheduled, 2 newly unscheduled, 6 inspectors' days change`, or `no changes`.
//! 2. **The objective** (docs/format.md, "The objective"), from each plan's `stats`, side by side with
//!    the change: unscheduled priority, visits, officer visits, travel minutes.
//! 3. **Businesses that gain or lose visits**: those whose number of visits differs, with
//!    the visit dates in each plan.
//! 4. **Tasks that change date**: scheduled in both plans, on other dates.
//! 5. **Tasks newly scheduled**: in no visit of A, in some visit of B, with the reason
//!    A gave for leaving them out; and **newly unscheduled**, the other way round, with
//!    B's reason.
//! 6. **Inspectors whose days change**: for each inspector and date, the visits the
//!    inspector is in, as the sequence of (start, business) in time order; where the
//!    sequences differ, the date is listed with the number of visits in A and in B.
//!
//! Other changes (a task moving to another visit on the same date, a crew member acting
//! for another department) are not listed; a changed crew or visit time shows up as a
//! change of the inspectors' days.
//!
//! Everything is sorted: scenario entities in the scenario's order, unknown ids after
//! them in string order, dates ascending. The same plans give the same text.
//!
//! For the two example plans of `scenarios/tiny.json` (`tests/fixtures/tiny-good.plan.json`
//! as A, `tiny-poor.plan.json` as B) it begins:
//!
//! ```text
//! 2 businesses change visits, 1 task changes date, 1 task newly scheduled, 2 newly unscheduled, 6 inspectors' days change
//!
//! Objective (smaller is better)
//!   figure                  A    B  change
//!   --------------------  ---  ---  ------
//!   unscheduled priority    3    3       0
//!   visits                  5    7      +2
//!   officer visits         12   14      +2
//!   travel minutes        328  338     +10
//!
//! Businesses that gain or lose visits
//!   business  name        visits A  visits B  change  dates A         dates B
//!   --------  ----------  --------  --------  ------  --------------  ------------------------------
//!   B1        海韵民宿           1         2      +1  2022-09-14 wed  2022-09-12 mon, 2022-09-14 wed
//!   B3        东港加油站         1         2      +1  2022-09-13 tue  2022-09-13 tue, 2022-09-13 tue
//! ```

use crate::json::Json;
use crate::plan::{Figure, Plan, Unscheduled};
use crate::scenario::time::Clock;
use crate::scenario::Scenario;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What changed from plan A to plan B (see the module docs for each list).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanDiff {
    /// The objective figures of both plans, always all four, in objective order.
    pub figures: Vec<FigureChange>,
    /// Businesses whose number of visits differs.
    pub businesses: Vec<BusinessChange>,
    /// Tasks scheduled in both plans whose dates differ.
    pub date_changes: Vec<DateChange>,
    /// Tasks in no visit of A and in some visit of B (`left_out` is A's entry).
    pub newly_scheduled: Vec<ScheduleChange>,
    /// Tasks in some visit of A and in no visit of B (`left_out` is B's entry).
    pub newly_unscheduled: Vec<ScheduleChange>,
    /// Inspectors with at least one date whose sequence of visits differs.
    pub inspectors: Vec<InspectorChange>,
}

/// One objective figure as each plan's `stats` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureChange {
    /// The figure.
    pub figure: Figure,
    /// The figure in plan A (`None` when missing or not an integer).
    pub a: Option<i64>,
    /// The figure in plan B (`None` when missing or not an integer).
    pub b: Option<i64>,
}

impl FigureChange {
    /// B − A, when both are known.
    pub fn delta(&self) -> Option<i64> {
        self.b?.checked_sub(self.a?)
    }
}

/// A business whose number of visits differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessChange {
    /// Business id, as in the plans.
    pub business: String,
    /// Dates of its visits in plan A, ascending (a date twice for two visits on it).
    pub dates_a: Vec<NaiveDate>,
    /// Dates of its visits in plan B, ascending.
    pub dates_b: Vec<NaiveDate>,
}

impl BusinessChange {
    /// Visits in plan A.
    pub fn visits_a(&self) -> usize {
        self.dates_a.len()
    }

    /// Visits in plan B.
    pub fn visits_b(&self) -> usize {
        self.dates_b.len()
    }
}

/// A task scheduled in both plans, on other dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateChange {
    /// Task id, as in the plans.
    pub task: String,
    /// Its dates in plan A (one in a valid plan), ascending and distinct.
    pub dates_a: Vec<NaiveDate>,
    /// Its dates in plan B, ascending and distinct.
    pub dates_b: Vec<NaiveDate>,
}

/// A task that is in some visit of one plan and in none of the other.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleChange {
    /// Task id, as in the plans.
    pub task: String,
    /// Its dates in the plan that schedules it, ascending and distinct.
    pub dates: Vec<NaiveDate>,
    /// The other plan's `unscheduled` entry for the task (the first, if listed twice);
    /// `None` when that plan does not list it.
    pub left_out: Option<Unscheduled>,
}

/// An inspector whose days differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InspectorChange {
    /// Inspector id, as in the plans.
    pub inspector: String,
    /// The dates whose visits differ, ascending.
    pub days: Vec<DayChange>,
}

/// One inspector's date whose sequence of (start, business) differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayChange {
    /// The date.
    pub date: NaiveDate,
    /// Visits the inspector is in that date in plan A.
    pub visits_a: usize,
    /// Visits the inspector is in that date in plan B.
    pub visits_b: usize,
}

/// What changed from plan `a` to plan `b` of scenario `scn`.
///
/// ```
/// use onedoor_core::plan::Plan;
/// use std::path::Path;
///
/// let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
/// let scn = onedoor_core::load_scenario(&repo.join("scenarios/tiny.json"))?;
/// let a = Plan::load(&repo.join("tests/fixtures/tiny-good.plan.json"))?;
/// let b = Plan::load(&repo.join("tests/fixtures/tiny-poor.plan.json"))?;
/// assert!(onedoor_core::diff::diff(&scn, &a, &a).is_empty());
/// let d = onedoor_core::diff::diff(&scn, &a, &b);
/// assert_eq!(d.newly_scheduled[0].task, "T10");
/// assert_eq!(d.date_changes.len(), 1);
/// # Ok::<(), onedoor_core::InputError>(())
/// ```
pub fn diff(scn: &Scenario, a: &Plan, b: &Plan) -> PlanDiff {
    let figures = Figure::OBJECTIVE
        .into_iter()
        .map(|figure| FigureChange {
            figure,
            a: stat(a, figure.key()),
            b: stat(b, figure.key()),
        })
        .collect();
    PlanDiff {
        figures,
        businesses: businesses(scn, a, b),
        date_changes: date_changes(scn, a, b),
        newly_scheduled: schedule_changes(scn, b, a),
        newly_unscheduled: schedule_changes(scn, a, b),
        inspectors: inspectors(scn, a, b),
    }
}

/// An integer figure of a plan's `stats`.
fn stat(plan: &Plan, key: &str) -> Option<i64> {
    match plan.stats.iter().find(|(k, _)| k == key)?.1 {
        Json::Int(i) => Some(i),
        _ => None,
    }
}

/// Sort key of an id: known ids by their position in the scenario, unknown ones after
/// them by the id itself.
fn rank<T: Copy>(
    index: &HashMap<String, T>,
    pos: impl Fn(T) -> usize,
    id: &str,
) -> (usize, String) {
    (index.get(id).map_or(usize::MAX, |&i| pos(i)), id.to_owned())
}

/// Ids sorted by [`rank`].
fn sorted<T: Copy>(
    ids: impl IntoIterator<Item = String>,
    index: &HashMap<String, T>,
    pos: impl Fn(T) -> usize,
) -> Vec<String> {
    let mut keyed: Vec<(usize, String)> = ids
        .into_iter()
        .collect::<BTreeSet<String>>()
        .into_iter()
        .map(|id| rank(index, &pos, &id))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// Visit dates per business, ascending.
fn visit_dates(plan: &Plan) -> HashMap<&str, Vec<NaiveDate>> {
    let mut out: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for v in &plan.visits {
        out.entry(v.business.as_str()).or_default().push(v.date);
    }
    for dates in out.values_mut() {
        dates.sort();
    }
    out
}

fn businesses(scn: &Scenario, a: &Plan, b: &Plan) -> Vec<BusinessChange> {
    let (da, db) = (visit_dates(a), visit_dates(b));
    let ids = da.keys().chain(db.keys()).map(|s| s.to_string());
    sorted(ids, &scn.index.businesses, |i| i.index())
        .into_iter()
        .filter_map(|business| {
            let dates_a = da.get(business.as_str()).cloned().unwrap_or_default();
            let dates_b = db.get(business.as_str()).cloned().unwrap_or_default();
            (dates_a.len() != dates_b.len()).then_some(BusinessChange {
                business,
                dates_a,
                dates_b,
            })
        })
        .collect()
}

/// The dates each scheduled task is on.
fn task_dates(plan: &Plan) -> HashMap<&str, BTreeSet<NaiveDate>> {
    let mut out: HashMap<&str, BTreeSet<NaiveDate>> = HashMap::new();
    for v in &plan.visits {
        for t in &v.tasks {
            out.entry(t.as_str()).or_default().insert(v.date);
        }
    }
    out
}

fn date_changes(scn: &Scenario, a: &Plan, b: &Plan) -> Vec<DateChange> {
    let (ta, tb) = (task_dates(a), task_dates(b));
    let both = ta
        .keys()
        .filter(|t| tb.contains_key(*t))
        .map(|s| s.to_string());
    sorted(both, &scn.index.tasks, |i| i.index())
        .into_iter()
        .filter_map(|task| {
            let dates_a = ta.get(task.as_str())?;
            let dates_b = tb.get(task.as_str())?;
            (dates_a != dates_b).then(|| DateChange {
                dates_a: dates_a.iter().copied().collect(),
                dates_b: dates_b.iter().copied().collect(),
                task,
            })
        })
        .collect()
}

/// Tasks scheduled in `with` and in no visit of `without`, with `without`'s entry.
fn schedule_changes(scn: &Scenario, with: &Plan, without: &Plan) -> Vec<ScheduleChange> {
    let (tw, two) = (task_dates(with), task_dates(without));
    let only = tw
        .keys()
        .filter(|t| !two.contains_key(*t))
        .map(|s| s.to_string());
    sorted(only, &scn.index.tasks, |i| i.index())
        .into_iter()
        .map(|task| ScheduleChange {
            dates: tw
                .get(task.as_str())
                .map(|d| d.iter().copied().collect())
                .unwrap_or_default(),
            left_out: without.unscheduled.iter().find(|u| u.task == task).cloned(),
            task,
        })
        .collect()
}

/// Each inspector's visits per date, as (start, business) in time order.
type Days<'p> = BTreeMap<NaiveDate, Vec<(Clock, &'p str)>>;

fn inspector_days(plan: &Plan) -> HashMap<&str, Days<'_>> {
    let mut out: HashMap<&str, Days<'_>> = HashMap::new();
    for v in &plan.visits {
        // An inspector listed twice in one crew is still in the visit once.
        let crew: BTreeSet<&str> = v.crew.iter().map(|c| c.inspector.as_str()).collect();
        for i in crew {
            out.entry(i)
                .or_default()
                .entry(v.date)
                .or_default()
                .push((v.start, v.business.as_str()));
        }
    }
    for days in out.values_mut() {
        for seq in days.values_mut() {
            seq.sort();
        }
    }
    out
}

fn inspectors(scn: &Scenario, a: &Plan, b: &Plan) -> Vec<InspectorChange> {
    let (ia, ib) = (inspector_days(a), inspector_days(b));
    let empty = Days::new();
    let ids = ia.keys().chain(ib.keys()).map(|s| s.to_string());
    sorted(ids, &scn.index.inspectors, |i| i.index())
        .into_iter()
        .filter_map(|inspector| {
            let da = ia.get(inspector.as_str()).unwrap_or(&empty);
            let db = ib.get(inspector.as_str()).unwrap_or(&empty);
            let dates: BTreeSet<NaiveDate> = da.keys().chain(db.keys()).copied().collect();
            let days: Vec<DayChange> = dates
                .into_iter()
                .filter_map(|date| {
                    let sa = da.get(&date).map_or(&[][..], Vec::as_slice);
                    let sb = db.get(&date).map_or(&[][..], Vec::as_slice);
                    (sa != sb).then_some(DayChange {
                        date,
                        visits_a: sa.len(),
                        visits_b: sb.len(),
                    })
                })
                .collect();
            (!days.is_empty()).then_some(InspectorChange { inspector, days })
        })
        .collect()
}

impl PlanDiff {
    /// Whether nothing listed changed: no entry in any list and every figure equal.
    pub fn is_empty(&self) -> bool {
        self.businesses.is_empty()
            && self.date_changes.is_empty()
            && self.newly_scheduled.is_empty()
            && self.newly_unscheduled.is_empty()
            && self.inspectors.is_empty()
            && self.figures.iter().all(|f| f.a == f.b)
    }
}
