//! The travel graph (docs/format.md, "Travel"): rounding of straight-line edges, detour, haversine, links,
//! paths across zones, unreachable pairs, and a brute-force cross-check against
//! Floyd–Warshall over the explicitly materialised graph.

use crate::common;

use onedoor_core::ids::NodeIdx;
use onedoor_core::travel::{distance_km, edge_minutes, TravelGraph, TravelMatrix, EARTH_RADIUS_KM};
use onedoor_core::{parse_scenario, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

/// A node of a test scenario.
#[derive(Clone, Debug)]
struct Node {
    id: String,
    zone: String,
    loc: Loc,
}

#[derive(Clone, Copy, Debug)]
enum Loc {
    Xy(f64, f64),
    Geo(f64, f64),
}

fn node(id: &str, zone: &str, loc: Loc) -> Node {
    Node {
        id: id.to_owned(),
        zone: zone.to_owned(),
        loc,
    }
}

fn xy(x: f64, y: f64) -> Loc {
    Loc::Xy(x, y)
}

/// A link between nodes, by position in the node list.
type LinkSpec = (usize, usize, u32);

/// A scenario whose travel nodes are `nodes` (even positions become places, odd ones
/// businesses, so both kinds of node are exercised), with no tasks.
fn scenario(nodes: &[Node], links: &[LinkSpec], speed: f64, detour: f64) -> Scenario {
    let loc = |l: Loc| match l {
        Loc::Xy(x, y) => json!({"x": x, "y": y}),
        Loc::Geo(lat, lon) => json!({"lat": lat, "lon": lon}),
    };
    let entry = |n: &Node| json!({"id": n.id, "zone": n.zone, "location": loc(n.loc)});
    let places: Vec<Value> = nodes.iter().step_by(2).map(entry).collect();
    let businesses: Vec<Value> = nodes.iter().skip(1).step_by(2).map(entry).collect();
    let links: Vec<Value> = links
        .iter()
        .map(|&(a, b, m)| json!({"from": nodes[a].id, "to": nodes[b].id, "minutes": m}))
        .collect();
    let v = json!({
        "horizon": {"start": "2022-09-12", "end": "2022-09-16"},
        "travel": {"speed_kmh": speed, "detour": detour, "links": links},
        "places": places,
        "businesses": businesses,
    });
    parse_scenario(&v.to_string(), "travel-test").unwrap_or_else(|e| panic!("{e}"))
}

/// The graph node of a test node.
fn idx(s: &Scenario, id: &str) -> NodeIdx {
    s.index.nodes[id]
}

/// travel(a, b) by ids.
fn minutes(s: &Scenario, g: &TravelGraph, a: &str, b: &str) -> Option<u32> {
    g.minutes(idx(s, a), idx(s, b))
}

// ---------------------------------------------------------------------------------------
// Straight-line edges

#[test]
fn rounding_is_ceil_with_a_small_tolerance() {
    // 3-4-5 triangle at 30 km/h, detour 1: exactly 10 minutes, not 11.
    assert_eq!(edge_minutes(5.0, 1.0, 30.0), 10);
    assert_eq!(edge_minutes(5.01, 1.0, 30.0), 11);
    assert_eq!(edge_minutes(4.99, 1.0, 30.0), 10);
    assert_eq!(edge_minutes(0.0, 1.3, 30.0), 0);
    // 1.5 km × 1.3 × 60 / 9 km/h is 13.000000000000002 in floating point: the tolerance
    // makes it the whole 13 minutes it is.
    let (km, detour, speed) = (1.5, 1.3, 9.0);
    assert!(km * detour * 60.0 / speed > 13.0);
    assert_eq!(edge_minutes(km, detour, speed), 13);
    // A hair above a whole minute (more than the tolerance) rounds up.
    assert_eq!(edge_minutes(0.5 + 1e-6, 1.0, 30.0), 2);
}

#[test]
fn zone_edges_use_the_exact_formula() {
    let nodes = [
        node("o", "main", xy(0.0, 0.0)),
        node("p", "main", xy(3.0, 4.0)),
        node("q", "main", xy(5.01, 0.0)),
        node("r", "main", xy(-3.0, -4.0)),
    ];
    let s = scenario(&nodes, &[], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "o", "p"), Some(10));
    assert_eq!(minutes(&s, &g, "p", "o"), Some(10));
    assert_eq!(minutes(&s, &g, "o", "q"), Some(11));
    // p to r is 10 km: 20 minutes, the same as the two hops through o.
    assert_eq!(minutes(&s, &g, "p", "r"), Some(20));

    // Floating point lands a hair above 13 here; the graph still says 13.
    let nodes = [
        node("o", "main", xy(0.0, 0.0)),
        node("p", "main", xy(0.0, 1.5)),
    ];
    let s = scenario(&nodes, &[], 9.0, 1.3);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "o", "p"), Some(13));
}

#[test]
fn the_detour_factor_stretches_straight_lines() {
    let nodes = [
        node("a", "main", xy(0.0, 0.0)),
        node("b", "main", xy(10.0, 0.0)),
    ];
    let cases = [
        (30.0, 1.3, 26),  // 10 × 1.3 × 60 / 30 = 26 exactly
        (40.0, 1.25, 19), // 18.75
        (30.0, 1.0, 20),
        (30.0, 0.0, 0),  // a zero detour makes a zone free to cross
        (45.0, 2.0, 27), // 26.67
    ];
    for (speed, detour, expected) in cases {
        let s = scenario(&nodes, &[], speed, detour);
        let g = TravelGraph::build(&s);
        assert_eq!(
            minutes(&s, &g, "a", "b"),
            Some(expected),
            "speed {speed}, detour {detour}"
        );
        assert_eq!(edge_minutes(10.0, detour, speed), expected);
    }
}

#[test]
fn the_default_travel_model_is_30_kmh_with_detour_1_3() {
    let v = json!({
        "horizon": {"start": "2022-09-12", "end": "2022-09-16"},
        "places": [{"id": "a", "location": {"x": 0, "y": 0}},
                   {"id": "b", "location": {"x": 0, "y": 10}}],
    });
    let s = parse_scenario(&v.to_string(), "f").unwrap();
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "a", "b"), Some(26));
}

#[test]
fn latitude_and_longitude_use_haversine_with_the_mean_earth_radius() {
    let geo = |lat, lon| onedoor_core::scenario::Location::Geo { lat, lon };
    let one_degree = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
    assert_eq!(EARTH_RADIUS_KM, 6371.0088);
    assert!((distance_km(geo(0.0, 0.0), geo(0.0, 1.0)) - one_degree).abs() < 1e-9);
    assert!((distance_km(geo(0.0, 0.0), geo(1.0, 0.0)) - one_degree).abs() < 1e-9);
    // Zhoushan to Shanghai, against an independent haversine.
    let (a, b) = ((29.9853, 122.2072), (31.2304, 121.4737));
    let expected = haversine(a, b);
    assert!((distance_km(geo(a.0, a.1), geo(b.0, b.1)) - expected).abs() < 1e-9);
    assert!((expected - 155.0).abs() < 5.0, "{expected}");

    // The radius matters: a longitude gap that is 1000.0005 km with R = 6371.0088 is
    // 999.9991 km with R = 6371. At 60 km/h and detour 1 that is 1001 minutes, not 1000.
    let lon = (1000.0005 / EARTH_RADIUS_KM).to_degrees();
    let nodes = [
        node("w", "main", Loc::Geo(0.0, 0.0)),
        node("e", "main", Loc::Geo(0.0, lon)),
    ];
    let s = scenario(&nodes, &[], 60.0, 1.0);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "w", "e"), Some(1001));
    assert_eq!(minutes(&s, &g, "e", "w"), Some(1001));
}

fn haversine((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

// ---------------------------------------------------------------------------------------
// Links and zones

#[test]
fn the_same_node_is_zero_minutes() {
    let nodes = [
        node("a", "main", xy(0.0, 0.0)),
        node("b", "island", xy(0.0, 0.0)),
    ];
    let s = scenario(&nodes, &[], 30.0, 1.3);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "a", "a"), Some(0));
    assert_eq!(minutes(&s, &g, "b", "b"), Some(0));
    // Same coordinates, different zones, no link: no path.
    assert_eq!(minutes(&s, &g, "a", "b"), None);
}

#[test]
fn links_are_two_way_and_used_only_when_shorter() {
    let nodes = [
        node("p", "main", xy(0.0, 0.0)),
        node("b", "main", xy(20.0, 0.0)), // 40 minutes straight
    ];
    let s = scenario(&nodes, &[(0, 1, 10)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "p", "b"), Some(10));
    assert_eq!(minutes(&s, &g, "b", "p"), Some(10));

    let s = scenario(&nodes, &[(0, 1, 100)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "p", "b"), Some(40));
    assert_eq!(minutes(&s, &g, "b", "p"), Some(40));
}

#[test]
fn a_link_is_a_shortcut_inside_one_zone() {
    let nodes = [
        node("d", "main", xy(-1.0, 0.0)),
        node("a", "main", xy(0.0, 0.0)),
        node("b", "main", xy(30.0, 0.0)),
        node("c", "main", xy(31.0, 0.0)),
    ];
    // A fast road from a to b (5 minutes instead of 60).
    let s = scenario(&nodes, &[(1, 2, 5)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "a", "b"), Some(5));
    assert_eq!(minutes(&s, &g, "a", "c"), Some(7));
    assert_eq!(minutes(&s, &g, "c", "a"), Some(7));
    // Straight line, link, straight line: 2 + 5 + 2 instead of 64.
    assert_eq!(minutes(&s, &g, "d", "c"), Some(9));
    assert_eq!(minutes(&s, &g, "c", "d"), Some(9));
}

#[test]
fn a_zone_reached_through_a_chain_of_two_links() {
    let nodes = [
        node("hq", "a", xy(0.0, 0.0)),
        node("pier-a", "a", xy(1.0, 0.0)),
        node("pier-b1", "b", xy(0.0, 0.0)),
        node("pier-b2", "b", xy(3.0, 4.0)),
        node("pier-c", "c", xy(0.0, 0.0)),
        node("inn", "c", xy(0.0, 2.0)),
    ];
    let links = [(1, 2, 10), (3, 4, 7)];
    let s = scenario(&nodes, &links, 30.0, 1.0);
    let g = TravelGraph::build(&s);
    // 2 (to the pier) + 10 (ferry) + 10 (across b) + 7 (ferry) + 4 (to the inn).
    assert_eq!(minutes(&s, &g, "hq", "inn"), Some(33));
    assert_eq!(minutes(&s, &g, "inn", "hq"), Some(33));
    assert_eq!(minutes(&s, &g, "pier-a", "pier-c"), Some(27));
    assert!(g.connected(idx(&s, "hq"), idx(&s, "inn")));
}

#[test]
fn a_zone_without_links_is_unreachable_from_others() {
    let nodes = [
        node("hq", "main", xy(0.0, 0.0)),
        node("pier", "main", xy(1.0, 0.0)),
        node("islet-pier", "islet", xy(5.0, 0.0)),
        node("far-1", "far", xy(2.0, 0.0)),
        node("far-2", "far", xy(2.0, 1.5)),
    ];
    let s = scenario(&nodes, &[(1, 2, 20)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    for a in ["hq", "pier", "islet-pier"] {
        for b in ["far-1", "far-2"] {
            assert_eq!(minutes(&s, &g, a, b), None, "{a} to {b}");
            assert_eq!(minutes(&s, &g, b, a), None, "{b} to {a}");
            assert!(!g.connected(idx(&s, a), idx(&s, b)));
        }
    }
    // Inside the isolated zone travel works.
    assert_eq!(minutes(&s, &g, "far-1", "far-2"), Some(3));
    assert!(g.connected(idx(&s, "far-1"), idx(&s, "far-2")));
    assert_eq!(minutes(&s, &g, "hq", "islet-pier"), Some(22));
}

#[test]
fn parallel_links_and_self_links_are_harmless() {
    let nodes = [node("a", "x", xy(0.0, 0.0)), node("b", "y", xy(0.0, 0.0))];
    let s = scenario(
        &nodes,
        &[(0, 1, 30), (1, 0, 12), (0, 0, 1), (0, 1, 50)],
        30.0,
        1.0,
    );
    let g = TravelGraph::build(&s);
    assert_eq!(minutes(&s, &g, "a", "b"), Some(12));
    assert_eq!(minutes(&s, &g, "b", "a"), Some(12));
}

#[test]
fn huge_link_minutes_do_not_overflow() {
    let nodes = [
        node("a", "x", xy(0.0, 0.0)),
        node("b", "y", xy(0.0, 0.0)),
        node("c", "z", xy(0.0, 0.0)),
        node("d", "z", xy(1.0, 0.0)),
    ];
    let big = 4_000_000_000;
    let s = scenario(&nodes, &[(0, 1, big), (1, 2, big)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    // Issue 12: travel saturates at MAX_MINUTES (10⁹), so that sums of travel times
    // cannot overflow `u32` where the planner adds them; still reachable.
    assert_eq!(
        minutes(&s, &g, "a", "b"),
        Some(onedoor_core::travel::MAX_MINUTES)
    );
    let far = minutes(&s, &g, "a", "d").expect("reachable");
    assert_eq!(far, onedoor_core::travel::MAX_MINUTES);
    assert!(g.connected(idx(&s, "a"), idx(&s, "d")));
}

// ---------------------------------------------------------------------------------------
// Brute force

/// Straight-line km, computed independently of the library.
fn km(a: Loc, b: Loc) -> f64 {
    match (a, b) {
        (Loc::Xy(x1, y1), Loc::Xy(x2, y2)) => ((x1 - x2).powi(2) + (y1 - y2).powi(2)).sqrt(),
        (Loc::Geo(la1, lo1), Loc::Geo(la2, lo2)) => haversine((la1, lo1), (la2, lo2)),
        _ => unreachable!("one form per scenario"),
    }
}

/// All-pairs shortest minutes by Floyd–Warshall over every zone edge and every link.
fn floyd_warshall(
    nodes: &[Node],
    links: &[LinkSpec],
    speed: f64,
    detour: f64,
) -> Vec<Vec<Option<u64>>> {
    let n = nodes.len();
    let mut d = vec![vec![None::<u64>; n]; n];
    let relax = |d: &mut Vec<Vec<Option<u64>>>, i: usize, j: usize, m: u64| {
        if d[i][j].is_none_or(|old| m < old) {
            d[i][j] = Some(m);
        }
    };
    for i in 0..n {
        relax(&mut d, i, i, 0);
        for j in 0..n {
            if i != j && nodes[i].zone == nodes[j].zone {
                let m = (km(nodes[i].loc, nodes[j].loc) * detour * 60.0 / speed - 1e-9).ceil();
                relax(&mut d, i, j, m.max(0.0) as u64);
            }
        }
    }
    for &(a, b, m) in links {
        relax(&mut d, a, b, u64::from(m));
        relax(&mut d, b, a, u64::from(m));
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(ik), Some(kj)) = (d[i][k], d[k][j]) {
                    relax(&mut d, i, j, ik + kj);
                }
            }
        }
    }
    d
}

/// A random scenario: a few zones, a few nodes, random links (self-links and parallel
/// links included), planar or geographic.
fn random_case(seed: u64) -> (Vec<Node>, Vec<LinkSpec>, f64, f64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let zones = rng.random_range(1..=4);
    let n = rng.random_range(2..=9);
    let geo = seed % 5 == 4;
    let integer = seed.is_multiple_of(3);
    let nodes: Vec<Node> = (0..n)
        .map(|i| {
            let zone = format!("z{}", rng.random_range(0..zones));
            let loc = if geo {
                Loc::Geo(
                    29.9 + rng.random::<f64>() * 0.2,
                    122.0 + rng.random::<f64>() * 0.3,
                )
            } else if integer {
                xy(
                    f64::from(rng.random_range(-6..=6)),
                    f64::from(rng.random_range(-6..=6)),
                )
            } else {
                xy(rng.random::<f64>() * 20.0, rng.random::<f64>() * 20.0)
            };
            Node {
                id: format!("n{i}"),
                zone,
                loc,
            }
        })
        .collect();
    let links = (0..rng.random_range(0..=6))
        .map(|_| {
            (
                rng.random_range(0..n),
                rng.random_range(0..n),
                rng.random_range(0..=40),
            )
        })
        .collect();
    let speed = [30.0, 17.5, 45.0, 60.0][rng.random_range(0..4)];
    let detour = [1.0, 1.3, 0.0, 2.0, 1.15][rng.random_range(0..5)];
    (nodes, links, speed, detour)
}

#[test]
fn shortest_paths_match_floyd_warshall_on_random_scenarios() {
    for seed in 0..400 {
        let (nodes, links, speed, detour) = random_case(seed);
        let s = scenario(&nodes, &links, speed, detour);
        let g = TravelGraph::build(&s);
        let expected = floyd_warshall(&nodes, &links, speed, detour);
        for (i, a) in nodes.iter().enumerate() {
            for (j, b) in nodes.iter().enumerate() {
                let got = minutes(&s, &g, &a.id, &b.id).map(u64::from);
                assert_eq!(
                    got, expected[i][j],
                    "seed {seed}: {} to {}\nnodes {nodes:?}\nlinks {links:?}\nspeed {speed}, detour {detour}",
                    a.id, b.id
                );
                assert_eq!(
                    g.connected(idx(&s, &a.id), idx(&s, &b.id)),
                    got.is_some(),
                    "seed {seed}: connected({}, {})",
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn the_matrix_agrees_with_the_graph() {
    for seed in 0..60 {
        let (nodes, links, speed, detour) = random_case(seed);
        let s = scenario(&nodes, &links, speed, detour);
        let g = TravelGraph::build(&s);
        let all: Vec<NodeIdx> = (0..s.node_count()).map(NodeIdx::new).collect();
        // Duplicates and any order are fine.
        let mut chosen: Vec<NodeIdx> = all.iter().rev().copied().collect();
        chosen.push(all[0]);
        let m = TravelMatrix::new(&g, &chosen);
        for &a in &all {
            for &b in &all {
                assert_eq!(m.get(a, b), g.minutes(a, b), "seed {seed}: {a:?} to {b:?}");
            }
        }
        // A matrix of some nodes answers nothing about the others.
        let part = TravelMatrix::new(&g, &all[..1]);
        assert_eq!(part.get(all[0], all[0]), Some(0));
        assert_eq!(part.get(all[0], all[1]), None);
    }
}

#[test]
fn the_tiny_scenario_reaches_its_islet_by_the_ferry() {
    let s = common::tiny();
    let g = TravelGraph::build(&s);
    // town-hall (0,0) to pier (3,0): 6 minutes at 30 km/h, detour 1; ferry 20 minutes.
    assert_eq!(minutes(&s, &g, "town-hall", "pier"), Some(6));
    assert_eq!(minutes(&s, &g, "town-hall", "B5"), Some(26));
    assert_eq!(minutes(&s, &g, "B1", "B5"), Some(28));
    assert_eq!(minutes(&s, &g, "B1", "B2"), Some(10));
}

/// The minutes of one hop of a path: the straight-line edge (same zone) or the shortest
/// link between the two nodes, whichever is shorter.
fn hop(s: &Scenario, a: NodeIdx, b: NodeIdx) -> Option<u32> {
    let (za, la) = s.node_site(a);
    let (zb, lb) = s.node_site(b);
    let straight =
        (za == zb).then(|| edge_minutes(distance_km(la, lb), s.travel.detour, s.travel.speed_kmh));
    let link = s
        .travel
        .links
        .iter()
        .filter(|l| (l.from, l.to) == (a, b) || (l.from, l.to) == (b, a))
        .map(|l| l.minutes)
        .min();
    match (straight, link) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

#[test]
fn a_path_passes_the_link_ends_and_its_hops_add_up_to_the_minutes() {
    let nodes = [
        node("hq", "a", xy(0.0, 0.0)),
        node("pier-a", "a", xy(1.0, 0.0)),
        node("pier-b1", "b", xy(0.0, 0.0)),
        node("pier-b2", "b", xy(3.0, 4.0)),
        node("pier-c", "c", xy(0.0, 0.0)),
        node("inn", "c", xy(0.0, 2.0)),
    ];
    let s = scenario(&nodes, &[(1, 2, 10), (3, 4, 7)], 30.0, 1.0);
    let g = TravelGraph::build(&s);
    let path = g.path(idx(&s, "hq"), idx(&s, "inn")).expect("a path");
    let ids: Vec<&str> = path.iter().map(|&n| s.node_id(n)).collect();
    assert_eq!(ids, ["hq", "pier-a", "pier-b1", "pier-b2", "pier-c", "inn"]);
    assert_eq!(
        g.path(idx(&s, "hq"), idx(&s, "hq")),
        Some(vec![idx(&s, "hq")])
    );

    for seed in 0..200 {
        let (nodes, links, speed, detour) = random_case(seed);
        let s = scenario(&nodes, &links, speed, detour);
        let g = TravelGraph::build(&s);
        for a in &nodes {
            for b in &nodes {
                let (na, nb) = (idx(&s, &a.id), idx(&s, &b.id));
                let Some(path) = g.path(na, nb) else {
                    assert_eq!(g.minutes(na, nb), None, "seed {seed}");
                    continue;
                };
                assert_eq!((path[0], path[path.len() - 1]), (na, nb));
                let sum: u64 = path
                    .windows(2)
                    .map(|w| u64::from(hop(&s, w[0], w[1]).expect("a hop is an edge")))
                    .sum();
                assert_eq!(
                    Some(sum),
                    g.minutes(na, nb).map(u64::from),
                    "seed {seed}: {} to {}",
                    a.id,
                    b.id
                );
            }
        }
    }
}
