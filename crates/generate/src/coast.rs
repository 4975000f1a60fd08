//! Islands and the links that reach them; expressways between cities.
//!
//! An island is a zone of its own 16–21 km out from its district's centre, reached by
//! one bridge (10–25 min) or ferry (25–40 min) `travel.links` entry between a bridge head
//! or pier on each side; it has a town team (综合行政执法队, acting for several
//! departments) and a police station of its own.

use super::catalog::{Dept, TownKind};
use super::draw::{between, chance, real, Rand};
use super::layout::{team_scope, Layout, Team, Town};
use super::names::{short, Namer};
use super::presets::Shape;
use super::wire;
use std::f64::consts::TAU;

/// An island zone of district `d`, in direction `angle` from the district centre.
#[allow(clippy::too_many_arguments)]
pub(crate) fn island(
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
pub(crate) fn link_hubs(rng: &mut Rand, layout: &mut Layout, hubs: &[(String, f64, f64)]) {
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
