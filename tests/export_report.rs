//! The internal documents of `onedoor export` through the binary: the report for
//! leaders, the route sheets and department sheets, the workbook, the CSV and the
//! GeoJSON, as a coordinator and a leader would use them.
//!
//! - On a phone (Chromium at 390 px) neither the report nor a route sheet scrolls
//!   sideways; a route sheet prints on A4 (the PDF's MediaBox read back).
//! - A city-size week's report is navigable: its contents (every date and town as a
//!   link) come before the first date, on the first screen, and the page is not one
//!   endless column (long tables start collapsed: measured open and closed).
//! - `itineraries.csv` counts travel from and back to the base: its sum per inspector day
//!   and in all is the plan's `travel_minutes`.
//! - `plan.xlsx` holds real dates and times (read back as dates by calamine) and
//!   percentages formatted as such (the sheet's style read from the file).
//! - `plan.geojson` routes pass through the ends of a link when they cross it.
//! - A Chinese export has no English sentence in its report, workbook and sheets; an
//!   English one no Chinese punctuation of ours.
//!
//! Every plan made here is checked with zero violations. The browser tests skip (with
//! a message) when `chromium` is missing, unless `ONEDOOR_REQUIRE_BROWSER=1`.

use crate::common;

use calamine::{Data, Reader};
use common::{assert_valid, good, repo, run_ok as ok, text, tiny};
use onedoor_core::plan::Plan;
use onedoor_core::Scenario;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exports `plan` for `scenario` into `dir` with `extra` arguments.
fn export(scenario: &Path, plan: &Path, dir: &Path, extra: &[&str]) {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "export".as_ref(),
        scenario.as_os_str(),
        plan.as_os_str(),
        "--to".as_ref(),
        dir.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    ok(&args);
}

/// Plans `scenario` into `plan` (checked with zero violations) and returns the plan.
fn plan_checked(scenario: &Path, plan: &Path, seconds: &str) -> (Scenario, Plan) {
    ok([
        "plan".as_ref(),
        scenario.as_os_str(),
        "-o".as_ref(),
        plan.as_os_str(),
        "--time-limit".as_ref(),
        seconds.as_ref(),
    ]);
    let scn = onedoor_core::variant::load(scenario, &Default::default())
        .expect("scenario loads")
        .scenario;
    let p = Plan::load(plan).expect("plan reads");
    assert_valid(&scn, &p);
    (scn, p)
}

/// The exported file at `rel` under `dir`, as text.
fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The route sheets of an export.
fn route_sheets(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join("internal/routes"))
        .expect("internal/routes")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    out
}

/// Headless Chromium, or `None` (skip) when it is missing and not required.
fn browser() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok());
    if found.is_none() {
        assert!(
            !std::env::var("ONEDOOR_REQUIRE_BROWSER").is_ok_and(|v| v == "1"),
            "chromium is missing and ONEDOOR_REQUIRE_BROWSER=1"
        );
        eprintln!("SKIPPED a browser check: chromium is not installed");
    }
    found
}

/// Opens `page` in an iframe of `width`×`height` px (headless Chromium's window cannot
/// be narrower than 500 px; the iframe is the phone's screen: its media queries and
/// viewport follow the iframe), runs `script` once the page has loaded and returns the
/// wrapper's DOM. The script sees `d` (the page's document), `win` (its window) and `b`
/// (the wrapper's body, whose `dataset` carries the measurements out).
fn measure(browser: &str, page: &Path, script: &str, width: u32, height: u32) -> String {
    let name = page.file_name().expect("a file").to_string_lossy();
    let probe = page.with_file_name("_probe.html");
    let wrapper = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><script>\
         function measure(f) {{ var d = f.contentDocument, win = f.contentWindow, b = document.body; \
         b.dataset.selfcheck = d.body.dataset.selfcheck || ''; {script} }}</script>\
         <iframe src=\"{name}\" onload=\"measure(this)\" \
         style=\"width:{width}px;height:{height}px;border:0\"></iframe></body></html>"
    );
    std::fs::write(&probe, wrapper).expect("probe writes");
    let profile = tempfile::tempdir().expect("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--virtual-time-budget=20000",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--window-size={},{}", width.max(500) + 20, height + 20),
            "--dump-dom",
        ])
        .arg(format!("file://{}", probe.display()))
        .output()
        .expect("chromium runs");
    let _ = std::fs::remove_file(&probe);
    text(&out.stdout)
}

/// The value of `data-NAME="…"` in a dumped DOM.
fn data(dom: &str, name: &str) -> f64 {
    let key = format!("data-{name}=\"");
    let at = dom
        .find(&key)
        .unwrap_or_else(|| panic!("{key} in the DOM: {}", &dom[..dom.len().min(400)]));
    let rest = &dom[at + key.len()..];
    rest[..rest.find('"').expect("quote")]
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Writes the page's width, the viewport's width and the page's height.
const WIDTHS: &str = "b.dataset.sw = d.documentElement.scrollWidth; \
                      b.dataset.iw = win.innerWidth; \
                      b.dataset.sh = d.documentElement.scrollHeight;";

/// Asserts the page does not scroll sideways at 390 px.
fn fits_a_phone(browser: &str, page: &Path) {
    let dom = measure(browser, page, WIDTHS, 390, 844);
    let (sw, iw) = (data(&dom, "sw"), data(&dom, "iw"));
    assert_eq!(iw, 390.0, "the viewport is a phone's");
    assert!(
        sw <= iw,
        "{}: {sw} px wide on a {iw} px screen",
        page.display()
    );
}

#[test]
fn report_and_route_sheet_fit_a_phone_and_a_route_sheet_prints_on_a4() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("week");
    assert_valid(&tiny(), &good());
    export(
        &repo("scenarios/tiny.json"),
        &repo("tests/fixtures/tiny-good.plan.json"),
        &dir,
        &[],
    );
    let routes = route_sheets(&dir);
    assert!(!routes.is_empty());
    let departments = std::fs::read_dir(dir.join("internal/departments"))
        .expect("internal/departments")
        .count();
    assert_eq!(departments, tiny().departments.len());
    let Some(browser) = browser() else { return };
    fits_a_phone(browser, &dir.join("internal/report.html"));
    fits_a_phone(browser, &routes[0]);

    // The department filter shows exactly the visits with a task of that department.
    let plan = good();
    let scn = tiny();
    for dept in &scn.departments {
        let dom = measure(
            browser,
            &dir.join("internal/report.html"),
            &format!(
                "var s = d.querySelector('select[data-filter=dept]'); s.value = '{}'; \
                 s.dispatchEvent(new Event('change')); \
                 b.dataset.rows = Array.prototype.filter.call(d.querySelectorAll('tr.visit-row'), \
                 function (r) {{ return !r.hidden; }}).length;",
                dept.id
            ),
            1400,
            900,
        );
        let want = plan
            .visits
            .iter()
            .filter(|v| {
                v.tasks
                    .iter()
                    .any(|t| scn.department(scn.task(scn.index.tasks[t]).department).id == dept.id)
            })
            .count();
        assert_eq!(data(&dom, "rows"), want as f64, "filter {}", dept.id);
    }

    let pdf = tmp.path().join("route.pdf");
    let profile = tempfile::tempdir().expect("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--print-to-pdf={}", pdf.display()),
        ])
        .arg(format!("file://{}", routes[0].display()))
        .output()
        .expect("chromium runs");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)));
    let body = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = body
        .match_indices("/MediaBox")
        .map(|(i, _)| {
            let rest = &body[i..];
            &rest[..rest.find(']').expect("a box")]
        })
        .collect();
    assert!(!boxes.is_empty(), "pages in the PDF");
    for b in &boxes {
        let nums: Vec<f64> = b
            .trim_start_matches("/MediaBox")
            .trim_start_matches([' ', '['])
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        // A4 is 595.3 × 841.9 points (Chromium rounds to its own units).
        assert!(
            (nums[2] - 595.3).abs() < 2.0 && (nums[3] - 841.9).abs() < 2.0,
            "an A4 page: {b}"
        );
    }
}

#[test]
fn a_city_week_report_is_navigable_and_its_travel_adds_up() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let scenario = tmp.path().join("city.json");
    ok([
        "generate".as_ref(),
        "--preset".as_ref(),
        "city".as_ref(),
        "--seed".as_ref(),
        "2".as_ref(),
        "-o".as_ref(),
        scenario.as_os_str(),
    ]);
    let plan = tmp.path().join("city.plan.json");
    let (scn, p) = plan_checked(&scenario, &plan, "20");
    let dir = tmp.path().join("city");
    export(&scenario, &plan, &dir, &[]);
    travel_adds_up(&dir, &scn, &p);

    let report = read(&dir, "internal/report.html");
    let contents = report.find("class=\"contents\"").expect("a contents list");
    let first_date = report.find("class=\"date\"").expect("a date section");
    assert!(contents < first_date, "the contents come first");
    let toc = &report[contents..first_date];
    for d in scn.horizon.working_dates() {
        assert!(
            toc.contains(&format!("href=\"#d-{}\"", d.format("%Y-%m-%d"))),
            "{d} listed"
        );
    }
    let towns: BTreeSet<&str> = p
        .visits
        .iter()
        .map(|v| {
            scn.business(scn.index.businesses[&v.business])
                .town
                .as_str()
        })
        .collect();
    assert_eq!(
        toc.matches("href=\"#t-").count(),
        towns.len(),
        "every town listed"
    );
    assert!(report.contains("id=\"t-1\""));

    let Some(browser) = browser() else { return };
    let dom = measure(
        browser,
        &dir.join("internal/report.html"),
        &format!(
            "{WIDTHS} var c = d.querySelector('.contents'); \
             b.dataset.toc = c.getBoundingClientRect().top; \
             d.querySelectorAll('details').forEach(function (e) {{ e.open = true; }}); \
             b.dataset.open = d.documentElement.scrollHeight;"
        ),
        1400,
        900,
    );
    assert!(
        dom.contains("data-selfcheck=\"ok\""),
        "the report's self-check"
    );
    let (closed, open, toc_top) = (data(&dom, "sh"), data(&dom, "open"), data(&dom, "toc"));
    assert!(
        toc_top < 900.0,
        "the contents start on the first screen ({toc_top} px)"
    );
    assert!(
        open > 3.0 * closed,
        "long tables start collapsed: {closed} px closed, {open} px open"
    );
    assert!(closed < 20_000.0, "not one endless column: {closed} px");
    fits_a_phone(browser, &dir.join("internal/report.html"));
}

/// `itineraries.csv`: per inspector day, rows leave the base, visit, come back; travel
/// sums to the plan's `travel_minutes` (in all and per day, by the checker's figures).
fn travel_adds_up(dir: &Path, scn: &Scenario, plan: &Plan) {
    let bytes = std::fs::read(dir.join("internal/itineraries.csv")).expect("itineraries.csv");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let mut total = 0u64;
    let mut days: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        total += rec[9].parse::<u64>().expect("travel minutes");
        days.entry((rec[0].to_owned(), rec[1].to_owned()))
            .or_default()
            .push(rec[6].to_owned());
    }
    let stats = onedoor_check::check(scn, plan).stats;
    assert_eq!(
        total, stats.travel_minutes,
        "travel sums to the plan's travel_minutes"
    );
    for ((date, insp), visits) in &days {
        assert!(visits.len() >= 3, "{insp} {date}: leave, visits, back");
        assert!(visits[0].is_empty() && visits[visits.len() - 1].is_empty());
        assert!(visits[1..visits.len() - 1].iter().all(|v| !v.is_empty()));
    }
}

#[test]
fn geo_export_routes_cross_links_and_the_workbook_holds_dates_and_percentages() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let plan = tmp.path().join("geo.plan.json");
    let scenario = repo("scenarios/dinghai-geo.json");
    let (scn, p) = plan_checked(&scenario, &plan, "10");
    let dir = tmp.path().join("geo");
    export(&scenario, &plan, &dir, &[]);
    travel_adds_up(&dir, &scn, &p);
    unannounced_marked(&dir, &scn, &p);

    // GeoJSON: a day that crosses the bridge goes through both of its ends.
    let gj: serde_json::Value =
        serde_json::from_str(&read(&dir, "internal/plan.geojson")).expect("JSON");
    let link = &scn.travel.links[0];
    let pos = |n| match scn.node_site(n).1 {
        onedoor_core::scenario::Location::Geo { lat, lon } => {
            [(lon * 1e6).round() / 1e6, (lat * 1e6).round() / 1e6]
        }
        _ => panic!("lat/lon"),
    };
    let (a, b) = (pos(link.from), pos(link.to));
    let mut crossing = 0;
    for f in gj["features"].as_array().expect("features") {
        if f["geometry"]["type"] != "LineString" {
            continue;
        }
        let line: Vec<[f64; 2]> = f["geometry"]["coordinates"]
            .as_array()
            .expect("coordinates")
            .iter()
            .map(|c| [c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat")])
            .collect();
        for (k, hop) in line.windows(2).enumerate() {
            if hop[0] == a && hop[1] == b || hop[0] == b && hop[1] == a {
                crossing += 1;
                assert!(k + 2 < line.len() || hop[1] == line[0], "the line goes on");
            }
        }
    }
    let islands: BTreeSet<&str> = ["jintang"].into_iter().collect();
    let island_visits = p
        .visits
        .iter()
        .filter(|v| {
            let b = scn.business(scn.index.businesses[&v.business]);
            islands.iter().any(|z| b.zone.contains(z))
        })
        .count();
    assert!(island_visits > 0, "the week visits the island");
    assert!(
        crossing > 0,
        "trips to the island cross the bridge link's ends"
    );

    // visits.csv: latitude and longitude of each visit's business.
    let bytes = std::fs::read(dir.join("internal/visits.csv")).expect("visits.csv");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header = r.headers().expect("header").clone();
    let (lat, lon) = (header.len() - 2, header.len() - 1);
    assert_eq!((&header[lat], &header[lon]), ("纬度", "经度"));
    for rec in r.records() {
        let rec = rec.expect("row");
        let b = scn.business(scn.index.businesses[&rec[4]]);
        let onedoor_core::scenario::Location::Geo { lat: y, lon: x } = b.location else {
            panic!("lat/lon")
        };
        assert_eq!(rec[lat].parse::<f64>().expect("lat"), y);
        assert_eq!(rec[lon].parse::<f64>().expect("lon"), x);
    }

    // The workbook: dates and times are dates, ratios are percentages.
    let path = dir.join("internal/plan.xlsx");
    let mut book = calamine::open_workbook_auto(&path).expect("workbook opens");
    let names = book.sheet_names().to_vec();
    let visits = book.worksheet_range(&names[1]).expect("visits");
    let by_id: BTreeMap<&str, &onedoor_core::plan::Visit> =
        p.visits.iter().map(|v| (v.id.as_str(), v)).collect();
    for row in visits.rows().skip(1) {
        let Data::String(id) = &row[0] else {
            panic!("visit id as text")
        };
        let v = by_id[id.as_str()];
        let Data::DateTime(date) = &row[1] else {
            panic!("a date: {:?}", row[1])
        };
        assert_eq!(date.as_datetime().expect("date").date(), v.date);
        for (cell, want) in [(&row[2], v.start), (&row[3], v.end)] {
            let Data::DateTime(t) = cell else {
                panic!("a time: {cell:?}")
            };
            let t = t.as_datetime().expect("time").time();
            use chrono::Timelike;
            assert_eq!(t.hour() * 60 + t.minute(), want.0);
        }
    }
    let styles = zip_text(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "a percent format");
    let sheet1 = zip_text(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("orientation=\"landscape\""));
    assert!(sheet1.contains("fitToWidth") || sheet1.contains("fitToPage=\"1\""));
    let workbook = zip_text(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat"
    );
    for sheet in 1..=names.len() {
        let xml = zip_text(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        for part in xml.split("width=\"").skip(1) {
            let width: f64 = part[..part.find('"').expect("quote")]
                .parse()
                .expect("width");
            assert!(width <= 51.0, "sheet {sheet}: a column {width} wide");
        }
    }
    // The reduction row of the overview is a number with the percent format.
    let overview = book.worksheet_range(&names[0]).expect("overview");
    let reduction = overview
        .rows()
        .find(|r| matches!(&r[0], Data::String(s) if s == "入户减少比例"))
        .expect("the reduction row");
    assert!(matches!(reduction[1], Data::Float(_)), "{:?}", reduction[1]);
}

/// A file inside the workbook's zip, as text.
fn zip_text(xlsx: &Path, name: &str) -> String {
    let file = std::fs::File::open(xlsx).expect("xlsx opens");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    entry.read_to_string(&mut s).expect("UTF-8");
    s
}

/// The text a person reads in an HTML page: no tags, styles, scripts or entities.
fn visible_text(html: &str) -> String {
    let mut s = html.to_owned();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>")] {
        while let Some(a) = s.find(open) {
            let b = s[a..].find(close).map_or(s.len(), |b| a + b + close.len());
            s.replace_range(a..b, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    for e in ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"] {
        out = out.replace(e, " ");
    }
    out
}

/// ASCII words of four letters or more in `text` that are not in `allowed`.
fn english_words(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-' && c != '.')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4)
        .filter(|w| !allowed.contains(*w))
        .map(str::to_owned)
        .collect()
}

/// Every string of every sheet of a workbook.
fn workbook_strings(path: &Path) -> Vec<String> {
    let mut book = calamine::open_workbook_auto(path).expect("workbook opens");
    let mut out = Vec::new();
    for name in book.sheet_names().to_vec() {
        out.push(name.clone());
        let range = book.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

#[test]
fn a_chinese_export_has_no_english_and_an_english_one_no_chinese_punctuation() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let scenario = repo("scenarios/dinghai-scarce.json");
    let plan = tmp.path().join("scarce.plan.json");
    let (scn, p) = plan_checked(&scenario, &plan, "5");
    assert!(!p.unscheduled.is_empty(), "a week that leaves tasks out");
    let zh = tmp.path().join("zh");
    export(&scenario, &plan, &zh, &[]);

    // Ids and codes of the scenario and plan, and the program's name, may be ASCII.
    let mut allowed: BTreeSet<String> = ["onedoor", "check"].map(str::to_owned).into();
    allowed.extend(scn.departments.iter().map(|d| d.id.clone()));
    allowed.extend(scn.inspectors.iter().map(|d| d.id.clone()));
    allowed.extend(scn.businesses.iter().map(|d| d.id.clone()));
    allowed.extend(scn.places.iter().map(|d| d.id.clone()));
    allowed.extend(scn.tasks.iter().map(|d| d.id.clone()));
    allowed.extend(scn.tasks.iter().flat_map(|t| t.items.clone()));
    allowed.extend(p.visits.iter().map(|v| v.id.clone()));
    allowed.extend(onedoor_core::plan::Reason::ALL.map(|r| r.code().to_owned()));
    // The scenario's own name and zone ids are the user's words, not ours.
    allowed.extend(english_words(&scn.name, &BTreeSet::new()));
    allowed.extend(scn.businesses.iter().map(|b| b.zone.clone()));
    allowed.extend(scn.places.iter().map(|p| p.zone.clone()));
    let mut pages = vec![zh.join("internal/report.html")];
    pages.extend(route_sheets(&zh));
    for e in std::fs::read_dir(zh.join("internal/departments")).expect("departments") {
        pages.push(e.expect("entry").path());
    }
    for page in &pages {
        let words = english_words(
            &visible_text(&std::fs::read_to_string(page).expect("page reads")),
            &allowed,
        );
        assert!(words.is_empty(), "{}: {words:?}", page.display());
    }
    let strings = workbook_strings(&zh.join("internal/plan.xlsx")).join("\n");
    let words = english_words(&strings, &allowed);
    assert!(words.is_empty(), "plan.xlsx: {words:?}");
    for csv in ["visits.csv", "itineraries.csv"] {
        let words = english_words(&read(&zh, &format!("internal/{csv}")), &allowed);
        assert!(words.is_empty(), "{csv}: {words:?}");
    }
    // The warning comes before the saving figures.
    let report = read(&zh, "internal/report.html");
    let warn = report.find("class=\"warn\"").expect("a warning card");
    assert!(
        warn < report
            .find("data-figure=\"visits_saved\"")
            .expect("saving card")
    );

    // English: none of our Chinese punctuation (the scenario's own names aside), and
    // counts agree with their nouns.
    let en = tmp.path().join("en");
    export(&scenario, &plan, &en, &["--lang", "en"]);
    let mut names: Vec<&str> = Vec::new();
    names.push(&scn.name);
    names.extend(scn.departments.iter().map(|d| d.name.as_str()));
    names.extend(scn.inspectors.iter().map(|d| d.name.as_str()));
    names.extend(scn.places.iter().map(|d| d.name.as_str()));
    for b in &scn.businesses {
        names.extend([b.name.as_str(), b.town.as_str()]);
        names.extend(b.address.as_deref());
        names.extend(b.contact.as_deref());
    }
    // The item catalogue and the notice block are the user's words too.
    for i in &scn.items {
        names.push(&i.name);
        names.extend(i.prepare.as_deref());
    }
    let n = &scn.notice;
    names.extend(
        [&n.issuer, &n.contact, &n.legal_basis, &n.number_prefix]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let strip = |mut s: String| {
        for n in &names {
            s = s.replace(n, " ");
        }
        s
    };
    let mut pages = vec![en.join("internal/report.html")];
    pages.extend(route_sheets(&en));
    let mut texts: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                visible_text(&std::fs::read_to_string(p).expect("page reads")),
            )
        })
        .collect();
    texts.push((
        "plan.xlsx".into(),
        workbook_strings(&en.join("internal/plan.xlsx")).join("\n"),
    ));
    for (what, t) in texts {
        let t = strip(t);
        for c in ['，', '。', '、', '；', '：', '（', '）'] {
            assert!(!t.contains(c), "{what}: {c} in an English export");
        }
        assert!(!t.contains("(s)"), "{what}: a plural by (s)");
        assert!(!t.contains("星期"), "{what}: a Chinese weekday");
    }
}

/// Unannounced visits are on the report and the route sheets, marked 不公开.
fn unannounced_marked(dir: &Path, scn: &Scenario, plan: &Plan) {
    let secret: Vec<&onedoor_core::plan::Visit> = plan
        .visits
        .iter()
        .filter(|v| {
            v.tasks
                .iter()
                .any(|t| !scn.task(scn.index.tasks[t]).announced)
        })
        .collect();
    assert!(!secret.is_empty(), "the week has an unannounced visit");
    let report = read(dir, "internal/report.html");
    for v in &secret {
        let at = report
            .find(&format!(">{}<", v.id))
            .expect("the visit in the report");
        let row_end = at + report[at..].find("</tr>").expect("row end");
        assert!(report[at..row_end].contains("不公开"), "{} marked", v.id);
        for c in &v.crew {
            let sheet = read(dir, &format!("internal/routes/{}.html", c.inspector));
            let at = sheet.find(&v.id).expect("the visit on the route sheet");
            let row_end = at + sheet[at..].find("</tr>").expect("row end");
            assert!(sheet[at..row_end].contains("不公开"), "{} marked", v.id);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Why a task was left out, in Chinese and English (`onedoor::report::unscheduled_text`)

/// Whether `s` holds a Chinese character.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The sentence for `task` left out with `code`, in `lang`, on the tiny week's good plan.
fn why(scn: &Scenario, plan: &Plan, task: &str, code: &str, lang: onedoor_core::Lang) -> String {
    let entry = onedoor_core::plan::Unscheduled {
        task: task.into(),
        reason: code.into(),
        detail: "the solver's English detail".into(),
    };
    onedoor::report::unscheduled_text(scn, plan, &entry, lang)
}

#[test]
fn every_reason_code_is_said_in_chinese_and_english() {
    use onedoor_core::plan::Reason;
    use onedoor_core::Lang::{En, Zh};
    let scn = tiny();
    let plan = good();
    // T06: fire at B3 (东港加油站), two officers.
    let dept = &scn.department(scn.index.departments["fire"]).name;
    let biz = &scn.business(scn.index.businesses["B3"]).name;
    for reason in Reason::ALL {
        let (zh, en) = (
            why(&scn, &plan, "T06", reason.code(), Zh),
            why(&scn, &plan, "T06", reason.code(), En),
        );
        assert!(has_cjk(&zh) && !zh.contains("solver"), "{reason}: {zh}");
        assert!(!en.is_empty() && !en.contains("solver"), "{reason}: {en}");
        assert!(
            !en.chars().any(|c| "，。、；：（）".contains(c)),
            "{reason}: {en}"
        );
        assert_ne!(zh, en);
        match reason {
            Reason::NoValidDay | Reason::Unreachable => {
                assert!(
                    zh.contains(biz.as_str()) && en.contains(biz.as_str()),
                    "{zh} / {en}"
                )
            }
            Reason::NoOfficer => {
                assert!(zh.contains(dept.as_str()) && zh.contains("2 人"), "{zh}");
                assert!(
                    en.contains(dept.as_str()) && en.contains("fewer than 2"),
                    "{en}"
                )
            }
            // Capacity: T06 fits a visit and B3 has no visit limit: no crew has room.
            Reason::Capacity => assert!(zh.contains(dept.as_str()) && zh.contains("空档"), "{zh}"),
            Reason::TimeLimit => assert!(zh.contains("求解") && en.contains("stopped"), "{en}"),
        }
    }
    // A window outside the week is the task's own (T13: 2022-09-20 to 2022-09-21).
    let zh = why(&scn, &plan, "T13", "no_valid_day", Zh);
    assert!(zh.contains("2022-09-20至2022-09-21"), "{zh}");
    // Capacity at a business whose visits are used up (B4: one visit, the plan's).
    let zh = why(&scn, &plan, "T10", "capacity", Zh);
    assert!(zh.contains("启明培训中心本周最多入户 1 次"), "{zh}");
    let en = why(&scn, &plan, "T10", "capacity", En);
    assert!(en.contains("only once this week"), "{en}");
    // Capacity of a task longer than any visit at its business may last.
    let mut long = tiny();
    let t = long.index.tasks["T06"];
    long.tasks[t.index()].minutes = 2000;
    let zh = why(&long, &plan, "T06", "capacity", Zh);
    let need = 2000 + long.rules.visit_overhead_minutes;
    assert!(zh.contains(&format!("此任务需 {need} 分钟，超出")), "{zh}");
    // What cannot be rebuilt falls back to the plan's detail: an unknown code or task.
    assert_eq!(
        why(&scn, &plan, "T06", "busy", Zh),
        "the solver's English detail"
    );
    assert_eq!(
        why(&scn, &plan, "T99", "capacity", Zh),
        "the solver's English detail"
    );
    assert_eq!(onedoor::report::reason_name("no_officer", Zh), "人员不足");
    assert_eq!(onedoor::report::reason_name("no_officer", En), "no officer");
    assert_eq!(onedoor::report::reason_name("busy", Zh), "busy");
}

/// `onedoor plan` says why each task was left out in Chinese by default, and with
/// `--lang en` gives the plan's own English detail.
#[test]
fn the_plan_summary_says_why_in_the_language_asked_for() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("tiny.plan.json");
    let scenario = repo("scenarios/tiny.json");
    let args = |lang: &str| -> Vec<std::ffi::OsString> {
        [
            "plan",
            &scenario.display().to_string(),
            "-o",
            &out.display().to_string(),
            "--time-limit",
            "5",
            "--threads",
            "1",
            "--lang",
            lang,
        ]
        .map(Into::into)
        .to_vec()
    };
    let zh = ok(args("zh"));
    let scn = tiny();
    let plan = Plan::load(&out).expect("plan");
    assert_valid(&scn, &plan);
    assert!(
        !plan.unscheduled.is_empty(),
        "the tiny week leaves tasks out"
    );
    let left = zh.split("\nleft out").nth(1).expect("a left-out table");
    for u in &plan.unscheduled {
        let said = onedoor::report::unscheduled_text(&scn, &plan, u, onedoor_core::Lang::Zh);
        assert!(has_cjk(&said), "{said}");
        assert!(left.contains(said.as_str()), "{said} not in\n{left}");
        assert!(
            u.detail.is_empty() || !left.contains(u.detail.as_str()),
            "English detail in\n{left}"
        );
    }
    let en = ok(args("en"));
    let plan = Plan::load(&out).expect("plan");
    assert_valid(&scn, &plan);
    let left = en.split("\nleft out").nth(1).expect("a left-out table");
    for u in &plan.unscheduled {
        assert!(
            left.contains(u.detail.as_str()),
            "{} not in\n{left}",
            u.detail
        );
    }
}
