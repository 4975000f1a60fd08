//! Any size at default settings (issue 22): a file of independent weeks plans, visit for
//! visit, as its weeks do alone, whatever the thread count; and a deadline cuts only the
//! improvement, never the construction.
//!
//! Small weeks only (tiny and district presets, merged with `generate --parts`); the
//! timings at scale are in `benches/README.md`, never asserted here.

use crate::common;

use common::{assert_valid, run_ok, solve_checked};
use onedoor_core::plan::{Plan, Reason};
use onedoor_core::{parse_scenario, Scenario};
use onedoor_generate::{generate, generate_parts, Preset};
use onedoor_solve::{plan_with, Event, Options};
use std::sync::Mutex;
use std::time::Duration;

/// A visit without its id: business, date, start, end, tasks and crew, the ids of a
/// merged file's part with their `Pk-` prefix taken off.
type Bare = (
    String,
    String,
    String,
    String,
    Vec<String>,
    Vec<(String, String)>,
);

/// The visits of `plan` at businesses whose id starts with `prefix`, without ids and
/// prefix, sorted.
fn bare_visits(plan: &Plan, prefix: &str) -> Vec<Bare> {
    let strip = |s: &str| s.strip_prefix(prefix).map(str::to_owned);
    let mut out: Vec<Bare> = plan
        .visits
        .iter()
        .filter_map(|v| {
            Some((
                strip(&v.business)?,
                v.date.to_string(),
                v.start.to_string(),
                v.end.to_string(),
                v.tasks.iter().filter_map(|t| strip(t)).collect(),
                v.crew
                    .iter()
                    .filter_map(|c| Some((strip(&c.inspector)?, c.department.clone())))
                    .collect(),
            ))
        })
        .collect();
    out.sort();
    out
}

fn load(text: &str, name: &str) -> Scenario {
    parse_scenario(text, name).unwrap_or_else(|e| panic!("{name} loads: {e:?}"))
}

fn options(threads: usize) -> Options {
    Options {
        threads: Some(threads),
        ..common::options()
    }
}

/// Three weeks of `preset` merged into one file plan as the three weeks alone, visit
/// for visit, on one thread and on two; every plan checked.
fn merged_equals_alone(preset: Preset, seed: u64) {
    let merged = load(&generate_parts(preset, seed, None, 3), "merged.json");
    for threads in [1, 2] {
        let together = solve_checked(&merged, &options(threads)).plan;
        let mut placed = 0;
        for k in 0..3u64 {
            let week = load(&generate(preset, seed + k), "week.json");
            let alone = solve_checked(&week, &options(threads)).plan;
            let part = bare_visits(&together, &format!("P{}-", k + 1));
            assert_eq!(
                part,
                bare_visits(&alone, ""),
                "{preset:?} seed {}: part {} of the merged file on {threads} thread(s)",
                seed + k,
                k + 1
            );
            placed += alone.visits.len();
        }
        assert_eq!(together.visits.len(), placed, "no visit beyond the parts'");
        assert!(
            together
                .unscheduled
                .iter()
                .all(|u| u.reason != Reason::TimeLimit.code()),
            "no time limit at default settings"
        );
    }
}

#[test]
fn three_tiny_weeks_merged_plan_as_alone() {
    merged_equals_alone(Preset::Tiny, 1);
}

#[test]
fn three_district_weeks_merged_plan_as_alone() {
    merged_equals_alone(Preset::District, 1);
}

/// Through the command line: `generate --parts 3`, `plan --threads 2` at default
/// settings, `check`.
#[test]
fn merged_file_plans_and_checks_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scn = dir.path().join("three.json");
    let plan = dir.path().join("three.plan.json");
    run_ok([
        "generate",
        "--preset",
        "district",
        "--seed",
        "4",
        "--parts",
        "3",
        "-o",
        scn.to_str().expect("utf-8 path"),
    ]);
    run_ok([
        "plan",
        scn.to_str().expect("utf-8 path"),
        "--threads",
        "2",
        "-o",
        plan.to_str().expect("utf-8 path"),
    ]);
    let out = run_ok([
        "check",
        scn.to_str().expect("utf-8 path"),
        plan.to_str().expect("utf-8 path"),
    ]);
    assert!(out.contains("方案有效"), "{out}");
    let text = std::fs::read_to_string(&plan).expect("plan written");
    let written = Plan::parse(&text, "three.plan.json").expect("plan parses");
    assert!(written.visits.iter().any(|v| v.business.starts_with("P3-")));
    assert!(written
        .unscheduled
        .iter()
        .all(|u| u.reason != Reason::TimeLimit.code()));
}

/// A deadline that passes before the construction ends does not cut it: the plan is the
/// construction, complete — as many tasks scheduled and as little priority left out as
/// the construction of a solve without a deadline, and no task left out for
/// `time_limit`. (Only Ctrl-C, [`Options::cancel`], cuts a construction.)
#[test]
fn a_deadline_cuts_only_the_improvement() {
    let scn = load(&generate(Preset::District, 2), "district-2.json");
    let travel = onedoor_core::travel::TravelGraph::build(&scn);
    // The first better plan a solve reports is its construction.
    let first = Mutex::new(None);
    let observer = |e: Event<'_>| {
        if let Event::Best(stats) = e {
            let mut first = first.lock().expect("not poisoned");
            if first.is_none() {
                *first = Some(*stats);
            }
        }
    };
    let watched = Options {
        progress: true,
        ..options(2)
    };
    let full = plan_with(&scn, &travel, &watched, &observer).expect("plan");
    assert_valid(&scn, &full.plan);
    let built = first
        .into_inner()
        .expect("not poisoned")
        .expect("a construction is reported");
    for limit in [Duration::ZERO, Duration::from_secs_f64(0.001)] {
        let cut = solve_checked(
            &scn,
            &Options {
                time_limit: limit,
                ..options(2)
            },
        );
        assert_eq!(cut.stats.scheduled, built.scheduled, "limit {limit:?}");
        assert_eq!(
            cut.stats.unscheduled_priority, built.unscheduled_priority,
            "limit {limit:?}"
        );
        assert!(
            cut.plan
                .unscheduled
                .iter()
                .all(|u| u.reason != Reason::TimeLimit.code()),
            "limit {limit:?}: no task left out for the time limit"
        );
        assert!(
            full.stats.unscheduled_priority <= cut.stats.unscheduled_priority,
            "the improvement never makes the plan worse"
        );
    }
}

/// The same from the command line: `--time-limit 0.001` gives a complete plan.
#[test]
fn time_limit_flag_still_gives_a_complete_plan() {
    let out = run_ok([
        "plan",
        "scenarios/dinghai-week.json",
        "--time-limit",
        "0.001",
        "--json",
    ]);
    let plan = Plan::parse(&out, "stdout").expect("plan JSON on stdout");
    let scn = common::scenario("dinghai-week.json");
    assert_valid(&scn, &plan);
    assert!(plan
        .unscheduled
        .iter()
        .all(|u| u.reason != Reason::TimeLimit.code()));
    assert!(!plan.visits.is_empty());
}
