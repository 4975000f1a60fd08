//! Issue 12: a structural fuzz test of every input onedoor reads — scenarios, plans given
//! to `check`, and variant files — through the library and through the binary.
//!
//! Each case starts from a shipped file (`scenarios/tiny.json`, `scenarios/dinghai-week.json`,
//! `tests/fixtures/tiny-good.plan.json`, or a variant of tiny) and applies one to four
//! mutations: a deleted key, a value of the wrong type, a huge, negative, fractional or
//! special number, a dangling or duplicated id, an odd date or time, a long string,
//! control characters, a moved value, truncation, invalid UTF-8 or a flipped byte.
//! For every case:
//!
//! - nothing panics (the library calls run in this process; the binary must not exit
//!   with 101 or by a signal);
//! - an input error lists one line per problem, with no raw control character, each
//!   naming its JSON place (or, for text that is not JSON or not UTF-8, its line and
//!   column); the binary exits 2 and writes nothing;
//! - a scenario or variant that loads gets a plan the checker accepts (library and binary:
//!   `plan -o` exits 0, then `check` exits 0); a plan that loads is checked without panic,
//!   one line per violation.
//!
//! A case is made from a seed, so a failure names the seed and shows the mutated text.
//! CI runs 256 cases per family, the binary on every eighth; `ONEDOOR_HEAVY=1` runs
//! 1024, `ONEDOOR_FUZZ_CASES=N` runs N. To run a hundred thousand locally (release
//! build, a few hours on 2 cores):
//!
//! ```text
//! ONEDOOR_FUZZ_CASES=100000 cargo test --release --test integration fuzz:: -- --nocapture
//! ```
//!
//! `ONEDOOR_FUZZ_SEED=N` replays one case (the seed a failure printed).

use crate::common;

use onedoor_check::check;
use onedoor_core::error::Problem;
use onedoor_core::plan::Plan;
use onedoor_core::travel::TravelGraph;
use onedoor_core::{InputError, ProblemKind, Scenario};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Command;

thread_local! {
    /// Cases that loaded (and were planned or checked) and cases refused as input errors,
    /// printed at the end of each family (visible with `--nocapture`); per thread, as the
    /// families run in parallel.
    static LOADED: Cell<usize> = const { Cell::new(0) };
    static REFUSED: Cell<usize> = const { Cell::new(0) };
}

fn count(c: &'static std::thread::LocalKey<Cell<usize>>) {
    c.with(|n| n.set(n.get() + 1));
}

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn read(p: &str) -> Value {
    let text = std::fs::read_to_string(repo(p)).expect("shipped file");
    serde_json::from_str(&text).expect("shipped JSON")
}

/// Cases per family: `ONEDOOR_FUZZ_CASES`, else 1024 with `ONEDOOR_HEAVY=1`, else 256.
fn cases() -> u32 {
    std::env::var("ONEDOOR_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if common::heavy() { 1024 } else { 256 })
}

/// The binary runs on every `BINARY_EVERY`-th case (by seed).
const BINARY_EVERY: u64 = 8;

// ---------------------------------------------------------------------------------------
// Mutations

const HUGE: &[&str] = &[
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "-1",
    "-2147483648",
    "0",
    "1e308",
    "-1e308",
    "1e-300",
    "0.5",
    "20.0",
    "1441",
    "1440",
    "100000",
];

const ODD_STRINGS: &[&str] = &[
    "+022-09-13",
    " 022-09-14",
    "-001-01-01",
    "2022-02-30",
    "2022-9-1",
    "0000-01-01",
    "9999-12-31",
    "2022-09-12T08:00",
    "24:00",
    "23:59",
    "00:00",
    "8:5",
    "-1:00",
    "",
    " ",
    "nope",
    "\u{1b}[2J\u{1b}[31mred",
    "a\r\nb",
    "tab\there",
    "nul\u{0}byte",
    "\u{85}\u{2028}\u{202e}",
    "消防",
];

/// Every path (object keys and array positions) to a value in `v`, root included.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                here.push(Step::Key(k.clone()));
                paths(c, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(c, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match (s, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// All string values that look like ids (values of keys naming something).
fn ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                if let Value::String(s) = c {
                    if matches!(
                        k.as_str(),
                        "id" | "department" | "business" | "base" | "task" | "inspector"
                    ) {
                        out.push(s.clone());
                    }
                }
                ids(c, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| ids(c, out)),
        _ => {}
    }
}

/// A path whose value satisfies `want`, or any path below the root when none does.
fn choose(
    rng: &mut ChaCha8Rng,
    v: &Value,
    all: &[Vec<Step>],
    want: impl Fn(&Value) -> bool,
) -> Vec<Step> {
    let mut v = v.clone();
    let fitting: Vec<&Vec<Step>> = all
        .iter()
        .filter(|p| !p.is_empty() && at(&mut v, p).is_some_and(|x| want(x)))
        .collect();
    if fitting.is_empty() {
        pick(rng, all).clone()
    } else {
        (*pick(rng, &fitting)).clone()
    }
}

/// One structural mutation of the tree; the target is drawn among the values the
/// mutation suits (numbers for huge numbers, strings for odd dates, …).
fn mutate_tree(rng: &mut ChaCha8Rng, v: &mut Value) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let mut known = Vec::new();
    ids(v, &mut known);
    let op = rng.random_range(0..10);
    let path = match op {
        1 => choose(rng, v, &all, |_| true)
            .into_iter()
            .rev()
            .skip_while(|s| matches!(s, Step::Key(_)))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect(),
        2 => choose(rng, v, &all, Value::is_object),
        3 | 4 => choose(rng, v, &all, Value::is_number),
        6..=9 => choose(rng, v, &all, Value::is_string),
        _ => choose(rng, v, &all, |_| true),
    };
    if op == 0 {
        // Delete a key (or an array element).
        if let Some((last, parent)) = path.split_last() {
            match (last, at(v, parent)) {
                (Step::Key(k), Some(Value::Object(m))) => {
                    m.shift_remove(k);
                }
                (Step::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                    a.remove(*i);
                }
                _ => {}
            }
        }
        return;
    }
    if op == 1 {
        // Duplicate an array element (duplicate ids, repeated entries).
        if let Some((Step::Index(i), parent)) = path.split_last() {
            if let Some(Value::Array(a)) = at(v, parent) {
                if let Some(x) = a.get(*i).cloned() {
                    a.push(x);
                }
            }
        }
        return;
    }
    if op == 2 {
        // Move a value to another key of an object (a typo'd or misplaced field).
        if let Some(Value::Object(m)) = at(v, &path) {
            let key = pick(
                rng,
                &[
                    "minutes", "date", "id", "extends", "horizon", "x", "priority", "prority",
                ],
            );
            let value = m.values().next().cloned().unwrap_or(Value::Null);
            m.insert((*key).to_owned(), value);
        }
        return;
    }
    let Some(target) = at(v, &path) else { return };
    *target = match op {
        3 | 4 => {
            let text = pick(rng, HUGE);
            serde_json::from_str(text).unwrap_or(Value::Null)
        }
        5 => match rng.random_range(0..6) {
            0 => Value::Null,
            1 => Value::Bool(true),
            2 => Value::String("30".into()),
            3 => Value::Array(vec![]),
            4 => serde_json::json!({}),
            _ => serde_json::json!(-7),
        },
        6 | 7 => Value::String((*pick(rng, ODD_STRINGS)).to_owned()),
        8 => {
            // A dangling id, or another list's id.
            if known.is_empty() || rng.random_bool(0.5) {
                Value::String("NO-SUCH-ID".into())
            } else {
                Value::String(pick(rng, &known).clone())
            }
        }
        _ => {
            let n = *pick(rng, &[300, 5_000, 100_000]);
            let c = *pick(rng, &['x', '消', '\u{1b}']);
            Value::String(std::iter::repeat_n(c, n).collect())
        }
    };
}

/// One byte-level mutation of the text.
fn mutate_bytes(rng: &mut ChaCha8Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    let at = rng.random_range(0..bytes.len());
    match rng.random_range(0..4) {
        0 => bytes.truncate(at),
        1 => bytes.insert(at, *pick(rng, &[0xff, 0xc3, 0x80, 0xed, 0xfe])),
        2 => bytes[at] ^= 1 << rng.random_range(0..8),
        _ => bytes
            .splice(at..at, b"\"a\": 1, \"a\": 2,".iter().copied())
            .for_each(drop),
    }
}

/// A mutated file from `base`: tree mutations, and now and then a byte mutation.
fn mutated(seed: u64, base: &Value) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut v = base.clone();
    for _ in 0..rng.random_range(1..=3) {
        mutate_tree(&mut rng, &mut v);
    }
    let mut bytes = serde_json::to_vec_pretty(&v).expect("serialises");
    if rng.random_bool(0.15) {
        mutate_bytes(&mut rng, &mut bytes);
    }
    bytes
}

// ---------------------------------------------------------------------------------------
// Assertions

/// The whole-file kinds may leave the JSON place empty; their message locates the
/// problem by line and column instead (or it concerns the file as a whole).
fn names_a_place(p: &Problem) -> bool {
    !p.place.is_empty()
        || p.to_string().starts_with("(root): ")
        || match p.kind {
            ProblemKind::Syntax | ProblemKind::Encoding => {
                p.message.contains("line ") && p.message.contains("column ")
            }
            ProblemKind::Io => true,
            _ => false,
        }
}

fn no_raw_controls(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() && c != '\n')
}

fn assert_input_error(e: &InputError) -> Result<(), TestCaseError> {
    count(&REFUSED);
    prop_assert!(!e.problems.is_empty(), "an input error without problems");
    for p in &e.problems {
        let line = p.to_string();
        prop_assert!(
            !line.contains('\n') && no_raw_controls(&line),
            "not one clean line: {line:?}"
        );
        prop_assert!(names_a_place(p), "names no place: {line:?}");
    }
    let all = e.to_string();
    prop_assert_eq!(all.lines().count(), e.problems.len() + 1, "{}", all);
    Ok(())
}

/// What the binary prints on exit 2: a header, then one line per problem, each ending
/// with its code.
fn assert_error_output(stderr: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        no_raw_controls(stderr),
        "raw control characters: {stderr:?}"
    );
    let mut lines = stderr.lines().filter(|l| !l.starts_with("note: "));
    let header = lines.next().unwrap_or_default();
    prop_assert!(header.starts_with("onedoor: error: "), "{stderr}");
    for l in lines {
        prop_assert!(
            (l.starts_with("  ") && l.ends_with(']')) || l.starts_with("onedoor: error: "),
            "not one problem per line: {l:?}\n{stderr}"
        );
    }
    Ok(())
}

fn solve_checked(scn: &Scenario) -> Result<(), TestCaseError> {
    count(&LOADED);
    let travel = TravelGraph::build(scn);
    let _ = onedoor::report::stats_report(scn, &travel);
    let options = onedoor_solve::Options {
        time_limit: std::time::Duration::from_secs(5),
        threads: Some(1),
        search_rounds: Some(2),
        ..Default::default()
    };
    let outcome = onedoor_solve::plan(scn, &travel, &options)
        .map_err(|e| TestCaseError::fail(format!("solve failed: {e}")))?;
    let report = check(scn, &outcome.plan);
    prop_assert!(
        report.is_valid(),
        "{}",
        onedoor::report::check_report(&report)
    );
    Ok(())
}

fn onedoor(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .args(args)
        .output()
        .expect("runs")
}

/// `plan FILE -o OUT`: exit 2 writes nothing and prints located problems; exit 0 writes
/// a plan that `check` accepts.
fn binary_plan(file: &Path, dir: &Path) -> Result<(), TestCaseError> {
    let out = dir.join("out.plan.json");
    let r = onedoor(&[
        "plan".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--time-limit".as_ref(),
        "3".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    match r.status.code() {
        Some(0) => {
            let c = onedoor(&["check".as_ref(), file.as_os_str(), out.as_os_str()]);
            prop_assert_eq!(
                c.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&c.stdout)
            );
        }
        Some(2) => {
            prop_assert!(!out.exists(), "exit 2 wrote {}", out.display());
            assert_error_output(&stderr)?;
        }
        other => prop_assert!(false, "plan exited {other:?}: {stderr}"),
    }
    Ok(())
}

/// Runs `family` on `cases()` seeds (or the one in `ONEDOOR_FUZZ_SEED`), showing the
/// seed and the mutated text of a failing case.
fn run(family: &str, case: impl Fn(u64) -> Result<(), TestCaseError>) {
    if let Some(seed) = std::env::var("ONEDOOR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        case(seed).unwrap_or_else(|e| panic!("{family}, seed {seed}: {e}"));
        return;
    }
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        // A seed's neighbours are unrelated cases: report the failing seed itself.
        max_shrink_iters: 0,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&any::<u64>(), |seed| {
        case(seed).map_err(|e| TestCaseError::fail(format!("{family}, seed {seed}: {e}")))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "fuzz {family}: {} cases, {} loaded, {} refused as input errors",
        cases(),
        LOADED.with(|n| n.replace(0)),
        REFUSED.with(|n| n.replace(0))
    );
}

fn preview(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    s.chars().take(3000).collect()
}

// ---------------------------------------------------------------------------------------
// The three families

#[test]
fn fuzz_scenarios() {
    let tiny = read("scenarios/tiny.json");
    let dinghai = read("scenarios/dinghai-week.json");
    run("scenario", |seed| {
        // One case in eight starts from Dinghai (loading and stats only: planning a week
        // of 260 tasks in a debug build would cost seconds per case).
        let from_dinghai = seed % 8 == 3;
        let base = if from_dinghai { &dinghai } else { &tiny };
        let bytes = mutated(seed, base);
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("scenario.json");
        std::fs::write(&file, &bytes).expect("write");
        let shown = || preview(&bytes);
        match onedoor_core::load_scenario(&file) {
            Err(e) => assert_input_error(&e)
                .map_err(|f| TestCaseError::fail(format!("{f}\ninput:\n{}", shown())))?,
            Ok(scn) if from_dinghai => {
                count(&LOADED);
                let travel = TravelGraph::build(&scn);
                let _ = onedoor::report::stats_report(&scn, &travel);
            }
            Ok(scn) => solve_checked(&scn)
                .map_err(|f| TestCaseError::fail(format!("{f}\ninput:\n{}", shown())))?,
        }
        if seed % BINARY_EVERY == 0 {
            binary_plan(&file, dir.path())
                .map_err(|f| TestCaseError::fail(format!("{f}\ninput:\n{}", shown())))?;
        }
        Ok(())
    });
}

#[test]
fn fuzz_plans_given_to_check() {
    let scn = onedoor_core::load_scenario(&repo("scenarios/tiny.json")).expect("tiny");
    let good = read("tests/fixtures/tiny-good.plan.json");
    run("plan", |seed| {
        let bytes = mutated(seed, &good);
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("mutated.plan.json");
        std::fs::write(&file, &bytes).expect("write");
        let fail =
            |f: TestCaseError| TestCaseError::fail(format!("{f}\ninput:\n{}", preview(&bytes)));
        match Plan::load(&file) {
            Err(e) => assert_input_error(&e).map_err(fail)?,
            Ok(plan) => {
                count(&LOADED);
                let report = check(&scn, &plan);
                let text = onedoor::report::check_report(&report);
                prop_assert!(no_raw_controls(&text), "{text:?}");
                if report.is_valid() {
                    prop_assert_eq!(text.lines().last(), Some("valid"), "{}", text);
                } else {
                    let violation_lines = text.lines().take_while(|l| !l.is_empty()).count();
                    prop_assert_eq!(violation_lines, report.violations.len(), "{}", text);
                }
            }
        }
        if seed % BINARY_EVERY == 0 {
            let r = onedoor(&[
                "check".as_ref(),
                repo("scenarios/tiny.json").as_os_str(),
                file.as_os_str(),
            ]);
            let stderr = String::from_utf8_lossy(&r.stderr);
            let stdout = String::from_utf8_lossy(&r.stdout);
            match r.status.code() {
                Some(0) | Some(1) => prop_assert!(no_raw_controls(&stdout), "{stdout:?}"),
                Some(2) => assert_error_output(&stderr).map_err(fail)?,
                other => prop_assert!(false, "check exited {other:?}: {stderr}"),
            }
        }
        Ok(())
    });
}

#[test]
fn fuzz_variant_files() {
    let variant: Value = serde_json::json!({
        "extends": "tiny.json",
        "name": "Tiny without F2, Thursday off",
        "remove": {"inspectors": ["F2"], "tasks": ["T13"]},
        "upsert": {
            "tasks": [{"id": "T14", "department": "fire", "business": "B1", "minutes": 30}],
            "departments": [{"id": "tax", "name": "Tax"}]
        },
        "set": {
            "horizon": {"holidays": ["2022-09-15"]},
            "rules": {"min_certified_per_visit": 2, "max_visit_minutes": null},
            "travel": {"speed_kmh": 25}
        }
    });
    let tiny = std::fs::read(repo("scenarios/tiny.json")).expect("tiny");
    // The unmutated variant is valid: mutations start from a working file.
    {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("tiny.json"), &tiny).expect("write");
        let file = dir.path().join("v.json");
        std::fs::write(&file, variant.to_string()).expect("write");
        let l = onedoor_core::variant::load(&file, &Default::default()).expect("variant loads");
        assert!(l.scenario.tasks.iter().any(|t| t.id == "T14"));
    }
    run("variant", |seed| {
        let mut bytes = mutated(seed, &variant);
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("tiny.json"), &tiny).expect("write");
        // Now and then the variant extends itself or a second variant (cycles, chains).
        if seed % 16 == 5 {
            bytes = br#"{"extends": "v.json"}"#.to_vec();
        } else if seed % 16 == 9 {
            std::fs::write(
                dir.path().join("w.json"),
                br#"{"extends": "v.json", "name": "w"}"#,
            )
            .expect("write");
            bytes = String::from_utf8_lossy(&bytes)
                .replace("\"tiny.json\"", "\"w.json\"")
                .into_bytes();
        }
        let file = dir.path().join("v.json");
        std::fs::write(&file, &bytes).expect("write");
        let fail =
            |f: TestCaseError| TestCaseError::fail(format!("{f}\ninput:\n{}", preview(&bytes)));
        match onedoor_core::variant::load(&file, &Default::default()) {
            Err(e) => assert_input_error(&e).map_err(fail)?,
            Ok(l) => solve_checked(&l.scenario).map_err(fail)?,
        }
        if seed % BINARY_EVERY == 0 {
            binary_plan(&file, dir.path()).map_err(fail)?;
        }
        Ok(())
    });
}
