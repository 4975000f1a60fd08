//! What-if end to end: the comparison's numbers equal planning each variant alone, the
//! table is deterministic, plans written by `whatif` pass the checker, bottlenecks and
//! `diff` run through the command line.

use onedoor::check::check;
use onedoor::plan::{Plan, Stats};
use onedoor::solve::{plan, Options};
use onedoor::travel::TravelGraph;
use onedoor::variant::{load, Shortcuts};
use onedoor::whatif::{bottlenecks, compare, solve_all, Case};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn options() -> Options {
    Options {
        time_limit: std::time::Duration::from_secs(60),
        ..Options::default()
    }
}

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

fn assert_valid(scn: &onedoor::Scenario, p: &Plan) {
    let travel = TravelGraph::build(scn);
    let report = check(scn, &travel, p);
    assert!(report.is_valid(), "{}", report.render(scn));
}

#[test]
fn comparison_numbers_equal_planning_each_case_alone() {
    let (_dir, base, variant) = fixture();
    let cases: Vec<Case> = [&base, &variant]
        .iter()
        .map(|p| {
            let l = load(p, &Shortcuts::default()).expect("loads");
            Case {
                label: l.scenario.name.clone(),
                scenario: l.scenario,
            }
        })
        .collect();
    let solved = solve_all(&cases, &options()).expect("solves");
    for (case, s) in cases.iter().zip(&solved) {
        assert_valid(&case.scenario, &s.plan);
        let travel = TravelGraph::build(&case.scenario);
        let alone = plan(&case.scenario, &travel, &options()).expect("plan");
        assert_eq!(
            Stats::from_fields(&alone.plan.stats),
            Some(s.stats),
            "{}",
            case.label
        );
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
        )
        .expect("solves"),
    );
    assert_eq!(table.render(), again.render());
    assert!(table.render().contains("officer-hours fire"));
}

#[test]
fn bottlenecks_rank_real_re_solves() {
    let l = load(&repo("scenarios/tiny.json"), &Shortcuts::default()).expect("loads");
    let travel = TravelGraph::build(&l.scenario);
    let base = plan(&l.scenario, &travel, &options()).expect("plan").plan;
    assert_valid(&l.scenario, &base);
    let list = bottlenecks(&l.scenario, &base, &options()).expect("bottlenecks");
    assert!(!list.is_empty());
    // Sorted best first, and each entry is reproducible by adding that officer.
    for w in list.windows(2) {
        assert!(
            (w[0].priority_saved, w[0].visits_saved) >= (w[1].priority_saved, w[1].visits_saved)
        );
    }
    let top = &list[0];
    let k = l.scenario.index.departments[&top.department];
    let more = onedoor::whatif::with_extra_officer(
        &l.scenario,
        k,
        top.date,
        &l.scenario.horizon.working_dates(),
    );
    let with = plan(&more, &TravelGraph::build(&more), &options())
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
}

#[test]
fn cli_whatif_writes_checked_plans_and_json_table() {
    let (dir, base, variant) = fixture();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .arg("whatif")
        .arg(&base)
        .arg(&variant)
        .args(["--holiday", "2022-09-14", "--json", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let table: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json table");
    assert_eq!(table["columns"].as_array().map(|c| c.len()), Some(3));
    for (plan_file, scenario) in [("tiny.plan.json", &base), ("short.plan.json", &variant)] {
        let check = Command::new(env!("CARGO_BIN_EXE_onedoor"))
            .arg("check")
            .arg(scenario)
            .arg(out.join(plan_file))
            .output()
            .expect("runs");
        // `check` reads variant files as well as plain scenarios.
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
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
    let run = Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .arg("diff")
        .arg(repo("scenarios/tiny.json"))
        .arg(repo("tests/fixtures/tiny-good.plan.json"))
        .arg(repo("tests/fixtures/tiny-poor.plan.json"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.starts_with("2 businesses change visits"), "{text}");

    let dir = tempfile::tempdir().expect("temp dir");
    let written = dir.path().join("dropped.plan.json");
    let run = Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .arg("plan")
        .arg(repo("scenarios/tiny.json"))
        .args(["--bottlenecks", "--drop-inspector", "F2", "-o"])
        .arg(&written)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8_lossy(&run.stdout);
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
    let run = Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .arg("whatif")
        .arg(&base)
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("NOPE"));
}
