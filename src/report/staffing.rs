//! `onedoor whatif --certify N` for people: whom to certify, and the curve of what the
//! week leaves out against the number of certified officers. The computation and what it
//! promises are documented in `onedoor_solve::staffing`.

use super::table::{thousands, Table};
use crate::scenario::Scenario;
use crate::solve::staffing::Staffing;
use std::fmt::Write;

/// The staffing answer: the officers to certify, then the curve.
pub fn staffing_text(scn: &Scenario, s: &Staffing) -> String {
    let mut out = String::new();
    let chosen = s.chosen();
    let base = &s.steps[0].stats;
    if chosen.is_empty() {
        let _ = writeln!(
            out,
            "certify {}: no single certificate saves priority or visits this week \
             (a visit needs two certified officers: try `--bottlenecks`, or more at once \
             in a variant)",
            s.asked
        );
        return out;
    }
    let _ = writeln!(
        out,
        "certify {}: these officers, certified in this order, save the most{}",
        s.asked,
        if chosen.len() < s.asked {
            format!(" (after {} nothing more is saved)", chosen.len())
        } else {
            String::new()
        }
    );
    let name = |id: &str| {
        scn.index.inspectors.get(id).map_or_else(
            || (String::new(), String::new()),
            |&i| {
                let insp = scn.inspector(i);
                (
                    insp.name.clone(),
                    scn.department(insp.department).name.clone(),
                )
            },
        )
    };
    let mut t = Table::new([
        "certified",
        "officer",
        "name",
        "department",
        "priority left out",
        "visits",
        "saved priority",
        "saved visits",
    ])
    .right([0, 4, 5, 6, 7])
    .indent(2);
    for step in &s.steps {
        let (id, who, dept) = match &step.inspector {
            None => ("today".to_owned(), String::new(), String::new()),
            Some(id) => {
                let (n, d) = name(id);
                (id.clone(), n, d)
            }
        };
        t.row([
            thousands(step.certified as i64),
            id,
            who,
            dept,
            thousands(step.stats.unscheduled_priority as i64),
            thousands(step.stats.visits as i64),
            thousands(base.unscheduled_priority as i64 - step.stats.unscheduled_priority as i64),
            thousands(base.visits as i64 - step.stats.visits as i64),
        ]);
    }
    out.push_str(&t.render());
    let _ = writeln!(
        out,
        "  each row re-plans the week from the row above with one more certificate; the \
         curve never rises"
    );
    out
}
