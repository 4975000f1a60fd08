//! **C12 honest reasons**: every `unscheduled` entry's `reason` is one of `no_valid_day`,
//! `no_officer`, `unreachable`, `capacity`, `time_limit`; a task with no valid date carries
//! `no_valid_day`; and the three fact reasons are true of the scenario (the checker's own
//! [`crate::Facts`]).
//! Entries naming unknown tasks are left to C1.

use super::{Ctx, Facts, Found, Rule};
use onedoor_core::plan::Reason;

/// Checks rule C12, asking `facts` whether each fact reason given is true.
pub(super) fn check(cx: &Ctx, facts: &Facts, found: &mut Found) {
    let scn = cx.scn;
    for u in &cx.plan.unscheduled {
        let Some(&t) = scn.index.tasks.get(&u.task) else {
            continue;
        };
        let Ok(reason) = u.reason.parse::<Reason>() else {
            let codes: Vec<&str> = Reason::ALL.iter().map(|r| r.code()).collect();
            found.add(
                Rule::C12,
                format!(
                    "{}: unknown reason {:?} (one of {})",
                    u.task,
                    u.reason,
                    codes.join(", ")
                ),
            );
            continue;
        };
        let no_day = scn.valid_dates(t).is_empty();
        if no_day {
            if reason != Reason::NoValidDay {
                found.add(
                    Rule::C12,
                    format!(
                        "{}: the task has no valid date, so its reason must be no_valid_day, \
                         not {reason}",
                        u.task
                    ),
                );
            }
            continue;
        }
        if !facts.holds(t, reason) {
            let why = match reason {
                Reason::NoValidDay => "the task has valid dates",
                Reason::NoOfficer => {
                    "on some valid date enough available, non-recused inspectors may act for \
                     its department"
                }
                Reason::Unreachable => {
                    "on some valid date an available, non-recused, able inspector's base has a \
                     path to the business"
                }
                Reason::Capacity | Reason::TimeLimit => "",
            };
            found.add(
                Rule::C12,
                format!("{}: reason {reason} is not true: {why}", u.task),
            );
        }
    }
}
