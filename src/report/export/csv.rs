//! `visits.csv` (one row per visit) and `itineraries.csv` (per inspector and date: leave
//! the base, each visit, back at the base), written with the `csv` crate: UTF-8 with a
//! byte-order mark and CRLF line ends, so Excel and WPS open Chinese text correctly, and
//! every cell that begins with `=`, `+`, `-` or `@` prefixed with `'`, so no spreadsheet
//! runs it as a formula. Headers come from the catalogue of `words.rs`.
//!
//! In `itineraries.csv` the travel column holds the minutes from the previous point (the
//! base for the first visit; the last visit for the row back at the base), so its sum is
//! the plan's `travel_minutes`; a column names the links (bridges, ferries) the leg
//! crosses.

use super::route::{day_plan, hhmm, node_name, via_text};
use super::workbook::{visit_cells, visit_header};
use super::Week;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// A cell made safe against formula injection: `'` before a leading `= + - @`.
pub(crate) fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// A CSV file from a header and rows (BOM, CRLF, cells defused).
fn write(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>, ::csv::Error> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    out.write_record(header.iter().map(|h| defuse(h)))?;
    for row in rows {
        out.write_record(row.iter().map(|c| defuse(c)))?;
    }
    out.into_inner()
        .map_err(|e| ::csv::Error::from(std::io::Error::other(e.to_string())))
}

/// `visits.csv`: the columns of the workbook's visits sheet (latitude and longitude
/// last for lat/lon scenarios).
pub(super) fn visits_csv(w: &Week) -> Result<Vec<u8>, ::csv::Error> {
    write(
        &visit_header(w),
        w.visits
            .iter()
            .map(|row| visit_cells(w, row).iter().map(|c| c.shown()).collect()),
    )
}

/// `itineraries.csv`: per inspector and date, a row leaving the base, one per visit, one
/// back at the base. Columns: date, inspector id, inspector, acts for, start, end, visit,
/// business (or base), town, travel minutes from the previous point, crew mates, step,
/// address, links crossed.
pub(super) fn itineraries_csv(w: &Week) -> Result<Vec<u8>, ::csv::Error> {
    let words = w.words();
    let header = [
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
        words.col_step,
        words.col_address,
        words.col_via,
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for day in &w.days {
        let insp = w.scn.inspector(day.insp);
        let plan = day_plan(w, day);
        let date = onedoor_core::scenario::time::fmt_date(day.date);
        let base = node_name(w.scn, insp.base).to_owned();
        let at_base = |time: u32, travel: u32, step: &str, via: String| {
            vec![
                date.clone(),
                insp.id.clone(),
                insp.name.clone(),
                String::new(),
                hhmm(time),
                String::new(),
                String::new(),
                base.clone(),
                String::new(),
                travel.to_string(),
                String::new(),
                step.to_owned(),
                String::new(),
                via,
            ]
        };
        rows.push(at_base(plan.leave, 0, words.step_leave, String::new()));
        for (k, stop) in day.stops.iter().enumerate() {
            let row = &w.visits[stop.visit];
            let biz = w.scn.business(row.biz);
            let mates = w.crew_mates(row, day.insp).join(words.semi);
            rows.push(vec![
                date.clone(),
                insp.id.clone(),
                insp.name.clone(),
                w.dept(stop.dept).to_owned(),
                row.visit.start.to_string(),
                row.visit.end.to_string(),
                row.visit.id.clone(),
                biz.name.clone(),
                biz.town.clone(),
                plan.legs[k].minutes.to_string(),
                mates,
                words.step_visit.to_owned(),
                biz.address.clone().unwrap_or_default(),
                via_text(w, &plan.legs[k].links),
            ]);
        }
        let home = plan.legs.last().map_or(0, |l| l.minutes);
        let via = plan
            .legs
            .last()
            .map_or(String::new(), |l| via_text(w, &l.links));
        rows.push(at_base(plan.back, home, words.step_return, via));
    }
    write(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(defuse("=1+2"), "'=1+2");
        assert_eq!(defuse("+86"), "'+86");
        assert_eq!(defuse("-x"), "'-x");
        assert_eq!(defuse("@SUM"), "'@SUM");
        assert_eq!(defuse("定海"), "定海");
        assert_eq!(defuse(""), "");
    }
}
