//! The desk's HTTP API (`onedoor serve`, docs/serve.md) against a real server on an
//! ephemeral port: every request of the API, bad bodies (4xx, nothing stored), logins,
//! bureaus and CSRF, concurrent jobs, cancelling, and a restart after `kill -9`. Every
//! plan the desk makes is checked here again by onedoor_check: zero violations.

use crate::common;
use common::basic;

use onedoor::serve::{self, Config, Server};
use onedoor_core::plan::Plan;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A desk on a free port of 127.0.0.1 over a fresh data folder.
struct Desk {
    server: Server,
    base: String,
    dir: tempfile::TempDir,
    agent: ureq::Agent,
}

/// A client that opens a connection per request: a server may close a kept-alive
/// connection after answering without reading a body (a refused request, as HTTP allows);
/// a browser then retries on a new connection, ureq does not.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_idle_connections(0)
        .build()
        .into()
}

fn desk_with(users: Option<PathBuf>, workers: usize) -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = serve::start(&Config {
        data: dir.path().join("data"),
        listen: "127.0.0.1:0".parse().expect("addr"),
        users,
        workers: Some(workers),
    })
    .expect("the desk starts");
    let base = format!("http://{}", server.addr);
    Desk {
        server,
        base,
        dir,
        agent: agent(),
    }
}

fn desk() -> Desk {
    desk_with(None, 2)
}

/// An answer: status, headers we look at, body.
struct Answer {
    status: u16,
    body: Vec<u8>,
    cookie: Option<String>,
    content_type: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(400)])
            )
        })
    }
}

fn answer(what: &str, r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut r = r.unwrap_or_else(|e| panic!("{what}: the request is not answered: {e:?}"));
    let cookie = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let status = r.status().as_u16();
    let body = common::body(&mut r);
    Answer {
        status,
        body,
        cookie,
        content_type,
    }
}

impl Desk {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn get(&self, path: &str) -> Answer {
        answer(
            &format!("GET {path}"),
            self.agent.get(self.url(path)).call(),
        )
    }

    fn post(&self, path: &str, body: &Value) -> Answer {
        answer(
            &format!("POST {path}"),
            self.agent
                .post(self.url(path))
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        )
    }

    fn post_raw(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        answer(
            &format!("POST {path}"),
            self.agent
                .post(self.url(path))
                .header("Content-Type", content_type)
                .send(body),
        )
    }

    fn put(&self, path: &str, body: &Value) -> Answer {
        answer(
            &format!("PUT {path}"),
            self.agent
                .put(self.url(path))
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        )
    }

    /// Stores a scenario; returns the week's id.
    fn week(&self, scenario: &str) -> String {
        let a = self.post_raw("/api/weeks", "application/json", scenario.as_bytes());
        assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
        a.json()["id"].as_str().expect("id").to_owned()
    }

    /// Waits until plan or job `path` has ended; returns its last state.
    fn wait(&self, path: &str) -> Value {
        let start = Instant::now();
        loop {
            let a = self.get(path);
            assert_eq!(
                a.status,
                200,
                "{path}: {}",
                String::from_utf8_lossy(&a.body)
            );
            let v = a.json();
            if v["state"] == "done" || v["state"] == "failed" {
                return v;
            }
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "{path} never ended: {v}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Plans week `w` and waits; returns the plan's id and its answer.
    fn plan(&self, w: &str, time_limit: f64) -> (String, Value) {
        let a = self.post(
            &format!("/api/weeks/{w}/plans"),
            &json!({ "time_limit": time_limit }),
        );
        assert_eq!(a.status, 202, "{}", String::from_utf8_lossy(&a.body));
        let id = a.json()["id"].as_str().expect("id").to_owned();
        let v = self.wait(&format!("/api/plans/{id}"));
        assert_eq!(v["state"], "done", "{v}");
        (id, v)
    }
}

fn tiny_text() -> String {
    std::fs::read_to_string(common::repo("scenarios/tiny.json")).expect("tiny.json")
}

fn district(seed: u64) -> String {
    onedoor_generate::generate_with(onedoor_generate::Preset::District, seed, None)
}

/// Checks a plan the desk answered with against its scenario: zero violations.
fn assert_checked(scenario: &str, plan: &Value) -> Plan {
    let scn = onedoor_core::parse_scenario(scenario, "scenario").expect("scenario");
    let plan = Plan::parse(&plan.to_string(), "plan").expect("the desk's plan parses");
    let report = onedoor_check::check(&scn, &plan);
    assert!(
        report.is_valid(),
        "the desk's plan breaks rules: {:?}",
        report.violations
    );
    plan
}

fn places(a: &Answer) -> Vec<String> {
    a.json()["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["place"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn a_week_is_stored_planned_checked_pinned_replanned_edited_compared_and_exported() {
    let d = desk();
    let tiny = tiny_text();
    let w = d.week(&tiny);
    assert_eq!(w, "W1");

    let list = d.get("/api/weeks").json();
    assert_eq!(list["weeks"].as_array().expect("weeks").len(), 1);
    assert_eq!(list["weeks"][0]["tasks"], 13);
    let week = d.get("/api/weeks/W1").json();
    assert_eq!(week["scenario"]["name"], "Tiny town, week 2022-09-12");
    assert!(
        week["stats"]["demand"]
            .as_array()
            .is_some_and(|d| !d.is_empty()),
        "stats: {}",
        week["stats"]
    );
    assert_eq!(week["stats"]["sizes"]["tasks"], 13);

    // Plan.
    let (p1, v1) = d.plan(&w, 5.0);
    assert_eq!(v1["valid"], true, "{v1}");
    assert_eq!(v1["violations"], json!([]));
    let plan1 = assert_checked(&tiny, &v1["plan"]);
    // Why each task was left out, in Chinese unless English is asked for.
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for u in &plan1.unscheduled {
        let words = v1["reasons"][&u.task].as_str().expect("a reason in words");
        assert!(cjk(words) && !words.contains("this week"), "{words}");
    }
    let v1_en = d.get(&format!("/api/plans/{p1}?lang=en")).json();
    let first_left = &plan1
        .unscheduled
        .first()
        .expect("tiny leaves a task out")
        .task;
    let words_en = v1_en["reasons"][first_left].as_str().expect("reason");
    assert!(!words_en.is_empty(), "{v1_en}");
    let listed = d.get("/api/weeks/W1/plans").json();
    assert_eq!(listed["plans"][0]["id"], p1.as_str());
    assert_eq!(listed["plans"][0]["kind"], "plan");

    // Check: the plan as it is, and one broken by hand (a crew emptied).
    let ok = d.post("/api/weeks/W1/check", &v1["plan"]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["valid"], true);
    let mut broken = v1["plan"].clone();
    broken["visits"][0]["crew"] = json!([]);
    let bad = d.post("/api/weeks/W1/check?lang=en", &broken);
    assert_eq!(bad.status, 200);
    let violations = bad.json()["violations"].clone();
    assert!(
        violations
            .as_array()
            .expect("violations")
            .iter()
            .any(|v| v["code"] == "C6"),
        "{violations}"
    );
    // The same violations in Chinese by default.
    let bad_zh = d.post("/api/weeks/W1/check", &broken).json()["violations"].clone();
    let c6 = bad_zh
        .as_array()
        .expect("violations")
        .iter()
        .find(|v| v["code"] == "C6")
        .expect("C6");
    assert!(cjk(c6["message"].as_str().expect("message")), "{c6}");

    // Pins: an unknown visit is refused; the first visit pinned.
    let unknown = d.put(
        &format!("/api/plans/{p1}/pins"),
        &json!({"visits": ["V9999"]}),
    );
    assert_eq!(unknown.status, 422);
    assert_eq!(places(&unknown), ["visits[0]"]);
    let pinned = plan1.visits.last().expect("a visit").clone();
    let pins = d.put(
        &format!("/api/plans/{p1}/pins"),
        &json!({"visits": [pinned.id]}),
    );
    assert_eq!(pins.status, 200);
    assert_eq!(pins.json()["pins"], json!([pinned.id]));

    // Re-plan from the first date with an officer ill who is not in the pinned visit.
    let in_pin: Vec<&str> = pinned.crew.iter().map(|c| c.inspector.as_str()).collect();
    let scn = onedoor_core::parse_scenario(&tiny, "tiny").expect("tiny");
    let ill = scn
        .inspectors
        .iter()
        .find(|i| !in_pin.contains(&i.id.as_str()))
        .expect("an officer outside the pin");
    let first = scn.horizon.start.to_string();
    let r = d.post(
        &format!("/api/plans/{p1}/replan"),
        &json!({"from": first, "unavailable": [format!("{}:{first}", ill.id)], "time_limit": 5}),
    );
    assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
    let p2 = r.json()["id"].as_str().expect("id").to_owned();
    let v2 = d.wait(&format!("/api/plans/{p2}"));
    assert_eq!(v2["state"], "done", "{v2}");
    assert_eq!(v2["kind"], "replan");
    assert_eq!(v2["parent"], p1.as_str());
    assert!(v2["changes"]["kept"].is_array(), "{}", v2["changes"]);
    assert_eq!(
        v2["request"]["unavailable"][0],
        format!("{}:{first}", ill.id),
        "the re-plan's facts are given back"
    );
    // Checked against the changed week (the officer ill that day).
    let changed = onedoor_core::variant::load_tree(
        onedoor_core::json::Json::parse(&tiny).expect("json"),
        "tiny",
        &onedoor_core::variant::Shortcuts {
            unavailable: vec![format!("{}:{first}", ill.id)],
            ..Default::default()
        },
    )
    .expect("changed week");
    let plan2 = Plan::parse(&v2["plan"].to_string(), "p2").expect("plan");
    let report = onedoor_check::check(&changed.scenario, &plan2);
    assert!(report.is_valid(), "{:?}", report.violations);
    assert!(
        !plan2
            .visits
            .iter()
            .any(|v| v.date == scn.horizon.start && v.crew.iter().any(|c| c.inspector == ill.id)),
        "the ill officer still works that day"
    );
    let kept = plan2
        .visits
        .iter()
        .find(|v| v.id == pinned.id)
        .expect("the pinned visit is kept");
    assert_eq!(kept, &pinned, "the pinned visit changed");

    // Diff between the two versions.
    let diff = d.get(&format!("/api/plans/{p1}/diff/{p2}"));
    assert_eq!(diff.status, 200, "{}", String::from_utf8_lossy(&diff.body));
    assert!(diff.json().is_object());

    // Hand edits: an invalid one is refused and nothing stored; as a draft it is kept.
    let before = d.get("/api/weeks/W1/plans").json()["plans"]
        .as_array()
        .expect("plans")
        .len();
    let refused = d.post(
        "/api/weeks/W1/plans/edited",
        &json!({"plan": broken, "parent": p1, "draft": false}),
    );
    assert_eq!(refused.status, 422);
    assert!(refused.json()["violations"]
        .as_array()
        .is_some_and(|v| !v.is_empty()));
    let after = d.get("/api/weeks/W1/plans").json()["plans"]
        .as_array()
        .expect("plans")
        .len();
    assert_eq!(before, after, "a refused edit was stored");
    let draft = d.post(
        "/api/weeks/W1/plans/edited",
        &json!({"plan": broken, "parent": p1, "draft": true}),
    );
    assert_eq!(draft.status, 201);
    assert_eq!(draft.json()["valid"], false);
    // A valid edit: two visits' order swapped in the file (same plan), figures stale.
    let mut edited = v1["plan"].clone();
    edited["stats"] = json!({});
    let kept_edit = d.post(
        "/api/weeks/W1/plans/edited",
        &json!({"plan": edited, "parent": p1}),
    );
    assert_eq!(
        kept_edit.status,
        201,
        "{}",
        String::from_utf8_lossy(&kept_edit.body)
    );
    let p_edit = kept_edit.json()["id"].as_str().expect("id").to_owned();
    let e = d.get(&format!("/api/plans/{p_edit}")).json();
    assert_eq!(
        (e["kind"].as_str(), e["valid"].as_bool()),
        (Some("edit"), Some(true))
    );
    assert_checked(&tiny, &e["plan"]);

    // Export: the zip holds the export's files; report and notices as HTML.
    let zip = d.get(&format!("/api/plans/{p1}/export.zip"));
    assert_eq!(zip.status, 200);
    assert_eq!(zip.content_type, "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body.clone())).expect("a zip");
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).expect("entry").name().to_owned())
        .collect();
    for wanted in [
        "internal/report.html",
        "internal/plan.xlsx",
        "for-businesses/all-notices.html",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} missing: {names:?}"
        );
    }
    let report = d.get(&format!("/api/plans/{p2}/report.html"));
    assert_eq!(report.status, 200);
    assert!(report.content_type.starts_with("text/html"));
    let notices = d.get(&format!("/api/plans/{p1}/notices.html"));
    assert_eq!(notices.status, 200);
    let draft_id = draft.json()["id"].as_str().expect("id").to_owned();
    let refused_export = d.get(&format!("/api/plans/{draft_id}/export.zip"));
    assert_eq!(refused_export.status, 422);

    // What-if: a variant with a holiday, and the staffing curve.
    let j = d.post(
        "/api/weeks/W1/whatif",
        &json!({"variants": [{"name": "holiday", "holiday": [first]}], "certify": 1, "time_limit": 5}),
    );
    assert_eq!(j.status, 202, "{}", String::from_utf8_lossy(&j.body));
    let jid = j.json()["id"].as_str().expect("id").to_owned();
    let done = d.wait(&format!("/api/jobs/{jid}"));
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(
        done["result"]["comparison"]["columns"],
        json!(["base", "holiday"])
    );
    assert!(done["result"]["staffing"]["steps"].is_array());

    // Cancelling what has ended is a conflict.
    assert_eq!(
        d.post(&format!("/api/plans/{p1}/cancel"), &json!({}))
            .status,
        409
    );
    assert_eq!(
        d.post(&format!("/api/jobs/{jid}/cancel"), &json!({}))
            .status,
        409
    );

    // The page and its assets, the API description.
    let page = d.get("/");
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("app.js"));
    assert_eq!(d.get("/static/app.js").status, 200);
    assert_eq!(d.get("/static/nothing.js").status, 404);
    assert_eq!(d.get("/api/me").json()["name"], Value::Null);
    // An open desk answers only to loopback names (no DNS rebinding).
    let rebound = answer(
        "GET /api/weeks",
        d.agent
            .get(d.url("/api/weeks"))
            .header("Host", "evil.example:8080")
            .call(),
    );
    assert_eq!(rebound.status, 403);
    let local = answer(
        "GET /api/weeks",
        d.agent
            .get(d.url("/api/weeks"))
            .header("Host", "localhost:8080")
            .call(),
    );
    assert_eq!(local.status, 200);
    drop(d.server);
}

#[test]
fn bad_bodies_are_refused_with_their_places_and_nothing_is_stored() {
    let d = desk();
    // A scenario with an unknown business: 422 at its place, in Chinese by default.
    let mut scn: Value = serde_json::from_str(&tiny_text()).expect("json");
    scn["tasks"][3]["business"] = json!("NOPE");
    let a = d.post("/api/weeks", &scn);
    assert_eq!(a.status, 422);
    assert_eq!(places(&a), ["tasks[3].business"]);
    assert_eq!(a.json()["problems"][0]["code"], "unknown-id");
    let en = d.post("/api/weeks?lang=en", &scn);
    assert!(en.json()["problems"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("unknown business")));
    // Not JSON, empty, of an unknown type.
    let a = d.post_raw("/api/weeks", "application/json", b"{\"name\": ");
    assert_eq!(a.status, 422);
    assert_eq!(a.json()["problems"][0]["code"], "syntax");
    assert_eq!(
        d.post_raw("/api/weeks", "application/json", b"").status,
        400
    );
    assert_eq!(
        d.post_raw("/api/weeks", "image/png", b"\x89PNG").status,
        415
    );
    // A broken workbook: 422.
    let a = d.post_raw(
        "/api/weeks",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04 not really a workbook",
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    // A CSV file of tasks without a header row: located in the task sheet.
    let a = d.post_raw("/api/weeks", "text/csv", b"a,b\n1,2\n");
    assert_eq!(a.status, 422);
    assert!(places(&a).iter().any(|p| p == "任务"), "{:?}", places(&a));
    // Too large: 413.
    let big = vec![b' '; 32 * 1024 * 1024 + 1];
    // (On a connection of its own: the server closes it without reading the rest.)
    let too_large = answer(
        "POST /api/weeks",
        agent()
            .post(d.url("/api/weeks"))
            .header("Content-Type", "application/json")
            .send(&big[..]),
    );
    assert_eq!(too_large.status, 413);
    assert_eq!(too_large.json()["problems"][0]["code"], "too-large");
    assert_eq!(
        d.get("/api/weeks").json()["weeks"],
        json!([]),
        "a refused week was stored"
    );

    let w = d.week(&tiny_text());
    // Plan requests: a bad time limit, an unknown field, a body that is not an object.
    let a = d.post(&format!("/api/weeks/{w}/plans"), &json!({"time_limit": -1}));
    assert_eq!((a.status, places(&a)), (400, vec!["time_limit".to_owned()]));
    let a = d.post(&format!("/api/weeks/{w}/plans"), &json!({"time_limimt": 3}));
    assert_eq!(
        (a.status, places(&a)),
        (400, vec!["time_limimt".to_owned()])
    );
    assert_eq!(
        d.post(&format!("/api/weeks/{w}/plans"), &json!([1])).status,
        400
    );
    assert_eq!(d.post("/api/weeks/W99/plans", &json!({})).status, 404);
    assert_eq!(d.get("/api/weeks/nonsense").status, 404);
    assert_eq!(d.get("/api/plans/P1").status, 404);
    assert_eq!(
        d.get(&format!("/api/weeks/{w}/plans")).json()["plans"],
        json!([])
    );

    // Re-plan requests: no date, an unknown officer, an urgent task for an unknown
    // business; nothing stored.
    let (p, _) = d.plan(&w, 2.0);
    let a = d.post(&format!("/api/plans/{p}/replan"), &json!({}));
    assert_eq!((a.status, places(&a)), (400, vec!["from".to_owned()]));
    let a = d.post(
        &format!("/api/plans/{p}/replan"),
        &json!({"from": "2022-09-13", "unavailable": ["NOBODY:2022-09-13"]}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    let task = scn["tasks"][0].clone();
    let mut urgent = task.clone();
    urgent["id"] = json!("URGENT");
    urgent["business"] = json!("NOWHERE");
    let a = d.post(
        &format!("/api/plans/{p}/replan"),
        &json!({"from": "2022-09-13", "add_tasks": [urgent]}),
    );
    assert_eq!(a.status, 422);
    assert_eq!(places(&a), ["add_tasks[0].business"]);
    // A check of something that is no plan: 422 with places.
    let a = d.post(&format!("/api/weeks/{w}/check"), &json!({"visits": 3}));
    assert_eq!(a.status, 422);
    // A what-if variant with an unknown field.
    let a = d.post(
        &format!("/api/weeks/{w}/whatif"),
        &json!({"variants": [{"holidays": ["2022-09-13"]}]}),
    );
    assert_eq!(
        (a.status, places(&a)),
        (422, vec!["variants[0].holidays".to_owned()])
    );
    assert_eq!(
        d.get(&format!("/api/weeks/{w}/plans")).json()["plans"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "a refused request stored a plan"
    );

    // An urgent task that is fine: the re-plan places it or says why not.
    let mut urgent = task;
    urgent["id"] = json!("URGENT");
    let a = d.post(
        &format!("/api/plans/{p}/replan"),
        &json!({"from": "2022-09-13", "add_tasks": [urgent], "time_limit": 3}),
    );
    assert_eq!(a.status, 202, "{}", String::from_utf8_lossy(&a.body));
    let id = a.json()["id"].as_str().expect("id").to_owned();
    let v = d.wait(&format!("/api/plans/{id}"));
    assert_eq!(v["state"], "done");
    assert_eq!(v["valid"], true, "{v}");
    let plan = Plan::parse(&v["plan"].to_string(), "p").expect("plan");
    let everywhere = plan
        .visits
        .iter()
        .any(|v| v.tasks.iter().any(|t| t == "URGENT"))
        || plan.unscheduled.iter().any(|u| u.task == "URGENT");
    assert!(
        everywhere,
        "the urgent task is neither planned nor left out"
    );
}

#[test]
fn a_workbook_upload_becomes_a_week() {
    let d = desk();
    let loaded = onedoor_core::variant::load_tree(
        onedoor_core::json::Json::parse(&tiny_text()).expect("json"),
        "tiny",
        &Default::default(),
    )
    .expect("tiny");
    let bytes = onedoor::import::template::workbook(Some(&loaded.json)).expect("workbook");
    let a = d.post_raw(
        "/api/weeks?name=tiny.xlsx",
        "application/octet-stream",
        &bytes,
    );
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["tasks"], 13);
    assert_eq!(a.json()["name"], "tiny");
    let week = d.get("/api/weeks/W1").json();
    let (_, v) = d.plan("W1", 2.0);
    assert_checked(&week["scenario"].to_string(), &v["plan"]);
}

fn users_file(dir: &Path) -> PathBuf {
    let file = dir.join("users.txt");
    serve::auth::add_user(&file, "li", "secret-li", Some("定海")).expect("li");
    serve::auth::add_user(&file, "wang", "secret-wang", Some("普陀")).expect("wang");
    serve::auth::add_user(&file, "boss", "secret-boss", None).expect("boss");
    file
}

#[test]
fn logins_bureaus_and_csrf_guard_every_request() {
    let folder = tempfile::tempdir().expect("dir");
    let d = desk_with(Some(users_file(folder.path())), 1);
    let url = |p: &str| d.url(p);
    // No credentials: 401; the page sends to the login page; public paths are open.
    assert_eq!(d.get("/api/weeks").status, 401);
    let page = d.get("/");
    assert_eq!(page.status, 303);
    assert_eq!(d.get("/login").status, 200);
    assert_eq!(d.get("/api/openapi.json").status, 200);
    // A wrong password: 401.
    let wrong = answer(
        "GET /api/weeks",
        d.agent
            .get(url("/api/weeks"))
            .header("Authorization", basic("li", "nope"))
            .call(),
    );
    assert_eq!(wrong.status, 401);
    // Li (定海) stores a week; Wang (普陀) cannot see it; the boss (no bureau) can.
    let li = basic("li", "secret-li");
    let a = answer(
        "POST /api/weeks",
        d.agent
            .post(url("/api/weeks"))
            .header("Authorization", &li)
            .header("Content-Type", "application/json")
            .send(tiny_text()),
    );
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    let as_user = |who: &str, path: &str| {
        answer(
            path,
            d.agent.get(url(path)).header("Authorization", who).call(),
        )
    };
    let wang = basic("wang", "secret-wang");
    assert_eq!(as_user(&wang, "/api/weeks/W1").status, 404);
    assert_eq!(as_user(&wang, "/api/weeks").json()["weeks"], json!([]));
    let li_weeks = as_user(&li, "/api/weeks").json();
    assert_eq!(li_weeks["weeks"][0]["bureau"], "定海");
    let boss = basic("boss", "secret-boss");
    assert_eq!(as_user(&boss, "/api/weeks/W1").status, 200);
    let a = answer(
        "POST /api/weeks/W1/plans",
        d.agent
            .post(url("/api/weeks/W1/plans"))
            .header("Authorization", &wang)
            .send_empty(),
    );
    assert_eq!(a.status, 404, "another bureau's week can be planned");

    // The page: log in, then the cookie; changes need the CSRF token.
    let login = answer(
        "POST /login",
        d.agent
            .post(url("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("name=li&password=secret-li"),
    );
    assert_eq!(login.status, 303);
    let set = login.cookie.expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next().expect("cookie").to_owned();
    let me = answer(
        "GET",
        d.agent.get(url("/api/me")).header("Cookie", &cookie).call(),
    )
    .json();
    assert_eq!(me["name"], "li");
    let csrf = me["csrf"].as_str().expect("csrf").to_owned();
    let no_token = answer(
        "POST /api/weeks/W1/plans",
        d.agent
            .post(url("/api/weeks/W1/plans"))
            .header("Cookie", &cookie)
            .header("Content-Type", "application/json")
            .send("{\"time_limit\": 1}"),
    );
    assert_eq!(no_token.status, 403);
    let with_token = answer(
        "POST /api/weeks/W1/plans",
        d.agent
            .post(url("/api/weeks/W1/plans"))
            .header("Cookie", &cookie)
            .header("X-CSRF-Token", &csrf)
            .header("Content-Type", "application/json")
            .send("{\"time_limit\": 1}"),
    );
    assert_eq!(with_token.status, 202);
    // A change sent from another site: 403 even with good credentials.
    let cross = answer(
        "POST /api/weeks/W1/plans",
        d.agent
            .post(url("/api/weeks/W1/plans"))
            .header("Authorization", &li)
            .header("Origin", "http://evil.example")
            .send_empty(),
    );
    assert_eq!(cross.status, 403);
    // A failed login form goes back to the login page.
    let failed = answer(
        "POST /login",
        d.agent
            .post(url("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("name=li&password=wrong"),
    );
    assert_eq!(failed.status, 303);
    assert!(failed.cookie.is_none());
    let p = d.wait_as(&li, "/api/plans/P1");
    assert_eq!(p["state"], "done");
    assert_checked(&tiny_text(), &p["plan"]);
}

impl Desk {
    fn wait_as(&self, auth: &str, path: &str) -> Value {
        loop {
            let v = answer(
                "request",
                self.agent
                    .get(self.url(path))
                    .header("Authorization", auth)
                    .call(),
            )
            .json();
            if v["state"] == "done" || v["state"] == "failed" {
                return v;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn an_open_desk_refuses_an_address_other_than_loopback() {
    let dir = tempfile::tempdir().expect("dir");
    let refused = serve::start(&Config {
        data: dir.path().join("data"),
        listen: "0.0.0.0:0".parse().expect("addr"),
        users: None,
        workers: Some(1),
    });
    assert!(matches!(refused, Err(serve::StartError::Open(_))));
    assert!(
        !dir.path().join("data").exists(),
        "a refused start made the data folder"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .args(["serve", "--listen", "0.0.0.0:0", "--data"])
        .arg(dir.path().join("data"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--users") && err.contains("非本机"), "{err}");
}

#[test]
fn several_plans_run_at_once_and_all_are_valid_and_a_queued_job_can_be_cancelled() {
    let d = desk_with(None, 2);
    let weeks: Vec<(String, String)> = (1..=3)
        .map(|seed| {
            let text = district(seed);
            (d.week(&text), text)
        })
        .chain(std::iter::once((d.week(&tiny_text()), tiny_text())))
        .collect();
    let ids: Vec<String> = weeks
        .iter()
        .map(|(w, _)| {
            let a = d.post(&format!("/api/weeks/{w}/plans"), &json!({"time_limit": 20}));
            assert_eq!(a.status, 202);
            a.json()["id"].as_str().expect("id").to_owned()
        })
        .collect();
    // One more behind them, cancelled while it waits: two workers are busy with the
    // first district weeks.
    let extra = d.post(&format!("/api/weeks/{}/plans", weeks[0].0), &json!({}));
    let extra = extra.json()["id"].as_str().expect("id").to_owned();
    let c = d.post(&format!("/api/plans/{extra}/cancel"), &json!({}));
    assert_eq!(c.status, 200, "{}", String::from_utf8_lossy(&c.body));
    assert_eq!(c.json()["error"]["code"], "cancelled");
    // The GET requests keep answering meanwhile.
    assert_eq!(d.get("/api/weeks").status, 200);
    for (id, (_, text)) in ids.iter().zip(&weeks) {
        let v = d.wait(&format!("/api/plans/{id}"));
        assert_eq!(v["state"], "done", "{v}");
        assert_eq!(v["valid"], true);
        assert_checked(text, &v["plan"]);
    }
    let v = d.get(&format!("/api/plans/{extra}")).json();
    assert_eq!(v["state"], "failed");
    assert_eq!(v["error"]["code"], "cancelled");
    assert!(v.get("plan").is_none(), "a cancelled job stored a plan");
}

/// Starts `onedoor serve` as a process; returns it and its URL.
fn spawn(data: &Path, workers: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--workers",
            workers,
            "--data",
        ])
        .arg(data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the URL line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    (child, url)
}

#[test]
fn after_kill_9_the_server_restarts_with_what_it_acknowledged() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let (mut child, url) = spawn(&data, "1");
    let agent = self::agent();
    let post = |path: &str, body: String| {
        answer(
            path,
            agent
                .post(format!("{url}{path}"))
                .header("Content-Type", "application/json")
                .send(body),
        )
    };
    let week = district(5);
    let a = post("/api/weeks", week.clone());
    assert_eq!(a.status, 201);
    // A first plan, finished before the kill.
    let a = post("/api/weeks/W1/plans", "{\"time_limit\": 10}".into());
    assert_eq!(a.status, 202);
    loop {
        let v = answer("GET", agent.get(format!("{url}/api/plans/P1")).call()).json();
        if v["state"] == "done" {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Three more on one worker, then kill -9 at once: some are running or queued.
    for _ in 0..3 {
        let a = post("/api/weeks/W1/plans", "{\"time_limit\": 10}".into());
        assert_eq!(a.status, 202);
    }
    child.kill().expect("kill -9");
    let _ = child.wait();

    let (mut child, url) = spawn(&data, "1");
    let agent = self::agent();
    let weeks = answer("GET", agent.get(format!("{url}/api/weeks")).call()).json();
    assert_eq!(weeks["weeks"][0]["plans"], 4, "{weeks}");
    let first = answer("GET", agent.get(format!("{url}/api/plans/P1")).call()).json();
    assert_eq!(first["state"], "done");
    assert_checked(&week, &first["plan"]);
    let mut interrupted = 0;
    for p in 2..=4 {
        let v = answer("GET", agent.get(format!("{url}/api/plans/P{p}")).call()).json();
        match v["state"].as_str() {
            Some("done") => {
                assert_checked(&week, &v["plan"]);
            }
            Some("failed") => {
                assert_eq!(v["error"]["code"], "interrupted", "{v}");
                assert!(v.get("plan").is_none(), "a half plan was stored");
                interrupted += 1;
            }
            other => panic!("P{p} is {other:?} after the restart"),
        }
    }
    assert!(interrupted >= 1, "no job was interrupted");

    // A stop by SIGTERM: the server ends by itself; what was queued or running is
    // marked interrupted, what was done stays.
    if !cfg!(unix) {
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    for _ in 0..3 {
        let a = answer(
            "request",
            agent
                .post(format!("{url}/api/weeks/W1/plans"))
                .header("Content-Type", "application/json")
                .send("{\"time_limit\": 10}"),
        );
        assert_eq!(a.status, 202);
    }
    let term = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(term.success());
    let status = child.wait().expect("the server ends");
    assert!(status.success(), "{status:?}");
    let (mut child, url) = spawn(&data, "1");
    for p in 5..=7 {
        let v = answer(
            "GET",
            self::agent().get(format!("{url}/api/plans/P{p}")).call(),
        )
        .json();
        match v["state"].as_str() {
            Some("done") => {
                assert_checked(&week, &v["plan"]);
            }
            Some("failed") => assert_eq!(v["error"]["code"], "interrupted", "{v}"),
            other => panic!("P{p} is {other:?} after the restart"),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Every route the router serves is described in /api/openapi.json.
#[test]
fn the_openapi_description_names_every_route() {
    let doc: Value = serde_json::from_str(serve::api::OPENAPI).expect("openapi.json is JSON");
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
    for (method, path) in serve::api::ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is not in openapi.json"
        );
    }
    let described: usize = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .map(|p| p.as_object().map_or(0, |m| m.len()))
        .sum();
    assert_eq!(
        described,
        serve::api::ROUTES.len(),
        "openapi.json describes routes the router lacks"
    );
    // And the router serves what ROUTES says: each answers something other than the
    // fallback's 404 for its path (methods are checked by a 405 on the wrong one).
    let d = desk();
    for (method, path) in serve::api::ROUTES {
        let concrete = path
            .replace("{w}", "W1")
            .replace("{p}", "P1")
            .replace("{q}", "P1")
            .replace("{j}", "J1")
            .replace("{file}", "app.js");
        let request = ureq::http::Request::builder()
            .method("PATCH")
            .uri(d.url(&concrete))
            .body(())
            .expect("request");
        let a = answer("PATCH", d.agent.run(request));
        assert_eq!(
            a.status, 405,
            "PATCH {concrete}: {method} {path} is not served"
        );
    }
    let _ = d.dir.path();
}

/// A pinned visit stays exactly as it is even when an urgent task at its business on its
/// date would otherwise join it.
#[test]
fn a_pinned_visit_is_not_joined_by_an_urgent_task() {
    let d = desk();
    let tiny = tiny_text();
    let w = d.week(&tiny);
    let (p1, v1) = d.plan(&w, 5.0);
    let plan1 = assert_checked(&tiny, &v1["plan"]);
    let scn: Value = serde_json::from_str(&tiny).expect("json");
    for pinned in &plan1.visits {
        let a = d.put(
            &format!("/api/plans/{p1}/pins"),
            &json!({"visits": [pinned.id]}),
        );
        assert_eq!(a.status, 200);
        // An urgent task of a department already in the visit, at its business, due on
        // its date, of the highest priority.
        let dept = pinned.crew[0].department.clone();
        let urgent = json!({
            "id": "URGENT", "department": dept, "business": pinned.business,
            "minutes": 20, "priority": 5,
            "earliest": pinned.date.to_string(), "latest": pinned.date.to_string(),
            "items": scn["tasks"][0]["items"],
        });
        let r = d.post(
            &format!("/api/plans/{p1}/replan"),
            &json!({"from": scn["horizon"]["start"], "add_tasks": [urgent], "time_limit": 3}),
        );
        assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
        let id = r.json()["id"].as_str().expect("id").to_owned();
        let v = d.wait(&format!("/api/plans/{id}"));
        assert_eq!(v["state"], "done", "{v}");
        assert_eq!(v["valid"], true, "{v}");
        let plan = Plan::parse(&v["plan"].to_string(), "p").expect("plan");
        let kept = plan.visits.iter().find(|x| x.id == pinned.id);
        assert_eq!(kept, Some(pinned), "pinned {} changed", pinned.id);
    }
}

#[test]
fn user_add_reads_the_password_from_stdin_and_replaces_a_name() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("users");
    for (password, bureau) in [("first", Some("定海")), ("second", None)] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"));
        cmd.args(["user", "add", "li", "--users"]).arg(&file);
        if let Some(b) = bureau {
            cmd.args(["--bureau", b]);
        }
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{password}\n").as_bytes())
            .expect("password");
        assert!(child.wait().expect("ends").success());
    }
    let text = std::fs::read_to_string(&file).expect("users file");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("li:$argon2id$"), "{text}");
    let users = serve::auth::Users::load(&file).expect("loads");
    assert!(users.verify("li", "first").is_none());
    assert_eq!(users.verify("li", "second").map(|u| u.bureau), Some(None));
    // A name with ':' is refused (exit 2), the file unchanged.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"))
        .args(["user", "add", "a:b", "--users"])
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).expect("file"), text);
    for sub in [
        &["serve", "--help"][..],
        &["user", "--help"],
        &["user", "add", "--help"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_onedoor"))
            .args(sub)
            .output()
            .expect("runs");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Examples:"),
            "{sub:?} has no examples"
        );
    }
}

/// `onedoor stats --json` prints the figures the desk gives for a week.
#[test]
fn stats_json_on_the_command_line_equals_the_desks() {
    let d = desk();
    let w = d.week(&tiny_text());
    let desk_stats = d.get(&format!("/api/weeks/{w}")).json()["stats"].clone();
    let out = common::run_ok(["stats", "scenarios/tiny.json", "--json"]);
    let cli: Value = serde_json::from_str(&out).expect("stats --json is JSON");
    assert_eq!(cli, desk_stats);
    assert_eq!(cli["sizes"]["tasks"], 13);
}
