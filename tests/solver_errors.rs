//! HiGHS failures never reach a user: the fuzz reproducer that made HiGHS refuse its warm
//! start (travel at 1e-300 km/h, one task cloned 200 times; `plan` exited 101) plans
//! through the command line and the plan is valid. The unit tests of `onedoor-solve`
//! force every HiGHS failure path and check the fallback in the `solver` block.

use crate::common;

use common::{repo, run as onedoor, text};

/// The reproducer (`tests/fixtures/highs-error-speed-1e-300.json`).
const REPRODUCER: &str = "tests/fixtures/highs-error-speed-1e-300.json";

/// Plans the reproducer with `extra` arguments into a temporary file; asserts exit 0 and
/// that `onedoor check` finds the plan valid; returns the plan and the solve's stderr.
fn plan_checked(extra: &[&str]) -> (serde_json::Value, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("x.json");
    let scenario = repo(REPRODUCER);
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "plan".as_ref(),
        scenario.as_os_str(),
        "-o".as_ref(),
        out_file.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
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
fn the_reproducer_keeps_greedy_dates_without_a_panic_with_verbose() {
    // Its 200 clones sit at one business, so every task of the part is fixed load and
    // the date ILP has no column: HiGHS refused the warm start of that empty model. The
    // part now keeps its greedy dates without calling HiGHS (the unit tests of
    // `onedoor-solve` force each HiGHS failure and check `solver.fallback`).
    let (plan, stderr) = plan_checked(&["--time-limit", "600", "--verbose"]);
    assert_eq!(plan["solver"]["dates"], "greedy", "{}", plan["solver"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
