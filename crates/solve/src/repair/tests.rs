//! The repair moves on small weeks written by hand: joining, placing, merging, ejecting
//! and putting back, each with nothing locked, with a lower date bound and with a locked
//! visit. Every plan built here passes the checker.

use super::Scope;
use crate::assemble;
use crate::budget::{CancelToken, Deadline, Work};
use crate::context::{Context, DatePos};
use crate::crews::{DatePlan, Placed};
use crate::ids::TaskIdx;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use std::time::{Duration, Instant};

/// Two working dates (Monday, Tuesday); fire inspectors F1 and F2 (F2 recused from B1,
/// and only on Monday), market inspector M1; B1 and B2 one kilometre from the office.
/// Tasks: T1 (fire) and T2 (market) at B1 on either date; T3 (fire) at B2 on either date;
/// T4 (fire, priority 5) at B1 on Monday only; T5 (market) at B1 on Tuesday only.
const WEEK: &str = r#"{
  "version": 1,
  "name": "repair moves",
  "horizon": {"start": "2022-09-12", "end": "2022-09-13", "workdays": ["mon", "tue"],
              "holidays": [], "hours": {"start": "08:00", "end": "17:00"}},
  "rules": {"min_certified_per_visit": 1, "visit_overhead_minutes": 10,
            "max_visit_minutes": null, "max_departments_per_visit": null, "incompatible": []},
  "travel": {"speed_kmh": 30, "detour": 1.0, "links": []},
  "places": [{"id": "office", "name": "office", "location": {"x": 0.0, "y": 0.0}}],
  "departments": [{"id": "fire", "name": "fire"}, {"id": "market", "name": "market"}],
  "inspectors": [
    {"id": "F1", "name": "F1", "department": "fire", "base": "office", "max_visits_per_day": 1},
    {"id": "F2", "name": "F2", "department": "fire", "base": "office", "recuse": ["B1"],
     "unavailable": ["2022-09-13"]},
    {"id": "M1", "name": "M1", "department": "market", "base": "office"}
  ],
  "businesses": [
    {"id": "B1", "name": "B1", "location": {"x": 1.0, "y": 0.0}},
    {"id": "B2", "name": "B2", "location": {"x": 0.0, "y": 1.0}}
  ],
  "tasks": [
    {"id": "T1", "department": "fire", "business": "B1", "minutes": 30},
    {"id": "T2", "department": "market", "business": "B1", "minutes": 30},
    {"id": "T3", "department": "fire", "business": "B2", "minutes": 30},
    {"id": "T4", "department": "fire", "business": "B1", "minutes": 30, "priority": 5,
     "earliest": "2022-09-12", "latest": "2022-09-12"},
    {"id": "T5", "department": "market", "business": "B1", "minutes": 30,
     "earliest": "2022-09-13", "latest": "2022-09-13"}
  ]
}"#;

fn week() -> (Scenario, TravelGraph) {
    let scn = onedoor_core::parse_scenario(WEEK, "week.json").expect("the test week loads");
    let travel = TravelGraph::build(&scn);
    (scn, travel)
}

fn task(ctx: &Context, id: &str) -> TaskIdx {
    ctx.scn.index.tasks[id]
}

fn empty(ctx: &Context) -> Vec<DatePlan> {
    (0..ctx.dates.len())
        .map(|d| DatePlan::new(ctx, d, &Work::default()))
        .collect()
}

fn later() -> Deadline<'static> {
    // A token nobody cancels, alive for the whole test run.
    let token: &'static CancelToken = Box::leak(Box::new(CancelToken::new()));
    Deadline::new(Instant::now() + Duration::from_secs(60), token)
}

/// Puts a visit of `tasks` on date `d` at `start` (minutes) crewed by `crew`
/// (inspector ids, each acting for their own department), exactly as given.
fn put(
    ctx: &Context,
    dates: &mut [DatePlan],
    d: DatePos,
    tasks: &[&str],
    start: u32,
    crew: &[&str],
) -> usize {
    let idx = &ctx.scn.index;
    let tasks: Vec<TaskIdx> = tasks.iter().map(|t| task(ctx, t)).collect();
    let crew = crew
        .iter()
        .map(|i| {
            let insp = idx.inspectors[*i];
            (insp, ctx.scn.inspector(insp).department)
        })
        .collect();
    let placed = Placed {
        business: ctx.scn.task(tasks[0]).business,
        date: d,
        start,
        end: start + ctx.duration(&tasks),
        tasks,
        crew,
    };
    dates[d].keep(ctx, placed)
}

/// Every visit as (date position, start, task ids sorted, crew ids sorted), in order.
fn visits(ctx: &Context, dates: &[DatePlan]) -> Vec<(DatePos, u32, Vec<String>, Vec<String>)> {
    let mut out: Vec<_> = dates
        .iter()
        .flat_map(|d| d.visits().map(|(_, v)| v))
        .map(|v| {
            let mut tasks: Vec<String> = v
                .tasks
                .iter()
                .map(|&t| ctx.scn.task(t).id.clone())
                .collect();
            tasks.sort();
            let mut crew: Vec<String> = v
                .crew
                .iter()
                .map(|(i, _)| ctx.scn.inspector(*i).id.clone())
                .collect();
            crew.sort();
            (v.date, v.start, tasks, crew)
        })
        .collect();
    out.sort();
    out
}

/// Assembles the dates into a plan and asserts the checker finds nothing wrong.
fn assert_valid(ctx: &Context, dates: &[DatePlan], left: &[TaskIdx]) {
    let (plan, _) = assemble::build(ctx, dates, left, false);
    let report = onedoor_check::check(ctx.scn, &plan);
    assert!(report.is_valid(), "{:?}", report.violations);
}

const NINE: u32 = 9 * 60;

#[test]
fn a_task_joins_the_visit_at_its_business() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    put(&ctx, &mut dates, 0, &["T1"], NINE, &["F1"]);
    let left = Scope::WHOLE.reinsert(&ctx, &mut dates, vec![task(&ctx, "T2")], later());
    assert!(left.is_empty());
    let all = visits(&ctx, &dates);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].2, ["T1", "T2"]);
    assert_eq!(all[0].3, ["F1", "M1"]);
    assert_valid(&ctx, &dates, &left);
}

#[test]
fn a_locked_visit_is_not_joined_and_a_new_visit_is_made() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    let vid = put(&ctx, &mut dates, 0, &["T1"], NINE, &["F1"]);
    let scope = Scope {
        locked: [(0, vid)].into(),
        ..Scope::default()
    };
    let left = scope.reinsert(&ctx, &mut dates, vec![task(&ctx, "T2")], later());
    assert!(left.is_empty());
    let all = visits(&ctx, &dates);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.contains(&(0, NINE, vec!["T1".into()], vec!["F1".into()])),
        "the locked visit moved: {all:?}"
    );
    assert_valid(&ctx, &dates, &left);
}

#[test]
fn placing_respects_the_first_date() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    put(&ctx, &mut dates, 0, &["T1"], NINE, &["F1"]);
    let scope = Scope {
        first: 1,
        ..Scope::default()
    };
    // T2 may not join Monday's visit: it gets a visit of its own on Tuesday.
    let left = scope.reinsert(&ctx, &mut dates, vec![task(&ctx, "T2")], later());
    assert!(left.is_empty());
    let all = visits(&ctx, &dates);
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|v| v.0 == 1 && v.2 == ["T2"]), "{all:?}");
    // T4 is valid on Monday only: no place from Tuesday on, and place_on refuses Monday.
    let t4 = task(&ctx, "T4");
    assert_eq!(scope.reinsert(&ctx, &mut dates, vec![t4], later()), [t4]);
    assert!(!scope.place_on(&ctx, &mut dates, t4, 0));
    assert_eq!(visits(&ctx, &dates), all, "a failed move changed the week");
}

#[test]
fn two_visits_at_one_business_merge() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    put(&ctx, &mut dates, 0, &["T1"], NINE, &["F1"]);
    put(&ctx, &mut dates, 1, &["T2"], NINE, &["M1"]);
    Scope::WHOLE.merge_visits(&ctx, &mut dates, later());
    let all = visits(&ctx, &dates);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].2, ["T1", "T2"]);
    assert_valid(&ctx, &dates, &[]);
}

#[test]
fn a_locked_visit_or_one_before_the_first_date_is_not_merged() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    let monday = put(&ctx, &mut dates, 0, &["T1"], NINE, &["F1"]);
    put(&ctx, &mut dates, 1, &["T2"], NINE, &["M1"]);
    let before = visits(&ctx, &dates);
    let locked = Scope {
        locked: [(0, monday)].into(),
        ..Scope::default()
    };
    locked.merge_visits(&ctx, &mut dates, later());
    assert_eq!(visits(&ctx, &dates), before);
    let bounded = Scope {
        first: 1,
        ..Scope::default()
    };
    bounded.merge_visits(&ctx, &mut dates, later());
    assert_eq!(visits(&ctx, &dates), before);
}

#[test]
fn ejection_makes_room_and_puts_the_visit_back_on_another_date() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    // F1 (one visit a day, the only fire inspector free of B1) spends Monday at B2.
    put(&ctx, &mut dates, 0, &["T3"], NINE, &["F1"]);
    let t4 = task(&ctx, "T4");
    assert_eq!(
        Scope::WHOLE.reinsert(&ctx, &mut dates, vec![t4], later()),
        [t4]
    );
    let left = Scope::WHOLE.eject(&ctx, &mut dates, vec![t4], later());
    assert!(left.is_empty(), "T4 still left out");
    let all = visits(&ctx, &dates);
    assert!(
        all.iter()
            .any(|v| v.0 == 0 && v.2 == ["T4"] && v.3 == ["F1"]),
        "{all:?}"
    );
    // T3 back on Monday with F2, or on Tuesday with F1
    assert!(all.iter().any(|v| v.2 == ["T3"]), "T3 lost: {all:?}");
    assert_valid(&ctx, &dates, &left);
}

#[test]
fn holding_times_puts_the_visit_back_at_its_own_start() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    put(&ctx, &mut dates, 0, &["T3"], NINE, &["F1"]);
    let scope = Scope {
        hold_times: true,
        ..Scope::default()
    };
    let t4 = task(&ctx, "T4");
    let left = scope.eject(&ctx, &mut dates, vec![t4], later());
    assert!(left.is_empty());
    let all = visits(&ctx, &dates);
    // The same date and start, another crew: none of T3's setting changed.
    assert!(
        all.contains(&(0, NINE, vec!["T3".into()], vec!["F2".into()])),
        "{all:?}"
    );
    assert_valid(&ctx, &dates, &left);
}

#[test]
fn a_locked_visit_is_never_ejected() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    let vid = put(&ctx, &mut dates, 0, &["T3"], NINE, &["F1"]);
    let before = visits(&ctx, &dates);
    let scope = Scope {
        locked: [(0, vid)].into(),
        hold_times: true,
        ..Scope::default()
    };
    let t4 = task(&ctx, "T4");
    assert_eq!(scope.eject(&ctx, &mut dates, vec![t4], later()), [t4]);
    assert_eq!(
        visits(&ctx, &dates),
        before,
        "a failed ejection changed the week"
    );
}

#[test]
fn place_on_joins_on_the_date_or_opens_a_visit() {
    let (scn, travel) = week();
    let ctx = Context::new(&scn, &travel);
    let mut dates = empty(&ctx);
    put(&ctx, &mut dates, 1, &["T2"], NINE, &["M1"]);
    // T5 (Tuesday only) joins T2's visit there
    assert!(Scope::WHOLE.place_on(&ctx, &mut dates, task(&ctx, "T5"), 1));
    let all = visits(&ctx, &dates);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].2, ["T2", "T5"]);
    // T3 opens a visit of its own at B2 on Monday
    assert!(Scope::WHOLE.place_on(&ctx, &mut dates, task(&ctx, "T3"), 0));
    assert_eq!(visits(&ctx, &dates).len(), 2);
    assert_valid(&ctx, &dates, &[]);
}
