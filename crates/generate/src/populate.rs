//! Businesses and the tasks departments have planned at them.
//!
//! Each district gets businesses until its task count is reached (the last business's
//! surplus tasks are dropped, so counts are exact). A business's type follows its town
//! (city streets: restaurants, shops, tutoring; rural towns and islands: factories,
//! homestays); its type decides which departments plan a task there, each with its own
//! chance, and its opening days and hours. Each task gets a window of 1–5 working days
//! (half of them the whole week), 20–90 minutes of work, and now and then a priority of
//! 2–5, a second officer, a pinned appointment, or a non-joinable complaint check.

use super::catalog::{Dept, Kind, Opening, TownKind};
use super::draw::{between, chance, gaussian, pick, real, stepped, weighted, Rand};
use super::layout::{pick_town, Layout, Week};
use super::names::{short, Namer};

/// The horizon's working day, 08:30–17:30, in minutes.
pub(crate) const DAY: (u32, u32) = (8 * 60 + 30, 17 * 60 + 30);

/// A task before ids are given.
pub(crate) struct TaskDraft {
    pub dept: Dept,
    pub minutes: u32,
    /// First and last date of the window (indices into the week).
    pub first: usize,
    pub last: usize,
    pub priority: u32,
    pub joinable: bool,
    pub officers: u32,
    pub items: Vec<&'static str>,
    /// Pinned date index and start minute.
    pub pinned: Option<(usize, Option<u32>)>,
    /// The task's valid dates as bits of the week (bit i = date i).
    pub mask: u8,
}

/// A business before ids are given.
pub(crate) struct Biz {
    pub district: usize,
    pub town: usize,
    pub kind: Kind,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub opening: Opening,
    /// A quiet day (index into the week).
    pub closed: Option<usize>,
    pub max_visits: Option<u32>,
    pub tasks: Vec<TaskDraft>,
}

impl Biz {
    /// Whether the business has a task of department `d`.
    pub fn has(&self, d: Dept) -> bool {
        self.tasks.iter().any(|t| t.dept == d)
    }
}

/// All businesses of the layout, district by district.
pub(crate) fn businesses(rng: &mut Rand, layout: &Layout) -> Vec<Biz> {
    let mut namer = Namer::default();
    let working = layout.week.working();
    let mut out = Vec::new();
    for (di, district) in layout.districts.iter().enumerate() {
        let towns: Vec<usize> = (0..layout.towns.len())
            .filter(|t| layout.towns[*t].district == di)
            .collect();
        let jitter: Vec<f64> = towns.iter().map(|_| real(rng, 0.7, 1.3)).collect();
        let mut count = 0;
        let mut i = 0;
        while count < district.tasks {
            // Every town gets one business first, then towns by weight.
            let town = match towns.get(i) {
                Some(t) => *t,
                None => pick_town(rng, layout, &towns, &jitter),
            };
            let mut biz = business(rng, layout, &mut namer, &working, di, town);
            count += biz.tasks.len();
            while count > district.tasks && biz.tasks.len() > 1 {
                biz.tasks.pop();
                count -= 1;
            }
            limit_visits(rng, &mut biz);
            out.push(biz);
            i += 1;
        }
    }
    out
}

fn business(
    rng: &mut Rand,
    layout: &Layout,
    namer: &mut Namer,
    working: &[usize],
    district: usize,
    town_idx: usize,
) -> Biz {
    let town = &layout.towns[town_idx];
    let mut weights = town.kind.kind_weights();
    for (w, kind) in weights.iter_mut().zip(Kind::ALL) {
        let present = kind
            .inspected_by()
            .iter()
            .filter(|(d, _)| layout.has(*d))
            .count();
        if present < 2 {
            *w = 0.0;
        }
    }
    let kind = Kind::ALL[weighted(rng, &weights)];
    let openings = kind.openings();
    let w: Vec<f64> = openings.iter().map(|o| o.0).collect();
    let opening = openings[weighted(rng, &w)];
    let mut open_mask = 0u8;
    for &i in working {
        if opening
            .1
            .contains(&chrono::Datelike::weekday(&layout.week.date(i)))
        {
            open_mask |= 1 << i;
        }
    }
    let mut closed = None;
    if open_mask.count_ones() >= 3 && chance(rng, 0.06) {
        let days: Vec<usize> = (0..Week::DAYS)
            .filter(|i| open_mask & (1 << i) != 0)
            .collect();
        let day = *pick(rng, &days);
        closed = Some(day);
        open_mask &= !(1 << day);
    }
    let spread = town.radius / 1.8;
    let (mut dx, mut dy) = (gaussian(rng) * spread, gaussian(rng) * spread);
    let d = dx.hypot(dy);
    if d > town.radius * 1.6 {
        dx *= town.radius * 1.6 / d;
        dy *= town.radius * 1.6 / d;
    }
    let name = namer.business(rng, kind, short(&town.name));
    let mut depts: Vec<Dept> = kind
        .inspected_by()
        .iter()
        .filter(|(d, p)| layout.has(*d) && chance(rng, (*p * layout.busyness).min(0.95)))
        .map(|(d, _)| *d)
        .collect();
    if depts.is_empty() {
        if let Some((d, _)) = kind.inspected_by().iter().find(|(d, _)| layout.has(*d)) {
            depts.push(*d);
        }
    }
    if chance(rng, 0.06) {
        // A second inspection by one department (another checklist, another window).
        let again = *pick(rng, &depts);
        depts.push(again);
    }
    let far = town.kind == TownKind::Island;
    let tasks = depts
        .into_iter()
        .map(|d| task(rng, d, open_mask, working, opening, far))
        .collect();
    Biz {
        district,
        town: town_idx,
        kind,
        name,
        x: town.x + dx,
        y: town.y + dy,
        opening,
        closed,
        max_visits: None,
        tasks,
    }
}

/// Window lengths 1–5 days and their weights.
const LENGTHS: [f64; 5] = [0.08, 0.10, 0.17, 0.15, 0.50];

fn task(
    rng: &mut Rand,
    dept: Dept,
    open: u8,
    working: &[usize],
    opening: Opening,
    far: bool,
) -> TaskDraft {
    let n = working.len();
    let (mut first, mut last, mut mask) = (working[0], working[n - 1], 0u8);
    for attempt in 0..20 {
        let len = if attempt == 19 {
            n
        } else {
            (weighted(rng, &LENGTHS) + 1).min(n)
        };
        let s = between(rng, 0, n - len);
        let bits = working[s..s + len].iter().fold(0u8, |m, i| m | (1 << i));
        (first, last, mask) = (working[s], working[s + len - 1], bits & open);
        if mask != 0 {
            break;
        }
    }
    let (lo, hi) = dept.minutes();
    let minutes = stepped(rng, lo, hi, 5).clamp(20, 90);
    let joinable = !chance(rng, 0.03);
    let mut priority = if !joinable {
        between(rng, 3, 5) as u32
    } else if chance(rng, 0.15) {
        [2, 3, 4, 5][weighted(rng, &[0.5, 0.3, 0.12, 0.08])]
    } else {
        1
    };
    let officers = if chance(rng, 0.03) { 2 } else { 1 };
    let mut items = Vec::new();
    if !joinable {
        items.push(dept.complaint());
    }
    let pool = dept.items();
    for _ in 0..between(rng, 1, 3) {
        let item = *pick(rng, pool);
        if !items.contains(&item) {
            items.push(item);
        }
    }
    let mut pinned = None;
    if joinable && mask != 0 && chance(rng, 0.025) {
        let days: Vec<usize> = (0..Week::DAYS).filter(|i| mask & (1 << i) != 0).collect();
        let day = *pick(rng, &days);
        mask = 1 << day;
        priority = priority.max(2);
        let start = chance(rng, 0.5)
            .then(|| appointment(rng, opening, minutes, far))
            .flatten();
        pinned = Some((day, start));
    }
    TaskDraft {
        dept,
        minutes,
        first,
        last,
        priority,
        joinable,
        officers,
        items,
        pinned,
        mask,
    }
}

/// A start time on the half hour that leaves the district office's inspectors room to
/// come and go: from 09:30 (10:30 on an island, across the bridge) and ending, with the
/// visit overhead, an hour (on an island 100 minutes) before the business or the working
/// day closes.
fn appointment(rng: &mut Rand, opening: Opening, minutes: u32, far: bool) -> Option<u32> {
    let (earliest, margin) = if far {
        (10 * 60 + 30, 100)
    } else {
        (9 * 60 + 30, 60)
    };
    let from = opening.2.max(DAY.0).max(earliest).div_ceil(30) * 30;
    let to = opening.3.min(DAY.1).checked_sub(15 + minutes + margin)?;
    (from <= to).then(|| stepped(rng, from, from + (to - from) / 30 * 30, 30))
}

/// Gives some businesses `max_visits: 1` (tutoring centres and homestays most often),
/// only where one visit can hold every task: all joinable, a common valid date, no fixed
/// start time, and no incompatible pair.
fn limit_visits(rng: &mut Rand, biz: &mut Biz) {
    let p = match biz.kind {
        Kind::Tutoring | Kind::Homestay => 0.15,
        _ => 0.06,
    };
    let common = biz.tasks.iter().fold(0xffu8, |m, t| m & t.mask);
    let ok = common != 0
        && biz.tasks.iter().all(|t| t.joinable)
        && biz
            .tasks
            .iter()
            .all(|t| !matches!(t.pinned, Some((_, Some(_)))))
        && !(biz.has(Dept::Police) && biz.has(Dept::Tax));
    if ok && chance(rng, p) {
        biz.max_visits = Some(1);
    }
}
