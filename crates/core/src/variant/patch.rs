//! `upsert` (whole objects replaced by id or appended) and `set` (an RFC 7386 JSON merge
//! patch on `horizon`, `rules` and `travel`).

use super::file::Variant;
use super::tree::{array_mut, entry, id_of, join, remove_key, render, List};
use crate::error::{Problem, ProblemKind};
use crate::json::Json;
use crate::read::{item_place, key_place};
use std::collections::HashMap;

/// Where an upserted object ended up: its scenario place (`tasks[13]`) and the place in
/// the variant file that gave it (`upsert.tasks[0]`).
#[derive(Clone, Debug)]
pub(super) struct Origin {
    pub scenario_place: String,
    pub variant_place: String,
}

/// Reports an id given twice in one `upsert` list (which object should win?).
pub(super) fn check_upsert(variant: &Variant, problems: &mut Vec<Problem>) {
    for (list, entries) in &variant.upsert {
        let mut first: HashMap<&str, &str> = HashMap::new();
        for e in entries {
            if let Some(prev) = first.insert(&e.id, &e.place) {
                problems.push(Problem {
                    place: key_place(&e.place, "id"),
                    kind: ProblemKind::DuplicateId,
                    message: format!(
                        "{} \"{}\" is upserted twice (first at {prev}): give it once",
                        list.noun(),
                        e.id
                    ),
                });
                first.insert(&e.id, prev);
            }
        }
    }
}

/// Applies `upsert`: each object replaces the entity with its id in place, or is
/// appended. Returns where each object ended up.
pub(super) fn upsert(
    root: &mut Json,
    variant: &Variant,
    file: &str,
    notes: &mut Vec<String>,
) -> Vec<Origin> {
    let mut origins = Vec::new();
    for (list, entries) in &variant.upsert {
        let Some(entities) = array_mut(root, list.key()) else {
            continue;
        };
        let (mut replaced, mut added) = (Vec::new(), Vec::new());
        for e in entries {
            let at = match entities
                .iter()
                .position(|i| id_of(i) == Some(e.id.as_str()))
            {
                Some(pos) => {
                    entities[pos] = e.item.clone();
                    replaced.push(e.id.clone());
                    pos
                }
                None => {
                    entities.push(e.item.clone());
                    added.push(e.id.clone());
                    entities.len() - 1
                }
            };
            origins.push(Origin {
                scenario_place: item_place(list.key(), at),
                variant_place: e.place.clone(),
            });
        }
        notes.push(upsert_note(file, *list, &replaced, &added));
    }
    origins
}

fn upsert_note(file: &str, list: List, replaced: &[String], added: &[String]) -> String {
    let mut parts = Vec::new();
    if !replaced.is_empty() {
        parts.push(format!("replaces {}", join(replaced)));
    }
    if !added.is_empty() {
        parts.push(format!("adds {}", join(added)));
    }
    format!("{file}: upsert {} {}", list.key(), parts.join("; "))
}

/// Applies `set` as a merge patch on the root; notes each changed value.
pub(super) fn set(root: &mut Json, variant: &Variant, file: &str, notes: &mut Vec<String>) {
    let Some(patch) = &variant.set else {
        return;
    };
    let mut changes = Vec::new();
    merge_patch(root, patch, "", &mut changes);
    if !changes.is_empty() {
        notes.push(format!("{file}: set {}", changes.join("; ")));
    }
}

/// RFC 7386: an object patch merges key by key (`null` deletes the key, objects merge
/// recursively, anything else replaces); any other patch replaces the target. `changes`
/// receives one line per replaced or deleted value, by JSON place.
pub(super) fn merge_patch(target: &mut Json, patch: &Json, place: &str, changes: &mut Vec<String>) {
    let Json::Object(fields) = patch else {
        *target = patch.clone();
        changes.push(format!("{place} = {}", render(patch)));
        return;
    };
    if !matches!(target, Json::Object(_)) {
        *target = Json::Object(Vec::new());
    }
    for (key, value) in fields {
        let at = key_place(place, key);
        if matches!(value, Json::Null) {
            if remove_key(target, key) {
                changes.push(format!("{at} removed (its default applies)"));
            }
        } else if let Some(slot) = entry(target, key) {
            merge_patch(slot, value, &at, changes);
        }
    }
}

/// Appends ` (from upsert.tasks[0])` to every problem inside an upserted object.
pub(super) fn blame_upserts(problems: &mut [Problem], origins: &[Origin]) {
    for p in problems {
        let origin = origins.iter().find(|o| {
            p.place
                .strip_prefix(&o.scenario_place)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        });
        if let Some(o) = origin {
            p.message = format!("{} (from {})", p.message, o.variant_place);
        }
    }
}
