//! The plan file: visits with their tasks and crews, the tasks left out with a reason,
//! the reported figures, and free-form solver information.
//!
//! A plan keeps the string ids of the file: the checker must be able to read a plan that
//! names unknown tasks or inspectors and report that as a violation (rule C1), not fail to
//! read it. Structural problems (wrong types, malformed dates) make a plan unreadable.

use crate::error::{InputError, InputFile, ProblemKind};
use crate::json::Json;
use crate::read::{Obj, Reader};
use crate::scenario::time::{fmt_date, Clock};
use chrono::NaiveDate;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

mod figure;

pub use figure::{Figure, Value};

/// A whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Format version (1).
    pub version: u32,
    /// The scenario's name (informative).
    pub scenario: String,
    /// The visits.
    pub visits: Vec<Visit>,
    /// Tasks left out, each with a reason.
    pub unscheduled: Vec<Unscheduled>,
    /// The reported figures, as read (keys in file order) or as computed.
    pub stats: Vec<(String, Json)>,
    /// Free-form solver information (not checked).
    pub solver: Json,
}

impl Plan {
    /// A plan (format version 1) of the scenario named `scenario` with these visits and
    /// tasks left out; its figures and solver block still empty (`stats` is filled from
    /// [`crate::figures::plan_stats`]).
    pub fn new(scenario: &str, visits: Vec<Visit>, unscheduled: Vec<Unscheduled>) -> Plan {
        Plan {
            version: 1,
            scenario: scenario.to_owned(),
            visits,
            unscheduled,
            stats: Vec::new(),
            solver: Json::Null,
        }
    }
}

/// One entry into one business on one date, with its tasks and crew.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    /// Visit id, unique in the plan.
    pub id: String,
    /// The business entered.
    pub business: String,
    /// The date.
    pub date: NaiveDate,
    /// Start time.
    pub start: Clock,
    /// End time.
    pub end: Clock,
    /// Task ids checked in this visit.
    pub tasks: Vec<String>,
    /// Crew: inspectors with the department each acts for.
    pub crew: Vec<CrewEntry>,
}

/// One crew member of a visit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrewEntry {
    /// Inspector id.
    pub inspector: String,
    /// The department this inspector acts for in the visit.
    pub department: String,
}

/// Why a task was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The task has no valid date.
    NoValidDay,
    /// On every valid date, too few inspectors may act for its department.
    NoOfficer,
    /// No valid date has an able inspector whose base has a path to the business and back.
    Unreachable,
    /// It would fit alone, but not together with the rest of the plan.
    Capacity,
    /// The solver ran out of time before placing it.
    TimeLimit,
}

impl Reason {
    /// Every reason, in report order.
    pub const ALL: [Reason; 5] = [
        Reason::NoValidDay,
        Reason::NoOfficer,
        Reason::Unreachable,
        Reason::Capacity,
        Reason::TimeLimit,
    ];

    /// The code written in plan files.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoValidDay => "no_valid_day",
            Reason::NoOfficer => "no_officer",
            Reason::Unreachable => "unreachable",
            Reason::Capacity => "capacity",
            Reason::TimeLimit => "time_limit",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Reason {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Reason::ALL.into_iter().find(|r| r.code() == s).ok_or(())
    }
}

/// A task left out of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Unscheduled {
    /// Task id.
    pub task: String,
    /// The reason code as written (checked against [`Reason`] by rule C12).
    pub reason: String,
    /// Free text for people.
    pub detail: String,
}

/// The figures a plan reports (docs/format.md, "The plan file"), in file order; [`Figure`] lists
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Stats {
    /// Tasks in the scenario.
    pub tasks: u64,
    /// Tasks in some visit.
    pub scheduled: u64,
    /// Tasks left out.
    pub unscheduled: u64,
    /// Sum of the priorities of the tasks left out.
    pub unscheduled_priority: u64,
    /// Number of visits.
    pub visits: u64,
    /// Visits if each department went alone.
    pub baseline_visits: u64,
    /// baseline − visits (may be negative for a poor plan).
    pub visits_saved: i64,
    /// visits_saved / baseline (0 when the baseline is 0).
    pub reduction: f64,
    /// Fewest visits any plan scheduling the same tasks needs.
    pub lower_bound: u64,
    /// Crew entries over all visits.
    pub officer_visits: u64,
    /// Travel of every inspector's days.
    pub travel_minutes: u64,
}

impl Stats {
    /// Reads the figures back from JSON fields (as written by [`Stats::to_fields`]);
    /// `None` when a key is missing or not a number.
    pub fn from_fields(fields: &[(String, Json)]) -> Option<Stats> {
        let mut stats = Stats::default();
        for figure in Figure::ALL {
            let value = match fields.iter().find(|(k, _)| k == figure.key())?.1 {
                Json::Int(i) if figure == Figure::Reduction => Value::Ratio(i as f64),
                Json::Int(i) => Value::Count(i),
                Json::Float(f) if figure == Figure::Reduction => Value::Ratio(f),
                _ => return None,
            };
            figure.set(&mut stats, value)?;
        }
        Some(stats)
    }

    /// The figures as JSON fields, in [`Figure::ALL`] order; `reduction` rounded to 4
    /// places.
    pub fn to_fields(&self) -> Vec<(String, Json)> {
        Figure::ALL
            .into_iter()
            .map(|figure| {
                let value = match figure.value(self) {
                    Value::Count(n) => Json::Int(n),
                    Value::Ratio(r) => Json::Float((r * 10_000.0).round() / 10_000.0),
                };
                (figure.key().to_owned(), value)
            })
            .collect()
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(i) => s.serialize_i64(*i),
            Json::Float(f) => s.serialize_f64(*f),
            Json::Str(t) => s.serialize_str(t),
            Json::Array(a) => a.serialize(s),
            Json::Object(fields) => Fields(fields).serialize(s),
        }
    }
}

fn s(v: &str) -> Json {
    Json::Str(v.to_owned())
}

fn obj(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// One visit as a JSON tree, in the file's field order.
fn visit_json(v: &Visit) -> Json {
    obj(vec![
        ("id", s(&v.id)),
        ("business", s(&v.business)),
        ("date", Json::Str(fmt_date(v.date))),
        ("start", Json::Str(v.start.to_string())),
        ("end", Json::Str(v.end.to_string())),
        ("tasks", Json::Array(v.tasks.iter().map(|t| s(t)).collect())),
        (
            "crew",
            Json::Array(
                v.crew
                    .iter()
                    .map(|c| {
                        obj(vec![
                            ("inspector", s(&c.inspector)),
                            ("department", s(&c.department)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// One task left out as a JSON tree.
fn unscheduled_json(u: &Unscheduled) -> Json {
    obj(vec![
        ("task", s(&u.task)),
        ("reason", s(&u.reason)),
        ("detail", s(&u.detail)),
    ])
}

/// A list serialised one item at a time, each made into a small tree only while it is
/// written.
struct Each<'a, T>(&'a [T], fn(&T) -> Json);

impl<T> Serialize for Each<'_, T> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = ser.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&(self.1)(item))?;
        }
        seq.end()
    }
}

/// The whole plan, serialised without building its tree (see [`Plan::write_json`]).
struct Streamed<'a>(&'a Plan);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut m = ser.serialize_map(Some(6))?;
        m.serialize_entry("version", &Json::Int(p.version as i64))?;
        m.serialize_entry("scenario", &p.scenario)?;
        m.serialize_entry("visits", &Each(&p.visits, visit_json))?;
        m.serialize_entry("unscheduled", &Each(&p.unscheduled, unscheduled_json))?;
        m.serialize_entry("stats", &Fields(&p.stats))?;
        m.serialize_entry("solver", &p.solver)?;
        m.end()
    }
}

/// An object's fields, serialised in place.
struct Fields<'a>(&'a [(String, Json)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Plan {
    /// The plan as a JSON tree, in the file's field order.
    pub fn to_json(&self) -> Json {
        obj(vec![
            ("version", Json::Int(self.version as i64)),
            ("scenario", s(&self.scenario)),
            (
                "visits",
                Json::Array(self.visits.iter().map(visit_json).collect()),
            ),
            (
                "unscheduled",
                Json::Array(self.unscheduled.iter().map(unscheduled_json).collect()),
            ),
            ("stats", Json::Object(self.stats.clone())),
            ("solver", self.solver.clone()),
        ])
    }

    /// Writes the plan as pretty JSON text ending in a newline, one visit at a time: the
    /// bytes of [`Plan::to_json_string`] without the plan's whole tree or text in memory
    /// (a national week's plan is hundreds of MB of text). Give it a buffered writer.
    pub fn write_json<W: std::io::Write>(&self, w: W) -> std::io::Result<()> {
        let mut ser = serde_json::Serializer::pretty(w);
        Streamed(self)
            .serialize(&mut ser)
            .map_err(std::io::Error::other)?;
        ser.into_inner().write_all(b"\n")
    }

    /// The plan as pretty JSON text, ending in a newline.
    pub fn to_json_string(&self) -> String {
        let mut bytes = Vec::new();
        // Writing into a Vec cannot fail, and serde_json writes UTF-8.
        let _ = self.write_json(&mut bytes);
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Reads a plan from JSON text. `file` names the source in the error.
    pub fn parse(text: &str, file: &str) -> Result<Plan, InputError> {
        let json = Json::parse(text).map_err(|e| {
            InputError::single(file, ProblemKind::Syntax, format!("not valid JSON: {e}"))
        })?;
        let mut r = Reader::default();
        let plan = read_plan(&mut r, &json);
        match plan {
            Some(p) if r.problems.is_empty() => Ok(p),
            _ => Err(InputError {
                file: file.to_owned(),
                problems: r.problems,
            }),
        }
    }

    /// Reads a plan file.
    pub fn load(path: &std::path::Path) -> Result<Plan, InputError> {
        let input = InputFile::read(path)?;
        Plan::parse(&input.text, &input.name)
    }
}

fn read_plan(r: &mut Reader, json: &Json) -> Option<Plan> {
    let root = r.object(
        "",
        json,
        &[
            "version",
            "scenario",
            "visits",
            "unscheduled",
            "stats",
            "solver",
        ],
    )?;
    let version = r.optional(&root, "version", 1, |r, p, v| r.count(p, v));
    if let Some(v) = version.filter(|v| *v != 1) {
        r.problem(
            "version",
            ProblemKind::Version,
            format!("plan format version {v} is not supported: this program reads version 1"),
        );
    }
    let scenario = r.optional(&root, "scenario", String::new(), |r, p, v| r.string(p, v));
    let visits = r.require(&root, "visits", |r, p, v| r.list(p, v, read_visit));
    let unscheduled = r.optional(&root, "unscheduled", Vec::new(), |r, p, v| {
        r.list(p, v, |r, p, v| {
            let o = r.object(p, v, &["task", "reason", "detail"])?;
            let task = r.require(&o, "task", |r, p, v| r.string(p, v));
            let reason = r.require(&o, "reason", |r, p, v| r.string(p, v));
            let detail = r.optional(&o, "detail", String::new(), |r, p, v| r.string(p, v));
            Some(Unscheduled {
                task: task?,
                reason: reason?,
                detail: detail?,
            })
        })
    });
    let stats = r.require(&root, "stats", |r, p, v| match v {
        Json::Object(f) => Some(f.clone()),
        other => {
            r.problem(
                p,
                ProblemKind::Type,
                format!("expected an object, found {}", other.kind()),
            );
            None
        }
    });
    let solver = root.get("solver").cloned().unwrap_or(Json::Null);
    Some(Plan {
        version: version?,
        scenario: scenario?,
        visits: visits?,
        unscheduled: unscheduled?,
        stats: stats?,
        solver,
    })
}

fn read_visit(r: &mut Reader, p: &str, v: &Json) -> Option<Visit> {
    let o: Obj = r.object(
        p,
        v,
        &["id", "business", "date", "start", "end", "tasks", "crew"],
    )?;
    let id = r.require(&o, "id", |r, p, v| r.string(p, v));
    let business = r.require(&o, "business", |r, p, v| r.string(p, v));
    let date = r.require(&o, "date", |r, p, v| r.date(p, v));
    let start = r.require(&o, "start", |r, p, v| r.clock(p, v));
    let end = r.require(&o, "end", |r, p, v| r.clock(p, v));
    let tasks = r.require(&o, "tasks", |r, p, v| {
        r.list(p, v, |r, p, v| r.string(p, v))
    });
    let crew = r.require(&o, "crew", |r, p, v| {
        r.list(p, v, |r, p, v| {
            let c = r.object(p, v, &["inspector", "department"])?;
            let inspector = r.require(&c, "inspector", |r, p, v| r.string(p, v));
            let department = r.require(&c, "department", |r, p, v| r.string(p, v));
            Some(CrewEntry {
                inspector: inspector?,
                department: department?,
            })
        })
    });
    Some(Visit {
        id: id?,
        business: business?,
        date: date?,
        start: start?,
        end: end?,
        tasks: tasks?,
        crew: crew?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let plan = Plan {
            version: 1,
            scenario: "t".into(),
            visits: vec![Visit {
                id: "V0001".into(),
                business: "B1".into(),
                date: NaiveDate::from_ymd_opt(2022, 9, 13).unwrap(),
                start: Clock(570),
                end: Clock(645),
                tasks: vec!["T1".into()],
                crew: vec![CrewEntry {
                    inspector: "F01".into(),
                    department: "fire".into(),
                }],
            }],
            unscheduled: vec![Unscheduled {
                task: "T2".into(),
                reason: "capacity".into(),
                detail: "x".into(),
            }],
            stats: Stats::default().to_fields(),
            solver: Json::Null,
        };
        let text = plan.to_json_string();
        assert_eq!(Plan::parse(&text, "p").unwrap(), plan);
        // Streamed, the bytes are those of the whole tree made first.
        let tree = serde_json::to_string_pretty(&plan.to_json()).unwrap() + "\n";
        assert_eq!(text, tree);
        let empty = Plan {
            visits: Vec::new(),
            unscheduled: Vec::new(),
            stats: Vec::new(),
            ..plan
        };
        let tree = serde_json::to_string_pretty(&empty.to_json()).unwrap() + "\n";
        assert_eq!(empty.to_json_string(), tree);
        assert!(tree.contains("\"visits\": [],"), "{tree}");
    }
}
