//! Readers that turn a [`Json`] tree into typed values, collecting every problem with its
//! JSON place instead of stopping at the first.
//!
//! Conventions shared by the scenario and plan formats: an optional field that is absent
//! or `null` takes its default; a required one must be present and not `null`; fields
//! the format does not know are problems (a typo must not pass silently); counts and
//! minutes are JSON integers (`20.0` is a type problem).

use crate::error::{InputError, Problem, ProblemKind};
use crate::json::Json;
use crate::scenario::time::{parse_date, Clock};
use chrono::NaiveDate;

/// Reads an input file as UTF-8 text. A file that cannot be read is an [`ProblemKind::Io`]
/// problem; one that is not UTF-8 is an [`ProblemKind::Encoding`] problem naming the line,
/// column and byte offset of the first bad byte (so it can be found in an editor).
pub fn read_text(path: &std::path::Path) -> Result<String, InputError> {
    use std::io::Read;
    let file = path.display().to_string();
    let io = |e: std::io::Error| {
        InputError::single(&file, ProblemKind::Io, format!("cannot read the file: {e}"))
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::single(
            &file,
            ProblemKind::Io,
            format!(
                "the file is larger than {} MiB, the most onedoor reads (reading takes \
                 memory about 15 times the file's size)",
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        InputError::single(&file, ProblemKind::Encoding, not_utf8(bytes, at))
    })
}

/// The message for a file whose bytes are UTF-8 up to `at` only.
fn not_utf8(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Columns count characters, as serde_json's do; the part before `at` is valid UTF-8.
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    let shown: Vec<String> = bytes[at..]
        .iter()
        .take(4)
        .map(|b| format!("{b:#04x}"))
        .collect();
    format!(
        "not UTF-8 text at line {line} column {column} (byte offset {at}, bytes {}): \
         save the file as UTF-8",
        shown.join(" ")
    )
}

/// The largest input file read, in bytes (512 MiB; a province of 50,000 tasks is 16 MB, a
/// national week of sixteen provinces 270 MB).
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// The most minutes any duration of a scenario may have: one whole day.
pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// Joins a JSON place and a key: `tasks[3]` + `business` = `tasks[3].business`.
pub fn key_place(place: &str, key: &str) -> String {
    if place.is_empty() {
        key.to_owned()
    } else {
        format!("{place}.{key}")
    }
}

/// Joins a JSON place and an array position: `tasks` + 3 = `tasks[3]`.
pub fn item_place(place: &str, i: usize) -> String {
    format!("{place}[{i}]")
}

/// Collects problems while reading.
#[derive(Default, Debug)]
pub struct Reader {
    /// Problems found so far, in reading order.
    pub problems: Vec<Problem>,
}

/// An object being read: its place and fields.
#[derive(Clone, Copy)]
pub struct Obj<'a> {
    place: &'a str,
    fields: &'a [(String, Json)],
}

impl<'a> Obj<'a> {
    /// The object's JSON place.
    pub fn place(&self) -> &'a str {
        self.place
    }

    /// The value of `key`, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Json::Null))
    }

    /// The place of `key` in this object.
    pub fn at(&self, key: &str) -> String {
        key_place(self.place, key)
    }
}

impl Reader {
    /// Records a problem.
    pub fn problem(
        &mut self,
        place: impl Into<String>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            place: place.into(),
            kind,
            message: message.into(),
        });
    }

    fn wrong_type(&mut self, place: &str, expected: &str, found: &Json) {
        self.problem(
            place,
            ProblemKind::Type,
            format!("expected {expected}, found {}", found.kind()),
        );
    }

    /// Reads an object whose keys must all be in `allowed`.
    pub fn object<'a>(&mut self, place: &'a str, v: &'a Json, allowed: &[&str]) -> Option<Obj<'a>> {
        let Json::Object(fields) = v else {
            self.wrong_type(place, "an object", v);
            return None;
        };
        for (k, _) in fields {
            if !allowed.contains(&k.as_str()) {
                let hint = closest(k, allowed)
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                self.problem(
                    key_place(place, k),
                    ProblemKind::UnknownField,
                    format!(
                        "unknown field \"{k}\"{hint}; known fields: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Some(Obj { place, fields })
    }

    /// A required field: reports it missing when absent or null.
    pub fn required<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a Json> {
        let v = obj.get(key);
        if v.is_none() {
            self.problem(
                obj.at(key),
                ProblemKind::Missing,
                format!("required field \"{key}\" is missing"),
            );
        }
        v
    }

    /// Reads an array.
    pub fn array<'a>(&mut self, place: &str, v: &'a Json) -> Option<&'a [Json]> {
        match v {
            Json::Array(items) => Some(items),
            other => {
                self.wrong_type(place, "an array", other);
                None
            }
        }
    }

    /// Reads a string.
    pub fn string(&mut self, place: &str, v: &Json) -> Option<String> {
        match v {
            Json::Str(s) => Some(s.clone()),
            other => {
                self.wrong_type(place, "a string", other);
                None
            }
        }
    }

    /// Reads a non-empty string id.
    pub fn id(&mut self, place: &str, v: &Json) -> Option<String> {
        let s = self.string(place, v)?;
        if s.is_empty() {
            self.problem(place, ProblemKind::Invalid, "ids must not be empty");
            return None;
        }
        if let Some((pos, c)) = s.chars().enumerate().find(|(_, c)| unseen_char(*c)) {
            self.problem(
                place,
                ProblemKind::Invalid,
                format!(
                    "ids must not hold control, invisible or direction-changing characters: \
                     found U+{:04X} at character {}",
                    c as u32,
                    pos + 1
                ),
            );
            return None;
        }
        Some(s)
    }

    /// Reads a boolean.
    pub fn boolean(&mut self, place: &str, v: &Json) -> Option<bool> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                self.wrong_type(place, "true or false", other);
                None
            }
        }
    }

    /// Reads a JSON integer in `min..=max`.
    pub fn integer(&mut self, place: &str, v: &Json, min: i64, max: i64) -> Option<i64> {
        match v {
            Json::Int(i) if (min..=max).contains(i) => Some(*i),
            Json::Int(i) => {
                let range = if max == i64::MAX {
                    format!("at least {min}")
                } else {
                    format!("from {min} to {max}")
                };
                self.problem(
                    place,
                    ProblemKind::Invalid,
                    format!("{i} is out of range: must be {range}"),
                );
                None
            }
            Json::Float(f) if f.fract() == 0.0 => {
                // `20.0` or `2e1`: a whole number, but not written as a JSON integer.
                self.problem(
                    place,
                    ProblemKind::Type,
                    format!(
                        "expected an integer, found {f:?}: write whole numbers without a \
                         decimal point or exponent"
                    ),
                );
                None
            }
            other => {
                self.wrong_type(place, "an integer", other);
                None
            }
        }
    }

    /// Reads a non-negative integer that fits `u32` (minutes, counts).
    pub fn count(&mut self, place: &str, v: &Json) -> Option<u32> {
        self.integer(place, v, 0, u32::MAX as i64).map(|i| i as u32)
    }

    /// Reads a duration in whole minutes, 0 to [`MINUTES_PER_DAY`]: nothing lasting longer
    /// than a day can happen in a working day, so a larger value is a mistake (and would
    /// otherwise overflow the arithmetic of times of day).
    pub fn minutes(&mut self, place: &str, v: &Json) -> Option<u32> {
        match v {
            Json::Int(i) if !(0..=i64::from(MINUTES_PER_DAY)).contains(i) => {
                self.problem(
                    place,
                    ProblemKind::Invalid,
                    format!(
                        "{i} minutes is out of range: must be from 0 to {MINUTES_PER_DAY} \
                         (a whole day)"
                    ),
                );
                None
            }
            _ => self.count(place, v),
        }
    }

    /// Reads any finite number.
    pub fn number(&mut self, place: &str, v: &Json) -> Option<f64> {
        match v {
            Json::Int(i) => Some(*i as f64),
            Json::Float(f) if f.is_finite() => Some(*f),
            other => {
                self.wrong_type(place, "a number", other);
                None
            }
        }
    }

    /// Reads a `YYYY-MM-DD` date.
    pub fn date(&mut self, place: &str, v: &Json) -> Option<NaiveDate> {
        let s = self.string(place, v)?;
        let d = parse_date(&s);
        if d.is_none() {
            self.problem(
                place,
                ProblemKind::Invalid,
                format!("\"{s}\" is not a date: write YYYY-MM-DD"),
            );
        }
        d
    }

    /// Reads an `HH:MM` time of day.
    pub fn clock(&mut self, place: &str, v: &Json) -> Option<Clock> {
        let s = self.string(place, v)?;
        let c = Clock::parse(&s);
        if c.is_none() {
            self.problem(
                place,
                ProblemKind::Invalid,
                format!("\"{s}\" is not a time: write HH:MM, 00:00 to 23:59"),
            );
        }
        c
    }

    /// Reads an array, each element with `f(reader, place, element)`; `None` if the value
    /// is not an array or any element failed.
    pub fn list<T>(
        &mut self,
        place: &str,
        v: &Json,
        mut f: impl FnMut(&mut Self, &str, &Json) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.array(place, v)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match f(self, &item_place(place, i), item) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// An optional field read with `f`: `Some(default)` when absent or null,
    /// `None` when present but bad.
    pub fn optional<T>(
        &mut self,
        obj: &Obj,
        key: &str,
        default: T,
        f: impl FnOnce(&mut Self, &str, &Json) -> Option<T>,
    ) -> Option<T> {
        match obj.get(key) {
            None => Some(default),
            Some(v) => f(self, &obj.at(key), v),
        }
    }

    /// A required field read with `f`.
    pub fn require<T>(
        &mut self,
        obj: &Obj,
        key: &str,
        f: impl FnOnce(&mut Self, &str, &Json) -> Option<T>,
    ) -> Option<T> {
        let v = self.required(obj, key)?;
        f(self, &obj.at(key), v)
    }
}

/// The allowed key nearest to a misspelt one, if it is near enough to be a likely typo.
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether `c` is a character a person cannot see or that changes how text around it is
/// shown: control characters, zero-width characters, bidirectional marks, embeddings,
/// overrides and isolates, and the byte-order mark. Ids holding one look like other ids,
/// reorder a line or break a CSV file, so the loader refuses them.
pub fn unseen_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_invalid_utf8() {
        let text = b"{\n  \"name\": \"ab\xff\"}";
        let m = not_utf8(text, 15);
        assert!(
            m.contains("line 2 column 14 (byte offset 15, bytes 0xff 0x22 0x7d)"),
            "{m}"
        );
    }

    #[test]
    fn suggests_near_keys() {
        assert_eq!(
            closest("prority", &["priority", "minutes"]),
            Some("priority")
        );
        assert_eq!(closest("zzz", &["priority", "minutes"]), None);
    }
}
