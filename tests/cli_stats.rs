//! `onedoor stats`: the binary on `scenarios/tiny.json`, and the library's report.
//!
//! Expected figures for tiny, worked out by hand from the file (3 working dates,
//! 2022-09-12 mon to 2022-09-14 wed):
//! - T13 (earliest 2022-09-20) has no valid date; every other task has an able,
//!   reachable officer (B5 is on the islet, reached over the B5–pier link), so 12 tasks
//!   are schedulable.
//! - baseline: each of the 12 tasks is the only one of its (business, department) pair
//!   → 12 visits. Lower bound: B1, B2, B3 (T06, T07 share 09-13), B5 (T11, T12 share
//!   09-13) one date each, B4 one date for T08 and T09 plus the non-joinable T10 → 6.
//!   Best saving 6 of 12 = 50.0 %.
//! - demand, fire on 09-13: T01, T04, T06, T09, T11 may happen (5); T11 is pinned there
//!   (must 1, 30 min); share = (40 + 30 + 25) / 3 + 120 / 2 + 30 = 121.67 → 122;
//!   officers F1, F2 (both certified) → 1,080 officer-minutes; load 11.3 %.
//!   Fire on 09-14: F2 is unavailable → 1 officer, 540 min.

use crate::common;

use common::{repo, run};
use onedoor_core::travel::TravelGraph;
use std::path::{Path, PathBuf};
use std::process::Output;
use unicode_width::UnicodeWidthStr;

fn tiny() -> PathBuf {
    repo("scenarios/tiny.json")
}

fn stats_of(path: &Path) -> Output {
    run(["stats".as_ref(), path.as_os_str()])
}

/// The tables of a report: in each blank-line-separated block holding a rule line
/// (only `-` and spaces), the line before the first rule through the block's end.
fn tables(text: &str) -> Vec<Vec<&str>> {
    let is_rule = |l: &str| !l.trim().is_empty() && l.trim().chars().all(|c| c == '-' || c == ' ');
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        if let Some(first) = lines.iter().position(|l| is_rule(l)) {
            assert!(first > 0, "a rule without a header:\n{block}");
            out.push(lines[first - 1..].to_vec());
        }
    }
    out
}

fn assert_aligned(text: &str, expected_tables: usize) {
    let tables = tables(text);
    assert_eq!(tables.len(), expected_tables, "{text}");
    for t in tables {
        let w: Vec<usize> = t.iter().map(|l| l.width()).collect();
        assert!(
            w.iter().all(|&x| x == w[0]),
            "widths {w:?} in\n{}",
            t.join("\n")
        );
    }
}

/// The line of `text` starting (after indentation) with `start`, with runs of spaces
/// collapsed, so tests do not depend on column widths.
fn row(text: &str, start: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in\n{text}"))
}

#[test]
fn stats_tiny_exits_zero_with_the_hand_worked_figures() {
    let out = stats_of(&tiny());
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert!(text.starts_with("Tiny town, week 2022-09-12\n"), "{text}");
    assert!(text.contains("2022-09-12 mon, 2022-09-13 tue, 2022-09-14 wed"));
    assert_eq!(row(&text, "departments"), "departments 4");
    assert_eq!(row(&text, "inspectors"), "inspectors 6 5 certified");
    assert_eq!(row(&text, "businesses"), "businesses 5");
    assert_eq!(row(&text, "tasks "), "tasks 13 1 not joinable, 1 pinned");
    assert_eq!(row(&text, "places"), "places 2");
    assert_eq!(row(&text, "links"), "links 1");
    assert_eq!(row(&text, "zones"), "zones 2 1 separate travel area");

    assert!(text.contains("Tasks no plan can schedule (facts of the scenario): 1\n"));
    assert_eq!(
        row(&text, "no valid date"),
        "no valid date (no_valid_day) 1 T13"
    );
    assert_eq!(row(&text, "no officer"), "no officer (no_officer) 0");
    assert_eq!(row(&text, "unreachable"), "unreachable (unreachable) 0");

    assert!(text.contains("Bounds over the 12 schedulable tasks\n"));
    assert_eq!(
        row(&text, "baseline"),
        "baseline (each department alone) 12"
    );
    assert!(row(&text, "lower bound").starts_with("lower bound (departments pooled) 6 "));
    assert_eq!(
        row(&text, "best possible saving"),
        "best possible saving 6 50.0 % of the baseline"
    );

    // department date may must must-min share officers certified officer-min load.
    // Health: H1 (not certified) and M1 (market, acts for health); T13 has no date.
    for (start, want) in [
        (
            "消防救援大队 2022-09-13",
            "消防救援大队 2022-09-13 tue 5 1 30 122 2 2 1,080 11.3 %",
        ),
        (
            "消防救援大队 2022-09-14",
            "消防救援大队 2022-09-14 wed 4 0 0 92 1 1 540 17.0 %",
        ),
        (
            "消防救援大队 week",
            "消防救援大队 week 5 1 30 245 2,700 9.1 %",
        ),
        (
            "市场监督管理局 2022-09-13",
            "市场监督管理局 2022-09-13 tue 5 1 30 73 2 2 1,080 6.8 %",
        ),
        (
            "卫生健康局 2022-09-12",
            "卫生健康局 2022-09-12 mon 0 0 0 0 2 1 1,080 0.0 %",
        ),
        ("卫生健康局 week", "卫生健康局 week 1 0 0 20 3,240 0.6 %"),
        (
            "公安分局 2022-09-14",
            "公安分局 2022-09-14 wed 1 0 0 7 1 1 540 1.2 %",
        ),
    ] {
        assert_eq!(row(&text, start), want);
    }

    assert_aligned(&text, 4);
}

#[test]
fn stats_is_deterministic() {
    let a = stats_of(&tiny());
    let b = stats_of(&tiny());
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn stats_on_bad_input_exits_two() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "horizon": {"start": "2022-09-12"}}"#,
    )
    .expect("write temp file");
    let out = stats_of(&bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let missing = stats_of(&dir.path().join("missing.json"));
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn library_report_matches_the_binary() {
    let scn = onedoor_core::load_scenario(&tiny()).expect("tiny loads");
    let travel = TravelGraph::build(&scn);
    let text = onedoor::report::stats_report(&scn, &travel);
    assert_eq!(text.as_bytes(), stats_of(&tiny()).stdout.as_slice());
}

/// Every fact reason, and the bounds counting only the schedulable task.
const FACTS: &str = r#"{
  "version": 1,
  "name": "facts",
  "horizon": {"start": "2022-09-12", "end": "2022-09-13"},
  "places": [{"id": "hq", "name": "队部", "location": {"x": 0, "y": 0}}],
  "departments": [{"id": "fire", "name": "消防救援大队"}, {"id": "env", "name": "生态环境分局"}],
  "inspectors": [
    {"id": "F1", "department": "fire", "base": "hq"},
    {"id": "F2", "department": "fire", "base": "hq"}
  ],
  "businesses": [
    {"id": "B1", "location": {"x": 1, "y": 0}},
    {"id": "B2", "zone": "far", "location": {"x": 50, "y": 0}}
  ],
  "tasks": [
    {"id": "T1", "department": "fire", "business": "B1", "minutes": 30},
    {"id": "T2", "department": "env", "business": "B1", "minutes": 30},
    {"id": "T3", "department": "fire", "business": "B2", "minutes": 30},
    {"id": "T4", "department": "fire", "business": "B1", "minutes": 30,
     "earliest": "2022-10-01", "latest": "2022-10-02"}
  ]
}"#;

#[test]
fn library_report_lists_every_fact_reason() {
    let scn = onedoor_core::parse_scenario(FACTS, "facts.json").expect("scenario loads");
    let travel = TravelGraph::build(&scn);
    let text = onedoor::report::stats_report(&scn, &travel);
    assert!(
        text.contains("Tasks no plan can schedule (facts of the scenario): 3\n"),
        "{text}"
    );
    assert_eq!(
        row(&text, "no valid date"),
        "no valid date (no_valid_day) 1 T4"
    );
    assert_eq!(row(&text, "no officer"), "no officer (no_officer) 1 T2");
    assert_eq!(row(&text, "unreachable"), "unreachable (unreachable) 1 T3");
    assert!(
        text.contains("Bounds over the 1 schedulable tasks\n"),
        "{text}"
    );
    assert_eq!(row(&text, "baseline"), "baseline (each department alone) 1");
    assert_eq!(
        row(&text, "best possible saving"),
        "best possible saving 0 0.0 % of the baseline"
    );
    assert_eq!(row(&text, "zones"), "zones 2 2 separate travel areas");
    // Environment has demand but no officer at all.
    assert_eq!(
        row(&text, "生态环境分局 2022-09-12"),
        "生态环境分局 2022-09-12 mon 1 0 0 15 0 0 0 -"
    );
    assert_aligned(&text, 4);
}
