//! A strict JSON tree for reading input files.
//!
//! `serde_json::Value` forgets things the format cares about: a key given twice in one
//! object silently keeps the last value, and `20.0` becomes indistinguishable from `20`.
//! This tree keeps keys in file order, rejects duplicate keys during parsing (with the
//! line and column serde_json reports), and keeps integers apart from other numbers, so
//! the readers can report every type error by its JSON place.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer literal that fits `i64`.
    Int(i64),
    /// Any other number (with a fraction or exponent, or too large for `i64`).
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in file order (no duplicates).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses text; errors carry serde_json's line and column. A leading UTF-8 byte
    /// order mark (which some Windows editors write) is ignored.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// A short name of the value's type, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) => "an integer",
            Json::Float(_) => "a number with a fraction",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value of key `k` of an object.
    pub fn get(&self, k: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(key, _)| key == k).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(i64::try_from(v).map_or(Json::Float(v as f64), Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        // A Vec grows by doubling: without this, a large file's tree kept up to twice the
        // room its arrays and objects need, for as long as it was read.
        items.shrink_to_fit();
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields: Vec<(String, Json)> = Vec::new();
        // Objects are small (a task has about ten keys): a scan finds a repeated key
        // without a set per object; a set takes over for large ones.
        const SCAN: usize = 16;
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let repeated = if fields.len() < SCAN {
                fields.iter().any(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(fields.iter().map(|(k, _)| k.clone()));
                }
                !seen.insert(key.clone())
            };
            if repeated {
                return Err(de::Error::custom(format_args!(
                    "key \"{key}\" is given twice in one object"
                )));
            }
            let value = map.next_value()?;
            fields.push((key, value));
        }
        fields.shrink_to_fit();
        Ok(Json::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_integers_apart_from_fractions() {
        let j = Json::parse(r#"{"a": 20, "b": 20.0, "c": -3}"#).unwrap();
        assert_eq!(j.get("a"), Some(&Json::Int(20)));
        assert_eq!(j.get("b"), Some(&Json::Float(20.0)));
        assert_eq!(j.get("c"), Some(&Json::Int(-3)));
    }

    #[test]
    fn rejects_duplicate_keys_in_large_objects_too() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{{}}}", keys.join(", "));
        assert!(Json::parse(&ok).is_ok());
        for twice in ["k3", "k20", "k39"] {
            let bad = format!("{{{}, \"{twice}\": 0}}", keys.join(", "));
            let e = Json::parse(&bad).unwrap_err().to_string();
            assert!(
                e.contains(&format!("key \"{twice}\" is given twice")),
                "{e}"
            );
        }
    }

    #[test]
    fn rejects_duplicate_keys_with_position() {
        let e = Json::parse("{\n \"a\": 1,\n \"a\": 2}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("given twice"), "{e}");
        assert!(e.contains("line 3"), "{e}");
    }
}
