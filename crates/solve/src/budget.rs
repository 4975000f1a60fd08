//! The run budget: the deadline, the interrupt (Ctrl-C), the thread pool, and what every
//! stage after the date choice shares ([`Run`]: the clock, the seed, the observer).
//!
//! Stages stop on two kinds of limit. *Work limits* (branch-and-bound nodes, search
//! rounds, crew-search work) end a stage at the same point on every machine, so the plan
//! does not depend on the machine's speed. The *deadline* (`--time-limit`) and the
//! interrupt are the safety net: every loop that can run long asks [`should_stop`], and
//! a solve stopped by them returns the best valid plan it has, with status `time_limit`.

use crate::{Event, Stage};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks a running solve to stop searching and return the best plan it has (what Ctrl-C
/// does in the command line).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether the solve should stop: time is up or the user interrupted.
pub(crate) fn should_stop(deadline: Instant) -> bool {
    INTERRUPTED.load(Ordering::SeqCst) || Instant::now() >= deadline
}

/// A rayon pool of `threads` workers (default: all cores), and its size.
pub fn thread_pool(
    threads: Option<usize>,
) -> Result<(rayon::ThreadPool, usize), crate::error::SolveError> {
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    Ok((rayon::ThreadPoolBuilder::new().num_threads(n).build()?, n))
}

/// What every finishing pass and the search share: the observer, the clock, and the seed.
pub(crate) struct Run<'o> {
    /// Told of each stage and of every better plan (only when progress is wanted).
    pub observer: Option<&'o (dyn Fn(Event<'_>) + Sync)>,
    /// The deadline (start + time limit).
    pub deadline: Instant,
    /// When the solve started.
    pub started: Instant,
    /// The time limit.
    pub time_limit: Duration,
    /// The tie-breaking seed.
    pub seed: u64,
}

impl Run<'_> {
    /// Whether half the time limit is spent: no new search pass starts after that.
    pub fn half_time_spent(&self) -> bool {
        self.started.elapsed() * 2 >= self.time_limit
    }

    /// Whether the time is up: the deadline or Ctrl-C.
    pub fn should_stop(&self) -> bool {
        should_stop(self.deadline)
    }

    /// Whether no new pass should start: the deadline, Ctrl-C, or half the limit spent.
    pub fn out_of_time(&self) -> bool {
        self.should_stop() || self.half_time_spent()
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
