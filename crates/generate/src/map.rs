//! Builds the map of a generated preset.
//!
//! A district is about 20 km across: its city streets (街道) lie within 4 km of its
//! centre, its rural towns (镇) 6–10 km out, and each department has an office within
//! 2.5 km of the centre. A city's districts ring its central one 17–21 km out. Islands
//! are added by `coast.rs`. In the province preset each city is a zone of its own,
//! 110–130 km from the next, and the cities' transport hubs are joined by a few
//! expressway links.

use super::catalog::{Dept, TownKind};
use super::coast::{island, link_hubs};
use super::draw::{between, chance, in_disk, real, Rand};
use super::layout::{team_scope, District, Layout, Team, Town, Week};
use super::names::Namer;
use super::presets::Shape;
use std::f64::consts::TAU;

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
