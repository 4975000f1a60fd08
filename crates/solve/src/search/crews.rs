//! The crew search: ruin and recreate on one date's crews.
//!
//! The crews stage and repair place visits one at a time, each with the crew that suits it best at that
//! moment. Where certified officers are scarce this wastes them: a certified pair ends up
//! split over two distant visits, or a certificate holder fills a department's role that
//! an uncertified officer could have filled, and later visits find no pair at all. The
//! date search (`search/dates.rs`) cannot see this: it moves tasks between dates and rebuilds
//! every date the same way.
//!
//! This stage works inside dates. Each round picks a date and **ruins** part of it, then
//! **recreates** it:
//!
//! - *crew ruin*: the visits of the certified officers of one visit (two or three
//!   officers' whole days) are taken out;
//! - *area ruin*: a visit and its nearest neighbours on that date (3–8 visits) are taken
//!   out;
//! - *aimed ruin*: a task left out is picked, one of its valid dates, and the visits near
//!   its business on that date are taken out.
//!
//! The visits taken out are inserted again in a shuffled or hardest-first order (the
//! crew DFS of `crews.rs` picks each crew anew), then the tasks left out that are valid
//! on the date are placed, highest priority first (into a visit at their business, or a
//! visit of their own). Where certificates are scarce a third order, *value first*, is
//! drawn as often as each of the others: the tasks left out that are valid on the date,
//! split into visits as the crews stage would, join the visits taken out, and all are
//! inserted most priority first — so a more valuable visit may take the certified
//! officers a less valuable one had (every visit, new or taken out, only where the
//! business's visit limit allows). The date is kept when the objective improves — unscheduled
//! priority, then visits, crew entries and travel of the date — and restored exactly
//! otherwise, so the search never makes the plan worse. Where certificates are scarce a
//! round is also kept when it leaves unscheduled priority and visits as they were
//! (*sideways*: its crews and travel may be worse), so the search can walk across plans of
//! equal value to one where another visit fits; the best state seen by the whole
//! objective is what it returns.
//!
//! Rounds are a work limit fixed by the instance's size ([`rounds`]) and a budget of
//! insertion work (`budget::Work`), so the plan does not depend on the machine's
//! speed or the thread count; the stage also stops at half the time limit.

use super::dates::Best;
use crate::budget::Run;
use crate::context::{Context, DatePos};
use crate::crews::{self, DatePlan};
use crate::figures::Objective;
use crate::ids::{BizIdx, TaskIdx};
use crate::{assemble, convert, repair, split, Stage};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// Rounds of the crew search: this / visits, at most [`MAX_ROUNDS`].
const ROUNDS: usize = 600_000;
/// Most rounds.
const MAX_ROUNDS: usize = 6000;
/// Work (insertions, see `budget::Work`) the crew search may spend; it ends after the round that
/// passes this.
const WORK: u64 = 12_000_000;

/// Rounds for a plan of `visits` visits.
pub fn rounds(visits: usize) -> usize {
    (ROUNDS / visits.max(1)).min(MAX_ROUNDS)
}

/// Unscheduled priority, visits, crew entries, travel minutes: the objective's levels.
type Score = (u64, usize, usize, u64);

/// The part of the objective one date and the tasks left out decide: unscheduled
/// priority, then the date's visits, crew entries and travel minutes.
fn score(ctx: &Context, date: &DatePlan, left: &[TaskIdx]) -> Score {
    (
        ctx.priority(left),
        date.visit_count(),
        date.crew_entries(),
        date.travel(ctx),
    )
}

/// Runs `rounds` rounds of ruin and recreate on `best`'s dates, and takes the result
/// when it beats `best`.
pub fn search(ctx: &Context, run: &Run, best: &mut Best, rounds: usize) {
    if rounds == 0 || ctx.dates.is_empty() {
        return;
    }
    let Some((mut dates, mut left)) = convert::date_plans_of(ctx, &best.0, &run.work) else {
        return;
    };
    run.stage(Stage::CrewSearch);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(run.seed ^ 0x5eed_c0de);
    let mut improved = false;
    let budget = run.work.done() + WORK;
    // Where certificates are scarce, sideways rounds (unscheduled priority and visits no
    // worse, crews and travel free to change) are kept too, and the search returns the
    // best state it has seen by the whole objective.
    let sideways = ctx.certified_scarce;
    let mut per_date: Vec<Score> = dates.iter().map(|d| score(ctx, d, &[])).collect();
    // The whole objective from each date's part and the priority left out.
    let whole = |per_date: &[Score], lost: u64| -> Score {
        per_date.iter().fold((lost, 0, 0, 0), |a, s| {
            (a.0, a.1 + s.1, a.2 + s.2, a.3 + s.3)
        })
    };
    let mut best_whole = whole(&per_date, ctx.priority(&left));
    let mut best_state: Option<(Vec<DatePlan>, Vec<TaskIdx>)> = None;
    for _ in 0..rounds {
        if run.out_of_time() || run.work.done() >= budget {
            break;
        }
        let Some((d, ruined)) = pick_ruin(ctx, &dates, &left, &mut rng) else {
            continue;
        };
        let before = score(ctx, &dates[d], &left);
        let snapshot = dates[d].clone();
        let mut still = recreate(ctx, &mut dates, d, ruined, &left, &mut rng);
        still.sort();
        let after = score(ctx, &dates[d], &still);
        if after < before || (sideways && (after.0, after.1) <= (before.0, before.1)) {
            left = still;
            per_date[d] = score(ctx, &dates[d], &[]);
            let now = whole(&per_date, after.0);
            if now < best_whole {
                best_whole = now;
                improved = true;
                if sideways {
                    best_state = Some((dates.clone(), left.clone()));
                }
            }
        } else {
            dates[d] = snapshot;
        }
    }
    if !improved {
        return;
    }
    if let Some(state) = best_state {
        (dates, left) = state;
    }
    repair::merge_visits(ctx, &mut dates, run.deadline());
    let (plan, stats) = assemble::build(ctx, &dates, &left, false);
    if Objective::from(&stats) < Objective::from(&best.1) {
        run.best(&stats);
        *best = (plan, stats);
    }
}

/// Recreates date `d` with the visits `ruined` taken out: they go back in one of the
/// orders of the module docs (shuffled, hardest first, or where certificates are scarce
/// value first), then the tasks left out that are valid on `d`, most priority first.
/// Returns the tasks still left out (not sorted).
fn recreate(
    ctx: &Context,
    dates: &mut [DatePlan],
    d: DatePos,
    ruined: Vec<usize>,
    left: &[TaskIdx],
    rng: &mut impl Rng,
) -> Vec<TaskIdx> {
    // The visits taken out, and (value first only) new visits for tasks left out.
    let mut units: Vec<(BizIdx, Vec<TaskIdx>)> = ruined
        .into_iter()
        .filter_map(|vid| dates[d].remove(vid))
        .map(|v| (v.business, v.tasks))
        .collect();
    let mut now_left = left.to_vec();
    // Value first only where certificates are scarce: elsewhere a visit that fits
    // takes no one's place, and the two orders keep the plans of before.
    let order = if ctx.certified_scarce {
        rng.random_range(0..3)
    } else {
        u32::from(!rng.random_bool(0.5))
    };
    match order {
        0 => units.shuffle(rng),
        1 => units.sort_by_cached_key(|(b, tasks)| crews::difficulty(ctx, *b, tasks)),
        _ => value_first(ctx, d, &mut units, &mut now_left),
    }
    // Every unit respects its business's visit limit: a new visit placed first may take
    // the place a visit taken out had, which then goes back through `place_on` (joining
    // a visit there, or left out).
    for (b, tasks) in units {
        let placed =
            !repair::at_limit(ctx, dates, b) && dates[d].insert(ctx, b, tasks.clone()).is_some();
        if !placed {
            now_left.extend(tasks);
        }
    }
    now_left.sort_by_key(|&t| (Reverse(ctx.scn.task(t).priority), t));
    let mut still = Vec::with_capacity(now_left.len());
    for t in now_left {
        let valid_here = ctx.task_dates[t.index()].contains(&d);
        if !(valid_here && repair::place_on(ctx, dates, t, d)) {
            still.push(t);
        }
    }
    still
}

/// Value first: the tasks left out that are valid on `d` (taken out of `left`), split
/// into visits as the crews stage would, join the visits taken out (`units`), and all
/// are ordered most priority first, so a more valuable visit can take the certified
/// officers of a less valuable one.
fn value_first(
    ctx: &Context,
    d: DatePos,
    units: &mut Vec<(BizIdx, Vec<TaskIdx>)>,
    left: &mut Vec<TaskIdx>,
) {
    let mut extra: BTreeMap<BizIdx, Vec<TaskIdx>> = BTreeMap::new();
    left.retain(|&t| {
        let here = ctx.task_dates[t.index()].contains(&d);
        if here {
            extra.entry(ctx.scn.task(t).business).or_default().push(t);
        }
        !here
    });
    for (b, tasks) in extra {
        let (groups, misfits) = split::into_visits(ctx, b, tasks);
        left.extend(misfits);
        units.extend(groups.into_iter().map(|g| (b, g)));
    }
    units.sort_by_cached_key(|(b, tasks)| {
        (
            Reverse(ctx.priority(tasks)),
            crews::difficulty(ctx, *b, tasks),
        )
    });
}

/// A date and the visits to take out there, or `None` when the round has nothing to do.
fn pick_ruin(
    ctx: &Context,
    dates: &[DatePlan],
    left: &[TaskIdx],
    rng: &mut impl Rng,
) -> Option<(DatePos, Vec<usize>)> {
    let aimed = !left.is_empty() && rng.random_bool(0.4);
    if aimed {
        let t = left[rng.random_range(0..left.len())];
        let valid = &ctx.task_dates[t.index()];
        if valid.is_empty() {
            return None;
        }
        let d = valid[rng.random_range(0..valid.len())];
        let node = ctx.scn.node_of_business(ctx.scn.task(t).business);
        let k = rng.random_range(2..=6);
        return Some((d, nearest(ctx, &dates[d], node, k)));
    }
    let d = rng.random_range(0..dates.len());
    let ids: Vec<usize> = dates[d].visits().map(|(i, _)| i).collect();
    if ids.is_empty() {
        return None;
    }
    let (_, seed) = dates[d].visits().nth(rng.random_range(0..ids.len()))?;
    if rng.random_bool(0.5) {
        // Crew ruin: whole days of the seed visit's certified officers.
        let officers: Vec<_> = seed
            .crew
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| ctx.scn.inspector(i).certified)
            .collect();
        let ruined = dates[d]
            .visits()
            .filter(|(_, v)| v.crew.iter().any(|(i, _)| officers.contains(i)))
            .map(|(i, _)| i)
            .collect();
        Some((d, ruined))
    } else {
        let node = ctx.scn.node_of_business(seed.business);
        let k = rng.random_range(3..=8);
        Some((d, nearest(ctx, &dates[d], node, k)))
    }
}

/// The `k` visits of a date nearest to `node` by travel minutes (ties by id).
fn nearest(ctx: &Context, date: &DatePlan, node: crate::ids::NodeIdx, k: usize) -> Vec<usize> {
    let mut by: Vec<(u32, usize)> = date
        .visits()
        .map(|(i, v)| {
            let to = ctx.scn.node_of_business(v.business);
            (ctx.travel.minutes(node, to).unwrap_or(u32::MAX), i)
        })
        .collect();
    by.sort_unstable();
    by.into_iter().take(k).map(|(_, i)| i).collect()
}
