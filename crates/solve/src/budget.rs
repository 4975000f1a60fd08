//! The run budget of one solve: its deadline, its cancel token (Ctrl-C), the work its
//! searches have done, the thread pool it runs in, and what every stage after the date
//! choice shares ([`Run`]: the clock, the seed, the observer, the date ILP's fallbacks).
//!
//! Stages stop on two kinds of limit. *Work limits* (branch-and-bound nodes, search
//! rounds, crew-search [`Work`]) end a stage at the same point on every machine, so the
//! plan does not depend on the machine's speed. The *deadline* (`--time-limit`) and the
//! [`CancelToken`] are the safety net: every loop that can run long asks
//! [`should_stop`], and a solve stopped by them returns the best valid plan it has, with
//! status `time_limit`. The deadline does not apply while a solve makes its first
//! complete plan ([`Run::without_deadline`], the portfolio's construction): it cuts only
//! improvement, so a stopped solve still has a complete plan. Only the token stops a
//! construction.
//!
//! Nothing here is shared between solves unless the caller shares it: each solve has its
//! own token, work count and fallbacks. Only the thread pools are kept for the whole
//! process ([`thread_pool`]), one per thread count, so that solves called from parallel
//! code (`whatif`, `staffing`) do not build a pool each.

use crate::error::DateFallback;
use crate::{Event, Stage};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Asks the solves holding it to stop searching and return the best plan they have
/// (what Ctrl-C does in the command line).
///
/// Clones share one flag: cancelling any clone cancels every solve given one. A token
/// stays cancelled; a later solve that should run normally takes a fresh token
/// (`CancelToken::default()`, as `Options::default()` does).
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Cancels every solve holding this token (or a clone of it).
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the token was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Work done by the insertions of `crews.rs` (candidates, gaps and starts examined) in
/// one solve, summed over every thread. The searches stop on a budget of it, a work limit
/// that does not depend on the machine's speed or the thread count (each date's work is
/// fixed).
/// Clones share one count: every date plan of a solve counts into the solve's.
#[derive(Clone, Debug, Default)]
pub(crate) struct Work(Arc<AtomicU64>);

impl Work {
    /// Counts `amount` more work.
    pub fn add(&self, amount: u64) {
        self.0.fetch_add(amount, Ordering::Relaxed);
    }

    /// The work counted so far.
    pub fn done(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// When a solve must stop: at its deadline, or earlier once its token is cancelled.
/// Small and `Copy`, for the loops of every stage.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline<'a> {
    /// The instant the time limit ends.
    at: Instant,
    /// The solve's cancel token.
    cancel: &'a CancelToken,
}

impl<'a> Deadline<'a> {
    /// The deadline `at`, brought forward by `cancel`.
    pub fn new(at: Instant, cancel: &'a CancelToken) -> Deadline<'a> {
        Deadline { at, cancel }
    }

    /// The time left before the deadline (zero once cancelled or passed).
    pub fn remaining(&self) -> Duration {
        if self.cancel.is_cancelled() {
            Duration::ZERO
        } else {
            self.at.saturating_duration_since(Instant::now())
        }
    }
}

/// Whether the solve should stop: time is up or its token was cancelled.
pub(crate) fn should_stop(deadline: Deadline<'_>) -> bool {
    deadline.cancel.is_cancelled() || Instant::now() >= deadline.at
}

/// The process's rayon pool of `threads` workers (default: all cores), and its size.
/// Built on the first call for a thread count and kept: every later solve with that
/// count, and every solve called from inside it (a what-if's cases), runs in the same
/// pool.
pub fn thread_pool(
    threads: Option<usize>,
) -> Result<(Arc<rayon::ThreadPool>, usize), crate::error::SolveError> {
    static POOLS: Mutex<BTreeMap<usize, Arc<rayon::ThreadPool>>> = Mutex::new(BTreeMap::new());
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // A panic while holding the lock leaves the map as it was: a poisoned lock is safe.
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(pool) = pools.get(&n) {
        return Ok((Arc::clone(pool), n));
    }
    let pool = Arc::new(rayon::ThreadPoolBuilder::new().num_threads(n).build()?);
    pools.insert(n, Arc::clone(&pool));
    Ok((pool, n))
}

/// Runs `work` in the pool a solve belongs to: the calling rayon worker's pool (a
/// caller's own pool, or the process's pool a what-if runs its cases in), otherwise the
/// process's pool of `threads` workers ([`thread_pool`]); returns its result and the
/// pool's size. The plan does not depend on which.
pub(crate) fn in_pool<T: Send>(
    threads: Option<usize>,
    work: impl FnOnce() -> T + Send,
) -> Result<(T, usize), crate::error::SolveError> {
    if rayon::current_thread_index().is_some() {
        return Ok((work(), rayon::current_num_threads()));
    }
    let (pool, n) = thread_pool(threads)?;
    Ok((pool.install(work), n))
}

/// One solve's budget, and what every finishing pass and the search share: the
/// observer, the clock, the cancel token, the work count, the seed, and the date ILP's
/// fallbacks.
pub(crate) struct Run<'o> {
    /// Told of each stage and of every better plan (only when progress is wanted).
    pub observer: Option<&'o (dyn Fn(Event<'_>) + Sync)>,
    /// When the time limit ends (start + time limit).
    pub ends: Instant,
    /// When the solve started.
    pub started: Instant,
    /// The time limit.
    pub time_limit: Duration,
    /// The solve's cancel token.
    pub cancel: CancelToken,
    /// The work the searches have done (see [`Work`]).
    pub work: Work,
    /// The tie-breaking seed.
    pub seed: u64,
    /// Parts of the date ILP that kept their greedy dates because HiGHS failed, in the
    /// order the portfolio ran them.
    pub fallbacks: Mutex<Vec<DateFallback>>,
    /// Whether the solve is making its first complete plan: the deadline then waits
    /// (see [`Run::without_deadline`]).
    constructing: AtomicBool,
    /// A HiGHS failure to force in every date ILP (tests of the failure paths only).
    #[cfg(test)]
    pub fault: Option<crate::error::Fault>,
}

/// How far away the deadline is while a construction runs: never reached in practice.
const NO_DEADLINE: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

impl<'o> Run<'o> {
    /// A solve's budget from now: `time_limit`, stopped early by `cancel`.
    pub fn new(
        time_limit: Duration,
        cancel: CancelToken,
        seed: u64,
        observer: Option<&'o (dyn Fn(Event<'_>) + Sync)>,
    ) -> Run<'o> {
        let started = Instant::now();
        Run {
            observer,
            ends: started + time_limit,
            started,
            time_limit,
            cancel,
            work: Work::default(),
            seed,
            fallbacks: Mutex::new(Vec::new()),
            constructing: AtomicBool::new(false),
            #[cfg(test)]
            fault: None,
        }
    }

    /// The budget of one part of a solve in parts (`parts.rs`): the same clock, deadline,
    /// token and seed, but a work count and fallbacks of its own, so that the part's work
    /// limits are the ones it would have alone. It tells no observer (the parts' plans
    /// are not the solve's).
    pub fn part(&self) -> Run<'o> {
        Run {
            observer: None,
            ends: self.ends,
            started: self.started,
            time_limit: self.time_limit,
            cancel: self.cancel.clone(),
            work: Work::default(),
            seed: self.seed,
            fallbacks: Mutex::new(Vec::new()),
            constructing: AtomicBool::new(false),
            #[cfg(test)]
            fault: self.fault,
        }
    }

    /// Runs `construct` with the deadline lifted (only the token stops it): the
    /// portfolio's first complete plan.
    pub fn without_deadline<T>(&self, construct: impl FnOnce() -> T) -> T {
        self.constructing.store(true, Ordering::SeqCst);
        let out = construct();
        self.constructing.store(false, Ordering::SeqCst);
        out
    }

    /// The deadline, brought forward by the cancel token, for the stages' loops (none
    /// while a construction runs: [`Run::without_deadline`]).
    pub fn deadline(&self) -> Deadline<'_> {
        if self.constructing.load(Ordering::SeqCst) {
            let far = self.ends.max(Instant::now() + NO_DEADLINE);
            return Deadline::new(far, &self.cancel);
        }
        Deadline::new(self.ends, &self.cancel)
    }

    /// Whether half the time limit is spent: no new search pass starts after that.
    pub fn half_time_spent(&self) -> bool {
        self.started.elapsed() * 2 >= self.time_limit
    }

    /// Whether the time is up: the deadline, or the token was cancelled.
    pub fn should_stop(&self) -> bool {
        should_stop(self.deadline())
    }

    /// Whether no new pass should start: the deadline, the token, or half the limit spent.
    pub fn out_of_time(&self) -> bool {
        self.should_stop() || self.half_time_spent()
    }

    /// Records that a part of the date ILP kept its greedy dates, and why.
    pub fn fell_back(&self, fallback: DateFallback) {
        self.fallbacks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(fallback);
    }

    /// Takes the fallbacks recorded so far.
    pub fn take_fallbacks(&self) -> Vec<DateFallback> {
        std::mem::take(
            &mut *self
                .fallbacks
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// Tells the observer which stage runs now.
    pub fn stage(&self, stage: Stage) {
        if let Some(observe) = self.observer {
            observe(Event::Stage(stage));
        }
    }

    /// Tells the observer of a better plan.
    pub fn best(&self, stats: &crate::plan::Stats) {
        if let Some(observe) = self.observer {
            observe(Event::Best(stats));
        }
    }
}
