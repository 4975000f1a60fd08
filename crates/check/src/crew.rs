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

use super::{Ctx, Found, Rule, VisitRef};
use onedoor_core::ids::InspIdx;
use onedoor_core::scenario::time::fmt_date;
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
        let name = &entry.inspector;
        if insp.is_none() {
            found.add(
                Rule::C6,
                format!("{id}: crew member {name} is not an inspector of the scenario"),
            );
        }
        let Some(d) = dept else {
            found.add(
                Rule::C6,
                format!(
                    "{id}: inspector {name} acts for unknown department {}",
                    entry.department
                ),
            );
            continue;
        };
        if let Some(i) = insp.filter(|&i| !scn.inspector(i).may_act_for(d)) {
            found.add(
                Rule::C6,
                format!(
                    "{id}: inspector {name} of {} may not act for {}",
                    scn.department(scn.inspector(i).department).id,
                    entry.department
                ),
            );
        }
        if !v.depts.contains(&d) {
            found.add(
                Rule::C6,
                format!(
                    "{id}: inspector {name} acts for {}, which has no task in the visit",
                    entry.department
                ),
            );
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in &v.visit.crew {
        *seen.entry(c.inspector.as_str()).or_default() += 1;
    }
    let mut told = Vec::new();
    for c in &v.visit.crew {
        let n = seen.get(c.inspector.as_str()).copied().unwrap_or(0);
        if n > 1 && !told.contains(&c.inspector.as_str()) {
            told.push(c.inspector.as_str());
            found.add(
                Rule::C6,
                format!(
                    "{id}: inspector {} appears {n} times in the crew",
                    c.inspector
                ),
            );
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
            found.add(
                Rule::C6,
                format!(
                    "{id}: {have} crew member(s) act for {}, its tasks need {need}",
                    scn.department(d).id
                ),
            );
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
        found.add(
            Rule::C6,
            format!("{id}: {certified} certified crew member(s), every visit needs {need}"),
        );
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
            found.add(
                Rule::C7,
                format!(
                    "{id}: inspector {} is unavailable on {}",
                    insp.id,
                    fmt_date(v.visit.date)
                ),
            );
        }
        if let Some(b) = v.business.filter(|b| insp.recuse.contains(b)) {
            found.add(
                Rule::C7,
                format!(
                    "{id}: inspector {} is recused from business {}",
                    insp.id,
                    scn.business(b).id
                ),
            );
        }
    }
}
