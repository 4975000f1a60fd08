//! **C12 honest reasons**: every `unscheduled` entry's `reason` is one of `no_valid_day`,
//! `no_officer`, `unreachable`, `capacity`, `time_limit`; a task with no valid date carries
//! `no_valid_day`; and the three fact reasons are true of the scenario (the checker's own
//! [`crate::Facts`]).
//! Entries naming unknown tasks are left to C1.

use super::{Ctx, Facts, Found, Kind};
use onedoor_core::plan::Reason;

/// Checks rule C12, asking `facts` whether each fact reason given is true.
pub(super) fn check(cx: &Ctx, facts: &Facts, found: &mut Found) {
    let scn = cx.scn;
    for u in &cx.plan.unscheduled {
        let Some(&t) = scn.index.tasks.get(&u.task) else {
            continue;
        };
        let Ok(reason) = u.reason.parse::<Reason>() else {
            found.add(Kind::UnknownReason {
                task: u.task.clone(),
                reason: u.reason.clone(),
            });
            continue;
        };
        let no_day = scn.valid_dates(t).is_empty();
        if no_day {
            if reason != Reason::NoValidDay {
                found.add(Kind::MustBeNoValidDay {
                    task: u.task.clone(),
                    reason,
                });
            }
            continue;
        }
        if !facts.holds(t, reason) {
            found.add(Kind::UntrueReason {
                task: u.task.clone(),
                reason,
            });
        }
    }
}
