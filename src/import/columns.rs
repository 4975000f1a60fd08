//! The one table of every sheet and column: Chinese header, English field, kind and
//! explanation. `onedoor template` writes from it and `onedoor import` reads by it, so the
//! two cannot drift apart.

/// How a cell is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A whole number (minutes, counts, priority).
    Int,
    /// A number, fractions allowed (coordinates, speed).
    Number,
    /// 是/否 (yes/no, true/false, 1/0).
    Bool,
    /// A date: an Excel date or text `YYYY-MM-DD`, `YYYY/M/D`, `YYYY年M月D日`.
    Date,
    /// A list of dates.
    Dates,
    /// A time of day, `HH:MM` (or an Excel time).
    Time,
    /// A list of texts.
    List,
    /// A list of weekdays (`mon` … `sun` or 周一 … 周日).
    Weekdays,
    /// A department, by id or name.
    Dept,
    /// A list of departments, by id or name.
    Depts,
    /// A business, by id or name.
    Biz,
    /// A list of businesses, by id or name.
    Bizs,
    /// A place or a business, by id or name.
    Node,
    /// A list of checklist items, by id or name (the `检查事项` sheet).
    Items,
}

impl Kind {
    /// The kind as the explanation sheet shows it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "文本 text",
            Kind::Int => "整数 whole number",
            Kind::Number => "数字 number",
            Kind::Bool => "是/否 yes/no",
            Kind::Date => "日期 date",
            Kind::Dates => "日期列表 dates",
            Kind::Time => "时间 HH:MM",
            Kind::List => "列表 list",
            Kind::Weekdays => "星期列表 weekdays",
            Kind::Dept => "部门 department",
            Kind::Depts => "部门列表 departments",
            Kind::Biz => "企业 business",
            Kind::Bizs => "企业列表 businesses",
            Kind::Node => "地点或企业 place or business",
            Kind::Items => "检查事项列表 checklist items",
        }
    }

    /// Whether the cell holds a list (items separated by `;` `；` `、` `，` `,`).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Kind::Dates | Kind::List | Kind::Weekdays | Kind::Depts | Kind::Bizs | Kind::Items
        )
    }
}

/// One column of a sheet (or one row of the settings sheet).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The Chinese header.
    pub zh: &'static str,
    /// The field in the scenario format: a path below the list's item (`location.x`,
    /// `open.hours.start`), a path from the root for settings (`horizon.start`), or the
    /// position in a pair (`0`, `1`) for incompatible departments.
    pub field: &'static str,
    /// How the cell is read and written.
    pub kind: Kind,
    /// Whether the format requires it.
    pub required: bool,
    /// What it means, for the explanation sheet.
    pub help: &'static str,
}

/// One sheet of entities: one row per item of a list of the scenario.
#[derive(Clone, Copy, Debug)]
pub struct Sheet {
    /// The Chinese sheet name (also the CSV file stem).
    pub zh: &'static str,
    /// The English sheet name (also accepted as sheet name and CSV file stem).
    pub en: &'static str,
    /// The list in the scenario (`tasks`, `travel.links`, `rules.incompatible`).
    pub list: &'static str,
    /// The columns, in the template's order.
    pub columns: &'static [Column],
    /// What one row is.
    pub help: &'static str,
}

const fn col(
    zh: &'static str,
    field: &'static str,
    kind: Kind,
    required: bool,
    help: &'static str,
) -> Column {
    Column {
        zh,
        field,
        kind,
        required,
        help,
    }
}

use Kind::*;

/// `任务`: one row per planned inspection.
pub const TASKS: Sheet = Sheet {
    zh: "任务",
    en: "tasks",
    list: "tasks",
    help: "one department's planned inspection at one business",
    columns: &[
        col("编号", "id", Text, true, "unique task id, e.g. T001"),
        col(
            "部门",
            "department",
            Dept,
            true,
            "the department that planned it (id or name)",
        ),
        col("企业", "business", Biz, true, "where (business id or name)"),
        col(
            "时长(分钟)",
            "minutes",
            Int,
            true,
            "minutes of inspection work",
        ),
        col(
            "最早日期",
            "earliest",
            Date,
            false,
            "first allowed date (blank: start of the week)",
        ),
        col(
            "最晚日期",
            "latest",
            Date,
            false,
            "last allowed date (blank: end of the week)",
        ),
        col(
            "优先级",
            "priority",
            Int,
            false,
            "weight of leaving it out, 1–1000 (blank: 1)",
        ),
        col(
            "可合并",
            "joinable",
            Bool,
            false,
            "是: may share a visit with other departments (blank: 是)",
        ),
        col(
            "所需人数",
            "officers",
            Int,
            false,
            "crew members acting for the department (blank: 1)",
        ),
        col(
            "检查内容",
            "items",
            Items,
            false,
            "checklist items (编号 or 名称 of the 检查事项 sheet), separated by ;",
        ),
        col(
            "是否告知",
            "announced",
            Bool,
            false,
            "否: the business must not learn of it in advance (blank: as 可合并)",
        ),
        col(
            "固定日期",
            "pinned.date",
            Date,
            false,
            "a fixed appointment's date",
        ),
        col(
            "固定开始时间",
            "pinned.start",
            Time,
            false,
            "the appointment's start, HH:MM (needs 固定日期)",
        ),
    ],
};

/// Columns a department's task sheet often carries about the task's business: they give
/// the business's address, contact and phone where `企业` leaves them blank (the template
/// does not write them: it writes them in `企业`).
pub const TASK_BUSINESS: &[Column] = &[
    col(
        "地址",
        "business.address",
        Text,
        false,
        "the business's address",
    ),
    col(
        "联系人",
        "business.contact",
        Text,
        false,
        "whom to tell at the business",
    ),
    col(
        "联系电话",
        "business.phone",
        Text,
        false,
        "the business's phone",
    ),
];

/// `企业`: one row per business.
pub const BUSINESSES: Sheet = Sheet {
    zh: "企业",
    en: "businesses",
    list: "businesses",
    help: "a business that may be inspected",
    columns: &[
        col(
            "编号",
            "id",
            Text,
            true,
            "unique among businesses and places, e.g. B001",
        ),
        col(
            "名称",
            "name",
            Text,
            false,
            "name for people (blank: the id)",
        ),
        col(
            "街道/镇",
            "town",
            Text,
            false,
            "town or street, for reports",
        ),
        col(
            "区域",
            "zone",
            Text,
            false,
            "travel zone (blank: main); places in one zone are joined by roads",
        ),
        col(
            "X(公里)",
            "location.x",
            Number,
            false,
            "east, km (planar maps; or give 纬度/经度)",
        ),
        col("Y(公里)", "location.y", Number, false, "north, km"),
        col(
            "纬度",
            "location.lat",
            Number,
            false,
            "latitude, degrees (geographic maps)",
        ),
        col("经度", "location.lon", Number, false, "longitude, degrees"),
        col(
            "营业日",
            "open.days",
            Weekdays,
            false,
            "weekdays it can be visited (blank: every workday)",
        ),
        col(
            "营业开始",
            "open.hours.start",
            Time,
            false,
            "opens, HH:MM (blank: the working day)",
        ),
        col("营业结束", "open.hours.end", Time, false, "closes, HH:MM"),
        col(
            "不可检查日期",
            "closed",
            Dates,
            false,
            "dates with no visit",
        ),
        col(
            "最多进入次数",
            "max_visits",
            Int,
            false,
            "most visits in the week (blank: no limit)",
        ),
        col("标签", "tags", List, false, "business type tags"),
        col(
            "地址",
            "address",
            Text,
            false,
            "street address, for notices",
        ),
        col(
            "联系人",
            "contact",
            Text,
            false,
            "whom to tell at the business",
        ),
        col("联系电话", "phone", Text, false, "the business's phone"),
    ],
};

/// `人员`: one row per inspector.
pub const INSPECTORS: Sheet = Sheet {
    zh: "人员",
    en: "inspectors",
    list: "inspectors",
    help: "an officer",
    columns: &[
        col("编号", "id", Text, true, "unique inspector id"),
        col("姓名", "name", Text, false, "name (blank: the id)"),
        col(
            "部门",
            "department",
            Dept,
            true,
            "own department (id or name)",
        ),
        col(
            "持执法证",
            "certified",
            Bool,
            false,
            "holds an enforcement certificate (blank: 是)",
        ),
        col(
            "出发地",
            "base",
            Node,
            true,
            "where the day starts and ends (place or business, id or name)",
        ),
        col(
            "可代行部门",
            "acts_for",
            Depts,
            false,
            "other departments this officer may act for (delegation)",
        ),
        col(
            "不在岗日期",
            "unavailable",
            Dates,
            false,
            "dates off (leave, training)",
        ),
        col(
            "每日最多检查",
            "max_visits_per_day",
            Int,
            false,
            "most visits in one day (blank: no limit)",
        ),
        col(
            "回避企业",
            "recuse",
            Bizs,
            false,
            "businesses this officer must not inspect (回避)",
        ),
        col(
            "执法证号",
            "certificate",
            Text,
            false,
            "enforcement certificate number, shown on notices",
        ),
    ],
};

/// `部门`: one row per department.
pub const DEPARTMENTS: Sheet = Sheet {
    zh: "部门",
    en: "departments",
    list: "departments",
    help: "a department taking part",
    columns: &[
        col("编号", "id", Text, true, "unique department id, e.g. fire"),
        col("名称", "name", Text, false, "name (blank: the id)"),
        col(
            "别名",
            ALIASES,
            List,
            false,
            "other names this department is written as (import only, not kept)",
        ),
    ],
};

/// The field of the departments' alias column: read by import to resolve references,
/// never written into the scenario.
pub const ALIASES: &str = "aliases";

/// `检查事项`: one row per checklist item of the catalogue.
pub const ITEMS: Sheet = Sheet {
    zh: "检查事项",
    en: "items",
    list: "items",
    help: "a checklist item: what is checked and what the business prepares",
    columns: &[
        col("编号", "id", Text, true, "unique item id, e.g. fire.exits"),
        col(
            "名称",
            "name",
            Text,
            false,
            "what is checked, as the notice says it (blank: the id)",
        ),
        col(
            "需准备材料",
            "prepare",
            Text,
            false,
            "what the business prepares",
        ),
    ],
};

/// `地点`: one row per office or other place that is not inspected.
pub const PLACES: Sheet = Sheet {
    zh: "地点",
    en: "places",
    list: "places",
    help: "an office, pier or other place that is not inspected",
    columns: &[
        col(
            "编号",
            "id",
            Text,
            true,
            "unique among places and businesses",
        ),
        col("名称", "name", Text, false, "name (blank: the id)"),
        col("区域", "zone", Text, false, "travel zone (blank: main)"),
        col(
            "X(公里)",
            "location.x",
            Number,
            false,
            "east, km (or give 纬度/经度)",
        ),
        col("Y(公里)", "location.y", Number, false, "north, km"),
        col("纬度", "location.lat", Number, false, "latitude, degrees"),
        col("经度", "location.lon", Number, false, "longitude, degrees"),
    ],
};

/// `连接`: one row per extra travel link (bridge, ferry).
pub const LINKS: Sheet = Sheet {
    zh: "连接",
    en: "links",
    list: "travel.links",
    help: "a two-way travel link between zones (bridge, ferry, fast road)",
    columns: &[
        col(
            "起点",
            "from",
            Node,
            true,
            "one end (place or business, id or name)",
        ),
        col("终点", "to", Node, true, "the other end"),
        col("分钟", "minutes", Int, true, "minutes to cross"),
    ],
};

/// `互斥部门`: one row per pair of departments that never share a visit.
pub const INCOMPATIBLE: Sheet = Sheet {
    zh: "互斥部门",
    en: "incompatible",
    list: "rules.incompatible",
    help: "two departments that never share a visit",
    columns: &[
        col("部门甲", "0", Dept, true, "one department (id or name)"),
        col("部门乙", "1", Dept, true, "another department"),
    ],
};

/// The entity sheets, in the order they are read and written. The departments, places
/// and businesses come first: the other sheets refer to them by name.
pub const SHEETS: &[Sheet] = &[
    DEPARTMENTS,
    PLACES,
    BUSINESSES,
    INSPECTORS,
    ITEMS,
    TASKS,
    LINKS,
    INCOMPATIBLE,
];

/// The settings sheet's name.
pub const SETTINGS_ZH: &str = "设置";
/// The settings sheet's English name.
pub const SETTINGS_EN: &str = "settings";
/// The explanation sheet's name (never read).
pub const HELP_ZH: &str = "说明";

/// The settings sheet's own columns: label, field, value, explanation.
pub const SETTINGS_HEADERS: [(&str, &str); 4] = [
    ("项目", "item"),
    ("字段", "field"),
    ("值", "value"),
    ("说明", "help"),
];

/// `设置`: one row per setting, found by its field (column B) or its label (column A).
pub const SETTINGS: &[Column] = &[
    col("格式版本", "version", Int, false, "always 1"),
    col("名称", "name", Text, false, "the scenario's name"),
    col(
        "开始日期",
        "horizon.start",
        Date,
        true,
        "first date of the week",
    ),
    col(
        "结束日期",
        "horizon.end",
        Date,
        true,
        "last date (inclusive)",
    ),
    col(
        "工作日",
        "horizon.workdays",
        Weekdays,
        false,
        "weekdays with visits (blank: 周一–周五)",
    ),
    col(
        "节假日",
        "horizon.holidays",
        Dates,
        false,
        "dates with no visits",
    ),
    col(
        "上班时间",
        "horizon.hours.start",
        Time,
        false,
        "officers leave their base at or after, HH:MM (blank: 08:30)",
    ),
    col(
        "下班时间",
        "horizon.hours.end",
        Time,
        false,
        "and are back by (blank: 17:30)",
    ),
    col(
        "每次检查最少持证人数",
        "rules.min_certified_per_visit",
        Int,
        false,
        "certified officers every visit needs (blank: 2)",
    ),
    col(
        "每次检查固定耗时(分钟)",
        "rules.visit_overhead_minutes",
        Int,
        false,
        "entry, notice and closing meeting (blank: 15)",
    ),
    col(
        "每次检查最长(分钟)",
        "rules.max_visit_minutes",
        Int,
        false,
        "longest visit (blank: no limit)",
    ),
    col(
        "每次检查最多部门数",
        "rules.max_departments_per_visit",
        Int,
        false,
        "most departments in one visit (blank: no limit)",
    ),
    col(
        "车速(公里/小时)",
        "travel.speed_kmh",
        Number,
        false,
        "straight-line travel speed (blank: 30)",
    ),
    col(
        "绕行系数",
        "travel.detour",
        Number,
        false,
        "road distance / straight-line distance (blank: 1.3)",
    ),
    col(
        "签发机关",
        "notice.issuer",
        Text,
        false,
        "who issues the notices (告知书)",
    ),
    col(
        "联系人",
        "notice.contact",
        Text,
        false,
        "whom a business may call about a notice",
    ),
    col(
        "联系电话",
        "notice.phone",
        Text,
        false,
        "the contact's phone",
    ),
    col(
        "法律依据",
        "notice.legal_basis",
        Text,
        false,
        "the legal basis quoted on notices",
    ),
    col(
        "文号前缀",
        "notice.number_prefix",
        Text,
        false,
        "notice number prefix, e.g. 定综执检告〔2022〕",
    ),
    col(
        "签发日期",
        "notice.issued",
        Date,
        false,
        "the notices' date (blank: the last workday before the week)",
    ),
];

/// Other headers accepted for a column: (list, header, field). Departments and older
/// templates write them so.
pub const HEADER_ALIASES: &[(&str, &str, &str)] = &[
    ("tasks", "检查事项", "items"),
    ("tasks", "事项", "items"),
    ("tasks", "检查项目", "items"),
    ("tasks", "任务编号", "id"),
    ("tasks", "时长", "minutes"),
    ("tasks", "检查时长(分钟)", "minutes"),
    ("tasks", "企业名称", "business"),
    ("tasks", "检查对象", "business"),
    ("tasks", "检查部门", "department"),
    ("tasks", "企业地址", "business.address"),
    ("tasks", "电话", "business.phone"),
    ("businesses", "企业名称", "name"),
    ("businesses", "电话", "phone"),
    ("businesses", "企业地址", "address"),
    ("inspectors", "执法证编号", "certificate"),
    ("inspectors", "证号", "certificate"),
    ("items", "准备材料", "prepare"),
];

/// Headers of columns import ignores: row numbers and notes.
pub const IGNORED_HEADERS: &[&str] = &[
    "序号", "备注", "note", "notes", "comment", "comments", "no.", "#",
];
