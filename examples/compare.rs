//! Compares the optimizer with its two baselines on a fixed set of instances.
//!
//! ```text
//! cargo run --release --example compare
//! ```
//!
//! Instances: `scenarios/tiny.json`, `scenarios/dinghai-week.json` (when the file
//! exists), the `district` preset with seeds 1–5 and the `city` preset with seeds 1–2.
//! Strategies: the optimizer ([`Strategy::Optimize`]), the greedy-merge baseline
//! ([`Strategy::GreedyMerge`]) and the no-merge baseline ([`Strategy::NoMerge`]), each
//! with a 60 s time limit, all cores and seed 0.
//!
//! Prints a markdown table on stdout: one row per instance and strategy with the plan's
//! figures (recomputed by the checker, `onedoor_check`), the gap of `visits` to the
//! lower bound, the wall seconds of the solve and whether the checker finds the plan
//! valid; then one line of medians per strategy, and whether the optimizer beats the
//! greedy merge on (unscheduled priority, visits) on every instance. Everything but the
//! seconds is deterministic.
//!
//! Exits with status 1 when any plan is invalid (the violations go to stderr).

mod common;

use onedoor_core::plan::Stats;
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use onedoor_solve::{plan, Options, Strategy};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// The strategies compared, in column order, with their names in the table.
const STRATEGIES: [(Strategy, &str); 3] = [
    (Strategy::Optimize, "optimizer"),
    (Strategy::GreedyMerge, "greedy merge"),
    (Strategy::NoMerge, "no merge"),
];

/// One solved (instance, strategy) pair.
struct Row {
    /// Instance label (file name or `preset-seed`).
    instance: String,
    /// Strategy name as printed.
    strategy: &'static str,
    /// Figures recomputed from the plan by the checker.
    stats: Stats,
    /// Wall seconds of the solve (travel graph excluded).
    seconds: f64,
    /// Whether the checker found no violation.
    valid: bool,
}

impl Row {
    /// `visits` above the lower bound, in percent of the lower bound (0 when it is 0).
    fn gap_percent(&self) -> f64 {
        gap_percent(self.stats.visits as f64, self.stats.lower_bound as f64)
    }
}

/// `(visits − lower_bound) / lower_bound`, in percent; 0 when the bound is 0.
fn gap_percent(visits: f64, lower_bound: f64) -> f64 {
    if lower_bound > 0.0 {
        100.0 * (visits - lower_bound) / lower_bound
    } else {
        0.0
    }
}

/// The instances, in table order: checked-in files first, then generated presets.
fn instances() -> anyhow::Result<Vec<(String, Scenario)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut out = Vec::new();
    for file in ["tiny.json", "dinghai-week.json"] {
        let path: PathBuf = dir.join(file);
        if file == "tiny.json" || path.exists() {
            out.push((file.to_owned(), onedoor_core::load_scenario(&path)?));
        }
    }
    let generated = (1..=5)
        .map(|s| (Preset::District, "district", s))
        .chain((1..=2).map(|s| (Preset::City, "city", s)));
    for (preset, label, seed) in generated {
        let name = format!("{label}-{seed}");
        let text = generate(preset, seed);
        out.push((name.clone(), onedoor_core::parse_scenario(&text, &name)?));
    }
    Ok(out)
}

/// Median of a non-empty list (mean of the middle two for an even length).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Formats a median: integers plainly, halves with one decimal.
fn fmt_median(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn main() -> ExitCode {
    common::exit_code(run())
}

/// Solves everything, prints the table; returns whether every plan was valid.
fn run() -> anyhow::Result<bool> {
    let mut rows: Vec<Row> = Vec::new();
    for (name, scn) in instances()? {
        let travel = TravelGraph::build(&scn);
        for (strategy, label) in STRATEGIES {
            let options = Options {
                time_limit: Duration::from_secs(60),
                threads: None,
                strategy,
                ..Default::default()
            };
            let outcome = plan(&scn, &travel, &options)?;
            let report = onedoor_check::check(&scn, &outcome.plan);
            for v in &report.violations {
                eprintln!("{name} / {label}: {v}");
            }
            eprintln!(
                "{name} / {label}: {:.2} s, {}",
                outcome.seconds,
                outcome.status.code()
            );
            rows.push(Row {
                instance: name.clone(),
                strategy: label,
                stats: report.stats,
                seconds: outcome.seconds,
                valid: report.is_valid(),
            });
        }
    }

    println!(
        "| instance | strategy | tasks | scheduled | unscheduled priority | visits \
         | lower bound | gap % | officer visits | travel minutes | seconds | valid |"
    );
    println!("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
    for r in &rows {
        let s = &r.stats;
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.1} | {} | {} | {:.3} | {} |",
            r.instance,
            r.strategy,
            s.tasks,
            s.scheduled,
            s.unscheduled_priority,
            s.visits,
            s.lower_bound,
            r.gap_percent(),
            s.officer_visits,
            s.travel_minutes,
            r.seconds,
            if r.valid { "yes" } else { "**NO**" },
        );
    }
    for (_, label) in STRATEGIES {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.strategy == label).collect();
        let col = |f: &dyn Fn(&Row) -> f64| median(mine.iter().map(|r| f(r)).collect());
        let valid = mine.iter().filter(|r| r.valid).count();
        println!(
            "| **median** | {} | {} | {} | {} | {} | {} | {:.1} | {} | {} | {:.3} | {}/{} |",
            label,
            fmt_median(col(&|r| r.stats.tasks as f64)),
            fmt_median(col(&|r| r.stats.scheduled as f64)),
            fmt_median(col(&|r| r.stats.unscheduled_priority as f64)),
            fmt_median(col(&|r| r.stats.visits as f64)),
            fmt_median(col(&|r| r.stats.lower_bound as f64)),
            col(&|r| r.gap_percent()),
            fmt_median(col(&|r| r.stats.officer_visits as f64)),
            fmt_median(col(&|r| r.stats.travel_minutes as f64)),
            col(&|r| r.seconds),
            valid,
            mine.len(),
        );
    }

    // Optimizer against greedy merge, lexicographically on (unscheduled priority, visits).
    let key = |r: &Row| (r.stats.unscheduled_priority, r.stats.visits);
    let (mut better, mut equal, mut worse) = (Vec::new(), Vec::new(), Vec::new());
    for opt in rows.iter().filter(|r| r.strategy == STRATEGIES[0].1) {
        let Some(greedy) = rows
            .iter()
            .find(|r| r.strategy == STRATEGIES[1].1 && r.instance == opt.instance)
        else {
            continue;
        };
        match key(opt).cmp(&key(greedy)) {
            std::cmp::Ordering::Less => better.push(opt.instance.as_str()),
            std::cmp::Ordering::Equal => equal.push(opt.instance.as_str()),
            std::cmp::Ordering::Greater => worse.push(opt.instance.as_str()),
        }
    }
    println!();
    println!(
        "Optimizer vs greedy merge on (unscheduled priority, visits): strictly better on {} \
         of {} instances{}{}{}.",
        better.len(),
        better.len() + equal.len() + worse.len(),
        list(", equal on", &equal),
        list(", worse on", &worse),
        if equal.is_empty() && worse.is_empty() {
            " (all)"
        } else {
            ""
        },
    );
    let all_valid = rows.iter().all(|r| r.valid);
    if !all_valid {
        println!();
        println!("**Some plans are invalid** (violations on stderr).");
    }
    Ok(all_valid)
}

/// `" {prefix} a, b"` or nothing for an empty list.
fn list(prefix: &str, names: &[&str]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("{prefix} {}", names.join(", "))
    }
}
