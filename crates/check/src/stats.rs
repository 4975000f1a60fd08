//! **C13 stats**: `stats` holds exactly the eleven keys of the format
//! ([`onedoor_core::plan::Figure::ALL`]), each equal to its value recomputed from the plan
//! by the checker's own count (`figures.rs`). Every figure but `reduction` must be a JSON integer
//! (`5.0` is wrong); `reduction` may be any number within 1e−4 of the recomputed ratio.

use super::{Ctx, Found, Kind};
use onedoor_core::json::Json;
use onedoor_core::plan::{Figure, Stats, Value};

/// Tolerance of `reduction` (a little slack for the decimal rounding of the file).
const REDUCTION_TOLERANCE: f64 = 1e-4 + 1e-9;

/// Checks rule C13 against the recomputed figures `expected`.
pub(super) fn check(cx: &Ctx, expected: &Stats, found: &mut Found) {
    let given = &cx.plan.stats;
    for (i, (key, _)) in given.iter().enumerate() {
        if Figure::from_key(key).is_none() {
            found.add(Kind::StatsUnknownKey { key: key.clone() });
        } else if given[..i].iter().any(|(k, _)| k == key) {
            found.add(Kind::StatsTwice { key: key.clone() });
        }
    }
    for figure in Figure::ALL {
        let key = figure.key();
        let Some((_, value)) = given.iter().find(|(k, _)| k == key) else {
            found.add(Kind::StatsMissing {
                key: key.to_owned(),
            });
            continue;
        };
        let want = match figure.value(expected) {
            Value::Count(want) => want,
            Value::Ratio(want) => {
                match value {
                    Json::Int(v) if (*v as f64 - want).abs() <= REDUCTION_TOLERANCE => {}
                    Json::Float(v) if (v - want).abs() <= REDUCTION_TOLERANCE => {}
                    Json::Int(_) | Json::Float(_) => found.add(Kind::StatsRatioOff {
                        key: key.to_owned(),
                        given: show(value),
                        want: format!("{want:.4}"),
                    }),
                    other => found.add(Kind::StatsNotNumber {
                        key: key.to_owned(),
                        kind: other.kind(),
                    }),
                }
                continue;
            }
        };
        match value {
            Json::Int(v) if *v == want => {}
            Json::Int(v) => found.add(Kind::StatsCountOff {
                key: key.to_owned(),
                given: *v,
                want,
            }),
            other => found.add(Kind::StatsNotInteger {
                key: key.to_owned(),
                given: show(other),
                kind: other.kind(),
                want,
            }),
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
