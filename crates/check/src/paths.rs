//! The checker's own travel minutes: shortest paths of the travel graph, computed here
//! from the format (docs/format.md, "Travel") and not by the solver's travel graph, so
//! that a fault in either shows as a disagreement (rule C8, `travel_minutes`, the
//! `unreachable` fact).
//!
//! The graph: one node per place and business; any two nodes of one zone joined by an
//! edge of `ceil(km × detour × 60 / speed_kmh − 1e−9)` minutes (km Euclidean for `x`/`y`,
//! haversine with earth radius 6371.0088 km for `lat`/`lon`); every `travel.links` entry
//! a two-way edge of its minutes. An edge too long for a number (the distance or the
//! minutes overflow) is no edge; a longer one than 1,000,000,000 minutes counts as that,
//! and so does a longer path.
//!
//! **How.** A zone is a complete graph, far too many edges to search at province size.
//! It need not be searched: rounding up keeps the triangle inequality
//! (`ceil(a) + ceil(b) ≥ ceil(c)` whenever the straight line `c ≤ a + b`), so a shortest
//! path never takes two zone edges in a row: going through a third node of the zone
//! without leaving it by a link is never shorter than going straight. The only nodes a
//! shortest path passes through are therefore the **link ends**. For a source node `s`,
//! a Dijkstra over the link ends alone (entered from `s` by one zone edge, joined by the
//! links and by the zone edges between link ends of one zone) gives the minutes from `s`
//! to every link end; then travel(s, t) is the shorter of the zone edge `s`–`t` (same
//! zone) and, over the link ends `h` in `t`'s zone, minutes(s, h) + the zone edge `h`–`t`.
//! (Rounding could break the inequality only where two straight lines sit within 1e−9
//! minutes above whole numbers; surveyed or generated coordinates never do.)
//!
//! The link ends' minutes are computed once per source, when first asked, and kept: the
//! sources are the inspectors' bases and the businesses a plan visits, so a check costs
//! one small Dijkstra (over the few link ends) per such node, never a pass over all pairs.

use onedoor_core::ids::NodeIdx;
use onedoor_core::scenario::{Location, Scenario};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::OnceLock;

/// The longest travel reported, in minutes (docs/format.md, "Travel": longer paths count
/// as this much, still a path but one no working day fits).
pub const LONGEST: u32 = 1_000_000_000;

/// Earth radius of the haversine distance, km (docs/format.md, "Travel").
const EARTH_KM: f64 = 6371.0088;

/// "No path yet" inside the search.
const NONE: u64 = u64::MAX;

/// Shortest travel minutes between the nodes of one scenario, computed on demand.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/tiny.json")).unwrap();
/// # let scn = onedoor_core::parse_scenario(&text, "tiny.json").unwrap();
/// use onedoor_check::Paths;
/// let paths = Paths::new(&scn);
/// let base = scn.inspectors[0].base;
/// assert_eq!(paths.minutes(base, base), Some(0));
/// ```
#[derive(Debug)]
pub struct Paths<'a> {
    scn: &'a Scenario,
    /// Zone number of each node.
    zone: Vec<usize>,
    /// The link ends (nodes touched by a link), each once.
    ends: Vec<NodeIdx>,
    /// Per zone number, the positions in `ends` of its link ends.
    ends_in_zone: Vec<Vec<usize>>,
    /// Per link end (position), its edges to other link ends: links and zone edges.
    edges: Vec<Vec<(usize, u64)>>,
    /// Per node, once asked: the minutes from it to each link end (`NONE`: no path).
    from: Vec<OnceLock<Box<[u64]>>>,
}

impl<'a> Paths<'a> {
    /// Prepares the paths of `scn`: zones, link ends and the edges between link ends
    /// (O(nodes + link ends²)); no search runs until a distance is asked.
    pub fn new(scn: &'a Scenario) -> Paths<'a> {
        let n = scn.node_count();
        let mut zone_number: HashMap<&str, usize> = HashMap::new();
        let zone: Vec<usize> = (0..n)
            .map(|i| {
                let (name, _) = scn.node_site(NodeIdx::new(i));
                let next = zone_number.len();
                *zone_number.entry(name).or_insert(next)
            })
            .collect();
        let mut end_of: HashMap<NodeIdx, usize> = HashMap::new();
        let mut ends = Vec::new();
        let mut ends_in_zone = vec![Vec::new(); zone_number.len()];
        for link in &scn.travel.links {
            for node in [link.from, link.to] {
                end_of.entry(node).or_insert_with(|| {
                    ends_in_zone[zone[node.index()]].push(ends.len());
                    ends.push(node);
                    ends.len() - 1
                });
            }
        }
        let mut paths = Paths {
            scn,
            zone,
            ends,
            ends_in_zone,
            edges: Vec::new(),
            from: (0..n).map(|_| OnceLock::new()).collect(),
        };
        let mut edges = vec![Vec::new(); paths.ends.len()];
        for link in &scn.travel.links {
            let (a, b) = (end_of[&link.from], end_of[&link.to]);
            edges[a].push((b, u64::from(link.minutes)));
            edges[b].push((a, u64::from(link.minutes)));
        }
        for members in &paths.ends_in_zone {
            for &a in members {
                for &b in members {
                    if a != b {
                        if let Some(m) = paths.straight(paths.ends[a], paths.ends[b]) {
                            edges[a].push((b, m));
                        }
                    }
                }
            }
        }
        paths.edges = edges;
        paths
    }

    /// Shortest travel minutes from `a` to `b` (0 when `a == b`), `None` when no path
    /// joins them; paths longer than [`LONGEST`] count as [`LONGEST`].
    pub fn minutes(&self, a: NodeIdx, b: NodeIdx) -> Option<u32> {
        if a == b {
            return Some(0);
        }
        let mut best = if self.zone[a.index()] == self.zone[b.index()] {
            self.straight(a, b)
        } else {
            None
        };
        if !self.ends.is_empty() {
            let to_end = self.to_link_ends(a);
            for &h in &self.ends_in_zone[self.zone[b.index()]] {
                if to_end[h] == NONE {
                    continue;
                }
                if let Some(last) = self.straight(self.ends[h], b) {
                    let via = to_end[h] + last;
                    best = Some(best.map_or(via, |m| m.min(via)));
                }
            }
        }
        best.map(|m| m.min(u64::from(LONGEST)) as u32)
    }

    /// Whether some path joins `a` and `b` (edges run both ways, so a path there is a
    /// path back).
    pub fn reachable(&self, a: NodeIdx, b: NodeIdx) -> bool {
        self.minutes(a, b).is_some()
    }

    /// The zone edge between two nodes of one zone, by the format's formula operation for
    /// operation; `None` when the distance or the minutes are too large for a number.
    fn straight(&self, a: NodeIdx, b: NodeIdx) -> Option<u64> {
        if a == b {
            return Some(0);
        }
        let (_, p) = self.scn.node_site(a);
        let (_, q) = self.scn.node_site(b);
        let km = kilometres(p, q);
        let travel = &self.scn.travel;
        let minutes = (km * travel.detour * 60.0 / travel.speed_kmh - 1e-9).ceil();
        if !minutes.is_finite() {
            return None;
        }
        Some(minutes.clamp(0.0, f64::from(LONGEST)) as u64)
    }

    /// Minutes from `source` to each link end, by Dijkstra over the link ends (computed
    /// on the first question about `source`, then kept).
    fn to_link_ends(&self, source: NodeIdx) -> &[u64] {
        self.from[source.index()].get_or_init(|| {
            let mut dist = vec![NONE; self.ends.len()];
            let mut queue = BinaryHeap::new();
            for &h in &self.ends_in_zone[self.zone[source.index()]] {
                if let Some(m) = self.straight(source, self.ends[h]) {
                    if m < dist[h] {
                        dist[h] = m;
                        queue.push(Reverse((m, h)));
                    }
                }
            }
            while let Some(Reverse((d, u))) = queue.pop() {
                if d > dist[u] {
                    continue;
                }
                for &(v, w) in &self.edges[u] {
                    let through = d.saturating_add(w);
                    if through < dist[v] {
                        dist[v] = through;
                        queue.push(Reverse((through, v)));
                    }
                }
            }
            dist.into_boxed_slice()
        })
    }
}

/// Straight-line kilometres: Euclidean for planar locations, haversine for geographic
/// ones; mixed forms (which the loader refuses) are infinitely far.
fn kilometres(p: Location, q: Location) -> f64 {
    match (p, q) {
        (Location::Planar { x: x1, y: y1 }, Location::Planar { x: x2, y: y2 }) => {
            (x2 - x1).hypot(y2 - y1)
        }
        (
            Location::Geo {
                lat: lat1,
                lon: lon1,
            },
            Location::Geo {
                lat: lat2,
                lon: lon2,
            },
        ) => {
            let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
            let half_dphi = (phi2 - phi1) / 2.0;
            let half_dlambda = (lon2 - lon1).to_radians() / 2.0;
            let (s_phi, s_lambda) = (half_dphi.sin(), half_dlambda.sin());
            let a = s_phi * s_phi + phi1.cos() * phi2.cos() * (s_lambda * s_lambda);
            2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
        }
        _ => f64::INFINITY,
    }
}
