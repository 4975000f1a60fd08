//! Support shared by the integration tests: paths in the repository, the checked-in
//! fixtures, running the `onedoor` binary, and "solve then check" (every plan a test makes
//! goes through the referee).
//!
//! `tests/integration.rs` declares it once; each test file takes it with `use crate::common;`.

use onedoor_check::check;
use onedoor_core::plan::Plan;
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use onedoor_solve::{plan, Options, Outcome};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's top folder (the `onedoor` package).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path inside the repository, e.g. `repo("scenarios/tiny.json")`.
pub fn repo(path: &str) -> PathBuf {
    root().join(path)
}

/// A checked-in scenario, by file name (`scenarios/NAME`).
pub fn scenario(name: &str) -> Scenario {
    let path = repo("scenarios").join(name);
    onedoor_core::load_scenario(&path).unwrap_or_else(|e| panic!("{name} loads: {e}"))
}

/// `scenarios/tiny.json`.
pub fn tiny() -> Scenario {
    scenario("tiny.json")
}

/// The text of a fixture file (`tests/fixtures/NAME`).
pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(repo("tests/fixtures").join(name))
        .unwrap_or_else(|e| panic!("fixture {name} reads: {e}"))
}

/// A fixture plan (`tests/fixtures/NAME`).
pub fn fixture(name: &str) -> Plan {
    Plan::parse(&fixture_text(name), name).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The hand-made valid plan for tiny.json.
pub fn good() -> Plan {
    fixture("tiny-good.plan.json")
}

/// A valid but worse plan for tiny.json.
pub fn poor() -> Plan {
    fixture("tiny-poor.plan.json")
}

/// Runs the `onedoor` binary with `args` in the repository's top folder.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the onedoor binary runs")
}

/// Runs the binary, asserts exit code 0 and returns stdout.
pub fn run_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Bytes of stdout or stderr as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Solve options for tests: a time limit long enough never to be reached, so that plans
/// depend on the work limits only.
pub fn options() -> Options {
    Options {
        time_limit: std::time::Duration::from_secs(60),
        ..Options::default()
    }
}

/// Asserts the referee finds nothing wrong with `plan`.
pub fn assert_valid(scn: &Scenario, plan: &Plan) {
    let report = check(scn, plan);
    assert!(
        report.is_valid(),
        "plan for {} has violations:\n{}",
        scn.name,
        onedoor::report::check_report(&report)
    );
}

/// Solve then check: plans with `options`, asserts the plan is valid and accounts for
/// every task, and returns the outcome.
pub fn solve_checked(scn: &Scenario, options: &Options) -> Outcome {
    let travel = TravelGraph::build(scn);
    let outcome = plan(scn, &travel, options).expect("plan");
    assert_valid(scn, &outcome.plan);
    let placed: usize = outcome.plan.visits.iter().map(|v| v.tasks.len()).sum();
    assert_eq!(
        placed + outcome.plan.unscheduled.len(),
        scn.tasks.len(),
        "every task is in the plan"
    );
    outcome
}

/// Whether the heavy test suites run in full: `ONEDOOR_HEAVY=1` (any value but empty or
/// `0`). Without it they run a fixed sample that still reaches every path (each suite's
/// docs say which); CI runs the sample.
pub fn heavy() -> bool {
    std::env::var("ONEDOOR_HEAVY").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Unscheduled priority of keeping the announced plan's history and its still-valid
/// visits from `from` on, and nothing else: the most a re-plan may leave out.
pub fn keep_only_priority(scn: &Scenario, announced: &Plan, from: chrono::NaiveDate) -> u64 {
    let (mut visits, later): (
        Vec<onedoor_core::plan::Visit>,
        Vec<onedoor_core::plan::Visit>,
    ) = announced
        .visits
        .iter()
        .cloned()
        .partition(|v| v.date < from);
    visits.extend(later);
    let ordered = Plan {
        visits,
        ..announced.clone()
    };
    let keep = onedoor_check::keepable(scn, &ordered);
    let kept: std::collections::BTreeSet<&str> = ordered
        .visits
        .iter()
        .zip(&keep)
        .filter(|(v, k)| **k || v.date < from)
        .flat_map(|(v, _)| v.tasks.iter().map(String::as_str))
        .collect();
    scn.tasks
        .iter()
        .filter(|t| !kept.contains(t.id.as_str()))
        .map(|t| u64::from(t.priority))
        .sum()
}

/// Every file under `dir`, relative, with its bytes.
pub fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir reads") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("file reads"));
            }
        }
    }
    out
}

/// `Authorization: Basic …` for a test's own requests to the desk's API.
pub fn basic(name: &str, password: &str) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{name}:{password}").into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

/// The whole body of a desk's answer (exports and reports run to megabytes; ureq's default
/// cap is 10 MB).
pub fn body(r: &mut ureq::http::Response<ureq::Body>) -> Vec<u8> {
    r.body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .expect("body")
}
