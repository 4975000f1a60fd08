//! Import never turns a workbook into a different week: every case here was, before
//! issue 20, imported with exit 0 as something else than the clerk meant (a formula error
//! read as a blank cell, a hidden old sheet read, an empty week from a renamed sheet, a
//! pinned time dropped, a day number read as a date in 1900, a filled workbook
//! overwritten), or a valid file refused. Sheets are built cell by cell ([`Grid`]), so
//! each case states exactly what the spreadsheet program handed over.

use crate::common;

use chrono::NaiveDate;
use common::{run, text};
use onedoor::import::{build_with, import_with, Cell, Grid, Imported, Lang, Options};
use onedoor_core::InputError;

/// A cell from a short code: `""` empty, `"!err:#N/A"` an error value, `"!n:14"` a
/// number, `"!d:2022-09-13"` a date, `"!dt:2022-09-13 10:00"` a date with a time,
/// `"!t:600"` a time (minutes), anything else text.
fn cell(code: &str) -> Cell {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    if code.is_empty() {
        Cell::Empty
    } else if let Some(e) = code.strip_prefix("!err:") {
        Cell::Error(e.to_owned())
    } else if let Some(n) = code.strip_prefix("!n:") {
        Cell::Number(n.parse().expect("number"))
    } else if let Some(d) = code.strip_prefix("!dt:") {
        Cell::DateTime(
            chrono::NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").expect("datetime"),
        )
    } else if let Some(d) = code.strip_prefix("!d:") {
        Cell::Date(date(d))
    } else if let Some(t) = code.strip_prefix("!t:") {
        Cell::Time(t.parse().expect("minutes"))
    } else {
        Cell::Text(code.to_owned())
    }
}

fn grid(name: &str, rows: &[&[&str]]) -> Grid {
    Grid {
        name: name.to_owned(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| cell(c)).collect())
            .collect(),
        ..Grid::default()
    }
}

/// The sheets of a small week around a task sheet.
fn week(tasks: Grid) -> Vec<Grid> {
    vec![
        grid(
            "部门",
            &[
                &["编号", "名称", "别名"],
                &["fire", "消防救援大队", "消防大队、消防"],
                &["market", "市场监督管理局", ""],
            ],
        ),
        grid(
            "地点",
            &[
                &["编号", "名称", "X(公里)", "Y(公里)"],
                &["hq", "大队部", "!n:0", "!n:0"],
            ],
        ),
        grid(
            "企业",
            &[
                &[
                    "编号",
                    "名称",
                    "X(公里)",
                    "Y(公里)",
                    "营业日",
                    "不可检查日期",
                ],
                &["B1", "海韵民宿", "!n:1", "!n:1", "", ""],
                &["B2", "东港加油站", "!n:2", "!n:0", "", ""],
            ],
        ),
        grid(
            "人员",
            &[
                &["编号", "部门", "出发地"],
                &["F1", "fire", "hq"],
                &["F2", "fire", "hq"],
                &["M1", "market", "hq"],
                &["M2", "market", "hq"],
            ],
        ),
        grid(
            "设置",
            &[
                &["项目", "值"],
                &["开始日期", "!d:2022-09-12"],
                &["结束日期", "!d:2022-09-16"],
            ],
        ),
        tasks,
    ]
}

const HEAD: &[&str] = &[
    "编号",
    "部门",
    "企业",
    "时长(分钟)",
    "优先级",
    "可合并",
    "最晚日期",
];

fn tasks(rows: &[&[&str]]) -> Grid {
    let mut all: Vec<&[&str]> = vec![HEAD];
    all.extend_from_slice(rows);
    grid("任务", &all)
}

fn ok(grids: &[Grid]) -> Imported {
    build_with(grids, "week.xlsx", &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(grids: &[Grid]) -> InputError {
    match build_with(grids, "week.xlsx", &Options::default()) {
        Ok(i) => panic!("imported: {:?}", i.tree),
        Err(e) => e,
    }
}

fn has(e: &InputError, place: &str, text: &str) -> bool {
    e.problems
        .iter()
        .any(|p| p.place.starts_with(place) && p.message.contains(text))
}

#[test]
fn formula_error_values_are_errors_at_their_cells() {
    let e = err(&week(tasks(&[
        &["T1", "fire", "B1", "!n:40", "!err:#N/A", "否", ""],
        &[
            "T2",
            "fire",
            "B2",
            "!n:30",
            "!n:2",
            "!err:#VALUE!",
            "!err:#DIV/0!",
        ],
    ])));
    assert!(has(&e, "任务!E2 (优先级)", "公式结果为错误值 #N/A"), "{e}");
    assert!(has(&e, "任务!F3 (可合并)", "#VALUE!"), "{e}");
    assert!(has(&e, "任务!G3 (最晚日期)", "#DIV/0!"), "{e}");
}

#[test]
fn hidden_sheets_are_not_read_and_two_visible_ones_are_an_error() {
    let mut old = tasks(&[&["T9", "fire", "B1", "!n:40", "", "", ""]]);
    old.hidden = true;
    let mut new = tasks(&[
        &["T1", "fire", "B1", "!n:40", "", "", ""],
        &["T2", "market", "B2", "!n:30", "", "", ""],
    ]);
    new.name = "任务 (2)".to_owned();
    let mut grids = week(old);
    grids.push(new.clone());
    let got = ok(&grids);
    assert_eq!(got.scenario.tasks.len(), 2);
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("隐藏的工作表“任务”没有读取") && w.contains("读取的是“任务 (2)”")),
        "{:?}",
        got.warnings
    );
    // Both visible: an error naming both.
    let mut both = week(tasks(&[&["T9", "fire", "B1", "!n:40", "", "", ""]]));
    both.push(new);
    let e = err(&both);
    assert!(
        e.problems
            .iter()
            .any(|p| p.message.contains("“任务”") && p.message.contains("“任务 (2)”")),
        "{e}"
    );
}

#[test]
fn a_workbook_without_a_task_sheet_is_an_error_listing_its_sheets() {
    let mut renamed = tasks(&[&["T1", "fire", "B1", "!n:40", "", "", ""]]);
    renamed.name = "Sheet1".to_owned();
    let e = err(&week(renamed));
    assert!(
        e.problems
            .iter()
            .any(|p| p.message.contains("没有找到任务表")
                && p.message.contains("“Sheet1”")
                && p.message.contains("任务 或 tasks")),
        "{e}"
    );
    // `任务表` is the task sheet.
    let mut named = tasks(&[&["T1", "fire", "B1", "!n:40", "", "", ""]]);
    named.name = "任务表".to_owned();
    assert_eq!(ok(&week(named)).scenario.tasks.len(), 1);
}

#[test]
fn a_pinned_date_with_a_time_sets_the_start_and_a_time_elsewhere_is_an_error() {
    let head: &[&str] = &["编号", "部门", "企业", "时长(分钟)", "固定日期", "最早日期"];
    let t = grid(
        "任务",
        &[
            head,
            &["T1", "fire", "B1", "!n:40", "!dt:2022-09-13 10:00", ""],
            &["T2", "fire", "B2", "!n:40", "2022/9/14 14:30", ""],
        ],
    );
    let got = ok(&week(t));
    let starts: Vec<String> = got
        .scenario
        .tasks
        .iter()
        .map(|t| format!("{:?}", t.pinned))
        .collect();
    assert!(
        starts[0].contains("600") || starts[0].contains("10:00"),
        "{starts:?}"
    );
    assert!(
        starts[1].contains("870") || starts[1].contains("14:30"),
        "{starts:?}"
    );
    let t = grid(
        "任务",
        &[
            head,
            &["T1", "fire", "B1", "!n:40", "", "!dt:2022-09-13 10:00"],
        ],
    );
    let e = err(&week(t));
    assert!(has(&e, "任务!F2 (最早日期)", "带有时间 10:00"), "{e}");
}

#[test]
fn a_bare_number_in_a_date_column_is_an_error_saying_what_it_would_mean() {
    let e = err(&week(tasks(&[
        &["T1", "fire", "B1", "!n:40", "", "", "!n:14"],
        &["T2", "fire", "B2", "!n:40", "", "", "15"],
    ])));
    assert!(has(&e, "任务!G2 (最晚日期)", "1900-01-14"), "{e}");
    assert!(has(&e, "任务!G2 (最晚日期)", "2022-09-14"), "{e}");
    assert!(has(&e, "任务!G3 (最晚日期)", "2022-09-15"), "{e}");
}

#[test]
fn dates_outside_the_week_are_warnings_that_say_they_were_imported() {
    let mut grids = week(tasks(&[
        &["T1", "fire", "B1", "!n:40", "", "", "!d:2021-09-16"],
        &["T2", "fire", "B2", "!n:40", "", "", "!d:2022-09-30"],
    ]));
    grids[2] = grid(
        "企业",
        &[
            &["编号", "名称", "X(公里)", "Y(公里)", "不可检查日期"],
            &["B1", "海韵民宿", "!n:1", "!n:1", "2022-10-14"],
            &["B2", "东港加油站", "!n:2", "!n:0", ""],
        ],
    );
    let got = ok(&grids);
    let all = got.warnings.join("\n");
    assert!(
        all.contains("企业!E2") && all.contains("已导入，但不起作用"),
        "{all}"
    );
    assert!(all.contains("任务!G2") && all.contains("无法安排"), "{all}");
    // A latest date after the week is a plain deadline: no warning.
    assert!(!all.contains("任务!G3"), "{all}");
}

#[test]
fn rows_that_only_look_empty_are_skipped() {
    let got = ok(&week(tasks(&[
        &["T1", "fire", "B1", "!n:40", "", "", ""],
        &["", " ", "", "\u{3000}", "", "", ""],
        &["", "", "", "", "", "", ""],
        &["T2", "fire", "B2", "!n:40", "", "", ""],
    ])));
    assert_eq!(got.scenario.tasks.len(), 2);
}

#[test]
fn full_width_digits_yes_no_forms_weekday_ranges_and_times_as_typed() {
    let mut grids = week(tasks(&[&[
        "T1",
        "fire",
        "B1",
        "４０",
        "３",
        "无",
        "２０２２／９／１５",
    ]]));
    grids[2] = grid(
        "企业",
        &[
            &[
                "编号",
                "名称",
                "X(公里)",
                "Y(公里)",
                "营业日",
                "营业开始",
                "营业结束",
            ],
            &[
                "B1",
                "海韵民宿",
                "!n:1",
                "!n:1",
                "周一至周五",
                "上午9:00",
                "下午5点半",
            ],
            &[
                "B2",
                "东港加油站",
                "!n:2",
                "!n:0",
                "工作日、周六",
                "PT08H00M00S",
                "18:00:00",
            ],
        ],
    );
    let got = ok(&grids);
    let t = &got.scenario.tasks[0];
    assert_eq!((t.minutes, t.priority, t.joinable), (40, 3, false));
    assert_eq!(t.latest.to_string(), "2022-09-15");
    let b = format!("{:?}", got.scenario.businesses);
    assert_eq!(
        got.scenario.businesses[0].open_days.0.count_ones(),
        5,
        "{b}"
    );
    assert_eq!(
        got.scenario.businesses[1].open_days.0.count_ones(),
        6,
        "{b}"
    );
    let tree = serde_json::to_string(&got.tree).expect("json");
    for s in ["\"09:00\"", "\"17:30\"", "\"08:00\"", "\"18:00\""] {
        assert!(tree.contains(s), "{s} in {tree}");
    }
}

#[test]
fn departments_columns_near_misses_unknown_columns_and_derived_ids() {
    let t = grid(
        "任务",
        &[
            &[
                "序号",
                "部门",
                "企业",
                "时长(分钟)",
                "检查内容",
                "联系人手机",
                "备注",
            ],
            &[
                "!n:1",
                "消防大队",
                "海韵民宿",
                "!n:40",
                "fire.exits",
                "138",
                "x",
            ],
            &["!n:2", "fire", "B1", "!n:30", "", "", ""],
            &["!n:3", "市场监督管理局", "B1", "!n:30", "", "", ""],
        ],
    );
    let got = ok(&week(t));
    let ids: Vec<&str> = got.scenario.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["fire-B1-1", "fire-B1-2", "market-B1-1"]);
    assert_eq!(got.scenario.tasks[0].items, ["fire.exits"]);
    assert!(
        got.warnings
            .iter()
            .any(|w| w.starts_with("任务!F1") && w.contains("未知的列 \"联系人手机\"")),
        "{:?}",
        got.warnings
    );
    // A near-miss header is an error with the column it resembles.
    let t = grid(
        "任务",
        &[
            &["编号", "部门", "企业", "时长/分钟"],
            &["T1", "fire", "B1", "!n:40"],
        ],
    );
    let e = err(&week(t));
    assert!(has(&e, "任务!D1", "是不是“时长(分钟)”"), "{e}");
}

#[test]
fn unknown_names_get_a_suggestion_the_typed_value_and_one_line_for_many_rows() {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for i in 0..50 {
        rows.push(vec![
            format!("T{i}"),
            "市场监管局".into(),
            "B1".into(),
            "40".into(),
        ]);
    }
    rows.push(vec![
        "T99".into(),
        "fire".into(),
        "B001\u{200B}".into(),
        "40".into(),
    ]);
    let mut all: Vec<Vec<Cell>> = vec![["编号", "部门", "企业", "时长(分钟)"]
        .iter()
        .map(|h| Cell::Text((*h).to_owned()))
        .collect()];
    all.extend(
        rows.iter()
            .map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect()),
    );
    let t = Grid {
        name: "任务".into(),
        rows: all,
        ..Grid::default()
    };
    let e = err(&week(t));
    assert_eq!(e.problems.len(), 2, "{e}");
    let first = &e.problems[0];
    assert!(first.place.contains("任务!B2、B3、B4 等 50 处"), "{e}");
    assert!(first.message.contains("是不是“市场监督管理局”"), "{e}");
    assert!(has(&e, "任务!C52", "\"B001<U+200B>\""), "{e}");
    // In English on request.
    let e = build_with(
        &week(tasks(&[&["T1", "市场监管局", "B1", "!n:40", "", "", ""]])),
        "week.xlsx",
        &Options {
            lang: Some(Lang::En),
        },
    )
    .expect_err("unknown department");
    assert!(
        e.to_string()
            .contains("unknown department \"市场监管局\": no id or name in the 部门 sheet; did you mean \"市场监督管理局\"?"),
        "{e}"
    );
}

/// Writes CSV text to a file (`utf16`: UTF-16LE with a byte order mark).
fn write_csv(path: &std::path::Path, body: &str, utf16: bool) {
    let bytes = if utf16 {
        let mut b = vec![0xFF, 0xFE];
        b.extend(body.encode_utf16().flat_map(u16::to_le_bytes));
        b
    } else {
        body.as_bytes().to_vec()
    };
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn csv_as_programs_write_it_named_as_libreoffice_names_it_utf16_and_semicolons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("week");
    std::fs::create_dir_all(&d).expect("dir");
    write_csv(
        &d.join("week-部门.csv"),
        "编号;名称\nfire;消防救援大队\n",
        true,
    );
    write_csv(
        &d.join("week-地点.csv"),
        "编号,名称,X(公里),Y(公里)\nhq,大队部,0,0\n",
        false,
    );
    write_csv(
        &d.join("week-企业.csv"),
        "编号,名称,X(公里),Y(公里),营业开始,营业结束\nB1,海韵民宿,1,1,09:00:00,下午5:00\n",
        false,
    );
    write_csv(
        &d.join("week-人员.csv"),
        "编号,部门,出发地\nF1,fire,hq\nF2,fire,hq\n",
        false,
    );
    write_csv(
        &d.join("week-设置.csv"),
        "项目,值\n开始日期,22年9月12日\n结束日期,22年9月16日\n",
        false,
    );
    // A blank line counts as a row: T2's bad business is in row 4.
    write_csv(
        &d.join("week-任务.csv"),
        "编号,部门,企业,时长(分钟),最早日期\nT1,fire,B1,40,22年9月13日\n\nT2,fire,B9,40,\n",
        false,
    );
    let e = import_with(&d, &Options::default()).expect_err("B9 is unknown");
    assert!(has(&e, "week-任务!C4 (企业)", "未知的企业 \"B9\""), "{e}");
    write_csv(
        &d.join("week-任务.csv"),
        "编号,部门,企业,时长(分钟),最早日期\nT1,fire,B1,40,22年9月13日\n\nT2,fire,B1,40,\n",
        false,
    );
    let got = import_with(&d, &Options::default()).expect("imports");
    assert_eq!(got.scenario.tasks.len(), 2);
    assert_eq!(got.scenario.tasks[0].earliest.to_string(), "2022-09-13");
    assert_eq!(got.scenario.horizon.start.to_string(), "2022-09-12");

    // A single CSV file of tasks alone: read as the task sheet; the horizon is missing.
    let single = dir.path().join("消防大队本周.csv");
    write_csv(&single, "编号,部门,企业,时长(分钟)\nT1,fire,B1,40\n", false);
    let e = import_with(&single, &Options::default()).expect_err("no horizon");
    assert!(
        e.problems.iter().any(|p| p.message.contains("开始日期")),
        "{e}"
    );
    assert!(!e.to_string().contains("没有找到任务表"), "{e}");
}

#[test]
fn files_that_are_not_workbooks_get_one_plain_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.xlsx", Vec::new(), "文件是空的"),
        (
            "web.xls",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>".to_vec(),
            "网页（HTML）",
        ),
        (
            "text.xlsx",
            "编号,名称\nB1,海韵\n".as_bytes().to_vec(),
            "文本文件",
        ),
        // Made up, not a real encrypted file: the OLE container's signature and the name
        // of the stream Office encrypts a workbook into.
        (
            "locked.xlsx",
            {
                let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                b.resize(512, 0);
                b.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
                b.resize(2048, 0);
                b
            },
            "设有打开密码",
        ),
        (
            "cut.xlsx",
            {
                let mut b = onedoor::import::template::workbook(None).expect("template");
                b.truncate(b.len() / 2);
                b
            },
            "已损坏或不完整",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let e = import_with(&path, &Options::default()).expect_err(name);
        assert_eq!(e.problems.len(), 1, "{e}");
        let m = &e.problems[0].message;
        assert!(m.contains(expected), "{name}: {m}");
        assert!(!m.contains("EOCD") && !m.contains("Zip"), "{name}: {m}");
    }
}

#[test]
fn template_keeps_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("week.xlsx");
    std::fs::write(&book, b"filled in").expect("write");
    let out = run(["template", "-o"]
        .map(String::from)
        .into_iter()
        .chain([book.display().to_string()]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&book).ok().as_deref(),
        Some(&b"filled in"[..])
    );
    let out = run(["template", "--force", "-o"]
        .map(String::from)
        .into_iter()
        .chain([book.display().to_string()]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_ne!(
        std::fs::read(&book).ok().as_deref(),
        Some(&b"filled in"[..])
    );
}

#[test]
fn a_task_sheet_may_carry_the_business_address_and_contact() {
    let t = grid(
        "任务",
        &[
            &[
                "序号",
                "部门",
                "企业",
                "时长(分钟)",
                "地址",
                "联系人",
                "联系电话",
            ],
            &[
                "!n:1",
                "fire",
                "B1",
                "!n:40",
                "海韵路8号",
                "陈老板",
                "!n:13805801234",
            ],
            &["!n:2", "market", "B1", "!n:30", "海韵路8号", "", ""],
        ],
    );
    let got = ok(&week(t));
    let b = &got.scenario.businesses[0];
    assert_eq!(b.address.as_deref(), Some("海韵路8号"));
    assert_eq!(b.contact.as_deref(), Some("陈老板"));
    assert_eq!(b.phone.as_deref(), Some("13805801234"));
    // Two rows disagreeing about one business: an error at the second.
    let t = grid(
        "任务",
        &[
            &["部门", "企业", "时长(分钟)", "地址"],
            &["fire", "B1", "!n:40", "海韵路8号"],
            &["market", "B1", "!n:30", "海韵路9号"],
        ],
    );
    let e = err(&week(t));
    assert!(has(&e, "任务!D3 (地址)", "\"海韵路8号\""), "{e}");
}

#[test]
fn a_formula_without_a_stored_result_is_an_error_saying_recalculate() {
    use rust_xlsxwriter::{Formula, Workbook};
    use std::io::{Read, Write};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("任务").expect("name");
    for (c, h) in ["编号", "部门", "企业", "时长(分钟)", "优先级"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in ["T1", "fire", "B1"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    ws.write_number(1, 3, 40).expect("write");
    ws.write_formula(1, 4, Formula::new("=1+2"))
        .expect("formula");
    let bytes = book.save_to_buffer().expect("save");
    // What a program that does not calculate writes: the formula, no <v> result.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).expect("xml");
            assert!(text.contains("</f><v>0</v>"), "{text}");
            data = text.replace("</f><v>0</v>", "</f>").into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    let bytes = out.finish().expect("finish").into_inner();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("generated.xlsx");
    std::fs::write(&path, bytes).expect("write");
    let e = import_with(&path, &Options::default()).expect_err("uncalculated");
    assert!(has(&e, "任务!E2 (优先级)", "重新计算后保存"), "{e}");
}

#[test]
fn the_templates_english_line_is_skipped_when_its_field_column_is_deleted() {
    let mut grids = week(tasks(&[&["T1", "fire", "B1", "!n:40", "", "", ""]]));
    grids[4] = grid(
        "设置",
        &[
            &["项目", "值", "说明"],
            &["item", "value", "help"],
            &["开始日期", "!d:2022-09-12", ""],
            &["结束日期", "!d:2022-09-16", ""],
            &["签发机关", "舟山市定海区综合行政执法局", ""],
            &["签发日期", "22年9月8日", ""],
        ],
    );
    let got = ok(&grids);
    let n = got.scenario.notice.clone();
    assert_eq!(n.issuer.as_deref(), Some("舟山市定海区综合行政执法局"));
    assert_eq!(
        n.issued.map(|d| d.to_string()).as_deref(),
        Some("2022-09-08")
    );
}

#[test]
fn an_english_workbook_gets_english_messages() {
    let mut grids = week(tasks(&[&["T1", "fire", "B9", "!n:40", "", "", ""]]));
    for g in &mut grids {
        g.name = match g.name.as_str() {
            "部门" => "departments",
            "地点" => "places",
            "企业" => "businesses",
            "人员" => "inspectors",
            "设置" => "settings",
            _ => "tasks",
        }
        .to_owned();
    }
    let e = err(&grids);
    assert!(has(&e, "tasks!C2 (企业)", "unknown business \"B9\""), "{e}");
}

#[test]
fn loader_messages_are_in_chinese_and_name_cells() {
    let mut grids = week(tasks(&[&["T1", "fire", "B1", "!n:40", "", "", ""]]));
    grids[2] = grid(
        "企业",
        &[
            &["编号", "名称", "纬度", "经度"],
            &["B1", "海韵民宿", "!n:122.1", "!n:30.0"],
            &["B2", "东港加油站", "!n:30.0", "!n:122.1"],
        ],
    );
    grids[4] = grid(
        "设置",
        &[
            &["项目", "值"],
            &["开始日期", "!d:2022-09-16"],
            &["结束日期", "!d:2022-09-12"],
            &["车速(公里/小时)", "!n:0"],
        ],
    );
    let e = err(&grids);
    assert!(has(&e, "企业!C2 (纬度)", "是否把纬度和经度填反了"), "{e}");
    assert!(has(&e, "设置!B3 (值)", "早于开始日期"), "{e}");
    assert!(has(&e, "设置!B4 (值)", "车速必须大于 0"), "{e}");
    assert!(
        e.problems
            .iter()
            .any(|p| p.message.contains("用的是 X/Y(公里)") && p.message.contains("地点!")),
        "{e}"
    );
}
