//! The summary for people that `onedoor plan` prints: the figures, a table per date, and
//! the tasks left out with their reasons — all of them when few, else the top ones by
//! priority with counts by reason and where the full list is (a province week leaves
//! out over a thousand tasks).
//!
//! The table of tasks left out gives each one's reason code and, in the language asked
//! for (`plan --lang`, Chinese by default), why: in Chinese the sentence rebuilt from the
//! code and the scenario ([`super::unscheduled_text`]), in English the plan's own
//! `detail`, as the solver wrote it. The rest of the summary is English.

use super::date_label;
use super::table::{percent, thousands, Table};
use crate::plan::Reason;
use crate::plan::{Figure, Value};
use crate::scenario::Scenario;
use crate::solve::{Outcome, Status};
use onedoor_core::json::Json;
use onedoor_core::Lang;

/// The summary for people printed by `onedoor plan`: the figures, a table per date, and
/// the tasks left out with their reasons (all of them when there are at most
/// [`LEFT_OUT_SHOWN`]; else the top ones by priority, counts by reason, and `full_list`,
/// which says where the full list is), each one's why in English (the plan's `detail`).
pub fn summary(scn: &Scenario, outcome: &Outcome, full_list: &str) -> String {
    summary_in(scn, outcome, full_list, Lang::En)
}

/// [`summary`], with the why of each task left out in `lang` (see the module docs).
pub fn summary_in(scn: &Scenario, outcome: &Outcome, full_list: &str, lang: Lang) -> String {
    let plan = &outcome.plan;
    let st = &outcome.stats;
    let (visits, bound, baseline) = (
        st.visits as i64,
        st.lower_bound as i64,
        st.baseline_visits as i64,
    );
    let mut out = format!("{}\n\n", scn.name);
    let mut figures = Table::new(["figure", "value", "note"]).right([1]).indent(2);
    for figure in Figure::ALL {
        let note = match figure {
            // Shown as notes of other rows.
            Figure::UnscheduledPriority | Figure::Reduction => continue,
            Figure::Unscheduled => format!("priority {}", st.unscheduled_priority),
            Figure::Visits => "entries into businesses".to_owned(),
            Figure::BaselineVisits => "each department alone".to_owned(),
            Figure::VisitsSaved => format!(
                "{} fewer entries",
                percent(st.visits_saved as f64, baseline as f64)
            ),
            Figure::LowerBound => format!("gap {}", percent((visits - bound) as f64, bound as f64)),
            Figure::OfficerVisits => "crew entries".to_owned(),
            Figure::Tasks | Figure::Scheduled | Figure::TravelMinutes => String::new(),
        };
        let value = match figure.value(st) {
            Value::Count(n) => thousands(n),
            Value::Ratio(r) => percent(r, 1.0),
        };
        figures.row([figure.label().to_owned(), value, note]);
    }
    figures.row([
        "solver".to_string(),
        format!("{:.2} s", outcome.seconds),
        [search_given(outcome), proof(scn, outcome)].join(""),
    ]);
    out.push_str(&figures.render());

    // Per date: visits, officers busy, visit minutes.
    let mut by_date: std::collections::BTreeMap<
        chrono::NaiveDate,
        (usize, std::collections::BTreeSet<&str>, u64, u64),
    > = Default::default();
    for v in &plan.visits {
        let e = by_date.entry(v.date).or_default();
        e.0 += 1;
        e.1.extend(v.crew.iter().map(|c| c.inspector.as_str()));
        e.2 += v.tasks.len() as u64;
        e.3 += u64::from(v.end.0.saturating_sub(v.start.0));
    }
    let mut days = Table::new(["date", "visits", "tasks", "officers busy", "visit minutes"])
        .right(1..5)
        .indent(2);
    for (date, (n, officers, tasks, minutes)) in &by_date {
        days.row([
            date_label(*date),
            n.to_string(),
            tasks.to_string(),
            officers.len().to_string(),
            thousands(*minutes as i64),
        ]);
    }
    out.push_str("\nper date\n");
    out.push_str(&days.render());

    if !plan.unscheduled.is_empty() {
        out.push_str(&left_out(scn, plan, full_list, lang));
    }
    out
}

/// The most tasks listed by name under "left out"; a longer list shows the top ones by
/// priority, counts by reason, and where the full list is.
pub const LEFT_OUT_SHOWN: usize = 10;

/// The "left out" block: every task when there are at most [`LEFT_OUT_SHOWN`], else the
/// top ones by priority (then id), the count of each reason, and `full_list`.
fn left_out(scn: &Scenario, plan: &crate::plan::Plan, full_list: &str, lang: Lang) -> String {
    let mut list: Vec<&crate::plan::Unscheduled> = plan.unscheduled.iter().collect();
    let priority = |u: &crate::plan::Unscheduled| {
        scn.index
            .tasks
            .get(&u.task)
            .map_or(0, |&t| scn.task(t).priority)
    };
    let all = list.len();
    if all > LEFT_OUT_SHOWN {
        list.sort_by(|a, b| {
            priority(b)
                .cmp(&priority(a))
                .then_with(|| a.task.cmp(&b.task))
        });
        list.truncate(LEFT_OUT_SHOWN);
    }
    let mut left = Table::new([
        "task",
        "department",
        "business",
        "priority",
        "reason",
        "detail",
    ])
    .right([3])
    .indent(2);
    for u in &list {
        let t = scn.index.tasks.get(&u.task).map(|&t| scn.task(t));
        left.row([
            u.task.clone(),
            t.map(|t| scn.department(t.department).name.clone())
                .unwrap_or_default(),
            t.map(|t| scn.business(t.business).name.clone())
                .unwrap_or_default(),
            t.map(|t| t.priority.to_string()).unwrap_or_default(),
            u.reason.clone(),
            match lang {
                Lang::Zh => super::unscheduled_text(scn, plan, u, lang),
                Lang::En => u.detail.clone(),
            },
        ]);
    }
    if all <= LEFT_OUT_SHOWN {
        return format!("\nleft out\n{}", left.render());
    }
    let mut out = format!(
        "\nleft out: {all} tasks; the {LEFT_OUT_SHOWN} of highest priority\n{}",
        left.render()
    );
    let mut counts: std::collections::BTreeMap<(usize, &str), (usize, u64)> = Default::default();
    for u in &plan.unscheduled {
        let rank = Reason::ALL
            .iter()
            .position(|r| r.code() == u.reason)
            .unwrap_or(Reason::ALL.len());
        let e = counts.entry((rank, u.reason.as_str())).or_default();
        e.0 += 1;
        e.1 += u64::from(priority(u));
    }
    let mut reasons = Table::new(["reason", "tasks", "priority"])
        .right([1, 2])
        .indent(2);
    for ((_, code), (n, p)) in counts {
        reasons.row([code.to_owned(), thousands(n as i64), thousands(p as i64)]);
    }
    out.push_str("\nleft out by reason\n");
    out.push_str(&reasons.render());
    out.push_str(&format!("  the full list: {full_list}\n"));
    out
}

/// The search the user asked for beyond the default, as the plan's `solver` block
/// records it (`effort 3; searched for 25 s; `), or nothing: a plan made with more
/// search says so where its time is shown.
fn search_given(outcome: &Outcome) -> String {
    let solver = &outcome.plan.solver;
    let mut given = String::new();
    if let Some(Json::Int(effort)) = solver.get("effort") {
        given += &format!("effort {effort}; ");
    }
    match solver.get("search_for") {
        Some(Json::Int(s)) => given += &format!("searched for {s} s; "),
        Some(Json::Float(s)) => given += &format!("searched for {s} s; "),
        _ => {}
    }
    given
}

/// What the solve proves, in words: `proven optimal` (tasks left out and entries), or
/// what is not proven.
fn proof(scn: &Scenario, outcome: &Outcome) -> String {
    let st = &outcome.stats;
    let forced: u64 = outcome
        .plan
        .unscheduled
        .iter()
        .filter(|u| {
            matches!(
                u.reason.parse(),
                Ok(Reason::NoValidDay | Reason::NoOfficer | Reason::Unreachable)
            )
        })
        .filter_map(|u| scn.index.tasks.get(&u.task))
        .map(|&t| u64::from(scn.task(t).priority))
        .sum();
    let mut open = Vec::new();
    let free = st.unscheduled_priority.saturating_sub(forced);
    if free > 0 {
        open.push(format!("priority {free} left out may fit"));
    }
    let above = st.visits.saturating_sub(st.lower_bound);
    if above > 0 {
        open.push(format!("{above} visits above the bound"));
    }
    match outcome.status {
        Status::Optimal => "optimal: left out and visits proven".to_owned(),
        Status::TimeLimit => format!("stopped early; {}", open.join(", ")),
        Status::Feasible => format!("not proven: {}", open.join(", ")),
    }
}
