//! The check report a person reads (`onedoor check`), on the hand-made plans for
//! `scenarios/tiny.json`. The rules themselves are tested in the checker's own crate
//! (`crates/check/tests/rules.rs`).

mod common;

use common::{good, tiny};
use onedoor::report::check_report;
use onedoor_check::check;
use onedoor_core::plan::{Plan, Visit};
use onedoor_core::scenario::time::Clock;

fn visit<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Visit {
    plan.visits
        .iter_mut()
        .find(|v| v.id == id)
        .expect("visit exists")
}

fn clock(s: &str) -> Clock {
    Clock::parse(s).expect("a clock time")
}

#[test]
fn a_valid_plan_ends_with_valid() {
    let scn = tiny();
    let report = check(&scn, &good());
    assert!(check_report(&report).ends_with("valid\n"));
}

#[test]
fn render_lists_violations_then_figures_then_the_count() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").end = clock("09:30");
    visit(&mut plan, "V0001").start = clock("10:05");
    let text = check_report(&check(&scn, &plan));
    assert!(text.contains("C4  V0001: task T11 is pinned"), "{text}");
    assert!(text.contains("C5  V0003: lasts 50 min, needs 55"), "{text}");
    assert!(text.contains("travel minutes"), "{text}");
    assert!(text.ends_with("\n3 violations\n"), "{text}");
}
