//! Reads a folder of CSV files, one per sheet (`任务.csv` or `tasks.csv`), into grids.
//! A file is UTF-8 (with or without a byte order mark) or, when it is not valid UTF-8,
//! GB18030 (what older Excel writes on Chinese Windows).

use super::columns::{SETTINGS_EN, SETTINGS_ZH, SHEETS};
use super::{Cell, Grid};
use crate::InputError;
use onedoor_core::error::{Problem, ProblemKind};
use std::path::Path;

/// Reads the known sheets' CSV files of the folder `dir` (other files are ignored).
pub fn read_dir(dir: &Path) -> Result<Vec<Grid>, InputError> {
    let file = dir.display().to_string();
    let mut names: Vec<(&str, &str)> = SHEETS.iter().map(|s| (s.zh, s.en)).collect();
    names.push((SETTINGS_ZH, SETTINGS_EN));
    let mut grids = Vec::new();
    let mut problems = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        InputError::single(
            &file,
            ProblemKind::Io,
            format!("cannot read the folder: {e}"),
        )
    })?;
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect();
    files.sort();
    for (zh, en) in names {
        let found: Vec<&std::path::PathBuf> = files
            .iter()
            .filter(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s == zh || s.eq_ignore_ascii_case(en))
            })
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => match read_file(one) {
                Ok(g) => grids.push(g),
                Err(p) => problems.push(p),
            },
            many => problems.push(Problem {
                place: String::new(),
                kind: ProblemKind::DuplicateId,
                message: format!(
                    "the sheet {zh} is given by {} files ({}): keep one",
                    many.len(),
                    many.iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(InputError { file, problems });
    }
    if grids.is_empty() {
        return Err(InputError::single(
            &file,
            ProblemKind::Io,
            "the folder has no sheet to import: expected files such as 任务.csv or tasks.csv, 企业.csv, 人员.csv, 部门.csv, 地点.csv, 设置.csv",
        ));
    }
    Ok(grids)
}

/// The text of CSV bytes: UTF-8 (a byte order mark dropped) when valid, else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn read_file(path: &Path) -> Result<Grid, Problem> {
    let fail = |message: String| Problem {
        place: String::new(),
        kind: ProblemKind::Io,
        message,
    };
    let bytes =
        std::fs::read(path).map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    let text = decode(&bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| fail(format!("{}: not valid CSV: {e}", path.display())))?;
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_owned())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Grid { name, rows })
}
