//! The sizes and shapes of the presets.
//!
//! | preset | cities | districts | towns per district | islands | tasks | week |
//! |---|---|---|---|---|---|---|
//! | tiny | 1 | 1 | 3 | 1 of 1 town | 14–16 | 2022-09-12, no holiday |
//! | district | 1 | 1 | 8–11 | 1–2 of 1–2 towns | 240–280 | 2022-09-12, no holiday |
//! | city | 1 | 4–6 | 5–8 | 1–2 | 2,850–3,150 | 2023-09-25, Mid-Autumn 09-29 off |
//! | province | 12–16 | 2–5 each | 4–7 | 0–1 per city | 48,000–52,000 | 2024-06-10, Dragon Boat 06-10 off |
//!
//! Businesses follow from the tasks (about 2.6 tasks per business), inspectors from the
//! tasks' demand ([`super::staff`]).

use super::Preset;
use chrono::NaiveDate;

/// Everything that differs between presets.
pub(crate) struct Shape {
    /// The preset's name, for the scenario name.
    pub label: &'static str,
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// Public holidays inside the week.
    pub holidays: Vec<NaiveDate>,
    /// Number of cities (each its own travel zone when more than one).
    pub cities: (usize, usize),
    /// Districts per city (each with its own offices).
    pub districts: (usize, usize),
    /// Tasks in the whole scenario.
    pub tasks: (usize, usize),
    /// Towns on the main land of each district.
    pub main_towns: (usize, usize),
    /// Islands per city (each a zone of its own, joined by a bridge or ferry).
    pub islands: (usize, usize),
    /// Towns per island.
    pub island_towns: (usize, usize),
    /// The six departments of [`super::catalog::Dept::TINY`] instead of 10–12.
    pub tiny: bool,
    /// Chance that a district has a town team on its main land as well.
    pub main_team: f64,
    /// Digits of business ids and of task ids.
    pub widths: (usize, usize),
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("preset dates are valid")
}

/// The shape of a preset.
pub(crate) fn shape(preset: Preset) -> Shape {
    match preset {
        Preset::Tiny => Shape {
            label: "tiny",
            week_start: date(2022, 9, 12),
            holidays: Vec::new(),
            cities: (1, 1),
            districts: (1, 1),
            tasks: (14, 16),
            main_towns: (3, 3),
            islands: (1, 1),
            island_towns: (1, 1),
            tiny: true,
            main_team: 0.0,
            widths: (2, 2),
        },
        Preset::District => Shape {
            label: "district",
            week_start: date(2022, 9, 12),
            holidays: Vec::new(),
            cities: (1, 1),
            districts: (1, 1),
            tasks: (240, 280),
            main_towns: (8, 11),
            islands: (1, 2),
            island_towns: (1, 2),
            tiny: false,
            main_team: 1.0,
            widths: (3, 3),
        },
        Preset::City => Shape {
            label: "city",
            week_start: date(2023, 9, 25),
            holidays: vec![date(2023, 9, 29)],
            cities: (1, 1),
            districts: (4, 6),
            tasks: (2850, 3150),
            main_towns: (5, 8),
            islands: (1, 2),
            island_towns: (1, 2),
            tiny: false,
            main_team: 0.5,
            widths: (4, 4),
        },
        Preset::Province => Shape {
            label: "province",
            week_start: date(2024, 6, 10),
            holidays: vec![date(2024, 6, 10)],
            cities: (12, 16),
            districts: (2, 5),
            tasks: (48_000, 52_000),
            main_towns: (4, 7),
            islands: (0, 1),
            island_towns: (1, 2),
            tiny: false,
            main_team: 0.3,
            widths: (5, 5),
        },
    }
}
