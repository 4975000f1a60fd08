//! `report.html`: the week for leaders, one self-contained page (inline CSS, SVG and
//! script; no external URL, no network request) that works on a phone, on a desktop and
//! on paper, at district and at city size.
//!
//! From the top: when tasks are left out, a warning card saying how many and what share
//! of the priority, before any saving figure; the KPI cards, whose saving figures say
//! they are relative to each department going alone; the contents (dates and towns as
//! links) and filters (department, town, inspector; plain inline script); per date a
//! section with a timeline of each inspector's day (Gantt, collapsed when large), a map
//! (zones, links, routes along the travel graph; close visits clustered, routes left out
//! with a note when too many) and the date's visits (collapsed when long); per town the
//! visits there; the workload per department; the tasks left out with their reasons.
//! Visit and business ids are shown so notices and change lists can be matched to it;
//! unannounced visits are marked. On a narrow screen tables become one card per row; in
//! print (A4 landscape) table headers repeat, rows are not cut and collapsed parts open.
//!
//! The figures are the checker's ([`Week::stats`]); the page embeds them as JSON and an
//! inline script adds up the rows (visits, visit minutes, tasks, crew bars, departments,
//! left-out tasks) and compares: `document.body.dataset.selfcheck` becomes `"ok"` or
//! `"fail"`. Text widths in the SVG come from display width (a CJK character is two
//! columns, about one em). Every word comes from the catalogue of `words.rs`.

use super::geojson::PALETTE;
use super::route::{day_plan, department_files, plane, route_files};
use super::words::fill;
use super::{html_escape as h, Day, Lang, Week};
use crate::plan::{Figure, Plan};
use crate::scenario::Location;
use chrono::NaiveDate;
use onedoor_core::ids::NodeIdx;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Where `render` writes the report, relative to the export folder (links to the route
/// and department sheets are made relative to it).
pub(super) const REPORT_FILE: &str = "internal/report.html";

/// Where the route sheets and the department sheets go, relative to the export folder.
pub(super) const ROUTES_DIR: &str = "internal/routes";
/// See [`ROUTES_DIR`].
pub(super) const DEPARTMENTS_DIR: &str = "internal/departments";

/// A date section opens its visit table when it has at most this many rows, and its
/// Gantt chart when at most this many inspectors are out; longer ones start collapsed.
const OPEN_ROWS: usize = 40;
/// Routes are drawn on a date's map when at most this many inspector days share it.
const MAP_ROUTES: usize = 40;

const CSS: &str = "\
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f5f8; color: #1d2733; line-height: 1.4;
  font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif; }
main { max-width: 1340px; margin: 0 auto; padding: 16px 20px 40px; }
header { background: linear-gradient(90deg, #8b1a1a, #b22222); color: #fff; padding: 16px 20px; border-radius: 10px; }
header h1 { margin: 0; font-size: 24px; letter-spacing: 1px; }
header .sub { opacity: .9; margin-top: 4px; font-size: 15px; }
nav.bar { position: sticky; top: 0; z-index: 5; background: #f3f5f8; padding: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 14px; }
nav.bar a { color: #1f4e79; text-decoration: none; }
section[id], [id^=d-], #summary { scroll-margin-top: 3.5em; }
.warn { background: #fff4e5; border: 2px solid #d9822b; border-left-width: 8px; border-radius: 10px; padding: 10px 14px; margin: 14px 0 6px; }
.warn .label { font-weight: bold; color: #8a4b08; font-size: 16px; }
.warn .value { font-size: 30px; font-weight: bold; color: #8a4b08; }
.rel { color: #5b6775; font-size: 14px; margin: 10px 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; margin: 8px 0 16px; }
.card { background: #fff; border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 3px rgba(0,0,0,.12); min-width: 0; }
.card .label { font-size: 13px; color: #5b6775; }
.card .value { font-size: 28px; font-weight: bold; color: #8b1a1a; margin: 2px 0; }
.card .note { font-size: 12px; color: #5b6775; }
.card.hero { grid-column: span 2; }
.card.hero .value { font-size: 36px; }
section { background: #fff; border-radius: 10px; padding: 12px 16px; margin: 14px 0; box-shadow: 0 1px 3px rgba(0,0,0,.12); min-width: 0; }
h2 { font-size: 19px; margin: 0 0 10px; border-left: 5px solid #b22222; padding-left: 8px; }
h3 { font-size: 15px; margin: 10px 0 6px; color: #334; }
summary { cursor: pointer; font-weight: 600; color: #334; margin: 8px 0; }
.daystats { color: #5b6775; font-size: 13px; margin-left: 8px; font-weight: normal; }
.toc { columns: 2 220px; font-size: 14px; margin: 0; padding-left: 18px; }
.toc li { break-inside: avoid; }
.toc a { color: #1f4e79; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; font-size: 14px; }
.filters select { max-width: 100%; font-size: 14px; padding: 2px; }
.filters label { display: flex; gap: 4px; align-items: center; max-width: 100%; }
#shown { color: #5b6775; }
.row2 { display: grid; grid-template-columns: minmax(0, 600px) minmax(0, 1fr); gap: 14px; align-items: start; }
.scroll { overflow-x: auto; max-width: 100%; }
.maponly { max-width: 760px; }
svg.gantt { min-width: 720px; width: 100%; height: auto; display: block; }
svg.map { width: 100%; height: auto; display: block; background: #eaf2f8; border-radius: 8px; }
.note { color: #5b6775; font-size: 12px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid #e2e6ea; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef1f5; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.id { color: #6b7785; font-size: 11px; }
.no { display: inline-block; min-width: 20px; text-align: center; border-radius: 10px; background: #b22222; color: #fff; font-size: 11px; padding: 0 4px; }
.tag { display: inline-block; border: 1px solid #b22222; color: #b22222; border-radius: 4px; padding: 0 4px; font-size: 11px; white-space: nowrap; }
.chips span { display: inline-block; background: #eef1f5; border-radius: 12px; padding: 2px 10px; margin: 0 6px 6px 0; font-size: 13px; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
svg text { font-family: inherit; }
footer { color: #7a8591; font-size: 12px; text-align: center; margin-top: 18px; }
@media (max-width: 900px) { .row2 { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 640px) {
  main { padding: 8px 8px 30px; }
  header { padding: 12px; }
  header h1 { font-size: 20px; }
  .cards { grid-template-columns: 1fr 1fr; gap: 8px; }
  .card .value { font-size: 22px; }
  .card.hero .value { font-size: 26px; }
  section { padding: 10px; }
  table.rows, table.rows tbody, table.rows tr, table.rows td { display: block; width: 100%; }
  table.rows thead { display: none; }
  table.rows tr { border-bottom: 1px solid #cfd6de; padding: 4px 0; }
  table.rows td { border: 0; padding: 1px 4px; }
  table.rows td[data-label]::before { content: attr(data-label); color: #6b7785; font-size: 11px; }
}
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.bar, .filters { display: none; }
  section, .card, .warn { box-shadow: none; border: 1px solid #ccc; }
  section.date { break-before: page; }
  .row2 { grid-template-columns: minmax(0, 1fr); }
  svg.map { max-width: 170mm; max-height: 120mm; }
  svg.gantt { min-width: 0; }
  .scroll { overflow: visible; }
  .card { break-inside: avoid; }
}
";

const SCRIPT: &str = r#"
(function () {
  var body = document.body, problems = [];
  try {
    var t = JSON.parse(document.getElementById('totals').textContent);
    var sum = function (sel, attr) {
      var s = 0;
      document.querySelectorAll(sel).forEach(function (e) { s += Number(e.getAttribute(attr)); });
      return s;
    };
    var count = function (sel) { return document.querySelectorAll(sel).length; };
    var expect = function (what, got, want) {
      if (got !== want) problems.push(what + ': ' + got + ' != ' + want);
    };
    expect('visit rows', count('tr.visit-row'), t.visits);
    expect('visit minutes', sum('tr.visit-row', 'data-minutes'), t.visit_minutes);
    expect('tasks in visits', sum('tr.visit-row', 'data-tasks'), t.scheduled);
    expect('crew bars', count('rect.bar'), t.officer_visits);
    expect('crew minutes', sum('rect.bar', 'data-minutes'), t.crew_minutes);
    expect('department scheduled', sum('tr.dept-row', 'data-scheduled'), t.scheduled);
    expect('department unscheduled', sum('tr.dept-row', 'data-unscheduled'), t.unscheduled);
    expect('department tasks', sum('tr.dept-row', 'data-tasks'), t.tasks);
    expect('left-out rows', count('tr.left-row'), t.unscheduled);
    expect('town rows', count('tr.town-row'), t.visits);
    document.querySelectorAll('[data-figure]').forEach(function (e) {
      var k = e.getAttribute('data-figure');
      expect('card ' + k, Number(e.getAttribute('data-value')), t.figures[k]);
    });
  } catch (err) {
    problems.push('script error: ' + err);
  }
  body.dataset.selfcheck = problems.length ? 'fail' : 'ok';
  if (problems.length) body.dataset.selfcheckProblems = problems.join('; ');

  // Filters: a row shows when it matches every chosen value (rows without the
  // attribute are not filtered by it); lists in data-* are separated by '|'.
  var selects = document.querySelectorAll('select[data-filter]');
  var shown = document.getElementById('shown');
  var apply = function () {
    var chosen = {}, any = false;
    selects.forEach(function (s) {
      if (s.value) { chosen[s.getAttribute('data-filter')] = s.value; any = true; }
    });
    var n = 0;
    document.querySelectorAll('tr[data-town]').forEach(function (tr) {
      var ok = true;
      Object.keys(chosen).forEach(function (k) {
        var v = tr.getAttribute('data-' + k);
        if (v !== null && v.split('|').indexOf(chosen[k]) < 0) ok = false;
      });
      tr.hidden = !ok;
      if (ok && tr.classList.contains('visit-row')) n++;
    });
    if (shown) {
      shown.textContent = shown.getAttribute('data-template')
        .replace('{shown}', n).replace('{total}', count('tr.visit-row'));
    }
    if (any) document.querySelectorAll('details.rows').forEach(function (d) { d.open = true; });
  };
  selects.forEach(function (s) { s.addEventListener('change', apply); });

  // A link to a collapsed part opens it.
  var openHash = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var e = id && document.getElementById(id);
    if (e && e.tagName === 'DETAILS') e.open = true;
  };
  window.addEventListener('hashchange', openHash);
  openHash();

  // Paper shows everything: open every collapsed part while printing.
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
  });
})();
"#;

/// The page.
pub(super) fn report(w: &Week, previous: Option<&Plan>) -> String {
    let words = w.words();
    let lang = match w.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n\
         <header><h1>{}</h1><div class=\"sub\">{} · {}</div></header>\n",
        h(&w.scn.name),
        h(words.report_title),
        h(&w.scn.name),
        h(&dates_span(w))
    );
    let towns = towns(w);
    nav_bar(&mut out, w);
    warning(&mut out, w);
    cards(&mut out, w);
    if let Some(previous) = previous {
        what_changed(&mut out, w, previous);
    }
    contents(&mut out, w, &towns);
    filters(&mut out, w, &towns);
    for date in w.scn.horizon.working_dates() {
        day_section(&mut out, w, date);
    }
    town_section(&mut out, w, &towns);
    workload(&mut out, w);
    left_out(&mut out, w);
    sheets_section(&mut out, w);
    let _ = write!(
        out,
        "<footer>{}</footer>\n</main>\n<script type=\"application/json\" id=\"totals\">{}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        h(words.footer),
        totals_json(w)
    );
    out
}

/// "2022-09-12 mon – 2022-09-16 fri".
fn dates_span(w: &Week) -> String {
    format!(
        "{} – {}",
        w.lang.date(w.scn.horizon.start),
        w.lang.date(w.scn.horizon.end)
    )
}

/// The anchor of a date's section.
fn date_anchor(d: NaiveDate) -> String {
    format!("d-{}", d.format("%Y-%m-%d"))
}

/// The towns of the visited businesses, in name order, each with its visits (indices
/// into [`Week::visits`], in visit order).
fn towns<'a>(w: &'a Week) -> Vec<(&'a str, Vec<usize>)> {
    let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, row) in w.visits.iter().enumerate() {
        by.entry(w.scn.business(row.biz).town.as_str())
            .or_default()
            .push(i);
    }
    by.into_iter().collect()
}

/// The sticky bar of links to the parts of the page.
fn nav_bar(out: &mut String, w: &Week) {
    let words = w.words();
    let _ = write!(
        out,
        "<nav class=\"bar\"><a href=\"#summary\">{}</a>",
        h(words.summary)
    );
    for d in w.scn.horizon.working_dates() {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a>",
            date_anchor(d),
            d.format("%m-%d")
        );
    }
    let _ = writeln!(
        out,
        "<a href=\"#towns\">{}</a><a href=\"#workload\">{}</a><a href=\"#left-out\">{}</a></nav>",
        h(words.by_town),
        h(words.workload),
        h(words.left_out_title)
    );
}

/// A warning card when tasks are left out: how many, and their share of the priority,
/// shown before any saving figure.
fn warning(out: &mut String, w: &Week) {
    let s = &w.stats;
    if s.unscheduled == 0 {
        return;
    }
    let words = w.words();
    let share = super::workbook::left_out_share(w);
    let _ = writeln!(
        out,
        "<div class=\"warn\" id=\"summary\" role=\"alert\"><div class=\"label\">{}</div>\
         <div class=\"value\">{} / {}</div><div>{}</div></div>",
        h(words.left_out_warning),
        s.unscheduled,
        s.tasks,
        h(&fill(
            words.left_out_body,
            &[
                ("n", &s.unscheduled),
                ("tasks", &s.tasks),
                ("share", &pct(share))
            ]
        ))
    );
}

/// The totals the self-check compares with (JSON, no `<` inside).
fn totals_json(w: &Week) -> String {
    let s = &w.stats;
    let figures: serde_json::Map<String, serde_json::Value> = Figure::ALL
        .into_iter()
        .map(|f| {
            let v = match f.value(s) {
                crate::plan::Value::Count(n) => serde_json::json!(n),
                crate::plan::Value::Ratio(r) => serde_json::json!(ratio_value(r)),
            };
            (f.key().to_owned(), v)
        })
        .collect();
    let crew_minutes: u64 = w
        .visits
        .iter()
        .map(|v| u64::from(v.minutes()) * v.crew.len() as u64)
        .sum();
    serde_json::json!({
        "visits": w.visits.len(),
        "visit_minutes": w.visit_minutes(),
        "crew_minutes": crew_minutes,
        "scheduled": s.scheduled,
        "unscheduled": s.unscheduled,
        "tasks": s.tasks,
        "officer_visits": s.officer_visits,
        "figures": figures,
    })
    .to_string()
    .replace('<', "\\u003c")
}

/// A ratio as the page shows it in `data-value`: rounded to 4 places.
fn ratio_value(r: f64) -> f64 {
    (r * 10_000.0).round() / 10_000.0
}

fn pct(r: f64) -> String {
    format!("{:.1} %", r * 100.0)
}

/// One KPI card.
fn card(
    out: &mut String,
    w: &Week,
    class: &str,
    f: Option<Figure>,
    label: &str,
    value: &str,
    note: &str,
) {
    let data = f.map_or(String::new(), |f| {
        let v = match f.value(&w.stats) {
            crate::plan::Value::Count(n) => n.to_string(),
            crate::plan::Value::Ratio(r) => ratio_value(r).to_string(),
        };
        format!(" data-figure=\"{}\" data-value=\"{v}\"", f.key())
    });
    let _ = writeln!(
        out,
        "<div class=\"card {class}\"><div class=\"label\">{}</div><div class=\"value\"{data}>{}</div><div class=\"note\">{}</div></div>",
        h(label),
        h(value),
        h(note)
    );
}

fn cards(out: &mut String, w: &Week) {
    let s = &w.stats;
    let words = w.words();
    let id = if s.unscheduled == 0 {
        " id=\"summary\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<p class=\"rel\"{id}>{}</p>\n<div class=\"cards\">",
        h(&fill(
            words.relative_to_baseline,
            &[("baseline", &s.baseline_visits)]
        ))
    );
    card(
        out,
        w,
        "hero",
        Some(Figure::Visits),
        words.card_visits,
        &s.visits.to_string(),
        &fill(words.card_visits_note, &[("n", &s.baseline_visits)]),
    );
    card(
        out,
        w,
        "hero",
        Some(Figure::VisitsSaved),
        words.card_saved,
        &s.visits_saved.to_string(),
        &fill(words.card_saved_note, &[("pct", &pct(s.reduction))]),
    );
    card(
        out,
        w,
        "",
        Some(Figure::Reduction),
        w.figure_label(Figure::Reduction),
        &pct(s.reduction),
        words.card_reduction_note,
    );
    card(
        out,
        w,
        "",
        Some(Figure::LowerBound),
        w.figure_label(Figure::LowerBound),
        &s.lower_bound.to_string(),
        &fill(words.card_bound_note, &[("gap", &pct(w.gap()))]),
    );
    card(
        out,
        w,
        "",
        None,
        words.card_joint,
        &pct(w.joint_rate()),
        &words.card_joint_note.n(w.joint_visits() as u64),
    );
    card(
        out,
        w,
        "",
        Some(Figure::Scheduled),
        w.figure_label(Figure::Scheduled),
        &s.scheduled.to_string(),
        &fill(words.card_scheduled_note, &[("n", &s.tasks)]),
    );
    card(
        out,
        w,
        "",
        Some(Figure::Unscheduled),
        w.figure_label(Figure::Unscheduled),
        &s.unscheduled.to_string(),
        &fill(words.card_left_note, &[("n", &s.unscheduled_priority)]),
    );
    card(
        out,
        w,
        "",
        Some(Figure::OfficerVisits),
        w.figure_label(Figure::OfficerVisits),
        &s.officer_visits.to_string(),
        words.card_officers_note,
    );
    card(
        out,
        w,
        "",
        Some(Figure::TravelMinutes),
        w.figure_label(Figure::TravelMinutes),
        &s.travel_minutes.to_string(),
        words.card_travel_note,
    );
    out.push_str("</div>\n");
}

/// The contents: every date and every town as a link, with its count of visits.
fn contents(out: &mut String, w: &Week, towns: &[(&str, Vec<usize>)]) {
    let words = w.words();
    let _ = write!(
        out,
        "<section class=\"contents\">\n<h2>{}</h2>\n<h3>{}</h3>\n<ul class=\"toc\">",
        h(words.contents),
        h(words.by_date)
    );
    for d in w.scn.horizon.working_dates() {
        let n = w.visits.iter().filter(|v| v.visit.date == d).count();
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a> <span class=\"id\">{}</span></li>",
            date_anchor(d),
            h(&w.lang.date(d)),
            h(&words.visits.n(n as u64))
        );
    }
    let _ = write!(
        out,
        "</ul>\n<h3>{}</h3>\n<ul class=\"toc\">",
        h(words.by_town)
    );
    for (i, (town, rows)) in towns.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#t-{}\">{}</a> <span class=\"id\">{}</span></li>",
            i + 1,
            h(town),
            h(&words.visits.n(rows.len() as u64))
        );
    }
    out.push_str("</ul>\n");
    if w.visits.iter().any(|v| w.unannounced(v)) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", h(words.unannounced_note));
    }
    out.push_str("</section>\n");
}

/// The filter bar: department, town, inspector.
fn filters(out: &mut String, w: &Week, towns: &[(&str, Vec<usize>)]) {
    let words = w.words();
    let _ = write!(
        out,
        "<section class=\"filters\"><b>{}</b>",
        h(words.filters)
    );
    let select = |out: &mut String, key: &str, label: &str, options: Vec<(String, String)>| {
        let _ = write!(
            out,
            "<label>{}<select data-filter=\"{key}\"><option value=\"\">{}</option>",
            h(label),
            h(words.all)
        );
        for (value, shown) in options {
            let _ = write!(
                out,
                "<option value=\"{}\">{}</option>",
                h(&value),
                h(&shown)
            );
        }
        out.push_str("</select></label>");
    };
    select(
        out,
        "dept",
        words.col_dept,
        w.scn
            .departments
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect(),
    );
    select(
        out,
        "town",
        words.col_town,
        towns
            .iter()
            .map(|(t, _)| ((*t).to_owned(), (*t).to_owned()))
            .collect(),
    );
    let out_insps: BTreeSet<_> = w.days.iter().map(|d| d.insp).collect();
    select(
        out,
        "insp",
        words.col_inspector,
        out_insps
            .into_iter()
            .map(|i| {
                let insp = w.scn.inspector(i);
                (insp.id.clone(), format!("{} {}", insp.name, insp.id))
            })
            .collect(),
    );
    let _ = writeln!(
        out,
        "<span id=\"shown\" data-template=\"{}\"></span></section>",
        h(words.shown)
    );
}

/// The filter attributes of a visit's row: departments, town, crew (lists by `|`).
fn filter_attrs(w: &Week, i: usize) -> String {
    let row = &w.visits[i];
    let depts: Vec<&str> = row
        .depts
        .iter()
        .map(|&d| w.scn.department(d).id.as_str())
        .collect();
    let crew: Vec<&str> = row
        .crew
        .iter()
        .map(|m| w.scn.inspector(m.insp).id.as_str())
        .collect();
    format!(
        "data-dept=\"{}\" data-town=\"{}\" data-insp=\"{}\"",
        h(&depts.join("|")),
        h(&w.scn.business(row.biz).town),
        h(&crew.join("|"))
    )
}

/// Approximate rendered width in pixels of `s` at `font` px: half an em per column.
fn text_px(s: &str, font: f64) -> f64 {
    UnicodeWidthStr::width(s) as f64 * font * 0.55
}

fn day_section(out: &mut String, w: &Week, date: NaiveDate) {
    let words = w.words();
    let rows: Vec<usize> = (0..w.visits.len())
        .filter(|&i| w.visits[i].visit.date == date)
        .collect();
    let days: Vec<&Day> = w.days.iter().filter(|d| d.date == date).collect();
    let tasks: usize = rows.iter().map(|&i| w.visits[i].tasks.len()).sum();
    let _ = write!(
        out,
        "<section class=\"date\" id=\"{}\">\n<h2>{}<span class=\"daystats\">{}</span></h2>\n",
        date_anchor(date),
        h(&w.lang.date(date)),
        h(&fill(
            words.date_stats,
            &[
                ("visits", &rows.len()),
                ("tasks", &tasks),
                ("inspectors", &days.len())
            ]
        ))
    );
    if rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", h(words.no_visits));
        return;
    }
    let open = if days.len() <= OPEN_ROWS { " open" } else { "" };
    let _ = writeln!(out, "<details class=\"gantt-box\"{open}>");
    gantt(out, w, &days);
    out.push_str("</details>\n");
    if rows.len() <= OPEN_ROWS {
        // Map and table side by side (stacked on a narrow screen).
        out.push_str("<div class=\"row2\">\n<div>\n");
        map(out, w, &rows, &days);
        out.push_str("</div>\n<div>\n");
        visit_table(out, w, &rows);
        out.push_str("</div>\n</div>\n");
    } else {
        // A busy date: the map, then its long table, collapsed, across the page.
        out.push_str("<div class=\"maponly\">\n");
        map(out, w, &rows, &days);
        out.push_str("</div>\n");
        visit_table(out, w, &rows);
    }
    out.push_str("</section>\n");
}
fn gantt(out: &mut String, w: &Week, days: &[&Day]) {
    let hours = w.scn.horizon.hours;
    let (t0, t1) = (
        hours.start.0 as f64,
        hours.end.0.max(hours.start.0 + 60) as f64,
    );
    let font = 12.0;
    let labels: Vec<String> = days
        .iter()
        .map(|d| {
            let insp = w.scn.inspector(d.insp);
            format!("{} · {}", insp.name, w.dept(insp.department))
        })
        .collect();
    let label_w = labels.iter().map(|l| text_px(l, font)).fold(80.0, f64::max) + 12.0;
    let width = 1290.0;
    let plot = width - label_w - 10.0;
    let row_h = 20.0;
    let top = 22.0;
    let height = top + row_h * days.len() as f64 + 6.0;
    let x = |m: f64| label_w + (m - t0) / (t1 - t0) * plot;
    let _ = writeln!(
        out,
        "<summary>{}</summary>\n<div class=\"scroll\"><svg class=\"gantt\" viewBox=\"0 0 {width} {height}\" style=\"width:100%;height:auto\" role=\"img\">",
        h(w.words().gantt)
    );
    // Hour grid.
    let mut hour = (t0 / 60.0).ceil() as u32 * 60;
    while f64::from(hour) <= t1 {
        let xx = x(f64::from(hour));
        let _ = writeln!(
            out,
            "<line x1=\"{xx:.1}\" y1=\"{}\" x2=\"{xx:.1}\" y2=\"{height}\" stroke=\"#dde2e8\"/>\
             <text x=\"{xx:.1}\" y=\"14\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6775\">{:02}:00</text>",
            top - 4.0,
            hour / 60
        );
        hour += 60;
    }
    for (r, (day, label)) in days.iter().zip(&labels).enumerate() {
        let y = top + r as f64 * row_h;
        if r % 2 == 0 {
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{row_h}\" fill=\"#f7f9fb\"/>"
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y + 14.0,
            h(label)
        );
        for stop in &day.stops {
            let row = &w.visits[stop.visit];
            let (s, e) = (row.visit.start.0 as f64, row.visit.end.0 as f64);
            if stop.travel > 0 {
                let _ = writeln!(
                    out,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#9aa5b1\" stroke-width=\"2\"/>",
                    x((s - f64::from(stop.travel)).max(t0)),
                    y + 10.0,
                    x(s),
                    y + 10.0
                );
            }
            let colour = PALETTE[stop.dept.index() % PALETTE.len()];
            let biz = w.scn.business(row.biz);
            let _ = writeln!(
                out,
                "<rect class=\"bar\" data-visit=\"{}\" data-minutes=\"{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{colour}\"><title>{} {} {}–{} {}{}{}{}</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
                h(&row.visit.id),
                row.minutes(),
                x(s),
                y + 2.0,
                (x(e) - x(s)).max(2.0),
                row_h - 4.0,
                row.number,
                h(&row.visit.id),
                row.visit.start,
                row.visit.end,
                h(&biz.name),
                h(w.words().open),
                h(w.dept(stop.dept)),
                h(w.words().close),
                (x(s) + x(e)) / 2.0,
                y + 14.0,
                row.number
            );
        }
    }
    out.push_str("</svg></div>\n");
    // Legend of department colours (acting for).
    let used: BTreeSet<usize> = days
        .iter()
        .flat_map(|d| d.stops.iter().map(|s| s.dept.index()))
        .collect();
    out.push_str("<div class=\"legend\">");
    for d in used {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            PALETTE[d % PALETTE.len()],
            h(&w.scn.departments[d].name)
        );
    }
    out.push_str("</div>\n");
}

/// The convex hull of points (monotone chain), counter-clockwise.
fn hull(mut pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    pts.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut lower: Vec<(f64, f64)> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(f64, f64)> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// The map's projection: every node of the scenario fits the frame, so every date's map
/// shows the same area at the same scale.
struct MapFrame {
    /// Width and height in pixels.
    size: (f64, f64),
    /// Plane units per pixel.
    span: f64,
    /// The plane point at the centre.
    centre: (f64, f64),
    /// Plane coordinates of every node.
    pts: Vec<(f64, f64)>,
}

impl MapFrame {
    /// The frame of the scenario's nodes (`None` without nodes).
    fn new(w: &Week) -> Option<MapFrame> {
        let scn = w.scn;
        let pts: Vec<(f64, f64)> = (0..scn.node_count())
            .map(|i| plane(scn.node_site(NodeIdx::new(i)).1))
            .collect();
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in &pts {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        if pts.is_empty() {
            return None;
        }
        // The map's height follows the area's shape (a wide district gets a low map).
        let (w_px, pad) = (600.0, 30.0);
        let aspect = ((y1 - y0) / (x1 - x0).max(1e-9)).clamp(0.4, 1.2);
        let h_px = ((w_px - 2.0 * pad) * aspect + 2.0 * pad).round();
        let span = ((x1 - x0) / (w_px - 2.0 * pad))
            .max((y1 - y0) / (h_px - 2.0 * pad))
            .max(1e-9);
        Some(MapFrame {
            size: (w_px, h_px),
            span,
            centre: ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            pts,
        })
    }

    /// The pixel position of a node.
    fn at(&self, n: NodeIdx) -> (f64, f64) {
        let p = self.pts[n.index()];
        (
            self.size.0 / 2.0 + (p.0 - self.centre.0) / self.span,
            self.size.1 / 2.0 - (p.1 - self.centre.1) / self.span,
        )
    }
}

/// A date's map: zones, links, every business faintly, the inspectors' routes along the
/// travel graph (when few enough to read) and the date's visits, numbered, close ones
/// clustered; then the notes saying what was simplified.
fn map(out: &mut String, w: &Week, rows: &[usize], days: &[&Day]) {
    let Some(frame) = MapFrame::new(w) else {
        return;
    };
    let words = w.words();
    let (w_px, h_px) = frame.size;
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<svg class=\"map\" viewBox=\"0 0 {w_px} {h_px}\" role=\"img\">",
        h(words.map)
    );
    draw_zones(out, w, &frame);
    draw_links(out, w, &frame);
    draw_businesses(out, w, &frame);
    let routes = days.len() <= MAP_ROUTES;
    if routes {
        draw_routes(out, w, &frame, days);
    }
    let clustered = draw_visits(out, w, &frame, rows);
    scale_bar(out, w, &frame);
    out.push_str("</svg>\n");
    if !routes {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            h(&fill(words.map_routes_left_out, &[("n", &days.len())]))
        );
    }
    if clustered {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", h(words.map_clustered));
    }
}

/// Zones as padded hulls, labelled.
fn draw_zones(out: &mut String, w: &Week, frame: &MapFrame) {
    let scn = w.scn;
    let mut zones: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for i in 0..scn.node_count() {
        let n = NodeIdx::new(i);
        zones
            .entry(scn.node_site(n).0)
            .or_default()
            .push(frame.at(n));
    }
    for (zi, (zone, zp)) in zones.iter().enumerate() {
        let hl = hull(zp.clone());
        let path: Vec<String> = hl.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let fill = ["#fbf7ee", "#eef7ee", "#f3eefa", "#eef4fb"][zi % 4];
        let _ = writeln!(
            out,
            "<polygon points=\"{0}\" fill=\"{fill}\" stroke=\"{fill}\" stroke-width=\"30\" stroke-linejoin=\"round\"/>\
             <polygon points=\"{0}\" fill=\"none\" stroke=\"#c9b98f\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>",
            path.join(" ")
        );
        let top = hl
            .iter()
            .fold((0.0, f64::MAX), |a, &p| if p.1 < a.1 { p } else { a });
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#8a7a50\" text-anchor=\"middle\">{} {}</text>",
            top.0,
            (top.1 - 8.0).max(12.0),
            h(w.words().zone),
            h(zone)
        );
    }
}

/// The links (bridges, ferries), dashed, with their minutes.
fn draw_links(out: &mut String, w: &Week, frame: &MapFrame) {
    for link in &w.scn.travel.links {
        let (a, b) = (frame.at(link.from), frame.at(link.to));
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1f4e79\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1f4e79\" text-anchor=\"middle\">{}</text>",
            a.0,
            a.1,
            b.0,
            b.1,
            (a.0 + b.0) / 2.0,
            (a.1 + b.1) / 2.0 - 6.0,
            h(&w.words().minutes.n(link.minutes))
        );
    }
}

/// Every business as a faint dot; offices as small squares.
fn draw_businesses(out: &mut String, w: &Week, frame: &MapFrame) {
    for i in 0..w.scn.node_count() {
        let node = NodeIdx::new(i);
        let (x, y) = frame.at(node);
        if w.scn.business_of_node(node).is_some() {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.6\" fill=\"#b8c2cc\"/>"
            );
        } else {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"#334\"/>",
                x - 3.0,
                y - 3.0
            );
        }
    }
}

/// Each inspector's day along the travel graph's shortest paths (over the links).
fn draw_routes(out: &mut String, w: &Week, frame: &MapFrame, days: &[&Day]) {
    for day in days {
        let plan = day_plan(w, day);
        let insp = w.scn.inspector(day.insp);
        let mut pts = vec![frame.at(insp.base)];
        for leg in &plan.legs {
            pts.extend(leg.path.iter().skip(1).map(|&n| frame.at(n)));
        }
        let pts: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\" stroke-opacity=\"0.55\"/>",
            pts.join(" "),
            PALETTE[insp.department.index() % PALETTE.len()]
        );
    }
}

/// The date's visits: one numbered marker each, or, where markers would overlap, one
/// larger marker showing how many visits it stands for (greedy: a visit joins the first
/// cluster whose anchor lies within reach — 18 px, or 32 px on a busy date — else
/// anchors a new one; anchors are thus at least that far apart). Returns whether any
/// were clustered.
fn draw_visits(out: &mut String, w: &Week, frame: &MapFrame, rows: &[usize]) -> bool {
    let reach: f64 = if rows.len() <= OPEN_ROWS { 18.0 } else { 32.0 };
    let mut clusters: Vec<((f64, f64), Vec<usize>)> = Vec::new();
    for &i in rows {
        let p = frame.at(w.scn.node_of_business(w.visits[i].biz));
        match clusters
            .iter_mut()
            .find(|(a, _)| (a.0 - p.0).hypot(a.1 - p.1) < reach)
        {
            Some((_, members)) => members.push(i),
            None => clusters.push((p, vec![i])),
        }
    }
    let mut clustered = false;
    for ((x, y), members) in &clusters {
        let (x, y) = (*x, *y);
        let n = members.len();
        let title: Vec<String> = members
            .iter()
            .map(|&i| {
                let row = &w.visits[i];
                format!(
                    "{} {} {}",
                    row.number,
                    row.visit.id,
                    w.scn.business(row.biz).name
                )
            })
            .collect();
        let (r, label, colour) = if n == 1 {
            {
                let label = w.visits[members[0]].number.to_string();
                (if label.len() > 2 { 10.0 } else { 8.0 }, label, "#b22222")
            }
        } else {
            clustered = true;
            (
                (9.0 + (n as f64).sqrt() * 1.3).min(reach / 2.0 + 2.0),
                format!("×{n}"),
                "#7a1414",
            )
        };
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{colour}\" fill-opacity=\"0.9\" stroke=\"#fff\" stroke-width=\"1.5\"><title>{}</title></circle>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
            h(&title.join("\n")),
            y + 3.5,
            h(&label)
        );
    }
    clustered
}

/// A scale bar in kilometres.
fn scale_bar(out: &mut String, w: &Week, frame: &MapFrame) {
    let km_per_px = match w.scn.node_site(NodeIdx::new(0)).1 {
        Location::Planar { .. } => frame.span,
        Location::Geo { .. } => frame.span * 111.32,
    };
    let bar_km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0]
        .into_iter()
        .find(|k| k / km_per_px >= 60.0)
        .unwrap_or(1000.0);
    let bar_px = bar_km / km_per_px;
    let y = frame.size.1;
    let _ = writeln!(
        out,
        "<line x1=\"12\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#334\" stroke-width=\"3\"/>\
         <text x=\"12\" y=\"{2:.1}\" font-size=\"11\" fill=\"#334\">{bar_km} km</text>",
        y - 12.0,
        12.0 + bar_px,
        y - 18.0
    );
}

/// The visit cell of a row: the number and id, the unannounced mark.
fn visit_cell(w: &Week, i: usize) -> String {
    let row = &w.visits[i];
    let mut cell = format!(
        "<span class=\"no\">{}</span> <span class=\"id\">{}</span>",
        row.number,
        h(&row.visit.id)
    );
    if w.unannounced(row) {
        let _ = write!(
            cell,
            " <span class=\"tag\">{}</span>",
            h(w.words().unannounced)
        );
    }
    cell
}

/// The business cell of a row: name, id, town.
fn business_cell(w: &Week, i: usize) -> String {
    let biz = w.scn.business(w.visits[i].biz);
    format!(
        "{} <span class=\"id\">{}</span><br><small>{}</small>",
        h(&biz.name),
        h(&biz.id),
        h(&biz.town)
    )
}

/// A table head; `label` attributes let narrow screens show each cell as "label: value".
fn thead(out: &mut String, cols: &[(&str, bool)]) {
    out.push_str("<thead><tr>");
    for (c, numeric) in cols {
        let class = if *numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", h(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

/// Opens a table of `rows` rows inside a `<details>` (open when short, see [`OPEN_ROWS`])
/// whose summary is `summary` (already escaped), with its header row `cols`.
fn rows_table(out: &mut String, rows: usize, summary: &str, cols: &[(&str, bool)]) {
    let open = if rows <= OPEN_ROWS { " open" } else { "" };
    let _ = writeln!(
        out,
        "<details class=\"rows\"{open}><summary>{summary}</summary>\n<table class=\"rows\">"
    );
    thead(out, cols);
}

fn visit_table(out: &mut String, w: &Week, rows: &[usize]) {
    let words = w.words();
    let colon = words.colon;
    rows_table(
        out,
        rows.len(),
        &format!(
            "{} · {}",
            h(words.visits_of_date),
            h(&words.visits.n(rows.len() as u64))
        ),
        &[
            (words.col_visit, false),
            (words.col_time, false),
            (words.col_business, false),
            (words.col_depts, false),
            (words.col_tasks, false),
            (words.col_crew, false),
        ],
    );
    for &i in rows {
        let row = &w.visits[i];
        let depts: Vec<&str> = row.depts.iter().map(|&d| short(w.dept(d))).collect();
        let crew: Vec<&str> = row.crew.iter().map(|m| w.insp(m.insp)).collect();
        let _ = writeln!(
            out,
            "<tr class=\"visit-row\" data-minutes=\"{}\" data-tasks=\"{}\" {}><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}–{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td></tr>",
            row.minutes(),
            row.tasks.len(),
            filter_attrs(w, i),
            h(words.col_visit),
            visit_cell(w, i),
            h(words.col_time),
            row.visit.start,
            row.visit.end,
            h(words.col_business),
            business_cell(w, i),
            h(words.col_depts),
            h(&depts.join(words.list)),
            h(words.col_tasks),
            h(&w.task_list(row)),
            h(words.col_crew),
            h(&crew.join(words.list))
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
}

/// Per town: its visits (collapsed), reachable from the contents.
fn town_section(out: &mut String, w: &Week, towns: &[(&str, Vec<usize>)]) {
    let words = w.words();
    let colon = words.colon;
    let _ = writeln!(out, "<section id=\"towns\">\n<h2>{}</h2>", h(words.by_town));
    for (k, (town, rows)) in towns.iter().enumerate() {
        let businesses: BTreeSet<_> = rows.iter().map(|&i| w.visits[i].biz).collect();
        let _ = writeln!(
            out,
            "<details class=\"rows\" id=\"t-{}\"><summary>{} <span class=\"daystats\">{} · {}</span></summary>\n<table class=\"rows\">",
            k + 1,
            h(town),
            h(&words.visits.n(rows.len() as u64)),
            h(&words.businesses_n.n(businesses.len() as u64))
        );
        thead(
            out,
            &[
                (words.col_date, false),
                (words.col_visit, false),
                (words.col_time, false),
                (words.col_business, false),
                (words.col_depts, false),
            ],
        );
        for &i in rows {
            let row = &w.visits[i];
            let depts: Vec<&str> = row.depts.iter().map(|&d| short(w.dept(d))).collect();
            let _ = writeln!(
                out,
                "<tr class=\"town-row\" {}><td data-label=\"{}{colon}\"><a href=\"#{}\">{}</a></td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}–{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td></tr>",
                filter_attrs(w, i),
                h(words.col_date),
                date_anchor(row.visit.date),
                h(&w.lang.date(row.visit.date)),
                h(words.col_visit),
                visit_cell(w, i),
                h(words.col_time),
                row.visit.start,
                row.visit.end,
                h(words.col_business),
                business_cell(w, i),
                h(words.col_depts),
                h(&depts.join(words.list))
            );
        }
        out.push_str("</tbody>\n</table>\n</details>\n");
    }
    out.push_str("</section>\n");
}

/// A department's short name for tight cells: the long Chinese prefix of the district
/// dropped (`定海区市场监督管理局` → `市场监督管理局`); other names as they are.
fn short(name: &str) -> &str {
    for prefix in [
        "舟山市定海区",
        "舟山市",
        "定海区",
        "国家税务总局舟山市定海区",
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    name
}

fn workload(out: &mut String, w: &Week) {
    let words = w.words();
    let most = w
        .depts
        .iter()
        .map(|d| d.task_minutes)
        .max()
        .unwrap_or(0)
        .max(1);
    let _ = writeln!(
        out,
        "<section id=\"workload\">\n<h2>{}</h2>\n<div class=\"scroll\"><table>",
        h(words.workload)
    );
    thead(
        out,
        &[
            (words.col_dept, false),
            (words.col_task_count, true),
            (words.col_scheduled, true),
            (words.col_left_out, true),
            (words.col_visits, true),
            (words.col_officer_visits, true),
            (words.col_task_minutes, false),
        ],
    );
    let sheets = department_files(w);
    let prefix = relative_prefix(DEPARTMENTS_DIR);
    for (i, d) in w.depts.iter().enumerate() {
        let width = d.task_minutes as f64 / most as f64 * 100.0;
        let _ = writeln!(
            out,
            "<tr class=\"dept-row\" data-tasks=\"{}\" data-scheduled=\"{}\" data-unscheduled=\"{}\"><td><i style=\"display:inline-block;width:10px;height:10px;background:{};margin-right:6px\"></i><a href=\"{}{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td style=\"min-width:120px\"><div style=\"display:flex;align-items:center;gap:6px\"><div style=\"background:{};height:12px;width:{width:.1}%;border-radius:2px\"></div><span>{}</span></div></td></tr>",
            d.tasks,
            d.scheduled,
            d.unscheduled,
            PALETTE[i % PALETTE.len()],
            h(&prefix),
            h(&sheets[i]),
            h(&w.scn.departments[i].name),
            d.tasks,
            d.scheduled,
            d.unscheduled,
            d.visits,
            d.officer_visits,
            PALETTE[i % PALETTE.len()],
            d.task_minutes
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// A re-plan's "what changed" section: the figures of the change list, then per business
/// each visit moved, added, cancelled or with departments joining or leaving, and the
/// inspectors whose days changed. Compared from the horizon's first date: visits a re-plan
/// kept as history are unchanged and so never listed.
fn what_changed(out: &mut String, w: &Week, previous: &Plan) {
    use onedoor_core::changes::{changes, VisitChange};
    let words = w.words();
    let colon = words.colon;
    let c = changes(previous, w.plan, w.scn.horizon.start);
    let _ = writeln!(
        out,
        "<section id=\"changes\">\n<h2>{}</h2>",
        h(words.changes_title)
    );
    if c.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", h(words.changes_none));
        return;
    }
    let _ = writeln!(
        out,
        "<p>{}</p>",
        h(&fill(
            words.changes_summary,
            &[
                ("disrupted", &c.disrupted.len()),
                ("businesses", &c.businesses.len()),
                ("inspectors", &c.inspectors.len()),
            ]
        ))
    );
    let rows: usize = c.businesses.iter().map(|b| b.changes.len()).sum();
    rows_table(
        out,
        rows,
        &h(&words.businesses_n.n(c.businesses.len() as u64)),
        &[
            (words.col_business, false),
            (words.col_visit, false),
            (words.col_change, false),
            (words.col_before, false),
            (words.col_now, false),
        ],
    );
    let when = |(d, t): &(NaiveDate, onedoor_core::scenario::time::Clock)| {
        format!("{} {t}", w.lang.date(*d))
    };
    let depts = |ids: &[String]| {
        ids.iter()
            .map(|id| {
                w.scn
                    .index
                    .departments
                    .get(id)
                    .map_or(id.as_str(), |&d| w.dept(d))
            })
            .collect::<Vec<_>>()
            .join(words.list)
    };
    for b in &c.businesses {
        let name = w
            .scn
            .index
            .businesses
            .get(&b.business)
            .map_or(b.business.as_str(), |&i| w.scn.business(i).name.as_str());
        for change in &b.changes {
            let (kind, before, now) = match change {
                VisitChange::Moved { from, to, .. } => (words.change_moved, when(from), when(to)),
                VisitChange::New {
                    at, departments, ..
                } => (
                    words.change_new,
                    String::new(),
                    format!("{} · {}", when(at), depts(departments)),
                ),
                VisitChange::Cancelled {
                    at, departments, ..
                } => (
                    words.change_cancelled,
                    format!("{} · {}", when(at), depts(departments)),
                    String::new(),
                ),
                VisitChange::Departments {
                    at, added, removed, ..
                } => (
                    words.change_departments,
                    if removed.is_empty() {
                        String::new()
                    } else {
                        format!("− {}", depts(removed))
                    },
                    format!(
                        "{}{}",
                        when(at),
                        if added.is_empty() {
                            String::new()
                        } else {
                            format!(" · + {}", depts(added))
                        }
                    ),
                ),
            };
            let _ = writeln!(
                out,
                "<tr><td data-label=\"{}{colon}\">{} <span class=\"id\">{}</span></td><td data-label=\"{}{colon}\"><span class=\"id\">{}</span></td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td></tr>",
                h(words.col_business),
                h(name),
                h(&b.business),
                h(words.col_visit),
                h(change.visit()),
                h(words.col_change),
                h(kind),
                h(words.col_before),
                h(&before),
                h(words.col_now),
                h(&now),
            );
        }
    }
    out.push_str("</tbody></table>\n</details>\n");
    if !c.inspectors.is_empty() {
        let _ = write!(out, "<p>{}{colon}", h(words.changes_inspectors));
        let names: Vec<String> = c
            .inspectors
            .iter()
            .map(|i| {
                let dates: Vec<String> = i
                    .dates
                    .iter()
                    .map(|d| d.format("%m-%d").to_string())
                    .collect();
                let name = w
                    .scn
                    .index
                    .inspectors
                    .get(&i.inspector)
                    .map_or(i.inspector.as_str(), |&x| w.insp(x));
                format!(
                    "{}{}{}{}",
                    h(name),
                    words.open,
                    dates.join(words.list),
                    words.close
                )
            })
            .collect();
        let _ = writeln!(out, "{}</p>", names.join(words.semi));
    }
    out.push_str("</section>\n");
}

fn left_out(out: &mut String, w: &Week) {
    let words = w.words();
    let colon = words.colon;
    let _ = writeln!(
        out,
        "<section id=\"left-out\">\n<h2>{} <span class=\"daystats\">{}</span></h2>",
        h(words.left_out_title),
        h(&fill(words.left_out_count, &[("n", &w.left_out.len())]))
    );
    if w.left_out.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", h(words.nothing_left_out));
        return;
    }
    out.push_str("<div class=\"chips\">");
    for (code, n) in w.reason_counts() {
        let _ = write!(out, "<span>{} <b>{n}</b></span>", h(&w.reason_name(&code)));
    }
    out.push_str("</div>\n");
    rows_table(
        out,
        w.left_out.len(),
        &h(&words.tasks_n.n(w.left_out.len() as u64)),
        &[
            (words.col_task, false),
            (words.col_dept, false),
            (words.col_business, false),
            (words.col_priority, true),
            (words.col_reason, false),
            (words.col_detail, false),
        ],
    );
    for l in &w.left_out {
        let task = l.task.map(|t| w.scn.task(t));
        let biz = task.map(|t| w.scn.business(t.business));
        let mut id = h(&l.entry.task);
        if task.is_some_and(|t| !t.announced) {
            let _ = write!(id, " <span class=\"tag\">{}</span>", h(words.unannounced));
        }
        let attrs = match (task, biz) {
            (Some(t), Some(b)) => format!(
                " data-dept=\"{}\" data-town=\"{}\"",
                h(&w.scn.department(t.department).id),
                h(&b.town)
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr class=\"left-row\"{attrs}><td data-label=\"{}{colon}\">{id}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td><td class=\"num\" data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td><td data-label=\"{}{colon}\">{}</td></tr>",
            h(words.col_task),
            h(words.col_dept),
            h(task.map_or("", |t| w.dept(t.department))),
            h(words.col_business),
            biz.map_or(String::new(), |b| format!(
                "{} <span class=\"id\">{}</span>",
                h(&b.name),
                h(&b.id)
            )),
            h(words.col_priority),
            task.map_or(String::new(), |t| t.priority.to_string()),
            h(words.col_reason),
            h(&w.reason_name(&l.entry.reason)),
            h(words.col_detail),
            h(&w.reason_detail(l))
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n</section>\n");
}

/// The way from the report's folder to `dir` (both relative to the export folder).
fn relative_prefix(dir: &str) -> String {
    prefix_from(REPORT_FILE, dir)
}

/// The relative link prefix from the folder of file `from` to folder `dir` (both
/// relative to one top folder, `/`-separated).
fn prefix_from(from: &str, dir: &str) -> String {
    let depth = from.matches('/').count();
    let mut report_dir: Vec<&str> = from.split('/').collect();
    report_dir.pop();
    let target: Vec<&str> = dir.split('/').collect();
    let common = report_dir
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(depth - common);
    for part in &target[common..] {
        out.push_str(part);
        out.push('/');
    }
    out
}

/// Links to the route sheets (one per inspector out this week), collapsed.
fn sheets_section(out: &mut String, w: &Week) {
    let words = w.words();
    let routes = route_files(w);
    let prefix = relative_prefix(ROUTES_DIR);
    let _ = writeln!(
        out,
        "<section id=\"sheets\">\n<details><summary>{} · {}</summary>\n<ul class=\"toc\">",
        h(words.route_sheets),
        routes.len()
    );
    for (i, file) in routes {
        let insp = w.scn.inspector(i);
        let _ = write!(
            out,
            "<li><a href=\"{}{}\">{}</a> <span class=\"id\">{}</span></li>",
            h(&prefix),
            h(&file),
            h(&insp.name),
            h(&insp.id)
        );
    }
    out.push_str("</ul>\n</details>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hull_of_a_square_drops_the_inside() {
        let pts = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.5, 0.5)];
        assert_eq!(hull(pts).len(), 4);
    }

    #[test]
    fn links_to_the_sheets_are_relative_to_the_report() {
        assert_eq!(
            prefix_from("report.html", "internal/routes"),
            "internal/routes/"
        );
        assert_eq!(
            prefix_from("internal/report.html", "internal/routes"),
            "routes/"
        );
        assert_eq!(
            prefix_from("leaders/report.html", "internal/routes"),
            "../internal/routes/"
        );
    }

    #[test]
    fn cjk_text_is_twice_as_wide() {
        assert_eq!(text_px("定海", 10.0), 2.0 * text_px("ab", 10.0));
    }
}
