//! onedoor's optimality gap on small scarce-certificate weeks, measured against their true
//! optimum.
//!
//! Each instance is a town of a generated district, one or two days, with few certified
//! inspectors, so that the two certified officers every visit needs (C6) leave some
//! priority out. The exact model of `tests/exact/model.rs` (a MILP of rules C2–C11 on
//! HiGHS) gives the least unscheduled priority any valid plan can have. Both directions
//! of the model's exactness are tested on every instance: its optimal plan goes through
//! the checker (the model is no looser than the rules), and onedoor's plan, checked too,
//! is fed back into the model, which must admit it (the model is no stricter than the
//! rules, at least where onedoor's plan goes). The test asserts that the exact optimum is
//! never worse than onedoor (else the model is wrong) and that onedoor's summed
//! unscheduled priority *is* the summed optimum: a gap of 0 % (it was 0.8 % before the
//! route search placed a task aimed at first and moved visits across dates). Run with
//! `--nocapture` to see the table: `forced` is the priority no plan can schedule (a fact
//! of C12: no valid day, no officer, unreachable).
//!
//! A third test solves the two-day instances where reaching the optimum takes moving a
//! visit to its other date under the seeds that once missed it.
//!
//! The second test uses the exact model as an oracle on random tiny weeks: 64 of them,
//! or 1000 with `ONEDOOR_HEAVY=1`.
//!
//! The last holds onedoor to the optimum of small home-care days (`exact/home_care.rs`),
//! where pairs of caregivers must start together and who is free when, not
//! certificates, decides what fits.

use crate::common;
use crate::exact;

use exact::instances::{instance, Cut, TASKS};
use onedoor::report::table::{pad, Align};
use onedoor_core::facts::Facts;
use onedoor_core::travel::TravelGraph;
use onedoor_solve::Status;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Value};
use std::cell::RefCell;

/// The instances: a town of a generated district, cut to one or two days, with a small
/// certified share (chosen so that certified pairs leave priority out in most of them).
#[rustfmt::skip]
const CUTS: [Cut; 10] = [
    Cut { seed: 1, certified: 0.15, days: 1, town: 0 },
    Cut { seed: 2, certified: 0.15, days: 1, town: 0 },
    Cut { seed: 3, certified: 0.15, days: 1, town: 1 },
    Cut { seed: 4, certified: 0.1, days: 2, town: 0 },
    Cut { seed: 5, certified: 0.1, days: 2, town: 0 },
    Cut { seed: 6, certified: 0.1, days: 2, town: 1 },
    Cut { seed: 7, certified: 0.1, days: 2, town: 0 },
    Cut { seed: 8, certified: 0.2, days: 1, town: 2 },
    Cut { seed: 9, certified: 0.1, days: 1, town: 0 },
    Cut { seed: 10, certified: 0.15, days: 1, town: 0 },
];

/// Seconds HiGHS may take to prove one instance optimal.
const TIME_LIMIT: f64 = 60.0;

/// The largest gap allowed between onedoor and the optimum, over all instances together:
/// none.
const TARGET_GAP: f64 = 0.0;

#[test]
fn onedoor_reaches_the_true_optimum() {
    let mut rows = Vec::new();
    for cut in CUTS {
        let (name, scn) = instance(cut);
        assert!(
            TASKS.contains(&scn.tasks.len()),
            "{name}: {} tasks",
            scn.tasks.len()
        );
        let travel = TravelGraph::build(&scn);
        let exact = exact::model::solve(&scn, &travel, TIME_LIMIT);
        common::assert_valid(&scn, &exact.plan);
        let onedoor = common::solve_checked(&scn, &common::options());
        exact::model::assert_admits(&scn, &travel, &onedoor.plan, TIME_LIMIT);
        let ours = onedoor.stats.unscheduled_priority;
        assert!(
            exact.unscheduled_priority <= ours,
            "{name}: the exact model leaves out {} priority, onedoor only {ours}: the model is wrong",
            exact.unscheduled_priority
        );
        let certified = scn.inspectors.iter().filter(|i| i.certified).count();
        let facts = Facts::new(&scn, &travel);
        let forced = scn
            .task_indices()
            .filter(|&t| facts.fact(t).is_some())
            .map(|t| u64::from(scn.task(t).priority))
            .sum();
        eprintln!(
            "{name}: onedoor {ours}, exact {} in {:.2} s",
            exact.unscheduled_priority, exact.seconds
        );
        rows.push(Row {
            name,
            tasks: scn.tasks.len(),
            staff: format!("{certified}/{}", scn.inspectors.len()),
            forced,
            onedoor: ours,
            exact: exact.unscheduled_priority,
            seconds: exact.seconds,
            size: exact.size,
        });
    }
    let onedoor: u64 = rows.iter().map(|r| r.onedoor).sum();
    let optimum: u64 = rows.iter().map(|r| r.exact).sum();
    let total = gap(onedoor, optimum);
    eprintln!("{}", table(&rows, onedoor, optimum));
    assert!(
        total <= TARGET_GAP,
        "onedoor leaves out {onedoor} priority over the instances, the optimum {optimum}: \
         gap {:.1} %, target {:.0} %",
        total * 100.0,
        TARGET_GAP * 100.0
    );
}

/// The two-day instances of [`CUTS`] under the seeds whose plans, before the cross-date
/// rounds of the route search, left out one priority more than the optimum (a visit had
/// to move to its other date to make room for more): district-4 under seed 3 and
/// district-6 under seed 1 reach the optimum too.
#[test]
fn the_optimum_of_two_day_weeks_does_not_depend_on_the_seed() {
    for (cut, seed) in [(CUTS[3], 3), (CUTS[5], 1)] {
        let (name, scn) = instance(cut);
        let travel = TravelGraph::build(&scn);
        let exact = exact::model::solve(&scn, &travel, TIME_LIMIT);
        let options = onedoor_solve::Options {
            seed,
            ..common::options()
        };
        let ours = common::solve_checked(&scn, &options)
            .stats
            .unscheduled_priority;
        assert_eq!(
            ours, exact.unscheduled_priority,
            "{name}, seed {seed}: onedoor leaves out {ours} priority, the optimum {}",
            exact.unscheduled_priority
        );
    }
}

/// One line of the report.
struct Row {
    name: String,
    tasks: usize,
    staff: String,
    /// Priority left out by a fact (no valid day, no officer, unreachable).
    forced: u64,
    onedoor: u64,
    exact: u64,
    seconds: f64,
    size: (usize, usize),
}

/// (onedoor − exact) / max(exact, 1).
fn gap(onedoor: u64, exact: u64) -> f64 {
    (onedoor as f64 - exact as f64) / exact.max(1) as f64
}

/// The report: one line per instance and the total.
fn table(rows: &[Row], onedoor: u64, optimum: u64) -> String {
    let mut out = format!(
        "\n{:<40} {:>5} {:>9} {:>6} {:>8} {:>6} {:>7} {:>8} {:>12}\n",
        "instance",
        "tasks",
        "cert/insp",
        "forced",
        "onedoor",
        "exact",
        "gap %",
        "exact s",
        "cols/rows"
    );
    for r in rows {
        out += &format!(
            "{} {:>5} {:>9} {:>6} {:>8} {:>6} {:>7.1} {:>8.2} {:>12}\n",
            // Town names are Chinese: pad by display width, not characters.
            pad(&r.name, 40, Align::Left),
            r.tasks,
            r.staff,
            r.forced,
            r.onedoor,
            r.exact,
            gap(r.onedoor, r.exact) * 100.0,
            r.seconds,
            format!("{}/{}", r.size.0, r.size.1)
        );
    }
    out += &format!(
        "{:<40} {:>5} {:>9} {:>6} {:>8} {:>6} {:>7.1}\n",
        "total",
        rows.iter().map(|r| r.tasks).sum::<usize>(),
        "",
        rows.iter().map(|r| r.forced).sum::<u64>(),
        onedoor,
        optimum,
        gap(onedoor, optimum) * 100.0
    );
    out
}

// ---------------------------------------------------------------------------------------
// The exact model as an oracle on random tiny weeks

/// One inspector of a random tiny week.
#[derive(Clone, Debug)]
struct Officer {
    /// Index into [`DEPARTMENTS`].
    dept: usize,
    certified: bool,
    /// Acts also for the department this many places further on (1 or 2).
    acts_for: Option<usize>,
    cap: Option<u32>,
    /// Away on this day of the week (0 or 1).
    away: Option<usize>,
    /// Based at the far office rather than the hall.
    far: bool,
    /// Recused from this business (modulo their number).
    recuse: Option<usize>,
}

/// One business: where, when open, closed day, visit limit.
#[derive(Clone, Debug)]
struct Shop {
    x: i32,
    y: i32,
    /// Opening hours: first hour (8–13) and length in hours (2–5), cut at 17:00.
    open: Option<(u32, u32)>,
    closed: Option<usize>,
    max_visits: Option<u32>,
}

/// One task.
#[derive(Clone, Debug)]
struct Job {
    dept: usize,
    /// Business (modulo their number).
    shop: usize,
    minutes: u32,
    priority: u32,
    joinable: bool,
    officers: u32,
    /// Earliest day (0–2; 2 lies past the horizon) and the days after it until latest.
    window: Option<(usize, usize)>,
    /// Pinned day (modulo the horizon's days) and maybe a start.
    pinned: Option<(usize, Option<&'static str>)>,
}

/// A random tiny week: 1–2 days, 2–4 inspectors, 2–4 businesses, 2–5 tasks.
#[derive(Clone, Debug)]
struct TinyWeek {
    days: usize,
    min_certified: u32,
    overhead: u32,
    max_visit_minutes: Option<u32>,
    max_departments: Option<u32>,
    /// Fire and health never share a visit.
    incompatible: bool,
    officers: Vec<Officer>,
    shops: Vec<Shop>,
    jobs: Vec<Job>,
}

const DEPARTMENTS: [&str; 3] = ["fire", "market", "health"];
const DAYS: [&str; 3] = ["2022-09-12", "2022-09-13", "2022-09-14"];

/// A department index, health rarer than fire and market (so that most tasks have
/// someone who may do them, and some do not).
fn department() -> impl Strategy<Value = usize> {
    prop_oneof![4 => Just(0usize), 4 => Just(1), 1 => Just(2)]
}

fn officer() -> impl Strategy<Value = Officer> {
    (
        department(),
        prop::bool::weighted(0.75),
        prop::option::weighted(0.4, 1..3usize),
        prop::option::weighted(0.3, 1..3u32),
        prop::option::weighted(0.2, 0..2usize),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.15, 0..4usize),
    )
        .prop_map(
            |(dept, certified, acts_for, cap, away, far, recuse)| Officer {
                dept,
                certified,
                acts_for,
                cap,
                away,
                far,
                recuse,
            },
        )
}

fn shop() -> impl Strategy<Value = Shop> {
    (
        -6..=6i32,
        -6..=6i32,
        prop::option::weighted(0.4, (8..=13u32, 2..=5u32)),
        prop::option::weighted(0.15, 0..2usize),
        prop::option::weighted(0.2, 1..=2u32),
    )
        .prop_map(|(x, y, open, closed, max_visits)| Shop {
            x,
            y,
            open,
            closed,
            max_visits,
        })
}

fn job() -> impl Strategy<Value = Job> {
    (
        (department(), 0..4usize, 0..=18u32, 1..=9u32),
        prop::bool::weighted(0.85),
        // Not 0: a task with `officers: 0` may ride in a visit with no one acting for its
        // department (C6 asks for 0 entries), but C12 calls it `unreachable` when no
        // inspector may act for that department, and onedoor, taking the fact for a proof,
        // leaves it out and says `optimal`. Reported as an open question on the rules.
        prop_oneof![8 => Just(1u32), 1 => Just(2)],
        prop::option::weighted(0.25, (0..3usize, 0..2usize)),
        prop::option::weighted(
            0.15,
            (
                0..2usize,
                prop::option::of(prop::sample::select(vec!["09:00", "10:30", "14:00"])),
            ),
        ),
    )
        .prop_map(
            |((dept, shop, five, priority), joinable, officers, window, pinned)| Job {
                dept,
                shop,
                minutes: five * 5,
                priority,
                joinable,
                officers,
                window,
                pinned,
            },
        )
}

fn tiny_week() -> impl Strategy<Value = TinyWeek> {
    (
        (
            1..=2usize,
            // Not 0: a visit then needs no crew at all (see `officers` below).
            prop_oneof![3 => Just(1u32), 4 => Just(2)],
            0..=4u32,
            prop::option::weighted(0.3, 2..=6u32),
            prop::option::weighted(0.2, 1..=2u32),
            prop::bool::weighted(0.3),
        ),
        prop::collection::vec(officer(), 2..=4),
        prop::collection::vec(shop(), 2..=4),
        prop::collection::vec(job(), 2..=5),
    )
        .prop_map(
            |(
                (days, min_certified, five, long, max_departments, incompatible),
                officers,
                shops,
                jobs,
            )| {
                TinyWeek {
                    days,
                    min_certified,
                    overhead: five * 5,
                    max_visit_minutes: long.map(|h| h * 30),
                    max_departments,
                    incompatible,
                    officers,
                    shops,
                    jobs,
                }
            },
        )
}

impl TinyWeek {
    /// The week as a scenario file.
    fn json(&self) -> String {
        let n = self.shops.len();
        let inspectors: Vec<Value> = self
            .officers
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let mut v = json!({
                    "id": format!("I{k}"),
                    "department": DEPARTMENTS[o.dept],
                    "certified": o.certified,
                    "base": if o.far { "far" } else { "hall" },
                });
                if let Some(a) = o.acts_for {
                    v["acts_for"] = json!([DEPARTMENTS[(o.dept + a) % 3]]);
                }
                if let Some(cap) = o.cap {
                    v["max_visits_per_day"] = json!(cap);
                }
                if let Some(day) = o.away {
                    v["unavailable"] = json!([DAYS[day]]);
                }
                if let Some(b) = o.recuse {
                    v["recuse"] = json!([format!("B{}", b % n)]);
                }
                v
            })
            .collect();
        let businesses: Vec<Value> = self
            .shops
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let mut v = json!({"id": format!("B{k}"), "location": {"x": s.x, "y": s.y}});
                if let Some((first, hours)) = s.open {
                    let end = (first + hours).min(17);
                    v["open"] = json!({"hours": {"start": format!("{first:02}:00"), "end": format!("{end:02}:00")}});
                }
                if let Some(day) = s.closed {
                    v["closed"] = json!([DAYS[day]]);
                }
                if let Some(m) = s.max_visits {
                    v["max_visits"] = json!(m);
                }
                v
            })
            .collect();
        let tasks: Vec<Value> = self
            .jobs
            .iter()
            .enumerate()
            .map(|(k, j)| {
                let mut v = json!({
                    "id": format!("T{k}"),
                    "department": DEPARTMENTS[j.dept],
                    "business": format!("B{}", j.shop % n),
                    "minutes": j.minutes,
                    "priority": j.priority,
                    "joinable": j.joinable,
                    "officers": j.officers,
                });
                if let Some((earliest, more)) = j.window {
                    v["earliest"] = json!(DAYS[earliest]);
                    v["latest"] = json!(DAYS[(earliest + more).min(2)]);
                }
                if let Some((day, start)) = j.pinned {
                    v["pinned"] = json!({"date": DAYS[day % self.days]});
                    if let Some(start) = start {
                        v["pinned"]["start"] = json!(start);
                    }
                }
                v
            })
            .collect();
        let mut rules = json!({
            "min_certified_per_visit": self.min_certified,
            "visit_overhead_minutes": self.overhead,
            "max_visit_minutes": self.max_visit_minutes,
            "max_departments_per_visit": self.max_departments,
        });
        if self.incompatible {
            rules["incompatible"] = json!([["fire", "health"]]);
        }
        json!({
            "name": "oracle",
            "horizon": {"start": DAYS[0], "end": DAYS[self.days - 1],
                        "hours": {"start": "08:00", "end": "17:00"}},
            "rules": rules,
            "travel": {"speed_kmh": 30, "detour": 1.0},
            "places": [
                {"id": "hall", "location": {"x": 0, "y": 0}},
                {"id": "far", "location": {"x": 10, "y": 0}}
            ],
            "departments": DEPARTMENTS.iter().map(|d| json!({"id": d})).collect::<Vec<_>>(),
            "inspectors": inspectors,
            "businesses": businesses,
            "tasks": tasks,
        })
        .to_string()
    }
}

/// How onedoor did against the oracle, over the weeks run.
#[derive(Default, Debug)]
struct Tally {
    weeks: u32,
    /// onedoor left out exactly the least priority.
    priority: u32,
    /// ... and made exactly the fewest visits for that.
    both: u32,
    /// onedoor said `optimal` (it was, on both levels: asserted).
    claimed: u32,
    /// Weeks where some priority must be left out (the oracle's optimum is not zero).
    lossy: u32,
}

/// Weeks the oracle test runs: a sample in CI, more with `ONEDOOR_HEAVY=1`.
fn oracle_cases() -> u32 {
    if common::heavy() {
        1000
    } else {
        64
    }
}

/// One week against the exact model: both plans valid, the model admits onedoor's plan,
/// onedoor leaves out no less than the optimum and, for what it schedules, makes no fewer
/// visits than the fewest possible; `optimal` only where onedoor meets both optima.
fn against_the_oracle(week: &TinyWeek, tally: &RefCell<Tally>) -> Result<(), TestCaseError> {
    let text = week.json();
    let scn = onedoor_core::parse_scenario(&text, "oracle.json").map_err(|e| {
        TestCaseError::fail(format!("the generated week does not load: {e}\n{text}"))
    })?;
    let travel = TravelGraph::build(&scn);
    let exact = exact::model::solve(&scn, &travel, TIME_LIMIT);
    common::assert_valid(&scn, &exact.plan);
    let options = onedoor_solve::Options {
        threads: Some(1),
        ..common::options()
    };
    let ours = common::solve_checked(&scn, &options);
    exact::model::assert_admits(&scn, &travel, &ours.plan, TIME_LIMIT);
    let left_out = ours.stats.unscheduled_priority;
    prop_assert!(
        exact.unscheduled_priority <= left_out,
        "the model leaves out {}, onedoor only {left_out}: the model is wrong\n{text}",
        exact.unscheduled_priority
    );
    let total: u64 = scn.tasks.iter().map(|t| u64::from(t.priority)).sum();
    let (fewest, plan) = exact::model::least_visits(&scn, &travel, total - left_out, TIME_LIMIT);
    common::assert_valid(&scn, &plan);
    prop_assert!(
        fewest <= ours.stats.visits,
        "the model needs {fewest} visits for onedoor's priority, onedoor {}: the model is wrong\n{text}",
        ours.stats.visits
    );
    let priority = exact.unscheduled_priority == left_out;
    let both = priority && fewest == ours.stats.visits;
    let claimed = ours.status == Status::Optimal;
    prop_assert!(
        both || !claimed,
        "onedoor says optimal with {left_out} left out in {} visits; the optimum leaves out {} \
         and needs {fewest} visits for what onedoor schedules\n{text}",
        ours.stats.visits,
        exact.unscheduled_priority
    );
    let mut t = tally.borrow_mut();
    t.weeks += 1;
    t.priority += u32::from(priority);
    t.both += u32::from(both);
    t.claimed += u32::from(claimed);
    t.lossy += u32::from(exact.unscheduled_priority > 0);
    Ok(())
}

/// The exact model as an oracle on random tiny weeks (the SAT-oracle style of pubgrub's
/// tests): every rule of a visit and of a day appears (certificates, `acts_for`, caps,
/// absences, recusals, opening hours, closed days, visit limits, windows past the
/// horizon, pinned dates and starts, tasks that are not joinable or need two officers,
/// incompatible departments, department and length limits). onedoor is a
/// heuristic, so what is asserted is only what must hold (see [`against_the_oracle`]);
/// how often onedoor meets the optimum is printed (`--nocapture`). The weeks come from a
/// fixed seed; `ONEDOOR_HEAVY=1` runs 1000 of them instead of 64.
#[test]
fn onedoor_against_the_exact_model_on_random_tiny_weeks() {
    let config = Config {
        cases: oracle_cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let tally = RefCell::new(Tally::default());
    if let Err(e) = runner.run(&tiny_week(), |week| against_the_oracle(&week, &tally)) {
        panic!("{e}");
    }
    let t = tally.into_inner();
    eprintln!(
        "oracle: {} weeks ({} where priority must be left out): onedoor left out the least \
         priority in {}, with the fewest visits too in {}, said optimal in {}",
        t.weeks, t.lossy, t.priority, t.both, t.claimed
    );
    // The sample reaches both answers of the status and weeks where priority is lost.
    assert!(t.claimed > 0 && t.claimed < t.weeks, "{t:?}");
    assert!(t.lossy > 0, "{t:?}");
}

/// Home-care days of 17 patients (`exact/home_care.rs`): one date, five caregivers of
/// one or two skills, half the patients needing two skills at once, windows of 20–60
/// minutes for the start. Onedoor leaves out no more than the optimum on any of them.
/// Day 9 needs three pairs served in part (one task each, the partner left out) so that
/// the caregivers freed serve four single tasks: without the route search's wider
/// sideways rounds onedoor left one more out there. (At 22 patients, two of twelve such
/// days were still one service short when this test was written; the exact model then
/// takes up to a minute a day.)
#[test]
fn onedoor_reaches_the_optimum_of_small_home_care_days() {
    let mut rows = Vec::new();
    for seed in 0..12 {
        let (name, scn) = exact::home_care::day(seed);
        let travel = TravelGraph::build(&scn);
        let exact = exact::model::solve(&scn, &travel, TIME_LIMIT);
        common::assert_valid(&scn, &exact.plan);
        let ours = common::solve_checked(&scn, &common::options())
            .stats
            .unscheduled_priority;
        eprintln!(
            "{name}: {} tasks, onedoor {ours}, exact {} in {:.2} s",
            scn.tasks.len(),
            exact.unscheduled_priority,
            exact.seconds
        );
        rows.push((name, ours, exact.unscheduled_priority));
    }
    let short: Vec<_> = rows.iter().filter(|(_, ours, best)| ours != best).collect();
    assert!(short.is_empty(), "(day, onedoor, optimum): {short:?}");
}
