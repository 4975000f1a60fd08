//! What a violation is, as data ([`Kind`]: the broken condition with its ids, names,
//! counts, dates and times), and its words in Chinese and in English
//! ([`Kind::text`]), all in this one file.
//!
//! The rules (`coverage.rs`, `visit.rs`, …) only find violations and fill in a kind; they
//! write no sentence. The English text is the one `onedoor check` has always printed
//! ([`crate::Violation::message`] keeps it); the Chinese is plain official Chinese for
//! the coordinators who fix a plan, naming departments by their names and businesses and
//! inspectors by name and id (`舟山某某酒店（B007）`), as the scenario gives them.

use chrono::NaiveDate;
use onedoor_core::ids::{BizIdx, DeptIdx, InspIdx};
use onedoor_core::plan::Reason;
use onedoor_core::scenario::time::{fmt_date, weekday_name, Clock};
use onedoor_core::scenario::Scenario;
use onedoor_core::Lang;

/// A department, business or inspector as a violation names it: its id as written, and
/// its name when the scenario knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The id (as written in the plan, or the scenario's).
    pub id: String,
    /// The scenario's name for it; `None` when the id is unknown.
    pub name: Option<String>,
}

impl Named {
    /// An id the scenario may not know: no name.
    pub fn id(id: impl Into<String>) -> Named {
        Named {
            id: id.into(),
            name: None,
        }
    }

    /// A department of `scn`.
    pub fn dept(scn: &Scenario, d: DeptIdx) -> Named {
        let dept = scn.department(d);
        Named {
            id: dept.id.clone(),
            name: Some(dept.name.clone()),
        }
    }

    /// A business of `scn`.
    pub fn biz(scn: &Scenario, b: BizIdx) -> Named {
        let biz = scn.business(b);
        Named {
            id: biz.id.clone(),
            name: Some(biz.name.clone()),
        }
    }

    /// An inspector of `scn`.
    pub fn insp(scn: &Scenario, i: InspIdx) -> Named {
        let insp = scn.inspector(i);
        Named {
            id: insp.id.clone(),
            name: Some(insp.name.clone()),
        }
    }

    /// In Chinese, with its id: `name（id）`, or the id alone when there is no other name.
    fn zh(&self) -> String {
        match &self.name {
            Some(name) if *name != self.id && !name.is_empty() => {
                format!("{name}（{}）", self.id)
            }
            _ => self.id.clone(),
        }
    }

    /// In Chinese, by name alone (departments), or the id when there is none.
    fn zh_name(&self) -> &str {
        match &self.name {
            Some(name) if !name.is_empty() => name,
            _ => &self.id,
        }
    }
}

/// Why a date is not a valid date for a task (rule C3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateWhy {
    /// Outside the planning horizon.
    OutsideHorizon {
        /// First date of the horizon.
        start: NaiveDate,
        /// Last date of the horizon.
        end: NaiveDate,
    },
    /// Its weekday is not a workday.
    NotWorkday {
        /// The date.
        date: NaiveDate,
    },
    /// A holiday.
    Holiday,
    /// The business is not open on that weekday.
    NotOpen {
        /// The business.
        business: Named,
        /// The date.
        date: NaiveDate,
    },
    /// The business is closed that date.
    Closed {
        /// The business.
        business: Named,
    },
    /// Before the task's earliest date.
    BeforeEarliest {
        /// The earliest date.
        earliest: NaiveDate,
    },
    /// After the task's latest date.
    AfterLatest {
        /// The latest date.
        latest: NaiveDate,
    },
    /// The task is pinned to another date.
    PinnedTo {
        /// The pinned date.
        date: NaiveDate,
    },
    /// Not valid for a reason none of the above names.
    Other,
}

/// Where a leg of an inspector's day starts (rule C8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leg {
    /// The inspector's base, at this node.
    Base(String),
    /// The previous visit (its id), at this node.
    Visit(String, String),
}

/// What one violation is, with everything its sentence names. One variant per broken
/// condition; [`Kind::rule`] gives its rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    // --- C1
    /// Two or more visits share an id.
    DuplicateVisitId {
        /// The id.
        visit: String,
        /// How many visits use it.
        count: usize,
    },
    /// A visit holds no task.
    EmptyVisit {
        /// The visit.
        visit: String,
    },
    /// A visit's business is not in the scenario.
    UnknownBusiness {
        /// The visit.
        visit: String,
        /// The business id as written.
        business: String,
    },
    /// A visit holds a task the scenario does not have.
    UnknownTask {
        /// The visit.
        visit: String,
        /// The task id as written.
        task: String,
    },
    /// A crew member is not an inspector of the scenario (rule C1).
    UnknownInspector {
        /// The visit.
        visit: String,
        /// The inspector id as written.
        inspector: String,
    },
    /// `unscheduled` names a task the scenario does not have.
    UnknownUnscheduled {
        /// The task id as written.
        task: String,
    },
    /// A task is neither in a visit nor in `unscheduled`.
    TaskMissing {
        /// The task.
        task: String,
    },
    /// A task appears more than once.
    TaskRepeated {
        /// The task.
        task: String,
        /// The visits it is in, in plan order (repeats kept).
        visits: Vec<String>,
        /// How many times it is in `unscheduled`.
        unscheduled: usize,
    },
    // --- C2
    /// A visit holds a task of another business.
    WrongBusiness {
        /// The visit.
        visit: String,
        /// The task.
        task: String,
        /// The task's business.
        owner: Named,
        /// The visit's business.
        business: Named,
    },
    // --- C3
    /// The visit's date is not valid for a task in it.
    InvalidDate {
        /// The visit.
        visit: String,
        /// The visit's date.
        date: NaiveDate,
        /// The task.
        task: String,
        /// Why not.
        why: DateWhy,
    },
    // --- C4
    /// A visit does not start before it ends.
    StartNotBeforeEnd {
        /// The visit.
        visit: String,
        /// Its start.
        start: Clock,
        /// Its end.
        end: Clock,
    },
    /// A visit lies (partly) outside the working day.
    OutsideWorkingDay {
        /// The visit.
        visit: String,
        /// Its start.
        start: Clock,
        /// Its end.
        end: Clock,
        /// The working day's start.
        day_start: Clock,
        /// The working day's end.
        day_end: Clock,
    },
    /// A visit lies (partly) outside its business's opening hours.
    OutsideOpeningHours {
        /// The visit.
        visit: String,
        /// Its start.
        start: Clock,
        /// Its end.
        end: Clock,
        /// Opening time.
        open: Clock,
        /// Closing time.
        close: Clock,
        /// The business.
        business: Named,
    },
    /// A task pinned to a start time is in a visit starting at another time.
    PinnedStart {
        /// The visit.
        visit: String,
        /// The task.
        task: String,
        /// The pinned start.
        at: Clock,
        /// The visit's start.
        start: Clock,
    },
    // --- C5
    /// A visit is shorter than its work.
    TooShort {
        /// The visit.
        visit: String,
        /// Its length in minutes (negative when it ends before it starts).
        length: i64,
        /// The minutes it needs.
        need: u64,
        /// The overhead of every visit, in minutes.
        overhead: u64,
        /// The department with the most work, and its minutes.
        widest: Option<(Named, u64)>,
    },
    /// A visit is longer than the longest allowed.
    TooLong {
        /// The visit.
        visit: String,
        /// Its length in minutes.
        length: i64,
        /// The longest allowed.
        max: u32,
    },
    // --- C6
    /// A crew member is not an inspector of the scenario (rule C6).
    NotAnInspector {
        /// The visit.
        visit: String,
        /// The id as written.
        inspector: String,
    },
    /// A crew member acts for a department the scenario does not have.
    UnknownDepartment {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// The department id as written.
        department: String,
    },
    /// A crew member may not act for the department they act for.
    MayNotActFor {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// Their own department.
        home: Named,
        /// The department they act for.
        department: Named,
    },
    /// A crew member acts for a department with no task in the visit.
    DepartmentWithoutTask {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// The department.
        department: Named,
    },
    /// An inspector is listed more than once in a crew.
    RepeatedInspector {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// How many times.
        count: usize,
    },
    /// Too few crew members act for a department.
    TooFewOfficers {
        /// The visit.
        visit: String,
        /// The department.
        department: Named,
        /// How many act for it.
        have: usize,
        /// How many its tasks need.
        need: usize,
    },
    /// Too few certified crew members.
    TooFewCertified {
        /// The visit.
        visit: String,
        /// How many are certified.
        have: usize,
        /// How many every visit needs.
        need: usize,
    },
    // --- C7
    /// A crew member is unavailable on the visit's date.
    Unavailable {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
    },
    /// A crew member is recused from the visit's business.
    Recused {
        /// The visit.
        visit: String,
        /// The inspector.
        inspector: Named,
        /// The business.
        business: Named,
    },
    // --- C8
    /// No path to a visit in an inspector's day.
    NoPath {
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
        /// Where the leg starts.
        from: Leg,
        /// The visit.
        visit: String,
        /// The visit's node.
        node: String,
    },
    /// An inspector cannot be at a visit by its start.
    TooEarly {
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
        /// The visit.
        visit: String,
        /// Its start.
        start: Clock,
        /// The previous visit, if any (else the day's start).
        previous: Option<String>,
        /// When the inspector is free: the day's start or the previous visit's end.
        free: Clock,
        /// Where the leg starts.
        from: Leg,
        /// The travel minutes.
        minutes: u32,
        /// When the inspector can be there.
        ready: Clock,
    },
    /// No path back to base from the day's last visit.
    NoPathBack {
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
        /// The last visit.
        visit: String,
        /// Its node.
        node: String,
        /// The base's node.
        base: String,
    },
    /// An inspector gets back to base after the working day.
    BackTooLate {
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
        /// The last visit.
        visit: String,
        /// Its end.
        end: Clock,
        /// The base's node.
        base: String,
        /// The travel minutes.
        minutes: u32,
        /// When back at base.
        back: Clock,
        /// The working day's end.
        day_end: Clock,
    },
    /// An inspector has more visits on a date than their limit.
    TooManyVisitsPerDay {
        /// The inspector.
        inspector: Named,
        /// The date.
        date: NaiveDate,
        /// The visits, in the day's order.
        visits: Vec<String>,
        /// The limit.
        max: u32,
    },
    // --- C9
    /// A business has more visits than its limit.
    BusinessOverLimit {
        /// The business.
        business: Named,
        /// Its visits, in plan order.
        visits: Vec<String>,
        /// The limit.
        max: u32,
    },
    // --- C10
    /// A non-joinable task shares its visit.
    NotJoinable {
        /// The visit.
        visit: String,
        /// The task.
        task: String,
        /// The other task ids of the visit (empty: the task itself again).
        others: Vec<String>,
    },
    // --- C11
    /// Two incompatible departments in one visit.
    Incompatible {
        /// The visit.
        visit: String,
        /// One department.
        a: Named,
        /// The other.
        b: Named,
    },
    /// More departments in a visit than allowed.
    TooManyDepartments {
        /// The visit.
        visit: String,
        /// How many.
        count: usize,
        /// The most allowed.
        max: u32,
    },
    // --- C12
    /// A reason code that is not one of the format's.
    UnknownReason {
        /// The task.
        task: String,
        /// The code as written.
        reason: String,
    },
    /// A task with no valid date carries another reason than `no_valid_day`.
    MustBeNoValidDay {
        /// The task.
        task: String,
        /// The reason given.
        reason: Reason,
    },
    /// A fact reason that is not true of the scenario.
    UntrueReason {
        /// The task.
        task: String,
        /// The reason given.
        reason: Reason,
    },
    // --- C13
    /// `stats` holds a key that is not a figure.
    StatsUnknownKey {
        /// The key.
        key: String,
    },
    /// `stats` holds a key twice.
    StatsTwice {
        /// The key.
        key: String,
    },
    /// `stats` lacks a figure.
    StatsMissing {
        /// The key.
        key: String,
    },
    /// `stats.reduction` is off.
    StatsRatioOff {
        /// The key.
        key: String,
        /// The value given, as written.
        given: String,
        /// The recomputed value, with four decimals.
        want: String,
    },
    /// A figure is not a number.
    StatsNotNumber {
        /// The key.
        key: String,
        /// What it is instead (a JSON kind: `"a string"`, …).
        kind: &'static str,
    },
    /// A count is off.
    StatsCountOff {
        /// The key.
        key: String,
        /// The value given.
        given: i64,
        /// The recomputed value.
        want: i64,
    },
    /// A count is not an integer.
    StatsNotInteger {
        /// The key.
        key: String,
        /// The value given, as written.
        given: String,
        /// What it is (a JSON kind).
        kind: &'static str,
        /// The recomputed value.
        want: i64,
    },
}

impl Kind {
    /// The rule it breaks.
    pub fn rule(&self) -> crate::Rule {
        use crate::Rule;
        use Kind::*;
        match self {
            DuplicateVisitId { .. }
            | EmptyVisit { .. }
            | UnknownBusiness { .. }
            | UnknownTask { .. }
            | UnknownInspector { .. }
            | UnknownUnscheduled { .. }
            | TaskMissing { .. }
            | TaskRepeated { .. } => Rule::C1,
            WrongBusiness { .. } => Rule::C2,
            InvalidDate { .. } => Rule::C3,
            StartNotBeforeEnd { .. }
            | OutsideWorkingDay { .. }
            | OutsideOpeningHours { .. }
            | PinnedStart { .. } => Rule::C4,
            TooShort { .. } | TooLong { .. } => Rule::C5,
            NotAnInspector { .. }
            | UnknownDepartment { .. }
            | MayNotActFor { .. }
            | DepartmentWithoutTask { .. }
            | RepeatedInspector { .. }
            | TooFewOfficers { .. }
            | TooFewCertified { .. } => Rule::C6,
            Unavailable { .. } | Recused { .. } => Rule::C7,
            NoPath { .. }
            | TooEarly { .. }
            | NoPathBack { .. }
            | BackTooLate { .. }
            | TooManyVisitsPerDay { .. } => Rule::C8,
            BusinessOverLimit { .. } => Rule::C9,
            NotJoinable { .. } => Rule::C10,
            Incompatible { .. } | TooManyDepartments { .. } => Rule::C11,
            UnknownReason { .. } | MustBeNoValidDay { .. } | UntrueReason { .. } => Rule::C12,
            StatsUnknownKey { .. }
            | StatsTwice { .. }
            | StatsMissing { .. }
            | StatsRatioOff { .. }
            | StatsNotNumber { .. }
            | StatsCountOff { .. }
            | StatsNotInteger { .. } => Rule::C13,
        }
    }

    /// What the violation is about, first: the visit, task, business or inspector id its
    /// sentence starts with (`stats.KEY` for C13).
    pub fn subject(&self) -> String {
        use Kind::*;
        match self {
            DuplicateVisitId { visit, .. }
            | EmptyVisit { visit }
            | UnknownBusiness { visit, .. }
            | UnknownTask { visit, .. }
            | UnknownInspector { visit, .. }
            | WrongBusiness { visit, .. }
            | InvalidDate { visit, .. }
            | StartNotBeforeEnd { visit, .. }
            | OutsideWorkingDay { visit, .. }
            | OutsideOpeningHours { visit, .. }
            | PinnedStart { visit, .. }
            | TooShort { visit, .. }
            | TooLong { visit, .. }
            | NotAnInspector { visit, .. }
            | UnknownDepartment { visit, .. }
            | MayNotActFor { visit, .. }
            | DepartmentWithoutTask { visit, .. }
            | RepeatedInspector { visit, .. }
            | TooFewOfficers { visit, .. }
            | TooFewCertified { visit, .. }
            | Unavailable { visit, .. }
            | Recused { visit, .. }
            | NotJoinable { visit, .. }
            | Incompatible { visit, .. }
            | TooManyDepartments { visit, .. } => visit.clone(),
            UnknownUnscheduled { task }
            | TaskMissing { task }
            | TaskRepeated { task, .. }
            | UnknownReason { task, .. }
            | MustBeNoValidDay { task, .. }
            | UntrueReason { task, .. } => task.clone(),
            NoPath { inspector, .. }
            | TooEarly { inspector, .. }
            | NoPathBack { inspector, .. }
            | BackTooLate { inspector, .. }
            | TooManyVisitsPerDay { inspector, .. } => inspector.id.clone(),
            BusinessOverLimit { business, .. } => business.id.clone(),
            StatsUnknownKey { key }
            | StatsTwice { key }
            | StatsMissing { key }
            | StatsRatioOff { key, .. }
            | StatsNotNumber { key, .. }
            | StatsCountOff { key, .. }
            | StatsNotInteger { key, .. } => format!("stats.{key}"),
        }
    }

    /// The sentence in `lang` (without the rule code).
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    /// The English sentence: what `onedoor check` prints after the rule code.
    fn en(&self) -> String {
        use Kind::*;
        match self {
            DuplicateVisitId { visit, count } => {
                format!("visit id {visit} is used by {count} visits")
            }
            EmptyVisit { visit } => format!("{visit}: the visit holds no task"),
            UnknownBusiness { visit, business } => format!("{visit}: unknown business {business}"),
            UnknownTask { visit, task } => format!("{visit}: unknown task {task}"),
            UnknownInspector { visit, inspector } => {
                format!("{visit}: unknown inspector {inspector}")
            }
            UnknownUnscheduled { task } => format!("unscheduled: unknown task {task}"),
            TaskMissing { task } => format!("{task}: appears in no visit and not in unscheduled"),
            TaskRepeated {
                task,
                visits,
                unscheduled,
            } => {
                let mut at: Vec<&str> = visits.iter().map(String::as_str).collect();
                at.extend(std::iter::repeat_n("unscheduled", *unscheduled));
                format!("{task}: appears {} times (in {})", at.len(), at.join(", "))
            }
            WrongBusiness {
                visit,
                task,
                owner,
                business,
            } => format!(
                "{visit}: task {task} belongs to business {}, not {}",
                owner.id, business.id
            ),
            InvalidDate {
                visit,
                date,
                task,
                why,
            } => format!(
                "{visit}: {} is not a valid date for task {task} ({})",
                fmt_date(*date),
                date_why_en(why)
            ),
            StartNotBeforeEnd { visit, start, end } => {
                format!("{visit}: start {start} is not before end {end}")
            }
            OutsideWorkingDay {
                visit,
                start,
                end,
                day_start,
                day_end,
            } => format!("{visit}: {start}–{end} is outside the working day {day_start}–{day_end}"),
            OutsideOpeningHours {
                visit,
                start,
                end,
                open,
                close,
                business,
            } => format!(
                "{visit}: {start}–{end} is outside the opening hours {open}–{close} of business {}",
                business.id
            ),
            PinnedStart {
                visit,
                task,
                at,
                start,
            } => format!(
                "{visit}: task {task} is pinned to start at {at}, the visit starts at {start}"
            ),
            TooShort {
                visit,
                length,
                need,
                overhead,
                widest,
            } => {
                let of = widest
                    .as_ref()
                    .map(|(d, work)| format!(" + {work} of {}", d.id))
                    .unwrap_or_default();
                format!("{visit}: lasts {length} min, needs {need} ({overhead} overhead{of})")
            }
            TooLong { visit, length, max } => {
                format!("{visit}: lasts {length} min, more than the longest allowed {max}")
            }
            NotAnInspector { visit, inspector } => {
                format!("{visit}: crew member {inspector} is not an inspector of the scenario")
            }
            UnknownDepartment {
                visit,
                inspector,
                department,
            } => format!(
                "{visit}: inspector {} acts for unknown department {department}",
                inspector.id
            ),
            MayNotActFor {
                visit,
                inspector,
                home,
                department,
            } => format!(
                "{visit}: inspector {} of {} may not act for {}",
                inspector.id, home.id, department.id
            ),
            DepartmentWithoutTask {
                visit,
                inspector,
                department,
            } => format!(
                "{visit}: inspector {} acts for {}, which has no task in the visit",
                inspector.id, department.id
            ),
            RepeatedInspector {
                visit,
                inspector,
                count,
            } => format!(
                "{visit}: inspector {} appears {count} times in the crew",
                inspector.id
            ),
            TooFewOfficers {
                visit,
                department,
                have,
                need,
            } => format!(
                "{visit}: {have} crew member(s) act for {}, its tasks need {need}",
                department.id
            ),
            TooFewCertified { visit, have, need } => {
                format!("{visit}: {have} certified crew member(s), every visit needs {need}")
            }
            Unavailable {
                visit,
                inspector,
                date,
            } => format!(
                "{visit}: inspector {} is unavailable on {}",
                inspector.id,
                fmt_date(*date)
            ),
            Recused {
                visit,
                inspector,
                business,
            } => format!(
                "{visit}: inspector {} is recused from business {}",
                inspector.id, business.id
            ),
            NoPath {
                inspector,
                date,
                from,
                visit,
                node,
            } => format!(
                "{}: no path from {} to {visit} at {node}",
                who_en(inspector, *date),
                from_en(from)
            ),
            TooEarly {
                inspector,
                date,
                visit,
                start,
                previous,
                free,
                from,
                minutes,
                ready,
            } => {
                let after = match previous {
                    None => format!("the day starts at {free}"),
                    Some(p) => format!("{p} ends at {free}"),
                };
                format!(
                    "{}: {visit} starts at {start}, but {after} and travel from {} takes \
                     {minutes} min (ready at {ready})",
                    who_en(inspector, *date),
                    from_en(from)
                )
            }
            NoPathBack {
                inspector,
                date,
                visit,
                node,
                base,
            } => format!(
                "{}: no path from {visit} at {node} back to base {base}",
                who_en(inspector, *date)
            ),
            BackTooLate {
                inspector,
                date,
                visit,
                end,
                base,
                minutes,
                back,
                day_end,
            } => format!(
                "{}: {visit} ends at {end} and travel back to base {base} takes {minutes} min: \
                 back at {back}, after the day ends at {day_end}",
                who_en(inspector, *date)
            ),
            TooManyVisitsPerDay {
                inspector,
                date,
                visits,
                max,
            } => format!(
                "{}: {} visits ({}), more than the limit {max}",
                who_en(inspector, *date),
                visits.len(),
                visits.join(", ")
            ),
            BusinessOverLimit {
                business,
                visits,
                max,
            } => format!(
                "business {}: {} visits ({}), more than its limit {max}",
                business.id,
                visits.len(),
                visits.join(", ")
            ),
            NotJoinable {
                visit,
                task,
                others,
            } => {
                let others = if others.is_empty() {
                    "itself again".to_owned()
                } else {
                    others.join(", ")
                };
                format!("{visit}: task {task} is not joinable but shares the visit with {others}")
            }
            Incompatible { visit, a, b } => {
                format!(
                    "{visit}: departments {} and {} are incompatible",
                    a.id, b.id
                )
            }
            TooManyDepartments { visit, count, max } => {
                format!("{visit}: {count} departments, more than the allowed {max}")
            }
            UnknownReason { task, reason } => format!(
                "{task}: unknown reason {reason:?} (one of {})",
                reason_codes().join(", ")
            ),
            MustBeNoValidDay { task, reason } => format!(
                "{task}: the task has no valid date, so its reason must be no_valid_day, \
                 not {reason}"
            ),
            UntrueReason { task, reason } => {
                let why = match reason {
                    Reason::NoValidDay => "the task has valid dates",
                    Reason::NoOfficer => {
                        "on some valid date enough available, non-recused inspectors may act \
                         for its department"
                    }
                    Reason::Unreachable => {
                        "on some valid date an available, non-recused, able inspector's base \
                         has a path to the business"
                    }
                    Reason::Capacity | Reason::TimeLimit => "",
                };
                format!("{task}: reason {reason} is not true: {why}")
            }
            StatsUnknownKey { key } => format!("stats.{key} is not a figure of the format"),
            StatsTwice { key } => format!("stats.{key} is given twice"),
            StatsMissing { key } => format!("stats.{key} is missing"),
            StatsRatioOff { key, given, want } => {
                format!("stats.{key} is {given}, recomputed {want}")
            }
            StatsNotNumber { key, kind } => format!("stats.{key} is {kind}, expected a number"),
            StatsCountOff { key, given, want } => {
                format!("stats.{key} is {given}, recomputed {want}")
            }
            StatsNotInteger {
                key,
                given,
                kind,
                want,
            } => format!("stats.{key} is {given} ({kind}), expected the integer {want}"),
        }
    }

    /// The Chinese sentence.
    fn zh(&self) -> String {
        use Kind::*;
        match self {
            DuplicateVisitId { visit, count } => {
                format!("入户编号 {visit} 被 {count} 次入户重复使用，入户编号不能重复")
            }
            EmptyVisit { visit } => format!("{visit}：该次入户没有任何检查任务"),
            UnknownBusiness { visit, business } => {
                format!("{visit}：企业 {business} 不在本周任务数据中")
            }
            UnknownTask { visit, task } => format!("{visit}：任务 {task} 不在本周任务数据中"),
            UnknownInspector { visit, inspector } => {
                format!("{visit}：检查人员 {inspector} 不在本周人员名单中")
            }
            UnknownUnscheduled { task } => {
                format!("未安排列表：任务 {task} 不在本周任务数据中")
            }
            TaskMissing { task } => {
                format!("{task}：该任务既未排入任何入户，也不在未安排列表中")
            }
            TaskRepeated {
                task,
                visits,
                unscheduled,
            } => {
                let mut at: Vec<&str> = visits.iter().map(String::as_str).collect();
                at.extend(std::iter::repeat_n("未安排列表", *unscheduled));
                format!(
                    "{task}：该任务出现了 {} 次（{}），每项任务只能出现一次",
                    at.len(),
                    at.join("、")
                )
            }
            WrongBusiness {
                visit,
                task,
                owner,
                business,
            } => format!(
                "{visit}：任务 {task} 属于企业{}，不属于本次入户的企业{}",
                owner.zh(),
                business.zh()
            ),
            InvalidDate {
                visit,
                date,
                task,
                why,
            } => format!(
                "{visit}：{}不是任务 {task} 可安排的日期（{}）",
                Lang::Zh.date(*date),
                date_why_zh(why)
            ),
            StartNotBeforeEnd { visit, start, end } => {
                format!("{visit}：开始时间 {start} 不早于结束时间 {end}")
            }
            OutsideWorkingDay {
                visit,
                start,
                end,
                day_start,
                day_end,
            } => format!("{visit}：入户时间 {start}–{end} 超出工作时间 {day_start}–{day_end}"),
            OutsideOpeningHours {
                visit,
                start,
                end,
                open,
                close,
                business,
            } => format!(
                "{visit}：入户时间 {start}–{end} 超出企业{}的营业时间 {open}–{close}",
                business.zh()
            ),
            PinnedStart {
                visit,
                task,
                at,
                start,
            } => format!("{visit}：任务 {task} 指定 {at} 开始，但本次入户 {start} 开始"),
            TooShort {
                visit,
                length,
                need,
                overhead,
                widest,
            } => {
                let of = widest
                    .as_ref()
                    .map(|(d, work)| format!("，加{}的检查 {work} 分钟", d.zh_name()))
                    .unwrap_or_default();
                format!(
                    "{visit}：入户时长 {length} 分钟，至少需要 {need} 分钟（每次入户固定 {overhead} 分钟{of}）"
                )
            }
            TooLong { visit, length, max } => {
                format!("{visit}：入户时长 {length} 分钟，超过单次入户时长上限 {max} 分钟")
            }
            NotAnInspector { visit, inspector } => {
                format!("{visit}：检查组成员 {inspector} 不是本周人员名单中的检查人员")
            }
            UnknownDepartment {
                visit,
                inspector,
                department,
            } => format!(
                "{visit}：检查人员{}代表的部门 {department} 不在部门名单中",
                inspector.zh()
            ),
            MayNotActFor {
                visit,
                inspector,
                home,
                department,
            } => format!(
                "{visit}：检查人员{}属于{}，不能代表{}执法",
                inspector.zh(),
                home.zh_name(),
                department.zh_name()
            ),
            DepartmentWithoutTask {
                visit,
                inspector,
                department,
            } => format!(
                "{visit}：检查人员{}代表{}，但本次入户没有{}的任务",
                inspector.zh(),
                department.zh_name(),
                department.zh_name()
            ),
            RepeatedInspector {
                visit,
                inspector,
                count,
            } => format!(
                "{visit}：检查人员{}在检查组中出现了 {count} 次",
                inspector.zh()
            ),
            TooFewOfficers {
                visit,
                department,
                have,
                need,
            } => {
                let d = department.zh_name();
                if *have == 0 {
                    format!(
                        "{visit}：{d}的检查事项需要 {need} 名执法人员，检查组中没有可代表该部门的人员"
                    )
                } else {
                    format!(
                        "{visit}：{d}的检查事项需要 {need} 名执法人员，检查组中只有 {have} 名代表该部门的人员"
                    )
                }
            }
            TooFewCertified { visit, have, need } => format!(
                "{visit}：每次入户至少需要 {need} 名持执法证人员，检查组中只有 {have} 名"
            ),
            Unavailable {
                visit,
                inspector,
                date,
            } => format!(
                "{visit}：检查人员{}在 {}不在岗",
                inspector.zh(),
                Lang::Zh.date(*date)
            ),
            Recused {
                visit,
                inspector,
                business,
            } => format!(
                "{visit}：检查人员{}须回避企业{}",
                inspector.zh(),
                business.zh()
            ),
            NoPath {
                inspector,
                date,
                from,
                visit,
                node,
            } => format!(
                "{}：从{}到 {visit}（{node}）没有路线",
                who_zh(inspector, *date),
                from_zh(from)
            ),
            TooEarly {
                inspector,
                date,
                visit,
                start,
                previous,
                free,
                from,
                minutes,
                ready,
            } => {
                let after = match previous {
                    None => format!("工作时间 {free} 开始"),
                    Some(p) => format!(" {p} {free} 结束"),
                };
                format!(
                    "{}：{visit} {start} 开始，但{after}，从{}出发路途 {minutes} 分钟，{ready} 才能到达",
                    who_zh(inspector, *date),
                    from_zh(from)
                )
            }
            NoPathBack {
                inspector,
                date,
                visit,
                node,
                base,
            } => format!(
                "{}：从 {visit}（{node}）返回驻地 {base} 没有路线",
                who_zh(inspector, *date)
            ),
            BackTooLate {
                inspector,
                date,
                visit,
                end,
                base,
                minutes,
                back,
                day_end,
            } => format!(
                "{}：{visit} {end} 结束，返回驻地 {base} 路途 {minutes} 分钟，{back} 才能返回，晚于下班时间 {day_end}",
                who_zh(inspector, *date)
            ),
            TooManyVisitsPerDay {
                inspector,
                date,
                visits,
                max,
            } => format!(
                "{}：当天 {} 次入户（{}），超过每日上限 {max} 次",
                who_zh(inspector, *date),
                visits.len(),
                visits.join("、")
            ),
            BusinessOverLimit {
                business,
                visits,
                max,
            } => format!(
                "企业{}：本周 {} 次入户（{}），超过上限 {max} 次",
                business.zh(),
                visits.len(),
                visits.join("、")
            ),
            NotJoinable {
                visit,
                task,
                others,
            } => {
                let others = if others.is_empty() {
                    "自身的重复条目".to_owned()
                } else {
                    format!("任务 {} ", others.join("、"))
                };
                format!("{visit}：任务 {task} 须单独入户，却与{others}同在一次入户中")
            }
            Incompatible { visit, a, b } => format!(
                "{visit}：{}与{}不能联合入户",
                a.zh_name(),
                b.zh_name()
            ),
            TooManyDepartments { visit, count, max } => {
                format!("{visit}：本次入户有 {count} 个部门，超过每次入户最多 {max} 个部门的规定")
            }
            UnknownReason { task, reason } => format!(
                "{task}：未安排原因代码“{reason}”无效（应为 {} 之一）",
                reason_codes().join("、")
            ),
            MustBeNoValidDay { task, reason } => format!(
                "{task}：该任务本周没有可安排的日期，未安排原因应为 no_valid_day，而不是 {reason}"
            ),
            UntrueReason { task, reason } => {
                let why = match reason {
                    Reason::NoValidDay => "该任务本周有可安排的日期",
                    Reason::NoOfficer => {
                        "在某个可安排日期，有足够的在岗、无须回避且可代表其部门的检查人员"
                    }
                    Reason::Unreachable => {
                        "在某个可安排日期，有在岗、无须回避且可执行此任务的检查人员能从驻地到达该企业"
                    }
                    Reason::Capacity | Reason::TimeLimit => "",
                };
                if why.is_empty() {
                    format!("{task}：未安排原因 {reason} 与实际不符")
                } else {
                    format!("{task}：未安排原因 {reason} 与实际不符：{why}")
                }
            }
            StatsUnknownKey { key } => {
                format!("统计数据 stats.{key} 不是规定的统计项")
            }
            StatsTwice { key } => format!("统计数据 stats.{key} 重复出现"),
            StatsMissing { key } => format!("统计数据缺少 stats.{key}"),
            StatsRatioOff { key, given, want } => {
                format!("统计数据 stats.{key} 为 {given}，重新计算应为 {want}")
            }
            StatsNotNumber { key, kind } => {
                format!("统计数据 stats.{key} 是{}，应为数字", json_kind_zh(kind))
            }
            StatsCountOff { key, given, want } => {
                format!("统计数据 stats.{key} 为 {given}，重新计算应为 {want}")
            }
            StatsNotInteger {
                key,
                given,
                kind,
                want,
            } => format!(
                "统计数据 stats.{key} 为 {given}（{}），应为整数 {want}",
                json_kind_zh(kind)
            ),
        }
    }
}

/// The format's reason codes.
fn reason_codes() -> Vec<&'static str> {
    Reason::ALL.iter().map(|r| r.code()).collect()
}

/// `INSPECTOR on DATE`.
fn who_en(inspector: &Named, date: NaiveDate) -> String {
    format!("{} on {}", inspector.id, fmt_date(date))
}

/// `检查人员NAME（ID）DATE的行程`.
fn who_zh(inspector: &Named, date: NaiveDate) -> String {
    format!("检查人员{}{}的行程", inspector.zh(), Lang::Zh.date(date))
}

/// Where a leg starts, in English.
fn from_en(from: &Leg) -> String {
    match from {
        Leg::Base(node) => format!("base {node}"),
        Leg::Visit(visit, node) => format!("{visit} at {node}"),
    }
}

/// Where a leg starts, in Chinese.
fn from_zh(from: &Leg) -> String {
    match from {
        Leg::Base(node) => format!("驻地 {node} "),
        Leg::Visit(visit, node) => format!(" {visit}（{node}）"),
    }
}

/// Why a date is not valid, in English.
fn date_why_en(why: &DateWhy) -> String {
    match why {
        DateWhy::OutsideHorizon { start, end } => format!(
            "outside the horizon {} to {}",
            fmt_date(*start),
            fmt_date(*end)
        ),
        DateWhy::NotWorkday { date } => format!("{} is not a workday", weekday(*date)),
        DateWhy::Holiday => "a holiday".to_owned(),
        DateWhy::NotOpen { business, date } => {
            format!("business {} is not open on {}", business.id, weekday(*date))
        }
        DateWhy::Closed { business } => format!("business {} is closed that date", business.id),
        DateWhy::BeforeEarliest { earliest } => {
            format!("before the task's earliest {}", fmt_date(*earliest))
        }
        DateWhy::AfterLatest { latest } => {
            format!("after the task's latest {}", fmt_date(*latest))
        }
        DateWhy::PinnedTo { date } => format!("the task is pinned to {}", fmt_date(*date)),
        DateWhy::Other => "not valid".to_owned(),
    }
}

/// Why a date is not valid, in Chinese.
fn date_why_zh(why: &DateWhy) -> String {
    match why {
        DateWhy::OutsideHorizon { start, end } => format!(
            "不在本周计划期 {} 至 {} 内",
            fmt_date(*start),
            fmt_date(*end)
        ),
        DateWhy::NotWorkday { .. } => "当天不是工作日".to_owned(),
        DateWhy::Holiday => "当天是节假日".to_owned(),
        DateWhy::NotOpen { business, .. } => format!("企业{}当天不营业", business.zh()),
        DateWhy::Closed { business } => format!("企业{}当天停业", business.zh()),
        DateWhy::BeforeEarliest { earliest } => {
            format!("早于任务最早日期 {}", fmt_date(*earliest))
        }
        DateWhy::AfterLatest { latest } => format!("晚于任务最晚日期 {}", fmt_date(*latest)),
        DateWhy::PinnedTo { date } => format!("该任务指定在 {} 检查", fmt_date(*date)),
        DateWhy::Other => "不可安排".to_owned(),
    }
}

/// A date's weekday, in English (`mon`).
fn weekday(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    weekday_name(date.weekday())
}

/// A JSON kind (`Json::kind`) in Chinese.
fn json_kind_zh(kind: &str) -> &'static str {
    match kind {
        "null" => "空值（null）",
        "a boolean" => "是/否值",
        "an integer" => "整数",
        "a number with a fraction" => "小数",
        "a string" => "文字",
        "an array" => "数组",
        "an object" => "对象",
        _ => "其他值",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        onedoor_core::scenario::time::parse_date(s).expect("a date")
    }

    fn named(id: &str, name: &str) -> Named {
        Named {
            id: id.into(),
            name: Some(name.into()),
        }
    }

    /// One of every kind, each reason and each way a date is not valid.
    fn samples() -> Vec<Kind> {
        use Kind::*;
        let v = || "V0047".to_owned();
        let t = || "T0012".to_owned();
        let dept = || named("market", "市场监管局");
        let biz = || named("B007", "舟山海鲜酒店");
        let insp = || named("SJ01", "王芳");
        let c = |s: &str| Clock::parse(s).expect("a clock time");
        let whys = [
            DateWhy::OutsideHorizon {
                start: d("2022-09-12"),
                end: d("2022-09-16"),
            },
            DateWhy::NotWorkday {
                date: d("2022-09-17"),
            },
            DateWhy::Holiday,
            DateWhy::NotOpen {
                business: biz(),
                date: d("2022-09-12"),
            },
            DateWhy::Closed { business: biz() },
            DateWhy::BeforeEarliest {
                earliest: d("2022-09-13"),
            },
            DateWhy::AfterLatest {
                latest: d("2022-09-13"),
            },
            DateWhy::PinnedTo {
                date: d("2022-09-14"),
            },
            DateWhy::Other,
        ];
        let mut all: Vec<Kind> = whys
            .into_iter()
            .map(|why| InvalidDate {
                visit: v(),
                date: d("2022-09-12"),
                task: t(),
                why,
            })
            .collect();
        for reason in Reason::ALL {
            all.push(MustBeNoValidDay { task: t(), reason });
            all.push(UntrueReason { task: t(), reason });
        }
        all.extend([
            DuplicateVisitId {
                visit: v(),
                count: 2,
            },
            EmptyVisit { visit: v() },
            UnknownBusiness {
                visit: v(),
                business: "B999".into(),
            },
            UnknownTask {
                visit: v(),
                task: "T999".into(),
            },
            UnknownInspector {
                visit: v(),
                inspector: "X99".into(),
            },
            UnknownUnscheduled { task: t() },
            TaskMissing { task: t() },
            TaskRepeated {
                task: t(),
                visits: vec![v()],
                unscheduled: 1,
            },
            WrongBusiness {
                visit: v(),
                task: t(),
                owner: biz(),
                business: named("B008", "定海面馆"),
            },
            StartNotBeforeEnd {
                visit: v(),
                start: c("10:00"),
                end: c("09:00"),
            },
            OutsideWorkingDay {
                visit: v(),
                start: c("07:00"),
                end: c("08:00"),
                day_start: c("08:30"),
                day_end: c("17:30"),
            },
            OutsideOpeningHours {
                visit: v(),
                start: c("07:00"),
                end: c("08:00"),
                open: c("09:00"),
                close: c("17:00"),
                business: biz(),
            },
            PinnedStart {
                visit: v(),
                task: t(),
                at: c("10:00"),
                start: c("09:00"),
            },
            TooShort {
                visit: v(),
                length: 50,
                need: 55,
                overhead: 15,
                widest: Some((dept(), 40)),
            },
            TooLong {
                visit: v(),
                length: 300,
                max: 240,
            },
            NotAnInspector {
                visit: v(),
                inspector: "X99".into(),
            },
            UnknownDepartment {
                visit: v(),
                inspector: insp(),
                department: "water".into(),
            },
            MayNotActFor {
                visit: v(),
                inspector: insp(),
                home: named("fire", "消防救援大队"),
                department: dept(),
            },
            DepartmentWithoutTask {
                visit: v(),
                inspector: insp(),
                department: dept(),
            },
            RepeatedInspector {
                visit: v(),
                inspector: insp(),
                count: 2,
            },
            TooFewOfficers {
                visit: v(),
                department: dept(),
                have: 0,
                need: 1,
            },
            TooFewOfficers {
                visit: v(),
                department: dept(),
                have: 1,
                need: 2,
            },
            TooFewCertified {
                visit: v(),
                have: 1,
                need: 2,
            },
            Unavailable {
                visit: v(),
                inspector: insp(),
                date: d("2022-09-12"),
            },
            Recused {
                visit: v(),
                inspector: insp(),
                business: biz(),
            },
            NoPath {
                inspector: insp(),
                date: d("2022-09-12"),
                from: Leg::Base("P01".into()),
                visit: v(),
                node: "B007".into(),
            },
            TooEarly {
                inspector: insp(),
                date: d("2022-09-12"),
                visit: v(),
                start: c("09:00"),
                previous: Some("V0046".into()),
                free: c("08:50"),
                from: Leg::Visit("V0046".into(), "B006".into()),
                minutes: 20,
                ready: c("09:10"),
            },
            TooEarly {
                inspector: insp(),
                date: d("2022-09-12"),
                visit: v(),
                start: c("08:35"),
                previous: None,
                free: c("08:30"),
                from: Leg::Base("P01".into()),
                minutes: 20,
                ready: c("08:50"),
            },
            NoPathBack {
                inspector: insp(),
                date: d("2022-09-12"),
                visit: v(),
                node: "B007".into(),
                base: "P01".into(),
            },
            BackTooLate {
                inspector: insp(),
                date: d("2022-09-12"),
                visit: v(),
                end: c("17:20"),
                base: "P01".into(),
                minutes: 20,
                back: c("17:40"),
                day_end: c("17:30"),
            },
            TooManyVisitsPerDay {
                inspector: insp(),
                date: d("2022-09-12"),
                visits: vec!["V0046".into(), v()],
                max: 1,
            },
            BusinessOverLimit {
                business: biz(),
                visits: vec!["V0046".into(), v()],
                max: 1,
            },
            NotJoinable {
                visit: v(),
                task: t(),
                others: vec!["T0013".into()],
            },
            NotJoinable {
                visit: v(),
                task: t(),
                others: Vec::new(),
            },
            Incompatible {
                visit: v(),
                a: dept(),
                b: named("fire", "消防救援大队"),
            },
            TooManyDepartments {
                visit: v(),
                count: 4,
                max: 3,
            },
            UnknownReason {
                task: t(),
                reason: "busy".into(),
            },
            StatsUnknownKey {
                key: "speed".into(),
            },
            StatsTwice {
                key: "visits".into(),
            },
            StatsMissing {
                key: "visits".into(),
            },
            StatsRatioOff {
                key: "reduction".into(),
                given: "0.5".into(),
                want: "0.5455".into(),
            },
            StatsNotNumber {
                key: "reduction".into(),
                kind: "a string",
            },
            StatsCountOff {
                key: "visits".into(),
                given: 4,
                want: 5,
            },
            StatsNotInteger {
                key: "visits".into(),
                given: "5.0".into(),
                kind: "a number with a fraction",
                want: 5,
            },
        ]);
        all
    }

    /// The position of a kind in the declaration: a new kind does not compile here until
    /// it is listed (and then the test below asks for a sample of it).
    fn position(kind: &Kind) -> usize {
        use Kind::*;
        match kind {
            DuplicateVisitId { .. } => 0,
            EmptyVisit { .. } => 1,
            UnknownBusiness { .. } => 2,
            UnknownTask { .. } => 3,
            UnknownInspector { .. } => 4,
            UnknownUnscheduled { .. } => 5,
            TaskMissing { .. } => 6,
            TaskRepeated { .. } => 7,
            WrongBusiness { .. } => 8,
            InvalidDate { .. } => 9,
            StartNotBeforeEnd { .. } => 10,
            OutsideWorkingDay { .. } => 11,
            OutsideOpeningHours { .. } => 12,
            PinnedStart { .. } => 13,
            TooShort { .. } => 14,
            TooLong { .. } => 15,
            NotAnInspector { .. } => 16,
            UnknownDepartment { .. } => 17,
            MayNotActFor { .. } => 18,
            DepartmentWithoutTask { .. } => 19,
            RepeatedInspector { .. } => 20,
            TooFewOfficers { .. } => 21,
            TooFewCertified { .. } => 22,
            Unavailable { .. } => 23,
            Recused { .. } => 24,
            NoPath { .. } => 25,
            TooEarly { .. } => 26,
            NoPathBack { .. } => 27,
            BackTooLate { .. } => 28,
            TooManyVisitsPerDay { .. } => 29,
            BusinessOverLimit { .. } => 30,
            NotJoinable { .. } => 31,
            Incompatible { .. } => 32,
            TooManyDepartments { .. } => 33,
            UnknownReason { .. } => 34,
            MustBeNoValidDay { .. } => 35,
            UntrueReason { .. } => 36,
            StatsUnknownKey { .. } => 37,
            StatsTwice { .. } => 38,
            StatsMissing { .. } => 39,
            StatsRatioOff { .. } => 40,
            StatsNotNumber { .. } => 41,
            StatsCountOff { .. } => 42,
            StatsNotInteger { .. } => 43,
        }
    }

    const KINDS: usize = 44;

    fn is_cjk(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    #[test]
    fn every_kind_has_a_sample() {
        let mut seen = [false; KINDS];
        for k in samples() {
            seen[position(&k)] = true;
        }
        let missing: Vec<usize> = (0..KINDS).filter(|&i| !seen[i]).collect();
        assert!(missing.is_empty(), "kinds without a sample: {missing:?}");
    }

    #[test]
    fn every_kind_is_said_in_chinese_and_in_english() {
        for k in samples() {
            let (zh, en) = (k.text(Lang::Zh), k.text(Lang::En));
            let subject = k.subject();
            assert!(zh.contains(&subject), "{zh} does not name {subject}");
            assert!(en.contains(&subject), "{en} does not name {subject}");
            // Chinese: mostly Chinese characters beside the ids, codes, numbers and times.
            let cjk = zh.chars().filter(|&c| is_cjk(c)).count();
            assert!(cjk >= 4, "not Chinese: {zh}");
            assert!(!zh.contains("  "), "double space: {zh}");
            for word in [
                " the ",
                " is ",
                " not ",
                " visit",
                " task",
                " crew",
                "inspector",
                "business",
            ] {
                assert!(!zh.contains(word), "English {word:?} in {zh}");
            }
            // English: no Chinese punctuation or characters except the scenario's names.
            assert!(
                !en.chars().any(|c| "，。、；：（）".contains(c)),
                "Chinese punctuation in {en}"
            );
            assert!(!en.contains("市场") && !en.contains("王芳"), "{en}");
        }
    }

    #[test]
    fn names_are_in_chinese_ids_in_english() {
        let k = Kind::TooFewOfficers {
            visit: "V0047".into(),
            department: named("market", "市场监管局"),
            have: 0,
            need: 1,
        };
        assert_eq!(
            k.text(Lang::Zh),
            "V0047：市场监管局的检查事项需要 1 名执法人员，检查组中没有可代表该部门的人员"
        );
        assert_eq!(
            k.text(Lang::En),
            "V0047: 0 crew member(s) act for market, its tasks need 1"
        );
        let k = Kind::Recused {
            visit: "V0003".into(),
            inspector: named("SJ01", "王芳"),
            business: Named::id("B999"),
        };
        assert_eq!(
            k.text(Lang::Zh),
            "V0003：检查人员王芳（SJ01）须回避企业B999"
        );
    }
}
