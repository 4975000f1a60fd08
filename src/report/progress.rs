//! The spinner on stderr while `onedoor plan` solves (only when stderr is a terminal): the
//! solver's stage, the best plan so far (unscheduled priority, visits against the lower
//! bound, gap) and the time spent. The solver tells of its stages and better plans
//! through [`onedoor_solve::plan_with`]'s observer; the words are here.

use onedoor_core::plan::Stats;
use onedoor_solve::{Event, Stage};
use std::io::IsTerminal;
use std::sync::Mutex;

/// The spinner, and the line about the best plan so far.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    best: Mutex<String>,
}

impl Progress {
    /// A spinner when `wanted` and stderr is a terminal; otherwise it shows nothing.
    pub fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            best: Mutex::new(String::new()),
        }
    }

    /// Whether anything is shown.
    pub fn shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Shows what the solver tells.
    pub fn observe(&self, event: Event<'_>) {
        match event {
            Event::Stage(stage) => self.say(&stage_text(stage)),
            Event::Best(stats) => self.best(stats),
        }
    }

    fn say(&self, what: &str) {
        if let Some(bar) = &self.bar {
            let best = self.best.lock().map(|b| b.clone()).unwrap_or_default();
            bar.set_message(if best.is_empty() {
                what.to_owned()
            } else {
                format!("{what} — best so far: {best}")
            });
        }
    }

    fn best(&self, stats: &Stats) {
        if self.bar.is_none() {
            return;
        }
        let (visits, bound) = (stats.visits, stats.lower_bound);
        let gap = if bound > 0 {
            visits.saturating_sub(bound) as f64 * 100.0 / bound as f64
        } else {
            0.0
        };
        if let Ok(mut b) = self.best.lock() {
            *b = format!(
                "unscheduled priority {}, {visits} visits (lower bound {bound}, gap {gap:.1} %)",
                stats.unscheduled_priority
            );
        }
    }

    /// Ends the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// What a stage is called on the spinner.
fn stage_text(stage: Stage) -> String {
    match stage {
        Stage::KeepStart => "keeping the start plan's valid visits".to_owned(),
        Stage::IlpDates { margin } => format!("choosing dates (ILP, capacity margin {margin})"),
        Stage::GreedyDates => "choosing dates (greedy)".to_owned(),
        Stage::StartDates => "re-planning from the start plan's dates".to_owned(),
        Stage::Crews => "assigning crews and times".to_owned(),
        Stage::Repair => "repairing and merging".to_owned(),
        Stage::Polish => "polishing: re-planning from the best plan's dates".to_owned(),
        Stage::DateSearch => "searching dates (large-neighbourhood search)".to_owned(),
        Stage::CrewSearch => "searching crews (ruin and recreate per date)".to_owned(),
        Stage::RouteSearch => "improving routes (visits moving in time)".to_owned(),
    }
}
