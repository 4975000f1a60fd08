//! The JSON layout of a scenario file: pretty at the top, one record per line below.
//!
//! `serde_json`'s pretty printer puts every array element on a line of its own, which
//! spreads a task over fifteen lines. Scenario files read better the way docs/format.md, "The scenario file",
//! shows them: the root object and its sections (`horizon`, `rules`, `travel`) one key
//! per line, every list of records one record per line, and everything inside a record
//! on that line. Scalars are written by `serde_json` (escaping, number format), and the
//! key order is the structs' (the `preserve_order` feature).

use serde_json::Value;

/// The text of `value` (an object) in the scenario layout, with a final newline.
pub(crate) fn render(value: &Value) -> String {
    let mut out = String::new();
    block(value, 0, &mut out);
    out.push('\n');
    out
}

/// Writes `value` at nesting `depth`: objects at depth 0 and 1 and lists of records are
/// broken over lines; anything else is written on one line.
fn block(value: &Value, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth + 1);
    match value {
        Value::Object(map) if depth <= 1 && !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, v)) in map.iter().enumerate() {
                out.push_str(&pad);
                scalar(&Value::String(k.clone()), out);
                out.push_str(": ");
                block(v, depth + 1, out);
                if i + 1 < map.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                out.push_str(&pad);
                inline(v, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
            out.push(']');
        }
        other => inline(other, out),
    }
}

/// Writes `value` on one line, `{"a": 1, "b": [2, 3]}`.
fn inline(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                scalar(&Value::String(k.clone()), out);
                out.push_str(": ");
                inline(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                inline(v, out);
            }
            out.push(']');
        }
        other => scalar(other, out),
    }
}

fn scalar(value: &Value, out: &mut String) {
    out.push_str(&serde_json::to_string(value).expect("a JSON scalar always serialises"));
}

#[cfg(test)]
mod tests {
    use super::render;
    use serde_json::json;

    #[test]
    fn records_go_one_per_line() {
        let v = json!({"a": 1, "h": {"s": "x", "w": ["mon", "tue"]}, "l": [{"id": "P", "loc": {"x": 1.5}}], "e": []});
        let want = "{\n  \"a\": 1,\n  \"h\": {\n    \"s\": \"x\",\n    \"w\": [\"mon\", \"tue\"]\n  },\n  \"l\": [\n    {\"id\": \"P\", \"loc\": {\"x\": 1.5}}\n  ],\n  \"e\": []\n}\n";
        assert_eq!(render(&v), want);
    }
}
