//! The checker's own shortest paths ([`onedoor_check::Paths`]) against the travel graph's
//! definition taken literally (docs/format.md, "Travel"): every zone edge of every zone and
//! every link, all pairs by Floyd–Warshall. The checker's search skips most zone edges
//! (see `paths.rs`); this shows that it loses no path by doing so, on random small
//! scenarios of a few zones, links (self-links and parallel ones included), planar and
//! geographic locations.

use onedoor_check::Paths;
use onedoor_core::ids::NodeIdx;

/// A small deterministic generator (splitmix64), so the cases need no extra crate.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    fn int(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One random case: nodes (zone, location), links (from, to, minutes), speed, detour.
struct Case {
    zones: Vec<u64>,
    locations: Vec<(f64, f64)>,
    geo: bool,
    links: Vec<(usize, usize, u64)>,
    speed: f64,
    detour: f64,
}

fn random_case(seed: u64) -> Case {
    let mut draw = Draw(seed);
    let zone_count = draw.int(1, 4);
    let n = draw.int(2, 10) as usize;
    let geo = seed % 4 == 3;
    let zones = (0..n).map(|_| draw.int(0, zone_count - 1)).collect();
    let locations = (0..n)
        .map(|_| {
            if geo {
                (29.9 + draw.unit() * 0.2, 122.0 + draw.unit() * 0.3)
            } else if seed.is_multiple_of(3) {
                (draw.int(0, 12) as f64 - 6.0, draw.int(0, 12) as f64 - 6.0)
            } else {
                (draw.unit() * 20.0, draw.unit() * 20.0)
            }
        })
        .collect();
    let links = (0..draw.int(0, 7))
        .map(|_| {
            (
                draw.int(0, n as u64 - 1) as usize,
                draw.int(0, n as u64 - 1) as usize,
                draw.int(0, 40),
            )
        })
        .collect();
    let speed = [30.0, 17.5, 45.0, 60.0][draw.int(0, 3) as usize];
    let detour = [1.0, 1.3, 0.0, 2.0, 1.15][draw.int(0, 4) as usize];
    Case {
        zones,
        locations,
        geo,
        links,
        speed,
        detour,
    }
}

/// The scenario text of a case: the nodes as places, nothing else.
fn scenario_text(case: &Case) -> String {
    let places: Vec<String> = (0..case.zones.len())
        .map(|i| {
            let (a, b) = case.locations[i];
            let location = if case.geo {
                format!(r#"{{"lat": {a:?}, "lon": {b:?}}}"#)
            } else {
                format!(r#"{{"x": {a:?}, "y": {b:?}}}"#)
            };
            format!(
                r#"{{"id": "n{i}", "zone": "z{}", "location": {location}}}"#,
                case.zones[i]
            )
        })
        .collect();
    let links: Vec<String> = case
        .links
        .iter()
        .map(|(a, b, m)| format!(r#"{{"from": "n{a}", "to": "n{b}", "minutes": {m}}}"#))
        .collect();
    format!(
        r#"{{"name": "paths", "horizon": {{"start": "2022-09-12", "end": "2022-09-16"}},
            "travel": {{"speed_kmh": {:?}, "detour": {:?}, "links": [{}]}},
            "places": [{}]}}"#,
        case.speed,
        case.detour,
        links.join(", "),
        places.join(", ")
    )
}

/// Straight-line km, as the format says.
fn km(case: &Case, i: usize, j: usize) -> f64 {
    let ((a1, b1), (a2, b2)) = (case.locations[i], case.locations[j]);
    if case.geo {
        let (p1, p2) = (a1.to_radians(), a2.to_radians());
        let h = ((p2 - p1) / 2.0).sin().powi(2)
            + p1.cos() * p2.cos() * ((b2 - b1).to_radians() / 2.0).sin().powi(2);
        2.0 * 6371.0088 * h.sqrt().asin()
    } else {
        ((a1 - a2).powi(2) + (b1 - b2).powi(2)).sqrt()
    }
}

/// All pairs by Floyd–Warshall over every zone edge and every link.
fn floyd_warshall(case: &Case) -> Vec<Vec<Option<u64>>> {
    let n = case.zones.len();
    let mut d = vec![vec![None::<u64>; n]; n];
    let relax = |d: &mut Vec<Vec<Option<u64>>>, i: usize, j: usize, m: u64| {
        if d[i][j].is_none_or(|old| m < old) {
            d[i][j] = Some(m);
        }
    };
    for i in 0..n {
        relax(&mut d, i, i, 0);
        for j in 0..n {
            if i != j && case.zones[i] == case.zones[j] {
                let m = (km(case, i, j) * case.detour * 60.0 / case.speed - 1e-9).ceil();
                relax(&mut d, i, j, m.max(0.0) as u64);
            }
        }
    }
    for &(a, b, m) in &case.links {
        relax(&mut d, a, b, m);
        relax(&mut d, b, a, m);
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

#[test]
fn paths_match_floyd_warshall_on_random_scenarios() {
    let mut with_links = 0;
    for seed in 0..400 {
        let case = random_case(seed);
        let text = scenario_text(&case);
        let scn = onedoor_core::parse_scenario(&text, "case")
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let paths = Paths::new(&scn);
        let expected = floyd_warshall(&case);
        with_links += usize::from(!case.links.is_empty());
        for (i, row) in expected.iter().enumerate() {
            for (j, &want) in row.iter().enumerate() {
                let (a, b) = (NodeIdx::new(i), NodeIdx::new(j));
                assert_eq!(
                    paths.minutes(a, b).map(u64::from),
                    want,
                    "seed {seed}: n{i} to n{j}\n{text}"
                );
                assert_eq!(paths.reachable(a, b), want.is_some(), "seed {seed}");
            }
        }
    }
    assert!(with_links > 300, "most cases have links: {with_links}");
}

#[test]
fn long_paths_count_as_the_longest_travel() {
    // Two zones joined by two links of 4,294,967,295 minutes in a row: 8.6 billion
    // minutes, reported as 1,000,000,000 (still a path).
    let text = r#"{"name": "far", "horizon": {"start": "2022-09-12", "end": "2022-09-12"},
        "travel": {"links": [{"from": "a", "to": "b", "minutes": 4294967295},
                             {"from": "b", "to": "c", "minutes": 4294967295}]},
        "places": [{"id": "a", "zone": "x", "location": {"x": 0.0, "y": 0.0}},
                   {"id": "b", "zone": "y", "location": {"x": 0.0, "y": 0.0}},
                   {"id": "c", "zone": "z", "location": {"x": 0.0, "y": 0.0}},
                   {"id": "d", "zone": "w", "location": {"x": 0.0, "y": 0.0}}]}"#;
    let scn = onedoor_core::parse_scenario(text, "far").expect("loads");
    let paths = Paths::new(&scn);
    let node = |id: &str| scn.index.nodes[id];
    assert_eq!(
        paths.minutes(node("a"), node("c")),
        Some(onedoor_check::LONGEST)
    );
    assert_eq!(paths.minutes(node("a"), node("d")), None);
    assert!(!paths.reachable(node("d"), node("c")));
}
