//! **C13 stats**: `stats` holds exactly the eleven keys of the format
//! ([`onedoor_core::plan::Figure::ALL`]), each equal to its value recomputed from the plan
//! by the checker's own count (`figures.rs`). Every figure but `reduction` must be a JSON integer
//! (`5.0` is wrong); `reduction` may be any number within 1e−4 of the recomputed ratio.

use super::{Ctx, Found, Rule};
use onedoor_core::json::Json;
use onedoor_core::plan::{Figure, Stats, Value};

/// Tolerance of `reduction` (a little slack for the decimal rounding of the file).
const REDUCTION_TOLERANCE: f64 = 1e-4 + 1e-9;

/// Checks rule C13 against the recomputed figures `expected`.
pub(super) fn check(cx: &Ctx, expected: &Stats, found: &mut Found) {
    let given = &cx.plan.stats;
    for (i, (key, _)) in given.iter().enumerate() {
        if Figure::from_key(key).is_none() {
            found.add(
                Rule::C13,
                format!("stats.{key} is not a figure of the format"),
            );
        } else if given[..i].iter().any(|(k, _)| k == key) {
            found.add(Rule::C13, format!("stats.{key} is given twice"));
        }
    }
    for figure in Figure::ALL {
        let key = figure.key();
        let Some((_, value)) = given.iter().find(|(k, _)| k == key) else {
            found.add(Rule::C13, format!("stats.{key} is missing"));
            continue;
        };
        let want = match figure.value(expected) {
            Value::Count(want) => want,
            Value::Ratio(want) => {
                match value {
                    Json::Int(v) if (*v as f64 - want).abs() <= REDUCTION_TOLERANCE => {}
                    Json::Float(v) if (v - want).abs() <= REDUCTION_TOLERANCE => {}
                    Json::Int(_) | Json::Float(_) => found.add(
                        Rule::C13,
                        format!("stats.{key} is {}, recomputed {want:.4}", show(value)),
                    ),
                    other => found.add(
                        Rule::C13,
                        format!("stats.{key} is {}, expected a number", other.kind()),
                    ),
                }
                continue;
            }
        };
        match value {
            Json::Int(v) if *v == want => {}
            Json::Int(v) => found.add(Rule::C13, format!("stats.{key} is {v}, recomputed {want}")),
            other => found.add(
                Rule::C13,
                format!(
                    "stats.{key} is {} ({}), expected the integer {want}",
                    show(other),
                    other.kind()
                ),
            ),
        }
    }
}

/// A short text of a JSON value for messages.
fn show(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Int(i) => i.to_string(),
        Json::Float(f) => format!("{f:?}"),
        Json::Str(s) => format!("{s:?}"),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}
