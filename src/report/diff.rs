//! `onedoor diff` for people (text) and for tools (`--json`). What the lists mean is
//! documented with the computation, [`crate::diff`].

use super::date_label;
use super::table::{signed, thousands, Table};
use crate::diff::{PlanDiff, ScheduleChange};
use crate::scenario::time::fmt_date;
use crate::scenario::Scenario;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt::Write;

/// Dates joined by `, `; `-` when there are none.
fn date_list(dates: &[NaiveDate]) -> String {
    if dates.is_empty() {
        "-".to_owned()
    } else {
        dates
            .iter()
            .map(|d| date_label(*d))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `n word` or `n words`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(n as i64),
        if n == 1 { one } else { many }
    )
}

/// Names for the render: the scenario's name of a known id, empty for an unknown one.
struct Names<'s>(&'s Scenario);

/// The name `of` an id in `index`, empty for an unknown id.
fn name<'s, T: Copy>(index: &HashMap<String, T>, id: &str, of: impl Fn(T) -> &'s str) -> String {
    index
        .get(id)
        .map_or_else(String::new, |&x| of(x).to_owned())
}

impl Names<'_> {
    fn business(&self, id: &str) -> String {
        let s = self.0;
        name(&s.index.businesses, id, |b| &s.business(b).name)
    }

    fn inspector(&self, id: &str) -> String {
        let s = self.0;
        name(&s.index.inspectors, id, |i| &s.inspector(i).name)
    }

    /// A table row for a task: its id, department and business names, then `a` and `b`.
    fn task_row(&self, id: &str, a: String, b: String) -> [String; 5] {
        let s = self.0;
        let (dept, biz) = s.index.tasks.get(id).map_or_else(Default::default, |&t| {
            let task = s.task(t);
            (
                s.department(task.department).name.clone(),
                s.business(task.business).name.clone(),
            )
        });
        [id.to_owned(), dept, biz, a, b]
    }
}

/// The count line: `2 businesses change visits, 1 task changes date, 1 task newly
/// scheduled, 2 newly unscheduled, 6 inspectors' days change`, or `no changes`.
pub fn diff_summary(d: &PlanDiff) -> String {
    if d.is_empty() {
        return "no changes".to_owned();
    }
    [
        count(
            d.businesses.len(),
            "business changes visits",
            "businesses change visits",
        ),
        count(
            d.date_changes.len(),
            "task changes date",
            "tasks change date",
        ),
        count(
            d.newly_scheduled.len(),
            "task newly scheduled",
            "tasks newly scheduled",
        ),
        format!(
            "{} newly unscheduled",
            thousands(d.newly_unscheduled.len() as i64)
        ),
        count(
            d.inspectors.len(),
            "inspector's days change",
            "inspectors' days change",
        ),
    ]
    .join(", ")
}

/// The diff as text for people (see [`crate::diff`]); names from `scn`, unknown ids
/// shown raw. Lists with no entries are left out; an empty diff is `no changes`.
pub fn diff_text(d: &PlanDiff, scn: &Scenario) -> String {
    let names = Names(scn);
    let mut out = String::new();
    let _ = writeln!(out, "{}", diff_summary(d));
    if d.is_empty() {
        return out;
    }

    let mut t = Table::new(["figure", "A", "B", "change"])
        .right([1, 2, 3])
        .indent(2);
    for f in &d.figures {
        let show = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), thousands);
        t.row([
            f.figure.label().to_owned(),
            show(f.a),
            show(f.b),
            f.delta().map_or_else(|| "-".to_owned(), signed),
        ]);
    }
    let _ = writeln!(out, "\nObjective (smaller is better)");
    out.push_str(&t.render());

    if !d.businesses.is_empty() {
        let mut t = Table::new([
            "business", "name", "visits A", "visits B", "change", "dates A", "dates B",
        ])
        .right([2, 3, 4])
        .indent(2);
        for c in &d.businesses {
            let (va, vb) = (c.visits_a() as i64, c.visits_b() as i64);
            t.row([
                c.business.clone(),
                names.business(&c.business),
                thousands(va),
                thousands(vb),
                signed(vb - va),
                date_list(&c.dates_a),
                date_list(&c.dates_b),
            ]);
        }
        let _ = writeln!(out, "\nBusinesses that gain or lose visits");
        out.push_str(&t.render());
    }

    if !d.date_changes.is_empty() {
        let mut t = Table::new(["task", "department", "business", "date A", "date B"]).indent(2);
        for c in &d.date_changes {
            t.row(names.task_row(&c.task, date_list(&c.dates_a), date_list(&c.dates_b)));
        }
        let _ = writeln!(out, "\nTasks that change date");
        out.push_str(&t.render());
    }

    let sections = [
        (
            &d.newly_scheduled,
            "Tasks newly scheduled",
            "date B",
            "reason in A",
        ),
        (
            &d.newly_unscheduled,
            "Tasks newly unscheduled",
            "date A",
            "reason in B",
        ),
    ];
    for (list, title, date, reason) in sections {
        if list.is_empty() {
            continue;
        }
        let mut t = Table::new(["task", "department", "business", date, reason]).indent(2);
        for c in list {
            let reason = c.left_out.as_ref().map(|u| u.reason.clone());
            let reason = reason.unwrap_or_else(|| "(not listed)".to_owned());
            t.row(names.task_row(&c.task, date_list(&c.dates), reason));
        }
        let _ = writeln!(out, "\n{title}");
        out.push_str(&t.render());
    }

    if !d.inspectors.is_empty() {
        let mut t = Table::new(["inspector", "name", "date", "visits A", "visits B"])
            .right([3, 4])
            .indent(2);
        for c in &d.inspectors {
            for (k, d) in c.days.iter().enumerate() {
                let (id, name) = if k == 0 {
                    (c.inspector.clone(), names.inspector(&c.inspector))
                } else {
                    (String::new(), String::new())
                };
                t.row([
                    id,
                    name,
                    date_label(d.date),
                    thousands(d.visits_a as i64),
                    thousands(d.visits_b as i64),
                ]);
            }
        }
        let _ = writeln!(out, "\nInspectors whose days change");
        out.push_str(&t.render());
    }
    out
}

/// The diff for tools, as `onedoor diff --json` prints it: ids as in the plans, dates as
/// `YYYY-MM-DD`, a figure that is not known `null`.
#[derive(Debug, Serialize)]
pub struct DiffJson<'d> {
    /// How many entries each list has.
    pub changes: Counts,
    /// The objective figures, by `stats` key.
    pub figures: Keyed<FigureJson>,
    /// Businesses whose number of visits differs.
    pub businesses: Vec<BusinessJson<'d>>,
    /// Tasks that change date.
    pub date_changes: Vec<DateChangeJson<'d>>,
    /// Tasks newly scheduled (reason: plan A's).
    pub newly_scheduled: Vec<ScheduleJson<'d>>,
    /// Tasks newly unscheduled (reason: plan B's).
    pub newly_unscheduled: Vec<ScheduleJson<'d>>,
    /// Inspectors whose days change.
    pub inspectors: Vec<InspectorJson<'d>>,
}

/// The number of entries of each list of a [`PlanDiff`].
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Businesses that gain or lose visits.
    pub businesses: usize,
    /// Tasks that change date.
    pub date_changes: usize,
    /// Tasks newly scheduled.
    pub newly_scheduled: usize,
    /// Tasks newly unscheduled.
    pub newly_unscheduled: usize,
    /// Inspectors whose days change.
    pub inspectors: usize,
}

/// Entries written as one JSON object, keys in the given order.
#[derive(Debug)]
pub struct Keyed<T>(Vec<(&'static str, T)>);

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One objective figure in both plans, and B − A.
#[derive(Debug, Serialize)]
pub struct FigureJson {
    /// In plan A.
    pub a: Option<i64>,
    /// In plan B.
    pub b: Option<i64>,
    /// B − A.
    pub change: Option<i64>,
}

/// A business whose number of visits differs.
#[derive(Debug, Serialize)]
pub struct BusinessJson<'d> {
    /// Business id.
    pub business: &'d str,
    /// Visits in plan A.
    pub visits_a: usize,
    /// Visits in plan B.
    pub visits_b: usize,
    /// Visit dates in plan A.
    pub dates_a: Vec<String>,
    /// Visit dates in plan B.
    pub dates_b: Vec<String>,
}

/// A task that changes date.
#[derive(Debug, Serialize)]
pub struct DateChangeJson<'d> {
    /// Task id.
    pub task: &'d str,
    /// Its dates in plan A.
    pub dates_a: Vec<String>,
    /// Its dates in plan B.
    pub dates_b: Vec<String>,
}

/// A task newly scheduled or newly unscheduled, with the other plan's reason.
#[derive(Debug, Serialize)]
pub struct ScheduleJson<'d> {
    /// Task id.
    pub task: &'d str,
    /// Its dates in the plan that schedules it.
    pub dates: Vec<String>,
    /// The other plan's reason code, if it lists the task.
    pub reason: Option<&'d str>,
    /// The other plan's detail, if it lists the task.
    pub detail: Option<&'d str>,
}

/// An inspector whose days change.
#[derive(Debug, Serialize)]
pub struct InspectorJson<'d> {
    /// Inspector id.
    pub inspector: &'d str,
    /// The dates that differ.
    pub days: Vec<DayJson>,
}

/// One date of an inspector that differs.
#[derive(Debug, Serialize)]
pub struct DayJson {
    /// The date.
    pub date: String,
    /// Visits that date in plan A.
    pub visits_a: usize,
    /// Visits that date in plan B.
    pub visits_b: usize,
}

fn dates(d: &[NaiveDate]) -> Vec<String> {
    d.iter().map(|d| fmt_date(*d)).collect()
}

fn schedule(list: &[ScheduleChange]) -> Vec<ScheduleJson<'_>> {
    list.iter()
        .map(|c| ScheduleJson {
            task: &c.task,
            dates: dates(&c.dates),
            reason: c.left_out.as_ref().map(|u| u.reason.as_str()),
            detail: c.left_out.as_ref().map(|u| u.detail.as_str()),
        })
        .collect()
}

/// The diff for tools (see [`DiffJson`]).
pub fn diff_json(d: &PlanDiff) -> DiffJson<'_> {
    DiffJson {
        changes: Counts {
            businesses: d.businesses.len(),
            date_changes: d.date_changes.len(),
            newly_scheduled: d.newly_scheduled.len(),
            newly_unscheduled: d.newly_unscheduled.len(),
            inspectors: d.inspectors.len(),
        },
        figures: Keyed(
            d.figures
                .iter()
                .map(|f| {
                    let json = FigureJson {
                        a: f.a,
                        b: f.b,
                        change: f.delta(),
                    };
                    (f.figure.key(), json)
                })
                .collect(),
        ),
        businesses: d
            .businesses
            .iter()
            .map(|c| BusinessJson {
                business: &c.business,
                visits_a: c.visits_a(),
                visits_b: c.visits_b(),
                dates_a: dates(&c.dates_a),
                dates_b: dates(&c.dates_b),
            })
            .collect(),
        date_changes: d
            .date_changes
            .iter()
            .map(|c| DateChangeJson {
                task: &c.task,
                dates_a: dates(&c.dates_a),
                dates_b: dates(&c.dates_b),
            })
            .collect(),
        newly_scheduled: schedule(&d.newly_scheduled),
        newly_unscheduled: schedule(&d.newly_unscheduled),
        inspectors: d
            .inspectors
            .iter()
            .map(|c| InspectorJson {
                inspector: &c.inspector,
                days: c
                    .days
                    .iter()
                    .map(|d| DayJson {
                        date: fmt_date(d.date),
                        visits_a: d.visits_a,
                        visits_b: d.visits_b,
                    })
                    .collect(),
            })
            .collect(),
    }
}
