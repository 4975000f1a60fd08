//! Visit splitting: which tasks may share one visit, and how the tasks given to one
//! business on one date are split into visits.
//!
//! Tasks share a visit when every rule of a single visit allows it: all joinable, their
//! departments pairwise compatible, no more departments than the rule allows, the visit no
//! longer than `max_visit_minutes` nor than the business's opening window, and at most
//! one pinned start time.

use crate::context::Context;
use crate::ids::{BizIdx, TaskIdx};

/// Whether `tasks` (all at one business) may form one visit.
pub fn fits(ctx: &Context, b: BizIdx, tasks: &[TaskIdx]) -> bool {
    let scn = ctx.scn;
    let Some(window) = ctx.window[b.index()] else {
        return false;
    };
    if tasks.len() > 1 && tasks.iter().any(|&t| !scn.task(t).joinable) {
        return false;
    }
    let roles = ctx.roles(tasks);
    if let Some(max) = scn.rules.max_departments_per_visit {
        if roles.len() > max as usize {
            return false;
        }
    }
    for (i, (a, _)) in roles.iter().enumerate() {
        for (c, _) in &roles[i + 1..] {
            if !scn.rules.compatible(*a, *c) {
                return false;
            }
        }
    }
    let duration = ctx.duration(tasks);
    if scn.rules.max_visit_minutes.is_some_and(|m| duration > m) {
        return false;
    }
    let mut pinned_start = None;
    for &t in tasks {
        if let Some(s) = scn.task(t).pinned.and_then(|p| p.start) {
            if pinned_start.is_some_and(|p| p != s) {
                return false;
            }
            pinned_start = Some(s);
        }
    }
    let earliest = pinned_start.map_or(window.start.0, |s| s.0);
    earliest >= window.start.0 && earliest + duration <= window.end.0
}

/// Splits the tasks given to business `b` on one date into visits: each non-joinable
/// task alone, the rest first-fit (highest priority, then longest, first). Tasks that fit
/// no visit even alone are returned separately.
pub fn into_visits(
    ctx: &Context,
    b: BizIdx,
    mut tasks: Vec<TaskIdx>,
) -> (Vec<Vec<TaskIdx>>, Vec<TaskIdx>) {
    let scn = ctx.scn;
    tasks.sort_by_key(|&t| {
        let task = scn.task(t);
        (
            std::cmp::Reverse(task.priority),
            std::cmp::Reverse(task.minutes),
            t,
        )
    });
    let mut groups: Vec<Vec<TaskIdx>> = Vec::new();
    let mut misfits = Vec::new();
    for t in tasks {
        if !fits(ctx, b, &[t]) {
            misfits.push(t);
            continue;
        }
        if !scn.task(t).joinable {
            groups.push(vec![t]);
            continue;
        }
        let slot = groups.iter().position(|g| {
            let mut grown = g.clone();
            grown.push(t);
            grown.len() > 1 && fits(ctx, b, &grown)
        });
        match slot {
            Some(i) => groups[i].push(t),
            None => groups.push(vec![t]),
        }
    }
    (groups, misfits)
}

#[cfg(test)]
mod tests {
    //! `fits` rule by rule, on a one-day week at one business (open 09:00–12:00, visit
    //! overhead 10 minutes), and `into_visits` on the groups it makes.

    use super::{fits, into_visits};
    use crate::context::Context;
    use crate::ids::{BizIdx, TaskIdx};
    use onedoor_core::travel::TravelGraph;
    use onedoor_core::Scenario;
    use serde_json::{json, Value};

    /// The week: business B1 (index 0) open 09:00–12:00; B2 (index 1) open all day;
    /// `tasks` as given, then `patch` applied to the whole file.
    fn week(tasks: Value, patch: impl FnOnce(&mut Value)) -> Scenario {
        let mut v = json!({
            "name": "split",
            "horizon": {"start": "2022-09-12", "end": "2022-09-12",
                        "hours": {"start": "08:00", "end": "17:00"}},
            "rules": {"visit_overhead_minutes": 10},
            "places": [{"id": "hall", "location": {"x": 0.0, "y": 0.0}}],
            "departments": [{"id": "fire"}, {"id": "market"}, {"id": "health"}],
            "inspectors": [{"id": "F1", "department": "fire", "base": "hall"}],
            "businesses": [
                {"id": "B1", "location": {"x": 1.0, "y": 0.0},
                 "open": {"hours": {"start": "09:00", "end": "12:00"}}},
                {"id": "B2", "location": {"x": 2.0, "y": 0.0}}
            ],
            "tasks": tasks,
        });
        patch(&mut v);
        onedoor_core::parse_scenario(&v.to_string(), "split.json").expect("the test week loads")
    }

    fn task(id: &str, dept: &str, minutes: u32) -> Value {
        json!({"id": id, "department": dept, "business": "B1", "minutes": minutes})
    }

    /// `fits` of the tasks at positions `at` in business B1.
    fn fits_at(scn: &Scenario, at: &[usize]) -> bool {
        let travel = TravelGraph::build(scn);
        let ctx = Context::new(scn, &travel);
        let tasks: Vec<TaskIdx> = at.iter().map(|&i| TaskIdx::new(i)).collect();
        fits(&ctx, BizIdx::new(0), &tasks)
    }

    #[test]
    fn tasks_of_compatible_departments_share_a_visit() {
        let scn = week(
            json!([
                task("T1", "fire", 30),
                task("T2", "market", 30),
                task("T3", "fire", 20)
            ]),
            |_| {},
        );
        assert!(fits_at(&scn, &[0]));
        assert!(fits_at(&scn, &[0, 1, 2]));
    }

    #[test]
    fn a_task_that_is_not_joinable_goes_alone() {
        let mut alone = task("T2", "market", 30);
        alone["joinable"] = json!(false);
        let scn = week(json!([task("T1", "fire", 30), alone]), |_| {});
        assert!(fits_at(&scn, &[1]), "alone it fits");
        assert!(!fits_at(&scn, &[0, 1]));
        assert!(!fits_at(&scn, &[1, 0]));
    }

    #[test]
    fn incompatible_departments_never_share() {
        let tasks = json!([
            task("T1", "fire", 30),
            task("T2", "health", 30),
            task("T3", "market", 30)
        ]);
        let scn = week(tasks, |v| {
            v["rules"]["incompatible"] = json!([["health", "fire"]]);
        });
        assert!(!fits_at(&scn, &[0, 1]));
        assert!(!fits_at(&scn, &[2, 1, 0]), "one bad pair among three");
        assert!(fits_at(&scn, &[0, 2]));
        assert!(fits_at(&scn, &[1, 2]));
    }

    #[test]
    fn no_more_departments_than_the_rule_allows() {
        let tasks = json!([
            task("T1", "fire", 10),
            task("T2", "market", 10),
            task("T3", "health", 10),
            task("T4", "fire", 10)
        ]);
        let scn = week(tasks, |v| {
            v["rules"]["max_departments_per_visit"] = json!(2)
        });
        assert!(fits_at(&scn, &[0, 1, 3]), "two departments, three tasks");
        assert!(!fits_at(&scn, &[0, 1, 2]));
    }

    #[test]
    fn the_visit_is_no_longer_than_max_visit_minutes() {
        // Duration: overhead 10 + the longest department's summed minutes.
        let tasks = json!([
            task("T1", "fire", 50),
            task("T2", "fire", 40),
            task("T3", "market", 80)
        ]);
        let scn = week(tasks, |v| v["rules"]["max_visit_minutes"] = json!(100));
        assert!(fits_at(&scn, &[0, 1]), "10 + 90 = 100 minutes is allowed");
        assert!(
            fits_at(&scn, &[0, 2]),
            "departments work side by side: 10 + 80"
        );
        let scn = week(
            json!([task("T1", "fire", 50), task("T2", "fire", 41)]),
            |v| v["rules"]["max_visit_minutes"] = json!(100),
        );
        assert!(!fits_at(&scn, &[0, 1]), "10 + 91 minutes");
        assert!(fits_at(&scn, &[0]));
    }

    #[test]
    fn the_visit_fits_the_opening_window() {
        // B1 is open 180 minutes.
        let scn = week(
            json!([task("T1", "fire", 170), task("T2", "fire", 1)]),
            |_| {},
        );
        assert!(
            fits_at(&scn, &[0]),
            "10 + 170 = 180 minutes, ending at closing time"
        );
        assert!(!fits_at(&scn, &[0, 1]), "181 minutes");
    }

    #[test]
    fn at_most_one_pinned_start_and_it_lies_in_the_window() {
        let pinned = |id: &str, start: &str, minutes: u32| {
            let mut t = task(id, "fire", minutes);
            t["pinned"] = json!({"date": "2022-09-12", "start": start});
            t
        };
        let tasks = json!([
            pinned("T1", "10:00", 30),
            pinned("T2", "10:00", 30),
            pinned("T3", "10:30", 30),
            task("T4", "market", 30),
            pinned("T5", "08:30", 30),
            pinned("T6", "11:30", 30)
        ]);
        let scn = week(tasks, |_| {});
        assert!(fits_at(&scn, &[0, 1]), "the same pinned start");
        assert!(fits_at(&scn, &[0, 3]), "one pinned, one free");
        assert!(!fits_at(&scn, &[0, 2]), "two different pinned starts");
        assert!(!fits_at(&scn, &[4]), "pinned before opening");
        assert!(!fits_at(&scn, &[5]), "11:30 + 40 minutes ends after 12:00");
        assert!(
            fits_at(&scn, &[3]),
            "control: a free task of the same length fits"
        );
    }

    #[test]
    fn a_business_with_no_visit_window_fits_nothing() {
        // Open only before the working day starts.
        let scn = week(json!([task("T1", "fire", 10)]), |v| {
            v["businesses"][0]["open"]["hours"] = json!({"start": "06:00", "end": "07:30"});
        });
        assert!(!fits_at(&scn, &[0]));
    }

    #[test]
    fn into_visits_puts_misfits_apart_and_lonely_tasks_alone() {
        let mut alone = task("T3", "market", 10);
        alone["joinable"] = json!(false);
        let tasks = json!([
            task("T1", "fire", 60),
            task("T2", "market", 60),
            alone,
            task("T4", "fire", 200),
            task("T5", "fire", 100),
        ]);
        let scn = week(tasks, |_| {});
        let travel = TravelGraph::build(&scn);
        let ctx = Context::new(&scn, &travel);
        let all: Vec<TaskIdx> = (0..5).map(TaskIdx::new).collect();
        let (groups, misfits) = into_visits(&ctx, BizIdx::new(0), all);
        assert_eq!(
            misfits,
            vec![TaskIdx::new(3)],
            "200 minutes never fit 09:00–12:00"
        );
        assert!(groups.contains(&vec![TaskIdx::new(2)]), "{groups:?}");
        let placed: usize = groups.iter().map(Vec::len).sum();
        assert_eq!(placed, 4, "{groups:?}");
        for g in &groups {
            assert!(fits(&ctx, BizIdx::new(0), g), "{g:?}");
        }
        // T5 and T1 (fire, 100 + 60) with T2 (market, 60 beside them) last 10 + 160 = 170
        // minutes: one visit holds all three; the task that is not joinable is the second.
        assert_eq!(groups.len(), 2, "{groups:?}");
    }
}
