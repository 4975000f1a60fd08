//! `plan.xlsx`: the week as a workbook (rust_xlsxwriter) — the overview a leader
//! reports, the visits, each inspector's days, per-department totals and the tasks left
//! out.
//!
//! Every sheet has a frozen, styled header row and an autofilter; ids are written as
//! text (so `0012` stays `0012`); column widths come from display width
//! ([`column_width`]: a CJK character takes two columns, which the library's autofit
//! undercounts). No native charts and no constant-memory mode (WPS Office shows both
//! blank). The document's creation date is fixed to the week's first date, so the same
//! plan gives the same bytes.
//!
//! The helpers ([`header_format`], [`column_width`], [`Sheet`]) are `pub(crate)` so the
//! workbook template of `onedoor template` can share them.

use super::{Lang, Week};
use crate::plan::{Figure, Value};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The style of header rows: bold, white on dark blue, a thin border.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1F4E79))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

/// The Excel width of a column holding `texts`: the widest display width (CJK = 2) plus
/// a margin, between 6 and 80.
pub(crate) fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = texts
        .into_iter()
        .map(|t| t.lines().map(UnicodeWidthStr::width).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    (widest as f64 + 2.0).clamp(6.0, 80.0)
}

/// One cell: text (ids and names, written as text) or a number.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    /// Written as a string, never converted.
    Text(String),
    /// Written as a number.
    Num(f64),
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => format!("{n}"),
        }
    }
}

/// A text cell.
pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A number cell.
pub(crate) fn num(n: impl Into<f64>) -> Cell {
    Cell::Num(n.into())
}

/// A table sheet: a header row and data rows, written with [`Sheet::write`].
pub(crate) struct Sheet {
    /// The sheet name (at most 31 characters).
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// The data rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet named `name` with these headers.
    pub fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Writes the sheet into `ws`: header (styled, frozen, autofilter), rows, widths.
    pub fn write(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(&self.name)?;
        let head = header_format();
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => ws.write_string(r, c as u16, s)?,
                    Cell::Num(n) => ws.write_number(r, c as u16, *n)?,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
        if !self.header.is_empty() {
            ws.autofilter(0, 0, self.rows.len() as u32, self.header.len() as u16 - 1)?;
        }
        for c in 0..self.header.len() {
            let cells: Vec<String> = self
                .rows
                .iter()
                .filter_map(|r| r.get(c).map(Cell::shown))
                .collect();
            let width = column_width(
                std::iter::once(self.header[c].as_str()).chain(cells.iter().map(String::as_str)),
            ) + 2.0; // room for the autofilter button
            ws.set_column_width(c as u16, width.min(80.0))?;
        }
        Ok(())
    }
}

/// The workbook's bytes.
pub(super) fn workbook(w: &Week) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let start = w.scn.horizon.start;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(start.year()).unwrap_or(2000),
        start.month() as u8,
        start.day() as u8,
    )
    .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))?; // Excel's calendar is 1900–9999
    let props = DocProperties::new()
        .set_title(&w.scn.name)
        .set_author("onedoor")
        .set_creation_datetime(&created);
    book.set_properties(&props);
    for sheet in sheets(w) {
        sheet.write(book.add_worksheet())?;
    }
    book.save_to_buffer()
}

/// The five sheets.
pub(super) fn sheets(w: &Week) -> Vec<Sheet> {
    vec![overview(w), visits(w), days(w), departments(w), left_out(w)]
}

/// A figure's label in the week's language.
pub(super) fn figure_label(lang: Lang, f: Figure) -> &'static str {
    let zh = match f {
        Figure::Tasks => "任务数",
        Figure::Scheduled => "已安排任务",
        Figure::Unscheduled => "未安排任务",
        Figure::UnscheduledPriority => "未安排任务优先级合计",
        Figure::Visits => "联合检查入户次数",
        Figure::BaselineVisits => "各部门单独检查入户次数",
        Figure::VisitsSaved => "减少入户次数",
        Figure::Reduction => "入户减少比例",
        Figure::LowerBound => "入户次数下界",
        Figure::OfficerVisits => "检查人次",
        Figure::TravelMinutes => "路途分钟",
    };
    lang.pick(zh, f.label())
}

fn overview(w: &Week) -> Sheet {
    let mut s = Sheet::new(
        w.t("概览", "Overview"),
        &[
            w.t("指标", "figure"),
            w.t("数值", "value"),
            w.t("说明", "note"),
        ],
    );
    s.rows.push(vec![
        text(w.t("方案", "scenario")),
        text(w.scn.name.clone()),
        text(""),
    ]);
    for f in Figure::ALL {
        let value = match f.value(&w.stats) {
            Value::Count(n) => num(n as f64),
            Value::Ratio(r) => num((r * 10_000.0).round() / 10_000.0),
        };
        let note = match f {
            Figure::BaselineVisits => w.t("各部门各自入户", "each department alone"),
            Figure::LowerBound => w.t(
                "安排相同任务的任何方案至少需要的入户次数",
                "no plan scheduling the same tasks has fewer visits",
            ),
            Figure::Reduction => w.t("比例（0–1）", "ratio (0–1)"),
            _ => "",
        };
        s.rows
            .push(vec![text(figure_label(w.lang, f)), value, text(note)]);
    }
    s.rows.push(vec![
        text(w.t("与下界差距", "gap to the lower bound")),
        num((w.gap() * 10_000.0).round() / 10_000.0),
        text(w.t(
            "（入户次数 − 下界）÷ 下界",
            "(visits − lower bound) / lower bound",
        )),
    ]);
    s.rows.push(vec![
        text(w.t("联合入户", "joint visits")),
        num(w.joint_visits() as f64),
        text(w.t("两个及以上部门同时入户", "two or more departments")),
    ]);
    s.rows.push(vec![
        text(w.t("联合入户率", "joint-visit rate")),
        num((w.joint_rate() * 10_000.0).round() / 10_000.0),
        text(w.t("联合入户 ÷ 入户次数", "joint visits / visits")),
    ]);
    s
}

/// The header of the visits sheet (and of `visits.csv`).
pub(super) fn visit_header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "入户编号",
            "日期",
            "开始",
            "结束",
            "企业编号",
            "企业",
            "街道/镇",
            "牵头部门",
            "参与部门",
            "检查组",
            "检查事项",
            "任务编号",
        ],
        Lang::En => vec![
            "visit",
            "date",
            "start",
            "end",
            "business id",
            "business",
            "town",
            "lead department",
            "other departments",
            "crew",
            "checklist items",
            "tasks",
        ],
    }
}

/// One visit's cells, in [`visit_header`] order.
pub(super) fn visit_cells(w: &Week, row: &super::VisitRow) -> Vec<String> {
    let biz = w.scn.business(row.biz);
    vec![
        row.visit.id.clone(),
        onedoor_core::scenario::time::fmt_date(row.visit.date),
        row.visit.start.to_string(),
        row.visit.end.to_string(),
        biz.id.clone(),
        biz.name.clone(),
        biz.town.clone(),
        row.depts
            .first()
            .map(|&d| w.dept(d).to_owned())
            .unwrap_or_default(),
        w.others(row),
        w.crew_text(row),
        w.items(row).join(w.sep()),
        row.visit.tasks.join(", "),
    ]
}

fn visits(w: &Week) -> Sheet {
    let mut s = Sheet::new(w.t("入户安排", "Visits"), &visit_header(w.lang));
    for row in &w.visits {
        s.rows
            .push(visit_cells(w, row).into_iter().map(Cell::Text).collect());
    }
    s
}

/// The header of the inspectors' days (and of `itineraries.csv`).
pub(super) fn stop_header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "日期",
            "人员编号",
            "人员",
            "代表部门",
            "开始",
            "结束",
            "入户编号",
            "企业",
            "街道/镇",
            "路途分钟（自上一站）",
            "同组人员",
        ],
        Lang::En => vec![
            "date",
            "inspector id",
            "inspector",
            "acts for",
            "start",
            "end",
            "visit",
            "business",
            "town",
            "travel minutes from previous stop",
            "crew mates",
        ],
    }
}

/// Every stop of every inspector day, as cells in [`stop_header`] order (travel minutes
/// as a number).
pub(super) fn stop_rows(w: &Week) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for day in &w.days {
        let insp = w.scn.inspector(day.insp);
        for stop in &day.stops {
            let row = &w.visits[stop.visit];
            let biz = w.scn.business(row.biz);
            let mates = row
                .crew
                .iter()
                .filter(|m| m.insp != day.insp)
                .map(|m| format!("{}({})", w.insp(m.insp), w.dept(m.dept)))
                .collect::<Vec<_>>()
                .join(w.sep());
            rows.push(vec![
                text(onedoor_core::scenario::time::fmt_date(day.date)),
                text(insp.id.clone()),
                text(insp.name.clone()),
                text(w.dept(stop.dept)),
                text(row.visit.start.to_string()),
                text(row.visit.end.to_string()),
                text(row.visit.id.clone()),
                text(biz.name.clone()),
                text(biz.town.clone()),
                num(stop.travel),
                text(mates),
            ]);
        }
    }
    rows
}

fn days(w: &Week) -> Sheet {
    let mut s = Sheet::new(w.t("人员日程", "Inspector days"), &stop_header(w.lang));
    s.rows = stop_rows(w);
    s
}

fn departments(w: &Week) -> Sheet {
    let mut s = Sheet::new(
        w.t("部门汇总", "Departments"),
        &[
            w.t("部门编号", "department id"),
            w.t("部门", "department"),
            w.t("任务", "tasks"),
            w.t("已安排", "scheduled"),
            w.t("未安排", "unscheduled"),
            w.t("检查分钟", "task minutes"),
            w.t("入户次数", "visits"),
            w.t("检查人次", "officer visits"),
        ],
    );
    for (i, d) in w.depts.iter().enumerate() {
        let dept = &w.scn.departments[i];
        s.rows.push(vec![
            text(dept.id.clone()),
            text(dept.name.clone()),
            num(d.tasks as f64),
            num(d.scheduled as f64),
            num(d.unscheduled as f64),
            num(d.task_minutes as f64),
            num(d.visits as f64),
            num(d.officer_visits as f64),
        ]);
    }
    s
}

/// The header of the left-out sheet.
pub(super) fn left_out_header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "任务编号",
            "部门",
            "企业",
            "街道/镇",
            "优先级",
            "原因",
            "原因代码",
            "说明",
        ],
        Lang::En => vec![
            "task",
            "department",
            "business",
            "town",
            "priority",
            "reason",
            "reason code",
            "detail",
        ],
    }
}

fn left_out(w: &Week) -> Sheet {
    let mut s = Sheet::new(w.t("未安排任务", "Left out"), &left_out_header(w.lang));
    for l in &w.left_out {
        let task = l.task.map(|t| w.scn.task(t));
        let biz = task.map(|t| w.scn.business(t.business));
        s.rows.push(vec![
            text(l.entry.task.clone()),
            text(task.map(|t| w.dept(t.department)).unwrap_or_default()),
            text(biz.map(|b| b.name.clone()).unwrap_or_default()),
            text(biz.map(|b| b.town.clone()).unwrap_or_default()),
            task.map_or(text(""), |t| num(t.priority)),
            text(w.reason(&l.entry.reason)),
            text(l.entry.reason.clone()),
            text(l.entry.detail.clone()),
        ]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_two_columns() {
        assert_eq!(column_width(["abcd"]), 6.0);
        assert_eq!(column_width(["定海区市场监督管理局"]), 22.0);
        assert_eq!(column_width(["a\nlonger line"]), 13.0);
    }
}
