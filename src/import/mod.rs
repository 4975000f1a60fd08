//! Spreadsheets in and out: `onedoor import` builds a scenario from a workbook (or a folder
//! of CSV files, one per sheet), `onedoor template` writes a workbook to fill in.
//!
//! Import reads every sheet into a grid of cells ([`workbook`], [`csv`]), finds each
//! sheet's header row by its known headers ([`columns`], one table for both directions),
//! turns each row into the scenario's JSON object (names resolved to ids, dates, yes/no
//! and lists read leniently), then runs the tree through the scenario loader itself: the
//! problems are exactly the JSON loader's, with the same codes, each translated from its
//! JSON place (`tasks[16].business`) back to the cell it came from (`任务!C17 (企业)`).

pub mod columns;
pub mod csv;
pub mod template;
pub mod workbook;

use crate::variant::{Loaded, Shortcuts};
use crate::InputError;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use columns::{Column, Kind, Sheet, SETTINGS, SETTINGS_EN, SETTINGS_HEADERS, SETTINGS_ZH, SHEETS};
use onedoor_core::error::{Problem, ProblemKind};
use onedoor_core::json::Json;
use std::collections::{HashMap, HashSet};
use std::path::Path;

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
}

/// One sheet: its name as found and its cells, `rows[r][c]` for row `r + 1` and column
/// `c` (0 = A) of the spreadsheet.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The sheet's name in the workbook (or the CSV file's stem).
    pub name: String,
    /// The cells, by row then column.
    pub rows: Vec<Vec<Cell>>,
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
/// `.xlsm`, `.xls`, `.xlsb`, `.ods`) or a folder of CSV files.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| workbook::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Loads a scenario the way every command does: a workbook or CSV folder through the
/// importer, anything else (JSON scenario or variant) through [`crate::variant::load`].
/// The shortcuts apply either way. This is the one place the CLI reads a scenario.
pub fn load(path: &Path, shortcuts: &Shortcuts) -> Result<Loaded, InputError> {
    if !is_spreadsheet(path) {
        return crate::variant::load(path, shortcuts);
    }
    let (tree, _) = import(path)?;
    crate::variant::load_tree(tree, &path.display().to_string(), shortcuts)
}

/// Reads a workbook or a folder of CSV files into a scenario tree and validates it.
/// Every problem, located in the spreadsheet, is in the error.
pub fn import(path: &Path) -> Result<(Json, crate::Scenario), InputError> {
    let file = path.display().to_string();
    let grids = if path.is_dir() {
        csv::read_dir(path)?
    } else {
        workbook::read(path)?
    };
    build(&grids, &file)
}

/// Builds and validates the scenario tree from the sheets read (`file` names the source).
pub fn build(grids: &[Grid], file: &str) -> Result<(Json, crate::Scenario), InputError> {
    let mut b = Builder::default();
    let tree = b.tree(grids);
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
            // "id \"B1\" is already used at businesses[0].id": that place too.
            let message = match p.message.rsplit_once(" is already used at ") {
                Some((head, at)) => format!("{head} is already used at {}", b.locate(at).place),
                None => p.message.clone(),
            };
            if !own.contains(&located.place) {
                problems.push(Located {
                    kind: p.kind,
                    message,
                    ..located
                });
            }
        }
    }
    problems.sort_by_key(|p| p.rank);
    match loaded {
        Ok(s) if problems.is_empty() => Ok((tree, s)),
        _ => Err(InputError {
            file: file.to_owned(),
            problems: problems
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

/// A problem with its place in the spreadsheet and a sort key (sheet, row, column).
#[derive(Clone, Debug)]
struct Located {
    rank: (usize, u32, u32),
    place: String,
    kind: ProblemKind,
    message: String,
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

/// Ids and names of one id space, for references by name.
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
                    let ids = self.names.entry(name.clone()).or_default();
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
            }
        }
    }

    /// The id for `text`: itself when it is an id, else the one id with that name.
    /// `Err` names the ids when several share the name; an unknown text is returned as
    /// is (the loader reports it).
    fn resolve(&self, text: &str) -> Result<String, String> {
        if self.ids.contains(text) {
            return Ok(text.to_owned());
        }
        match self.names.get(text).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if many.len() > 1 => Err(format!(
                "the name \"{text}\" is ambiguous: ids {}; write the id",
                many.join(", ")
            )),
            _ => Ok(text.to_owned()),
        }
    }
}

#[derive(Default)]
struct Builder {
    problems: Vec<Located>,
    lists: HashMap<&'static str, ListLoc>,
    settings: Option<SettingsLoc>,
    depts: Lookup,
    bizs: Lookup,
    nodes: Lookup,
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
    text.trim()
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

/// The text of a cell as a header or key.
fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// Whether a header is a notes column, which import ignores.
fn is_notes(header: &str) -> bool {
    let h = norm(header);
    h.starts_with("备注") || h.starts_with("note") || h.starts_with("comment")
}

impl Builder {
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
        });
    }

    /// The whole scenario tree.
    fn tree(&mut self, grids: &[Grid]) -> Json {
        let find = |zh: &str, en: &str| {
            grids
                .iter()
                .find(|g| g.name.trim() == zh || g.name.trim().eq_ignore_ascii_case(en))
        };
        let mut lists: HashMap<&'static str, Vec<Json>> = HashMap::new();
        for (rank, sheet) in SHEETS.iter().enumerate() {
            let items = match find(sheet.zh, sheet.en) {
                Some(g) => self.sheet(g, sheet, rank),
                None => Vec::new(),
            };
            match sheet.list {
                "departments" => self.depts.add(&items),
                "places" => self.nodes.add(&items),
                "businesses" => {
                    self.nodes.add(&items);
                    self.bizs.add(&items);
                }
                _ => {}
            }
            lists.insert(sheet.list, items);
        }
        let mut root: Vec<(String, Json)> = Vec::new();
        if let Some(g) = find(SETTINGS_ZH, SETTINGS_EN) {
            self.settings_sheet(g, &mut root);
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
        let order = ["version", "name", "horizon", "rules", "travel"];
        let mut out: Vec<(String, Json)> = Vec::new();
        for k in order {
            if let Some(i) = root.iter().position(|(key, _)| key == k) {
                out.push(root.remove(i));
            }
        }
        for k in ["places", "departments", "inspectors", "businesses", "tasks"] {
            out.push((k.to_owned(), Json::Array(take(k))));
        }
        Json::Object(out)
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
        let find_col = |text: &str| {
            let t = norm(text);
            sheet
                .columns
                .iter()
                .position(|c| norm(c.zh) == t || norm(c.field) == t)
        };
        let Some(h) = Self::header_row(grid, &|t: &str| find_col(t).is_some()) else {
            let known: Vec<&str> = sheet.columns.iter().map(|c| c.zh).collect();
            let (r, has_data) = (0, grid.rows.iter().flatten().any(|c| *c != Cell::Empty));
            if has_data {
                self.problem(
                    (rank, r, 0),
                    grid.name.clone(),
                    ProblemKind::Missing,
                    format!(
                        "no header row found: expected headers such as {}",
                        known.join(", ")
                    ),
                );
            }
            return Vec::new();
        };
        let mut loc = ListLoc {
            sheet: grid.name.clone(),
            rank,
            ..ListLoc::default()
        };
        // Columns.
        let mut mapped: Vec<(usize, &'static Column)> = Vec::new();
        for (c, cell) in grid.rows[h].iter().enumerate() {
            let Some(text) = cell_text(cell) else {
                continue;
            };
            let at = cell_place(&grid.name, c as u32, h + 1, None);
            match find_col(&text) {
                Some(i) => {
                    let columns: &'static [Column] = sheet.columns;
                    let column = &columns[i];
                    if let Some((_, prev, _)) = loc.cols.iter().find(|(f, _, _)| *f == column.field)
                    {
                        let message = format!(
                            "the column \"{text}\" is given twice (also column {})",
                            col_letter(*prev)
                        );
                        self.problem(
                            (rank, h as u32 + 1, c as u32),
                            at,
                            ProblemKind::Syntax,
                            message,
                        );
                        continue;
                    }
                    loc.cols.push((column.field, c as u32, text.clone()));
                    mapped.push((c, column));
                }
                None if is_notes(&text) => {}
                None => {
                    let known: Vec<String> = sheet
                        .columns
                        .iter()
                        .map(|c| format!("{} ({})", c.zh, c.field))
                        .collect();
                    let message = format!(
                        "unknown column \"{text}\"; known columns: {} (a column headed 备注 or notes is ignored)",
                        known.join(", ")
                    );
                    self.problem(
                        (rank, h as u32 + 1, c as u32),
                        at,
                        ProblemKind::UnknownField,
                        message,
                    );
                }
            }
        }
        // The English header line under the Chinese one, if any.
        let mut first = h + 1;
        if let Some(row) = grid.rows.get(first) {
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
                                || is_notes(&t)
                        }
                    });
            if english {
                first += 1;
            }
        }
        let mut items = Vec::new();
        for r in first..grid.rows.len() {
            if mapped.iter().all(|(c, _)| *grid.cell(r, *c) == Cell::Empty) {
                continue;
            }
            let row = r as u32 + 1;
            let mut obj: Vec<(String, Json)> = Vec::new();
            let mut pair = vec![Json::Null, Json::Null];
            for (c, column) in &mapped {
                let cell = grid.cell(r, *c);
                let header = loc
                    .cols
                    .iter()
                    .find(|(f, _, _)| *f == column.field)
                    .map_or(column.zh, |(_, _, h)| h.as_str())
                    .to_owned();
                let at = cell_place(&grid.name, *c as u32, row, Some(&header));
                let Some(v) = self.value(cell, column.kind, (rank, row, *c as u32), &at) else {
                    continue;
                };
                if sheet.list == "rules.incompatible" {
                    let i = usize::from(column.field == "1");
                    pair[i] = v;
                } else {
                    set_path(&mut obj, column.field, v);
                }
            }
            if sheet.list == "rules.incompatible" {
                for (i, v) in pair.iter().enumerate() {
                    if *v == Json::Null {
                        let column = &sheet.columns[i];
                        let (place, c) = match loc.cols.iter().find(|(f, _, _)| *f == column.field)
                        {
                            Some((_, c, h)) => (cell_place(&grid.name, *c, row, Some(h)), *c),
                            None => (format!("{} row {row}", grid.name), 0),
                        };
                        let message = format!("required column \"{}\" is empty", column.zh);
                        self.problem((rank, row, c), place, ProblemKind::Missing, message);
                    }
                }
                items.push(Json::Array(pair));
            } else {
                items.push(Json::Object(obj));
            }
            loc.rows.push(row);
        }
        self.lists.insert(sheet.list, loc);
        items
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
            if grid.rows.iter().flatten().any(|c| *c != Cell::Empty) {
                self.problem(
                    (rank, 0, 0),
                    grid.name.clone(),
                    ProblemKind::Missing,
                    "no header row found: expected the headers 项目, 字段, 值".to_owned(),
                );
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
            self.problem(
                (rank, h as u32 + 1, 0),
                format!("{} row {}", grid.name, h + 1),
                ProblemKind::Missing,
                "the settings need a column headed 值 (value)".to_owned(),
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
            // The English header line.
            if field.as_deref().is_some_and(|f| norm(f) == "field") {
                continue;
            }
            let setting = match (&field, &label) {
                (None, None) => {
                    if *grid.cell(r, value_col) != Cell::Empty {
                        let message =
                            "a value without 项目 or 字段: which setting is it?".to_owned();
                        let place =
                            cell_place(&grid.name, value_col as u32, row, Some(&value_header));
                        self.problem(
                            (rank, row, value_col as u32),
                            place,
                            ProblemKind::Missing,
                            message,
                        );
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
                let message = format!(
                    "unknown setting \"{text}\"; known settings: {}",
                    known.join(", ")
                );
                let place = cell_place(&grid.name, c as u32, row, None);
                self.problem(
                    (rank, row, c as u32),
                    place,
                    ProblemKind::UnknownField,
                    message,
                );
                continue;
            };
            let at = cell_place(&grid.name, value_col as u32, row, Some(&value_header));
            if let Some(prev) = loc.rows.get(setting.field) {
                let message = format!(
                    "the setting \"{}\" is given twice (also row {prev})",
                    setting.field
                );
                self.problem(
                    (rank, row, value_col as u32),
                    at,
                    ProblemKind::Syntax,
                    message,
                );
                continue;
            }
            loc.rows.insert(setting.field, row);
            let cell = grid.cell(r, value_col);
            if let Some(v) = self.value(cell, setting.kind, (rank, row, value_col as u32), &at) {
                set_path(root, setting.field, v);
            }
        }
        self.settings = Some(loc);
    }

    /// The JSON value of a cell of `kind` (`None` when blank or unreadable; an unreadable
    /// cell is a problem at `at`).
    fn value(
        &mut self,
        cell: &Cell,
        kind: Kind,
        rank: (usize, u32, u32),
        at: &str,
    ) -> Option<Json> {
        let text = match cell {
            Cell::Empty => return None,
            Cell::Text(s) if s.trim().is_empty() => return None,
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(x) => number_text(*x),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Time(m) => clock(*m),
        };
        let fail = |b: &mut Self, kind: ProblemKind, message: String| {
            b.problem(rank, at.to_owned(), kind, message);
            None
        };
        match kind {
            Kind::Text => Some(Json::Str(text)),
            Kind::Int | Kind::Number => Some(match cell {
                Cell::Number(x) => number(*x),
                _ => parse_number(&text),
            }),
            Kind::Bool => match cell {
                Cell::Bool(b) => Some(Json::Bool(*b)),
                _ => match yes_no(&text) {
                    Some(b) => Some(Json::Bool(b)),
                    None => fail(
                        self,
                        ProblemKind::Type,
                        format!("expected 是 or 否 (yes/no, true/false, 1/0), found \"{text}\""),
                    ),
                },
            },
            Kind::Date => Some(Json::Str(match cell {
                Cell::Date(d) => iso(*d),
                Cell::DateTime(dt) => iso(dt.date()),
                Cell::Number(x) => serial_date(*x).map_or(text, iso),
                _ => date_text(&text),
            })),
            Kind::Time => Some(Json::Str(match cell {
                Cell::DateTime(dt) => clock(dt.hour() * 60 + dt.minute()),
                Cell::Number(x) if (0.0..1.0).contains(x) => clock((x * 1440.0).round() as u32),
                _ => text.replace('：', ":"),
            })),
            Kind::Dates => Some(Json::Array(match cell {
                Cell::Date(d) => vec![Json::Str(iso(*d))],
                Cell::DateTime(dt) => vec![Json::Str(iso(dt.date()))],
                Cell::Number(x) => vec![Json::Str(serial_date(*x).map_or(text, iso))],
                _ => split(&text).map(|s| Json::Str(date_text(s))).collect(),
            })),
            Kind::List => Some(Json::Array(
                split(&text).map(|s| Json::Str(s.to_owned())).collect(),
            )),
            Kind::Weekdays => Some(Json::Array(
                split(&text).map(|s| Json::Str(weekday(s))).collect(),
            )),
            Kind::Dept | Kind::Biz | Kind::Node => {
                let resolved = self.lookup(kind).resolve(&text);
                match resolved {
                    Ok(id) => Some(Json::Str(id)),
                    Err(m) => fail(self, ProblemKind::Dangling, m),
                }
            }
            Kind::Depts | Kind::Bizs => {
                let lookup = self.lookup(kind);
                let mut out = Vec::new();
                let mut bad = Vec::new();
                for s in split(&text) {
                    match lookup.resolve(s) {
                        Ok(id) => out.push(Json::Str(id)),
                        Err(m) => bad.push(m),
                    }
                }
                if bad.is_empty() {
                    Some(Json::Array(out))
                } else {
                    fail(self, ProblemKind::Dangling, bad.join("; "))
                }
            }
        }
    }

    fn lookup(&self, kind: Kind) -> &Lookup {
        match kind {
            Kind::Dept | Kind::Depts => &self.depts,
            Kind::Biz | Kind::Bizs => &self.bizs,
            _ => &self.nodes,
        }
    }

    /// The spreadsheet place of a JSON place of the scenario tree.
    fn locate(&self, place: &str) -> Located {
        let whole = |place: String, rank: usize| Located {
            rank: (rank, 0, 0),
            place,
            kind: ProblemKind::Invalid,
            message: String::new(),
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
                Some((_, c, h)) => Located {
                    rank: (loc.rank, row, *c),
                    place: cell_place(&loc.sheet, *c, row, Some(h)),
                    ..whole(String::new(), 0)
                },
                None => {
                    let sheet = SHEETS.iter().find(|s| s.list == *list);
                    let header = sheet
                        .and_then(|s| {
                            s.columns.iter().find(|c| {
                                c.field == field || c.field.starts_with(&format!("{field}."))
                            })
                        })
                        .map_or(String::new(), |c| {
                            format!(", column {} ({})", c.zh, c.field)
                        });
                    Located {
                        rank: (loc.rank, row, 0),
                        place: format!("{} row {row}{header}", loc.sheet),
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
                return Located {
                    rank: (SETTINGS_RANK, row, loc.value_col),
                    place: cell_place(&loc.sheet, loc.value_col, row, Some(&loc.value_header)),
                    ..whole(String::new(), 0)
                };
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

/// 是/否, yes/no, true/false, 1/0, y/n, √/×.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "√" | "对" => Some(true),
        "否" | "no" | "n" | "false" | "0" | "×" | "不" => Some(false),
        _ => None,
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

/// A date typed as text: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日` become
/// `YYYY-MM-DD`; other text is kept (the loader reports it).
pub fn date_text(text: &str) -> String {
    let t = text.trim();
    let parts: Vec<&str> = t
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    if let [y, m, d] = parts.as_slice() {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return iso(date);
                }
            }
        }
    }
    t.to_owned()
}

/// A weekday as the format writes it: `周一`, `星期一`, `一`, `Monday` → `mon`; other
/// text is kept lowercase (the loader reports it).
fn weekday(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("周"))
        .or_else(|| t.strip_prefix("礼拜"))
        .unwrap_or(t);
    let code = match t {
        "一" | "1" => "mon",
        "二" | "2" => "tue",
        "三" | "3" => "wed",
        "四" | "4" => "thu",
        "五" | "5" => "fri",
        "六" | "6" => "sat",
        "日" | "天" | "7" => "sun",
        other => {
            let l = other.to_lowercase();
            return match l.get(..3) {
                Some(p)
                    if l.len() > 3
                        && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&p) =>
                {
                    p.to_owned()
                }
                _ => l,
            };
        }
    };
    code.to_owned()
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
    fn columns_letters_dates_and_weekdays() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(date_text("2022/9/5"), "2022-09-05");
        assert_eq!(date_text("2022年9月15日"), "2022-09-15");
        assert_eq!(date_text("2022-02-30"), "2022-02-30");
        assert_eq!(serial_date(44816.0).map(iso).as_deref(), Some("2022-09-12"));
        assert_eq!(weekday("星期三"), "wed");
        assert_eq!(weekday("Friday"), "fri");
        assert_eq!(
            split("a；b、 c，d,e;").collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(strip_indices("acts_for[1]"), "acts_for");
    }
}
