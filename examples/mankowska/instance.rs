//! The home-health-care instances of Mankowska, Meisel & Bierwirth (2014), in the text
//! format of the public repository `afkummer/gecco2020-brkga`: reading them, turning one
//! into a onedoor scenario, and measuring a onedoor plan by the original problem's own
//! yardsticks (distance, lateness).
//!
//! **The text format.** Sections, each opened by a line holding only its keyword and
//! followed by whitespace-separated numbers:
//!
//! | keyword | numbers |
//! |---|---|
//! | `nbNodes` | N: the start depot (node 0), the patients (nodes 1 … N−2), the end depot (node N−1) |
//! | `nbVehi` | V, the caregivers |
//! | `nbServi` | S, the kinds of service (skills) |
//! | `r` | N rows of S zeros and ones: the services each node requires |
//! | `DS` | the patients needing two services, as node numbers plus one |
//! | `a` | V rows of S zeros and ones: the skills of each caregiver |
//! | `x`, `y` | N coordinates each |
//! | `d` | N rows of N travel distances (also the travel times) |
//! | `p` | N × V rows of S service durations: node by node, caregiver by caregiver |
//! | `mind`, `maxd` | N numbers each: the least and most delay between a double service's two starts |
//! | `e`, `l` | N numbers each: each node's time window for the start of its services |
//!
//! A patient needs one service, or two ("double service"): two services given by two
//! different caregivers, either at the same time (`mind` = 0: simultaneous) or the
//! second (the service of the higher index) starting `mind` to `maxd` after the first.
//! The original objective is (distance + total tardiness + largest tardiness) / 3, where a
//! service's tardiness is how far its start lies after the window's end `l`.
//!
//! **The scenario** (see `benches/README.md`, "The mapping", for why each choice): one
//! date, the working day 00:00–23:59 with one time unit as one minute; each service kind
//! a department `s1` … `sS`; each caregiver an inspector `c1` … `cV` acting for its skills,
//! based at the depot; each patient a business `p1` … `pn` at its coordinates, visited at
//! most once; each service a task `p<i>-s<k>` needing one officer. Travel: the
//! coordinates with speed 60 km/h and detour 1, i.e. the distance rounded up as minutes.

use onedoor_core::plan::Plan;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The section keywords, in the order the files give them.
const SECTIONS: [&str; 14] = [
    "nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p", "mind", "maxd", "e", "l",
];

/// How far (relative) a distance of the matrix may lie from the straight line between
/// the coordinates; the files print distances to about seven significant digits.
const MATRIX_TOLERANCE: f64 = 1e-4;

/// The date every caregiver works (a Monday); the original problem has one day.
pub const DATE: &str = "2026-01-05";

/// How a pair of services given in order (`mind` > 0) becomes tasks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ordered {
    /// One visit; both caregivers arrive at its start, the second service begins
    /// `min_delay` later (its task lasts `min_delay` more). Every plan is one of the
    /// original problem, with the delay at its least.
    #[default]
    Wait,
    /// One visit, both services at its start, as a simultaneous pair: the delay is
    /// ignored (measured as broken), a relaxation of the original problem.
    Together,
}

/// What a patient needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// One service, of this kind (0-based).
    Single(usize),
    /// Two services of these kinds (lower index first), started at the same time by two
    /// caregivers.
    Simultaneous(usize, usize),
    /// Two services of these kinds by two caregivers, the second (higher index) started
    /// `min_delay` to `max_delay` after the first.
    Ordered {
        /// The kind served first.
        first: usize,
        /// The kind served second.
        second: usize,
        /// Least time between the two starts.
        min_delay: u32,
        /// Most time between the two starts.
        max_delay: u32,
    },
}

impl Need {
    /// The kinds of service, in order.
    pub fn kinds(self) -> Vec<usize> {
        match self {
            Need::Single(k) => vec![k],
            Need::Simultaneous(a, b) => vec![a, b],
            Need::Ordered { first, second, .. } => vec![first, second],
        }
    }
}

/// One patient.
#[derive(Clone, Debug, PartialEq)]
pub struct Patient {
    /// Node number in the file (1 … N−2).
    pub node: usize,
    /// The services needed.
    pub need: Need,
    /// Earliest start of a service.
    pub earliest: u32,
    /// Latest start of a service without tardiness.
    pub latest: u32,
    /// Duration of each kind of service here (by kind; only the needed kinds matter).
    pub minutes: Vec<u32>,
}

/// One instance, as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// The patients, by node number.
    pub patients: Vec<Patient>,
    /// Each caregiver's skills (kinds of service, 0-based, ascending).
    pub caregivers: Vec<Vec<usize>>,
    /// Kinds of service.
    pub kinds: usize,
    /// Node coordinates (depot first, end depot last).
    pub coords: Vec<(f64, f64)>,
    /// The distance matrix between nodes.
    pub distance: Vec<Vec<f64>>,
    /// How ordered pairs become tasks (the loader sets [`Ordered::Wait`]).
    pub ordered: Ordered,
}

/// A problem in an instance file.
#[derive(Debug)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}

/// The numbers of one section, each with the line it came from.
struct Section {
    name: &'static str,
    values: Vec<(f64, usize)>,
}

impl Section {
    /// Exactly `n` numbers, or an error naming the section.
    fn exactly(&self, n: usize) -> Result<Vec<f64>, FormatError> {
        if self.values.len() != n {
            return Err(FormatError(format!(
                "section {}: {} numbers where {n} were expected",
                self.name,
                self.values.len()
            )));
        }
        Ok(self.values.iter().map(|&(v, _)| v).collect())
    }

    /// The one count this section holds.
    fn count(&self) -> Result<usize, FormatError> {
        let v = self.exactly(1)?[0];
        whole(v)
            .map(|n| n as usize)
            .ok_or_else(|| FormatError(format!("section {}: {v} is not a whole number", self.name)))
    }

    /// `rows` rows of `cols` zeros and ones.
    fn flags(&self, rows: usize, cols: usize) -> Result<Vec<Vec<bool>>, FormatError> {
        let v = self.exactly(rows * cols)?;
        let mut out = Vec::with_capacity(rows);
        for (r, row) in v.chunks(cols).enumerate() {
            let mut flags = Vec::with_capacity(cols);
            for (c, &x) in row.iter().enumerate() {
                if x != 0.0 && x != 1.0 {
                    return Err(FormatError(format!(
                        "section {}, row {}, column {}: {x} is neither 0 nor 1 (line {})",
                        self.name,
                        r + 1,
                        c + 1,
                        self.values[r * cols + c].1
                    )));
                }
                flags.push(x == 1.0);
            }
            out.push(flags);
        }
        Ok(out)
    }
}

/// `v` as a whole non-negative number of minutes, if it is one.
fn whole(v: f64) -> Option<u32> {
    (v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v)).then_some(v as u32)
}

/// Whole minutes for node `node`'s value `v` of `what`, or an error saying so.
fn minutes(v: f64, what: &str, node: usize) -> Result<u32, FormatError> {
    whole(v).ok_or_else(|| {
        FormatError(format!(
            "node {node}: {what} {v} is not a whole non-negative number (onedoor counts whole minutes)"
        ))
    })
}

/// Reads an instance from its text.
pub fn parse(text: &str) -> Result<Instance, FormatError> {
    let mut sections: BTreeMap<&'static str, Section> = BTreeMap::new();
    let mut current: Option<&'static str> = None;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        if let Some(&name) = SECTIONS.iter().find(|&&s| s == trimmed) {
            if sections.contains_key(name) {
                return Err(FormatError(format!(
                    "line {line_no}: section {name} given twice"
                )));
            }
            sections.insert(
                name,
                Section {
                    name,
                    values: Vec::new(),
                },
            );
            current = Some(name);
            continue;
        }
        for token in trimmed.split_whitespace() {
            let Some(name) = current else {
                return Err(FormatError(format!(
                    "line {line_no}: {token:?} before the first section keyword"
                )));
            };
            let value: f64 = token.parse().map_err(|_| {
                FormatError(format!(
                    "line {line_no} (section {name}): {token:?} is not a number"
                ))
            })?;
            if !value.is_finite() {
                return Err(FormatError(format!(
                    "line {line_no} (section {name}): {token:?} is not a finite number"
                )));
            }
            if let Some(s) = sections.get_mut(name) {
                s.values.push((value, line_no));
            }
        }
    }
    let missing: Vec<&str> = SECTIONS
        .iter()
        .filter(|s| !sections.contains_key(*s))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(FormatError(format!(
            "missing sections: {}",
            missing.join(", ")
        )));
    }
    let sec = |name: &str| &sections[name];

    let nodes = sec("nbNodes").count()?;
    let vehicles = sec("nbVehi").count()?;
    let kinds = sec("nbServi").count()?;
    if nodes < 2 || vehicles == 0 || kinds == 0 {
        return Err(FormatError(format!(
            "nbNodes {nodes}, nbVehi {vehicles}, nbServi {kinds}: need at least the two depots, one caregiver and one kind of service"
        )));
    }
    let required = sec("r").flags(nodes, kinds)?;
    let skills = sec("a").flags(vehicles, kinds)?;
    let xs = sec("x").exactly(nodes)?;
    let ys = sec("y").exactly(nodes)?;
    let flat = sec("d").exactly(nodes * nodes)?;
    let distance: Vec<Vec<f64>> = flat.chunks(nodes).map(<[f64]>::to_vec).collect();
    let durations = sec("p").exactly(nodes * vehicles * kinds)?;
    let min_delay = sec("mind").exactly(nodes)?;
    let max_delay = sec("maxd").exactly(nodes)?;
    let earliest = sec("e").exactly(nodes)?;
    let latest = sec("l").exactly(nodes)?;

    let mut double = vec![false; nodes];
    for &(v, line) in &sec("DS").values {
        match whole(v).map(|n| n as usize) {
            Some(n) if (2..nodes).contains(&n) => double[n - 1] = true,
            _ => {
                return Err(FormatError(format!(
                    "line {line} (section DS): {v} is not a patient's node number (2 … {})",
                    nodes - 1
                )))
            }
        }
    }

    let coords: Vec<(f64, f64)> = xs.iter().copied().zip(ys.iter().copied()).collect();
    for (i, row) in distance.iter().enumerate() {
        for (j, &d) in row.iter().enumerate() {
            let (dx, dy) = (coords[i].0 - coords[j].0, coords[i].1 - coords[j].1);
            let straight = (dx * dx + dy * dy).sqrt();
            if (d - straight).abs() > MATRIX_TOLERANCE * straight.max(1.0) {
                return Err(FormatError(format!(
                    "section d, row {}, column {}: {d} is not the straight-line distance {straight:.6} between the coordinates (onedoor's travel is built from coordinates)",
                    i + 1,
                    j + 1
                )));
            }
        }
    }

    let caregivers: Vec<Vec<usize>> = skills
        .iter()
        .map(|row| (0..kinds).filter(|&k| row[k]).collect())
        .collect();
    if let Some(c) = caregivers.iter().position(Vec::is_empty) {
        return Err(FormatError(format!("caregiver {} has no skill", c + 1)));
    }

    let mut patients = Vec::with_capacity(nodes - 2);
    for node in 1..nodes - 1 {
        let needed: Vec<usize> = (0..kinds).filter(|&k| required[node][k]).collect();
        // Durations are given per caregiver; onedoor's task minutes cannot depend on who
        // serves, so they must agree.
        let mut mins = vec![0u32; kinds];
        for &k in &needed {
            let first = durations[node * vehicles * kinds + k];
            for v in 1..vehicles {
                let other = durations[(node * vehicles + v) * kinds + k];
                if other != first {
                    return Err(FormatError(format!(
                        "node {node}: service {} lasts {first} for caregiver 1 but {other} for caregiver {} (durations that depend on the caregiver are not supported)",
                        k + 1,
                        v + 1
                    )));
                }
            }
            mins[k] = minutes(first, "service duration", node)?;
        }
        let need = match (double[node], needed.as_slice()) {
            (false, &[k]) => Need::Single(k),
            (true, &[a, b]) => {
                let lo = minutes(min_delay[node], "mind", node)?;
                let hi = minutes(max_delay[node], "maxd", node)?;
                if lo == 0 {
                    Need::Simultaneous(a, b)
                } else if hi < lo {
                    return Err(FormatError(format!(
                        "node {node}: maxd {hi} is below mind {lo}"
                    )));
                } else {
                    Need::Ordered {
                        first: a,
                        second: b,
                        min_delay: lo,
                        max_delay: hi,
                    }
                }
            }
            (is_double, _) => {
                return Err(FormatError(format!(
                    "node {node}: requires {} kinds of service but is {} in DS (a single service needs one, a double service two)",
                    needed.len(),
                    if is_double { "listed" } else { "not listed" }
                )))
            }
        };
        let e = minutes(earliest[node], "window start e", node)?;
        let l = minutes(latest[node], "window end l", node)?;
        if l < e {
            return Err(FormatError(format!(
                "node {node}: window end {l} before its start {e}"
            )));
        }
        patients.push(Patient {
            node,
            need,
            earliest: e,
            latest: l,
            minutes: mins,
        });
    }
    Ok(Instance {
        patients,
        caregivers,
        kinds,
        coords,
        distance,
        ordered: Ordered::Wait,
    })
}

/// `HH:MM` of a minute of the day.
fn clock(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The business id of a patient.
pub fn business_id(node: usize) -> String {
    format!("p{node}")
}

/// The task id of a patient's service of kind `kind` (0-based).
pub fn task_id(node: usize, kind: usize) -> String {
    format!("p{node}-s{}", kind + 1)
}

/// The department id of a kind of service (0-based).
pub fn department_id(kind: usize) -> String {
    format!("s{}", kind + 1)
}

/// The inspector id of a caregiver (0-based).
pub fn inspector_id(caregiver: usize) -> String {
    format!("c{}", caregiver + 1)
}

impl Patient {
    /// The task minutes of each needed kind: the service's duration, and for the second
    /// service of an ordered pair ([`Ordered::Wait`]) also the wait `min_delay` before it
    /// (both caregivers arrive together; the second starts `min_delay` later).
    pub fn task_minutes(&self, mode: Ordered) -> Vec<(usize, u32)> {
        match self.need {
            Need::Ordered { first, second, .. } if mode == Ordered::Together => {
                vec![(first, self.minutes[first]), (second, self.minutes[second])]
            }
            Need::Single(k) => vec![(k, self.minutes[k])],
            Need::Simultaneous(a, b) => vec![(a, self.minutes[a]), (b, self.minutes[b])],
            Need::Ordered {
                first,
                second,
                min_delay,
                ..
            } => vec![
                (first, self.minutes[first]),
                (second, min_delay + self.minutes[second]),
            ],
        }
    }

    /// How long a visit serving every service lasts (the longest task: caregivers work
    /// side by side).
    pub fn visit_minutes(&self, mode: Ordered) -> u32 {
        self.task_minutes(mode)
            .iter()
            .map(|&(_, m)| m)
            .max()
            .unwrap_or(0)
    }

    /// The latest start of a full visit with no service late: the window's end, less
    /// the wait before an ordered pair's second service.
    pub fn latest_visit_start(&self, mode: Ordered) -> Option<u32> {
        match self.need {
            Need::Ordered { min_delay, .. } if mode == Ordered::Wait => {
                self.latest.checked_sub(min_delay)
            }
            _ => Some(self.latest),
        }
    }

    /// The opening hours that hold a full visit to the window: from `e` to the latest
    /// start plus the visit's length.
    pub fn open_hours(&self, mode: Ordered) -> Result<(u32, u32), FormatError> {
        let late = self
            .latest_visit_start(mode)
            .filter(|&s| s >= self.earliest)
            .ok_or_else(|| {
                FormatError(format!(
                    "node {}: the delay between its two services leaves no start inside the window {}–{}",
                    self.node, self.earliest, self.latest
                ))
            })?;
        let close = late + self.visit_minutes(mode);
        if close <= self.earliest || close > 1439 {
            return Err(FormatError(format!(
                "node {}: a visit from {} to {close} does not fit one day of minutes (00:00–23:59) with a start before its end",
                self.node, self.earliest
            )));
        }
        Ok((self.earliest, close))
    }
}

impl Instance {
    /// Services required over all patients.
    pub fn services(&self) -> usize {
        self.patients.iter().map(|p| p.need.kinds().len()).sum()
    }

    /// The onedoor scenario of this instance, as JSON (docs/format.md).
    pub fn scenario_json(&self, name: &str) -> Result<Value, FormatError> {
        let depot = self.coords[0];
        let departments: Vec<Value> = (0..self.kinds)
            .map(|k| json!({"id": department_id(k), "name": format!("service {}", k + 1)}))
            .collect();
        let inspectors: Vec<Value> = self
            .caregivers
            .iter()
            .enumerate()
            .map(|(c, skills)| {
                let mut i = json!({
                    "id": inspector_id(c),
                    "department": department_id(skills[0]),
                    "certified": true,
                    "base": "depot",
                });
                if skills.len() > 1 {
                    i["acts_for"] = skills[1..].iter().map(|&k| department_id(k)).collect();
                }
                i
            })
            .collect();
        let mut businesses = Vec::with_capacity(self.patients.len());
        let mut tasks = Vec::new();
        for p in &self.patients {
            let (open, close) = p.open_hours(self.ordered)?;
            let (x, y) = self.coords[p.node];
            businesses.push(json!({
                "id": business_id(p.node),
                "location": {"x": x, "y": y},
                "open": {"hours": {"start": clock(open), "end": clock(close)}},
                "max_visits": 1,
            }));
            for (k, m) in p.task_minutes(self.ordered) {
                tasks.push(json!({
                    "id": task_id(p.node, k),
                    "department": department_id(k),
                    "business": business_id(p.node),
                    "minutes": m,
                }));
            }
        }
        Ok(json!({
            "version": 1,
            "name": name,
            "horizon": {
                "start": DATE, "end": DATE,
                "hours": {"start": "00:00", "end": "23:59"},
            },
            "rules": {"min_certified_per_visit": 1, "visit_overhead_minutes": 0},
            "travel": {"speed_kmh": 60, "detour": 1},
            "places": [{"id": "depot", "location": {"x": depot.0, "y": depot.1}}],
            "departments": departments,
            "inspectors": inspectors,
            "businesses": businesses,
            "tasks": tasks,
        }))
    }

    /// A plan measured by the original problem: the distance the caregivers travel, and
    /// the services served late.
    pub fn measure(&self, plan: &Plan) -> Result<Measured, FormatError> {
        let by_business: BTreeMap<String, &Patient> = self
            .patients
            .iter()
            .map(|p| (business_id(p.node), p))
            .collect();
        let mut days: BTreeMap<&str, Vec<(u32, usize)>> = BTreeMap::new();
        let mut m = Measured::default();
        for v in &plan.visits {
            let p = by_business.get(&v.business).ok_or_else(|| {
                FormatError(format!("visit {}: unknown patient {}", v.id, v.business))
            })?;
            for c in &v.crew {
                days.entry(c.inspector.as_str())
                    .or_default()
                    .push((v.start.minutes(), p.node));
            }
            // When each served service starts: at the visit's start, the second of an
            // ordered pair `min_delay` later.
            for t in &v.tasks {
                let kind = p
                    .need
                    .kinds()
                    .into_iter()
                    .find(|&k| task_id(p.node, k) == *t)
                    .ok_or_else(|| {
                        FormatError(format!(
                            "visit {}: task {t} is not a service of {}",
                            v.id, v.business
                        ))
                    })?;
                let start = match p.need {
                    Need::Ordered {
                        second, min_delay, ..
                    } if kind == second && self.ordered == Ordered::Wait => {
                        v.start.minutes() + min_delay
                    }
                    _ => v.start.minutes(),
                };
                m.served += 1;
                if start < p.earliest {
                    m.early += 1;
                }
                let late = start.saturating_sub(p.latest);
                if late > 0 {
                    m.late += 1;
                    m.tardiness += f64::from(late);
                    m.max_tardiness = m.max_tardiness.max(f64::from(late));
                }
            }
            // An ordered pair served in one visit: its delay is `min_delay` (Wait) or 0
            // (Together), which breaks the original rule.
            if let Need::Ordered { .. } = p.need {
                if v.tasks.len() == 2 && self.ordered == Ordered::Together {
                    m.delay_broken += 1;
                }
            }
        }
        let depot = 0;
        for stops in days.values_mut() {
            stops.sort();
            let mut at = depot;
            for &(_, node) in stops.iter() {
                m.distance += self.distance[at][node];
                at = node;
            }
            m.distance += self.distance[at][depot];
        }
        Ok(m)
    }
}

/// A plan by the original problem's yardsticks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    /// Services in some visit.
    pub served: usize,
    /// Distance travelled by all caregivers, depot to depot, from the instance's matrix.
    pub distance: f64,
    /// Services started after their window's end.
    pub late: usize,
    /// Services started before their window's start (0 for any plan valid in onedoor).
    pub early: usize,
    /// Total tardiness.
    pub tardiness: f64,
    /// Largest tardiness.
    pub max_tardiness: f64,
    /// Ordered pairs served with both services at once (only with [`Ordered::Together`]).
    pub delay_broken: usize,
}

impl Measured {
    /// The original objective, (distance + total tardiness + largest tardiness) / 3.
    pub fn cost(&self) -> f64 {
        (self.distance + self.tardiness + self.max_tardiness) / 3.0
    }
}

/// A short description of an instance's patients: how many need one service, two at
/// once, two in order.
pub fn describe(inst: &Instance) -> String {
    let (mut single, mut sim, mut ordered) = (0, 0, 0);
    for p in &inst.patients {
        match p.need {
            Need::Single(_) => single += 1,
            Need::Simultaneous(..) => sim += 1,
            Need::Ordered { .. } => ordered += 1,
        }
    }
    format!("{single} single, {sim} simultaneous, {ordered} ordered")
}
