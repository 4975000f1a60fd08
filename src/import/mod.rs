//! Spreadsheets in and out: `onedoor import` builds a scenario from a workbook, a folder
//! of CSV files (one per sheet) or a single CSV file of tasks; `onedoor template` writes
//! a workbook to fill in.
//!
//! Import reads every sheet into a grid of cells ([`workbook`], [`csv`]), picks the
//! visible sheet of each kind by its name, finds each sheet's header row by its known
//! headers ([`columns`], one table for both directions), turns each row into the
//! scenario's JSON object (names resolved to ids, dates, times, yes/no and lists read as
//! people type them, [`text`]), then runs the tree through the scenario loader itself:
//! the problems are exactly the JSON loader's, with the same codes, each translated from
//! its JSON place (`tasks[16].business`) back to the cell it came from (`任务!C17
//! (企业)`), in the workbook's language. Nothing a cell says is dropped silently: a value
//! that cannot be read as meant is an error at its cell, and what is read but has no
//! effect (a hidden sheet, an unknown column, a date outside the week) is a warning.

pub mod columns;
pub mod csv;
pub mod template;
pub mod text;
pub mod workbook;

use crate::variant::{Loaded, Shortcuts};
use crate::InputError;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use columns::{
    Column, Kind, Sheet, ALIASES, HEADER_ALIASES, IGNORED_HEADERS, SETTINGS, SETTINGS_EN,
    SETTINGS_HEADERS, SETTINGS_ZH, SHEETS,
};
use onedoor_core::error::{Problem, ProblemKind};
use onedoor_core::json::Json;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use text::{fold, show, DateText};

pub use crate::lang::Lang;

/// How to import.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The messages' language; `None`: Chinese, or English when the task sheet has its
    /// English name (`tasks`).
    pub lang: Option<Lang>,
}

/// A scenario imported from a spreadsheet.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The scenario's JSON tree (what `import` writes).
    pub tree: Json,
    /// The validated scenario.
    pub scenario: crate::Scenario,
    /// What was read but has no effect, or was not read (hidden sheets, unknown columns,
    /// dates outside the week), one line each with its place.
    pub warnings: Vec<String>,
    /// The language the messages are in.
    pub lang: Lang,
}

/// One cell as read from a workbook or a CSV file.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A date (an Excel date cell).
    Date(NaiveDate),
    /// A date with a time of day.
    DateTime(NaiveDateTime),
    /// A time of day, in minutes after midnight.
    Time(u32),
    /// A formula's error value, as shown (`#N/A`).
    Error(String),
    /// A formula without a stored result (the file was written by a program that does
    /// not calculate).
    Uncalculated,
}

impl Cell {
    /// Whether the cell looks empty: nothing, or text of spaces and invisible characters
    /// only (a formula returning "", a single space).
    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}')),
            _ => false,
        }
    }
}

/// One sheet: its name as found and its cells, `rows[r][c]` for row `r + 1` and column
/// `c` (0 = A) of the spreadsheet.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The sheet's name in the workbook (or the CSV file's stem).
    pub name: String,
    /// The cells, by row then column.
    pub rows: Vec<Vec<Cell>>,
    /// Whether the sheet is hidden (hidden sheets are not read).
    pub hidden: bool,
    /// The sheet it is read as whatever its name (a single CSV file of tasks).
    pub as_sheet: Option<&'static str>,
    /// The rows (1-based) hidden in the spreadsheet (read like the others; a warning
    /// names them).
    pub hidden_rows: Vec<u32>,
}

impl Grid {
    fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&Cell::Empty)
    }
}

/// Whether `path` is read by the importer rather than as JSON: a workbook (`.xlsx`,
/// `.xlsm`, `.xls`, `.xlsb`, `.ods`), a CSV file or a folder of CSV files.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.is_dir()
        || csv::is_csv(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| workbook::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Loads a scenario the way every command does: a workbook or CSV folder through the
/// importer (its warnings on stderr), anything else (JSON scenario or variant) through
/// [`crate::variant::load`]. The shortcuts apply either way. This is the one place the
/// CLI reads a scenario.
pub fn load(path: &Path, shortcuts: &Shortcuts) -> Result<Loaded, InputError> {
    if !is_spreadsheet(path) {
        return crate::variant::load(path, shortcuts);
    }
    let imported = import_with(path, &Options::default())?;
    print_warnings(&path.display().to_string(), &imported);
    crate::variant::load_tree(imported.tree, &path.display().to_string(), shortcuts)
}

/// Prints an import's warnings on stderr, one line each.
pub fn print_warnings(file: &str, imported: &Imported) {
    let label = imported.lang.pick("警告", "warning");
    for w in &imported.warnings {
        eprintln!("onedoor: {label}: {file}: {w}");
    }
}

/// Reads a workbook, a CSV file or a folder of CSV files into a scenario tree and
/// validates it. Every problem, located in the spreadsheet, is in the error.
pub fn import(path: &Path) -> Result<(Json, crate::Scenario), InputError> {
    import_with(path, &Options::default()).map(|i| (i.tree, i.scenario))
}

/// [`import`] with options, keeping the warnings.
pub fn import_with(path: &Path, options: &Options) -> Result<Imported, InputError> {
    let file = path.display().to_string();
    let lang = options.lang.unwrap_or_default();
    let grids = if path.is_dir() {
        csv::read_dir(path, lang)?
    } else if csv::is_csv(path) {
        let mut grid = csv::read_file(path, lang).map_err(|p| InputError {
            file: file.clone(),
            problems: vec![p],
        })?;
        let known = SHEETS
            .iter()
            .map(|s| (s.zh, s.en))
            .chain([(SETTINGS_ZH, SETTINGS_EN)])
            .any(|(zh, en)| sheet_matches(&grid.name, zh, en));
        if !known {
            grid.as_sheet = Some(columns::TASKS.zh);
        }
        vec![grid]
    } else {
        workbook::read(path, lang)?
    };
    build_with(&grids, &file, options)
}

/// Builds and validates the scenario tree from the sheets read (`file` names the source).
pub fn build(grids: &[Grid], file: &str) -> Result<(Json, crate::Scenario), InputError> {
    build_with(grids, file, &Options::default()).map(|i| (i.tree, i.scenario))
}

/// [`build`] with options, keeping the warnings.
pub fn build_with(grids: &[Grid], file: &str, options: &Options) -> Result<Imported, InputError> {
    let mut b = Builder {
        lang: options.lang.unwrap_or_default(),
        ..Builder::default()
    };
    let tree = b.tree(grids, options.lang);
    b.horizon_warnings(&tree);
    let lang = b.lang;
    let text = serde_json::to_string(&tree).map_err(|e| {
        InputError::single(
            file,
            ProblemKind::Invalid,
            format!("cannot write the scenario: {e}"),
        )
    })?;
    let loaded = crate::parse_scenario(&text, file);
    let mut problems = std::mem::take(&mut b.problems);
    if let Err(e) = &loaded {
        let own: HashSet<String> = problems.iter().map(|p| p.place.clone()).collect();
        for p in &e.problems {
            let located = b.locate(&p.place);
            if own.contains(&located.place) {
                continue;
            }
            // "id \"B1\" is already used at businesses[0].id": that place too.
            let message = match p.message.rsplit_once(" is already used at ") {
                Some((head, at)) => format!("{head} is already used at {}", b.locate(at).place),
                None => p.message.clone(),
            };
            // "x/y location, but places[0].location uses lat/lon": that place too.
            let message = match message.split_once(" location, but ") {
                Some((this, rest)) => match rest.split_once(" uses ") {
                    Some((at, tail)) => {
                        format!("{this} location, but {} uses {tail}", b.locate(at).place)
                    }
                    None => message,
                },
                None => message,
            };
            let message = match lang {
                Lang::Zh => zh_message(&message, b.raw.get(&located.place).map(String::as_str)),
                Lang::En => match b.raw.get(&located.place) {
                    Some(raw) if message.starts_with("expected ") => {
                        format!("{message} ({})", show(raw))
                    }
                    _ => message,
                },
            };
            problems.push(Located {
                kind: p.kind,
                message,
                ..located
            });
        }
    }
    let warnings = group(std::mem::take(&mut b.warnings), lang)
        .into_iter()
        .map(|p| {
            if p.place.is_empty() {
                p.message
            } else {
                format!("{}: {}", p.place, p.message)
            }
        })
        .collect();
    match loaded {
        Ok(scenario) if problems.is_empty() => Ok(Imported {
            tree,
            scenario,
            warnings,
            lang,
        }),
        _ => Err(InputError {
            file: file.to_owned(),
            problems: group(problems, lang)
                .into_iter()
                .map(|p| Problem {
                    place: p.place,
                    kind: p.kind,
                    message: p.message,
                })
                .collect(),
        }),
    }
}

/// Sorts problems by place and folds the same mistake in one column on many rows (four
/// or more) into one problem naming the count and the first cells.
fn group(mut problems: Vec<Located>, lang: Lang) -> Vec<Located> {
    problems.sort_by_key(|p| p.rank);
    let mut out: Vec<Located> = Vec::new();
    let mut runs: HashMap<(String, u32, String, String), Vec<Located>> = HashMap::new();
    let mut order: Vec<(String, u32, String, String)> = Vec::new();
    for p in problems {
        let Some((sheet, col, _, header)) = p.cell.clone() else {
            out.push(p);
            continue;
        };
        let key = (sheet, col, header, format!("{:?} {}", p.kind, p.message));
        if !runs.contains_key(&key) {
            order.push(key.clone());
        }
        runs.entry(key).or_default().push(p);
    }
    for key in order {
        let Some(run) = runs.remove(&key) else {
            continue;
        };
        if run.len() < 4 {
            out.extend(run);
            continue;
        }
        let (sheet, col, header, _) = key;
        let first: Vec<String> = run
            .iter()
            .take(3)
            .filter_map(|p| {
                p.cell
                    .as_ref()
                    .map(|c| format!("{}{}", col_letter(col), c.2))
            })
            .collect();
        let n = run.len();
        let place = lang.pick(
            format!("{sheet}!{} 等 {n} 处 ({header})", first.join("、")),
            format!(
                "{sheet}!{} and {} more cells ({header})",
                first.join(", "),
                n - first.len()
            ),
        );
        let head = &run[0];
        out.push(Located {
            rank: head.rank,
            place,
            kind: head.kind,
            message: head.message.clone(),
            cell: None,
        });
    }
    out.sort_by_key(|p| p.rank);
    out
}

/// A loader message in Chinese (the loader writes English; `raw` is the cell as typed).
pub fn zh_message(message: &str, raw: Option<&str>) -> String {
    let quoted = |m: &str| -> Option<String> {
        let start = m.find('"')?;
        let end = m[start + 1..].find('"')? + start + 1;
        Some(m[start + 1..end].to_owned())
    };
    let shown = |fallback: &str| raw.map_or_else(|| fallback.to_owned(), show);
    for (en, zh) in [
        ("unknown department \"", "未知的部门"),
        ("unknown business \"", "未知的企业"),
        ("unknown place or business \"", "未知的地点或企业"),
    ] {
        if message.starts_with(en) {
            let v = quoted(message).unwrap_or_default();
            return format!("{zh} {}：请填写已有的编号或名称", show(&v));
        }
    }
    if let Some((head, at)) = message.split_once(" is already used at ") {
        let v = quoted(head).unwrap_or_default();
        return format!("编号 {} 重复（已在 {at} 使用）：编号不能重复", show(&v));
    }
    if message.starts_with("required field \"horizon") {
        return "缺少本周的开始日期和结束日期：请在 设置 表填写 开始日期 和 结束日期".to_owned();
    }
    if message.starts_with("required field \"") {
        return "必填项为空：请填写".to_owned();
    }
    if let Some(rest) = message.strip_prefix("expected ") {
        let (expected, _) = rest.split_once(", found").unwrap_or((rest, ""));
        let what = match expected {
            "an integer" => "整数",
            "a number" => "数字",
            "a string" => "文本",
            "true or false" => "是 或 否",
            "an array" => "列表",
            "an object" => "对象",
            other => other,
        };
        return match raw {
            Some(r) => format!("应为{what}，填的是 {}", show(r)),
            None => format!("应为{what}"),
        };
    }
    if message.contains("is not a date") {
        let v = quoted(message).unwrap_or_default();
        return format!("{} 不是日期：请写成 2022-09-12 这样的日期", show(&v));
    }
    if message.contains("is not a time") {
        let v = quoted(message).unwrap_or_default();
        return format!(
            "{} 不是时间：请写成 09:00 这样的时间（00:00 到 23:59）",
            show(&v)
        );
    }
    if message.contains("is not a weekday") {
        let v = quoted(message).unwrap_or_default();
        return format!("{} 不是星期：请写 周一 … 周日 或 周一至周五", show(&v));
    }
    if let Some((i, range)) = message.split_once(" is out of range: must be ") {
        let range = range
            .replace("at least ", "至少 ")
            .replace("from ", "")
            .replace(" to ", " 到 ");
        return format!("{i} 超出范围：应为 {range}");
    }
    if let Some(rest) = message.strip_prefix("latest (") {
        if let Some((l, e)) = rest.split_once(") is before earliest (") {
            return format!(
                "最晚日期 {l} 早于最早日期 {}：请检查日期",
                e.trim_end_matches(')')
            );
        }
    }
    if let Some(rest) = message.strip_prefix("end ") {
        if let Some((e, s)) = rest.split_once(" is not after start ") {
            return format!("结束时间 {e} 不晚于开始时间 {s}");
        }
    }
    if let Some(rest) = message.strip_prefix("pinned date ") {
        if let Some((d, h)) = rest.split_once(" is outside the horizon ") {
            return format!("固定日期 {d} 不在本周 {} 之内", h.replace(" to ", " 至 "));
        }
    }
    if let Some(rest) = message.strip_prefix("the horizon ends (") {
        if let Some((e, st)) = rest.split_once(") before it starts (") {
            return format!(
                "结束日期 {e} 早于开始日期 {}：请检查 设置 表的日期",
                st.trim_end_matches(')')
            );
        }
    }
    if message.starts_with("a department cannot be incompatible with itself") {
        return "一个部门不能与自己互斥：请填写两个不同的部门".to_owned();
    }
    if let Some(v) = message.strip_prefix("speed must be positive, found ") {
        return format!("车速必须大于 0，填的是 {v}");
    }
    if let Some(v) = message.strip_prefix("detour must not be negative, found ") {
        return format!("绕行系数不能为负数，填的是 {v}");
    }
    for (en, zh, range) in [
        ("latitude ", "纬度", "-90 到 90"),
        ("longitude ", "经度", "-180 到 180"),
    ] {
        if let Some(rest) = message.strip_prefix(en) {
            if let Some((v, _)) = rest.split_once(" is outside ") {
                return format!("{zh} {v} 超出范围：应为 {range}（是否把纬度和经度填反了？）");
            }
        }
    }
    if let Some(rest) = message.strip_prefix("format version ") {
        let v = rest.split(' ').next().unwrap_or("");
        return format!(
            "格式版本 {v} 不受支持：本程序读取版本 1（设置 表的 格式版本 填 1 或留空）"
        );
    }
    if let Some((this, rest)) = message.split_once(" location, but ") {
        if let Some((at, that)) = rest.split_once(" uses ") {
            let form = |f: &str| {
                if f.starts_with("x/y") {
                    "X/Y(公里)"
                } else {
                    "纬度/经度"
                }
            };
            return format!(
                "这里用 {} 表示位置，而 {at} 用的是 {}：整个工作簿请只用一种",
                form(this),
                form(that)
            );
        }
    }
    if message == "ids must not be empty" {
        return "编号不能为空".to_owned();
    }
    if message.starts_with("ids must not hold") {
        return format!(
            "编号 {} 含有控制字符、不可见字符或方向控制字符：请删除后重新输入",
            shown("")
        );
    }
    message.to_owned()
}

/// A problem (or warning) with its place in the spreadsheet and a sort key (sheet, row,
/// column).
#[derive(Clone, Debug)]
struct Located {
    rank: (usize, u32, u32),
    place: String,
    kind: ProblemKind,
    message: String,
    /// The cell (sheet, column, row, header), when it is one: problems of one column
    /// are grouped by it.
    cell: Option<(String, u32, u32, String)>,
}

/// The headers one entity sheet knows: its own columns (and on the task sheet the
/// business columns), their aliases, and near misses of its own columns.
struct Headers {
    /// The sheet's own columns.
    columns: &'static [Column],
    /// Every column a header may name.
    all: Vec<&'static Column>,
    /// Other headers for a field: (header, field).
    aliases: Vec<(&'static str, &'static str)>,
}

impl Headers {
    fn new(sheet: &Sheet) -> Headers {
        let extra: &'static [Column] = if sheet.list == "tasks" {
            columns::TASK_BUSINESS
        } else {
            &[]
        };
        Headers {
            columns: sheet.columns,
            all: sheet.columns.iter().chain(extra).collect(),
            aliases: HEADER_ALIASES
                .iter()
                .filter(|(l, _, _)| *l == sheet.list)
                .map(|(_, h, f)| (*h, *f))
                .collect(),
        }
    }

    /// The column a header names: its Chinese header, its field, or an alias.
    fn find(&self, text: &str) -> Option<&'static Column> {
        let t = norm(text);
        self.all
            .iter()
            .copied()
            .find(|c| norm(c.zh) == t || norm(c.field) == t)
            .or_else(|| {
                let (_, f) = self.aliases.iter().find(|(h, _)| norm(h) == t)?;
                self.all.iter().copied().find(|c| c.field == *f)
            })
    }

    /// The Chinese header a header almost is: the same letters, or one typo.
    fn near(&self, text: &str) -> Option<&'static str> {
        let l = loose(text);
        let columns = self.columns;
        columns
            .iter()
            .find(|c| !l.is_empty() && (loose(c.zh) == l || loose(c.field) == l))
            .or_else(|| {
                (l.chars().count() >= 3)
                    .then(|| {
                        columns.iter().find(|c| {
                            text::likeness(&l, &loose(c.zh)) >= 0.75
                                && l.chars().count().abs_diff(loose(c.zh).chars().count()) <= 1
                        })
                    })
                    .flatten()
            })
            .map(|c| c.zh)
    }
}

/// Where the items of one list came from.
#[derive(Clone, Debug, Default)]
struct ListLoc {
    sheet: String,
    rank: usize,
    /// The spreadsheet row (1-based) of each item.
    rows: Vec<u32>,
    /// Field → (column, 0-based; the header as written).
    cols: Vec<(&'static str, u32, String)>,
}

/// Where the settings came from.
#[derive(Clone, Debug, Default)]
struct SettingsLoc {
    sheet: String,
    value_col: u32,
    value_header: String,
    rows: HashMap<&'static str, u32>,
}

/// Ids, names and aliases of one id space, for references by name.
#[derive(Clone, Debug, Default)]
struct Lookup {
    ids: HashSet<String>,
    names: HashMap<String, Vec<String>>,
}

impl Lookup {
    fn add(&mut self, items: &[Json]) {
        for item in items {
            if let Some(Json::Str(id)) = item.get("id") {
                self.ids.insert(id.clone());
                if let Some(Json::Str(name)) = item.get("name") {
                    self.alias(name, id);
                }
            }
        }
    }

    /// Another name for `id`.
    fn alias(&mut self, name: &str, id: &str) {
        let ids = self.names.entry(name.to_owned()).or_default();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_owned());
        }
    }

    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id for `text`: itself when it is an id, else the one id with that name (or
    /// alias), also when typed with full-width letters. `Ok(None)`: unknown. `Err` names
    /// the ids when several share the name.
    fn resolve(&self, text: &str) -> Result<Option<String>, Vec<String>> {
        let folded = fold(text);
        for t in [text, folded.trim()] {
            if self.ids.contains(t) {
                return Ok(Some(t.to_owned()));
            }
            match self.names.get(t).map(Vec::as_slice) {
                Some([one]) => return Ok(Some(one.clone())),
                Some(many) if many.len() > 1 => return Err(many.to_vec()),
                _ => {}
            }
        }
        Ok(None)
    }

    /// The known id or name most like `text`, for "did you mean".
    fn suggest(&self, text: &str) -> Option<String> {
        let candidates = self.ids.iter().chain(self.names.keys()).map(String::as_str);
        let mut all: Vec<&str> = candidates.collect();
        all.sort_unstable();
        all.dedup();
        text::closest(text, all.into_iter()).map(str::to_owned)
    }
}

#[derive(Default)]
struct Builder {
    lang: Lang,
    problems: Vec<Located>,
    warnings: Vec<Located>,
    lists: HashMap<&'static str, ListLoc>,
    settings: Option<SettingsLoc>,
    depts: Lookup,
    bizs: Lookup,
    nodes: Lookup,
    items: Lookup,
    /// A cell's place → its value as typed, for messages.
    raw: HashMap<String, String>,
    /// The time of day a pinned date cell held, for the row's pinned start.
    pinned_time: Option<u32>,
    /// The horizon's first date, for hints.
    start: Option<NaiveDate>,
    /// Departments' aliases (the 别名 column): (alias, department id).
    aliases: Vec<(String, String)>,
    /// Tasks without an id so far, per (department, business).
    derived: HashMap<(String, String), u32>,
    /// A business's address, contact or phone given in the task sheet: (business id,
    /// field, value, cell).
    task_business: Vec<(String, &'static str, Json, At)>,
    /// Suggestions made so far: (lookup, text) → suggestion.
    suggestions: HashMap<(u8, String), Option<String>>,
}

/// The rank of the settings sheet (after every entity sheet).
const SETTINGS_RANK: usize = 100;

/// A cell's place for people: `任务!C17`, or `任务!C17 (企业)` with its header.
fn cell_place(sheet: &str, col: u32, row: impl std::fmt::Display, header: Option<&str>) -> String {
    match header {
        Some(h) => format!("{sheet}!{}{row} ({h})", col_letter(col)),
        None => format!("{sheet}!{}{row}", col_letter(col)),
    }
}

/// Column letters: 0 → A, 26 → AA.
pub fn col_letter(c: u32) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.iter().rev().map(|&b| b as char).collect()
}

/// A header as compared: trimmed, without spaces or a trailing `*`, full-width brackets
/// made ASCII, lowercase.
fn norm(text: &str) -> String {
    fold(text)
        .trim()
        .trim_end_matches('*')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A header with only its letters and digits (`时长/分钟` and `时长(分钟)` alike).
fn loose(text: &str) -> String {
    norm(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A sheet's name as matched: full-width folded, without spaces, a copy's suffix
/// (`任务 (2)`, `任务_2`) or a trailing 表 (`任务表`), lowercase.
fn sheet_key(name: &str) -> String {
    let mut k: String = fold(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if k.ends_with(')') {
        if let Some(i) = k.rfind('(') {
            if k[i + 1..k.len() - 1].bytes().all(|b| b.is_ascii_digit()) {
                k.truncate(i);
            }
        }
    }
    let digits = k.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits < k.len() && k[..digits].ends_with(['_', '-']) {
        k.truncate(digits - 1);
    }
    k.strip_suffix('表').map(str::to_owned).unwrap_or(k)
}

/// Whether a sheet (or CSV file stem) named `name` is the sheet `zh` / `en`: by its
/// name, or by the part after its last `-` (LibreOffice names the CSV files of a
/// workbook `book-任务.csv`).
fn sheet_matches(name: &str, zh: &str, en: &str) -> bool {
    let is = |n: &str| {
        let k = sheet_key(n);
        k == zh || k == en
    };
    is(name) || name.rsplit_once('-').is_some_and(|(_, tail)| is(tail))
}

/// The text of a cell as a header or key.
fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// Whether a header is one import ignores: 序号 (row numbers) and notes.
fn is_ignored(header: &str) -> bool {
    let h = norm(header);
    IGNORED_HEADERS.iter().any(|i| h == *i)
        || h.starts_with("备注")
        || h.starts_with("note")
        || h.starts_with("comment")
}

/// A cell's value as typed, for messages.
fn typed(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(x) => number_text(*x),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Date(d) => iso(*d),
        Cell::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Time(m) => clock(*m),
        Cell::Error(e) => e.clone(),
        Cell::Uncalculated => "=…".to_owned(),
    }
}

/// The kinds of sheet import reads: every entity sheet, then the settings.
fn kinds() -> Vec<(&'static str, &'static str)> {
    SHEETS
        .iter()
        .map(|s| (s.zh, s.en))
        .chain([(SETTINGS_ZH, SETTINGS_EN)])
        .collect()
}

impl Builder {
    fn t(&self, zh: String, en: String) -> String {
        self.lang.pick(zh, en)
    }

    fn problem(
        &mut self,
        rank: (usize, u32, u32),
        place: String,
        kind: ProblemKind,
        message: String,
    ) {
        self.problems.push(Located {
            rank,
            place,
            kind,
            message,
            cell: None,
        });
    }

    /// A problem at a cell (grouped with the same problem in other rows of its column).
    fn at_cell(&mut self, at: &At, kind: ProblemKind, message: String) {
        self.problems.push(at.located(kind, message));
    }

    /// A warning at a cell.
    fn warn_cell(&mut self, at: &At, message: String) {
        self.warnings
            .push(at.located(ProblemKind::Invalid, message));
    }

    /// A warning of a whole sheet or file.
    fn warn(&mut self, rank: (usize, u32, u32), place: String, message: String) {
        self.warnings.push(Located {
            rank,
            place,
            kind: ProblemKind::Invalid,
            message,
            cell: None,
        });
    }

    /// Picks the sheet of each kind: the one visible sheet whose name matches. Hidden
    /// sheets are not read (a warning says so); two visible ones are an error.
    fn pick<'g>(&mut self, grids: &'g [Grid]) -> HashMap<&'static str, &'g Grid> {
        let mut picked = HashMap::new();
        for (rank, (zh, en)) in kinds().into_iter().enumerate() {
            let matching: Vec<&Grid> = grids
                .iter()
                .filter(|g| match g.as_sheet {
                    Some(s) => s == zh,
                    None => sheet_matches(&g.name, zh, en),
                })
                .collect();
            let visible: Vec<&Grid> = matching.iter().copied().filter(|g| !g.hidden).collect();
            for g in matching.iter().filter(|g| g.hidden) {
                let m = self.t(
                    format!(
                        "隐藏的工作表“{}”没有读取{}",
                        g.name,
                        if visible.is_empty() {
                            format!("；如果本周的{zh}在其中，请取消隐藏")
                        } else {
                            format!("（读取的是“{}”）", visible[0].name)
                        }
                    ),
                    format!(
                        "the hidden sheet \"{}\" is not read{}",
                        g.name,
                        if visible.is_empty() {
                            format!("; if this week's {en} are in it, unhide it")
                        } else {
                            format!(" (\"{}\" is)", visible[0].name)
                        }
                    ),
                );
                self.warn((rank, 0, 0), g.name.clone(), m);
            }
            match visible.as_slice() {
                [] => {}
                [one] => {
                    picked.insert(zh, *one);
                }
                many => {
                    let names: Vec<String> = many.iter().map(|g| format!("“{}”", g.name)).collect();
                    let m = self.t(
                        format!(
                            "有 {} 个工作表都是{zh}表：{}；请删除或隐藏不用的那个，或改名",
                            many.len(),
                            names.join("、")
                        ),
                        format!(
                            "{} sheets are all {en} sheets: {}; delete or hide the ones not meant, or rename them",
                            many.len(),
                            names.join(", ")
                        ),
                    );
                    self.problem((rank, 0, 0), String::new(), ProblemKind::DuplicateId, m);
                }
            }
        }
        picked
    }

    /// The whole scenario tree.
    fn tree(&mut self, grids: &[Grid], lang: Option<Lang>) -> Json {
        // The language first: English when the task sheet has its English name.
        if lang.is_none() {
            let english = grids.iter().filter(|g| !g.hidden).any(|g| {
                g.as_sheet.is_none() && sheet_matches(&g.name, columns::TASKS.en, columns::TASKS.en)
            });
            let chinese = grids.iter().filter(|g| !g.hidden).any(|g| {
                g.as_sheet.is_some() || sheet_matches(&g.name, columns::TASKS.zh, columns::TASKS.zh)
            });
            if english && !chinese {
                self.lang = Lang::En;
            }
        }
        let picked = self.pick(grids);
        if !picked.contains_key(columns::TASKS.zh) {
            let found: Vec<String> = grids
                .iter()
                .map(|g| {
                    if g.hidden {
                        self.t(
                            format!("“{}”（隐藏）", g.name),
                            format!("\"{}\" (hidden)", g.name),
                        )
                    } else {
                        self.t(format!("“{}”", g.name), format!("\"{}\"", g.name))
                    }
                })
                .collect();
            let m = self.t(
                format!(
                    "没有找到任务表：找到的工作表（或文件）有 {}；任务表应命名为 任务 或 tasks（CSV 文件为 任务.csv）",
                    if found.is_empty() { "（无）".to_owned() } else { found.join("、") }
                ),
                format!(
                    "no task sheet: the sheets (or files) found are {}; the task sheet must be named 任务 or tasks (a CSV file 任务.csv)",
                    if found.is_empty() { "(none)".to_owned() } else { found.join(", ") }
                ),
            );
            self.problem((0, 0, 0), String::new(), ProblemKind::Missing, m);
        }
        let mut root: Vec<(String, Json)> = Vec::new();
        if let Some(g) = picked.get(SETTINGS_ZH) {
            self.settings_sheet(g, &mut root);
        }
        self.start = match get(&root, "horizon.start") {
            Some(Json::Str(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        let mut lists: HashMap<&'static str, Vec<Json>> = HashMap::new();
        for (rank, sheet) in SHEETS.iter().enumerate() {
            let items = match picked.get(sheet.zh) {
                Some(g) => self.sheet(g, sheet, rank),
                None => Vec::new(),
            };
            match sheet.list {
                "departments" => {
                    self.depts.add(&items);
                    for (alias, id) in std::mem::take(&mut self.aliases) {
                        self.depts.alias(&alias, &id);
                    }
                }
                "places" => self.nodes.add(&items),
                "businesses" => {
                    self.nodes.add(&items);
                    self.bizs.add(&items);
                }
                "items" => self.items.add(&items),
                "tasks" if items.is_empty() && picked.contains_key(sheet.zh) => {
                    let name = picked
                        .get(sheet.zh)
                        .map_or(String::new(), |g| g.name.clone());
                    let m = self.t(
                        "任务表中没有任务：导入的这一周没有任何检查任务".to_owned(),
                        "the task sheet holds no task: the week imported has nothing to plan"
                            .to_owned(),
                    );
                    self.warn((rank, 0, 0), name, m);
                }
                _ => {}
            }
            lists.insert(sheet.list, items);
        }
        if let Some(businesses) = lists.get_mut("businesses") {
            self.business_from_tasks(businesses);
        }
        let mut take = |k: &str| lists.remove(k).unwrap_or_default();
        let links = take("travel.links");
        if !links.is_empty() {
            set_path(&mut root, "travel.links", Json::Array(links));
        }
        let incompatible = take("rules.incompatible");
        if !incompatible.is_empty() {
            set_path(&mut root, "rules.incompatible", Json::Array(incompatible));
        }
        // The format's order of root keys.
        let order = ["version", "name", "horizon", "rules", "travel", "notice"];
        let mut out: Vec<(String, Json)> = Vec::new();
        for k in order {
            if let Some(i) = root.iter().position(|(key, _)| key == k) {
                out.push(root.remove(i));
            }
        }
        for k in ["places", "departments", "inspectors", "businesses", "tasks"] {
            out.push((k.to_owned(), Json::Array(take(k))));
        }
        let items = take("items");
        if !items.is_empty() {
            out.push(("items".to_owned(), Json::Array(items)));
        }
        Json::Object(out)
    }

    /// Gives the businesses the address, contact and phone the task sheet holds for them
    /// where 企业 leaves them blank; a different value is an error at the task's cell.
    fn business_from_tasks(&mut self, businesses: &mut [Json]) {
        for (id, field, v, at) in std::mem::take(&mut self.task_business) {
            let Some(Json::Object(obj)) = businesses
                .iter_mut()
                .find(|b| matches!(b.get("id"), Some(Json::Str(s)) if *s == id))
            else {
                continue;
            };
            match get(obj, field) {
                None => set_path(obj, field, v),
                Some(old) if *old == v => {}
                Some(old) => {
                    let (old, new) = (show(&text_of(old)), show(&text_of(&v)));
                    let m = self.t(
                        format!(
                            "企业 {id} 的{}在别处写作 {old}，这里是 {new}：请统一",
                            at.header.clone().unwrap_or_default()
                        ),
                        format!(
                            "the business {id} has {old} elsewhere, {new} here: make them agree"
                        ),
                    );
                    self.at_cell(&at, ProblemKind::Invalid, m);
                }
            }
        }
    }

    /// Finds the header row: the row (among the first 30) with the most known headers.
    fn header_row(grid: &Grid, known: &dyn Fn(&str) -> bool) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for r in 0..grid.rows.len().min(30) {
            let hits = grid.rows[r]
                .iter()
                .filter_map(cell_text)
                .filter(|t| known(t))
                .count();
            if hits > 0 && best.is_none_or(|(_, h)| hits > h) {
                best = Some((r, hits));
            }
        }
        best.map(|(r, _)| r)
    }

    /// Reads one entity sheet into the list's items.
    fn sheet(&mut self, grid: &Grid, sheet: &Sheet, rank: usize) -> Vec<Json> {
        let headers = Headers::new(sheet);
        let Some(h) = Self::header_row(grid, &|t: &str| {
            headers.find(t).is_some() || headers.near(t).is_some()
        }) else {
            self.no_header_row(grid, sheet, rank);
            return Vec::new();
        };
        let mut loc = ListLoc {
            sheet: grid.name.clone(),
            rank,
            ..ListLoc::default()
        };
        let mapped = self.map_columns(grid, rank, h, &headers, &mut loc);
        let first = Self::first_data_row(grid, h, &mapped);
        let mut items = Vec::new();
        let mut hidden_read: Vec<String> = Vec::new();
        for r in first..grid.rows.len() {
            if mapped.iter().all(|(c, _)| grid.cell(r, *c).is_blank()) {
                continue;
            }
            let row = r as u32 + 1;
            if grid.hidden_rows.contains(&row) {
                hidden_read.push(row.to_string());
            }
            items.push(self.read_row(grid, sheet, rank, r, &mapped, &loc));
            loc.rows.push(row);
        }
        if !hidden_read.is_empty() {
            let m = self.t(
                format!(
                    "第 {} 行是隐藏行：已照常导入；不该导入的行请删除，而不是隐藏",
                    hidden_read.join("、")
                ),
                format!(
                    "rows {} are hidden: imported like the others; delete rows that are not meant, rather than hiding them",
                    hidden_read.join(", ")
                ),
            );
            self.warn((rank, 0, 0), grid.name.clone(), m);
        }
        self.lists.insert(sheet.list, loc);
        items
    }

    /// A sheet without a header row: a problem when it holds data at all.
    fn no_header_row(&mut self, grid: &Grid, sheet: &Sheet, rank: usize) {
        let known: Vec<&str> = sheet.columns.iter().map(|c| c.zh).collect();
        let has_data = grid.rows.iter().flatten().any(|c| !c.is_blank());
        if has_data {
            let m = self.t(
                format!("找不到表头行：表头应为 {} 等", known.join("、")),
                format!(
                    "no header row found: expected headers such as {}",
                    known.join(", ")
                ),
            );
            self.problem((rank, 0, 0), grid.name.clone(), ProblemKind::Missing, m);
        }
    }

    /// The columns of header row `h` that map to fields (column position, column), each
    /// field once, recorded in `loc`; a header given twice is an error, an unknown one a
    /// warning (with a "did you mean" where it is almost a known one).
    fn map_columns(
        &mut self,
        grid: &Grid,
        rank: usize,
        h: usize,
        headers: &Headers,
        loc: &mut ListLoc,
    ) -> Vec<(usize, &'static Column)> {
        let mut mapped: Vec<(usize, &'static Column)> = Vec::new();
        for (c, cell) in grid.rows[h].iter().enumerate() {
            let Some(header) = cell_text(cell) else {
                continue;
            };
            let at = At::new(&grid.name, rank, c as u32, h as u32 + 1, None);
            match headers.find(&header) {
                Some(column) => {
                    if let Some((_, prev, _)) = loc.cols.iter().find(|(f, _, _)| *f == column.field)
                    {
                        let m = self.t(
                            format!(
                                "列“{header}”重复（{} 列也是）：请只保留一列",
                                col_letter(*prev)
                            ),
                            format!(
                                "the column \"{header}\" is given twice (also column {})",
                                col_letter(*prev)
                            ),
                        );
                        self.problem(at.rank(), at.place(), ProblemKind::Syntax, m);
                        continue;
                    }
                    loc.cols.push((column.field, c as u32, header.clone()));
                    mapped.push((c, column));
                }
                None if is_ignored(&header) => {}
                None => match headers.near(&header) {
                    Some(zh) => {
                        let m = self.t(
                            format!("列名 {} 不是已知的列：是不是“{zh}”？请把表头改成“{zh}”", show(&header)),
                            format!("unknown column {}: did you mean \"{zh}\"? Rename the header to \"{zh}\"", show(&header)),
                        );
                        self.problem(at.rank(), at.place(), ProblemKind::UnknownField, m);
                    }
                    None => {
                        let known: Vec<&str> = headers.columns.iter().map(|c| c.zh).collect();
                        let m = self.t(
                            format!(
                                "未知的列 {}：没有导入（已知的列：{}；备注、序号 列不读取）",
                                show(&header),
                                known.join("、")
                            ),
                            format!(
                                "unknown column {}: not imported (known columns: {}; columns headed 备注/notes or 序号 are not read)",
                                show(&header),
                                known.join(", ")
                            ),
                        );
                        self.warn(at.rank(), at.place(), m);
                    }
                },
            }
        }
        mapped
    }

    /// The first data row under header row `h`: the next row, or the one after when the
    /// next is the English header line (every cell a mapped column's field, or ignored).
    fn first_data_row(grid: &Grid, h: usize, mapped: &[(usize, &'static Column)]) -> usize {
        let first = h + 1;
        let Some(row) = grid.rows.get(first) else {
            return first;
        };
        let texts: Vec<String> = row.iter().filter_map(cell_text).collect();
        let english = !texts.is_empty()
            && row
                .iter()
                .enumerate()
                .all(|(c, cell)| match cell_text(cell) {
                    None => true,
                    Some(t) => {
                        mapped
                            .iter()
                            .any(|(mc, col)| *mc == c && norm(col.field) == norm(&t))
                            || is_ignored(&t)
                    }
                });
        if english {
            first + 1
        } else {
            first
        }
    }

    /// Reads row `r` (0-based) of a sheet into its item: an object of fields, or for the
    /// incompatible departments a pair. Also collects what belongs elsewhere: the
    /// business fields of a task row, a department's aliases.
    fn read_row(
        &mut self,
        grid: &Grid,
        sheet: &Sheet,
        rank: usize,
        r: usize,
        mapped: &[(usize, &'static Column)],
        loc: &ListLoc,
    ) -> Json {
        let row = r as u32 + 1;
        let mut obj: Vec<(String, Json)> = Vec::new();
        let mut pair = vec![Json::Null, Json::Null];
        let mut row_aliases: Vec<String> = Vec::new();
        let mut row_business: Vec<(&'static str, Json, At)> = Vec::new();
        self.pinned_time = None;
        let mut pinned_start_cell: Option<At> = None;
        for (c, column) in mapped {
            let cell = grid.cell(r, *c);
            let header = loc
                .cols
                .iter()
                .find(|(f, _, _)| *f == column.field)
                .map_or(column.zh, |(_, _, h)| h.as_str())
                .to_owned();
            let at = At::new(&grid.name, rank, *c as u32, row, Some(&header));
            if column.field == "pinned.start" {
                pinned_start_cell = Some(at.clone());
            }
            let Some(v) = self.value(cell, column.kind, &at, column.field) else {
                continue;
            };
            if sheet.list == "rules.incompatible" {
                let i = usize::from(column.field == "1");
                pair[i] = v;
            } else if let Some(f) = column.field.strip_prefix("business.") {
                row_business.push((f, v, at));
            } else if column.field == ALIASES {
                if let Json::Array(a) = v {
                    row_aliases.extend(a.into_iter().filter_map(|x| match x {
                        Json::Str(s) => Some(s),
                        _ => None,
                    }));
                }
            } else {
                set_path(&mut obj, column.field, v);
            }
        }
        let pinned_at =
            pinned_start_cell.unwrap_or_else(|| At::new(&grid.name, rank, 0, row, None));
        self.pinned_time_as_start(&mut obj, &pinned_at);
        if sheet.list == "tasks" && get(&obj, "id").is_none() {
            if let (Some(Json::Str(d)), Some(Json::Str(b))) =
                (get(&obj, "department"), get(&obj, "business"))
            {
                let n = self.derived.entry((d.clone(), b.clone())).or_insert(0);
                *n += 1;
                let id = format!("{d}-{b}-{n}");
                obj.insert(0, ("id".to_owned(), Json::Str(id)));
            }
        }
        if let Some(Json::Str(b)) = get(&obj, "business") {
            for (f, v, at) in row_business {
                self.task_business.push((b.clone(), f, v, at));
            }
        }
        if sheet.list == "departments" {
            if let Some(Json::Str(id)) = get(&obj, "id") {
                for a in row_aliases {
                    self.aliases.push((a, id.clone()));
                }
            }
        }
        if sheet.list != "rules.incompatible" {
            return Json::Object(obj);
        }
        self.pair_complete(grid, sheet, (rank, row), loc, &pair);
        Json::Array(pair)
    }

    /// A pair of incompatible departments (sheet row `row`) with a blank side: an error
    /// at each blank cell.
    fn pair_complete(
        &mut self,
        grid: &Grid,
        sheet: &Sheet,
        (rank, row): (usize, u32),
        loc: &ListLoc,
        pair: &[Json],
    ) {
        for (i, v) in pair.iter().enumerate() {
            if *v == Json::Null {
                let column = &sheet.columns[i];
                let (place, c) = match loc.cols.iter().find(|(f, _, _)| *f == column.field) {
                    Some((_, c, h)) => (cell_place(&grid.name, *c, row, Some(h)), *c),
                    None => (format!("{} row {row}", grid.name), 0),
                };
                let m = self.t(
                    format!("必填列“{}”为空", column.zh),
                    format!("required column \"{}\" is empty", column.zh),
                );
                self.problem((rank, row, c), place, ProblemKind::Missing, m);
            }
        }
    }

    /// A pinned date typed with its time: the time is the start (`pinned.start`), or an
    /// error at `at` (the pinned start's cell) when the row gives another start.
    fn pinned_time_as_start(&mut self, obj: &mut Vec<(String, Json)>, at: &At) {
        let Some(m) = self.pinned_time.take() else {
            return;
        };
        let start = Json::Str(clock(m));
        match get(obj, "pinned.start") {
            None => set_path(obj, "pinned.start", start),
            Some(s) if *s == start => {}
            Some(s) => {
                let s = match s {
                    Json::Str(s) => s.clone(),
                    _ => String::new(),
                };
                let m = self.t(
                    format!("固定日期带有时间 {}，与固定开始时间 {s} 不一致：请只保留一个", clock(m)),
                    format!("the pinned date holds the time {}, which differs from the pinned start {s}: keep one", clock(m)),
                );
                self.at_cell(at, ProblemKind::Invalid, m);
            }
        }
    }

    /// Reads the settings sheet into `root`.
    fn settings_sheet(&mut self, grid: &Grid, root: &mut Vec<(String, Json)>) {
        let rank = SETTINGS_RANK;
        let header_col = |text: &str| {
            let t = norm(text);
            SETTINGS_HEADERS
                .iter()
                .position(|(zh, en)| norm(zh) == t || norm(en) == t)
        };
        let Some(h) = Self::header_row(grid, &|t: &str| header_col(t).is_some()) else {
            if grid.rows.iter().flatten().any(|c| !c.is_blank()) {
                let m = self.t(
                    "找不到表头行：设置表的表头应为 项目、字段、值".to_owned(),
                    "no header row found: expected the headers 项目, 字段, 值".to_owned(),
                );
                self.problem((rank, 0, 0), grid.name.clone(), ProblemKind::Missing, m);
            }
            return;
        };
        let mut at_col: [Option<(usize, String)>; 4] = Default::default();
        for (c, cell) in grid.rows[h].iter().enumerate() {
            if let Some(i) = cell_text(cell).and_then(|t| header_col(&t)) {
                at_col[i].get_or_insert((c, cell_text(cell).unwrap_or_default()));
            }
        }
        let Some((value_col, value_header)) = at_col[2].clone() else {
            let m = self.t(
                "设置表需要一列表头为“值”".to_owned(),
                "the settings need a column headed 值 (value)".to_owned(),
            );
            self.problem(
                (rank, h as u32 + 1, 0),
                format!("{} row {}", grid.name, h + 1),
                ProblemKind::Missing,
                m,
            );
            return;
        };
        let mut loc = SettingsLoc {
            sheet: grid.name.clone(),
            value_col: value_col as u32,
            value_header: value_header.clone(),
            rows: HashMap::new(),
        };
        let find = |t: &str| {
            let t = norm(t);
            SETTINGS
                .iter()
                .find(|s| norm(s.field) == t || norm(s.zh) == t)
        };
        for r in h + 1..grid.rows.len() {
            let label = at_col[0]
                .as_ref()
                .and_then(|(c, _)| cell_text(grid.cell(r, *c)));
            let field = at_col[1]
                .as_ref()
                .and_then(|(c, _)| cell_text(grid.cell(r, *c)));
            let row = r as u32 + 1;
            // The English header line (also when a column of it was deleted).
            let value_text = cell_text(grid.cell(r, value_col));
            if field.as_deref().is_some_and(|f| norm(f) == "field")
                || label.as_deref().is_some_and(|l| norm(l) == "item")
                || value_text.as_deref().is_some_and(|v| norm(v) == "value")
            {
                continue;
            }
            let at = At::new(&grid.name, rank, value_col as u32, row, Some(&value_header));
            let setting = match (&field, &label) {
                (None, None) => {
                    if !grid.cell(r, value_col).is_blank() {
                        let m = self.t(
                            "有值但没有 项目 或 字段：这是哪一项设置？".to_owned(),
                            "a value without 项目 or 字段: which setting is it?".to_owned(),
                        );
                        self.at_cell(&at, ProblemKind::Missing, m);
                    }
                    continue;
                }
                (Some(f), _) if find(f).is_some() => find(f),
                (None, Some(l)) => find(l),
                _ => None,
            };
            let Some(setting) = setting else {
                let (c, text) = match (&field, &label) {
                    (Some(f), _) => (at_col[1].as_ref().map_or(0, |x| x.0), f.clone()),
                    (None, Some(l)) => (at_col[0].as_ref().map_or(0, |x| x.0), l.clone()),
                    (None, None) => continue,
                };
                let known: Vec<&str> = SETTINGS.iter().map(|s| s.field).collect();
                let m = self.t(
                    format!(
                        "未知的设置 {}；已知的设置：{}",
                        show(&text),
                        known.join("、")
                    ),
                    format!(
                        "unknown setting \"{text}\"; known settings: {}",
                        known.join(", ")
                    ),
                );
                let place = cell_place(&grid.name, c as u32, row, None);
                self.problem((rank, row, c as u32), place, ProblemKind::UnknownField, m);
                continue;
            };
            if let Some(prev) = loc.rows.get(setting.field) {
                let m = self.t(
                    format!("设置“{}”重复（第 {prev} 行也有）", setting.zh),
                    format!(
                        "the setting \"{}\" is given twice (also row {prev})",
                        setting.field
                    ),
                );
                self.at_cell(&at, ProblemKind::Syntax, m);
                continue;
            }
            loc.rows.insert(setting.field, row);
            let cell = grid.cell(r, value_col);
            if let Some(v) = self.value(cell, setting.kind, &at, setting.field) {
                set_path(root, setting.field, v);
            }
        }
        self.settings = Some(loc);
    }

    /// What a bare number in a date column would have meant, and what to write.
    fn bare_date(&self, n: i64) -> String {
        // What Excel shows for the serial number (it counts a 29 February 1900).
        let serial = match n {
            1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)
                .and_then(|d| d.checked_add_days(chrono::Days::new(n as u64)))
                .map(iso),
            _ => serial_date(n as f64).map(iso),
        };
        let example = self
            .start
            .and_then(|s| {
                u32::try_from(n)
                    .ok()
                    .and_then(|d| NaiveDate::from_ymd_opt(s.year(), s.month(), d))
                    .or(Some(s))
            })
            .map_or("2022-09-14".to_owned(), iso);
        match serial {
            Some(d) => self.t(
                format!("{n} 不是完整的日期（作为 Excel 日期序号是 {d}）：请写完整日期，例如 {example}"),
                format!("{n} is not a whole date (as an Excel serial date it is {d}): write the whole date, e.g. {example}"),
            ),
            None => self.t(
                format!("{n} 不是日期：请写完整日期，例如 {example}"),
                format!("{n} is not a date: write the whole date, e.g. {example}"),
            ),
        }
    }

    /// A date cell's date; a problem at `at` when the cell holds anything else. A time
    /// of day with the date is kept for a pinned date (`pinned`), else a problem.
    fn date(&mut self, cell: &Cell, at: &At, pinned: bool) -> Option<String> {
        let read = match cell {
            Cell::Date(d) => DateText::Date(*d),
            Cell::DateTime(dt) => DateText::DateTime(dt.date(), dt.hour() * 60 + dt.minute()),
            Cell::Time(m) => DateText::Time(*m),
            Cell::Number(x) if x.fract() == 0.0 => DateText::Bare(*x as i64),
            Cell::Number(_) | Cell::Bool(_) => DateText::Other,
            Cell::Text(s) => text::date_text(s),
            Cell::Empty | Cell::Error(_) | Cell::Uncalculated => return None,
        };
        match read {
            DateText::Date(d) => Some(iso(d)),
            DateText::DateTime(d, m) if pinned => {
                self.pinned_time = Some(m);
                Some(iso(d))
            }
            DateText::DateTime(d, m) => {
                let msg = self.t(
                    format!("日期 {} 带有时间 {}：这一列只填日期，请删去时间", iso(d), clock(m)),
                    format!("the date {} holds the time {}: this column takes a date only; remove the time", iso(d), clock(m)),
                );
                self.at_cell(at, ProblemKind::Type, msg);
                None
            }
            DateText::Time(m) => {
                let msg = self.t(
                    format!("{} 是时间，不是日期：请填写日期，例如 2022-09-14", clock(m)),
                    format!(
                        "{} is a time of day, not a date: write a date, e.g. 2022-09-14",
                        clock(m)
                    ),
                );
                self.at_cell(at, ProblemKind::Type, msg);
                None
            }
            DateText::Bare(n) => {
                let msg = self.bare_date(n);
                self.at_cell(at, ProblemKind::Type, msg);
                None
            }
            DateText::Other => Some(typed(cell).trim().to_owned()),
        }
    }

    /// The JSON value of a cell of `kind` (`None` when blank or unreadable; an unreadable
    /// cell is a problem at `at`).
    fn value(&mut self, cell: &Cell, kind: Kind, at: &At, field: &str) -> Option<Json> {
        if cell.is_blank() {
            return None;
        }
        let place = at.place();
        self.raw.insert(place.clone(), typed(cell));
        if let Cell::Error(e) = cell {
            let m = self.t(
                format!("公式结果为错误值 {e}：请改正公式或直接填写数值"),
                format!("the formula's result is the error value {e}: correct the formula or type the value"),
            );
            self.at_cell(at, ProblemKind::Invalid, m);
            return None;
        }
        if *cell == Cell::Uncalculated {
            let m = self.t(
                "公式没有保存计算结果：请在 Excel、WPS 或 LibreOffice 中打开，重新计算后保存，再导入".to_owned(),
                "the formula has no stored result: open the file in Excel, WPS or LibreOffice, recalculate, save and import again".to_owned(),
            );
            self.at_cell(at, ProblemKind::Invalid, m);
            return None;
        }
        let text = typed(cell).trim().to_owned();
        let folded = fold(&text).trim().to_owned();
        match kind {
            Kind::Text => Some(Json::Str(text)),
            Kind::Int | Kind::Number => Some(match cell {
                Cell::Number(x) => number(*x),
                _ => parse_number(&folded),
            }),
            Kind::Bool => match cell {
                Cell::Bool(b) => Some(Json::Bool(*b)),
                _ => match text::yes_no(&text) {
                    Some(b) => Some(Json::Bool(b)),
                    None => {
                        let m = self.t(
                            format!(
                                "应为 是 或 否（也可写 有/无、yes/no、1/0），填的是 {}",
                                show(&text)
                            ),
                            format!(
                                "expected 是 or 否 (yes/no, true/false, 1/0), found {}",
                                show(&text)
                            ),
                        );
                        self.at_cell(at, ProblemKind::Type, m);
                        None
                    }
                },
            },
            Kind::Date => self.date(cell, at, field == "pinned.date").map(Json::Str),
            Kind::Time => Some(Json::Str(match cell {
                Cell::Time(m) => clock(*m),
                Cell::DateTime(dt) => clock(dt.hour() * 60 + dt.minute()),
                Cell::Number(x) if (0.0..1.0).contains(x) => clock((x * 1440.0).round() as u32),
                _ => text::time_text(&text).map_or(folded, clock),
            })),
            Kind::Dates => {
                let parts: Vec<Cell> = match cell {
                    Cell::Text(_) => split(&text).map(|s| Cell::Text(s.to_owned())).collect(),
                    other => vec![other.clone()],
                };
                let mut out = Vec::new();
                for p in parts {
                    out.push(Json::Str(self.date(&p, at, false)?));
                }
                Some(Json::Array(out))
            }
            Kind::List => Some(Json::Array(
                split(&text).map(|s| Json::Str(s.to_owned())).collect(),
            )),
            Kind::Weekdays => {
                let mut out: Vec<Json> = Vec::new();
                for s in split(&text) {
                    match text::weekdays(s) {
                        Some(days) => {
                            for d in days {
                                let d = Json::Str(d.to_owned());
                                if !out.contains(&d) {
                                    out.push(d);
                                }
                            }
                        }
                        None => out.push(Json::Str(fold(s).to_lowercase())),
                    }
                }
                Some(Json::Array(out))
            }
            Kind::Items => {
                let mut out = Vec::new();
                for token in self.item_tokens(&text) {
                    match self.items.resolve(&token) {
                        Ok(Some(id)) => out.push(Json::Str(id)),
                        Ok(None) => {
                            if !self.items.is_empty() {
                                let suggestion = self.suggest(Kind::Items, &token);
                                let hint = self.hint(&suggestion);
                                let m = self.t(
                                    format!("检查事项 {} 不在 检查事项 表中：按编号原样导入，告知书上显示为编号{hint}", show(&token)),
                                    format!("the item {} is not in the 检查事项 (items) sheet: imported as a code, shown as such on notices{hint}", show(&token)),
                                );
                                self.warn_cell(at, m);
                            }
                            out.push(Json::Str(token));
                        }
                        Err(ids) => {
                            let m = self.t(
                                format!(
                                    "检查事项名称 {} 对应多个编号：{}；请填写编号",
                                    show(&token),
                                    ids.join("、")
                                ),
                                format!(
                                    "the item name {} is ambiguous: ids {}; write the id",
                                    show(&token),
                                    ids.join(", ")
                                ),
                            );
                            self.at_cell(at, ProblemKind::Dangling, m);
                        }
                    }
                }
                Some(Json::Array(out))
            }
            Kind::Dept | Kind::Biz | Kind::Node => {
                let id = self.reference(kind, &text, at)?;
                Some(Json::Str(id))
            }
            Kind::Depts | Kind::Bizs => {
                let mut out = Vec::new();
                let mut ok = true;
                for s in split(&text) {
                    match self.reference(kind, s, at) {
                        Some(id) => out.push(Json::Str(id)),
                        None => ok = false,
                    }
                }
                ok.then_some(Json::Array(out))
            }
        }
    }

    /// The known id or name most like `text` among those `kind` refers to, once per text
    /// (the same unknown name on thousands of rows is compared once).
    fn suggest(&mut self, kind: Kind, text: &str) -> Option<String> {
        let space = match kind {
            Kind::Dept | Kind::Depts => 0,
            Kind::Biz | Kind::Bizs => 1,
            Kind::Items => 2,
            _ => 3,
        };
        let key = (space, text.to_owned());
        if let Some(s) = self.suggestions.get(&key) {
            return s.clone();
        }
        // Past a few hundred different unknown texts, suggestions stop (each compares
        // the text with every name).
        if self.suggestions.len() >= 300 {
            return None;
        }
        let s = self.lookup(kind).suggest(text);
        self.suggestions.insert(key, s.clone());
        s
    }

    /// ` (did you mean …?)` for a suggestion.
    fn hint(&self, suggestion: &Option<String>) -> String {
        match suggestion {
            Some(s) => self.t(
                format!("；是不是“{s}”？"),
                format!("; did you mean \"{s}\"?"),
            ),
            None => String::new(),
        }
    }

    /// A reference by id, name or alias; a problem (with a suggestion) when unknown or
    /// ambiguous.
    fn reference(&mut self, kind: Kind, text: &str, at: &At) -> Option<String> {
        let lookup = self.lookup(kind);
        let (what_zh, what_en, sheet) = match kind {
            Kind::Dept | Kind::Depts => ("部门", "department", "部门"),
            Kind::Biz | Kind::Bizs => ("企业", "business", "企业"),
            _ => ("地点或企业", "place or business", "地点/企业"),
        };
        match lookup.resolve(text) {
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                let suggestion = self.suggest(kind, text);
                let hint = self.hint(&suggestion);
                let m = self.t(
                    format!(
                        "未知的{what_zh} {}：{sheet} 表中没有这个编号或名称{hint}",
                        show(text)
                    ),
                    format!(
                        "unknown {what_en} {}: no id or name in the {sheet} sheet{hint}",
                        show(text)
                    ),
                );
                self.at_cell(at, ProblemKind::Dangling, m);
                None
            }
            Err(ids) => {
                let m = self.t(
                    format!(
                        "名称 {} 对应多个{what_zh}：{}；请填写编号",
                        show(text),
                        ids.join("、")
                    ),
                    format!(
                        "the name {} is ambiguous: ids {}; write the id",
                        show(text),
                        ids.join(", ")
                    ),
                );
                self.at_cell(at, ProblemKind::Dangling, m);
                None
            }
        }
    }

    /// The items of a checklist cell: split at `;` and line breaks, and further at `、`
    /// `，` `,` only where a piece is not an item's id or name as a whole (item names
    /// hold `、`).
    fn item_tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for piece in text.split([';', '；', '\n']).map(str::trim) {
            if piece.is_empty() {
                continue;
            }
            if matches!(self.items.resolve(piece), Ok(Some(_)) | Err(_)) {
                out.push(piece.to_owned());
            } else {
                out.extend(split(piece).map(str::to_owned));
            }
        }
        out
    }

    fn lookup(&self, kind: Kind) -> &Lookup {
        match kind {
            Kind::Dept | Kind::Depts => &self.depts,
            Kind::Biz | Kind::Bizs => &self.bizs,
            Kind::Items => &self.items,
            _ => &self.nodes,
        }
    }

    /// Warnings for dates that cannot have the effect they seem to: closed days, days
    /// off and holidays outside the week (imported, no effect), tasks whose window misses
    /// the week (imported, never scheduled), dates in another year than the week's.
    fn horizon_warnings(&mut self, tree: &Json) {
        let date = |v: Option<&Json>| match v {
            Some(Json::Str(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        let (Some(start), Some(end)) = (
            date(tree.get("horizon").and_then(|h| h.get("start"))),
            date(tree.get("horizon").and_then(|h| h.get("end"))),
        ) else {
            return;
        };
        let week = format!("{} – {}", iso(start), iso(end));
        let mut found: Vec<(String, String)> = Vec::new();
        let outside = |d: NaiveDate| d < start || d > end;
        let list = |k: &str| match tree.get(k) {
            Some(Json::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        for (list_name, field) in [("businesses", "closed"), ("inspectors", "unavailable")] {
            for (i, item) in list(list_name).iter().enumerate() {
                if let Some(Json::Array(ds)) = item.get(field) {
                    for (j, d) in ds.iter().enumerate() {
                        if let Some(d) = date(Some(d)).filter(|d| outside(*d)) {
                            let m = self.t(
                                format!("日期 {} 不在本周（{week}）之内：已导入，但不起作用；请检查年月", iso(d)),
                                format!("the date {} is outside the week ({week}): imported, but it has no effect; check the year and month", iso(d)),
                            );
                            found.push((format!("{list_name}[{i}].{field}[{j}]"), m));
                        }
                    }
                }
            }
        }
        if let Some(Json::Array(ds)) = tree.get("horizon").and_then(|h| h.get("holidays")) {
            for (j, d) in ds.iter().enumerate() {
                if let Some(d) = date(Some(d)).filter(|d| outside(*d)) {
                    let m = self.t(
                        format!("节假日 {} 不在本周（{week}）之内：已导入，但不起作用", iso(d)),
                        format!("the holiday {} is outside the week ({week}): imported, but it has no effect", iso(d)),
                    );
                    found.push((format!("horizon.holidays[{j}]"), m));
                }
            }
        }
        for (i, task) in list("tasks").iter().enumerate() {
            for field in ["earliest", "latest"] {
                let Some(d) = date(task.get(field)) else {
                    continue;
                };
                let misses = match field {
                    "earliest" => d > end,
                    _ => d < start,
                };
                let m = if misses {
                    self.t(
                        format!("日期 {} 使该任务的可选日期落在本周（{week}）之外：已导入，但该任务无法安排", iso(d)),
                        format!("the date {} puts the task's window outside the week ({week}): imported, but the task cannot be scheduled", iso(d)),
                    )
                } else if outside(d) && d.year() != start.year() {
                    self.t(
                        format!("日期 {} 与本周（{week}）不在同一年：已导入；请检查年份", iso(d)),
                        format!("the date {} is in another year than the week ({week}): imported; check the year", iso(d)),
                    )
                } else {
                    continue;
                };
                found.push((format!("tasks[{i}].{field}"), m));
            }
        }
        for (place, message) in found {
            let l = self.locate(&place);
            self.warnings.push(Located { message, ..l });
        }
    }

    /// The spreadsheet place of a JSON place of the scenario tree.
    fn locate(&self, place: &str) -> Located {
        let whole = |place: String, rank: usize| Located {
            rank: (rank, 0, 0),
            place,
            kind: ProblemKind::Invalid,
            message: String::new(),
            cell: None,
        };
        if place.is_empty() {
            return whole(String::new(), 0);
        }
        for (list, loc) in &self.lists {
            let Some(rest) = place.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else {
                continue;
            };
            let Some((index, rest)) = rest.split_once(']') else {
                continue;
            };
            let Ok(i) = index.parse::<usize>() else {
                continue;
            };
            let Some(&row) = loc.rows.get(i) else {
                continue;
            };
            let field = strip_indices(rest.strip_prefix('.').unwrap_or(rest));
            let field = if *list == "rules.incompatible" {
                // `rules.incompatible[0][1]`: the second department of the pair.
                rest.strip_prefix('[')
                    .and_then(|r| r.split_once(']'))
                    .map_or(String::new(), |(k, _)| k.to_owned())
            } else {
                field
            };
            let col = (!field.is_empty()).then(|| {
                loc.cols
                    .iter()
                    .find(|(f, _, _)| *f == field)
                    .or_else(|| {
                        loc.cols
                            .iter()
                            .find(|(f, _, _)| f.starts_with(&format!("{field}.")))
                    })
                    .or_else(|| {
                        loc.cols
                            .iter()
                            .find(|(f, _, _)| field.starts_with(&format!("{f}.")))
                    })
            });
            return match col.flatten() {
                Some((_, c, h)) => At::new(&loc.sheet, loc.rank, *c, row, Some(h))
                    .located(ProblemKind::Invalid, String::new()),
                None => {
                    let sheet = SHEETS.iter().find(|s| s.list == *list);
                    let header = sheet
                        .and_then(|s| {
                            s.columns.iter().find(|c| {
                                c.field == field || c.field.starts_with(&format!("{field}."))
                            })
                        })
                        .map_or(String::new(), |c| {
                            self.t(
                                format!("，{} 列", c.zh),
                                format!(", column {} ({})", c.zh, c.field),
                            )
                        });
                    Located {
                        rank: (loc.rank, row, 0),
                        place: self.t(
                            format!("{} 第 {row} 行{header}", loc.sheet),
                            format!("{} row {row}{header}", loc.sheet),
                        ),
                        ..whole(String::new(), 0)
                    }
                }
            };
        }
        let field = strip_indices(place);
        let setting = SETTINGS
            .iter()
            .find(|s| field == s.field || field.starts_with(&format!("{}.", s.field)));
        if let (Some(s), Some(loc)) = (setting, &self.settings) {
            if let Some(&row) = loc.rows.get(s.field) {
                return At::new(
                    &loc.sheet,
                    SETTINGS_RANK,
                    loc.value_col,
                    row,
                    Some(&loc.value_header),
                )
                .located(ProblemKind::Invalid, String::new());
            }
        }
        let sheet = self
            .settings
            .as_ref()
            .map_or(SETTINGS_ZH, |l| l.sheet.as_str());
        let label = setting.map_or(place.to_owned(), |s| format!("{} {}", s.zh, s.field));
        whole(format!("{sheet} ({label})"), SETTINGS_RANK)
    }
}

/// A cell's place: sheet, rank of the sheet, column, row and header.
#[derive(Clone, Debug)]
struct At {
    sheet: String,
    sheet_rank: usize,
    col: u32,
    row: u32,
    header: Option<String>,
}

impl At {
    fn new(sheet: &str, sheet_rank: usize, col: u32, row: u32, header: Option<&str>) -> At {
        At {
            sheet: sheet.to_owned(),
            sheet_rank,
            col,
            row,
            header: header.map(str::to_owned),
        }
    }

    fn rank(&self) -> (usize, u32, u32) {
        (self.sheet_rank, self.row, self.col)
    }

    fn place(&self) -> String {
        cell_place(&self.sheet, self.col, self.row, self.header.as_deref())
    }

    fn located(&self, kind: ProblemKind, message: String) -> Located {
        Located {
            rank: self.rank(),
            place: self.place(),
            kind,
            message,
            cell: self
                .header
                .as_ref()
                .map(|h| (self.sheet.clone(), self.col, self.row, h.clone())),
        }
    }
}

/// A JSON scalar's text, for messages.
fn text_of(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// `acts_for[1]` → `acts_for`, `open.hours.end` unchanged.
fn strip_indices(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value at `path` (`pinned.start`) of an object, if set.
fn get<'a>(obj: &'a [(String, Json)], path: &str) -> Option<&'a Json> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let (_, v) = obj.iter().find(|(k, _)| k == head)?;
    match (rest, v) {
        (None, v) => Some(v),
        (Some(rest), Json::Object(inner)) => get(inner, rest),
        _ => None,
    }
}

/// Sets `path` (`open.hours.start`) in an object, creating the objects on the way.
fn set_path(obj: &mut Vec<(String, Json)>, path: &str, v: Json) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let i = match obj.iter().position(|(k, _)| k == head) {
        Some(i) => i,
        None => {
            obj.push((head.to_owned(), Json::Object(Vec::new())));
            obj.len() - 1
        }
    };
    match rest {
        None => obj[i].1 = v,
        Some(rest) => {
            if !matches!(obj[i].1, Json::Object(_)) {
                obj[i].1 = Json::Object(Vec::new());
            }
            if let Json::Object(inner) = &mut obj[i].1 {
                set_path(inner, rest, v);
            }
        }
    }
}

/// The items of a list cell: separated by `;` `；` `、` `，` `,` or line breaks, trimmed,
/// blanks dropped.
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '；', '、', '，', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A number as JSON: an integer when it is whole (and fits), else a fraction.
fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Json::Int(x as i64)
    } else {
        Json::Float(x)
    }
}

/// A number cell's text, as a person would read it.
fn number_text(x: f64) -> String {
    match number(x) {
        Json::Int(i) => i.to_string(),
        _ => x.to_string(),
    }
}

/// A number typed as text: integer when written as one, else a fraction; other text is
/// kept (the loader reports its type).
fn parse_number(text: &str) -> Json {
    let t = text.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Json::Int(i);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Json::Float(x),
        _ => Json::Str(t.to_owned()),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

/// An Excel serial date (1900 system) as a date, when it is a plausible one.
fn serial_date(x: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&x) || x.fract() != 0.0 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(x as u64))
}

/// The Chinese name of a weekday code, for the template.
pub fn weekday_zh(code: &str) -> Option<&'static str> {
    Some(match code {
        "mon" => "周一",
        "tue" => "周二",
        "wed" => "周三",
        "thu" => "周四",
        "fri" => "周五",
        "sat" => "周六",
        "sun" => "周日",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_letters_sheet_names_and_lists() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(serial_date(44816.0).map(iso).as_deref(), Some("2022-09-12"));
        assert_eq!(
            split("a；b、 c，d,e;").collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(strip_indices("acts_for[1]"), "acts_for");
        for name in [
            "任务",
            "任务 (2)",
            "任务（2）",
            "任务_2",
            "任务表",
            "week-任务",
            "Tasks",
        ] {
            assert!(sheet_matches(name, "任务", "tasks"), "{name}");
        }
        for name in ["Sheet1", "任务说明", "人员"] {
            assert!(!sheet_matches(name, "任务", "tasks"), "{name}");
        }
        assert_eq!(loose("时长/分钟"), loose("时长(分钟)"));
    }
}
