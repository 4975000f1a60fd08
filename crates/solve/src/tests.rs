//! Unit tests of the solve's own state: every HiGHS failure path forced (the part keeps
//! its greedy dates, the plan is valid and says why), the cancel token of one solve, and
//! the process's thread pools.

use crate::budget::{in_pool, thread_pool, Run};
use crate::error::{Fault, HighsError};
use crate::pipeline::plan_in;
use crate::scenario::Scenario;
use crate::travel::TravelGraph;
use crate::{plan, CancelToken, DateMethod, Options, Outcome, Status};
use std::time::Duration;

/// The shipped tiny scenario.
fn tiny() -> Scenario {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/tiny.json");
    onedoor_core::load_scenario(std::path::Path::new(path)).expect("tiny.json loads")
}

/// Options with a time limit no test reaches.
fn options() -> Options {
    Options {
        time_limit: Duration::from_secs(600),
        ..Options::default()
    }
}

/// Asserts that the checker finds no violation in the outcome's plan.
fn assert_valid(scn: &Scenario, outcome: &Outcome) {
    let report = onedoor_check::check(scn, &outcome.plan);
    assert!(report.is_valid(), "{:?}", report.violations);
}

/// Solves tiny with `fault` forced in every date ILP; checks the plan and returns it.
fn solve_with(fault: Fault) -> Outcome {
    let scn = tiny();
    let travel = TravelGraph::build(&scn);
    let options = options();
    let mut run = Run::new(
        options.time_limit,
        options.cancel.clone(),
        options.seed,
        None,
    );
    run.fault = Some(fault);
    let outcome = plan_in(&scn, &travel, &options, &run).expect("the solve runs");
    assert_valid(&scn, &outcome);
    outcome
}

/// Asserts that the forced failure made the date ILP fall back to greedy dates, that each
/// fallback carries the expected cause, and that the plan's solver block says so.
fn assert_fell_back(outcome: &Outcome, cause: impl Fn(&HighsError) -> bool) {
    assert!(!outcome.fallbacks.is_empty(), "no fallback recorded");
    for f in &outcome.fallbacks {
        assert!(cause(&f.error), "unexpected cause: {f}");
    }
    assert_eq!(outcome.dates, DateMethod::Greedy);
    let text = outcome
        .plan
        .solver
        .get("fallback")
        .and_then(|j| match j {
            crate::json::Json::Str(s) => Some(s.clone()),
            _ => None,
        })
        .expect("solver.fallback is a string");
    assert!(text.starts_with("greedy dates: "), "{text}");
    assert!(
        text.contains(&outcome.fallbacks[0].error.to_string()),
        "{text}"
    );
}

#[test]
fn without_a_fault_highs_gives_the_dates_and_no_fallback() {
    let scn = tiny();
    let travel = TravelGraph::build(&scn);
    let outcome = plan(&scn, &travel, &options()).expect("the solve runs");
    assert_valid(&scn, &outcome);
    assert!(outcome.fallbacks.is_empty(), "{:?}", outcome.fallbacks);
    assert!(outcome.plan.solver.get("fallback").is_none());
}

#[test]
fn a_model_highs_refuses_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::Model);
    assert_fell_back(&outcome, |e| matches!(e, HighsError::Model(_)));
}

#[test]
fn an_option_highs_refuses_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::Option);
    assert_fell_back(
        &outcome,
        |e| matches!(e, HighsError::Option { name, .. } if *name == "onedoor_no_such_option"),
    );
}

#[test]
fn a_warm_start_highs_refuses_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::WarmStart);
    assert_fell_back(&outcome, |e| matches!(e, HighsError::WarmStart(_)));
}

#[test]
fn an_error_while_solving_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::Run);
    assert_fell_back(&outcome, |e| matches!(e, HighsError::Run(_)));
}

#[test]
fn an_infeasible_model_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::Status);
    assert_fell_back(
        &outcome,
        |e| matches!(e, HighsError::Status(s) if s == "Infeasible"),
    );
}

#[test]
fn no_feasible_solution_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::NoSolution);
    assert_fell_back(&outcome, |e| matches!(e, HighsError::NoSolution));
}

#[test]
fn a_panic_in_the_bindings_is_contained_and_falls_back_to_greedy_dates() {
    let outcome = solve_with(Fault::Panic);
    assert_fell_back(
        &outcome,
        |e| matches!(e, HighsError::Panic(m) if m.contains("a test's fault")),
    );
}

#[test]
fn a_cancelled_solve_stops_and_a_later_one_with_a_fresh_token_runs_normally() {
    let scn = tiny();
    let travel = TravelGraph::build(&scn);
    let first = options();
    // Cancelling a clone cancels the solve given the original.
    first.cancel.clone().cancel();
    let stopped = plan(&scn, &travel, &first).expect("the solve runs");
    assert_valid(&scn, &stopped);
    assert_eq!(stopped.status, Status::TimeLimit);
    // A later solve with its own token is not affected by the first one's.
    let later = plan(&scn, &travel, &options()).expect("the solve runs");
    assert_valid(&scn, &later);
    assert_ne!(later.status, Status::TimeLimit);
    assert!(first.cancel.is_cancelled());
    assert!(!CancelToken::new().is_cancelled());
}

#[test]
fn the_plan_does_not_depend_on_the_thread_count() {
    let scn = tiny();
    let travel = TravelGraph::build(&scn);
    let with = |threads: usize| {
        let mut outcome = plan(
            &scn,
            &travel,
            &Options {
                threads: Some(threads),
                ..options()
            },
        )
        .expect("the solve runs");
        assert_valid(&scn, &outcome);
        outcome.plan.solver = crate::json::Json::Null;
        outcome.plan.to_json_string()
    };
    assert_eq!(with(1), with(3));
}

#[test]
fn pools_are_built_once_per_thread_count_and_a_callers_pool_is_used() {
    let (a, n) = thread_pool(Some(3)).expect("pool");
    let (b, _) = thread_pool(Some(3)).expect("pool");
    assert_eq!(n, 3);
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    // Inside a rayon worker the solve stays in that worker's pool, whatever it asks for.
    let (size, _) = a
        .install(|| in_pool(Some(1), rayon::current_num_threads))
        .expect("runs");
    assert_eq!(size, 3);
}
