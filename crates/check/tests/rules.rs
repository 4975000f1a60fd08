//! The checker against hand-made plans for `scenarios/tiny.json` (builds with
//! `onedoor-core` and `onedoor-check` alone: `cargo test -p onedoor-check` needs no HiGHS).
//!
//! Two valid plans are kept as fixtures (`tests/fixtures/tiny-*.plan.json`) with figures
//! worked out by hand (see the comments at [`good_plan_is_valid_with_hand_figures`] and
//! [`poor_plan_is_valid_with_hand_figures`]). Every other test breaks exactly one rule of
//! the format, by editing the plan or the scenario, and asserts that the checker reports
//! that rule and no other. The figures are refreshed after the edit (except in the C13
//! tests), so that a changed travel time does not also break C13.

use onedoor_check::{check, Report, Rule};
use onedoor_core::facts::{self, Facts};
use onedoor_core::figures::{
    baseline_visits, lower_bound, min_covering_dates, plan_stats, Objective,
};
use onedoor_core::ids::TaskIdx;
use onedoor_core::json::Json;
use onedoor_core::plan::{CrewEntry, Plan, Reason, Stats, Unscheduled, Visit};
use onedoor_core::scenario::time::{parse_date, Clock};
use onedoor_core::scenario::Scenario;
use onedoor_core::travel::TravelGraph;
use std::path::PathBuf;

/// A file of the repository (the workspace's top folder).
fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// `scenarios/tiny.json`.
fn tiny() -> Scenario {
    onedoor_core::load_scenario(&repo("scenarios/tiny.json")).expect("tiny.json loads")
}

/// A fixture plan (`tests/fixtures/NAME`).
fn fixture(name: &str) -> Plan {
    let path = repo("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name} reads: {e}"));
    Plan::parse(&text, name).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The hand-made valid plan for tiny.json.
fn good() -> Plan {
    fixture("tiny-good.plan.json")
}

/// A valid but worse plan for tiny.json.
fn poor() -> Plan {
    fixture("tiny-poor.plan.json")
}

/// The violations, one a line (for assertion messages).
fn listing(report: &Report) -> String {
    report.violations.iter().map(|v| format!("{v}\n")).collect()
}

fn run(scn: &Scenario, plan: &Plan) -> Report {
    check(scn, plan)
}

fn task(scn: &Scenario, id: &str) -> TaskIdx {
    scn.index.tasks[id]
}

fn clock(s: &str) -> Clock {
    Clock::parse(s).expect("a clock time")
}

fn date(s: &str) -> chrono::NaiveDate {
    parse_date(s).expect("a date")
}

fn visit<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Visit {
    plan.visits
        .iter_mut()
        .find(|v| v.id == id)
        .expect("visit exists")
}

fn unscheduled<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Unscheduled {
    plan.unscheduled
        .iter_mut()
        .find(|u| u.task == id)
        .expect("unscheduled entry exists")
}

fn crew(inspector: &str, department: &str) -> CrewEntry {
    CrewEntry {
        inspector: inspector.into(),
        department: department.into(),
    }
}

/// Writes the recomputed figures into the plan.
fn refresh(scn: &Scenario, plan: &mut Plan) {
    plan.stats = plan_stats(scn, &TravelGraph::build(scn), plan).to_fields();
}

/// Refreshes the figures, checks, and asserts that exactly `rules` are broken.
fn assert_breaks(scn: &Scenario, mut plan: Plan, rules: &[Rule]) -> Report {
    refresh(scn, &mut plan);
    assert_breaks_as_is(scn, &plan, rules)
}

/// Checks the plan as it is and asserts that exactly `rules` are broken.
fn assert_breaks_as_is(scn: &Scenario, plan: &Plan, rules: &[Rule]) -> Report {
    let report = run(scn, plan);
    assert_eq!(report.rules(), rules, "\n{}", listing(&report));
    report
}

fn hand_stats(figures: [u64; 11], reduction: f64, saved: i64) -> Stats {
    Stats {
        tasks: figures[0],
        scheduled: figures[1],
        unscheduled: figures[2],
        unscheduled_priority: figures[3],
        visits: figures[4],
        baseline_visits: figures[5],
        visits_saved: saved,
        reduction,
        lower_bound: figures[8],
        officer_visits: figures[9],
        travel_minutes: figures[10],
    }
}

fn assert_stats(got: &Stats, want: &Stats) {
    let mut got = *got;
    assert!((got.reduction - want.reduction).abs() < 1e-12, "{got:?}");
    got.reduction = want.reduction;
    assert_eq!(&got, want);
}

// ---------------------------------------------------------------- valid plans

/// The good plan merges every business's tasks into one visit (B4: T08 + T09, T10 left
/// out as B4 takes one visit). Hand figures, travel at 2 min/km, base town-hall (0,0):
///
/// - unscheduled T10 (priority 2) + T13 (1) = 3; 5 visits; crews 2+3+3+2+2 = 12;
/// - baseline: 11 (business, department) pairs, one date each; saved 6; 6/11 = 0.5455;
/// - lower bound: 5 businesses, one date each;
/// - travel: Mon F2 TH→B4 10 + B4→B2 14 + B2→TH 20 = 44, P1 10+10 = 20, M1 20+20 = 40;
///   Tue F1 and M1 TH→B5 26 (6 to the pier + 20 link) + B5→B3 36 + B3→TH 10 = 72 each,
///   F2 10+10 = 20; Wed F1, M2, H1 10+10 = 20 each: 44+20+40+72+72+20+60 = 328.
#[test]
fn good_plan_is_valid_with_hand_figures() {
    let scn = tiny();
    let report = assert_breaks_as_is(&scn, &good(), &[]);
    assert!(report.is_valid());
    let want = hand_stats([13, 11, 2, 3, 5, 11, 0, 0, 5, 12, 328], 6.0 / 11.0, 6);
    assert_stats(&report.stats, &want);
    assert_eq!(
        report.objective,
        Objective {
            unscheduled_priority: 3,
            visits: 5,
            officer_visits: 12,
            travel_minutes: 328
        }
    );
}

/// The poor plan splits B1 (T01 alone; T02 + T03) and B3 (T06; T07) and gives B4's one
/// visit to T10, leaving T08 and T09 out:
///
/// - unscheduled T08 + T09 + T13 = 3; 7 visits of 2 crew = 14;
/// - baseline: 9 pairs + T10 alone = 10; saved 3; 0.3; lower bound 4 businesses + T10 = 5;
/// - travel: Mon F1 TH→B1 10 + B1→B2 10 + B2→TH 20 = 40, F2 20, M1 40; Tue F1 and M1
///   26+36+10 = 72 each, F2 20, M2 20; Wed M1 and M2 TH→B1 10 + B1→B4 7 + B4→TH 10 = 27
///   each: 100 + 184 + 54 = 338.
#[test]
fn poor_plan_is_valid_with_hand_figures() {
    let scn = tiny();
    let report = assert_breaks_as_is(&scn, &poor(), &[]);
    let want = hand_stats([13, 10, 3, 3, 7, 10, 0, 0, 5, 14, 338], 0.3, 3);
    assert_stats(&report.stats, &want);
    assert!(run(&scn, &good()).objective < report.objective);
}

// ---------------------------------------------------------------- C1 coverage

#[test]
fn c1_task_missing() {
    let scn = tiny();
    let mut plan = good();
    plan.unscheduled.retain(|u| u.task != "T10");
    assert_breaks(&scn, plan, &[Rule::C1]);
}

#[test]
fn c1_task_twice() {
    let scn = tiny();
    let mut plan = good();
    plan.unscheduled.push(Unscheduled {
        task: "T11".into(),
        reason: "capacity".into(),
        detail: String::new(),
    });
    let report = assert_breaks(&scn, plan, &[Rule::C1]);
    assert!(report.violations[0].message.contains("T11"));
}

#[test]
fn c1_unknown_task_and_business() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").tasks.push("T99".into());
    assert_breaks(&scn, plan, &[Rule::C1]);
    let mut plan = good();
    visit(&mut plan, "V0005").business = "B9".into();
    assert_breaks(&scn, plan, &[Rule::C1]);
    let mut plan = good();
    unscheduled(&mut plan, "T10").task = "T99".into();
    assert_breaks(&scn, plan, &[Rule::C1]);
}

#[test]
fn c1_unknown_inspector_is_also_c6() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").crew[2] = crew("X9", "health");
    let report = assert_breaks(&scn, plan, &[Rule::C1, Rule::C6]);
    assert!(report.violations.iter().all(|v| v.message.contains("X9")));
}

#[test]
fn c1_duplicate_visit_id() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0002").id = "V0001".into();
    assert_breaks(&scn, plan, &[Rule::C1]);
}

#[test]
fn c1_empty_visit() {
    let mut scn = tiny();
    scn.rules.min_certified_per_visit = 0;
    let mut plan = good();
    plan.visits.push(Visit {
        id: "V0006".into(),
        business: "B1".into(),
        date: date("2022-09-14"),
        start: clock("12:00"),
        end: clock("12:30"),
        tasks: Vec::new(),
        crew: Vec::new(),
    });
    assert_breaks(&scn, plan, &[Rule::C1]);
}

// ---------------------------------------------------------------- C2 – C5

#[test]
fn c2_task_of_another_business() {
    let mut scn = tiny();
    let t12 = task(&scn, "T12");
    scn.tasks[t12.index()].business = scn.index.businesses["B1"];
    let report = assert_breaks(&scn, good(), &[Rule::C2]);
    assert!(report.violations[0].message.contains("V0001: task T12"));
}

#[test]
fn c3_business_closed_that_date() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0002").date = date("2022-09-12");
    let report = assert_breaks(&scn, plan, &[Rule::C3]);
    assert_eq!(report.violations.len(), 2, "T06 and T07");
}

#[test]
fn c3_outside_task_window() {
    let mut scn = tiny();
    let t09 = task(&scn, "T09");
    scn.tasks[t09.index()].earliest = date("2022-09-13");
    assert_breaks(&scn, good(), &[Rule::C3]);
}

#[test]
fn c4_outside_opening_hours() {
    let scn = tiny();
    let mut plan = good();
    let v = visit(&mut plan, "V0004");
    (v.start, v.end) = (clock("13:30"), clock("14:30"));
    assert_breaks(&scn, plan, &[Rule::C4]);
}

#[test]
fn c4_pinned_start_moved() {
    let scn = tiny();
    let mut plan = good();
    let v = visit(&mut plan, "V0001");
    (v.start, v.end) = (clock("10:05"), clock("10:50"));
    assert_breaks(&scn, plan, &[Rule::C4]);
}

#[test]
fn c4_outside_working_day_also_breaks_the_day() {
    // B1 open all day: only the horizon hours (and so every crew's day, C8) are broken.
    let mut scn = tiny();
    let b1 = scn.index.businesses["B1"];
    scn.businesses[b1.index()].open_hours.end = clock("20:00");
    let mut plan = good();
    let v = visit(&mut plan, "V0003");
    (v.start, v.end) = (clock("17:00"), clock("17:55"));
    assert_breaks(&scn, plan, &[Rule::C4, Rule::C8]);
}

#[test]
fn c4_end_before_start_is_also_too_short() {
    let scn = tiny();
    let mut plan = good();
    let v = visit(&mut plan, "V0003");
    (v.start, v.end) = (clock("09:35"), clock("08:40"));
    assert_breaks(&scn, plan, &[Rule::C4, Rule::C5]);
}

#[test]
fn c5_too_short() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").end = clock("09:30");
    let report = assert_breaks(&scn, plan, &[Rule::C5]);
    assert!(report.violations[0]
        .message
        .contains("15 overhead + 40 of fire"));
}

#[test]
fn c5_too_long() {
    let mut scn = tiny();
    scn.rules.max_visit_minutes = Some(70);
    let report = assert_breaks(&scn, good(), &[Rule::C5]);
    assert!(report.violations[0].message.starts_with("V0002"));
}

// ---------------------------------------------------------------- C6, C7 crew

#[test]
fn c6_department_without_crew_and_too_few_certified() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0001")
        .crew
        .retain(|c| c.inspector != "M1");
    let report = assert_breaks(&scn, plan, &[Rule::C6]);
    assert_eq!(report.violations.len(), 2);
}

#[test]
fn c6_too_few_officers_for_a_task() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0002")
        .crew
        .retain(|c| c.inspector != "F2");
    assert_breaks(&scn, plan, &[Rule::C6]);
}

#[test]
fn c6_may_not_act_for() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").crew[2] = crew("P1", "health");
    assert_breaks(&scn, plan, &[Rule::C6]);
}

#[test]
fn c6_department_without_task() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0005").crew.push(crew("M2", "market"));
    assert_breaks(&scn, plan, &[Rule::C6]);
}

#[test]
fn c6_inspector_twice() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0002").crew.push(crew("F1", "fire"));
    assert_breaks(&scn, plan, &[Rule::C6]);
}

#[test]
fn c6_unknown_department() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").crew[2] = crew("H1", "tax");
    assert_breaks(&scn, plan, &[Rule::C6]);
}

#[test]
fn c6_certificates() {
    let mut scn = tiny();
    let f1 = scn.index.inspectors["F1"];
    scn.inspectors[f1.index()].certified = false;
    // V0001 (F1, M1) and V0003 (F1, M2, uncertified H1) keep one certificate each.
    let report = assert_breaks(&scn, good(), &[Rule::C6]);
    let messages: Vec<&str> = report
        .violations
        .iter()
        .map(|v| v.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "V0001: 1 certified crew member(s), every visit needs 2",
            "V0003: 1 certified crew member(s), every visit needs 2"
        ]
    );
}

#[test]
fn c7_unavailable() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").crew[0] = crew("F2", "fire");
    let report = assert_breaks(&scn, plan, &[Rule::C7]);
    assert!(report.violations[0]
        .message
        .contains("F2 is unavailable on 2022-09-14"));
}

#[test]
fn c7_recused() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0004").crew[1] = crew("M2", "market");
    assert_breaks(&scn, plan, &[Rule::C7]);
}

// ---------------------------------------------------------------- C8 inspector day

#[test]
fn c8_no_time_to_travel() {
    let scn = tiny();
    let mut plan = good();
    let v = visit(&mut plan, "V0002");
    (v.start, v.end) = (clock("11:10"), clock("12:25"));
    let report = assert_breaks(&scn, plan, &[Rule::C8]);
    // F1 and M1 come from B5 (36 min); F2 from base is in time.
    assert_eq!(report.violations.len(), 2);
    assert!(report.violations[0].message.contains("ready at 11:21"));
}

#[test]
fn c8_back_after_the_day() {
    let scn = tiny();
    let mut plan = good();
    let v = visit(&mut plan, "V0003");
    (v.start, v.end) = (clock("16:30"), clock("17:25"));
    assert_eq!(assert_breaks(&scn, plan, &[Rule::C8]).violations.len(), 3);
}

#[test]
fn c8_too_many_visits() {
    let mut scn = tiny();
    let p1 = scn.index.inspectors["P1"];
    scn.inspectors[p1.index()].max_visits_per_day = Some(0);
    assert_breaks(&scn, good(), &[Rule::C8]);
}

#[test]
fn c8_no_path() {
    let mut scn = tiny();
    scn.travel.links.clear();
    let report = assert_breaks(&scn, good(), &[Rule::C8]);
    assert!(report.violations[0].message.contains("no path"));
}

// ---------------------------------------------------------------- C9 – C11

#[test]
fn c9_business_limit() {
    let mut scn = tiny();
    let b1 = scn.index.businesses["B1"];
    scn.businesses[b1.index()].max_visits = Some(1);
    assert_breaks(&scn, poor(), &[Rule::C9]);
}

#[test]
fn c10_not_joinable() {
    let mut scn = tiny();
    let t09 = task(&scn, "T09");
    scn.tasks[t09.index()].joinable = false;
    assert_breaks(&scn, good(), &[Rule::C10]);
}

#[test]
fn c11_incompatible_departments() {
    let mut scn = tiny();
    let (fire, police) = (
        scn.index.departments["fire"],
        scn.index.departments["police"],
    );
    scn.rules
        .incompatible
        .push((fire.min(police), fire.max(police)));
    let report = assert_breaks(&scn, good(), &[Rule::C11]);
    assert!(report.violations[0].message.starts_with("V0005"));
}

#[test]
fn c11_too_many_departments() {
    let mut scn = tiny();
    scn.rules.max_departments_per_visit = Some(2);
    assert_breaks(&scn, good(), &[Rule::C11]);
}

// ---------------------------------------------------------------- C12 reasons

#[test]
fn c12_unknown_reason_code() {
    let scn = tiny();
    let mut plan = good();
    unscheduled(&mut plan, "T10").reason = "busy".into();
    assert_breaks(&scn, plan, &[Rule::C12]);
}

#[test]
fn c12_no_valid_day_must_be_said() {
    let scn = tiny();
    let mut plan = good();
    unscheduled(&mut plan, "T13").reason = "capacity".into();
    assert_breaks(&scn, plan, &[Rule::C12]);
}

#[test]
fn c12_false_facts() {
    let scn = tiny();
    for reason in ["no_valid_day", "no_officer", "unreachable"] {
        let mut plan = good();
        unscheduled(&mut plan, "T10").reason = reason.into();
        assert_breaks(&scn, plan, &[Rule::C12]);
    }
}

#[test]
fn c12_true_facts_and_plan_reasons_pass() {
    let mut scn = tiny();
    let t10 = task(&scn, "T10");
    scn.tasks[t10.index()].officers = 3;
    for reason in ["no_officer", "capacity", "time_limit"] {
        let mut plan = good();
        unscheduled(&mut plan, "T10").reason = reason.into();
        assert_breaks(&scn, plan, &[]);
    }
}

// ---------------------------------------------------------------- C13 stats

#[test]
fn c13_wrong_figure() {
    let scn = tiny();
    let mut plan = good();
    plan.stats[4].1 = Json::Int(6);
    let report = assert_breaks_as_is(&scn, &plan, &[Rule::C13]);
    assert_eq!(
        report.violations[0].message,
        "stats.visits is 6, recomputed 5"
    );
}

#[test]
fn c13_stale_figures_after_an_edit() {
    let scn = tiny();
    let mut plan = good();
    // A valid move of B4's visit to Wednesday after F1's B1 visit: F2's Monday loses the
    // B4 stop (44 → 40 min), F1's Wednesday gains it (20 → 10 + 7 + 10 = 27 min).
    let v = visit(&mut plan, "V0005");
    v.date = date("2022-09-14");
    (v.start, v.end) = (clock("10:00"), clock("10:40"));
    v.crew[1] = crew("F1", "fire");
    let report = assert_breaks_as_is(&scn, &plan, &[Rule::C13]);
    assert_eq!(
        report.violations[0].message,
        "stats.travel_minutes is 328, recomputed 331"
    );
}

#[test]
fn c13_reduction_tolerance() {
    let scn = tiny();
    for (value, ok) in [
        (0.5455, true),
        (0.54549, true),
        (0.5456, false),
        (0.6, false),
    ] {
        let mut plan = good();
        plan.stats[7].1 = Json::Float(value);
        let want: &[Rule] = if ok { &[] } else { &[Rule::C13] };
        assert_breaks_as_is(&scn, &plan, want);
    }
}

#[test]
fn c13_keys_and_types() {
    let scn = tiny();
    let mut plan = good();
    plan.stats.retain(|(k, _)| k != "lower_bound");
    assert_breaks_as_is(&scn, &plan, &[Rule::C13]);
    let mut plan = good();
    plan.stats.push(("saved_minutes".into(), Json::Int(0)));
    assert_breaks_as_is(&scn, &plan, &[Rule::C13]);
    let mut plan = good();
    plan.stats[4].1 = Json::Float(5.0);
    let report = assert_breaks_as_is(&scn, &plan, &[Rule::C13]);
    assert!(report.violations[0].message.contains("integer"));
}

// ---------------------------------------------------------------- facts

#[test]
fn facts_of_tiny() {
    let scn = tiny();
    let travel = TravelGraph::build(&scn);
    let facts = Facts::new(&scn, &travel);
    assert_eq!(facts.fact(task(&scn, "T13")), Some(Reason::NoValidDay));
    for t in scn.task_indices().filter(|t| scn.task(*t).id != "T13") {
        assert_eq!(facts.fact(t), None, "{}", scn.task(t).id);
        assert!(facts.holds(t, Reason::Capacity));
        assert!(!facts.holds(t, Reason::NoValidDay));
    }
    assert!(facts::holds(
        &scn,
        &travel,
        task(&scn, "T13"),
        Reason::NoValidDay
    ));
}

#[test]
fn facts_no_officer_counts_recused_and_unavailable() {
    let mut scn = tiny();
    // T05 (market at B2): M2 is recused; with M1 away all week nobody is left.
    let m1 = scn.index.inspectors["M1"];
    scn.inspectors[m1.index()].unavailable = ["2022-09-12", "2022-09-13", "2022-09-14"]
        .into_iter()
        .map(date)
        .collect();
    let travel = TravelGraph::build(&scn);
    assert_eq!(
        facts::fact(&scn, &travel, task(&scn, "T05")),
        Some(Reason::NoOfficer)
    );
    // T02 (market at B1): M2 may go.
    assert_eq!(facts::fact(&scn, &travel, task(&scn, "T02")), None);
}

#[test]
fn facts_unreachable_without_the_ferry() {
    let mut scn = tiny();
    scn.travel.links.clear();
    let travel = TravelGraph::build(&scn);
    let facts = Facts::new(&scn, &travel);
    assert_eq!(facts.fact(task(&scn, "T11")), Some(Reason::Unreachable));
    assert_eq!(facts.fact(task(&scn, "T12")), Some(Reason::Unreachable));
    assert!(!facts.holds(task(&scn, "T12"), Reason::NoOfficer));
    assert_eq!(facts.fact(task(&scn, "T01")), None);
}

// ---------------------------------------------------------------- figures

#[test]
fn min_covering_dates_greedy() {
    let mut scn = tiny();
    let ids = |scn: &Scenario, ids: &[&str]| -> Vec<TaskIdx> {
        ids.iter().map(|id| task(scn, id)).collect()
    };
    // B1: T01 and T02 Mon–Wed, T03 Tue–Wed: Wednesday covers all.
    assert_eq!(
        min_covering_dates(&scn, &ids(&scn, &["T01", "T02", "T03"])),
        1
    );
    assert_eq!(min_covering_dates(&scn, &[]), 0);
    // No valid date: ignored.
    assert_eq!(min_covering_dates(&scn, &ids(&scn, &["T13"])), 0);
    // T01 Mon only, T02 Mon–Tue, T03 Tue–Wed: Monday covers T01 and T02, Wednesday T03.
    let (t01, t02) = (task(&scn, "T01"), task(&scn, "T02"));
    scn.tasks[t01.index()].latest = date("2022-09-12");
    scn.tasks[t02.index()].latest = date("2022-09-13");
    assert_eq!(
        min_covering_dates(&scn, &ids(&scn, &["T03", "T02", "T01"])),
        2
    );
    // T01 Mon only, T02 Tue only, T03 Tue–Wed: Monday, then Tuesday covers both others.
    scn.tasks[t02.index()].earliest = date("2022-09-13");
    assert_eq!(
        min_covering_dates(&scn, &ids(&scn, &["T01", "T02", "T03"])),
        2
    );
    // Duplicates are harmless.
    assert_eq!(min_covering_dates(&scn, &ids(&scn, &["T01", "T01"])), 1);
}

#[test]
fn baseline_and_lower_bound_of_all_tasks() {
    let scn = tiny();
    let all: Vec<TaskIdx> = scn.task_indices().collect();
    // 11 (business, department) pairs with a valid date, T13 ignored, T10 alone.
    assert_eq!(baseline_visits(&scn, &all), 12);
    // B1, B2, B3, B4, B5 one date each, T10 alone.
    assert_eq!(lower_bound(&scn, &all), 6);
    for plan in [good(), poor()] {
        let s = run(&scn, &plan).stats;
        assert!(s.lower_bound <= s.baseline_visits);
        assert!(s.lower_bound <= s.visits);
    }
}

#[test]
fn objective_is_lexicographic() {
    let a = Objective {
        unscheduled_priority: 1,
        visits: 9,
        officer_visits: 99,
        travel_minutes: 999,
    };
    let b = Objective {
        unscheduled_priority: 2,
        visits: 1,
        officer_visits: 1,
        travel_minutes: 1,
    };
    assert!(a < b);
    let c = Objective {
        travel_minutes: 1000,
        ..a
    };
    assert!(a < c);
}

#[test]
fn plan_stats_ignores_unknown_ids() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0001").business = "nowhere".into();
    visit(&mut plan, "V0002").tasks.push("T99".into());
    visit(&mut plan, "V0003").crew.push(crew("X9", "fire"));
    let s = plan_stats(&scn, &TravelGraph::build(&scn), &plan);
    assert_eq!(s.scheduled, 11);
    assert_eq!(s.officer_visits, 13);
    // V0001 at an unknown business leaves F1's and M1's Tuesday at B3 only: 10 + 10 each.
    assert_eq!(s.travel_minutes, 328 - 2 * 72 + 2 * 20);
}
