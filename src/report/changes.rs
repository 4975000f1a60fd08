//! `onedoor replan`'s change list, for people (terminal text) and for tools
//! (`--changes FILE`, JSON). What the lists mean is documented with the computation,
//! [`onedoor_core::changes`]; this module lays them out.

use super::date_label;
use super::table::{signed, thousands, Table};
use crate::plan::{Figure, Stats};
use crate::scenario::Scenario;
use crate::solve::Replanned;
use chrono::NaiveDate;
use onedoor_core::changes::{Changes, VisitChange};
use onedoor_core::scenario::time::Clock;
use serde::Serialize;
use std::fmt::Write;

/// `2022-09-14 wed 09:30`.
fn when((d, t): (NaiveDate, Clock)) -> String {
    format!("{} {t}", date_label(d))
}

/// Department names, joined by `、`.
fn departments(scn: &Scenario, ids: &[String]) -> String {
    ids.iter()
        .map(|d| {
            scn.index
                .departments
                .get(d)
                .map_or_else(|| d.clone(), |&k| scn.department(k).name.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// One line for a visit change.
fn describe(scn: &Scenario, c: &VisitChange) -> String {
    match c {
        VisitChange::Moved { visit, from, to } => {
            format!("{visit} moved from {} to {}", when(*from), when(*to))
        }
        VisitChange::New {
            visit,
            at,
            departments: d,
        } => format!("{visit} new visit {} ({})", when(*at), departments(scn, d)),
        VisitChange::Cancelled {
            visit,
            at,
            departments: d,
        } => format!("{visit} cancelled {} ({})", when(*at), departments(scn, d)),
        VisitChange::Departments {
            visit,
            at,
            added,
            removed,
        } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added {}", departments(scn, added)));
            }
            if !removed.is_empty() {
                parts.push(format!("removed {}", departments(scn, removed)));
            }
            format!("{visit} {}: departments {}", when(*at), parts.join(", "))
        }
    }
}

/// The change list of a re-plan: what was kept, the objective before and after with the
/// disrupted tasks, the businesses' changes and the inspectors whose days change.
pub fn changes_text(
    scn: &Scenario,
    announced: &Stats,
    replanned: &Replanned,
    changes: &Changes,
) -> String {
    let mut out = String::new();
    let r = replanned;
    let from = date_label(changes.from);
    let _ = writeln!(out, "{}: re-plan from {from}\n", scn.name);
    let _ = writeln!(
        out,
        "  history      {} visits before {from} kept as they were",
        thousands(r.history.len() as i64)
    );
    if !r.history_invalid.is_empty() {
        let _ = writeln!(
            out,
            "               {} of them no longer valid for the changed week (kept, see `onedoor check`): {}",
            r.history_invalid.len(),
            r.history_invalid.join(", ")
        );
    }
    let (mut moved, mut new, mut cancelled) = (0, 0, 0);
    for c in changes.businesses.iter().flat_map(|b| &b.changes) {
        match c {
            VisitChange::Moved { .. } => moved += 1,
            VisitChange::New { .. } => new += 1,
            VisitChange::Cancelled { .. } => cancelled += 1,
            VisitChange::Departments { .. } => {}
        }
    }
    let _ = writeln!(
        out,
        "  announced    {} kept exactly, {} re-crewed at their time, {moved} moved, {cancelled} cancelled; {new} new",
        r.kept.len(),
        r.recrewed.len(),
    );
    let _ = writeln!(
        out,
        "  disrupted    {} tasks (date, start or visit-mates changed, or left out)\n",
        changes.disrupted.len()
    );

    let _ = writeln!(out, "objective (smaller is better, in this order)");
    let mut t = Table::new(["figure", "announced", "re-plan", "change"])
        .right([1, 2, 3])
        .indent(2);
    let row = |t: &mut Table, label: &str, a: i64, b: i64| {
        t.row([label.to_owned(), thousands(a), thousands(b), signed(b - a)]);
    };
    let (a, b) = (announced, &r.outcome.stats);
    let fig = |s: &Stats, f: Figure| f.value(s).as_f64() as i64;
    row(
        &mut t,
        Figure::UnscheduledPriority.label(),
        fig(a, Figure::UnscheduledPriority),
        fig(b, Figure::UnscheduledPriority),
    );
    row(&mut t, "disrupted tasks", 0, changes.disrupted.len() as i64);
    for f in [Figure::Visits, Figure::OfficerVisits, Figure::TravelMinutes] {
        row(&mut t, f.label(), fig(a, f), fig(b, f));
    }
    out.push_str(&t.render());

    if changes.businesses.is_empty() {
        let _ = writeln!(out, "\nno business's visits change");
    } else {
        let _ = writeln!(out, "\nbusinesses whose visits change");
        let mut t = Table::new(["business", "name", "change"]).indent(2);
        for b in &changes.businesses {
            let name = scn
                .index
                .businesses
                .get(&b.business)
                .map_or_else(String::new, |&k| scn.business(k).name.clone());
            for (i, c) in b.changes.iter().enumerate() {
                let (id, name) = if i == 0 {
                    (b.business.clone(), name.clone())
                } else {
                    (String::new(), String::new())
                };
                t.row([id, name, describe(scn, c)]);
            }
        }
        out.push_str(&t.render());
    }

    if !changes.inspectors.is_empty() {
        let _ = writeln!(out, "\ninspectors whose days change");
        let mut t = Table::new(["inspector", "name", "dates"]).indent(2);
        for i in &changes.inspectors {
            let name = scn
                .index
                .inspectors
                .get(&i.inspector)
                .map_or_else(String::new, |&k| scn.inspector(k).name.clone());
            let dates: Vec<String> = i.dates.iter().map(|d| date_label(*d)).collect();
            t.row([i.inspector.clone(), name, dates.join(", ")]);
        }
        out.push_str(&t.render());
    }
    out
}

/// `--changes FILE`: the change list as JSON.
#[derive(Serialize)]
pub struct ChangesJson {
    /// The first date re-planned.
    pub from: String,
    /// Visits before `from`, kept as they were.
    pub history: Vec<String>,
    /// History visits the changed scenario rejects (kept all the same).
    pub history_invalid: Vec<String>,
    /// Announced visits kept exactly.
    pub kept: Vec<String>,
    /// Announced visits re-crewed at their announced time.
    pub recrewed: Vec<String>,
    /// Disrupted task ids.
    pub disrupted_tasks: Vec<String>,
    /// The objective of the announced plan and of the re-plan.
    pub objective: ObjectiveJson,
    /// Per business, what changed.
    pub businesses: Vec<BusinessJson>,
    /// Per inspector, the dates whose visits changed.
    pub inspectors: Vec<InspectorJson>,
}

/// The objective before and after, level by level.
#[derive(Serialize)]
pub struct ObjectiveJson {
    /// Announced plan: unscheduled priority, disrupted (0), visits, officer visits, travel.
    pub announced: Level,
    /// Re-plan.
    pub replanned: Level,
}

/// One objective, in order.
#[derive(Serialize)]
pub struct Level {
    /// Sum of the priorities left out.
    pub unscheduled_priority: u64,
    /// Disrupted tasks.
    pub disrupted_tasks: u64,
    /// Visits.
    pub visits: u64,
    /// Crew entries.
    pub officer_visits: u64,
    /// Travel minutes.
    pub travel_minutes: u64,
}

/// One business's changes.
#[derive(Serialize)]
pub struct BusinessJson {
    /// Business id.
    pub business: String,
    /// Its changes.
    pub changes: Vec<ChangeJson>,
}

/// One change to a visit.
#[derive(Serialize)]
pub struct ChangeJson {
    /// `moved`, `new`, `cancelled` or `departments`.
    pub kind: &'static str,
    /// Visit id.
    pub visit: String,
    /// Announced date and start (moved, cancelled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Date and start now (moved, new, departments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Departments of a new or cancelled visit, or added to a visit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Departments removed from a visit (or of a cancelled visit).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// One inspector's changed dates.
#[derive(Serialize)]
pub struct InspectorJson {
    /// Inspector id.
    pub inspector: String,
    /// Dates, `YYYY-MM-DD`.
    pub dates: Vec<String>,
}

fn at((d, t): (NaiveDate, Clock)) -> String {
    format!("{d} {t}")
}

fn level(s: &Stats, disrupted: usize) -> Level {
    Level {
        unscheduled_priority: s.unscheduled_priority,
        disrupted_tasks: disrupted as u64,
        visits: s.visits,
        officer_visits: s.officer_visits,
        travel_minutes: s.travel_minutes,
    }
}

/// The announced plan's figures, as the change list compares them: as written in the
/// plan, or recomputed when the plan has none (`onedoor replan` and the desk).
pub fn announced_stats(
    scn: &crate::Scenario,
    travel: &crate::travel::TravelGraph,
    announced: &crate::plan::Plan,
) -> Stats {
    Stats::from_fields(&announced.stats)
        .unwrap_or_else(|| onedoor_core::figures::plan_stats(scn, travel, announced))
}

/// The change list as JSON (`--changes FILE`).
pub fn changes_json(announced: &Stats, replanned: &Replanned, changes: &Changes) -> ChangesJson {
    let change = |c: &VisitChange| match c {
        VisitChange::Moved { visit, from, to } => ChangeJson {
            kind: "moved",
            visit: visit.clone(),
            from: Some(at(*from)),
            to: Some(at(*to)),
            added: Vec::new(),
            removed: Vec::new(),
        },
        VisitChange::New {
            visit,
            at: a,
            departments,
        } => ChangeJson {
            kind: "new",
            visit: visit.clone(),
            from: None,
            to: Some(at(*a)),
            added: departments.clone(),
            removed: Vec::new(),
        },
        VisitChange::Cancelled {
            visit,
            at: a,
            departments,
        } => ChangeJson {
            kind: "cancelled",
            visit: visit.clone(),
            from: Some(at(*a)),
            to: None,
            added: Vec::new(),
            removed: departments.clone(),
        },
        VisitChange::Departments {
            visit,
            at: a,
            added,
            removed,
        } => ChangeJson {
            kind: "departments",
            visit: visit.clone(),
            from: None,
            to: Some(at(*a)),
            added: added.clone(),
            removed: removed.clone(),
        },
    };
    ChangesJson {
        from: changes.from.to_string(),
        history: replanned.history.clone(),
        history_invalid: replanned.history_invalid.clone(),
        kept: replanned.kept.clone(),
        recrewed: replanned.recrewed.clone(),
        disrupted_tasks: changes.disrupted.clone(),
        objective: ObjectiveJson {
            announced: level(announced, 0),
            replanned: level(&replanned.outcome.stats, changes.disrupted.len()),
        },
        businesses: changes
            .businesses
            .iter()
            .map(|b| BusinessJson {
                business: b.business.clone(),
                changes: b.changes.iter().map(change).collect(),
            })
            .collect(),
        inspectors: changes
            .inspectors
            .iter()
            .map(|i| InspectorJson {
                inspector: i.inspector.clone(),
                dates: i.dates.iter().map(|d| d.to_string()).collect(),
            })
            .collect(),
    }
}
