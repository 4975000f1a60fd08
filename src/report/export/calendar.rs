//! `internal/calendars/<inspector>.ics`: one iCalendar file (RFC 5545) per inspector,
//! one event per visit the inspector is in.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character;
//! text values escape `\`, `;`, `,` and newlines. Times are local, `TZID=Asia/Shanghai`,
//! with a VTIMEZONE block of a fixed +08:00 (China has no daylight saving time).
//!
//! **One UID per inspector and visit**: `{horizon start}-{visit id}-{inspector id}@onedoor`.
//! Each event belongs to exactly one file, so when the calendars are imported into one
//! shared calendar, an event one inspector lost (cancelled in their file) is never the
//! event another inspector still has (active in theirs). A re-plan keeps the id of a
//! visit that survives it, so importing the new week updates the event.
//!
//! With a previous plan (`--previous`, `replan --export`), each event is compared with the
//! same inspector's event of the same visit there: unchanged (date, times, business,
//! department acted for, crew, tasks all equal) keeps `SEQUENCE:0`; changed or new gets
//! `SEQUENCE:1`; an event of the previous plan that is gone — the visit went away or the
//! inspector left it — is written with `STATUS:CANCELLED` and `SEQUENCE:1`, in that
//! inspector's calendar, also when the inspector is no longer in the scenario.
//! `DTSTAMP` is the notices' issue date (00:00 UTC), so the same plan gives the same bytes
//! and a later re-plan, issued later, has a later stamp.
//!
//! A visit holding unannounced tasks is marked 不公开 (unannounced) in the summary and its
//! description says which tasks must not be told to the business in advance.

use super::{file_name, Lang, Week};
use crate::plan::{Plan, Visit};
use crate::scenario::time::Clock;
use chrono::NaiveDate;
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

/// The UID of an inspector's event of a visit.
pub(crate) fn uid(horizon_start: NaiveDate, visit: &str, inspector: &str) -> String {
    format!(
        "{}-{visit}-{inspector}@onedoor",
        onedoor_core::scenario::time::fmt_date(horizon_start)
    )
}

/// One event to write.
struct Event<'v> {
    visit: &'v Visit,
    /// The department id the inspector acts for.
    dept: String,
    cancelled: bool,
    sequence: u32,
}

/// What an inspector would see change in an event of theirs: date, times, business,
/// department acted for, crew, tasks.
fn same_event(a: &Visit, b: &Visit, dept_a: &str, dept_b: &str) -> bool {
    let crew = |v: &Visit| -> BTreeSet<(String, String)> {
        v.crew
            .iter()
            .map(|c| (c.inspector.clone(), c.department.clone()))
            .collect()
    };
    let tasks = |v: &Visit| -> BTreeSet<String> { v.tasks.iter().cloned().collect() };
    (a.date, a.start, a.end, &a.business) == (b.date, b.start, b.end, &b.business)
        && dept_a == dept_b
        && crew(a) == crew(b)
        && tasks(a) == tasks(b)
}

/// Every inspector's calendar: (file name, text). Inspectors of the scenario first, in
/// its order, then inspectors only the previous plan knows, by id.
pub(super) fn calendars(w: &Week, previous: Option<&Plan>) -> Vec<(String, String)> {
    let scn = w.scn;
    // Inspector id → events. The key orders scenario inspectors by index, others after.
    let mut events: BTreeMap<(usize, String), Vec<Event>> = BTreeMap::new();
    let key = |id: &str| {
        (
            scn.index
                .inspectors
                .get(id)
                .map_or(usize::MAX, |i| i.index()),
            id.to_owned(),
        )
    };
    let mut before: BTreeMap<(&str, &str), (&Visit, &str)> = BTreeMap::new();
    if let Some(prev) = previous {
        for v in &prev.visits {
            for c in &v.crew {
                before.insert(
                    (v.id.as_str(), c.inspector.as_str()),
                    (v, c.department.as_str()),
                );
            }
        }
    }
    let mut now: BTreeSet<(&str, &str)> = BTreeSet::new();
    for row in &w.visits {
        for c in &row.visit.crew {
            now.insert((row.visit.id.as_str(), c.inspector.as_str()));
            let sequence = match (
                previous,
                before.get(&(row.visit.id.as_str(), c.inspector.as_str())),
            ) {
                (None, _) => 0,
                (Some(_), Some((old, dept))) if same_event(old, row.visit, dept, &c.department) => {
                    0
                }
                (Some(_), _) => 1,
            };
            events.entry(key(&c.inspector)).or_default().push(Event {
                visit: row.visit,
                dept: c.department.clone(),
                cancelled: false,
                sequence,
            });
        }
    }
    for ((vid, insp), (v, dept)) in &before {
        if now.contains(&(*vid, *insp)) {
            continue;
        }
        events.entry(key(insp)).or_default().push(Event {
            visit: v,
            dept: (*dept).to_owned(),
            cancelled: true,
            sequence: 1,
        });
    }
    let mut taken = BTreeSet::new();
    events
        .into_iter()
        .map(|((_, insp), mut list)| {
            list.sort_by(|a, b| {
                (a.visit.date, a.visit.start, &a.visit.id, a.cancelled).cmp(&(
                    b.visit.date,
                    b.visit.start,
                    &b.visit.id,
                    b.cancelled,
                ))
            });
            let name = file_name(&insp, "ics", &mut taken);
            (name, calendar(w, &insp, &list))
        })
        .collect()
}

fn calendar(w: &Week, insp: &str, events: &[Event]) -> String {
    let scn = w.scn;
    let name = scn
        .index
        .inspectors
        .get(insp)
        .map_or(insp, |&i| scn.inspector(i).name.as_str());
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
        escape(&format!("{name} {}", w.t("检查日程", "inspections")))
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
    let dtstamp = format!("{}T000000Z", w.issued.format("%Y%m%d"));
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
        let acts_for = scn
            .index
            .departments
            .get(&e.dept)
            .map_or(e.dept.as_str(), |&d| w.dept(d));
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:{}",
            escape(&uid(scn.horizon.start, &v.id, insp))
        ));
        line(&format!("DTSTAMP:{dtstamp}"));
        line(&format!("SEQUENCE:{}", e.sequence));
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
        let secret = unannounced(w, v);
        let mut summary = match w.lang {
            Lang::Zh => format!("{biz_name} 检查（{acts_for}）"),
            Lang::En => format!("Inspection: {biz_name} ({acts_for})"),
        };
        if !secret.is_empty() {
            summary.insert_str(0, w.t("【不公开】", "[unannounced] "));
        }
        if e.cancelled {
            summary.insert_str(0, w.t("【已取消】", "[cancelled] "));
        }
        line(&format!("SUMMARY:{}", escape(&summary)));
        let mut location = biz_name.to_owned();
        if let Some(a) = biz.and_then(|b| b.address.as_deref()) {
            location.push_str(w.t("，", ", "));
            location.push_str(a);
        } else if !town.is_empty() {
            location.push_str(w.t("，", ", "));
            location.push_str(town);
        }
        line(&format!("LOCATION:{}", escape(&location)));
        line(&format!(
            "DESCRIPTION:{}",
            escape(&description(w, e, acts_for, town, &secret))
        ));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The ids of a visit's tasks that are not announced (the scenario's tasks only).
fn unannounced<'v>(w: &Week, v: &'v Visit) -> Vec<&'v str> {
    v.tasks
        .iter()
        .filter(|t| {
            w.scn
                .index
                .tasks
                .get(t.as_str())
                .is_some_and(|&k| !w.scn.task(k).announced)
        })
        .map(String::as_str)
        .collect()
}

/// The event's description: visit, business and town, crew, checklist, tasks, secrecy.
fn description(w: &Week, e: &Event, acts_for: &str, town: &str, secret: &[&str]) -> String {
    let v = e.visit;
    let mut text = format!(
        "{} {}\n{} {}\n{} {}\n",
        w.t("入户编号：", "Visit:"),
        v.id,
        w.t("街道/镇：", "Town:"),
        town,
        w.t("本人代表：", "You act for:"),
        acts_for
    );
    if !secret.is_empty() {
        text.push_str(&format!(
            "{} {}\n",
            w.t(
                "不公开检查，不得事先告知企业：",
                "Unannounced, do not tell the business in advance:"
            ),
            secret.join(", ")
        ));
    }
    if e.cancelled {
        text.push_str(w.t(
            "此次入户已在新方案中取消或调整，请以新日程为准。\n",
            "This visit was cancelled or changed by a re-plan; follow the new schedule.\n",
        ));
    } else if let Some(row) = w.visits.iter().find(|r| std::ptr::eq(r.visit, v)) {
        text.push_str(&format!(
            "{} {}\n{} {}\n{} {}\n",
            w.t("检查组：", "Crew:"),
            w.crew_text(row),
            w.t("检查事项：", "Checklist:"),
            w.items(row)
                .iter()
                .map(|c| w.scn.item(c).map_or(*c, |i| i.name.as_str()))
                .collect::<Vec<_>>()
                .join(w.sep()),
            w.t("任务：", "Tasks:"),
            v.tasks.join(", ")
        ));
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
