//! `onedoor generate` and `scenarios/dinghai-week.json`: generated scenarios load, are
//! reproducible, have the promised sizes and structure, and are tight but feasible.
//!
//! `ONEDOOR_BLESS=1 cargo test --test integration generate::` rewrites `scenarios/dinghai-week.json`
//! from the generator (after a deliberate change to the generator).

use crate::common;

use onedoor_core::ids::{BizIdx, NodeIdx};
use onedoor_core::travel::TravelGraph;
use onedoor_core::{parse_scenario, Scenario};
use onedoor_generate::{dinghai_week, generate, Preset};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn load(preset: Preset, seed: u64) -> Scenario {
    let text = generate(preset, seed);
    match parse_scenario(&text, &format!("{preset:?}-{seed}.json")) {
        Ok(s) => s,
        Err(e) => panic!("{preset:?} seed {seed} does not load: {e:?}"),
    }
}

fn dinghai_path() -> std::path::PathBuf {
    common::repo("scenarios/dinghai-week.json")
}

fn dinghai() -> Scenario {
    let text =
        std::fs::read_to_string(dinghai_path()).expect("scenarios/dinghai-week.json is checked in");
    parse_scenario(&text, "dinghai-week.json").expect("the Dinghai week loads")
}

/// Officer-visits a good plan needs (per the greedy covering of docs/format.md, "Reported
/// figures", two officers of the department at a visit of one department) and
/// officer-visits the inspectors supply at five visits a day.
fn demand_and_supply(s: &Scenario) -> (f64, f64) {
    let mut by_biz: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, t) in s.tasks.iter().enumerate() {
        by_biz.entry(t.business.index()).or_default().push(i);
    }
    let mut demand = 0.0;
    for tasks in by_biz.values() {
        let mut open: Vec<(chrono::NaiveDate, usize)> = Vec::new();
        for &t in tasks {
            let dates = s.valid_dates(onedoor_core::ids::TaskIdx::new(t));
            let last = *dates.last().expect("every generated task has a valid date");
            if s.tasks[t].joinable {
                open.push((last, t));
            } else {
                demand += f64::from(s.tasks[t].officers.max(2));
            }
        }
        open.sort();
        let mut covered = BTreeSet::new();
        for &(date, t) in &open {
            if covered.contains(&t) {
                continue;
            }
            let mut need: BTreeMap<usize, u32> = BTreeMap::new();
            for &(_, u) in &open {
                let ok = !covered.contains(&u)
                    && s.valid_date(onedoor_core::ids::TaskIdx::new(u), date)
                    && s.rules
                        .compatible(s.tasks[u].department, s.tasks[t].department);
                if ok {
                    covered.insert(u);
                    let e = need.entry(s.tasks[u].department.index()).or_insert(0);
                    *e = (*e).max(s.tasks[u].officers);
                }
            }
            let sum: u32 = need.values().sum();
            demand += f64::from(if need.len() == 1 { sum.max(2) } else { sum });
        }
    }
    let days = s.horizon.working_dates();
    let supply: f64 = s
        .inspectors
        .iter()
        .map(|i| {
            let free = days.iter().filter(|d| i.available_on(**d)).count() as f64;
            free * f64::from(i.max_visits_per_day.unwrap_or(5).min(5))
        })
        .sum();
    (demand, supply)
}

#[test]
fn presets_load_for_several_seeds() {
    for seed in [0, 1, 2, 3, 42, u64::MAX] {
        load(Preset::Tiny, seed);
        load(Preset::District, seed);
    }
    for seed in [1, 2] {
        load(Preset::City, seed);
    }
}

#[test]
fn same_seed_gives_the_same_bytes() {
    for preset in [Preset::Tiny, Preset::District, Preset::City] {
        assert_eq!(generate(preset, 9), generate(preset, 9), "{preset:?}");
    }
    assert_eq!(dinghai_week(), dinghai_week());
}

#[test]
fn different_seeds_give_different_scenarios() {
    for preset in [Preset::Tiny, Preset::District, Preset::City] {
        assert_ne!(generate(preset, 1), generate(preset, 2), "{preset:?}");
    }
}

#[test]
fn sizes_are_as_documented() {
    for seed in 1..=3 {
        let s = load(Preset::Tiny, seed);
        assert!(
            (10..=20).contains(&s.tasks.len()),
            "tiny tasks {}",
            s.tasks.len()
        );
        let s = load(Preset::District, seed);
        assert!(
            (200..=320).contains(&s.tasks.len()),
            "district tasks {}",
            s.tasks.len()
        );
        assert!(
            (75..=130).contains(&s.businesses.len()),
            "district businesses {}",
            s.businesses.len()
        );
        assert!((8..=12).contains(&s.departments.len()));
    }
    let s = load(Preset::City, 1);
    assert!(
        (2500..=3500).contains(&s.tasks.len()),
        "city tasks {}",
        s.tasks.len()
    );
    assert!(
        (950..=1450).contains(&s.businesses.len()),
        "city businesses {}",
        s.businesses.len()
    );
    let zones: BTreeSet<&str> = s.businesses.iter().map(|b| b.zone.as_str()).collect();
    assert!(zones.len() >= 2, "city zones {zones:?}");
    assert_eq!(
        s.horizon.working_dates().len(),
        4,
        "the city week has a holiday"
    );
}

#[test]
fn a_district_has_the_promised_structure() {
    for seed in 1..=4 {
        let s = load(Preset::District, seed);
        let zones: BTreeSet<&str> = s.businesses.iter().map(|b| b.zone.as_str()).collect();
        assert!(
            zones.len() >= 2 && zones.contains("main"),
            "zones {zones:?}"
        );
        assert!(!s.travel.links.is_empty());
        let certified = s.inspectors.iter().filter(|i| i.certified).count() as f64;
        let share = certified / s.inspectors.len() as f64;
        assert!((0.8..=1.0).contains(&share), "certified share {share}");
        assert!(
            s.inspectors.iter().any(|i| i.acts_for.len() >= 2),
            "a town team"
        );
        assert!(s.tasks.iter().all(|t| (20..=90).contains(&t.minutes)));
        assert!(s.tasks.iter().any(|t| t.priority > 1));
        for t in &s.tasks {
            let days = (t.latest - t.earliest).num_days() + 1;
            assert!((1..=5).contains(&days), "window of {days} days");
        }
        let tags: BTreeSet<&str> = s
            .businesses
            .iter()
            .flat_map(|b| b.tags.iter().map(String::as_str))
            .collect();
        for tag in ["homestay", "restaurant", "retail"] {
            assert!(tags.contains(tag), "seed {seed}: no {tag} in {tags:?}");
        }
        assert!(s.businesses.iter().all(|b| b
            .name
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
        assert!(s.inspectors.iter().all(|i| i
            .name
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
    }
}

#[test]
fn odd_features_appear_in_a_city() {
    let s = load(Preset::City, 1);
    assert!(s.tasks.iter().any(|t| !t.joinable));
    assert!(s
        .tasks
        .iter()
        .any(|t| t.pinned.is_some_and(|p| p.start.is_some())));
    assert!(s
        .tasks
        .iter()
        .any(|t| t.pinned.is_some_and(|p| p.start.is_none())));
    assert!(s.tasks.iter().any(|t| t.officers == 2));
    assert!(s.businesses.iter().any(|b| b.max_visits == Some(1)));
    assert!(s.businesses.iter().any(|b| !b.closed.is_empty()));
    assert!(s.inspectors.iter().any(|i| !i.recuse.is_empty()));
    assert!(s.inspectors.iter().any(|i| !i.unavailable.is_empty()));
    assert!(!s.horizon.holidays.is_empty());
    assert!(!s.rules.incompatible.is_empty() || !s.departments.iter().any(|d| d.id == "tax"));
}

/// Every task has a valid date and an inspector of its department whose base is at most
/// 100 minutes away (a district is about 20 km across; islands add a bridge).
fn feasible_in_principle(s: &Scenario) {
    let travel = TravelGraph::build(s);
    for (i, t) in s.tasks.iter().enumerate() {
        assert!(
            !s.valid_dates(onedoor_core::ids::TaskIdx::new(i)).is_empty(),
            "{} has no valid date",
            t.id
        );
        let node: NodeIdx = s.node_of_business(t.business);
        let best = s
            .inspectors
            .iter()
            .filter(|p| p.may_act_for(t.department))
            .filter_map(|p| travel.minutes(p.base, node))
            .min();
        assert!(
            best.is_some_and(|m| m <= 100),
            "{}: nearest officer {best:?} min away",
            t.id
        );
    }
}

#[test]
fn every_task_can_be_reached_in_time() {
    feasible_in_principle(&load(Preset::District, 1));
    feasible_in_principle(&load(Preset::District, 2));
    feasible_in_principle(&dinghai());
}

#[test]
fn capacity_is_tight_but_sufficient() {
    for (preset, seed, lo, hi) in [
        (Preset::District, 1, 1.2, 2.0),
        (Preset::District, 2, 1.2, 2.0),
        (Preset::City, 1, 1.2, 1.6),
    ] {
        let s = load(preset, seed);
        let (demand, supply) = demand_and_supply(&s);
        let ratio = supply / demand;
        assert!(
            (lo..=hi).contains(&ratio),
            "{preset:?} {seed}: supply/demand {ratio:.2}"
        );
        // One visit per task with two officers each would not fit.
        assert!(
            2.0 * s.tasks.len() as f64 > supply * 0.95,
            "{preset:?}: careless plans fit too"
        );
    }
}

#[test]
fn the_dinghai_week_has_its_towns_and_jintang() {
    let s = dinghai();
    let towns: BTreeSet<&str> = s.businesses.iter().map(|b| b.town.as_str()).collect();
    let want: BTreeSet<&str> = [
        "解放街道",
        "昌国街道",
        "环南街道",
        "城东街道",
        "盐仓街道",
        "临城街道",
        "千岛街道",
        "马岙街道",
        "双桥街道",
        "岑港街道",
        "小沙街道",
        "白泉镇",
        "金塘镇",
        "干览镇",
    ]
    .into_iter()
    .collect();
    assert_eq!(towns, want);
    assert!((240..=280).contains(&s.tasks.len()));
    assert!((85..=120).contains(&s.businesses.len()));
    assert!(s.departments.len() >= 10);
    assert!(s
        .businesses
        .iter()
        .filter(|b| b.town == "金塘镇")
        .all(|b| b.zone == "jintang"));
    assert_eq!(s.horizon.start.to_string(), "2022-09-12");
    assert_eq!(s.horizon.end.to_string(), "2022-09-16");
    let jintang: BizIdx = BizIdx::new(
        s.businesses
            .iter()
            .position(|b| b.zone == "jintang")
            .expect("Jintang has businesses"),
    );
    let fire_hq = s.index.nodes["office-fire"];
    let minutes = TravelGraph::build(&s).minutes(fire_hq, s.node_of_business(jintang));
    assert!(
        minutes.is_some_and(|m| (40..=100).contains(&m)),
        "fire HQ to Jintang: {minutes:?}"
    );
    let (demand, supply) = demand_and_supply(&s);
    assert!(
        (1.2..=2.0).contains(&(supply / demand)),
        "supply/demand {:.2}",
        supply / demand
    );
}

#[test]
fn the_dinghai_file_is_the_generators_output() {
    let text = dinghai_week();
    if std::env::var_os("ONEDOOR_BLESS").is_some() {
        std::fs::write(dinghai_path(), &text).expect("scenarios/ is writable");
    }
    let file =
        std::fs::read_to_string(dinghai_path()).expect("scenarios/dinghai-week.json is checked in");
    assert!(file == text, "scenarios/dinghai-week.json differs from generate::dinghai_week(); rerun with ONEDOOR_BLESS=1 if the change is deliberate");
}

#[test]
fn the_province_generates_and_loads() {
    let started = std::time::Instant::now();
    let s = load(Preset::Province, 1);
    assert!(
        (45_000..=55_000).contains(&s.tasks.len()),
        "province tasks {}",
        s.tasks.len()
    );
    let zones: BTreeSet<&str> = s.businesses.iter().map(|b| b.zone.as_str()).collect();
    assert!(zones.len() >= 12, "province zones {}", zones.len());
    eprintln!("province: {:?}", started.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_seed_loads(seed in any::<u64>()) {
        let tiny = generate(Preset::Tiny, seed);
        prop_assert!(parse_scenario(&tiny, "tiny.json").is_ok());
        let district = generate(Preset::District, seed);
        let s = parse_scenario(&district, "district.json");
        prop_assert!(s.is_ok());
        let n = s.map(|s| s.tasks.len()).unwrap_or(0);
        prop_assert!((200..=320).contains(&n));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// For any generated week and any set of tasks taken as scheduled (here: every task
    /// with a valid date, and every other one of them), lower bound ≤ baseline ≤ tasks.
    #[test]
    fn lower_bound_le_baseline_le_scheduled(seed in any::<u64>(), district in any::<bool>()) {
        let preset = if district { Preset::District } else { Preset::Tiny };
        let scn = parse_scenario(&generate(preset, seed), "generated.json").expect("loads");
        let valid: Vec<_> = scn.task_indices().filter(|&t| !scn.valid_dates(t).is_empty()).collect();
        let half: Vec<_> = valid.iter().copied().step_by(2).collect();
        for scheduled in [&valid, &half] {
            let lb = onedoor_core::figures::lower_bound(&scn, scheduled);
            let base = onedoor_core::figures::baseline_visits(&scn, scheduled);
            prop_assert!(lb <= base, "lower bound {lb} > baseline {base}");
            prop_assert!(base <= scheduled.len() as u64, "baseline {base} > {} tasks", scheduled.len());
        }
    }
}
