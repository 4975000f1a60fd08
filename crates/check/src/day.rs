//! **C8 inspector day**: for each inspector and date, the visits they crew, ordered by
//! start, satisfy:
//!
//! - first start ≥ hours.start + travel(base, first business);
//! - each next start ≥ previous end + travel(previous business, next business) (so two
//!   visits of one inspector never overlap);
//! - last end + travel(last business, base) ≤ hours.end;
//! - their number ≤ `max_visits_per_day` if set.
//!
//! travel is the shortest path of the travel graph, by the checker's own search
//! ([`crate::Paths`]); a leg with no path is a violation.
//! Visits with the same start are taken by end, then in plan order. An inspector listed
//! twice in one crew (a C6 violation) enters that visit once here; visits at unknown
//! businesses are left to C1.

use super::{Ctx, Found, Kind, Leg, Named};
use chrono::NaiveDate;
use onedoor_core::ids::{InspIdx, NodeIdx};
use onedoor_core::scenario::time::Clock;
use std::collections::BTreeMap;

/// One visit in an inspector's day.
pub(crate) struct Stop<'a> {
    /// When the visit starts.
    pub start: Clock,
    /// When it ends.
    pub end: Clock,
    /// Its position in the plan.
    pub pos: usize,
    /// Its id.
    pub id: &'a str,
    /// Its business's travel node.
    pub node: NodeIdx,
}

/// The visits of each inspector on each date they crew one, each day in the order the
/// rule takes them (by start, then end, then plan order); by inspector, then date.
pub(crate) type Days<'a> = BTreeMap<(InspIdx, NaiveDate), Vec<Stop<'a>>>;

/// Every inspector's days in `cx`'s plan. An inspector listed twice in one crew enters
/// that visit once; visits at unknown businesses are left out (C1 reports them).
pub(crate) fn days<'a>(cx: &Ctx<'a>) -> Days<'a> {
    let mut days = Days::new();
    for (pos, v) in cx.visits.iter().enumerate() {
        let Some(b) = v.business else { continue };
        for &(i, _) in &v.crew {
            let Some(i) = i else { continue };
            let day = days.entry((i, v.visit.date)).or_default();
            if !day.iter().any(|s| s.pos == pos) {
                day.push(Stop {
                    start: v.visit.start,
                    end: v.visit.end,
                    pos,
                    id: &v.visit.id,
                    node: cx.scn.node_of_business(b),
                });
            }
        }
    }
    for stops in days.values_mut() {
        stops.sort_by_key(|s| (s.start, s.end, s.pos));
    }
    days
}

/// Checks rule C8 on the inspectors' `days`.
pub(super) fn check(cx: &Ctx, days: &Days, found: &mut Found) {
    let scn = cx.scn;
    let hours = scn.horizon.hours;
    for (&(i, date), stops) in days {
        let insp = scn.inspector(i);
        let who = || Named::insp(scn, i);
        let travel = |a: NodeIdx, b: NodeIdx| cx.paths.minutes(a, b);
        let mut at = insp.base;
        let mut free = hours.start;
        let mut prev: Option<&str> = None;
        for s in stops {
            let from = match prev {
                None => Leg::Base(scn.node_id(insp.base).to_owned()),
                Some(p) => Leg::Visit(p.to_owned(), scn.node_id(at).to_owned()),
            };
            match travel(at, s.node) {
                None => found.add(Kind::NoPath {
                    inspector: who(),
                    date,
                    from,
                    visit: s.id.to_owned(),
                    node: scn.node_id(s.node).to_owned(),
                }),
                Some(m) => {
                    let ready = Clock(free.minutes().saturating_add(m));
                    if s.start < ready {
                        found.add(Kind::TooEarly {
                            inspector: who(),
                            date,
                            visit: s.id.to_owned(),
                            start: s.start,
                            previous: prev.map(str::to_owned),
                            free,
                            from,
                            minutes: m,
                            ready,
                        });
                    }
                }
            }
            at = s.node;
            free = s.end;
            prev = Some(s.id);
        }
        if let Some(last) = prev {
            match travel(at, insp.base) {
                None => found.add(Kind::NoPathBack {
                    inspector: who(),
                    date,
                    visit: last.to_owned(),
                    node: scn.node_id(at).to_owned(),
                    base: scn.node_id(insp.base).to_owned(),
                }),
                Some(m) => {
                    let back = Clock(free.minutes().saturating_add(m));
                    if back > hours.end {
                        found.add(Kind::BackTooLate {
                            inspector: who(),
                            date,
                            visit: last.to_owned(),
                            end: free,
                            base: scn.node_id(insp.base).to_owned(),
                            minutes: m,
                            back,
                            day_end: hours.end,
                        });
                    }
                }
            }
        }
        if let Some(max) = insp.max_visits_per_day {
            if stops.len() > max as usize {
                found.add(Kind::TooManyVisitsPerDay {
                    inspector: who(),
                    date,
                    visits: stops.iter().map(|s| s.id.to_owned()).collect(),
                    max,
                });
            }
        }
    }
}
