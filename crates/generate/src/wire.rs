//! The scenario file as the generator writes it: serde structs in the order and with the
//! field names of docs/format.md, "The scenario file".
//!
//! These mirror the format, not the loader's model: the generator writes JSON text and the
//! loader (`onedoor_core::scenario::load`) stays the one reader of it. Fields equal to the
//! format's default are left out, so a generated file reads like a hand-written one.

use serde::Serialize;

/// The whole file.
#[derive(Serialize)]
pub(crate) struct Scenario {
    pub version: u32,
    pub name: String,
    pub horizon: Horizon,
    pub rules: Rules,
    pub travel: Travel,
    pub places: Vec<Place>,
    pub departments: Vec<Department>,
    pub inspectors: Vec<Inspector>,
    pub businesses: Vec<Business>,
    pub tasks: Vec<Task>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// `notice`: who issues the notices businesses receive (the issue date is left to its
/// default).
#[derive(Serialize)]
pub(crate) struct Notice {
    pub issuer: String,
    pub contact: String,
    pub phone: String,
    pub legal_basis: String,
    pub number_prefix: String,
}

/// One entry of the `items` catalogue.
#[derive(Serialize)]
pub(crate) struct Item {
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepare: Option<&'static str>,
}

/// `horizon`.
#[derive(Serialize)]
pub(crate) struct Horizon {
    pub start: String,
    pub end: String,
    pub workdays: Vec<&'static str>,
    pub holidays: Vec<String>,
    pub hours: Hours,
}

/// A `{"start", "end"}` pair of `HH:MM` times.
#[derive(Serialize, Clone)]
pub(crate) struct Hours {
    pub start: String,
    pub end: String,
}

/// `rules`.
#[derive(Serialize)]
pub(crate) struct Rules {
    pub min_certified_per_visit: u32,
    pub visit_overhead_minutes: u32,
    pub max_visit_minutes: u32,
    pub max_departments_per_visit: Option<u32>,
    pub incompatible: Vec<[String; 2]>,
}

/// `travel`.
#[derive(Serialize)]
pub(crate) struct Travel {
    pub speed_kmh: f64,
    pub detour: f64,
    pub links: Vec<Link>,
}

/// One bridge or ferry.
#[derive(Serialize)]
pub(crate) struct Link {
    pub from: String,
    pub to: String,
    pub minutes: u32,
}

/// Planar kilometres.
#[derive(Serialize, Clone, Copy)]
pub(crate) struct Xy {
    pub x: f64,
    pub y: f64,
}

/// An office, town hall, bridge head or transport hub.
#[derive(Serialize)]
pub(crate) struct Place {
    pub id: String,
    pub name: String,
    pub zone: String,
    pub location: Xy,
}

/// A department.
#[derive(Serialize)]
pub(crate) struct Department {
    pub id: String,
    pub name: String,
}

/// An inspector.
#[derive(Serialize, Clone)]
pub(crate) struct Inspector {
    pub id: String,
    pub name: String,
    pub department: String,
    pub certified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    pub base: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub acts_for: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_visits_per_day: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recuse: Vec<String>,
}

/// A business's opening days and hours.
#[derive(Serialize, Clone)]
pub(crate) struct Open {
    pub days: Vec<&'static str>,
    pub hours: Hours,
}

/// A business.
#[derive(Serialize)]
pub(crate) struct Business {
    pub id: String,
    pub name: String,
    pub town: String,
    pub zone: String,
    pub location: Xy,
    pub open: Open,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_visits: Option<u32>,
    pub tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A fixed appointment.
#[derive(Serialize)]
pub(crate) struct Pinned {
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

/// A task.
#[derive(Serialize)]
pub(crate) struct Task {
    pub id: String,
    pub department: &'static str,
    pub business: String,
    pub minutes: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joinable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officers: Option<u32>,
    pub items: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Pinned>,
}

/// `HH:MM` for minutes since midnight.
pub(crate) fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
