//! Small helpers for editing a [`Json`] tree in place: object fields, the scenario's id
//! lists, and a compact rendering of values for notes.

use crate::json::Json;

/// The five id lists of a scenario, in the file's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum List {
    Places,
    Departments,
    Inspectors,
    Businesses,
    Tasks,
}

impl List {
    /// Every list, in the file's order.
    pub(super) const ALL: [List; 5] = [
        List::Places,
        List::Departments,
        List::Inspectors,
        List::Businesses,
        List::Tasks,
    ];

    /// The root key of the list.
    pub(super) fn key(self) -> &'static str {
        match self {
            List::Places => "places",
            List::Departments => "departments",
            List::Inspectors => "inspectors",
            List::Businesses => "businesses",
            List::Tasks => "tasks",
        }
    }

    /// What one entry of the list is called in messages.
    pub(super) fn noun(self) -> &'static str {
        match self {
            List::Places => "place",
            List::Departments => "department",
            List::Inspectors => "inspector",
            List::Businesses => "business",
            List::Tasks => "task",
        }
    }

    /// The root keys of every list.
    pub(super) fn keys() -> [&'static str; 5] {
        List::ALL.map(List::key)
    }
}

/// The value of `key` of an object, mutable.
pub(super) fn field_mut<'a>(obj: &'a mut Json, key: &str) -> Option<&'a mut Json> {
    match obj {
        Json::Object(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The value of `key` of an object, inserted as `null` at the end when absent; `None`
/// when `obj` is not an object.
pub(super) fn entry<'a>(obj: &'a mut Json, key: &str) -> Option<&'a mut Json> {
    let Json::Object(fields) = obj else {
        return None;
    };
    let pos = match fields.iter().position(|(k, _)| k == key) {
        Some(pos) => pos,
        None => {
            fields.push((key.to_owned(), Json::Null));
            fields.len() - 1
        }
    };
    fields.get_mut(pos).map(|(_, v)| v)
}

/// Removes `key` from an object; whether it was there.
pub(super) fn remove_key(obj: &mut Json, key: &str) -> bool {
    match obj {
        Json::Object(fields) => {
            let before = fields.len();
            fields.retain(|(k, _)| k != key);
            fields.len() != before
        }
        _ => false,
    }
}

/// The array at `key` of an object, created (empty) when absent or `null`; `None` when
/// `obj` is not an object or the value is not an array.
pub(super) fn array_mut<'a>(obj: &'a mut Json, key: &str) -> Option<&'a mut Vec<Json>> {
    let slot = entry(obj, key)?;
    if matches!(slot, Json::Null) {
        *slot = Json::Array(Vec::new());
    }
    match slot {
        Json::Array(items) => Some(items),
        _ => None,
    }
}

/// The entries of a list of the root (empty when absent or not an array).
pub(super) fn items(root: &Json, list: List) -> &[Json] {
    match root.get(list.key()) {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// The string `id` of an entity, if it has one.
pub(super) fn id_of(item: &Json) -> Option<&str> {
    str_at(item, "id")
}

/// The string at `key` of an object.
pub(super) fn str_at<'a>(item: &'a Json, key: &str) -> Option<&'a str> {
    match item.get(key) {
        Some(Json::Str(s)) => Some(s),
        _ => None,
    }
}

/// Whether the list holds an entity with this id.
pub(super) fn has_id(root: &Json, list: List, id: &str) -> bool {
    items(root, list).iter().any(|i| id_of(i) == Some(id))
}

/// Compact JSON text of a value, cut to about 60 characters for notes.
pub(super) fn render(v: &Json) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| v.kind().to_owned());
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// Sets the root `name`, in place when present, else after `version` (or first).
pub(super) fn set_name(root: &mut Json, name: &str) {
    let Json::Object(fields) = root else {
        return;
    };
    let value = Json::Str(name.to_owned());
    if let Some((_, v)) = fields.iter_mut().find(|(k, _)| k == "name") {
        *v = value;
        return;
    }
    let at = fields
        .iter()
        .position(|(k, _)| k == "version")
        .map_or(0, |p| p + 1);
    fields.insert(at, ("name".to_owned(), value));
}

/// `a, b, c` from ids; a long list shows its first ids and its length.
pub(super) fn join(ids: &[String]) -> String {
    const SHOWN: usize = 8;
    if ids.len() <= SHOWN + 2 {
        ids.join(", ")
    } else {
        format!("{}, … ({} in all)", ids[..SHOWN].join(", "), ids.len())
    }
}
