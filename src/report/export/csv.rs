//! `visits.csv` (one row per visit) and `itineraries.csv` (one row per inspector stop),
//! written with the `csv` crate: UTF-8 with a byte-order mark and CRLF line ends, so
//! Excel and WPS open Chinese text correctly, and every cell that begins with `=`, `+`,
//! `-` or `@` prefixed with `'`, so no spreadsheet runs it as a formula.

use super::workbook::{stop_header, stop_rows, visit_cells, visit_header, Cell};
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

/// `visits.csv`: the columns of the workbook's visits sheet.
pub(super) fn visits_csv(w: &Week) -> Result<Vec<u8>, ::csv::Error> {
    write(
        &visit_header(w.lang),
        w.visits.iter().map(|row| visit_cells(w, row)),
    )
}

/// `itineraries.csv`: the columns of the workbook's inspector-days sheet.
pub(super) fn itineraries_csv(w: &Week) -> Result<Vec<u8>, ::csv::Error> {
    write(
        &stop_header(w.lang),
        stop_rows(w).into_iter().map(|row| {
            row.into_iter()
                .map(|c| match c {
                    Cell::Text(s) => s,
                    Cell::Num(n) => format!("{n}"),
                })
                .collect()
        }),
    )
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
