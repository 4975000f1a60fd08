//! The Mankowska benchmark's loader (`examples/mankowska/instance.rs`): a small
//! hand-written instance in the original text format becomes the expected scenario, and
//! planning it gives a plan the checker accepts, which the loader then measures by the
//! original problem's yardsticks.

#[allow(dead_code)]
#[path = "../examples/mankowska/instance.rs"]
mod instance;

use chrono::NaiveDate;
use instance::{parse, Need};
use onedoor_core::plan::{CrewEntry, Plan, Visit};
use onedoor_core::scenario::time::Clock;
use onedoor_core::travel::TravelGraph;
use onedoor_solve::{plan, Options};
use serde_json::json;
use std::time::Duration;

/// Three patients (written for this test, in the format of the published files): node 1
/// needs service 1; node 2 services 1 and 2 at once (`mind` 0); node 3 service 2 and,
/// 10 to 20 minutes after it starts, service 3. Three caregivers with two skills each.
/// Depot at (0, 0); the distances are those between the coordinates.
const TINY: &str = "\
nbNodes
5
nbVehi
3
nbServi
3
r
1 1 1
1 0 0
1 1 0
0 1 1
1 1 1
DS
4 3
a
1 1 0
0 1 1
1 0 1
x
0 3 6 0 0
y
0 4 8 10 0
d
0.0 5.0 10.0 10.0 0.0
5.0 0.0 5.0 6.708204 5.0
10.0 5.0 0.0 6.324555 10.0
10.0 6.708204 6.324555 0.0 10.0
0.0 5.0 10.0 10.0 0.0
p
0 0 0
0 0 0
0 0 0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
10.0 10.0 10.0
0 0 0
0 0 0
0 0 0
mind
0 0 0 10 0
maxd
0 0 0 20 0
e
0 10 30 60 0
l
600 70 100 150 1000
";

#[test]
fn the_loader_reads_the_three_kinds_of_patient() {
    let inst = parse(TINY).expect("the tiny instance reads");
    let needs: Vec<Need> = inst.patients.iter().map(|p| p.need).collect();
    assert_eq!(
        needs,
        [
            Need::Single(0),
            Need::Simultaneous(0, 1),
            Need::Ordered {
                first: 1,
                second: 2,
                min_delay: 10,
                max_delay: 20
            }
        ]
    );
    assert_eq!(inst.services(), 5);
    assert_eq!(inst.caregivers, [vec![0, 1], vec![1, 2], vec![0, 2]]);
}

#[test]
fn the_tiny_instance_becomes_the_expected_scenario() {
    let inst = parse(TINY).expect("the tiny instance reads");
    let got = inst.scenario_json("tiny").expect("converts");
    let expected = json!({
        "version": 1,
        "name": "tiny",
        "horizon": {"start": "2026-01-05", "end": "2026-01-05",
                    "hours": {"start": "00:00", "end": "23:59"}},
        "rules": {"min_certified_per_visit": 1, "visit_overhead_minutes": 0},
        "travel": {"speed_kmh": 60, "detour": 1},
        "places": [{"id": "depot", "location": {"x": 0.0, "y": 0.0}}],
        "departments": [
            {"id": "s1", "name": "service 1"},
            {"id": "s2", "name": "service 2"},
            {"id": "s3", "name": "service 3"}
        ],
        "inspectors": [
            {"id": "c1", "department": "s1", "certified": true, "base": "depot", "acts_for": ["s2"]},
            {"id": "c2", "department": "s2", "certified": true, "base": "depot", "acts_for": ["s3"]},
            {"id": "c3", "department": "s1", "certified": true, "base": "depot", "acts_for": ["s3"]}
        ],
        // Opening hours: from the window's start to the latest start without lateness
        // plus the visit's length. Node 3's visit lasts 20 (service 3 starts 10 after
        // service 2, then takes 10), and must start by 150 − 10 so that service 3 does.
        "businesses": [
            {"id": "p1", "location": {"x": 3.0, "y": 4.0},
             "open": {"hours": {"start": "00:10", "end": "01:20"}}, "max_visits": 1},
            {"id": "p2", "location": {"x": 6.0, "y": 8.0},
             "open": {"hours": {"start": "00:30", "end": "01:50"}}, "max_visits": 1},
            {"id": "p3", "location": {"x": 0.0, "y": 10.0},
             "open": {"hours": {"start": "01:00", "end": "02:40"}}, "max_visits": 1}
        ],
        "tasks": [
            {"id": "p1-s1", "department": "s1", "business": "p1", "minutes": 10},
            {"id": "p2-s1", "department": "s1", "business": "p2", "minutes": 10},
            {"id": "p2-s2", "department": "s2", "business": "p2", "minutes": 10},
            {"id": "p3-s2", "department": "s2", "business": "p3", "minutes": 10},
            {"id": "p3-s3", "department": "s3", "business": "p3", "minutes": 20}
        ]
    });
    assert_eq!(got, expected);
}

#[test]
fn planning_the_tiny_instance_gives_a_valid_plan_serving_every_service() {
    let inst = parse(TINY).expect("the tiny instance reads");
    let text = serde_json::to_string(&inst.scenario_json("tiny").expect("converts")).unwrap();
    let scn = onedoor_core::parse_scenario(&text, "tiny").expect("the scenario loads");
    let travel = TravelGraph::build(&scn);
    let options = Options {
        time_limit: Duration::from_secs(60),
        ..Options::default()
    };
    let outcome = plan(&scn, &travel, &options).expect("plans");
    let report = onedoor_check::check(&scn, &outcome.plan);
    assert!(report.is_valid(), "violations: {:?}", report.violations);
    assert!(
        outcome.plan.unscheduled.is_empty(),
        "{:?}",
        outcome.plan.unscheduled
    );

    // Each double service is one visit with two caregivers, one per service.
    for (business, departments) in [("p2", ["s1", "s2"]), ("p3", ["s2", "s3"])] {
        let visits: Vec<&Visit> = outcome
            .plan
            .visits
            .iter()
            .filter(|v| v.business == business)
            .collect();
        assert_eq!(visits.len(), 1, "{business}");
        let mut crew: Vec<&str> = visits[0]
            .crew
            .iter()
            .map(|c| c.department.as_str())
            .collect();
        crew.sort_unstable();
        assert_eq!(crew, departments, "{business}");
    }

    // Served in full, so nothing late; the distance is each caregiver's round trip
    // through their visits in order of start, between the coordinates.
    let m = inst.measure(&outcome.plan).expect("measures");
    assert_eq!((m.served, m.late, m.early), (5, 0, 0));
    let at = |b: &str| match b {
        "p1" => (3.0, 4.0),
        "p2" => (6.0, 8.0),
        "p3" => (0.0, 10.0),
        _ => (0.0, 0.0),
    };
    let mut expected = 0.0;
    for c in ["c1", "c2", "c3"] {
        let mut mine: Vec<&Visit> = outcome
            .plan
            .visits
            .iter()
            .filter(|v| v.crew.iter().any(|e| e.inspector == c))
            .collect();
        mine.sort_by_key(|v| v.start);
        if mine.is_empty() {
            continue;
        }
        let stops: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(mine.iter().map(|v| at(&v.business)))
            .chain(std::iter::once((0.0, 0.0)))
            .collect();
        expected += stops
            .windows(2)
            .map(|w| {
                ((w[0].0 - w[1].0) * (w[0].0 - w[1].0) + (w[0].1 - w[1].1) * (w[0].1 - w[1].1))
                    .sqrt()
            })
            .sum::<f64>();
    }
    assert!(
        (m.distance - expected).abs() < 1e-5,
        "{} against {expected}",
        m.distance
    );
    assert_eq!(m.cost(), m.distance / 3.0);
}

/// A visit of the plans built by hand below.
fn visit(
    id: &str,
    business: &str,
    start: u32,
    end: u32,
    crew: &[(&str, &str)],
    tasks: &[&str],
) -> Visit {
    Visit {
        id: id.to_owned(),
        business: business.to_owned(),
        date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        start: Clock(start),
        end: Clock(end),
        tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
        crew: crew
            .iter()
            .map(|(i, d)| CrewEntry {
                inspector: (*i).to_owned(),
                department: (*d).to_owned(),
            })
            .collect(),
    }
}

#[test]
fn a_plan_is_measured_with_the_instance_distances_and_the_delayed_start() {
    let inst = parse(TINY).expect("the tiny instance reads");
    // c1: depot → p1 → p2 → depot = 5 + 5 + 10; c2: depot → p2 → p3 → depot =
    // 10 + 6.324555 + 10; c3: depot → p3 → depot = 20. Node 3's visit starts at 145, so
    // service 2 starts on time (≤ 150) and service 3 at 155: 5 late.
    let plan = Plan::new(
        "tiny",
        vec![
            visit("V1", "p1", 10, 20, &[("c1", "s1")], &["p1-s1"]),
            visit(
                "V2",
                "p2",
                30,
                40,
                &[("c1", "s1"), ("c2", "s2")],
                &["p2-s1", "p2-s2"],
            ),
            visit(
                "V3",
                "p3",
                145,
                165,
                &[("c2", "s2"), ("c3", "s3")],
                &["p3-s2", "p3-s3"],
            ),
        ],
        Vec::new(),
    );
    let m = inst.measure(&plan).expect("measures");
    assert!(
        (m.distance - (20.0 + 26.324555 + 20.0)).abs() < 1e-9,
        "{}",
        m.distance
    );
    assert_eq!((m.served, m.late, m.early), (5, 1, 0));
    assert_eq!((m.tardiness, m.max_tardiness), (5.0, 5.0));
    assert!((m.cost() - (66.324555 + 10.0) / 3.0).abs() < 1e-9);
}

#[test]
fn a_broken_file_is_an_error_naming_its_place() {
    let bad = TINY.replace("0 3 6 0 0", "0 3 six 0 0");
    let e = parse(&bad).expect_err("a word among the numbers");
    assert!(e.0.contains("line 20") && e.0.contains("\"six\""), "{e}");

    let short = TINY.replace("0 4 8 10 0", "0 4 8 10");
    let e = parse(&short).expect_err("a coordinate missing");
    assert!(
        e.0.contains("section y") && e.0.contains("4 numbers where 5"),
        "{e}"
    );

    // Node 2 needs two services but is not listed as a double service.
    let e = parse(&TINY.replace("DS\n4 3", "DS\n4")).expect_err("DS incomplete");
    assert!(e.0.contains("node 2") && e.0.contains("not listed"), "{e}");

    // The matrix must be the distances between the coordinates.
    let e = parse(&TINY.replace("0.0 5.0 10.0 10.0 0.0\n5.0", "0.0 5.0 12.0 10.0 0.0\n5.0"))
        .expect_err("a distance off the coordinates");
    assert!(e.0.contains("section d, row 1, column 3"), "{e}");
}
