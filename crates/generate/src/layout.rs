//! The map of a scenario before any business is placed: cities, districts, towns, zones,
//! offices, town teams, bridges and ferries — the types, built by `map.rs` for a preset
//! or by `dinghai.rs` for Dinghai.

use super::catalog::{Dept, TownKind};
use super::draw::{between, round2, weighted, Rand};
use super::wire;
use chrono::{Days, NaiveDate};

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
pub(crate) const TEAM_SCOPE: [Dept; 6] = [
    Dept::Market,
    Dept::Fire,
    Dept::Environment,
    Dept::Health,
    Dept::Culture,
    Dept::Emergency,
];

/// `lo..=hi` departments of [`TEAM_SCOPE`] that the scenario has, in file order.
pub(crate) fn team_scope(rng: &mut Rand, layout: &Layout, lo: usize, hi: usize) -> Vec<Dept> {
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

/// A town index drawn by business weight among `towns`.
pub(crate) fn pick_town(rng: &mut Rand, layout: &Layout, towns: &[usize], jitter: &[f64]) -> usize {
    let w: Vec<f64> = towns
        .iter()
        .zip(jitter)
        .map(|(t, j)| layout.towns[*t].kind.business_weight() * j)
        .collect();
    towns[weighted(rng, &w)]
}
