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
//!
//! [`check_report_in`] says it all in Chinese or English (`onedoor check --lang`): the
//! violations by [`onedoor_check::Violation::text`], the figures by the export's labels,
//! and the lines of this report from [`ZH`] and [`EN`] below. [`check_report`] is the
//! English one, as above.

use super::table::{pad, Align};
use onedoor_check::{Optimality, Report};
use onedoor_core::plan::{Figure, Value};
use onedoor_core::Lang;
use std::fmt::Write;

/// The words of the check report in one language.
struct Words {
    /// Title of the objective block.
    objective: &'static str,
    /// Title of the figures block.
    figures: &'static str,
    /// Note of `tasks`: `{scheduled}`, `{unscheduled}`.
    tasks_note: &'static str,
    /// Note of `baseline visits`.
    baseline_note: &'static str,
    /// Note of `lower bound`.
    bound_note: &'static str,
    /// Start of the optimal-claim line.
    claim: &'static str,
    /// Gap: tasks left out with no fact forcing them out: `{n}`, `{priority}`.
    gap_unforced: &'static str,
    /// Gap: visits above the bound: `{visits}`, `{bound}`.
    gap_visits: &'static str,
    /// Separator of gaps.
    gap_sep: &'static str,
    /// Claimed, and the bound proves it.
    holds: &'static str,
    /// Claimed, not proven: followed by the gaps.
    unproven: &'static str,
    /// Not claimed, though the bound proves it.
    none_proven: &'static str,
    /// Not claimed.
    none: &'static str,
    /// Verdict without violations.
    valid: &'static str,
    /// Verdict with one violation.
    one: &'static str,
    /// Verdict with `{n}` violations.
    many: &'static str,
    /// Display width of the figure labels' column (a Chinese character takes two).
    label_width: usize,
}

/// The English words: the report as `onedoor check` has always printed it.
const EN: Words = Words {
    objective: "objective (smaller is better, in this order)",
    figures: "figures",
    tasks_note: "{scheduled} scheduled, {unscheduled} unscheduled",
    baseline_note: "each department alone",
    bound_note: "no plan scheduling the same tasks has fewer visits",
    claim: "optimal claim: ",
    gap_unforced: "{n} task(s) left out with no fact forcing them out (priority {priority})",
    gap_visits: "{visits} visits, lower bound {bound}",
    gap_sep: "; ",
    holds: "holds (every task left out is forced by a fact, visits = lower bound)",
    unproven: "not proven by the bound: ",
    none_proven: "none (the bound proves the first two levels)",
    none: "none",
    valid: "valid",
    one: "1 violation",
    many: "{n} violations",
    label_width: 20,
};

/// The Chinese words.
const ZH: Words = Words {
    objective: "优化目标（越小越好，按此顺序）",
    figures: "统计数据",
    tasks_note: "已安排 {scheduled} 项，未安排 {unscheduled} 项",
    baseline_note: "各部门分别入户",
    bound_note: "安排同样任务的方案入户次数不可能更少",
    claim: "最优声明：",
    gap_unforced: "{n} 项未安排任务并非因客观条件无法安排（优先级合计 {priority}）",
    gap_visits: "入户 {visits} 次，下界 {bound} 次",
    gap_sep: "；",
    holds: "成立（未安排的任务均因客观条件无法安排，入户次数等于下界）",
    unproven: "下界不能证明：",
    none_proven: "无（下界已证明前两级目标最优）",
    none: "无",
    valid: "方案有效",
    one: "1 处违规",
    many: "{n} 处违规",
    label_width: 24,
};

/// Renders `report` in English (see the module docs); the same as
/// `check_report_in(report, Lang::En)`.
pub fn check_report(report: &Report) -> String {
    check_report_in(report, Lang::En)
}

/// Renders `report` in `lang`: the violations, one a line with its rule code, the
/// objective and figures, the optimal claim and the verdict (see the module docs).
pub fn check_report_in(report: &Report, lang: Lang) -> String {
    let w = lang.pick(&ZH, &EN);
    let mut out = String::new();
    for v in &report.violations {
        let _ = writeln!(out, "{}", v.line(lang));
    }
    if !report.violations.is_empty() {
        out.push('\n');
    }
    let s = &report.stats;
    let _ = writeln!(out, "{}", w.objective);
    for figure in Figure::OBJECTIVE {
        push_row(&mut out, w, label(figure, lang), &show(figure.value(s)), "");
    }
    let _ = writeln!(out, "{}", w.figures);
    for figure in Figure::ALL {
        let note = match figure {
            Figure::Tasks => w
                .tasks_note
                .replace("{scheduled}", &s.scheduled.to_string())
                .replace("{unscheduled}", &s.unscheduled.to_string()),
            Figure::BaselineVisits => w.baseline_note.to_owned(),
            Figure::VisitsSaved | Figure::Reduction => String::new(),
            Figure::LowerBound => w.bound_note.to_owned(),
            _ => continue,
        };
        push_row(
            &mut out,
            w,
            label(figure, lang),
            &show(figure.value(s)),
            &note,
        );
    }
    let _ = writeln!(out, "{}{}", w.claim, optimal_claim(&report.optimality, w));
    let verdict = match report.violations.len() {
        0 => w.valid.to_owned(),
        1 => w.one.to_owned(),
        n => w.many.replace("{n}", &n.to_string()),
    };
    let _ = writeln!(out, "{verdict}");
    out
}

/// A figure's label: the format's English one, or the export's Chinese one.
fn label(figure: Figure, lang: Lang) -> &'static str {
    match lang {
        Lang::En => figure.label(),
        Lang::Zh => super::export::figure_label(figure, lang),
    }
}

/// The verdict on a claim of `optimal` (see the module docs).
fn optimal_claim(o: &Optimality, w: &Words) -> String {
    let mut gaps = Vec::new();
    if !o.unforced.is_empty() {
        gaps.push(
            w.gap_unforced
                .replace("{n}", &o.unforced.len().to_string())
                .replace("{priority}", &o.unforced_priority.to_string()),
        );
    }
    if o.visits != o.lower_bound {
        gaps.push(
            w.gap_visits
                .replace("{visits}", &o.visits.to_string())
                .replace("{bound}", &o.lower_bound.to_string()),
        );
    }
    match (o.claimed, gaps.is_empty()) {
        (true, true) => w.holds.to_owned(),
        (true, false) => format!("{}{}", w.unproven, gaps.join(w.gap_sep)),
        (false, true) => w.none_proven.to_owned(),
        (false, false) => w.none.to_owned(),
    }
}

/// A figure's value: a count as it is, a ratio as a percentage with one decimal.
fn show(v: Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Ratio(r) => format!("{:.1} %", r * 100.0),
    }
}

/// One aligned row of the figures block (padded by display width: a Chinese character
/// takes two columns).
fn push_row(out: &mut String, w: &Words, label: &str, value: &str, note: &str) {
    let label = pad(label, w.label_width, Align::Left);
    let value = pad(value, 8, Align::Right);
    let _ = if note.is_empty() {
        writeln!(out, "  {label}{value}")
    } else {
        writeln!(out, "  {label}{value}   {note}")
    };
}
