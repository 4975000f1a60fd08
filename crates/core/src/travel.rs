//! The travel graph: shortest travel minutes between places and businesses.
//!
//! The format defines one node per place and business; nodes of one zone are joined by
//! straight-line edges of `ceil(km × detour × 60 / speed − 1e−9)` minutes, and each
//! `travel.links` entry adds a two-way edge. travel(p, q) is a shortest path.
//!
//! A zone is a complete graph, so materialising it costs O(n²) edges (a million for a
//! city of 1,500 businesses). We do not: within a zone the rounded straight-line minutes
//! obey the triangle inequality (`ceil(a) + ceil(b) ≥ ceil(a + b)`), so a shortest path
//! never takes two straight-line edges in a row. Any path is therefore: a straight-line
//! hop to a link end, then a path between link ends, then a straight-line hop. So:
//!
//! 1. the **core** is the set of link ends; a petgraph graph over it holds the links
//!    and the straight-line edges between core nodes of one zone, and Dijkstra from each
//!    core node gives all core-to-core minutes;
//! 2. for every node `s`, `to_core[s][b]` = min over core nodes `a` in `s`'s zone of
//!    `direct(s, a) + core(a, b)` (computed in parallel with rayon);
//! 3. `travel(s, t)` = min(`direct(s, t)` if one zone, min over core nodes `b` in `t`'s
//!    zone of `to_core[s][b] + direct(b, t)`).
//!
//! Building is O(n · k) for k link ends; a query is O(core nodes in the target's zone).
//! (The triangle inequality can fail only when two distances sit within 1e−9 minutes
//! above whole numbers; generated or surveyed coordinates never do that.)

use crate::ids::NodeIdx;
use crate::scenario::{Location, Scenario};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use std::collections::HashMap;

/// Minutes meaning "no path".
const INF: u32 = u32::MAX;

/// The longest travel time reported, 10⁹ minutes (some 1,900 years); longer paths (only
/// possible with absurd link minutes, coordinates or speeds) saturate here rather than
/// wrap around or read as "no path". It is far beyond any working day, so a saturated
/// path still never fits one, and small enough that sums of a few travel times and times
/// of day stay within `u32` wherever they are added.
pub const MAX_MINUTES: u32 = 1_000_000_000;

/// A `u64` path length as minutes, saturating at [`MAX_MINUTES`].
fn saturate(m: u64) -> u32 {
    u32::try_from(m).map_or(MAX_MINUTES, |m| m.min(MAX_MINUTES))
}

/// The sum of two finite path lengths, saturating at [`MAX_MINUTES`].
fn add(a: u32, b: u32) -> u32 {
    saturate(u64::from(a) + u64::from(b))
}

/// Earth radius for the haversine distance, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Shortest travel minutes between any two nodes of a scenario.
#[derive(Clone, Debug)]
pub struct TravelGraph {
    zone_of: Vec<u32>,
    location: Vec<Location>,
    /// `travel.detour` (kept as given so edges follow the format's formula exactly).
    detour: f64,
    /// `travel.speed_kmh`.
    speed_kmh: f64,
    /// Position in the core of each node that is a link end.
    core_pos: Vec<Option<u32>>,
    /// Core nodes (positions) of each zone.
    core_in_zone: Vec<Vec<u32>>,
    /// The core's node ids.
    core_nodes: Vec<NodeIdx>,
    /// `to_core[s * k + b]`: minutes from node s to core node b.
    to_core: Vec<u32>,
    /// `from_core[from_core_at[b]..from_core_at[b + 1]]`: the straight-line minutes from
    /// each core node of `b`'s zone (in `core_in_zone` order) to node `b`, the last leg of
    /// every path into `b` through a link; kept so [`TravelGraph::minutes`] does not
    /// compute them again on every call.
    from_core: Vec<u32>,
    /// Where each node's run of `from_core` starts (one more entry than nodes).
    from_core_at: Vec<u32>,
    /// Connected component of each node (islands without links are their own).
    component: Vec<u32>,
    /// The links as (core position, core position, minutes), for [`TravelGraph::path`].
    links: Vec<(u32, u32, u32)>,
}

/// Straight-line kilometres between two locations.
pub fn distance_km(a: Location, b: Location) -> f64 {
    match (a, b) {
        (Location::Planar { x: x1, y: y1 }, Location::Planar { x: x2, y: y2 }) => {
            (x1 - x2).hypot(y1 - y2)
        }
        (Location::Geo { lat: la1, lon: lo1 }, Location::Geo { lat: la2, lon: lo2 }) => {
            let (p1, p2) = (la1.to_radians(), la2.to_radians());
            let dp = p2 - p1;
            let dl = (lo2 - lo1).to_radians();
            let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
            2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
        }
        // The loader rejects mixed forms; treat as unreachable-by-road otherwise.
        _ => f64::INFINITY,
    }
}

/// Minutes of a straight-line edge of `km` kilometres (the format's rounding rule).
pub fn edge_minutes(km: f64, detour: f64, speed_kmh: f64) -> u32 {
    let m = (km * detour * 60.0 / speed_kmh - 1e-9).ceil();
    if m.is_finite() {
        m.max(0.0).min(f64::from(MAX_MINUTES)) as u32
    } else {
        INF
    }
}

impl TravelGraph {
    /// Builds the graph of a scenario.
    pub fn build(s: &Scenario) -> TravelGraph {
        let n = s.node_count();
        let mut zones: HashMap<&str, u32> = HashMap::new();
        let mut zone_of = Vec::with_capacity(n);
        let mut location = Vec::with_capacity(n);
        for i in 0..n {
            let (zone, loc) = s.node_site(NodeIdx::new(i));
            let next = zones.len() as u32;
            zone_of.push(*zones.entry(zone).or_insert(next));
            location.push(loc);
        }
        let mut g = TravelGraph {
            zone_of,
            location,
            detour: s.travel.detour,
            speed_kmh: s.travel.speed_kmh,
            core_pos: vec![None; n],
            core_in_zone: vec![Vec::new(); zones.len()],
            core_nodes: Vec::new(),
            to_core: Vec::new(),
            from_core: Vec::new(),
            from_core_at: Vec::new(),
            component: Vec::new(),
            links: Vec::new(),
        };
        for l in &s.travel.links {
            for end in [l.from, l.to] {
                if g.core_pos[end.index()].is_none() {
                    let pos = g.core_nodes.len() as u32;
                    g.core_pos[end.index()] = Some(pos);
                    g.core_nodes.push(end);
                    g.core_in_zone[g.zone_of[end.index()] as usize].push(pos);
                }
            }
        }
        g.links = s
            .travel
            .links
            .iter()
            .filter_map(|l| {
                Some((
                    g.core_pos[l.from.index()]?,
                    g.core_pos[l.to.index()]?,
                    l.minutes,
                ))
            })
            .collect();
        let core = g.core_distances(s);
        g.fill_to_core(&core);
        g.fill_from_core();
        g.component = g.components(s);
        g
    }

    /// Fills `from_core`: for every node, the straight-line minutes from each core node
    /// of its zone.
    fn fill_from_core(&mut self) {
        let n = self.zone_of.len();
        let mut from_core = Vec::new();
        let mut at = Vec::with_capacity(n + 1);
        for b in 0..n {
            at.push(from_core.len() as u32);
            for &c in &self.core_in_zone[self.zone_of[b] as usize] {
                from_core.push(self.direct(self.core_nodes[c as usize].index(), b));
            }
        }
        at.push(from_core.len() as u32);
        self.from_core = from_core;
        self.from_core_at = at;
    }

    /// The straight-line edge between two nodes (meaningful only within one zone), by
    /// [`edge_minutes`], so that the rounding is exactly the format's, operation for
    /// operation.
    fn direct(&self, a: usize, b: usize) -> u32 {
        if a == b {
            return 0;
        }
        let km = distance_km(self.location[a], self.location[b]);
        edge_minutes(km, self.detour, self.speed_kmh)
    }

    /// All-pairs minutes between core nodes, by Dijkstra on a petgraph graph.
    ///
    /// Weights are summed in `u64` (links may be up to `u32::MAX` minutes each, so sums
    /// of `u32` could overflow) and results saturate at [`MAX_MINUTES`].
    fn core_distances(&self, s: &Scenario) -> Vec<u32> {
        let k = self.core_nodes.len();
        let mut cg: UnGraph<(), u64> = UnGraph::with_capacity(k, k * 2);
        for _ in 0..k {
            cg.add_node(());
        }
        for l in &s.travel.links {
            let (Some(a), Some(b)) = (self.core_pos[l.from.index()], self.core_pos[l.to.index()])
            else {
                continue;
            };
            if a != b {
                cg.add_edge(
                    NodeIndex::new(a as usize),
                    NodeIndex::new(b as usize),
                    u64::from(l.minutes),
                );
            }
        }
        for members in &self.core_in_zone {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    let m = self.direct(
                        self.core_nodes[a as usize].index(),
                        self.core_nodes[b as usize].index(),
                    );
                    if m != INF {
                        cg.add_edge(
                            NodeIndex::new(a as usize),
                            NodeIndex::new(b as usize),
                            u64::from(m),
                        );
                    }
                }
            }
        }
        let rows: Vec<Vec<u32>> = (0..k)
            .into_par_iter()
            .map(|a| {
                let dist = petgraph::algo::dijkstra(&cg, NodeIndex::new(a), None, |e| *e.weight());
                let mut row = vec![INF; k];
                for (node, d) in dist {
                    row[node.index()] = saturate(d);
                }
                row
            })
            .collect();
        rows.concat()
    }

    fn fill_to_core(&mut self, core: &[u32]) {
        let k = self.core_nodes.len();
        if k == 0 {
            return;
        }
        let n = self.zone_of.len();
        let this = &*self;
        let rows: Vec<Vec<u32>> = (0..n)
            .into_par_iter()
            .map(|s| {
                let mut row = vec![INF; k];
                for &a in &this.core_in_zone[this.zone_of[s] as usize] {
                    let d = this.direct(s, this.core_nodes[a as usize].index());
                    if d == INF {
                        continue;
                    }
                    let from_a = &core[a as usize * k..(a as usize + 1) * k];
                    for (r, &c) in row.iter_mut().zip(from_a) {
                        if c != INF {
                            *r = (*r).min(add(d, c));
                        }
                    }
                }
                row
            })
            .collect();
        self.to_core = rows.concat();
    }

    fn components(&self, s: &Scenario) -> Vec<u32> {
        // Zones are complete graphs: a union-find over zones joined by links.
        let zones = self.core_in_zone.len();
        let mut uf = petgraph::unionfind::UnionFind::<u32>::new(zones);
        for l in &s.travel.links {
            uf.union(self.zone_of[l.from.index()], self.zone_of[l.to.index()]);
        }
        self.zone_of.iter().map(|&z| uf.find(z)).collect()
    }

    /// Shortest travel minutes from `a` to `b`, `None` when there is no path.
    pub fn minutes(&self, a: NodeIdx, b: NodeIdx) -> Option<u32> {
        let (a, b) = (a.index(), b.index());
        if a == b {
            return Some(0);
        }
        let mut best = if self.zone_of[a] == self.zone_of[b] {
            self.direct(a, b)
        } else {
            INF
        };
        let k = self.core_nodes.len();
        if k > 0 {
            let row = &self.to_core[a * k..(a + 1) * k];
            let lasts =
                &self.from_core[self.from_core_at[b] as usize..self.from_core_at[b + 1] as usize];
            for (&c, &last) in self.core_in_zone[self.zone_of[b] as usize]
                .iter()
                .zip(lasts)
            {
                let to_c = row[c as usize];
                if to_c == INF {
                    continue;
                }
                if last != INF {
                    best = best.min(add(to_c, last));
                }
            }
        }
        (best != INF).then_some(best)
    }

    /// A shortest path from `a` to `b` as the nodes it passes, both ends included
    /// (`[a]` when `a = b`), `None` when there is no path. Between two consecutive nodes
    /// the path takes either a straight-line edge (same zone) or a link; the minutes along
    /// it add up to [`TravelGraph::minutes`]. Used to draw routes and to name the links a
    /// route crosses; it runs Dijkstra over `a`, `b` and the link ends (O(k²) for k link
    /// ends), so it is meant for reports, not for the solver's inner loops.
    pub fn path(&self, a: NodeIdx, b: NodeIdx) -> Option<Vec<NodeIdx>> {
        if a == b {
            return Some(vec![a]);
        }
        // Most legs are the straight line itself (same zone, no shorter way round).
        if self.zone_of[a.index()] == self.zone_of[b.index()]
            && self.minutes(a, b) == Some(self.direct(a.index(), b.index()))
        {
            return Some(vec![a, b]);
        }
        // Positions 0..k are the core nodes, k is `a`, k + 1 is `b`.
        let k = self.core_nodes.len();
        let node = |i: usize| match i {
            i if i < k => self.core_nodes[i].index(),
            i if i == k => a.index(),
            _ => b.index(),
        };
        let mut link = HashMap::new();
        for &(p, q, m) in &self.links {
            for key in [(p as usize, q as usize), (q as usize, p as usize)] {
                let e = link.entry(key).or_insert(m);
                *e = (*e).min(m);
            }
        }
        let weight = |i: usize, j: usize| -> u32 {
            let (ni, nj) = (node(i), node(j));
            let mut w = if ni == nj {
                0
            } else if self.zone_of[ni] == self.zone_of[nj] {
                self.direct(ni, nj)
            } else {
                INF
            };
            if let Some(&m) = link.get(&(i, j)) {
                w = w.min(m);
            }
            w
        };
        let n = k + 2;
        let mut dist = vec![INF; n];
        let mut prev = vec![usize::MAX; n];
        let mut done = vec![false; n];
        dist[k] = 0;
        while let Some(u) = (0..n)
            .filter(|&i| !done[i] && dist[i] != INF)
            .min_by_key(|&i| dist[i])
        {
            done[u] = true;
            if u == k + 1 {
                break;
            }
            for v in 0..n {
                if done[v] {
                    continue;
                }
                let w = weight(u, v);
                if w != INF && add(dist[u], w) < dist[v] {
                    dist[v] = add(dist[u], w);
                    prev[v] = u;
                }
            }
        }
        if dist[k + 1] == INF {
            return None;
        }
        let mut out = vec![b];
        let mut at = k + 1;
        while prev[at] != usize::MAX {
            at = prev[at];
            let id = NodeIdx::new(node(at));
            if out.last() != Some(&id) {
                out.push(id);
            }
        }
        out.reverse();
        Some(out)
    }

    /// Whether there is any path between `a` and `b`.
    pub fn connected(&self, a: NodeIdx, b: NodeIdx) -> bool {
        self.component[a.index()] == self.component[b.index()]
    }

    /// The connected component of a node (an arbitrary but stable number).
    pub fn component(&self, a: NodeIdx) -> u32 {
        self.component[a.index()]
    }
}

/// A dense matrix of travel minutes between chosen nodes, built in parallel.
#[derive(Clone, Debug)]
pub struct TravelMatrix {
    nodes: Vec<NodeIdx>,
    pos: HashMap<NodeIdx, usize>,
    minutes: Vec<u32>,
}

impl TravelMatrix {
    /// The minutes between every pair of `nodes` (duplicates ignored).
    pub fn new(graph: &TravelGraph, nodes: &[NodeIdx]) -> TravelMatrix {
        let mut list: Vec<NodeIdx> = nodes.to_vec();
        list.sort();
        list.dedup();
        let n = list.len();
        let minutes: Vec<u32> = (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                let list = &list;
                (0..n).map(move |j| graph.minutes(list[i], list[j]).unwrap_or(INF))
            })
            .collect();
        let pos = list.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        TravelMatrix {
            nodes: list,
            pos,
            minutes,
        }
    }

    /// Minutes from `a` to `b` (both must be in the matrix), `None` when unreachable.
    pub fn get(&self, a: NodeIdx, b: NodeIdx) -> Option<u32> {
        let (i, j) = (*self.pos.get(&a)?, *self.pos.get(&b)?);
        let m = self.minutes[i * self.nodes.len() + j];
        (m != INF).then_some(m)
    }
}
