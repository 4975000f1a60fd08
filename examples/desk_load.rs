//! Load on the desk (`onedoor serve`), measured, not tested: memory at rest, the median
//! latency of `GET /api/weeks` while 8 district weeks are planned at once, and memory
//! after 100 plan jobs (docs/serve.md, "Measurements").
//!
//! `cargo run --release --example desk_load` starts a desk in this process on a free
//! loopback port over a temporary data folder (default workers), then:
//!
//! 1. stores 8 generated district weeks (seeds 1–8) and reads the resident memory;
//! 2. asks for 8 plans at once (time limit 30 s each) and, until all are done, sends
//!    `GET /api/weeks` every 50 ms, timing each answer; every plan is checked again with
//!    onedoor_check (exit 1 on a violation);
//! 3. runs 100 more plan jobs (the same weeks in turn, 5 s limit each) and reads the
//!    resident memory after 50 and after 100.
//!
//! Memory is the process's VmRSS from /proc (Linux only; "n/a" elsewhere); it includes
//! this small client.

use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or_else(|| "n/a".to_owned(), |kb| format!("{:.1} MiB", kb / 1024.0))
}

struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    fn get(&self, path: &str) -> Value {
        let mut r = self
            .agent
            .get(format!("{}{path}", self.base))
            .call()
            .expect("answered");
        let text = r
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .expect("body");
        serde_json::from_str(&text).expect("json")
    }

    fn post(&self, path: &str, body: &str) -> Value {
        let mut r = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .send(body)
            .expect("answered");
        serde_json::from_str(&r.body_mut().read_to_string().expect("body")).expect("json")
    }

    fn plan(&self, week: &str, limit: f64) -> String {
        let v = self.post(
            &format!("/api/weeks/{week}/plans"),
            &json!({ "time_limit": limit }).to_string(),
        );
        v["id"].as_str().expect("id").to_owned()
    }

    fn wait(&self, plan: &str) -> Value {
        loop {
            let v = self.get(&format!("/api/plans/{plan}"));
            if v["state"] == "done" || v["state"] == "failed" {
                return v;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn main() -> std::process::ExitCode {
    let dir = std::env::temp_dir().join(format!("onedoor-desk-load-{}", std::process::id()));
    let server = onedoor::serve::start(&onedoor::serve::Config {
        data: dir.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        users: None,
        workers: None,
    })
    .expect("the desk starts");
    let client = Client {
        base: format!("http://{}", server.addr),
        agent: ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into(),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("desk at {} ({cores} cores, default workers)", client.base);
    let mut weeks = Vec::new();
    for seed in 1..=8 {
        let text = onedoor_generate::generate_with(onedoor_generate::Preset::District, seed, None);
        let v = client.post("/api/weeks", &text);
        weeks.push((v["id"].as_str().expect("id").to_owned(), text));
    }
    std::thread::sleep(Duration::from_millis(500));
    println!("memory at rest, 8 district weeks stored: {}", rss_mib());

    let started = Instant::now();
    let plans: Vec<String> = weeks.iter().map(|(w, _)| client.plan(w, 30.0)).collect();
    let mut latencies = Vec::new();
    loop {
        let t = Instant::now();
        let listed = client.get("/api/weeks");
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(listed["weeks"].as_array().map(Vec::len), Some(8));
        let states: Vec<Value> = plans
            .iter()
            .map(|p| client.get(&format!("/api/plans/{p}"))["state"].clone())
            .collect();
        if states.iter().all(|s| s == "done" || s == "failed") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let solving = started.elapsed().as_secs_f64();
    let mut bad = 0;
    for (p, (_, text)) in plans.iter().zip(&weeks) {
        let v = client.wait(p);
        let scn = onedoor_core::parse_scenario(text, "week").expect("week");
        let plan = onedoor_core::plan::Plan::parse(&v["plan"].to_string(), p).expect("plan");
        let report = onedoor_check::check(&scn, &plan);
        if !report.is_valid() || v["state"] != "done" {
            eprintln!(
                "{p}: {} violations, state {}",
                report.violations.len(),
                v["state"]
            );
            bad += 1;
        }
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    println!(
        "8 district plans at once: all done in {solving:.1} s, {} valid; GET /api/weeks \
         meanwhile ({} requests): median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        8 - bad,
        latencies.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    println!("memory after those 8 plans: {}", rss_mib());

    for round in 0..2 {
        let ids: Vec<String> = (0..50)
            .map(|i| client.plan(&weeks[i % weeks.len()].0, 5.0))
            .collect();
        for id in &ids {
            if client.wait(id)["state"] != "done" {
                bad += 1;
            }
        }
        println!(
            "memory after {} more plan jobs: {}",
            (round + 1) * 50,
            rss_mib()
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    if bad > 0 {
        eprintln!("{bad} plan(s) invalid or failed");
        return std::process::ExitCode::from(1);
    }
    std::process::ExitCode::SUCCESS
}
