//! `onedoor export` end to end through the binary: every file read back by an
//! independent reader — the workbook with `calamine`, the CSV with `csv`, the calendars
//! with `ical`, the GeoJSON with `geojson`, the report in headless Chromium — and its
//! numbers compared with the plan and the checker's figures. Also: invalid plans are
//! refused with nothing written, unreadable input exits 2, `--previous` cancels dropped
//! visits, `plan --export` and `whatif --export` write the same files, and the output
//! is the same bytes for the same plan.
//!
//! The browser test skips (with a message) when `chromium` is missing, unless
//! `ONEDOOR_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes a missing browser fail.

use crate::common;

use calamine::{Data, Reader};
use common::{assert_valid, files, good, poor, repo, run, text, tiny};
use onedoor_core::plan::{Figure, Plan, Value};
use onedoor_core::Scenario;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Runs `export SCENARIO PLAN --to DIR` plus `extra`, asserting exit 0; returns stdout.
fn export_ok(scenario: &Path, plan: &Path, dir: &Path, extra: &[&str]) -> String {
    let mut args: Vec<std::ffi::OsString> = vec![
        "export".into(),
        scenario.into(),
        plan.into(),
        "--to".into(),
        dir.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The checker's figures of a plan.
fn figures(scn: &Scenario, plan: &Plan) -> onedoor_core::plan::Stats {
    onedoor_check::check(scn, plan).stats
}

fn cell(row: &[Data], i: usize) -> String {
    match &row[i] {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(n) => n.to_string(),
        Data::Empty => String::new(),
        // Dates and times are real Excel dates: shown as the plan writes them.
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if d.as_f64() < 1.0 => t.format("%H:%M").to_string(),
            Some(t) => t.format("%Y-%m-%d").to_string(),
            None => format!("{d}"),
        },
        other => format!("{other}"),
    }
}

/// Checks the workbook against the plan: every visit row equals the plan's visit, the
/// overview equals the checker's figures, one row per crew entry, per left-out task.
fn check_workbook(dir: &Path, scn: &Scenario, plan: &Plan) {
    let stats = figures(scn, plan);
    let mut book = calamine::open_workbook_auto(dir.join("plan.xlsx")).expect("workbook opens");
    let names = book.sheet_names().to_vec();
    assert_eq!(names.len(), 5, "{names:?}");
    let visits = book.worksheet_range(&names[1]).expect("visits sheet");
    let rows: Vec<&[Data]> = visits.rows().skip(1).collect();
    assert_eq!(rows.len(), plan.visits.len());
    let by_id: BTreeMap<&str, &onedoor_core::plan::Visit> =
        plan.visits.iter().map(|v| (v.id.as_str(), v)).collect();
    for row in &rows {
        let id = cell(row, 0);
        let v = by_id.get(id.as_str()).expect("a visit of the plan");
        assert!(
            matches!(row[0], Data::String(_)),
            "ids are text: {:?}",
            row[0]
        );
        assert_eq!(cell(row, 1), v.date.format("%Y-%m-%d").to_string());
        assert_eq!(cell(row, 2), v.start.to_string());
        assert_eq!(cell(row, 3), v.end.to_string());
        assert_eq!(cell(row, 4), v.business);
        let b = scn.business(scn.index.businesses[&v.business]);
        assert_eq!(cell(row, 5), b.name);
        assert_eq!(cell(row, 6), b.town);
        assert_eq!(cell(row, 11), v.tasks.join(", "));
        for c in &v.crew {
            let name = &scn.inspector(scn.index.inspectors[&c.inspector]).name;
            assert!(cell(row, 9).contains(name.as_str()), "crew names {name}");
        }
    }
    // Overview: the checker's figures, in Figure order after the scenario row.
    let overview = book.worksheet_range(&names[0]).expect("overview");
    let ov: Vec<&[Data]> = overview.rows().skip(2).collect();
    for (f, row) in Figure::ALL.into_iter().zip(&ov) {
        let got = match &row[1] {
            Data::Float(x) => *x,
            Data::Int(n) => *n as f64,
            other => panic!("{f:?}: {other:?}"),
        };
        let want = match f.value(&stats) {
            Value::Count(n) => n as f64,
            Value::Ratio(r) => (r * 10_000.0).round() / 10_000.0,
        };
        assert_eq!(got, want, "{f:?}");
    }
    let days = book.worksheet_range(&names[2]).expect("days");
    assert_eq!(days.rows().count() - 1, stats.officer_visits as usize);
    let left = book.worksheet_range(&names[4]).expect("left out");
    assert_eq!(left.rows().count() - 1, stats.unscheduled as usize);
    let depts = book.worksheet_range(&names[3]).expect("departments");
    let scheduled: f64 = depts
        .rows()
        .skip(1)
        .map(|r| match r[3] {
            Data::Float(x) => x,
            _ => 0.0,
        })
        .sum();
    assert_eq!(scheduled, stats.scheduled as f64);
}

/// Checks both CSV files: BOM, CRLF, one row per visit / crew entry, ids equal.
fn check_csv(dir: &Path, plan: &Plan) {
    let bytes = std::fs::read(dir.join("visits.csv")).expect("visits.csv");
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "BOM");
    let body = &bytes[3..];
    let textual = std::str::from_utf8(body).expect("UTF-8");
    assert!(textual.ends_with("\r\n"));
    assert_eq!(
        textual.matches('\n').count(),
        textual.matches("\r\n").count(),
        "CRLF only"
    );
    let mut r = csv::Reader::from_reader(body);
    let ids: BTreeSet<String> = r
        .records()
        .map(|rec| rec.expect("row")[0].to_owned())
        .collect();
    let want: BTreeSet<String> = plan.visits.iter().map(|v| v.id.clone()).collect();
    assert_eq!(ids, want);
    let bytes = std::fs::read(dir.join("itineraries.csv")).expect("itineraries.csv");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let mut stops: BTreeMap<(String, String), usize> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        if rec[6].is_empty() {
            continue; // leaving or back at the base
        }
        *stops
            .entry((rec[1].to_owned(), rec[6].to_owned()))
            .or_default() += 1;
    }
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for v in &plan.visits {
        for c in &v.crew {
            *want.entry((c.inspector.clone(), v.id.clone())).or_default() += 1;
        }
    }
    assert_eq!(stops, want, "one itinerary row per crew entry");
}

/// Parses every calendar with `ical`; checks events per inspector = crew entries, times
/// and zone, UIDs, and that folding is legal. Returns (inspector file stem → events).
fn check_calendars(dir: &Path, scn: &Scenario, plan: &Plan) -> BTreeMap<String, Vec<Event>> {
    let mut found = BTreeMap::new();
    for (rel, bytes) in files(&dir.join("calendars")) {
        let stem = rel
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        for line in bytes.split(|b| *b == b'\n') {
            assert!(line.is_empty() || line.ends_with(b"\r"), "CRLF");
            let content = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(content.len() <= 75, "line over 75 octets in {stem}");
            std::str::from_utf8(content).expect("each physical line is valid UTF-8");
        }
        let parser = ical::IcalParser::new(std::io::BufReader::new(&bytes[..]));
        let cals: Vec<_> = parser.map(|c| c.expect("calendar parses")).collect();
        assert_eq!(cals.len(), 1);
        let cal = &cals[0];
        assert_eq!(cal.timezones.len(), 1);
        let tz = &cal.timezones[0];
        let tzid = tz.properties.iter().find(|p| p.name == "TZID");
        assert_eq!(tzid.and_then(|p| p.value.as_deref()), Some("Asia/Shanghai"));
        let mut events = Vec::new();
        for e in &cal.events {
            let get = |n: &str| e.properties.iter().find(|p| p.name == n).cloned();
            let start = get("DTSTART").expect("DTSTART");
            let params = start.params.clone().unwrap_or_default();
            assert!(
                params
                    .iter()
                    .any(|(k, v)| k == "TZID" && v == &vec!["Asia/Shanghai".to_owned()]),
                "{params:?}"
            );
            events.push(Event {
                uid: get("UID").and_then(|p| p.value).expect("UID"),
                start: start.value.expect("start"),
                end: get("DTEND").and_then(|p| p.value).expect("DTEND"),
                status: get("STATUS").and_then(|p| p.value).unwrap_or_default(),
                sequence: get("SEQUENCE").and_then(|p| p.value).unwrap_or_default(),
                summary: get("SUMMARY").and_then(|p| p.value).unwrap_or_default(),
            });
        }
        found.insert(stem, events);
    }
    // Confirmed events per inspector = that inspector's crew entries, with its times.
    let horizon = scn.horizon.start.format("%Y-%m-%d").to_string();
    let mut want: BTreeMap<String, BTreeSet<(String, String, String)>> = BTreeMap::new();
    for v in &plan.visits {
        for c in &v.crew {
            let stamp = |t: onedoor_core::scenario::time::Clock| {
                format!(
                    "{}T{:02}{:02}00",
                    v.date.format("%Y%m%d"),
                    t.0 / 60,
                    t.0 % 60
                )
            };
            want.entry(c.inspector.clone()).or_default().insert((
                format!("{horizon}-{}-{}@onedoor", v.id, c.inspector),
                stamp(v.start),
                stamp(v.end),
            ));
        }
    }
    for (insp, set) in &want {
        let events = found
            .get(insp)
            .expect("a calendar per inspector with visits");
        let got: BTreeSet<(String, String, String)> = events
            .iter()
            .filter(|e| e.status == "CONFIRMED")
            .map(|e| (e.uid.clone(), e.start.clone(), e.end.clone()))
            .collect();
        assert_eq!(&got, set, "events of {insp}");
        assert_eq!(
            events.iter().filter(|e| e.status == "CONFIRMED").count(),
            set.len()
        );
    }
    found
}

/// One parsed calendar event.
#[derive(Debug, Clone)]
struct Event {
    uid: String,
    start: String,
    end: String,
    status: String,
    sequence: String,
    summary: String,
}

#[test]
fn export_writes_every_format_and_each_reads_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("week");
    let scn = tiny();
    let plan = good();
    assert_valid(&scn, &plan);
    let stdout = export_ok(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &dir,
        &[],
    );
    assert!(stdout.contains("no plan.geojson"), "{stdout}");
    assert!(!dir.join("internal/plan.geojson").exists());
    check_workbook(&dir.join("internal"), &scn, &plan);
    check_csv(&dir.join("internal"), &plan);
    check_calendars(&dir.join("internal"), &scn, &plan);
    // One notice per business with an announced visit, in Chinese by default, naming
    // the arrival window and the officers of the announced tasks' departments.
    let announced = |t: &String| scn.task(scn.index.tasks[t]).announced;
    let told: BTreeSet<&str> = plan
        .visits
        .iter()
        .filter(|v| v.tasks.iter().any(announced))
        .map(|v| v.business.as_str())
        .collect();
    let notices = files(&dir.join("for-businesses/notices"));
    assert_eq!(notices.len(), told.len());
    for v in plan.visits.iter().filter(|v| v.tasks.iter().any(announced)) {
        let html = text(&notices[&PathBuf::from(format!("{}.html", v.business))]);
        assert!(html.contains("检查告知书") && html.contains("@page"));
        let from = v.start.0 - v.start.0 % 30;
        let window = format!("{:02}:{:02}—", from / 60, from % 60);
        assert!(html.contains(&window), "{window} in {}", v.business);
        let depts: BTreeSet<&str> = v
            .tasks
            .iter()
            .filter(|t| announced(t))
            .map(|t| {
                scn.department(scn.task(scn.index.tasks[t]).department)
                    .id
                    .as_str()
            })
            .collect();
        for c in v
            .crew
            .iter()
            .filter(|c| depts.contains(c.department.as_str()))
        {
            let name = &scn.inspector(scn.index.inspectors[&c.inspector]).name;
            assert!(html.contains(name.as_str()));
        }
    }
    let report = text(&std::fs::read(dir.join("internal/report.html")).expect("report"));
    assert_self_contained(&report);

    // Same plan, same bytes; English changes the words, not the numbers.
    let again = tmp.path().join("again");
    export_ok(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &again,
        &[],
    );
    assert_eq!(files(&dir), files(&again), "deterministic");
    let en = tmp.path().join("en");
    export_ok(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &en,
        &["--lang", "en"],
    );
    let notice = text(
        &files(&en.join("for-businesses/notices"))
            .into_values()
            .next()
            .expect("a notice"),
    );
    assert!(notice.contains("Notice of inspection") && notice.contains("Your rights"));
    check_workbook(&en.join("internal"), &scn, &plan);
}

/// No URL, no external resource: the report works offline.
fn assert_self_contained(html: &str) {
    for bad in [
        "http://",
        "https://",
        "src=\"//",
        "href=\"//",
        "url(",
        "@import",
    ] {
        assert!(!html.contains(bad), "report.html contains {bad}");
    }
    assert!(!html.contains(" src="), "no external scripts or images");
}

#[test]
fn an_invalid_plan_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut plan = good();
    plan.visits[0].crew.truncate(1);
    let path = tmp.path().join("bad.plan.json");
    std::fs::write(&path, plan.to_json_string()).expect("writes");
    let dir = tmp.path().join("out");
    let out = run([
        "export".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        path.as_os_str(),
        "--to".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = onedoor_check::check(&tiny(), &plan);
    assert!(!report.is_valid());
    let stderr = text(&out.stderr);
    // Listed in the export's language: Chinese by default.
    for v in &report.violations {
        let line = v.line(onedoor_core::Lang::Zh);
        assert!(stderr.contains(&line), "{line} listed: {stderr}");
    }
    assert!(stderr.contains("nothing was exported"), "{stderr}");
    assert!(!dir.exists(), "nothing written");
}

#[test]
fn unreadable_input_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("out");
    let missing = tmp.path().join("missing.plan.json");
    let out = run([
        "export".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        missing.as_os_str(),
        "--to".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("missing.plan.json"));
    let broken = tmp.path().join("broken.json");
    std::fs::write(&broken, "{\"version\": 1,").expect("writes");
    let out = run([
        "export".as_ref(),
        broken.as_os_str(),
        repo("tests/fixtures/tiny-good.plan.json").as_os_str(),
        "--to".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("broken.json"));
    assert!(!dir.exists());
}

#[test]
fn a_previous_plan_cancels_dropped_visits_in_the_calendars() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("out");
    export_ok(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &dir,
        &["--previous", "tests/fixtures/tiny-poor.plan.json"],
    );
    let (scn, plan, old) = (tiny(), good(), poor());
    let cals = check_calendars(&dir.join("internal"), &scn, &plan);
    let now: BTreeSet<(&str, &str)> = plan
        .visits
        .iter()
        .flat_map(|v| {
            v.crew
                .iter()
                .map(move |c| (v.id.as_str(), c.inspector.as_str()))
        })
        .collect();
    let mut want = 0;
    for v in &old.visits {
        for c in &v.crew {
            if now.contains(&(v.id.as_str(), c.inspector.as_str())) {
                continue;
            }
            want += 1;
            let uid = format!("2022-09-12-{}-{}@onedoor", v.id, c.inspector);
            let e = cals[&c.inspector]
                .iter()
                .find(|e| e.uid == uid && e.status == "CANCELLED")
                .unwrap_or_else(|| panic!("{uid} cancelled for {}", c.inspector));
            assert_eq!(e.sequence, "1");
        }
    }
    let cancelled: usize = cals
        .values()
        .map(|e| e.iter().filter(|e| e.status == "CANCELLED").count())
        .sum();
    assert_eq!(cancelled, want);
    assert!(want > 0, "the fixtures differ");
    assert!(cals
        .values()
        .flatten()
        .filter(|e| e.status == "CONFIRMED")
        .all(|e| (e.sequence == "0" || e.sequence == "1") && !e.summary.is_empty()));
}

/// Plans the lat/lon Dinghai week with `plan --export`, checks the plan, then the
/// GeoJSON and the report in a browser.
#[test]
fn dinghai_geo_plans_and_exports_geojson_and_a_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("geo");
    let plan_path = tmp.path().join("geo.plan.json");
    let out = run([
        "plan".as_ref(),
        repo("scenarios/dinghai-geo.json").as_os_str(),
        "-o".as_ref(),
        plan_path.as_os_str(),
        "--time-limit".as_ref(),
        "10".as_ref(),
        "--export".as_ref(),
        dir.as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("plan.geojson"), "{stdout}");
    let scn = common::scenario("dinghai-geo.json");
    let plan = Plan::load(&plan_path).expect("plan reads");
    assert_valid(&scn, &plan);
    check_workbook(&dir.join("internal"), &scn, &plan);
    check_csv(&dir.join("internal"), &plan);
    check_calendars(&dir.join("internal"), &scn, &plan);

    let text_geo = std::fs::read_to_string(dir.join("internal/plan.geojson")).expect("geojson");
    let gj: geojson::GeoJson = text_geo.parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("a FeatureCollection")
    };
    let visited: BTreeSet<&str> = plan.visits.iter().map(|v| v.business.as_str()).collect();
    let (mut points, mut lines) = (0, 0);
    for f in &fc.features {
        let geom = f.geometry.as_ref().expect("geometry");
        let check_pos = |p: &[f64]| {
            assert!((121.6..122.5).contains(&p[0]), "longitude first: {p:?}");
            assert!((29.8..30.3).contains(&p[1]), "latitude second: {p:?}");
        };
        match &geom.value {
            geojson::GeometryValue::Point { coordinates } => {
                points += 1;
                check_pos(coordinates.as_slice());
                let id = f.property("id").and_then(|v| v.as_str()).expect("id");
                assert!(visited.contains(id));
            }
            geojson::GeometryValue::LineString { coordinates } => {
                lines += 1;
                coordinates.iter().for_each(|p| check_pos(p.as_slice()));
                assert!(coordinates.len() >= 3);
                assert!(f.property("stroke").is_some());
            }
            other => panic!("unexpected geometry {other:?}"),
        }
    }
    assert_eq!(points, visited.len());
    let days: BTreeSet<(&str, chrono::NaiveDate)> = plan
        .visits
        .iter()
        .flat_map(|v| v.crew.iter().map(move |c| (c.inspector.as_str(), v.date)))
        .collect();
    assert_eq!(lines, days.len(), "one line per inspector-day");

    let report = dir.join("internal/report.html");
    assert_self_contained(&std::fs::read_to_string(&report).expect("report"));
    browser_check(&report, &scn, &plan);
}

/// Opens the report in headless Chromium: the self-check passes, the KPI numbers equal
/// the checker's, no script error, and a screenshot is produced (kept in
/// `target/export-report.png` for people to look at).
fn browser_check(report: &Path, scn: &Scenario, plan: &Plan) {
    let Some(browser) = ["chromium", "chromium-browser"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok()
    }) else {
        if std::env::var("ONEDOOR_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("chromium is missing and ONEDOOR_REQUIRE_BROWSER=1");
        }
        eprintln!(
            "SKIPPED the report's browser check: chromium is not installed \
             (apt-get install chromium fonts-wqy-microhei)"
        );
        return;
    };
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("file://{}", report.display());
    let common_args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--enable-logging=stderr".to_owned(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let out = std::process::Command::new(browser)
        .args(&common_args)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = text(&out.stdout);
    let log = text(&out.stderr);
    assert!(
        dom.contains("data-selfcheck=\"ok\""),
        "self-check: {}\n{log}",
        dom.lines()
            .find(|l| l.contains("<body"))
            .unwrap_or("no body")
    );
    for line in log.lines().filter(|l| l.contains("CONSOLE")) {
        assert!(
            !line.contains("Uncaught") && !line.contains("Error"),
            "console error: {line}"
        );
    }
    let stats = figures(scn, plan);
    for f in Figure::ALL {
        let key = format!("data-figure=\"{}\" data-value=\"", f.key());
        let Some(at) = dom.find(&key) else { continue };
        let rest = &dom[at + key.len()..];
        let value: f64 = rest[..rest.find('"').expect("quote")]
            .parse()
            .expect("a number");
        let want = match f.value(&stats) {
            Value::Count(n) => n as f64,
            Value::Ratio(r) => (r * 10_000.0).round() / 10_000.0,
        };
        assert_eq!(value, want, "{f:?} on the page");
    }
    for f in [Figure::Visits, Figure::VisitsSaved, Figure::Unscheduled] {
        assert!(dom.contains(&format!("data-figure=\"{}\"", f.key())));
    }
    let shot = repo("target/export-report.png");
    let _ = std::fs::remove_file(&shot);
    let out = std::process::Command::new(browser)
        .args(&common_args)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1400,2000")
        .arg("--hide-scrollbars")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "screenshot: {}",
        text(&out.stderr)
    );
}

#[test]
fn whatif_exports_one_folder_per_case() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("cases");
    let out = run([
        "whatif".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        "--holiday".as_ref(),
        "2022-09-14".as_ref(),
        "--export".as_ref(),
        dir.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("export dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["shortcuts", "tiny"]);
    for n in names {
        let html =
            std::fs::read_to_string(dir.join(&n).join("internal/report.html")).expect("report");
        assert!(html.contains("Joint inspections"));
        assert!(dir.join(&n).join("internal/plan.xlsx").exists());
    }
}

#[test]
fn the_plan_summary_lists_the_top_left_out_tasks_and_counts_by_reason() {
    // A week with more tasks left out than the summary lists: the scarce Dinghai week
    // cut to two dates.
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run([
        "plan".as_ref(),
        repo("scenarios/dinghai-scarce.json").as_os_str(),
        "--time-limit".as_ref(),
        "5".as_ref(),
        "--holiday".as_ref(),
        "2022-09-13".as_ref(),
        "--holiday".as_ref(),
        "2022-09-14".as_ref(),
        "--holiday".as_ref(),
        "2022-09-15".as_ref(),
        "--export".as_ref(),
        tmp.path().join("x").as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("left out by reason"), "{stdout}");
    assert!(stdout.contains("the full list:"), "{stdout}");
    assert!(stdout.contains("plan.xlsx"), "{stdout}");
    let listed = stdout
        .split("left out: ")
        .nth(1)
        .expect("a left-out block")
        .split("\n\n")
        .next()
        .expect("table")
        .lines()
        .count();
    assert_eq!(listed, 3 + onedoor::report::LEFT_OUT_SHOWN, "{stdout}");
}
