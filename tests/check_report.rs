//! The check report a person reads (`onedoor check`), on the hand-made plans for
//! `scenarios/tiny.json`. The rules themselves are tested in the checker's own crate
//! (`crates/check/tests/rules.rs`).

use crate::common;

use common::{good, repo, run, text, tiny};
use onedoor::report::{check_report, check_report_in};
use onedoor_check::check;
use onedoor_core::plan::{Plan, Visit};
use onedoor_core::scenario::time::Clock;
use onedoor_core::Lang;

fn visit<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Visit {
    plan.visits
        .iter_mut()
        .find(|v| v.id == id)
        .expect("visit exists")
}

fn clock(s: &str) -> Clock {
    Clock::parse(s).expect("a clock time")
}

#[test]
fn a_valid_plan_ends_with_valid() {
    let scn = tiny();
    let report = check(&scn, &good());
    assert!(check_report(&report).ends_with("valid\n"));
}

#[test]
fn render_lists_violations_then_figures_then_the_count() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").end = clock("09:30");
    visit(&mut plan, "V0001").start = clock("10:05");
    let text = check_report(&check(&scn, &plan));
    assert!(text.contains("C4  V0001: task T11 is pinned"), "{text}");
    assert!(text.contains("C5  V0003: lasts 50 min, needs 55"), "{text}");
    assert!(text.contains("travel minutes"), "{text}");
    assert!(text.ends_with("\n3 violations\n"), "{text}");
}

#[test]
fn the_report_in_chinese_names_departments_by_name() {
    let scn = tiny();
    let mut plan = good();
    visit(&mut plan, "V0003").end = clock("09:30");
    let report = check(&scn, &plan);
    let zh = check_report_in(&report, Lang::Zh);
    assert!(
        zh.contains("C5  V0003：入户时长 50 分钟，至少需要 55 分钟"),
        "{zh}"
    );
    assert!(zh.contains("路途分钟"), "{zh}");
    assert!(zh.ends_with("\n1 处违规\n"), "{zh}");
    assert_eq!(check_report_in(&report, Lang::En), check_report(&report));
}

/// `onedoor check` on a broken plan through the binary: Chinese by default and with
/// `--lang zh`, every violation line starting with its rule code and naming its visit;
/// English with `--lang en`; exit 1 either way.
#[test]
fn check_lang_zh_end_to_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = good();
    // V0001 keeps its first crew member only: market has nobody, too few certified (C6).
    visit(&mut plan, "V0001").crew.truncate(1);
    // V0002 ends before it starts (C4, C5).
    visit(&mut plan, "V0002").end = clock("07:00");
    let broken = dir.path().join("broken.plan.json");
    std::fs::write(&broken, plan.to_json_string()).expect("write the plan");
    let scenario = repo("scenarios/tiny.json");
    let run_lang = |lang: Option<&str>| {
        let mut args = vec![
            "check".to_owned(),
            scenario.display().to_string(),
            broken.display().to_string(),
        ];
        if let Some(lang) = lang {
            args.extend(["--lang".to_owned(), lang.to_owned()]);
        }
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let zh = run_lang(Some("zh"));
    assert_eq!(run_lang(None), zh, "Chinese is the default");
    let lines: Vec<&str> = zh.lines().take_while(|l| !l.is_empty()).collect();
    assert!(lines.len() >= 4, "{zh}");
    for line in &lines {
        assert!(
            ["C4", "C5", "C6", "C13"]
                .iter()
                .any(|c| line.starts_with(c)),
            "{line}"
        );
        assert!(
            line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{line}"
        );
        assert!(
            line.contains("V0001") || line.contains("V0002") || line.contains("stats."),
            "{line}"
        );
    }
    let market = &scn_name(&tiny(), "market");
    assert!(
        zh.contains(&format!(
            "C6  V0001：{market}的检查事项需要 1 名执法人员，检查组中没有可代表该部门的人员"
        )),
        "{zh}"
    );
    assert!(
        zh.contains("C4  V0002：开始时间 11:30 不早于结束时间 07:00"),
        "{zh}"
    );
    assert!(zh.trim_end().ends_with("处违规"), "{zh}");

    let en = run_lang(Some("en"));
    assert!(
        en.contains("C6  V0001: 0 crew member(s) act for market, its tasks need 1"),
        "{en}"
    );
    assert!(en.contains("objective"), "{en}");
    assert!(en.trim_end().ends_with("violations"), "{en}");
    assert!(
        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{en}"
    );

    let bad = run([
        "check".to_owned(),
        scenario.display().to_string(),
        broken.display().to_string(),
        "--lang".to_owned(),
        "fr".to_owned(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A department's name in the scenario.
fn scn_name(scn: &onedoor_core::scenario::Scenario, dept: &str) -> String {
    scn.department(scn.index.departments[dept]).name.clone()
}
