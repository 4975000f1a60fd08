//! Input errors of the scenario format (docs/format.md, "Input errors"): every class is reported with its JSON
//! place and [`ProblemKind`], all problems of a file together; plus the defaults table,
//! the choices where the format is silent, and the command line's exit code 2.
//!
//! Scenarios are built from small JSON templates with one modification per case.

use crate::common;

use common::run;
use onedoor_core::scenario::time::{Clock, Hours, WeekdaySet};
use onedoor_core::scenario::Location;
use onedoor_core::{parse_scenario, InputError, ProblemKind, Scenario};
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::path::Path;

// ---------------------------------------------------------------------------------------
// Helpers

/// The smallest valid scenario: every optional field left out.
fn minimal() -> Value {
    json!({
        "horizon": {"start": "2022-09-12", "end": "2022-09-18"},
        "places": [{"id": "hq", "location": {"x": 0.0, "y": 0.0}}],
        "departments": [{"id": "fire"}, {"id": "market"}],
        "inspectors": [
            {"id": "F1", "department": "fire", "base": "hq"},
            {"id": "M1", "department": "market", "base": "hq"}
        ],
        "businesses": [
            {"id": "B1", "location": {"x": 1.0, "y": 1.0}},
            {"id": "B2", "location": {"x": 2.0, "y": 0.0}}
        ],
        "tasks": [
            {"id": "T1", "department": "fire", "business": "B1", "minutes": 30},
            {"id": "T2", "department": "market", "business": "B2", "minutes": 20}
        ]
    })
}

/// A valid scenario that uses every object of the format (so every level can be broken).
fn full() -> Value {
    json!({
        "version": 1,
        "name": "full",
        "horizon": {
            "start": "2022-09-12", "end": "2022-09-16",
            "workdays": ["mon", "tue", "wed", "thu", "fri"],
            "holidays": ["2022-09-15"],
            "hours": {"start": "08:30", "end": "17:30"}
        },
        "rules": {
            "min_certified_per_visit": 2,
            "visit_overhead_minutes": 15,
            "max_visit_minutes": 240,
            "max_departments_per_visit": 3,
            "incompatible": [["fire", "police"]]
        },
        "travel": {
            "speed_kmh": 30, "detour": 1.3,
            "links": [{"from": "pier", "to": "B2", "minutes": 35}]
        },
        "places": [
            {"id": "hq", "name": "HQ", "zone": "main", "location": {"x": 0.0, "y": 0.0}},
            {"id": "pier", "name": "Pier", "zone": "main", "location": {"x": 5.0, "y": 0.0}}
        ],
        "departments": [
            {"id": "fire", "name": "Fire"},
            {"id": "market", "name": "Market"},
            {"id": "police", "name": "Police"}
        ],
        "inspectors": [
            {"id": "F1", "name": "F one", "department": "fire", "certified": true, "base": "hq",
             "acts_for": ["market"], "unavailable": ["2022-09-13"], "max_visits_per_day": 6,
             "recuse": ["B1"]},
            {"id": "M1", "department": "market", "base": "hq"},
            {"id": "P1", "department": "police", "base": "hq"}
        ],
        "businesses": [
            {"id": "B1", "name": "Inn", "town": "Huannan", "zone": "main",
             "location": {"x": 1.2, "y": 3.4},
             "open": {"days": ["mon", "tue", "wed", "thu", "fri", "sat"],
                      "hours": {"start": "09:00", "end": "17:00"}},
             "closed": ["2022-09-14"], "max_visits": 1, "tags": ["homestay"]},
            {"id": "B2", "zone": "islet", "location": {"x": 20.0, "y": 0.0}}
        ],
        "tasks": [
            {"id": "T1", "department": "fire", "business": "B1", "minutes": 40,
             "earliest": "2022-09-12", "latest": "2022-09-16", "priority": 3,
             "joinable": true, "officers": 1, "items": ["fire.exits"],
             "pinned": {"date": "2022-09-13", "start": "10:00"}},
            {"id": "T2", "department": "market", "business": "B1", "minutes": 30},
            {"id": "T3", "department": "police", "business": "B2", "minutes": 20}
        ]
    })
}

/// Splits a JSON pointer into its parent and last token.
fn split(ptr: &str) -> (&str, &str) {
    ptr.rsplit_once('/')
        .unwrap_or_else(|| panic!("bad pointer {ptr}"))
}

/// Sets (or adds) the value at JSON pointer `ptr`.
fn set(v: &mut Value, ptr: &str, new: Value) {
    let (parent, key) = split(ptr);
    match v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(m) => {
            m.insert(key.to_owned(), new);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        other => panic!("{parent} is {other}"),
    }
}

/// Removes the value at JSON pointer `ptr`.
fn remove(v: &mut Value, ptr: &str) {
    let (parent, key) = split(ptr);
    match v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(m) => {
            m.shift_remove(key).unwrap_or_else(|| panic!("no {ptr}"));
        }
        Value::Array(a) => {
            a.remove(key.parse::<usize>().unwrap());
        }
        other => panic!("{parent} is {other}"),
    }
}

/// `base` with one value set.
fn with(mut base: Value, ptr: &str, new: Value) -> Value {
    set(&mut base, ptr, new);
    base
}

/// `base` with one value removed.
fn without(mut base: Value, ptr: &str) -> Value {
    remove(&mut base, ptr);
    base
}

fn load(v: &Value) -> Result<Scenario, InputError> {
    parse_scenario(&v.to_string(), "file")
}

fn ok(v: &Value) -> Scenario {
    load(v).unwrap_or_else(|e| panic!("expected a valid scenario, got {e}"))
}

fn err(v: &Value) -> InputError {
    match load(v) {
        Ok(_) => panic!("expected an input error for\n{v:#}"),
        Err(e) => e,
    }
}

fn err_text(text: &str) -> InputError {
    match parse_scenario(text, "file") {
        Ok(_) => panic!("expected an input error for\n{text}"),
        Err(e) => e,
    }
}

/// Asserts that `e` holds a problem of `kind` at exactly `place`.
#[track_caller]
fn assert_problem(e: &InputError, place: &str, kind: ProblemKind) {
    assert!(
        e.problems
            .iter()
            .any(|p| p.place == place && p.kind == kind),
        "expected a {} problem at `{place}`, got:\n{e}",
        kind.code()
    );
}

/// Asserts that `v` fails with exactly one problem, of `kind` at `place`.
#[track_caller]
fn assert_only(v: &Value, place: &str, kind: ProblemKind) -> InputError {
    let e = err(v);
    assert_problem(&e, place, kind);
    assert_eq!(e.problems.len(), 1, "expected one problem, got:\n{e}");
    e
}

#[test]
fn templates_are_valid() {
    ok(&minimal());
    ok(&full());
}

// ---------------------------------------------------------------------------------------
// Syntax

#[test]
fn malformed_json_names_line_and_column() {
    // A missing comma after line 3.
    let text = "{\n  \"version\": 1,\n  \"name\": \"x\"\n  \"horizon\": {}\n}";
    let e = err_text(text);
    assert_eq!(e.problems.len(), 1, "{e}");
    let p = &e.problems[0];
    assert_eq!(p.kind, ProblemKind::Syntax);
    assert_eq!(p.place, "");
    assert!(p.message.contains("line 4"), "{}", p.message);
    assert!(p.message.contains("column 3"), "{}", p.message);
    assert_eq!(e.file, "file");
}

#[test]
fn truncated_and_empty_files_are_syntax_errors() {
    let text = minimal().to_string();
    let e = err_text(&text[..text.len() / 2]);
    assert!(e.has(ProblemKind::Syntax), "{e}");
    assert!(err_text("").has(ProblemKind::Syntax));
    assert!(err_text("{} {}").has(ProblemKind::Syntax));
}

#[test]
fn key_given_twice_is_an_error() {
    let text = "{\n\"horizon\": {\"start\": \"2022-09-12\", \"end\": \"2022-09-16\"},\n\
                \"tasks\": [{\"id\": \"T1\", \"minutes\": 20,\n \"minutes\": 30}]}";
    let e = err_text(text);
    assert_eq!(e.problems.len(), 1, "{e}");
    assert_eq!(e.problems[0].kind, ProblemKind::Syntax);
    assert!(e.problems[0].message.contains("\"minutes\""), "{e}");
    assert!(e.problems[0].message.contains("twice"), "{e}");
    assert!(e.problems[0].message.contains("line 4"), "{e}");
}

#[test]
fn a_leading_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", minimal());
    parse_scenario(&text, "file").unwrap();
}

// ---------------------------------------------------------------------------------------
// Types

#[test]
fn wrong_types_are_reported_at_their_place() {
    let cases: &[(&str, Value, &str)] = &[
        ("/tasks/1/minutes", json!("20"), "tasks[1].minutes"),
        ("/tasks/1/joinable", json!("yes"), "tasks[1].joinable"),
        ("/tasks/1/items", json!("fire.exits"), "tasks[1].items"),
        ("/tasks/1/items", json!([1]), "tasks[1].items[0]"),
        ("/tasks/0/business", json!(1), "tasks[0].business"),
        ("/horizon/workdays", json!("mon"), "horizon.workdays"),
        (
            "/horizon/holidays",
            json!([20220915]),
            "horizon.holidays[0]",
        ),
        ("/horizon/hours", json!("08:30-17:30"), "horizon.hours"),
        (
            "/inspectors/0/certified",
            json!(1),
            "inspectors[0].certified",
        ),
        (
            "/inspectors/0/acts_for",
            json!("market"),
            "inspectors[0].acts_for",
        ),
        (
            "/businesses/0/location/x",
            json!("1.2"),
            "businesses[0].location.x",
        ),
        (
            "/businesses/0/location",
            json!([1.2, 3.4]),
            "businesses[0].location",
        ),
        ("/businesses/0/tags", json!({"a": 1}), "businesses[0].tags"),
        ("/travel/speed_kmh", json!("30"), "travel.speed_kmh"),
        ("/travel/links", json!({}), "travel.links"),
        ("/rules", json!([]), "rules"),
        (
            "/rules/incompatible",
            json!([["fire"]]),
            "rules.incompatible[0]",
        ),
        (
            "/rules/incompatible",
            json!(["fire"]),
            "rules.incompatible[0]",
        ),
        ("/tasks", json!({}), "tasks"),
        ("/name", json!(7), "name"),
        ("/version", json!("1"), "version"),
        ("/places/0/id", json!(3), "places[0].id"),
    ];
    for (ptr, value, place) in cases {
        let e = err(&with(full(), ptr, value.clone()));
        let expected = if *ptr == "/rules/incompatible" && value == &json!([["fire"]]) {
            ProblemKind::Invalid // an array, but not a pair
        } else {
            ProblemKind::Type
        };
        assert_problem(&e, place, expected);
    }
}

#[test]
fn the_root_must_be_an_object() {
    let e = err_text("[1, 2]");
    assert_problem(&e, "", ProblemKind::Type);
    assert_eq!(e.problems.len(), 1);
}

#[test]
fn integers_written_with_a_fraction_are_type_errors() {
    for (ptr, value, place) in [
        ("/tasks/0/minutes", json!(20.0), "tasks[0].minutes"),
        ("/tasks/0/priority", json!(3.0), "tasks[0].priority"),
        ("/tasks/0/officers", json!(1.0), "tasks[0].officers"),
        (
            "/rules/min_certified_per_visit",
            json!(2.0),
            "rules.min_certified_per_visit",
        ),
        (
            "/rules/visit_overhead_minutes",
            json!(15.0),
            "rules.visit_overhead_minutes",
        ),
        (
            "/businesses/0/max_visits",
            json!(1.0),
            "businesses[0].max_visits",
        ),
        (
            "/inspectors/0/max_visits_per_day",
            json!(6.0),
            "inspectors[0].max_visits_per_day",
        ),
        (
            "/travel/links/0/minutes",
            json!(35.0),
            "travel.links[0].minutes",
        ),
        ("/version", json!(1.0), "version"),
    ] {
        let e = assert_only(&with(full(), ptr, value), place, ProblemKind::Type);
        assert!(e.problems[0].message.contains("decimal point"), "{e}");
    }
    // Real fractions are type errors too.
    assert_only(
        &with(full(), "/tasks/0/minutes", json!(20.5)),
        "tasks[0].minutes",
        ProblemKind::Type,
    );
    // Numbers that are not counts may have fractions.
    ok(&with(full(), "/travel/speed_kmh", json!(27.5)));
    ok(&with(full(), "/travel/detour", json!(1)));
}

// ---------------------------------------------------------------------------------------
// Unknown fields

#[test]
fn unknown_fields_are_errors_at_every_level() {
    let cases = [
        ("", "nmae", "nmae"),
        ("/horizon", "holiday", "horizon.holiday"),
        ("/horizon/hours", "finish", "horizon.hours.finish"),
        ("/rules", "min_certified", "rules.min_certified"),
        ("/travel", "speed", "travel.speed"),
        ("/travel/links/0", "mins", "travel.links[0].mins"),
        ("/places/0", "zome", "places[0].zome"),
        ("/places/0/location", "z", "places[0].location.z"),
        ("/departments/1", "label", "departments[1].label"),
        ("/inspectors/0", "certifed", "inspectors[0].certifed"),
        ("/businesses/0", "opening", "businesses[0].opening"),
        ("/businesses/0/open", "day", "businesses[0].open.day"),
        (
            "/businesses/0/open/hours",
            "stop",
            "businesses[0].open.hours.stop",
        ),
        ("/tasks/2", "prority", "tasks[2].prority"),
        ("/tasks/0/pinned", "time", "tasks[0].pinned.time"),
    ];
    for (object, key, place) in cases {
        let v = with(full(), &format!("{object}/{key}"), json!(1));
        assert_only(&v, place, ProblemKind::UnknownField);
    }
}

#[test]
fn unknown_fields_suggest_the_nearest_known_one() {
    let e = assert_only(
        &with(full(), "/tasks/2/prority", json!(2)),
        "tasks[2].prority",
        ProblemKind::UnknownField,
    );
    assert!(
        e.problems[0].message.contains("did you mean \"priority\""),
        "{e}"
    );
    let e = err(&with(full(), "/horizon/workday", json!(["mon"])));
    assert!(
        e.problems[0].message.contains("did you mean \"workdays\""),
        "{e}"
    );
    // No far-fetched guesses.
    let e = err(&with(full(), "/tasks/2/colour", json!("red")));
    assert!(!e.problems[0].message.contains("did you mean"), "{e}");
    assert!(e.problems[0].message.contains("known fields"), "{e}");
}

#[test]
fn a_location_mixing_both_forms_is_an_error() {
    let v = with(full(), "/places/0/location/lat", json!(30.0));
    let e = err(&v);
    assert!(
        e.at("places[0].location.x") || e.at("places[0].location.lat"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------
// Ids and references

#[test]
fn duplicate_ids_are_errors() {
    let cases = [
        ("/places/1/id", "hq", "places[1].id"),
        ("/departments/1/id", "fire", "departments[1].id"),
        ("/inspectors/1/id", "F1", "inspectors[1].id"),
        ("/businesses/1/id", "B1", "businesses[1].id"),
        ("/tasks/2/id", "T1", "tasks[2].id"),
    ];
    for (ptr, id, place) in cases {
        let e = err(&with(full(), ptr, json!(id)));
        assert_problem(&e, place, ProblemKind::DuplicateId);
        assert!(e.problems[0].message.contains(id), "{e}");
    }
}

#[test]
fn a_business_id_equal_to_a_place_id_is_a_duplicate() {
    // Places and businesses share one id space (the travel graph's nodes).
    let mut v = full();
    set(&mut v, "/businesses/1/id", json!("pier"));
    set(&mut v, "/tasks/2/business", json!("B1"));
    set(&mut v, "/travel/links/0/to", json!("hq"));
    let e = assert_only(&v, "businesses[1].id", ProblemKind::DuplicateId);
    assert!(e.problems[0].message.contains("places[1].id"), "{e}");
}

#[test]
fn ids_must_not_be_empty() {
    assert_problem(
        &err(&with(full(), "/departments/2/id", json!(""))),
        "departments[2].id",
        ProblemKind::Invalid,
    );
}

#[test]
fn dangling_references_are_errors() {
    let cases: &[(&str, Value, &str)] = &[
        ("/tasks/1/department", json!("tax"), "tasks[1].department"),
        ("/tasks/1/business", json!("B9"), "tasks[1].business"),
        ("/inspectors/0/base", json!("nowhere"), "inspectors[0].base"),
        (
            "/inspectors/1/department",
            json!("tax"),
            "inspectors[1].department",
        ),
        (
            "/inspectors/0/acts_for",
            json!(["market", "tax"]),
            "inspectors[0].acts_for[1]",
        ),
        (
            "/rules/incompatible",
            json!([["fire", "tax"]]),
            "rules.incompatible[0][1]",
        ),
        (
            "/inspectors/0/recuse",
            json!(["B9"]),
            "inspectors[0].recuse[0]",
        ),
        (
            "/travel/links/0/from",
            json!("ferry"),
            "travel.links[0].from",
        ),
        ("/travel/links/0/to", json!("ferry"), "travel.links[0].to"),
    ];
    for (ptr, value, place) in cases {
        assert_only(
            &with(full(), ptr, value.clone()),
            place,
            ProblemKind::Dangling,
        );
    }
}

#[test]
fn a_task_or_recusal_naming_a_place_is_dangling_with_a_hint() {
    let e = assert_only(
        &with(full(), "/tasks/1/business", json!("hq")),
        "tasks[1].business",
        ProblemKind::Dangling,
    );
    assert!(e.problems[0].message.contains("is a place"), "{e}");
    assert_only(
        &with(full(), "/inspectors/0/recuse", json!(["pier"])),
        "inspectors[0].recuse[0]",
        ProblemKind::Dangling,
    );
    // A base may be a business, and a link may end at a business.
    ok(&with(full(), "/inspectors/1/base", json!("B1")));
}

#[test]
fn a_reference_to_an_entity_with_other_problems_is_not_dangling() {
    // B1 has a bad field; tasks naming B1 must not be reported as dangling as well.
    let e = assert_only(
        &with(full(), "/businesses/0/max_visits", json!(-1)),
        "businesses[0].max_visits",
        ProblemKind::Invalid,
    );
    assert!(!e.has(ProblemKind::Dangling));
}

#[test]
fn a_department_cannot_be_incompatible_with_itself() {
    assert_only(
        &with(full(), "/rules/incompatible", json!([["fire", "fire"]])),
        "rules.incompatible[0]",
        ProblemKind::Invalid,
    );
}

// ---------------------------------------------------------------------------------------
// Dates, times and ranges

#[test]
fn pinned_date_outside_the_horizon_is_an_error() {
    for date in ["2022-09-11", "2022-09-17"] {
        assert_only(
            &with(full(), "/tasks/0/pinned/date", json!(date)),
            "tasks[0].pinned.date",
            ProblemKind::Invalid,
        );
    }
    // On the horizon's first and last date it is fine (even if not a valid date).
    ok(&with(full(), "/tasks/0/pinned/date", json!("2022-09-12")));
    ok(&with(full(), "/tasks/0/pinned/date", json!("2022-09-16")));
}

#[test]
fn other_dates_may_lie_outside_the_horizon() {
    let mut v = full();
    set(&mut v, "/tasks/1/earliest", json!("2022-09-19"));
    set(&mut v, "/tasks/1/latest", json!("2022-09-20"));
    set(&mut v, "/tasks/2/latest", json!("2022-09-01"));
    set(&mut v, "/horizon/holidays", json!(["2021-01-01"]));
    set(&mut v, "/businesses/0/closed", json!(["2030-01-01"]));
    set(&mut v, "/inspectors/1/unavailable", json!(["2000-02-29"]));
    let s = ok(&v);
    // Those tasks simply have no valid date.
    assert!(s.valid_dates(onedoor_core::ids::TaskIdx::new(1)).is_empty());
    assert!(s.valid_dates(onedoor_core::ids::TaskIdx::new(2)).is_empty());
}

#[test]
fn latest_before_earliest_is_an_error() {
    let mut v = full();
    set(&mut v, "/tasks/1/earliest", json!("2022-09-14"));
    set(&mut v, "/tasks/1/latest", json!("2022-09-13"));
    assert_only(&v, "tasks[1].latest", ProblemKind::Invalid);
    // One day is fine.
    set(&mut v, "/tasks/1/latest", json!("2022-09-14"));
    ok(&v);
}

#[test]
fn an_hours_end_must_be_after_its_start() {
    for (ptr, end, place) in [
        ("/horizon/hours/end", "08:30", "horizon.hours.end"),
        ("/horizon/hours/end", "08:00", "horizon.hours.end"),
        (
            "/businesses/0/open/hours/end",
            "09:00",
            "businesses[0].open.hours.end",
        ),
        (
            "/businesses/0/open/hours/end",
            "00:00",
            "businesses[0].open.hours.end",
        ),
    ] {
        assert_only(&with(full(), ptr, json!(end)), place, ProblemKind::Invalid);
    }
    ok(&with(
        full(),
        "/horizon/hours",
        json!({"start": "00:00", "end": "23:59"}),
    ));
}

#[test]
fn an_hours_object_needs_both_ends() {
    assert_only(
        &without(full(), "/horizon/hours/start"),
        "horizon.hours.start",
        ProblemKind::Missing,
    );
    assert_only(
        &without(full(), "/businesses/0/open/hours/end"),
        "businesses[0].open.hours.end",
        ProblemKind::Missing,
    );
}

#[test]
fn horizon_end_before_start_is_an_error() {
    assert_only(
        &with(full(), "/horizon/end", json!("2022-09-11")),
        "horizon.end",
        ProblemKind::Invalid,
    );
}

#[test]
fn a_one_day_horizon_is_allowed() {
    let mut v = with(full(), "/horizon/end", json!("2022-09-12"));
    set(&mut v, "/tasks/0/pinned/date", json!("2022-09-12"));
    let s = ok(&v);
    assert_eq!(s.horizon.working_dates().len(), 1);
}

#[test]
fn mixed_location_forms_are_an_error() {
    let v = with(
        full(),
        "/businesses/1/location",
        json!({"lat": 30.0, "lon": 122.1}),
    );
    let e = assert_only(&v, "businesses[1].location", ProblemKind::MixedLocations);
    assert!(e.problems[0].message.contains("places[0].location"), "{e}");
    // One form throughout is fine, either way.
    let mut geo = full();
    for ptr in [
        "/places/0/location",
        "/places/1/location",
        "/businesses/0/location",
        "/businesses/1/location",
    ] {
        set(&mut geo, ptr, json!({"lat": 30.0, "lon": 122.1}));
    }
    ok(&geo);
}

#[test]
fn latitude_and_longitude_must_be_in_range() {
    let mut geo = minimal();
    for ptr in [
        "/places/0/location",
        "/businesses/0/location",
        "/businesses/1/location",
    ] {
        set(&mut geo, ptr, json!({"lat": 30.0, "lon": 122.1}));
    }
    ok(&geo);
    assert_only(
        &with(geo.clone(), "/businesses/0/location/lat", json!(90.5)),
        "businesses[0].location.lat",
        ProblemKind::Invalid,
    );
    assert_only(
        &with(geo.clone(), "/places/0/location/lon", json!(-180.5)),
        "places[0].location.lon",
        ProblemKind::Invalid,
    );
    ok(&with(geo, "/places/0/location/lon", json!(-180)));
}

#[test]
fn speed_must_be_positive() {
    for speed in [json!(0), json!(0.0), json!(-5)] {
        assert_only(
            &with(full(), "/travel/speed_kmh", speed),
            "travel.speed_kmh",
            ProblemKind::Invalid,
        );
    }
}

#[test]
fn detour_may_be_zero_but_not_negative() {
    ok(&with(full(), "/travel/detour", json!(0)));
    assert_only(
        &with(full(), "/travel/detour", json!(-0.5)),
        "travel.detour",
        ProblemKind::Invalid,
    );
}

#[test]
fn negative_minutes_and_counts_are_errors() {
    for (ptr, place) in [
        ("/tasks/0/minutes", "tasks[0].minutes"),
        ("/travel/links/0/minutes", "travel.links[0].minutes"),
        (
            "/rules/visit_overhead_minutes",
            "rules.visit_overhead_minutes",
        ),
        ("/rules/max_visit_minutes", "rules.max_visit_minutes"),
        (
            "/rules/min_certified_per_visit",
            "rules.min_certified_per_visit",
        ),
        (
            "/rules/max_departments_per_visit",
            "rules.max_departments_per_visit",
        ),
        ("/businesses/0/max_visits", "businesses[0].max_visits"),
        (
            "/inspectors/0/max_visits_per_day",
            "inspectors[0].max_visits_per_day",
        ),
        ("/tasks/0/officers", "tasks[0].officers"),
    ] {
        assert_only(&with(full(), ptr, json!(-1)), place, ProblemKind::Invalid);
    }
    ok(&with(full(), "/tasks/0/minutes", json!(0)));
}

#[test]
fn priority_must_be_from_1_to_1000() {
    for p in [0, 1001, -3] {
        let e = assert_only(
            &with(full(), "/tasks/2/priority", json!(p)),
            "tasks[2].priority",
            ProblemKind::Invalid,
        );
        assert!(e.problems[0].message.contains("1 to 1000"), "{e}");
    }
    for p in [1, 1000] {
        let s = ok(&with(full(), "/tasks/2/priority", json!(p)));
        assert_eq!(s.tasks[2].priority, p);
    }
}

#[test]
fn only_version_1_is_read() {
    for v in [2, 0] {
        assert_only(
            &with(full(), "/version", json!(v)),
            "version",
            ProblemKind::Version,
        );
    }
    assert_eq!(ok(&with(full(), "/version", json!(1))).version, 1);
}

#[test]
fn bad_date_time_and_weekday_strings_are_errors() {
    let cases: &[(&str, Value, &str)] = &[
        ("/horizon/start", json!("2022-9-12"), "horizon.start"),
        ("/horizon/end", json!("2022-02-30"), "horizon.end"),
        ("/horizon/end", json!("16.09.2022"), "horizon.end"),
        (
            "/horizon/holidays",
            json!(["2022-09-15", "mid-autumn"]),
            "horizon.holidays[1]",
        ),
        ("/horizon/hours/start", json!("8.30"), "horizon.hours.start"),
        ("/horizon/hours/end", json!("24:00"), "horizon.hours.end"),
        ("/horizon/hours/end", json!("17:60"), "horizon.hours.end"),
        (
            "/horizon/workdays",
            json!(["mon", "Tue"]),
            "horizon.workdays[1]",
        ),
        (
            "/businesses/0/open/days",
            json!(["monday"]),
            "businesses[0].open.days[0]",
        ),
        (
            "/businesses/0/open/hours/start",
            json!("9am"),
            "businesses[0].open.hours.start",
        ),
        (
            "/businesses/0/closed",
            json!(["2022-09-32"]),
            "businesses[0].closed[0]",
        ),
        (
            "/inspectors/0/unavailable",
            json!(["13/09/2022"]),
            "inspectors[0].unavailable[0]",
        ),
        ("/tasks/0/earliest", json!("2022-09-1"), "tasks[0].earliest"),
        ("/tasks/0/latest", json!(""), "tasks[0].latest"),
        (
            "/tasks/0/pinned/date",
            json!("tomorrow"),
            "tasks[0].pinned.date",
        ),
        (
            "/tasks/0/pinned/start",
            json!("25:00"),
            "tasks[0].pinned.start",
        ),
    ];
    for (ptr, value, place) in cases {
        assert_only(
            &with(full(), ptr, value.clone()),
            place,
            ProblemKind::Invalid,
        );
    }
}

#[test]
fn missing_required_fields_are_errors() {
    let cases = [
        ("/horizon/start", "horizon.start"),
        ("/horizon/end", "horizon.end"),
        ("/tasks/1/minutes", "tasks[1].minutes"),
        ("/tasks/1/id", "tasks[1].id"),
        ("/tasks/1/department", "tasks[1].department"),
        ("/tasks/1/business", "tasks[1].business"),
        ("/inspectors/1/base", "inspectors[1].base"),
        ("/inspectors/1/department", "inspectors[1].department"),
        ("/places/0/location", "places[0].location"),
        ("/businesses/1/location", "businesses[1].location"),
        ("/businesses/1/location/y", "businesses[1].location.y"),
        ("/travel/links/0/minutes", "travel.links[0].minutes"),
        ("/tasks/0/pinned/date", "tasks[0].pinned.date"),
        ("/departments/0/id", "departments[0].id"),
    ];
    for (ptr, place) in cases {
        let e = err(&without(full(), ptr));
        assert_problem(&e, place, ProblemKind::Missing);
    }
    assert_only(
        &without(full(), "/horizon"),
        "horizon",
        ProblemKind::Missing,
    );
}

#[test]
fn null_for_a_required_field_is_missing() {
    assert_only(
        &with(full(), "/tasks/1/minutes", Value::Null),
        "tasks[1].minutes",
        ProblemKind::Missing,
    );
    assert_only(
        &with(full(), "/inspectors/0/base", Value::Null),
        "inspectors[0].base",
        ProblemKind::Missing,
    );
}

// ---------------------------------------------------------------------------------------
// All problems at once

#[test]
fn every_problem_of_a_file_is_reported_together() {
    let mut v = full();
    set(&mut v, "/version", json!(2));
    set(&mut v, "/horizon/hours/end", json!("07:00"));
    set(&mut v, "/rules/visit_overhead_minutes", json!(15.0));
    set(&mut v, "/travel/speed_kmh", json!(0));
    set(&mut v, "/travel/links/0/to", json!("ferry"));
    set(&mut v, "/places/1/zome", json!("x"));
    set(&mut v, "/inspectors/2/id", json!("F1"));
    set(&mut v, "/inspectors/1/base", json!("nowhere"));
    set(
        &mut v,
        "/businesses/1/location",
        json!({"lat": 30.0, "lon": 122.0}),
    );
    set(&mut v, "/tasks/0/priority", json!(0));
    set(&mut v, "/tasks/1/business", json!("B9"));
    remove(&mut v, "/tasks/2/minutes");
    let e = err(&v);
    let expected = [
        ("version", ProblemKind::Version),
        ("horizon.hours.end", ProblemKind::Invalid),
        ("rules.visit_overhead_minutes", ProblemKind::Type),
        ("travel.speed_kmh", ProblemKind::Invalid),
        ("travel.links[0].to", ProblemKind::Dangling),
        ("places[1].zome", ProblemKind::UnknownField),
        ("inspectors[2].id", ProblemKind::DuplicateId),
        ("inspectors[1].base", ProblemKind::Dangling),
        ("businesses[1].location", ProblemKind::MixedLocations),
        ("tasks[0].priority", ProblemKind::Invalid),
        ("tasks[1].business", ProblemKind::Dangling),
        ("tasks[2].minutes", ProblemKind::Missing),
    ];
    for (place, kind) in expected {
        assert_problem(&e, place, kind);
    }
    assert_eq!(e.problems.len(), expected.len(), "{e}");
    // The message lists every problem with its place and code.
    let text = e.to_string();
    assert!(text.starts_with("file: 12 problems"), "{text}");
    assert!(text.contains("tasks[1].business: unknown business \"B9\" [unknown-id]"));
}

#[test]
fn problems_in_every_element_of_a_list_are_reported() {
    let mut v = full();
    for i in 0..3 {
        set(&mut v, &format!("/tasks/{i}/minutes"), json!(-1));
    }
    let e = err(&v);
    assert_eq!(e.problems.len(), 3, "{e}");
    for i in 0..3 {
        assert_problem(&e, &format!("tasks[{i}].minutes"), ProblemKind::Invalid);
    }
}

// ---------------------------------------------------------------------------------------
// Defaults

fn hm(h: u32, m: u32) -> Clock {
    Clock(h * 60 + m)
}

#[test]
fn a_minimal_scenario_gets_every_default() {
    let s = ok(&minimal());
    assert_eq!(s.version, 1);
    assert_eq!(s.name, "");

    let h = &s.horizon;
    assert_eq!(h.workdays, WeekdaySet::WORKWEEK);
    assert!(h.holidays.is_empty());
    let default_hours = Hours {
        start: hm(8, 30),
        end: hm(17, 30),
    };
    assert_eq!(h.hours, default_hours);

    let r = &s.rules;
    assert_eq!(r.min_certified_per_visit, 2);
    assert_eq!(r.visit_overhead_minutes, 15);
    assert_eq!(r.max_visit_minutes, None);
    assert_eq!(r.max_departments_per_visit, None);
    assert!(r.incompatible.is_empty());

    assert_eq!(s.travel.speed_kmh, 30.0);
    assert_eq!(s.travel.detour, 1.3);
    assert!(s.travel.links.is_empty());

    let p = &s.places[0];
    assert_eq!((p.name.as_str(), p.zone.as_str()), ("hq", "main"));
    assert_eq!(p.location, Location::Planar { x: 0.0, y: 0.0 });
    assert_eq!(s.departments[0].name, "fire");

    for i in &s.inspectors {
        assert_eq!(i.name, i.id);
        assert!(i.certified);
        assert!(i.acts_for.is_empty());
        assert!(i.unavailable.is_empty());
        assert_eq!(i.max_visits_per_day, None);
        assert!(i.recuse.is_empty());
    }

    for b in &s.businesses {
        assert_eq!(b.name, b.id);
        assert_eq!(b.town, "");
        assert_eq!(b.zone, "main");
        assert_eq!(b.open_hours, default_hours);
        assert!(b.closed.is_empty());
        assert_eq!(b.max_visits, None);
        assert!(b.tags.is_empty());
    }

    for (i, t) in s.tasks.iter().enumerate() {
        assert_eq!(t.earliest, h.start);
        assert_eq!(t.latest, h.end);
        assert_eq!(t.priority, 1);
        assert!(t.joinable);
        assert_eq!(t.officers, 1);
        assert!(t.items.is_empty());
        assert_eq!(t.pinned, None);
        // business.open defaults to every workday: a task's valid dates are exactly the
        // horizon's working dates (Mon 12th to Fri 16th; the weekend is not a workday).
        let dates = s.valid_dates(onedoor_core::ids::TaskIdx::new(i));
        assert_eq!(dates, h.working_dates());
        assert_eq!(dates.len(), 5);
    }
}

#[test]
fn default_open_days_follow_the_horizon_workdays() {
    // With a six-day week, a business without `open` can be visited on all six days.
    let mut v = minimal();
    set(
        &mut v,
        "/horizon/workdays",
        json!(["mon", "tue", "wed", "thu", "fri", "sat"]),
    );
    let s = ok(&v);
    let dates = s.valid_dates(onedoor_core::ids::TaskIdx::new(0));
    assert_eq!(dates.len(), 6);
    assert_eq!(dates, s.horizon.working_dates());
}

#[test]
fn default_open_hours_are_the_horizon_hours() {
    let mut v = minimal();
    set(
        &mut v,
        "/horizon/hours",
        json!({"start": "9:00", "end": "16:00"}),
    );
    let s = ok(&v);
    let expected = Hours {
        start: hm(9, 0),
        end: hm(16, 0),
    };
    assert_eq!(s.horizon.hours, expected);
    assert_eq!(s.businesses[0].open_hours, expected);
}

#[test]
fn open_days_and_hours_default_separately() {
    let mut v = minimal();
    set(
        &mut v,
        "/businesses/0/open",
        json!({"days": ["mon", "wed"]}),
    );
    set(
        &mut v,
        "/businesses/1/open",
        json!({"hours": {"start": "10:00", "end": "14:00"}}),
    );
    let s = ok(&v);
    assert_eq!(
        s.businesses[0].open_hours,
        Hours {
            start: hm(8, 30),
            end: hm(17, 30)
        }
    );
    assert_eq!(s.valid_dates(onedoor_core::ids::TaskIdx::new(0)).len(), 2);
    assert_eq!(
        s.businesses[1].open_hours,
        Hours {
            start: hm(10, 0),
            end: hm(14, 0)
        }
    );
    assert_eq!(s.valid_dates(onedoor_core::ids::TaskIdx::new(1)).len(), 5);
}

#[test]
fn null_means_use_the_default() {
    let mut v = minimal();
    let nulls = [
        "/version",
        "/name",
        "/horizon/workdays",
        "/horizon/holidays",
        "/horizon/hours",
        "/rules",
        "/travel",
        "/places/0/name",
        "/places/0/zone",
        "/departments/0/name",
        "/inspectors/0/name",
        "/inspectors/0/certified",
        "/inspectors/0/acts_for",
        "/inspectors/0/unavailable",
        "/inspectors/0/max_visits_per_day",
        "/inspectors/0/recuse",
        "/businesses/0/name",
        "/businesses/0/town",
        "/businesses/0/zone",
        "/businesses/0/open",
        "/businesses/0/closed",
        "/businesses/0/max_visits",
        "/businesses/0/tags",
        "/tasks/0/earliest",
        "/tasks/0/latest",
        "/tasks/0/priority",
        "/tasks/0/joinable",
        "/tasks/0/officers",
        "/tasks/0/items",
        "/tasks/0/pinned",
    ];
    for ptr in nulls {
        set(&mut v, ptr, Value::Null);
    }
    let (a, b) = (ok(&v), ok(&minimal()));
    // (The id index holds hash maps, whose debug output has no fixed order.)
    let fields = |s: &Scenario| {
        format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            s.version,
            s.name,
            s.horizon,
            s.rules,
            s.travel,
            s.places,
            s.departments,
            s.inspectors,
            s.businesses,
            s.tasks
        )
    };
    assert_eq!(fields(&a), fields(&b));

    // Null inside rules, travel and open objects too.
    let mut v = minimal();
    set(
        &mut v,
        "/rules",
        json!({"min_certified_per_visit": null, "visit_overhead_minutes": null,
               "max_visit_minutes": null, "max_departments_per_visit": null,
               "incompatible": null}),
    );
    set(
        &mut v,
        "/travel",
        json!({"speed_kmh": null, "detour": null, "links": null}),
    );
    set(
        &mut v,
        "/businesses/0/open",
        json!({"days": null, "hours": null}),
    );
    set(
        &mut v,
        "/tasks/0/pinned",
        json!({"date": "2022-09-13", "start": null}),
    );
    let s = ok(&v);
    assert_eq!(s.rules.min_certified_per_visit, 2);
    assert_eq!(s.travel.speed_kmh, 30.0);
    assert_eq!(s.tasks[0].pinned.and_then(|p| p.start), None);
}

// ---------------------------------------------------------------------------------------
// Choices where the format is silent

#[test]
fn spec_silent_choices() {
    // One-digit hours are accepted.
    let s = ok(&with(
        full(),
        "/horizon/hours",
        json!({"start": "8:00", "end": "17:30"}),
    ));
    assert_eq!(s.horizon.hours.start, hm(8, 0));
    // A task may need no officers of its own department.
    assert_eq!(
        ok(&with(full(), "/tasks/1/officers", json!(0))).tasks[1].officers,
        0
    );
    // Counts may be zero.
    ok(&with(full(), "/rules/min_certified_per_visit", json!(0)));
    ok(&with(full(), "/businesses/0/max_visits", json!(0)));
    // Empty lists are fine.
    let mut v = minimal();
    set(&mut v, "/tasks", json!([]));
    set(&mut v, "/inspectors", json!([]));
    ok(&v);
    // The name is informative and may be anything, including Chinese text.
    assert_eq!(
        ok(&with(full(), "/name", json!("定海区 第37周"))).name,
        "定海区 第37周"
    );
    // Explicit names are kept.
    assert_eq!(ok(&full()).inspectors[0].name, "F one");
}

// ---------------------------------------------------------------------------------------
// Command line: exit code 2 and nothing written

fn bad_scenario(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("bad.json");
    let v = with(full(), "/tasks/1/business", json!("B9"));
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn cli_stats_on_a_bad_file_exits_2_and_names_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_scenario(dir.path());
    let out = run([OsStr::new("stats"), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("tasks[1].business"), "{stderr}");
    assert!(stderr.contains("B9"), "{stderr}");
}

#[test]
fn cli_stats_on_malformed_json_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"horizon\": {\n").unwrap();
    let out = run([OsStr::new("stats"), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line"), "{stderr}");
}

#[test]
fn cli_stats_on_a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run([
        OsStr::new("stats"),
        dir.path().join("nope.json").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cli_check_with_a_bad_scenario_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_scenario(dir.path());
    let plan = dir.path().join("plan.json");
    std::fs::write(
        &plan,
        r#"{"version": 1, "scenario": "", "visits": [], "unscheduled": [], "stats": {}}"#,
    )
    .unwrap();
    let out = run([OsStr::new("check"), bad.as_os_str(), plan.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("tasks[1].business"), "{stderr}");
}

#[test]
fn cli_plan_with_a_bad_scenario_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_scenario(dir.path());
    let out_path = dir.path().join("out.json");

    let out = run([
        OsStr::new("plan"),
        bad.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_path.exists(), "a plan was written for a bad scenario");
    assert!(String::from_utf8_lossy(&out.stderr).contains("tasks[1].business"));

    // An existing plan stays byte for byte as it was.
    let before = b"{\"previous\": \"plan\"}\n".to_vec();
    std::fs::write(&out_path, &before).unwrap();
    let out = run([
        OsStr::new("plan"),
        bad.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
        OsStr::new("--json"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "no plan JSON on stdout for a bad scenario"
    );
    assert_eq!(std::fs::read(&out_path).unwrap(), before);
    // No temporary file is left behind either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

// ---------------------------------------------------------------------------------------
// What people are told (docs/format.md, "What people are told")

#[test]
fn handout_fields_are_read_with_their_defaults() {
    let mut v = minimal();
    v["notice"] = json!({
        "issuer": "舟山市定海区综合行政执法局", "contact": "王科长", "phone": "0580-2021234",
        "legal_basis": "《浙江省综合行政执法条例》第十九条", "number_prefix": "定综执检告〔2022〕"
    });
    v["items"] = json!([
        {"id": "fire.exits", "name": "疏散通道、安全出口是否畅通", "prepare": "消防设施维护保养记录"},
        {"id": "bare"}
    ]);
    v["inspectors"][0]["certificate"] = json!("33090012345");
    v["businesses"][0]["address"] = json!("定海区环城南路1号");
    v["businesses"][0]["contact"] = json!("李经理");
    v["businesses"][0]["phone"] = json!("13800000000");
    v["tasks"][0]["joinable"] = json!(false);
    v["tasks"][1]["joinable"] = json!(false);
    v["tasks"][1]["announced"] = json!(true);
    let s = ok(&v);
    assert_eq!(
        s.notice.issuer.as_deref(),
        Some("舟山市定海区综合行政执法局")
    );
    assert_eq!(
        s.notice.number_prefix.as_deref(),
        Some("定综执检告〔2022〕")
    );
    // 2022-09-12 is a Monday: the default issue date is the Friday before.
    assert_eq!(s.issued().to_string(), "2022-09-09");
    assert_eq!(
        s.item("fire.exits").map(|i| i.name.as_str()),
        Some("疏散通道、安全出口是否畅通")
    );
    assert_eq!(s.item("bare").map(|i| i.name.as_str()), Some("bare"));
    assert!(s.item("unknown").is_none());
    assert_eq!(s.inspectors[0].certificate.as_deref(), Some("33090012345"));
    assert_eq!(s.inspectors[1].certificate, None);
    assert_eq!(
        s.businesses[0].address.as_deref(),
        Some("定海区环城南路1号")
    );
    assert_eq!(s.businesses[1].phone, None);
    // `announced` defaults to `joinable`.
    assert!(!s.tasks[0].announced);
    assert!(s.tasks[1].announced);
    assert!(ok(&minimal()).tasks.iter().all(|t| t.announced));
    // An explicit issue date wins.
    let s = ok(&with(v, "/notice/issued", json!("2022-09-01")));
    assert_eq!(s.issued().to_string(), "2022-09-01");
}

#[test]
fn handout_fields_are_checked() {
    assert_only(
        &with(minimal(), "/notice", json!({"isuer": "x"})),
        "notice.isuer",
        ProblemKind::UnknownField,
    );
    assert_only(
        &with(minimal(), "/items", json!([{"id": "a"}, {"id": "a"}])),
        "items[1].id",
        ProblemKind::DuplicateId,
    );
    assert_only(
        &with(minimal(), "/tasks/0/announced", json!("no")),
        "tasks[0].announced",
        ProblemKind::Type,
    );
    assert_only(
        &with(minimal(), "/notice", json!({"issued": "9/8"})),
        "notice.issued",
        ProblemKind::Invalid,
    );
}

#[test]
fn ids_with_invisible_or_control_characters_are_refused() {
    for bad in ["B1\u{0}", "B\u{202E}1", "B1\u{200B}", "B\n1", "\u{FEFF}B1"] {
        let mut v = minimal();
        v["businesses"][0]["id"] = json!(bad);
        v["tasks"][0]["business"] = json!(bad);
        let e = err(&v);
        assert_problem(&e, "businesses[0].id", ProblemKind::Invalid);
        assert!(e.to_string().contains("U+"), "{e}");
    }
}
