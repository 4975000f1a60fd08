//! The desk's page in a real browser: headless Chromium driven through `chromedriver` over
//! WebDriver's plain JSON-over-HTTP protocol (a small client below, on `ureq`). A
//! coordinator logs in, uploads a workbook, plans, pins a visit, tries a hand edit (checked
//! at once), marks an officer unavailable, re-plans, reads the change list and fetches the
//! export zip — on a desktop window (1440×900) and a tablet one (1024×768), in Chinese and
//! in English. Screenshots are taken at each step (into `ONEDOOR_SHOTS` when set, else a
//! temporary folder). Every plan the page makes is fetched and checked by onedoor_check.
//!
//! Without `chromium` and `chromedriver` the test prints a notice and passes, unless
//! `ONEDOOR_REQUIRE_BROWSER=1` (the CI sets it), when it fails.

use crate::common;
use common::basic;

use onedoor::serve::{self, Config, Server};
use onedoor_core::plan::Plan;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An executable found on PATH under one of `names`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or None (with a notice) when the machine has no browser.
fn browser_programs() -> Option<(PathBuf, PathBuf)> {
    let chromium = on_path(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = on_path(&["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            let required = std::env::var("ONEDOOR_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "ONEDOOR_REQUIRE_BROWSER=1 but chromium or chromedriver is missing \
                 (Debian: apt-get install chromium chromium-driver)"
            );
            eprintln!(
                "serve_browser: skipped — chromium or chromedriver not found \
                 (apt-get install chromium chromium-driver; set ONEDOOR_REQUIRE_BROWSER=1 to fail instead)"
            );
            None
        }
    }
}

/// An HTTP client that reports every status as an answer (WebDriver errors are JSON),
/// with a connection per request (as tests/serve_api.rs: a server may close a kept-alive
/// connection after a refused request, and ureq does not retry).
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_idle_connections(0)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn read_json(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>, what: &str) -> Value {
    let mut r = r.unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
    let text = r
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_else(|e| panic!("{what}: body: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text:.300}"))
}

/// A chromedriver process on a free port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(program: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver { child, url };
        let agent = agent();
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(mut r) = agent.get(format!("{}/status", driver.url)).call() {
                let text = r.body_mut().read_to_string().unwrap_or_default();
                let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                if v["value"]["ready"] == json!(true) {
                    break;
                }
            }
            assert!(Instant::now() < until, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The key WebDriver uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One browser session (a tiny WebDriver client); closed when dropped.
struct Browser {
    agent: ureq::Agent,
    session: String,
    shots: PathBuf,
    shot_no: usize,
}

impl Browser {
    fn open(driver: &Driver, chromium: &Path, shots: &Path) -> Browser {
        let agent = agent();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1440,900", "--lang=zh-CN", "--hide-scrollbars"],
            },
        }}});
        let v = read_json(
            agent
                .post(format!("{}/session", driver.url))
                .header("Content-Type", "application/json")
                .send(caps.to_string()),
            "new session",
        );
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_owned();
        Browser {
            agent,
            session: format!("{}/session/{session}", driver.url),
            shots: shots.to_path_buf(),
            shot_no: 0,
        }
    }

    /// One WebDriver command; panics with the driver's message on an error.
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.try_cmd(method, path, body);
        if let Some(err) = v.get("error") {
            panic!("WebDriver {method} {path}: {err}: {}", v["message"]);
        }
        v
    }

    /// One WebDriver command; its `value` (an error object on failure).
    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.session);
        let r = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        };
        read_json(r, path)["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    /// Runs a script in the page and returns its value.
    fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs an asynchronous script (it calls `arguments[arguments.length - 1]`).
    fn js_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn find(&self, css: &str) -> Option<String> {
        let v = self.try_cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.get(ELEMENT).and_then(Value::as_str).map(str::to_owned)
    }

    /// Waits until `css` matches an element (the page draws after its requests answer).
    fn wait_for(&self, css: &str, secs: u64) -> String {
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(e) = self.find(css) {
                return e;
            }
            if Instant::now() > until {
                let text = self.js("return document.body.innerText.slice(0, 2000)", json!([]));
                panic!(
                    "waited {secs} s for {css}; the page shows:\n{}",
                    text.as_str().unwrap_or("")
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Waits until a script returns true.
    fn wait_until(&self, script: &str, secs: u64, what: &str) {
        let until = Instant::now() + Duration::from_secs(secs);
        while self.js(script, json!([])) != json!(true) {
            assert!(Instant::now() < until, "waited {secs} s for {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn click(&self, css: &str) {
        let e = self.wait_for(css, 20);
        self.cmd("POST", &format!("/element/{e}/click"), None);
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.wait_for(css, 20);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text})),
        );
    }

    /// Sets a form control's value as a person choosing it would (a change event).
    fn choose(&self, css: &str, value: &str) {
        self.wait_for(css, 20);
        let ok = self.js(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('change', {bubbles: true})); return el.value === arguments[1];",
            json!([css, value]),
        );
        assert_eq!(ok, json!(true), "{css} cannot take the value {value}");
    }

    fn resize(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
        std::thread::sleep(Duration::from_millis(300));
    }

    /// A screenshot of the window, numbered in order, as a PNG file.
    fn shot(&mut self, name: &str) -> PathBuf {
        let v = self.cmd("GET", "/screenshot", None);
        let png = serve::auth::base64_decode(v.as_str().expect("a screenshot"))
            .expect("base64 screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        self.shot_no += 1;
        let path = self.shots.join(format!("{:02}-{name}.png", self.shot_no));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }

    /// The page's visible text.
    fn text(&self) -> String {
        self.js("return document.body.innerText", json!([]))
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn hash(&self) -> String {
        self.js("return location.hash", json!([]))
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// Nothing wider than the window, and no two of the given boxes overlapping.
    fn assert_layout(&self, what: &str) {
        let v = self.js(
            r#"
            const out = [];
            const W = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > W + 1) out.push(`page wider than the window: ${document.documentElement.scrollWidth} > ${W}`);
            const boxes = (sel) => [...document.querySelectorAll(sel)].map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
            const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            for (const sel of ['.figure', '[role="tab"]', '.top > *', '.board > section', '.card']) {
              const list = boxes(sel);
              for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++)
                if (overlap(list[i][1], list[j][1]) && !list[i][0].contains(list[j][0]) && !list[j][0].contains(list[i][0]))
                  out.push(`${sel} #${i} overlaps #${j}`);
            }
            for (const row of document.querySelectorAll('.tl-track')) {
              const bars = [...row.children].map((b) => b.getBoundingClientRect()).sort((a, b) => a.left - b.left);
              for (let i = 1; i < bars.length; i++) if (bars[i].left < bars[i - 1].left + 1) out.push('two bars start together in one row');
            }
            for (const el of document.querySelectorAll('button, .button, select, input:not([type=checkbox]):not([type=radio]):not([type=file])')) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && r.height < 39 && !el.classList.contains('tl-bar')) out.push(`small touch target: ${el.outerHTML.slice(0, 80)} ${r.height}px`);
            }
            return out;
            "#,
            json!([]),
        );
        let problems: Vec<String> = v
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        assert!(problems.is_empty(), "{what}: {problems:#?}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.session).call();
    }
}

/// The test's own view of the desk's API (HTTP Basic, as a platform would call it).
struct Api {
    base: String,
    auth: String,
    agent: ureq::Agent,
}

impl Api {
    fn get(&self, path: &str) -> Value {
        read_json(
            self.agent
                .get(format!("{}{path}", self.base))
                .header("Authorization", &self.auth)
                .call(),
            path,
        )
    }

    fn bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let mut r = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", &self.auth)
            .call()
            .expect("answered");
        let status = r.status().as_u16();
        let body = common::body(&mut r);
        (status, body)
    }

    /// A finished plan of the desk, checked by onedoor_check against `scenario`.
    fn checked_plan(&self, id: &str, scenario: &Value) -> (Value, Plan) {
        let res = self.get(&format!("/api/plans/{id}"));
        assert_eq!(res["state"], "done", "{id}: {res}");
        let scn = onedoor_core::parse_scenario(&scenario.to_string(), "scenario")
            .expect("the week's scenario");
        let plan = Plan::parse(&res["plan"].to_string(), "plan").expect("the desk's plan parses");
        let report = onedoor_check::check(&scn, &plan);
        assert!(
            report.is_valid(),
            "{id} breaks rules: {:?}",
            report.violations
        );
        (res, plan)
    }
}

/// The folder for screenshots: `ONEDOOR_SHOTS` (kept) or a temporary one.
fn shots_folder(tmp: &Path) -> PathBuf {
    match std::env::var_os("ONEDOOR_SHOTS") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).expect("ONEDOOR_SHOTS folder");
            dir
        }
        None => {
            let dir = tmp.join("shots");
            std::fs::create_dir_all(&dir).expect("shots folder");
            dir
        }
    }
}

/// The plan id the page shows (`#/plan/P3` → `P3`).
fn plan_in(hash: &str) -> String {
    hash.strip_prefix("#/plan/")
        .unwrap_or_else(|| panic!("not a plan page: {hash}"))
        .to_owned()
}

#[test]
fn a_coordinator_plans_pins_replans_and_hands_out_a_week_in_the_browser() {
    let Some((chromium, chromedriver)) = browser_programs() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let shots = shots_folder(tmp.path());

    // A desk with logins, and the workbook a clerk would fill in.
    let users = tmp.path().join("users.txt");
    serve::auth::add_user(&users, "li", "secret-li", Some("定海")).expect("user");
    let server: Server = serve::start(&Config {
        data: tmp.path().join("data"),
        listen: "127.0.0.1:0".parse().expect("addr"),
        users: Some(users),
        workers: Some(1),
    })
    .expect("the desk starts");
    let base = format!("http://{}", server.addr);
    let api = Api {
        base: base.clone(),
        auth: basic("li", "secret-li"),
        agent: agent(),
    };
    let workbook = tmp.path().join("week.xlsx");
    common::run_ok([
        "template",
        "--from",
        common::repo("scenarios/dinghai-week.json")
            .to_str()
            .expect("path"),
        "-o",
        workbook.to_str().expect("path"),
    ]);

    let driver = Driver::start(&chromedriver);
    let mut b = Browser::open(&driver, &chromium, &shots);
    b.resize(1440, 900);

    // Log in (the page without a session sends the browser to the login form).
    b.goto(&format!("{base}/"));
    b.wait_for("#login-name", 20);
    assert!(b.text().contains("用户名"), "the login page speaks Chinese");
    b.shot("login");
    b.type_into("#login-name", "li");
    b.type_into("#login-password", "secret-li");
    b.click("button[type=submit]");
    b.wait_for("#drop", 20);
    assert!(b.text().contains("当前用户：li"), "{}", b.text());
    b.shot("weeks-empty");

    // A workbook with errors: each problem shown at its cell, nothing kept.
    let broken = common::repo("tests/fixtures/import/formula-errors.lo.xlsx");
    b.type_into("#upload-file", broken.to_str().expect("path"));
    b.wait_for(".problems", 60);
    let shown = b.text();
    for cell in ["任务!E3", "任务!H6", "任务!G8"] {
        assert!(shown.contains(cell), "{cell} is shown: {shown}");
    }
    assert_eq!(api.get("/api/weeks")["weeks"], json!([]), "nothing kept");
    b.assert_layout("upload errors, desktop");
    b.shot("upload-errors");

    // Upload the workbook: the week opens with its stats.
    b.type_into("#upload-file", workbook.to_str().expect("path"));
    b.wait_for("#demand-table", 60);
    let week = b.hash().trim_start_matches("#/week/").to_owned();
    assert!(week.starts_with('W'), "a week page: {week}");
    assert!(b.text().contains("各部门每日需求与人力"));
    b.assert_layout("week, desktop");
    b.shot("week-stats");
    let scenario = api.get(&format!("/api/weeks/{week}"))["scenario"].clone();

    // Plan it: progress while it runs, then the board.
    b.choose("#time-limit", "10");
    b.click("#start-plan");
    b.wait_for("#progress, #timeline", 30);
    if b.find("#progress").is_some() {
        b.shot("progress");
    }
    b.wait_for("#timeline", 300);
    let p1 = plan_in(&b.hash());
    let (_, plan1) = api.checked_plan(&p1, &scenario);
    assert!(b.find(".tl-bar").is_some(), "the timeline has bars");
    assert!(
        b.find("#map svg circle.visit").is_some(),
        "the map shows visits"
    );
    let figures = b.js(
        "return document.querySelector('#figures').innerText",
        json!([]),
    );
    assert!(
        figures
            .as_str()
            .unwrap_or("")
            .contains(&plan1.visits.len().to_string()),
        "the figures show the visits: {figures}"
    );
    b.assert_layout("board, desktop");
    b.shot("board-desktop");

    // Pin a visit of a later date; an officer who is not in it falls ill that date.
    let dates: Vec<String> = {
        let mut d: Vec<String> = plan1.visits.iter().map(|v| v.date.to_string()).collect();
        d.sort();
        d.dedup();
        d
    };
    assert!(dates.len() >= 3, "a week of several dates: {dates:?}");
    let from = dates[1].clone();
    let ill_date = dates[2].clone();
    let on_ill: Vec<_> = plan1
        .visits
        .iter()
        .filter(|v| v.date.to_string() == ill_date)
        .collect();
    let pinned = on_ill[0];
    let ill = on_ill
        .iter()
        .flat_map(|v| v.crew.iter())
        .map(|c| c.inspector.clone())
        .find(|i| pinned.crew.iter().all(|c| &c.inspector != i))
        .expect("an officer busy that day but not in the pinned visit");
    b.click(&format!("[role=tab][data-date=\"{ill_date}\"]"));
    b.click(&format!(".pin-toggle[data-visit=\"{}\"]", pinned.id));
    b.wait_until(
        &format!(
            "return document.querySelector('.pin-toggle[data-visit=\"{}\"]').getAttribute('aria-pressed') === 'true'",
            pinned.id
        ),
        20,
        "the pin",
    );
    let pins = api.get(&format!("/api/plans/{p1}"))["pins"].clone();
    assert_eq!(pins, json!([pinned.id]), "the desk keeps the pin");
    b.shot("pinned");

    // A hand edit is checked at once; a valid one is kept as a new version ("edit").
    b.click(&format!(".edit-visit[data-visit=\"{}\"]", pinned.id));
    b.wait_for("#edit-dialog select[data-inspector]", 20);
    b.js(
        "const i = document.querySelector('#edit-start'); i.value = arguments[0]; \
         i.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([pinned.start.to_string()]),
    );
    b.wait_for("#edit-verdict .ok-line", 30);
    b.click("#edit-save");
    b.wait_until(
        &format!("return location.hash !== '#/plan/{p1}'"),
        30,
        "the edit's page",
    );
    b.wait_for("#timeline", 30);
    let p_edit = plan_in(&b.hash());
    let (res_edit, plan_edit) = api.checked_plan(&p_edit, &scenario);
    assert_eq!(res_edit["kind"], "edit");
    assert_eq!(plan_edit.visits, plan1.visits, "an edit that moved nothing");

    // An invalid edit (the crew taken away breaks rule C6) is kept only as a draft, after
    // the coordinator confirms.
    b.goto(&format!("{base}/#/plan/{p1}"));
    b.wait_for("#timeline", 30);
    b.click(&format!("[role=tab][data-date=\"{ill_date}\"]"));
    b.click(&format!(".edit-visit[data-visit=\"{}\"]", pinned.id));
    b.wait_for("#edit-dialog select[data-inspector]", 20);
    b.js(
        "for (const s of document.querySelectorAll('#edit-dialog select[data-inspector]')) s.value = ''; \
         document.querySelector('#edit-dialog select[data-inspector]').dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    );
    b.wait_for("#edit-verdict .violations li", 30);
    let verdict = b.js(
        "return document.querySelector('#edit-verdict').innerText",
        json!([]),
    );
    assert!(verdict.as_str().unwrap_or("").contains("C6"), "{verdict}");
    assert!(
        b.find("#edit-save[disabled]").is_some(),
        "an invalid edit cannot be saved as valid"
    );
    b.shot("edit-invalid");
    b.click("#edit-draft");
    b.cmd("POST", "/alert/accept", None);
    b.wait_for("#plan-violations", 30);
    let p_draft = plan_in(&b.hash());
    let draft = api.get(&format!("/api/plans/{p_draft}"));
    assert_eq!(
        (&draft["kind"], &draft["valid"], &draft["draft"]),
        (&json!("edit"), &json!(false), &json!(true)),
        "{draft}"
    );
    assert!(
        b.find("#download-zip").is_none(),
        "a draft is not handed out"
    );
    b.shot("draft");
    b.goto(&format!("{base}/#/plan/{p1}"));
    b.wait_for("#timeline", 30);

    // Dialogs are keyboard dialogs: Escape closes them.
    b.click("#replan");
    b.wait_for("#replan-dialog", 10);
    b.cmd(
        "POST",
        "/actions",
        Some(
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": "\u{E00C}"}, {"type": "keyUp", "value": "\u{E00C}"}]}]}),
        ),
    );
    b.wait_until(
        "return !document.querySelector('#replan-dialog')",
        10,
        "Escape closes the dialog",
    );

    // The officer is ill: re-plan from the second date.
    b.click("#replan");
    b.wait_for("#replan-dialog", 10);
    b.choose("#replan-from", &from);
    b.choose("#rp-unav-insp", &ill);
    b.choose("#rp-unav-date", &ill_date);
    b.click("#rp-add-unav");
    b.wait_until(
        "return document.querySelectorAll('#rp-facts li button').length === 1",
        10,
        "the fact listed",
    );
    b.shot("replan-dialog");
    b.click("#replan-go");
    b.wait_until(
        &format!("return location.hash !== '#/plan/{p1}'"),
        30,
        "the re-plan's page",
    );
    b.wait_for("#changes", 300);
    let p2 = plan_in(&b.hash());
    assert_ne!(p1, p2);
    let mut changed = scenario.clone();
    for insp in changed["inspectors"].as_array_mut().expect("inspectors") {
        if insp["id"] == json!(ill) {
            let mut away = insp["unavailable"].as_array().cloned().unwrap_or_default();
            away.push(json!(ill_date));
            insp["unavailable"] = Value::Array(away);
        }
    }
    let (res2, plan2) = api.checked_plan(&p2, &changed);
    assert_eq!(res2["kind"], "replan");
    let kept = plan2
        .visits
        .iter()
        .find(|v| v.id == pinned.id)
        .expect("the pinned visit is still there");
    assert_eq!(
        (kept.date, kept.start, kept.end, &kept.tasks, &kept.crew),
        (
            pinned.date,
            pinned.start,
            pinned.end,
            &pinned.tasks,
            &pinned.crew
        ),
        "the pinned visit did not move"
    );
    assert!(
        plan2
            .visits
            .iter()
            .all(|v| v.date.to_string() != ill_date || v.crew.iter().all(|c| c.inspector != ill)),
        "the ill officer has no visit that day"
    );
    // The change list names the ill officer among those to tell.
    let told = b.js(
        "const t = document.querySelector('#changes-inspectors'); return t ? t.innerText : ''",
        json!([]),
    );
    assert!(told.as_str().unwrap_or("").contains(&ill), "{told}");
    b.js(
        "document.querySelector('#changes').scrollIntoView()",
        json!([]),
    );
    b.assert_layout("change list, desktop");
    b.shot("changes");

    // Hand out: the page's own link gives a zip (fetched by the page, with its cookie).
    let magic = b.js_async(
        "const done = arguments[arguments.length - 1]; \
         fetch(document.querySelector('#download-zip').href).then((r) => r.arrayBuffer()) \
           .then((buf) => done([...new Uint8Array(buf.slice(0, 4))])).catch((e) => done(String(e)));",
    );
    assert_eq!(
        magic,
        json!([0x50, 0x4b, 0x03, 0x04]),
        "export.zip is a zip"
    );
    for link in ["#open-report", "#open-notices"] {
        let answer = b.js_async(&format!(
            "const done = arguments[arguments.length - 1]; \
             fetch(document.querySelector('{link}').href).then(async (r) => \
               done([r.status, r.headers.get('content-type'), (await r.text()).includes('<html')])) \
             .catch((e) => done(String(e)));"
        ));
        assert_eq!(answer[0], json!(200), "{link}: {answer}");
        assert!(
            answer[1].as_str().unwrap_or("").starts_with("text/html"),
            "{link}: {answer}"
        );
        assert_eq!(answer[2], json!(true), "{link} is a page: {answer}");
    }
    let (status, zip) = api.bytes(&format!("/api/plans/{p2}/export.zip"));
    assert_eq!(status, 200);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip archive");
    let names: Vec<&str> = archive.file_names().collect();
    assert!(
        names.iter().any(|n| n.ends_with("report.html")),
        "the zip holds the report: {names:?}"
    );

    // Two versions compared: the versions table picks the last two (P1 as A, P2 as B).
    b.js(
        "document.querySelector('#versions').scrollIntoView()",
        json!([]),
    );
    b.click("#compare");
    b.wait_for("#diff-figures", 30);
    assert!(b.hash().starts_with("#/diff/"), "{}", b.hash());
    b.assert_layout("diff, desktop");
    b.shot("diff");

    // What if Friday were a holiday: the week and the variant side by side.
    b.goto(&format!("{base}/#/week/{week}"));
    b.wait_for("#whatif-run", 20);
    b.click("#add-variant");
    let last = dates.last().expect("dates").clone();
    b.choose("#wv1-hol-date", &last);
    b.click("#wv1-add-hol");
    b.choose("#whatif-limit", "10");
    b.click("#whatif-run");
    b.wait_for("#whatif-table", 300);
    let table = b.js(
        "return document.querySelector('#whatif-table').innerText",
        json!([]),
    );
    assert!(table.as_str().unwrap_or("").contains("变体 1"), "{table}");
    b.js(
        "document.querySelector('#whatif-result').scrollIntoView()",
        json!([]),
    );
    b.assert_layout("what-if, desktop");
    b.shot("whatif");

    // How long the board takes to draw after a fresh load (a benchmark, not asserted).
    b.goto("about:blank");
    b.goto(&format!("{base}/#/plan/{p2}"));
    b.wait_for("#timeline", 30);
    let ms = b.js(
        "const m = performance.getEntriesByName('onedoor-board')[0]; return m ? Math.round(m.startTime) : null",
        json!([]),
    );
    eprintln!("serve_browser: a district week's board drawn {ms} ms after the page was opened");

    // A tablet: the board and the week stack and nothing runs off the screen.
    b.resize(1024, 768);
    b.js("window.scrollTo(0, 0)", json!([]));
    b.assert_layout("board, tablet");
    b.shot("board-tablet");
    b.js(
        "document.querySelector('#timeline').scrollIntoView()",
        json!([]),
    );
    b.shot("timeline-tablet");

    // English on request, remembered across pages.
    b.click("#lang-switch");
    b.wait_until(
        "return document.body.innerText.includes(\"Officers' day\")",
        10,
        "English words",
    );
    b.js("window.scrollTo(0, 0)", json!([]));
    b.assert_layout("board, tablet, English");
    b.shot("board-tablet-english");
    b.goto(&format!("{base}/#/week/{week}"));
    b.wait_for("#demand-table", 20);
    assert!(
        b.text().contains("Demand against officers"),
        "the choice is remembered"
    );
    b.resize(1440, 900);
    b.click("#lang-switch");
    b.wait_until(
        "return document.body.innerText.includes('本周概况')",
        10,
        "Chinese again",
    );

    // A scenario file dropped on the upload area (drag and drop) becomes a week too.
    let tiny = std::fs::read_to_string(common::repo("scenarios/tiny.json")).expect("tiny.json");
    b.goto(&format!("{base}/#/"));
    b.wait_for("#drop", 20);
    b.js(
        "const dt = new DataTransfer(); \
         dt.items.add(new File([arguments[0]], 'tiny.json', {type: 'application/json'})); \
         document.querySelector('#drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
        json!([tiny]),
    );
    b.wait_for("#demand-table", 60);
    assert!(b.text().contains("Tiny town"), "the dropped week opens");
    assert_eq!(
        api.get("/api/weeks")["weeks"].as_array().map(Vec::len),
        Some(2),
        "two weeks kept"
    );
    drop(b);
    drop(driver);
    drop(server);
}
