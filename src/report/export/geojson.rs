//! `plan.geojson` (RFC 7946) for scenarios with lat/lon locations: every business
//! visited as a Point, every inspector-day as a LineString from the base through its
//! visits and back along the travel graph's shortest paths (so a trip to an island goes
//! over the bridge or ferry link's ends, not across the water), coordinates in
//! longitude–latitude order, with simplestyle properties
//! (`marker-color`, `stroke`, `title`, …) so map viewers colour them. Planar scenarios
//! get none (GeoJSON has no planar coordinates); `export` says so.

use super::Week;
use crate::scenario::Location;
use onedoor_core::ids::{BizIdx, NodeIdx};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Line colours of inspector days, by department index.
pub(crate) const PALETTE: [&str; 12] = [
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939",
];

/// `[lon, lat]` rounded to 6 places, or `None` for a planar location.
fn position(loc: Location) -> Option<Value> {
    match loc {
        Location::Geo { lat, lon } => Some(json!([round6(lon), round6(lat)])),
        Location::Planar { .. } => None,
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The GeoJSON text, or `None` when the scenario's locations are planar.
pub(super) fn geojson(w: &Week) -> Option<String> {
    let scn = w.scn;
    let mut features = Vec::new();
    let mut visits_at: BTreeMap<BizIdx, Vec<&str>> = BTreeMap::new();
    for row in &w.visits {
        visits_at.entry(row.biz).or_default().push(&row.visit.id);
    }
    for (&b, ids) in &visits_at {
        let biz = scn.business(b);
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": position(biz.location)?},
            "properties": {
                "kind": "business",
                "id": biz.id,
                "name": biz.name,
                "town": biz.town,
                "visits": ids,
                "title": format!("{}{}{}{}", biz.name, w.words().open, biz.town, w.words().close),
                "marker-color": "#b22222",
                "marker-size": if ids.len() > 1 { "large" } else { "medium" },
                "marker-symbol": ids.len().min(9).to_string(),
            }
        }));
    }
    for day in &w.days {
        let insp = scn.inspector(day.insp);
        let node_pos = |n: NodeIdx| position(scn.node_site(n).1);
        let plan = super::route::day_plan(w, day);
        let mut line = vec![node_pos(insp.base)?];
        for leg in &plan.legs {
            for &n in leg.path.iter().skip(1) {
                line.push(node_pos(n)?);
            }
        }
        let colour = PALETTE[insp.department.index() % PALETTE.len()];
        let travel = plan.travel();
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": line},
            "properties": {
                "kind": "inspector-day",
                "inspector": insp.id,
                "name": insp.name,
                "department": w.dept(insp.department),
                "date": onedoor_core::scenario::time::fmt_date(day.date),
                "visits": day.stops.iter().map(|s| w.visits[s.visit].visit.id.as_str()).collect::<Vec<_>>(),
                "travel_minutes": travel,
                "title": format!("{} {}", insp.name, onedoor_core::scenario::time::fmt_date(day.date)),
                "stroke": colour,
                "stroke-width": 2,
                "stroke-opacity": 0.8,
            }
        }));
    }
    let doc = json!({
        "type": "FeatureCollection",
        "name": scn.name,
        "features": features,
    });
    let mut text = serde_json::to_string_pretty(&doc).ok()?;
    text.push('\n');
    Some(text)
}
