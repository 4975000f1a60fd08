//! The `stats` report: a coordinator's first look at a week, before any planning.
//!
//! [`stats_report`] prints, in this order:
//!
//! 1. **The week**: the scenario's name, the horizon, its working dates (in range, a
//!    workday, not a holiday) with their weekdays, and the working day's hours.
//! 2. **Sizes**: departments, inspectors (and how many hold an enforcement certificate),
//!    businesses, tasks (and how many are not joinable or pinned), places, travel links,
//!    zones (and how many separate areas the travel graph has: zones not joined by links).
//! 3. **Tasks no plan can schedule**, by the facts of format rule C12
//!    ([`crate::facts`]): no valid date, too few officers on every valid date, or
//!    no able officer who can travel there and back. Each reason with its count and up
//!    to ten task ids. These tasks are left out of every plan, whatever the solver does.
//!    Below, when there are any, the tasks too long for any visit (overhead + minutes
//!    beyond the visit window or `max_visit_minutes`): also never in a plan, though the
//!    format has no fact reason for them (plans say `capacity`).
//! 4. **Bounds** over the remaining (*schedulable*) tasks, as defined in docs/format.md, "Reported figures"
//!    ([`crate::figures`]): the baseline (visits if each department went alone), the lower
//!    bound (fewest visits any plan scheduling all of them needs) and the best possible
//!    reduction, (baseline − lower bound) / baseline. A plan reaching the lower bound
//!    saves that share of entries into businesses; tighter calendars, crews and working
//!    days may keep it from getting there.
//! 5. **Demand against supply** per department and working date. A task may happen on
//!    any of its valid dates, so no single number is "the" demand of a date; the table
//!    shows three honest ones and the supply next to them:
//!    - `may`: tasks for which the date is valid (a task counts on each of its dates);
//!    - `must`, `must min`: tasks whose *only* valid date it is, and their officer-minutes;
//!    - `share min`: officer-minutes if every task were spread evenly over its valid
//!      dates (a task of 60 minutes valid on three dates adds 20 to each), rounded;
//!    - `officers`, `certified`: inspectors who may act for the department (its own or by
//!      `acts_for`) and work that day, and how many of them are certified;
//!    - `officer min`: those officers × the working day's minutes;
//!    - `load`: `share min` / `officer min`.
//!
//!    Officer-minutes of a task are its minutes × the officers it needs. They leave out
//!    visit overhead and travel, so a load near 100 % is already too much. An inspector
//!    acting for several departments counts in each of them, and recusals (which are per
//!    business) are ignored, so supply is an upper bound. All tasks with a valid date
//!    count as demand, including those a fact keeps out of the plan. Each department ends
//!    with a `week` row: tasks with any valid date and the week's sums.
//!
//! The output depends only on the scenario (no clock, no hash order): the same file gives
//! the same text.

use super::date_label;
use super::table::{pad, percent, thousands, Align, Table};
use crate::plan::Reason;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use onedoor_core::overview::{Overview, Sizes};
use std::fmt::Write;

/// Most task ids listed per reason.
const MAX_IDS: usize = 10;

/// The reasons that are facts about the scenario (format rule C12), in report order.
const FACT_REASONS: [(Reason, &str); 3] = [
    (Reason::NoValidDay, "no valid date"),
    (Reason::NoOfficer, "no officer"),
    (Reason::Unreachable, "unreachable"),
];

/// The `stats` report of a scenario as text for people (see the module docs for each
/// figure). Deterministic: the same scenario gives the same text.
pub fn stats_report(scn: &Scenario, travel: &TravelGraph) -> String {
    let ov = Overview::new(scn, travel);
    let mut out = String::new();
    week(&mut out, scn, &ov);
    sizes(&mut out, &ov.sizes);
    unschedulable(&mut out, scn, &ov.facts);
    bounds(&mut out, &ov);
    demand(&mut out, scn, &ov);
    out
}

/// The same figures as [`stats_report`], as JSON for tools (`onedoor stats --json` and
/// the desk's `GET /api/weeks/{W}`): the week, sizes, the tasks no plan can schedule
/// (every id), the bounds, and per department the demand against officers per working
/// date and for the week. Deterministic like the text.
pub fn stats_json(scn: &Scenario, travel: &TravelGraph) -> serde_json::Value {
    use serde_json::json;
    let ov = Overview::new(scn, travel);
    let h = &scn.horizon;
    let s = &ov.sizes;
    let unschedulable: Vec<serde_json::Value> = FACT_REASONS
        .iter()
        .map(|(reason, _)| {
            let ids: Vec<&str> = scn
                .tasks
                .iter()
                .zip(&ov.facts)
                .filter(|(_, f)| **f == Some(*reason))
                .map(|(task, _)| task.id.as_str())
                .collect();
            json!({"reason": reason.code(), "tasks": ids})
        })
        .collect();
    let demand_row = |c: &onedoor_core::overview::Demand| {
        json!({
            "may": c.may,
            "must": c.must,
            "must_min": c.must_min,
            "share_min": c.share_min.round() as u64,
            "officers": c.officers,
            "certified": c.certified,
            "officer_min": c.officer_min,
            "load": if c.officer_min > 0 { Some((c.share_min / c.officer_min as f64 * 1000.0).round() / 1000.0) } else { None },
        })
    };
    let demand: Vec<serde_json::Value> = ov
        .demand
        .iter()
        .map(|dd| {
            let d = scn.department(dd.department);
            let dates: Vec<serde_json::Value> = dd
                .dates
                .iter()
                .map(|(date, c)| {
                    let mut row = demand_row(c);
                    row["date"] = json!(date.to_string());
                    row
                })
                .collect();
            json!({"department": d.id, "name": d.name, "dates": dates, "week": demand_row(&dd.week)})
        })
        .collect();
    json!({
        "name": scn.name,
        "horizon": {
            "start": h.start.to_string(),
            "end": h.end.to_string(),
            "dates": ov.dates.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "holidays": h.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "hours": [h.hours.start.to_string(), h.hours.end.to_string()],
            "day_minutes": ov.day_minutes,
        },
        "sizes": {
            "departments": s.departments, "inspectors": s.inspectors, "certified": s.certified,
            "businesses": s.businesses, "tasks": s.tasks, "not_joinable": s.not_joinable,
            "pinned": s.pinned, "places": s.places, "links": s.links, "zones": s.zones,
            "areas": s.areas,
        },
        "unschedulable": unschedulable,
        "too_long": too_long(scn, &ov.facts),
        "bounds": {
            "schedulable": ov.schedulable,
            "baseline": ov.baseline,
            "lower_bound": ov.lower_bound,
            "best_saving": ov.baseline.saturating_sub(ov.lower_bound),
        },
        "demand": demand,
    })
}

/// Section 1: name, horizon, working dates and hours.
fn week(out: &mut String, scn: &Scenario, ov: &Overview) {
    let h = &scn.horizon;
    let dates = &ov.dates;
    let _ = writeln!(out, "{}", scn.name);
    let _ = writeln!(
        out,
        "horizon {} to {}, {} working date{}, hours {}–{} ({} min a day)",
        h.start,
        h.end,
        dates.len(),
        if dates.len() == 1 { "" } else { "s" },
        h.hours.start,
        h.hours.end,
        ov.day_minutes
    );
    let listed: Vec<String> = dates.iter().map(|d| date_label(*d)).collect();
    if listed.is_empty() {
        let _ = writeln!(out, "  (no working dates: no task can be scheduled)");
    } else {
        let _ = writeln!(out, "  {}", listed.join(", "));
    }
    if !h.holidays.is_empty() {
        let hol: Vec<String> = h.holidays.iter().map(|d| date_label(*d)).collect();
        let _ = writeln!(out, "  holidays: {}", hol.join(", "));
    }
}

/// Section 2: sizes of the scenario.
fn sizes(out: &mut String, s: &Sizes) {
    let n = |x: usize| thousands(x as i64);
    let rows = [
        ("departments", n(s.departments), String::new()),
        (
            "inspectors",
            n(s.inspectors),
            format!("{} certified", n(s.certified)),
        ),
        ("businesses", n(s.businesses), String::new()),
        (
            "tasks",
            n(s.tasks),
            format!("{} not joinable, {} pinned", n(s.not_joinable), n(s.pinned)),
        ),
        ("places", n(s.places), String::new()),
        ("links", n(s.links), String::new()),
        (
            "zones",
            n(s.zones),
            format!(
                "{} separate travel area{}",
                n(s.areas),
                if s.areas == 1 { "" } else { "s" }
            ),
        ),
    ];
    let mut t = Table::new(["size", "count", "note"]).right([1]).indent(2);
    for (name, count, note) in rows {
        t.row([name.to_string(), count, note]);
    }
    let _ = writeln!(out, "\nSizes");
    out.push_str(&t.render());
}

/// Section 3: tasks a fact keeps out of every plan.
fn unschedulable(out: &mut String, scn: &Scenario, facts: &[Option<Reason>]) {
    let total = facts.iter().filter(|f| f.is_some()).count();
    let _ = writeln!(
        out,
        "\nTasks no plan can schedule (facts of the scenario): {}",
        thousands(total as i64)
    );
    let mut t = Table::new(["reason", "tasks", "ids"]).right([1]).indent(2);
    for (reason, label) in FACT_REASONS {
        let ids: Vec<&str> = scn
            .tasks
            .iter()
            .zip(facts)
            .filter(|(_, f)| **f == Some(reason))
            .map(|(task, _)| task.id.as_str())
            .collect();
        t.row([
            format!("{label} ({})", reason.code()),
            thousands(ids.len() as i64),
            id_list(&ids),
        ]);
    }
    out.push_str(&t.render());
    let long = too_long(scn, facts);
    if !long.is_empty() {
        let _ = writeln!(
            out,
            "  also never in a visit: {} task{} longer than any visit there can last \
             (overhead + minutes beyond the working day, the opening hours or \
             max_visit_minutes): {}",
            thousands(long.len() as i64),
            if long.len() == 1 { "" } else { "s" },
            id_list(&long)
        );
    }
}

/// Tasks without a fact reason that still fit no visit, because the visit overhead plus
/// their minutes exceed the business's visit window (horizon hours ∩ open hours) or
/// `max_visit_minutes`. Plans leave them out as `capacity` (format rule C12 has no fact
/// reason for it); listing them here says so before any planning.
fn too_long<'a>(scn: &'a Scenario, facts: &[Option<Reason>]) -> Vec<&'a str> {
    scn.task_indices()
        .filter(|t| facts[t.index()].is_none())
        .filter(|&t| {
            let task = scn.task(t);
            let need = u64::from(scn.rules.visit_overhead_minutes) + u64::from(task.minutes);
            let window = scn
                .visit_window(task.business)
                .map_or(0, |w| u64::from(w.end.minutes() - w.start.minutes()));
            let max = scn.rules.max_visit_minutes.map_or(u64::MAX, u64::from);
            need > window.min(max)
        })
        .map(|t| scn.task(t).id.as_str())
        .collect()
}

/// Up to [`MAX_IDS`] ids, then how many more.
fn id_list(ids: &[&str]) -> String {
    let mut s = ids
        .iter()
        .take(MAX_IDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if ids.len() > MAX_IDS {
        let _ = write!(s, " and {} more", thousands((ids.len() - MAX_IDS) as i64));
    }
    s
}

/// Section 4: baseline, lower bound and best reduction over the schedulable tasks.
fn bounds(out: &mut String, ov: &Overview) {
    let (baseline, lower) = (ov.baseline, ov.lower_bound);
    let saved = baseline.saturating_sub(lower);
    let _ = writeln!(
        out,
        "\nBounds over the {} schedulable tasks",
        thousands(ov.schedulable as i64)
    );
    let mut t = Table::new(["figure", "visits", "note"])
        .right([1])
        .indent(2);
    t.row([
        "baseline (each department alone)".to_string(),
        thousands(baseline as i64),
        String::new(),
    ]);
    t.row([
        "lower bound (departments pooled)".to_string(),
        thousands(lower as i64),
        "no plan scheduling them all has fewer visits".to_string(),
    ]);
    t.row([
        "best possible saving".to_string(),
        thousands(saved as i64),
        format!("{} of the baseline", percent(saved as f64, baseline as f64)),
    ]);
    out.push_str(&t.render());
}

/// Section 5: demand against supply per department and working date.
fn demand(out: &mut String, scn: &Scenario, ov: &Overview) {
    let legend = [
        (
            "demand",
            "in officer-minutes: task minutes × officers needed (no overhead, no travel)"
                .to_string(),
        ),
        (
            "may",
            "tasks for which the date is valid (a task counts on each of its dates)".to_string(),
        ),
        (
            "must",
            "tasks whose only valid date it is; must min: their officer-minutes".to_string(),
        ),
        (
            "share min",
            "officer-minutes with every task spread evenly over its valid dates".to_string(),
        ),
        (
            "officers",
            "inspectors who may act for the department and work that day".to_string(),
        ),
        (
            "certified",
            "of them, holding an enforcement certificate".to_string(),
        ),
        (
            "officer min",
            format!("officers × {} min (the working day)", ov.day_minutes),
        ),
        ("load", "share min / officer min".to_string()),
        (
            "week",
            "tasks with any valid date, and the week's sums".to_string(),
        ),
        (
            "note",
            "an inspector acting for several departments counts in each; recusals ignored"
                .to_string(),
        ),
    ];
    let _ = writeln!(
        out,
        "\nDemand against supply per department and working date"
    );
    for (name, text) in legend {
        let _ = writeln!(out, "  {}  {text}", pad(name, 11, Align::Left));
    }
    let mut t = Table::new([
        "department",
        "date",
        "may",
        "must",
        "must min",
        "share min",
        "officers",
        "certified",
        "officer min",
        "load",
    ])
    .right(2..10)
    .indent(2);
    for (k, dd) in ov.demand.iter().enumerate() {
        let name = &scn.department(dd.department).name;
        for (date, c) in &dd.dates {
            t.row([
                name.clone(),
                date_label(*date),
                num(c.may),
                num(c.must),
                num(c.must_min),
                num(c.share_min.round() as u64),
                num(c.officers),
                num(c.certified),
                num(c.officer_min),
                percent(c.share_min, c.officer_min as f64),
            ]);
        }
        let w = &dd.week;
        t.row([
            name.clone(),
            "week".to_string(),
            num(w.may),
            num(w.must),
            num(w.must_min),
            num(w.share_min.round() as u64),
            String::new(),
            String::new(),
            num(w.officer_min),
            percent(w.share_min, w.officer_min as f64),
        ]);
        if k + 1 < ov.demand.len() {
            t.separator();
        }
    }
    out.push('\n');
    out.push_str(&t.render());
}

fn num(x: u64) -> String {
    thousands(i64::try_from(x).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_list_stops_at_ten() {
        let ids: Vec<String> = (1..=13).map(|i| format!("T{i:02}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            id_list(&refs),
            "T01 T02 T03 T04 T05 T06 T07 T08 T09 T10 and 3 more"
        );
        assert_eq!(id_list(&refs[..2]), "T01 T02");
        assert_eq!(id_list(&[]), "");
    }
}
