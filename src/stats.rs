//! The `stats` report: a coordinator's first look at a week. (Stub: being written.)

use crate::scenario::Scenario;
use crate::travel::TravelGraph;

/// The report as text.
pub fn report(_scn: &Scenario, _travel: &TravelGraph) -> String {
    String::new()
}
