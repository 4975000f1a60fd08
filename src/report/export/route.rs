//! Route sheets (`internal/routes/<inspector>.html`) and department sheets
//! (`internal/departments/<department>.html`): what an inspector carries for the week and
//! what a department's office keeps. Both stay inside the bureau: they name unannounced
//! tasks (marked as such).
//!
//! A route sheet holds one section per working date of the inspector: when to leave the
//! base, each travel leg (with the links — bridges, ferries — the shortest path crosses,
//! named by their ends), each visit (business, address, arrival, work window, leave) and
//! the return to the base, with a small map of the day drawn along the travel graph's
//! shortest paths. A department sheet lists the department's tasks (with the visit or the
//! reason each was left out), its visits and its officers.
//!
//! Both are standalone pages: printable on A4 (each date of a route sheet starts a page)
//! and readable on a phone (viewport, no fixed widths, long words wrap).
//!
//! The day's times and legs ([`day_plan`]) are shared with `itineraries.csv`, the report's
//! map and `plan.geojson`, so every file draws and counts the same path.

use super::words::fill;
use super::{file_name, html_escape as h, Day, Lang, Week};
use crate::scenario::{Location, Scenario};
use crate::travel::{distance_km, edge_minutes};
use onedoor_core::ids::{DeptIdx, InspIdx, NodeIdx};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One travel leg of an inspector's day.
#[derive(Clone, Debug)]
pub(crate) struct Leg {
    /// Travel minutes (the travel graph's shortest path).
    pub minutes: u32,
    /// The nodes of the path, both ends included.
    pub path: Vec<NodeIdx>,
    /// The links the path crosses (indices into `travel.links`), in path order.
    pub links: Vec<usize>,
}

/// An inspector's day in times and legs: `legs[i]` leads to stop `i`, the last leg home.
#[derive(Clone, Debug)]
pub(crate) struct DayPlan {
    /// When to leave the base (minutes after midnight): the first visit's start minus
    /// the travel to it.
    pub leave: u32,
    /// Arrival at each stop (the previous end, or the departure, plus the travel).
    pub arrive: Vec<u32>,
    /// Back at the base.
    pub back: u32,
    /// One leg per stop and one home.
    pub legs: Vec<Leg>,
}

impl DayPlan {
    /// Travel minutes of the whole day (the plan's `travel_minutes` sums these).
    pub fn travel(&self) -> u32 {
        self.legs.iter().map(|l| l.minutes).sum()
    }
}

/// The leg from `a` to `b` along the travel graph.
fn leg(w: &Week, a: NodeIdx, b: NodeIdx, minutes: u32) -> Leg {
    let path = w.travel.path(a, b).unwrap_or_else(|| vec![a, b]);
    let links = path
        .windows(2)
        .filter_map(|p| link_between(w.scn, p[0], p[1]))
        .collect();
    Leg {
        minutes,
        path,
        links,
    }
}

/// The link a hop from `a` to `b` takes, if it takes one: the shortest link between them,
/// when the two lie in different zones or the link is quicker than the straight line.
fn link_between(scn: &Scenario, a: NodeIdx, b: NodeIdx) -> Option<usize> {
    let (best, minutes) = scn
        .travel
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| (l.from, l.to) == (a, b) || (l.from, l.to) == (b, a))
        .map(|(i, l)| (i, l.minutes))
        .min_by_key(|&(i, m)| (m, i))?;
    let (za, la) = scn.node_site(a);
    let (zb, lb) = scn.node_site(b);
    let straight = edge_minutes(distance_km(la, lb), scn.travel.detour, scn.travel.speed_kmh);
    (za != zb || minutes < straight).then_some(best)
}

/// The times and legs of an inspector's day.
pub(crate) fn day_plan(w: &Week, day: &Day) -> DayPlan {
    let scn = w.scn;
    let base = scn.inspector(day.insp).base;
    let mut legs = Vec::new();
    let mut at = base;
    let mut arrive = Vec::new();
    let first_start = day
        .stops
        .first()
        .map_or(0, |s| w.visits[s.visit].visit.start.0);
    let leave = first_start.saturating_sub(day.stops.first().map_or(0, |s| s.travel));
    let mut clock = leave;
    for stop in &day.stops {
        let row = &w.visits[stop.visit];
        let node = scn.node_of_business(row.biz);
        legs.push(leg(w, at, node, stop.travel));
        arrive.push(clock + stop.travel);
        clock = row.visit.end.0;
        at = node;
    }
    legs.push(leg(w, at, base, day.home));
    DayPlan {
        leave,
        arrive,
        back: clock + day.home,
        legs,
    }
}

/// A node's name for people (a place's or a business's name).
pub(crate) fn node_name(scn: &Scenario, n: NodeIdx) -> &str {
    match scn.business_of_node(n) {
        Some(b) => &scn.business(b).name,
        None => &scn.places[n.index()].name,
    }
}

/// The links of a leg for people: "over the A to B link (35 min)", joined.
pub(crate) fn via_text(w: &Week, links: &[usize]) -> String {
    let words = w.words();
    links
        .iter()
        .map(|&i| {
            let l = &w.scn.travel.links[i];
            fill(
                words.via_link,
                &[
                    ("from", &node_name(w.scn, l.from)),
                    ("to", &node_name(w.scn, l.to)),
                    ("minutes", &l.minutes),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(words.semi)
}

/// Minutes after midnight as `HH:MM` (past midnight shown as is, e.g. `24:10`).
pub(crate) fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

const CSS: &str = "\
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  color: #1a1a1a; max-width: 190mm; margin: 0 auto; padding: 10px; line-height: 1.45; font-size: 15px;
  overflow-wrap: anywhere; }
h1 { font-size: 21px; margin: 0 0 4px; }
h2 { font-size: 17px; border-left: 5px solid #b22222; padding-left: 8px; margin: 18px 0 6px; }
.sub { color: #555; margin-bottom: 8px; }
.stats { color: #555; font-weight: normal; font-size: 14px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
th, td { border-bottom: 1px solid #ccc; padding: 4px 5px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
td.t { white-space: nowrap; width: 4.2em; font-variant-numeric: tabular-nums; }
td.s { white-space: nowrap; }
tr.leg td { color: #555; font-size: 13px; }
tr.stop td { background: #fbfbfd; }
.tag { display: inline-block; border: 1px solid #b22222; color: #b22222; border-radius: 4px; padding: 0 4px; font-size: 12px; }
.id { color: #666; font-size: 12px; }
svg.daymap { width: 100%; max-width: 420px; height: auto; display: block; background: #eef4f9; border-radius: 6px; }
nav a { margin-right: 10px; }
.note { color: #555; font-size: 13px; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@media print { body { padding: 0; font-size: 11pt; max-width: none; } section.day + section.day { break-before: page; } nav { display: none; } }
";

/// The head of a standalone sheet.
fn head(w: &Week, title: &str) -> String {
    let lang = match w.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        h(title)
    )
}

/// The file name of each inspector's route sheet (only inspectors with a visit), in
/// inspector order; the report links to them.
pub(crate) fn route_files(w: &Week) -> BTreeMap<InspIdx, String> {
    let mut taken = BTreeSet::new();
    let insps: BTreeSet<InspIdx> = w.days.iter().map(|d| d.insp).collect();
    insps
        .into_iter()
        .map(|i| (i, file_name(&w.scn.inspector(i).id, "html", &mut taken)))
        .collect()
}

/// The file name of each department's sheet, in department order.
pub(crate) fn department_files(w: &Week) -> Vec<String> {
    let mut taken = BTreeSet::new();
    w.scn
        .departments
        .iter()
        .map(|d| file_name(&d.id, "html", &mut taken))
        .collect()
}

/// Every route sheet: (file name, HTML).
pub(super) fn route_sheets(w: &Week) -> Vec<(String, String)> {
    let files = route_files(w);
    files
        .into_iter()
        .map(|(insp, name)| {
            let days: Vec<&Day> = w.days.iter().filter(|d| d.insp == insp).collect();
            (name, route_sheet(w, insp, &days))
        })
        .collect()
}

fn route_sheet(w: &Week, insp: InspIdx, days: &[&Day]) -> String {
    let words = w.words();
    let scn = w.scn;
    let i = scn.inspector(insp);
    let title = fill(words.route_title, &[("name", &i.name)]);
    let mut out = head(w, &title);
    let _ = write!(
        out,
        "<h1>{}</h1>\n<div class=\"sub\">{} <span class=\"id\">{}</span> · {} · {}{}{}",
        h(&title),
        h(&i.name),
        h(&i.id),
        h(w.dept(i.department)),
        h(words.base),
        h(words.open.trim_start()),
        h(node_name(scn, i.base)),
    );
    out.push_str(&h(words.close));
    let cert = if i.certified {
        words.certified
    } else {
        words.not_certified
    };
    let _ = write!(out, " · {}", h(cert));
    if let Some(c) = &i.certificate {
        let _ = write!(out, " {}", h(c));
    }
    out.push_str("</div>\n<nav>");
    for d in days {
        let _ = write!(
            out,
            "<a href=\"#d{}\">{}</a>",
            d.date.format("%Y%m%d"),
            h(&w.lang.date(d.date))
        );
    }
    out.push_str("</nav>\n");
    for day in days {
        day_section(&mut out, w, day);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn day_section(out: &mut String, w: &Week, day: &Day) {
    let words = w.words();
    let scn = w.scn;
    let plan = day_plan(w, day);
    let base = scn.inspector(day.insp).base;
    let _ = write!(
        out,
        "<section class=\"day\" id=\"d{}\">\n<h2>{} <span class=\"stats\">{}</span></h2>\n",
        day.date.format("%Y%m%d"),
        h(&w.lang.date(day.date)),
        h(&fill(
            words.day_stats,
            &[
                ("visits", &words.visits.n(day.stops.len() as u64)),
                ("travel", &words.minutes.n(plan.travel())),
            ]
        ))
    );
    day_map(out, w, day, &plan);
    let _ = write!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        h(words.col_time),
        h(words.col_step),
        h(words.col_detail)
    );
    let _ = writeln!(
        out,
        "<tr class=\"stop\"><td class=\"t\">{}</td><td class=\"s\">{}</td><td>{}</td></tr>",
        hhmm(plan.leave),
        h(words.step_leave),
        h(node_name(scn, base))
    );
    for (k, stop) in day.stops.iter().enumerate() {
        let row = &w.visits[stop.visit];
        leg_row(out, w, &plan.legs[k]);
        let biz = scn.business(row.biz);
        let mut detail = format!(
            "<b>{}</b> <span class=\"id\">{} · {}</span>",
            h(&biz.name),
            h(&biz.id),
            h(&row.visit.id)
        );
        if w.unannounced(row) {
            let _ = write!(
                detail,
                " <span class=\"tag\">{}</span>",
                h(words.unannounced)
            );
        }
        if let Some(a) = &biz.address {
            let _ = write!(detail, "<br>{}", h(a));
        } else {
            let _ = write!(detail, "<br>{}", h(&biz.town));
        }
        let arrive = plan.arrive[k];
        let mut times = format!("{} {}", h(words.arrive), hhmm(arrive));
        let start = row.visit.start.0;
        if start > arrive {
            let _ = write!(
                times,
                "{}{}",
                h(words.semi),
                h(&words.wait.replace("{n}", &(start - arrive).to_string()))
            );
        }
        let _ = write!(
            detail,
            "<br>{}{}{} {}–{}",
            times,
            h(words.semi),
            h(words.work),
            row.visit.start,
            row.visit.end
        );
        let _ = write!(
            detail,
            "<br>{}{}{}",
            h(w.dept(stop.dept)),
            h(words.semi),
            h(&w.task_list(row))
        );
        let mates: Vec<String> = w.crew_mates(row, day.insp);
        if !mates.is_empty() {
            let _ = write!(
                detail,
                "<br>{}{}{}",
                h(words.col_mates),
                h(words.colon),
                h(&mates.join(words.list))
            );
        }
        let _ = writeln!(
            out,
            "<tr class=\"stop\"><td class=\"t\">{}<br>{}</td><td class=\"s\">{}<br>{}</td><td>{detail}</td></tr>",
            row.visit.start,
            row.visit.end,
            h(words.step_visit),
            row.number,
        );
    }
    if let Some(home) = plan.legs.last() {
        leg_row(out, w, home);
    }
    let _ = writeln!(
        out,
        "<tr class=\"stop\"><td class=\"t\">{}</td><td class=\"s\">{}</td><td>{}</td></tr>\n</tbody>\n</table>\n</section>",
        hhmm(plan.back),
        h(words.step_return),
        h(node_name(scn, base))
    );
}

fn leg_row(out: &mut String, w: &Week, leg: &Leg) {
    let words = w.words();
    let mut what = words.minutes.n(leg.minutes);
    if !leg.links.is_empty() {
        what.push_str(words.semi);
        what.push_str(&via_text(w, &leg.links));
    }
    let _ = writeln!(
        out,
        "<tr class=\"leg\"><td class=\"t\"></td><td class=\"s\">{}</td><td>{}</td></tr>",
        h(words.step_travel),
        h(&what)
    );
}

/// Plane coordinates for drawing: kilometres (planar), or longitude scaled by the
/// cosine of the latitude and latitude (lat/lon).
pub(crate) fn plane(loc: Location) -> (f64, f64) {
    match loc {
        Location::Planar { x, y } => (x, y),
        Location::Geo { lat, lon } => (lon * lat.to_radians().cos(), lat),
    }
}

/// The small map of one day: the path along the travel graph, the base (square), the
/// visits numbered in order, link crossings dashed.
fn day_map(out: &mut String, w: &Week, day: &Day, plan: &DayPlan) {
    let scn = w.scn;
    let nodes: Vec<NodeIdx> = plan.legs.iter().flat_map(|l| l.path.clone()).collect();
    let pts: Vec<(f64, f64)> = nodes.iter().map(|&n| plane(scn.node_site(n).1)).collect();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if pts.is_empty() {
        return;
    }
    let (wpx, hpx, pad) = (420.0, 240.0, 22.0);
    let span = ((x1 - x0) / (wpx - 2.0 * pad))
        .max((y1 - y0) / (hpx - 2.0 * pad))
        .max(1e-9);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let px = |n: NodeIdx| {
        let p = plane(scn.node_site(n).1);
        (wpx / 2.0 + (p.0 - cx) / span, hpx / 2.0 - (p.1 - cy) / span)
    };
    let _ = writeln!(
        out,
        "<svg class=\"daymap\" viewBox=\"0 0 {wpx} {hpx}\" role=\"img\">"
    );
    for l in &plan.legs {
        for hop in l.path.windows(2) {
            let ((ax, ay), (bx, by)) = (px(hop[0]), px(hop[1]));
            let dash = if link_between(scn, hop[0], hop[1]).is_some() {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{bx:.1}\" y2=\"{by:.1}\" stroke=\"#1f4e79\" stroke-width=\"2\"{dash}/>"
            );
        }
    }
    let (bx, by) = px(scn.inspector(day.insp).base);
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"#334\"/>",
        bx - 6.0,
        by - 6.0
    );
    for (k, stop) in day.stops.iter().enumerate() {
        let (x, y) = px(scn.node_of_business(w.visits[stop.visit].biz));
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"9\" fill=\"#b22222\" stroke=\"#fff\" stroke-width=\"1.5\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
            y + 4.0,
            k + 1
        );
    }
    out.push_str("</svg>\n");
}

/// Every department's sheet: (file name, HTML), in department order.
pub(super) fn department_sheets(w: &Week) -> Vec<(String, String)> {
    department_files(w)
        .into_iter()
        .enumerate()
        .map(|(d, name)| (name, department_sheet(w, DeptIdx::new(d))))
        .collect()
}

fn department_sheet(w: &Week, d: DeptIdx) -> String {
    let words = w.words();
    let scn = w.scn;
    let dept = scn.department(d);
    let title = fill(words.dept_title, &[("name", &dept.name)]);
    let mut out = head(w, &title);
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<div class=\"sub\">{} · {} – {}</div>",
        h(&title),
        h(&scn.name),
        h(&w.lang.date(scn.horizon.start)),
        h(&w.lang.date(scn.horizon.end))
    );
    // Where each task went.
    let mut visit_of = BTreeMap::new();
    for (i, row) in w.visits.iter().enumerate() {
        for &t in &row.tasks {
            visit_of.insert(t, i);
        }
    }
    let left: BTreeMap<&str, &str> = w
        .plan
        .unscheduled
        .iter()
        .map(|u| (u.task.as_str(), u.reason.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        h(words.tasks_title),
        h(words.col_task),
        h(words.col_business),
        h(words.col_status)
    );
    let mut any = false;
    for t in scn.task_indices().filter(|&t| scn.task(t).department == d) {
        any = true;
        let task = scn.task(t);
        let biz = scn.business(task.business);
        let mut id = h(&task.id);
        if !task.announced {
            let _ = write!(id, " <span class=\"tag\">{}</span>", h(words.unannounced));
        }
        let status = match visit_of.get(&t) {
            Some(&i) => {
                let row = &w.visits[i];
                format!(
                    "{} {}–{} <span class=\"id\">{}</span>",
                    h(&w.lang.date(row.visit.date)),
                    row.visit.start,
                    row.visit.end,
                    h(&row.visit.id)
                )
            }
            None => format!(
                "{}{}{}{}",
                h(words.status_left_out),
                h(words.open),
                h(&w.reason_name(left.get(task.id.as_str()).copied().unwrap_or(""))),
                h(words.close)
            ),
        };
        let _ = writeln!(
            out,
            "<tr><td>{id}<br><span class=\"id\">{}{}{}</span></td><td>{} <span class=\"id\">{}</span><br>{}</td><td>{status}</td></tr>",
            h(&words.minutes.n(task.minutes)),
            h(words.semi),
            h(&format!("{} {}", words.col_priority, task.priority)),
            h(&biz.name),
            h(&biz.id),
            h(biz.address.as_deref().unwrap_or(&biz.town)),
        );
    }
    if !any {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"3\">{}</td></tr>",
            h(words.nothing_this_week)
        );
    }
    out.push_str("</tbody>\n</table>\n");

    // Its visits.
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        h(words.visits_title),
        h(words.col_time),
        h(words.col_business),
        h(words.col_crew)
    );
    for row in w.visits.iter().filter(|r| r.depts.contains(&d)) {
        let biz = scn.business(row.biz);
        let mut what = format!(
            "{} <span class=\"id\">{} · {}</span>",
            h(&biz.name),
            h(&biz.id),
            h(&row.visit.id)
        );
        if w.unannounced(row) {
            let _ = write!(what, " <span class=\"tag\">{}</span>", h(words.unannounced));
        }
        let crew: Vec<&str> = row
            .crew
            .iter()
            .filter(|m| m.dept == d)
            .map(|m| w.insp(m.insp))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}<br>{}–{}</td><td>{what}</td><td>{}</td></tr>",
            h(&w.lang.date(row.visit.date)),
            row.visit.start,
            row.visit.end,
            h(&crew.join(words.list))
        );
    }
    out.push_str("</tbody>\n</table>\n");

    // Its officers: everyone who acted for it, or belongs to it.
    let mut count: BTreeMap<InspIdx, usize> = BTreeMap::new();
    for row in &w.visits {
        for m in row.crew.iter().filter(|m| m.dept == d) {
            *count.entry(m.insp).or_default() += 1;
        }
    }
    for i in scn.inspector_indices() {
        if scn.inspector(i).department == d {
            count.entry(i).or_default();
        }
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        h(words.officers),
        h(words.col_inspector),
        h(words.col_certificate),
        h(words.col_visits)
    );
    let routes = route_files(w);
    for (i, n) in count {
        let insp = scn.inspector(i);
        let name = match routes.get(&i) {
            Some(f) => format!("<a href=\"../routes/{}\">{}</a>", h(f), h(&insp.name)),
            None => h(&insp.name),
        };
        let cert = match (&insp.certificate, insp.certified) {
            (Some(c), _) => c.clone(),
            (None, true) => words.certified.to_owned(),
            (None, false) => words.not_certified.to_owned(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{name} <span class=\"id\">{}</span></td><td>{}</td><td>{n}</td></tr>",
            h(&insp.id),
            h(&cert)
        );
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}
