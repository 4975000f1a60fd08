//! `onedoor replan`: history stays byte for byte, announced visits move as little as
//! possible, new work goes into the days left, and every re-plan is checked.

use crate::common;

use chrono::NaiveDate;
use common::{assert_valid, keep_only_priority, options, repo, run, run_ok, text};
use onedoor_check::keepable;
use onedoor_core::changes::{changes, disrupted, VisitChange};
use onedoor_core::plan::{Plan, Visit};
use onedoor_core::travel::TravelGraph;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_core::Scenario;
use onedoor_solve::{plan, replan, Replanned};
use std::collections::BTreeSet;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The Dinghai week as announced (planned from scratch, checked).
fn announced() -> (Scenario, Plan) {
    let scn = common::scenario("dinghai-week.json");
    let out = plan(&scn, &TravelGraph::build(&scn), &options()).expect("plan");
    assert_valid(&scn, &out.plan);
    (scn, out.plan)
}

/// The Dinghai week with `shortcuts` applied.
fn changed(shortcuts: Shortcuts) -> Scenario {
    load(&repo("scenarios/dinghai-week.json"), &shortcuts)
        .expect("loads")
        .scenario
}

/// Re-plans, checks the plan, and asserts the history is kept byte for byte.
fn replan_checked(scn: &Scenario, announced: &Plan, from: NaiveDate) -> Replanned {
    let r = replan(scn, &TravelGraph::build(scn), announced, from, &options()).expect("replan");
    assert_valid(scn, &r.outcome.plan);
    let history =
        |p: &Plan| -> Vec<Visit> { p.visits.iter().filter(|v| v.date < from).cloned().collect() };
    assert_eq!(
        history(announced),
        history(&r.outcome.plan),
        "history changed"
    );
    // every task is accounted for exactly once (the checker's C1 says so too)
    assert_eq!(
        r.outcome
            .plan
            .visits
            .iter()
            .map(|v| v.tasks.len())
            .sum::<usize>()
            + r.outcome.plan.unscheduled.len(),
        scn.tasks.len()
    );
    assert_eq!(r.disrupted, disrupted(announced, &r.outcome.plan, from));
    r
}

#[test]
fn no_change_gives_back_the_same_plan() {
    let (scn, announced) = announced();
    let r = replan_checked(&scn, &announced, date("2022-09-14"));
    assert_eq!(r.outcome.plan.visits, announced.visits);
    assert!(r.disrupted.is_empty());
    assert!(changes(&announced, &r.outcome.plan, date("2022-09-14")).is_empty());
}

#[test]
fn an_officer_ill_from_wednesday_is_replaced_at_the_same_times() {
    let (scn0, announced) = announced();
    let from = date("2022-09-14");
    // the inspector with the most crew entries from Wednesday on
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for v in announced.visits.iter().filter(|v| v.date >= from) {
        for c in &v.crew {
            *counts.entry(c.inspector.as_str()).or_default() += 1;
        }
    }
    let (ill, n) = counts
        .iter()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
        .map(|(i, n)| ((*i).to_owned(), *n))
        .expect("crew from Wednesday");
    assert!(n >= 2);
    let scn = changed(Shortcuts {
        unavailable: ["2022-09-14", "2022-09-15", "2022-09-16"]
            .iter()
            .map(|d| format!("{ill}:{d}"))
            .collect(),
        ..Shortcuts::default()
    });
    let r = replan_checked(&scn, &announced, from);
    let new = &r.outcome.plan;
    assert!(new
        .visits
        .iter()
        .all(|v| v.date < from || v.crew.iter().all(|c| c.inspector != ill)));
    // their visits stay at the same time with the same tasks, re-crewed
    let theirs: Vec<&Visit> = announced
        .visits
        .iter()
        .filter(|v| v.date >= from && v.crew.iter().any(|c| c.inspector == ill))
        .collect();
    let same_time = theirs
        .iter()
        .filter(|a| {
            new.visits.iter().any(|b| {
                b.id == a.id && b.date == a.date && b.start == a.start && b.tasks == a.tasks
            })
        })
        .count();
    assert!(
        r.recrewed.len() >= same_time,
        "{} re-crewed",
        r.recrewed.len()
    );
    assert!(
        same_time * 2 >= theirs.len(),
        "only {same_time} of {} visits re-crewed at their time",
        theirs.len()
    );
    assert!(r.outcome.stats.unscheduled_priority <= keep_only_priority(&scn, &announced, from));
    let _ = scn0;
}

#[test]
fn an_urgent_non_joinable_task_on_thursday_takes_a_new_visit() {
    let (_, announced) = announced();
    let dir = tempfile::tempdir().expect("tempdir");
    let variant = dir.path().join("urgent.json");
    let base = repo("scenarios/dinghai-week.json");
    let text = serde_json::json!({
        "extends": base.display().to_string(),
        "upsert": {"tasks": [{
            "id": "URGENT1", "department": "fire", "business": "B001", "minutes": 40,
            "officers": 2, "priority": 9, "joinable": false,
            "earliest": "2022-09-15", "latest": "2022-09-15"
        }]}
    });
    std::fs::write(&variant, text.to_string()).expect("write variant");
    let scn = load(&variant, &Shortcuts::default())
        .expect("loads")
        .scenario;
    let from = date("2022-09-14");
    let r = replan_checked(&scn, &announced, from);
    let new = &r.outcome.plan;
    let urgent = new
        .visits
        .iter()
        .find(|v| v.tasks.iter().any(|t| t == "URGENT1"))
        .expect("the urgent task is scheduled");
    assert_eq!(urgent.date, date("2022-09-15"));
    assert_eq!(urgent.tasks, ["URGENT1"]);
    assert!(r.disrupted.is_empty(), "disrupted: {:?}", r.disrupted);
    let c = changes(&announced, new, from);
    assert!(c.businesses.iter().any(|b| b.business == "B001"
        && b.changes
            .iter()
            .any(|c| matches!(c, VisitChange::New { visit, .. } if *visit == urgent.id))));
}

#[test]
fn a_business_closed_on_a_date_moves_only_its_visit() {
    let (_, announced) = announced();
    let from = date("2022-09-14");
    let target = announced
        .visits
        .iter()
        .find(|v| v.date == date("2022-09-15") && v.tasks.len() >= 2)
        .expect("a joint visit on Thursday");
    let scn = changed(Shortcuts {
        close: vec![format!("{}:2022-09-15", target.business)],
        ..Shortcuts::default()
    });
    let r = replan_checked(&scn, &announced, from);
    let at_b: BTreeSet<&str> = announced
        .visits
        .iter()
        .filter(|v| v.business == target.business && v.date == date("2022-09-15"))
        .flat_map(|v| v.tasks.iter().map(String::as_str))
        .collect();
    assert!(!r.disrupted.is_empty());
    assert!(
        r.disrupted.iter().all(|t| at_b.contains(t.as_str())),
        "disrupted {:?}, closed visit's tasks {at_b:?}",
        r.disrupted
    );
    let moved = r
        .outcome
        .plan
        .visits
        .iter()
        .find(|v| v.id == target.id)
        .expect("the visit keeps its id when it moves");
    assert_ne!(moved.date, date("2022-09-15"));
    assert!(r.outcome.stats.unscheduled_priority <= keep_only_priority(&scn, &announced, from));
}

#[test]
fn a_holiday_from_the_replan_date_moves_that_day_into_the_others() {
    let (_, announced) = announced();
    let from = date("2022-09-15");
    let scn = changed(Shortcuts {
        holiday: vec!["2022-09-15".into()],
        ..Shortcuts::default()
    });
    let r = replan_checked(&scn, &announced, from);
    let new = &r.outcome.plan;
    assert!(new.visits.iter().all(|v| v.date != date("2022-09-15")));
    // Thursday's tasks are disturbed; most of Friday stays as announced (a visit there
    // may move to make room for Thursday's work, never to lose priority)
    let friday: Vec<&Visit> = announced
        .visits
        .iter()
        .filter(|v| v.date == date("2022-09-16"))
        .collect();
    let unchanged = friday.iter().filter(|a| new.visits.contains(a)).count();
    assert!(
        unchanged * 2 >= friday.len(),
        "{unchanged} of {}",
        friday.len()
    );
    let thursday: usize = announced
        .visits
        .iter()
        .filter(|v| v.date == date("2022-09-15"))
        .map(|v| v.tasks.len())
        .sum();
    assert!(
        r.disrupted.len() < thursday * 2,
        "{} disrupted",
        r.disrupted.len()
    );
    assert!(r.outcome.stats.unscheduled_priority <= keep_only_priority(&scn, &announced, from));
}

#[test]
fn the_command_writes_the_plan_and_the_change_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let week = dir.path().join("week.plan.json");
    let new = dir.path().join("new.plan.json");
    let list = dir.path().join("changes.json");
    run_ok([
        "plan".as_ref(),
        "scenarios/dinghai-week.json".as_ref(),
        "-o".as_ref(),
        week.as_os_str(),
    ]);
    let before = Plan::load(&week).expect("announced plan");
    let ill = before
        .visits
        .iter()
        .find(|v| v.date == date("2022-09-14"))
        .map(|v| v.crew[0].inspector.clone())
        .expect("a Wednesday visit");
    let out = run_ok([
        "replan".as_ref(),
        "scenarios/dinghai-week.json".as_ref(),
        week.as_os_str(),
        "--from".as_ref(),
        "2022-09-14".as_ref(),
        "--unavailable".as_ref(),
        format!("{ill}:2022-09-14").as_ref(),
        "--close".as_ref(),
        "B001:2022-09-16".as_ref(),
        "-o".as_ref(),
        new.as_os_str(),
        "--changes".as_ref(),
        list.as_os_str(),
        "--export".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert!(out.contains("re-plan from 2022-09-14 wed"), "{out}");
    // The ill officer's calendar cancels the visits they no longer make.
    let ics = std::fs::read_to_string(dir.path().join(format!("out/internal/calendars/{ill}.ics")))
        .expect("the ill officer's calendar");
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    assert!(dir.path().join("out/internal/plan.xlsx").exists());
    assert!(out.contains("disrupted tasks"), "{out}");
    let after = Plan::load(&new).expect("new plan");
    let check = run([
        "check".as_ref(),
        "scenarios/dinghai-week.json".as_ref(),
        new.as_os_str(),
    ]);
    // the changed week (ill officer) is not the file on disk: check it through the library
    let scn = changed(Shortcuts {
        unavailable: vec![format!("{ill}:2022-09-14")],
        close: vec!["B001:2022-09-16".into()],
        ..Shortcuts::default()
    });
    assert_valid(&scn, &after);
    assert!(check.status.code().is_some(), "{}", text(&check.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&list).expect("changes")).expect("json");
    assert_eq!(json["from"], "2022-09-14");
    let listed = json["disrupted_tasks"].as_array().expect("list").len();
    assert_eq!(
        json["objective"]["replanned"]["disrupted_tasks"].as_u64(),
        Some(listed as u64)
    );
    assert_eq!(listed, disrupted(&before, &after, date("2022-09-14")).len());
}

#[test]
fn bad_arguments_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = dir.path().join("new.plan.json");
    let out = run([
        "replan".as_ref(),
        "scenarios/tiny.json".as_ref(),
        "tests/fixtures/tiny-good.plan.json".as_ref(),
        "--from".as_ref(),
        "2022-9-14".as_ref(),
        "-o".as_ref(),
        new.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("YYYY-MM-DD"));
    let out = run([
        "replan".as_ref(),
        "scenarios/tiny.json".as_ref(),
        "tests/fixtures/tiny-good.plan.json".as_ref(),
        "--from".as_ref(),
        "2022-09-14".as_ref(),
        "--close".as_ref(),
        "B999:2022-09-14".as_ref(),
        "-o".as_ref(),
        new.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown business \"B999\""));
    assert!(!new.exists());
}

#[test]
fn the_same_replan_for_any_thread_count() {
    let (_, announced) = announced();
    let from = date("2022-09-14");
    let scn = changed(Shortcuts {
        holiday: vec!["2022-09-15".into()],
        ..Shortcuts::default()
    });
    let travel = TravelGraph::build(&scn);
    let plans: Vec<Plan> = [1, 2]
        .iter()
        .map(|&n| {
            let opts = onedoor_solve::Options {
                threads: Some(n),
                ..options()
            };
            let mut p = replan(&scn, &travel, &announced, from, &opts)
                .expect("replan")
                .outcome
                .plan;
            p.solver = onedoor_core::json::Json::Null;
            p
        })
        .collect();
    assert_eq!(plans[0], plans[1]);
}

/// Announced plans that are wrong in many ways: the re-plan never panics, accounts for
/// every task, and is valid whenever the history it must keep is valid.
#[test]
fn broken_announced_plans_are_replanned_without_harm() {
    let scn = common::tiny();
    let good = plan(&scn, &TravelGraph::build(&scn), &options())
        .expect("plan")
        .plan;
    let from = date("2022-09-13");
    type Mutation = fn(&mut Plan);
    let mutations: [(&str, Mutation); 9] = [
        ("no crew", |p| {
            p.visits.iter_mut().for_each(|v| v.crew.clear())
        }),
        ("unknown business", |p| p.visits[0].business = "B999".into()),
        ("unknown task", |p| p.visits[1].tasks.push("T999".into())),
        ("task twice", |p| {
            let t = p.visits[0].tasks[0].clone();
            p.visits.last_mut().expect("visits").tasks.push(t);
        }),
        ("unknown inspector", |p| {
            p.visits.iter_mut().for_each(|v| {
                if let Some(c) = v.crew.first_mut() {
                    c.inspector = "X999".into();
                }
            })
        }),
        ("outside the horizon", |p| {
            p.visits[2].date = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date")
        }),
        ("no visits", |p| p.visits.clear()),
        ("empty visit", |p| p.visits[1].tasks.clear()),
        ("same id twice", |p| {
            let id = p.visits[0].id.clone();
            p.visits[1].id = id;
        }),
    ];
    let travel = TravelGraph::build(&scn);
    for (name, mutate) in mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        let r = replan(&scn, &travel, &bad, from, &options()).expect(name);
        let new = &r.outcome.plan;
        let history: Vec<&Visit> = bad.visits.iter().filter(|v| v.date < from).collect();
        let later = new.visits.iter().filter(|v| v.date >= from);
        // every task of the scenario at most once from `from` on, and none twice there
        let mut seen = BTreeSet::new();
        for t in later.flat_map(|v| &v.tasks) {
            assert!(seen.insert(t.clone()), "{name}: {t} twice");
        }
        // every visit from `from` on is valid by the checker's rules beside the history
        let keep = keepable(&scn, new);
        for (v, ok) in new.visits.iter().zip(&keep) {
            assert!(v.date < from || *ok, "{name}: visit {} is not valid", v.id);
        }
        // and the whole plan is valid unless the history it must keep is not
        let ids: BTreeSet<&str> = bad.visits.iter().map(|v| v.id.as_str()).collect();
        let history_clean = r.history_invalid.is_empty()
            && history.iter().all(|v| !v.tasks.is_empty())
            && ids.len() == bad.visits.len();
        let report = onedoor_check::check(&scn, new);
        assert!(
            !history_clean || report.is_valid(),
            "{name}: {:?}",
            report.violations
        );
    }
}
