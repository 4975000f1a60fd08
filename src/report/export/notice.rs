//! Everything addressed to businesses, written under `for-businesses/`:
//!
//! - `notices/<business>.html` — the one notice a business receives (一次告知): issuer,
//!   notice number, issue date, the business's name and address, and for each announced
//!   visit its date, an arrival window, the departments coming (one alone, or a lead and
//!   the others jointly), the officers with their certificate numbers, and per
//!   department the items checked by name with what to prepare; then the contact, the
//!   legal basis and the business's rights. After a re-plan (`--previous`) the file of a
//!   business whose announced visits changed is a change notice (变更告知书) naming the
//!   earlier notice's number, and that of a business whose announced visits all went away
//!   a cancellation notice (取消告知书).
//! - `all-notices.html` — every notice in one file, one sheet per printed page;
//!   `to-send.html` (re-plans only) — the change and cancellation notices to send.
//! - `index.html` — what to send to whom.
//!
//! **Secrecy.** Only announced tasks (`task.announced`, by default `joinable`) are ever
//! looked at here: a visit with none is absent, a business with none gets no notice and
//! no line in the index, and in a visit that mixes both, only the departments, items and
//! officers of announced tasks are named. Visit ids and minute times are never shown
//! (an arrival window is: the start rounded down to the half hour, one hour long).
//!
//! Every fixed string comes from `notice_words.rs`.

use super::notice_words::Words;
use super::{file_name, html_escape as h, Week};
use crate::plan::{Plan, Visit};
use crate::scenario::Scenario;
use chrono::NaiveDate;
use onedoor_core::ids::BizIdx;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Minutes of an arrival window.
pub(crate) const WINDOW_MINUTES: u32 = 60;

/// The arrival window of a visit starting at `start` (minutes since midnight): from the
/// start rounded down to the half hour, [`WINDOW_MINUTES`] long (ending at 23:59 at the
/// latest).
pub(crate) fn window(start: u32) -> (u32, u32) {
    let from = start - start % 30;
    (from, (from + WINDOW_MINUTES).min(23 * 60 + 59))
}

/// `HH:MM`.
fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// One announced visit as its business is told it.
#[derive(Clone, Debug)]
struct Appointment {
    date: NaiveDate,
    /// Start time (for ordering only; never shown).
    start: u32,
    window: (u32, u32),
    /// Department ids, the lead first (most announced task minutes, ties by id).
    depts: Vec<String>,
    /// Officers acting for those departments: (inspector id, department id).
    officers: Vec<(String, String)>,
    /// Per department (same order as `depts`): item codes of its announced tasks.
    items: Vec<Vec<String>>,
}

impl Appointment {
    /// What a business would notice changing: date, window, departments, officers.
    fn key(&self) -> (NaiveDate, u32, BTreeSet<&str>, BTreeSet<&str>) {
        (
            self.date,
            self.window.0,
            self.depts.iter().map(String::as_str).collect(),
            self.officers.iter().map(|(i, _)| i.as_str()).collect(),
        )
    }
}

/// Every business's announced visits in `plan`, by business, in (date, start) order.
/// Tasks, businesses or departments the scenario does not know are left out (nothing
/// unknown can be told).
fn appointments(scn: &Scenario, plan: &Plan) -> BTreeMap<BizIdx, Vec<Appointment>> {
    let mut out: BTreeMap<BizIdx, Vec<Appointment>> = BTreeMap::new();
    for v in &plan.visits {
        let Some(&biz) = scn.index.businesses.get(&v.business) else {
            continue;
        };
        if let Some(a) = appointment(scn, v) {
            out.entry(biz).or_default().push(a);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|a| (a.date, a.start));
    }
    out
}

/// The announced part of one visit, or `None` when it holds no announced task.
fn appointment(scn: &Scenario, v: &Visit) -> Option<Appointment> {
    let mut minutes: BTreeMap<&str, u64> = BTreeMap::new();
    let mut items: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for id in &v.tasks {
        let Some(&t) = scn.index.tasks.get(id) else {
            continue;
        };
        let task = scn.task(t);
        if !task.announced {
            continue;
        }
        let dept = scn.department(task.department).id.as_str();
        *minutes.entry(dept).or_default() += u64::from(task.minutes);
        let list = items.entry(dept).or_default();
        for i in &task.items {
            if !list.contains(i) {
                list.push(i.clone());
            }
        }
    }
    let lead = minutes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(d, _)| *d)?;
    let mut depts: Vec<String> = vec![lead.to_owned()];
    depts.extend(
        minutes
            .keys()
            .filter(|d| **d != lead)
            .map(|d| (*d).to_owned()),
    );
    let officers = v
        .crew
        .iter()
        .filter(|c| depts.contains(&c.department))
        .map(|c| (c.inspector.clone(), c.department.clone()))
        .collect();
    let items = depts
        .iter()
        .map(|d| items.remove(d.as_str()).unwrap_or_default())
        .collect();
    Some(Appointment {
        date: v.date,
        start: v.start.0,
        window: window(v.start.0),
        depts,
        officers,
        items,
    })
}

/// What the index tells the coordinator to do with a business's notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Send this notice (a first notice).
    Send,
    /// Nothing to send: the earlier notice, of the same number, stands.
    Keep,
    /// Send this change notice.
    Change,
    /// Send this cancellation notice.
    Cancel,
}

/// One business's document.
struct Doc {
    biz: BizIdx,
    file: String,
    number: String,
    action: Action,
    /// The earlier notice's number (change and cancellation notices).
    earlier: Option<String>,
    /// Announced visits now.
    now: Vec<Appointment>,
    /// Announced visits of the earlier plan (re-plans only).
    before: Vec<Appointment>,
}

/// The files under `for-businesses/`: (path relative to it, HTML), in writing order.
/// `previous`: the plan whose notices were sent before (a re-plan).
pub(super) fn business_files(w: &Week, previous: Option<&Plan>) -> Vec<(String, String)> {
    let scn = w.scn;
    let words = Words::of(w.lang);
    let prefix = scn.notice.number_prefix.as_deref();
    let number = |n: usize| words.notice_number(prefix, n);
    let now = appointments(scn, w.plan);
    let mut docs: Vec<Doc> = Vec::new();
    match previous {
        None => {
            for (n, (biz, list)) in now.into_iter().enumerate() {
                docs.push(Doc {
                    biz,
                    file: String::new(),
                    number: number(n + 1),
                    action: Action::Send,
                    earlier: None,
                    now: list,
                    before: Vec::new(),
                });
            }
        }
        Some(prev) => {
            let before = appointments(scn, prev);
            let old_number: BTreeMap<BizIdx, String> = before
                .keys()
                .enumerate()
                .map(|(n, b)| (*b, number(n + 1)))
                .collect();
            let mut next = before.len();
            let all: BTreeSet<BizIdx> = now.keys().chain(before.keys()).copied().collect();
            for biz in all {
                let a = now.get(&biz).cloned().unwrap_or_default();
                let b = before.get(&biz).cloned().unwrap_or_default();
                let same = a.iter().map(Appointment::key).collect::<Vec<_>>()
                    == b.iter().map(Appointment::key).collect::<Vec<_>>();
                let (action, num) = match (a.is_empty(), b.is_empty(), same) {
                    (_, false, true) => (Action::Keep, old_number[&biz].clone()),
                    (false, true, _) => (Action::Send, {
                        next += 1;
                        number(next)
                    }),
                    (false, false, false) => (Action::Change, {
                        next += 1;
                        number(next)
                    }),
                    (true, false, false) => (Action::Cancel, {
                        next += 1;
                        number(next)
                    }),
                    (true, true, _) => continue,
                };
                docs.push(Doc {
                    biz,
                    file: String::new(),
                    number: num,
                    action,
                    earlier: old_number.get(&biz).cloned(),
                    now: a,
                    before: b,
                });
            }
        }
    }
    let mut taken = BTreeSet::new();
    for d in &mut docs {
        d.file = file_name(&scn.business(d.biz).id, "html", &mut taken);
    }

    let mut files = Vec::new();
    files.push((
        "index.html".to_owned(),
        page(
            words,
            words.index_title,
            &index(w, words, &docs, previous.is_some()),
        ),
    ));
    let sheets: Vec<String> = docs.iter().map(|d| sheet(w, words, d)).collect();
    files.push((
        "all-notices.html".to_owned(),
        page(words, words.all_title, &sheets.concat()),
    ));
    if previous.is_some() {
        let send: String = docs
            .iter()
            .zip(&sheets)
            .filter(|(d, _)| d.action != Action::Keep)
            .map(|(_, s)| s.as_str())
            .collect();
        files.push((
            "to-send.html".to_owned(),
            page(words, words.resend_title, &send),
        ));
    }
    for (d, s) in docs.iter().zip(&sheets) {
        let title = format!("{} {}", title_of(words, d), scn.business(d.biz).name);
        files.push((format!("notices/{}", d.file), page(words, &title, s)));
    }
    files
}

/// The title of a document.
fn title_of(words: &Words, d: &Doc) -> &'static str {
    match d.action {
        Action::Send | Action::Keep => words.notice_title,
        Action::Change => words.change_title,
        Action::Cancel => words.cancel_title,
    }
}

/// The page around one or more sheets.
fn page(words: &Words, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        words.html_lang,
        h(title)
    )
}

const CSS: &str = "\
@page { size: A4; margin: 14mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  color: #1a1a1a; margin: 0; padding: 14px; line-height: 1.5; font-size: 15px; }
.sheet { max-width: 180mm; margin: 0 auto; }
.sheet + .sheet { margin-top: 28px; border-top: 1px dashed #999; padding-top: 18px; }
h1 { font-size: 1.4em; text-align: center; margin: 0 0 4px; letter-spacing: 1px; }
.meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 16px;
  color: #444; font-size: .92em; border-bottom: 2px solid #b22222; padding-bottom: 3px; margin-bottom: 8px; }
p { margin: 4px 0; overflow-wrap: anywhere; }
h2 { font-size: 1.05em; border-left: 4px solid #b22222; padding-left: 6px; margin: 10px 0 4px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 1px 10px; margin: 2px 0 4px; }
dt { font-weight: bold; color: #333; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 3px 0 6px; }
th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { overflow-wrap: break-word; }
th { background: #f0f0f0; }
.rights { border: 1px solid #b22222; background: #fff8f8; padding: 3px 10px; font-size: .93em; margin-top: 8px; }
.rights h2 { border: none; padding: 0; margin: 2px 0; }
.rights ol { margin: 2px 0; padding-left: 1.4em; }
.sign { text-align: right; margin-top: 10px; }
.note { color: #555; font-size: .92em; }
.sheet.wide { max-width: 1100px; }
.replan tr:not([data-action=\"Keep\"]) td { background: #fff4cc; }
@media (max-width: 600px) {
  body { padding: 8px; font-size: 14px; }
  table.index, .index tbody, .index tr, .index td { display: block; width: 100%; }
  .index thead { display: none; }
  .index tr { border: 1px solid #999; margin-bottom: 6px; }
  .index td { border: none; padding: 1px 6px; }
  .index td[data-label]::before { content: attr(data-label); font-weight: bold; margin-right: .6em; }
}
@media print {
  body { padding: 0; font-size: 10.5pt; }
  .sheet { max-width: none; break-after: page; page-break-after: always; }
  .sheet:last-child { break-after: auto; page-break-after: auto; }
  .sheet + .sheet { border-top: none; margin-top: 0; padding-top: 0; }
  .visit { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

/// One document, as a `<section class="sheet">`.
fn sheet(w: &Week, words: &Words, d: &Doc) -> String {
    let scn = w.scn;
    let n = &scn.notice;
    let biz = scn.business(d.biz);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"sheet\" data-business=\"{}\">",
        h(&biz.id)
    );
    if let Some(issuer) = &n.issuer {
        let _ = writeln!(out, "<p style=\"text-align:center\">{}</p>", h(issuer));
    }
    let _ = writeln!(out, "<h1>{}</h1>", h(title_of(words, d)));
    let _ = writeln!(
        out,
        "<div class=\"meta\"><span>{}{}{}</span><span>{}{}{}</span></div>",
        h(words.number),
        words.colon,
        h(&d.number),
        h(words.issued),
        words.colon,
        h(&words.date(w.issued))
    );
    let mut dl = vec![(words.to, biz.name.clone())];
    if let Some(a) = &biz.address {
        dl.push((words.address, a.clone()));
    }
    if let Some(c) = &biz.contact {
        dl.push((words.contact, c.clone()));
    }
    if let Some(p) = &biz.phone {
        dl.push((words.phone, p.clone()));
    }
    definitions(&mut out, &dl);

    match d.action {
        Action::Cancel => {
            let earlier = d.earlier.as_deref().unwrap_or_default();
            let _ = writeln!(out, "<p>{}</p>", h(&words.cancels(earlier)));
            out.push_str("<ul>\n");
            for a in &d.before {
                let _ = writeln!(out, "<li>{}</li>", h(&summary(w, words, a)));
            }
            out.push_str("</ul>\n");
        }
        Action::Change => {
            let earlier = d.earlier.as_deref().unwrap_or_default();
            let _ = writeln!(out, "<p>{}</p>", h(&words.replaces(earlier)));
            changes(&mut out, w, words, d);
            let _ = writeln!(out, "<h2>{}</h2>", h(words.schedule_now));
            schedule(&mut out, w, words, &d.now);
        }
        Action::Send | Action::Keep => schedule(&mut out, w, words, &d.now),
    }

    if let Some(basis) = &n.legal_basis {
        let _ = writeln!(
            out,
            "<p><b>{}</b>{}{}</p>",
            h(words.legal_basis),
            words.colon,
            h(basis)
        );
    }
    if let Some(line) = words.contact_line(n.contact.as_deref(), n.phone.as_deref()) {
        let _ = writeln!(
            out,
            "<p><b>{}</b>{}{}</p>",
            h(words.questions),
            words.colon,
            h(&line)
        );
    }
    if d.action != Action::Cancel {
        let _ = writeln!(
            out,
            "<div class=\"rights\"><h2>{}</h2><ol>",
            h(words.rights_title)
        );
        for r in words.rights {
            let _ = writeln!(out, "<li>{}</li>", h(r));
        }
        out.push_str("</ol></div>\n");
    }
    let signer = match &n.issuer {
        Some(i) => i.clone(),
        None => departments_of(w, &d.now, &d.before).join(words.sep),
    };
    let _ = writeln!(
        out,
        "<div class=\"sign\">{}<br>{}</div>\n</section>",
        h(&signer),
        h(&words.date(w.issued))
    );
    out
}

/// `<dl>` of label and value pairs.
fn definitions(out: &mut String, pairs: &[(&str, String)]) {
    out.push_str("<dl>\n");
    for (k, v) in pairs {
        // A value of several lines (the officers) shows one per line.
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            h(k),
            h(v).replace('\n', "<br>")
        );
    }
    out.push_str("</dl>\n");
}

/// A department's name by id (the id when the scenario does not know it).
fn dept_name<'a>(scn: &'a Scenario, id: &'a str) -> &'a str {
    scn.index
        .departments
        .get(id)
        .map_or(id, |&d| scn.department(d).name.as_str())
}

/// Every department coming in `now` (or, when empty, in `before`), in order of first
/// appearance.
fn departments_of<'a>(
    w: &'a Week,
    now: &'a [Appointment],
    before: &'a [Appointment],
) -> Vec<&'a str> {
    let list = if now.is_empty() { before } else { now };
    let mut out: Vec<&str> = Vec::new();
    for a in list {
        for d in &a.depts {
            let name = dept_name(w.scn, d);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The opening sentence and one section per visit.
fn schedule(out: &mut String, w: &Week, words: &Words, list: &[Appointment]) {
    let joint = list.iter().any(|a| a.depts.len() > 1);
    let depts = departments_of(w, list, &[]);
    let _ = writeln!(
        out,
        "<p>{}</p>",
        h(&words.opening(w.scn.notice.issuer.as_deref(), &depts, list.len(), joint))
    );
    for (i, a) in list.iter().enumerate() {
        visit(out, w, words, i + 1, a);
    }
    let _ = writeln!(out, "<p class=\"note\">{}</p>", h(words.window_note));
}

/// One visit's section.
fn visit(out: &mut String, w: &Week, words: &Words, n: usize, a: &Appointment) {
    let scn = w.scn;
    let _ = writeln!(
        out,
        "<section class=\"visit\">\n<h2>{}</h2>",
        h(&words.visit_heading(n))
    );
    let names: Vec<&str> = a.depts.iter().map(|d| dept_name(scn, d)).collect();
    let mut dl = vec![
        (words.date, words.date(a.date)),
        (
            words.arrival,
            words.window(&hhmm(a.window.0), &hhmm(a.window.1)),
        ),
        (words.departments, words.who_comes(names[0], &names[1..])),
    ];
    let officers: Vec<String> = a
        .officers
        .iter()
        .map(|(i, d)| officer(scn, words, i, d))
        .collect();
    if !officers.is_empty() {
        dl.push((words.officers, officers.join("\n")));
    }
    definitions(out, &dl);
    let with_prepare = a
        .items
        .iter()
        .flatten()
        .any(|c| scn.item(c).is_some_and(|i| i.prepare.is_some()));
    let _ = write!(
        out,
        "<table>\n<colgroup><col style=\"width:{}\"><col>{}</colgroup>\n<tr><th>{}</th><th>{}</th>{}</tr>\n",
        if with_prepare { "27%" } else { "28%" },
        if with_prepare { "<col style=\"width:33%\">" } else { "" },
        h(words.col_department),
        h(words.col_item),
        if with_prepare {
            format!("<th>{}</th>", h(words.col_prepare))
        } else {
            String::new()
        }
    );
    for (name, codes) in names.iter().zip(&a.items) {
        if codes.is_empty() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td{}>{}</td></tr>",
                h(name),
                if with_prepare { " colspan=\"2\"" } else { "" },
                h(words.no_items)
            );
            continue;
        }
        for (k, code) in codes.iter().enumerate() {
            out.push_str("<tr>");
            if k == 0 {
                let _ = write!(out, "<td rowspan=\"{}\">{}</td>", codes.len(), h(name));
            }
            let item = scn.item(code);
            let _ = write!(
                out,
                "<td>{}</td>",
                h(item.map_or(code.as_str(), |i| i.name.as_str()))
            );
            if with_prepare {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    h(item.and_then(|i| i.prepare.as_deref()).unwrap_or_default())
                );
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n</section>\n");
}

/// An officer for a business: name, department, certificate number where given.
fn officer(scn: &Scenario, words: &Words, insp: &str, dept: &str) -> String {
    let dept = dept_name(scn, dept);
    match scn.index.inspectors.get(insp) {
        Some(&i) => {
            let i = scn.inspector(i);
            words.officer(&i.name, i.certificate.as_deref(), dept)
        }
        None => words.officer(insp, None, dept),
    }
}

/// One line for a visit: date, window, departments, officers.
fn summary(w: &Week, words: &Words, a: &Appointment) -> String {
    let scn = w.scn;
    let names: Vec<&str> = a.depts.iter().map(|d| dept_name(scn, d)).collect();
    let mut s = format!(
        "{} {}{}{}",
        words.date(a.date),
        words.window(&hhmm(a.window.0), &hhmm(a.window.1)),
        words.part_sep,
        names.join(words.sep)
    );
    let officers: Vec<String> = a
        .officers
        .iter()
        .map(|(i, _)| {
            scn.index
                .inspectors
                .get(i)
                .map_or(i.clone(), |&k| scn.inspector(k).name.clone())
        })
        .collect();
    if !officers.is_empty() {
        s.push_str(words.part_sep);
        s.push_str(words.officers);
        s.push_str(words.colon);
        s.push_str(&officers.join(words.sep));
    }
    s
}

/// The table of what changed: visits kept, gone (cancelled) and new, by date.
fn changes(out: &mut String, w: &Week, words: &Words, d: &Doc) {
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th></tr>\n",
        h(words.changes_title),
        h(words.before),
        h(words.now)
    );
    let now_keys: Vec<_> = d.now.iter().map(Appointment::key).collect();
    let before_keys: Vec<_> = d.before.iter().map(Appointment::key).collect();
    let mut rows: Vec<(NaiveDate, u32, String, String)> = Vec::new();
    for a in &d.before {
        if !now_keys.contains(&a.key()) {
            rows.push((
                a.date,
                a.start,
                summary(w, words, a),
                words.cancelled.to_owned(),
            ));
        }
    }
    for a in &d.now {
        if !before_keys.contains(&a.key()) {
            rows.push((
                a.date,
                a.start,
                words.added.to_owned(),
                summary(w, words, a),
            ));
        }
    }
    rows.sort_by_key(|a| (a.0, a.1));
    for (_, _, before, now) in rows {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", h(&before), h(&now));
    }
    out.push_str("</table>\n");
}

/// The index page: what to send to whom.
fn index(w: &Week, words: &Words, docs: &[Doc], replan: bool) -> String {
    let scn = w.scn;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"sheet wide\">\n<h1>{}</h1>",
        h(words.index_title)
    );
    let mut meta = Vec::new();
    if let Some(i) = &scn.notice.issuer {
        meta.push(i.clone());
    }
    meta.push(format!(
        "{}{}{}",
        words.issued,
        words.colon,
        words.date(w.issued)
    ));
    let _ = writeln!(
        out,
        "<div class=\"meta\">{}</div>",
        meta.iter()
            .map(|m| format!("<span>{}</span>", h(m)))
            .collect::<String>()
    );
    let count = |a: Action| docs.iter().filter(|d| d.action == a).count();
    let _ = writeln!(
        out,
        "<p>{}</p>",
        h(&words.counts(
            count(Action::Send),
            count(Action::Keep),
            count(Action::Change),
            count(Action::Cancel)
        ))
    );
    let _ = writeln!(
        out,
        "<p><a href=\"all-notices.html\">{}</a>{}</p>",
        h(words.print_all),
        if replan {
            format!(" · <a href=\"to-send.html\">{}</a>", h(words.print_resend))
        } else {
            String::new()
        }
    );
    let _ = writeln!(out, "<p class=\"note\">{}</p>", h(words.index_note));
    if docs.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", h(words.nothing));
        return out;
    }
    let _ = writeln!(
        out,
        "<table class=\"index{}\">\n<thead><tr><th style=\"width:18%\">{}</th><th style=\"width:24%\">{}</th>\
         <th style=\"width:30%\">{}</th><th style=\"width:13%\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        if replan { " replan" } else { "" },
        h(words.col_document),
        h(words.col_business),
        h(words.col_contact),
        h(words.col_visits),
        h(words.col_action)
    );
    for d in docs {
        let b = scn.business(d.biz);
        let contact: Vec<&str> = [
            b.address.as_deref(),
            b.contact.as_deref(),
            b.phone.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let list = if d.now.is_empty() { &d.before } else { &d.now };
        let dates: BTreeSet<NaiveDate> = list.iter().map(|a| a.date).collect();
        let action = match d.action {
            Action::Send => words.act_send,
            Action::Keep => words.act_keep,
            Action::Change => words.act_change,
            Action::Cancel => words.act_cancel,
        };
        let action = match (&d.earlier, d.action) {
            (Some(e), Action::Change | Action::Cancel) => words.action_with_earlier(action, e),
            _ => action.to_owned(),
        };
        let _ = writeln!(
            out,
            "<tr data-action=\"{:?}\"><td><a href=\"notices/{}\">{}</a></td><td>{}</td>\
             <td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>\
             <td data-label=\"{}\">{}</td></tr>",
            d.action,
            h(&d.file),
            h(&d.number),
            h(&b.name),
            h(words.col_contact),
            h(&contact.join(words.sep)),
            h(words.col_visits),
            h(&dates
                .iter()
                .map(|d| words.short_date(*d))
                .collect::<Vec<_>>()
                .join(words.sep)),
            h(words.col_action),
            h(&action)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn windows_start_on_the_half_hour_and_last_an_hour() {
        assert_eq!(window(9 * 60 + 1), (540, 600));
        assert_eq!(window(9 * 60 + 30), (570, 630));
        assert_eq!(window(9 * 60 + 59), (570, 630));
        assert_eq!(window(23 * 60 + 40), (1410, 1439));
    }
}
