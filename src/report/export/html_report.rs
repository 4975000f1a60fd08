//! `report.html`: the week for leaders, one self-contained page (inline CSS, SVG and
//! script; no external URL, no network request): KPI cards, then per date a timeline of
//! each inspector's day (Gantt), a map drawn from the coordinates (zones, links, routes,
//! visits numbered in time order) beside the list of the date's visits, then the
//! workload per department and the tasks left out with their reasons.
//!
//! The figures are the checker's ([`Week::stats`]); the page embeds them as JSON and an
//! inline script adds up the rows (visits, visit minutes, tasks, crew bars, departments,
//! left-out tasks) and compares: `document.body.dataset.selfcheck` becomes `"ok"` or
//! `"fail"`. Text widths in the SVG come from display width (a CJK character is two
//! columns, about one em).

use super::geojson::PALETTE;
use super::workbook::figure_label;
use super::{html_escape as h, Day, Lang, Week};
use crate::plan::Figure;
use crate::scenario::Location;
use chrono::NaiveDate;
use onedoor_core::ids::NodeIdx;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

const CSS: &str = "\
* { box-sizing: border-box; }
body { margin: 0; background: #f3f5f8; color: #1d2733;
  font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif; }
main { max-width: 1340px; margin: 0 auto; padding: 20px 24px 40px; }
header { background: linear-gradient(90deg, #8b1a1a, #b22222); color: #fff; padding: 18px 24px; border-radius: 10px; }
header h1 { margin: 0; font-size: 26px; letter-spacing: 1px; }
header .sub { opacity: .9; margin-top: 4px; font-size: 15px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin: 16px 0; }
.card { background: #fff; border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.card .label { font-size: 13px; color: #5b6775; }
.card .value { font-size: 30px; font-weight: bold; color: #8b1a1a; margin: 2px 0; }
.card .note { font-size: 12px; color: #5b6775; }
.card.hero { grid-column: span 2; }
.card.hero .value { font-size: 38px; }
section { background: #fff; border-radius: 10px; padding: 14px 18px; margin: 14px 0; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { font-size: 19px; margin: 0 0 10px; border-left: 5px solid #b22222; padding-left: 8px; }
h3 { font-size: 15px; margin: 10px 0 6px; color: #334; }
.daystats { color: #5b6775; font-size: 13px; margin-left: 8px; font-weight: normal; }
.row2 { display: grid; grid-template-columns: 600px 1fr; gap: 14px; align-items: start; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid #e2e6ea; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.no { display: inline-block; min-width: 20px; text-align: center; border-radius: 10px; background: #b22222; color: #fff; font-size: 11px; padding: 0 4px; }
.chips span { display: inline-block; background: #eef1f5; border-radius: 12px; padding: 2px 10px; margin: 0 6px 6px 0; font-size: 13px; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
svg text { font-family: inherit; }
footer { color: #7a8591; font-size: 12px; text-align: center; margin-top: 18px; }
@media print { body { background: #fff; } section, .card { box-shadow: none; border: 1px solid #ccc; } }
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
    document.querySelectorAll('[data-figure]').forEach(function (e) {
      var k = e.getAttribute('data-figure');
      expect('card ' + k, Number(e.getAttribute('data-value')), t.figures[k]);
    });
  } catch (err) {
    problems.push('script error: ' + err);
  }
  body.dataset.selfcheck = problems.length ? 'fail' : 'ok';
  if (problems.length) body.dataset.selfcheckProblems = problems.join('; ');
})();
"#;

/// The whole page.
pub(super) fn report(w: &Week) -> String {
    let lang = match w.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut out = String::new();
    let dates = dates_span(w);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n\
         <header><h1>{}</h1><div class=\"sub\">{} · {}</div></header>\n",
        h(&w.scn.name),
        h(w.t(
            "综合查一次 · 周检查计划",
            "Joint inspections · the week's plan"
        )),
        h(&w.scn.name),
        h(&dates)
    );
    cards(&mut out, w);
    for date in w.scn.horizon.working_dates() {
        day_section(&mut out, w, date);
    }
    workload(&mut out, w);
    left_out(&mut out, w);
    let _ = write!(
        out,
        "<footer>{}</footer>\n</main>\n<script type=\"application/json\" id=\"totals\">{}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        h(w.t(
            "由 onedoor 生成；所有数字与 onedoor check 的核验结果一致。",
            "Made by onedoor; every number equals what onedoor check computes.",
        )),
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

fn cards(out: &mut String, w: &Week) {
    let s = &w.stats;
    out.push_str("<div class=\"cards\">\n");
    let card = |out: &mut String,
                class: &str,
                f: Option<Figure>,
                label: &str,
                value: &str,
                note: &str| {
        let data = f.map_or(String::new(), |f| {
            let v = match f.value(s) {
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
    };
    card(
        out,
        "hero",
        Some(Figure::Visits),
        w.t("入户次数（联合检查后）", "entries into businesses (joint)"),
        &s.visits.to_string(),
        &match w.lang {
            Lang::Zh => format!("各部门单独检查需入户 {} 次", s.baseline_visits),
            Lang::En => format!("{} if each department went alone", s.baseline_visits),
        },
    );
    card(
        out,
        "hero",
        Some(Figure::VisitsSaved),
        w.t("减少入户", "entries saved"),
        &s.visits_saved.to_string(),
        &match w.lang {
            Lang::Zh => format!("减少 {}", pct(s.reduction)),
            Lang::En => format!("{} fewer entries", pct(s.reduction)),
        },
    );
    card(
        out,
        "",
        Some(Figure::Reduction),
        figure_label(w.lang, Figure::Reduction),
        &pct(s.reduction),
        w.t("减少入户 ÷ 单独检查入户", "saved / each alone"),
    );
    card(
        out,
        "",
        Some(Figure::LowerBound),
        figure_label(w.lang, Figure::LowerBound),
        &s.lower_bound.to_string(),
        &match w.lang {
            Lang::Zh => format!("与下界差距 {}", pct(w.gap())),
            Lang::En => format!("gap {}", pct(w.gap())),
        },
    );
    card(
        out,
        "",
        None,
        w.t("联合入户率", "joint-visit rate"),
        &pct(w.joint_rate()),
        &match w.lang {
            Lang::Zh => format!("{} 次入户有两个及以上部门", w.joint_visits()),
            Lang::En => format!("{} visits with 2+ departments", w.joint_visits()),
        },
    );
    card(
        out,
        "",
        Some(Figure::Scheduled),
        figure_label(w.lang, Figure::Scheduled),
        &s.scheduled.to_string(),
        &match w.lang {
            Lang::Zh => format!("共 {} 项任务", s.tasks),
            Lang::En => format!("of {} tasks", s.tasks),
        },
    );
    card(
        out,
        "",
        Some(Figure::Unscheduled),
        figure_label(w.lang, Figure::Unscheduled),
        &s.unscheduled.to_string(),
        &match w.lang {
            Lang::Zh => format!("优先级合计 {}", s.unscheduled_priority),
            Lang::En => format!("priority {}", s.unscheduled_priority),
        },
    );
    card(
        out,
        "",
        Some(Figure::OfficerVisits),
        figure_label(w.lang, Figure::OfficerVisits),
        &s.officer_visits.to_string(),
        w.t("检查组成员入户合计", "crew entries"),
    );
    card(
        out,
        "",
        Some(Figure::TravelMinutes),
        figure_label(w.lang, Figure::TravelMinutes),
        &s.travel_minutes.to_string(),
        w.t("所有人员往返路途", "all inspectors' travel"),
    );
    out.push_str("</div>\n");
}

/// Approximate rendered width in pixels of `s` at `font` px: half an em per column.
fn text_px(s: &str, font: f64) -> f64 {
    UnicodeWidthStr::width(s) as f64 * font * 0.55
}

fn day_section(out: &mut String, w: &Week, date: NaiveDate) {
    let rows: Vec<usize> = (0..w.visits.len())
        .filter(|&i| w.visits[i].visit.date == date)
        .collect();
    let days: Vec<&Day> = w.days.iter().filter(|d| d.date == date).collect();
    let tasks: usize = rows.iter().map(|&i| w.visits[i].tasks.len()).sum();
    let _ = write!(
        out,
        "<section class=\"date\">\n<h2>{}<span class=\"daystats\">{}</span></h2>\n",
        h(&w.lang.date(date)),
        h(&match w.lang {
            Lang::Zh => format!(
                "入户 {} 次 · 任务 {} 项 · 出动人员 {} 人",
                rows.len(),
                tasks,
                days.len()
            ),
            Lang::En => format!(
                "{} visits · {} tasks · {} inspectors out",
                rows.len(),
                tasks,
                days.len()
            ),
        })
    );
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</section>",
            h(w.t("当日无入户安排。", "No visits on this date."))
        );
        return;
    }
    gantt(out, w, &days);
    out.push_str("<div class=\"row2\">\n<div>\n");
    map(out, w, &rows, &days);
    out.push_str("</div>\n<div>\n");
    visit_table(out, w, &rows);
    out.push_str("</div>\n</div>\n</section>\n");
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
        "<h3>{}</h3>\n<svg class=\"gantt\" viewBox=\"0 0 {width} {height}\" style=\"width:100%;height:auto\" role=\"img\">",
        h(w.t("人员日程（时间轴，数字为当日入户序号，灰线为路途）", "Inspectors' day (numbers are the date's visits; grey: travel)"))
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
                "<rect class=\"bar\" data-visit=\"{}\" data-minutes=\"{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{colour}\"><title>{} {}–{} {} ({})</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
                h(&row.visit.id),
                row.minutes(),
                x(s),
                y + 2.0,
                (x(e) - x(s)).max(2.0),
                row_h - 4.0,
                row.number,
                row.visit.start,
                row.visit.end,
                h(&biz.name),
                h(w.dept(stop.dept)),
                (x(s) + x(e)) / 2.0,
                y + 14.0,
                row.number
            );
        }
    }
    out.push_str("</svg>\n");
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

/// Plane coordinates of a location: kilometres east/north (planar), or longitude scaled
/// by cos(latitude) and latitude (lat/lon), so shapes are not stretched.
fn plane(loc: Location, cos_lat: f64) -> (f64, f64) {
    match loc {
        Location::Planar { x, y } => (x, y),
        Location::Geo { lat, lon } => (lon * cos_lat, lat),
    }
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

fn map(out: &mut String, w: &Week, rows: &[usize], days: &[&Day]) {
    let scn = w.scn;
    let n = scn.node_count();
    let mean_lat = {
        let lats: Vec<f64> = (0..n)
            .filter_map(|i| match scn.node_site(NodeIdx::new(i)).1 {
                Location::Geo { lat, .. } => Some(lat),
                Location::Planar { .. } => None,
            })
            .collect();
        if lats.is_empty() {
            0.0
        } else {
            lats.iter().sum::<f64>() / lats.len() as f64
        }
    };
    let cos_lat = mean_lat.to_radians().cos();
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|i| plane(scn.node_site(NodeIdx::new(i)).1, cos_lat))
        .collect();
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
    // The map's height follows the area's shape (a wide district gets a low map).
    let (w_px, pad) = (600.0, 30.0);
    let aspect = ((y1 - y0) / (x1 - x0).max(1e-9)).clamp(0.4, 1.2);
    let h_px = ((w_px - 2.0 * pad) * aspect + 2.0 * pad).round();
    let span = ((x1 - x0) / (w_px - 2.0 * pad))
        .max((y1 - y0) / (h_px - 2.0 * pad))
        .max(1e-9);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let px = |p: (f64, f64)| {
        (
            w_px / 2.0 + (p.0 - cx) / span,
            h_px / 2.0 - (p.1 - cy) / span,
        )
    };
    let node_px = |i: NodeIdx| px(pts[i.index()]);
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<svg class=\"map\" width=\"{w_px}\" height=\"{h_px}\" viewBox=\"0 0 {w_px} {h_px}\" role=\"img\" style=\"background:#eaf2f8;border-radius:8px\">",
        h(w.t("地图（片区、通道、路线；数字为当日入户序号）", "Map (zones, links, routes; numbers are the date's visits)"))
    );
    // Zones: padded hulls.
    let mut zones: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for i in 0..n {
        zones
            .entry(scn.node_site(NodeIdx::new(i)).0)
            .or_default()
            .push(node_px(NodeIdx::new(i)));
    }
    for (zi, (zone, zp)) in zones.iter().enumerate() {
        let hl = hull(zp.clone());
        let path: Vec<String> = hl.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let fill = ["#fbf7ee", "#eef7ee", "#f3eefa", "#eef4fb"][zi % 4];
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"{fill}\" stroke-width=\"30\" stroke-linejoin=\"round\"/>\
             <polygon points=\"{}\" fill=\"none\" stroke=\"#c9b98f\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>",
            path.join(" "),
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
            h(w.t("片区", "zone")),
            h(zone)
        );
    }
    // Links.
    for link in &scn.travel.links {
        let (a, b) = (node_px(link.from), node_px(link.to));
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1f4e79\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1f4e79\" text-anchor=\"middle\">{} {}</text>",
            a.0, a.1, b.0, b.1,
            (a.0 + b.0) / 2.0,
            (a.1 + b.1) / 2.0 - 6.0,
            link.minutes,
            h(w.t("分钟", "min"))
        );
    }
    // Every business, faint; offices as squares.
    for i in 0..n {
        let node = NodeIdx::new(i);
        let (x, y) = node_px(node);
        if scn.business_of_node(node).is_some() {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2\" fill=\"#b8c2cc\"/>"
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
    // Routes.
    for day in days {
        let insp = scn.inspector(day.insp);
        let mut p = vec![node_px(insp.base)];
        p.extend(
            day.stops
                .iter()
                .map(|s| node_px(scn.node_of_business(w.visits[s.visit].biz))),
        );
        p.push(node_px(insp.base));
        let pts: Vec<String> = p.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\" stroke-opacity=\"0.55\"/>",
            pts.join(" "),
            PALETTE[insp.department.index() % PALETTE.len()]
        );
    }
    // The date's visits, numbered.
    for &i in rows {
        let row = &w.visits[i];
        let (x, y) = node_px(scn.node_of_business(row.biz));
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\" fill=\"#b22222\" stroke=\"#fff\" stroke-width=\"1.5\"><title>{}</title></circle>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#fff\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
            h(&scn.business(row.biz).name),
            y + 3.5,
            row.number
        );
    }
    // Scale bar (planar km or lat/lon km).
    let km_per_px = match scn.node_site(NodeIdx::new(0)).1 {
        Location::Planar { .. } => span,
        Location::Geo { .. } => span * 111.32,
    };
    let bar_km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0]
        .into_iter()
        .find(|k| k / km_per_px >= 60.0)
        .unwrap_or(1000.0);
    let bar_px = bar_km / km_per_px;
    let _ = writeln!(
        out,
        "<line x1=\"12\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#334\" stroke-width=\"3\"/>\
         <text x=\"12\" y=\"{2:.1}\" font-size=\"11\" fill=\"#334\">{bar_km} km</text>",
        h_px - 12.0,
        12.0 + bar_px,
        h_px - 18.0
    );
    out.push_str("</svg>\n");
}

fn visit_table(out: &mut String, w: &Week, rows: &[usize]) {
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table>\n<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr>",
        h(w.t("当日入户", "Visits of the date")),
        h(w.t("时间", "time")),
        h(w.t("企业", "business")),
        h(w.t("部门（牵头在前）", "departments (lead first)")),
        h(w.t("任务", "tasks")),
        h(w.t("检查组", "crew")),
    );
    for &i in rows {
        let row = &w.visits[i];
        let biz = w.scn.business(row.biz);
        let depts: Vec<&str> = row.depts.iter().map(|&d| short(w.dept(d))).collect();
        let crew: Vec<&str> = row.crew.iter().map(|m| w.insp(m.insp)).collect();
        let _ = writeln!(
            out,
            "<tr class=\"visit-row\" data-minutes=\"{}\" data-tasks=\"{}\"><td><span class=\"no\">{}</span></td><td>{}–{}</td><td>{}<br><small>{}</small></td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            row.minutes(),
            row.tasks.len(),
            row.number,
            row.visit.start,
            row.visit.end,
            h(&biz.name),
            h(&biz.town),
            h(&depts.join("、")),
            row.tasks.len(),
            h(&crew.join("、"))
        );
    }
    out.push_str("</table>\n");
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
    let most = w
        .depts
        .iter()
        .map(|d| d.task_minutes)
        .max()
        .unwrap_or(0)
        .max(1);
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th style=\"width:38%\">{}</th></tr>",
        h(w.t("各部门工作量", "Workload per department")),
        h(w.t("部门", "department")),
        h(w.t("任务", "tasks")),
        h(w.t("已安排", "scheduled")),
        h(w.t("未安排", "left out")),
        h(w.t("入户次数", "visits")),
        h(w.t("检查人次", "officer visits")),
        h(w.t("检查分钟", "inspection minutes")),
    );
    for (i, d) in w.depts.iter().enumerate() {
        let width = d.task_minutes as f64 / most as f64 * 100.0;
        let _ = writeln!(
            out,
            "<tr class=\"dept-row\" data-tasks=\"{}\" data-scheduled=\"{}\" data-unscheduled=\"{}\"><td><i style=\"display:inline-block;width:10px;height:10px;background:{};margin-right:6px\"></i>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td><div style=\"display:flex;align-items:center;gap:6px\"><div style=\"background:{};height:12px;width:{width:.1}%;border-radius:2px\"></div><span>{}</span></div></td></tr>",
            d.tasks,
            d.scheduled,
            d.unscheduled,
            PALETTE[i % PALETTE.len()],
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
    out.push_str("</table>\n</section>\n");
}

fn left_out(out: &mut String, w: &Week) {
    let _ = writeln!(
        out,
        "<section>\n<h2>{} <span class=\"daystats\">{}</span></h2>",
        h(w.t("未安排的任务及原因", "Tasks left out, and why")),
        h(&match w.lang {
            Lang::Zh => format!("共 {} 项，按优先级排序", w.left_out.len()),
            Lang::En => format!("{} in all, by priority", w.left_out.len()),
        })
    );
    if w.left_out.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</section>",
            h(w.t("所有任务均已安排。", "Every task is in a visit."))
        );
        return;
    }
    out.push_str("<div class=\"chips\">");
    for (code, n) in w.reason_counts() {
        let _ = write!(out, "<span>{} <b>{n}</b></span>", h(&w.reason(&code)));
    }
    let _ = writeln!(
        out,
        "</div>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr>",
        h(w.t("任务", "task")),
        h(w.t("部门", "department")),
        h(w.t("企业", "business")),
        h(w.t("优先级", "priority")),
        h(w.t("原因", "reason")),
        h(w.t("说明", "detail")),
    );
    for l in &w.left_out {
        let task = l.task.map(|t| w.scn.task(t));
        let _ = writeln!(
            out,
            "<tr class=\"left-row\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            h(&l.entry.task),
            h(task.map_or("", |t| w.dept(t.department))),
            h(task.map_or("", |t| w.scn.business(t.business).name.as_str())),
            task.map_or(String::new(), |t| t.priority.to_string()),
            h(&w.reason(&l.entry.reason)),
            h(&l.entry.detail)
        );
    }
    out.push_str("</table>\n</section>\n");
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
    fn cjk_text_is_twice_as_wide() {
        assert_eq!(text_px("定海", 10.0), 2.0 * text_px("ab", 10.0));
    }
}
