//! The desk's background work: a bounded pool of worker threads taking plan, re-plan and
//! what-if jobs from one queue, first come first served.
//!
//! Solves run on these threads, never on the HTTP runtime, so the server keeps answering
//! while they run. Each solve uses the process's rayon pool inside (all cores), so the
//! pool's size bounds how many solves *share* the cores at once, not how many cores they
//! use; the default is half the cores (at least one): two solves on two cores overlap
//! their single-threaded stretches (HiGHS, assembly) without thrashing.
//!
//! Each job has its own [`CancelToken`]. Cancelling a queued job takes it out of the
//! queue; cancelling a running one stops its solve at the next check of the token and
//! the job is stored as failed (`cancelled`), never with a half plan. A job's state lives
//! in the database (see `store.rs`); only its progress and token live here.

use super::store::{Finished, Store, Table};
use crate::plan::Plan;
use crate::travel::TravelGraph;
use onedoor_solve::{CancelToken, Event, Stage};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What a job does.
#[derive(Clone, Debug)]
pub enum Work {
    /// Plan a week from scratch.
    Plan {
        /// The plan row's number.
        id: i64,
        /// The week (scenario JSON text).
        scenario: String,
        /// Seconds.
        time_limit: f64,
    },
    /// Re-plan an announced plan from a date, on the changed week.
    Replan {
        /// The new plan row's number.
        id: i64,
        /// The changed week (scenario JSON text).
        scenario: String,
        /// The announced plan (JSON text).
        announced: String,
        /// The first date re-planned.
        from: chrono::NaiveDate,
        /// Visit ids to keep exactly.
        pins: Vec<String>,
        /// Seconds.
        time_limit: f64,
    },
    /// Compare variants of a week (and optionally whom to certify).
    Whatif {
        /// The job row's number.
        id: i64,
        /// Label and scenario text of each case, the base first.
        cases: Vec<(String, String)>,
        /// How many certificates to look for on the base (`--certify N`).
        certify: Option<usize>,
        /// Seconds per solve.
        time_limit: f64,
    },
}

impl Work {
    /// The job's public id (`P3`, `J2`).
    pub fn key(&self) -> String {
        match self {
            Work::Plan { id, .. } | Work::Replan { id, .. } => format!("P{id}"),
            Work::Whatif { id, .. } => format!("J{id}"),
        }
    }

    fn table(&self) -> Table {
        match self {
            Work::Whatif { .. } => Table::Jobs,
            _ => Table::Plans,
        }
    }

    fn id(&self) -> i64 {
        match self {
            Work::Plan { id, .. } | Work::Replan { id, .. } | Work::Whatif { id, .. } => *id,
        }
    }

    fn time_limit(&self) -> f64 {
        match self {
            Work::Plan { time_limit, .. }
            | Work::Replan { time_limit, .. }
            | Work::Whatif { time_limit, .. } => *time_limit,
        }
    }
}

/// A job's live state: its token and progress.
#[derive(Debug)]
pub struct Live {
    /// Stops its solve.
    pub cancel: CancelToken,
    /// The stage it is in (None before it starts).
    stage: Mutex<Option<&'static str>>,
    /// When it started.
    started: Mutex<Option<Instant>>,
    /// Its time limit in seconds.
    limit: f64,
}

impl Live {
    /// The progress to show: the stage and the share of the time limit spent (a solve
    /// may end well before its limit; it never runs past it).
    pub fn progress(&self) -> Option<Value> {
        let started = (*self.started.lock().unwrap_or_else(PoisonError::into_inner))?;
        let stage = self
            .stage
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .unwrap_or("start");
        let fraction = if self.limit > 0.0 {
            (started.elapsed().as_secs_f64() / self.limit).clamp(0.0, 0.99)
        } else {
            0.0
        };
        Some(json!({"stage": stage, "fraction": (fraction * 100.0).round() / 100.0}))
    }

    fn set_stage(&self, stage: &'static str) {
        *self.stage.lock().unwrap_or_else(PoisonError::into_inner) = Some(stage);
    }
}

/// The stage's name in the API.
fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::KeepStart => "keep-start",
        Stage::IlpDates { .. } => "ilp-dates",
        Stage::GreedyDates => "greedy-dates",
        Stage::StartDates => "start-dates",
        Stage::Crews => "crews",
        Stage::Repair => "repair",
        Stage::Polish => "polish",
        Stage::DateSearch => "date-search",
        Stage::CrewSearch => "crew-search",
        Stage::RouteSearch => "route-search",
    }
}

struct Inner {
    store: Arc<Store>,
    queue: Mutex<VecDeque<Work>>,
    ready: Condvar,
    live: Mutex<HashMap<String, Arc<Live>>>,
    stop: AtomicBool,
}

/// The pool: a queue and its workers.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

/// What cancelling found.
#[derive(Debug, PartialEq, Eq)]
pub enum Cancelled {
    /// It was queued or running and is now failed (`cancelled`).
    Now,
    /// It had already ended.
    TooLate,
}

impl Jobs {
    /// Starts `workers` worker threads (at least one).
    pub fn start(store: Arc<Store>, workers: usize) -> Jobs {
        let jobs = Jobs {
            inner: Arc::new(Inner {
                store,
                queue: Mutex::new(VecDeque::new()),
                ready: Condvar::new(),
                live: Mutex::new(HashMap::new()),
                stop: AtomicBool::new(false),
            }),
        };
        for n in 0..workers.max(1) {
            let inner = Arc::clone(&jobs.inner);
            let spawned = std::thread::Builder::new()
                .name(format!("onedoor-worker-{n}"))
                .spawn(move || worker(&inner));
            if let Err(e) = spawned {
                eprintln!("onedoor: cannot start a worker thread: {e}");
            }
        }
        jobs
    }

    /// Queues a job (its row is already stored as `queued`).
    pub fn submit(&self, work: Work) {
        let live = Arc::new(Live {
            cancel: CancelToken::new(),
            stage: Mutex::new(None),
            started: Mutex::new(None),
            limit: work.time_limit(),
        });
        self.inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(work.key(), live);
        self.inner
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(work);
        self.inner.ready.notify_one();
    }

    /// The live state of a queued or running job.
    pub fn live(&self, key: &str) -> Option<Arc<Live>> {
        self.inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Cancels a queued or running job: marks it failed (`cancelled`) at once and stops
    /// its solve.
    pub fn cancel(
        &self,
        table: Table,
        id: i64,
        key: &str,
    ) -> Result<Cancelled, super::store::StoreError> {
        let error = json!({"code": "cancelled", "message": "已取消 / cancelled"});
        self.inner
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|w| w.key() != key);
        let now = self.inner.store.fail(table, id, &error)?;
        if let Some(live) = self.live(key) {
            live.cancel.cancel();
        }
        Ok(if now {
            Cancelled::Now
        } else {
            Cancelled::TooLate
        })
    }

    /// How many jobs wait in the queue before job `key` (None: it is not queued).
    pub fn ahead(&self, key: &str) -> Option<usize> {
        self.inner
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .position(|w| w.key() == key)
    }

    /// Asks the workers to stop after their current job, and cancels running solves.
    pub fn shut_down(&self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        for live in self
            .inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
        {
            live.cancel.cancel();
        }
        self.inner.ready.notify_all();
    }
}

fn worker(inner: &Inner) {
    loop {
        let work = {
            let mut queue = inner.queue.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if inner.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(w) = queue.pop_front() {
                    break w;
                }
                queue = inner
                    .ready
                    .wait_timeout(queue, Duration::from_secs(1))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        };
        let key = work.key();
        let live = inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        if let Some(live) = live {
            run_one(inner, &work, &live);
        }
        inner
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&key);
    }
}

/// Runs one job and stores its outcome: done, or failed with a reason.
fn run_one(inner: &Inner, work: &Work, live: &Live) {
    let store = &inner.store;
    let (table, id) = (work.table(), work.id());
    match store.start(table, id) {
        Ok(true) => {}
        Ok(false) => return, // cancelled while queued
        Err(e) => {
            eprintln!("onedoor: {e}");
            return;
        }
    }
    *live.started.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| execute(work, live)));
    let stored = match outcome {
        _ if live.cancel.is_cancelled() => {
            let error = if inner.stop.load(Ordering::SeqCst) {
                json!({"code": "interrupted", "message": "服务器在任务完成前停止 / the server stopped before the job finished"})
            } else {
                json!({"code": "cancelled", "message": "已取消 / cancelled"})
            };
            store.fail(table, id, &error)
        }
        Ok(Ok(Done::Plan(f))) => store.finish_plan(
            id,
            &Finished {
                plan: &f.plan,
                violations: &f.violations,
                figures: &f.figures,
                changes: f.changes.as_ref(),
                draft: false,
                reasons: &f.reasons,
            },
        ),
        Ok(Ok(Done::Job(result))) => store.finish_job(id, &result),
        Ok(Err(message)) => store.fail(table, id, &json!({"code": "solve", "message": message})),
        Err(_) => store.fail(
            table,
            id,
            &json!({"code": "internal", "message": "内部错误 / internal error (a bug: please report it)"}),
        ),
    };
    if let Err(e) = stored {
        eprintln!("onedoor: cannot store job {}: {e}", work.key());
    }
}

/// A finished plan, ready to store.
pub struct PlanDone {
    /// The plan (JSON text).
    pub plan: String,
    /// The checker's violations (JSON array).
    pub violations: Value,
    /// The figures (JSON object).
    pub figures: Value,
    /// A re-plan's change list.
    pub changes: Option<Value>,
    /// Why each task was left out, in words.
    pub reasons: Value,
}

enum Done {
    Plan(Box<PlanDone>),
    Job(Value),
}

fn options(time_limit: f64, live: &Live) -> onedoor_solve::Options {
    onedoor_solve::Options {
        time_limit: Duration::from_secs_f64(time_limit.clamp(0.0, crate::cli::MAX_TIME_LIMIT_SECS)),
        progress: true,
        cancel: live.cancel.clone(),
        ..onedoor_solve::Options::default()
    }
}

fn scenario(text: &str) -> Result<crate::Scenario, String> {
    crate::parse_scenario(text, "week").map_err(|e| e.to_string())
}

fn execute(work: &Work, live: &Live) -> Result<Done, String> {
    match work {
        Work::Plan {
            scenario: text,
            time_limit,
            ..
        } => {
            let scn = scenario(text)?;
            let travel = TravelGraph::build(&scn);
            let opts = options(*time_limit, live);
            let observe = |e: Event<'_>| {
                if let Event::Stage(s) = e {
                    live.set_stage(stage_name(s));
                }
            };
            let outcome = onedoor_solve::plan_with(&scn, &travel, &opts, &observe)
                .map_err(|e| e.to_string())?;
            Ok(Done::Plan(Box::new(finished(&scn, &outcome.plan, None))))
        }
        Work::Replan {
            scenario: text,
            announced,
            from,
            pins,
            time_limit,
            ..
        } => {
            live.set_stage("replan");
            let scn = scenario(text)?;
            let announced = Plan::parse(announced, "plan").map_err(|e| e.to_string())?;
            let travel = TravelGraph::build(&scn);
            let pins: BTreeSet<String> = pins.iter().cloned().collect();
            let opts = options(*time_limit, live);
            let replanned =
                onedoor_solve::replan_pinned(&scn, &travel, &announced, *from, &pins, &opts)
                    .map_err(|e| e.to_string())?;
            let changes = super::ops::change_list(&scn, &travel, &announced, &replanned, *from);
            let plan = &replanned.outcome.plan;
            Ok(Done::Plan(Box::new(finished(&scn, plan, Some(changes)))))
        }
        Work::Whatif {
            cases,
            certify,
            time_limit,
            ..
        } => {
            live.set_stage("whatif");
            let mut loaded = Vec::new();
            for (label, text) in cases {
                loaded.push(onedoor_solve::whatif::Case {
                    label: label.clone(),
                    scenario: scenario(text)?,
                });
            }
            let opts = options(*time_limit, live);
            Ok(Done::Job(super::ops::whatif(&loaded, *certify, &opts)?))
        }
    }
}

/// A plan's stored form: its text, the checker's verdict, its figures.
fn finished(scn: &crate::Scenario, plan: &Plan, changes: Option<Value>) -> PlanDone {
    let report = crate::check::check(scn, plan);
    PlanDone {
        plan: plan.to_json_string(),
        violations: super::ops::violations_json(&report),
        figures: super::ops::figures_json(plan),
        changes,
        reasons: super::ops::reasons_json(scn, plan),
    }
}
