//! Inspectors, sized so that capacity is tight but sufficient for a good plan.
//!
//! **Demand.** For each business the generator computes the joint visits a good plan
//! needs there, exactly as docs/format.md, "Reported figures", computes the lower bound (take tasks by latest
//! valid date; each uncovered task opens a visit on that date, which covers every task
//! valid on it; a police–tax pair never shares a visit; a non-joinable task is a visit
//! alone). Each such visit needs, per department present, the largest `officers` of its
//! tasks; a visit of one department alone needs two of its officers (two certified
//! officers per visit, and crew entries must act for a department present). The sum is
//! the demand in **officer-visits**, per department.
//!
//! **Supply.** An inspector supplies (working days − unavailable days) × min(5,
//! `max_visits_per_day`) officer-visits (× 0.7 when not certified: such a member cannot
//! make up the two certified). Five visits a day is what a working day of 9 h holds with
//! visits of about 70 min and 15–25 min of travel between them.
//!
//! **Sizing.** A town team or island police station first takes `share` of the demand of
//! its departments in its towns. Each district office of a department then takes what is
//! left of its department's demand in the district (island demand × 1.3 for the bridge
//! crossings). A unit's need is f × its demand, f drawn from 1.2–1.45 per unit. Members
//! are added until their supply covers the need: full-time members while the need fills
//! them, then one with a daily cap (`max_visits_per_day`) for the rest. A unit never has
//! fewer than two certified members (a visit of one department needs two of its
//! officers); when its need is small those two share it, each with a daily cap of 1–4 —
//! the part of their day the campaign gets. Teams and police may add an uncertified
//! auxiliary (协管员, 辅警) on top.
//!
//! A good plan (merged visits) therefore fits with 20–45 % to spare in the busy
//! departments (more in small ones, where two officers are the floor), while a careless
//! plan (one visit per task, two officers each) needs about 1.6–2 × the merged demand and
//! leaves tasks out.

use super::catalog::Dept;
use super::draw::{between, chance, pick, real, Rand};
use super::layout::Layout;
use super::names::Namer;
use super::populate::Biz;
use super::wire;
use std::collections::BTreeMap;

/// Demand in officer-visits of one business, per department.
pub(crate) fn demand(biz: &Biz) -> BTreeMap<Dept, f64> {
    let split = biz.has(Dept::Police) && biz.has(Dept::Tax);
    let class = |d: Dept| usize::from(split && d == Dept::Tax);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for c in 0..2 {
        let mut open: Vec<usize> = (0..biz.tasks.len())
            .filter(|t| biz.tasks[*t].joinable && class(biz.tasks[*t].dept) == c)
            .filter(|t| biz.tasks[*t].mask != 0)
            .collect();
        open.sort_by_key(|t| latest(biz.tasks[*t].mask));
        while let Some(&t) = open.first() {
            let bit = 1u8 << latest(biz.tasks[t].mask);
            let (covered, rest): (Vec<usize>, Vec<usize>) = open
                .into_iter()
                .partition(|u| biz.tasks[*u].mask & bit != 0);
            groups.push(covered);
            open = rest;
        }
    }
    for (i, t) in biz.tasks.iter().enumerate() {
        if !t.joinable && t.mask != 0 {
            groups.push(vec![i]);
        }
    }
    let mut out = BTreeMap::new();
    for g in groups {
        let mut need: BTreeMap<Dept, u32> = BTreeMap::new();
        for &t in &g {
            let task = &biz.tasks[t];
            let e = need.entry(task.dept).or_insert(0);
            *e = (*e).max(task.officers);
        }
        if need.len() == 1 {
            for v in need.values_mut() {
                *v = (*v).max(2);
            }
        }
        for (d, n) in need {
            *out.entry(d).or_insert(0.0) += f64::from(n);
        }
    }
    out
}

/// The index of the latest set bit.
fn latest(mask: u8) -> u32 {
    7 - mask.leading_zeros()
}

/// A group of inspectors to size: an office or a team.
struct Unit {
    code: String,
    place: String,
    dept: Dept,
    acts_for: Vec<Dept>,
    target: f64,
    /// Whether it may have an uncertified auxiliary member.
    auxiliary: bool,
}

/// All inspectors, district by district; `biz_id` names business `i`.
pub(crate) fn inspectors(
    rng: &mut Rand,
    layout: &Layout,
    businesses: &[Biz],
    biz_id: &dyn Fn(usize) -> String,
) -> Vec<wire::Inspector> {
    let mut namer = Namer::default();
    let working = layout.week.working();
    let mut out = Vec::new();
    for (di, district) in layout.districts.iter().enumerate() {
        let mine: Vec<usize> = (0..businesses.len())
            .filter(|b| businesses[*b].district == di)
            .collect();
        let mut dem: Vec<BTreeMap<Dept, f64>> =
            mine.iter().map(|b| demand(&businesses[*b])).collect();
        let mut units = Vec::new();
        let mut teams = Vec::new();
        for team in &district.teams {
            let covers = |d: &Dept| *d == team.dept || team.acts_for.contains(d);
            let mut pool = 0.0;
            for (k, b) in mine.iter().enumerate() {
                if team.towns.contains(&businesses[*b].town) {
                    for (_, v) in dem[k].iter_mut().filter(|(d, _)| covers(d)) {
                        pool += *v * team.share;
                        *v *= 1.0 - team.share;
                    }
                }
            }
            teams.push(Unit {
                code: team.code.clone(),
                place: team.place.clone(),
                dept: team.dept,
                acts_for: team.acts_for.clone(),
                target: pool,
                auxiliary: true,
            });
        }
        for (dept, place) in &district.offices {
            let target: f64 = mine
                .iter()
                .zip(&dem)
                .map(|(b, m)| {
                    let zone = &layout.towns[businesses[*b].town].zone;
                    let far = if *zone == district.main_zone {
                        1.0
                    } else {
                        1.3
                    };
                    m.get(dept).copied().unwrap_or(0.0) * far
                })
                .sum();
            units.push(Unit {
                code: dept.code().to_owned(),
                place: place.clone(),
                dept: *dept,
                acts_for: Vec::new(),
                target,
                auxiliary: *dept == Dept::Police,
            });
        }
        units.extend(teams);
        let first = out.len();
        let mut sizes = Vec::new();
        for unit in &units {
            let need = real(rng, 1.2, 1.45) * unit.target;
            let days = working.len() as f64;
            let (mut supply, mut n) = (0.0, 0);
            while supply < need || n < 2 {
                n += 1;
                // Each member takes what is left, up to five visits a day; the two
                // members of a small unit share its demand. The daily cap is the
                // part of their day the campaign gets.
                let share = if n <= 2 && need < 10.0 * days {
                    need / 2.0
                } else {
                    need - supply
                };
                let cap = ((share / days).ceil() as u32).clamp(1, 5);
                let cap = (cap < 5).then_some(cap);
                let (insp, s) = inspector(rng, &mut namer, layout, &district.prefix, unit, n, cap);
                supply += s;
                out.push(insp);
            }
            if unit.auxiliary && chance(rng, 0.6) {
                // An auxiliary (协管员, 辅警): no enforcement certificate.
                n += 1;
                let (mut insp, _) =
                    inspector(rng, &mut namer, layout, &district.prefix, unit, n, Some(2));
                insp.certified = false;
                out.push(insp);
            }
            sizes.push(n);
        }
        recusals(rng, &mut out[first..], &sizes, businesses, &mine, biz_id);
    }
    out
}

/// The `n`-th member of a unit (at most `cap` visits a day, if set), and the
/// officer-visits it supplies. The first two members are always certified.
fn inspector(
    rng: &mut Rand,
    namer: &mut Namer,
    layout: &Layout,
    prefix: &str,
    unit: &Unit,
    n: usize,
    cap: Option<u32>,
) -> (wire::Inspector, f64) {
    let working = layout.week.working();
    let certified = n <= 2 || chance(rng, 0.9);
    let mut unavailable: Vec<usize> = Vec::new();
    let r = real(rng, 0.0, 1.0);
    let days = if r < 0.04 { 2 } else { usize::from(r < 0.19) };
    for _ in 0..days {
        let d = *pick(rng, &working);
        if !unavailable.contains(&d) {
            unavailable.push(d);
        }
    }
    unavailable.sort();
    let max_per_day = match cap {
        Some(c) => Some(c),
        None => chance(rng, 0.2).then(|| between(rng, 4, 6) as u32),
    };
    let per_day = f64::from(max_per_day.unwrap_or(5).min(5));
    let weight = if certified { 1.0 } else { 0.7 };
    let supply = (working.len() - unavailable.len()) as f64 * per_day * weight;
    let insp = wire::Inspector {
        id: format!("{prefix}{}{n:02}", unit.code),
        name: namer.person(rng),
        department: unit.dept.id().to_owned(),
        certified,
        certificate: None,
        base: unit.place.clone(),
        acts_for: unit.acts_for.iter().map(|d| d.id().to_owned()).collect(),
        unavailable: unavailable
            .iter()
            .map(|d| layout.week.date(*d).to_string())
            .collect(),
        max_visits_per_day: max_per_day,
        recuse: Vec::new(),
    };
    (insp, supply)
}

/// A few inspectors of units with three or more members must not inspect one business
/// of their district where their department has a task (a relative runs it, 回避).
fn recusals(
    rng: &mut Rand,
    staff: &mut [wire::Inspector],
    sizes: &[usize],
    businesses: &[Biz],
    mine: &[usize],
    biz_id: &dyn Fn(usize) -> String,
) {
    let mut eligible = Vec::new();
    let mut at = 0;
    for &n in sizes {
        if n >= 3 {
            eligible.extend(at..at + n);
        }
        at += n;
    }
    if eligible.is_empty() {
        return;
    }
    let mut chosen: Vec<usize> = eligible
        .iter()
        .copied()
        .filter(|_| chance(rng, 0.03))
        .collect();
    if chosen.is_empty() && staff.len() >= 8 {
        chosen.push(*pick(rng, &eligible));
    }
    for i in chosen {
        let dept = staff[i].department.clone();
        let hits: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|b| businesses[*b].tasks.iter().any(|t| t.dept.id() == dept))
            .collect();
        if let Some(b) = (!hits.is_empty()).then(|| *pick(rng, &hits)) {
            staff[i].recuse.push(biz_id(b));
        }
    }
}

/// The units of a staff list, in order of first appearance: the positions of the members
/// of each office or team (same department, base and `acts_for`), and whether it is a
/// town team (it acts for other departments too).
fn units(staff: &[wire::Inspector]) -> Vec<(bool, Vec<usize>)> {
    let mut out: Vec<(bool, Vec<usize>)> = Vec::new();
    let mut key_of: Vec<(&str, &str, &[String])> = Vec::new();
    for (k, insp) in staff.iter().enumerate() {
        let key = (
            insp.department.as_str(),
            insp.base.as_str(),
            insp.acts_for.as_slice(),
        );
        match key_of.iter().position(|x| *x == key) {
            Some(u) => out[u].1.push(k),
            None => {
                key_of.push(key);
                out.push((!insp.acts_for.is_empty(), vec![k]));
            }
        }
    }
    out
}

/// Gives enforcement certificates to `share` (0–1, rounded to whole officers) of the
/// staff and takes them from the rest, spread as a bureau's are: round by round, every
/// town team (first) gives two more members a certificate and every office one, members
/// who held one before first, until the share is reached. The holders at a smaller share are among
/// the holders at a larger one.
pub(crate) fn certify(staff: &mut [wire::Inspector], share: f64) {
    let want = (share.clamp(0.0, 1.0) * staff.len() as f64).round() as usize;
    let mut units = units(staff);
    units.sort_by_key(|(team, _)| !*team); // stable: teams first, then offices
    for (_, members) in &mut units {
        members.sort_by_key(|&k| !staff[k].certified); // stable: earlier holders first
    }
    let mut chosen = vec![false; staff.len()];
    let mut count = 0;
    let mut round = 0;
    while count < want {
        let mut any = false;
        for (team, members) in &units {
            let per_round = if *team { 2 } else { 1 };
            for &k in members.iter().skip(round * per_round).take(per_round) {
                any = true;
                if count < want {
                    chosen[k] = true;
                    count += 1;
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    for (insp, c) in staff.iter_mut().zip(chosen) {
        insp.certified = c;
    }
}

/// Adds uncertified officers to every unit, half its size rounded up, numbered on from
/// its last member (`…05` after `…04`), working every day without a daily cap.
pub(crate) fn enlarge(staff: &mut Vec<wire::Inspector>) {
    let mut rng = <Rand as rand::SeedableRng>::seed_from_u64(0x0fa5_7aff);
    let mut namer = Namer::default();
    let mut added = Vec::new();
    for (_, members) in units(staff) {
        let Some(&last) = members.last() else {
            continue;
        };
        let template = &staff[last];
        let digits = template.id.len()
            - template
                .id
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        let stem = &template.id[..template.id.len() - digits];
        let from: usize = template.id[stem.len()..].parse().unwrap_or(members.len());
        for n in 1..=members.len().div_ceil(2) {
            added.push(wire::Inspector {
                id: format!("{stem}{:02}", from + n),
                name: namer.person(&mut rng),
                certified: false,
                certificate: None,
                unavailable: Vec::new(),
                max_visits_per_day: None,
                recuse: Vec::new(),
                ..template.clone()
            });
        }
    }
    staff.extend(added);
}
