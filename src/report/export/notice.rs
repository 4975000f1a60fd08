//! `notices/<business>.html`: the one notice a business receives (一次告知) — for each
//! visit the date, time window, lead and participating departments, the crew (names,
//! departments, certificate), the checklist grouped by department (一表通查), and the
//! business's rights. A standalone page, printable on A4 (print CSS), in the week's
//! language.

use super::{file_name, html_escape as h, Lang, VisitRow, Week};
use onedoor_core::ids::BizIdx;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const CSS: &str = "\
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  color: #1a1a1a; max-width: 180mm; margin: 0 auto; padding: 12px; line-height: 1.55; font-size: 11pt; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.sub { text-align: center; color: #555; margin-bottom: 14px; }
h2 { font-size: 13pt; border-left: 5px solid #b22222; padding-left: 8px; margin: 18px 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; width: 24%; }
.visit { page-break-inside: avoid; break-inside: avoid; }
.rights { border: 1px solid #b22222; padding: 8px 12px; background: #fff8f8; }
.sign { margin-top: 28px; text-align: right; }
@media print { body { padding: 0; } }
";

/// Every business's notice: (file name, HTML), in business order.
pub(super) fn notices(w: &Week) -> Vec<(String, String)> {
    let mut by_biz: BTreeMap<BizIdx, Vec<&VisitRow>> = BTreeMap::new();
    for row in &w.visits {
        by_biz.entry(row.biz).or_default().push(row);
    }
    let mut taken = BTreeSet::new();
    by_biz
        .into_iter()
        .map(|(b, rows)| {
            let name = file_name(&w.scn.business(b).id, "html", &mut taken);
            (name, notice(w, b, &rows))
        })
        .collect()
}

fn notice(w: &Week, b: BizIdx, rows: &[&VisitRow]) -> String {
    let biz = w.scn.business(b);
    let lang = match w.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let title = w.t("综合查一次 · 入户检查告知书", "Joint inspection notice");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{} — {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n<div class=\"sub\">{}</div>\n",
        h(title),
        h(&biz.name),
        h(title),
        h(&w.scn.name)
    );
    let _ = write!(
        out,
        "<p>{}<strong>{}</strong>{}</p>\n<p>{}</p>\n",
        w.t("", "To "),
        h(&biz.name),
        w.t("：", ":"),
        h(&match w.lang {
            Lang::Zh => format!(
                "根据“综合查一次”工作安排，以下部门将联合对贵单位开展检查，共入户 {} 次。\
                 请在下列时间安排相关负责人在场，并备好检查事项所列资料。",
                rows.len()
            ),
            Lang::En => format!(
                "Under the joint inspection scheme (enter once, check many things), the \
                 departments below will inspect your premises together, in {} visit(s). \
                 Please have the person in charge present at the times below, with the \
                 records the checklist names.",
                rows.len()
            ),
        })
    );
    for (i, row) in rows.iter().enumerate() {
        notice_visit(&mut out, w, i + 1, row);
    }
    let rights = match w.lang {
        Lang::Zh => [
            "检查人员应当出示执法证件；贵单位有权要求查看，未出示的可以拒绝检查。",
            "检查人员与贵单位有利害关系、可能影响公正检查的，贵单位有权申请其回避。",
            "贵单位有权陈述、申辩，并有权对检查结果依法申请行政复议或者提起行政诉讼。",
        ],
        Lang::En => [
            "Inspectors must show their enforcement certificates; you may ask to see them and refuse an inspection without them.",
            "You may ask that an inspector with a conflict of interest stand down (recusal).",
            "You may state your case, and appeal the findings through administrative review or litigation.",
        ],
    };
    let _ = write!(
        out,
        "<h2>{}</h2>\n<div class=\"rights\"><ol>\n",
        w.t("您的权利", "Your rights")
    );
    for r in rights {
        let _ = writeln!(out, "<li>{}</li>", h(r));
    }
    let _ = write!(
        out,
        "</ol></div>\n<div class=\"sign\">{}<br>{}</div>\n</body>\n</html>\n",
        h(&rows
            .first()
            .and_then(|r| r.depts.first())
            .map(|&d| format!("{}{}", w.dept(d), w.t("（牵头）", " (lead)")))
            .unwrap_or_default()),
        h(&onedoor_core::scenario::time::fmt_date(w.scn.horizon.start))
    );
    out
}

fn notice_visit(out: &mut String, w: &Week, n: usize, row: &VisitRow) {
    let v = row.visit;
    let _ = write!(
        out,
        "<div class=\"visit\">\n<h2>{} {n}</h2>\n<table>\n",
        w.t("入户检查", "Visit")
    );
    let mut pair = |k: &str, val: &str| {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", h(k), h(val));
    };
    pair(w.t("日期", "Date"), &w.lang.date(v.date));
    pair(
        w.t("时间", "Time window"),
        &format!("{}–{}", v.start, v.end),
    );
    pair(
        w.t("牵头部门", "Lead department"),
        row.depts.first().map_or("", |&d| w.dept(d)),
    );
    pair(w.t("参与部门", "Participating departments"), &w.others(row));
    pair(w.t("入户编号", "Visit reference"), &v.id);
    let _ = write!(
        out,
        "</table>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        w.t("检查人员", "Inspector"),
        w.t("部门", "Department"),
        w.t("执法证", "Certificate")
    );
    for m in &row.crew {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(w.insp(m.insp)),
            h(w.dept(m.dept)),
            h(w.certificate(m.insp))
        );
    }
    let _ = write!(
        out,
        "</table>\n<table>\n<tr><th>{}</th><th>{}</th></tr>\n",
        w.t("部门", "Department"),
        w.t("检查事项", "Checklist items")
    );
    for &d in &row.depts {
        let mut items: Vec<&str> = Vec::new();
        for &t in &row.tasks {
            let task = w.scn.task(t);
            if task.department == d {
                for i in &task.items {
                    if !items.contains(&i.as_str()) {
                        items.push(i);
                    }
                }
            }
        }
        let shown = if items.is_empty() {
            w.t("（常规检查）", "(routine inspection)").to_owned()
        } else {
            items.join(w.sep())
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            h(w.dept(d)),
            h(&shown)
        );
    }
    out.push_str("</table>\n</div>\n");
}
