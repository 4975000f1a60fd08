//! Criterion benchmarks of onedoor (`cargo bench`; results in `benches/README.md`).
//!
//! Groups, each with 10 samples and short warm-up and measurement times so that the whole
//! run stays within a few minutes on two cores:
//!
//! - `travel_build`: [`TravelGraph::build`] on the generated `district` and `city`
//!   scenarios, seed 1;
//! - `tiny`: load `scenarios/tiny.json`, build its travel graph and plan it;
//! - `district`: plan the generated `district` scenarios, seeds 1–5 (optimizer);
//! - `dinghai_week`: plan `scenarios/dinghai-week.json` (only when the file exists);
//! - `city`: plan the generated `city` scenario, seed 1 (one solve per sample; its time
//!   is in `benches/README.md`);
//! - `one_business`: plan `tiny` plus 200 tasks at one business (issue 12, S1; the
//!   reproducer in `tests/fixtures/issue12/`);
//! - `baselines`: the greedy-merge and no-merge baselines on `district` seed 1;
//! - `whatif`: the what-if speed bar: a base plus four variants against the base alone,
//!   on the Dinghai week and `district` seed 1 (see [`whatif`]).
//!
//! The groups that plan (all but `travel_build` and `baselines`) use flat sampling: every
//! sample runs the same number of iterations, so a group takes about its measurement
//! time, or ten solves when one solve is longer than a tenth of it, and the run stays
//! short even when the solver gets slower.
//!
//! Scenario generation and parsing happen outside the timed code except in `tiny`,
//! whose point is the whole load-and-plan path. Every planned instance is solved and
//! checked once before it is timed, and the benchmark panics if the plan is invalid.
//! Every solve uses a 60 s time limit, all cores and seed 0.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use onedoor_solve::{plan, Options, Strategy};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// Solve options of every benchmark: 60 s limit, all cores, the given strategy.
fn options(strategy: Strategy) -> Options {
    Options {
        time_limit: Duration::from_secs(60),
        threads: None,
        strategy,
        ..Default::default()
    }
}

/// A generated scenario, parsed.
fn generated(preset: Preset, seed: u64) -> Scenario {
    let name = format!("{preset:?}-{seed}").to_lowercase();
    onedoor_core::parse_scenario(&generate(preset, seed), &name).expect("generated scenarios load")
}

/// The path of a checked-in scenario file.
fn scenario_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// Plans once and panics unless the checker finds the plan valid.
fn assert_valid(scn: &Scenario, travel: &TravelGraph, strategy: Strategy, label: &str) {
    let outcome = plan(scn, travel, &options(strategy)).expect("plan succeeds");
    let report = onedoor_check::check(scn, &outcome.plan);
    assert!(
        report.is_valid(),
        "{label}: invalid plan: {:?}",
        report.violations
    );
}

/// Times one plan of a prepared scenario (travel graph built outside the loop) as
/// benchmark `label` of `group`.
fn bench_plan(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    label: &str,
    scn: &Scenario,
    strategy: Strategy,
) {
    let travel = TravelGraph::build(scn);
    assert_valid(scn, &travel, strategy, label);
    let opts = options(strategy);
    group.bench_function(label, |b| {
        b.iter(|| plan(black_box(scn), &travel, &opts).expect("plan succeeds"))
    });
}

/// `travel_build`: the travel graph of a district and a city.
fn travel_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("travel_build");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (preset, label) in [(Preset::District, "district"), (Preset::City, "city")] {
        let scn = generated(preset, 1);
        group.bench_function(BenchmarkId::new(label, 1), |b| {
            b.iter(|| TravelGraph::build(black_box(&scn)))
        });
    }
    group.finish();
}

/// `tiny`: load, travel graph and plan of `scenarios/tiny.json`.
fn tiny(c: &mut Criterion) {
    let path = scenario_file("tiny.json");
    let scn = onedoor_core::load_scenario(&path).expect("tiny.json loads");
    assert_valid(
        &scn,
        &TravelGraph::build(&scn),
        Strategy::Optimize,
        "tiny.json",
    );
    let opts = options(Strategy::Optimize);
    let mut group = c.benchmark_group("tiny");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("load_and_plan", |b| {
        b.iter(|| {
            let scn = onedoor_core::load_scenario(black_box(&path)).expect("tiny.json loads");
            let travel = TravelGraph::build(&scn);
            plan(&scn, &travel, &opts).expect("plan succeeds")
        })
    });
    group.finish();
}

/// `one_business`: the optimizer on tiny plus 200 tasks at one business (issue 12, S1).
fn one_business(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/issue12/tiny-business-with-200-tasks.json");
    let scn = onedoor_core::load_scenario(&path).expect("the S1 reproducer loads");
    let mut group = c.benchmark_group("one_business");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    bench_plan(&mut group, "200_tasks", &scn, Strategy::Optimize);
    group.finish();
}

/// `district`: the optimizer on district seeds 1–5.
fn district(c: &mut Criterion) {
    let mut group = c.benchmark_group("district");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for seed in 1..=5 {
        let scn = generated(Preset::District, seed);
        bench_plan(
            &mut group,
            &format!("optimize/{seed}"),
            &scn,
            Strategy::Optimize,
        );
    }
    group.finish();
}

/// `dinghai_week`: the optimizer on the checked-in Dinghai week, when present.
fn dinghai_week(c: &mut Criterion) {
    let path = scenario_file("dinghai-week.json");
    if !path.exists() {
        return;
    }
    let scn = onedoor_core::load_scenario(&path).expect("dinghai-week.json loads");
    let mut group = c.benchmark_group("dinghai_week");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    bench_plan(&mut group, "optimize", &scn, Strategy::Optimize);
    group.finish();
}

/// `city`: the optimizer on city seed 1, ten flat samples of one iteration each.
///
/// The 10 s target is below the 10 iterations' real time on purpose: criterion rounds
/// iterations per sample up, so any longer target would double the run. Criterion
/// warns that it cannot complete 10 samples in 10 s; that is expected.
fn city(c: &mut Criterion) {
    let scn = generated(Preset::City, 1);
    let mut group = c.benchmark_group("city");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    bench_plan(&mut group, "optimize/1", &scn, Strategy::Optimize);
    group.finish();
}

/// The what-if files of one base: the base scenario written to `dir`, and the four
/// variants of the speed bar, derived from the scenario itself: the first two officers of
/// the department with most inspectors off on the third working date; the fourth working
/// date a holiday; one more certified officer per visit; the department with the fewest
/// tasks removed (the week without it).
fn whatif_files(dir: &std::path::Path, text: &str) -> (PathBuf, Vec<PathBuf>) {
    let base = dir.join("base.json");
    std::fs::write(&base, text).expect("write base");
    let scn = onedoor_core::parse_scenario(text, "base").expect("base loads");
    let dates: Vec<String> = scn
        .horizon
        .working_dates()
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    let count = |k: usize, tasks: bool| {
        if tasks {
            scn.tasks
                .iter()
                .filter(|t| t.department.index() == k)
                .count()
        } else {
            scn.inspectors
                .iter()
                .filter(|i| i.department.index() == k)
                .count()
        }
    };
    let ks = 0..scn.departments.len();
    let largest = ks
        .clone()
        .max_by_key(|&k| (count(k, false), std::cmp::Reverse(k)))
        .expect("departments");
    let smallest = ks
        .filter(|&k| count(k, true) > 0)
        .min_by_key(|&k| (count(k, true), k))
        .expect("tasks");
    // The two officers' whole objects from the file, with the day off added.
    let tree: serde_json::Value = serde_json::from_str(text).expect("base is JSON");
    let off: Vec<String> = scn
        .inspectors
        .iter()
        .filter(|i| i.department.index() == largest)
        .take(2)
        .filter_map(|i| {
            let list = tree["inspectors"].as_array()?;
            let mut obj = list.iter().find(|o| o["id"] == i.id.as_str())?.clone();
            obj["unavailable"] = serde_json::json!([dates[2]]);
            Some(obj.to_string())
        })
        .collect();
    let variants = [
        (
            "off.json",
            format!(
                r#"{{"extends": "base.json", "upsert": {{"inspectors": [{}]}}}}"#,
                off.join(",")
            ),
        ),
        (
            "holiday.json",
            format!(
                r#"{{"extends": "base.json", "set": {{"horizon": {{"holidays": ["{}"]}}}}}}"#,
                dates[3]
            ),
        ),
        (
            "certified.json",
            format!(
                r#"{{"extends": "base.json", "set": {{"rules": {{"min_certified_per_visit": {}}}}}}}"#,
                scn.rules.min_certified_per_visit + 1
            ),
        ),
        (
            "without.json",
            format!(
                r#"{{"extends": "base.json", "remove": {{"departments": ["{}"]}}}}"#,
                scn.departments[smallest].id
            ),
        ),
    ];
    let paths = variants
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write variant");
            path
        })
        .collect();
    (base, paths)
}

/// `whatif`: the speed bar of what-if planning. For the Dinghai week (when present) and
/// district seed 1: `plan_base` loads and plans the base alone (what `onedoor plan BASE`
/// does); `base_plus_4` loads the base and four variants and plans them as `onedoor
/// whatif` does (the base from scratch, the variants re-planned from its plan);
/// `base_plus_4_fresh` plans all five from scratch (`onedoor whatif --fresh`).
fn whatif(c: &mut Criterion) {
    use onedoor_core::variant::{load, Shortcuts};
    use onedoor_solve::whatif::{solve_all, Case};
    let mut group = c.benchmark_group("whatif");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let dinghai = scenario_file("dinghai-week.json");
    let mut bases = vec![("district-1", generate(Preset::District, 1))];
    if let Ok(text) = std::fs::read_to_string(&dinghai) {
        bases.insert(0, ("dinghai-week", text));
    }
    let opts = options(Strategy::Optimize);
    for (label, text) in bases {
        let dir = tempfile::tempdir().expect("temp dir");
        let (base, variants) = whatif_files(dir.path(), &text);
        let none = Shortcuts::default();
        let load_all = || -> Vec<Case> {
            std::iter::once(&base)
                .chain(&variants)
                .map(|p| {
                    let l = load(p, &none).expect("case loads");
                    Case {
                        label: l.scenario.name.clone(),
                        scenario: l.scenario,
                    }
                })
                .collect()
        };
        for (k, s) in solve_all(&load_all(), &opts, false)
            .expect("solves")
            .iter()
            .enumerate()
        {
            let scn = &load_all()[k].scenario;
            assert_valid_plan(scn, &s.plan, label);
        }
        group.bench_function(BenchmarkId::new("plan_base", label), |b| {
            b.iter(|| {
                let scn = load(black_box(&base), &none).expect("base loads").scenario;
                plan(&scn, &TravelGraph::build(&scn), &opts).expect("plan succeeds")
            })
        });
        for (name, fresh) in [("base_plus_4", false), ("base_plus_4_fresh", true)] {
            group.bench_function(BenchmarkId::new(name, label), |b| {
                b.iter(|| solve_all(&load_all(), &opts, fresh).expect("solves"))
            });
        }
    }
    group.finish();
}

/// Panics unless the checker finds `p` valid for `scn`.
fn assert_valid_plan(scn: &Scenario, p: &onedoor_core::plan::Plan, label: &str) {
    let report = onedoor_check::check(scn, p);
    assert!(
        report.is_valid(),
        "{label}: invalid plan: {:?}",
        report.violations
    );
}

/// `baselines`: greedy merge and no merge on district seed 1.
fn baselines(c: &mut Criterion) {
    let scn = generated(Preset::District, 1);
    let mut group = c.benchmark_group("baselines");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (strategy, label) in [
        (Strategy::GreedyMerge, "greedy_merge"),
        (Strategy::NoMerge, "no_merge"),
    ] {
        bench_plan(&mut group, &format!("{label}/1"), &scn, strategy);
    }
    group.finish();
}

criterion_group!(
    benches,
    travel_build,
    tiny,
    district,
    dinghai_week,
    one_business,
    city,
    baselines,
    whatif
);
criterion_main!(benches);
