//! `remove`: deletes entities by id and cascades to everything that refers to them.
//!
//! The cascade, applied to the scenario tree:
//!
//! | removed | also removed | also dropped |
//! |---|---|---|
//! | department | its tasks, its inspectors | from other inspectors' `acts_for`; `rules.incompatible` pairs naming it |
//! | business | its tasks | from inspectors' `recuse`; `travel.links` ending at it |
//! | place | — | `travel.links` ending at it |
//! | inspector, task | — | — |
//!
//! A place or business that is still some inspector's `base` once the variant's `remove`
//! and `upsert` are applied is an error (see [`check_bases`]): moving or dropping
//! officers changes capacity, which the planner should decide, not the program.
//! Every cascade becomes one note per removed id.

use super::file::{Named, Variant};
use super::tree::{array_mut, field_mut, has_id, id_of, items, join, str_at, List};
use crate::error::{Problem, ProblemKind};
use crate::json::Json;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Places and businesses removed, each with the place of the `remove` entry naming it.
pub(super) type RemovedNodes = BTreeMap<String, (List, String)>;

/// What removing one id dragged along, for its note.
#[derive(Default)]
struct Cascade {
    inspectors: Vec<String>,
    tasks: Vec<String>,
    acts_for: Vec<String>,
    recuse: Vec<String>,
    pairs: Vec<String>,
    links: Vec<String>,
}

impl Cascade {
    /// `removes inspector H1 and tasks T03, T13`, `drops it from acts_for of inspector M1`, …
    fn parts(&self) -> Vec<String> {
        let removes: Vec<String> = [
            counted("inspector", &self.inspectors),
            counted("task", &self.tasks),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut parts = Vec::new();
        if !removes.is_empty() {
            parts.push(format!("removes {}", removes.join(" and ")));
        }
        let drops = [
            (
                "drops it from acts_for of",
                counted("inspector", &self.acts_for),
            ),
            (
                "drops it from recuse of",
                counted("inspector", &self.recuse),
            ),
            ("drops", counted("incompatible pair", &self.pairs)),
            ("drops", counted("travel link", &self.links)),
        ];
        for (verb, what) in drops {
            if let Some(what) = what {
                parts.push(format!("{verb} {what}"));
            }
        }
        parts
    }
}

/// `inspector H1` or `tasks T03, T13`; `None` for no ids.
fn counted(noun: &str, ids: &[String]) -> Option<String> {
    match ids.len() {
        0 => None,
        1 => Some(format!("{noun} {}", join(ids))),
        _ => Some(format!("{noun}s {}", join(ids))),
    }
}

/// The ids named for removal, by list.
#[derive(Default)]
struct Sets {
    named: HashMap<List, HashSet<String>>,
}

impl Sets {
    fn has(&self, list: List, id: &str) -> bool {
        self.named.get(&list).is_some_and(|s| s.contains(id))
    }
}

/// Checks every `remove` entry names an existing id; problems go to `problems`.
pub(super) fn check_names(root: &Json, variant: &Variant, problems: &mut Vec<Problem>) {
    for (list, names) in &variant.remove {
        for Named { place, id } in names {
            if has_id(root, *list, id) {
                continue;
            }
            let hint = match list {
                List::Places if has_id(root, List::Businesses, id) => {
                    " (it is a business: list it under remove.businesses)"
                }
                List::Businesses if has_id(root, List::Places, id) => {
                    " (it is a place: list it under remove.places)"
                }
                _ => "",
            };
            problems.push(Problem {
                place: place.clone(),
                kind: ProblemKind::Dangling,
                message: format!("unknown {} \"{id}\"{hint}", list.noun()),
            });
        }
    }
}

/// Applies `remove` with its cascades (the names must have passed [`check_names`]).
/// Returns the removed places and businesses for [`check_bases`].
pub(super) fn apply(
    root: &mut Json,
    variant: &Variant,
    file: &str,
    notes: &mut Vec<String>,
) -> RemovedNodes {
    let mut sets = Sets::default();
    let mut nodes = RemovedNodes::new();
    let mut order: Vec<(List, String)> = Vec::new();
    for (list, names) in &variant.remove {
        for Named { place, id } in names {
            if sets.named.entry(*list).or_default().insert(id.clone()) {
                order.push((*list, id.clone()));
                if matches!(list, List::Places | List::Businesses) {
                    nodes.insert(id.clone(), (*list, place.clone()));
                }
            }
        }
    }
    let mut cascades: HashMap<(List, String), Cascade> = HashMap::new();

    // Whole entities: inspectors of removed departments, tasks of removed departments
    // or businesses.
    for list in List::ALL {
        let Some(entities) = array_mut(root, list.key()) else {
            continue;
        };
        entities.retain(|item| {
            let id = id_of(item).unwrap_or_default().to_owned();
            if sets.has(list, &id) {
                return false;
            }
            let dept = str_at(item, "department").unwrap_or_default();
            let cause = match list {
                List::Inspectors | List::Tasks if sets.has(List::Departments, dept) => {
                    Some((List::Departments, dept))
                }
                List::Tasks => str_at(item, "business")
                    .filter(|b| sets.has(List::Businesses, b))
                    .map(|b| (List::Businesses, b)),
                _ => None,
            };
            match cause {
                Some((cause_list, cause_id)) => {
                    let c = on(&mut cascades, cause_list, cause_id);
                    if list == List::Inspectors {
                        c.inspectors.push(id);
                    } else {
                        c.tasks.push(id);
                    }
                    false
                }
                None => true,
            }
        });
    }

    // References inside the inspectors that remain.
    if let Some(inspectors) = array_mut(root, "inspectors") {
        for insp in inspectors.iter_mut() {
            let id = id_of(insp).unwrap_or_default().to_owned();
            for (key, list) in [
                ("acts_for", List::Departments),
                ("recuse", List::Businesses),
            ] {
                let Some(Json::Array(refs)) = field_mut(insp, key) else {
                    continue;
                };
                refs.retain(|r| match r {
                    Json::Str(s) if sets.has(list, s) => {
                        let c = on(&mut cascades, list, s);
                        if list == List::Departments {
                            c.acts_for.push(id.clone());
                        } else {
                            c.recuse.push(id.clone());
                        }
                        false
                    }
                    _ => true,
                });
            }
        }
    }

    // Incompatible pairs naming a removed department.
    if let Some(Json::Array(pairs)) =
        field_mut(root, "rules").and_then(|r| field_mut(r, "incompatible"))
    {
        pairs.retain(|pair| {
            let Json::Array(ends) = pair else {
                return true;
            };
            let names: Vec<&str> = ends
                .iter()
                .filter_map(|e| match e {
                    Json::Str(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            match names.iter().find(|d| sets.has(List::Departments, d)) {
                Some(dept) => {
                    on(&mut cascades, List::Departments, dept)
                        .pairs
                        .push(names.join("/"));
                    false
                }
                None => true,
            }
        });
    }

    // Travel links ending at a removed place or business.
    if let Some(Json::Array(links)) = field_mut(root, "travel").and_then(|t| field_mut(t, "links"))
    {
        links.retain(|link| {
            let from = str_at(link, "from").unwrap_or_default();
            let to = str_at(link, "to").unwrap_or_default();
            match [from, to].into_iter().find(|n| nodes.contains_key(*n)) {
                Some(end) => {
                    let list = nodes.get(end).map_or(List::Places, |(l, _)| *l);
                    on(&mut cascades, list, end)
                        .links
                        .push(format!("{from}–{to}"));
                    false
                }
                None => true,
            }
        });
    }

    for key in order {
        if let Some(parts) = cascades.get(&key).map(Cascade::parts) {
            if !parts.is_empty() {
                let (list, id) = key;
                notes.push(format!(
                    "{file}: removing {} \"{id}\" also {}",
                    list.noun(),
                    parts.join("; ")
                ));
            }
        }
    }
    nodes
}

/// The cascade record of one removed id.
fn on<'a>(
    cascades: &'a mut HashMap<(List, String), Cascade>,
    list: List,
    id: &str,
) -> &'a mut Cascade {
    cascades.entry((list, id.to_owned())).or_default()
}

/// Reports every removed place or business that is still an inspector's `base`, at the
/// `remove` entry naming it.
pub(super) fn check_bases(root: &Json, nodes: &RemovedNodes, problems: &mut Vec<Problem>) {
    let mut based: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for insp in items(root, List::Inspectors) {
        if let Some(base) = str_at(insp, "base").filter(|b| nodes.contains_key(*b)) {
            let id = id_of(insp).unwrap_or_default().to_owned();
            based.entry(base).or_default().push(id);
        }
    }
    for (node, inspectors) in based {
        let Some((list, place)) = nodes.get(node) else {
            continue;
        };
        problems.push(Problem {
            place: place.clone(),
            kind: ProblemKind::Dangling,
            message: format!(
                "{} \"{node}\" is the base of inspectors {}: remove them too, or upsert \
                 them with another base",
                list.noun(),
                join(&inspectors)
            ),
        });
    }
}
