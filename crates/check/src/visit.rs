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

use super::{Ctx, DateWhy, Found, Kind, Named, VisitRef};
use chrono::{Datelike, NaiveDate};
use onedoor_core::ids::TaskIdx;
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
            found.add(Kind::WrongBusiness {
                visit: v.visit.id.clone(),
                task: task.id.clone(),
                owner: Named::biz(scn, task.business),
                business: Named::biz(scn, b),
            });
        }
    }
}

/// Why `date` is not a valid date for task `t` (None when it is valid).
fn why_not_valid(scn: &Scenario, t: TaskIdx, date: NaiveDate) -> Option<DateWhy> {
    let task = scn.task(t);
    let h = &scn.horizon;
    let biz = || Named::biz(scn, task.business);
    let why = if date < h.start || date > h.end {
        DateWhy::OutsideHorizon {
            start: h.start,
            end: h.end,
        }
    } else if !h.workdays.contains(date.weekday()) {
        DateWhy::NotWorkday { date }
    } else if h.holidays.contains(&date) {
        DateWhy::Holiday
    } else if !scn
        .business(task.business)
        .open_days
        .contains(date.weekday())
    {
        DateWhy::NotOpen {
            business: biz(),
            date,
        }
    } else if scn.business(task.business).closed.contains(&date) {
        DateWhy::Closed { business: biz() }
    } else if date < task.earliest {
        DateWhy::BeforeEarliest {
            earliest: task.earliest,
        }
    } else if date > task.latest {
        DateWhy::AfterLatest {
            latest: task.latest,
        }
    } else if let Some(p) = task.pinned.filter(|p| p.date != date) {
        DateWhy::PinnedTo { date: p.date }
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
        found.add(Kind::InvalidDate {
            visit: v.visit.id.clone(),
            date: v.visit.date,
            task: scn.task(t).id.clone(),
            why: why_not_valid(scn, t, v.visit.date).unwrap_or(DateWhy::Other),
        });
    }
}

/// C4.
fn hours(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let (id, start, end) = (&v.visit.id, v.visit.start, v.visit.end);
    if start >= end {
        found.add(Kind::StartNotBeforeEnd {
            visit: id.clone(),
            start,
            end,
        });
    }
    let h = scn.horizon.hours;
    if !h.contains(start, end) {
        found.add(Kind::OutsideWorkingDay {
            visit: id.clone(),
            start,
            end,
            day_start: h.start,
            day_end: h.end,
        });
    }
    if let Some(b) = v.business {
        let o = scn.business(b).open_hours;
        if !o.contains(start, end) {
            found.add(Kind::OutsideOpeningHours {
                visit: id.clone(),
                start,
                end,
                open: o.start,
                close: o.end,
                business: Named::biz(scn, b),
            });
        }
    }
    for &t in &v.tasks {
        let task = scn.task(t);
        if let Some(at) = task.pinned.and_then(|p| p.start) {
            if at != start {
                found.add(Kind::PinnedStart {
                    visit: id.clone(),
                    task: task.id.clone(),
                    at,
                    start,
                });
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
        found.add(Kind::TooShort {
            visit: id.clone(),
            length,
            need,
            overhead,
            widest: widest.map(|d| (Named::dept(scn, d), work)),
        });
    }
    if let Some(max) = scn.rules.max_visit_minutes {
        if length > i64::from(max) {
            found.add(Kind::TooLong {
                visit: id.clone(),
                length,
                max,
            });
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
            found.add(Kind::NotJoinable {
                visit: v.visit.id.clone(),
                task: task.id.clone(),
                others: v
                    .visit
                    .tasks
                    .iter()
                    .filter(|o| **o != task.id)
                    .cloned()
                    .collect(),
            });
        }
    }
}

/// C11.
fn compatible(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    for (i, &a) in v.depts.iter().enumerate() {
        for &b in &v.depts[i + 1..] {
            if !scn.rules.compatible(a, b) {
                found.add(Kind::Incompatible {
                    visit: v.visit.id.clone(),
                    a: Named::dept(scn, a),
                    b: Named::dept(scn, b),
                });
            }
        }
    }
    if let Some(max) = scn.rules.max_departments_per_visit {
        if v.depts.len() > max as usize {
            found.add(Kind::TooManyDepartments {
                visit: v.visit.id.clone(),
                count: v.depts.len(),
                max,
            });
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
    for (pos, (biz, visits)) in scn.businesses.iter().zip(&at).enumerate() {
        if let Some(max) = biz.max_visits {
            if visits.len() > max as usize {
                found.add(Kind::BusinessOverLimit {
                    business: Named::biz(scn, onedoor_core::ids::BizIdx::new(pos)),
                    visits: visits.iter().map(|&v| v.to_owned()).collect(),
                    max,
                });
            }
        }
    }
}
