//! The checker against the solver's side, one number at a time (issue 21, "an independent
//! checker"). `onedoor-check` computes the travel minutes, the eleven figures (C13) and
//! the three facts (C12) with its own code; `onedoor-core` has the solver's
//! (`travel::TravelGraph`, `figures::plan_stats`, `facts::Facts`). On generated weeks
//! (tiny and district presets, several seeds, scarce certificates among them) and the
//! shipped scenarios, each week is planned by the solver, and the two sides must agree
//! on every figure of the plan (and of a plan with visits dropped), on every task's fact
//! and on the travel minutes between every two nodes — so a fault in either shows.
//!
//! Then the checker must catch what the solver's side could get wrong: each figure off by
//! one (C13), a fact reason that is not true (C12), and a claim of `optimal` the bound does
//! not prove (reported, not a violation).

use crate::common;

use onedoor_check::{check, Facts, Paths, Report, Rule};
use onedoor_core::facts::Facts as SolverFacts;
use onedoor_core::figures::plan_stats;
use onedoor_core::ids::{NodeIdx, TaskIdx};
use onedoor_core::json::Json;
use onedoor_core::plan::{Figure, Plan, Reason, Unscheduled, Value};
use onedoor_core::travel::TravelGraph;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_core::Scenario;
use onedoor_generate::{generate_with, Preset};
use onedoor_solve::Options;
use std::sync::OnceLock;

/// A week to plan: a name for messages and the scenario.
struct Week {
    name: String,
    scn: Scenario,
}

/// The generated weeks (small presets, a few seeds, two with scarce certificates; the
/// district preset's seed 1 is [`district`]) and the shipped scenarios.
fn weeks() -> Vec<Week> {
    let mut weeks = Vec::new();
    let generated = [
        (Preset::Tiny, 1, None),
        (Preset::Tiny, 2, None),
        (Preset::Tiny, 3, Some(0.15)),
        (Preset::District, 2, Some(0.15)),
    ];
    for (preset, seed, certified) in generated {
        let name = format!("{preset:?} seed {seed} certified {certified:?}");
        let text = generate_with(preset, seed, certified);
        let scn = onedoor_core::parse_scenario(&text, &name).expect("a generated week loads");
        weeks.push(Week { name, scn });
    }
    for file in [
        "tiny.json",
        "dinghai-week.json",
        "dinghai-geo.json",
        "dinghai-scarce.json",
    ] {
        let path = common::repo("scenarios").join(file);
        let scn = load(&path, &Shortcuts::default())
            .unwrap_or_else(|e| panic!("{file} loads: {e}"))
            .scenario;
        weeks.push(Week {
            name: file.to_owned(),
            scn,
        });
    }
    weeks
}

/// Solve options for the cross-check: no closing searches (the plan need not be the
/// best, only a real one), a limit never reached.
fn options() -> Options {
    Options {
        search_rounds: Some(0),
        crew_rounds: Some(0),
        route_work: Some(0),
        ..common::options()
    }
}

/// Plans a week and checks the plan.
fn solve(week: &Week) -> Plan {
    let travel = TravelGraph::build(&week.scn);
    let outcome = onedoor_solve::plan(&week.scn, &travel, &options()).expect("plan");
    common::assert_valid(&week.scn, &outcome.plan);
    outcome.plan
}

/// Checks `plan` (the checker ignores the graph it is handed).
fn run(scn: &Scenario, plan: &Plan) -> Report {
    check(scn, plan)
}

/// The solver's side and the checker agree on every figure of `plan`.
fn assert_same_figures(week: &Week, plan: &Plan, what: &str) {
    let solver_side = plan_stats(&week.scn, &TravelGraph::build(&week.scn), plan);
    let report = run(&week.scn, plan);
    for figure in Figure::ALL {
        assert_eq!(
            figure.value(&report.stats),
            figure.value(&solver_side),
            "{}, {what}: {} (checker, then solver's side)",
            week.name,
            figure.key()
        );
    }
}

/// The solver's side and the checker agree on every task's fact, and on each reason.
fn assert_same_facts(week: &Week) -> usize {
    let scn = &week.scn;
    let travel = TravelGraph::build(scn);
    let solver_side = SolverFacts::new(scn, &travel);
    let paths = Paths::new(scn);
    let facts = Facts::new(scn, &paths);
    let mut with_fact = 0;
    for t in scn.task_indices() {
        let fact = facts.fact(t);
        assert_eq!(
            fact,
            solver_side.fact(t),
            "{}: fact of {} (checker, then solver's side)",
            week.name,
            scn.task(t).id
        );
        with_fact += usize::from(fact.is_some());
        for reason in Reason::ALL {
            assert_eq!(
                facts.holds(t, reason),
                solver_side.holds(t, reason),
                "{}: whether {reason} holds for {}",
                week.name,
                scn.task(t).id
            );
        }
    }
    with_fact
}

/// The solver's graph and the checker's paths agree between every two nodes.
fn assert_same_travel(week: &Week) {
    let scn = &week.scn;
    let travel = TravelGraph::build(scn);
    let paths = Paths::new(scn);
    let nodes: Vec<NodeIdx> = (0..scn.node_count()).map(NodeIdx::new).collect();
    for &a in &nodes {
        for &b in &nodes {
            assert_eq!(
                paths.minutes(a, b),
                travel.minutes(a, b),
                "{}: travel from {} to {} (checker, then solver's graph)",
                week.name,
                scn.node_id(a),
                scn.node_id(b)
            );
        }
    }
}

/// The plan with every third visit dropped (their tasks then missing from the plan, a C1
/// violation): figures of an invalid plan must agree too.
fn thinned(plan: &Plan) -> Plan {
    let mut thin = plan.clone();
    thin.visits = plan
        .visits
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 3 != 1)
        .map(|(_, v)| v.clone())
        .collect();
    thin
}

/// Whether the solver's side would prove the first two levels: every task no visit holds
/// has a fact, and the visits equal the lower bound.
fn solver_side_proves(week: &Week, plan: &Plan) -> bool {
    let scn = &week.scn;
    let travel = TravelGraph::build(scn);
    let facts = SolverFacts::new(scn, &travel);
    let stats = plan_stats(scn, &travel, plan);
    let held: std::collections::HashSet<&str> = plan
        .visits
        .iter()
        .flat_map(|v| v.tasks.iter().map(String::as_str))
        .collect();
    let forced = scn
        .task_indices()
        .filter(|&t| !held.contains(scn.task(t).id.as_str()))
        .all(|t| facts.fact(t).is_some());
    forced && stats.visits == stats.lower_bound
}

/// The plan's `solver.status`.
fn status(plan: &Plan) -> Option<&str> {
    match plan.solver.get("status") {
        Some(Json::Str(s)) => Some(s),
        _ => None,
    }
}

/// Holds the two sides to each other on `week` and its `plan`; returns the tasks with a
/// fact and the tasks the plan leaves out.
fn cross_check(week: &Week, plan: &Plan) -> (usize, usize) {
    assert_same_travel(week);
    let with_fact = assert_same_facts(week);
    assert_same_figures(week, plan, "the solver's plan");
    assert_same_figures(week, &thinned(plan), "every third visit dropped");
    let report = run(&week.scn, plan);
    assert_eq!(
        report.optimality.proven(),
        solver_side_proves(week, plan),
        "{}: the bound's proof",
        week.name
    );
    // The solver claims `optimal` only on the bound's proof (crates/solve, "Status"), so
    // every claim it makes must hold by the checker's bound.
    if status(plan) == Some("optimal") {
        assert!(
            !report.optimality.claim_unproven(),
            "{}: {:?}",
            week.name,
            report.optimality
        );
    }
    (with_fact, plan.unscheduled.len())
}

#[test]
fn checker_and_solver_side_agree_on_generated_and_shipped_weeks() {
    let (week, plan) = district();
    let (mut facts_seen, mut unscheduled_seen) = cross_check(week, plan);
    for week in weeks() {
        let plan = solve(&week);
        let (facts, unscheduled) = cross_check(&week, &plan);
        facts_seen += facts;
        unscheduled_seen += unscheduled;
    }
    // The weeks exercise the facts and the reasons, not only plans with nothing left out.
    assert!(facts_seen > 0, "some task has a fact");
    assert!(unscheduled_seen > 0, "some plan leaves a task out");
}

/// A week with a plan to break: the district preset, seed 1 (planned once for all tests).
fn district() -> &'static (Week, Plan) {
    static DISTRICT: OnceLock<(Week, Plan)> = OnceLock::new();
    DISTRICT.get_or_init(|| {
        let name = "district seed 1".to_owned();
        let text = generate_with(Preset::District, 1, None);
        let scn = onedoor_core::parse_scenario(&text, &name).expect("loads");
        let week = Week { name, scn };
        let plan = solve(&week);
        (week, plan)
    })
}

#[test]
fn each_figure_off_by_one_breaks_c13_alone() {
    let (week, plan) = district();
    for figure in Figure::ALL {
        for step in [1i64, -1] {
            let mut broken = plan.clone();
            let (_, value) = broken
                .stats
                .iter_mut()
                .find(|(k, _)| k == figure.key())
                .expect("the plan reports every figure");
            *value = match (figure.value(&run(&week.scn, plan).stats), &*value) {
                (Value::Ratio(r), _) => Json::Float(r + step as f64 * 0.01),
                (Value::Count(_), Json::Int(n)) => Json::Int(n + step),
                (_, other) => panic!("{}: {other:?}", figure.key()),
            };
            let report = run(&week.scn, &broken);
            assert_eq!(
                report.rules(),
                [Rule::C13],
                "{} {step:+}: {:?}",
                figure.key(),
                report.violations
            );
        }
    }
}

/// The plan with the visit at `pos` (holding one task) taken out and its task left out
/// with `reason`, figures refreshed.
fn left_out(scn: &Scenario, plan: &Plan, pos: usize, reason: &str) -> Plan {
    let mut broken = plan.clone();
    let visit = broken.visits.remove(pos);
    broken.unscheduled.push(Unscheduled {
        task: visit.tasks[0].clone(),
        reason: reason.to_owned(),
        detail: String::new(),
    });
    broken.stats = run(scn, &broken).stats.to_fields();
    broken
}

/// A visit of `plan` holding one task that no fact rules out.
fn lone_visit(scn: &Scenario, plan: &Plan) -> (usize, TaskIdx) {
    let paths = Paths::new(scn);
    let facts = Facts::new(scn, &paths);
    plan.visits
        .iter()
        .enumerate()
        .filter(|(_, v)| v.tasks.len() == 1)
        .map(|(k, v)| (k, scn.index.tasks[&v.tasks[0]]))
        .find(|&(_, t)| facts.fact(t).is_none())
        .expect("a visit with one task that could be scheduled")
}

#[test]
fn a_fact_reason_that_is_not_true_breaks_c12_alone() {
    let (week, plan) = district();
    let (pos, task) = lone_visit(&week.scn, plan);
    let fine = left_out(&week.scn, plan, pos, "capacity");
    assert!(
        run(&week.scn, &fine).is_valid(),
        "capacity is always honest"
    );
    for reason in [
        "no_valid_day",
        "no_officer",
        "unreachable",
        "no_such_reason",
    ] {
        let broken = left_out(&week.scn, plan, pos, reason);
        let report = run(&week.scn, &broken);
        assert_eq!(
            report.rules(),
            [Rule::C12],
            "{} left out as {reason}: {:?}",
            week.scn.task(task).id,
            report.violations
        );
    }
}

#[test]
fn a_claim_of_optimal_the_bound_does_not_prove_is_reported_not_a_violation() {
    let (week, plan) = district();
    let (pos, _) = lone_visit(&week.scn, plan);
    let mut claimed = left_out(&week.scn, plan, pos, "capacity");
    claimed.solver = Json::Object(vec![("status".into(), Json::Str("optimal".into()))]);
    let report = run(&week.scn, &claimed);
    assert!(report.is_valid(), "{:?}", report.violations);
    assert!(report.optimality.claimed);
    assert!(
        report.optimality.claim_unproven(),
        "{:?}",
        report.optimality
    );
    assert_eq!(report.optimality.unforced.len(), 1);
    let text = onedoor::report::check_report(&report);
    assert!(
        text.contains("optimal claim: not proven by the bound: 1 task(s) left out"),
        "{text}"
    );
    assert!(text.ends_with("valid\n"), "{text}");

    // Visits above the bound: the hand-made poor plan for tiny.json (7 visits where 5
    // would do), claiming `optimal`.
    let scn = common::tiny();
    let mut poor = common::poor();
    poor.solver = claimed.solver.clone();
    let report = run(&scn, &poor);
    assert!(report.is_valid(), "{:?}", report.violations);
    assert!(
        report.optimality.claim_unproven(),
        "{:?}",
        report.optimality
    );
    let text = onedoor::report::check_report(&report);
    assert!(text.contains("7 visits, lower bound 5"), "{text}");
}

/// One business, two departments with one task each, an officer of each: one joint
/// visit, the lower bound, nothing left out.
const ONE_VISIT: &str = r#"{
  "name": "one visit",
  "horizon": {"start": "2022-09-12", "end": "2022-09-12"},
  "places": [{"id": "hq", "name": "HQ", "location": {"x": 0.0, "y": 0.0}}],
  "departments": [{"id": "fire", "name": "消防"}, {"id": "market", "name": "市场监管"}],
  "inspectors": [
    {"id": "F1", "name": "F1", "department": "fire", "base": "hq"},
    {"id": "M1", "name": "M1", "department": "market", "base": "hq"}
  ],
  "businesses": [{"id": "B1", "name": "B1", "location": {"x": 3.0, "y": 4.0}}],
  "tasks": [
    {"id": "T1", "department": "fire", "business": "B1", "minutes": 30},
    {"id": "T2", "department": "market", "business": "B1", "minutes": 30}
  ]
}"#;

#[test]
fn a_claim_of_optimal_the_bound_proves_holds() {
    let scn = onedoor_core::parse_scenario(ONE_VISIT, "one visit").expect("loads");
    let plan = common::solve_checked(&scn, &common::options()).plan;
    assert_eq!(status(&plan), Some("optimal"), "one joint visit is optimal");
    let report = run(&scn, &plan);
    assert!(report.optimality.proven(), "{:?}", report.optimality);
    assert!(!report.optimality.claim_unproven());
    let text = onedoor::report::check_report(&report);
    assert!(text.contains("optimal claim: holds"), "{text}");
}
