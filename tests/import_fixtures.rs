//! Workbooks no one here wrote by hand: LibreOffice's own saves (xlsx, xls, ods, CSV "as
//! shown") of a week typed the way a clerk types it, a workbook with cached formula
//! errors, one with a hidden old task sheet and one with merged department cells. The
//! files are committed under `tests/fixtures/import/` (its README says how each was
//! made); these tests need no LibreOffice.
//!
//! The sources LibreOffice converted are written by the ignored test `make_sources`:
//! `cargo test --test integration import_fixtures::make_sources -- --ignored`, then
//! `tests/fixtures/import/make.sh`.

use crate::common;

use common::{repo, run, text};
use onedoor::import::columns::{Kind, SETTINGS, SHEETS};
use onedoor::import::{import, import_with, template, Lang, Options};
use onedoor_core::json::Json;
use onedoor_core::variant::{load, Shortcuts};
use onedoor_core::Scenario;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    repo("tests/fixtures/import")
}

/// A scenario's content for comparison (the id index, a hash map, left out).
fn content(s: &Scenario) -> String {
    let mut s = s.clone();
    s.index = Default::default();
    format!("{s:?}")
}

/// The week every fixture holds.
fn week() -> (Json, Scenario) {
    let l = load(&dir().join("week.json"), &Shortcuts::default()).expect("week.json loads");
    (l.json, l.scenario)
}

fn get<'a>(v: &'a Json, path: &str) -> Option<&'a Json> {
    let mut cur = v;
    for key in path.split('.') {
        cur = match cur {
            Json::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => cur.get(key)?,
        };
    }
    (*cur != Json::Null).then_some(cur)
}

fn text_of(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        Json::Int(i) => i.to_string(),
        Json::Float(x) => x.to_string(),
        Json::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        _ => String::new(),
    }
}

fn excel_date(s: &str) -> ExcelDateTime {
    let p: Vec<u16> = s.split('-').filter_map(|x| x.parse().ok()).collect();
    ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).expect("date")
}

fn excel_time(s: &str) -> ExcelDateTime {
    let p: Vec<u16> = s.split(':').filter_map(|x| x.parse().ok()).collect();
    ExcelDateTime::from_hms(p[0], p[1] as u8, 0.0).expect("time")
}

/// How a source workbook differs from the plain typed week.
#[derive(Default)]
struct Tweak {
    /// Cells of the task sheet replaced by formulas: (task id, field, formula).
    formulas: Vec<(&'static str, &'static str, &'static str)>,
    /// Keep the old week's first 3 tasks in a hidden `任务` and the week in `任务 (2)`.
    hidden_old: bool,
    /// Merge the department cells of consecutive tasks of one department.
    merge_departments: bool,
    /// Rows of the task sheet to hide (0-based).
    hide_task_rows: Vec<u32>,
}

/// Writes one value as a clerk types it: dates and times as real date/time cells in
/// Chinese formats, yes/no as 是/否, lists joined by 、 or ;, numbers as numbers.
fn put(ws: &mut Worksheet, r: u32, c: u16, v: &Json, kind: Kind, f: &Formats) {
    let res = match (kind, v) {
        (Kind::Date, Json::Str(s)) => ws
            .write_datetime_with_format(r, c, excel_date(s), &f.date)
            .map(|_| ()),
        (Kind::Time, Json::Str(s)) => ws
            .write_datetime_with_format(r, c, excel_time(s), &f.time)
            .map(|_| ()),
        (Kind::Weekdays, Json::Array(a)) => {
            let zh: Vec<&str> = a
                .iter()
                .filter_map(|d| match d {
                    Json::Str(s) => onedoor::import::weekday_zh(s),
                    _ => None,
                })
                .collect();
            ws.write_string(r, c, zh.join("、")).map(|_| ())
        }
        (_, Json::Array(a)) => {
            let parts: Vec<String> = a.iter().map(text_of).collect();
            ws.write_string(r, c, parts.join(";")).map(|_| ())
        }
        (_, Json::Int(i)) => ws.write_number(r, c, *i as f64).map(|_| ()),
        (_, Json::Float(x)) => ws.write_number(r, c, *x).map(|_| ()),
        (_, v) => ws.write_string(r, c, text_of(v)).map(|_| ()),
    };
    res.expect("write");
}

struct Formats {
    date: Format,
    time: Format,
    datetime: Format,
}

/// The typed week (see [`put`]) with a 序号 column, no English header line, item names
/// instead of codes, pinned appointments typed as one date-and-time cell, and settings
/// found by their labels.
fn typed(tree: &Json, tweak: &Tweak) -> Vec<u8> {
    let f = Formats {
        date: Format::new().set_num_format("yy\"年\"m\"月\"d\"日\""),
        time: Format::new().set_num_format("hh:mm:ss"),
        datetime: Format::new().set_num_format("yyyy/m/d h:mm"),
    };
    let names: std::collections::HashMap<String, String> = match get(tree, "items") {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|i| Some((text_of(get(i, "id")?), text_of(get(i, "name")?))))
            .collect(),
        _ => Default::default(),
    };
    let mut book = Workbook::new();
    // A fixed creation time: the same sources, byte for byte, on every run.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1).expect("date");
    book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    for sheet in SHEETS {
        let items: Vec<Json> = match get(tree, sheet.list) {
            Some(Json::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let columns: Vec<_> = sheet
            .columns
            .iter()
            .filter(|c| c.field != "pinned.start" && c.field != "aliases")
            .collect();
        let mut items = items;
        if tweak.merge_departments && sheet.list == "tasks" {
            // One department's tasks together, so that its cells can be merged.
            items.sort_by_key(|t| get(t, "department").map(text_of).unwrap_or_default());
        }
        let mut parts: Vec<(String, Vec<Json>, bool)> = Vec::new();
        if sheet.list == "tasks" && tweak.hidden_old {
            parts.push(("任务".into(), items.iter().take(3).cloned().collect(), true));
            parts.push(("任务 (2)".into(), items.clone(), false));
        } else {
            parts.push((sheet.zh.to_owned(), items, false));
        }
        for (name, items, hidden) in parts {
            let ws = book.add_worksheet();
            ws.set_name(&name).expect("name");
            if hidden {
                ws.set_hidden(true);
            }
            ws.write_string(0, 0, "序号").expect("write");
            for (c, col) in columns.iter().enumerate() {
                ws.write_string(0, c as u16 + 1, col.zh).expect("write");
            }
            let mut run: Option<(String, u32)> = None;
            for (i, item) in items.iter().enumerate() {
                let r = i as u32 + 1;
                ws.write_number(r, 0, r as f64).expect("write");
                for (c, col) in columns.iter().enumerate() {
                    let c = c as u16 + 1;
                    let id = get(item, "id").map(text_of).unwrap_or_default();
                    if let Some((_, _, formula)) = tweak
                        .formulas
                        .iter()
                        .find(|(t, field, _)| *t == id && *field == col.field)
                    {
                        ws.write_formula(r, c, Formula::new(*formula))
                            .expect("formula");
                        continue;
                    }
                    if col.field == "pinned.date" {
                        if let (Some(d), Some(t)) =
                            (get(item, "pinned.date"), get(item, "pinned.start"))
                        {
                            let hm: Vec<u16> = text_of(t)
                                .split(':')
                                .filter_map(|x| x.parse().ok())
                                .collect();
                            let dt = excel_date(&text_of(d))
                                .and_hms(hm[0], hm[1] as u8, 0)
                                .expect("datetime");
                            ws.write_datetime_with_format(r, c, dt, &f.datetime)
                                .expect("write");
                            continue;
                        }
                    }
                    let Some(v) = get(item, col.field) else {
                        continue;
                    };
                    if col.kind == Kind::Items {
                        if let Json::Array(a) = v {
                            let shown: Vec<String> = a
                                .iter()
                                .map(|x| names.get(&text_of(x)).cloned().unwrap_or(text_of(x)))
                                .collect();
                            ws.write_string(r, c, shown.join(";")).expect("write");
                            continue;
                        }
                    }
                    put(ws, r, c, v, col.kind, &f);
                }
                if tweak.merge_departments && sheet.list == "tasks" {
                    let dept = get(item, "department").map(text_of).unwrap_or_default();
                    let c = 1 + columns
                        .iter()
                        .position(|c| c.field == "department")
                        .unwrap_or(0) as u16;
                    match &run {
                        Some((d, _)) if *d == dept => {}
                        _ => {
                            close_run(ws, &run, r, c);
                            run = Some((dept, r));
                        }
                    }
                }
            }
            if sheet.list == "tasks" {
                for r in &tweak.hide_task_rows {
                    ws.set_row_hidden(*r).expect("hide");
                }
            }
            if tweak.merge_departments && sheet.list == "tasks" {
                let c = 1 + columns
                    .iter()
                    .position(|c| c.field == "department")
                    .unwrap_or(0) as u16;
                close_run(ws, &run, items.len() as u32 + 1, c);
            }
        }
    }
    let ws = book.add_worksheet();
    ws.set_name("设置").expect("name");
    ws.write_string(0, 0, "项目").expect("write");
    ws.write_string(0, 1, "值").expect("write");
    let mut r = 1;
    for s in SETTINGS {
        if let Some(v) = get(tree, s.field) {
            ws.write_string(r, 0, s.zh).expect("write");
            put(ws, r, 1, v, s.kind, &f);
            r += 1;
        }
    }
    book.save_to_buffer().expect("save")
}

/// Merges the department cells of a run of rows `from..to` (their value is in the
/// first).
fn close_run(ws: &mut Worksheet, run: &Option<(String, u32)>, to: u32, c: u16) {
    if let Some((dept, from)) = run {
        if to > from + 1 {
            ws.merge_range(*from, c, to - 1, c, dept, &Format::new())
                .expect("merge");
        }
    }
}

/// Writes the workbooks LibreOffice converts (`tests/fixtures/import/src/`).
#[test]
#[ignore = "writes the fixtures' sources; run by hand, then tests/fixtures/import/make.sh"]
fn make_sources() {
    let (tree, _) = week();
    let src = dir().join("src");
    std::fs::create_dir_all(&src).expect("src/");
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(src.join(name), bytes).expect("write");
    write(
        "week-template.xlsx",
        template::workbook(Some(&tree)).expect("template"),
    );
    write("week-typed.xlsx", typed(&tree, &Tweak::default()));
    write(
        "formula-errors.xlsx",
        typed(
            &tree,
            &Tweak {
                formulas: vec![
                    ("T05", "priority", "=VLOOKUP(\"B9\",A1:A2,1,FALSE)"),
                    ("T10", "joinable", "=NA()"),
                    ("T07", "latest", "=1/0"),
                    ("T02", "minutes", "=\"40\"+\"分钟\""),
                ],
                ..Tweak::default()
            },
        ),
    );
    write(
        "hidden-old-week.xlsx",
        typed(
            &tree,
            &Tweak {
                hidden_old: true,
                ..Tweak::default()
            },
        ),
    );
    write(
        "hidden-rows.xlsx",
        typed(
            &tree,
            &Tweak {
                hide_task_rows: vec![3, 4],
                ..Tweak::default()
            },
        ),
    );
    write(
        "merged-departments.xlsx",
        typed(
            &tree,
            &Tweak {
                merge_departments: true,
                ..Tweak::default()
            },
        ),
    );
}

/// Imports a fixture and compares it with the week.
fn same_week(path: &Path) {
    let (_, want) = week();
    let got = import_with(path, &Options::default())
        .unwrap_or_else(|e| panic!("{} imports: {e}", path.display()));
    assert_eq!(
        content(&got.scenario),
        content(&want),
        "{} is not the week",
        path.display()
    );
}

#[test]
fn libreoffice_saves_of_the_template_import_to_the_same_week() {
    for name in [
        "week-template.ods",
        "week-template.xls",
        "week-template.lo.xlsx",
    ] {
        same_week(&dir().join(name));
    }
    same_week(&dir().join("week-template-csv"));
}

#[test]
fn a_week_typed_as_a_clerk_types_it_imports_from_every_format_libreoffice_writes() {
    for name in [
        "src/week-typed.xlsx",
        "week-typed.lo.xlsx",
        "week-typed.ods",
        "week-typed.xls",
    ] {
        same_week(&dir().join(name));
    }
    // The .ods week plans, and the plan passes the checker.
    let got = import(&dir().join("week-typed.ods")).expect("imports").1;
    let outcome = common::solve_checked(&got, &common::options());
    assert!(!outcome.plan.visits.is_empty());
    // CSV "as shown": 22年9月13日, 09:00:00, 2022/9/13 10:00, files named week-typed-任务.csv.
    let csv = dir().join("week-typed-csv");
    let tasks = std::fs::read_to_string(csv.join("week-typed-任务.csv")).expect("csv");
    assert!(
        tasks.contains("年") && tasks.contains("2022/9/13 10:00"),
        "{tasks}"
    );
    same_week(&csv);
}

#[test]
fn cached_formula_errors_are_errors_at_their_cells() {
    let path = dir().join("formula-errors.lo.xlsx");
    let e = import(&path).expect_err("formula errors are refused");
    let all = e.to_string();
    for value in ["#N/A", "#DIV/0!", "#VALUE!"] {
        assert!(
            all.contains(&format!("公式结果为错误值 {value}")),
            "{value}:\n{all}"
        );
    }
    // Each at its cell: T10 is the tenth task, in row 11.
    assert!(
        e.problems
            .iter()
            .any(|p| p.place.starts_with("任务!") && p.place.contains("11 (可合并)")),
        "{all}"
    );
    // The same file through the CLI: exit 2, nothing written.
    let out_dir = tempfile::tempdir().expect("tempdir");
    let json = out_dir.path().join("w.json");
    let out = run([
        "import".to_owned(),
        path.display().to_string(),
        "-o".to_owned(),
        json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!json.exists());
}

#[test]
fn a_hidden_old_task_sheet_is_not_read_and_said_so() {
    let path = dir().join("hidden-old-week.lo.xlsx");
    let got = import_with(&path, &Options::default()).expect("imports");
    let (_, want) = week();
    assert_eq!(content(&got.scenario), content(&want));
    // The same in LibreOffice's own format.
    let ods =
        import_with(&dir().join("hidden-old-week.ods"), &Options::default()).expect("imports");
    assert_eq!(content(&ods.scenario), content(&want));
    assert!(!ods.warnings.is_empty());
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("隐藏的工作表“任务”没有读取")),
        "{:?}",
        got.warnings
    );
    let en = import_with(
        &path,
        &Options {
            lang: Some(Lang::En),
        },
    )
    .expect("imports");
    assert!(
        en.warnings.iter().any(|w| w.contains("hidden sheet")),
        "{:?}",
        en.warnings
    );
}

#[test]
fn hidden_rows_are_imported_and_said_so() {
    let path = dir().join("hidden-rows.lo.xlsx");
    let got = import_with(&path, &Options::default()).expect("imports");
    let (_, want) = week();
    assert_eq!(content(&got.scenario), content(&want));
    assert!(
        got.warnings
            .iter()
            .any(|w| w.starts_with("任务: 第 4、5 行是隐藏行：已照常导入")),
        "{:?}",
        got.warnings
    );
}

#[test]
fn merged_department_cells_fill_their_rows() {
    use std::io::Read;
    let path = dir().join("merged-departments.lo.xlsx");
    // LibreOffice kept the merged ranges (the department written once per run).
    let file = std::fs::File::open(&path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut merges = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut xml = String::new();
        if f.name().starts_with("xl/worksheets/sheet") {
            f.read_to_string(&mut xml).expect("xml");
            merges += xml.matches("<mergeCell ").count();
        }
    }
    assert!(merges >= 3, "{merges} merged ranges");
    // The week, its tasks in the order of the sheet (by department).
    let got = import(&path).expect("imports").1;
    let (_, mut want) = week();
    let depts: Vec<String> = want.departments.iter().map(|d| d.id.clone()).collect();
    want.tasks
        .sort_by_key(|t| depts[t.department.index()].clone());
    let ids = |s: &Scenario| s.tasks.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&got), ids(&want));
    let mut got = got;
    got.tasks.sort_by(|a, b| a.id.cmp(&b.id));
    want.tasks.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(content(&got), content(&want));
}
