//! Measures `onedoor replan` against a fresh plan of the changed week: how many announced
//! tasks each disturbs, and what each leaves out.
//!
//! ```text
//! cargo run --release --example disruption
//! ```
//!
//! Instances: `scenarios/dinghai-week.json` and the `district` preset with seeds 1–5.
//! For each, the week is planned from scratch (the announced plan) and re-planned from
//! its third working date (`from`) after each change below, derived from the instance
//! itself so that nothing is tuned to a file:
//!
//! - `ill`: the officer with the most crew entries from `from` on is unavailable from
//!   `from` to the end of the horizon;
//! - `urgent`: a non-joinable task of priority 9 for the department with the most tasks,
//!   at the business with the most tasks, valid only on the working date after `from`;
//! - `closed`: the business of the first joint visit on the date after `from` is closed
//!   that date;
//! - `holiday`: the date after `from` becomes a holiday.
//!
//! Each change is planned twice: `replan` (history before `from` kept, announced visits
//! moved as little as possible) and a fresh `plan` of the changed week (which moves
//! anything, the past included). Printed as a markdown table: disrupted tasks (announced
//! on or after `from`, whose date, start or visit-mates changed, or left out) and
//! unscheduled priority of each, and the seconds. Every re-plan is checked; the example
//! exits with status 1 if one is invalid.

mod common;

use chrono::NaiveDate;
use onedoor_core::changes::disrupted;
use onedoor_core::plan::Plan;
use onedoor_core::travel::TravelGraph;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use onedoor_solve::{plan, replan, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn options() -> Options {
    Options {
        time_limit: Duration::from_secs(60),
        ..Options::default()
    }
}

/// The changes measured, as (name, scenario file of the changed week).
fn changes(
    base: &Path,
    scn: &Scenario,
    announced: &Plan,
    from: NaiveDate,
    next: NaiveDate,
    dir: &Path,
) -> Vec<(&'static str, Scenario)> {
    let mut out = Vec::new();
    let load_with = |s: Shortcuts| load(base, &s).map(|l| l.scenario);
    // ill
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in announced.visits.iter().filter(|v| v.date >= from) {
        for c in &v.crew {
            *counts.entry(c.inspector.as_str()).or_default() += 1;
        }
    }
    if let Some((ill, _)) = counts
        .iter()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
    {
        let days: Vec<String> = scn
            .horizon
            .start
            .iter_days()
            .take_while(|d| *d <= scn.horizon.end)
            .filter(|d| *d >= from)
            .map(|d| format!("{ill}:{d}"))
            .collect();
        if let Ok(s) = load_with(Shortcuts {
            unavailable: days,
            ..Shortcuts::default()
        }) {
            out.push(("ill", s));
        }
    }
    // urgent
    let most = |key: &dyn Fn(&onedoor_core::scenario::Task) -> String| {
        let mut n: BTreeMap<String, usize> = BTreeMap::new();
        for t in &scn.tasks {
            *n.entry(key(t)).or_default() += 1;
        }
        n.into_iter()
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(k.clone())))
            .map(|(k, _)| k)
    };
    let dept = most(&|t| scn.department(t.department).id.clone());
    let biz = most(&|t| scn.business(t.business).id.clone());
    if let (Some(dept), Some(biz)) = (dept, biz) {
        let variant = dir.join("urgent.json");
        let text = serde_json::json!({
            "extends": base.display().to_string(),
            "upsert": {"tasks": [{
                "id": "URGENT", "department": dept, "business": biz, "minutes": 40,
                "officers": 1, "priority": 9, "joinable": false,
                "earliest": next.to_string(), "latest": next.to_string()
            }]}
        });
        if std::fs::write(&variant, text.to_string()).is_ok() {
            if let Ok(l) = load(&variant, &Shortcuts::default()) {
                out.push(("urgent", l.scenario));
            }
        }
    }
    // closed
    if let Some(v) = announced
        .visits
        .iter()
        .find(|v| v.date == next && v.tasks.len() > 1)
    {
        if let Ok(s) = load_with(Shortcuts {
            close: vec![format!("{}:{next}", v.business)],
            ..Shortcuts::default()
        }) {
            out.push(("closed", s));
        }
    }
    // holiday
    if let Ok(s) = load_with(Shortcuts {
        holiday: vec![next.to_string()],
        ..Shortcuts::default()
    }) {
        out.push(("holiday", s));
    }
    out
}

fn main() -> ExitCode {
    common::exit_code(run())
}

fn run() -> anyhow::Result<bool> {
    let dir = std::env::temp_dir().join(format!("onedoor-disruption-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut instances: Vec<(String, PathBuf)> =
        vec![("Dinghai".into(), root.join("scenarios/dinghai-week.json"))];
    for seed in 1..=5 {
        let path = dir.join(format!("district-{seed}.json"));
        std::fs::write(&path, generate(Preset::District, seed))?;
        instances.push((format!("district-{seed}"), path));
    }
    println!("| instance | change | announced tasks from `from` | replan: disrupted | replan: unscheduled priority | fresh: disrupted | fresh: unscheduled priority | replan s | fresh s |");
    println!("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    let mut valid = true;
    for (name, path) in &instances {
        let scn = load(path, &Shortcuts::default())?.scenario;
        let announced = plan(&scn, &TravelGraph::build(&scn), &options())?.plan;
        let mut dates: Vec<NaiveDate> = announced.visits.iter().map(|v| v.date).collect();
        dates.sort();
        dates.dedup();
        let (Some(&from), Some(&next)) = (dates.get(2), dates.get(3)) else {
            continue;
        };
        let before: usize = announced
            .visits
            .iter()
            .filter(|v| v.date >= from)
            .map(|v| v.tasks.len())
            .sum();
        for (change, changed) in changes(path, &scn, &announced, from, next, &dir) {
            let travel = TravelGraph::build(&changed);
            let t = Instant::now();
            let r = replan(&changed, &travel, &announced, from, &options())?;
            let replan_s = t.elapsed().as_secs_f64();
            let report = onedoor_check::check(&changed, &r.outcome.plan);
            if !report.is_valid() {
                valid = false;
                eprintln!(
                    "{name} {change}: the re-plan has {} violations",
                    report.violations.len()
                );
            }
            let t = Instant::now();
            let fresh = plan(&changed, &travel, &options())?;
            let fresh_s = t.elapsed().as_secs_f64();
            println!(
                "| {name} | {change} | {before} | {} | {} | {} | {} | {replan_s:.2} | {fresh_s:.2} |",
                r.disrupted.len(),
                r.outcome.stats.unscheduled_priority,
                disrupted(&announced, &fresh.plan, from).len(),
                fresh.stats.unscheduled_priority,
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(valid)
}
