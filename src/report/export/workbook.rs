//! `plan.xlsx`: the week as a workbook (rust_xlsxwriter) for the coordinator's office —
//! the overview a leader reports, the visits, each inspector's days, per-department
//! totals and the tasks left out. Unannounced tasks are shown, marked.
//!
//! Every sheet has a frozen, styled header row and an autofilter; ids are written as
//! text (so `0012` stays `0012`); dates and times are real Excel dates and times
//! (`yyyy-mm-dd`, `hh:mm`), so Excel's date filters and sorting work; ratios are numbers
//! formatted as percentages. Column widths come from display width ([`column_width`]: a
//! CJK character takes two columns, which the library's autofit undercounts), at most 50
//! characters, with longer text wrapped. Each sheet prints on A4 landscape, fitted to the
//! page width, with the header row repeated on every page. No native charts and no
//! constant-memory mode (WPS Office shows both blank). The document's creation date is
//! fixed to the week's first date, so the same plan gives the same bytes. Every word
//! comes from the catalogue of `words.rs`.

use super::words::Words;
use super::Week;
use crate::plan::{Figure, Value};
use chrono::{Datelike, NaiveDate};
use onedoor_core::scenario::time::Clock;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The widest column, in characters; longer text wraps.
const MAX_WIDTH: f64 = 50.0;

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
/// a margin, between 6 and 80 (sheets cap it further at 50).
pub(crate) fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = texts
        .into_iter()
        .map(|t| t.lines().map(UnicodeWidthStr::width).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    (widest as f64 + 2.0).clamp(6.0, 80.0)
}

/// One cell: text (ids and names, written as text), a number, a date, a time of day or
/// a ratio shown as a percentage.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    /// Written as a string, never converted.
    Text(String),
    /// Written as a number.
    Num(f64),
    /// Written as an Excel date, formatted `yyyy-mm-dd`.
    Date(NaiveDate),
    /// Written as an Excel time of day, formatted `hh:mm`.
    Time(Clock),
    /// A ratio written as a number, formatted `0.0%`.
    Pct(f64),
}

impl Cell {
    /// The cell as text (CSV, and widths).
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => format!("{n}"),
            Cell::Date(d) => onedoor_core::scenario::time::fmt_date(*d),
            Cell::Time(t) => t.to_string(),
            Cell::Pct(r) => format!("{:.1}%", r * 100.0),
        }
    }
}

/// An Excel date (Excel's calendar runs 1900–9999; outside it, none).
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        d.month() as u8,
        d.day() as u8,
    )
    .ok()
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

    /// Writes the sheet into `ws`: header (styled, frozen, autofilter, repeated on every
    /// printed page), rows (dates, times and percentages formatted), widths (at most
    /// [`MAX_WIDTH`], wider text wrapped), A4 landscape fitted to the page width.
    pub fn write(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(&self.name)?;
        let head = header_format().set_text_wrap();
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head)?;
        }
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let time = Format::new().set_num_format("hh:mm");
        let pct = Format::new().set_num_format("0.0%");
        let widths: Vec<f64> = (0..self.header.len())
            .map(|c| {
                let cells: Vec<String> = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c).map(Cell::shown))
                    .collect();
                column_width(
                    std::iter::once(self.header[c].as_str())
                        .chain(cells.iter().map(String::as_str)),
                ) + 2.0 // room for the autofilter button
            })
            .collect();
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(s) if widths.get(c).is_some_and(|w| *w > MAX_WIDTH) => {
                        ws.write_string_with_format(r, col, s, &wrap)?
                    }
                    Cell::Text(s) => ws.write_string(r, col, s)?,
                    Cell::Num(n) => ws.write_number(r, col, *n)?,
                    Cell::Pct(x) => ws.write_number_with_format(r, col, *x, &pct)?,
                    Cell::Date(d) => match excel_date(*d) {
                        Some(x) => ws.write_datetime_with_format(r, col, &x, &date)?,
                        None => ws.write_string(r, col, cell.shown())?,
                    },
                    Cell::Time(t) => {
                        let x =
                            ExcelDateTime::from_hms((t.0 / 60 % 24) as u16, (t.0 % 60) as u8, 0)?;
                        ws.write_datetime_with_format(r, col, &x, &time)?
                    }
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
        if !self.header.is_empty() {
            ws.autofilter(0, 0, self.rows.len() as u32, self.header.len() as u16 - 1)?;
        }
        for (c, width) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, width.min(MAX_WIDTH))?;
        }
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
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

/// A ratio cell, rounded to 4 places (the checker's tolerance), shown as a percentage.
fn pct(r: f64) -> Cell {
    Cell::Pct((r * 10_000.0).round() / 10_000.0)
}

fn overview(w: &Week) -> Sheet {
    let words = w.words();
    let mut s = Sheet::new(
        words.sheet_overview,
        &[words.col_figure, words.col_value, words.col_note],
    );
    s.rows.push(vec![
        text(words.scenario),
        text(w.scn.name.clone()),
        text(""),
    ]);
    for f in Figure::ALL {
        let value = match f.value(&w.stats) {
            Value::Count(n) => num(n as f64),
            Value::Ratio(r) => pct(r),
        };
        let note = match f {
            Figure::BaselineVisits => words.note_baseline,
            Figure::LowerBound => words.note_bound,
            Figure::Reduction => words.note_reduction,
            _ => "",
        };
        s.rows
            .push(vec![text(w.figure_label(f)), value, text(note)]);
    }
    s.rows
        .push(vec![text(words.gap), pct(w.gap()), text(words.note_gap)]);
    s.rows.push(vec![
        text(words.joint_visits),
        num(w.joint_visits() as f64),
        text(words.note_joint),
    ]);
    s.rows.push(vec![
        text(words.card_joint),
        pct(w.joint_rate()),
        text(words.note_joint_rate),
    ]);
    s.rows.push(vec![
        text(words.left_out_share),
        pct(left_out_share(w)),
        text(words.note_left_out_share),
    ]);
    s
}

/// The share of the scenario's priority left out (0 without tasks).
pub(super) fn left_out_share(w: &Week) -> f64 {
    let total: u64 = w.scn.tasks.iter().map(|t| u64::from(t.priority)).sum();
    if total == 0 {
        0.0
    } else {
        w.stats.unscheduled_priority as f64 / total as f64
    }
}

/// Whether the scenario's locations are latitude/longitude (visits then carry them).
fn geo(w: &Week) -> bool {
    super::is_geo(w.scn)
}

/// The header of the visits sheet (and of `visits.csv`): latitude and longitude last,
/// for lat/lon scenarios only.
pub(super) fn visit_header(w: &Week) -> Vec<&'static str> {
    let words = w.words();
    let mut out = vec![
        words.col_visit,
        words.col_date,
        words.col_start,
        words.col_end,
        words.col_business_id,
        words.col_business,
        words.col_town,
        words.col_lead,
        words.col_others,
        words.col_crew,
        words.col_items,
        words.col_tasks,
        words.col_unannounced,
        words.col_address,
    ];
    if geo(w) {
        out.extend([words.col_lat, words.col_lon]);
    }
    out
}

/// One visit's cells, in [`visit_header`] order.
pub(super) fn visit_cells(w: &Week, row: &super::VisitRow) -> Vec<Cell> {
    let words: &Words = w.words();
    let biz = w.scn.business(row.biz);
    let mut out = vec![
        text(row.visit.id.clone()),
        Cell::Date(row.visit.date),
        Cell::Time(row.visit.start),
        Cell::Time(row.visit.end),
        text(biz.id.clone()),
        text(biz.name.clone()),
        text(biz.town.clone()),
        text(
            row.depts
                .first()
                .map(|&d| w.dept(d).to_owned())
                .unwrap_or_default(),
        ),
        text(
            row.depts
                .iter()
                .skip(1)
                .map(|&d| w.dept(d))
                .collect::<Vec<_>>()
                .join(words.list),
        ),
        text(w.crew_line(row)),
        text(w.item_names(row)),
        text(row.visit.tasks.join(", ")),
        text(if w.unannounced(row) {
            words.unannounced
        } else {
            ""
        }),
        text(biz.address.clone().unwrap_or_default()),
    ];
    if let crate::scenario::Location::Geo { lat, lon } = biz.location {
        out.push(num(lat));
        out.push(num(lon));
    }
    out
}

fn visits(w: &Week) -> Sheet {
    let mut s = Sheet::new(w.words().sheet_visits, &visit_header(w));
    for row in &w.visits {
        s.rows.push(visit_cells(w, row));
    }
    s
}

/// The header of the inspectors' days sheet.
pub(super) fn stop_header(words: &Words) -> Vec<&'static str> {
    vec![
        words.col_date,
        words.col_inspector_id,
        words.col_inspector,
        words.col_acts_for,
        words.col_start,
        words.col_end,
        words.col_visit,
        words.col_business,
        words.col_town,
        words.col_travel,
        words.col_mates,
    ]
}

/// Every stop of every inspector day, as cells in [`stop_header`] order.
pub(super) fn stop_rows(w: &Week) -> Vec<Vec<Cell>> {
    let words = w.words();
    let mut rows = Vec::new();
    for day in &w.days {
        let insp = w.scn.inspector(day.insp);
        for stop in &day.stops {
            let row = &w.visits[stop.visit];
            let biz = w.scn.business(row.biz);
            let mates = w.crew_mates(row, day.insp).join(words.semi);
            rows.push(vec![
                Cell::Date(day.date),
                text(insp.id.clone()),
                text(insp.name.clone()),
                text(w.dept(stop.dept)),
                Cell::Time(row.visit.start),
                Cell::Time(row.visit.end),
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
    let mut s = Sheet::new(w.words().sheet_days, &stop_header(w.words()));
    s.rows = stop_rows(w);
    s
}

fn departments(w: &Week) -> Sheet {
    let words = w.words();
    let mut s = Sheet::new(
        words.sheet_departments,
        &[
            words.col_dept_id,
            words.col_dept,
            words.col_task_count,
            words.col_scheduled,
            words.col_left_out,
            words.col_task_minutes,
            words.col_visits,
            words.col_officer_visits,
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

fn left_out(w: &Week) -> Sheet {
    let words = w.words();
    let mut s = Sheet::new(
        words.sheet_left_out,
        &[
            words.col_task,
            words.col_dept,
            words.col_business,
            words.col_town,
            words.col_priority,
            words.col_reason,
            words.col_reason_code,
            words.col_detail,
            words.col_unannounced,
        ],
    );
    for l in &w.left_out {
        let task = l.task.map(|t| w.scn.task(t));
        let biz = task.map(|t| w.scn.business(t.business));
        s.rows.push(vec![
            text(l.entry.task.clone()),
            text(task.map(|t| w.dept(t.department)).unwrap_or_default()),
            text(biz.map(|b| b.name.clone()).unwrap_or_default()),
            text(biz.map(|b| b.town.clone()).unwrap_or_default()),
            task.map_or(text(""), |t| num(t.priority)),
            text(w.reason_name(&l.entry.reason)),
            text(l.entry.reason.clone()),
            text(w.reason_detail(l)),
            text(if task.is_some_and(|t| !t.announced) {
                words.unannounced
            } else {
                ""
            }),
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
