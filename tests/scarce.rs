//! Scarce certificates: the generator's `--certified` share, the shipped staffing variant
//! of the Dinghai week, and plans on such weeks (every plan passes the checker).

use crate::common;

use common::repo;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_generate::{dinghai_scarce_variant, generate, generate_with, Preset};
use onedoor_solve::Options;
use std::process::Command;

/// `--certified` sets the share exactly (rounded to whole officers), changes nothing but
/// the `certified` flags, and the holders at 15 % are among those at 25 %.
#[test]
fn certified_share_is_exact_and_nested() {
    for seed in [1, 2] {
        let plain =
            onedoor_core::parse_scenario(&generate(Preset::District, seed), "d").expect("loads");
        let low =
            onedoor_core::parse_scenario(&generate_with(Preset::District, seed, Some(0.15)), "d")
                .expect("loads");
        let high =
            onedoor_core::parse_scenario(&generate_with(Preset::District, seed, Some(0.25)), "d")
                .expect("loads");
        let n = plain.inspectors.len();
        let count =
            |s: &onedoor_core::Scenario| s.inspectors.iter().filter(|i| i.certified).count();
        assert_eq!(count(&low), (0.15 * n as f64).round() as usize);
        assert_eq!(count(&high), (0.25 * n as f64).round() as usize);
        assert_eq!(plain.tasks.len(), low.tasks.len());
        for ((a, b), c) in low
            .inspectors
            .iter()
            .zip(&high.inspectors)
            .zip(&plain.inspectors)
        {
            assert_eq!((&a.id, &a.name, a.base), (&c.id, &c.name, c.base));
            assert!(
                !a.certified || b.certified,
                "{} certified at 15 % but not 25 %",
                a.id
            );
        }
        // Most certificates go to the town teams, which act for several departments.
        let team = |s: &onedoor_core::Scenario| {
            s.inspectors
                .iter()
                .filter(|i| i.certified && !i.acts_for.is_empty())
                .count()
        };
        assert!(team(&low) * 2 >= count(&low) || team(&plain) == 0);
    }
}

/// `generate --certified` on the command line: same bytes twice, and a share outside
/// 0–1 is refused with exit code 2 and nothing written.
#[test]
fn generate_certified_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |share: &str, out: &str| {
        Command::new(env!("CARGO_BIN_EXE_onedoor"))
            .args([
                "generate",
                "--preset",
                "tiny",
                "--seed",
                "3",
                "--certified",
                share,
                "-o",
            ])
            .arg(dir.path().join(out))
            .output()
            .expect("runs")
    };
    assert!(run("0.3", "a.json").status.success());
    assert!(run("0.3", "b.json").status.success());
    let a = std::fs::read(dir.path().join("a.json")).expect("written");
    assert_eq!(
        a,
        std::fs::read(dir.path().join("b.json")).expect("written")
    );
    for bad in ["1.5", "-0.1", "NaN", "half"] {
        let out = run(bad, "bad.json");
        assert_eq!(out.status.code(), Some(2), "--certified {bad}");
        assert!(!dir.path().join("bad.json").exists());
    }
}

/// The shipped `scenarios/dinghai-scarce.json` is what the generator writes (set
/// `ONEDOOR_BLESS=1` to rewrite it), loads on top of the week, and staffs it with about
/// 15 % certified inspectors.
#[test]
fn the_scarce_dinghai_staffing_variant_is_current_and_loads() {
    let path = repo("scenarios/dinghai-scarce.json");
    let text = dinghai_scarce_variant();
    if std::env::var_os("ONEDOOR_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write the variant");
    }
    let shipped = std::fs::read_to_string(&path).expect("scenarios/dinghai-scarce.json");
    assert_eq!(shipped, text, "run with ONEDOOR_BLESS=1 to update the file");
    let scarce = scenario("scenarios/dinghai-scarce.json");
    let week = onedoor_core::load_scenario(&repo("scenarios/dinghai-week.json")).expect("loads");
    assert!(scarce.inspectors.len() > week.inspectors.len());
    let share = scarce.inspectors.iter().filter(|i| i.certified).count() as f64
        / scarce.inspectors.len() as f64;
    assert!((0.13..=0.17).contains(&share), "certified share {share}");
    assert_eq!(scarce.tasks.len(), week.tasks.len());
}

/// The scarce Dinghai week plans into a valid plan that accounts for every task, and the
/// same with one thread as with two.
#[test]
fn the_scarce_dinghai_week_plans_validly_and_deterministically() {
    let scn = scenario("scenarios/dinghai-scarce.json");
    let mut plans = Vec::new();
    for threads in [1, 2] {
        let options = Options {
            time_limit: std::time::Duration::from_secs(300),
            threads: Some(threads),
            ..Options::default()
        };
        let outcome = common::solve_checked(&scn, &options);
        plans.push((outcome.plan.visits, outcome.plan.unscheduled));
    }
    assert_eq!(
        plans[0], plans[1],
        "the plan does not depend on the thread count"
    );
}

/// Two certified officers capped at one visit a day and one without a cap who may act
/// for fire only: the two fire visits (priority 2 each), each crewed by the uncapped
/// officer with one capped officer, are worth more than the market visit (priority 3)
/// that only the two capped officers together can crew. Where certificates are scarce,
/// visits go in by priority per seat cost, so the plan takes the two fire visits.
#[test]
fn an_uncapped_certified_officer_pairs_with_each_capped_one() {
    let scn = scenario("tests/fixtures/capped-seats.json");
    let outcome = common::solve_checked(&scn, &Options::default());
    let plan = &outcome.plan;
    assert_eq!(outcome.stats.unscheduled_priority, 3, "{:?}", plan.visits);
    assert_eq!(outcome.stats.visits, 2);
    for visit in &plan.visits {
        let crew: Vec<&str> = visit.crew.iter().map(|c| c.inspector.as_str()).collect();
        assert!(crew.contains(&"H"), "{} crewed by {crew:?}", visit.business);
    }
    let left: Vec<&str> = plan.unscheduled.iter().map(|u| u.task.as_str()).collect();
    assert_eq!(left, ["K"]);
}

/// A scenario or variant file of the repository, loaded.
fn scenario(path: &str) -> onedoor_core::Scenario {
    load(&repo(path), &Shortcuts::default())
        .expect("loads")
        .scenario
}
