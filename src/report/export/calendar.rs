//! `calendars/<inspector>.ics`: one iCalendar file (RFC 5545) per inspector with visits,
//! one event per crew entry.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character;
//! text values escape `\`, `;`, `,` and newlines. Times are local, `TZID=Asia/Shanghai`,
//! with a VTIMEZONE block of a fixed +08:00 (China has no daylight saving time).
//!
//! An event's UID is `{horizon start}-{visit id}@onedoor`: a re-plan keeps the id of a
//! visit that survives it, so importing the new week updates the calendar instead of
//! duplicating events. With a previous plan, each visit that is gone (or that the
//! inspector no longer takes part in) is written with `STATUS:CANCELLED` and
//! `SEQUENCE:1`; other events have `SEQUENCE:0`. DTSTAMP is the week's first date at
//! 00:00 UTC, so the same plan always gives the same bytes.

use super::{file_name, Lang, Week};
use crate::plan::{Plan, Visit};
use crate::scenario::time::Clock;
use chrono::NaiveDate;
use onedoor_core::ids::InspIdx;
use std::collections::{BTreeMap, BTreeSet};

/// The longest line, in octets, before folding (RFC 5545, 3.1).
pub(crate) const FOLD_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at [`FOLD_OCTETS`] octets (a continuation line
/// begins with a space, which counts), never inside a UTF-8 character, ending in CRLF.
pub(crate) fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > FOLD_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// `20220912T093000`.
fn stamp(date: NaiveDate, at: Clock) -> String {
    format!(
        "{}T{:02}{:02}00",
        date.format("%Y%m%d"),
        at.0 / 60,
        at.0 % 60
    )
}

/// One event to write.
struct Event<'v> {
    visit: &'v Visit,
    /// The department the inspector acts for.
    acts_for: String,
    cancelled: bool,
}

/// Every inspector's calendar: (file name, text), in inspector order.
pub(super) fn calendars(w: &Week, previous: Option<&Plan>) -> Vec<(String, String)> {
    let scn = w.scn;
    let mut events: BTreeMap<InspIdx, Vec<Event>> = BTreeMap::new();
    for row in &w.visits {
        for m in &row.crew {
            events.entry(m.insp).or_default().push(Event {
                visit: row.visit,
                acts_for: w.dept(m.dept).to_owned(),
                cancelled: false,
            });
        }
    }
    if let Some(prev) = previous {
        // (visit id, inspector id) of the new plan.
        let current: BTreeSet<(&str, &str)> = w
            .plan
            .visits
            .iter()
            .flat_map(|v| {
                v.crew
                    .iter()
                    .map(move |c| (v.id.as_str(), c.inspector.as_str()))
            })
            .collect();
        for v in &prev.visits {
            for c in &v.crew {
                if current.contains(&(v.id.as_str(), c.inspector.as_str())) {
                    continue;
                }
                let Some(&insp) = scn.index.inspectors.get(&c.inspector) else {
                    continue;
                };
                let acts_for = scn
                    .index
                    .departments
                    .get(&c.department)
                    .map_or(c.department.clone(), |&d| w.dept(d).to_owned());
                events.entry(insp).or_default().push(Event {
                    visit: v,
                    acts_for,
                    cancelled: true,
                });
            }
        }
    }
    let mut taken = BTreeSet::new();
    events
        .into_iter()
        .map(|(insp, mut list)| {
            list.sort_by(|a, b| {
                (a.visit.date, a.visit.start, &a.visit.id, a.cancelled).cmp(&(
                    b.visit.date,
                    b.visit.start,
                    &b.visit.id,
                    b.cancelled,
                ))
            });
            let name = file_name(&scn.inspector(insp).id, "ics", &mut taken);
            (name, calendar(w, insp, &list))
        })
        .collect()
}

fn calendar(w: &Week, insp: InspIdx, events: &[Event]) -> String {
    let scn = w.scn;
    let inspector = scn.inspector(insp);
    let mut out = String::new();
    let mut line = |s: &str| push_line(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//onedoor//export {}//{}",
        env!("CARGO_PKG_VERSION"),
        w.t("ZH", "EN")
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!(
        "X-WR-CALNAME:{}",
        escape(&format!(
            "{} {}",
            inspector.name,
            w.t("检查日程", "inspections")
        ))
    ));
    line("X-WR-TIMEZONE:Asia/Shanghai");
    line("BEGIN:VTIMEZONE");
    line("TZID:Asia/Shanghai");
    line("BEGIN:STANDARD");
    line("DTSTART:19700101T000000");
    line("TZOFFSETFROM:+0800");
    line("TZOFFSETTO:+0800");
    line("TZNAME:CST");
    line("END:STANDARD");
    line("END:VTIMEZONE");
    let dtstamp = format!("{}T000000Z", scn.horizon.start.format("%Y%m%d"));
    for e in events {
        let v = e.visit;
        let biz = scn
            .index
            .businesses
            .get(&v.business)
            .map(|&b| scn.business(b));
        let (biz_name, town) = biz.map_or((v.business.as_str(), ""), |b| {
            (b.name.as_str(), b.town.as_str())
        });
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:{}-{}@onedoor",
            onedoor_core::scenario::time::fmt_date(scn.horizon.start),
            escape(&v.id)
        ));
        line(&format!("DTSTAMP:{dtstamp}"));
        line(&format!("SEQUENCE:{}", u8::from(e.cancelled)));
        line(if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line(&format!(
            "DTSTART;TZID=Asia/Shanghai:{}",
            stamp(v.date, v.start)
        ));
        line(&format!(
            "DTEND;TZID=Asia/Shanghai:{}",
            stamp(v.date, v.end)
        ));
        let summary = match w.lang {
            Lang::Zh => format!("{biz_name} 联合检查（{}）", e.acts_for),
            Lang::En => format!("Joint inspection: {biz_name} ({})", e.acts_for),
        };
        let summary = if e.cancelled {
            format!("{}{summary}", w.t("【已取消】", "[cancelled] "))
        } else {
            summary
        };
        line(&format!("SUMMARY:{}", escape(&summary)));
        let location = if town.is_empty() {
            biz_name.to_owned()
        } else {
            format!("{biz_name}, {town}")
        };
        line(&format!("LOCATION:{}", escape(&location)));
        line(&format!("DESCRIPTION:{}", escape(&description(w, e, town))));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The event's description: visit, business and town, crew, checklist, tasks.
fn description(w: &Week, e: &Event, town: &str) -> String {
    let v = e.visit;
    let row = w.visits.iter().find(|r| std::ptr::eq(r.visit, v));
    let mut text = format!(
        "{} {}\n{} {}\n{} {}\n",
        w.t("入户编号：", "Visit:"),
        v.id,
        w.t("街道/镇：", "Town:"),
        town,
        w.t("本人代表：", "You act for:"),
        e.acts_for
    );
    match row {
        Some(row) => {
            text.push_str(&format!(
                "{} {}\n{} {}\n{} {}\n",
                w.t("检查组：", "Crew:"),
                w.crew_text(row),
                w.t("检查事项：", "Checklist:"),
                w.items(row).join(w.sep()),
                w.t("任务：", "Tasks:"),
                v.tasks.join(", ")
            ));
        }
        None => text.push_str(w.t(
            "此次入户已在新方案中取消或调整，请以新日程为准。\n",
            "This visit was cancelled or changed by a re-plan; follow the new schedule.\n",
        )),
    }
    text.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole_and_lines_short() {
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "定海区市场监督管理局".repeat(10));
        push_line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= FOLD_OCTETS, "{l}");
        }
        let unfolded: String = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
