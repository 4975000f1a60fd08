//! Small home-care days in the manner of the Mankowska benchmark (whose data is not in
//! the repository): caregivers with one or two skills leave one depot; each patient is
//! entered once, within a window, for one service or for two of different skills that
//! two caregivers give together (the synchronised pair that two certified officers in one
//! visit also are). Every caregiver counts as certified and one suffices per visit, so
//! who is free when, not certificates, decides what fits; the day is short enough that
//! some services stay out.

use onedoor_core::Scenario;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

/// Patients of a day.
const PATIENTS: usize = 17;
/// Caregivers of a day.
const CAREGIVERS: usize = 5;
/// Kinds of service (departments).
const SKILLS: usize = 3;

/// The home-care day of `seed`: its name and scenario.
pub fn day(seed: u64) -> (String, Scenario) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let skill = |k: usize| format!("s{}", k + 1);
    let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
    let inspectors: Vec<Value> = (0..CAREGIVERS)
        .map(|c| {
            // Every skill held by someone: caregiver c has skill c mod SKILLS, and one
            // more at random half the time.
            let first = c % SKILLS;
            let mut i = json!({
                "id": format!("c{}", c + 1), "department": skill(first),
                "certified": true, "base": "depot",
            });
            if rng.random_bool(0.5) {
                let second = (first + rng.random_range(1..SKILLS)) % SKILLS;
                i["acts_for"] = json!([skill(second)]);
            }
            i
        })
        .collect();
    let mut businesses = Vec::new();
    let mut tasks = Vec::new();
    for p in 0..PATIENTS {
        let id = format!("p{}", p + 1);
        let minutes = rng.random_range(10..=35u32);
        // Windows for the start within 08:00–13:00, 30 to 90 minutes wide.
        let open = 480 + rng.random_range(0..=300u32);
        let close = open + rng.random_range(20..=60u32) + minutes;
        businesses.push(json!({
            "id": id,
            "location": {"x": rng.random_range(0.0..40.0f64), "y": rng.random_range(0.0..40.0f64)},
            "open": {"hours": {"start": clock(open), "end": clock(close)}},
            "max_visits": 1,
        }));
        let first = rng.random_range(0..SKILLS);
        let mut kinds = vec![first];
        if rng.random_bool(0.5) {
            kinds.push((first + rng.random_range(1..SKILLS)) % SKILLS);
        }
        for k in kinds {
            tasks.push(json!({
                "id": format!("{id}-{}", skill(k)), "department": skill(k),
                "business": id, "minutes": minutes,
            }));
        }
    }
    let v = json!({
        "version": 1,
        "name": format!("home-care-{seed}"),
        "horizon": {"start": "2026-03-02", "end": "2026-03-02",
                    "hours": {"start": "07:30", "end": "14:00"}},
        "rules": {"min_certified_per_visit": 1, "visit_overhead_minutes": 0},
        "travel": {"speed_kmh": 60, "detour": 1},
        "places": [{"id": "depot", "location": {"x": 20.0, "y": 20.0}}],
        "departments": (0..SKILLS).map(|k| json!({"id": skill(k)})).collect::<Vec<_>>(),
        "inspectors": inspectors,
        "businesses": businesses,
        "tasks": tasks,
    });
    let name = format!("home-care-{seed}");
    let scn = onedoor_core::parse_scenario(&v.to_string(), &name).expect("the home-care day loads");
    (name, scn)
}
