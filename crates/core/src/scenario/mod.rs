//! The scenario: the week's departments, inspectors, businesses and planned tasks.
//!
//! [`load`] reads the JSON file format into the validated [`model`]; [`time`] holds the
//! clock and calendar types shared by everything downstream.

pub mod load;
pub mod model;
pub mod part;
pub mod time;

pub use load::{load_scenario, parse_scenario};
pub use model::*;
pub use part::PartSpec;
