//! Reads a variant file (`extends`, `name`, `remove`, `upsert`, `set`) into [`Variant`],
//! reporting every problem of the file at once with its JSON place.

use super::tree::{id_of, List};
use crate::error::{InputError, ProblemKind};
use crate::json::Json;
use crate::read::{key_place, Reader};

/// The keys a variant file may have.
pub(super) const VARIANT_KEYS: &[&str] = &["extends", "name", "remove", "upsert", "set"];

/// The root objects a variant may patch with `set`.
pub(super) const SET_KEYS: &[&str] = &["horizon", "rules", "travel"];

/// One id named in `remove`, with its place (`remove.inspectors[2]`).
#[derive(Clone, Debug)]
pub(super) struct Named {
    pub place: String,
    pub id: String,
}

/// One object given in `upsert`, with its place (`upsert.tasks[0]`) and id.
#[derive(Clone, Debug)]
pub(super) struct Upserted {
    pub place: String,
    pub id: String,
    pub item: Json,
}

/// A parsed variant file.
#[derive(Clone, Debug, Default)]
pub(super) struct Variant {
    /// The base file, relative to the variant file.
    pub extends: String,
    /// The scenario name to give the result.
    pub name: Option<String>,
    /// Ids to remove, per list.
    pub remove: Vec<(List, Vec<Named>)>,
    /// Objects to replace by id or append, per list.
    pub upsert: Vec<(List, Vec<Upserted>)>,
    /// The merge patch restricted to `horizon`, `rules` and `travel` (an object).
    pub set: Option<Json>,
}

/// Whether a parsed file is a variant (an object with an `extends` key).
pub(super) fn is_variant(root: &Json) -> bool {
    matches!(root, Json::Object(fields) if fields.iter().any(|(k, _)| k == "extends"))
}

/// Reads a variant file's tree; `file` names it in the error.
pub(super) fn read(root: &Json, file: &str) -> Result<Variant, InputError> {
    let mut r = Reader::default();
    let variant = read_variant(&mut r, root);
    match variant {
        Some(v) if r.problems.is_empty() => Ok(v),
        _ => Err(InputError {
            file: file.to_owned(),
            problems: r.problems,
        }),
    }
}

fn read_variant(r: &mut Reader, root: &Json) -> Option<Variant> {
    let o = r.object("", root, VARIANT_KEYS)?;
    let extends = r.require(&o, "extends", |r, p, v| r.id(p, v));
    let name = r.optional(&o, "name", None, |r, p, v| r.string(p, v).map(Some));
    let remove = r.optional(&o, "remove", Vec::new(), |r, p, v| {
        lists(r, p, v, |r, p, v| {
            r.id(p, v).map(|id| Named {
                place: p.to_owned(),
                id,
            })
        })
    });
    let upsert = r.optional(&o, "upsert", Vec::new(), |r, p, v| lists(r, p, v, upserted));
    let set = match root.get("set") {
        None | Some(Json::Null) => Some(None),
        Some(v) => r.object("set", v, SET_KEYS).map(|_| Some(v.clone())),
    };
    Some(Variant {
        extends: extends?,
        name: name?,
        remove: remove?,
        upsert: upsert?,
        set: set?,
    })
}

/// Reads an object of lists keyed by list name, each element with `f`.
fn lists<T>(
    r: &mut Reader,
    place: &str,
    v: &Json,
    mut f: impl FnMut(&mut Reader, &str, &Json) -> Option<T>,
) -> Option<Vec<(List, Vec<T>)>> {
    let keys = List::keys();
    let o = r.object(place, v, &keys)?;
    let mut out = Vec::new();
    let mut ok = true;
    for list in List::ALL {
        if let Some(v) = o.get(list.key()) {
            match r.list(&o.at(list.key()), v, &mut f) {
                Some(items) => out.push((list, items)),
                None => ok = false,
            }
        }
    }
    ok.then_some(out)
}

/// One object of an `upsert` list: any object with a non-empty string `id` (the rest is
/// checked by the scenario loader once the variant is applied).
fn upserted(r: &mut Reader, place: &str, v: &Json) -> Option<Upserted> {
    if !matches!(v, Json::Object(_)) {
        r.problem(
            place,
            ProblemKind::Type,
            format!("expected a whole object, found {}", v.kind()),
        );
        return None;
    }
    let id_place = key_place(place, "id");
    let id = match v.get("id") {
        None | Some(Json::Null) => {
            r.problem(
                id_place,
                ProblemKind::Missing,
                "required field \"id\" is missing: upsert replaces or adds objects by id",
            );
            None
        }
        Some(id) => r.id(&id_place, id),
    }?;
    debug_assert_eq!(id_of(v), Some(id.as_str()));
    Some(Upserted {
        place: place.to_owned(),
        id,
        item: v.clone(),
    })
}
