//! Reads a workbook's sheets into grids of cells (calamine): which sheets are hidden,
//! formula error values kept as errors, merged cells filled with their value, .ods
//! dates and times read as such; a file that is not a readable workbook is told apart
//! (damaged, password-protected, a web page or text saved as .xls) in one sentence.

use super::{text, Cell, Grid, Lang};
use crate::InputError;
use calamine::{open_workbook_auto, Data, Reader, SheetVisible, Sheets};
use chrono::Timelike;
use onedoor_core::error::ProblemKind;
use std::path::Path;

/// The file extensions read as workbooks.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Reads every sheet of the workbook at `path` (the explanation sheet too; the importer
/// uses only the sheets it knows).
pub fn read(path: &Path, lang: Lang) -> Result<Vec<Grid>, InputError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        InputError::single(
            &file,
            ProblemKind::Io,
            lang.pick(
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            ),
        )
    })?;
    let fail = |detail: String| {
        InputError::single(
            &file,
            ProblemKind::Io,
            not_a_workbook(&bytes, path, lang, &detail),
        )
    };
    if let Some(what) = sniff(&bytes, lang) {
        return Err(InputError::single(&file, ProblemKind::Io, what));
    }
    let mut book = open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut xml = std::collections::HashMap::new();
    if let Sheets::Xlsx(x) = &mut book {
        x.load_merged_regions().map_err(|e| fail(e.to_string()))?;
        xml = sheet_xml(path);
    }
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
        let merged: Vec<calamine::Dimensions> = match &book {
            Sheets::Xlsx(x) => x
                .merged_regions_by_sheet(&name)
                .into_iter()
                .map(|(_, _, d)| *d)
                .collect(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let extra = xml.remove(&name).unwrap_or_default();
        for &(r, c) in &extra.uncalculated {
            if r >= rows.len() {
                rows.resize(r + 1, Vec::new());
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Cell::Empty);
            }
            if rows[r][c] == Cell::Empty {
                rows[r][c] = Cell::Uncalculated;
            }
        }
        fill_merged(&mut rows, &merged);
        grids.push(Grid {
            hidden: hidden.contains(&name),
            as_sheet: None,
            hidden_rows: extra.hidden_rows,
            name,
            rows,
        });
    }
    Ok(grids)
}

/// Every cell of a merged range takes the value of its top-left cell (a department
/// merges the cells of one department down its rows).
fn fill_merged(rows: &mut [Vec<Cell>], merged: &[calamine::Dimensions]) {
    for m in merged {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
        if r1.saturating_sub(r0) > 100_000 || c1.saturating_sub(c0) > 1_000 {
            continue;
        }
        let value = rows
            .get(r0)
            .and_then(|r| r.get(c0))
            .cloned()
            .unwrap_or(Cell::Empty);
        if value == Cell::Empty {
            continue;
        }
        for row in rows.iter_mut().take(r1 + 1).skip(r0) {
            if row.len() <= c1 {
                row.resize(c1 + 1, Cell::Empty);
            }
            for cell in &mut row[c0..=c1] {
                if *cell == Cell::Empty {
                    *cell = value.clone();
                }
            }
        }
    }
}

/// What the bytes are when they are plainly not a workbook (`None`: let calamine try).
fn sniff(bytes: &[u8], lang: Lang) -> Option<String> {
    if bytes.is_empty() {
        return Some(lang.pick(
            "文件是空的（0 字节）：请重新保存或重新获取该文件。".to_owned(),
            "the file is empty (0 bytes): save it again or get the file again.".to_owned(),
        ));
    }
    let head = &bytes[..bytes.len().min(2048)];
    let lower = String::from_utf8_lossy(head).to_lowercase();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !zip && !ole {
        let html = ["<html", "<table", "<!doctype", "mime-version", "<?xml"]
            .iter()
            .any(|t| lower.contains(t));
        if html {
            return Some(lang.pick(
                "这不是真正的 Excel 文件，而是网页（HTML）另存为的表格：请用 Excel 或 WPS 打开，另存为“Excel 工作簿 (.xlsx)”后再导入。".to_owned(),
                "this is not a real Excel file but a web page (HTML) saved as a spreadsheet: open it in Excel or WPS, save it as an Excel workbook (.xlsx) and import that.".to_owned(),
            ));
        }
        let texty = head
            .iter()
            .all(|&b| b >= 0x20 || b == b'\n' || b == b'\r' || b == b'\t')
            || match std::str::from_utf8(head) {
                Ok(_) => true,
                Err(e) => e.error_len().is_none(),
            };
        if texty {
            return Some(lang.pick(
                "这是一个文本文件（可能是 CSV），不是工作簿：如果是 CSV，请把扩展名改为 .csv 再导入。".to_owned(),
                "this is a text file (CSV?), not a workbook: if it is CSV, rename it to .csv and import that.".to_owned(),
            ));
        }
    }
    if ole && contains_utf16(bytes, "EncryptedPackage") {
        return Some(lang.pick(
            "工作簿设有打开密码：请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空），保存后再导入。".to_owned(),
            "the workbook is protected by a password: open it in Excel or WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save and import again.".to_owned(),
        ));
    }
    None
}

/// Whether `bytes` hold `text` in UTF-16LE (a name in an OLE container).
fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// The sentence for a file calamine could not read.
fn not_a_workbook(bytes: &[u8], path: &Path, lang: Lang, detail: &str) -> String {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let lower = detail.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return lang.pick(
            "工作簿设有密码保护：请打开后取消密码，保存后再导入。".to_owned(),
            "the workbook is protected by a password: open it, remove the password, save and import again.".to_owned(),
        );
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if zip {
        return lang.pick(
            format!("文件已损坏或不完整（可能复制或下载时被截断），无法作为 .{ext} 工作簿打开：请用 Excel、WPS 或 LibreOffice 打开后重新保存，或重新获取该文件。"),
            format!("the file is damaged or incomplete (cut off while copying or downloading?) and cannot be opened as a .{ext} workbook: open it in Excel, WPS or LibreOffice and save it again, or get the file again."),
        );
    }
    if ole {
        return lang.pick(
            "这个旧版 Excel (.xls) 文件无法读取（可能已损坏）：请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。".to_owned(),
            "this old-style Excel (.xls) file cannot be read (damaged?): open it in Excel or WPS, save it as .xlsx and import that.".to_owned(),
        );
    }
    lang.pick(
        format!("这不是工作簿文件（.xlsx、.xls、.ods）：请用 Excel、WPS 或 LibreOffice 另存为 .xlsx 后再导入。（{detail}）"),
        format!("this is not a workbook (.xlsx, .xls, .ods): save it as .xlsx from Excel, WPS or LibreOffice and import that ({detail})."),
    )
}

/// A calamine cell as a [`Cell`].
fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Error(e) => Cell::Error(error_text(e)),
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
        Data::DateTimeIso(s) => match text::iso_datetime(s) {
            Some(t) if t.date().to_string() == "1899-12-30" => {
                Cell::Time(t.hour() * 60 + t.minute())
            }
            Some(t) if t.time() == chrono::NaiveTime::MIN => Cell::Date(t.date()),
            Some(t) => Cell::DateTime(t),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => match text::time_text(s) {
            Some(m) => Cell::Time(m),
            None => Cell::Text(s.clone()),
        },
    }
}

/// An error value as Excel shows it (`#N/A`, `#VALUE!`).
fn error_text(e: &calamine::CellErrorType) -> String {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIV/0!",
        E::NA => "#N/A",
        E::Name => "#NAME?",
        E::Null => "#NULL!",
        E::Num => "#NUM!",
        E::Ref => "#REF!",
        E::Value => "#VALUE!",
        E::GettingData => "#GETTING_DATA",
    }
    .to_owned()
}

/// What calamine does not tell of an xlsx sheet.
#[derive(Clone, Debug, Default)]
pub struct SheetXml {
    /// The hidden rows (1-based).
    pub hidden_rows: Vec<u32>,
    /// The cells (0-based row, column) holding a formula without a stored result
    /// (written by a program that does not calculate): calamine reads them as empty.
    pub uncalculated: Vec<(usize, usize)>,
}

/// Hidden rows and formulas without results of each sheet of an xlsx workbook, by sheet
/// name. Nothing when the parts cannot be read (the cells are read by calamine either
/// way).
pub fn sheet_xml(path: &Path) -> std::collections::HashMap<String, SheetXml> {
    let mut out = std::collections::HashMap::new();
    let Ok(file) = std::fs::File::open(path) else {
        return out;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return out;
    };
    let mut part = |name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).ok()?;
        Some(s)
    };
    let (Some(book), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return out;
    };
    let targets: Vec<(String, String)> = elements(&rels, "Relationship")
        .filter_map(|e| Some((attr(e, "Id")?, attr(e, "Target")?)))
        .collect();
    for sheet in elements(&book, "sheet") {
        let (Some(name), Some(id)) = (attr(sheet, "name"), attr(sheet, "r:id")) else {
            continue;
        };
        let Some((_, target)) = targets.iter().find(|(i, _)| *i == id) else {
            continue;
        };
        let target = target.trim_start_matches('/');
        let path = if target.starts_with("xl/") {
            target.to_owned()
        } else {
            format!("xl/{target}")
        };
        let Some(xml) = part(&path) else {
            continue;
        };
        let hidden_rows: Vec<u32> = elements(&xml, "row")
            .filter(|e| matches!(attr(e, "hidden").as_deref(), Some("1" | "true")))
            .filter_map(|e| attr(e, "r")?.parse().ok())
            .collect();
        out.insert(
            name,
            SheetXml {
                hidden_rows,
                uncalculated: uncalculated(&xml),
            },
        );
    }
    out
}

/// The cells of a sheet's XML holding a formula (`<f>`) but no stored value (`<v>`).
fn uncalculated(xml: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, _) in xml.match_indices("<c ") {
        let rest = &xml[i..];
        let Some(tag_end) = rest.find('>') else {
            continue;
        };
        if rest[..tag_end].ends_with('/') {
            continue;
        }
        let body = &rest[tag_end..rest.find("</c>").unwrap_or(rest.len())];
        if !(body.contains("<f>") || body.contains("<f ")) || body.contains("<v") {
            continue;
        }
        if let Some(at) = attr(&rest[3..tag_end], "r").and_then(|r| cell_ref(&r)) {
            out.push(at);
        }
    }
    out
}

/// `H6` → (5, 7), 0-based row and column.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_uppercase).count();
    // Excel's last column is XFD, its last row 1048576.
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters]
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    let row: usize = r[letters..].parse().ok()?;
    (row <= 1_048_576 && col <= 16_384).then_some((row.checked_sub(1)?, col - 1))
}

/// The start tags `<NAME …>` of an XML text (their attribute text).
fn elements<'a>(xml: &'a str, name: &str) -> std::vec::IntoIter<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(open.as_str())
        .filter_map(|(i, _)| {
            let rest = &xml[i + open.len()..];
            rest.find('>').map(|end| &rest[..end])
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// An attribute's value in a start tag's text, XML entities undone.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag[from..].find(&key) {
        let at = from + i;
        // A whole attribute name, not the end of another (`r:id` versus `id`).
        if at == 0 || tag[..at].ends_with(char::is_whitespace) {
            let rest = &tag[at + key.len()..];
            let value = &rest[..rest.find('"')?];
            return Some(
                value
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        from = at + key.len();
    }
    None
}
