//! The checker's report for people: one line per violation, the objective and figures,
//! then the verdict.
//!
//! ```text
//! C6  V0003: 1 crew member(s) act for fire, its tasks need 2
//!
//! objective (smaller is better, in this order)
//!   unscheduled priority       3
//!   visits                     5
//!   officer visits            12
//!   travel minutes           328
//! figures
//!   tasks                     13   11 scheduled, 2 unscheduled
//!   baseline visits           11   each department alone
//!   visits saved               6
//!   reduction             54.5 %
//!   lower bound                5   no plan scheduling the same tasks has fewer visits
//! 1 violation
//! ```

use super::Report;
use onedoor_core::scenario::Scenario;
use std::fmt::Write;

/// Renders `report` (see the module docs).
pub(super) fn render(report: &Report, _scn: &Scenario) -> String {
    let mut out = String::new();
    for v in &report.violations {
        let _ = writeln!(out, "{v}");
    }
    if !report.violations.is_empty() {
        out.push('\n');
    }
    let o = &report.objective;
    let s = &report.stats;
    out.push_str("objective (smaller is better, in this order)\n");
    let objective = [
        ("unscheduled priority", o.unscheduled_priority),
        ("visits", o.visits),
        ("officer visits", o.officer_visits),
        ("travel minutes", o.travel_minutes),
    ];
    for (label, value) in objective {
        push_row(&mut out, label, &value.to_string(), "");
    }
    out.push_str("figures\n");
    push_row(
        &mut out,
        "tasks",
        &s.tasks.to_string(),
        &format!("{} scheduled, {} unscheduled", s.scheduled, s.unscheduled),
    );
    push_row(
        &mut out,
        "baseline visits",
        &s.baseline_visits.to_string(),
        "each department alone",
    );
    push_row(&mut out, "visits saved", &s.visits_saved.to_string(), "");
    push_row(
        &mut out,
        "reduction",
        &format!("{:.1} %", s.reduction * 100.0),
        "",
    );
    push_row(
        &mut out,
        "lower bound",
        &s.lower_bound.to_string(),
        "no plan scheduling the same tasks has fewer visits",
    );
    match report.violations.len() {
        0 => out.push_str("valid\n"),
        1 => out.push_str("1 violation\n"),
        n => {
            let _ = writeln!(out, "{n} violations");
        }
    }
    out
}

/// One aligned row of the figures block.
fn push_row(out: &mut String, label: &str, value: &str, note: &str) {
    let _ = if note.is_empty() {
        writeln!(out, "  {label:<20}{value:>8}")
    } else {
        writeln!(out, "  {label:<20}{value:>8}   {note}")
    };
}
