//! `whatif --certify N`: whom to certify, and a curve that never rises.

use crate::common;

use common::{assert_valid, options, run_ok};
use onedoor_core::plan::Plan;
use onedoor_core::travel::TravelGraph;
use onedoor_generate::{generate_with, Preset};
use onedoor_solve::staffing::certify;
use onedoor_solve::{plan, Options, Start};
use std::sync::Arc;

/// A tiny week where certificates are scarce and one more saves priority.
fn scarce() -> onedoor_core::Scenario {
    let text = generate_with(Preset::Tiny, 5, Some(0.3));
    onedoor_core::parse_scenario(&text, "tiny-5").expect("generated scenario loads")
}

#[test]
fn the_curve_never_rises_and_each_step_is_a_checked_replan() {
    let scn = scarce();
    let base = plan(&scn, &TravelGraph::build(&scn), &options()).expect("plan");
    assert_valid(&scn, &base.plan);
    let s = certify(&scn, &base.plan, 3, &options()).expect("certify");
    assert!(
        s.steps.len() >= 2,
        "a certificate saves something here: {s:?}"
    );
    for w in s.steps.windows(2) {
        let (a, b) = (&w[0].stats, &w[1].stats);
        assert!(
            (b.unscheduled_priority, b.visits) < (a.unscheduled_priority, a.visits),
            "every step saves priority or visits"
        );
        assert!(b.unscheduled_priority <= a.unscheduled_priority);
        assert_eq!(w[1].certified, w[0].certified + 1);
    }
    // Replaying the steps one by one gives the same figures and valid plans.
    let mut week = scn.clone();
    let mut current: Plan = base.plan.clone();
    for step in &s.steps[1..] {
        let id = step.inspector.as_deref().expect("who");
        let i = week
            .inspectors
            .iter()
            .position(|x| x.id == id)
            .expect("known");
        assert!(!week.inspectors[i].certified);
        week.inspectors[i].certified = true;
        let opts = Options {
            threads: Some(1),
            start: Some(Arc::new(Start::from_plan(&current))),
            ..options()
        };
        let out = plan(&week, &TravelGraph::build(&week), &opts).expect("re-plan");
        assert_valid(&week, &out.plan);
        assert_eq!(out.stats, step.stats);
        current = out.plan;
    }
    assert!(s.chosen().len() <= 3);
}

#[test]
fn the_command_prints_whom_to_certify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scarce.json");
    std::fs::write(&path, generate_with(Preset::Tiny, 5, Some(0.3))).expect("write");
    let out = run_ok([
        "whatif".as_ref(),
        path.as_os_str(),
        "--certify".as_ref(),
        "2".as_ref(),
    ]);
    assert!(out.contains("certify 2: these officers"), "{out}");
    assert!(out.contains("the curve never rises"), "{out}");
}
