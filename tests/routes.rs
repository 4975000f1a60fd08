//! The route search (`search/routes.rs`): on a district week it shortens travel and
//! loses nothing; on a scarce week it never makes the objective worse. Every plan is
//! checked. (Where it serves more — the Mankowska benchmark — is measured by
//! `examples/mankowska`, whose data is not in the repository.)

use crate::common;
use onedoor_core::plan::Stats;
use onedoor_core::Scenario;
use onedoor_solve::Options;

/// The objective's levels: priority left out, visits, crew entries, travel minutes.
fn objective(s: &Stats) -> (u64, u64, u64, u64) {
    (
        s.unscheduled_priority,
        s.visits,
        s.officer_visits,
        s.travel_minutes,
    )
}

/// The week planned without the route search, then at default settings (with it).
fn without_and_with(scn: &Scenario) -> (Stats, Stats) {
    let without = common::solve_checked(
        scn,
        &Options {
            route_work: Some(0),
            ..common::options()
        },
    );
    let with = common::solve_checked(scn, &common::options());
    (without.stats, with.stats)
}

#[test]
fn routes_made_shorter_on_a_district_week_lose_nothing() {
    let (without, with) = without_and_with(&common::scenario("dinghai-week.json"));
    eprintln!(
        "dinghai-week: without {:?}, with {:?}",
        objective(&without),
        objective(&with)
    );
    assert!(objective(&with) <= objective(&without));
    assert!(
        (with.unscheduled_priority, with.visits) == (without.unscheduled_priority, without.visits),
        "the week is already at its lower bound: only travel can change"
    );
    assert!(
        with.travel_minutes < without.travel_minutes,
        "travel {} with the route search, {} without",
        with.travel_minutes,
        without.travel_minutes
    );
}

#[test]
fn the_route_search_never_makes_a_scarce_week_worse() {
    let text = onedoor_generate::generate_with(onedoor_generate::Preset::District, 2, Some(0.15));
    let scn = onedoor_core::parse_scenario(&text, "scarce").expect("loads");
    let (without, with) = without_and_with(&scn);
    eprintln!(
        "scarce district seed 2: without {:?}, with {:?}",
        objective(&without),
        objective(&with)
    );
    assert!(objective(&with) <= objective(&without));
}
