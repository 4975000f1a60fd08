//! What `onedoor export` hands out, through the binary: nothing under `for-businesses/`
//! names an unannounced task (a property over generated weeks), notices carry what the
//! scenario says about issuer, business and officers, re-plan calendars agree with each
//! other when imported into one calendar, the export folder holds exactly one export, and
//! a notice prints on one A4 page and fits a 390 px phone (headless Chromium; skipped
//! when it is missing unless `ONEDOOR_REQUIRE_BROWSER=1`). Also: generated weeks carry
//! those fields, and they change no plan.
//!
//! Every plan made here is checked with zero violations.

use crate::common;

use common::{assert_valid, files, repo, run, run_ok, text};
use onedoor_core::plan::Plan;
use onedoor_core::Scenario;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Generates a tiny week with `seed`, marks every third joinable task `announced: false`
/// too (so some visits mix announced and unannounced tasks), writes it, plans it and
/// checks the plan. Returns (scenario path, plan path, scenario, plan).
fn week(dir: &Path, seed: u64) -> (PathBuf, PathBuf, Scenario, Plan) {
    let generated = dir.join(format!("gen-{seed}.json"));
    run_ok([
        "generate".as_ref(),
        "--preset".as_ref(),
        "tiny".as_ref(),
        "--seed".as_ref(),
        seed.to_string().as_ref(),
        "-o".as_ref(),
        generated.as_os_str(),
    ]);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&generated).expect("reads")).expect("json");
    let tasks = json["tasks"].as_array_mut().expect("tasks");
    for (i, t) in tasks.iter_mut().enumerate() {
        if i % 3 == 1 {
            t["announced"] = serde_json::Value::Bool(false);
        }
    }
    let scenario = dir.join(format!("week-{seed}.json"));
    std::fs::write(
        &scenario,
        serde_json::to_string_pretty(&json).expect("text"),
    )
    .expect("w");
    let plan = dir.join(format!("week-{seed}.plan.json"));
    run_ok([
        "plan".as_ref(),
        scenario.as_os_str(),
        "-o".as_ref(),
        plan.as_os_str(),
        "--time-limit".as_ref(),
        "20".as_ref(),
    ]);
    let scn = onedoor_core::load_scenario(&scenario).expect("loads");
    let p = Plan::load(&plan).expect("plan reads");
    assert_valid(&scn, &p);
    (scenario, plan, scn, p)
}

/// Runs `export` with `args` after the scenario and plan, asserting exit 0.
fn export(scenario: &Path, plan: &Path, to: &Path, extra: &[&str]) {
    let mut args: Vec<std::ffi::OsString> = vec![
        "export".into(),
        scenario.into(),
        plan.into(),
        "--to".into(),
        to.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    run_ok(&args);
}

/// `HH:MM`.
fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[test]
fn nothing_for_businesses_names_an_unannounced_task() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut secret_tasks = 0;
    let mut mixed = 0;
    for seed in [1, 2, 3, 4, 5, 6] {
        let (scenario, plan_path, scn, plan) = week(tmp.path(), seed);
        let out = tmp.path().join(format!("out-{seed}"));
        export(&scenario, &plan_path, &out, &[]);
        let business: String = files(&out.join("for-businesses"))
            .values()
            .map(|b| text(b))
            .collect();
        let internal: String = files(&out.join("internal/calendars"))
            .values()
            .map(|b| text(b).replace("\r\n ", ""))
            .collect();
        let task = |id: &String| scn.task(scn.index.tasks[id]);
        // Item codes only unannounced tasks use: neither code nor name may show.
        let told_items: BTreeSet<&str> = scn
            .tasks
            .iter()
            .filter(|t| t.announced)
            .flat_map(|t| t.items.iter().map(String::as_str))
            .collect();
        let told_names: BTreeSet<&str> = told_items
            .iter()
            .filter_map(|c| scn.item(c).map(|i| i.name.as_str()))
            .collect();
        for v in &plan.visits {
            for t in v.tasks.iter().filter(|t| !task(t).announced) {
                secret_tasks += 1;
                assert!(
                    !business.contains(t.as_str()),
                    "task {t} named (seed {seed})"
                );
                assert!(internal.contains(t.as_str()), "task {t} in the calendars");
                for code in task(t)
                    .items
                    .iter()
                    .filter(|c| !told_items.contains(c.as_str()))
                {
                    assert!(
                        !business.contains(code.as_str()),
                        "item {code} (seed {seed})"
                    );
                    if let Some(item) = scn.item(code) {
                        if !told_names.contains(item.name.as_str()) {
                            assert!(
                                !business.contains(&item.name),
                                "{} (seed {seed})",
                                item.name
                            );
                        }
                    }
                }
            }
            assert!(
                !business.contains(&v.id),
                "visit ids never reach businesses"
            );
            if v.tasks.iter().all(|t| !task(t).announced) {
                assert!(internal.contains("不公开"), "marked in the calendars");
                for at in [v.start.0, v.end.0] {
                    if at % 30 != 0 {
                        assert!(
                            !business.contains(&hhmm(at)),
                            "time of {} (seed {seed})",
                            v.id
                        );
                    }
                }
            } else if v.tasks.iter().any(|t| !task(t).announced) {
                mixed += 1;
            }
        }
        // A notice per business with an announced visit, and no other.
        let told: BTreeSet<&str> = plan
            .visits
            .iter()
            .filter(|v| v.tasks.iter().any(|t| task(t).announced))
            .map(|v| v.business.as_str())
            .collect();
        let notices: BTreeSet<String> = files(&out.join("for-businesses/notices"))
            .keys()
            .map(|p| p.file_stem().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(notices, told.iter().map(|s| s.to_string()).collect());
        // Each notice has as many visit sections as the business has announced visits.
        for b in &told {
            let html = text(
                &std::fs::read(out.join(format!("for-businesses/notices/{b}.html")))
                    .expect("notice"),
            );
            let want = plan
                .visits
                .iter()
                .filter(|v| v.business == *b && v.tasks.iter().any(|t| task(t).announced))
                .count();
            assert_eq!(
                html.matches("<section class=\"visit\">").count(),
                want,
                "{b}"
            );
        }
    }
    assert!(
        secret_tasks >= 6,
        "the weeks hold unannounced tasks: {secret_tasks}"
    );
    assert!(
        mixed >= 1,
        "some visit mixes announced and unannounced tasks"
    );
}

#[test]
fn notices_carry_what_the_scenario_says() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (scenario, plan_path, scn, plan) = week(tmp.path(), 2);
    let out = tmp.path().join("out");
    export(&scenario, &plan_path, &out, &["--issued", "2022-09-01"]);
    let n = &scn.notice;
    let task = |id: &String| scn.task(scn.index.tasks[id]);
    let mut numbers = BTreeSet::new();
    for v in plan
        .visits
        .iter()
        .filter(|v| v.tasks.iter().any(|t| task(t).announced))
    {
        let b = scn.business(scn.index.businesses[&v.business]);
        let html = text(
            &std::fs::read(out.join(format!("for-businesses/notices/{}.html", b.id)))
                .expect("notice"),
        );
        for field in [
            &n.issuer,
            &n.phone,
            &n.legal_basis,
            &n.contact,
            &b.address,
            &b.phone,
            &b.contact,
        ] {
            let field = field.as_deref().expect("the generator fills it in");
            assert!(html.contains(field), "{field} in the notice of {}", b.id);
        }
        assert!(html.contains("2022年9月1日"), "the issue date");
        assert!(html.contains("申请其回避") && html.contains("陈述和申辩"));
        assert!(html.contains("<meta name=\"viewport\""));
        let number = html
            .split(n.number_prefix.as_deref().expect("prefix"))
            .nth(1)
            .and_then(|r| r.split('号').next())
            .expect("a notice number");
        numbers.insert((b.id.clone(), number.to_owned()));
        let depts: BTreeSet<_> = v
            .tasks
            .iter()
            .filter(|t| task(t).announced)
            .map(|t| task(t).department)
            .collect();
        for c in &v.crew {
            let i = scn.inspector(scn.index.inspectors[&c.inspector]);
            let d = scn.index.departments[&c.department];
            if depts.contains(&d) {
                if let Some(cert) = &i.certificate {
                    assert!(html.contains(cert.as_str()), "certificate {cert}");
                }
            }
        }
        for t in v.tasks.iter().filter(|t| task(t).announced) {
            for code in &task(t).items {
                let item = scn.item(code).expect("the generator lists every item");
                assert!(html.contains(&item.name), "{}", item.name);
                if let Some(p) = &item.prepare {
                    assert!(html.contains(p.as_str()), "{p}");
                }
            }
        }
        // One department alone or a joint visit, worded accordingly.
        if html.matches("<section class=\"visit\">").count() == 1 {
            let word = if depts.len() > 1 {
                "联合检查"
            } else {
                "单独检查"
            };
            assert!(html.contains(word), "{word} in the notice of {}", b.id);
        }
    }
    // Numbers 1..n, one per business.
    let got: BTreeSet<&str> = numbers.iter().map(|(_, n)| n.as_str()).collect();
    let want: Vec<String> = (1..=numbers.len()).map(|k| k.to_string()).collect();
    assert_eq!(got, want.iter().map(String::as_str).collect());
    // The index names every notice; the printable file holds them all.
    let index = text(&std::fs::read(out.join("for-businesses/index.html")).expect("index"));
    let all = text(&std::fs::read(out.join("for-businesses/all-notices.html")).expect("all"));
    for (b, _) in &numbers {
        assert!(index.contains(&format!("notices/{b}.html")));
        assert!(all.contains(&format!("data-business=\"{b}\"")));
    }
    assert!(all.contains("break-after: page"));

    // English: the catalogue's words, no Chinese punctuation of ours.
    let en = tmp.path().join("en");
    export(&scenario, &plan_path, &en, &["--lang", "en"]);
    let mut data: Vec<String> = Vec::new();
    data.extend(
        scn.businesses
            .iter()
            .flat_map(|b| {
                [
                    Some(b.name.clone()),
                    b.address.clone(),
                    b.contact.clone(),
                    b.town.clone().into(),
                ]
            })
            .flatten(),
    );
    data.extend(scn.departments.iter().map(|d| d.name.clone()));
    data.extend(scn.inspectors.iter().map(|i| i.name.clone()));
    data.extend(
        scn.items
            .iter()
            .flat_map(|i| [Some(i.name.clone()), i.prepare.clone()])
            .flatten(),
    );
    data.extend(
        [
            n.issuer.clone(),
            n.contact.clone(),
            n.legal_basis.clone(),
            n.number_prefix.clone(),
        ]
        .into_iter()
        .flatten(),
    );
    data.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for (rel, bytes) in files(&en.join("for-businesses")) {
        let mut html = text(&bytes);
        assert!(html.contains("Your rights") || rel.ends_with("index.html"));
        for d in &data {
            html = html.replace(d.as_str(), "");
        }
        // Font names in the CSS are Latin; what is left must hold no CJK at all.
        let cjk: String = html
            .chars()
            .filter(|c| matches!(*c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x4E00..=0x9FFF))
            .collect();
        assert!(cjk.is_empty(), "{rel:?}: {cjk}");
    }
}

/// One parsed event: (file, uid, status, sequence, start).
type Event = (String, String, String, u32, String);

/// What a business is told of one visit: (date, window start, departments, officers).
type Told = (String, u32, BTreeSet<String>, BTreeSet<String>);

/// Every event of every calendar under `dir/internal/calendars`.
fn events(dir: &Path) -> Vec<Event> {
    let mut out = Vec::new();
    for (rel, bytes) in files(&dir.join("internal/calendars")) {
        let parser = ical::IcalParser::new(std::io::BufReader::new(&bytes[..]));
        for cal in parser {
            let cal = cal.expect("calendar parses");
            for e in cal.events {
                let get = |n: &str| {
                    e.properties
                        .iter()
                        .find(|p| p.name == n)
                        .and_then(|p| p.value.clone())
                        .unwrap_or_default()
                };
                out.push((
                    rel.to_string_lossy().into_owned(),
                    get("UID"),
                    get("STATUS"),
                    get("SEQUENCE").parse().expect("a SEQUENCE number"),
                    get("DTSTART"),
                ));
            }
        }
    }
    out
}

#[test]
fn replan_calendars_and_change_notices_agree() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (scenario, old_path, scn, old) = week(tmp.path(), 4);
    // Re-plan with the busiest inspector ill from the first visit date on.
    let first = old.visits.iter().map(|v| v.date).min().expect("visits");
    let mut load: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &old.visits {
        for c in &v.crew {
            *load.entry(c.inspector.as_str()).or_default() += 1;
        }
    }
    let ill = load
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(i, _)| i.to_string())
        .expect("crew");
    let dates: Vec<String> = old
        .visits
        .iter()
        .map(|v| v.date.format("%Y-%m-%d").to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let new_path = tmp.path().join("new.plan.json");
    let mut args: Vec<String> = vec![
        "replan".into(),
        scenario.display().to_string(),
        old_path.display().to_string(),
        "--from".into(),
        first.format("%Y-%m-%d").to_string(),
        "-o".into(),
        new_path.display().to_string(),
    ];
    for d in &dates {
        args.push("--unavailable".into());
        args.push(format!("{ill}:{d}"));
    }
    run_ok(&args);
    let new = Plan::load(&new_path).expect("new plan");
    // Valid for the week with the inspector ill, hence for the week as written.
    assert_valid(&scn, &new);
    assert!(new
        .visits
        .iter()
        .all(|v| v.crew.iter().all(|c| c.inspector != ill)));

    // The ill inspector has left the scenario by the time of the export.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scenario).expect("reads")).expect("json");
    json["inspectors"]
        .as_array_mut()
        .expect("inspectors")
        .retain(|i| i["id"] != ill.as_str());
    let left = tmp.path().join("left.json");
    std::fs::write(&left, json.to_string()).expect("writes");
    let scn_left = onedoor_core::load_scenario(&left).expect("loads");
    assert_valid(&scn_left, &new);

    let out = tmp.path().join("out");
    export(
        &left,
        &new_path,
        &out,
        &[
            "--previous",
            old_path.to_str().expect("utf-8"),
            "--issued",
            "2022-09-13",
        ],
    );
    let list = events(&out);
    // No UID both cancelled and active, and each UID in one file only.
    let mut by_uid: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in &list {
        by_uid.entry(e.1.as_str()).or_default().push(e);
    }
    for (uid, es) in &by_uid {
        let files: BTreeSet<&str> = es.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(files.len(), 1, "{uid} in several files");
        let statuses: BTreeSet<&str> = es.iter().map(|e| e.2.as_str()).collect();
        assert_eq!(statuses.len(), 1, "{uid}: {statuses:?}");
    }
    // Events moved (start changed) or cancelled have SEQUENCE ≥ 1; unchanged ones 0.
    let start_of = |p: &Plan, vid: &str| {
        p.visits
            .iter()
            .find(|v| v.id == vid)
            .map(|v| (v.date, v.start, v.end))
    };
    let mut moved = 0;
    for v in &new.visits {
        for c in &v.crew {
            let uid = format!("{}-{}-{}@onedoor", scn.horizon.start, v.id, c.inspector);
            let e = by_uid
                .get(uid.as_str())
                .and_then(|es| es.first())
                .expect("event");
            assert_eq!(e.2, "CONFIRMED");
            if start_of(&old, &v.id) != Some((v.date, v.start, v.end)) {
                moved += 1;
                assert!(e.3 >= 1, "{uid} moved with SEQUENCE {}", e.3);
            }
        }
    }
    let cancelled: Vec<_> = list.iter().filter(|e| e.2 == "CANCELLED").collect();
    assert!(cancelled.iter().all(|e| e.3 >= 1));
    // The inspector who left gets a calendar cancelling every visit they had.
    let theirs = old
        .visits
        .iter()
        .filter(|v| v.crew.iter().any(|c| c.inspector == ill))
        .count();
    let ill_file = format!("{ill}.ics");
    assert_eq!(
        cancelled.iter().filter(|e| e.0 == ill_file).count(),
        theirs,
        "{ill} lost {theirs} visits"
    );
    assert!(theirs > 0 && moved + cancelled.len() > 0);
    let stamp =
        std::fs::read_to_string(out.join("internal/calendars").join(&ill_file)).expect("ics");
    assert!(stamp.contains("DTSTAMP:20220913T000000Z"));

    // The report has a "what changed" section naming every visit moved or cancelled.
    let report = std::fs::read_to_string(out.join("internal/report.html")).expect("report.html");
    let section = report
        .split("<section id=\"changes\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a what-changed section");
    let mut listed = 0;
    for v in &old.visits {
        let now = new.visits.iter().find(|n| n.id == v.id);
        if now.is_none_or(|n| (n.date, n.start) != (v.date, v.start)) {
            listed += 1;
            assert!(
                section.contains(&format!(">{}<", v.id)),
                "{} moved or cancelled, not in the what-changed section",
                v.id
            );
        }
    }
    assert!(listed > 0, "the re-plan changes some visit");

    // Change notices only to businesses whose announced visits changed (date, window,
    // departments or officers), naming the earlier notice; the index says what to do.
    let told = |p: &Plan| -> BTreeMap<String, BTreeSet<Told>> {
        let mut m: BTreeMap<String, BTreeSet<_>> = BTreeMap::new();
        for v in &p.visits {
            let depts: BTreeSet<String> = v
                .tasks
                .iter()
                .map(|t| scn.task(scn.index.tasks[t]))
                .filter(|t| t.announced)
                .map(|t| scn.department(t.department).id.clone())
                .collect();
            if depts.is_empty() {
                continue;
            }
            let officers = v
                .crew
                .iter()
                .filter(|c| depts.contains(&c.department))
                .map(|c| c.inspector.clone())
                .collect();
            m.entry(v.business.clone()).or_default().insert((
                v.date.to_string(),
                v.start.0 - v.start.0 % 30,
                depts,
                officers,
            ));
        }
        m
    };
    let (before, after) = (told(&old), told(&new));
    let index = text(&std::fs::read(out.join("for-businesses/index.html")).expect("index"));
    let all: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let mut changed = 0;
    for b in all {
        let row = index
            .split("<tr data-action=")
            .find(|r| r.contains(&format!("notices/{b}.html")))
            .unwrap_or_else(|| panic!("{b} in the index"));
        let html = text(
            &std::fs::read(out.join(format!("for-businesses/notices/{b}.html"))).expect("notice"),
        );
        match (before.get(b), after.get(b)) {
            (Some(x), Some(y)) if x == y => assert!(row.starts_with("\"Keep\""), "{b}: {row}"),
            (Some(_), Some(_)) => {
                changed += 1;
                assert!(row.starts_with("\"Change\""), "{b}: {row}");
                assert!(html.contains("变更告知书") && html.contains("本告知书变更"));
            }
            (None, Some(_)) => assert!(row.starts_with("\"Send\""), "{b}"),
            (Some(_), None) => {
                changed += 1;
                assert!(row.starts_with("\"Cancel\""), "{b}");
                assert!(html.contains("取消告知书"));
            }
            (None, None) => unreachable!(),
        }
    }
    assert!(
        changed > 0,
        "the re-plan changed something a business was told"
    );
    let to_send = text(&std::fs::read(out.join("for-businesses/to-send.html")).expect("to-send"));
    assert_eq!(
        to_send.matches("<section class=\"sheet\"").count(),
        index.matches("\"Change\"").count()
            + index.matches("\"Cancel\"").count()
            + index.matches("\"Send\"").count()
    );
}

#[test]
fn the_folder_holds_exactly_one_export() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (scenario, plan, _, _) = week(tmp.path(), 3);
    let dir = tmp.path().join("week");
    // The tiny week first, then another week into the same folder.
    export(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &dir,
        &[],
    );
    // A symbolic link inside the folder pointing outside: never written through.
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("writes");
    let link = dir.join("for-businesses/notices/B01.html");
    let _ = std::fs::remove_file(&link);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    export(&scenario, &plan, &dir, &[]);
    let fresh = tmp.path().join("fresh");
    export(&scenario, &plan, &fresh, &[]);
    assert_eq!(files(&dir), files(&fresh), "only the second week's files");
    assert_eq!(std::fs::read_to_string(&victim).expect("reads"), "keep me");
    assert!(!std::fs::symlink_metadata(&link)
        .expect("there")
        .file_type()
        .is_symlink());
    let siblings: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        siblings.is_empty(),
        "no temporary folder left: {siblings:?}"
    );

    // --to an existing file is refused and the file is left alone.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "mine").expect("writes");
    let out = run([
        "export".as_ref(),
        scenario.as_os_str(),
        plan.as_os_str(),
        "--to".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("is a file"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("reads"), "mine");
    // A folder holding other files is refused too, nothing deleted.
    let docs = tmp.path().join("documents");
    std::fs::create_dir(&docs).expect("mkdir");
    std::fs::write(docs.join("thesis.docx"), "mine").expect("writes");
    let out = run([
        "export".as_ref(),
        scenario.as_os_str(),
        plan.as_os_str(),
        "--to".as_ref(),
        docs.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("thesis.docx"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(files(&docs).len(), 1);
}

/// `chromium` if installed; `None` (with a message) when missing and not required.
fn browser() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok()
    });
    if found.is_none() {
        if std::env::var("ONEDOOR_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("chromium is missing and ONEDOOR_REQUIRE_BROWSER=1");
        }
        eprintln!("SKIPPED the notices' browser checks: chromium is not installed");
    }
    found
}

/// Runs headless Chromium with `args` and a fresh profile; returns stdout.
fn chromium(browser: &str, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium runs");
    text(&out.stdout)
}

/// The width `page` lays out to in a `width` px wide viewport: the page in an iframe of
/// that width (headless Chromium's window is at least 500 px wide), with a script writing
/// the frame's `scrollWidth` into the DOM, read back with `--dump-dom`.
fn scroll_width(browser: &str, page: &Path, width: u32) -> u32 {
    let frame = page.with_extension("frame.html");
    let name = page.file_name().expect("a name").to_string_lossy();
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><html><body><iframe id=\"f\" src=\"{name}\" \
             style=\"width:{width}px;height:2000px;border:0\"></iframe><script>\
             window.addEventListener('load', function () {{ \
             var d = document.getElementById('f').contentDocument; \
             document.body.setAttribute('data-scroll-width', \
             String(d.documentElement.scrollWidth)); }});</script></body></html>"
        ),
    )
    .expect("writes");
    let dom = chromium(
        browser,
        &[
            "--allow-file-access-from-files".into(),
            "--window-size=1000,2000".into(),
            "--dump-dom".into(),
            format!("file://{}", frame.display()),
        ],
    );
    let _ = std::fs::remove_file(&frame);
    let at =
        dom.find("data-scroll-width=\"").expect("the probe ran") + "data-scroll-width=\"".len();
    dom[at..]
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a width")
}

#[test]
fn a_notice_prints_on_one_a4_page_and_fits_a_phone() {
    let Some(browser) = browser() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let (scenario, plan, _, _) = week(tmp.path(), 2);
    let out = tmp.path().join("out");
    export(&scenario, &plan, &out, &[]);
    let notices = out.join("for-businesses/notices");
    let mut checked = 0;
    for (rel, bytes) in files(&notices) {
        let visits = text(&bytes).matches("<section class=\"visit\">").count();
        if visits > 2 {
            continue;
        }
        let page = notices.join(&rel);
        let pdf = tmp.path().join("notice.pdf");
        let _ = std::fs::remove_file(&pdf);
        chromium(
            browser,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".into(),
                format!("file://{}", page.display()),
            ],
        );
        let bytes = std::fs::read(&pdf).expect("a PDF");
        let raw = String::from_utf8_lossy(&bytes);
        let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
        assert_eq!(
            pages, 1,
            "{rel:?} ({visits} visits) prints on {pages} pages"
        );
        // A4 is 595 x 842 points (Chromium writes e.g. `[0 0 594.95996 841.91998]`).
        let media = raw
            .split("/MediaBox [")
            .nth(1)
            .and_then(|r| r.split(']').next())
            .expect("a MediaBox");
        let size: Vec<f64> = media
            .split_whitespace()
            .map(|n| n.parse().expect("a number"))
            .collect();
        assert!(
            (size[2] - 595.0).abs() < 1.0 && (size[3] - 842.0).abs() < 1.0,
            "A4: {media}"
        );
        checked += 1;
        if checked >= 3 {
            break;
        }
    }
    assert!(checked > 0, "a notice of one or two visits");
    // English words are longer: an English notice fits too.
    let en = tmp.path().join("en");
    export(&scenario, &plan, &en, &["--lang", "en"]);
    let en_notices = en.join("for-businesses/notices");
    let first_en = en_notices.join(files(&en_notices).keys().next().expect("a notice"));
    assert!(
        scroll_width(browser, &first_en, 390) <= 390,
        "English notice"
    );
    // A notice of two visits, from the Dinghai week (real names and items), on one page.
    let dinghai = tmp.path().join("dinghai.plan.json");
    run_ok([
        "plan".as_ref(),
        repo("scenarios/dinghai-week.json").as_os_str(),
        "-o".as_ref(),
        dinghai.as_os_str(),
        "--time-limit".as_ref(),
        "5".as_ref(),
    ]);
    let scn = common::scenario("dinghai-week.json");
    assert_valid(&scn, &Plan::load(&dinghai).expect("plan"));
    let dw = tmp.path().join("dinghai");
    export(&repo("scenarios/dinghai-week.json"), &dinghai, &dw, &[]);
    let two = files(&dw.join("for-businesses/notices"))
        .into_iter()
        .find(|(_, b)| text(b).matches("<section class=\"visit\">").count() == 2)
        .map(|(rel, _)| dw.join("for-businesses/notices").join(rel))
        .expect("a business with two announced visits");
    let pdf = tmp.path().join("two.pdf");
    chromium(
        browser,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            format!("file://{}", two.display()),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).expect("a PDF")).into_owned();
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert_eq!(
        pages,
        1,
        "{} (two visits) prints on {pages} pages",
        two.display()
    );
    assert!(scroll_width(browser, &two, 390) <= 390, "{}", two.display());
    // The week in one go: every notice (here one or two visits each) on a page of its own.
    let all = out.join("for-businesses/all-notices.html");
    let sheets = text(&std::fs::read(&all).expect("all notices"))
        .matches("<section class=\"sheet\"")
        .count();
    let pdf = tmp.path().join("all.pdf");
    chromium(
        browser,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            format!("file://{}", all.display()),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).expect("a PDF")).into_owned();
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert_eq!(pages, sheets, "one printed page per notice");
    for page in [
        notices.join(files(&notices).keys().next().expect("a notice")),
        out.join("for-businesses/index.html"),
        out.join("for-businesses/all-notices.html"),
    ] {
        let w = scroll_width(browser, &page, 390);
        assert!(w <= 390, "{}: {w} px wide at 390", page.display());
    }
    // Screenshots for people to look at: target/notice-390.png, target/notice-1400.png.
    let first = notices.join(files(&notices).keys().next().expect("a notice"));
    for (w, name) in [(390, "notice-390.png"), (1400, "notice-1400.png")] {
        let shot = repo("target").join(name);
        chromium(
            browser,
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={w},1800"),
                "--hide-scrollbars".into(),
                format!("file://{}", first.display()),
            ],
        );
    }
}

/// `generate` fills in what people are told — the notice block, a catalogue naming
/// every item code its tasks use, a certificate number for every certified inspector,
/// every business's address, contact and phone — and these fields change no plan: the
/// week without them plans to the same visits.
#[test]
fn generated_weeks_carry_the_handout_fields_and_plan_as_before() {
    for seed in [1, 7] {
        let text = onedoor_generate::generate(onedoor_generate::Preset::Tiny, seed);
        let scn = onedoor_core::parse_scenario(&text, "generated.json").expect("loads");
        let n = &scn.notice;
        assert!(n.issuer.is_some() && n.phone.is_some() && n.legal_basis.is_some());
        assert!(n.number_prefix.is_some() && n.contact.is_some());
        for t in &scn.tasks {
            for code in &t.items {
                let item = scn
                    .item(code)
                    .unwrap_or_else(|| panic!("{code} catalogued"));
                assert!(item
                    .name
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            }
        }
        for i in &scn.inspectors {
            assert_eq!(i.certified, i.certificate.is_some(), "{}", i.id);
        }
        for b in &scn.businesses {
            assert!(b.address.is_some() && b.contact.is_some() && b.phone.is_some());
        }
        let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
        let root = json.as_object_mut().expect("object");
        root.remove("notice");
        root.remove("items");
        for i in root["inspectors"].as_array_mut().expect("list") {
            i.as_object_mut().expect("object").remove("certificate");
        }
        for b in root["businesses"].as_array_mut().expect("list") {
            let b = b.as_object_mut().expect("object");
            for k in ["address", "contact", "phone"] {
                b.remove(k);
            }
        }
        let bare = onedoor_core::parse_scenario(&json.to_string(), "bare.json").expect("loads");
        let with = common::solve_checked(&scn, &common::options()).plan;
        let without = common::solve_checked(&bare, &common::options()).plan;
        assert_eq!(with.visits, without.visits, "seed {seed}");
        assert_eq!(with.unscheduled, without.unscheduled, "seed {seed}");
    }
}

/// A scenario without the handout fields (`scenarios/tiny.json`): the notice leaves their
/// lines out rather than invent them, and numbers notices without a prefix.
#[test]
fn absent_fields_leave_their_lines_out() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let scn = common::tiny();
    assert!(scn.notice.issuer.is_none() && scn.items.is_empty());
    assert!(scn.businesses.iter().all(|b| b.address.is_none()));
    let out = tmp.path().join("out");
    export(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &out,
        &[],
    );
    let notices = files(&out.join("for-businesses/notices"));
    assert!(!notices.is_empty());
    for (rel, bytes) in notices {
        let html = text(&bytes);
        for label in [
            "<dt>地址</dt>",
            "<dt>联系人</dt>",
            "<b>依据</b>",
            "<b>如有疑问</b>",
            "执法证号",
        ] {
            assert!(!html.contains(label), "{rel:?} has {label}");
        }
        assert!(
            html.contains("文号：第") && html.contains("号</span>"),
            "{rel:?}"
        );
        assert!(html.contains("申请其回避"), "the rights are always there");
    }
}
