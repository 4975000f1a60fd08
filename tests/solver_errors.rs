//! HiGHS failures never reach a user: the fuzz reproducer that made HiGHS refuse its warm
//! start (travel at 1e-300 km/h, one task cloned 200 times) plans through the command
//! line, the plan is valid, and the fallback to greedy dates is in its `solver` block and,
//! with `--verbose`, on stderr. The unit tests of `onedoor-solve` force every other
//! failure path.

mod common;

use common::{repo, run as onedoor, text};

/// The reproducer (`tests/fixtures/highs-error-speed-1e-300.json`).
const REPRODUCER: &str = "tests/fixtures/highs-error-speed-1e-300.json";

/// Plans the reproducer with `extra` arguments into a temporary file; asserts exit 0 and
/// that `onedoor check` finds the plan valid; returns the plan and the solve's stderr.
fn plan_checked(extra: &[&str]) -> (serde_json::Value, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("x.json");
    let scenario = repo(REPRODUCER);
    let mut args = vec![
        "plan".as_ref(),
        scenario.as_os_str(),
        "-o".as_ref(),
        out_file.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| a.as_ref()));
    let out = onedoor(&args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let check = onedoor(["check".as_ref(), scenario.as_os_str(), out_file.as_os_str()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let plan = std::fs::read_to_string(&out_file).expect("plan written");
    (serde_json::from_str(&plan).expect("plan JSON"), stderr)
}

#[test]
fn the_highs_error_reproducer_plans_within_one_second_limit_and_is_valid() {
    plan_checked(&["--time-limit", "1"]);
}

#[test]
fn the_highs_failure_is_in_the_solver_block_and_on_stderr_with_verbose() {
    // A limit no solve reaches, so that the date ILP runs (it is skipped when time is
    // short).
    let (plan, stderr) = plan_checked(&["--time-limit", "600", "--verbose"]);
    let fallback = plan["solver"]["fallback"]
        .as_str()
        .unwrap_or_else(|| panic!("no solver.fallback in {}", plan["solver"]));
    assert!(fallback.starts_with("greedy dates: "), "{fallback}");
    assert!(fallback.contains("HiGHS"), "{fallback}");
    assert_eq!(plan["solver"]["dates"], "greedy");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("onedoor: greedy dates for part ") && l.contains("HiGHS")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
