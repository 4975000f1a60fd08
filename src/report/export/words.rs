//! The words of the bureau's internal documents — the report for leaders, the workbook,
//! the CSV headers, the route sheets and department sheets, and the sentences that say
//! why a task was left out — one catalogue per language ([`ZH`], [`EN`]).
//!
//! Nothing people read in those files is written elsewhere: a writer takes
//! [`words`]`(lang)` and uses its fields. Entries with a `{name}` placeholder are filled
//! with [`fill`]; counted phrases are a [`Count`] (English needs "1 visit" and
//! "2 visits"; Chinese does not). The Chinese catalogue holds no English words and the
//! English one no Chinese punctuation; the test of `tests/export_report.rs` checks that
//! on whole exports.

use super::Lang;
use std::fmt::Display;

/// A counted phrase: `{n}` is the count.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Count {
    /// When the count is 1.
    pub one: &'static str,
    /// Any other count.
    pub many: &'static str,
}

impl Count {
    /// The phrase for `n`.
    pub fn n(&self, n: impl Into<u64>) -> String {
        let n = n.into();
        let t = if n == 1 { self.one } else { self.many };
        t.replace("{n}", &n.to_string())
    }
}

/// Fills the `{key}` placeholders of `template`.
pub(crate) fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), &value.to_string());
    }
    out
}

/// Shorthand for [`Count`] in the catalogues.
const fn c(one: &'static str, many: &'static str) -> Count {
    Count { one, many }
}

/// The catalogue of one language.
#[derive(Debug)]
pub(crate) struct Words {
    /// Separator of a list of names (`、` / `, `).
    pub list: &'static str,
    /// Separator of a list of longer phrases (`；` / `; `).
    pub semi: &'static str,
    /// Opening bracket of an aside (`（` / ` (`).
    pub open: &'static str,
    /// Closing bracket of an aside (`）` / `)`).
    pub close: &'static str,
    /// A comma inside a phrase (`，` / `, `).
    pub comma: &'static str,
    /// A colon before a value (`：` / `: `).
    pub colon: &'static str,
    /// Minutes, counted.
    pub minutes: Count,
    /// Mark of an unannounced task or visit.
    pub unannounced: &'static str,
    /// What the unannounced mark means.
    pub unannounced_note: &'static str,

    // --- report.html
    /// The report's title.
    pub report_title: &'static str,
    /// Contents heading.
    pub contents: &'static str,
    /// Summary section.
    pub summary: &'static str,
    /// Per-date sections heading in the contents.
    pub by_date: &'static str,
    /// Per-town section heading.
    pub by_town: &'static str,
    /// Filters label.
    pub filters: &'static str,
    /// "all" option of a filter.
    pub all: &'static str,
    /// Shown rows after filtering: `{shown}` of `{total}`.
    pub shown: &'static str,
    /// Warning card title when tasks are left out.
    pub left_out_warning: &'static str,
    /// Warning card body: `{n}` tasks of `{tasks}`, `{share}` of the priority.
    pub left_out_body: &'static str,
    /// What the saving figures are relative to.
    pub relative_to_baseline: &'static str,
    /// Card: visits.
    pub card_visits: &'static str,
    /// Card note: baseline visits.
    pub card_visits_note: &'static str,
    /// Card: visits saved.
    pub card_saved: &'static str,
    /// Card note: reduction.
    pub card_saved_note: &'static str,
    /// Card note of the reduction figure.
    pub card_reduction_note: &'static str,
    /// Card note of the lower bound: `{gap}`.
    pub card_bound_note: &'static str,
    /// Card: joint-visit rate.
    pub card_joint: &'static str,
    /// Card note: joint visits.
    pub card_joint_note: Count,
    /// Card note: of `{n}` tasks.
    pub card_scheduled_note: &'static str,
    /// Card note: priority `{n}`.
    pub card_left_note: &'static str,
    /// Card note of officer visits.
    pub card_officers_note: &'static str,
    /// Card note of travel minutes.
    pub card_travel_note: &'static str,
    /// A date's figures: `{visits}`, `{tasks}`, `{inspectors}`.
    pub date_stats: &'static str,
    /// No visits on a date.
    pub no_visits: &'static str,
    /// Gantt heading.
    pub gantt: &'static str,
    /// Map heading.
    pub map: &'static str,
    /// Note when routes are not drawn on a busy map: `{n}` inspector days.
    pub map_routes_left_out: &'static str,
    /// Note that close visits are drawn as one circle with their count.
    pub map_clustered: &'static str,
    /// Zone label on the map.
    pub zone: &'static str,
    /// Table heading of a date's visits.
    pub visits_of_date: &'static str,
    /// Visits, counted.
    pub visits: Count,
    /// Tasks, counted.
    pub tasks_n: Count,
    /// Businesses, counted.
    pub businesses_n: Count,
    /// Workload heading.
    pub workload: &'static str,
    /// Left-out heading.
    pub left_out_title: &'static str,
    /// Left-out count: `{n}`.
    pub left_out_count: &'static str,
    /// Nothing left out.
    pub nothing_left_out: &'static str,
    /// Footer.
    pub footer: &'static str,
    /// Link to the route sheets.
    pub route_sheets: &'static str,
    /// "What changed" heading (re-plans: export with a previous plan).
    pub changes_title: &'static str,
    /// What changed, counted: `{disrupted}`, `{businesses}`, `{inspectors}`.
    pub changes_summary: &'static str,
    /// Nothing changed.
    pub changes_none: &'static str,
    /// Column: what changed.
    pub col_change: &'static str,
    /// Column: before.
    pub col_before: &'static str,
    /// Column: now.
    pub col_now: &'static str,
    /// A visit moved.
    pub change_moved: &'static str,
    /// A new visit.
    pub change_new: &'static str,
    /// A visit cancelled.
    pub change_cancelled: &'static str,
    /// Departments joined or left a visit.
    pub change_departments: &'static str,
    /// Inspectors whose days changed: heading.
    pub changes_inspectors: &'static str,

    // --- column names (report, workbook, CSV, sheets)
    /// Column: visit id.
    pub col_visit: &'static str,
    /// Column: date.
    pub col_date: &'static str,
    /// Column: start.
    pub col_start: &'static str,
    /// Column: end.
    pub col_end: &'static str,
    /// Column: time.
    pub col_time: &'static str,
    /// Column: business id.
    pub col_business_id: &'static str,
    /// Column: business.
    pub col_business: &'static str,
    /// Column: town.
    pub col_town: &'static str,
    /// Column: lead department.
    pub col_lead: &'static str,
    /// Column: other departments.
    pub col_others: &'static str,
    /// Column: departments (lead first).
    pub col_depts: &'static str,
    /// Column: department.
    pub col_dept: &'static str,
    /// Column: department id.
    pub col_dept_id: &'static str,
    /// Column: crew.
    pub col_crew: &'static str,
    /// Column: checklist items.
    pub col_items: &'static str,
    /// Column: tasks (ids).
    pub col_tasks: &'static str,
    /// Column: task id.
    pub col_task: &'static str,
    /// Column: count of tasks.
    pub col_task_count: &'static str,
    /// Column: unannounced.
    pub col_unannounced: &'static str,
    /// Column: address.
    pub col_address: &'static str,
    /// Column: latitude.
    pub col_lat: &'static str,
    /// Column: longitude.
    pub col_lon: &'static str,
    /// Column: inspector id.
    pub col_inspector_id: &'static str,
    /// Column: inspector.
    pub col_inspector: &'static str,
    /// Column: acts for.
    pub col_acts_for: &'static str,
    /// Column: step of a day.
    pub col_step: &'static str,
    /// Column: travel minutes from the previous point.
    pub col_travel: &'static str,
    /// Column: links crossed.
    pub col_via: &'static str,
    /// Column: crew mates.
    pub col_mates: &'static str,
    /// Column: scheduled.
    pub col_scheduled: &'static str,
    /// Column: left out.
    pub col_left_out: &'static str,
    /// Column: visits.
    pub col_visits: &'static str,
    /// Column: officer visits.
    pub col_officer_visits: &'static str,
    /// Column: task minutes.
    pub col_task_minutes: &'static str,
    /// Column: priority.
    pub col_priority: &'static str,
    /// Column: reason.
    pub col_reason: &'static str,
    /// Column: reason code.
    pub col_reason_code: &'static str,
    /// Column: detail.
    pub col_detail: &'static str,
    /// Column: figure.
    pub col_figure: &'static str,
    /// Column: value.
    pub col_value: &'static str,
    /// Column: note.
    pub col_note: &'static str,
    /// Column: certificate number.
    pub col_certificate: &'static str,
    /// Column: status.
    pub col_status: &'static str,

    // --- steps of a day (itineraries.csv, route sheets)
    /// Leaving the base.
    pub step_leave: &'static str,
    /// A visit.
    pub step_visit: &'static str,
    /// Travel.
    pub step_travel: &'static str,
    /// Back at the base.
    pub step_return: &'static str,
    /// Arrival at a business.
    pub arrive: &'static str,
    /// Waiting before the visit starts: `{n}` minutes.
    pub wait: &'static str,
    /// The work window of a visit.
    pub work: &'static str,
    /// A link crossed: `{from}` and `{to}` (its ends), `{minutes}`.
    pub via_link: &'static str,

    // --- workbook
    /// Sheet names.
    pub sheet_overview: &'static str,
    /// Sheet: visits.
    pub sheet_visits: &'static str,
    /// Sheet: inspector days.
    pub sheet_days: &'static str,
    /// Sheet: departments.
    pub sheet_departments: &'static str,
    /// Sheet: left out.
    pub sheet_left_out: &'static str,
    /// Overview row: the scenario.
    pub scenario: &'static str,
    /// Overview note of the baseline.
    pub note_baseline: &'static str,
    /// Overview note of the lower bound.
    pub note_bound: &'static str,
    /// Overview note of the reduction.
    pub note_reduction: &'static str,
    /// Gap to the lower bound.
    pub gap: &'static str,
    /// Its note.
    pub note_gap: &'static str,
    /// Joint visits.
    pub joint_visits: &'static str,
    /// Its note.
    pub note_joint: &'static str,
    /// Joint-visit rate note.
    pub note_joint_rate: &'static str,
    /// Share of priority left out.
    pub left_out_share: &'static str,
    /// Its note.
    pub note_left_out_share: &'static str,

    // --- figures (Figure order)
    /// Labels of [`crate::plan::Figure::ALL`], in that order.
    pub figures: [&'static str; 11],

    // --- reasons
    /// Names of the reason codes, in [`crate::plan::Reason::ALL`] order.
    pub reasons: [&'static str; 5],
    /// No valid day: `{business}`, `{earliest}`, `{latest}`.
    pub why_no_valid_day: &'static str,
    /// No officer: `{dept}`, `{n}` officers needed.
    pub why_no_officer: Count,
    /// Unreachable: `{business}`.
    pub why_unreachable: &'static str,
    /// Too long for one visit: `{business}`, `{minutes}` needed, `{window}` minutes open.
    pub why_too_long: &'static str,
    /// The business's visits are used up: `{business}`, `{n}` allowed.
    pub why_business_full: Count,
    /// No crew of the department (with the certified officers a visit needs) has room
    /// for the task on its valid dates: `{dept}`.
    pub why_booked: &'static str,
    /// The search was stopped.
    pub why_time_limit: &'static str,

    // --- route and department sheets
    /// Route sheet title: `{name}`.
    pub route_title: &'static str,
    /// Base line.
    pub base: &'static str,
    /// A day's summary: `{visits}` (counted), `{travel}` (minutes, counted).
    pub day_stats: &'static str,
    /// Department sheet title: `{name}`.
    pub dept_title: &'static str,
    /// Officers heading.
    pub officers: &'static str,
    /// Tasks heading.
    pub tasks_title: &'static str,
    /// Visits heading.
    pub visits_title: &'static str,
    /// Certified.
    pub certified: &'static str,
    /// Not certified.
    pub not_certified: &'static str,
    /// No visits for this department or inspector.
    pub nothing_this_week: &'static str,
    /// Left out (status).
    pub status_left_out: &'static str,
}

/// Chinese (the default).
pub(crate) const ZH: Words = Words {
    list: "、",
    semi: "；",
    open: "（",
    close: "）",
    comma: "，",
    colon: "：",
    minutes: c("{n} 分钟", "{n} 分钟"),
    unannounced: "不公开",
    unannounced_note: "不公开：不得事先告知企业（暗访或投诉核查）",

    report_title: "综合查一次 · 周检查计划",
    contents: "目录",
    summary: "概况",
    by_date: "按日期",
    by_town: "按街道/镇",
    filters: "筛选",
    all: "全部",
    shown: "显示 {shown} / {total} 次入户",
    left_out_warning: "本周有任务未安排",
    left_out_body: "共 {tasks} 项任务中有 {n} 项未安排，占全部任务优先级合计的 {share}。以下节省数字只计入已安排的任务。",
    relative_to_baseline: "相对于各部门单独检查（基线 {baseline} 次入户）",
    card_visits: "入户次数（联合检查后）",
    card_visits_note: "各部门单独检查需入户 {n} 次",
    card_saved: "减少入户",
    card_saved_note: "比各部门单独检查减少 {pct}",
    card_reduction_note: "减少入户 ÷ 单独检查入户",
    card_bound_note: "与下界差距 {gap}",
    card_joint: "联合入户率",
    card_joint_note: c(
        "{n} 次入户有两个及以上部门",
        "{n} 次入户有两个及以上部门",
    ),
    card_scheduled_note: "共 {n} 项任务",
    card_left_note: "优先级合计 {n}",
    card_officers_note: "检查组成员入户合计",
    card_travel_note: "所有人员往返路途",
    date_stats: "入户 {visits} 次 · 任务 {tasks} 项 · 出动人员 {inspectors} 人",
    no_visits: "当日无入户安排。",
    gantt: "人员日程（时间轴，数字为当日入户序号，灰线为路途）",
    map: "地图（片区、通道、路线；数字为当日入户序号）",
    map_routes_left_out: "当日有 {n} 条人员路线，地图上未画出；各人路线见人员路线单。",
    map_clustered: "相距很近的入户合为一个圆，圆中数字为入户次数。",
    zone: "片区",
    visits_of_date: "当日入户",
    visits: c("{n} 次入户", "{n} 次入户"),
    tasks_n: c("{n} 项任务", "{n} 项任务"),
    businesses_n: c("{n} 家企业", "{n} 家企业"),
    workload: "各部门工作量",
    left_out_title: "未安排的任务及原因",
    left_out_count: "共 {n} 项，按优先级排序",
    nothing_left_out: "所有任务均已安排。",
    footer: "由 onedoor 生成；所有数字与 onedoor check 的核验结果一致。",
    route_sheets: "人员路线单",
    changes_title: "变更情况（与上一版计划相比）",
    changes_summary: "受影响任务 {disrupted} 项；{businesses} 家企业的入户有变化；{inspectors} 名人员的日程有变化。须重新告知的企业见 for-businesses/index.html。",
    changes_none: "与上一版计划相比没有变化。",
    col_change: "变化",
    col_before: "原安排",
    col_now: "现安排",
    change_moved: "改期",
    change_new: "新增入户",
    change_cancelled: "取消入户",
    change_departments: "部门变化",
    changes_inspectors: "日程有变化的人员",

    col_visit: "入户编号",
    col_date: "日期",
    col_start: "开始",
    col_end: "结束",
    col_time: "时间",
    col_business_id: "企业编号",
    col_business: "企业",
    col_town: "街道/镇",
    col_lead: "牵头部门",
    col_others: "参与部门",
    col_depts: "部门（牵头在前）",
    col_dept: "部门",
    col_dept_id: "部门编号",
    col_crew: "检查组",
    col_items: "检查事项",
    col_tasks: "任务编号",
    col_task: "任务编号",
    col_task_count: "任务数",
    col_unannounced: "不公开",
    col_address: "地址",
    col_lat: "纬度",
    col_lon: "经度",
    col_inspector_id: "人员编号",
    col_inspector: "人员",
    col_acts_for: "代表部门",
    col_step: "事项",
    col_travel: "路途分钟（自上一地点）",
    col_via: "途经通道",
    col_mates: "同组人员",
    col_scheduled: "已安排",
    col_left_out: "未安排",
    col_visits: "入户次数",
    col_officer_visits: "检查人次",
    col_task_minutes: "检查分钟",
    col_priority: "优先级",
    col_reason: "原因",
    col_reason_code: "原因代码",
    col_detail: "说明",
    col_figure: "指标",
    col_value: "数值",
    col_note: "说明",
    col_certificate: "执法证号",
    col_status: "安排",

    step_leave: "离开驻地",
    step_visit: "入户检查",
    step_travel: "路途",
    step_return: "返回驻地",
    arrive: "到达",
    wait: "等候 {n} 分钟",
    work: "检查",
    via_link: "经{from}—{to}通道（{minutes} 分钟）",

    sheet_overview: "概览",
    sheet_visits: "入户安排",
    sheet_days: "人员日程",
    sheet_departments: "部门汇总",
    sheet_left_out: "未安排任务",
    scenario: "方案",
    note_baseline: "各部门各自入户",
    note_bound: "安排相同任务的任何方案至少需要的入户次数",
    note_reduction: "减少入户 ÷ 各部门单独检查入户",
    gap: "与下界差距",
    note_gap: "（入户次数 − 下界）÷ 下界",
    joint_visits: "联合入户",
    note_joint: "两个及以上部门同时入户",
    note_joint_rate: "联合入户 ÷ 入户次数",
    left_out_share: "未安排任务优先级占比",
    note_left_out_share: "未安排任务优先级合计 ÷ 全部任务优先级合计",

    figures: [
        "任务数",
        "已安排任务",
        "未安排任务",
        "未安排任务优先级合计",
        "联合检查入户次数",
        "各部门单独检查入户次数",
        "减少入户次数",
        "入户减少比例",
        "入户次数下界",
        "检查人次",
        "路途分钟",
    ],

    reasons: ["无可用日期", "人员不足", "无法到达", "容量不足", "求解超时"],
    why_no_valid_day: "本周没有{business}营业且在任务时间窗（{earliest}至{latest}）内的工作日",
    why_no_officer: c(
        "每个可用日期可代表{dept}的在岗人员都不足 {n} 人",
        "每个可用日期可代表{dept}的在岗人员都不足 {n} 人",
    ),
    why_unreachable: "可执行此任务的人员驻地都没有往返{business}的路线",
    why_too_long: "此任务需 {minutes} 分钟，超出{business}一次入户可用的 {window} 分钟（营业时间或单次入户时长上限）",
    why_business_full: c(
        "{business}本周最多入户 {n} 次，已被优先级更高的入户占用",
        "{business}本周最多入户 {n} 次，已被优先级更高的入户占用",
    ),
    why_booked: "在其可用日期，{dept}的人员（连同每次入户所需的持证人员）已无空档排入此任务",
    why_time_limit: "求解在为其找到位置前被停止（时间上限或中断）",

    route_title: "{name} 路线单",
    base: "驻地",
    day_stats: "{visits} · 路途 {travel}",
    dept_title: "{name} 本周任务单",
    officers: "人员",
    tasks_title: "任务",
    visits_title: "入户",
    certified: "持执法证",
    not_certified: "无执法证",
    nothing_this_week: "本周无安排。",
    status_left_out: "未安排",
};

/// English.
pub(crate) const EN: Words = Words {
    list: ", ",
    semi: "; ",
    open: " (",
    close: ")",
    comma: ", ",
    colon: ": ",
    minutes: c("{n} minute", "{n} minutes"),
    unannounced: "unannounced",
    unannounced_note: "unannounced: the business must not be told in advance (unannounced or complaint check)",

    report_title: "Joint inspections: the week's plan",
    contents: "Contents",
    summary: "Summary",
    by_date: "By date",
    by_town: "By town",
    filters: "Filter",
    all: "all",
    shown: "showing {shown} of {total} visits",
    left_out_warning: "Tasks left out this week",
    left_out_body: "{n} of {tasks} tasks are left out, {share} of the priority of all tasks. The savings below count the scheduled tasks only.",
    relative_to_baseline: "relative to each department going alone (baseline: {baseline} visits)",
    card_visits: "entries into businesses (joint)",
    card_visits_note: "{n} if each department went alone",
    card_saved: "entries saved",
    card_saved_note: "{pct} fewer than each department alone",
    card_reduction_note: "saved / each department alone",
    card_bound_note: "gap {gap}",
    card_joint: "joint-visit rate",
    card_joint_note: c(
        "{n} visit with 2 or more departments",
        "{n} visits with 2 or more departments",
    ),
    card_scheduled_note: "of {n} tasks",
    card_left_note: "priority {n}",
    card_officers_note: "crew entries",
    card_travel_note: "all inspectors' travel",
    date_stats: "{visits} visits · {tasks} tasks · {inspectors} inspectors out",
    no_visits: "No visits on this date.",
    gantt: "Inspectors' day (numbers are the date's visits; grey: travel)",
    map: "Map (zones, links, routes; numbers are the date's visits)",
    map_routes_left_out: "{n} inspector routes on this date are not drawn; see the route sheets.",
    map_clustered: "Visits close together are one circle showing how many there are.",
    zone: "zone",
    visits_of_date: "Visits of the date",
    visits: c("{n} visit", "{n} visits"),
    tasks_n: c("{n} task", "{n} tasks"),
    businesses_n: c("{n} business", "{n} businesses"),
    workload: "Workload per department",
    left_out_title: "Tasks left out, and why",
    left_out_count: "{n} in all, by priority",
    nothing_left_out: "Every task is in a visit.",
    footer: "Made by onedoor; every number equals what onedoor check computes.",
    route_sheets: "Route sheets",
    changes_title: "What changed (against the previous plan)",
    changes_summary: "{disrupted} tasks disrupted; visits changed at {businesses} businesses; days changed for {inspectors} inspectors. Which businesses must be told again: see for-businesses/index.html.",
    changes_none: "Nothing changed against the previous plan.",
    col_change: "Change",
    col_before: "Before",
    col_now: "Now",
    change_moved: "moved",
    change_new: "new visit",
    change_cancelled: "cancelled",
    change_departments: "departments changed",
    changes_inspectors: "Inspectors whose days changed",

    col_visit: "visit",
    col_date: "date",
    col_start: "start",
    col_end: "end",
    col_time: "time",
    col_business_id: "business id",
    col_business: "business",
    col_town: "town",
    col_lead: "lead department",
    col_others: "other departments",
    col_depts: "departments (lead first)",
    col_dept: "department",
    col_dept_id: "department id",
    col_crew: "crew",
    col_items: "checklist items",
    col_tasks: "tasks",
    col_task: "task",
    col_task_count: "tasks",
    col_unannounced: "unannounced",
    col_address: "address",
    col_lat: "latitude",
    col_lon: "longitude",
    col_inspector_id: "inspector id",
    col_inspector: "inspector",
    col_acts_for: "acts for",
    col_step: "step",
    col_travel: "travel minutes from the previous point",
    col_via: "links crossed",
    col_mates: "crew mates",
    col_scheduled: "scheduled",
    col_left_out: "left out",
    col_visits: "visits",
    col_officer_visits: "officer visits",
    col_task_minutes: "task minutes",
    col_priority: "priority",
    col_reason: "reason",
    col_reason_code: "reason code",
    col_detail: "detail",
    col_figure: "figure",
    col_value: "value",
    col_note: "note",
    col_certificate: "certificate number",
    col_status: "scheduled as",

    step_leave: "leave base",
    step_visit: "visit",
    step_travel: "travel",
    step_return: "back at base",
    arrive: "arrive",
    wait: "wait {n} min",
    work: "work",
    via_link: "over the {from} to {to} link ({minutes} min)",

    sheet_overview: "Overview",
    sheet_visits: "Visits",
    sheet_days: "Inspector days",
    sheet_departments: "Departments",
    sheet_left_out: "Left out",
    scenario: "scenario",
    note_baseline: "each department alone",
    note_bound: "no plan scheduling the same tasks has fewer visits",
    note_reduction: "visits saved / each department alone",
    gap: "gap to the lower bound",
    note_gap: "(visits - lower bound) / lower bound",
    joint_visits: "joint visits",
    note_joint: "two or more departments",
    note_joint_rate: "joint visits / visits",
    left_out_share: "share of priority left out",
    note_left_out_share: "priority of the tasks left out / priority of all tasks",

    figures: [
        "tasks",
        "scheduled",
        "unscheduled",
        "unscheduled priority",
        "visits",
        "baseline visits",
        "visits saved",
        "reduction",
        "lower bound",
        "officer visits",
        "travel minutes",
    ],

    reasons: [
        "no valid day",
        "no officer",
        "unreachable",
        "capacity",
        "time limit",
    ],
    why_no_valid_day: "no working date of the week is open at {business} and inside the task's window ({earliest} to {latest})",
    why_no_officer: c(
        "on every valid date no inspector who may act for {dept} is available (the task needs {n})",
        "on every valid date fewer than {n} inspectors who may act for {dept} are available",
    ),
    why_unreachable: "no able inspector's base has a path to {business} and back",
    why_too_long: "the task needs {minutes} minutes, more than the {window} minutes one visit at {business} may last (opening hours or the longest visit allowed)",
    why_business_full: c(
        "{business} may be entered only once this week; a visit holding higher-priority tasks uses it",
        "{business} may be entered only {n} times this week; visits holding higher-priority tasks use them",
    ),
    why_booked: "on its valid dates no crew for {dept}, with the certified officers a visit needs, has room for it in their days",
    why_time_limit: "the search was stopped (time limit or Ctrl-C) before a place was found for it",

    route_title: "Route sheet: {name}",
    base: "base",
    day_stats: "{visits} · {travel} of travel",
    dept_title: "{name}: the week's tasks",
    officers: "Officers",
    tasks_title: "Tasks",
    visits_title: "Visits",
    certified: "certified",
    not_certified: "not certified",
    nothing_this_week: "Nothing this week.",
    status_left_out: "left out",
};

/// The catalogue of `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// A figure's label in `lang` (the report's and the workbook's, also used by
/// `onedoor check --lang`).
pub(crate) fn figure_label(f: crate::plan::Figure, lang: Lang) -> &'static str {
    let i = crate::plan::Figure::ALL
        .iter()
        .position(|&g| g == f)
        .unwrap_or(0);
    words(lang).figures[i]
}

/// The people-facing phrases of the week that combine the catalogue with the scenario's
/// facts (reasons, items, marks).
impl super::Week<'_> {
    /// The catalogue of the week's language.
    pub fn words(&self) -> &'static Words {
        words(self.lang)
    }

    /// Whether a visit holds a task the business must not learn of in advance.
    pub fn unannounced(&self, row: &super::VisitRow) -> bool {
        row.tasks.iter().any(|&t| !self.scn.task(t).announced)
    }

    /// A figure's label.
    pub fn figure_label(&self, f: crate::plan::Figure) -> &'static str {
        figure_label(f, self.lang)
    }

    /// The name of a reason code (an unknown code as it is).
    pub fn reason_name(&self, code: &str) -> String {
        reason_name(code, self.lang)
    }

    /// A visit's checklist items by name (the catalogue's name, else the code), without
    /// repeats, joined.
    pub fn item_names(&self, row: &super::VisitRow) -> String {
        self.items(row)
            .into_iter()
            .map(|code| self.scn.item(code).map_or(code, |i| i.name.as_str()))
            .collect::<Vec<_>>()
            .join(self.words().list)
    }

    /// A visit's task ids, each unannounced one marked.
    pub fn task_list(&self, row: &super::VisitRow) -> String {
        let words = self.words();
        row.tasks
            .iter()
            .map(|&t| {
                let task = self.scn.task(t);
                if task.announced {
                    task.id.clone()
                } else {
                    format!(
                        "{}{}{}{}",
                        task.id, words.open, words.unannounced, words.close
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(words.list)
    }

    /// A visit's crew: `name (department, certified)`, joined.
    pub fn crew_line(&self, row: &super::VisitRow) -> String {
        let words = self.words();
        row.crew
            .iter()
            .map(|m| {
                let cert = if self.scn.inspector(m.insp).certified {
                    words.certified
                } else {
                    words.not_certified
                };
                format!(
                    "{}{}{}{}{}{}",
                    self.insp(m.insp),
                    words.open,
                    self.dept(m.dept),
                    words.comma,
                    cert,
                    words.close
                )
            })
            .collect::<Vec<_>>()
            .join(words.semi)
    }

    /// Why a task was left out, in the week's words (see [`unscheduled_text`]).
    pub fn reason_detail(&self, l: &super::LeftOut) -> String {
        unscheduled_text(self.scn, self.plan, l.entry, self.lang)
    }
}

/// The name of a reason code in `lang`: `人员不足` or `no officer` for `no_officer`; an
/// unknown code as it is.
pub fn reason_name(code: &str, lang: Lang) -> String {
    crate::plan::Reason::ALL
        .iter()
        .position(|r| r.code() == code)
        .map_or_else(|| code.to_owned(), |i| words(lang).reasons[i].to_owned())
}

/// Why a task was left out, in `lang`: one sentence rebuilt from the entry's reason code
/// and the scenario's facts (the business's open days and the task's window, the
/// department's officers, the business's opening hours and visit limit, the plan's
/// visits there), never from the plan's free-text `detail`, which the solver writes in
/// English. The plan's `detail` is the fallback only where nothing can be rebuilt: for a
/// task or a reason code the scenario and the format do not know.
///
/// `capacity` says the most specific of: the task is longer than one visit at the
/// business may last; the business's visits (`max_visits`) are used up by the plan's
/// visits there; else no crew of the department has room for it on its valid dates.
///
/// ```text
/// no_valid_day  本周没有舟山海鲜酒店营业且在任务时间窗（2022-09-12至2022-09-13）内的工作日
/// no_officer    每个可用日期可代表消防救援大队的在岗人员都不足 2 人
/// ```
pub fn unscheduled_text(
    scn: &crate::Scenario,
    plan: &crate::plan::Plan,
    entry: &crate::plan::Unscheduled,
    lang: Lang,
) -> String {
    use crate::plan::Reason;
    let words = words(lang);
    let Some(&t) = scn.index.tasks.get(&entry.task) else {
        return entry.detail.clone();
    };
    let Ok(reason) = entry.reason.parse::<Reason>() else {
        return entry.detail.clone();
    };
    let task = scn.task(t);
    let biz = scn.business(task.business);
    let dept = &scn.department(task.department).name;
    let date = onedoor_core::scenario::time::fmt_date;
    match reason {
        Reason::NoValidDay => {
            // The window within the week; the task's own when it lies outside the week.
            let (from, to) = (
                task.earliest.max(scn.horizon.start),
                task.latest.min(scn.horizon.end),
            );
            let (from, to) = if from <= to {
                (from, to)
            } else {
                (task.earliest, task.latest)
            };
            fill(
                words.why_no_valid_day,
                &[
                    ("business", &biz.name),
                    ("earliest", &date(from)),
                    ("latest", &date(to)),
                ],
            )
        }
        Reason::NoOfficer => fill(&words.why_no_officer.n(task.officers), &[("dept", dept)]),
        Reason::Unreachable => fill(words.why_unreachable, &[("business", &biz.name)]),
        Reason::TimeLimit => words.why_time_limit.to_owned(),
        Reason::Capacity => {
            let need = task.minutes + scn.rules.visit_overhead_minutes;
            let window = scn
                .visit_window(task.business)
                .map_or(0, |h| h.end.0.saturating_sub(h.start.0));
            let window = scn
                .rules
                .max_visit_minutes
                .map_or(window, |m| m.min(window));
            let used = plan.visits.iter().filter(|v| v.business == biz.id).count();
            if need > window {
                fill(
                    words.why_too_long,
                    &[
                        ("minutes", &need),
                        ("window", &window),
                        ("business", &biz.name),
                    ],
                )
            } else if biz.max_visits.is_some_and(|m| used >= m as usize) {
                fill(
                    &words.why_business_full.n(biz.max_visits.unwrap_or(0)),
                    &[("business", &biz.name)],
                )
            } else {
                fill(words.why_booked, &[("dept", dept)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fill_and_agree() {
        assert_eq!(EN.visits.n(1u32), "1 visit");
        assert_eq!(EN.visits.n(2u32), "2 visits");
        assert_eq!(ZH.visits.n(2u32), "2 次入户");
        assert_eq!(
            fill(EN.shown, &[("shown", &3), ("total", &7)]),
            "showing 3 of 7 visits"
        );
    }

    #[test]
    fn english_has_no_chinese_punctuation() {
        let text = format!("{EN:?}");
        for c in ['，', '。', '、', '；', '：', '（', '）', '“', '”'] {
            assert!(!text.contains(c), "{c} in the English catalogue");
        }
        assert!(!text.contains("(s)"), "plural by (s)");
    }
}
