//! What-if end to end: the comparison's numbers equal planning each variant alone, the
//! table is deterministic, plans written by `whatif` pass the checker, bottlenecks and
//! `diff` run through the command line.

use crate::common;

use common::{assert_valid, options, repo, run, run_ok as onedoor};
use onedoor::report::comparison_text;
use onedoor_core::plan::{Plan, Stats};
use onedoor_core::travel::TravelGraph;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_solve::whatif::{bottlenecks, compare, solve_all, Case};
use onedoor_solve::{plan, Options, Start};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A temp dir with tiny.json and a variant of it (one fire officer off on Tuesday, and a
/// Wednesday holiday).
fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("tiny.json");
    std::fs::copy(repo("scenarios/tiny.json"), &base).expect("copy");
    let variant = dir.path().join("short.json");
    std::fs::write(
        &variant,
        r#"{"extends": "tiny.json", "name": "F1 off on Tuesday",
            "upsert": {"inspectors": [{"id": "F1", "name": "张伟", "department": "fire",
                        "base": "town-hall", "unavailable": ["2022-09-13"]}]}}"#,
    )
    .expect("write variant");
    (dir, base, variant)
}

/// The cases of scenario or variant files, labelled by scenario name.
fn cases_of(paths: &[&Path]) -> Vec<Case> {
    paths
        .iter()
        .map(|p| {
            let l = load(p, &Shortcuts::default()).expect("loads");
            Case {
                label: l.scenario.name.clone(),
                scenario: l.scenario,
            }
        })
        .collect()
}

/// The test options, re-planning from `start`.
fn from_plan(start: &Plan) -> Options {
    Options {
        start: Some(Arc::new(Start::from_plan(start))),
        ..options()
    }
}

fn fixture_cases() -> (tempfile::TempDir, Vec<Case>) {
    let (dir, base, variant) = fixture();
    let cases = cases_of(&[&base, &variant]);
    (dir, cases)
}

#[test]
fn comparison_numbers_equal_planning_each_case_alone() {
    let (_dir, cases) = fixture_cases();
    for fresh in [false, true] {
        let solved = solve_all(&cases, &options(), fresh).expect("solves");
        // The base is always planned from scratch; a variant is re-planned from the
        // base's plan unless `fresh`.
        let from_base = from_plan(&solved[0].plan);
        for (k, (case, s)) in cases.iter().zip(&solved).enumerate() {
            assert_valid(&case.scenario, &s.plan);
            let travel = TravelGraph::build(&case.scenario);
            let alone_options = if k == 0 || fresh {
                options()
            } else {
                from_base.clone()
            };
            let alone = plan(&case.scenario, &travel, &alone_options).expect("plan");
            assert_eq!(
                without_solver(&alone.plan),
                without_solver(&s.plan),
                "{} (fresh: {fresh})",
                case.label
            );
            assert_eq!(Stats::from_fields(&alone.plan.stats), Some(s.stats));
        }
        let table = compare(&solved);
        assert_eq!(table.columns.len(), 2);
        let again = compare(
            &solve_all(
                &cases,
                &Options {
                    threads: Some(1),
                    ..options()
                },
                fresh,
            )
            .expect("solves"),
        );
        assert_eq!(comparison_text(&table), comparison_text(&again));
        assert!(comparison_text(&table).contains("officer-hours fire"));
    }
}

/// A plan's JSON without its `solver` block (timings).
fn without_solver(p: &Plan) -> String {
    let mut p = p.clone();
    p.solver = onedoor_core::json::Json::Null;
    p.to_json_string()
}

#[test]
fn bottlenecks_rank_real_re_solves() {
    let l = load(&repo("scenarios/tiny.json"), &Shortcuts::default()).expect("loads");
    let travel = TravelGraph::build(&l.scenario);
    let base = plan(&l.scenario, &travel, &options()).expect("plan").plan;
    assert_valid(&l.scenario, &base);
    let list = bottlenecks(&l.scenario, &base, &options()).expect("bottlenecks");
    assert!(!list.is_empty());
    // Sorted best first, and each entry is reproducible by adding that officer and
    // re-planning from the base plan.
    for w in list.windows(2) {
        assert!(
            (w[0].priority_saved, w[0].visits_saved) >= (w[1].priority_saved, w[1].visits_saved)
        );
    }
    let top = &list[0];
    let k = l.scenario.index.departments[&top.department];
    let more = onedoor_solve::whatif::with_extra_officer(
        &l.scenario,
        k,
        top.date,
        &l.scenario.horizon.working_dates(),
    );
    let from_base = from_plan(&base);
    let with = plan(&more, &TravelGraph::build(&more), &from_base)
        .expect("plan")
        .plan;
    assert_valid(&more, &with);
    let (b, w) = (
        Stats::from_fields(&base.stats).unwrap(),
        Stats::from_fields(&with.stats).unwrap(),
    );
    assert_eq!(
        b.unscheduled_priority as i64 - w.unscheduled_priority as i64,
        top.priority_saved
    );
    assert_eq!(b.visits as i64 - w.visits as i64, top.visits_saved);
}

#[test]
fn bottlenecks_find_the_officer_a_holiday_week_lacks() {
    // With Thursday a holiday the Dinghai week leaves tasks out for capacity: one more
    // officer somewhere must bring some back, and the top entry is reproduced exactly.
    let l = load(
        &repo("scenarios/dinghai-week.json"),
        &Shortcuts {
            holiday: vec!["2022-09-15".into()],
            ..Shortcuts::default()
        },
    )
    .expect("loads");
    let scn = &l.scenario;
    let base = plan(scn, &TravelGraph::build(scn), &options())
        .expect("plan")
        .plan;
    assert_valid(scn, &base);
    let b = Stats::from_fields(&base.stats).unwrap();
    assert!(b.unscheduled_priority > 0);
    let list = bottlenecks(scn, &base, &options()).expect("bottlenecks");
    let top = &list[0];
    assert!(top.priority_saved > 0, "{top:?}");
    let more = onedoor_solve::whatif::with_extra_officer(
        scn,
        scn.index.departments[&top.department],
        top.date,
        &scn.horizon.working_dates(),
    );
    let from_base = from_plan(&base);
    let with = plan(&more, &TravelGraph::build(&more), &from_base).expect("plan");
    assert_valid(&more, &with.plan);
    let w = with.stats;
    assert_eq!(
        (
            b.unscheduled_priority as i64 - w.unscheduled_priority as i64,
            b.visits as i64 - w.visits as i64,
            w.scheduled as i64 - b.scheduled as i64
        ),
        (top.priority_saved, top.visits_saved, top.tasks_gained)
    );
}

#[test]
fn cli_whatif_writes_checked_plans_and_json_table() {
    let (dir, base, variant) = fixture();
    let out = dir.path().join("out");
    let stdout = onedoor(args([
        &"whatif",
        &base,
        &variant,
        &"--holiday",
        &"2022-09-14",
        &"--json",
        &"-o",
        &out,
    ]));
    let table: serde_json::Value = serde_json::from_str(&stdout).expect("json table");
    assert_eq!(table["columns"].as_array().map(|c| c.len()), Some(3));
    for (plan_file, scenario) in [("tiny.plan.json", &base), ("short.plan.json", &variant)] {
        // `check` reads variant files as well as plain scenarios.
        onedoor(args([&"check", scenario, &out.join(plan_file)]));
    }
    let with_holiday = load(
        &base,
        &Shortcuts {
            holiday: vec!["2022-09-14".into()],
            ..Shortcuts::default()
        },
    )
    .expect("loads");
    let p = Plan::load(&out.join("shortcuts.plan.json")).expect("shortcut plan written");
    assert_valid(&with_holiday.scenario, &p);
    assert!(p.visits.iter().all(|v| v.date.to_string() != "2022-09-14"));
}

#[test]
fn cli_diff_and_bottlenecks_run() {
    let text = onedoor(args([
        &"diff",
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &repo("tests/fixtures/tiny-poor.plan.json"),
    ]));
    assert!(text.starts_with("2 businesses change visits"), "{text}");

    let dir = tempfile::tempdir().expect("temp dir");
    let written = dir.path().join("dropped.plan.json");
    let text = onedoor(args([
        &"plan",
        &repo("scenarios/tiny.json"),
        &"--bottlenecks",
        &"--drop-inspector",
        &"F2",
        &"-o",
        &written,
    ]));
    // The plan is for the scenario with F2 dropped: check it against that scenario.
    let dropped = load(
        &repo("scenarios/tiny.json"),
        &Shortcuts {
            drop_inspector: vec!["F2".into()],
            ..Shortcuts::default()
        },
    )
    .expect("loads");
    let p = Plan::load(&written).expect("plan written");
    assert_valid(&dropped.scenario, &p);
    assert!(p
        .visits
        .iter()
        .all(|v| v.crew.iter().all(|c| c.inspector != "F2")));
    assert!(text.contains("bottlenecks"), "{text}");
}

#[test]
fn cli_whatif_bad_variant_exits_2() {
    let (dir, base, _) = fixture();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"extends": "tiny.json", "remove": {"inspectors": ["NOPE"]}}"#,
    )
    .expect("write");
    let result = run(args([&"whatif", &base, &bad]));
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("NOPE"));
}

/// Command-line arguments from strings and paths.
fn args<const N: usize>(list: [&dyn AsRef<std::ffi::OsStr>; N]) -> Vec<OsString> {
    list.iter().map(|a| a.as_ref().to_owned()).collect()
}

/// A written plan file's JSON without its `solver` block.
fn plan_file(path: &Path) -> String {
    without_solver(&Plan::load(path).expect("plan written"))
}

#[test]
fn cli_whatif_variant_is_plan_from_the_base_plan_or_plan_alone_with_fresh() {
    let (dir, base, variant) = fixture();
    for fresh in [false, true] {
        let out = dir.path().join(if fresh { "fresh" } else { "replan" });
        let mut whatif = args([&"whatif", &base, &variant, &"--holiday", &"2022-09-14"]);
        whatif.extend(args([&"-o", &out]));
        if fresh {
            whatif.push("--fresh".into());
        }
        onedoor(&whatif);
        let base_plan = out.join("tiny.plan.json");
        let alone = dir.path().join("alone.plan.json");
        // The variant file, and the shortcut case (the base with a holiday).
        for (written, case) in [
            ("short.plan.json", args([&variant])),
            (
                "shortcuts.plan.json",
                args([&base, &"--holiday", &"2022-09-14"]),
            ),
        ] {
            let mut plan = args([&"plan"]);
            plan.extend(case);
            if !fresh {
                plan.extend(args([&"--from", &base_plan]));
            }
            plan.extend(args([&"-o", &alone]));
            onedoor(&plan);
            assert_eq!(
                plan_file(&out.join(written)),
                plan_file(&alone),
                "{written} (fresh: {fresh})"
            );
        }
    }
}

#[test]
fn replan_keeps_the_dates_that_stay_valid() {
    let l = load(&repo("scenarios/dinghai-week.json"), &Shortcuts::default()).expect("loads");
    let travel = TravelGraph::build(&l.scenario);
    let base = plan(&l.scenario, &travel, &options()).expect("plan").plan;
    assert_valid(&l.scenario, &base);
    // Re-planning the unchanged week from its own plan moves no task.
    let from_base = from_plan(&base);
    let same = plan(&l.scenario, &travel, &from_base)
        .expect("re-plan")
        .plan;
    assert_valid(&l.scenario, &same);
    assert_eq!(Start::from_plan(&same), Start::from_plan(&base));
    // A Thursday holiday: only Thursday's tasks need a new date; the re-plan moves at
    // most half as many others (to merge with them or make room), and none onto Thursday.
    let holiday = load(
        &repo("scenarios/dinghai-week.json"),
        &Shortcuts {
            holiday: vec!["2022-09-15".into()],
            ..Shortcuts::default()
        },
    )
    .expect("loads");
    let travel = TravelGraph::build(&holiday.scenario);
    let re = plan(&holiday.scenario, &travel, &from_base).expect("re-plan");
    assert_valid(&holiday.scenario, &re.plan);
    let date_of = |p: &Plan| -> std::collections::BTreeMap<String, String> {
        p.visits
            .iter()
            .flat_map(|v| v.tasks.iter().map(move |t| (t.clone(), v.date.to_string())))
            .collect()
    };
    let (before, after) = (date_of(&base), date_of(&re.plan));
    let thursday = before.values().filter(|d| *d == "2022-09-15").count();
    let moved_others = before
        .iter()
        .filter(|(t, d)| *d != "2022-09-15" && after.get(*t).is_some_and(|a| a != *d))
        .count();
    assert!(thursday > 0);
    assert!(
        moved_others * 2 <= thursday,
        "{moved_others} tasks off Thursday moved (Thursday had {thursday})"
    );
    assert!(after.values().all(|d| d != "2022-09-15"));
}

#[test]
fn cli_plan_from_an_unreadable_plan_exits_2_and_writes_nothing() {
    let (dir, base, _) = fixture();
    let bad = dir.path().join("bad.plan.json");
    std::fs::write(&bad, r#"{"version": 1, "visits": [}"#).expect("write");
    let out = dir.path().join("out.plan.json");
    let result = run(args([&"plan", &base, &"--from", &bad, &"-o", &out]));
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("bad.plan.json"));
    assert!(!out.exists());
}

#[test]
fn cli_plan_from_a_plan_of_another_week_warns_and_still_plans() {
    let (dir, base, _) = fixture();
    let other = dir.path().join("other.plan.json");
    std::fs::write(
        &other,
        r#"{"version": 1, "scenario": "another week", "visits": [], "unscheduled": [], "stats": {}, "solver": {}}"#,
    )
    .expect("write");
    let out = dir.path().join("out.plan.json");
    let result = run(args([&"plan", &base, &"--from", &other, &"-o", &out]));
    assert_eq!(result.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("0 of the scenario's 13 tasks"), "{stderr}");
    assert!(stderr.contains("warning: no task id"), "{stderr}");
    let l = load(&base, &Shortcuts::default()).expect("loads");
    assert_valid(&l.scenario, &Plan::load(&out).expect("plan written"));
}

#[test]
fn a_variant_that_changes_nothing_shows_no_change() {
    // The re-plan of an unchanged week reproduces the base plan, so every difference in
    // the comparison comes from the change itself.
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("dinghai-week.json");
    std::fs::copy(repo("scenarios/dinghai-week.json"), &base).expect("copy");
    let noop = dir.path().join("noop.json");
    std::fs::write(
        &noop,
        r#"{"extends": "dinghai-week.json", "name": "no change"}"#,
    )
    .expect("write");
    let cases = cases_of(&[&base, &noop]);
    let solved = solve_all(&cases, &options(), false).expect("solves");
    assert_valid(&cases[1].scenario, &solved[1].plan);
    assert_eq!(solved[0].stats, solved[1].stats);
    let mut a = solved[0].plan.clone();
    let mut b = solved[1].plan.clone();
    a.scenario.clear();
    b.scenario.clear();
    assert_eq!(without_solver(&a), without_solver(&b));
    let table = compare(&solved);
    assert!(
        table.rows.iter().all(|(_, values)| values[0] == values[1]),
        "{}",
        comparison_text(&table)
    );
}
