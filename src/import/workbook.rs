//! Reads a workbook's sheets into grids of cells (calamine).

use super::{Cell, Grid};
use crate::InputError;
use calamine::{open_workbook_auto, Data, Reader};
use chrono::Timelike;
use onedoor_core::error::ProblemKind;
use std::path::Path;

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Reads every sheet of the workbook at `path` (the explanation sheet too; the importer
/// uses only the sheets it knows).
pub fn read(path: &Path) -> Result<Vec<Grid>, InputError> {
    let file = path.display().to_string();
    let fail = |e: String| {
        InputError::single(
            &file,
            ProblemKind::Io,
            format!("cannot read the workbook: {e}"),
        )
    };
    let mut book = open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| fail(e.to_string()))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; c0 as usize];
            cells.extend(row.iter().map(cell));
            rows.push(cells);
        }
        grids.push(Grid { name, rows });
    }
    Ok(grids)
}

/// A calamine cell as a [`Cell`].
fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            match dt.as_datetime() {
                Some(t) if dt.is_datetime() && serial < 1.0 => {
                    Cell::Time(t.hour() * 60 + t.minute() + u32::from(t.second() >= 30))
                }
                Some(t) if dt.is_datetime() && serial.fract() == 0.0 => Cell::Date(t.date()),
                Some(t) if dt.is_datetime() => Cell::DateTime(t),
                _ => Cell::Number(serial),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}
