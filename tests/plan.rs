//! End-to-end tests of the optimizer: every plan made here passes the checker with zero
//! violations, and the figures the issue sets as bars hold on fixed inputs.

use crate::common;

use common::{options, repo, run_ok, scenario};
use onedoor_core::json::Json;
use onedoor_core::plan::Plan;
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use onedoor_solve::{Options, Strategy};
use proptest::prelude::*;
use std::ffi::OsStr;

fn generated(preset: Preset, seed: u64) -> Scenario {
    onedoor_core::parse_scenario(&generate(preset, seed), "generated")
        .expect("generated scenario loads")
}

fn stat(plan: &Plan, key: &str) -> i64 {
    match plan.stats.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
        Some(Json::Int(i)) => *i,
        other => panic!("stats.{key} is {other:?}"),
    }
}

/// Plans with the given options and asserts the referee finds nothing wrong.
fn solve_checked(scn: &Scenario, options: &Options) -> Plan {
    common::solve_checked(scn, options).plan
}

#[test]
fn tiny_plan_is_valid_and_optimal() {
    let scn = scenario("tiny.json");
    let p = solve_checked(&scn, &options());
    // T13 has no valid date (priority 1); B4 allows one visit, so either the
    // non-joinable T10 (priority 2) or T08+T09 (priority 1 + 1) must stay out.
    assert_eq!(stat(&p, "unscheduled_priority"), 3);
    assert_eq!(stat(&p, "visits"), stat(&p, "lower_bound"));
    let t13 = p
        .unscheduled
        .iter()
        .find(|u| u.task == "T13")
        .expect("T13 unscheduled");
    assert_eq!(t13.reason, "no_valid_day");
    // The pinned task T11 is in a visit starting 10:00 on 2022-09-13.
    let v = p
        .visits
        .iter()
        .find(|v| v.tasks.contains(&"T11".to_string()))
        .expect("T11 scheduled");
    assert_eq!(
        (v.date.to_string().as_str(), v.start.to_string().as_str()),
        ("2022-09-13", "10:00")
    );
}

#[test]
fn district_plans_are_valid_and_near_the_lower_bound() {
    for seed in 1..=3 {
        let scn = generated(Preset::District, seed);
        let p = solve_checked(&scn, &options());
        let (visits, bound) = (stat(&p, "visits"), stat(&p, "lower_bound"));
        assert!(
            visits as f64 <= bound as f64 * 1.02 + 1.0,
            "seed {seed}: {visits} visits, lower bound {bound}"
        );
    }
}

#[test]
fn dinghai_week_plan_is_valid() {
    let scn = scenario("dinghai-week.json");
    let p = solve_checked(&scn, &options());
    assert!(stat(&p, "visits") < stat(&p, "baseline_visits"));
}

#[test]
fn baselines_make_valid_plans_no_better_than_the_optimizer() {
    let scn = generated(Preset::District, 4);
    let best = solve_checked(&scn, &options());
    for strategy in [Strategy::NoMerge, Strategy::GreedyMerge] {
        let base = solve_checked(
            &scn,
            &Options {
                strategy,
                ..options()
            },
        );
        let key = |p: &Plan| (stat(p, "unscheduled_priority"), stat(p, "visits"));
        assert!(
            key(&best) <= key(&base),
            "{strategy:?}: {:?} beats {:?}",
            key(&base),
            key(&best)
        );
    }
}

#[test]
fn same_plan_whatever_the_thread_count() {
    let scn = generated(Preset::District, 5);
    let one = solve_checked(
        &scn,
        &Options {
            threads: Some(1),
            ..options()
        },
    );
    let two = solve_checked(
        &scn,
        &Options {
            threads: Some(2),
            ..options()
        },
    );
    let strip = |p: &Plan| {
        Plan {
            solver: Json::Null,
            ..p.clone()
        }
        .to_json_string()
    };
    assert_eq!(strip(&one), strip(&two));
}

#[test]
fn cli_plan_writes_the_same_plan_it_prints() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plan.json");
    let scenario = repo("scenarios/tiny.json");
    let printed = run_ok([
        OsStr::new("plan"),
        OsStr::new("--json"),
        OsStr::new("--threads"),
        OsStr::new("1"),
        OsStr::new("-o"),
        out.as_os_str(),
        scenario.as_os_str(),
    ]);
    let written = std::fs::read_to_string(&out).expect("plan written");
    assert_eq!(printed, written);
    run_ok([OsStr::new("check"), scenario.as_os_str(), out.as_os_str()]);
    // The summary for people names the figures.
    let text = run_ok([OsStr::new("plan"), scenario.as_os_str()]);
    assert!(text.contains("lower bound"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    #[test]
    fn generated_plans_pass_the_checker(seed in 0u64..10_000, district in any::<bool>()) {
        let preset = if district { Preset::District } else { Preset::Tiny };
        let scn = generated(preset, seed);
        solve_checked(&scn, &options());
    }
}

/// tiny.json with rules and task fields varied: the plan must stay valid whatever the
/// rules say (edge values included: no certificate needed, `officers: 0`, one department
/// per visit, daily caps, pinned starts, short visits allowed).
fn varied_tiny(knobs: &[u8]) -> String {
    let path = repo("scenarios/tiny.json");
    let text = std::fs::read_to_string(path).expect("tiny.json");
    let mut s: serde_json::Value = serde_json::from_str(&text).expect("json");
    let k = |i: usize| knobs[i % knobs.len()];
    s["rules"]["min_certified_per_visit"] = (k(0) % 4).into();
    s["rules"]["max_departments_per_visit"] = if k(1) % 3 == 0 {
        serde_json::Value::Null
    } else {
        (k(1) % 3).into()
    };
    s["rules"]["max_visit_minutes"] =
        [serde_json::Value::Null, 60.into(), 120.into()][(k(2) % 3) as usize].clone();
    s["rules"]["visit_overhead_minutes"] = (k(3) % 40).into();
    s["travel"]["speed_kmh"] = (10 + k(4) % 50).into();
    if let Some(insp) = s["inspectors"].as_array_mut() {
        for (i, x) in insp.iter_mut().enumerate() {
            if k(5 + i) % 4 == 0 {
                x["max_visits_per_day"] = (k(6 + i) % 3).into();
            }
            if k(7 + i) % 5 == 0 {
                x["certified"] = false.into();
            }
        }
    }
    if let Some(tasks) = s["tasks"].as_array_mut() {
        for (i, t) in tasks.iter_mut().enumerate() {
            t["officers"] = (k(11 + i) % 3).into();
            t["joinable"] = (k(13 + i) % 7 != 0).into();
            if k(17 + i) % 6 == 0 {
                let day = 12 + (k(19 + i) % 3) as u32;
                let hour = 8 + k(23 + i) % 9;
                t["pinned"] = serde_json::json!({"date": format!("2022-09-{day}"), "start": format!("{hour:02}:30")});
            }
        }
    }
    s.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn plans_stay_valid_under_varied_rules(knobs in proptest::collection::vec(any::<u8>(), 8..40)) {
        let text = varied_tiny(&knobs);
        let scn = onedoor_core::parse_scenario(&text, "varied").expect("varied tiny loads");
        solve_checked(&scn, &options());
    }
}

/// A week the property test above found: the crew search gave business B4 (at most one
/// visit) two visits, by placing a new visit for a task left out before the visit it had
/// taken out went back. Kept as a fixed case.
#[test]
fn the_crew_search_keeps_a_business_within_its_visit_limit() {
    let knobs = [
        72, 23, 0, 0, 0, 0, 0, 13, 55, 0, 0, 2, 0, 0, 29, 151, 57, 231, 99, 67, 174, 16, 7, 40,
        128, 80, 143, 28, 20,
    ];
    let scn = onedoor_core::parse_scenario(&varied_tiny(&knobs), "varied").expect("loads");
    assert_eq!(
        scn.businesses[3].max_visits,
        Some(1),
        "the case still limits B4"
    );
    solve_checked(&scn, &options());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 30, .. ProptestConfig::default() })]

    /// Re-planning (`plan --from`, what `whatif` does for variants) from a plan made under
    /// other rules must give a valid plan that accounts for every task, whatever the
    /// start plan's dates and crews were.
    #[test]
    fn replans_from_a_plan_under_other_rules_stay_valid(
        before in proptest::collection::vec(any::<u8>(), 8..40),
        after in proptest::collection::vec(any::<u8>(), 8..40),
    ) {
        let base = onedoor_core::parse_scenario(&varied_tiny(&before), "before").expect("loads");
        let start = solve_checked(&base, &options());
        let variant = onedoor_core::parse_scenario(&varied_tiny(&after), "after").expect("loads");
        let from = Options {
            start: Some(std::sync::Arc::new(onedoor_solve::Start::from_plan(&start))),
            ..options()
        };
        solve_checked(&variant, &from);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, .. ProptestConfig::default() })]

    /// Re-planning generated districts with a random holiday, a random inspector dropped
    /// and a random certificate rule must give a valid plan that accounts for every task.
    #[test]
    fn replans_of_district_variants_stay_valid(seed in 0u64..10_000, knobs in proptest::collection::vec(any::<u8>(), 3)) {
        let text = generate(Preset::District, seed);
        let base = onedoor_core::parse_scenario(&text, "district").expect("loads");
        let start = solve_checked(&base, &options());
        let mut tree: serde_json::Value = serde_json::from_str(&text).expect("json");
        let dates = base.horizon.working_dates();
        let holiday = dates[knobs[0] as usize % dates.len()].format("%Y-%m-%d").to_string();
        tree["horizon"]["holidays"] = serde_json::json!([holiday]);
        if let Some(list) = tree["inspectors"].as_array_mut() {
            let k = knobs[1] as usize % list.len();
            list.remove(k);
        }
        tree["rules"]["min_certified_per_visit"] = (knobs[2] % 4).into();
        let variant = onedoor_core::parse_scenario(&tree.to_string(), "variant").expect("loads");
        let from = Options {
            start: Some(std::sync::Arc::new(onedoor_solve::Start::from_plan(&start))),
            ..options()
        };
        solve_checked(&variant, &from);
    }
}

#[test]
fn the_search_improves_the_dinghai_week_plan() {
    let scn = scenario("dinghai-week.json");
    let without = solve_checked(
        &scn,
        &Options {
            search_rounds: Some(0),
            ..options()
        },
    );
    let with = solve_checked(&scn, &options());
    let objective = |p: &Plan| {
        onedoor_core::figures::Objective::from(
            &onedoor_core::plan::Stats::from_fields(&p.stats).unwrap(),
        )
    };
    // The search only ever accepts a better plan; on the Dinghai week it finds one
    // (shorter travel and fewer crew entries for the same visits).
    assert!(
        objective(&with) < objective(&without),
        "{:?} vs {:?}",
        objective(&with),
        objective(&without)
    );
    assert_eq!(objective(&with).visits, objective(&without).visits);
}
