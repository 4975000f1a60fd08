//! `--effort`: more rounds of every improvement search, deterministically — the same
//! bytes whatever the thread count, a valid plan never worse than effort 1, and bad values
//! refused with exit code 2. `--search-for`: more search until a time, recorded in the
//! plan, never worse than without.

use crate::common;
use onedoor_core::json::Json;
use onedoor_solve::Options;

/// The first objective levels of a plan: priority tasks left out, then visits.
fn key(s: &onedoor_core::plan::Stats) -> (u64, u64) {
    (s.unscheduled_priority, s.visits)
}

#[test]
fn effort_is_deterministic_across_threads() {
    // The solver block's seconds and threads differ by run; everything else must not.
    let plan = |threads: &str| {
        let out = common::run_ok([
            "plan",
            "scenarios/dinghai-scarce.json",
            "--json",
            "--effort",
            "2",
            "--threads",
            threads,
        ]);
        out.lines()
            .filter(|l| !l.contains("\"seconds\"") && !l.contains("\"threads\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(plan("1"), plan("2"));
}

#[test]
fn effort_is_valid_and_never_worse() {
    // Scarce district weeks (15 % certified) leave priority out at effort 1: there the
    // searches have room to act.
    let scarce = |seed| {
        let text =
            onedoor_generate::generate_with(onedoor_generate::Preset::District, seed, Some(0.15));
        (
            format!("scarce district seed {seed}"),
            onedoor_core::parse_scenario(&text, "d").expect("loads"),
        )
    };
    let weeks = [
        ("tiny".to_owned(), common::scenario("tiny.json")),
        (
            "dinghai-week".to_owned(),
            common::scenario("dinghai-week.json"),
        ),
        scarce(1),
    ];
    for (name, scn) in weeks {
        let base = common::solve_checked(&scn, &common::options());
        let more = common::solve_checked(
            &scn,
            &Options {
                effort: 2,
                ..common::options()
            },
        );
        assert_eq!(
            more.plan.solver.get("effort"),
            Some(&Json::Int(2)),
            "{name}"
        );
        assert_eq!(
            base.plan.solver.get("effort"),
            None,
            "{name}: effort 1 is not written"
        );
        eprintln!(
            "{name}: effort 1 {:?}, effort 2 {:?}",
            key(&base.stats),
            key(&more.stats)
        );
        assert!(
            key(&more.stats) <= key(&base.stats),
            "{name}: effort 2 {:?} worse than effort 1 {:?}",
            key(&more.stats),
            key(&base.stats)
        );
    }
}

#[test]
fn bad_effort_is_refused() {
    for bad in ["0", "-1", "abc"] {
        let out = common::run(["plan", "scenarios/tiny.json", &format!("--effort={bad}")]);
        assert_eq!(out.status.code(), Some(2), "--effort {bad}");
        assert!(
            common::text(&out.stderr).contains("--effort"),
            "--effort {bad}: {}",
            common::text(&out.stderr)
        );
    }
}

#[test]
fn search_for_keeps_improving_and_says_so() {
    // dinghai-week is at its lower bound on the first two levels: more search can only
    // shorten routes. The plan records the seconds given and is never worse.
    let scn = common::scenario("dinghai-week.json");
    let base = common::solve_checked(&scn, &common::options());
    let longer = common::solve_checked(
        &scn,
        &Options {
            search_for: Some(std::time::Duration::from_secs(1)),
            ..common::options()
        },
    );
    assert_eq!(
        longer.plan.solver.get("search_for"),
        Some(&Json::Float(1.0))
    );
    assert_eq!(base.plan.solver.get("search_for"), None);
    let objective = |s: &onedoor_core::plan::Stats| {
        (
            s.unscheduled_priority,
            s.visits,
            s.officer_visits,
            s.travel_minutes,
        )
    };
    eprintln!(
        "dinghai-week: default {:?}, --search-for 1 {:?}",
        objective(&base.stats),
        objective(&longer.stats)
    );
    assert!(objective(&longer.stats) <= objective(&base.stats));
}

#[test]
fn search_for_from_the_command_line() {
    let out = common::run_ok([
        "plan",
        "scenarios/tiny.json",
        "--json",
        "--search-for",
        "0.5",
    ]);
    assert!(out.contains("\"search_for\": 0.5"), "{out}");
    // The summary says what search was asked for beside the solver's time.
    let summary = common::run_ok([
        "plan",
        "scenarios/tiny.json",
        "--effort",
        "2",
        "--search-for",
        "0.5",
    ]);
    let line = summary
        .lines()
        .find(|l| l.trim_start().starts_with("solver"))
        .unwrap_or_default();
    assert!(line.contains("effort 2; searched for 0.5 s; "), "{summary}");
    let plain = common::run_ok(["plan", "scenarios/tiny.json"]);
    assert!(
        !plain.contains("searched for") && !plain.contains("effort"),
        "{plain}"
    );
    let bad = common::run(["plan", "scenarios/tiny.json", "--search-for", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(common::text(&bad.stderr).contains("--search-for"));
}
