//! The map of a scenario before any business is placed: cities, districts, towns, zones,
//! offices, town teams, bridges and ferries.
//!
//! A district is about 20 km across: its city streets (街道) lie within 4 km of its
//! centre, its rural towns (镇) 6–10 km out, and each department has an office within
//! 2.5 km of the centre. An island is a zone of its own 16–21 km out, reached by one
//! bridge (10–25 min) or ferry (25–40 min) `travel.links` entry between a bridge head or
//! pier on each side; it has a town team (综合行政执法队, acting for several departments)
//! and a police station of its own. In the province preset each city is a zone, and the
//! cities' transport hubs are joined by a few expressway links.

use super::catalog::{Dept, TownKind};
use super::draw::{between, chance, in_disk, real, round2, weighted, Rand};
use super::names::{short, Namer};
use super::presets::Shape;
use super::wire;
use chrono::{Days, NaiveDate};
use std::f64::consts::TAU;

/// The planning week: Monday to Friday, some days possibly holidays.
pub(crate) struct Week {
    /// Monday.
    pub start: NaiveDate,
    /// Holidays inside the week.
    pub holidays: Vec<NaiveDate>,
}

impl Week {
    /// Dates in the week (Monday to Friday).
    pub const DAYS: usize = 5;

    /// The `i`-th date (0 = Monday).
    pub fn date(&self, i: usize) -> NaiveDate {
        self.start + Days::new(i as u64)
    }

    /// Indices of the working (non-holiday) dates.
    pub fn working(&self) -> Vec<usize> {
        (0..Self::DAYS)
            .filter(|i| !self.holidays.contains(&self.date(*i)))
            .collect()
    }
}

/// A town (街道 or 镇) where businesses are.
pub(crate) struct Town {
    pub name: String,
    pub zone: String,
    pub x: f64,
    pub y: f64,
    /// Businesses lie mostly within this many km of the centre.
    pub radius: f64,
    pub kind: TownKind,
    pub district: usize,
}

/// A group of inspectors based at one place: a town team or a police station. It takes
/// `share` of the demand of its departments in its towns; the district offices the rest.
pub(crate) struct Team {
    /// Id prefix of its inspectors.
    pub code: String,
    /// Base place id.
    pub place: String,
    pub dept: Dept,
    pub acts_for: Vec<Dept>,
    /// Indices into [`Layout::towns`].
    pub towns: Vec<usize>,
    pub share: f64,
}

/// A district: its offices, teams and the number of tasks planned in it.
pub(crate) struct District {
    /// Prefix of its inspectors' ids ("" when the scenario has one district).
    pub prefix: String,
    /// The zone of its offices.
    pub main_zone: String,
    pub tasks: usize,
    /// Department office place ids.
    pub offices: Vec<(Dept, String)>,
    pub teams: Vec<Team>,
}

/// The map of a scenario.
pub(crate) struct Layout {
    pub name: String,
    pub week: Week,
    /// Departments with their names, in file order.
    pub depts: Vec<(Dept, String)>,
    pub places: Vec<wire::Place>,
    pub links: Vec<wire::Link>,
    pub towns: Vec<Town>,
    pub districts: Vec<District>,
    /// Digits of business and task ids.
    pub widths: (usize, usize),
    /// Islands so far (numbers the island zones).
    pub islands: usize,
    /// Factor on the chance that a department plans a task at a business (the tiny
    /// preset's few departments plan more each, so its businesses still merge).
    pub busyness: f64,
}

impl Layout {
    /// Adds a place and returns its id.
    pub fn place(&mut self, id: String, name: String, zone: &str, x: f64, y: f64) -> String {
        self.places.push(wire::Place {
            id: id.clone(),
            name,
            zone: zone.to_owned(),
            location: wire::Xy {
                x: round2(x),
                y: round2(y),
            },
        });
        id
    }

    /// Whether the scenario has department `d`.
    pub fn has(&self, d: Dept) -> bool {
        self.depts.iter().any(|(x, _)| *x == d)
    }
}

/// Departments a town team may act for, besides its own (urban management).
const TEAM_SCOPE: [Dept; 6] = [
    Dept::Market,
    Dept::Fire,
    Dept::Environment,
    Dept::Health,
    Dept::Culture,
    Dept::Emergency,
];

/// Builds the map of a generated preset.
pub(crate) fn generated(shape: &Shape, seed: u64, rng: &mut Rand) -> Layout {
    let mut namer = Namer::default();
    let mut depts: Vec<Dept> = if shape.tiny {
        Dept::TINY.to_vec()
    } else {
        Dept::CORE.to_vec()
    };
    if !shape.tiny {
        for extra in [Dept::Tax, Dept::Agriculture] {
            if chance(rng, 0.5) {
                depts.push(extra);
            }
        }
    }
    depts.sort();
    let n_cities = between(rng, shape.cities.0, shape.cities.1);
    let province = (n_cities > 1).then(|| namer.place(rng, "省"));
    let mut layout = Layout {
        name: String::new(),
        week: Week {
            start: shape.week_start,
            holidays: shape.holidays.clone(),
        },
        depts: depts.iter().map(|d| (*d, d.office().to_owned())).collect(),
        places: Vec::new(),
        links: Vec::new(),
        towns: Vec::new(),
        districts: Vec::new(),
        widths: shape.widths,
        islands: 0,
        busyness: if shape.tiny { 1.5 } else { 1.0 },
    };
    let cols = (n_cities as f64).sqrt().ceil() as usize;
    let mut hubs: Vec<(String, f64, f64)> = Vec::new();
    let mut weights = Vec::new();
    let mut first_name = String::new();
    for c in 0..n_cities {
        let (cx, cy) = if n_cities == 1 {
            (0.0, 0.0)
        } else {
            (
                (c % cols) as f64 * 130.0 + real(rng, -15.0, 15.0),
                (c / cols) as f64 * 110.0 + real(rng, -15.0, 15.0),
            )
        };
        let zone = if n_cities == 1 {
            "main".to_owned()
        } else {
            format!("c{:02}", c + 1)
        };
        let city_name = namer.place(rng, "市");
        let city_weight = if n_cities == 1 {
            1.0
        } else {
            real(rng, 0.6, 1.5)
        };
        let n_d = between(rng, shape.districts.0, shape.districts.1);
        let first_district = layout.districts.len();
        let mut centres = Vec::new();
        for d in 0..n_d {
            let (x, y) = if d == 0 {
                (cx, cy)
            } else {
                let a = TAU * (d - 1) as f64 / (n_d - 1) as f64 + real(rng, -0.3, 0.3);
                let r = real(rng, 17.0, 21.0);
                (cx + r * a.cos(), cy + r * a.sin())
            };
            centres.push((x, y));
            let suffix = if chance(rng, 0.85) { "区" } else { "县" };
            let name = namer.place(rng, suffix);
            if c == 0 && d == 0 {
                first_name = if n_cities > 1 || n_d > 1 {
                    city_name.clone()
                } else {
                    name.clone()
                };
            }
            let prefix = match (n_cities, n_d) {
                (1, 1) => String::new(),
                (1, _) => format!("D{}-", d + 1),
                _ => format!("C{:02}D{}-", c + 1, d + 1),
            };
            weights.push(city_weight * if d == 0 { 1.4 } else { real(rng, 0.8, 1.2) });
            district(
                shape,
                rng,
                &mut namer,
                &mut layout,
                &name,
                prefix,
                &zone,
                x,
                y,
            );
        }
        if n_cities > 1 {
            let id = format!("c{:02}-hub", c + 1);
            let (ox, oy) = in_disk(rng, 1.5);
            let hub = layout.place(
                id.clone(),
                format!("{city_name}客运中心"),
                &zone,
                cx + ox,
                cy + oy,
            );
            hubs.push((hub, cx, cy));
        }
        let n_islands = between(rng, shape.islands.0, shape.islands.1);
        let mut used: Vec<(usize, f64)> = Vec::new();
        for k in 0..n_islands {
            let d = if n_d == 1 { 0 } else { 1 + (k + c) % (n_d - 1) };
            let (x, y) = centres[d];
            let outward = if d == 0 {
                real(rng, 0.0, TAU)
            } else {
                (y - cy).atan2(x - cx)
            };
            let mut angle = outward + real(rng, -0.5, 0.5);
            for _ in 0..20 {
                if used
                    .iter()
                    .all(|(ud, ua)| *ud != d || angle_gap(*ua, angle) > 1.3)
                {
                    break;
                }
                angle = real(rng, 0.0, TAU);
            }
            used.push((d, angle));
            island(
                shape,
                rng,
                &mut namer,
                &mut layout,
                first_district + d,
                (x, y),
                angle,
            );
        }
    }
    link_hubs(rng, &mut layout, &hubs);
    distribute_tasks(rng, shape, &mut layout, &weights);
    let place_name = province.unwrap_or(first_name);
    layout.name = format!(
        "{place_name}，{} 当周综合查一次（生成：{} 预设，种子 {seed}）",
        shape.week_start, shape.label
    );
    layout
}

fn angle_gap(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(TAU);
    d.min(TAU - d)
}

/// One district's towns on the main land, its offices and perhaps a town team.
#[allow(clippy::too_many_arguments)]
fn district(
    shape: &Shape,
    rng: &mut Rand,
    namer: &mut Namer,
    layout: &mut Layout,
    name: &str,
    prefix: String,
    zone: &str,
    cx: f64,
    cy: f64,
) {
    let index = layout.districts.len();
    let n = between(rng, shape.main_towns.0, shape.main_towns.1);
    let n_urban = ((n as f64 * 0.4).round() as usize).max(1);
    let n_suburban = (n as f64 * 0.3).round() as usize;
    let mut spots: Vec<(f64, f64)> = Vec::new();
    let first_town = layout.towns.len();
    for t in 0..n {
        let (kind, lo, hi, r) = if t < n_urban {
            (TownKind::Urban, 0.8, 3.5, real(rng, 1.0, 1.4))
        } else if t < n_urban + n_suburban {
            (TownKind::Suburban, 3.5, 6.5, real(rng, 1.6, 2.2))
        } else {
            (TownKind::Rural, 6.0, 9.5, real(rng, 2.0, 2.6))
        };
        let mut at = (0.0, 0.0);
        for _ in 0..50 {
            let d = real(rng, lo, hi);
            let a = real(rng, 0.0, TAU);
            at = (d * a.cos(), d * a.sin());
            if spots.iter().all(|s| (s.0 - at.0).hypot(s.1 - at.1) > 2.2) {
                break;
            }
        }
        spots.push(at);
        let suffix = match kind {
            TownKind::Urban => "街道",
            TownKind::Suburban if chance(rng, 0.5) => "街道",
            _ => "镇",
        };
        layout.towns.push(Town {
            name: namer.place(rng, suffix),
            zone: zone.to_owned(),
            x: cx + at.0,
            y: cy + at.1,
            radius: r,
            kind,
            district: index,
        });
    }
    let mut offices = Vec::new();
    for (dept, _) in layout.depts.clone() {
        let (ox, oy) = in_disk(rng, 2.5);
        let id = format!("{prefix}office-{}", dept.id());
        let place = layout.place(
            id,
            format!("{name}{}", dept.office()),
            zone,
            cx + ox,
            cy + oy,
        );
        offices.push((dept, place));
    }
    let mut teams = Vec::new();
    if chance(rng, shape.main_team) && layout.has(Dept::Urban) {
        // The town farthest from the centre gets a team of its own.
        let far = (first_town..layout.towns.len())
            .max_by(|a, b| {
                let da = spots[a - first_town].0.hypot(spots[a - first_town].1);
                let db = spots[b - first_town].0.hypot(spots[b - first_town].1);
                da.total_cmp(&db)
            })
            .unwrap_or(first_town);
        let scope = team_scope(rng, layout, 2, 3);
        let town = &layout.towns[far];
        let (hx, hy, tname) = (town.x + 0.3, town.y - 0.2, town.name.clone());
        let place = layout.place(
            format!("{prefix}hall-{}", far - first_town + 1),
            format!("{tname}综合行政执法队"),
            zone,
            hx,
            hy,
        );
        teams.push(Team {
            code: "ZDA".to_owned(),
            place,
            dept: Dept::Urban,
            acts_for: scope,
            towns: vec![far],
            share: real(rng, 0.35, 0.5),
        });
    }
    layout.districts.push(District {
        prefix,
        main_zone: zone.to_owned(),
        tasks: 0,
        offices,
        teams,
    });
}

/// `lo..=hi` departments of [`TEAM_SCOPE`] that the scenario has, in file order.
fn team_scope(rng: &mut Rand, layout: &Layout, lo: usize, hi: usize) -> Vec<Dept> {
    let mut pool: Vec<Dept> = TEAM_SCOPE
        .iter()
        .copied()
        .filter(|d| layout.has(*d))
        .collect();
    let want = between(rng, lo, hi).min(pool.len());
    let mut chosen = Vec::new();
    for _ in 0..want {
        let i = between(rng, 0, pool.len() - 1);
        chosen.push(pool.remove(i));
    }
    chosen.sort();
    chosen
}

/// An island zone of district `d`, in direction `angle` from the district centre.
#[allow(clippy::too_many_arguments)]
fn island(
    shape: &Shape,
    rng: &mut Rand,
    namer: &mut Namer,
    layout: &mut Layout,
    d: usize,
    centre: (f64, f64),
    angle: f64,
) {
    let (dx, dy) = (angle.cos(), angle.sin());
    let dist = real(rng, 16.0, 21.0);
    let (ix, iy) = (centre.0 + dist * dx, centre.1 + dist * dy);
    let main_zone = layout.districts[d].main_zone.clone();
    layout.islands += 1;
    let serial = layout.islands;
    let zone = if main_zone == "main" {
        format!("island-{serial}")
    } else {
        format!("{main_zone}-island-{serial}")
    };
    let n = between(rng, shape.island_towns.0, shape.island_towns.1);
    let first = layout.towns.len();
    for t in 0..n {
        let (ox, oy) = if t == 0 {
            (0.0, 0.0)
        } else {
            let a = real(rng, 0.0, TAU);
            (2.5 * a.cos(), 2.5 * a.sin())
        };
        let suffix = if chance(rng, 0.75) { "镇" } else { "乡" };
        layout.towns.push(Town {
            name: namer.place(rng, suffix),
            zone: zone.clone(),
            x: ix + ox,
            y: iy + oy,
            radius: real(rng, 2.0, 2.8),
            kind: TownKind::Island,
            district: d,
        });
    }
    let island_short = short(&layout.towns[first].name).to_owned();
    let main_head = (centre.0 + 9.5 * dx, centre.1 + 9.5 * dy);
    let bridge = chance(rng, 0.7);
    let island_head = if bridge {
        (ix - 3.5 * dx, iy - 3.5 * dy)
    } else {
        (ix - 2.5 * dx, iy - 2.5 * dy)
    };
    let gap = (island_head.0 - main_head.0).hypot(island_head.1 - main_head.1);
    let (minutes, what) = if bridge {
        (((gap * 2.6).ceil() as u32 + 2).clamp(10, 25), "大桥")
    } else {
        (between(rng, 25, 40) as u32, "客运码头")
    };
    let a = layout.place(
        format!("link-{serial}-main"),
        format!("{island_short}{what}（本岛侧）"),
        &main_zone,
        main_head.0,
        main_head.1,
    );
    let b = layout.place(
        format!("link-{serial}-island"),
        format!("{island_short}{what}（{island_short}侧）"),
        &zone,
        island_head.0,
        island_head.1,
    );
    layout.links.push(wire::Link {
        from: a,
        to: b,
        minutes,
    });
    let towns: Vec<usize> = (first..layout.towns.len()).collect();
    let town_name = layout.towns[first].name.clone();
    let k = layout.districts[d].teams.len();
    let letter = |i: usize| ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'][i % 8];
    if layout.has(Dept::Urban) {
        let scope = team_scope(rng, layout, 3, 4);
        let place = layout.place(
            format!("hall-{zone}"),
            format!("{town_name}综合行政执法队"),
            &zone,
            ix + 0.4,
            iy + 0.3,
        );
        layout.districts[d].teams.push(Team {
            code: format!("ZD{}", letter(k)),
            place,
            dept: Dept::Urban,
            acts_for: scope,
            towns: towns.clone(),
            share: real(rng, 0.45, 0.6),
        });
    }
    if layout.has(Dept::Police) && !shape.tiny {
        let place = layout.place(
            format!("station-{zone}"),
            format!("{town_name}派出所"),
            &zone,
            ix - 0.5,
            iy + 0.6,
        );
        layout.districts[d].teams.push(Team {
            code: format!("PS{}", letter(k)),
            place,
            dept: Dept::Police,
            acts_for: Vec::new(),
            towns,
            share: real(rng, 0.6, 0.75),
        });
    }
}

/// Joins the cities' hubs: each to its nearest earlier city, plus two shortcuts.
fn link_hubs(rng: &mut Rand, layout: &mut Layout, hubs: &[(String, f64, f64)]) {
    let dist = |a: usize, b: usize| (hubs[a].1 - hubs[b].1).hypot(hubs[a].2 - hubs[b].2);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for c in 1..hubs.len() {
        let near = (0..c).min_by(|a, b| dist(c, *a).total_cmp(&dist(c, *b)));
        if let Some(n) = near {
            pairs.push((n, c));
        }
    }
    for _ in 0..2.min(hubs.len().saturating_sub(2)) {
        let a = between(rng, 0, hubs.len() - 1);
        let b = (0..hubs.len())
            .filter(|b| *b != a && !pairs.contains(&(a.min(*b), a.max(*b))))
            .min_by(|x, y| dist(a, *x).total_cmp(&dist(a, *y)));
        if let Some(b) = b {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    for (a, b) in pairs {
        let minutes = (dist(a, b) * 1.25 * 60.0 / 90.0).ceil() as u32;
        layout.links.push(wire::Link {
            from: hubs[a].0.clone(),
            to: hubs[b].0.clone(),
            minutes,
        });
    }
}

/// Splits the preset's task count over the districts by weight (largest remainder).
fn distribute_tasks(rng: &mut Rand, shape: &Shape, layout: &mut Layout, weights: &[f64]) {
    let total = between(rng, shape.tasks.0, shape.tasks.1);
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|a, b| {
        (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor()))
    });
    let missing = total - counts.iter().sum::<usize>();
    for i in order.into_iter().take(missing) {
        counts[i] += 1;
    }
    for (d, n) in layout.districts.iter_mut().zip(counts) {
        d.tasks = n.max(1);
    }
}

/// A town index drawn by business weight among `towns`.
pub(crate) fn pick_town(rng: &mut Rand, layout: &Layout, towns: &[usize], jitter: &[f64]) -> usize {
    let w: Vec<f64> = towns
        .iter()
        .zip(jitter)
        .map(|(t, j)| layout.towns[*t].kind.business_weight() * j)
        .collect();
    towns[weighted(rng, &w)]
}
