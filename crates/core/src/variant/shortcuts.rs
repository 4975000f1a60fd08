//! Command-line shortcuts for one-off what-ifs, applied to the scenario tree after any
//! variant: `--rule KEY=VALUE`, `--holiday DATE`, `--unavailable ID:DATE`,
//! `--close BUSINESS:DATE`, `--drop-inspector ID`, in that order (so an inspector both
//! made unavailable and dropped is simply dropped).

use super::tree::{array_mut, entry, field_mut, has_id, id_of, render, str_at, List};
use super::Shortcuts;
use crate::error::{InputError, Problem, ProblemKind};
use crate::json::Json;
use crate::scenario::time::parse_date;

/// The keys of `rules` a `--rule` may set: all of them.
pub(super) const RULE_KEYS: &[&str] = crate::scenario::Rules::KEYS;

/// The file name shortcut errors carry.
pub(super) const COMMAND_LINE: &str = "command line";

/// Applies every shortcut, or reports every bad one (nothing is applied then).
pub(super) fn apply(
    root: &mut Json,
    s: &Shortcuts,
    notes: &mut Vec<String>,
) -> Result<(), InputError> {
    let mut problems = Vec::new();
    let mut bad = |place: String, kind: ProblemKind, message: String| {
        problems.push(Problem {
            place,
            kind,
            message,
        })
    };

    let mut rules = Vec::new();
    for raw in &s.rule {
        let place = format!("--rule {raw}");
        let Some((key, value)) = raw.split_once('=') else {
            bad(
                place,
                ProblemKind::Invalid,
                "write KEY=VALUE, for example min_certified_per_visit=3".into(),
            );
            continue;
        };
        let key = key.trim();
        if !RULE_KEYS.contains(&key) {
            bad(
                place,
                ProblemKind::UnknownField,
                format!(
                    "unknown rule \"{key}\"; known rules: {}",
                    RULE_KEYS.join(", ")
                ),
            );
            continue;
        }
        match Json::parse(value.trim()) {
            Ok(v) => rules.push((place, key, v)),
            Err(e) => bad(
                place,
                ProblemKind::Syntax,
                format!(
                    "the value is not JSON ({e}): write a number, null, or a list such as \
                     [[\"police\",\"tax\"]]"
                ),
            ),
        }
    }

    let mut holidays = Vec::new();
    for raw in &s.holiday {
        match parse_date(raw.trim()) {
            Some(_) => holidays.push((format!("--holiday {raw}"), raw.trim())),
            None => bad(
                format!("--holiday {raw}"),
                ProblemKind::Invalid,
                format!("\"{raw}\" is not a date: write YYYY-MM-DD"),
            ),
        }
    }

    let mut unavailable = Vec::new();
    for raw in &s.unavailable {
        let flag = "--unavailable";
        match id_date(
            root,
            raw,
            flag,
            List::Inspectors,
            "INSPECTOR:DATE, for example F01:2022-09-14",
        ) {
            Ok(found) => {
                unavailable.extend(found.map(|(id, date)| (format!("{flag} {raw}"), id, date)))
            }
            Err(found) => found
                .into_iter()
                .for_each(|p| bad(p.place, p.kind, p.message)),
        }
    }

    let mut closed = Vec::new();
    for raw in &s.close {
        let flag = "--close";
        match id_date(
            root,
            raw,
            flag,
            List::Businesses,
            "BUSINESS:DATE, for example B007:2022-09-15",
        ) {
            Ok(found) => closed.extend(found.map(|(id, date)| (format!("{flag} {raw}"), id, date))),
            Err(found) => found
                .into_iter()
                .for_each(|p| bad(p.place, p.kind, p.message)),
        }
    }

    let mut drop = Vec::new();
    for raw in &s.drop_inspector {
        let id = raw.trim();
        if has_id(root, List::Inspectors, id) {
            drop.push((format!("--drop-inspector {raw}"), id));
        } else {
            bad(
                format!("--drop-inspector {raw}"),
                ProblemKind::Dangling,
                format!("unknown inspector \"{id}\""),
            );
        }
    }

    if !problems.is_empty() {
        return Err(InputError {
            file: COMMAND_LINE.to_owned(),
            problems,
        });
    }

    for (place, key, value) in rules {
        let Some(rules) = entry(root, "rules") else {
            continue;
        };
        if matches!(rules, Json::Null) {
            *rules = Json::Object(Vec::new());
        }
        let Some(slot) = entry(rules, key) else {
            continue;
        };
        let was = match &*slot {
            Json::Null => "its default".to_owned(),
            other => render(other),
        };
        notes.push(format!(
            "{place}: rules.{key} is now {} (was {was})",
            render(&value)
        ));
        *slot = value;
    }
    for (place, date) in holidays {
        let (start, end) = horizon_dates(root);
        let Some(list) = field_mut(root, "horizon").and_then(|h| array_mut(h, "holidays")) else {
            continue;
        };
        notes.push(add_date(list, date, &place, "a holiday", start, end));
    }
    for (place, id, date) in unavailable {
        let (start, end) = horizon_dates(root);
        let list = array_mut(root, "inspectors")
            .and_then(|l| l.iter_mut().find(|i| id_of(i) == Some(id)))
            .and_then(|i| array_mut(i, "unavailable"));
        if let Some(list) = list {
            let what = format!("a day off for {id}");
            notes.push(add_date(list, date, &place, &what, start, end));
        }
    }
    for (place, id, date) in closed {
        let (start, end) = horizon_dates(root);
        let list = array_mut(root, "businesses")
            .and_then(|l| l.iter_mut().find(|b| id_of(b) == Some(id)))
            .and_then(|b| array_mut(b, "closed"));
        if let Some(list) = list {
            let what = format!("a closed day of {id}");
            notes.push(add_date(list, date, &place, &what, start, end));
        }
    }
    for (place, id) in drop {
        if let Some(list) = array_mut(root, "inspectors") {
            list.retain(|i| id_of(i) != Some(id));
            notes.push(format!("{place}: inspector {id} removed"));
        }
    }
    Ok(())
}

/// Parses `ID:DATE` of shortcut `flag` (`--unavailable`, `--close`), the id one of
/// `list`: the id and the date, or every problem with it.
fn id_date<'r>(
    root: &Json,
    raw: &'r str,
    flag: &str,
    list: List,
    form: &str,
) -> Result<Option<(&'r str, &'r str)>, Vec<Problem>> {
    let place = format!("{flag} {raw}");
    let problem = |kind, message| Problem {
        place: place.clone(),
        kind,
        message,
    };
    let Some((id, date)) = raw.rsplit_once(':') else {
        return Err(vec![problem(ProblemKind::Invalid, format!("write {form}"))]);
    };
    let (id, date) = (id.trim(), date.trim());
    let mut problems = Vec::new();
    if !has_id(root, list, id) {
        problems.push(problem(
            ProblemKind::Dangling,
            format!("unknown {} \"{id}\"", list.noun()),
        ));
    }
    if parse_date(date).is_none() {
        problems.push(problem(
            ProblemKind::Invalid,
            format!("\"{date}\" is not a date: write YYYY-MM-DD"),
        ));
    }
    if problems.is_empty() {
        Ok(Some((id, date)))
    } else {
        Err(problems)
    }
}

/// Adds a date to a list of dates unless present; the note says what happened.
fn add_date(
    list: &mut Vec<Json>,
    date: &str,
    place: &str,
    what: &str,
    start: Option<String>,
    end: Option<String>,
) -> String {
    if list.iter().any(|d| matches!(d, Json::Str(s) if s == date)) {
        return format!("{place}: {date} is already {what}");
    }
    list.push(Json::Str(date.to_owned()));
    let outside = match (start, end) {
        (Some(s), Some(e)) => date < s.as_str() || date > e.as_str(),
        _ => false,
    };
    if outside {
        format!("{place}: {date} is now {what} (outside the horizon: no effect)")
    } else {
        format!("{place}: {date} is now {what}")
    }
}

/// The horizon's start and end as written (dates compare as strings in `YYYY-MM-DD`).
fn horizon_dates(root: &Json) -> (Option<String>, Option<String>) {
    let h = root.get("horizon");
    let date = |k: &str| h.and_then(|h| str_at(h, k)).map(str::to_owned);
    (date("start"), date("end"))
}

/// Appends ` (set by --rule KEY=VALUE)` to every loader problem under a rule a shortcut
/// set, so a bad value points back at the command line.
pub(super) fn blame_rules(problems: &mut [Problem], s: &Shortcuts) {
    for raw in &s.rule {
        let Some((key, _)) = raw.split_once('=') else {
            continue;
        };
        let at = format!("rules.{}", key.trim());
        for p in problems.iter_mut() {
            let under = p
                .place
                .strip_prefix(&at)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']));
            if under {
                p.message = format!("{} (set by --rule {raw})", p.message);
            }
        }
    }
}
