//! `onedoor export`: the week's plan as files people use, in two folders. What may be
//! sent to businesses is under `for-businesses/`: one notice per business with announced
//! visits (`notices/<business>.html`), all of them in one printable file
//! (`all-notices.html`) and an index of what to send to whom (`index.html`); see
//! `notice.rs`. Everything else stays in the bureau, under `internal/`: a workbook for the
//! office (`plan.xlsx`), CSV for any spreadsheet (`visits.csv`, `itineraries.csv`), one
//! calendar per inspector (`calendars/<inspector>.ics`), a self-contained report for
//! leaders (`report.html`) and, for lat/lon scenarios, a map file (`plan.geojson`).
//!
//! [`export`] first checks the plan with the referee (`onedoor-check`): a plan with
//! violations is refused and nothing is written. Every number in every file comes from
//! the checker's figures ([`onedoor_core::plan::Stats`]) or from the plan's visits
//! themselves, through one view of the week, [`Week`], built here and shared by the
//! writers (one file per output: `workbook.rs`, `csv.rs`, `calendar.rs`, `notice.rs`,
//! `html_report.rs`, `geojson.rs`). All files are made in memory first, written into a
//! new folder beside the export folder, and that folder is then swapped in for the old
//! one ([`swap_in`]): afterwards the folder holds this export's files and nothing else.
//! Same plan, same bytes.

mod calendar;
mod csv;
mod geojson;
mod html_report;
mod notice;
mod notice_words;
mod route;
mod words;
pub(crate) mod workbook;

use crate::check::{check, Report};
pub use crate::lang::Lang;
use crate::plan::{Plan, Reason, Stats, Visit};
use crate::scenario::{Location, Scenario};
use crate::travel::TravelGraph;
use onedoor_core::ids::{BizIdx, DeptIdx, InspIdx, TaskIdx};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// What [`export`] wrote.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Every file written, in writing order.
    pub files: Vec<PathBuf>,
    /// Notes for people (e.g. why no GeoJSON was written).
    pub notes: Vec<String>,
}

impl Written {
    /// A few lines for the terminal: where the files are, how many of each, the notes.
    pub fn summary(&self, dir: &Path) -> String {
        let count = |prefix: &str| {
            self.files
                .iter()
                .filter(|f| {
                    f.strip_prefix(dir)
                        .is_ok_and(|r| r.starts_with(prefix) && r != Path::new(prefix))
                })
                .count()
        };
        let shown = onedoor_core::error::escape_controls(&dir.display().to_string()).into_owned();
        let mut out = format!("exported to {shown}/\n");
        out.push_str(&format!(
            "  {BUSINESS_DIR}/  to send to businesses: index.html, all-notices.html, \
             notices/ ({} notices)\n",
            count(&format!("{BUSINESS_DIR}/notices"))
        ));
        if self
            .files
            .iter()
            .any(|f| f == &dir.join(BUSINESS_DIR).join("to-send.html"))
        {
            out.push_str(&format!(
                "  {BUSINESS_DIR}/to-send.html: the change and cancellation notices to send \
                 after the re-plan (index.html says to whom)\n"
            ));
        }
        out.push_str(&format!(
            "  {INTERNAL_DIR}/        not to leave the bureau:"
        ));
        for top in [
            "plan.xlsx",
            "visits.csv",
            "itineraries.csv",
            "report.html",
            "plan.geojson",
        ] {
            if self
                .files
                .iter()
                .any(|f| f == &dir.join(INTERNAL_DIR).join(top))
            {
                out.push_str(&format!(" {top},"));
            }
        }
        out.push_str(&format!(
            " calendars/ ({} inspector calendars), routes/ ({} route sheets), \
             departments/ ({} department sheets)\n",
            count(&format!("{INTERNAL_DIR}/calendars")),
            count(html_report::ROUTES_DIR),
            count(html_report::DEPARTMENTS_DIR)
        ));
        for note in &self.notes {
            out.push_str(&format!("note: {note}\n"));
        }
        out
    }
}

/// The folder of what is handed to businesses.
pub const BUSINESS_DIR: &str = "for-businesses";
/// The folder of what stays inside the bureau.
pub const INTERNAL_DIR: &str = "internal";

/// How [`export`] writes: language, the plan announced before (a re-plan) and the issue
/// date of the notices.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'p> {
    /// The language of the files.
    pub lang: Lang,
    /// An earlier plan of the same week whose notices and calendars went out (e.g. before
    /// a re-plan): change and cancellation notices and calendar updates are made against
    /// it.
    pub previous: Option<&'p Plan>,
    /// The notices' issue date; default [`Scenario::issued`].
    pub issued: Option<chrono::NaiveDate>,
}

/// Why nothing was exported.
#[derive(Debug)]
pub enum ExportError {
    /// The plan breaks rules of the scenario: the checker's report (violations, figures).
    Invalid(Box<Report>),
    /// A file could not be made or written.
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Invalid(r) => write!(
                f,
                "the plan is not valid for the scenario ({} violation{}); nothing was exported",
                r.violations.len(),
                if r.violations.len() == 1 { "" } else { "s" }
            ),
            ExportError::Write { path, message } => {
                write!(f, "cannot write {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Checks `plan` against `scn` and writes every export file into `dir` (created if
/// missing), which afterwards holds these files and nothing else; see [`Options`].
///
/// Refuses a plan with violations ([`ExportError::Invalid`]) without writing anything, and
/// a `dir` that is a file or a folder holding files no export writes
/// ([`ExportError::Write`]), leaving it as it was.
pub fn export(
    scn: &Scenario,
    plan: &Plan,
    dir: &Path,
    options: Options,
) -> Result<Written, ExportError> {
    let target = export_folder(dir)?;
    let travel = TravelGraph::build(scn);
    let report = check(scn, plan);
    if !report.is_valid() {
        return Err(ExportError::Invalid(Box::new(report)));
    }
    let issued = options.issued.unwrap_or_else(|| scn.issued());
    let week = Week::new(scn, &travel, plan, report.stats, options.lang, issued);
    let files = render(&week, options.previous)?;
    let mut written = Written::default();
    if !is_geo(scn) {
        written.notes.push(
            "no plan.geojson: the scenario's locations are planar x/y kilometres, and GeoJSON \
             needs longitude and latitude (give locations as {\"lat\", \"lon\"} to get one)"
                .to_owned(),
        );
    }
    swap_in(&target, &files)?;
    written.files = files.into_iter().map(|(rel, _)| dir.join(rel)).collect();
    Ok(written)
}

/// Top-level names an export writes into its folder; a folder holding anything else is
/// not replaced. The names of earlier layouts (files at the top, `calendars/`,
/// `notices/`) count, so an older export is replaced too.
const EXPORT_NAMES: &[&str] = &[
    BUSINESS_DIR,
    INTERNAL_DIR,
    "plan.xlsx",
    "visits.csv",
    "itineraries.csv",
    "report.html",
    "plan.geojson",
    "calendars",
    "notices",
];

/// The folder to replace for `--to dir`: `dir` itself, or where it points when it is a
/// symbolic link the user gave. Refuses a file, and a folder holding anything an export
/// does not write (nothing of a folder like that is deleted).
fn export_folder(dir: &Path) -> Result<PathBuf, ExportError> {
    let refuse = |message: String| ExportError::Write {
        path: dir.to_path_buf(),
        message,
    };
    let target = match std::fs::symlink_metadata(dir) {
        Err(_) => return Ok(dir.to_path_buf()),
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(dir).map_err(|e| refuse(e.to_string()))?
        }
        // `.` or `..` have no name to rename by: take the folder's own path.
        Ok(_) if dir.file_name().is_none() => {
            std::fs::canonicalize(dir).map_err(|e| refuse(e.to_string()))?
        }
        Ok(_) => dir.to_path_buf(),
    };
    let meta = std::fs::metadata(&target).map_err(|e| refuse(e.to_string()))?;
    if !meta.is_dir() {
        return Err(refuse(
            "it is a file, not a folder; give --to a new or an earlier export folder".to_owned(),
        ));
    }
    let mut strangers = Vec::new();
    for entry in std::fs::read_dir(&target).map_err(|e| refuse(e.to_string()))? {
        let entry = entry.map_err(|e| refuse(e.to_string()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !EXPORT_NAMES.contains(&name.as_str()) {
            strangers.push(name);
        }
    }
    if !strangers.is_empty() {
        strangers.sort();
        return Err(refuse(format!(
            "the folder holds files an export does not write ({}); the export replaces \
             the whole folder, so give a new folder or an earlier export folder",
            onedoor_core::error::escape_controls(&strangers.join(", "))
        )));
    }
    Ok(target)
}

/// Writes `files` into a new folder beside `target`, then swaps it in: the old folder (if
/// any) is renamed away, the new one renamed to `target`, and the old one deleted. Nothing
/// is written inside the old folder, so a symbolic link found there is never followed
/// (deleting the old folder removes the link, not what it points to). On failure the old
/// folder is put back and the new one removed.
fn swap_in(target: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), ExportError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| ExportError::Write {
            path,
            message: e.to_string(),
        }
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "export".to_owned(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(&parent).map_err(err(&parent))?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    for leftover in [&fresh, &old] {
        if std::fs::symlink_metadata(leftover).is_ok() {
            std::fs::remove_dir_all(leftover).map_err(err(leftover))?;
        }
    }
    let write = || -> Result<(), ExportError> {
        std::fs::create_dir(&fresh).map_err(err(&fresh))?;
        for (rel, bytes) in files {
            let path = fresh.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(err(p))?;
            }
            let mut f = std::fs::File::create_new(&path).map_err(err(&path))?;
            std::io::Write::write_all(&mut f, bytes).map_err(err(&path))?;
            f.sync_all().map_err(err(&path))?;
        }
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e);
    }
    let had_old = std::fs::symlink_metadata(target).is_ok();
    if had_old {
        if let Err(e) = std::fs::rename(target, &old) {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(err(target)(e));
        }
    }
    if let Err(e) = std::fs::rename(&fresh, target) {
        if had_old {
            let _ = std::fs::rename(&old, target);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(err(target)(e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(err(&old))?;
    }
    Ok(())
}

/// Every file's path (relative to the export folder) and bytes, in writing order:
/// first what goes to businesses, then what stays inside.
fn render(week: &Week, previous: Option<&Plan>) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let business = Path::new(BUSINESS_DIR);
    for (rel, text) in notice::business_files(week, previous) {
        files.push((business.join(rel), text.into_bytes()));
    }
    let internal = Path::new(INTERNAL_DIR);
    let xlsx = workbook::workbook(week).map_err(|e| ExportError::Write {
        path: internal.join("plan.xlsx"),
        message: e.to_string(),
    })?;
    files.push((internal.join("plan.xlsx"), xlsx));
    let csv_err = |name: &str| {
        let name = internal.join(name);
        move |e: ::csv::Error| ExportError::Write {
            path: name,
            message: e.to_string(),
        }
    };
    files.push((
        internal.join("visits.csv"),
        csv::visits_csv(week).map_err(csv_err("visits.csv"))?,
    ));
    files.push((
        internal.join("itineraries.csv"),
        csv::itineraries_csv(week).map_err(csv_err("itineraries.csv"))?,
    ));
    for (name, text) in calendar::calendars(week, previous) {
        files.push((internal.join("calendars").join(name), text.into_bytes()));
    }
    files.push((
        html_report::REPORT_FILE.into(),
        html_report::report(week, previous).into_bytes(),
    ));
    for (name, text) in route::route_sheets(week) {
        files.push((
            Path::new(html_report::ROUTES_DIR).join(name),
            text.into_bytes(),
        ));
    }
    for (name, text) in route::department_sheets(week) {
        files.push((
            Path::new(html_report::DEPARTMENTS_DIR).join(name),
            text.into_bytes(),
        ));
    }
    if let Some(text) = geojson::geojson(week) {
        files.push((internal.join("plan.geojson"), text.into_bytes()));
    }
    Ok(files)
}

/// Whether the scenario's locations are latitude/longitude.
fn is_geo(scn: &Scenario) -> bool {
    let first = scn
        .places
        .iter()
        .map(|p| p.location)
        .chain(scn.businesses.iter().map(|b| b.location))
        .next();
    matches!(first, Some(Location::Geo { .. }))
}

/// One crew member of a visit, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    /// The inspector.
    pub insp: InspIdx,
    /// The department acted for.
    pub dept: DeptIdx,
}

/// One visit of the plan, resolved for people.
#[derive(Clone, Debug)]
pub(crate) struct VisitRow<'a> {
    /// Number of the visit on its date, from 1, in (start, id) order.
    pub number: usize,
    /// The plan's visit.
    pub visit: &'a Visit,
    /// Its business.
    pub biz: BizIdx,
    /// Its tasks, in plan order.
    pub tasks: Vec<TaskIdx>,
    /// Departments of its tasks: the lead first (most task minutes, ties by id), then the
    /// others by id.
    pub depts: Vec<DeptIdx>,
    /// The crew, in plan order.
    pub crew: Vec<Member>,
}

impl VisitRow<'_> {
    /// Minutes from start to end.
    pub fn minutes(&self) -> u32 {
        self.visit.end.0.saturating_sub(self.visit.start.0)
    }
}

/// One stop of an inspector's day.
#[derive(Clone, Debug)]
pub(crate) struct Stop {
    /// Index into [`Week::visits`].
    pub visit: usize,
    /// The department the inspector acts for there.
    pub dept: DeptIdx,
    /// Travel minutes from the previous stop (the base for the first).
    pub travel: u32,
}

/// One inspector's day: the stops in time order, and the travel home.
#[derive(Clone, Debug)]
pub(crate) struct Day {
    /// The inspector.
    pub insp: InspIdx,
    /// The date.
    pub date: chrono::NaiveDate,
    /// The stops, by start time.
    pub stops: Vec<Stop>,
    /// Travel minutes from the last stop back to the base.
    pub home: u32,
}

/// Per department: what it planned and what the plan does with it.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeptTotal {
    /// Tasks planned.
    pub tasks: u64,
    /// Tasks in some visit.
    pub scheduled: u64,
    /// Tasks left out.
    pub unscheduled: u64,
    /// Inspection minutes of the scheduled tasks.
    pub task_minutes: u64,
    /// Visits with a task of the department.
    pub visits: u64,
    /// Crew entries acting for the department.
    pub officer_visits: u64,
}

/// A task left out, for people.
#[derive(Clone, Debug)]
pub(crate) struct LeftOut<'a> {
    /// The task, if the scenario knows it.
    pub task: Option<TaskIdx>,
    /// The plan's entry.
    pub entry: &'a crate::plan::Unscheduled,
}

/// The week as every export file sees it: resolved visits, inspector days, totals, the
/// checker's figures. Visits are ordered by (date, start, id).
pub(crate) struct Week<'a> {
    /// The scenario.
    pub scn: &'a Scenario,
    /// The plan.
    pub plan: &'a Plan,
    /// The checker's figures for the plan.
    pub stats: Stats,
    /// The travel graph (route sheets and maps follow its shortest paths).
    pub travel: &'a TravelGraph,
    /// The language.
    pub lang: Lang,
    /// The notices' issue date (also the calendars' DTSTAMP).
    pub issued: chrono::NaiveDate,
    /// Visits in (date, start, id) order.
    pub visits: Vec<VisitRow<'a>>,
    /// Inspector days with at least one visit, by (inspector index, date).
    pub days: Vec<Day>,
    /// Per department, by department index.
    pub depts: Vec<DeptTotal>,
    /// Tasks left out, by priority (highest first), then task id.
    pub left_out: Vec<LeftOut<'a>>,
}

impl<'a> Week<'a> {
    /// Resolves `plan` (valid for `scn`: every id is known).
    fn new(
        scn: &'a Scenario,
        travel: &'a TravelGraph,
        plan: &'a Plan,
        stats: Stats,
        lang: Lang,
        issued: chrono::NaiveDate,
    ) -> Week<'a> {
        let visits = visit_rows(scn, plan);
        let days = inspector_days(scn, travel, &visits);
        let depts = department_totals(scn, &visits);
        let left_out = left_out(scn, plan);
        Week {
            scn,
            plan,
            stats,
            travel,
            lang,
            issued,
            visits,
            days,
            depts,
            left_out,
        }
    }

    /// Text in the week's language.
    pub fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    /// A department's name.
    pub fn dept(&self, d: DeptIdx) -> &str {
        &self.scn.department(d).name
    }

    /// An inspector's name.
    pub fn insp(&self, i: InspIdx) -> &str {
        &self.scn.inspector(i).name
    }

    /// The crew of a visit but inspector `me`, each as "name (department acted for)".
    pub fn crew_mates(&self, row: &VisitRow, me: InspIdx) -> Vec<String> {
        let words = self.words();
        row.crew
            .iter()
            .filter(|m| m.insp != me)
            .map(|m| {
                format!(
                    "{}{}{}{}",
                    self.insp(m.insp),
                    words.open,
                    self.dept(m.dept),
                    words.close
                )
            })
            .collect()
    }

    /// "certified" or not, in the week's language.
    pub fn certificate(&self, i: InspIdx) -> &'static str {
        if self.scn.inspector(i).certified {
            self.lang.pick("持执法证", "certified")
        } else {
            self.lang.pick("无执法证", "not certified")
        }
    }

    /// A visit's crew for people: `name（department，certificate）`, joined.
    pub fn crew_text(&self, row: &VisitRow) -> String {
        row.crew
            .iter()
            .map(|m| match self.lang {
                Lang::Zh => format!(
                    "{}（{}，{}）",
                    self.insp(m.insp),
                    self.dept(m.dept),
                    self.certificate(m.insp)
                ),
                Lang::En => format!(
                    "{} ({}, {})",
                    self.insp(m.insp),
                    self.dept(m.dept),
                    self.certificate(m.insp)
                ),
            })
            .collect::<Vec<_>>()
            .join(self.sep())
    }

    /// The list separator of the language.
    pub fn sep(&self) -> &'static str {
        self.lang.pick("；", "; ")
    }

    /// A visit's checklist items: every task's items, in task order, without repeats.
    pub fn items(&self, row: &VisitRow) -> Vec<&'a str> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &t in &row.tasks {
            for item in &self.scn.task(t).items {
                if seen.insert(item.as_str()) {
                    out.push(item.as_str());
                }
            }
        }
        out
    }

    /// Visit minutes over the plan (sum of end − start).
    pub fn visit_minutes(&self) -> u64 {
        self.visits.iter().map(|v| u64::from(v.minutes())).sum()
    }

    /// Visits with two or more departments.
    pub fn joint_visits(&self) -> usize {
        self.visits.iter().filter(|v| v.depts.len() >= 2).count()
    }

    /// Left-out tasks counted by reason code, in [`Reason::ALL`] order (unknown codes last).
    pub fn reason_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for l in &self.left_out {
            let rank = Reason::ALL
                .iter()
                .position(|r| r.code() == l.entry.reason)
                .unwrap_or(Reason::ALL.len());
            *counts.entry((rank, l.entry.reason.clone())).or_default() += 1;
        }
        counts.into_iter().map(|((_, c), n)| (c, n)).collect()
    }

    /// The lower-bound gap as a ratio ((visits − bound) / bound; 0 when the bound is 0).
    pub fn gap(&self) -> f64 {
        let s = &self.stats;
        if s.lower_bound == 0 {
            0.0
        } else {
            (s.visits as f64 - s.lower_bound as f64) / s.lower_bound as f64
        }
    }

    /// Share of visits with two or more departments (0 without visits).
    pub fn joint_rate(&self) -> f64 {
        if self.visits.is_empty() {
            0.0
        } else {
            self.joint_visits() as f64 / self.visits.len() as f64
        }
    }
}

/// The plan's visits resolved, in (date, start, id) order, numbered per date.
fn visit_rows<'a>(scn: &Scenario, plan: &'a Plan) -> Vec<VisitRow<'a>> {
    let idx = &scn.index;
    let mut order: Vec<&Visit> = plan.visits.iter().collect();
    order.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    let mut visits = Vec::new();
    let mut number_on: HashMap<chrono::NaiveDate, usize> = HashMap::new();
    for v in order {
        let (Some(&biz), tasks, crew) = (
            idx.businesses.get(&v.business),
            v.tasks
                .iter()
                .filter_map(|t| idx.tasks.get(t).copied())
                .collect::<Vec<_>>(),
            v.crew
                .iter()
                .filter_map(|c| {
                    Some(Member {
                        insp: *idx.inspectors.get(&c.inspector)?,
                        dept: *idx.departments.get(&c.department)?,
                    })
                })
                .collect::<Vec<_>>(),
        ) else {
            continue;
        };
        let depts = lead_first(scn, &tasks);
        let n = number_on.entry(v.date).or_default();
        *n += 1;
        visits.push(VisitRow {
            number: *n,
            visit: v,
            biz,
            tasks,
            depts,
            crew,
        });
    }
    visits
}

/// The departments of `tasks`: the lead first (most task minutes, ties by id), then the
/// others by id.
fn lead_first(scn: &Scenario, tasks: &[TaskIdx]) -> Vec<DeptIdx> {
    let mut minutes: BTreeMap<DeptIdx, u64> = BTreeMap::new();
    for &t in tasks {
        *minutes.entry(scn.task(t).department).or_default() += u64::from(scn.task(t).minutes);
    }
    let mut depts: Vec<DeptIdx> = minutes.keys().copied().collect();
    depts.sort_by(|a, b| scn.department(*a).id.cmp(&scn.department(*b).id));
    if let Some(lead) = depts.iter().copied().max_by(|a, b| {
        minutes[a]
            .cmp(&minutes[b])
            .then_with(|| scn.department(*b).id.cmp(&scn.department(*a).id))
    }) {
        depts.retain(|d| *d != lead);
        depts.insert(0, lead);
    }
    depts
}

/// Every inspector's working days with at least one visit, by (inspector, date): the
/// stops in time order with the travel to each, and the travel home.
fn inspector_days(scn: &Scenario, travel: &TravelGraph, visits: &[VisitRow]) -> Vec<Day> {
    let mut by_day: BTreeMap<(InspIdx, chrono::NaiveDate), Vec<(usize, DeptIdx)>> = BTreeMap::new();
    for (i, row) in visits.iter().enumerate() {
        for m in &row.crew {
            by_day
                .entry((m.insp, row.visit.date))
                .or_default()
                .push((i, m.dept));
        }
    }
    by_day
        .into_iter()
        .map(|((insp, date), mut list)| {
            list.sort_by_key(|(i, _)| (visits[*i].visit.start, *i));
            let base = scn.inspector(insp).base;
            let mut at = base;
            let mut stops = Vec::new();
            for (i, dept) in list {
                let node = scn.node_of_business(visits[i].biz);
                stops.push(Stop {
                    visit: i,
                    dept,
                    travel: travel.minutes(at, node).unwrap_or(0),
                });
                at = node;
            }
            Day {
                insp,
                date,
                stops,
                home: travel.minutes(at, base).unwrap_or(0),
            }
        })
        .collect()
}

/// Per department (by index): its tasks, scheduled or not, and its visits and crew
/// entries.
fn department_totals(scn: &Scenario, visits: &[VisitRow]) -> Vec<DeptTotal> {
    let mut depts = vec![DeptTotal::default(); scn.departments.len()];
    let scheduled: BTreeSet<TaskIdx> = visits
        .iter()
        .flat_map(|v| v.tasks.iter().copied())
        .collect();
    for t in scn.task_indices() {
        let task = scn.task(t);
        let d = &mut depts[task.department.index()];
        d.tasks += 1;
        if scheduled.contains(&t) {
            d.scheduled += 1;
            d.task_minutes += u64::from(task.minutes);
        } else {
            d.unscheduled += 1;
        }
    }
    for v in visits {
        for d in &v.depts {
            depts[d.index()].visits += 1;
        }
        for m in &v.crew {
            depts[m.dept.index()].officer_visits += 1;
        }
    }
    depts
}

/// The tasks the plan leaves out, by priority (highest first), then task id.
fn left_out<'a>(scn: &Scenario, plan: &'a Plan) -> Vec<LeftOut<'a>> {
    let mut left_out: Vec<LeftOut> = plan
        .unscheduled
        .iter()
        .map(|u| LeftOut {
            task: scn.index.tasks.get(&u.task).copied(),
            entry: u,
        })
        .collect();
    left_out.sort_by(|a, b| {
        let p = |l: &LeftOut| l.task.map_or(0, |t| scn.task(t).priority);
        p(b).cmp(&p(a))
            .then_with(|| a.entry.task.cmp(&b.entry.task))
    });
    left_out
}

/// A file name made from an id: letters, digits, CJK and `-_.` kept, anything else `_`;
/// never empty, never starting with a dot, never a name Windows reserves (`CON`, `PRN`,
/// `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in any case and with any extension: those
/// get a leading `_`). `taken` (lower-cased) keeps names unique on case-insensitive file
/// systems: a repeat gets `-2`, `-3`, …
pub(crate) fn file_name(id: &str, ext: &str, taken: &mut BTreeSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if stem.is_empty() || stem.starts_with('.') || reserved_on_windows(&stem) {
        stem.insert(0, '_');
    }
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    name
}

/// Whether Windows reserves `stem` as a device name: its part before the first dot (and
/// before trailing spaces) is `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9` or `LPT1`–`LPT9`,
/// in any case (`nul.txt`, `Com3.tar.gz`).
fn reserved_on_windows(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).trim_end_matches(' ');
    let upper = base.to_ascii_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" => true,
        _ => {
            let digit =
                upper.len() == 4 && upper.as_bytes()[3].is_ascii_digit() && &upper[3..] != "0";
            digit && (upper.starts_with("COM") || upper.starts_with("LPT"))
        }
    }
}

/// Escapes text for HTML (element content and quoted attributes).
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(file_name("F01", "ics", &mut taken), "F01.ics");
        assert_eq!(file_name("f01", "ics", &mut taken), "f01-2.ics");
        assert_eq!(file_name("../x", "ics", &mut taken), "_.._x.ics");
        assert_eq!(file_name("", "ics", &mut taken), "_.ics");
        assert_eq!(file_name("张三", "ics", &mut taken), "张三.ics");
        assert_eq!(file_name("CON", "ics", &mut taken), "_CON.ics");
        assert_eq!(file_name("nul.x", "html", &mut taken), "_nul.x.html");
        assert_eq!(file_name("com7", "ics", &mut taken), "_com7.ics");
        assert_eq!(file_name("LPT0", "ics", &mut taken), "LPT0.ics");
        assert_eq!(file_name("CONSOLE", "ics", &mut taken), "CONSOLE.ics");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
