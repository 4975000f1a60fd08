//! Small scarce-certificate weeks cut out of generated districts.
//!
//! A district preset (about 260 tasks over a week) with a small certified share is cut
//! down to one town's businesses and a horizon of one or two days: the tasks of those
//! businesses whose window meets the horizon, every inspector of the district (recusals of
//! businesses that were cut are dropped), every place and link. What is left is a week
//! of 20–40 tasks where certified pairs, not heads, decide how many visits fit.

use chrono::{Duration, NaiveDate};
use onedoor_core::scenario::time::{fmt_date, parse_date};
use onedoor_core::Scenario;
use onedoor_generate::{generate_with, Preset};
use serde_json::Value;
use std::collections::BTreeSet;

/// How one instance is cut out of a generated district.
#[derive(Clone, Copy, Debug)]
pub struct Cut {
    /// Generator seed of the district.
    pub seed: u64,
    /// Share of inspectors holding a certificate (`generate --certified`).
    pub certified: f64,
    /// Working days kept, from Monday (1 or 2).
    pub days: i64,
    /// Which town, among the district's towns with 20–40 tasks in the horizon (in the order
    /// the towns first appear), wrapping around.
    pub town: usize,
}

/// Fewest and most tasks of an instance.
pub const TASKS: std::ops::RangeInclusive<usize> = 20..=40;

/// The instance of `cut`: its name and scenario. Panics when no town of the district has
/// 20–40 tasks in the horizon.
pub fn instance(cut: Cut) -> (String, Scenario) {
    let text = generate_with(Preset::District, cut.seed, Some(cut.certified));
    let mut v: Value = serde_json::from_str(&text).expect("the generator writes JSON");
    let start = parse_date(v["horizon"]["start"].as_str().expect("horizon.start"))
        .expect("horizon.start is a date");
    let end = start + Duration::days(cut.days - 1);
    v["horizon"]["end"] = Value::String(fmt_date(end));

    let tasks = v["tasks"].as_array().expect("tasks").clone();
    let businesses = v["businesses"].as_array().expect("businesses").clone();
    let kept_task = |t: &Value| meets(t, start, end);
    let town_of = |id: &str| {
        businesses
            .iter()
            .find(|b| b["id"] == id)
            .and_then(|b| b["town"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let mut towns: Vec<String> = Vec::new();
    for b in &businesses {
        let town = b["town"].as_str().expect("business.town").to_owned();
        if !towns.contains(&town) {
            towns.push(town);
        }
    }
    let fitting: Vec<&String> = towns
        .iter()
        .filter(|town| {
            let n = tasks
                .iter()
                .filter(|t| kept_task(t) && town_of(t["business"].as_str().unwrap_or("")) == **town)
                .count();
            TASKS.contains(&n)
        })
        .collect();
    assert!(
        !fitting.is_empty(),
        "district seed {} has no town with 20–40 tasks in {} day(s)",
        cut.seed,
        cut.days
    );
    let town = fitting[cut.town % fitting.len()].clone();

    let kept_biz: BTreeSet<String> = businesses
        .iter()
        .filter(|b| b["town"] == town.as_str())
        .map(|b| b["id"].as_str().expect("business.id").to_owned())
        .collect();
    v["businesses"] = Value::Array(
        businesses
            .into_iter()
            .filter(|b| kept_biz.contains(b["id"].as_str().unwrap_or("")))
            .collect(),
    );
    v["tasks"] = Value::Array(
        tasks
            .into_iter()
            .filter(|t| kept_task(t) && kept_biz.contains(t["business"].as_str().unwrap_or("")))
            .collect(),
    );
    for insp in v["inspectors"].as_array_mut().expect("inspectors") {
        assert!(
            !insp["base"].as_str().unwrap_or("").starts_with('B'),
            "bases are places in generated districts"
        );
        if let Some(recuse) = insp.get_mut("recuse").and_then(Value::as_array_mut) {
            recuse.retain(|b| kept_biz.contains(b.as_str().unwrap_or("")));
        }
    }
    let name = format!(
        "district-{}-c{:.0}-{}d-{}",
        cut.seed,
        cut.certified * 100.0,
        cut.days,
        town
    );
    v["name"] = Value::String(name.clone());
    let text = serde_json::to_string(&v).expect("JSON text");
    let scn = onedoor_core::parse_scenario(&text, &name)
        .unwrap_or_else(|e| panic!("the cut {name} loads: {e}"));
    (name, scn)
}

/// Whether a task's window meets `start..=end` (and its pinned date, if any, lies in it:
/// a pinned date outside the horizon is an input error).
fn meets(t: &Value, start: NaiveDate, end: NaiveDate) -> bool {
    let date = |key: &str| t[key].as_str().and_then(parse_date);
    let earliest = date("earliest").unwrap_or(start);
    let latest = date("latest").unwrap_or(end);
    let pinned = t["pinned"]["date"].as_str().and_then(parse_date);
    earliest <= end && start <= latest && pinned.is_none_or(|p| start <= p && p <= end)
}
