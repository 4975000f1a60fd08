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
//! optimal claim: none
//! 1 violation
//! ```
//!
//! The `optimal claim` line says whether the plan's `solver.status` claims `optimal` and
//! whether the checker's own bound proves it ([`onedoor_check::Optimality`]): `holds`,
//! `not proven by the bound` (with what is missing), or `none` when the plan does not
//! claim it. It is information, not a violation: `solver` is not checked.

use onedoor_check::{Optimality, Report};
use onedoor_core::plan::{Figure, Value};
use std::fmt::Write;

/// Renders `report` (see the module docs).
pub fn check_report(report: &Report) -> String {
    let mut out = String::new();
    for v in &report.violations {
        let _ = writeln!(out, "{v}");
    }
    if !report.violations.is_empty() {
        out.push('\n');
    }
    let s = &report.stats;
    out.push_str("objective (smaller is better, in this order)\n");
    for figure in Figure::OBJECTIVE {
        push_row(&mut out, figure.label(), &show(figure.value(s)), "");
    }
    out.push_str("figures\n");
    for figure in Figure::ALL {
        let note = match figure {
            Figure::Tasks => format!("{} scheduled, {} unscheduled", s.scheduled, s.unscheduled),
            Figure::BaselineVisits => "each department alone".to_owned(),
            Figure::VisitsSaved | Figure::Reduction => String::new(),
            Figure::LowerBound => "no plan scheduling the same tasks has fewer visits".to_owned(),
            _ => continue,
        };
        push_row(&mut out, figure.label(), &show(figure.value(s)), &note);
    }
    let _ = writeln!(out, "optimal claim: {}", optimal_claim(&report.optimality));
    match report.violations.len() {
        0 => out.push_str("valid\n"),
        1 => out.push_str("1 violation\n"),
        n => {
            let _ = writeln!(out, "{n} violations");
        }
    }
    out
}

/// The verdict on a claim of `optimal` (see the module docs).
fn optimal_claim(o: &Optimality) -> String {
    let mut gaps = Vec::new();
    if !o.unforced.is_empty() {
        gaps.push(format!(
            "{} task(s) left out with no fact forcing them out (priority {})",
            o.unforced.len(),
            o.unforced_priority
        ));
    }
    if o.visits != o.lower_bound {
        gaps.push(format!(
            "{} visits, lower bound {}",
            o.visits, o.lower_bound
        ));
    }
    match (o.claimed, gaps.is_empty()) {
        (true, true) => {
            "holds (every task left out is forced by a fact, visits = lower bound)".into()
        }
        (true, false) => format!("not proven by the bound: {}", gaps.join("; ")),
        (false, true) => "none (the bound proves the first two levels)".into(),
        (false, false) => "none".into(),
    }
}

/// A figure's value: a count as it is, a ratio as a percentage with one decimal.
fn show(v: Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Ratio(r) => format!("{:.1} %", r * 100.0),
    }
}

/// One aligned row of the figures block.
fn push_row(out: &mut String, label: &str, value: &str, note: &str) {
    let _ = if note.is_empty() {
        writeln!(out, "  {label:<20}{value:>8}")
    } else {
        writeln!(out, "  {label:<20}{value:>8}   {note}")
    };
}
