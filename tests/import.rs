//! `onedoor template` and `onedoor import`: the round trip over the shipped and generated
//! scenarios, the hand-made department workbook, CSV folders (UTF-8 and GB18030), errors
//! located in the spreadsheet, and workbooks accepted wherever a scenario is.

use crate::common;

use common::{repo, run, text};
use onedoor::import::{import, template};
use onedoor_core::variant::{load, Shortcuts};
use onedoor_core::Scenario;
use onedoor_generate::{generate, Preset};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// A scenario's content for comparison: every field with defaults filled in, the id
/// index (a hash map, whose order varies) left out.
fn content(s: &Scenario) -> String {
    let mut s = s.clone();
    s.index = Default::default();
    format!("{s:?}")
}

/// `template --from` then `import` (through the library) gives back the same scenario.
fn round_trip(scenario_file: &Path, dir: &Path) {
    let loaded = load(scenario_file, &Shortcuts::default())
        .unwrap_or_else(|e| panic!("{} loads: {e}", scenario_file.display()));
    let bytes = template::workbook(Some(&loaded.json)).expect("the workbook is written");
    let book = dir.join("week.xlsx");
    std::fs::write(&book, bytes).expect("write the workbook");
    let (_, back) = import(&book).unwrap_or_else(|e| panic!("{} imports: {e}", book.display()));
    assert_eq!(
        content(&back),
        content(&loaded.scenario),
        "{} changed in the round trip",
        scenario_file.display()
    );
}

#[test]
fn every_shipped_scenario_survives_the_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut n = 0;
    for entry in std::fs::read_dir(repo("scenarios")).expect("scenarios/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            round_trip(&path, dir.path());
            n += 1;
        }
    }
    assert!(n >= 3, "{n} scenarios");
}

#[test]
fn generated_scenarios_of_every_preset_survive_the_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cases = vec![(Preset::Tiny, 2), (Preset::Tiny, 3), (Preset::District, 1)];
    cases.extend([(Preset::City, 1), (Preset::Province, 1)]);
    for (preset, seed) in cases {
        let path = dir.path().join(format!("{preset:?}-{seed}.json"));
        std::fs::write(&path, generate(preset, seed)).expect("write");
        round_trip(&path, dir.path());
    }
}

#[test]
fn the_cli_round_trip_writes_the_same_scenario_and_plans_the_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("tiny.xlsx");
    let json = dir.path().join("tiny.json");
    let out = run(["template", "--from", "scenarios/tiny.json", "-o"]
        .map(String::from)
        .into_iter()
        .chain([book.display().to_string()]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run([
        "import".to_owned(),
        book.display().to_string(),
        "-o".to_owned(),
        json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = onedoor_core::load_scenario(&json).expect("the imported scenario loads");
    assert_eq!(content(&back), content(&common::tiny()));

    // The workbook in place of the JSON: plan, check, stats, and a shortcut.
    let plan = dir.path().join("tiny.plan.json");
    let out = run([
        "plan".to_owned(),
        book.display().to_string(),
        "--holiday".to_owned(),
        "2022-09-14".to_owned(),
        "-o".to_owned(),
        plan.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let plan_value = onedoor_core::plan::Plan::load(&plan).expect("the plan loads");
    let scn = load(
        &json,
        &Shortcuts {
            holiday: vec!["2022-09-14".into()],
            ..Shortcuts::default()
        },
    )
    .expect("loads")
    .scenario;
    common::assert_valid(&scn, &plan_value);
    let out = run(["stats".to_owned(), book.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // An empty template has every sheet and imports to an error about the horizon only.
    let empty = dir.path().join("empty.xlsx");
    let out = run([
        "template".to_owned(),
        "-o".to_owned(),
        empty.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run([
        "import".to_owned(),
        empty.display().to_string(),
        "-o".to_owned(),
        dir.path().join("e.json").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("设置 (开始日期 horizon.start)") || err.contains("设置 (horizon)"),
        "{err}"
    );
    // The same bytes for the same input.
    let again = dir.path().join("again.xlsx");
    run(["template", "--from", "scenarios/tiny.json", "-o"]
        .map(String::from)
        .into_iter()
        .chain([again.display().to_string()]));
    assert_eq!(std::fs::read(&book).ok(), std::fs::read(&again).ok());
}

/// Writes a workbook with one header line per sheet (as a department would) from rows
/// of text; a cell starting with `=date:` is written as an Excel date.
fn workbook(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(d) = cell.strip_prefix("=date:") {
                    let parts: Vec<u16> = d.split('-').map(|p| p.parse().expect("date")).collect();
                    let x = ExcelDateTime::from_ymd(parts[0], parts[1] as u8, parts[2] as u8)
                        .expect("date");
                    ws.write_date_with_format(r, c, &x, &date).expect("write");
                } else if let Ok(n) = cell.parse::<f64>() {
                    ws.write_number(r, c, n).expect("write");
                } else if !cell.is_empty() {
                    ws.write_string(r, c, *cell).expect("write");
                }
            }
        }
    }
    book.save(path).expect("save");
}

#[test]
fn errors_name_sheet_row_column_and_header_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("bad.xlsx");
    workbook(
        &book,
        &[
            (
                "部门",
                vec![
                    vec!["编号", "名称"],
                    vec!["fire", "消防"],
                    vec!["market", "市场监管"],
                    vec!["m2", "市场监管"],
                ],
            ),
            (
                "地点",
                vec![
                    vec!["编号", "名称", "X(公里)", "Y(公里)"],
                    vec!["hq", "大队部", "0", "0"],
                ],
            ),
            (
                "企业",
                vec![
                    vec!["编号", "名称", "X(公里)", "Y(公里)"],
                    vec!["B1", "海韵民宿", "1", "1"],
                    vec!["B1", "重复", "2", "2"],
                ],
            ),
            (
                "人员",
                vec![
                    vec!["编号", "部门", "持执法证", "出发地"],
                    vec!["F1", "消防", "也许", "大队部"],
                ],
            ),
            (
                "任务",
                vec![
                    vec!["编号", "部门", "企业", "时长(分钟)", "最早日期"],
                    vec!["T1", "fire", "海韵民宿", "30", "2022/9/12"],
                    vec!["T2", "fire", "B9999", "30", ""],
                    vec!["T3", "市场监管", "B1", "半小时", "2022-02-30"],
                ],
            ),
            (
                "设置",
                vec![
                    vec!["项目", "值"],
                    vec!["开始日期", "=date:2022-09-12"],
                    vec!["结束日期", "=date:2022-09-16"],
                    vec!["工作日", "周一、周二、周八"],
                ],
            ),
        ],
    );
    let out_json = dir.path().join("out.json");
    let out = run([
        "import".to_owned(),
        book.display().to_string(),
        "--lang".to_owned(),
        "en".to_owned(),
        "-o".to_owned(),
        out_json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_json.exists(), "nothing is written");
    let err = text(&out.stderr);
    for expected in [
        "企业!A3 (编号): place or business id \"B1\" is already used at",
        "[duplicate-id]",
        "人员!C2 (持执法证): expected 是 or 否 (yes/no, true/false, 1/0), found \"也许\" [type]",
        "任务!C3 (企业): unknown business \"B9999\": no id or name in the 企业 sheet [unknown-id]",
        "任务!B4 (部门): the name \"市场监管\" is ambiguous: ids market, m2; write the id [unknown-id]",
        "任务!D4 (时长(分钟)):",
        "任务!E4 (最早日期):",
        "设置!B4 (值):",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    // The same problems as the JSON loader gives, with its codes: T1's date was read.
    assert!(!err.contains("任务!E2"), "{err}");

    // Chinese by default for a Chinese workbook: the value as typed, what to write.
    let out = run([
        "import".to_owned(),
        book.display().to_string(),
        "-o".to_owned(),
        out_json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for expected in [
        "人员!C2 (持执法证): 应为 是 或 否",
        "填的是 \"也许\" [type]",
        "任务!C3 (企业): 未知的企业 \"B9999\"",
        "任务!D4 (时长(分钟)): 应为整数，填的是 \"半小时\" [type]",
        "任务!E4 (最早日期): \"2022-02-30\" 不是日期",
        "设置!B4 (值): \"周八\" 不是星期",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

/// Writes CSV files into `dir`: (file name, text, GB18030?).
fn csv_dir(dir: &Path, files: &[(&str, &str, bool)]) {
    std::fs::create_dir_all(dir).expect("dir");
    for (name, body, gb) in files {
        let bytes = if *gb {
            encoding_rs::GB18030.encode(body).0.into_owned()
        } else {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(body.as_bytes());
            b
        };
        std::fs::write(dir.join(name), bytes).expect("write csv");
    }
}

#[test]
fn a_csv_folder_in_utf8_and_gb18030_imports_and_plans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("week");
    let tasks = "\
街道联合检查 第37周,,,,
编号,部门,企业,时长(分钟),最早日期
,,,,
T1,消防救援大队,海韵民宿,40,2022年9月12日
T2,市场监管局,海韵民宿,30,2022/9/13
T3,消防救援大队,东港加油站,30,
";
    csv_dir(
        &csv,
        &[
            ("部门.csv", "编号,名称\nfire,消防救援大队\nmarket,市场监管局\n", false),
            ("places.csv", "id,name,location.x,location.y\nhq,大队部,0,0\n", false),
            ("企业.csv", "编号,名称,X(公里),Y(公里),营业日\nB1,海韵民宿,1,1,周一、周二、周三\nB2,东港加油站,2,0,\n", true),
            ("人员.csv", "编号,姓名,部门,持执法证,出发地,可代行部门\nF1,张伟,消防救援大队,是,大队部,市场监管局\nF2,李娜,fire,yes,hq,\nM1,王强,market,1,hq,\nM2,刘洋,market,是,hq,\n", true),
            ("任务.csv", tasks, true),
            ("设置.csv", "项目,字段,值\n开始日期,horizon.start,2022-09-12\n结束日期,horizon.end,2022-09-16\n", false),
        ],
    );
    let json = dir.path().join("week.json");
    let out = run([
        "import".to_owned(),
        csv.display().to_string(),
        "-o".to_owned(),
        json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let scn = onedoor_core::load_scenario(&json).expect("loads");
    assert_eq!(scn.tasks.len(), 3);
    assert_eq!(scn.tasks[0].earliest.to_string(), "2022-09-12");
    assert_eq!(scn.tasks[1].earliest.to_string(), "2022-09-13");
    assert_eq!(scn.businesses[0].name, "海韵民宿");
    assert_eq!(scn.inspectors[0].acts_for.len(), 1);
    let outcome = common::solve_checked(&scn, &common::options());
    assert!(!outcome.plan.visits.is_empty());

    // The folder in place of the JSON.
    let out = run(["stats".to_owned(), csv.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // A located error in a GB18030 file: the row counts the title and blank lines.
    csv_dir(
        &csv,
        &[("任务.csv", &tasks.replace("东港加油站", "B9999"), true)],
    );
    let out = run([
        "import".to_owned(),
        csv.display().to_string(),
        "--lang".to_owned(),
        "en".to_owned(),
        "-o".to_owned(),
        json.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("任务!C6 (企业): unknown business \"B9999\""),
        "{err}"
    );
}

/// A cell of the department workbook: text, number, a September 2022 date, empty.
enum FixtureCell<'a> {
    T(&'a str),
    N(f64),
    D(u8),
    E,
}

type Row<'a> = Vec<FixtureCell<'a>>;

/// The hand-made department workbook `tests/fixtures/department-week.xlsx`, as a
/// department sends it: a merged title row above the header, no English header line,
/// blank rows, names instead of ids, Excel dates, a notes column. Rewrite it with
/// `ONEDOOR_BLESS=1 cargo test --test integration import::department` (then review
/// `department-week.json` too).
fn department_week() -> Vec<u8> {
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2022, 9, 5).expect("date")),
    );
    let title = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let d = |day: u8| ExcelDateTime::from_ymd(2022, 9, day).expect("date");
    use FixtureCell::{D, E, N, T};
    let sheets: Vec<(&str, &str, Vec<&str>, Vec<Row>)> = vec![
        (
            "任务",
            "环南街道 2022年第37周 各部门检查计划",
            vec![
                "编号",
                "部门",
                "企业",
                "时长(分钟)",
                "最早日期",
                "最晚日期",
                "优先级",
                "可合并",
                "备注",
            ],
            vec![
                vec![
                    T("XF-1"),
                    T("消防救援大队"),
                    T("海韵民宿"),
                    N(40.0),
                    D(12),
                    D(16),
                    N(3.0),
                    T("是"),
                    T("节前重点"),
                ],
                vec![
                    T("XF-2"),
                    T("消防救援大队"),
                    T("东港加油站"),
                    N(30.0),
                    D(12),
                    D(14),
                    N(2.0),
                    T("是"),
                    E,
                ],
                vec![E, E, E, E, E, E, E, E, E],
                vec![
                    T("SJ-1"),
                    T("市场监管局"),
                    T("海韵民宿"),
                    N(30.0),
                    D(13),
                    D(16),
                    N(1.0),
                    T("是"),
                    E,
                ],
                vec![
                    T("SJ-2"),
                    T("市场监管局"),
                    T("新城超市"),
                    N(45.0),
                    E,
                    E,
                    N(2.0),
                    T("否"),
                    T("单独检查"),
                ],
                vec![
                    T("WJ-1"),
                    T("卫生健康局"),
                    T("新城超市"),
                    N(30.0),
                    D(14),
                    D(16),
                    E,
                    E,
                    E,
                ],
                vec![
                    T("WJ-2"),
                    T("卫生健康局"),
                    T("海韵民宿"),
                    N(20.0),
                    E,
                    E,
                    N(1.0),
                    T("是"),
                    E,
                ],
            ],
        ),
        (
            "企业",
            "企业名录",
            vec![
                "编号",
                "名称",
                "街道/镇",
                "X(公里)",
                "Y(公里)",
                "营业日",
                "营业开始",
                "营业结束",
                "标签",
            ],
            vec![
                vec![
                    T("B001"),
                    T("海韵民宿"),
                    T("环南街道"),
                    N(1.2),
                    N(3.4),
                    T("周一、周二、周三、周四、周五、周六"),
                    T("09:00"),
                    T("17:00"),
                    T("民宿"),
                ],
                vec![
                    T("B002"),
                    T("东港加油站"),
                    T("东港街道"),
                    N(4.0),
                    N(1.5),
                    E,
                    E,
                    E,
                    T("加油站；危化品"),
                ],
                vec![E, E, E, E, E, E, E, E, E],
                vec![
                    T("B003"),
                    T("新城超市"),
                    T("环南街道"),
                    N(2.5),
                    N(2.0),
                    E,
                    T("08:00"),
                    T("20:00"),
                    T("超市"),
                ],
            ],
        ),
        (
            "人员",
            "执法人员名单",
            vec![
                "编号",
                "姓名",
                "部门",
                "持执法证",
                "出发地",
                "不在岗日期",
                "每日最多检查",
            ],
            vec![
                vec![
                    T("XF01"),
                    T("张伟"),
                    T("消防救援大队"),
                    T("是"),
                    T("消防大队部"),
                    E,
                    N(4.0),
                ],
                vec![
                    T("XF02"),
                    T("李娜"),
                    T("消防救援大队"),
                    T("是"),
                    T("消防大队部"),
                    D(15),
                    E,
                ],
                vec![
                    T("SJ01"),
                    T("王强"),
                    T("市场监管局"),
                    T("是"),
                    T("市场监管所"),
                    E,
                    E,
                ],
                vec![
                    T("SJ02"),
                    T("刘洋"),
                    T("市场监管局"),
                    T("否"),
                    T("市场监管所"),
                    E,
                    E,
                ],
                vec![
                    T("WJ01"),
                    T("陈静"),
                    T("卫生健康局"),
                    T("是"),
                    T("卫健局"),
                    E,
                    E,
                ],
                vec![
                    T("WJ02"),
                    T("赵磊"),
                    T("卫生健康局"),
                    T("是"),
                    T("卫健局"),
                    E,
                    E,
                ],
            ],
        ),
        (
            "部门",
            "参加部门",
            vec!["编号", "名称"],
            vec![
                vec![T("fire"), T("消防救援大队")],
                vec![T("market"), T("市场监管局")],
                vec![T("health"), T("卫生健康局")],
            ],
        ),
        (
            "地点",
            "出发地",
            vec!["编号", "名称", "X(公里)", "Y(公里)"],
            vec![
                vec![T("fire-hq"), T("消防大队部"), N(0.0), N(0.0)],
                vec![T("market-office"), T("市场监管所"), N(2.0), N(1.0)],
                vec![T("health-office"), T("卫健局"), N(1.0), N(2.5)],
            ],
        ),
        (
            "设置",
            "本周设置",
            vec!["项目", "值"],
            vec![
                vec![T("名称"), T("环南街道 第37周")],
                vec![T("开始日期"), D(12)],
                vec![T("结束日期"), D(16)],
                vec![T("节假日"), T("2022年9月15日")],
                vec![T("每次检查最少持证人数"), N(2.0)],
            ],
        ),
    ];
    for (name, heading, headers, rows) in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("name");
        ws.merge_range(0, 0, 0, headers.len() as u16 - 1, heading, &title)
            .expect("merge");
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(1, c as u16, *h, &bold)
                .expect("header");
            ws.set_column_width(c as u16, 14).expect("width");
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 2;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    T(s) => ws.write_string(r, c, *s).map(|_| ()),
                    N(x) => ws.write_number(r, c, *x).map(|_| ()),
                    D(day) => ws.write_date_with_format(r, c, d(*day), &date).map(|_| ()),
                    E => Ok(()),
                }
                .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("workbook")
}

#[test]
fn the_department_workbook_imports_to_the_expected_scenario_and_plans_directly() {
    let fixture = repo("tests/fixtures/department-week.xlsx");
    let expected_json = repo("tests/fixtures/department-week.json");
    let bytes = department_week();
    if std::env::var_os("ONEDOOR_BLESS").is_some() {
        std::fs::write(&fixture, &bytes).expect("write the fixture");
        let (tree, _) = import(&fixture).unwrap_or_else(|e| panic!("{e}"));
        let mut text = serde_json::to_string_pretty(&tree).expect("json");
        text.push('\n');
        std::fs::write(&expected_json, text).expect("write the expected scenario");
    }
    assert!(
        std::fs::read(&fixture).ok().as_deref() == Some(bytes.as_slice()),
        "the fixture is what department_week() writes (ONEDOOR_BLESS=1 rewrites it)"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("week.json");
    let out = run(["import", "tests/fixtures/department-week.xlsx", "-o"]
        .map(String::from)
        .into_iter()
        .chain([json.display().to_string()]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("json");
    let want: serde_json::Value =
        serde_json::from_str(&common::fixture_text("department-week.json")).expect("json");
    assert_eq!(got, want);
    let scn = onedoor_core::load_scenario(&expected_json).expect("the expected scenario loads");
    assert_eq!(scn.tasks.len(), 6);
    assert_eq!(scn.tasks[2].id, "SJ-1");
    assert!(!scn.tasks[3].joinable);

    // `plan` and `check` take the workbook itself.
    let plan = dir.path().join("plan.json");
    let out = run(["plan", "tests/fixtures/department-week.xlsx", "-o"]
        .map(String::from)
        .into_iter()
        .chain([plan.display().to_string()]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let p = onedoor_core::plan::Plan::load(&plan).expect("plan loads");
    common::assert_valid(&scn, &p);
    assert!(!p.visits.is_empty());
    let out = run(["check", "tests/fixtures/department-week.xlsx"]
        .map(String::from)
        .into_iter()
        .chain([plan.display().to_string()]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

/// Adds every field of the handouts (SPEC §2a) to a generated scenario, varied by `seed`:
/// a notice, a catalogue of items (some names holding `、`, one name equal to another
/// item's id), certificates, addresses, contacts, phones, unannounced tasks and tasks'
/// items by code.
fn with_handout_fields(text: &str, seed: u64) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).expect("generated json");
    let pick = |i: usize, n: u64| (i as u64 * 7 + seed).is_multiple_of(n);
    v["notice"] = serde_json::json!({
        "issuer": "舟山市定海区综合行政执法局", "contact": "王科长", "phone": "0580-2021234",
        "legal_basis": "《浙江省综合行政执法条例》第十九条",
        "number_prefix": format!("定综执检告〔{}〕", 2020 + seed % 5), "issued": "2022-09-08"
    });
    v["items"] = serde_json::json!([
        {"id": "fire.exits", "name": "疏散通道、安全出口是否畅通", "prepare": "消防设施维护保养记录"},
        {"id": "market.license", "name": "营业执照"},
        {"id": "health.hygiene", "name": "market.license", "prepare": "健康证明"},
        {"id": "police.register"}
    ]);
    let codes = [
        "fire.exits",
        "market.license",
        "health.hygiene",
        "police.register",
        "other.code",
    ];
    if let Some(list) = v["inspectors"].as_array_mut() {
        for (i, x) in list.iter_mut().enumerate() {
            if pick(i, 2) {
                x["certificate"] = serde_json::json!(format!("3309{:07}", i as u64 * 31 + seed));
            }
        }
    }
    if let Some(list) = v["businesses"].as_array_mut() {
        for (i, x) in list.iter_mut().enumerate() {
            if pick(i, 2) {
                x["address"] = serde_json::json!(format!("定海区海韵路{}号", i + 1));
            }
            if pick(i, 3) {
                x["contact"] = serde_json::json!("陈老板");
                x["phone"] = serde_json::json!(format!("1380580{:04}", i));
            }
        }
    }
    if let Some(list) = v["tasks"].as_array_mut() {
        for (i, x) in list.iter_mut().enumerate() {
            if pick(i, 3) {
                x["announced"] = serde_json::json!(false);
            } else if pick(i, 5) {
                x["announced"] = serde_json::json!(true);
            }
            let n = (i as u64 + seed) % 4;
            let items: Vec<&str> = (0..n)
                .map(|k| codes[(i + k as usize) % codes.len()])
                .collect();
            x["items"] = serde_json::json!(items);
        }
    }
    serde_json::to_string(&v).expect("json")
}

#[test]
fn generated_scenarios_with_every_handout_field_survive_the_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cases: Vec<(Preset, u64)> = (1..=12).map(|s| (Preset::Tiny, s)).collect();
    cases.push((Preset::District, 4));
    for (preset, seed) in cases {
        let path = dir.path().join(format!("{preset:?}-{seed}.json"));
        std::fs::write(&path, with_handout_fields(&generate(preset, seed), seed)).expect("write");
        round_trip(&path, dir.path());
    }
}
