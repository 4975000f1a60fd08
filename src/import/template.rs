//! Writes the workbook to fill in (rust_xlsxwriter): one sheet per list of the scenario,
//! the settings sheet and the explanation sheet, optionally holding a scenario's data.

use super::columns::{
    Column, Kind, Sheet, HELP_ZH, SETTINGS, SETTINGS_EN, SETTINGS_HEADERS, SETTINGS_ZH, SHEETS,
};
use onedoor_core::json::Json;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
    Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// Data validation (drop-downs) reaches down to this row at least.
const VALIDATED_ROWS: u32 = 1000;

/// Common weekday sets offered in weekday cells (any other list may be typed).
const WEEKDAY_CHOICES: &[&str] = &[
    "周一、周二、周三、周四、周五",
    "周一、周二、周三、周四、周五、周六",
    "周一、周二、周三、周四、周五、周六、周日",
    "周二、周三、周四、周五、周六、周日",
];

/// The workbook's bytes: empty sheets, or `scenario`'s data (a complete scenario tree,
/// as [`crate::variant::Loaded::json`]). The same input gives the same bytes.
pub fn workbook(scenario: Option<&Json>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("onedoor scenario")
            .set_creation_datetime(&epoch),
    );
    let styles = Styles::new();
    let empty = Json::Object(Vec::new());
    let root = scenario.unwrap_or(&empty);

    let help = book.add_worksheet();
    help.set_name(HELP_ZH)?;
    write_help(help, &styles)?;
    // The sheets people fill in most come first.
    let order = [
        "任务",
        "企业",
        "人员",
        "部门",
        "检查事项",
        "地点",
        "连接",
        "互斥部门",
    ];
    let n_depts = list(root, "departments").len() as u32;
    let names = item_names(list(root, "items"));
    for zh in order {
        let Some(sheet) = SHEETS.iter().find(|s| s.zh == zh) else {
            continue;
        };
        let ws = book.add_worksheet();
        ws.set_name(sheet.zh)?;
        write_sheet(ws, sheet, list(root, sheet.list), n_depts, &names, &styles)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(SETTINGS_ZH)?;
    write_settings(ws, root, &styles)?;
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    english: Format,
    date: Format,
    title: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7)),
            english: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x808080))
                .set_background_color(Color::RGB(0xF2F2F2)),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            title: Format::new().set_bold(),
        }
    }
}

/// The name a task's item is written as: the catalogue's name when import reads it back
/// as that item (unique, no list separator, not another item's id), else the id.
fn item_names(items: &[Json]) -> std::collections::HashMap<String, String> {
    let text = |v: &Json, k: &str| match v.get(k) {
        Some(Json::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let ids: Vec<String> = items.iter().filter_map(|i| text(i, "id")).collect();
    let names: Vec<String> = items.iter().filter_map(|i| text(i, "name")).collect();
    let mut out = std::collections::HashMap::new();
    for item in items {
        let (Some(id), Some(name)) = (text(item, "id"), text(item, "name")) else {
            continue;
        };
        let safe = name.trim() == name
            && !name.is_empty()
            && super::split(&name).count() == 1
            && super::split(&name).next() == Some(name.as_str())
            && names.iter().filter(|n| **n == name).count() == 1
            && !ids.iter().any(|i| *i == name && *i != id);
        if safe {
            out.insert(id, name);
        }
    }
    out
}

/// The list at a dotted path of the root (`tasks`, `travel.links`), or nothing.
fn list<'a>(root: &'a Json, path: &str) -> &'a [Json] {
    match get_path(root, path) {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// The value at a dotted path (`open.hours.start`); `0`/`1` index an array.
fn get_path<'a>(v: &'a Json, path: &str) -> Option<&'a Json> {
    let mut cur = v;
    for key in path.split('.') {
        cur = match cur {
            Json::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => cur.get(key)?,
        };
    }
    (*cur != Json::Null).then_some(cur)
}

/// Display width of a cell's text (CJK characters count 2).
fn width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The text of a list cell (`names`: how checklist items are written).
fn list_text(v: &Json, kind: Kind, names: &std::collections::HashMap<String, String>) -> String {
    let Json::Array(items) = v else {
        return scalar_text(v);
    };
    let texts: Vec<String> = items
        .iter()
        .map(|i| match (kind, i) {
            (Kind::Weekdays, Json::Str(s)) => super::weekday_zh(s).map_or(s.clone(), str::to_owned),
            (Kind::Items, Json::Str(s)) => names.get(s).unwrap_or(s).clone(),
            _ => scalar_text(i),
        })
        .collect();
    texts.join(if kind == Kind::Weekdays { "、" } else { "; " })
}

fn scalar_text(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        Json::Int(i) => i.to_string(),
        Json::Float(x) => x.to_string(),
        Json::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Json::Null => String::new(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Writes one value; returns its display width.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Json,
    kind: Kind,
    names: &std::collections::HashMap<String, String>,
    styles: &Styles,
) -> Result<usize, XlsxError> {
    if kind.is_list() {
        let text = list_text(v, kind, names);
        ws.write_string(row, col, &text)?;
        return Ok(width(&text));
    }
    match (kind, v) {
        (Kind::Date, Json::Str(s)) => {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                use chrono::Datelike;
                if let (Ok(y), Ok(m), Ok(dd)) = (
                    u16::try_from(d.year()),
                    u8::try_from(d.month()),
                    u8::try_from(d.day()),
                ) {
                    if let Ok(x) = ExcelDateTime::from_ymd(y, m, dd) {
                        ws.write_date_with_format(row, col, &x, &styles.date)?;
                        return Ok(10);
                    }
                }
            }
            ws.write_string(row, col, s)?;
            Ok(width(s))
        }
        (_, Json::Int(i)) => {
            ws.write_number(row, col, *i as f64)?;
            Ok(i.to_string().len())
        }
        (_, Json::Float(x)) => {
            ws.write_number(row, col, *x)?;
            Ok(x.to_string().len())
        }
        _ => {
            let text = scalar_text(v);
            ws.write_string(row, col, &text)?;
            Ok(width(&text))
        }
    }
}

fn write_headers(
    ws: &mut Worksheet,
    headers: &[(&str, &str)],
    styles: &Styles,
) -> Result<Vec<usize>, XlsxError> {
    let mut widths = Vec::new();
    for (c, (zh, en)) in headers.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, *zh, &styles.header)?;
        ws.write_string_with_format(1, c16, *en, &styles.english)?;
        widths.push(width(zh).max(width(en)));
    }
    ws.set_freeze_panes(2, 0)?;
    Ok(widths)
}

fn set_widths(ws: &mut Worksheet, widths: &[usize]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    Ok(())
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    items: &[Json],
    n_depts: u32,
    names: &std::collections::HashMap<String, String>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let headers: Vec<(&str, &str)> = sheet.columns.iter().map(|c| (c.zh, c.field)).collect();
    let mut widths = write_headers(ws, &headers, styles)?;
    for (i, item) in items.iter().enumerate() {
        let row = i as u32 + 2;
        for (c, column) in sheet.columns.iter().enumerate() {
            if let Some(v) = get_path(item, column.field) {
                let w = write_value(ws, row, c as u16, v, column.kind, names, styles)?;
                widths[c] = widths[c].max(w);
            }
        }
    }
    let last = (items.len() as u32 + 2).max(VALIDATED_ROWS);
    for (c, column) in sheet.columns.iter().enumerate() {
        if let Some(v) = validation(column, n_depts)? {
            ws.add_data_validation(2, c as u16, last, c as u16, &v)?;
        }
    }
    set_widths(ws, &widths)
}

/// The drop-down of a column, if one helps: 是/否, the departments' ids, weekday sets.
/// Other values may still be typed (names, other lists): the import reads them.
fn validation(column: &Column, n_depts: u32) -> Result<Option<DataValidation>, XlsxError> {
    Ok(Some(match column.kind {
        Kind::Bool => DataValidation::new()
            .allow_list_strings(&["是", "否"])?
            .set_error_style(DataValidationErrorStyle::Warning),
        Kind::Dept => {
            let last = (n_depts + 2).max(200);
            DataValidation::new()
                .allow_list_formula(Formula::new(format!("=部门!$A$3:$A${last}")))
                .set_error_style(DataValidationErrorStyle::Information)
        }
        Kind::Weekdays => DataValidation::new()
            .allow_list_strings(WEEKDAY_CHOICES)?
            .set_error_style(DataValidationErrorStyle::Information),
        _ => return Ok(None),
    }))
}

fn write_settings(ws: &mut Worksheet, root: &Json, styles: &Styles) -> Result<(), XlsxError> {
    let mut widths = write_headers(ws, &SETTINGS_HEADERS, styles)?;
    for (i, s) in SETTINGS.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string(row, 0, s.zh)?;
        ws.write_string(row, 1, s.field)?;
        ws.write_string(row, 3, s.help)?;
        widths[0] = widths[0].max(width(s.zh));
        widths[1] = widths[1].max(width(s.field));
        widths[3] = widths[3].max(width(s.help));
        if let Some(v) = get_path(root, s.field) {
            let w = write_value(ws, row, 2, v, s.kind, &Default::default(), styles)?;
            widths[2] = widths[2].max(w);
        }
        if s.kind == Kind::Weekdays {
            if let Some(v) = validation(s, 0)? {
                ws.add_data_validation(row, 2, row, 2, &v)?;
            }
        }
    }
    set_widths(ws, &widths)
}

fn write_help(ws: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    let intro = [
        "onedoor 综合查一次 — 填写说明 (how to fill in this workbook)",
        "每个工作表第1行是中文表头，第2行是英文字段名；从第3行起每行一条。表头上方可以有标题行，空行会被跳过。",
        "Row 1 holds the headers, row 2 the field names; one item per row from row 3. A title row above the header and blank rows are fine.",
        "引用（部门、企业、出发地）可填编号或名称（部门也可填 别名）；日期可填 Excel 日期或 2022-09-12、2022/9/12、2022年9月12日；时间可填 09:00、上午9:00、9点半；是/否 也可填 有/无、yes/no、1/0；列表用 ; 、 ， 分隔；营业日可写 周一至周五。",
        "References take ids or names (a department also its 别名); dates an Excel date or text; times 09:00, 上午9:00, 9点半; yes/no also 有/无, 1/0; lists are separated by ; 、 or ，. Columns headed 备注 (notes) or 序号 are ignored.",
        "检查内容 填 检查事项 表中的编号或名称；是否告知 填 否 的任务不会出现在发给企业的告知书中。不填 编号 的任务按 部门-企业-序号 自动编号。隐藏的工作表不会被读取。",
        "检查内容 takes ids or names of the 检查事项 sheet; a task with 是否告知 否 never appears in what businesses are sent. A task without 编号 gets the id department-business-n. Hidden sheets are not read.",
        "导入: onedoor import 本文件.xlsx -o week.json   或直接排程: onedoor plan 本文件.xlsx",
    ];
    let plain = Format::new();
    let mut row = 0;
    for line in intro {
        let format = if row == 0 { &styles.title } else { &plain };
        ws.write_string_with_format(row, 0, line, format)?;
        row += 1;
    }
    row += 1;
    let headers = [
        "工作表 sheet",
        "表头 header",
        "字段 field",
        "类型 kind",
        "必填 required",
        "说明 meaning",
    ];
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &styles.header)?;
    }
    row += 1;
    let mut lines: Vec<[String; 6]> = Vec::new();
    for sheet in SHEETS {
        for c in sheet.columns {
            lines.push(line(&format!("{} {}", sheet.zh, sheet.en), c));
        }
    }
    for s in SETTINGS {
        lines.push(line(&format!("{SETTINGS_ZH} {SETTINGS_EN}"), s));
    }
    for l in &lines {
        for (c, text) in l.iter().enumerate() {
            ws.write_string(row, c as u16, text)?;
            widths[c] = widths[c].max(width(text));
        }
        row += 1;
    }
    // The long intro lines overflow into empty cells: size the table only.
    set_widths(ws, &widths)
}

fn line(sheet: &str, c: &Column) -> [String; 6] {
    [
        sheet.to_owned(),
        c.zh.to_owned(),
        c.field.to_owned(),
        c.kind.label().to_owned(),
        if c.required { "是" } else { "" }.to_owned(),
        c.help.to_owned(),
    ]
}
