//! Measures re-planning from a base plan against planning from scratch, on what-if
//! variants of several instances.
//!
//! ```text
//! cargo run --release --example replan
//! ```
//!
//! Instances: `scenarios/dinghai-week.json` and the `district` preset with seeds 1–5
//! (`--city` adds the `city` preset with seeds 1–2). For each instance the base is
//! planned from scratch; then each variant below is planned twice: from scratch (the full
//! portfolio, `onedoor plan VARIANT`) and re-planned from the base plan (`onedoor plan
//! VARIANT --from BASE_PLAN`, what `onedoor whatif` does by default). Variants, derived
//! from the instance itself so that no file is tuned for:
//!
//! - `holiday-3`, `holiday-4`: the third or fourth working date becomes a holiday;
//! - `two-off`: the first two officers of the largest department are unavailable on the
//!   third working date;
//! - `drop-2`: those two officers are removed;
//! - `certified+1`: one more certified officer per visit;
//! - `once`: every business may be entered at most once;
//! - `max-2-depts`: at most two departments per visit;
//! - `joins`: the department with the fewest tasks joins (the base is the instance
//!   without it, the variant is the instance).
//!
//! Prints a markdown table: each variant's objective (unscheduled priority, visits,
//! officer visits, travel minutes) both ways, which is better, and the seconds of each;
//! then the counts and the median time ratio. Every plan is checked with
//! `onedoor_check`; the example exits with status 1 if any is invalid.

mod common;

use onedoor_core::figures::Objective;
use onedoor_core::plan::Plan;
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use onedoor_solve::{plan, Options, Start};
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The variant kinds, in table order.
const KINDS: [&str; 8] = [
    "holiday-3",
    "holiday-4",
    "two-off",
    "drop-2",
    "certified+1",
    "once",
    "max-2-depts",
    "joins",
];

fn main() -> ExitCode {
    common::exit_code(run())
}

/// The instances as JSON trees.
fn instances(city: bool) -> anyhow::Result<Vec<(String, Value)>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dinghai-week.json");
    let mut out = vec![(
        "dinghai-week".to_owned(),
        serde_json::from_str(&std::fs::read_to_string(path)?)?,
    )];
    let cities = if city { 2 } else { 0 };
    let presets = (1..=5)
        .map(|s| (Preset::District, "district", s))
        .chain((1..=cities).map(|s| (Preset::City, "city", s)));
    for (preset, label, seed) in presets {
        out.push((
            format!("{label}-{seed}"),
            serde_json::from_str(&generate(preset, seed))?,
        ));
    }
    Ok(out)
}

/// The working dates of a scenario tree, as strings.
fn working_dates(tree: &Value, name: &str) -> anyhow::Result<Vec<String>> {
    let scn = onedoor_core::parse_scenario(&tree.to_string(), name)?;
    Ok(scn
        .horizon
        .working_dates()
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect())
}

/// The department with the most inspectors, and with the fewest tasks.
fn departments(tree: &Value) -> (String, String) {
    let count = |list: &str, d: &str| {
        tree[list]
            .as_array()
            .map_or(0, |a| a.iter().filter(|x| x["department"] == d).count())
    };
    let ids: Vec<String> = tree["departments"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let largest = ids
        .iter()
        .max_by_key(|d| (count("inspectors", d), std::cmp::Reverse((*d).clone())))
        .cloned()
        .unwrap_or_default();
    let smallest = ids
        .iter()
        .filter(|d| count("tasks", d) > 0)
        .min_by_key(|d| (count("tasks", d), (*d).clone()))
        .cloned()
        .unwrap_or_default();
    (largest, smallest)
}

/// (base tree, variant tree) for one kind.
fn variant(tree: &Value, name: &str, kind: &str) -> anyhow::Result<(Value, Value)> {
    let dates = working_dates(tree, name)?;
    let (largest, smallest) = departments(tree);
    let mut v = tree.clone();
    let officers: Vec<usize> = v["inspectors"]
        .as_array()
        .map(|a| {
            a.iter()
                .enumerate()
                .filter(|(_, i)| i["department"] == largest.as_str())
                .map(|(k, _)| k)
                .take(2)
                .collect()
        })
        .unwrap_or_default();
    match kind {
        "holiday-3" | "holiday-4" => {
            let k = if kind == "holiday-3" { 2 } else { 3 };
            if let (Some(h), Some(d)) = (v["horizon"]["holidays"].as_array_mut(), dates.get(k)) {
                h.push(json!(d));
            }
        }
        "two-off" => {
            for &k in &officers {
                v["inspectors"][k]["unavailable"] = json!([dates.get(2)]);
            }
        }
        "drop-2" => {
            if let Some(a) = v["inspectors"].as_array_mut() {
                for &k in officers.iter().rev() {
                    a.remove(k);
                }
            }
        }
        "certified+1" => {
            let n = v["rules"]["min_certified_per_visit"].as_u64().unwrap_or(2);
            v["rules"]["min_certified_per_visit"] = json!(n + 1);
        }
        "once" => {
            if let Some(a) = v["businesses"].as_array_mut() {
                for b in a {
                    b["max_visits"] = json!(1);
                }
            }
        }
        "max-2-depts" => v["rules"]["max_departments_per_visit"] = json!(2),
        "joins" => {
            let mut base = tree.clone();
            if let Some(a) = base["tasks"].as_array_mut() {
                a.retain(|t| t["department"] != smallest.as_str());
            }
            return Ok((base, v));
        }
        _ => anyhow::bail!("unknown kind {kind}"),
    }
    Ok((tree.clone(), v))
}

/// A solve, checked: the plan, its objective, seconds, and whether it is valid.
fn solve(scn: &Scenario, start: Option<&Plan>) -> anyhow::Result<(Plan, Objective, f64, bool)> {
    let travel = TravelGraph::build(scn);
    let options = Options {
        time_limit: Duration::from_secs(60),
        start: start.map(|p| Arc::new(Start::from_plan(p))),
        ..Default::default()
    };
    let outcome = plan(scn, &travel, &options)?;
    let report = onedoor_check::check(scn, &outcome.plan);
    for v in &report.violations {
        eprintln!("{}: {v}", scn.name);
    }
    Ok((
        outcome.plan,
        Objective::from(&outcome.stats),
        outcome.seconds,
        report.is_valid(),
    ))
}

/// Prints an objective as `(priority, visits, officer visits, travel)`.
fn show(o: &Objective) -> String {
    format!(
        "{} / {} / {} / {}",
        o.unscheduled_priority, o.visits, o.officer_visits, o.travel_minutes
    )
}

/// Solves everything, prints the table; returns whether every plan was valid.
fn run() -> anyhow::Result<bool> {
    let city = std::env::args().any(|a| a == "--city");
    let mut all_valid = true;
    let (mut better, mut same, mut worse) = (0, 0, 0);
    let mut ratios = Vec::new();
    println!("| instance | variant | fresh: prio / visits / officer visits / travel | re-plan | re-plan is | fresh s | re-plan s |");
    println!("|---|---|---|---|---|--:|--:|");
    for (name, tree) in instances(city)? {
        for kind in KINDS {
            let (base_tree, var_tree) = variant(&tree, &name, kind)?;
            let base = onedoor_core::parse_scenario(&base_tree.to_string(), &name)?;
            let var =
                onedoor_core::parse_scenario(&var_tree.to_string(), &format!("{name}/{kind}"))?;
            let (base_plan, _, _, ok0) = solve(&base, None)?;
            let (_, fresh, fresh_s, ok1) = solve(&var, None)?;
            let (_, replan, replan_s, ok2) = solve(&var, Some(&base_plan))?;
            all_valid &= ok0 && ok1 && ok2;
            let verdict = match replan.cmp(&fresh) {
                Ordering::Less => {
                    better += 1;
                    "better"
                }
                Ordering::Equal => {
                    same += 1;
                    "same"
                }
                Ordering::Greater => {
                    worse += 1;
                    "worse"
                }
            };
            ratios.push(replan_s / fresh_s.max(1e-9));
            println!(
                "| {name} | {kind} | {} | {} | {verdict} | {fresh_s:.3} | {replan_s:.3} |",
                show(&fresh),
                show(&replan)
            );
        }
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "\nre-plan better on {better}, same on {same}, worse on {worse} variants; median time re-plan / fresh: {:.3}",
        ratios[ratios.len() / 2]
    );
    Ok(all_valid)
}
