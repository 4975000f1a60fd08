//! Tests of `onedoor diff` (computed by `onedoor_core::diff`, rendered by `onedoor::report`): a
//! plan against itself, the two fixture
//! plans of `scenarios/tiny.json` (worked out by hand from the files), and pairs made
//! here by editing the good plan's JSON: a visit moved to another date, a task moved to a
//! new visit, a task left out, a crew member swapped, and ids the scenario does not know.

use crate::common;

use chrono::NaiveDate;
use common::{fixture_text, good, poor, tiny};
use onedoor::report::{diff_json, diff_summary, diff_text};
use onedoor_core::diff::{diff, BusinessChange, DateChange, DayChange, InspectorChange, PlanDiff};
use onedoor_core::plan::Plan;
use serde_json::{json, Value};

fn edited(edit: impl FnOnce(&mut Value)) -> Plan {
    let mut v: Value =
        serde_json::from_str(&fixture_text("tiny-good.plan.json")).expect("fixture is JSON");
    edit(&mut v);
    Plan::parse(&v.to_string(), "edited").expect("edited plan parses")
}

/// The visit of the good plan with this id, to edit.
fn visit<'v>(plan: &'v mut Value, id: &str) -> &'v mut Value {
    plan["visits"]
        .as_array_mut()
        .and_then(|vs| vs.iter_mut().find(|v| v["id"] == id))
        .expect("visit exists")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn day(d: &str, visits_a: usize, visits_b: usize) -> DayChange {
    DayChange {
        date: date(d),
        visits_a,
        visits_b,
    }
}

fn insp(id: &str, days: Vec<DayChange>) -> InspectorChange {
    InspectorChange {
        inspector: id.into(),
        days,
    }
}

fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    list.iter().map(|x| id(x).to_owned()).collect()
}

/// (key, A, B) of every figure.
fn figures(d: &PlanDiff) -> Vec<(&str, Option<i64>, Option<i64>)> {
    d.figures
        .iter()
        .map(|f| (f.figure.key(), f.a, f.b))
        .collect()
}

#[test]
fn a_plan_against_itself_has_no_changes() {
    let scn = tiny();
    for plan in [good(), poor()] {
        let d = diff(&scn, &plan, &plan);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(diff_summary(&d), "no changes");
        assert_eq!(diff_text(&d, &scn), "no changes\n");
        assert!(d.figures.iter().all(|f| f.delta() == Some(0)));
        let j = json_of(&d);
        for key in [
            "businesses",
            "date_changes",
            "newly_scheduled",
            "newly_unscheduled",
            "inspectors",
        ] {
            assert_eq!(j.get("changes").and_then(|c| c.get(key)), Some(&json!(0)));
            assert_eq!(j.get(key), Some(&json!([])));
        }
    }
}

#[test]
fn good_to_poor_lists_the_exact_changes() {
    let scn = tiny();
    let d = diff(&scn, &good(), &poor());
    assert!(!d.is_empty());
    assert_eq!(
        figures(&d),
        vec![
            ("unscheduled_priority", Some(3), Some(3)),
            ("visits", Some(5), Some(7)),
            ("officer_visits", Some(12), Some(14)),
            ("travel_minutes", Some(328), Some(338)),
        ]
    );
    // B1: one visit (Wed) → two (Mon: fire alone, Wed); B3: fire and market split on Tue.
    assert_eq!(
        d.businesses,
        vec![
            BusinessChange {
                business: "B1".into(),
                dates_a: vec![date("2022-09-14")],
                dates_b: vec![date("2022-09-12"), date("2022-09-14")],
            },
            BusinessChange {
                business: "B3".into(),
                dates_a: vec![date("2022-09-13")],
                dates_b: vec![date("2022-09-13"), date("2022-09-13")],
            },
        ]
    );
    assert_eq!(
        d.date_changes,
        vec![DateChange {
            task: "T01".into(),
            dates_a: vec![date("2022-09-14")],
            dates_b: vec![date("2022-09-12")],
        }]
    );
    // B4 takes one visit: the good plan gives it to T08 + T09, the poor one to T10.
    assert_eq!(ids(&d.newly_scheduled, |c| &c.task), ["T10"]);
    assert_eq!(d.newly_scheduled[0].dates, vec![date("2022-09-14")]);
    let reason = d.newly_scheduled[0]
        .left_out
        .as_ref()
        .map(|u| u.reason.as_str());
    assert_eq!(reason, Some("capacity"));
    assert_eq!(ids(&d.newly_unscheduled, |c| &c.task), ["T08", "T09"]);
    for c in &d.newly_unscheduled {
        assert_eq!(c.dates, vec![date("2022-09-12")]);
        let u = c.left_out.as_ref().expect("B lists the task");
        assert_eq!(u.reason, "capacity");
        assert_eq!(u.detail, "B4 takes one visit, given to T10");
    }
    assert_eq!(
        d.inspectors,
        vec![
            insp("F1", vec![day("2022-09-12", 0, 2), day("2022-09-14", 1, 0)]),
            insp("F2", vec![day("2022-09-12", 2, 1)]),
            // Same two visits on Tuesday, but B3 starts at 13:00 instead of 11:30.
            insp("M1", vec![day("2022-09-13", 2, 2), day("2022-09-14", 0, 2)]),
            insp("M2", vec![day("2022-09-13", 0, 1), day("2022-09-14", 1, 2)]),
            insp("H1", vec![day("2022-09-14", 1, 0)]),
            insp("P1", vec![day("2022-09-12", 1, 0)]),
        ]
    );
}

#[test]
fn good_to_poor_renders_aligned_tables() {
    let scn = tiny();
    let text = diff_text(&diff(&scn, &good(), &poor()), &scn);
    let expected = [
        "2 businesses change visits, 1 task changes date, 1 task newly scheduled, 2 newly unscheduled, 6 inspectors' days change",
        "",
        "Objective (smaller is better)",
        "  figure                  A    B  change",
        "  --------------------  ---  ---  ------",
        "  unscheduled priority    3    3       0",
        "  visits                  5    7      +2",
        "  officer visits         12   14      +2",
        "  travel minutes        328  338     +10",
        "",
        "Businesses that gain or lose visits",
        "  business  name        visits A  visits B  change  dates A         dates B                       ",
        "  --------  ----------  --------  --------  ------  --------------  ------------------------------",
        "  B1        海韵民宿           1         2      +1  2022-09-14 wed  2022-09-12 mon, 2022-09-14 wed",
        "  B3        东港加油站         1         2      +1  2022-09-13 tue  2022-09-13 tue, 2022-09-13 tue",
        "",
        "Tasks that change date",
        "  task  department    business  date A          date B        ",
        "  ----  ------------  --------  --------------  --------------",
        "  T01   消防救援大队  海韵民宿  2022-09-14 wed  2022-09-12 mon",
        "",
        "Tasks newly scheduled",
        "  task  department      business      date B          reason in A",
        "  ----  --------------  ------------  --------------  -----------",
        "  T10   市场监督管理局  启明培训中心  2022-09-14 wed  capacity   ",
        "",
        "Tasks newly unscheduled",
        "  task  department    business      date A          reason in B",
        "  ----  ------------  ------------  --------------  -----------",
        "  T08   公安分局      启明培训中心  2022-09-12 mon  capacity   ",
        "  T09   消防救援大队  启明培训中心  2022-09-12 mon  capacity   ",
        "",
        "Inspectors whose days change",
        "  inspector  name  date            visits A  visits B",
        "  ---------  ----  --------------  --------  --------",
        "  F1         张伟  2022-09-12 mon         0         2",
        "                   2022-09-14 wed         1         0",
        "  F2         王芳  2022-09-12 mon         2         1",
        "  M1         李娜  2022-09-13 tue         2         2",
        "                   2022-09-14 wed         0         2",
        "  M2         刘洋  2022-09-13 tue         0         1",
        "                   2022-09-14 wed         1         2",
        "  H1         陈静  2022-09-14 wed         1         0",
        "  P1         杨军  2022-09-12 mon         1         0",
    ]
    .join("\n")
        + "\n";
    assert_eq!(text, expected, "\n{text}");
}

#[test]
fn poor_to_good_is_the_mirror_image() {
    let scn = tiny();
    let forward = diff(&scn, &good(), &poor());
    let back = diff(&scn, &poor(), &good());
    assert_eq!(ids(&back.newly_scheduled, |c| &c.task), ["T08", "T09"]);
    assert_eq!(ids(&back.newly_unscheduled, |c| &c.task), ["T10"]);
    let reason = back.newly_unscheduled[0]
        .left_out
        .as_ref()
        .map(|u| u.reason.as_str());
    assert_eq!(reason, Some("capacity"));
    let swapped: Vec<BusinessChange> = forward
        .businesses
        .iter()
        .map(|c| BusinessChange {
            business: c.business.clone(),
            dates_a: c.dates_b.clone(),
            dates_b: c.dates_a.clone(),
        })
        .collect();
    assert_eq!(back.businesses, swapped);
    assert_eq!(
        ids(&back.inspectors, |c| &c.inspector),
        ids(&forward.inspectors, |c| &c.inspector)
    );
    let deltas: Vec<Option<i64>> = back.figures.iter().map(|f| f.delta()).collect();
    assert_eq!(deltas, [Some(0), Some(-2), Some(-2), Some(-10)]);
    assert!(diff_text(&back, &scn).contains("  visits                  7    5      -2\n"));
}

#[test]
fn good_to_poor_as_json() {
    let scn = tiny();
    let j = json_of(&diff(&scn, &good(), &poor()));
    let v = j;
    assert_eq!(
        v["changes"],
        json!({"businesses": 2, "date_changes": 1, "newly_scheduled": 1,
               "newly_unscheduled": 2, "inspectors": 6})
    );
    assert_eq!(v["figures"]["visits"], json!({"a": 5, "b": 7, "change": 2}));
    assert_eq!(
        v["figures"]["travel_minutes"],
        json!({"a": 328, "b": 338, "change": 10})
    );
    assert_eq!(
        v["businesses"][0],
        json!({"business": "B1", "visits_a": 1, "visits_b": 2,
               "dates_a": ["2022-09-14"], "dates_b": ["2022-09-12", "2022-09-14"]})
    );
    assert_eq!(
        v["date_changes"],
        json!([{"task": "T01", "dates_a": ["2022-09-14"], "dates_b": ["2022-09-12"]}])
    );
    assert_eq!(
        v["newly_scheduled"],
        json!([{"task": "T10", "dates": ["2022-09-14"], "reason": "capacity",
                "detail": "B4 takes one visit; T10 must be alone"}])
    );
    assert_eq!(
        v["inspectors"][0],
        json!({"inspector": "F1", "days": [
            {"date": "2022-09-12", "visits_a": 0, "visits_b": 2},
            {"date": "2022-09-14", "visits_a": 1, "visits_b": 0}]})
    );
}

#[test]
fn a_visit_moved_to_another_date() {
    let scn = tiny();
    // B1's visit (T01, T02, T03; F1, M2, H1) moves from Wednesday to Tuesday.
    let b = edited(|p| visit(p, "V0003")["date"] = json!("2022-09-13"));
    let d = diff(&scn, &good(), &b);
    assert!(d.businesses.is_empty());
    let moved = |t: &str| DateChange {
        task: t.into(),
        dates_a: vec![date("2022-09-14")],
        dates_b: vec![date("2022-09-13")],
    };
    assert_eq!(
        d.date_changes,
        vec![moved("T01"), moved("T02"), moved("T03")]
    );
    assert!(d.newly_scheduled.is_empty() && d.newly_unscheduled.is_empty());
    assert_eq!(
        d.inspectors,
        vec![
            insp("F1", vec![day("2022-09-13", 2, 3), day("2022-09-14", 1, 0)]),
            insp("M2", vec![day("2022-09-13", 0, 1), day("2022-09-14", 1, 0)]),
            insp("H1", vec![day("2022-09-13", 0, 1), day("2022-09-14", 1, 0)]),
        ]
    );
    // The stats were not edited: every figure is the same.
    assert!(d.figures.iter().all(|f| f.delta() == Some(0)));
    assert_eq!(
        diff_summary(&d),
        "0 businesses change visits, 3 tasks change date, 0 tasks newly scheduled, \
         0 newly unscheduled, 3 inspectors' days change"
    );
    let text = diff_text(&d, &scn);
    assert!(!text.contains("Businesses that gain"), "{text}");
    assert!(!text.contains("Tasks newly"), "{text}");
    assert!(
        text.contains("  T02   市场监督管理局  海韵民宿  2022-09-14 wed  2022-09-13 tue\n"),
        "{text}"
    );
}

#[test]
fn a_task_moved_to_a_new_visit() {
    let scn = tiny();
    // T05 leaves B2's Monday visit for a visit of its own on Wednesday.
    let b = edited(|p| {
        visit(p, "V0004")["tasks"] = json!(["T04"]);
        p["visits"].as_array_mut().expect("visits").push(json!({
            "id": "V0006", "business": "B2", "date": "2022-09-14",
            "start": "10:00", "end": "11:00", "tasks": ["T05"],
            "crew": [{"inspector": "M1", "department": "market"},
                     {"inspector": "M2", "department": "market"}]}));
        p["stats"]["visits"] = json!(6);
        p["stats"]["officer_visits"] = json!(14);
    });
    let d = diff(&scn, &good(), &b);
    assert_eq!(
        d.businesses,
        vec![BusinessChange {
            business: "B2".into(),
            dates_a: vec![date("2022-09-12")],
            dates_b: vec![date("2022-09-12"), date("2022-09-14")],
        }]
    );
    assert_eq!(
        d.date_changes,
        vec![DateChange {
            task: "T05".into(),
            dates_a: vec![date("2022-09-12")],
            dates_b: vec![date("2022-09-14")],
        }]
    );
    assert_eq!(
        d.inspectors,
        vec![
            insp("M1", vec![day("2022-09-14", 0, 1)]),
            insp("M2", vec![day("2022-09-14", 1, 2)]),
        ]
    );
    assert_eq!(
        figures(&d),
        vec![
            ("unscheduled_priority", Some(3), Some(3)),
            ("visits", Some(5), Some(6)),
            ("officer_visits", Some(12), Some(14)),
            ("travel_minutes", Some(328), Some(328)),
        ]
    );
    let text = diff_text(&d, &scn);
    assert!(
        text.starts_with("1 business changes visits, 1 task changes date, "),
        "{text}"
    );
    assert!(
        text.contains("  B2        老渔夫饭店         1         2      +1  2022-09-12 mon  2022-09-12 mon, 2022-09-14 wed\n"),
        "{text}"
    );
}

#[test]
fn a_task_left_out() {
    let scn = tiny();
    // T12 (market at B5, priority 1) leaves the pinned Tuesday visit.
    let b = edited(|p| {
        visit(p, "V0001")["tasks"] = json!(["T11"]);
        p["unscheduled"]
            .as_array_mut()
            .expect("unscheduled")
            .push(json!({"task": "T12", "reason": "time_limit", "detail": "stopped early"}));
        p["stats"]["unscheduled_priority"] = json!(4);
    });
    let d = diff(&scn, &good(), &b);
    assert!(d.businesses.is_empty() && d.date_changes.is_empty());
    assert!(d.newly_scheduled.is_empty() && d.inspectors.is_empty());
    assert_eq!(ids(&d.newly_unscheduled, |c| &c.task), ["T12"]);
    let c = &d.newly_unscheduled[0];
    assert_eq!(c.dates, vec![date("2022-09-13")]);
    let u = c.left_out.as_ref().expect("B lists T12");
    assert_eq!(
        (u.reason.as_str(), u.detail.as_str()),
        ("time_limit", "stopped early")
    );
    assert_eq!(d.figures[0].delta(), Some(1));
    let text = diff_text(&d, &scn);
    assert!(text.starts_with("0 businesses change visits, 0 tasks change date, 0 tasks newly scheduled, 1 newly unscheduled, 0 inspectors' days change\n"), "{text}");
    assert!(
        text.contains("  unscheduled priority    3    4      +1\n"),
        "{text}"
    );
    assert!(
        text.contains("  T12   市场监督管理局  小岛客栈  2022-09-13 tue  time_limit \n"),
        "{text}"
    );

    // The other way round, T12 is newly scheduled with the reason A gave.
    let back = diff(&scn, &b, &good());
    assert_eq!(ids(&back.newly_scheduled, |c| &c.task), ["T12"]);
    assert!(diff_text(&back, &scn).contains("reason in A"));
}

#[test]
fn a_task_dropped_from_the_plan_entirely() {
    let scn = tiny();
    // T12 leaves its visit and is not listed as unscheduled either (rule C1's business).
    let b = edited(|p| visit(p, "V0001")["tasks"] = json!(["T11"]));
    let d = diff(&scn, &good(), &b);
    assert_eq!(ids(&d.newly_unscheduled, |c| &c.task), ["T12"]);
    assert_eq!(d.newly_unscheduled[0].left_out, None);
    assert!(diff_text(&d, &scn).contains("(not listed)"));
}

#[test]
fn a_crew_member_swapped() {
    let scn = tiny();
    // M2 replaces M1 at B5 on Tuesday: M1's Tuesday shrinks, M2 gets one.
    let b = edited(|p| {
        visit(p, "V0001")["crew"] = json!([
            {"inspector": "F1", "department": "fire"},
            {"inspector": "M2", "department": "market"}]);
    });
    let d = diff(&scn, &good(), &b);
    assert_eq!(
        d.inspectors,
        vec![
            insp("M1", vec![day("2022-09-13", 2, 1)]),
            insp("M2", vec![day("2022-09-13", 0, 1)]),
        ]
    );
    assert!(d.businesses.is_empty() && d.date_changes.is_empty());
    assert!(d.newly_scheduled.is_empty() && d.newly_unscheduled.is_empty());
    let text = diff_text(&d, &scn);
    assert!(text.starts_with("0 businesses change visits, 0 tasks change date, 0 tasks newly scheduled, 0 newly unscheduled, 2 inspectors' days change\n"), "{text}");
    assert!(
        text.contains("  M1         李娜  2022-09-13 tue         2         1\n"),
        "{text}"
    );
    assert!(
        text.contains("  M2         刘洋  2022-09-13 tue         0         1\n"),
        "{text}"
    );
}

#[test]
fn a_visit_at_another_time_changes_its_crews_days() {
    let scn = tiny();
    let b = edited(|p| {
        let v = visit(p, "V0002");
        v["start"] = json!("13:00");
        v["end"] = json!("14:15");
    });
    let d = diff(&scn, &good(), &b);
    assert_eq!(ids(&d.inspectors, |c| &c.inspector), ["F1", "F2", "M1"]);
    assert!(d.inspectors.iter().all(|c| c.days.len() == 1));
    assert!(d.businesses.is_empty() && d.date_changes.is_empty());
}

#[test]
fn only_the_department_a_crew_member_acts_for_is_not_listed() {
    let scn = tiny();
    // M1 acts for health instead of market: no business, date or day changes.
    let b = edited(|p| visit(p, "V0001")["crew"][1]["department"] = json!("health"));
    let d = diff(&scn, &good(), &b);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn unknown_ids_are_shown_raw_after_known_ones() {
    let scn = tiny();
    let b = edited(|p| {
        p["visits"].as_array_mut().expect("visits").push(json!({
            "id": "V0099", "business": "B99", "date": "2022-09-13",
            "start": "09:00", "end": "10:00", "tasks": ["T99", "T02"],
            "crew": [{"inspector": "X1", "department": "nowhere"},
                     {"inspector": "F2", "department": "fire"}]}));
        p["unscheduled"]
            .as_array_mut()
            .expect("unscheduled")
            .push(json!({"task": "T98", "reason": "no_such_reason"}));
        p["stats"] = json!({"visits": "six"});
    });
    let d = diff(&scn, &good(), &b);
    assert_eq!(ids(&d.businesses, |c| &c.business), ["B99"]);
    // T02 is now on two dates (its own visit and the new one).
    assert_eq!(ids(&d.date_changes, |c| &c.task), ["T02"]);
    assert_eq!(
        d.date_changes[0].dates_b,
        vec![date("2022-09-13"), date("2022-09-14")]
    );
    assert_eq!(ids(&d.newly_scheduled, |c| &c.task), ["T99"]);
    assert_eq!(ids(&d.inspectors, |c| &c.inspector), ["F2", "X1"]);
    assert!(d
        .figures
        .iter()
        .all(|f| f.b.is_none() && f.delta().is_none()));
    let text = diff_text(&d, &scn);
    assert!(
        text.contains("  B99                    0         1      +1  -        2022-09-13 tue\n"),
        "{text}"
    );
    assert!(
        text.contains("  visits                  5  -       -\n"),
        "{text}"
    );
    assert!(text.contains("  X1"), "{text}");
    assert!(text.contains("(not listed)"), "{text}");
    let j = json_of(&diff(&scn, &good(), &b));
    assert_eq!(
        j.get("figures")
            .and_then(|f| f.get("visits"))
            .and_then(|v| v.get("b")),
        Some(&Value::Null)
    );
}

#[test]
fn a_task_on_two_dates_then_one() {
    let scn = tiny();
    // An invalid plan may list a task in two visits; the diff still compares its dates.
    let a = edited(|p| {
        p["visits"].as_array_mut().expect("visits").push(json!({
            "id": "V0007", "business": "B1", "date": "2022-09-13",
            "start": "09:00", "end": "09:30", "tasks": ["T01"],
            "crew": [{"inspector": "F2", "department": "fire"}]}));
    });
    let d = diff(&scn, &a, &good());
    assert_eq!(
        d.date_changes,
        vec![DateChange {
            task: "T01".into(),
            dates_a: vec![date("2022-09-13"), date("2022-09-14")],
            dates_b: vec![date("2022-09-14")],
        }]
    );
    assert!(diff_text(&d, &scn).contains("2022-09-13 tue, 2022-09-14 wed  2022-09-14 wed"));
}

/// The diff as `onedoor diff --json` writes it.
fn json_of(d: &PlanDiff) -> Value {
    serde_json::to_value(diff_json(d)).expect("serializes")
}
