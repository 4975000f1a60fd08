//! Reads a scenario file into the domain model, reporting every problem at once.
//!
//! Reading happens in two passes over the JSON tree. The first collects the ids of every
//! list (so a reference to an entity whose other fields are broken is not reported as
//! dangling); the second reads each entity, resolving references. Problems are collected
//! in file order; the model is returned only when there are none.

use super::model::*;
use super::time::{parse_weekday, Hours, WeekdaySet};
use crate::error::{InputError, ProblemKind};
use crate::ids::{BizIdx, DeptIdx, NodeIdx};
use crate::json::Json;
use crate::read::{item_place, Obj, Reader};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

const ROOT_KEYS: &[&str] = &[
    "version",
    "name",
    "horizon",
    "rules",
    "travel",
    "places",
    "departments",
    "inspectors",
    "businesses",
    "tasks",
    "notice",
    "items",
];

/// Reads a scenario from JSON text. `file` names the source in the error.
pub fn parse_scenario(text: &str, file: &str) -> Result<Scenario, InputError> {
    let json = Json::parse(text).map_err(|e| {
        InputError::single(file, ProblemKind::Syntax, format!("not valid JSON: {e}"))
    })?;
    let mut loader = Loader::default();
    match loader.scenario(&json) {
        Some(s) if loader.r.problems.is_empty() => Ok(s),
        _ => Err(InputError {
            file: file.to_owned(),
            problems: loader.r.problems,
        }),
    }
}

/// Reads a scenario file.
pub fn load_scenario(path: &std::path::Path) -> Result<Scenario, InputError> {
    let input = crate::error::InputFile::read(path)?;
    parse_scenario(&input.text, &input.name)
}

/// Ids of every list, by position, collected before entities are read.
#[derive(Default)]
struct Ids {
    departments: HashMap<String, DeptIdx>,
    businesses: HashMap<String, BizIdx>,
    nodes: HashMap<String, NodeIdx>,
}

#[derive(Default)]
struct Loader {
    r: Reader,
    ids: Ids,
    /// The first location form seen (true = planar) and where.
    location_form: Option<(bool, String)>,
}

/// The list `key` of the root, or an empty list.
fn root_list<'a>(r: &mut Reader, root: &Obj<'a>, key: &str) -> &'a [Json] {
    match root.get(key) {
        None => &[],
        Some(v) => r.array(key, v).unwrap_or(&[]),
    }
}

impl Loader {
    fn scenario(&mut self, json: &Json) -> Option<Scenario> {
        let root = self.r.object("", json, ROOT_KEYS)?;
        let version = self
            .r
            .optional(&root, "version", 1, |r, p, v| r.count(p, v));
        if let Some(v) = version.filter(|v| *v != 1) {
            self.r.problem(
                "version",
                ProblemKind::Version,
                format!("format version {v} is not supported: this program reads version 1"),
            );
        }
        let name = self
            .r
            .optional(&root, "name", String::new(), |r, p, v| r.string(p, v));
        let places_json = root_list(&mut self.r, &root, "places");
        let departments_json = root_list(&mut self.r, &root, "departments");
        let inspectors_json = root_list(&mut self.r, &root, "inspectors");
        let businesses_json = root_list(&mut self.r, &root, "businesses");
        let tasks_json = root_list(&mut self.r, &root, "tasks");
        let items_json = root_list(&mut self.r, &root, "items");

        // Pass 1: ids.
        let mut node_ids = IdSpace::default();
        for (i, v) in places_json.iter().enumerate() {
            node_ids.add(&mut self.r, "places", i, v, "place or business");
        }
        for (i, v) in businesses_json.iter().enumerate() {
            node_ids.add(&mut self.r, "businesses", i, v, "place or business");
        }
        let mut dept_ids = IdSpace::default();
        for (i, v) in departments_json.iter().enumerate() {
            dept_ids.add(&mut self.r, "departments", i, v, "department");
        }
        let mut insp_ids = IdSpace::default();
        for (i, v) in inspectors_json.iter().enumerate() {
            insp_ids.add(&mut self.r, "inspectors", i, v, "inspector");
        }
        let mut task_ids = IdSpace::default();
        for (i, v) in tasks_json.iter().enumerate() {
            task_ids.add(&mut self.r, "tasks", i, v, "task");
        }
        let mut item_ids = IdSpace::default();
        for (i, v) in items_json.iter().enumerate() {
            item_ids.add(&mut self.r, "items", i, v, "checklist item");
        }
        let n_places = places_json.len();
        for (id, pos) in &node_ids.first {
            let node = NodeIdx::new(*pos);
            self.ids.nodes.insert(id.clone(), node);
            if *pos >= n_places {
                self.ids
                    .businesses
                    .insert(id.clone(), BizIdx::new(pos - n_places));
            }
        }
        for (id, pos) in &dept_ids.first {
            self.ids.departments.insert(id.clone(), DeptIdx::new(*pos));
        }

        // Pass 2: entities.
        let horizon = match root.get("horizon") {
            Some(v) => self.horizon(v),
            None => {
                self.r.problem(
                    "horizon",
                    ProblemKind::Missing,
                    "required field \"horizon\" is missing (start and end dates of the week)",
                );
                None
            }
        };
        let rules = self.rules(root.get("rules"));
        let travel = self.travel(root.get("travel"));
        let places = collect(
            places_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.place(&item_place("places", i), v)),
        );
        let departments = collect(
            departments_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.department(&item_place("departments", i), v)),
        );
        let default_hours = horizon.as_ref().map(|h| h.hours);
        let businesses = collect(
            businesses_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.business(&item_place("businesses", i), v, default_hours)),
        );
        let inspectors = collect(
            inspectors_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.inspector(&item_place("inspectors", i), v)),
        );
        let tasks = collect(
            tasks_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.task(&item_place("tasks", i), v, horizon.as_ref())),
        );
        let notice = self.notice(root.get("notice"));
        let items = collect(
            items_json
                .iter()
                .enumerate()
                .map(|(i, v)| self.item(&item_place("items", i), v)),
        );

        let horizon = horizon?;
        let index = IdIndex {
            departments: self.ids.departments.clone(),
            inspectors: insp_ids
                .first
                .iter()
                .map(|(k, v)| (k.clone(), crate::ids::InspIdx::new(*v)))
                .collect(),
            businesses: self.ids.businesses.clone(),
            tasks: task_ids
                .first
                .iter()
                .map(|(k, v)| (k.clone(), crate::ids::TaskIdx::new(*v)))
                .collect(),
            nodes: self.ids.nodes.clone(),
            items: item_ids.first,
        };
        Some(Scenario {
            version: version?,
            name: name?,
            horizon,
            rules: rules?,
            travel: travel?,
            places: places?,
            departments: departments?,
            inspectors: inspectors?,
            businesses: businesses?,
            tasks: tasks?,
            notice: notice?,
            items: items?,
            index,
        })
    }

    fn notice(&mut self, v: Option<&Json>) -> Option<Notice> {
        let empty = Json::Object(Vec::new());
        let o = self.r.object(
            "notice",
            v.unwrap_or(&empty),
            &[
                "issuer",
                "contact",
                "phone",
                "legal_basis",
                "number_prefix",
                "issued",
            ],
        )?;
        let issuer = optional_text(&mut self.r, &o, "issuer");
        let contact = optional_text(&mut self.r, &o, "contact");
        let phone = optional_text(&mut self.r, &o, "phone");
        let legal_basis = optional_text(&mut self.r, &o, "legal_basis");
        let number_prefix = optional_text(&mut self.r, &o, "number_prefix");
        let issued = self
            .r
            .optional(&o, "issued", None, |r, p, v| r.date(p, v).map(Some));
        Some(Notice {
            issuer: issuer?,
            contact: contact?,
            phone: phone?,
            legal_basis: legal_basis?,
            number_prefix: number_prefix?,
            issued: issued?,
        })
    }

    fn item(&mut self, p: &str, v: &Json) -> Option<Item> {
        let o = self.r.object(p, v, &["id", "name", "prepare"])?;
        let id = self.r.require(&o, "id", |r, p, v| r.id(p, v));
        let name = optional_text(&mut self.r, &o, "name");
        let prepare = optional_text(&mut self.r, &o, "prepare");
        let id = id?;
        Some(Item {
            name: name?.unwrap_or_else(|| id.clone()),
            id,
            prepare: prepare?,
        })
    }

    fn horizon(&mut self, v: &Json) -> Option<Horizon> {
        let o = self.r.object(
            "horizon",
            v,
            &["start", "end", "workdays", "holidays", "hours"],
        )?;
        let start = self.r.require(&o, "start", |r, p, v| r.date(p, v));
        let end = self.r.require(&o, "end", |r, p, v| r.date(p, v));
        if let (Some(s), Some(e)) = (start, end) {
            let days = (e - s).num_days() + 1;
            if e < s {
                self.r.problem(
                    "horizon.end",
                    ProblemKind::Invalid,
                    format!("the horizon ends ({e}) before it starts ({s})"),
                );
            } else if days > MAX_HORIZON_DAYS {
                self.r.problem(
                    "horizon.end",
                    ProblemKind::Invalid,
                    format!(
                        "the horizon spans {days} days, from {s} to {e}: at most \
                         {MAX_HORIZON_DAYS} days (some 27 years) are allowed"
                    ),
                );
            }
        }
        let workdays = self
            .r
            .optional(&o, "workdays", WeekdaySet::WORKWEEK, weekdays);
        let holidays = self.r.optional(&o, "holidays", BTreeSet::new(), dates);
        let hours = self.r.optional(&o, "hours", DEFAULT_HOURS, hours);
        let (start, end) = (start?, end?);
        (end >= start && (end - start).num_days() < MAX_HORIZON_DAYS).then_some(())?;
        Some(Horizon {
            start,
            end,
            workdays: workdays?,
            holidays: holidays?,
            hours: hours?,
        })
    }

    fn rules(&mut self, v: Option<&Json>) -> Option<Rules> {
        let empty = Json::Object(Vec::new());
        let o = self.r.object("rules", v.unwrap_or(&empty), Rules::KEYS)?;
        let min_cert = self
            .r
            .optional(&o, "min_certified_per_visit", 2, |r, p, v| r.count(p, v));
        let overhead = self
            .r
            .optional(&o, "visit_overhead_minutes", 15, |r, p, v| r.minutes(p, v));
        let max_minutes = self.r.optional(&o, "max_visit_minutes", None, |r, p, v| {
            r.minutes(p, v).map(Some)
        });
        let max_depts = self
            .r
            .optional(&o, "max_departments_per_visit", None, |r, p, v| {
                r.count(p, v).map(Some)
            });
        let incompatible = self.r.optional(&o, "incompatible", Vec::new(), |r, p, v| {
            let ids = &self.ids;
            r.list(p, v, |r, p, pair| {
                let items = r.array(p, pair)?;
                if items.len() != 2 {
                    r.problem(
                        p,
                        ProblemKind::Invalid,
                        format!("a pair of two department ids, found {} items", items.len()),
                    );
                    return None;
                }
                let a = dept_ref(r, ids, &item_place(p, 0), &items[0]);
                let b = dept_ref(r, ids, &item_place(p, 1), &items[1]);
                let (a, b) = (a?, b?);
                if a == b {
                    // A department always shares visits with itself: such a pair is
                    // meaningless and would make every task of it unschedulable.
                    r.problem(
                        p,
                        ProblemKind::Invalid,
                        "a department cannot be incompatible with itself: name two different departments",
                    );
                    return None;
                }
                Some(if a <= b { (a, b) } else { (b, a) })
            })
        });
        Some(Rules {
            min_certified_per_visit: min_cert?,
            visit_overhead_minutes: overhead?,
            max_visit_minutes: max_minutes?,
            max_departments_per_visit: max_depts?,
            incompatible: incompatible?,
        })
    }

    fn travel(&mut self, v: Option<&Json>) -> Option<TravelRules> {
        let empty = Json::Object(Vec::new());
        let o = self.r.object(
            "travel",
            v.unwrap_or(&empty),
            &["speed_kmh", "detour", "links"],
        )?;
        let speed = self.r.optional(&o, "speed_kmh", 30.0, |r, p, v| {
            let s = r.number(p, v)?;
            if s <= 0.0 {
                r.problem(
                    p,
                    ProblemKind::Invalid,
                    format!("speed must be positive, found {s}"),
                );
                return None;
            }
            Some(s)
        });
        let detour = self.r.optional(&o, "detour", 1.3, |r, p, v| {
            let d = r.number(p, v)?;
            if d < 0.0 {
                r.problem(
                    p,
                    ProblemKind::Invalid,
                    format!("detour must not be negative, found {d}"),
                );
                return None;
            }
            Some(d)
        });
        let links = self.r.optional(&o, "links", Vec::new(), |r, p, v| {
            let ids = &self.ids;
            r.list(p, v, |r, p, v| {
                let o = r.object(p, v, &["from", "to", "minutes"])?;
                let from = r.require(&o, "from", |r, p, v| node_ref(r, ids, p, v));
                let to = r.require(&o, "to", |r, p, v| node_ref(r, ids, p, v));
                let minutes = r.require(&o, "minutes", |r, p, v| r.count(p, v));
                Some(Link {
                    from: from?,
                    to: to?,
                    minutes: minutes?,
                })
            })
        });
        Some(TravelRules {
            speed_kmh: speed?,
            detour: detour?,
            links: links?,
        })
    }

    fn location(&mut self, o: &Obj) -> Option<Location> {
        let v = self.r.required(o, "location")?;
        let place = o.at("location");
        let keys: Vec<&str> = match v {
            Json::Object(f) => f.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        };
        let planar = !keys.iter().any(|k| *k == "lat" || *k == "lon");
        let allowed: &[&str] = if planar { &["x", "y"] } else { &["lat", "lon"] };
        let lo = self.r.object(&place, v, allowed)?;
        let loc = if planar {
            let x = self.r.require(&lo, "x", |r, p, v| r.number(p, v));
            let y = self.r.require(&lo, "y", |r, p, v| r.number(p, v));
            Location::Planar { x: x?, y: y? }
        } else {
            let lat = self.r.require(&lo, "lat", |r, p, v| {
                r.number(p, v).filter(|l| {
                    let ok = (-90.0..=90.0).contains(l);
                    if !ok {
                        r.problem(
                            p,
                            ProblemKind::Invalid,
                            format!("latitude {l} is outside -90..90"),
                        );
                    }
                    ok
                })
            });
            let lon = self.r.require(&lo, "lon", |r, p, v| {
                r.number(p, v).filter(|l| {
                    let ok = (-180.0..=180.0).contains(l);
                    if !ok {
                        r.problem(
                            p,
                            ProblemKind::Invalid,
                            format!("longitude {l} is outside -180..180"),
                        );
                    }
                    ok
                })
            });
            Location::Geo {
                lat: lat?,
                lon: lon?,
            }
        };
        match &self.location_form {
            None => self.location_form = Some((planar, place)),
            Some((first, at)) if *first != planar => {
                let (this, that) = if planar {
                    ("x/y", "lat/lon")
                } else {
                    ("lat/lon", "x/y")
                };
                self.r.problem(
                    place,
                    ProblemKind::MixedLocations,
                    format!(
                        "{this} location, but {at} uses {that}: use one form in the whole file"
                    ),
                );
                return None;
            }
            _ => {}
        }
        Some(loc)
    }

    fn place(&mut self, p: &str, v: &Json) -> Option<Place> {
        let o = self.r.object(p, v, &["id", "name", "zone", "location"])?;
        let id = self.r.require(&o, "id", |r, p, v| r.id(p, v));
        let name = self
            .r
            .optional(&o, "name", None, |r, p, v| r.string(p, v).map(Some));
        let zone = self
            .r
            .optional(&o, "zone", "main".to_owned(), |r, p, v| r.string(p, v));
        let location = self.location(&o);
        let id = id?;
        Some(Place {
            name: name?.unwrap_or_else(|| id.clone()),
            id,
            zone: zone?,
            location: location?,
        })
    }

    fn department(&mut self, p: &str, v: &Json) -> Option<Department> {
        let o = self.r.object(p, v, &["id", "name"])?;
        let id = self.r.require(&o, "id", |r, p, v| r.id(p, v));
        let name = self
            .r
            .optional(&o, "name", None, |r, p, v| r.string(p, v).map(Some));
        let id = id?;
        Some(Department {
            name: name?.unwrap_or_else(|| id.clone()),
            id,
        })
    }

    fn business(&mut self, p: &str, v: &Json, default_hours: Option<Hours>) -> Option<Business> {
        let o = self.r.object(
            p,
            v,
            &[
                "id",
                "name",
                "town",
                "zone",
                "location",
                "open",
                "closed",
                "max_visits",
                "tags",
                "address",
                "contact",
                "phone",
            ],
        )?;
        let id = self.r.require(&o, "id", |r, p, v| r.id(p, v));
        let name = self
            .r
            .optional(&o, "name", None, |r, p, v| r.string(p, v).map(Some));
        let town = self
            .r
            .optional(&o, "town", String::new(), |r, p, v| r.string(p, v));
        let zone = self
            .r
            .optional(&o, "zone", "main".to_owned(), |r, p, v| r.string(p, v));
        let location = self.location(&o);
        let fallback = default_hours.unwrap_or(DEFAULT_HOURS);
        // `open.days` defaults to "every workday". We store every weekday instead: a valid
        // date must be a horizon workday anyway (see `Scenario::business_open_on`), so the
        // valid dates are the same, and the model does not depend on the horizon here.
        let open = self
            .r
            .optional(&o, "open", (WeekdaySet::ALL, fallback), |r, p, v| {
                let oo = r.object(p, v, &["days", "hours"])?;
                let days = r.optional(&oo, "days", WeekdaySet::ALL, weekdays);
                let h = r.optional(&oo, "hours", fallback, hours);
                Some((days?, h?))
            });
        let closed = self.r.optional(&o, "closed", BTreeSet::new(), dates);
        let max_visits = self
            .r
            .optional(&o, "max_visits", None, |r, p, v| r.count(p, v).map(Some));
        let tags = self.r.optional(&o, "tags", Vec::new(), |r, p, v| {
            r.list(p, v, |r, p, v| r.string(p, v))
        });
        let address = optional_text(&mut self.r, &o, "address");
        let contact = optional_text(&mut self.r, &o, "contact");
        let phone = optional_text(&mut self.r, &o, "phone");
        let id = id?;
        let (open_days, open_hours) = open?;
        Some(Business {
            name: name?.unwrap_or_else(|| id.clone()),
            id,
            town: town?,
            zone: zone?,
            location: location?,
            open_days,
            open_hours,
            closed: closed?,
            max_visits: max_visits?,
            tags: tags?,
            address: address?,
            contact: contact?,
            phone: phone?,
        })
    }

    fn inspector(&mut self, p: &str, v: &Json) -> Option<Inspector> {
        let o = self.r.object(
            p,
            v,
            &[
                "id",
                "name",
                "department",
                "certified",
                "base",
                "acts_for",
                "unavailable",
                "max_visits_per_day",
                "recuse",
                "certificate",
            ],
        )?;
        let ids = &self.ids;
        let r = &mut self.r;
        let id = r.require(&o, "id", |r, p, v| r.id(p, v));
        let name = r.optional(&o, "name", None, |r, p, v| r.string(p, v).map(Some));
        let department = r.require(&o, "department", |r, p, v| dept_ref(r, ids, p, v));
        let certified = r.optional(&o, "certified", true, |r, p, v| r.boolean(p, v));
        let base = r.require(&o, "base", |r, p, v| node_ref(r, ids, p, v));
        let acts_for = r.optional(&o, "acts_for", Vec::new(), |r, p, v| {
            r.list(p, v, |r, p, v| dept_ref(r, ids, p, v))
        });
        let unavailable = r.optional(&o, "unavailable", BTreeSet::new(), dates);
        let max_per_day = r.optional(&o, "max_visits_per_day", None, |r, p, v| {
            r.count(p, v).map(Some)
        });
        let recuse = r.optional(&o, "recuse", BTreeSet::new(), |r, p, v| {
            r.list(p, v, |r, p, v| biz_ref(r, ids, p, v))
                .map(|l| l.into_iter().collect())
        });
        let certificate = optional_text(r, &o, "certificate");
        let id = id?;
        Some(Inspector {
            name: name?.unwrap_or_else(|| id.clone()),
            id,
            department: department?,
            certified: certified?,
            base: base?,
            acts_for: acts_for?,
            unavailable: unavailable?,
            max_visits_per_day: max_per_day?,
            recuse: recuse?,
            certificate: certificate?,
        })
    }

    fn task(&mut self, p: &str, v: &Json, horizon: Option<&Horizon>) -> Option<Task> {
        let o = self.r.object(
            p,
            v,
            &[
                "id",
                "department",
                "business",
                "minutes",
                "earliest",
                "latest",
                "priority",
                "joinable",
                "officers",
                "items",
                "pinned",
                "announced",
            ],
        )?;
        let ids = &self.ids;
        let r = &mut self.r;
        let id = r.require(&o, "id", |r, p, v| r.id(p, v));
        let department = r.require(&o, "department", |r, p, v| dept_ref(r, ids, p, v));
        let business = r.require(&o, "business", |r, p, v| biz_ref(r, ids, p, v));
        let minutes = r.require(&o, "minutes", |r, p, v| r.minutes(p, v));
        let earliest = r.optional(&o, "earliest", None, |r, p, v| r.date(p, v).map(Some));
        let latest = r.optional(&o, "latest", None, |r, p, v| r.date(p, v).map(Some));
        let priority = r.optional(&o, "priority", 1, |r, p, v| {
            r.integer(p, v, 1, 1000).map(|i| i as u32)
        });
        let joinable = r.optional(&o, "joinable", true, |r, p, v| r.boolean(p, v));
        let announced = r.optional(&o, "announced", None, |r, p, v| r.boolean(p, v).map(Some));
        let officers = r.optional(&o, "officers", 1, |r, p, v| r.count(p, v));
        let items = r.optional(&o, "items", Vec::new(), |r, p, v| {
            r.list(p, v, |r, p, v| r.string(p, v))
        });
        let pinned = r.optional(&o, "pinned", None, |r, p, v| {
            let po = r.object(p, v, &["date", "start"])?;
            let date = r.require(&po, "date", |r, p, v| r.date(p, v));
            let start = r.optional(&po, "start", None, |r, p, v| r.clock(p, v).map(Some));
            if let (Some(d), Some(h)) = (date, horizon) {
                if d < h.start || d > h.end {
                    r.problem(
                        po.at("date"),
                        ProblemKind::Invalid,
                        format!(
                            "pinned date {d} is outside the horizon {} to {}",
                            h.start, h.end
                        ),
                    );
                    return None;
                }
            }
            Some(Some(Pinned {
                date: date?,
                start: start?,
            }))
        });
        let (earliest, latest) = (earliest?, latest?);
        let joinable = joinable?;
        if let (Some(e), Some(l)) = (earliest, latest) {
            if l < e {
                r.problem(
                    o.at("latest"),
                    ProblemKind::Invalid,
                    format!("latest ({l}) is before earliest ({e})"),
                );
                return None;
            }
        }
        let far_past = NaiveDate::MIN;
        let far_future = NaiveDate::MAX;
        let (h_start, h_end) = horizon.map_or((far_past, far_future), |h| (h.start, h.end));
        Some(Task {
            id: id?,
            department: department?,
            business: business?,
            minutes: minutes?,
            earliest: earliest.unwrap_or(h_start),
            latest: latest.unwrap_or(h_end),
            priority: priority?,
            joinable,
            officers: officers?,
            items: items?,
            pinned: pinned?,
            announced: announced?.unwrap_or(joinable),
        })
    }
}

/// The longest horizon, in days (some 27 years): far beyond any planning period, and a
/// bound on the time and memory that per-date tables take.
pub const MAX_HORIZON_DAYS: i64 = 10_000;

/// The default working day, 08:30–17:30.
const DEFAULT_HOURS: Hours = Hours {
    start: super::time::Clock(8 * 60 + 30),
    end: super::time::Clock(17 * 60 + 30),
};

/// An optional free-text field (`Some(None)` when absent, `None` on a problem).
fn optional_text(r: &mut Reader, o: &Obj, key: &str) -> Option<Option<String>> {
    r.optional(o, key, None, |r, p, v| r.string(p, v).map(Some))
}

/// `Some(all)` when every element is `Some`, without stopping early (so every problem
/// of every element is reported).
fn collect<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        match item {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// One id space: the first position of each id, with duplicates reported.
#[derive(Default)]
struct IdSpace {
    first: HashMap<String, usize>,
    places: HashMap<String, String>,
    count: usize,
}

impl IdSpace {
    fn add(&mut self, r: &mut Reader, list: &str, i: usize, v: &Json, what: &str) {
        let pos = self.count;
        self.count += 1;
        let place = format!("{}.id", item_place(list, i));
        if let Some(Json::Str(id)) = v.get("id") {
            if id.is_empty() {
                return;
            }
            if let Some(prev) = self.places.get(id) {
                r.problem(
                    place,
                    ProblemKind::DuplicateId,
                    format!("{what} id \"{id}\" is already used at {prev}"),
                );
            } else {
                self.first.insert(id.clone(), pos);
                self.places.insert(id.clone(), place);
            }
        }
    }
}

fn dept_ref(r: &mut Reader, ids: &Ids, p: &str, v: &Json) -> Option<DeptIdx> {
    let s = r.string(p, v)?;
    let d = ids.departments.get(&s).copied();
    if d.is_none() {
        r.problem(
            p,
            ProblemKind::Dangling,
            format!("unknown department \"{s}\""),
        );
    }
    d
}

fn biz_ref(r: &mut Reader, ids: &Ids, p: &str, v: &Json) -> Option<BizIdx> {
    let s = r.string(p, v)?;
    let b = ids.businesses.get(&s).copied();
    if b.is_none() {
        let hint = if ids.nodes.contains_key(&s) {
            " (that id is a place, not a business)"
        } else {
            ""
        };
        r.problem(
            p,
            ProblemKind::Dangling,
            format!("unknown business \"{s}\"{hint}"),
        );
    }
    b
}

fn node_ref(r: &mut Reader, ids: &Ids, p: &str, v: &Json) -> Option<NodeIdx> {
    let s = r.string(p, v)?;
    let n = ids.nodes.get(&s).copied();
    if n.is_none() {
        r.problem(
            p,
            ProblemKind::Dangling,
            format!("unknown place or business \"{s}\""),
        );
    }
    n
}

fn weekdays(r: &mut Reader, p: &str, v: &Json) -> Option<WeekdaySet> {
    let days = r.list(p, v, |r, p, v| {
        let s = r.string(p, v)?;
        let d = parse_weekday(&s);
        if d.is_none() {
            r.problem(
                p,
                ProblemKind::Invalid,
                format!("\"{s}\" is not a weekday: write mon, tue, wed, thu, fri, sat or sun"),
            );
        }
        d
    })?;
    let mut set = WeekdaySet::default();
    for d in days {
        set.insert(d);
    }
    Some(set)
}

fn dates(r: &mut Reader, p: &str, v: &Json) -> Option<BTreeSet<NaiveDate>> {
    r.list(p, v, |r, p, v| r.date(p, v))
        .map(|l| l.into_iter().collect())
}

fn hours(r: &mut Reader, p: &str, v: &Json) -> Option<Hours> {
    let o = r.object(p, v, &["start", "end"])?;
    let start = r.require(&o, "start", |r, p, v| r.clock(p, v));
    let end = r.require(&o, "end", |r, p, v| r.clock(p, v));
    let (start, end) = (start?, end?);
    if end <= start {
        r.problem(
            o.at("end"),
            ProblemKind::Invalid,
            format!("end {end} is not after start {start}"),
        );
        return None;
    }
    Some(Hours { start, end })
}
