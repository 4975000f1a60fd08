//! Synthetic scenarios (`onedoor generate --preset NAME --seed N`) and the checked-in
//! Dinghai week (`scenarios/dinghai-week.json`, from [`dinghai_week`]).
//!
//! It stands before onedoor's data flow (input → scenario → travel graph → dates → visits
//! → crews → repair → search → plan → check / report): it writes the **input**, scenario
//! JSON text, and depends on none of the other crates, so the loader stays the one reader
//! of that format.
//!
//! A generated scenario is a coastal district (or a city of districts, or a province of
//! cities) in the shape of docs/format.md, "The scenario file": towns on a main island and on one or two
//! smaller islands joined by bridge or ferry links; 10–12 departments with an office in
//! every district; inspectors (about 90 % certified, some on leave a day, a few recused,
//! town teams acting for several departments); businesses whose type decides which
//! departments inspect them; tasks with windows, priorities, pins and the odd
//! non-joinable complaint check.
//!
//! Generation runs in stages, one file each, data flowing one way:
//!
//! 1. `presets.rs` — the preset's sizes, week and holidays;
//! 2. `map.rs` and `coast.rs` — the map (`layout.rs`): cities, districts, towns, zones,
//!    offices, town teams, islands and their bridges or ferries;
//! 3. `populate.rs` — businesses and their tasks;
//! 4. `staff.rs` — inspectors, sized from the tasks' demand so that capacity is tight
//!    (the capacity design is explained there);
//! 5. this file — ids, and the JSON text: the serde structs of `wire.rs`, laid out one
//!    record per line by `text.rs`.
//!
//! Domain tables live in `catalog.rs` (departments, business types, opening hours) and
//! `names.rs` (Chinese names); `draw.rs` holds the random draws and `dinghai.rs` the
//! real map of Dinghai.
//!
//! **Determinism.** One ChaCha8 generator seeded with the seed makes every draw in a fixed
//! order; only vectors and B-trees are iterated, so the same preset and seed give the same
//! bytes on every run and platform.
#![deny(missing_docs)]

mod catalog;
mod coast;
mod dinghai;
mod draw;
mod handouts;
mod layout;
mod map;
mod names;
mod populate;
mod presets;
mod staff;
mod text;
mod wire;

use catalog::{weekday_name, Kind};
use draw::{round2, Rand};
use layout::{Layout, Week};
use populate::{Biz, DAY};
use rand::SeedableRng;

/// Size and shape of a generated scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// About 15 tasks.
    Tiny,
    /// About 260 tasks at 100 businesses.
    District,
    /// About 3,000 tasks.
    City,
    /// About 50,000 tasks.
    Province,
}

/// The scenario JSON text for a preset and seed.
///
/// The same preset and seed always give the same text, byte for byte.
///
/// ```
/// use onedoor_generate::{generate, Preset};
/// let text = generate(Preset::Tiny, 7);
/// let scenario = onedoor_core::parse_scenario(&text, "tiny-7.json").expect("generated scenarios load");
/// assert!((10..=20).contains(&scenario.tasks.len()));
/// assert_eq!(text, generate(Preset::Tiny, 7));
/// ```
pub fn generate(preset: Preset, seed: u64) -> String {
    generate_with(preset, seed, None)
}

/// The scenario JSON text for a preset and seed, with `certified` (0–1) of the
/// inspectors holding an enforcement certificate instead of the preset's ~90 %.
///
/// Everything but the `certified` flags is as [`generate`] writes it. Certificates are
/// given out unit by unit, town teams (the enforcement bureau's squads, which act for
/// several departments) two at a time and department offices one at a time, so they are
/// spread the way a bureau's are: most in the squads, a few in every department. The
/// holders at a smaller share are among the holders at a larger one.
///
/// ```
/// use onedoor_generate::{generate_with, Preset};
/// let text = generate_with(Preset::District, 1, Some(0.15));
/// let scn = onedoor_core::parse_scenario(&text, "d.json").expect("generated scenarios load");
/// let certified = scn.inspectors.iter().filter(|i| i.certified).count();
/// assert_eq!(certified, (0.15_f64 * scn.inspectors.len() as f64).round() as usize);
/// ```
pub fn generate_with(preset: Preset, seed: u64, certified: Option<f64>) -> String {
    text_of(&scenario_with(preset, seed, certified))
}

/// The scenario JSON text of `parts` independent weeks of a preset in one file: part
/// `k` (from 1) is the week [`generate_with`] makes for seed `seed + k - 1`, its ids
/// (places, zones, inspectors, businesses, tasks, certificate numbers) prefixed `Pk-`,
/// so that no officer, business, place or road is shared between parts. Departments,
/// the checklist items and the notice are the first part's, with any department or
/// incompatible pair another part adds appended. One part is exactly [`generate_with`].
///
/// It measures the solver at scale: a file of independent weeks should plan, visit for
/// visit, as its weeks do alone.
///
/// ```
/// use onedoor_generate::{generate_parts, Preset};
/// let text = generate_parts(Preset::Tiny, 7, None, 3);
/// let scn = onedoor_core::parse_scenario(&text, "tiny-3x.json").expect("merged weeks load");
/// let alone: usize = (7..10)
///     .map(|s| onedoor_core::parse_scenario(&onedoor_generate::generate(Preset::Tiny, s), "t.json"))
///     .map(|s| s.expect("generated scenarios load").tasks.len())
///     .sum();
/// assert_eq!(scn.tasks.len(), alone);
/// assert!(scn.tasks.iter().any(|t| t.id == "P3-T01"));
/// assert_eq!(generate_parts(Preset::Tiny, 7, None, 1), onedoor_generate::generate(Preset::Tiny, 7));
/// ```
pub fn generate_parts(preset: Preset, seed: u64, certified: Option<f64>, parts: usize) -> String {
    if parts <= 1 {
        return generate_with(preset, seed, certified);
    }
    let mut merged: Option<wire::Scenario> = None;
    for k in 0..parts {
        let mut part = scenario_with(preset, seed.wrapping_add(k as u64), certified);
        prefix_ids(&mut part, &format!("P{}-", k + 1));
        match &mut merged {
            None => {
                part.name = format!("{} × {}", parts, part.name);
                merged = Some(part);
            }
            Some(all) => {
                for dept in part.departments {
                    if !all.departments.iter().any(|d| d.id == dept.id) {
                        all.departments.push(dept);
                    }
                }
                for pair in part.rules.incompatible {
                    if !all.rules.incompatible.contains(&pair) {
                        all.rules.incompatible.push(pair);
                    }
                }
                for item in part.items {
                    if !all.items.iter().any(|i| i.id == item.id) {
                        all.items.push(item);
                    }
                }
                all.travel.links.extend(part.travel.links);
                all.places.extend(part.places);
                all.inspectors.extend(part.inspectors);
                all.businesses.extend(part.businesses);
                all.tasks.extend(part.tasks);
            }
        }
    }
    text_of(&merged.expect("parts > 1 made at least one part"))
}

/// Prefixes every id of one part of [`generate_parts`], and every reference to one.
fn prefix_ids(scenario: &mut wire::Scenario, prefix: &str) {
    let p = |s: &mut String| *s = format!("{prefix}{s}");
    for link in &mut scenario.travel.links {
        p(&mut link.from);
        p(&mut link.to);
    }
    for place in &mut scenario.places {
        p(&mut place.id);
        p(&mut place.zone);
    }
    for i in &mut scenario.inspectors {
        p(&mut i.id);
        p(&mut i.base);
        i.certificate.iter_mut().for_each(p);
        i.recuse.iter_mut().for_each(p);
    }
    for b in &mut scenario.businesses {
        p(&mut b.id);
        p(&mut b.zone);
    }
    for t in &mut scenario.tasks {
        p(&mut t.id);
        p(&mut t.business);
    }
}

/// The scenario of [`generate_with`], before it is written as text.
fn scenario_with(preset: Preset, seed: u64, certified: Option<f64>) -> wire::Scenario {
    let mut rng = Rand::seed_from_u64(seed);
    let shape = presets::shape(preset);
    let layout = map::generated(&shape, seed, &mut rng);
    let mut scenario = build(&layout, &mut rng);
    if let Some(share) = certified {
        staff::certify(&mut scenario.inspectors, share);
        handouts::certificates(&mut scenario.inspectors);
    }
    scenario
}

/// The variant file `scenarios/dinghai-scarce.json`: the Dinghai week staffed like the
/// district's comprehensive enforcement bureau, where about 15 % of inspectors hold an
/// enforcement certificate (44 of 303).
///
/// Every unit gains uncertified officers (half its size, rounded up), so heads are
/// plentiful and certificates decide what fits; then certificates are given out as
/// [`generate_with`] does, to 15 % of the enlarged staff. The file `extends` the week and
/// `upsert`s the inspectors whose certificate changed and the new officers.
pub fn dinghai_scarce_variant() -> String {
    let mut rng = Rand::seed_from_u64(dinghai::SEED);
    let layout = dinghai::layout();
    let base = build(&layout, &mut rng).inspectors;
    let mut staff = base.clone();
    staff::enlarge(&mut staff);
    staff::certify(&mut staff, SCARCE_SHARE);
    handouts::certificates(&mut staff);
    let changed: Vec<&wire::Inspector> = staff
        .iter()
        .filter(|i| {
            base.iter()
                .find(|b| b.id == i.id)
                .is_none_or(|b| b.certified != i.certified)
        })
        .collect();
    let value = serde_json::json!({
        "extends": "dinghai-week.json",
        "upsert": {"inspectors": changed},
    });
    text::render(&value)
}

/// The share of certified inspectors in [`dinghai_scarce_variant`].
pub const SCARCE_SHARE: f64 = 0.15;

/// The text of `scenarios/dinghai-week.json`: a week of joint inspections in Dinghai
/// district (定海区, Zhoushan), 2022-09-12 to 2022-09-16, on the district's real towns
/// and streets, with Jintang island (金塘) as a zone of its own across the bridges.
pub fn dinghai_week() -> String {
    let mut rng = Rand::seed_from_u64(dinghai::SEED);
    let layout = dinghai::layout();
    render(&layout, &mut rng)
}

/// Businesses, tasks and inspectors on a map, as JSON text.
fn render(layout: &Layout, rng: &mut Rand) -> String {
    text_of(&build(layout, rng))
}

/// The scenario file's text in the scenario layout.
fn text_of(scenario: &wire::Scenario) -> String {
    let value =
        serde_json::to_value(scenario).expect("the generator's own structs always serialise");
    text::render(&value)
}

/// Businesses, tasks and inspectors on a map.
fn build(layout: &Layout, rng: &mut Rand) -> wire::Scenario {
    let businesses = populate::businesses(rng, layout);
    let (bw, tw) = layout.widths;
    let biz_id = |i: usize| format!("B{:0bw$}", i + 1);
    let inspectors = staff::inspectors(rng, layout, &businesses, &biz_id);
    let week = &layout.week;
    let depts: Vec<catalog::Dept> = layout.depts.iter().map(|(d, _)| *d).collect();
    let incompatible =
        if depts.contains(&catalog::Dept::Police) && depts.contains(&catalog::Dept::Tax) {
            vec![["police".to_owned(), "tax".to_owned()]]
        } else {
            Vec::new()
        };
    let mut tasks = Vec::new();
    for dept in &depts {
        for (b, biz) in businesses.iter().enumerate() {
            for t in biz.tasks.iter().filter(|t| t.dept == *dept) {
                tasks.push(task(week, t, tasks.len() + 1, tw, biz_id(b)));
            }
        }
    }
    let mut scenario = wire::Scenario {
        version: 1,
        name: layout.name.clone(),
        horizon: wire::Horizon {
            start: week.date(0).to_string(),
            end: week.date(Week::DAYS - 1).to_string(),
            workdays: vec!["mon", "tue", "wed", "thu", "fri"],
            holidays: week.holidays.iter().map(|d| d.to_string()).collect(),
            hours: wire::Hours {
                start: wire::clock(DAY.0),
                end: wire::clock(DAY.1),
            },
        },
        rules: wire::Rules {
            min_certified_per_visit: 2,
            visit_overhead_minutes: 15,
            max_visit_minutes: 240,
            max_departments_per_visit: None,
            incompatible,
        },
        travel: wire::Travel {
            speed_kmh: 30.0,
            detour: 1.3,
            links: layout
                .links
                .iter()
                .map(|l| wire::Link {
                    from: l.from.clone(),
                    to: l.to.clone(),
                    minutes: l.minutes,
                })
                .collect(),
        },
        places: layout
            .places
            .iter()
            .map(|p| wire::Place {
                id: p.id.clone(),
                name: p.name.clone(),
                zone: p.zone.clone(),
                location: p.location,
            })
            .collect(),
        departments: layout
            .depts
            .iter()
            .map(|(d, name)| wire::Department {
                id: d.id().to_owned(),
                name: name.clone(),
            })
            .collect(),
        inspectors,
        businesses: businesses
            .iter()
            .enumerate()
            .map(|(i, b)| business(layout, b, biz_id(i)))
            .collect(),
        tasks,
        notice: None,
        items: Vec::new(),
    };
    // Last: what people are told changes no rule, and drawing it after everything else
    // keeps every generated week's businesses, tasks and inspectors as they were.
    handouts::add(&mut scenario, rng);
    scenario
}

fn business(layout: &Layout, b: &Biz, id: String) -> wire::Business {
    let town = &layout.towns[b.town];
    let (_, days, open, close) = b.opening;
    wire::Business {
        id,
        name: b.name.clone(),
        town: town.name.clone(),
        zone: town.zone.clone(),
        location: wire::Xy {
            x: round2(b.x),
            y: round2(b.y),
        },
        open: wire::Open {
            days: days.iter().map(|d| weekday_name(*d)).collect(),
            hours: wire::Hours {
                start: wire::clock(open),
                end: wire::clock(close),
            },
        },
        closed: b
            .closed
            .iter()
            .map(|d| layout.week.date(*d).to_string())
            .collect(),
        max_visits: b.max_visits,
        tags: vec![Kind::tag(b.kind)],
        address: None,
        contact: None,
        phone: None,
    }
}

fn task(
    week: &Week,
    t: &populate::TaskDraft,
    n: usize,
    width: usize,
    business: String,
) -> wire::Task {
    let full = t.first == 0 && t.last == Week::DAYS - 1;
    wire::Task {
        id: format!("T{n:0width$}"),
        department: t.dept.id(),
        business,
        minutes: t.minutes,
        earliest: (!full).then(|| week.date(t.first).to_string()),
        latest: (!full).then(|| week.date(t.last).to_string()),
        priority: (t.priority != 1).then_some(t.priority),
        joinable: (!t.joinable).then_some(false),
        officers: (t.officers != 1).then_some(t.officers),
        items: t.items.clone(),
        pinned: t.pinned.map(|(day, start)| wire::Pinned {
            date: week.date(day).to_string(),
            start: start.map(wire::clock),
        }),
    }
}
