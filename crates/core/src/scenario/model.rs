//! The validated domain model of a scenario (what the loader produces from the JSON).
//!
//! Every reference is resolved to a typed index ([`crate::ids`]); every default of the
//! format is filled in. Calendar questions ("may this task happen on that date?") live
//! here so the checker and the solver answer them the same way, from the same rule.

use super::time::{Clock, Hours, WeekdaySet};
use crate::ids::{BizIdx, DeptIdx, InspIdx, NodeIdx, TaskIdx};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeSet, HashMap};

/// A point, planar in kilometres or geographic in degrees (one form per scenario).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Location {
    /// Planar coordinates in kilometres.
    Planar {
        /// East, km.
        x: f64,
        /// North, km.
        y: f64,
    },
    /// Latitude and longitude in degrees.
    Geo {
        /// Latitude, degrees.
        lat: f64,
        /// Longitude, degrees.
        lon: f64,
    },
}

/// The planning week: dates, working weekdays, holidays and the working day.
#[derive(Clone, Debug)]
pub struct Horizon {
    /// First date.
    pub start: NaiveDate,
    /// Last date (inclusive).
    pub end: NaiveDate,
    /// Weekdays on which visits may happen.
    pub workdays: WeekdaySet,
    /// Dates with no visits.
    pub holidays: BTreeSet<NaiveDate>,
    /// The working day: inspectors leave base at or after `start`, are back by `end`.
    pub hours: Hours,
}

impl Horizon {
    /// The working dates of the horizon (in range, a workday, not a holiday), in order.
    pub fn working_dates(&self) -> Vec<NaiveDate> {
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .filter(|d| self.workdays.contains(d.weekday()) && !self.holidays.contains(d))
            .collect()
    }
}

/// Rules every visit obeys.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Certified officers every visit needs.
    pub min_certified_per_visit: u32,
    /// Minutes added once per visit (entry, notice, closing meeting).
    pub visit_overhead_minutes: u32,
    /// Longest allowed visit, if any.
    pub max_visit_minutes: Option<u32>,
    /// Most departments in one visit, if any.
    pub max_departments_per_visit: Option<u32>,
    /// Department pairs that never share a visit (each pair stored once, smaller first).
    pub incompatible: Vec<(DeptIdx, DeptIdx)>,
}

impl Rules {
    /// The keys of `rules` in a scenario file, in the format's order: the loader's known
    /// fields and what `--rule KEY=VALUE` may set.
    pub const KEYS: &'static [&'static str] = &[
        "min_certified_per_visit",
        "visit_overhead_minutes",
        "max_visit_minutes",
        "max_departments_per_visit",
        "incompatible",
    ];

    /// Whether departments `a` and `b` may share a visit.
    pub fn compatible(&self, a: DeptIdx, b: DeptIdx) -> bool {
        let key = if a <= b { (a, b) } else { (b, a) };
        !self.incompatible.contains(&key)
    }
}

/// The straight-line travel model and the extra links.
#[derive(Clone, Debug)]
pub struct TravelRules {
    /// Speed of straight-line travel, km/h (> 0).
    pub speed_kmh: f64,
    /// Factor from straight-line to road distance.
    pub detour: f64,
    /// Two-way edges between nodes, in minutes.
    pub links: Vec<Link>,
}

/// A two-way edge of the travel graph (a bridge, a ferry).
#[derive(Clone, Copy, Debug)]
pub struct Link {
    /// One end.
    pub from: NodeIdx,
    /// The other end.
    pub to: NodeIdx,
    /// Minutes to cross.
    pub minutes: u32,
}

/// An office or other non-business place (inspectors' bases).
#[derive(Clone, Debug)]
pub struct Place {
    /// The id in the file.
    pub id: String,
    /// A name for people (defaults to the id).
    pub name: String,
    /// Travel zone: nodes in one zone are joined by straight-line edges.
    pub zone: String,
    /// Where it is.
    pub location: Location,
}

/// A department taking part in the week.
#[derive(Clone, Debug)]
pub struct Department {
    /// The id in the file.
    pub id: String,
    /// A name for people (defaults to the id).
    pub name: String,
}

/// An inspector (officer) of a department.
#[derive(Clone, Debug)]
pub struct Inspector {
    /// The id in the file.
    pub id: String,
    /// A name for people (defaults to the id).
    pub name: String,
    /// Own department.
    pub department: DeptIdx,
    /// Holds an enforcement certificate.
    pub certified: bool,
    /// Where the day starts and ends.
    pub base: NodeIdx,
    /// Other departments this inspector may act for.
    pub acts_for: Vec<DeptIdx>,
    /// Dates the inspector does not work.
    pub unavailable: BTreeSet<NaiveDate>,
    /// Most visits in one day.
    pub max_visits_per_day: Option<u32>,
    /// Businesses this inspector must not inspect.
    pub recuse: BTreeSet<BizIdx>,
    /// Enforcement certificate number (执法证号), shown where a business is told who
    /// comes.
    pub certificate: Option<String>,
}

impl Inspector {
    /// Whether this inspector may act for department `d` (own or `acts_for`).
    pub fn may_act_for(&self, d: DeptIdx) -> bool {
        self.department == d || self.acts_for.contains(&d)
    }

    /// Whether the inspector works on `date`.
    pub fn available_on(&self, date: NaiveDate) -> bool {
        !self.unavailable.contains(&date)
    }
}

/// A business that may be inspected.
#[derive(Clone, Debug)]
pub struct Business {
    /// The id in the file.
    pub id: String,
    /// A name for people (defaults to the id).
    pub name: String,
    /// Town or street (街道/镇), for reports.
    pub town: String,
    /// Travel zone.
    pub zone: String,
    /// Where it is.
    pub location: Location,
    /// Weekdays it can be visited.
    pub open_days: WeekdaySet,
    /// Hours it can be visited.
    pub open_hours: Hours,
    /// Dates with no visit.
    pub closed: BTreeSet<NaiveDate>,
    /// Most visits in the horizon.
    pub max_visits: Option<u32>,
    /// Free-form tags (business type).
    pub tags: Vec<String>,
    /// Street address, for notices and route sheets.
    pub address: Option<String>,
    /// Whom to tell at the business.
    pub contact: Option<String>,
    /// The business's phone.
    pub phone: Option<String>,
}

/// A fixed appointment of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pinned {
    /// The date.
    pub date: NaiveDate,
    /// The exact visit start, if fixed.
    pub start: Option<Clock>,
}

/// One department's planned inspection at one business.
#[derive(Clone, Debug)]
pub struct Task {
    /// The id in the file.
    pub id: String,
    /// Department that planned it.
    pub department: DeptIdx,
    /// Where.
    pub business: BizIdx,
    /// Minutes of inspection work.
    pub minutes: u32,
    /// First allowed date.
    pub earliest: NaiveDate,
    /// Last allowed date.
    pub latest: NaiveDate,
    /// Weight of leaving the task out (1–1000).
    pub priority: u32,
    /// False: the task is a visit on its own.
    pub joinable: bool,
    /// Crew members acting for the department that the task needs.
    pub officers: u32,
    /// Checklist item codes.
    pub items: Vec<String>,
    /// A fixed appointment.
    pub pinned: Option<Pinned>,
    /// Whether the business may learn of the task in advance (default: `joinable`).
    /// False: nothing addressed to the business names the task, its items or its visit.
    pub announced: bool,
}

/// Who issues the handouts and how (the scenario's optional `notice` object). Every field
/// is optional: an absent one is left out of the handouts, never invented.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    /// The issuing authority (签发机关).
    pub issuer: Option<String>,
    /// The person to contact.
    pub contact: Option<String>,
    /// The contact's phone.
    pub phone: Option<String>,
    /// The legal basis of the inspections.
    pub legal_basis: Option<String>,
    /// Prefix of notice numbers; a sequence number follows it.
    pub number_prefix: Option<String>,
    /// Issue date as given; see [`Scenario::issued`] for the default.
    pub issued: Option<NaiveDate>,
}

/// One checklist item of the scenario's catalogue (`items` at the top level).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The code tasks name in their `items`.
    pub id: String,
    /// The item as people read it (defaults to the id).
    pub name: String,
    /// What the business should have ready, if anything.
    pub prepare: Option<String>,
}

/// A loaded, validated scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Format version (always 1).
    pub version: u32,
    /// Name for people.
    pub name: String,
    /// The week.
    pub horizon: Horizon,
    /// Rules of every visit.
    pub rules: Rules,
    /// The travel model.
    pub travel: TravelRules,
    /// Non-business places.
    pub places: Vec<Place>,
    /// Departments.
    pub departments: Vec<Department>,
    /// Inspectors.
    pub inspectors: Vec<Inspector>,
    /// Businesses.
    pub businesses: Vec<Business>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// Who issues the handouts.
    pub notice: Notice,
    /// Catalogue of checklist items (may be empty; task items need not be listed).
    pub items: Vec<Item>,
    /// Lookup of string ids.
    pub index: IdIndex,
}

/// String id → typed index, for reading plans and reporting.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    /// Departments by id.
    pub departments: HashMap<String, DeptIdx>,
    /// Inspectors by id.
    pub inspectors: HashMap<String, InspIdx>,
    /// Businesses by id.
    pub businesses: HashMap<String, BizIdx>,
    /// Tasks by id.
    pub tasks: HashMap<String, TaskIdx>,
    /// Places and businesses by id, as travel nodes.
    pub nodes: HashMap<String, NodeIdx>,
    /// Catalogue items by id (position in [`Scenario::items`]).
    pub items: HashMap<String, usize>,
}

impl Scenario {
    /// The travel node of a business (nodes are places first, then businesses).
    pub fn node_of_business(&self, b: BizIdx) -> NodeIdx {
        NodeIdx::new(self.places.len() + b.index())
    }

    /// The business at a node, if the node is a business.
    pub fn business_of_node(&self, n: NodeIdx) -> Option<BizIdx> {
        n.index()
            .checked_sub(self.places.len())
            .filter(|&i| i < self.businesses.len())
            .map(BizIdx::new)
    }

    /// Number of travel nodes (places + businesses).
    pub fn node_count(&self) -> usize {
        self.places.len() + self.businesses.len()
    }

    /// The zone and location of a node.
    pub fn node_site(&self, n: NodeIdx) -> (&str, Location) {
        match self.business_of_node(n) {
            Some(b) => {
                let b = &self.businesses[b.index()];
                (&b.zone, b.location)
            }
            None => {
                let p = &self.places[n.index()];
                (&p.zone, p.location)
            }
        }
    }

    /// The id of a node.
    pub fn node_id(&self, n: NodeIdx) -> &str {
        match self.business_of_node(n) {
            Some(b) => &self.businesses[b.index()].id,
            None => &self.places[n.index()].id,
        }
    }

    /// Whether the business may be visited on `date` at all (horizon, workday, holiday,
    /// open day, closed date).
    pub fn business_open_on(&self, b: BizIdx, date: NaiveDate) -> bool {
        let h = &self.horizon;
        let biz = &self.businesses[b.index()];
        h.start <= date
            && date <= h.end
            && h.workdays.contains(date.weekday())
            && !h.holidays.contains(&date)
            && biz.open_days.contains(date.weekday())
            && !biz.closed.contains(&date)
    }

    /// Whether `date` is a valid date for task `t` (the format's definition: the business
    /// can be visited, the task's window, and the pinned date).
    pub fn valid_date(&self, t: TaskIdx, date: NaiveDate) -> bool {
        let task = &self.tasks[t.index()];
        self.business_open_on(task.business, date)
            && task.earliest <= date
            && date <= task.latest
            && task.pinned.is_none_or(|p| p.date == date)
    }

    /// The valid dates of task `t`, in order.
    pub fn valid_dates(&self, t: TaskIdx) -> Vec<NaiveDate> {
        let task = &self.tasks[t.index()];
        let from = self.horizon.start.max(task.earliest);
        let to = self.horizon.end.min(task.latest);
        if from > to {
            return Vec::new();
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.valid_date(t, *d))
            .collect()
    }

    /// The hours a visit to business `b` may take place: the horizon hours intersected
    /// with the business's open hours (`None` when they do not overlap).
    pub fn visit_window(&self, b: BizIdx) -> Option<Hours> {
        let h = self.horizon.hours;
        let o = self.businesses[b.index()].open_hours;
        let start = h.start.max(o.start);
        let end = h.end.min(o.end);
        (start < end).then_some(Hours { start, end })
    }

    /// Typed indices of all tasks.
    pub fn task_indices(&self) -> impl Iterator<Item = TaskIdx> + '_ {
        (0..self.tasks.len()).map(TaskIdx::new)
    }

    /// Typed indices of all inspectors.
    pub fn inspector_indices(&self) -> impl Iterator<Item = InspIdx> + '_ {
        (0..self.inspectors.len()).map(InspIdx::new)
    }

    /// The task with typed index `t`.
    pub fn task(&self, t: TaskIdx) -> &Task {
        &self.tasks[t.index()]
    }

    /// The inspector with typed index `i`.
    pub fn inspector(&self, i: InspIdx) -> &Inspector {
        &self.inspectors[i.index()]
    }

    /// The business with typed index `b`.
    pub fn business(&self, b: BizIdx) -> &Business {
        &self.businesses[b.index()]
    }

    /// The department with typed index `d`.
    pub fn department(&self, d: DeptIdx) -> &Department {
        &self.departments[d.index()]
    }

    /// The catalogue entry of a checklist item code, if the catalogue lists it.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.index.items.get(code).map(|&i| &self.items[i])
    }

    /// The issue date of the week's notices: `notice.issued` when given, otherwise the
    /// last workday (a horizon weekday that is not a holiday) before the horizon starts,
    /// looking back at most a week; the day before the horizon when none is found.
    pub fn issued(&self) -> NaiveDate {
        if let Some(d) = self.notice.issued {
            return d;
        }
        let h = &self.horizon;
        let day_before = h.start.pred_opt().unwrap_or(h.start);
        std::iter::successors(Some(day_before), |d| d.pred_opt())
            .take(7)
            .find(|d| h.workdays.contains(d.weekday()) && !h.holidays.contains(d))
            .unwrap_or(day_before)
    }
}
