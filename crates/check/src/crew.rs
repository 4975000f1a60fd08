//! Rules about a visit's crew:
//!
//! - **C6 crew**: each crew entry's inspector exists and may act for the entry's
//!   department (its own department or one in `acts_for`); that department has a task in
//!   the visit; no inspector appears twice in one crew; for every department present, the
//!   crew entries for it number at least the largest `officers` among its tasks in the
//!   visit; at least `min_certified_per_visit` crew members are certified (each inspector
//!   counted once).
//! - **C7 availability**: no crew member is unavailable on the visit's date or recused
//!   from the visit's business.

use super::{Ctx, Found, Kind, Named, VisitRef};
use onedoor_core::ids::InspIdx;
use onedoor_core::scenario::Scenario;
use std::collections::HashMap;

/// Checks rules C6 and C7.
pub(super) fn check(cx: &Ctx, found: &mut Found) {
    for v in &cx.visits {
        entries(cx.scn, v, found);
        enough(cx.scn, v, found);
        availability(cx.scn, v, found);
    }
}

/// C6, entry by entry: the inspector exists and may act for a present department; no
/// inspector twice.
fn entries(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let id = &v.visit.id;
    for (entry, &(insp, dept)) in v.visit.crew.iter().zip(&v.crew) {
        let named = || crew_member(scn, &entry.inspector, insp);
        if insp.is_none() {
            found.add(Kind::NotAnInspector {
                visit: id.clone(),
                inspector: entry.inspector.clone(),
            });
        }
        let Some(d) = dept else {
            found.add(Kind::UnknownDepartment {
                visit: id.clone(),
                inspector: named(),
                department: entry.department.clone(),
            });
            continue;
        };
        if let Some(i) = insp.filter(|&i| !scn.inspector(i).may_act_for(d)) {
            found.add(Kind::MayNotActFor {
                visit: id.clone(),
                inspector: named(),
                home: Named::dept(scn, scn.inspector(i).department),
                department: Named::dept(scn, d),
            });
        }
        if !v.depts.contains(&d) {
            found.add(Kind::DepartmentWithoutTask {
                visit: id.clone(),
                inspector: named(),
                department: Named::dept(scn, d),
            });
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in &v.visit.crew {
        *seen.entry(c.inspector.as_str()).or_default() += 1;
    }
    let mut told = Vec::new();
    for (c, &(insp, _)) in v.visit.crew.iter().zip(&v.crew) {
        let n = seen.get(c.inspector.as_str()).copied().unwrap_or(0);
        if n > 1 && !told.contains(&c.inspector.as_str()) {
            told.push(c.inspector.as_str());
            found.add(Kind::RepeatedInspector {
                visit: id.clone(),
                inspector: crew_member(scn, &c.inspector, insp),
                count: n,
            });
        }
    }
}

/// C6, as a whole: officers per department and certified members.
fn enough(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let id = &v.visit.id;
    for &d in &v.depts {
        let need = v
            .tasks
            .iter()
            .filter(|&&t| scn.task(t).department == d)
            .map(|&t| scn.task(t).officers)
            .max()
            .unwrap_or(0) as usize;
        let have = v.crew.iter().filter(|(_, cd)| *cd == Some(d)).count();
        if have < need {
            found.add(Kind::TooFewOfficers {
                visit: id.clone(),
                department: Named::dept(scn, d),
                have,
                need,
            });
        }
    }
    let mut members: Vec<InspIdx> = v.crew.iter().filter_map(|(i, _)| *i).collect();
    members.sort();
    members.dedup();
    let certified = members
        .iter()
        .filter(|&&i| scn.inspector(i).certified)
        .count();
    let need = scn.rules.min_certified_per_visit as usize;
    if certified < need {
        found.add(Kind::TooFewCertified {
            visit: id.clone(),
            have: certified,
            need,
        });
    }
}

/// C7.
fn availability(scn: &Scenario, v: &VisitRef, found: &mut Found) {
    let id = &v.visit.id;
    let mut members: Vec<InspIdx> = Vec::new();
    for &(i, _) in &v.crew {
        if let Some(i) = i.filter(|i| !members.contains(i)) {
            members.push(i);
        }
    }
    for i in members {
        let insp = scn.inspector(i);
        if !insp.available_on(v.visit.date) {
            found.add(Kind::Unavailable {
                visit: id.clone(),
                inspector: Named::insp(scn, i),
                date: v.visit.date,
            });
        }
        if let Some(b) = v.business.filter(|b| insp.recuse.contains(b)) {
            found.add(Kind::Recused {
                visit: id.clone(),
                inspector: Named::insp(scn, i),
                business: Named::biz(scn, b),
            });
        }
    }
}

/// A crew entry's inspector as written, with the scenario's name when it is known.
fn crew_member(scn: &Scenario, written: &str, insp: Option<InspIdx>) -> Named {
    Named {
        id: written.to_owned(),
        name: insp.map(|i| scn.inspector(i).name.clone()),
    }
}
