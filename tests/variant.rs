//! What-if variants and command-line shortcuts (`onedoor_core::variant`): every operation of a
//! variant file, chains of variants, and every error with its place.
//!
//! Each test copies `scenarios/tiny.json` into a temporary directory as `base.json` and
//! writes its variant files next to it.

use crate::common;

use onedoor_core::json::Json;
use onedoor_core::variant::{load, Loaded, Shortcuts};
use onedoor_core::{InputError, ProblemKind};
use serde_json::{json, Value};
use std::path::PathBuf;
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// Helpers

/// A temporary directory holding `base.json`, a copy of `scenarios/tiny.json`.
fn setup() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let tiny = common::repo("scenarios/tiny.json");
    std::fs::copy(tiny, dir.path().join("base.json")).expect("copy tiny.json");
    dir
}

fn write(dir: &TempDir, name: &str, v: Value) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("json")).expect("write");
    path
}

/// Writes a variant of `base.json` and loads it.
fn variant(v: Value) -> (TempDir, Result<Loaded, InputError>) {
    let dir = setup();
    let path = write(&dir, "variant.json", v);
    let result = load(&path, &Shortcuts::default());
    (dir, result)
}

fn ok(v: Value) -> Loaded {
    let (_dir, result) = variant(v);
    result.unwrap_or_else(|e| panic!("expected the variant to load:\n{e}"))
}

fn err(v: Value) -> InputError {
    let (_dir, result) = variant(v);
    match result {
        Ok(_) => panic!("expected an input error"),
        Err(e) => e,
    }
}

/// Loads `base.json` with shortcuts.
fn with_shortcuts(s: Shortcuts) -> Result<Loaded, InputError> {
    let dir = setup();
    load(&dir.path().join("base.json"), &s)
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_owned()).collect()
}

fn inspector_ids(l: &Loaded) -> Vec<String> {
    ids(&l.scenario.inspectors, |i| &i.id)
}

fn task_ids(l: &Loaded) -> Vec<String> {
    ids(&l.scenario.tasks, |t| &t.id)
}

fn note_with(l: &Loaded, words: &[&str]) -> bool {
    l.notes.iter().any(|n| words.iter().all(|w| n.contains(w)))
}

fn assert_problem(e: &InputError, place: &str, kind: ProblemKind, words: &[&str]) {
    let found = e
        .problems
        .iter()
        .any(|p| p.place == place && p.kind == kind && words.iter().all(|w| p.message.contains(w)));
    assert!(
        found,
        "no {kind:?} problem at {place} with {words:?} in:\n{e}"
    );
}

fn date(s: &str) -> chrono::NaiveDate {
    onedoor_core::scenario::time::parse_date(s).expect("date")
}

// ---------------------------------------------------------------------------------------
// Plain files

#[test]
fn plain_file_loads_like_load_scenario() {
    let dir = setup();
    let path = dir.path().join("base.json");
    let loaded = load(&path, &Shortcuts::default()).expect("tiny loads");
    let direct = onedoor_core::load_scenario(&path).expect("tiny loads");
    assert_eq!(loaded.scenario.name, direct.name);
    assert_eq!(loaded.scenario.tasks.len(), direct.tasks.len());
    assert!(loaded.notes.is_empty());
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(loaded.json, Json::parse(&text).expect("json"));
}

#[test]
fn plain_file_errors_are_those_of_load_scenario() {
    let dir = setup();
    let bad = write(
        &dir,
        "bad.json",
        json!({"horizon": {"start": "2022-09-12"}, "tasks": 3}),
    );
    let ours = load(&bad, &Shortcuts::default()).expect_err("invalid");
    let theirs = onedoor_core::load_scenario(&bad).expect_err("invalid");
    assert_eq!(ours.file, theirs.file);
    assert_eq!(ours.problems, theirs.problems);

    let syntax = dir.path().join("syntax.json");
    std::fs::write(&syntax, "{\"a\": 1, \"a\": 2}").expect("write");
    let ours = load(&syntax, &Shortcuts::default()).expect_err("invalid");
    let theirs = onedoor_core::load_scenario(&syntax).expect_err("invalid");
    assert_eq!(ours.problems, theirs.problems);

    let missing = dir.path().join("missing.json");
    let ours = load(&missing, &Shortcuts::default()).expect_err("missing");
    assert!(ours.has(ProblemKind::Io));
}

// ---------------------------------------------------------------------------------------
// remove

#[test]
fn removing_a_department_cascades_and_is_reported() {
    let l = ok(json!({"extends": "base.json", "remove": {"departments": ["health"]}}));
    assert!(l.scenario.departments.iter().all(|d| d.id != "health"));
    assert!(!inspector_ids(&l).contains(&"H1".to_owned()));
    let tasks = task_ids(&l);
    assert!(!tasks.contains(&"T03".to_owned()) && !tasks.contains(&"T13".to_owned()));
    let m1 = l
        .scenario
        .inspectors
        .iter()
        .find(|i| i.id == "M1")
        .expect("M1");
    assert!(m1.acts_for.is_empty(), "M1 no longer acts for health");
    assert!(l.scenario.rules.incompatible.is_empty());
    assert!(note_with(
        &l,
        &[
            "variant.json",
            "department \"health\"",
            "also removes inspector H1 and tasks T03, T13",
            "drops it from acts_for of inspector M1",
            "drops incompatible pair police/health",
        ]
    ));
}

#[test]
fn removing_a_business_cascades_and_is_reported() {
    let l = ok(json!({"extends": "base.json", "remove": {"businesses": ["B2", "B5"]}}));
    let tasks = task_ids(&l);
    for gone in ["T04", "T05", "T11", "T12"] {
        assert!(!tasks.contains(&gone.to_owned()), "{gone} removed");
    }
    assert_eq!(l.scenario.tasks.len(), 9);
    let m2 = l
        .scenario
        .inspectors
        .iter()
        .find(|i| i.id == "M2")
        .expect("M2");
    assert!(m2.recuse.is_empty());
    assert!(l.scenario.travel.links.is_empty());
    assert!(note_with(
        &l,
        &[
            "business \"B2\"",
            "tasks T04, T05",
            "recuse of inspector M2"
        ]
    ));
    assert!(note_with(
        &l,
        &["business \"B5\"", "tasks T11, T12", "link B5–pier"]
    ));
}

#[test]
fn removing_places_inspectors_and_tasks() {
    let l = ok(json!({
        "extends": "base.json",
        "remove": {"places": ["pier"], "inspectors": ["F2", "P1"], "tasks": ["T01"]}
    }));
    assert_eq!(l.scenario.places.len(), 1);
    assert_eq!(inspector_ids(&l), ["F1", "M1", "M2", "H1"]);
    assert!(!task_ids(&l).contains(&"T01".to_owned()));
    assert!(l.scenario.travel.links.is_empty());
    assert!(note_with(&l, &["place \"pier\"", "link B5–pier"]));
    // Explicit removals without cascades leave no note.
    assert_eq!(l.notes.len(), 1, "{:?}", l.notes);
}

#[test]
fn removing_a_base_needs_its_inspectors_removed_or_moved() {
    let e = err(json!({"extends": "base.json", "remove": {"places": ["town-hall"]}}));
    assert_eq!(e.file.rsplit('/').next(), Some("variant.json"));
    assert_problem(
        &e,
        "remove.places[0]",
        ProblemKind::Dangling,
        &["base of inspectors F1, F2, M1, M2, H1, P1"],
    );

    // Moving everyone to the pier with upsert makes it valid.
    let moved: Vec<Value> = ["F1", "F2", "M1", "M2", "H1", "P1"]
        .iter()
        .map(|id| {
            let dept = match &id[..1] {
                "F" => "fire",
                "M" => "market",
                "H" => "health",
                _ => "police",
            };
            json!({"id": id, "department": dept, "base": "pier"})
        })
        .collect();
    let l = ok(json!({
        "extends": "base.json",
        "remove": {"places": ["town-hall"]},
        "upsert": {"inspectors": moved}
    }));
    assert_eq!(l.scenario.places.len(), 1);
}

#[test]
fn removing_unknown_ids_names_the_place() {
    let e = err(json!({
        "extends": "base.json",
        "remove": {"inspectors": ["F1", "F2", "F99"], "places": ["B1"], "tasks": ["T01", "T77"]}
    }));
    assert_problem(
        &e,
        "remove.inspectors[2]",
        ProblemKind::Dangling,
        &["unknown inspector \"F99\""],
    );
    assert_problem(
        &e,
        "remove.places[0]",
        ProblemKind::Dangling,
        &["unknown place \"B1\"", "remove.businesses"],
    );
    assert_problem(&e, "remove.tasks[1]", ProblemKind::Dangling, &["\"T77\""]);
    assert_eq!(e.problems.len(), 3, "{e}");
    assert!(e
        .to_string()
        .contains("remove.inspectors[2]: unknown inspector \"F99\""));

    // Reported together with the other problems of the variant.
    let e = err(json!({
        "extends": "base.json",
        "remove": {"places": ["town-hall"], "inspectors": ["F99"]}
    }));
    assert!(
        e.at("remove.inspectors[0]") && e.at("remove.places[0]"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------
// upsert

#[test]
fn upsert_replaces_in_place_and_appends() {
    let l = ok(json!({
        "extends": "base.json",
        "upsert": {
            "tasks": [
                {"id": "T05", "department": "market", "business": "B2", "minutes": 90},
                {"id": "T14", "department": "health", "business": "B6", "minutes": 25}
            ],
            "businesses": [{"id": "B6", "name": "新开药店", "location": {"x": 1.0, "y": 1.0}}]
        }
    }));
    let tasks = task_ids(&l);
    assert_eq!(tasks[4], "T05", "replaced in place");
    assert_eq!(l.scenario.tasks[4].minutes, 90);
    assert_eq!(
        l.scenario.tasks[4].priority, 1,
        "the whole object is replaced"
    );
    assert_eq!(tasks.last().map(String::as_str), Some("T14"));
    assert_eq!(l.scenario.businesses.len(), 6);
    assert!(note_with(&l, &["upsert tasks", "replaces T05", "adds T14"]));
    assert!(note_with(&l, &["upsert businesses", "adds B6"]));
}

#[test]
fn upsert_problems_name_their_place() {
    let e = err(json!({
        "extends": "base.json",
        "upsert": {"tasks": [
            {"id": "T20", "department": "fire", "business": "B1", "minutes": 5},
            {"department": "fire"},
            {"id": "T20", "department": "fire", "business": "B1", "minutes": 5},
            7
        ]}
    }));
    assert_problem(&e, "upsert.tasks[1].id", ProblemKind::Missing, &["id"]);
    assert_problem(&e, "upsert.tasks[3]", ProblemKind::Type, &["object"]);

    let e = err(json!({
        "extends": "base.json",
        "upsert": {"tasks": [
            {"id": "T20", "department": "fire", "business": "B1", "minutes": 5},
            {"id": "T20", "department": "fire", "business": "B1", "minutes": 6}
        ]}
    }));
    assert_problem(
        &e,
        "upsert.tasks[1].id",
        ProblemKind::DuplicateId,
        &["upserted twice", "upsert.tasks[0]"],
    );
}

#[test]
fn upserted_objects_are_checked_by_the_loader() {
    let e = err(json!({
        "extends": "base.json",
        "upsert": {"tasks": [{"id": "T14", "department": "fire", "business": "B9", "minutes": 5}]}
    }));
    assert!(e.file.ends_with("(the scenario it gives)"), "{}", e.file);
    assert_problem(
        &e,
        "tasks[13].business",
        ProblemKind::Dangling,
        &["B9", "from upsert.tasks[0]"],
    );
}

// ---------------------------------------------------------------------------------------
// set

#[test]
fn set_is_a_merge_patch() {
    let l = ok(json!({
        "extends": "base.json",
        "set": {
            "horizon": {"holidays": ["2022-09-13"], "hours": {"end": "16:00"}},
            "rules": {"min_certified_per_visit": 3, "max_visit_minutes": null},
            "travel": {"links": []}
        }
    }));
    let h = &l.scenario.horizon;
    assert_eq!(
        h.holidays.iter().copied().collect::<Vec<_>>(),
        [date("2022-09-13")]
    );
    assert_eq!(h.hours.start.to_string(), "08:30", "kept by the merge");
    assert_eq!(h.hours.end.to_string(), "16:00");
    assert_eq!(l.scenario.rules.min_certified_per_visit, 3);
    assert_eq!(
        l.scenario.rules.max_visit_minutes, None,
        "null deletes the key"
    );
    assert_eq!(
        l.json.get("rules").and_then(|r| r.get("max_visit_minutes")),
        None
    );
    assert_eq!(l.scenario.rules.visit_overhead_minutes, 15, "untouched");
    assert!(l.scenario.travel.links.is_empty());
    assert!(note_with(
        &l,
        &[
            "horizon.holidays = [\"2022-09-13\"]",
            "horizon.hours.end = \"16:00\"",
            "rules.min_certified_per_visit = 3",
            "rules.max_visit_minutes removed",
        ]
    ));
}

#[test]
fn set_creates_missing_objects_and_rejects_other_keys() {
    let dir = setup();
    let mut base: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    base.as_object_mut().unwrap().remove("rules");
    write(&dir, "base.json", base);
    let path = write(
        &dir,
        "v.json",
        json!({"extends": "base.json", "set": {"rules": {"max_departments_per_visit": 2}}}),
    );
    let l = load(&path, &Shortcuts::default()).expect("loads");
    assert_eq!(l.scenario.rules.max_departments_per_visit, Some(2));

    let e = err(json!({"extends": "base.json", "set": {"tasks": []}}));
    assert_problem(
        &e,
        "set.tasks",
        ProblemKind::UnknownField,
        &["horizon, rules, travel"],
    );
}

// ---------------------------------------------------------------------------------------
// Names, chains, cycles, file errors

#[test]
fn names_come_from_the_variant_or_the_base() {
    let l = ok(json!({"extends": "base.json"}));
    assert_eq!(l.scenario.name, "Tiny town, week 2022-09-12 (variant)");
    assert_eq!(l.scenario.tasks.len(), 13);
    let l = ok(json!({"extends": "base.json", "name": "Without fire"}));
    assert_eq!(l.scenario.name, "Without fire");
    assert_eq!(l.json.get("name"), Some(&Json::Str("Without fire".into())));
}

#[test]
fn a_variant_of_a_variant_applies_both_in_order() {
    let dir = setup();
    std::fs::create_dir(dir.path().join("more")).expect("mkdir");
    write(
        &dir,
        "first.json",
        json!({"extends": "base.json", "name": "No F2",
               "remove": {"inspectors": ["F2"]}, "set": {"rules": {"min_certified_per_visit": 1}}}),
    );
    let second = write(
        &dir,
        "more/second.json",
        json!({"extends": "../first.json",
               "upsert": {"inspectors": [{"id": "F2", "department": "fire", "base": "pier"}]},
               "set": {"horizon": {"holidays": ["2022-09-14"]}}}),
    );
    let l = load(&second, &Shortcuts::default()).expect("chain loads");
    assert_eq!(l.scenario.name, "No F2 (variant)");
    let f2 = l.scenario.inspectors.last().expect("F2 appended");
    assert_eq!(f2.id, "F2");
    assert!(f2.unavailable.is_empty(), "the new F2 object");
    assert_eq!(
        l.scenario.rules.min_certified_per_visit, 1,
        "from first.json"
    );
    assert_eq!(l.scenario.horizon.holidays.len(), 1, "from second.json");
    assert!(note_with(
        &l,
        &["first.json: set rules.min_certified_per_visit = 1"]
    ));
    assert!(note_with(&l, &["second.json: upsert inspectors adds F2"]));
}

#[test]
fn cycles_are_errors() {
    let dir = setup();
    write(&dir, "a.json", json!({"extends": "b.json"}));
    let b = write(&dir, "b.json", json!({"extends": "a.json"}));
    let e = load(&b, &Shortcuts::default()).expect_err("cycle");
    assert_problem(
        &e,
        "extends",
        ProblemKind::Invalid,
        &["cycle", "b.json → ", "a.json → "],
    );

    let me = write(&dir, "me.json", json!({"extends": "me.json"}));
    let e = load(&me, &Shortcuts::default()).expect_err("self cycle");
    assert_problem(&e, "extends", ProblemKind::Invalid, &["cycle"]);
}

#[test]
fn a_missing_base_is_a_dangling_reference() {
    let e = err(json!({"extends": "nowhere.json"}));
    assert_problem(
        &e,
        "extends",
        ProblemKind::Dangling,
        &["nowhere.json", "does not exist"],
    );

    // Errors of a broken base name the base file.
    let dir = setup();
    write(&dir, "broken.json", json!({"tasks": []}));
    let v = write(&dir, "v.json", json!({"extends": "broken.json"}));
    let e = load(&v, &Shortcuts::default()).expect_err("broken base");
    assert!(e.file.ends_with("broken.json"), "{}", e.file);
    assert!(e.at("horizon"));
}

#[test]
fn unknown_keys_are_errors() {
    let e = err(json!({
        "extends": "base.json",
        "remvoe": {"tasks": ["T01"]},
        "upsert": {"task": []},
        "tasks": []
    }));
    assert_problem(
        &e,
        "remvoe",
        ProblemKind::UnknownField,
        &["did you mean \"remove\"?"],
    );
    assert_problem(
        &e,
        "upsert.task",
        ProblemKind::UnknownField,
        &["did you mean \"tasks\"?"],
    );
    assert_problem(&e, "tasks", ProblemKind::UnknownField, &["extends, name"]);

    let e = err(json!({"extends": "base.json", "remove": {"tasks": "T01"}, "name": 3}));
    assert_problem(&e, "remove.tasks", ProblemKind::Type, &["array"]);
    assert_problem(&e, "name", ProblemKind::Type, &["string"]);
}

// ---------------------------------------------------------------------------------------
// Shortcuts

#[test]
fn each_shortcut_changes_the_scenario_and_leaves_a_note() {
    let l = with_shortcuts(Shortcuts {
        drop_inspector: vec!["P1".into()],
        unavailable: vec!["F1:2022-09-13".into(), "F2:2022-09-14".into()],
        holiday: vec!["2022-09-12".into(), "2022-09-30".into()],
        rule: vec![
            "min_certified_per_visit=3".into(),
            "max_visit_minutes=null".into(),
            "incompatible=[[\"police\",\"market\"]]".into(),
        ],
        close: vec!["B1:2022-09-13".into()],
    })
    .expect("loads");
    let b1 = l
        .scenario
        .businesses
        .iter()
        .find(|b| b.id == "B1")
        .expect("B1");
    assert!(b1.closed.contains(&date("2022-09-13")));
    assert!(note_with(
        &l,
        &["--close B1:2022-09-13", "closed day of B1"]
    ));
    let s = &l.scenario;
    assert!(!inspector_ids(&l).contains(&"P1".to_owned()));
    let f1 = s.inspectors.iter().find(|i| i.id == "F1").expect("F1");
    assert!(f1.unavailable.contains(&date("2022-09-13")));
    assert!(s.horizon.holidays.contains(&date("2022-09-12")));
    assert_eq!(s.rules.min_certified_per_visit, 3);
    assert_eq!(s.rules.max_visit_minutes, None);
    let market = s.departments.iter().position(|d| d.id == "market");
    let police = s.departments.iter().position(|d| d.id == "police");
    assert_eq!(s.rules.incompatible.len(), 1);
    let (a, b) = s.rules.incompatible[0];
    let mut pair = [a.index(), b.index()];
    pair.sort();
    let mut want = [market.unwrap(), police.unwrap()];
    want.sort();
    assert_eq!(pair, want);

    assert!(note_with(&l, &["--drop-inspector P1", "removed"]));
    assert!(note_with(
        &l,
        &["--unavailable F1:2022-09-13", "day off for F1"]
    ));
    assert!(note_with(&l, &["--unavailable F2:2022-09-14", "already"]));
    assert!(note_with(&l, &["--holiday 2022-09-12", "now a holiday"]));
    assert!(note_with(
        &l,
        &["--holiday 2022-09-30", "outside the horizon"]
    ));
    assert!(note_with(
        &l,
        &["rules.min_certified_per_visit is now 3 (was 2)"]
    ));
    assert!(note_with(
        &l,
        &["rules.max_visit_minutes is now null (was 240)"]
    ));
    assert_eq!(l.notes.len(), 9, "{:#?}", l.notes);
}

#[test]
fn shortcuts_apply_after_the_variant() {
    let dir = setup();
    let v = write(
        &dir,
        "v.json",
        json!({"extends": "base.json", "set": {"rules": {"min_certified_per_visit": 1}},
               "upsert": {"inspectors": [{"id": "F3", "department": "fire", "base": "pier"}]}}),
    );
    let s = Shortcuts {
        rule: vec!["min_certified_per_visit=4".into()],
        unavailable: vec!["F3:2022-09-12".into()],
        ..Shortcuts::default()
    };
    let l = load(&v, &s).expect("loads");
    assert_eq!(l.scenario.rules.min_certified_per_visit, 4);
    let f3 = l
        .scenario
        .inspectors
        .iter()
        .find(|i| i.id == "F3")
        .expect("F3");
    assert_eq!(f3.unavailable.len(), 1);
    assert!(l.notes.first().is_some_and(|n| n.contains("v.json")));
    assert!(l
        .notes
        .last()
        .is_some_and(|n| n.starts_with("--unavailable")));
}

#[test]
fn bad_shortcuts_are_input_errors_with_their_place() {
    let e = with_shortcuts(Shortcuts {
        drop_inspector: vec!["X9".into()],
        unavailable: vec!["F01:2022-13-01".into(), "F1".into(), "F1:2022-02-30".into()],
        holiday: vec!["15.09.2022".into()],
        rule: vec![
            "min_certified=3".into(),
            "max_visit_minutes".into(),
            "incompatible=[[police]]".into(),
        ],
        close: vec!["B999:2022-09-13".into(), "B1".into()],
    })
    .expect_err("bad shortcuts");
    assert_problem(
        &e,
        "--close B999:2022-09-13",
        ProblemKind::Dangling,
        &["unknown business \"B999\""],
    );
    assert_problem(&e, "--close B1", ProblemKind::Invalid, &["BUSINESS:DATE"]);
    assert_eq!(e.file, "command line");
    assert_problem(
        &e,
        "--drop-inspector X9",
        ProblemKind::Dangling,
        &["\"X9\""],
    );
    assert_problem(
        &e,
        "--unavailable F01:2022-13-01",
        ProblemKind::Dangling,
        &["\"F01\""],
    );
    assert_problem(
        &e,
        "--unavailable F01:2022-13-01",
        ProblemKind::Invalid,
        &["not a date"],
    );
    assert_problem(
        &e,
        "--unavailable F1",
        ProblemKind::Invalid,
        &["INSPECTOR:DATE"],
    );
    assert_problem(
        &e,
        "--unavailable F1:2022-02-30",
        ProblemKind::Invalid,
        &["not a date"],
    );
    assert_problem(
        &e,
        "--holiday 15.09.2022",
        ProblemKind::Invalid,
        &["YYYY-MM-DD"],
    );
    assert_problem(
        &e,
        "--rule min_certified=3",
        ProblemKind::UnknownField,
        &["unknown rule \"min_certified\"", "min_certified_per_visit"],
    );
    assert_problem(
        &e,
        "--rule max_visit_minutes",
        ProblemKind::Invalid,
        &["KEY=VALUE"],
    );
    assert_problem(
        &e,
        "--rule incompatible=[[police]]",
        ProblemKind::Syntax,
        &["not JSON"],
    );
    assert_eq!(e.problems.len(), 11, "{e}");
}

#[test]
fn shortcut_values_are_checked_by_the_loader() {
    let e = with_shortcuts(Shortcuts {
        rule: vec![
            "min_certified_per_visit=-1".into(),
            "incompatible=[[\"police\",\"tax\"]]".into(),
        ],
        ..Shortcuts::default()
    })
    .expect_err("bad rule values");
    assert!(
        e.file.ends_with("with the command-line shortcuts"),
        "{}",
        e.file
    );
    assert_problem(
        &e,
        "rules.min_certified_per_visit",
        ProblemKind::Invalid,
        &["set by --rule min_certified_per_visit=-1"],
    );
    assert_problem(
        &e,
        "rules.incompatible[0][1]",
        ProblemKind::Dangling,
        &["tax", "set by --rule incompatible="],
    );
}

#[test]
fn shortcuts_is_empty() {
    assert!(Shortcuts::default().is_empty());
    let s = Shortcuts {
        holiday: vec!["2022-09-13".into()],
        ..Shortcuts::default()
    };
    assert!(!s.is_empty());
}
