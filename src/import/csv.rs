//! Reads CSV files into grids: a folder holding one file per sheet (`任务.csv`,
//! `tasks.csv`, or as LibreOffice's "export every sheet" names them, `week-任务.csv`), or
//! a single file. The encoding is detected: UTF-8 (with or without a byte order mark),
//! UTF-16 (by its byte order mark or its zero bytes), else GB18030 (what Excel writes on
//! Chinese Windows); so is the separator (`,`, `;` or tab, whichever the first line
//! holds most of). Row numbers are the spreadsheet's: a blank line counts.

use super::{Grid, Lang};
use crate::InputError;
use onedoor_core::error::{Problem, ProblemKind};
use std::path::{Path, PathBuf};

/// Reads every CSV file of the folder `dir`; the importer picks the sheets it knows by
/// the files' names.
pub fn read_dir(dir: &Path, lang: Lang) -> Result<Vec<Grid>, InputError> {
    let file = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        InputError::single(
            &file,
            ProblemKind::Io,
            lang.pick(
                format!("无法读取文件夹：{e}"),
                format!("cannot read the folder: {e}"),
            ),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_csv(p))
        .collect();
    files.sort();
    let mut grids = Vec::new();
    let mut problems = Vec::new();
    for path in &files {
        match read_file(path, lang) {
            Ok(g) => grids.push(g),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(InputError { file, problems });
    }
    Ok(grids)
}

/// Whether the path names a CSV file.
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// The text of CSV bytes: UTF-8 (a byte order mark dropped) when valid, UTF-16 by its
/// byte order mark or its zero bytes, else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(b) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(b).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode(bytes).0.into_owned();
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode(bytes).0.into_owned();
    }
    let head = &bytes[..bytes.len().min(200)];
    if head.len() >= 4 {
        let zeros = |offset: usize| {
            head.iter()
                .skip(offset)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = head.len() / 2;
        if zeros(1) * 3 >= half * 2 {
            return encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
        }
        if zeros(0) * 3 >= half * 2 {
            return encoding_rs::UTF_16BE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// The separator of CSV text: `,`, `;` or tab, whichever the first non-blank line holds
/// most of outside quotes (`,` on a tie or when none).
pub fn separator(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    seps[best]
}

/// Reads one CSV file into a grid named after the file's stem.
pub fn read_file(path: &Path, lang: Lang) -> Result<Grid, Problem> {
    let fail = |message: String| Problem {
        place: String::new(),
        kind: ProblemKind::Io,
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| {
        fail(lang.pick(
            format!("无法读取 {}：{e}", path.display()),
            format!("cannot read {}: {e}", path.display()),
        ))
    })?;
    let text = decode(&bytes);
    let sep = separator(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<super::Cell>> = Vec::new();
    // Line breaks inside quoted cells so far: a record's row is its line less these.
    let mut inner_breaks = 0u64;
    // Lines counted up to a byte offset (blank lines included, which the reader skips).
    let (mut counted_to, mut lines) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| {
            fail(lang.pick(
                format!("{} 不是有效的 CSV：{e}", path.display()),
                format!("{}: not valid CSV: {e}", path.display()),
            ))
        })?;
        let line = match record.position() {
            Some(p) => {
                // The reader's position may be at the blank lines before the record.
                let mut to = (p.byte() as usize).min(text.len());
                while matches!(text.as_bytes().get(to), Some(b'\n' | b'\r')) {
                    to += 1;
                }
                if to > counted_to {
                    lines += text.as_bytes()[counted_to..to]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count() as u64;
                    counted_to = to;
                }
                lines
            }
            None => rows.len() as u64 + 1,
        };
        let row = line.saturating_sub(1 + inner_breaks) as usize;
        inner_breaks += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        if rows.len() < row {
            rows.resize(row, Vec::new());
        }
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        super::Cell::Empty
                    } else {
                        super::Cell::Text(s.to_owned())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Grid {
        name,
        rows,
        hidden: false,
        as_sheet: None,
        hidden_rows: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_separators_are_detected() {
        let le = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        // Without a byte order mark, UTF-16 is told by the zero bytes of its ASCII.
        let text = "id;name;minutes\nT1;海韵;40\n";
        assert_eq!(decode(&le(text)), text);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(le("编号;名称\n"));
        assert_eq!(decode(&bom), "编号;名称\n");
        assert_eq!(separator("编号;名称;\"a,b\"\n"), b';');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("a,b"), b',');
    }
}
