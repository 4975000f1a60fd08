//! Properties of `onedoor replan` on random tiny weeks: the history and the kept visits
//! stay exactly as announced, visit ids stay unique, a re-plan never leaves out more
//! priority than keeping the still-valid announced visits, and an unchanged week
//! re-plans to its own plan. Every re-plan passes the checker.

use crate::common;

use chrono::NaiveDate;
use common::{assert_valid, keep_only_priority};
use onedoor_core::plan::{Plan, Visit};
use onedoor_core::travel::TravelGraph;
use onedoor_core::Scenario;
use onedoor_generate::{generate_with, Preset};
use onedoor_solve::{plan, replan, Options, Replanned};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;

fn options() -> Options {
    Options {
        time_limit: Duration::from_secs(60),
        ..Options::default()
    }
}

/// A tiny week (scarce certificates or not, so that some weeks leave tasks out), its
/// announced plan, and a re-plan date among its working dates.
fn week(seed: u64, scarce: bool, pick: usize) -> (Value, Scenario, Plan, NaiveDate) {
    let text = generate_with(Preset::Tiny, seed, scarce.then_some(0.3));
    let tree: Value = serde_json::from_str(&text).expect("generated JSON");
    let scn = onedoor_core::parse_scenario(&text, "tiny").expect("generated weeks load");
    let announced = plan(&scn, &TravelGraph::build(&scn), &options())
        .expect("plan")
        .plan;
    let dates = scn.horizon.working_dates();
    let from = dates[pick % dates.len()];
    (tree, scn, announced, from)
}

/// The week after one change from `from` on, picked by `kind`: none, an inspector
/// unavailable from `from`, the date `from` a holiday, or a business closed on `from`.
fn changed(tree: &Value, kind: usize, pick: usize, from: NaiveDate) -> Scenario {
    let mut tree = tree.clone();
    let date = Value::String(from.to_string());
    let push = |list: &mut Value, item: Value| match list {
        Value::Array(a) => a.push(item),
        other => *other = Value::Array(vec![item]),
    };
    match kind {
        1 => {
            let all = tree["inspectors"].as_array_mut().expect("inspectors");
            let n = all.len();
            push(&mut all[pick % n]["unavailable"], date);
        }
        2 => push(&mut tree["horizon"]["holidays"], date),
        3 => {
            let all = tree["businesses"].as_array_mut().expect("businesses");
            let n = all.len();
            push(&mut all[pick % n]["closed"], date);
        }
        _ => {}
    }
    onedoor_core::parse_scenario(&tree.to_string(), "changed").expect("the changed week loads")
}

/// Re-plans and checks every property that holds for any change.
fn replan_checked(scn: &Scenario, announced: &Plan, from: NaiveDate) -> Replanned {
    let r = replan(scn, &TravelGraph::build(scn), announced, from, &options()).expect("replan");
    let new = &r.outcome.plan;
    assert_valid(scn, new);
    let history =
        |p: &Plan| -> Vec<Visit> { p.visits.iter().filter(|v| v.date < from).cloned().collect() };
    assert_eq!(history(announced), history(new), "history changed");
    let ids: BTreeSet<&str> = new.visits.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids.len(), new.visits.len(), "an id twice");
    // "kept" means identical: the visit of that id has the same date, times, tasks, crew
    for id in &r.kept {
        let a = announced
            .visits
            .iter()
            .find(|v| &v.id == id)
            .expect("announced");
        let b = new
            .visits
            .iter()
            .find(|v| &v.id == id)
            .expect("kept visit in the plan");
        assert_eq!(a, b, "visit {id} counted as kept");
    }
    for id in &r.recrewed {
        let a = announced
            .visits
            .iter()
            .find(|v| &v.id == id)
            .expect("announced");
        let b = new
            .visits
            .iter()
            .find(|v| &v.id == id)
            .expect("re-crewed visit");
        assert_eq!(
            (a.date, a.start, a.end, &a.tasks),
            (b.date, b.start, b.end, &b.tasks)
        );
        assert_ne!(a.crew, b.crew, "visit {id} counted as re-crewed");
    }
    assert!(r.outcome.stats.unscheduled_priority <= keep_only_priority(scn, announced, from));
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Any change: history and kept visits identical, ids unique, no more priority left
    /// out than the still-valid announced plan.
    #[test]
    fn a_replan_keeps_history_and_never_loses_priority(
        seed in 0u64..10_000,
        scarce in any::<bool>(),
        kind in 0usize..4,
        pick in 0usize..1000,
    ) {
        let (tree, _, announced, from) = week(seed, scarce, pick);
        let scn = changed(&tree, kind, pick / 7, from);
        replan_checked(&scn, &announced, from);
    }

    /// No change: every announced visit kept exactly (a task the plan left out may only
    /// be added in a new visit).
    #[test]
    fn an_unchanged_week_keeps_every_visit(
        seed in 0u64..10_000,
        scarce in any::<bool>(),
        pick in 0usize..1000,
    ) {
        let (_, scn, announced, from) = week(seed, scarce, pick);
        let r = replan_checked(&scn, &announced, from);
        let later: Vec<&str> = announced
            .visits
            .iter()
            .filter(|v| v.date >= from)
            .map(|v| v.id.as_str())
            .collect();
        prop_assert_eq!(&r.kept, &later);
        for v in &announced.visits {
            prop_assert!(r.outcome.plan.visits.contains(v), "{} not kept", v.id);
        }
        prop_assert!(r.disrupted.is_empty());
    }
}
