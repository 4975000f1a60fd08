//! Rules about one visit on its own, and about a business's visits:
//!
//! - **C2 one business**: all tasks of a visit belong to the visit's business.
//! - **C3 date**: the visit's date is a valid date (docs/format.md, "Valid dates") for every task in it.
//! - **C4 hours**: start < end; the visit lies inside the horizon hours and the business's
//!   open hours (a visit may end exactly at closing); a pinned task with a `start` is in a
//!   visit starting exactly then.
//! - **C5 duration**: end − start ≥ overhead + the largest, over the departments present,
//!   of the summed minutes of that department's tasks; and ≤ `max_visit_minutes` if set.
//! - **C9 business limit**: a business has at most `max_visits` visits.
//! - **C10 alone**: a visit holding a non-joinable task holds no other task.
//! - **C11 compatible**: no visit holds tasks of two incompatible departments, nor more
//!   departments than `max_departments_per_visit`.

use super::{Ctx, Found, Rule, VisitRef};
use chrono::{Datelike, NaiveDate};
use onedoor_core::ids::TaskIdx;
use onedoor_core::scenario::time::{fmt_date, weekday_name};
use onedoor_core::scenario::Scenario;

/// Checks rules C2, C3, C4, C5, C9, C10 and C11.
pub(super) fn check(cx: &Ctx, found: &mut Found) {
    for v in &cx.visits {
        one_business(cx.scn, v, found);
        date(cx.scn, v, found);
        hours(cx.scn, v, found);
        duration(cx.scn, v, found);
        alone(cx.scn, v, found);
        compatible(cx.scn, v, found);
    }
    business_limit(cx, found);
}

/// C2.
fn one_business(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let Some(b) = v.business else { return };
    for &t in &v.tasks {
        let task = scn.task(t);
        if task.business != b {
            found.add(
                Rule::C2,
                format!(
                    "{}: task {} belongs to business {}, not {}",
                    v.visit.id,
                    task.id,
                    scn.business(task.business).id,
                    v.visit.business
                ),
            );
        }
    }
}

/// Why `date` is not a valid date for task `t` (None when it is valid).
fn why_not_valid(scn: &Scenario, t: TaskIdx, date: NaiveDate) -> Option<String> {
    let task = scn.task(t);
    let h = &scn.horizon;
    let biz = scn.business(task.business);
    let day = weekday_name(date.weekday());
    let why = if date < h.start || date > h.end {
        format!(
            "outside the horizon {} to {}",
            fmt_date(h.start),
            fmt_date(h.end)
        )
    } else if !h.workdays.contains(date.weekday()) {
        format!("{day} is not a workday")
    } else if h.holidays.contains(&date) {
        "a holiday".to_owned()
    } else if !biz.open_days.contains(date.weekday()) {
        format!("business {} is not open on {day}", biz.id)
    } else if biz.closed.contains(&date) {
        format!("business {} is closed that date", biz.id)
    } else if date < task.earliest {
        format!("before the task's earliest {}", fmt_date(task.earliest))
    } else if date > task.latest {
        format!("after the task's latest {}", fmt_date(task.latest))
    } else if let Some(p) = task.pinned.filter(|p| p.date != date) {
        format!("the task is pinned to {}", fmt_date(p.date))
    } else {
        return None;
    };
    Some(why)
}

/// C3.
fn date(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    for &t in &v.tasks {
        if scn.valid_date(t, v.visit.date) {
            continue;
        }
        let why = why_not_valid(scn, t, v.visit.date).unwrap_or_else(|| "not valid".into());
        found.add(
            Rule::C3,
            format!(
                "{}: {} is not a valid date for task {} ({why})",
                v.visit.id,
                fmt_date(v.visit.date),
                scn.task(t).id
            ),
        );
    }
}

/// C4.
fn hours(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let (id, start, end) = (&v.visit.id, v.visit.start, v.visit.end);
    if start >= end {
        found.add(
            Rule::C4,
            format!("{id}: start {start} is not before end {end}"),
        );
    }
    let h = scn.horizon.hours;
    if !h.contains(start, end) {
        found.add(
            Rule::C4,
            format!(
                "{id}: {start}–{end} is outside the working day {}–{}",
                h.start, h.end
            ),
        );
    }
    if let Some(b) = v.business {
        let o = scn.business(b).open_hours;
        if !o.contains(start, end) {
            found.add(
                Rule::C4,
                format!(
                    "{id}: {start}–{end} is outside the opening hours {}–{} of business {}",
                    o.start,
                    o.end,
                    scn.business(b).id
                ),
            );
        }
    }
    for &t in &v.tasks {
        let task = scn.task(t);
        if let Some(at) = task.pinned.and_then(|p| p.start) {
            if at != start {
                found.add(
                    Rule::C4,
                    format!(
                        "{id}: task {} is pinned to start at {at}, the visit starts at {start}",
                        task.id
                    ),
                );
            }
        }
    }
}

/// C5.
fn duration(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let id = &v.visit.id;
    let length = i64::from(v.visit.end.minutes()) - i64::from(v.visit.start.minutes());
    let mut work = 0u64;
    let mut widest = None;
    for &d in &v.depts {
        let sum: u64 = v
            .tasks
            .iter()
            .filter(|&&t| scn.task(t).department == d)
            .map(|&t| u64::from(scn.task(t).minutes))
            .sum();
        if sum > work || widest.is_none() {
            work = sum;
            widest = Some(d);
        }
    }
    let overhead = u64::from(scn.rules.visit_overhead_minutes);
    let need = overhead + work;
    if length < need as i64 {
        let of = widest
            .map(|d| format!(" + {work} of {}", scn.department(d).id))
            .unwrap_or_default();
        found.add(
            Rule::C5,
            format!("{id}: lasts {length} min, needs {need} ({overhead} overhead{of})"),
        );
    }
    if let Some(max) = scn.rules.max_visit_minutes {
        if length > i64::from(max) {
            found.add(
                Rule::C5,
                format!("{id}: lasts {length} min, more than the longest allowed {max}"),
            );
        }
    }
}

/// C10.
fn alone(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    if v.visit.tasks.len() < 2 {
        return;
    }
    for &t in &v.tasks {
        let task = scn.task(t);
        if !task.joinable {
            let others: Vec<&str> = v
                .visit
                .tasks
                .iter()
                .filter(|o| **o != task.id)
                .map(String::as_str)
                .collect();
            let others = if others.is_empty() {
                "itself again".to_owned()
            } else {
                others.join(", ")
            };
            found.add(
                Rule::C10,
                format!(
                    "{}: task {} is not joinable but shares the visit with {others}",
                    v.visit.id, task.id
                ),
            );
        }
    }
}

/// C11.
fn compatible(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    for (i, &a) in v.depts.iter().enumerate() {
        for &b in &v.depts[i + 1..] {
            if !scn.rules.compatible(a, b) {
                found.add(
                    Rule::C11,
                    format!(
                        "{}: departments {} and {} are incompatible",
                        v.visit.id,
                        scn.department(a).id,
                        scn.department(b).id
                    ),
                );
            }
        }
    }
    if let Some(max) = scn.rules.max_departments_per_visit {
        if v.depts.len() > max as usize {
            found.add(
                Rule::C11,
                format!(
                    "{}: {} departments, more than the allowed {max}",
                    v.visit.id,
                    v.depts.len()
                ),
            );
        }
    }
}

/// C9.
fn business_limit(cx: &Ctx, found: &mut Found) {
    let scn = cx.scn;
    let mut at: Vec<Vec<&str>> = vec![Vec::new(); scn.businesses.len()];
    for v in &cx.visits {
        if let Some(b) = v.business {
            at[b.index()].push(&v.visit.id);
        }
    }
    for (biz, visits) in scn.businesses.iter().zip(&at) {
        if let Some(max) = biz.max_visits {
            if visits.len() > max as usize {
                found.add(
                    Rule::C9,
                    format!(
                        "business {}: {} visits ({}), more than its limit {max}",
                        biz.id,
                        visits.len(),
                        visits.join(", ")
                    ),
                );
            }
        }
    }
}
